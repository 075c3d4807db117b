"""From a draft's paragraphs to the data of a `Speech`: the header block, then the body's sections in the
genre's order (opening, praise, shortcomings, recommendations, closing). Every paragraph lands somewhere, in
order; what lands by position rather than by its look is reported."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from typing import Any

from docgen.importer import genre, header
from docgen.importer.compose import Composer
from docgen.importer.header import split_header
from docgen.importer.pdf_spaces import drop_quote_spaces
from docgen.importer.pieces import lead_pieces
from docgen.importer.report import ImportReport, MissingTitleError, Role
from docgen.importer.roles import Block, Outliner, is_zhuchi
from docgen.importer.run_together import split_mid_headings
from docgen.importer.sequence_parts import counted_headings
from docgen.importer.source import Range, SourceParagraph, drop_body_pdf_spaces, normalise
from docgen.importer.split import closing_paragraph, cut
from docgen.importer.unnumbered import mark_unnumbered
from docgen.model.numbering import Enumerator, parse_label

_KEPT_LABELS = {
    Enumerator.ORDINAL: "“一是”",
    Enumerator.LEVEL1: "“一、”",
    Enumerator.LEVEL2: "“（一）”",
    Enumerator.LEVEL3: "“1.”",
    Enumerator.LEVEL4: "“（1）”",
    Enumerator.SEQUENCE: "“第一”",
}


@dataclass
class _Sections:
    """Index ranges of the body's parts; ``None`` where a part is absent."""

    praise: tuple[int, int] | None = None
    praise_intro: int | None = None
    points: list[tuple[int, int]] = field(default_factory=list)  # each point: its paragraphs
    items: list[int] = field(default_factory=list)  # where each recommendation starts
    recommendations_intro: int | None = None
    closing: int = 0  # first paragraph of the closing (== len(body) when there is none)


class Assembler:
    """Classifies ``paragraphs`` and builds the speech's data; ``styled`` when they come from a document
    docgen rendered (its paragraph and character styles then decide, not the text's look)."""

    def __init__(self, paragraphs: list[SourceParagraph], report: ImportReport, *, title: str | None, styled: bool):
        self.paragraphs = paragraphs
        self.report = report
        self.title = title
        self.styled = styled
        self.data: dict[str, Any] = {}
        self.replaced_title: SourceParagraph | None = None  # the draft's own title line when ``title`` differs

    def speech_data(self) -> dict[str, Any]:
        if not self.styled:
            return self._text_body()
        body = self._salutation(self._header())
        if self.replaced_title is not None:
            self._paragraph(self.replaced_title, "opening", Role.OPENING, "已指定标题，这一行按开头段落保留")
        self._body(body)
        self.report.paragraphs.sort(key=lambda p: p.index)  # stable: the parts of a split paragraph keep order
        return self.data

    # --------------------------------------------------------------------------------------- header

    def _header(self) -> list[SourceParagraph]:
        paragraphs = list(self.paragraphs)
        first = paragraphs[0] if paragraphs else None
        if self.title is not None:
            self.data["title"] = self.title
            self.report.title_from_argument = True
            if first is not None and first.text == normalise(self.title)[0]:
                self._classify(first, Role.TITLE, "与 --title 相同")
                paragraphs.pop(0)
            elif first is not None and self._is_title(first):
                self.replaced_title = paragraphs.pop(0)
                self.report.fallbacks.append(
                    f"第 {first.index} {self.report.unit}“{first.text[:16]}”像标题，但已指定标题，按开头段落保留"
                )
        elif first is not None and self._is_title(first):
            titles = [paragraphs.pop(0)]
            while self.styled and paragraphs and paragraphs[0].style_role is Role.TITLE:
                titles.append(paragraphs.pop(0))
            self.data["title"] = "".join(p.text for p in titles)
            for p in titles:
                self._classify(p, Role.TITLE)
        else:
            raise MissingTitleError(self.report.source, first.text if first else None)
        after_title = bool(self.report.paragraphs) and self.report.paragraphs[-1].role is Role.TITLE
        while paragraphs:
            p = paragraphs[0]
            if not self._header_line(p, after_title):
                break
            paragraphs.pop(0)
            after_title = False
        return paragraphs

    def _text_body(self) -> dict[str, Any]:
        """A draft without styles: title block (`header`), outline (`roles`), parts (`compose`)."""
        body = self._text_header()
        zhuchi = is_zhuchi(str(self.data.get("title", "")))
        blocks = Outliner(zhuchi=zhuchi).outline(split_mid_headings(drop_body_pdf_spaces(body, self.report)))
        if not zhuchi:
            blocks = counted_headings(mark_unnumbered(blocks))
        for block in blocks:  # the spaces kept after closing quotes told headings from bodies; now they go
            start = block.heading.end if block.heading is not None and block.role != "point" else 0
            if block.heading is not None and block.role == "point":
                start = block.heading.label_end
            cleaned = drop_quote_spaces(block.paragraph.text, start)
            if cleaned != block.paragraph.text:
                block.paragraph = replace(block.paragraph, text=cleaned)
        before = []
        if self.replaced_title is not None:
            before.append(Block(self.replaced_title, "body", cue="已指定标题，这一行按开头段落保留"))
        Composer(blocks, self.report, self.data).compose(before)
        self.report.paragraphs.sort(key=lambda p: p.index)
        return self.data

    def _text_header(self) -> list[SourceParagraph]:
        """The title block of a draft without styles, its run-together parts cut apart (`header`)."""
        formatted = self._formatted_title() if self.title is None else []
        source = self.paragraphs[len(formatted) :]
        head = drop_body_pdf_spaces(source[: header.HEADER_LINES], self.report, only_pdf_like=True)
        paragraphs, cut_count = split_header(head + source[header.HEADER_LINES :])
        first = paragraphs[0] if paragraphs else None
        titled = bool(formatted)
        if self.title is not None:
            self.data["title"] = self.title
            self.report.title_from_argument = True
            titled = True
            if first is not None and first.text == normalise(self.title)[0]:
                self._classify(first, Role.TITLE, "与 --title 相同")
                paragraphs.pop(0)
            elif first is not None and header.looks_like_title(first.text):
                self.replaced_title = paragraphs.pop(0)
                self.report.fallbacks.append(
                    f"第 {first.index} {self.report.unit}“{first.text[:16]}”像标题，但已指定标题，按开头段落保留"
                )
        parts, taken = header.read_header(paragraphs, titled=titled)
        if not parts and not titled:
            raise MissingTitleError(self.report.source, first.text if first else None)
        if cut_count:
            self.report.normalised.append(f"开头 {cut_count} 行中连写的标题、称谓等已分开")
        rest = paragraphs[taken:]
        for kind, group in parts:
            text = "".join(p.text for p in group) if kind == "title" else " ".join(p.text for p in group)
            if kind == "subtitle" and len(group) > 1:
                text = "".join(p.text for p in group)
            if kind == "date":
                date = genre.parse_date_line(text)
                if date is None:
                    rest = [*group, *rest]  # a date the model cannot hold ("二〇二三年…") stays as text
                    self.report.fallbacks.append(f"日期“{text}”无法换算，按正文保留")
                    continue
                self.data["date"] = date.isoformat()
                if text != genre.date_line(date):
                    self.report.normalised.append(f"日期“{text}”按规范印为“{genre.date_line(date)}”")
            elif kind == "subtitle" and not header.is_subtitle(text):
                self.data["subtitle"] = text
                self.report.normalised.append(f"副标题“{text[:16]}”原稿没有“——”，模板会加上")
            elif kind == "salutation" and text[-1] not in "：:，。；！？…":
                self.data["salutation"] = text
                self.report.normalised.append(f"称谓“{text}”补上了冒号“：”")
            else:
                self.data[kind] = text
            role = {"title": Role.TITLE, "subtitle": Role.SUBTITLE, "date": Role.DATE}.get(kind)
            role = role or {"speaker": Role.SPEAKER, "salutation": Role.SALUTATION}[kind]
            for p in group:
                self._classify(p, role)
        return rest

    def _formatted_title(self) -> list[SourceParagraph]:
        """A .docx's first paragraphs formatted as its title (Word's title style, or centered in a large size):
        the title, whole — not cut apart as a pasted line would be ("……大會主 持 詞"), and taken even when its
        words alone would not say so ("出征", reported)."""
        titles = list(itertools.takewhile(lambda p: p.style_role is Role.TITLE, self.paragraphs))
        if not titles:
            return []
        text = "".join(p.text for p in titles)
        self.data["title"] = text
        for p in titles:
            self._classify(p, Role.TITLE)
        if not header.looks_like_title(text):
            where = f"第 {titles[0].index} {self.report.unit}“{text[:16]}”"
            self.report.fallbacks.append(f"{where}按 Word 中的标题格式读作标题")
        return titles

    def _is_title(self, p: SourceParagraph) -> bool:
        if self.styled:
            return p.style_role is Role.TITLE
        return p.style_role is Role.TITLE or genre.looks_like_title(p.text)

    def _header_line(self, p: SourceParagraph, after_title: bool) -> bool:
        role = p.style_role if self.styled else None
        text = p.text
        looks_subtitle = genre.is_subtitle(text) or (after_title and genre.looks_like_undashed_subtitle(text))
        if "subtitle" not in self.data and (role is Role.SUBTITLE or (not self.styled and looks_subtitle)):
            self.data["subtitle"] = text
            note = None if self.styled or genre.is_subtitle(text) else "原稿没有“——”，模板会加上"
            if note:
                self.report.normalised.append(f"副标题“{text[:16]}”{note}")
            self._classify(p, Role.SUBTITLE, note)
            return True
        date = genre.parse_date_line(text)
        if "date" not in self.data and date is not None and (role is Role.DATE or not self.styled):
            self.data["date"] = date.isoformat()
            written = genre.date_line(date)
            if text != written:
                self.report.normalised.append(f"日期“{text}”按规范印为“{written}”")
            self._classify(p, Role.DATE)
            return True
        if "speaker" not in self.data and (
            role is Role.SPEAKER
            or (not self.styled and genre.looks_like_speaker(text) and not genre.looks_like_salutation(text))
        ):
            self.data["speaker"] = text
            self._classify(p, Role.SPEAKER)
            return True
        return False

    def _salutation(self, body: list[SourceParagraph]) -> list[SourceParagraph]:
        if not body:
            return body
        first = body[0]
        if first.style_role is Role.SALUTATION or (not self.styled and genre.looks_like_salutation(first.text)):
            self.data["salutation"] = first.text
            note = None if first.text[-1] in "：:，。；！？…" else "补上了冒号“：”"
            if note:
                self.report.normalised.append(f"称谓“{first.text}”{note}")
            self._classify(first, Role.SALUTATION, note)
            return body[1:]
        end = 0 if self.styled else genre.salutation_prefix(first.text)
        if end:
            part = first.slice(0, end)
            self.data["salutation"] = part.text
            self._classify(part, Role.SALUTATION)
            return [first.slice(end), *body[1:]]
        return body

    # -------------------------------------------------------------------------------------- sections

    def _body(self, body: list[SourceParagraph]) -> None:
        sections = self._sections(body)
        n = len(body)
        praise_start = sections.praise[0] if sections.praise else None
        praise_end = sections.praise[1] if sections.praise else None
        rec_start = sections.recommendations_intro
        if rec_start is None:
            rec_start = sections.items[0] if sections.items else sections.closing
        opening_end = sections.praise_intro if sections.praise_intro is not None else praise_start
        if opening_end is None:
            opening_end = next(
                (i for i in range(rec_start) if genre.is_shortcomings(body[i].text, strict=True)), rec_start
            )
        shortcomings_start = praise_end if praise_end is not None else opening_end

        for p in body[:opening_end]:
            self._paragraph(p, "opening", Role.OPENING)
        if sections.praise is not None:
            self._praise(body, sections)
        for k, p in enumerate(body[shortcomings_start:rec_start]):
            note = None
            if k == 0 and not genre.is_shortcomings(p.text):
                note = "不像“不足”部分的开头，按位置放在这里"
                self.report.fallbacks.append(
                    f"第 {p.index} {self.report.unit}“{p.text[:16]}”位于成绩与建议之间，按位置放入“不足”部分"
                )
            self._paragraph(p, "shortcomings", Role.SHORTCOMINGS, note)
        if sections.items:
            self._recommendations(body, sections)
        for p in body[sections.closing : n]:
            self._paragraph(p, "closing", Role.CLOSING)
        self._report_missing(sections)

    def _sections(self, body: list[SourceParagraph]) -> _Sections:
        sections = _Sections(closing=len(body))
        expected = 1
        for i, p in enumerate(body):
            if self._item_rest(p, expected) is not None:
                sections.items.append(i)
                expected += 1
        last_structure = sections.items[-1] if sections.items else -1
        # The closing: the thanks at the end, and a "同志们，……" call just before it.
        k = len(body)
        while k - 1 > last_structure and (
            closing_paragraph(body[k - 1].text) or genre.is_exhortation(body[k - 1].text)
        ):
            k -= 1
        sections.closing = k
        limit = sections.items[0] if sections.items else sections.closing
        self._find_praise(body, sections, limit)
        if sections.items:
            first = sections.items[0]
            after_praise = sections.praise[1] if sections.praise else 0
            if first - 1 >= after_praise and genre.is_recommendations_intro(body[first - 1].text):
                sections.recommendations_intro = first - 1
        return sections

    def _find_praise(self, body: list[SourceParagraph], sections: _Sections, limit: int) -> None:
        start = next((i for i in range(limit) if self._point_rest(body[i], 1) is not None), None)
        if start is None:
            return
        before = body[start - 1].text if start > 0 else ""
        if before and genre.is_shortcomings(before) and not genre.is_praise_intro(before.rstrip("：")):
            self.report.fallbacks.append(
                f"第 {body[start].index} {self.report.unit}起的“一是、二是”讲的是问题，不作为肯定成绩的要点，按原文保留"
            )
            return
        points = [[start]]
        expected = 2
        i = start + 1
        while i < limit:
            p = body[i]
            if self._point_rest(p, expected) is not None:
                points.append([i])
                expected += 1
            else:
                break
            i += 1
        sections.points = [(group[0], group[-1] + 1) for group in points]
        sections.praise = (start, sections.points[-1][1])
        if start > 0 and genre.is_praise_intro(before) and not genre.is_shortcomings(before, strict=True):
            sections.praise_intro = start - 1

    # -------------------------------------------------------------------------------------- praise

    def _point_rest(self, p: SourceParagraph, number: int) -> str | None:
        if self.styled and not p.run_in_end:
            return None
        return genre.starts_with_label(p.text, Enumerator.ORDINAL, number)

    def _praise(self, body: list[SourceParagraph], sections: _Sections) -> None:
        praise = self._intro(body, sections.praise_intro, Role.PRAISE_INTRO)
        points = []
        for number, (start, end) in enumerate(sections.points, start=1):
            first = body[start]
            rest = self._point_rest(first, number) or ""
            offset = len(first.text) - len(rest)
            if self.styled:
                heading_end = max(0, first.run_in_end - offset)
                heading = rest[:heading_end].removesuffix("：")
            else:
                heading_end = genre.praise_heading_end(rest)
                heading = rest[: heading_end - 1] if heading_end else ""
            point: dict[str, Any] = {"heading": heading} if heading else {}
            pieces = self._pieces(first.slice(offset + heading_end), genre.praise_leads)
            self._classify(first, Role.PRAISE_POINT)
            for extra in body[start + 1 : end]:
                pieces += self._pieces(extra, genre.praise_leads)
                self._classify(extra, Role.PRAISE_POINT, f"接排到第 {number} 个要点")
                self.report.fallbacks.append(
                    f"第 {extra.index} {self.report.unit}“{extra.text[:12]}”接排到“{first.text[:6]}”要点的段落中"
                )
            if pieces:
                point["body"] = pieces
            points.append(point)
        praise["points"] = points
        self.data["praise"] = praise

    def _intro(self, body: list[SourceParagraph], index: int | None, role: Role) -> dict[str, Any]:
        if index is None:
            return {}
        self._classify(body[index], role)
        return {"intro": body[index].text}

    # ----------------------------------------------------------------------------- recommendations

    def _item_rest(self, p: SourceParagraph, number: int) -> str | None:
        if self.styled and p.style_role is not Role.RECOMMENDATION:
            return None
        rest = genre.starts_with_label(p.text, Enumerator.LEVEL1, number)
        if rest is None and self.styled and parse_label(p.text) is None:
            return p.text  # docgen's own unnumbered heading (numbering.level1: none), in its level-1 style
        return rest

    def _recommendations(self, body: list[SourceParagraph], sections: _Sections) -> None:
        recommendations = self._intro(body, sections.recommendations_intro, Role.RECOMMENDATIONS_INTRO)
        items = []
        bounds = [*sections.items, sections.closing]
        for number, (start, end) in enumerate(itertools.pairwise(bounds), start=1):
            head = body[start]
            rest = self._item_rest(head, number) or ""
            offset = len(head.text) - len(rest)
            heading_end = len(rest) if self.styled else genre.first_sentence_end(rest)
            self._classify(head, Role.RECOMMENDATION)
            paragraphs = [head.slice(offset + heading_end)] if rest[heading_end:].strip() else []
            paragraphs += body[start + 1 : end]
            points: list[dict[str, Any]] = []
            sub = 1
            for p in paragraphs:
                if p is not head and not p.split:
                    self._classify(p, Role.RECOMMENDATION_BODY, self._kept_label_note(p.text, sub))
                elif p is not head:
                    self._classify(p, Role.RECOMMENDATION_BODY)
                new_points, sub = self._body_points(p, sub)
                points += new_points
            item: dict[str, Any] = {"heading": rest[:heading_end]}
            if self.styled and rest == head.text:
                self.data.setdefault("numbering", {})["level1"] = "none"
            if points:
                item["body"] = points
            items.append(item)
        recommendations["items"] = items
        self.data["recommendations"] = recommendations

    def _body_points(self, p: SourceParagraph, sub: int) -> tuple[list[dict[str, Any]], int]:
        """The points of one body paragraph: split at run-in "（二）" headings, each heading taken off, then
        split at lead sentences."""
        if self.styled:
            parts = [p]
        else:
            cuts = [position for position, _ in genre.label_starts(p.text, Enumerator.LEVEL2, sub) if position > 0]
            parts = cut(p, cuts)
        points = []
        for part in parts:
            rest = genre.starts_with_label(part.text, Enumerator.LEVEL2, sub)
            if (self.styled and not part.heading2_end) or rest is None:
                points += self._pieces(part, genre.directive_leads)
                continue
            offset = len(part.text) - len(rest)
            if self.styled:
                heading_end = part.heading2_end - offset
            else:
                heading_end = genre.praise_heading_end(rest) or genre.first_sentence_end(rest)
            sub += 1
            pieces = self._pieces(part.slice(offset + heading_end), genre.directive_leads)
            points.append({"heading": rest[:heading_end], **(pieces[0] if pieces else {})})
            points += pieces[1:]
        return points, sub

    # -------------------------------------------------------------------------------------- pieces

    def _pieces(self, p: SourceParagraph, guess: Any) -> list[dict[str, Any]]:
        """Lead + text pieces of a run of text: at each lead sentence a new piece starts."""
        if not p.text:
            return []
        leads: list[Range] = list(p.leads) if p.explicit_leads else guess(p.text)
        return lead_pieces(p.text, leads)

    # ---------------------------------------------------------------------------------------- report

    def _paragraph(self, p: SourceParagraph, field_name: str, role: Role, note: str | None = None) -> None:
        self.data.setdefault(field_name, []).append(p.text)
        self._classify(p, role, note or self._kept_label_note(p.text, None))

    def _kept_label_note(self, text: str, sub: int | None) -> str | None:
        parsed = parse_label(text)
        if parsed is None or (sub is not None and parsed[0] is Enumerator.LEVEL2):
            return None
        return f"编号{_KEPT_LABELS.get(parsed[0], f'“{parsed[0].value}”')}按原文保留"

    def _classify(self, p: SourceParagraph, role: Role, note: str | None = None) -> None:
        notes = [n for n in (p.origin, "原稿中与前后文同在一段，已拆开" if p.split else None, note) if n]
        self.report.classify(p.index, role, p.text, "；".join(notes) or None)

    def _report_missing(self, sections: _Sections) -> None:
        missing = [
            name
            for name, present in (
                ("称谓", "salutation" in self.data),
                ("“一是、二是”肯定成绩要点", sections.praise is not None),
                ("“一、二、”建议各条", bool(sections.items)),
                ("结束语", "closing" in self.data),
            )
            if not present
        ]
        if sections.items and sections.praise is None:
            self.report.fallbacks.append(
                "“一、二、”各部分都放入建议部分（讲话稿模型中唯一的编号章节），"
                "其中的“一是”等编号按原文保留、“（一）”作为二级标题"
            )
        if missing:
            self.report.fallbacks.append(f"原稿中没有找到：{'、'.join(missing)}（相应内容按位置保留在其他部分）")

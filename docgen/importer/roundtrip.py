"""A document docgen rendered, read back by its styles: 讲话标题, 讲话副标题 … 讲话一级标题, 讲话要点, 讲话首句
say what each paragraph is (its words are not judged), so the title block, the praise points, the
recommendations with their （一） headings and the bold lead sentences come back exactly as they were written."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from docgen.importer import genre
from docgen.importer.pieces import lead_pieces
from docgen.importer.report import ImportReport, MissingTitleError, Role
from docgen.importer.source import Range, SourceParagraph, normalise
from docgen.importer.split import closing_paragraph
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



class StyledReader:
    """Builds a speech's data from the paragraphs of a document docgen rendered (`source.SourceParagraph` with
    their ``style_role``, run-in ends and lead sentences from the styles)."""

    def __init__(self, paragraphs: list[SourceParagraph], report: ImportReport, *, title: str | None):
        self.paragraphs = paragraphs
        self.report = report
        self.title = title
        self.data: dict[str, Any] = {}
        self.replaced_title: SourceParagraph | None = None  # the document's own title line when ``title`` differs

    def speech_data(self) -> dict[str, Any]:
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
                self.report.place(first, Role.TITLE, "与 --title 相同")
                paragraphs.pop(0)
            elif first is not None and first.style_role is Role.TITLE:
                self.replaced_title = paragraphs.pop(0)
                self.report.fallbacks.append(
                    f"第 {first.index} {self.report.unit}“{first.text[:16]}”像标题，但已指定标题，按开头段落保留"
                )
        elif first is not None and first.style_role is Role.TITLE:
            titles = [paragraphs.pop(0)]
            while paragraphs and paragraphs[0].style_role is Role.TITLE:
                titles.append(paragraphs.pop(0))
            self.data["title"] = "".join(p.text for p in titles)
            for p in titles:
                self.report.place(p, Role.TITLE)
        else:
            raise MissingTitleError(self.report.source, first.text if first else None)
        while paragraphs and self._header_line(paragraphs[0]):
            paragraphs.pop(0)
        return paragraphs

    def _header_line(self, p: SourceParagraph) -> bool:
        """A subtitle, date or speaker line, each by its style and at most once."""
        role = p.style_role
        if "subtitle" not in self.data and role is Role.SUBTITLE:
            self.data["subtitle"] = p.text
            self.report.place(p, Role.SUBTITLE)
            return True
        date = genre.parse_date_line(p.text)
        if "date" not in self.data and date is not None and role is Role.DATE:
            self.data["date"] = date.isoformat()
            written = genre.date_line(date)
            if p.text != written:
                self.report.normalised.append(f"日期“{p.text}”按规范印为“{written}”")
            self.report.place(p, Role.DATE)
            return True
        if "speaker" not in self.data and role is Role.SPEAKER:
            self.data["speaker"] = p.text
            self.report.place(p, Role.SPEAKER)
            return True
        return False

    def _salutation(self, body: list[SourceParagraph]) -> list[SourceParagraph]:
        if not body or body[0].style_role is not Role.SALUTATION:
            return body
        first = body[0]
        self.data["salutation"] = first.text
        note = None if first.text[-1] in "：:，。；！？…" else "补上了冒号“：”"
        if note:
            self.report.normalised.append(f"称谓“{first.text}”{note}")
        self.report.place(first, Role.SALUTATION, note)
        return body[1:]

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
        if not p.run_in_end:
            return None
        return genre.starts_with_label(p.text, Enumerator.ORDINAL, number)

    def _praise(self, body: list[SourceParagraph], sections: _Sections) -> None:
        praise = self._intro(body, sections.praise_intro, Role.PRAISE_INTRO)
        points = []
        for number, (start, end) in enumerate(sections.points, start=1):
            first = body[start]
            rest = self._point_rest(first, number) or ""
            offset = len(first.text) - len(rest)
            heading_end = max(0, first.run_in_end - offset)
            heading = rest[:heading_end].removesuffix("：")
            point: dict[str, Any] = {"heading": heading} if heading else {}
            pieces = self._pieces(first.slice(offset + heading_end), genre.praise_leads)
            self.report.place(first, Role.PRAISE_POINT)
            for extra in body[start + 1 : end]:
                pieces += self._pieces(extra, genre.praise_leads)
                self.report.place(extra, Role.PRAISE_POINT, f"接排到第 {number} 个要点")
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
        self.report.place(body[index], role)
        return {"intro": body[index].text}

    # ----------------------------------------------------------------------------- recommendations

    def _item_rest(self, p: SourceParagraph, number: int) -> str | None:
        if p.style_role is not Role.RECOMMENDATION:
            return None
        rest = genre.starts_with_label(p.text, Enumerator.LEVEL1, number)
        if rest is None and parse_label(p.text) is None:
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
            heading_end = len(rest)
            self.report.place(head, Role.RECOMMENDATION)
            paragraphs = [head.slice(offset + heading_end)] if rest[heading_end:].strip() else []
            paragraphs += body[start + 1 : end]
            points: list[dict[str, Any]] = []
            sub = 1
            for p in paragraphs:
                if p is not head and not p.split:
                    self.report.place(p, Role.RECOMMENDATION_BODY, self._kept_label_note(p.text, sub))
                elif p is not head:
                    self.report.place(p, Role.RECOMMENDATION_BODY)
                new_points, sub = self._body_points(p, sub)
                points += new_points
            item: dict[str, Any] = {"heading": rest[:heading_end]}
            if rest == head.text:
                self.data.setdefault("numbering", {})["level1"] = "none"
            if points:
                item["body"] = points
            items.append(item)
        recommendations["items"] = items
        self.data["recommendations"] = recommendations

    def _body_points(self, p: SourceParagraph, sub: int) -> tuple[list[dict[str, Any]], int]:
        """The points of one body paragraph: its "（二）" heading (讲话二级标题（接排）) taken off, then split at its
        lead sentences (讲话首句)."""
        rest = genre.starts_with_label(p.text, Enumerator.LEVEL2, sub)
        if not p.heading2_end or rest is None:
            return self._pieces(p, genre.directive_leads), sub
        offset = len(p.text) - len(rest)
        heading_end = p.heading2_end - offset
        pieces = self._pieces(p.slice(offset + heading_end), genre.directive_leads)
        return [{"heading": rest[:heading_end], **(pieces[0] if pieces else {})}, *pieces[1:]], sub + 1

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
        self.report.place(p, role, note or self._kept_label_note(p.text, None))

    def _kept_label_note(self, text: str, sub: int | None) -> str | None:
        parsed = parse_label(text)
        if parsed is None or (sub is not None and parsed[0] is Enumerator.LEVEL2):
            return None
        return f"编号{_KEPT_LABELS.get(parsed[0], f'“{parsed[0].value}”')}按原文保留"

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

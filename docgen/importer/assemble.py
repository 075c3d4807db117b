"""From a draft's paragraphs to the data of a `Speech`: the title block (`header`), the body's outline
(`roles`), then its parts in the speech's order (`compose`). Every paragraph lands somewhere, in order; what
lands by position rather than by its look is reported. A document docgen rendered is read by its styles
instead (`roundtrip`)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from docgen.importer import genre, header
from docgen.importer.compose import Composer
from docgen.importer.header_split import split_header
from docgen.importer.pdf_spaces import drop_quote_spaces
from docgen.importer.report import ImportReport, MissingTitleError, Role, excerpt
from docgen.importer.roles import Block, Outliner, is_zhuchi
from docgen.importer.roundtrip import StyledReader
from docgen.importer.run_together import split_mid_headings
from docgen.importer.sequence_parts import counted_headings
from docgen.importer.source import SourceParagraph, drop_body_pdf_spaces, normalise
from docgen.importer.unnumbered import mark_unnumbered
from docgen.importer.word_headings import headings_as_shown


class Assembler:
    """Classifies ``paragraphs`` and builds the speech's data; ``styled`` when they come from a document
    docgen rendered (its paragraph and character styles then decide, not the text's look: `roundtrip`)."""

    def __init__(self, paragraphs: list[SourceParagraph], report: ImportReport, *, title: str | None, styled: bool):
        self.paragraphs = paragraphs
        self.report = report
        self.title = title
        self.styled = styled
        self.data: dict[str, Any] = {}
        self.replaced_title: SourceParagraph | None = None  # the draft's own title line when ``title`` differs

    def speech_data(self) -> dict[str, Any]:
        if self.styled:
            return StyledReader(self.paragraphs, self.report, title=self.title).speech_data()
        return self._text_body()

    def _text_body(self) -> dict[str, Any]:
        """A draft without styles: title block (`header`), outline (`roles`), parts (`compose`)."""
        body = self._text_header()
        zhuchi = is_zhuchi(str(self.data.get("title", "")))
        blocks = Outliner(zhuchi=zhuchi).outline(split_mid_headings(drop_body_pdf_spaces(body, self.report)))
        if not zhuchi:
            blocks = counted_headings(mark_unnumbered(blocks))
        blocks = headings_as_shown(blocks)
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
                self.report.place(first, Role.TITLE, "与 --title 相同")
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
        web: list[SourceParagraph] = []
        for kind, group in parts:
            if kind == "web":
                web += group
                continue
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
            note = self._guessed(kind, group, text)
            for p in group:
                self.report.place(p, role, note)
        for p in web:
            self.report.fallbacks.append(
                f"第 {p.index} {self.report.unit}“{excerpt(p.text)}”是网页上的导航、来源或发布信息，不是讲话的内容，"
                "按开头段落保留（不需要可删去）"
            )
        return [*web, *rest]

    def _guessed(self, kind: str, group: list[SourceParagraph], text: str) -> str | None:
        """A part of the title block read by its place rather than by its words, listed under 请核对 with its
        first characters and where it went; returns the note for the paragraph map (`import -v`)."""
        note = None
        if kind == "title" and len(group) > 1:
            note = f"原稿分在 {len(group)} 行，按一个标题读取"
        elif kind == "subtitle" and not header.is_subtitle(text) and not header.is_undashed_subtitle(text):
            dated = any(ch.isdigit() or ch in "Xx×*＊" for ch in text) and "年" in text and "日" in text
            note = "像日期，但换算不成日期，按副标题保留" if dated else "在标题下面，按副标题读取"
        elif kind == "speaker" and not header.has_post(text):
            note = "只有职务，按讲话人读取" if not header.is_speaker(text) else "像人名，按讲话人读取"
        if note is not None:
            self.report.fallbacks.append(f"第 {group[0].index} {self.report.unit}“{excerpt(text)}”{note}")
        return note

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
            self.report.place(p, Role.TITLE)
        if not header.looks_like_title(text):
            where = f"第 {titles[0].index} {self.report.unit}“{text[:16]}”"
            self.report.fallbacks.append(f"{where}按 Word 中的标题格式读作标题")
        return titles

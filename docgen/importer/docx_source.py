"""Reading a .docx draft: its paragraphs in body order (table cells and text boxes included, and reported),
with the paragraph and character styles that tell a docgen document's parts apart."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from docgen.importer import genre, header
from docgen.importer.report import DraftImportError, ImportReport, Role
from docgen.importer.source import SourceParagraph, Span, paragraph_from_spans
from docgen.importer.word_cues import WordCues
from docgen.importer.word_numbering import WordNumbering
from docgen.importer.word_styles import StyleSheet
from docgen.layout.profile import Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

_PARAGRAPH_ROLES = {
    Element.TITLE.style_name: Role.TITLE,
    Element.SUBTITLE.style_name: Role.SUBTITLE,
    Element.DATE.style_name: Role.DATE,
    Element.SPEAKER.style_name: Role.SPEAKER,
    Element.SALUTATION.style_name: Role.SALUTATION,
    Element.HEADING1.style_name: Role.RECOMMENDATION,
    "Title": Role.TITLE,  # Word's built-in title style, in any user's draft
}
_DOCGEN_PARAGRAPH_STYLES = set(_PARAGRAPH_ROLES) - {"Title"} | {Element.BODY.style_name}
_CHARACTER_KINDS = {
    Element.RUN_IN.style_name: "run_in",
    Element.LEAD.style_name: "lead",
    Element.HEADING2_RUN_IN.style_name: "heading2",
}
# Runs under these are not part of the visible text: deleted revisions, moved-away text, the fallback copy
# of alternate content, and text boxes (read separately, as paragraphs of their own).
_HIDDEN_CONTAINERS = {W + "del", W + "moveFrom", MC + "Fallback", W + "txbxContent"}


def read_docx(path: Path, report: ImportReport) -> tuple[list[SourceParagraph], bool]:
    """Every non-empty paragraph of the document body, numbered in body order; and whether the document
    uses docgen's paragraph styles (then its styles, not the text's look, tell the parts apart)."""
    from docx import Document
    from lxml import etree

    from docgen.model.load import read_input
    from docgen.template.package import read_docx_package

    data = read_input(path, DraftImportError)
    # The templates' package rule: size, entries, compression ratio and method, encryption, no DTD — a
    # draft is as untrusted as a template, and an entity python-docx leaves unexpanded would drop text.
    read_docx_package(data, f"草稿 {path}", DraftImportError, DraftImportError)
    try:
        document = Document(io.BytesIO(data))
        reader = _Reader(document, report)
        paragraphs = reader.read()
        _note_headers_and_footers(document, report)
    except (etree.XMLSyntaxError, KeyError, ValueError, AttributeError, TypeError) as exc:
        # python-docx raises these for a package that is a zip but not a well-formed Word document.
        raise DraftImportError(
            f"草稿 {path} 不是有效的 Word 文档（{type(exc).__name__}：{str(exc)[:80]}）；"
            "请在 Word 或 WPS 中另存为 .docx"
        ) from None
    return paragraphs, reader.styled


def _note_headers_and_footers(document: Any, report: ImportReport) -> None:
    """Page headers and footers are the template's business; text in them (other than page numbers) is reported."""
    seen: set[str] = set()
    for section in document.sections:
        for part in (section.header, section.footer, section.even_page_header, section.even_page_footer):
            if part.is_linked_to_previous:  # no header of its own (reading it would add one)
                continue
            for paragraph in part.paragraphs:
                text = paragraph.text.strip()
                if text and not set(text) <= set("0123456789—－-– 第页共/") and text not in seen:
                    seen.add(text)
                    report.not_taken.append(f"页眉或页脚中的文字“{text[:20]}”（页眉页脚由模板决定，未导入）")


class _Reader:
    def __init__(self, document: Any, report: ImportReport) -> None:
        self.report = report
        self.style_names: dict[str, str] = {}
        self.bold_styles: set[str] = set()
        for style in document.styles:
            self.style_names[style.style_id] = style.name
            element = style.element
            if element.find(f"{W}rPr/{W}b") is not None and _on(element.find(f"{W}rPr/{W}b")):
                self.bold_styles.add(style.style_id)
        self.body = document.element.body
        self.styled = any(self._paragraph_style(p) in _DOCGEN_PARAGRAPH_STYLES for p in self.body.iter(W + "p"))
        self.cues = _cues(document, list(self.body.iter(W + "p"))) if not self.styled else None
        self.paragraphs: list[SourceParagraph] = []
        self.number = 0
        self.tables = 0
        self.soft_breaks: list[int] = []  # paragraphs split at their soft line breaks
        self.hidden: list[str] = []  # the hidden text of the paragraph being read
        self.placeholders: list[str] = []  # and the prompts of its unfilled content controls
        self.notes = _note_texts(document)

    def read(self) -> list[SourceParagraph]:
        for block in self._blocks(self.body):
            if block.tag == W + "tbl":
                self._table(block)
            else:
                self._paragraph(block)
        if self.cues is not None:
            self.cues.finish(self.report)
        if self.soft_breaks:
            shown = "、".join(str(n) for n in self.soft_breaks[:8])
            more = f" 等 {len(self.soft_breaks)} 段" if len(self.soft_breaks) > 8 else ""
            self.report.normalised.append(f"段落中的手动换行（Shift+Enter）处已分段（第 {shown} 段{more}）")
        return self.paragraphs

    def _blocks(self, container: Any) -> Iterator[Any]:
        for child in container.iterchildren():
            if child.tag in (W + "p", W + "tbl"):
                yield child
            elif child.tag in (W + "altChunk", W + "subDoc"):
                # Content Word pulls in from another part (HTML, RTF, another document): not read, so reported.
                what = "altChunk 嵌入的外部格式内容" if child.tag == W + "altChunk" else "子文档"
                self.report.not_taken.append(
                    f"第 {self.number} 段之后的{what}（其中的文字未导入，请在 Word 中另存后再导入）"
                )
            elif child.tag == W + "sdt" and _placeholder(child):
                shown = "".join(t.text or "" for t in child.iter(W + "t")).strip()
                if shown:
                    self.report.not_taken.append(f"第 {self.number} 段之后{_PLACEHOLDER_NOTE.format(shown[:30])}")
            elif child.tag in (W + "sdt", W + "customXml", W + "sdtContent"):
                yield from self._blocks(child.find(W + "sdtContent") if child.tag == W + "sdt" else child)

    def _table(self, table: Any) -> None:
        self.tables += 1
        number = self.tables
        rows = table.findall(W + "tr")
        first = self.number + 1
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row.findall(W + "tc"), start=1):
                for block in self._blocks(cell):
                    if block.tag == W + "tbl":
                        self._table(block)
                    else:
                        self._paragraph(block, origin=f"表格 {number} 第 {r} 行第 {c} 列")
        self.report.converted.append(
            f"表格 {number}（{len(rows)} 行，第 {first}–{self.number} 段）：单元格文字按段落导入，请核对位置"
        )

    def _paragraph(self, p: Any, origin: str | None = None) -> None:
        self.number += 1
        number = self.number
        style = self._paragraph_style(p)
        role = _PARAGRAPH_ROLES.get(style or "")
        spans = self._spans(p)
        self._note_hidden(number)
        if self.cues is not None and role is None and self._title_place() and self.cues.title_format(p):
            # Centered in a large size at the top: the title, as writers make it (a title's soft line breaks
            # are layout; a paragraph of several lines up there is the title block pasted in, read by its text).
            raw = "".join(span.text for span in spans)
            if (
                "\n" not in raw.strip()
                and not genre.is_subtitle(raw.strip())
                and not _title_block_line(raw.strip(), not self.paragraphs)
            ):
                role = Role.TITLE
        if self.cues is not None:
            # Word's automatic number, or a heading style's level, read as the label a writer types.
            label = self.cues.prefix(p, number, "".join(span.text for span in spans), self.report)
            if label:
                spans = [Span(label, ""), *spans]
            if self.cues.own_line and role is None:
                # (any heading role: `roles.Outliner` reads it as "a heading on its own line"; an unnumbered
                # heading's role gives its level, `importer.unnumbered`)
                role = self.cues.unnumbered or Role.HEADING1
        self._note_unreadable(p, number)
        where = f"第 {number} 段"
        # A user's soft line breaks (Shift+Enter, or a web page's <br> pasted in) end paragraphs where a text
        # draft's line would: not inside a sentence. docgen's own documents break only their titles.
        groups = soft_line_groups(spans) if self.cues is not None and role is not Role.TITLE else [spans]
        read = [
            paragraph_from_spans(
                number, group, self.report, where=where, styled=self.styled, style_role=role, origin=origin
            )
            for group in groups
        ]
        kept = [paragraph for paragraph in read if paragraph is not None]
        if len(kept) > 1:
            kept = [replace(paragraph, split=True) for paragraph in kept]
            self.soft_breaks.append(number)
        self.paragraphs += kept
        for box in self._text_boxes(p):
            for inner in box.iter(W + "p"):
                self.number += 1
                spans = self._spans(inner)
                self._note_hidden(self.number)
                found = paragraph_from_spans(
                    self.number, spans, self.report, where=f"第 {self.number} 段", styled=self.styled, origin="文本框"
                )
                if found is not None:
                    self.paragraphs.append(found)
                    self.report.converted.append(f"第 {self.number} 段：文本框中的文字“{found.text[:12]}”按段落导入")

    def _title_place(self) -> bool:
        """Whether the next paragraph can still be (part of) the title: nothing but title read so far."""
        return all(p.style_role is Role.TITLE for p in self.paragraphs[:8]) and len(self.paragraphs) < 8

    def _paragraph_style(self, p: Any) -> str | None:
        style = p.find(f"{W}pPr/{W}pStyle")
        return self.style_names.get(style.get(W + "val")) if style is not None else None

    def _spans(self, p: Any) -> list[Span]:
        spans = []
        for run in p.iter(W + "r"):
            if _inside(run, p, _HIDDEN_CONTAINERS):
                continue
            text = "".join(_run_text(run))
            if text and _in_placeholder(run, p):
                self.placeholders.append(text)  # a content control's prompt ("单击或点击此处输入文字。")
                continue
            vanish = run.find(f"{W}rPr/{W}vanish")
            if text and vanish is not None and _on(vanish):
                self.hidden.append(text)  # hidden text: Word does not show or print it
            elif text:
                spans.append(Span(text, self._kind(run)))
        return spans

    def _note_hidden(self, number: int) -> None:
        text = "".join(self.hidden).strip()
        if text:
            self.report.not_taken.append(f"第 {number} 段中的隐藏文字“{text[:30]}”（Word 中设为隐藏、不显示，未导入）")
        prompt = "".join(self.placeholders).strip()
        if prompt:
            self.report.not_taken.append(f"第 {number} 段中{_PLACEHOLDER_NOTE.format(prompt[:30])}")
        self.hidden, self.placeholders = [], []

    def _kind(self, run: Any) -> str:
        style = run.find(f"{W}rPr/{W}rStyle")
        style_id = style.get(W + "val") if style is not None else None
        kind = _CHARACTER_KINDS.get(self.style_names.get(style_id or "", ""), "")
        if kind:
            return kind
        bold = run.find(f"{W}rPr/{W}b")
        if (bold is not None and _on(bold)) or (bold is None and style_id in self.bold_styles):
            return "bold"
        return ""

    def _text_boxes(self, p: Any) -> list[Any]:
        return [box for box in p.iter(W + "txbxContent") if not _inside(box, p, {MC + "Fallback", W + "txbxContent"})]

    def _note_unreadable(self, p: Any, number: int) -> None:
        found = []
        for drawing in [*p.iter(W + "drawing"), *p.iter(W + "pict")]:
            if _inside(drawing, p, {MC + "Fallback"}):
                continue
            if next(drawing.iter(W + "txbxContent"), None) is None:
                found.append("图片或图形")
        if next(p.iter(W + "object"), None) is not None:
            found.append("嵌入对象")
        if next(p.iter(W + "sym"), None) is not None:
            found.append("符号字体字符（w:sym）")
        if next(p.iter(M + "oMath"), None) is not None:
            found.append("公式")
        if next(p.iter(W + "commentReference"), None) is not None:
            found.append("批注")
        for reference in [*p.iter(W + "footnoteReference"), *p.iter(W + "endnoteReference")]:
            kind = "脚注" if reference.tag == W + "footnoteReference" else "尾注"
            text = self.notes.get((kind, reference.get(W + "id", "")), "")
            found.append(f"{kind}“{text[:30]}”" if text else kind)
        for kind in dict.fromkeys(found):
            self.report.not_taken.append(f"第 {number} 段中的{kind}（讲话稿只有文字，未导入）")


def _cues(document: Any, paragraphs: list[Any]) -> WordCues:
    """The numbering and style cues of a user's draft (a document docgen rendered needs none)."""
    from docgen.template.package import parse_xml

    numbering = None
    for rel in document.part.rels.values():
        if rel.reltype.rsplit("/", 1)[-1] == "numbering" and not rel.is_external:
            numbering = parse_xml(rel.target_part.blob)
            break
    styles = StyleSheet(document.styles.element)
    return WordCues(styles, WordNumbering(numbering, styles.numbering_styles()), paragraphs)


def _note_texts(document: Any) -> dict[tuple[str, str], str]:
    """The text of each footnote and endnote by (kind, id), so the report names what it did not import."""
    texts: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        kind = {"footnotes": "脚注", "endnotes": "尾注"}.get(rel.reltype.rsplit("/", 1)[-1])
        if kind is None or rel.is_external:
            continue
        from docgen.template.package import parse_xml

        root = parse_xml(rel.target_part.blob)
        for note in root:
            text = "".join(t.text or "" for t in note.iter(W + "t")).strip()
            texts[(kind, note.get(W + "id", ""))] = text
    return texts


def _title_block_line(text: str, first: bool) -> bool:
    """A date, salutation or (after the first paragraph) speaker line: of the title block, not of its title."""
    if genre.parse_date_line(text) is not None or genre.looks_like_salutation(text):
        return True
    return not first and header.is_speaker(text)  # ("出征" at the top is a title, not a name)


_PLACEHOLDER_NOTE = "内容控件的提示文字“{}”（控件尚未填写，提示语不是讲话内容，未导入）"


def _placeholder(sdt: Any) -> bool:
    """A content control still showing its prompt (``w:showingPlcHdr``), not text the user wrote."""
    flag = sdt.find(f"{W}sdtPr/{W}showingPlcHdr")
    return flag is not None and _on(flag)


def _in_placeholder(run: Any, stop: Any) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == W + "sdt" and _placeholder(parent):
            return True
        parent = parent.getparent()
    return False


def soft_line_groups(spans: list[Span]) -> list[list[Span]]:
    """``spans`` cut at their line breaks into the paragraphs they hold: a line is joined to the one before
    only where a text draft's hard wrap would be (`docgen.importer.lines.continues`: inside a sentence)."""
    from docgen.importer.gaps import Line
    from docgen.importer.lines import continues

    lines: list[list[Span]] = [[]]
    for span in spans:
        pieces = span.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(Span(piece, span.kind))
    groups: list[list[Span]] = []
    previous = ""
    for line in lines:
        text = "".join(span.text for span in line).strip(" \t\u3000")
        if not text:
            continue
        if groups and continues(Line(1, previous), Line(2, text), None, False):
            groups[-1] += [Span("\n", ""), *line]  # folded away between Chinese characters, as before
        else:
            groups.append(list(line))
        previous = text
    return groups or [spans]


def _run_text(run: Any) -> Iterator[str]:
    for child in run.iterchildren():
        tag = child.tag
        if tag == W + "t":
            yield child.text or ""
        elif tag == W + "tab":
            yield "\t"
        elif tag in (W + "br", W + "cr"):
            yield "\n"
        elif tag == W + "noBreakHyphen":
            yield "-"


def _inside(element: Any, stop: Any, containers: set[str]) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in containers:
            return True
        parent = parent.getparent()
    return False


def _on(element: Any) -> bool:
    return element.get(W + "val") not in ("0", "false", "off")

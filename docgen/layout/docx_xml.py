"""Reading any .docx's XML for the checks: its parts, its styles resolved as Word resolves them, its paragraphs.

Shared by the XML check (`docgen.layout.check`) and the paper check (`docgen.layout.paper_check`), so that both read a
file, name a bad one and resolve a style the same way. Parsing never resolves entities or reaches out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import InputFileError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``q("p")`` → ``{…/main}p``."""
    return f"{{{W}}}{name}"


def read_parts(path: Path) -> dict[str, bytes]:
    """The XML parts of the .docx at ``path``; `InputFileError` naming the file when it is not one."""
    from docgen.model.load import read_input
    from docgen.template.package import read_docx_package

    # The one package rule (limits, encryption, no DTD) that templates and drafts get.
    entries = read_docx_package(read_input(path), f"文档 {path}", InputFileError, InputFileError)
    return {info.filename: blob for info, blob in entries if info.filename.endswith((".xml", ".rels"))}


def parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def parse_part(parts: dict[str, bytes], name: str, path: Path) -> Any:
    """A part of the package parsed, or `InputFileError` naming the file and the part."""
    from lxml import etree

    try:
        return parse(parts[name])
    except etree.XMLSyntaxError as exc:
        raise InputFileError(f"{path} 的 {name} 不是有效的 XML（{exc}）；请在 Word 或 WPS 中重新另存为 .docx") from None


class Styles:
    """Run and paragraph properties resolved through the style hierarchy and the document defaults."""

    def __init__(self, styles_root: Any | None) -> None:
        self.by_id: dict[str, Any] = {}
        self.defaults_rpr = None
        self.defaults_ppr = None
        self.default_paragraph_style: str | None = None
        if styles_root is None:
            return
        for style in styles_root.iter(q("style")):
            self.by_id[style.get(q("styleId"))] = style
            if style.get(q("type")) == "paragraph" and style.get(q("default")) == "1":
                self.default_paragraph_style = style.get(q("styleId"))
        defaults = styles_root.find(q("docDefaults"))
        if defaults is not None:
            self.defaults_rpr = defaults.find(f"{q('rPrDefault')}/{q('rPr')}")
            self.defaults_ppr = defaults.find(f"{q('pPrDefault')}/{q('pPr')}")

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and its ancestors, nearest first."""
        found: list[Any] = []
        while style_id and style_id in self.by_id and len(found) < 20:
            style = self.by_id[style_id]
            found.append(style)
            based = style.find(q("basedOn"))
            style_id = based.get(q("val")) if based is not None else None
        return found

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        name = style.find(q("name")) if style is not None else None
        return name.get(q("val")) if name is not None else (style_id or "")

    def run_value(self, paragraph: Any, run: Any, tag: str, attribute: str) -> str | None:
        """A run property (e.g. rFonts/eastAsia, sz/val) as Word resolves it."""
        sources: list[Any] = [run.find(q("rPr"))]
        run_style = run.find(f"{q('rPr')}/{q('rStyle')}")
        if run_style is not None:
            sources += [s.find(q("rPr")) for s in self.chain(run_style.get(q("val")))]
        sources += [s.find(q("rPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        sources.append(self.defaults_rpr)
        return _first(sources, tag, attribute)

    def paragraph_value(self, paragraph: Any, tag: str, attribute: str) -> str | None:
        sources = [paragraph.find(q("pPr"))]
        sources += [s.find(q("pPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        sources.append(self.defaults_ppr)
        return _first(sources, tag, attribute)

    def paragraph_flag(self, paragraph: Any, tag: str) -> bool:
        """An on/off paragraph property such as keepNext: present means on unless its val says off."""
        sources = [paragraph.find(q("pPr"))]
        sources += [s.find(q("pPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        sources.append(self.defaults_ppr)
        for properties in sources:
            element = properties.find(q(tag)) if properties is not None else None
            if element is not None:
                return element.get(q("val"), "1") not in ("0", "false", "off")
        return False

    def paragraph_style_id(self, paragraph: Any) -> str | None:
        style = paragraph.find(f"{q('pPr')}/{q('pStyle')}")
        return style.get(q("val")) if style is not None else self.default_paragraph_style


def _first(sources: list[Any], tag: str, attribute: str) -> str | None:
    for properties in sources:
        if properties is None:
            continue
        element = properties.find(q(tag))
        if element is not None and element.get(q(attribute)) is not None:
            value: str = element.get(q(attribute))
            return value
    return None


def paragraph_text(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(q("t")))


# Word's built-in heading styles in English and Chinese installs ("heading 1", "标题 1").
_BUILT_IN_HEADING = re.compile(r"^(heading|标题)\s*\d$", re.IGNORECASE)


@dataclass(frozen=True)
class DocParagraph:
    """One paragraph of the document body as the checks see it.

    ``text`` has its whitespace removed (what the PDF's characters are compared with); ``style`` is the
    paragraph style's name; ``heading`` says it is an own-line heading or a title-block line by its style
    (outline level, keep-with-next, Word's or docgen's heading styles); ``page_break_before`` that it
    starts a new page on purpose.
    """

    text: str
    style: str
    style_id: str
    heading: bool
    keep_with_next: bool
    page_break_before: bool
    align: str = "both"  # w:jc as resolved: left/both/center/right …


def document_paragraphs(document: Any, styles: Styles, heading_style_ids: frozenset[str]) -> list[DocParagraph]:
    """The body's paragraphs in reading order (tables included), blank ones too."""
    body = document.find(q("body"))
    found: list[DocParagraph] = []
    if body is None:
        return found
    broken = False  # the previous paragraph ended with a page break
    for paragraph in body.iter(q("p")):
        style_id = styles.paragraph_style_id(paragraph) or ""
        name = styles.name(style_id)
        outline = styles.paragraph_value(paragraph, "outlineLvl", "val")
        keep = styles.paragraph_flag(paragraph, "keepNext")
        heading = (
            style_id in heading_style_ids
            or bool(_BUILT_IN_HEADING.match(name))
            or (outline is not None and outline.isdigit() and int(outline) < 9)
        )
        page_breaks = [br for br in paragraph.iter(q("br")) if br.get(q("type")) == "page"]
        text = "".join(paragraph_text(paragraph).split())
        before = broken or styles.paragraph_flag(paragraph, "pageBreakBefore")
        if page_breaks and not text:
            broken = True
            continue
        align = styles.paragraph_value(paragraph, "jc", "val") or "left"
        found.append(DocParagraph(text, name, style_id, heading, keep, before, align))
        broken = bool(page_breaks)
    return found

"""Writes a docxtpl template .docx from a `LayoutProfile`: named styles, page, grid, footers, font table.

The output is byte-for-byte reproducible (fixed zip timestamps and order), so the committed
``templates/*.docx`` can be checked against the profile they come from. Run ``python -m docgen.layout.build``
to rewrite them.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docgen.layout.profile import PROFILES, Element, LayoutProfile

# The styles, font table and settings live in their own module; their names stay importable from here.
from docgen.layout.styles import (
    NO_LINE_END,
    NO_LINE_START,
    W_NS,
    XML_DECL,
    font_table_xml,
    settings_xml,
    styles_xml,
)
from docgen.layout.units import mm_to_twips
from docgen.model.title import subtitle_lines_key

__all__ = [
    "NO_LINE_END", "NO_LINE_START", "body_template_xml", "build_template", "custom_properties_xml", "document_xml",
    "font_table_xml", "main", "settings_xml", "styles_xml",
]  # fmt: skip

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _footer_xml(style_id: str, profile: LayoutProfile) -> str:
    dash = profile.page_number.dash
    char_style = f'<w:rPr><w:rStyle w:val="{Element.PAGE_NUMBER.style_id}Char"/></w:rPr>'

    def run(inner: str) -> str:
        return f"<w:r>{char_style}{inner}</w:r>"

    # A complex PAGE field whose every run, the result included, carries the page-number style.
    return (
        XML_DECL
        + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
        + run(f'<w:t xml:space="preserve">{dash} </w:t>')
        + run('<w:fldChar w:fldCharType="begin"/>')
        + run('<w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText>')
        + run('<w:fldChar w:fldCharType="separate"/>')
        + run("<w:t>1</w:t>")
        + run('<w:fldChar w:fldCharType="end"/>')
        + run(f'<w:t xml:space="preserve"> {dash}</w:t>')
        + "</w:p></w:ftr>"
    )


def _p(style: Element, *runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style.style_id}"/></w:pPr>{"".join(runs)}</w:p>'


def _r(text: str, char_style: Element | None = None) -> str:
    rpr = f'<w:rPr><w:rStyle w:val="{char_style.style_id}"/></w:rPr>' if char_style else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _tag_p(tag: str) -> str:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag: docxtpl replaces the whole paragraph by it."""
    return f"<w:p><w:r><w:t>{{%p {tag} %}}</w:t></w:r></w:p>"


def _tag_r(tag: str) -> str:
    """A run holding only a docxtpl ``{%r … %}`` tag: docxtpl replaces the whole run by it."""
    return f"<w:r><w:t>{{%r {tag} %}}</w:t></w:r>"


def _optional(field: str, style: Element, expression: str) -> str:
    return _tag_p(f"if {field}") + _p(style, _r(f"{{{{ {expression} }}}}")) + _tag_p("endif")


_HEADINGS = (Element.HEADING1, Element.HEADING2, Element.HEADING3, Element.HEADING4)
_RUN_STYLES = (
    Element.LEAD,
    Element.RUN_IN,
    Element.HEADING1_RUN_IN,
    Element.HEADING2_RUN_IN,
    Element.HEADING3_RUN_IN,
    Element.HEADING4_RUN_IN,
)


def _body_paragraphs() -> str:
    """The speech body from ``paragraphs``: own-line headings in their level's paragraph style, every other
    paragraph in the body style with each run in its character style (lead, 一是 point, run-in heading)."""
    runs = _tag_r("for run in paragraph.runs")
    for index, element in enumerate(_RUN_STYLES):
        runs += _tag_r(f'{"if" if index == 0 else "elif"} run.style == "{element.value}"')
        runs += _r("{{ run.text }}", element)
    runs += _tag_r("else") + _r("{{ run.text }}") + _tag_r("endif") + _tag_r("endfor")
    paragraph = ""
    for index, element in enumerate(_HEADINGS):
        paragraph += _tag_p(f'{"if" if index == 0 else "elif"} paragraph.style == "{element.value}"')
        paragraph += _p(element, _r("{{ paragraph.text }}"))
    paragraph += _tag_p("else") + _p(Element.BODY, runs) + _tag_p("endif")
    return _tag_p("for paragraph in paragraphs") + paragraph + _tag_p("endfor")


def _lines(style: Element, field: str) -> str:
    """One paragraph printing a list of lines with a line break between them (title, subtitle)."""
    return _p(
        style,
        _tag_r(f"for line in {field}"),
        _r("{{ line }}"),
        _tag_r("if not loop.last"),
        "<w:r><w:br/></w:r>",
        _tag_r("endif"),
        _tag_r("endfor"),
    )


def body_template_xml(subtitle_lines: str = "subtitle_lines") -> str:
    """The Jinja body: the order of LAYOUT.md §3, every paragraph a named style, no direct formatting.
    ``subtitle_lines`` is the context key of the subtitle broken for this template's measure.
    The body goes through ``paragraphs`` so that every shape of speech (headed parts, four heading levels,
    point lists, free sections) is printed by the same few paragraphs."""
    return (
        _lines(Element.TITLE, "title_lines")
        + _tag_p(f"if {subtitle_lines}")
        + _lines(Element.SUBTITLE, subtitle_lines)
        + _tag_p("endif")
        + _optional("date_line", Element.DATE, "date_line")
        + _optional("speaker", Element.SPEAKER, "speaker")
        + _p(Element.BODY)  # the blank line between the header block and what follows
        + _optional("salutation", Element.SALUTATION, "salutation")
        + _body_paragraphs()
    )


def _section_xml(profile: LayoutProfile) -> str:
    m = profile.margins_twips
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
        '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
        f'<w:pgSz w:w="{mm_to_twips(profile.page_width_mm)}" w:h="{mm_to_twips(profile.page_height_mm)}"/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
        f'w:header="851" w:footer="{profile.footer_distance_twips}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        # A line grid only: Word's character grid sets 14 characters a line in LibreOffice (LAYOUT.md §6).
        f'<w:docGrid w:type="lines" w:linePitch="{profile.line_pitch_twips}"/>'
        "</w:sectPr>"
    )


def document_xml(profile: LayoutProfile) -> str:
    return (
        XML_DECL
        + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + body_template_xml(subtitle_lines_key(profile.chars_per_line))
        + _section_xml(profile)
        + "</w:body></w:document>"
    )


CONTENT_TYPES = (
    XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/custom.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    XML_DECL + f'<Relationships xmlns="{PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{DOC_REL}/extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{DOC_REL}/custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    XML_DECL + f'<Relationships xmlns="{PKG_REL_NS}">'
    f'<Relationship Id="rIdStyles" Type="{DOC_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{DOC_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFontTable" Type="{DOC_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdFooterOdd" Type="{DOC_REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterEven" Type="{DOC_REL}/footer" Target="footer2.xml"/>'
    "</Relationships>"
)

# Title and author come from the speech: the renderer fills these tags like any other part.
CORE_PROPERTIES = (
    XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{{ title }}</dc:title><dc:creator>{{ speaker }}</dc:creator>"
    "</cp:coreProperties>"
)

APP_PROPERTIES = (
    XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>docgen</Application></Properties>"
)


def custom_properties_xml(profile: LayoutProfile) -> str:
    """The profile's name as a custom document property: how `docgen check` knows which layout a
    docgen file was made with (Word and LibreOffice keep custom properties when they save)."""
    from docgen.layout.check import PROFILE_PROPERTY

    return (
        XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name={quoteattr(PROFILE_PROPERTY)}>'
        f"<vt:lpwstr>{escape(profile.name)}</vt:lpwstr></property></Properties>"
    )


def build_template(profile: LayoutProfile) -> bytes:
    """The template .docx for ``profile``, as bytes; the same profile always gives the same bytes."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": CORE_PROPERTIES,
        "docProps/app.xml": APP_PROPERTIES,
        "docProps/custom.xml": custom_properties_xml(profile),
        "word/document.xml": document_xml(profile),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(profile),
        "word/settings.xml": settings_xml(profile),
        "word/fontTable.xml": font_table_xml(profile),
        "word/footer1.xml": _footer_xml(Element.PAGE_NUMBER.style_id, profile),
        "word/footer2.xml": _footer_xml(Element.PAGE_NUMBER.style_id + "Even", profile),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, xml.encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Rewrite the bundled templates: ``python -m docgen.layout.build [FOLDER]`` (default: the repo's templates/)."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent.parent.parent / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    for name, profile in PROFILES.items():
        target = folder / f"{name}.docx"
        target.write_bytes(build_template(profile))
        print(f"{target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

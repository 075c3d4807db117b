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

from docgen.layout.profile import PROFILES, Align, Element, ElementStyle, LayoutProfile
from docgen.layout.units import mm_to_twips, pt_to_half_points, pt_to_twips
from docgen.model.title import subtitle_lines_key

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# Characters that may not start / end a line in Simplified Chinese (GB/T 15834, Word's zh-CN defaults).
NO_LINE_START = "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～￠"
NO_LINE_END = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥"


def _attr(value: str) -> str:
    return quoteattr(value)


def _run_properties(style: ElementStyle, profile: LayoutProfile) -> str:
    latin, east = _attr(style.latin_font), _attr(style.east_asian_font)
    size = pt_to_half_points(style.size_pt)
    parts = [f"<w:rFonts w:ascii={latin} w:hAnsi={latin} w:eastAsia={east} w:cs={latin}/>"]
    parts.append("<w:b/><w:bCs/>" if style.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    parts.append('<w:color w:val="000000"/>')
    spacing = profile.char_spacing_twips if style.condensed else 0
    parts.append(f'<w:spacing w:val="{spacing}"/>')
    parts.append(f'<w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    parts.append('<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _paragraph_properties(
    style: ElementStyle, profile: LayoutProfile, line_twips: int | None = None, *, keep_with_next: bool = False
) -> str:
    line = profile.line_pitch_twips if line_twips is None else line_twips
    # keepNext + keepLines: a heading or title line never ends a page, and a two-line heading is not split;
    # the lines it needs move to the next page, which leaves that page short but on the grid (docs/PAGINATION.md).
    keep = "<w:keepNext/><w:keepLines/>" if keep_with_next else ""
    # widowControl off: with it, LibreOffice moves lines and page 1 ends with 21 of its 22 lines.
    return (
        "<w:pPr>"
        + keep
        + '<w:widowControl w:val="0"/>'
        '<w:kinsoku w:val="1"/><w:wordWrap w:val="1"/><w:overflowPunct w:val="1"/>'
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        + ("" if style.on_grid else '<w:snapToGrid w:val="0"/>')
        + f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>'
        f'<w:ind w:left="0" w:right="0" w:firstLine="{style.first_line_indent_twips}"/>'
        f'<w:jc w:val="{style.align.value}"/>'
        "</w:pPr>"
    )


def _style(element: Element, profile: LayoutProfile) -> str:
    style = profile.style(element)
    kind = "character" if element.is_character_style else "paragraph"
    head = (
        f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{element.style_id}">'
        f"<w:name w:val={_attr(element.style_name)}/>"
    )
    if element.is_character_style:
        return head + '<w:uiPriority w:val="1"/><w:qFormat/>' + _run_properties(style, profile) + "</w:style>"
    return (
        head
        + '<w:basedOn w:val="Normal"/>'
        + f'<w:next w:val="{Element.BODY.style_id}"/>'
        + '<w:uiPriority w:val="1"/><w:qFormat/>'
        + _paragraph_properties(style, profile, keep_with_next=element.keeps_with_next)
        + _run_properties(style, profile)
        + "</w:style>"
    )


def _page_number_styles(profile: LayoutProfile) -> str:
    number = profile.page_number
    face = _attr(number.font)
    size = pt_to_half_points(number.size_pt)
    indent = pt_to_twips(number.outer_indent_chars * number.size_pt)
    rpr = (
        f"<w:rPr><w:rFonts w:ascii={face} w:hAnsi={face} w:eastAsia={face} w:cs={face}/>"
        '<w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="000000"/><w:spacing w:val="0"/><w:kern w:val="0"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )

    def paragraph(style_id: str, name: str, align: Align, left: int, right: int) -> str:
        return (
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val={_attr(name)}/><w:basedOn w:val="Normal"/><w:uiPriority w:val="1"/>'
            '<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>'
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:left="{left}" w:right="{right}" w:firstLine="0"/><w:jc w:val="{align.value}"/></w:pPr>'
            + rpr
            + "</w:style>"
        )

    base_id = Element.PAGE_NUMBER.style_id
    return (
        paragraph(base_id, Element.PAGE_NUMBER.style_name + "（单页）", Align.RIGHT, 0, indent)
        + paragraph(base_id + "Even", Element.PAGE_NUMBER.style_name + "（双页）", Align.LEFT, indent, 0)
        + f'<w:style w:type="character" w:customStyle="1" w:styleId="{base_id}Char">'
        f'<w:name w:val={_attr(Element.PAGE_NUMBER.style_name + "数字")}/><w:uiPriority w:val="1"/>'
        + rpr
        + "</w:style>"
    )


def styles_xml(profile: LayoutProfile) -> str:
    body = profile.style(Element.BODY)
    normal = body.model_copy(update={"first_line_indent_chars": 0})
    elements = [e for e in Element if e is not Element.PAGE_NUMBER]
    return (
        XML_DECL
        + f'<w:styles xmlns:w="{W_NS}">'
        + "<w:docDefaults><w:rPrDefault>"
        + _run_properties(normal, profile)
        + "</w:rPrDefault><w:pPrDefault>"
        + _paragraph_properties(normal, profile)
        + "</w:pPrDefault></w:docDefaults>"
        + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        + _paragraph_properties(normal, profile)
        + _run_properties(normal, profile)
        + "</w:style>"
        + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        + "".join(_style(e, profile) for e in elements)
        + _page_number_styles(profile)
        + "</w:styles>"
    )


def font_table_xml(profile: LayoutProfile) -> str:
    fonts = []
    for name in profile.fonts:
        alt = profile.font_alt_names.get(name)
        alt_xml = f"<w:altName w:val={_attr(alt)}/>" if alt else ""
        latin = all(ord(c) < 128 for c in name)
        charset = "00" if latin else "86"
        family = "roman" if latin else "modern"
        pitch = "variable" if latin else "fixed"
        fonts.append(
            f'<w:font w:name={_attr(name)}>{alt_xml}<w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        )
    return XML_DECL + f'<w:fonts xmlns:w="{W_NS}">' + "".join(fonts) + "</w:fonts>"


def settings_xml(profile: LayoutProfile) -> str:
    return (
        XML_DECL + f'<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/>'
        "<w:evenAndOddHeaders/>"
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        f'<w:noLineBreaksAfter w:lang="zh-CN" w:val={_attr(NO_LINE_END)}/>'
        f'<w:noLineBreaksBefore w:lang="zh-CN" w:val={_attr(NO_LINE_START)}/>'
        "<w:compat>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


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
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name={_attr(PROFILE_PROPERTY)}>'
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

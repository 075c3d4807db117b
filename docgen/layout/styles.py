"""The template's look in WordprocessingML, from a `LayoutProfile`: named styles, font table, settings."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docgen.layout.profile import Align, Element, ElementStyle, LayoutProfile
from docgen.layout.units import pt_to_half_points, pt_to_twips

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

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
        "<w:pPr>" + keep + '<w:widowControl w:val="0"/>'
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

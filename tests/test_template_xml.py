"""The bundled template in the XML: page, margins, styles, fonts, footers — and reproducible from its profile."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from docgen import render
from docgen.layout.build import build_template
from docgen.layout.profile import PROFILES, STANDARD

from .conftest import REPO

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def attr(element, name: str) -> str | None:
    return element.get(f"{{{W}}}{name}")


@pytest.fixture(scope="module")
def parts(seed_speech) -> dict[str, etree._Element]:
    package = zipfile.ZipFile(io.BytesIO(render(seed_speech)))
    return {n: etree.fromstring(package.read(n)) for n in package.namelist() if n.endswith((".xml", ".rels"))}


def style(parts, style_id: str):
    found = parts["word/styles.xml"].find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, f"style {style_id} missing"
    return found


def run_fonts(element) -> dict[str, str]:
    fonts = element.find("w:rPr/w:rFonts", NS)
    return {key.split("}")[1]: value for key, value in fonts.attrib.items()}


def size_half_points(element) -> int:
    return int(attr(element.find("w:rPr/w:sz", NS), "val"))


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_committed_templates_equal_what_the_builder_writes(name):
    committed = (REPO / "templates" / f"{name}.docx").read_bytes()
    assert committed == build_template(PROFILES[name]), "run `python -m docgen.layout.build` and commit templates/"


def test_builder_is_deterministic():
    assert build_template(STANDARD) == build_template(STANDARD)


def test_page_is_a4_with_official_margins(parts):
    section = parts["word/document.xml"].find(".//w:sectPr", NS)
    size = section.find("w:pgSz", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    margins = section.find("w:pgMar", NS)
    # 37 / 26 / 35 / 28 mm in twips (LAYOUT.md §1)
    assert {k: attr(margins, k) for k in ("top", "right", "bottom", "left")} == {
        "top": "2098",
        "right": "1474",
        "bottom": "1984",
        "left": "1587",
    }


def test_grid_is_lines_only_with_the_22_line_pitch(parts):
    grid = parts["word/document.xml"].find(".//w:sectPr/w:docGrid", NS)
    assert attr(grid, "type") == "lines" and attr(grid, "linePitch") == "579"
    assert attr(grid, "charSpace") is None


def test_body_is_sanhao_fangsong_with_times_new_roman_and_the_grid_recipe(parts):
    body = style(parts, "DocgenBody")
    assert attr(body.find("w:name", NS), "val") == "讲话正文"
    assert run_fonts(body) == {
        "ascii": "Times New Roman",
        "hAnsi": "Times New Roman",
        "eastAsia": "仿宋_GB2312",
        "cs": "Times New Roman",
    }
    assert size_half_points(body) == 32  # 三号 16 pt
    assert attr(body.find("w:rPr/w:spacing", NS), "val") == "-5"
    spacing = body.find("w:pPr/w:spacing", NS)
    assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("579", "exact")
    assert attr(body.find("w:pPr/w:ind", NS), "firstLine") == "640"
    assert attr(body.find("w:pPr/w:jc", NS), "val") == "both"
    assert attr(body.find("w:pPr/w:widowControl", NS), "val") == "0"
    assert attr(body.find("w:pPr/w:kinsoku", NS), "val") == "1"
    assert attr(body.find("w:pPr/w:overflowPunct", NS), "val") == "1"


def test_title_is_erhao_xiaobiaosong_centred_not_bold(parts):
    title = style(parts, "DocgenTitle")
    assert run_fonts(title)["eastAsia"] == "方正小标宋简体"
    assert size_half_points(title) == 44  # 二号 22 pt
    assert attr(title.find("w:pPr/w:jc", NS), "val") == "center"
    assert attr(title.find("w:rPr/w:b", NS), "val") == "0"


@pytest.mark.parametrize(
    ("style_id", "east_asian", "bold"),
    [
        ("DocgenHeading1", "黑体", "0"),
        ("DocgenHeading2", "楷体_GB2312", "0"),
        ("DocgenSubtitle", "楷体_GB2312", "0"),
        ("DocgenDate", "楷体_GB2312", "0"),
        ("DocgenSpeaker", "楷体_GB2312", "0"),
        ("DocgenSalutation", "仿宋_GB2312", "0"),
        ("DocgenLead", "仿宋_GB2312", None),
        ("DocgenRunIn", "仿宋_GB2312", None),
    ],
)
def test_element_styles_have_their_faces(parts, style_id, east_asian, bold):
    element = style(parts, style_id)
    assert run_fonts(element)["eastAsia"] == east_asian
    assert size_half_points(element) == 32
    assert attr(element.find("w:rPr/w:b", NS), "val") == bold  # None: <w:b/> without val is bold


def test_salutation_has_no_indent_and_heading1_two_characters(parts):
    assert attr(style(parts, "DocgenSalutation").find("w:pPr/w:ind", NS), "firstLine") == "0"
    assert attr(style(parts, "DocgenHeading1").find("w:pPr/w:ind", NS), "firstLine") == "640"


def test_every_style_states_east_asian_and_latin_fonts_and_no_theme_fonts_anywhere(parts):
    for element in parts["word/styles.xml"].iter(f"{{{W}}}rFonts"):
        assert attr(element, "eastAsia") and attr(element, "ascii") and attr(element, "hAnsi")
    for name, root in parts.items():
        text = etree.tostring(root, encoding="unicode")
        assert "Theme=" not in text and "theme" not in name, name


def test_font_table_names_fallbacks(parts):
    table = parts["word/fontTable.xml"]
    alt = {
        attr(f, "name"): attr(f.find("w:altName", NS), "val") if f.find("w:altName", NS) is not None else None
        for f in table.findall("w:font", NS)
    }
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体" and alt["黑体"] == "SimHei"
    assert {"方正小标宋简体", "宋体", "Times New Roman"} <= set(alt)


def test_chinese_line_breaking_rules_are_set(parts):
    settings = parts["word/settings.xml"]
    before = attr(settings.find("w:noLineBreaksBefore", NS), "val")
    after = attr(settings.find("w:noLineBreaksAfter", NS), "val")
    assert set("，。、；：？！）》”’") <= set(before)
    assert set("（《“‘") <= set(after)
    assert settings.find("w:evenAndOddHeaders", NS) is not None


def footer_for(parts, kind: str):
    rels = parts["word/_rels/document.xml.rels"]
    reference = parts["word/document.xml"].find(f".//w:sectPr/w:footerReference[@w:type='{kind}']", NS)
    rid = reference.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    return parts[f"word/{target}"]


@pytest.mark.parametrize(("kind", "align", "indent_side"), [("default", "right", "right"), ("even", "left", "left")])
def test_page_numbers_sit_on_the_outer_side_one_character_in(parts, kind, align, indent_side):
    footer = footer_for(parts, kind)
    paragraph_style = style(parts, attr(footer.find("w:p/w:pPr/w:pStyle", NS), "val"))
    assert attr(paragraph_style.find("w:pPr/w:jc", NS), "val") == align
    assert attr(paragraph_style.find("w:pPr/w:ind", NS), indent_side) == "280"  # one 四号 character
    text = "".join(t.text for t in footer.iter(f"{{{W}}}t"))
    assert text == "— 1 —"
    instructions = "".join(t.text for t in footer.iter(f"{{{W}}}instrText"))
    assert instructions.split()[0] == "PAGE"


def test_page_number_runs_all_carry_sihao_songti(parts):
    for kind in ("default", "even"):
        footer = footer_for(parts, kind)
        runs = footer.findall(".//w:r", NS)
        assert len(runs) == 7  # dash, field begin, instruction, separate, result, end, dash
        for run in runs:
            char_style = style(parts, attr(run.find("w:rPr/w:rStyle", NS), "val"))
            assert run_fonts(char_style)["eastAsia"] == "宋体"
            assert size_half_points(char_style) == 28  # 四号 14 pt


def test_body_paragraphs_use_named_styles_and_no_direct_formatting(parts):
    body = parts["word/document.xml"].find("w:body", NS)
    for paragraph in body.findall("w:p", NS):
        properties = paragraph.find("w:pPr", NS)
        assert [etree.QName(c).localname for c in properties] == ["pStyle"]
        for run in paragraph.findall("w:r", NS):
            run_properties = run.find("w:rPr", NS)
            if run_properties is not None:
                assert [etree.QName(c).localname for c in run_properties] == ["rStyle"]


def test_core_properties_carry_title_and_author():
    from docx import Document

    from docgen import Speech

    data = render(Speech(title="在全县工作会议上的讲话 & 总结", speaker="张　三"))
    properties = Document(io.BytesIO(data)).core_properties
    assert properties.title == "在全县工作会议上的讲话 & 总结"
    assert properties.author == "张　三"

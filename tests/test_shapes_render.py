"""Rendering the new shapes: every paragraph reaches the .docx in its named paragraph style, every run in its
named character style; templates written against the old context keys render the seed byte for byte."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from docgen import Speech, Template, load_speech, render
from docgen.layout.profile import Element

from .conftest import SEED_YAML
from .test_shapes import HEADED

LEGACY = Path(__file__).parent / "data" / "legacy"


def _char(run_style: str) -> str:
    return "" if run_style == "Default Paragraph Font" else run_style


def styled_paragraphs(data: bytes) -> list[tuple[str, list[tuple[str, str]]]]:
    """(paragraph style name, [(run character style name or "", text)]) of every body paragraph."""
    document = Document(io.BytesIO(data))
    out = []
    for paragraph in document.paragraphs:
        runs = [
            (_char(run.style.name if run.style is not None else ""), run.text) for run in paragraph.runs if run.text
        ]
        out.append((paragraph.style.name if paragraph.style is not None else "", runs))
    return out


@pytest.mark.parametrize("template", ["speech", "speech-large"])
def test_a_headed_speech_renders_every_level_in_its_named_style(template):
    paragraphs = styled_paragraphs(render(Speech.model_validate(HEADED), template))
    body = paragraphs
    expected = [
        ("讲话一级标题", [("", "一、充分肯定成绩")]),
        ("讲话正文", [("", "主要有以下特点：")]),
        ("讲话正文", [("讲话要点", "一是在稳增长方面："), ("", "增长8%。")]),
        ("讲话一级标题", [("", "二、清醒认识问题")]),
        ("讲话正文", [("", "存在的问题：")]),
        ("讲话正文", [("讲话要点", "一是"), ("", "项目不足。")]),
        ("讲话正文", [("讲话要点", "二是"), ("", "作风不实。")]),
        ("讲话一级标题", [("", "三、扎实做好今年工作")]),
        ("讲话二级标题", [("", "（一）聚焦项目建设。")]),
        ("讲话正文", [("", "要抓项目。")]),
        ("讲话正文", [("讲话三级标题（接排）", "1.抓谋划。"), ("", "储备项目。")]),
        ("讲话三级标题", [("", "2.抓保障")]),
        ("讲话正文", [("讲话四级标题（接排）", "（1）用地保障。"), ("", "盘活存量。")]),
        ("讲话正文", [("讲话二级标题（接排）", "（二）严守纪律。"), ("", "各级干部要守纪律。")]),
        ("讲话正文", [("", "谢谢大家！")]),
    ]
    start = next(i for i, (style, _) in enumerate(body) if style == "讲话一级标题")
    assert body[start:] == expected


def test_every_run_style_a_paragraph_can_carry_is_in_the_bundled_templates():
    speech = Speech.model_validate(
        {
            "title": "t",
            "parts": [
                {"heading": "一级接排。", "run_in": True, "body": [{"lead": "首句。", "text": "正文。"}]},
                {
                    "heading": "甲",
                    "body": [
                        {"heading": "乙", "body": [{"heading": "丙", "body": [{"heading": "丁", "body": ["x"]}]}]}
                    ],
                },
            ],
        }
    )
    for template in ("speech", "speech-large"):
        paragraphs = styled_paragraphs(render(speech, template))
        styles = {style for style, _ in paragraphs} | {c for _, runs in paragraphs for c, _ in runs}
        assert {
            "讲话一级标题（接排）",
            "讲话首句",
            "讲话一级标题",
            "讲话二级标题",
            "讲话三级标题",
            "讲话正文",
        } <= styles
        assert ("讲话四级标题", [("", "（1）丁")]) in paragraphs


def test_no_direct_formatting_in_the_rendered_body():
    data = render(Speech.model_validate(HEADED))
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    body = document[document.index("<w:body") : document.index("<w:sectPr")]
    for direct in ("<w:b/>", "<w:sz ", "<w:rFonts", "<w:jc ", "<w:ind ", "<w:spacing "):
        assert direct not in body


def test_the_run_in_character_styles_are_defined_like_their_headings():
    from docgen.layout.profile import LARGE_PRINT, STANDARD

    for profile in (STANDARD, LARGE_PRINT):
        assert profile.style(Element.HEADING1_RUN_IN).east_asian_font == profile.style(Element.HEADING1).east_asian_font
        assert profile.style(Element.HEADING3_RUN_IN).bold and profile.style(Element.HEADING3).bold
        assert Element.HEADING4_RUN_IN.is_character_style and not Element.HEADING4.is_character_style


def test_a_template_written_against_the_old_context_renders_the_seed_byte_for_byte():
    # speech-0.1.docx is the bundled template as it was before `paragraphs` existed; the document it gives
    # for the seed was recorded then.
    rendered = Template(LEGACY / "speech-0.1.docx").render(load_speech(SEED_YAML))
    document = zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml")
    assert document == (LEGACY / "seed-document.xml").read_bytes()


def test_the_bundled_template_prints_the_seed_as_the_old_one_did():
    seed = load_speech(SEED_YAML)
    old = styled_paragraphs(Template(LEGACY / "speech-0.1.docx").render(seed))
    assert styled_paragraphs(render(seed)) == old


def test_old_keys_keep_every_character_of_new_shapes_but_the_headings():
    speech = Speech.model_validate(HEADED)
    legacy = styled_paragraphs(Template(LEGACY / "speech-0.1.docx").render(speech))
    text = "".join(t for _, runs in legacy for _, t in runs)
    for fragment in (
        "主要有以下特点：",
        "一是在稳增长方面：增长8%。",
        "存在的问题：",
        "一是项目不足。",
        "二是作风不实。",
        "1.抓谋划。储备项目。",
        "（1）用地保障。盘活存量。",
        "各级干部要守纪律。",
    ):
        assert fragment in text


def test_the_headed_example_renders_four_levels_own_line_and_run_in():
    example = Path(__file__).resolve().parent.parent / "examples" / "headed-three-parts.yaml"
    paragraphs = styled_paragraphs(render(load_speech(example)))
    styles = {style for style, _ in paragraphs} | {c for _, runs in paragraphs for c, _ in runs}
    assert {"讲话一级标题", "讲话二级标题", "讲话三级标题", "讲话二级标题（接排）", "讲话三级标题（接排）"} <= styles
    assert {"讲话四级标题（接排）", "讲话要点"} <= styles
    headings = [runs[0][1] for style, runs in paragraphs if style == "讲话一级标题"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、"]


@pytest.mark.parametrize(
    ("level1", "top_style", "below"),
    [
        ("1.", "讲话三级标题", ("讲话四级标题（接排）", "（1）")),
        ("（一）", "讲话二级标题", ("讲话三级标题（接排）", "1.")),
    ],
)
def test_a_talk_numbered_from_a_lower_enumerator_prints_its_parts_in_that_style(level1, top_style, below):
    speech = Speech.model_validate(
        {
            "title": "在驻村第一书记座谈会上的讲话",
            "numbering": {"level1": level1},
            "parts": [
                {"heading": "时间意识", "body": ["时间不等人。", {"heading": "抓紧。", "text": "要抓紧。"}]},
                {"heading": "身份意识", "body": ["要清楚自己的身份。"]},
            ],
        }
    )
    paragraphs = styled_paragraphs(render(speech))
    first = "1." if level1 == "1." else "（一）"
    second = "2." if level1 == "1." else "（二）"
    assert (top_style, [("", f"{first}时间意识")]) in paragraphs
    assert (top_style, [("", f"{second}身份意识")]) in paragraphs
    assert ("讲话正文", [(below[0], f"{below[1]}抓紧。"), ("", "要抓紧。")]) in paragraphs

"""What the paper check takes for a heading and a page break, read from a file's XML (no LibreOffice needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.layout.check import load_document
from docgen.layout.docx_xml import document_paragraphs
from docgen.layout.paper_measure import looks_like_heading
from docgen.layout.profile import Element


@pytest.mark.parametrize(
    "text",
    [
        "一、坚持项目为王，持续扩大有效投资。",
        "（一）抓好谋划储备。",
        "1.强化前期工作",
        "（1）健全推进机制。",
        "十二、狠抓作风建设",
    ],
)
def test_an_enumerated_one_sentence_paragraph_is_an_own_line_heading(text: str) -> None:
    assert looks_like_heading(text)


@pytest.mark.parametrize(
    "text",
    [
        "（一）抓好要素保障。国土、发改、财政等部门要主动对接，为项目建设开绿灯。",  # run-in: body text
        "一是在经济发展方面：发展质量稳步提升。",
        "同志们：今天我们召开会议。",
        "2023年全县GDP增长6.5%。",
        "一、" + "坚持稳中求进" * 12,  # far too long for a heading line
    ],
)
def test_run_in_headings_points_and_body_are_not_headings(text: str) -> None:
    assert not looks_like_heading(text)


def test_headings_are_known_by_outline_level_word_styles_and_docgen_styles(tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    document.add_heading("一、Word 的标题 1", level=1)
    document.add_paragraph("正文。")
    document.add_paragraph("分页之前。").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("分页之后。")
    path = tmp_path / "x.docx"
    document.save(path)
    _, xml, styles = load_document(path)
    ids = frozenset(e.style_id for e in Element if e.keeps_with_next)
    paragraphs = {p.text: p for p in document_paragraphs(xml, styles, ids)}
    assert paragraphs["一、Word的标题1"].heading
    assert not paragraphs["正文。"].heading
    assert paragraphs["分页之后。"].page_break_before and not paragraphs["分页之前。"].page_break_before


def test_docgen_heading_and_title_styles_are_headings(tmp_path: Path) -> None:
    from docgen import Speech, render

    speech = Speech.model_validate(
        {
            "title": "在全县工作会议上的讲话",
            "salutation": "同志们",
            "opening": ["今天开会。"],
            "recommendations": {"items": [{"heading": "坚持稳中求进。", "body": ["要抓落实。"]}]},
        }
    )
    path = tmp_path / "x.docx"
    path.write_bytes(render(speech))
    _, xml, styles = load_document(path)
    ids = frozenset(e.style_id for e in Element if e.keeps_with_next)
    by_text = {p.text: p for p in document_paragraphs(xml, styles, ids) if p.text}
    assert by_text["在全县工作会议上的讲话"].heading and by_text["一、坚持稳中求进。"].heading
    assert by_text["一、坚持稳中求进。"].keep_with_next
    assert not by_text["今天开会。"].heading and not by_text["同志们："].heading

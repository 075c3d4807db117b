"""Points counted in words (a point style written for 1: "第一个词是", "方法一："), on paper in both bundled templates.

A 团拜会-shaped speech with two such lists is rendered and converted by LibreOffice once. On the PDF each point
opens its own paragraph, indented two characters, with the label generated from its position ("第二个词是",
"方法二：") set in the bold 讲话要点 style and the point's words after it in the regular body face, at the body
size. Without LibreOffice the tests skip, naming the install command; under CI they fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from docgen.output.pdf import to_pdf_many

if TYPE_CHECKING:
    from tests.paper import Line

TEMPLATES = ["speech", "speech-large"]
BLOCK_LEFT = 28.0  # mm (GB/T 9704 订口)
MM_PER_PT = 25.4 / 72

_BODY = "这一年，金融海啸持续冲击，种种经济社会矛盾因此加剧，我们全市上下沉着应对、化危为机，各项工作井然有序。"
SPEECH: dict[str, Any] = {
    "title": "在全市办公室系统迎春团拜会上的致辞",
    "salutation": "同志们",
    "opening": ["回顾最为困难的一年，有两个关键词，也许能概括我们的一些共同感受："],
    "parts": [
        {"points": [{"body": ["从容。" + _BODY]}, {"body": ["信心。" + _BODY]}], "style": "第一个词是"},
        "借此机会，将我们几点不成熟的做法汇报如下：",
        {"points": [{"body": ["强筋健骨法。" + _BODY]}, {"body": ["穿针引线法。" + _BODY]}], "style": "方法一："},
    ],
    "closing": ["谢谢大家！"],
}
LABELS = ["第一个词是", "第二个词是", "方法一：", "方法二："]


@dataclass(frozen=True)
class Paper:
    template: str
    lines: list[Line]  # every printed line but the page numbers, in reading order


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Paper]:
    from docgen import Speech, render_file
    from tests import paper

    paper.require_paper()

    speech = Speech.model_validate(SPEECH)
    folder = tmp_path_factory.mktemp("paper-counted")
    docx = [render_file(speech, folder / f"{template}.docx", template) for template in TEMPLATES]
    found = {}
    for pdf in to_pdf_many(docx, folder):
        pages = paper.read_pages(pdf)
        lines = [line for page in pages for line in page.lines if line is not page.page_number_line()]
        found[pdf.stem] = Paper(pdf.stem, lines)
    return found


@pytest.fixture(params=TEMPLATES)
def on_paper(request: pytest.FixtureRequest, papers: dict[str, Paper]) -> Paper:
    return papers[request.param]


def test_each_counted_point_opens_a_paragraph_with_its_generated_label_in_bold(on_paper: Paper) -> None:
    from docgen.layout.profile import PROFILES, Element

    body_pt = PROFILES[on_paper.template].style(Element.BODY).size_pt
    texts = [line.chars for line in on_paper.lines]
    starts = [text for text in texts if text.startswith(("第", "方法"))]
    assert [next(label for label in LABELS if s.startswith(label)) for s in starts] == LABELS, texts
    for label in LABELS:
        line = on_paper.lines[next(i for i, t in enumerate(texts) if t.startswith(label))]
        printed = [g for g in line.glyphs if not g.char.isspace()]
        label_glyphs, words = printed[: len(label)], printed[len(label) :]
        # The label is in 讲话要点 (bold 仿宋: docgen/output/fonts.conf maps 仿宋 to a serif face); the words after
        # it are body text (regular 仿宋).
        assert all("Serif" in g.font and "Bold" in g.font for g in label_glyphs), {g.font for g in label_glyphs}
        assert words and all("Bold" not in g.font for g in words), {g.font for g in words}
        assert all(g.size_pt == pytest.approx(body_pt, abs=0.1) for g in printed)
        assert line.x0 - BLOCK_LEFT == pytest.approx(2 * body_pt * MM_PER_PT, abs=0.5)

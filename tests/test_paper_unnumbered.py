"""Unnumbered level-1 headings (``numbering.level1: none``) on paper, in both bundled templates.

A 党课-shaped speech whose level-1 headings carry no enumerator ("坚定理想信念，筑牢思想根基"), with （一） and 一是
inside, is rendered and converted by LibreOffice once. On the PDF each unnumbered heading is a line of its own
holding exactly the heading's words (no label printed, nothing of the body run into it), set in 黑体 at the
body size and indented two characters like a numbered one; the body around it keeps the grid's characters per
line (28 in the standard template, 24 in large print); the levels inside print （一） and 一是 from one again.
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

_BODY = (
    "理想信念是共产党人精神上的钙，是我们安身立命的根本，也是我们经受住各种考验、走好新的长征路的思想保证，"
    "全体党员干部要把坚定理想信念作为终身课题，常修常练，在学思践悟中不断筑牢信仰之基、补足精神之钙、把稳思想之舵，"
    "始终做到对党忠诚、心中有党，在任何时候任何情况下都能经得起风浪考验。"
)
HEADINGS = ["坚定理想信念，筑牢思想根基", "关于当前形势", "一个思想伟大的党"]
SPEECH: dict[str, Any] = {
    "title": "在全县党员干部党课上的讲话",
    "salutation": "同志们",
    "numbering": {"level1": "none"},
    "opening": ["今天，我围绕坚定理想信念、担当作为讲一次党课，和大家交流几点认识。" + _BODY],
    "parts": [
        {
            "heading": HEADINGS[0],
            "body": [_BODY, {"heading": "深刻理解理想信念的重要意义", "body": [_BODY]}, {"points": [_BODY, _BODY]}],
        },
        {"heading": HEADINGS[1], "body": [_BODY, {"heading": "清醒认识面临的风险挑战", "body": [_BODY]}]},
        {"heading": HEADINGS[2], "body": [_BODY, _BODY]},
    ],
    "closing": ["同志们，让我们坚定理想信念，奋力谱写新时代发展新篇章！"],
}


@dataclass(frozen=True)
class Paper:
    template: str
    lines: list[Line]  # every printed line but the page numbers, in reading order
    context: dict[str, Any]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Paper]:
    from docgen import Speech, render_file
    from tests import paper

    paper.require_paper()

    speech = Speech.model_validate(SPEECH)
    folder = tmp_path_factory.mktemp("paper-unnumbered")
    docx = [render_file(speech, folder / f"{template}.docx", template) for template in TEMPLATES]
    found = {}
    for pdf in to_pdf_many(docx, folder):
        pages = paper.read_pages(pdf)
        lines = [line for page in pages for line in page.lines if line is not page.page_number_line()]
        found[pdf.stem] = Paper(pdf.stem, lines, speech.to_context())
    return found


@pytest.fixture(params=TEMPLATES)
def on_paper(request: pytest.FixtureRequest, papers: dict[str, Paper]) -> Paper:
    return papers[request.param]


def test_an_unnumbered_heading_prints_alone_on_its_line_in_heiti_indented_two_characters(on_paper: Paper) -> None:
    from docgen.layout.profile import PROFILES, Element

    profile = PROFILES[on_paper.template]
    body_pt = profile.style(Element.BODY).size_pt
    texts = [line.chars for line in on_paper.lines]
    for heading in HEADINGS:
        assert texts.count(heading) == 1, (heading, texts)  # its own line, whole, with no label in front
        line = on_paper.lines[texts.index(heading)]
        chinese = [g for g in line.glyphs if "\u4e00" <= g.char <= "\u9fff"]
        # docgen/output/fonts.conf maps 黑体 to a sans face; the body's 仿宋 is a serif one
        assert all("Sans" in g.font and "Bold" not in g.font for g in chinese), {g.font for g in chinese}
        assert all(g.size_pt == pytest.approx(body_pt, abs=0.1) for g in line.glyphs)
        assert line.x0 - BLOCK_LEFT == pytest.approx(2 * body_pt * MM_PER_PT, abs=0.5)


def test_the_body_around_unnumbered_headings_keeps_a_full_line_of_characters(on_paper: Paper) -> None:
    from docgen.layout.profile import PROFILES, Element

    profile = PROFILES[on_paper.template]
    body_pt = profile.style(Element.BODY).size_pt
    # Body lines of a paragraph's middle start at the block's left edge (the first line is indented 2 字).
    middle = [
        line
        for line in on_paper.lines
        if line.is_pure_chinese()
        and abs(line.x0 - BLOCK_LEFT) < 0.5
        and all("Serif" in g.font for g in line.glyphs if "\u4e00" <= g.char <= "\u9fff")
    ]
    full = [line for line in middle if len(line.chars) == profile.chars_per_line]
    assert len(middle) >= 20, [line.chars for line in on_paper.lines]
    # A paragraph's last line is short; kinsoku may carry one character down: none is ever longer.
    assert all(len(line.chars) <= profile.chars_per_line for line in middle)
    assert len(full) >= 0.6 * len(middle), [len(line.chars) for line in middle]
    assert all(line.size_pt == pytest.approx(body_pt, abs=0.1) for line in full)


def test_the_levels_inside_unnumbered_headings_count_from_one_in_each(on_paper: Paper) -> None:
    starts = [line.chars for line in on_paper.lines]
    assert "（一）深刻理解理想信念的重要意义" in starts and "（一）清醒认识面临的风险挑战" in starts
    assert not any(text.startswith(("一、", "二、", "三、", "（二）")) for text in starts), starts
    points = [text[:2] for text in starts if text[:2] in ("一是", "二是")]
    assert points == ["一是", "二是"]

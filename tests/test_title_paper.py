"""Title and subtitle breaking on paper: the lines LibreOffice prints are exactly the lines docgen chose.

Long real titles and subtitles from the corpus (tests/data/titles/titles.yaml) are rendered with both
bundled templates and converted to PDF in one LibreOffice run; on page 1 the 22 pt lines are the title and the
lines after them, up to the salutation, the subtitle. If docgen's measure were too generous, the word
processor would wrap a line again and the printed lines would differ from the computed ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.paper import require_soffice
from tests.test_paper import TITLE_PT, _read_pages

if TYPE_CHECKING:
    from tests.paper import Line, Page

TEMPLATES = ("speech", "speech-large")
SALUTATION = "各位领导、同志们："

# (title, subtitle): real pairs from the corpus where the page had both, else a long corpus title with a
# long subtitle (the last one is the issue's); chosen for two- and three-line titles, digits, Latin
# placeholders, parentheses, quotations and PDF spaces.
CASES = {
    "slogan": (
        "强化“四个度”推进“强省会”奋力当好全省高质量发展排头兵现代化建设领头羊",
        "领导在市十五届人大三次会议闭幕会上的讲话",
    ),
    "quotation": (
        "用心用爱用功答好“强县之问”以良好的精神状态奋力开创强县事业新局面",
        "在全县处级领导和科级主要负责同志专题研讨班结业仪式上的讲话",
    ),
    "digits": (
        "在2025年全区巩固拓展脱贫攻坚成果同乡村振兴有效衔接总指挥部工作研判会议上的讲话",
        "在纪念中国共产党成立 90 周年大会暨“创先争优”活动推进会上的讲话",
    ),
    # a title of exactly 20 cells and a subtitle of 27 cells: each fills its line and must not wrap
    "full-lines": ("在全市党建引领基层治理工作推进会上的讲话", "乡镇党委书记在新国发二号文件专题学习研讨会上的发言"),
    "parentheses": (
        "在XX市委常委会(扩大)会议暨市委党的建设工作领导小组会议上的讲话",
        "在中共某某县委十五届七次全体（扩大）会议暨全县经济工作会议上的讲话",
    ),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    require_soffice()
    from docgen import Speech, render_file
    from docgen.output.pdf import to_pdf_many

    folder: Path = tmp_path_factory.mktemp("title-paper")
    docx = [
        render_file(
            Speech(title=title, subtitle=subtitle, salutation=SALUTATION, closing=["谢谢大家！"]),
            folder / f"{template}-{name}.docx",
            template,
        )
        for template in TEMPLATES
        for name, (title, subtitle) in CASES.items()
    ]
    return {pdf.stem: _read_pages(pdf) for pdf in to_pdf_many(docx, folder)}


def _header(pages: list[Page]) -> tuple[list[Line], list[Line]]:
    """The title lines and the subtitle lines of page 1."""
    lines = list(pages[0].lines)
    title = [line for line in lines if abs(line.size_pt - TITLE_PT) < 0.5]
    after = lines[lines.index(title[-1]) + 1 :]
    end = next(i for i, line in enumerate(after) if line.chars.startswith(SALUTATION[:4]))
    return title, after[:end]


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", CASES)
def test_printed_title_and_subtitle_lines_are_the_computed_ones(
    printed: dict[str, list[Page]], template: str, name: str
) -> None:
    from docgen import Speech
    from docgen.model.title import subtitle_lines_key

    title, subtitle = CASES[name]
    context = Speech(title=title, subtitle=subtitle).to_context()
    cells = {"speech": 28, "speech-large": 24}[template]
    expected_subtitle = context[subtitle_lines_key(cells)]
    printed_title, printed_subtitle = _header(printed[f"{template}-{name}"])
    assert [line.chars for line in printed_title] == [line.replace(" ", "") for line in context["title_lines"]]
    assert [line.chars for line in printed_subtitle] == [line.replace(" ", "") for line in expected_subtitle]
    if name == "full-lines":
        assert len(context["title_lines"]) == 1 and len(expected_subtitle) == (1 if template == "speech" else 2)
        return
    assert len(context["title_lines"]) > 1
    if name in ("digits", "parentheses", "quotation"):  # subtitles of 31–36 cells: two lines on both measures
        assert len(expected_subtitle) == 2

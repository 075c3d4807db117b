"""The bundled template on paper: render through LibreOffice, measure the PDF against LAYOUT.md.

Each speech (the seed, and a long generated one with digits and Latin words) is rendered and converted
once per module; every test then reads the measured lines (tests/paper.py). The figures are the GB/T
9704-2012 ones of LAYOUT.md: a 156 × 225 mm text block 37 mm from the top and 28 mm from the left,
22 lines of 28 characters, page numbers "— N —" 7 mm under the block on the outer side.

Without LibreOffice the paper tests skip, naming the install command; under CI (``CI`` set) they fail.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import random
import shutil
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from docgen.layout.paper_check import paper_findings
from docgen.output.pdf import FONTS_CONF, INSTALL_COMMAND, PdfError, find_soffice, to_pdf, to_pdf_many
from tests.paper import filler, missing, require_soffice

if TYPE_CHECKING:
    from docgen.layout.paper_measure import PaperMeasurement
    from docgen.layout.pdf_reader import Line, Page
    from docgen.layout.profile import LayoutProfile

REPO = Path(__file__).resolve().parent.parent
SEED_YAML = REPO / "examples" / "seed.yaml"

MM_PER_PT = 25.4 / 72
BLOCK_LEFT, BLOCK_RIGHT, BLOCK_TOP, BLOCK_BOTTOM = 28.0, 184.0, 37.0, 262.0  # mm from the page's top-left
TOLERANCE_MM = 1.0
TITLE_PT, PAGE_NUMBER_PT = 22.0, 14.0
PAGE_NUMBER_GAP_MM, PAGE_NUMBER_GAP_TOLERANCE_MM = 7.0, 1.5

NO_LINE_START = "，。、；：？！）》」』】〕〗〉”’"
NO_LINE_END = "（《「『【〔〖〈“‘"


def _read_pages(pdf: Path) -> list[Page]:
    if importlib.util.find_spec("pypdfium2") is None:
        missing("缺少 PDF 测量库 pypdfium2：pip install pypdfium2")
    from docgen.layout.pdf_reader import read_pages

    return read_pages(pdf)


# -- the speeches -----------------------------------------------------------------------------------

_PHRASES = [
    "坚持以人民为中心的发展思想",
    "把群众的急难愁盼作为工作的出发点和落脚点",
    "持续深化“放管服”改革",
    "着力优化营商环境",
    "推动产业结构转型升级",
    "加快建设现代化基础设施体系",
    "统筹发展和安全",
    "牢牢守住不发生规模性返贫的底线",
    "扎实推进乡村振兴战略",
    "全面加强基层组织建设",
    "切实提高干部队伍的专业化能力",
    "以钉钉子精神抓好各项任务落实",
    "坚决防止形式主义、官僚主义",
    "认真落实《中国共产党纪律处分条例》",
    "深入开展调查研究",
    "及时回应人民群众的关切",
    "压紧压实各级各部门的主体责任",
    "推动各项政策措施落地见效",
]
_ENDINGS = "，，，，、；。。！"
# Digits and Latin words as they appear in real speeches.
_MIXED = [
    "全县GDP增长6.5%",
    "建成5G基站1280个",
    "PM2.5平均浓度下降到31微克每立方米",
    "“互联网＋政务服务”App注册用户达到12.6万人",
    "完成投资23.8亿元",
    "2023年1月至11月",
    "ETC用户新增4500户",
]


def _sentences(rng: random.Random, chars: int, mixed: bool) -> str:
    return filler(rng, chars, _PHRASES, _ENDINGS, _MIXED if mixed else ())


def long_speech_data(seed: int = 9704) -> dict[str, object]:
    """A speech of several pages: every part of the model, long paragraphs, some with digits and Latin."""
    rng = random.Random(seed)
    return {
        "title": "在全县2023年经济社会发展工作会议上的讲话",
        "subtitle": "在全县经济工作会议暨优化营商环境大会上的讲话",
        "date": "2023-12-18",
        "speaker": "县委书记　张　三",
        "salutation": "同志们",
        "opening": [_sentences(rng, 260, mixed=False), _sentences(rng, 180, mixed=True)],
        "praise": {
            "intro": "过去一年，全县上下团结一心、攻坚克难，主要有以下几个特点：",
            "points": [
                {
                    "heading": heading,
                    "body": [
                        {"lead": "发展质量稳步提升。", "text": _sentences(rng, 220, mixed=True)},
                        {"lead": "改革开放持续深化。", "text": _sentences(rng, 300, mixed=False)},
                    ],
                }
                for heading in ("在经济发展方面", "在民生保障方面", "在党的建设方面")
            ],
        },
        "shortcomings": [_sentences(rng, 400, mixed=False)],
        "recommendations": {
            "intro": "下面，我再讲几点意见。",
            "items": [
                {
                    "heading": heading,
                    "body": [
                        _sentences(rng, 150, mixed=False),
                        {"lead": "要坚持问题导向。", "text": _sentences(rng, 260, mixed=True)},
                        {"lead": "要强化责任落实。", "text": _sentences(rng, 340, mixed=False)},
                    ],
                }
                for heading in (
                    "坚持稳中求进，推动经济持续回升向好。",
                    "坚持改革创新，持续激发发展活力。",
                    "坚持人民至上，切实保障和改善民生。",
                )
            ],
        },
        "closing": ["同志们，新的一年任务艰巨、使命光荣。让我们更加紧密地团结起来，真抓实干、奋发有为。", "谢谢大家！"],
    }


@dataclass(frozen=True)
class Grid:
    """What a bundled template promises on paper, from its profile: the numbers the tests hold it to."""

    template: str
    lines_per_page: int
    chars_per_line: int
    body_pt: float
    indent_chars: float
    line_pitch_mm: float

    @classmethod
    def of(cls, name: str) -> Grid:
        from docgen.layout.profile import PROFILES, Element

        profile = PROFILES[name]
        body = profile.style(Element.BODY)
        return cls(
            template=name,
            lines_per_page=profile.lines_per_page,
            chars_per_line=profile.chars_per_line,
            body_pt=body.size_pt,
            indent_chars=body.first_line_indent_chars,
            line_pitch_mm=profile.line_pitch_twips / 20 * MM_PER_PT,
        )


TEMPLATES = ["speech", "speech-large"]
SPEECHES = ["seed", "long"]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PaperMeasurement]:
    """The measured pages of each speech in each bundled template, converted in one LibreOffice run."""
    require_soffice()
    from docgen import Speech, load_speech, render_file
    from docgen.layout.profile import PROFILES

    folder = tmp_path_factory.mktemp("paper")
    speeches = {"seed": load_speech(SEED_YAML), "long": Speech.model_validate(long_speech_data())}
    docx = [
        render_file(speech, folder / f"{template}-{name}.docx", template)
        for template in TEMPLATES
        for name, speech in speeches.items()
    ]
    pdfs = to_pdf_many(docx, folder)
    return {
        pdf.stem: _measure(pdf, source, PROFILES[pdf.stem.rsplit("-", 1)[0]])
        for pdf, source in zip(pdfs, docx, strict=True)
    }


def _measure(pdf: Path, docx: Path, profile: LayoutProfile) -> PaperMeasurement:
    from docgen.layout.paper_check import measure

    return measure(_read_pages(pdf), docx, profile)


@pytest.fixture(params=[(t, s) for t in TEMPLATES for s in SPEECHES], ids=lambda case: "-".join(case))
def paper(request: pytest.FixtureRequest, papers: dict[str, PaperMeasurement]) -> tuple[Grid, PaperMeasurement]:
    template, speech = request.param
    return Grid.of(template), papers[f"{template}-{speech}"]


# -- the grid ---------------------------------------------------------------------------------------


def _body_size_lines(lines: list[Line], grid: Grid) -> list[Line]:
    return [line for line in lines if abs(line.size_pt - grid.body_pt) < 0.5]


def test_full_pages_hold_all_their_body_lines(paper: tuple[Grid, PaperMeasurement]) -> None:
    """Every page but the last holds the whole grid, unless a heading had to move to the next page with
    its text (keep-with-next) — then the page is short and the next page opens with that heading."""
    grid, measured = paper
    assert len(measured.pages) >= 3
    for fill in measured.fills[:-1]:
        lines = measured.body[fill.index - 1]
        if fill.full:
            assert fill.slots == grid.lines_per_page
            if fill.index > 1:  # page 1 has the blank line under the header block
                assert fill.lines == grid.lines_per_page, "\n".join(map(str, lines))
        else:
            assert fill.reason.startswith("下页以标题开头"), (
                f"page {fill.index} holds {fill.slots} lines, not {grid.lines_per_page}:\n" + "\n".join(map(str, lines))
            )
            assert grid.lines_per_page - fill.slots <= 3  # a heading of one or two lines moved down
    full = [fill for fill in measured.fills[:-1] if fill.full]
    assert len(full) >= len(measured.fills) // 2
    # Page 1 (title, header block, blank line) is filled too: its last line sits where page 2's 22nd does.
    if measured.fills[0].full and measured.fills[1].full:
        assert measured.body[0][-1].baseline == pytest.approx(measured.body[1][-1].baseline, abs=0.1)


def test_body_lines_are_one_line_pitch_apart(paper: tuple[Grid, PaperMeasurement]) -> None:
    grid, measured = paper
    for index, page in enumerate(measured.body[1:], start=2):
        lines = _body_size_lines(page, grid)
        for upper, lower in itertools.pairwise(lines):
            assert lower.baseline - upper.baseline == pytest.approx(grid.line_pitch_mm, abs=0.1), (
                f"page {index}: {upper} → {lower}"
            )


def test_full_body_lines_hold_all_their_characters(paper: tuple[Grid, PaperMeasurement]) -> None:
    _, measured = paper
    for full in measured.full_lines:
        assert full.excused, (
            f"page {full.page}: {full.count} characters where {full.capacity} fit:\n  {full.line}\n"
            f"  next: {full.following}"
        )
    assert len(measured.full_lines) >= 20, f"only {len(measured.full_lines)} full pure-Chinese lines to check"


def test_most_full_lines_are_exactly_full(paper: tuple[Grid, PaperMeasurement]) -> None:
    """The kinsoku allowance must not hide a grid of 27: most unindented full lines hold exactly 28."""
    grid, measured = paper
    counts = [full.count for full in measured.full_lines if full.capacity == grid.chars_per_line]
    exact = sum(count == grid.chars_per_line for count in counts)
    assert exact >= 0.6 * len(counts), f"{exact} of {len(counts)} full lines hold {grid.chars_per_line}: {counts}"
    assert max(counts) == grid.chars_per_line


def test_body_text_stays_inside_the_text_block(paper: tuple[Grid, PaperMeasurement]) -> None:
    _, measured = paper
    for index, page in enumerate(measured.body, start=1):
        for line in page:
            assert line.x0 >= BLOCK_LEFT - TOLERANCE_MM, f"page {index}: left of the block: {line}"
            assert line.x1 <= BLOCK_RIGHT + TOLERANCE_MM, f"page {index}: right of the block: {line}"
            assert line.top >= BLOCK_TOP - TOLERANCE_MM, f"page {index}: above the block: {line}"
            assert line.bottom <= BLOCK_BOTTOM + TOLERANCE_MM, f"page {index}: below the block: {line}"
    # Nothing printed is left out of the body but the page number.
    for page, body in zip(measured.pages, measured.body, strict=True):
        assert [line for line in page.lines if line not in body] == [page.page_number_line()]


def test_full_lines_reach_both_edges_of_the_block(paper: tuple[Grid, PaperMeasurement]) -> None:
    grid, measured = paper
    for full in measured.full_lines:
        if full.capacity == grid.chars_per_line:
            assert full.line.x0 == pytest.approx(BLOCK_LEFT, abs=TOLERANCE_MM), f"page {full.page}: {full.line}"
        assert full.line.x1 == pytest.approx(BLOCK_RIGHT, abs=TOLERANCE_MM), f"page {full.page}: {full.line}"


def test_full_pages_fill_the_block_from_top_to_bottom(paper: tuple[Grid, PaperMeasurement]) -> None:
    """Line 1 sits in the block's first grid cell and line 22 in its last."""
    grid, measured = paper
    for fill in measured.fills[1:-1]:
        lines = measured.body[fill.index - 1]
        assert BLOCK_TOP - TOLERANCE_MM <= lines[0].top <= BLOCK_TOP + grid.line_pitch_mm, f"page {fill.index}"
        if fill.full:
            assert BLOCK_BOTTOM - grid.line_pitch_mm <= lines[-1].bottom <= BLOCK_BOTTOM + TOLERANCE_MM, (
                f"page {fill.index}: {lines[-1]}"
            )


def test_paragraphs_are_indented_two_characters(paper: tuple[Grid, PaperMeasurement]) -> None:
    grid, measured = paper
    indent = grid.indent_chars * grid.body_pt * MM_PER_PT
    indented = 0
    for item in measured.placed:
        page, index = item.first
        line = measured.body[page][index]
        if item.paragraph.align == "center" or abs(line.size_pt - grid.body_pt) >= 0.5:
            continue
        if item.paragraph.style == "讲话称谓":
            assert line.x0 == pytest.approx(BLOCK_LEFT, abs=0.3), str(line)
            continue
        indented += 1
        assert line.x0 - BLOCK_LEFT == pytest.approx(indent, abs=0.3), f"page {page + 1}: {line}"
    assert indented >= 5


def test_every_paragraph_is_found_on_paper(paper: tuple[Grid, PaperMeasurement]) -> None:
    _, measured = paper
    assert len(measured.placed) == measured.paragraphs


def test_no_line_starts_with_closing_punctuation(paper: tuple[Grid, PaperMeasurement]) -> None:
    _, measured = paper
    for page in measured.pages:
        for line in page.lines:
            assert line.chars[:1] not in set(NO_LINE_START), f"page {page.index}: {line}"
            if line is not page.page_number_line():
                assert line.chars[-1:] not in set(NO_LINE_END), f"page {page.index}: ends with an opening: {line}"


def test_the_paper_check_finds_docgen_output_conforming(paper: tuple[Grid, PaperMeasurement]) -> None:
    """`docgen check --paper` measures what these tests measure and gives every item a ✓ here."""
    _, measured = paper
    failed = [finding for finding in paper_findings(measured) if not finding.ok]
    assert not failed, failed
    assert measured.stranded == []


# -- title and page numbers -------------------------------------------------------------------------


def test_title_is_22_pt_and_centred(paper: tuple[Grid, PaperMeasurement]) -> None:
    pages = paper[1].pages
    first = pages[0].lines[0]
    assert first.size_pt == pytest.approx(TITLE_PT, abs=0.1), str(first)
    title = [line for line in pages[0].lines if abs(line.size_pt - TITLE_PT) < 0.5]
    for line in title:
        assert all(g.size_pt == pytest.approx(TITLE_PT, abs=0.1) for g in line.glyphs if not g.char.isspace())
        centre = (line.x0 + line.x1) / 2
        assert centre == pytest.approx((BLOCK_LEFT + BLOCK_RIGHT) / 2, abs=1.5), str(line)


def test_long_titles_break_between_words_into_balanced_lines(paper: tuple[Grid, PaperMeasurement]) -> None:
    """On paper the title lines are the ones docgen chose (LibreOffice did not re-wrap them), every break
    falls between two words, upper lines are not shorter than the ones below (the seed's title), and the
    lines are one grid pitch apart."""
    from docgen import Speech, load_speech
    from docgen.model.title import text_units, title_words

    grid, pages = paper[0], paper[1].pages
    title = [line for line in pages[0].lines if abs(line.size_pt - TITLE_PT) < 0.5]
    speech = load_speech(SEED_YAML) if len(title) == 3 else Speech.model_validate(long_speech_data())
    expected = speech.to_context()["title_lines"]
    assert [line.chars for line in title] == [line.replace(" ", "") for line in expected]
    words = title_words(speech.title)
    boundaries = {len("".join(words[:i])) for i in range(len(words) + 1)}
    for i in range(1, len(title)):
        assert len("".join(line.chars for line in title[:i])) in boundaries, f"a word is split after line {i}"
    if len(title) > 1:
        widths = [text_units(line.chars) for line in title]
        assert widths == sorted(widths, reverse=True), widths
        for upper, lower in itertools.pairwise(title):
            assert lower.baseline - upper.baseline == pytest.approx(grid.line_pitch_mm, abs=0.2)


def test_every_page_has_its_number(paper: tuple[Grid, PaperMeasurement]) -> None:
    pages = paper[1].pages
    for page in pages:
        assert page.page_number() == page.index, f"page {page.index}: {[str(line) for line in page.lines[-2:]]}"


def test_page_numbers_sit_7_mm_under_the_block_in_14_pt(paper: tuple[Grid, PaperMeasurement]) -> None:
    pages = paper[1].pages
    for page in pages:
        number = page.page_number_line()
        assert number is not None
        assert number.size_pt == pytest.approx(PAGE_NUMBER_PT, abs=0.1), f"page {page.index}: {number}"
        gap = number.top - BLOCK_BOTTOM
        assert gap == pytest.approx(PAGE_NUMBER_GAP_MM, abs=PAGE_NUMBER_GAP_TOLERANCE_MM), (
            f"page {page.index}: the number's top is {gap:.1f} mm under the block: {number}"
        )


def test_page_numbers_sit_one_character_in_on_the_outer_side(paper: tuple[Grid, PaperMeasurement]) -> None:
    pages = paper[1].pages
    one_char = PAGE_NUMBER_PT * MM_PER_PT
    for page in pages:
        number = page.page_number_line()
        assert number is not None
        if page.index % 2:  # odd: right-aligned, one 字 in from the block's right edge
            assert BLOCK_RIGHT - number.x1 == pytest.approx(one_char, abs=0.5), f"page {page.index}: {number}"
        else:  # even: left-aligned, one 字 in from the block's left edge
            assert number.x0 - BLOCK_LEFT == pytest.approx(one_char, abs=0.5), f"page {page.index}: {number}"


# -- fonts ------------------------------------------------------------------------------------------


def test_official_font_names_print_in_the_aliased_free_fonts(papers: dict[str, PaperMeasurement]) -> None:
    """fonts.conf is in force: 仿宋 body → Noto Serif CJK, 黑体 heading → Noto Sans CJK, 楷体 → AR PL UKai."""
    page = papers["speech-long"].pages[0]
    fonts_by_text = {line.chars: line.fonts for line in page.lines}
    serif = [fonts for text, fonts in fonts_by_text.items() if text.startswith("同志们")]
    kai = [fonts for text, fonts in fonts_by_text.items() if text.startswith("——")]
    assert serif and all("NotoSerifCJK" in font for font in serif[0]), fonts_by_text
    assert kai and any("UKai" in font for font in kai[0]), fonts_by_text
    headings = [
        line.fonts
        for page in papers["speech-long"].pages
        for line in page.lines
        if line.chars.startswith(("一、", "二、"))
    ]
    assert headings and all(any("NotoSansCJK" in font for font in fonts) for fonts in headings), headings


# -- docgen.output.pdf itself ------------------------------------------------------------------------------


def test_fonts_conf_maps_the_official_names() -> None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        missing("缺少 fc-match（fontconfig）")
    expected = {
        "仿宋_GB2312": "Noto Serif CJK SC",
        "仿宋": "Noto Serif CJK SC",
        "FangSong": "Noto Serif CJK SC",
        "方正小标宋简体": "Noto Serif CJK SC",
        "宋体": "Noto Serif CJK SC",
        "SimSun": "Noto Serif CJK SC",
        "黑体": "Noto Sans CJK SC",
        "SimHei": "Noto Sans CJK SC",
        "楷体_GB2312": "AR PL UKai CN",
        "楷体": "AR PL UKai CN",
        "KaiTi": "AR PL UKai CN",
    }
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    for name, family in expected.items():
        found = subprocess.run(
            [fc_match, "--format=%{family[0]}", name], env=env, capture_output=True, text=True, check=True
        ).stdout
        assert found == family, f"{name} → {found}"


def test_to_pdf_writes_beside_the_docx_by_default(tmp_path: Path) -> None:
    require_soffice()
    from docgen import Speech, render_file

    docx = render_file(Speech(title="在全县工作会议上的讲话", closing="谢谢大家！"), tmp_path / "讲话 稿.docx")
    pdf = to_pdf(docx)
    assert pdf == tmp_path / "讲话 稿.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["讲话 稿.docx", "讲话 稿.pdf"]  # no lock or temp files


def test_missing_libreoffice_names_the_install_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import docgen.output.pdf

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(docgen.output.pdf, "_SOFFICE_PLACES", ())
    with pytest.raises(PdfError) as error:
        find_soffice()
    assert INSTALL_COMMAND in str(error.value)
    assert "LibreOffice" in str(error.value)


def test_a_hung_conversion_is_killed_at_the_timeout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import docgen.output.pdf

    # A stand-in soffice that starts a child and hangs: the timeout must end the whole process group.
    fake = tmp_path / "soffice"
    pid_file = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pid_file}\nwait\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(docgen.output.pdf, "find_soffice", lambda: str(fake))
    docx = tmp_path / "a.docx"
    from docgen import Speech, render

    docx.write_bytes(render(Speech(title="讲话")))  # a real document: to_pdf refuses a broken one up front
    started = time.monotonic()
    with pytest.raises(PdfError, match="超时"):
        to_pdf(docx, timeout=1)
    assert time.monotonic() - started < 10
    assert not (tmp_path / "a.pdf").exists()
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the child of the timed-out soffice is still running"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by its new parent) counts as ended.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(")")[-1].split()[0] == "Z")


def test_many_files_with_one_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "讲话.docx").write_bytes(b"PK")
    with pytest.raises(PdfError, match="同一个 PDF"):
        to_pdf_many([tmp_path / "a" / "讲话.docx", tmp_path / "b" / "讲话.docx"], tmp_path)


def test_render_command_writes_docx_and_pdf(tmp_path: Path) -> None:
    """`docgen render examples/seed.yaml -o x.docx --pdf` writes x.docx and x.pdf (issue 3's done-when)."""
    require_soffice()
    from docgen.cli import main

    assert main(["render", str(SEED_YAML), "-o", str(tmp_path / "x.docx"), "--pdf"]) == 0
    assert (tmp_path / "x.docx").read_bytes()[:2] == b"PK"
    pages = _read_pages(tmp_path / "x.pdf")
    assert [page.page_number() for page in pages] == list(range(1, len(pages) + 1))


def test_render_command_without_libreoffice_keeps_the_docx_and_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import docgen.output.pdf
    from docgen.cli import main

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(docgen.output.pdf, "_SOFFICE_PLACES", ())
    assert main(["render", str(SEED_YAML), "-o", str(tmp_path / "x.docx"), "--pdf"]) == 2
    assert INSTALL_COMMAND in capsys.readouterr().err
    assert (tmp_path / "x.docx").exists() and not (tmp_path / "x.pdf").exists()

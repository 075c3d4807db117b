"""A headed three-part speech with four heading levels, on paper in both bundled templates.

examples/headed-three-parts.yaml (一、 二、 三、 parts; （一） 1. （1） inside the third, own-line and run-in) is
rendered and converted by LibreOffice once; the PDF's glyphs are then lined up one to one with the characters
the model says the document holds, so each character's font and size can be checked against the named style
of the element it belongs to. Without LibreOffice the tests skip, naming the install command; under CI they
fail.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from docgen.output.pdf import to_pdf_many

if TYPE_CHECKING:
    from tests.paper import Glyph, Line, Page

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "headed-three-parts.yaml"
TEMPLATES = ["speech", "speech-large"]
BLOCK_LEFT = 28.0  # mm
MM_PER_PT = 25.4 / 72

# What docgen/output/fonts.conf maps each official face to, as PDFium names the embedded font.
FACE_ON_PAPER = {"仿宋_GB2312": "Serif", "黑体": "Sans", "楷体_GB2312": "Kai", "方正小标宋简体": "Serif"}
# The look LAYOUT.md §3 asks of each element (face on paper, bold), whatever the profile says: 一、 in 黑体,
# （一） in 楷体, 1. in bold 仿宋, （1） in 仿宋, run-in headings like their own-line counterparts.
LAYOUT_LOOK = {
    "title": ("Serif", False),
    "salutation": ("Serif", False),
    "body": ("Serif", False),
    "lead": ("Serif", True),
    "run_in": ("Serif", True),
    "heading1": ("Sans", False),
    "heading1_run_in": ("Sans", False),
    "heading2": ("Kai", False),
    "heading2_run_in": ("Kai", False),
    "heading3": ("Serif", True),
    "heading3_run_in": ("Serif", True),
    "heading4": ("Serif", False),
    "heading4_run_in": ("Serif", False),
}
LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")


@dataclass(frozen=True)
class Paper:
    template: str
    pages: list[Page]
    context: dict[str, Any]

    @property
    def text_lines(self) -> list[Line]:
        """Every printed line but the page numbers, in reading order."""
        return [line for page in self.pages for line in page.lines if line is not page.page_number_line()]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Paper]:
    from tests import paper

    paper.require_paper()
    from docgen import load_speech, render_file

    speech = load_speech(EXAMPLE)
    folder = tmp_path_factory.mktemp("paper-shapes")
    docx = [render_file(speech, folder / f"{template}.docx", template) for template in TEMPLATES]
    pdfs = to_pdf_many(docx, folder)
    return {pdf.stem: Paper(pdf.stem, paper.read_pages(pdf), speech.to_context()) for pdf in pdfs}


@pytest.fixture(params=TEMPLATES)
def on_paper(request: pytest.FixtureRequest, papers: dict[str, Paper]) -> Paper:
    return papers[request.param]


def expected_characters(context: dict[str, Any]) -> list[tuple[str, str]]:
    """(character, element) for every character the document holds, in order, spaces left out. The element
    is the `Element` value whose named style the character is set in."""
    out = [(ch, "title") for line in context["title_lines"] for ch in line]
    out += [(ch, "salutation") for ch in context["salutation"]]
    for paragraph in context["paragraphs"]:
        for run in paragraph["runs"]:
            element = run["style"] or paragraph["style"]
            out += [(ch, element) for ch in run["text"]]
    return [(ch, element) for ch, element in out if not ch.isspace()]


def printed_glyphs(paper: Paper) -> list[Glyph]:
    return [glyph for line in paper.text_lines for glyph in line.glyphs if not glyph.char.isspace()]


def test_every_character_reaches_the_paper_in_order(on_paper: Paper) -> None:
    expected = "".join(ch for ch, _ in expected_characters(on_paper.context))
    printed = "".join(g.char for g in printed_glyphs(on_paper))
    assert printed == expected


def test_every_element_is_set_in_its_named_styles_face_weight_and_size(on_paper: Paper) -> None:
    from docgen.layout.profile import PROFILES, Element

    profile = PROFILES[on_paper.template]
    expected = expected_characters(on_paper.context)
    glyphs = printed_glyphs(on_paper)
    assert len(glyphs) == len(expected)
    seen: dict[str, int] = {}
    for glyph, (char, element) in zip(glyphs, expected, strict=True):
        assert glyph.char == char
        if not "\u4e00" <= char <= "\u9fff":
            continue  # digits and Latin are set in the Latin face; punctuation may come from either
        style = profile.style(Element(element))
        where = f"{char!r} of {element} in {glyph.font}"
        assert FACE_ON_PAPER[style.east_asian_font] in glyph.font, where
        assert ("Bold" in glyph.font) == style.bold, where
        face, bold = LAYOUT_LOOK[element]
        assert face in glyph.font and ("Bold" in glyph.font) == bold, f"{where}: LAYOUT.md asks for {face}, bold={bold}"
        assert glyph.size_pt == pytest.approx(style.size_pt, abs=0.1), where
        seen[element] = seen.get(element, 0) + 1
    # The speech exercises every heading level, own-line and run in, points and the body.
    assert set(seen) >= {
        "heading1",
        "heading2",
        "heading3",
        "heading2_run_in",
        "heading3_run_in",
        "heading4_run_in",
        "run_in",
        "body",
    }, seen


def test_enumerators_run_in_outline_order(on_paper: Paper) -> None:
    from docgen.layout.profile import PROFILES, Element

    indent = PROFILES[on_paper.template].style(Element.BODY).size_pt * 2 * MM_PER_PT
    starts = [line.chars for line in on_paper.text_lines if abs(line.x0 - BLOCK_LEFT - indent) < 0.5]
    labels = [match.group() for text in starts if (match := LABEL.match(text))]
    assert labels == ["一、", "二、", "三、", "（一）", "1.", "（1）", "（2）", "2.", "（1）", "（2）",
                      "（二）", "1.", "2.", "（三）"]  # fmt: skip


def _lines_per_page(paper: Paper) -> list[int]:
    from docgen.layout.profile import PROFILES, Element

    body_pt = PROFILES[paper.template].style(Element.BODY).size_pt
    return [
        len([line for line in page.lines if abs(line.size_pt - body_pt) < 0.5 and line is not page.page_number_line()])
        for page in paper.pages
    ]


def test_full_pages_hold_the_grid_and_lines_keep_the_pitch(on_paper: Paper) -> None:
    from docgen.layout.profile import PROFILES, Element

    profile = PROFILES[on_paper.template]
    body_pt = profile.style(Element.BODY).size_pt
    counts = _lines_per_page(on_paper)
    assert len(counts) >= 3, counts
    for page, count in zip(on_paper.pages[1:-1], counts[1:-1], strict=True):
        next_page = on_paper.pages[page.index]
        # A page may end early only to keep a heading with what follows it on the next page.
        starts_with_heading = bool(LABEL.match(next_page.lines[0].chars))
        allowed = (
            {profile.lines_per_page, profile.lines_per_page - 1} if starts_with_heading else {profile.lines_per_page}
        )
        assert count in allowed, f"page {page.index}: {count} body lines, expected {profile.lines_per_page}"
    pitch = profile.line_pitch_twips / 20 * MM_PER_PT
    for page in on_paper.pages[1:]:
        lines = [
            line for line in page.lines if abs(line.size_pt - body_pt) < 0.5 and line is not page.page_number_line()
        ]
        for upper, lower in itertools.pairwise(lines):
            assert lower.baseline - upper.baseline == pytest.approx(pitch, abs=0.1), f"page {page.index}: {lower}"


def test_lines_inside_paragraphs_hold_a_full_line_of_characters(on_paper: Paper) -> None:
    """Headings and run-in headings sit on the same grid as the body: a pure-Chinese line that is not the
    last of its paragraph holds 28 characters (24 large print), 26 (22) when it is a paragraph's first."""
    from docgen.layout.profile import PROFILES

    profile = PROFILES[on_paper.template]
    expected = expected_characters(on_paper.context)
    # Which paragraph each printed character belongs to, from the one-to-one alignment.
    paragraph_of: list[int] = []
    index = 0
    for number, paragraph in enumerate(on_paper.context["paragraphs"]):
        paragraph_of += [number] * len([ch for ch in paragraph["text"] if not ch.isspace()])
    lead = len(expected) - len(paragraph_of)  # title and salutation come first
    counts = []
    lines = on_paper.text_lines
    for line, following in itertools.pairwise(lines):
        start, end = index, index + len(line.chars)
        index = end
        if start < lead or end >= len(expected) or not line.is_pure_chinese():
            continue
        if paragraph_of[end - lead] != paragraph_of[end - 1 - lead]:
            continue  # the paragraph's last line
        first = start == lead or paragraph_of[start - lead] != paragraph_of[start - 1 - lead]
        capacity = profile.chars_per_line - (2 if first else 0)
        counts.append(len(line.chars) == capacity)
        # One character short is right when kinsoku carried a character down with the closing mark after it.
        assert capacity - 1 <= len(line.chars) <= capacity, f"{line} / next {following}"
    assert len(counts) >= 15 and sum(counts) >= 0.6 * len(counts), counts

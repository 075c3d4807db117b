"""Property: however a real draft is laid out, every character of it reaches the rendered document.

Drafts are built from the tuning corpus (`tests/data/corpus/*.txt` annotations — never `heldout/`): the
title block, then a window of the speech's paragraphs, each kept whole or re-wrapped at a random width (a PDF's
hard wraps), with half-width punctuation where the source has full-width and stray spaces (PDF extraction),
joined by a random separator — a newline, blank lines, CRLF, "　　", two spaces, one space or nothing at all
(a speech flattened onto one line). Each draft is imported, rendered and read back, and compared character
by character with its paragraphs by `tests/corpus.py` (modulo the README's normalisations: whitespace,
punctuation width, generated enumerators, "——", the "：" after labels and salutations, the date line, the
header order). Roles are not checked here — only that nothing is lost, added or moved.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from . import corpus
from .test_corpus import KNOWN_CHARACTER_BUGS

HEADER = ("title", "subtitle", "date", "speaker", "salutation")
SEPARATORS = ["\n", "\n\n", "\r\n", "　　", "  ", " ", ""]
NARROW = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"}


@functools.cache
def tuning_cases() -> list[corpus.Case]:
    paths = corpus.case_paths(corpus.CORPUS)  # the tuning cases only: heldout/ is never read here
    assert paths and all(not case.heldout for case in map(corpus.load_case, paths))
    return [corpus.load_case(path) for path in paths if path.stem not in KNOWN_CHARACTER_BUGS]


@st.composite
def messy_paragraph(draw: st.DrawFn, text: str) -> str:
    """One paragraph as a messy draft has it: maybe narrowed punctuation, stray spaces, hard wraps."""
    chars = list(text)
    if draw(st.booleans()):
        for i, ch in enumerate(chars):
            if ch in NARROW and draw(st.booleans()):
                chars[i] = NARROW[ch]
    if draw(st.booleans()) and len(chars) > 2:
        for position in sorted(draw(st.lists(st.integers(1, len(chars) - 1), max_size=3)), reverse=True):
            chars.insert(position, " ")
    out = "".join(chars)
    width = draw(st.none() | st.integers(8, 40))
    if width:
        out = "\n".join(out[i : i + width] for i in range(0, len(out), width))
    return out


@st.composite
def messy_drafts(draw: st.DrawFn) -> tuple[corpus.Case, str]:
    """A case cut to its title block and a window of its paragraphs, and a messy draft of exactly those."""
    case = draw(st.sampled_from(tuning_cases()))
    head = 0
    while head < len(case.expected) and case.expected[head][0] in HEADER:
        head += 1
    rest = case.expected[head:]
    start = draw(st.integers(0, max(0, len(rest) - 1)))
    window = rest[start : start + draw(st.integers(1, 10))]
    kept = [*case.expected[:head], *window]
    separator = draw(st.sampled_from(SEPARATORS))
    # The title block keeps its own lines in most drafts; a flattened page runs it in too.
    header_separator = separator if draw(st.booleans()) else "\n"
    texts = [draw(messy_paragraph(text)) for _, text in kept]
    draft = header_separator.join(texts[:head]) + (header_separator if head and window else "")
    draft += separator.join(texts[head:])
    return corpus.Case(case.path, kept), draft


def _score(case: corpus.Case, draft: str, folder: Path) -> corpus.CaseScore:
    """`corpus.score_case` for a draft that is not a file of the corpus. A draft whose title the importer
    cannot find is refused with the ``--title`` fix — no document, so nothing to compare: hypothesis is told
    to look for another (and fails the test if most drafts are refused)."""
    from docgen import render
    from docgen.importer import MissingTitleError, import_file

    path = folder / "草稿.txt"
    path.write_text(draft, encoding="utf-8")
    try:
        speech = import_file(path).speech
    except MissingTitleError:
        event("refused: no title found")
        assume(False)
        raise
    score = corpus.CaseScore(corpus.Case(path, case.expected))
    corpus._score_characters(score, corpus.rendered_paragraphs(render(speech)))
    return score


# Derandomized: the suite runs the same drafts each time (a new failure comes from a change of the importer, not
# from the dice); run with more examples and `derandomize=False` by hand to look for new ones.
@settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
@given(messy_drafts())
def test_every_character_of_a_messy_real_draft_reaches_the_document(tmp_path_factory: Any, drawn: Any) -> None:
    case, draft = drawn
    score = _score(case, draft, Path(tmp_path_factory.mktemp("messy")))
    assert (score.lost, score.added, score.moved) == (0, 0, 0), (case.name, draft[:300], score.char_diffs[:5])


# Found by the property above: the start of case 021, its first body paragraph hard-wrapped every 10 characters
# with a stray space. The wrapped line "第一,开展年度考核" was read as a level-1 heading and renumbered "二、" — the
# typed 第一 was gone; inside a section headed "一、" a 第一 counts that section's points.
WRAPPED_021 = (
    "镇对村考核讲话稿篇1\n同志们:\n一、统一思想,深刻认识年度考核工作的必要性\n开 展年度考核工作\n,是岁末年初一项十\n"
    "分重要的工作,时间\n紧,任务重。搞好年\n度考核工作,对于加\n快“准军事化”建设\n和提高机关干部职工\n队伍素质,促进依法\n"
    "行政和勤政廉洁,推\n进我市人防建设的跨\n越式发展,都具有十\n分重要的积极意义:\n第一,开展年度考核\n工作,是建立以责任\n"
)


def test_a_typed_di_yi_in_a_wrapped_paragraph_is_never_renumbered():
    from docgen import import_text, render

    document = render(import_text(WRAPPED_021).speech)
    text = corpus.fold("".join(p.text for p in corpus.rendered_paragraphs(document)))
    assert "第一，开展年度考核" in text

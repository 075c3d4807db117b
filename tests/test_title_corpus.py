"""The title corpus: 69 real speech titles and subtitles (tests/data/titles/titles.yaml), each with the breaks
a careful writer would accept, decided by hand; 8 of them are held out (gathered after the rules were tuned).
docgen's breaks must be accepted for a set share of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.title_score import CORPUS, load_cases, report, score

ACCEPTED_SHARE = 0.91
"""What docgen reaches today (63 of 69: 57 of the 61 the rules were tuned on, 6 of the 8 held out); a change
that breaks titles worse fails here."""


def test_the_corpus_is_real_and_large_enough():
    cases = load_cases()
    assert len(cases) >= 60
    assert len({case.text for case in cases}) == len(cases), "a title is listed twice"
    for case in cases:
        assert case.source.startswith(("http://", "https://")), case.text
        assert case.kind in {"title", "subtitle"}
        assert case.accept, case.text


def test_every_accepted_break_keeps_the_text():
    for case in load_cases():
        text = case.text if case.kind == "title" or case.text.startswith("——") else "——" + case.text
        for lines in case.accept:
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), (case.text, lines)


def test_docgen_breaks_are_accepted_for_the_share_reached(capsys: pytest.CaptureFixture[str]):
    results = score()
    with capsys.disabled():
        print("\n" + report(results))
    share = sum(r.accepted for r in results) / len(results)
    assert share >= ACCEPTED_SHARE, report(results)


def test_the_corpus_file_is_in_the_repository():
    assert CORPUS.is_file() and CORPUS.is_relative_to(Path(__file__).parent)

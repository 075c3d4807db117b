"""Space gaps on one line (`docgen.importer.gaps`): where a run of spaces is a paragraph break is decided by
what is next to the gap — the end of the text before it, a short heading or label, how the text after it
begins — never by how long the line has gone on without a break (which is what keeps a long line linear)."""

from __future__ import annotations

import functools
from dataclasses import astuple

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.importer.gaps import split_gaps

from . import corpus

# A stretch of 3,000 characters with gaps that are no paragraph break (two spaces, no sentence end).
_RUN_ON = "全县上下凝心聚力  " * 300 + "各项工作取得新成效。  "


@functools.cache
def _corpus_paragraphs() -> list[str]:
    paths = corpus.case_paths(corpus.CORPUS)  # the tuning cases only: heldout/ is never read here
    # (without spaces of their own: single spaces inside Chinese text make a line PDF text, read differently)
    cases = [corpus.load_case(path) for path in paths]
    return [text for case in cases for _, text in case.expected if len(text) >= 4 and " " not in text]


def _pieces(line: str) -> list[tuple[object, ...]]:
    return [astuple(piece)[1:3] for piece in split_gaps(1, line)]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_long_stretch_without_a_break_does_not_change_the_breaks_after_it(data: st.DataObject) -> None:
    paragraphs = _corpus_paragraphs()
    separator = data.draw(st.sampled_from(["　　", "  ", " "]))
    # (two single spaces in a short line make it PDF text, whose gaps are read otherwise: one at most)
    chosen = data.draw(st.lists(st.sampled_from(paragraphs), min_size=1, max_size=2 if separator == " " else 5))
    line = separator.join(chosen)
    alone = _pieces(line)
    after_run_on = _pieces(_RUN_ON + line)
    assert after_run_on[0][0] == _RUN_ON.rstrip()
    assert [text for text, _ in after_run_on[1:]] == [text for text, _ in alone]


def test_the_stretch_before_a_gap_is_read_from_its_end() -> None:
    def texts(line: str) -> list[str]:
        return [piece.text for piece in split_gaps(1, line)]

    # a sentence ends, closing quotes after it: a break; two spaces inside a sentence are none
    assert texts("大家要牢记“安全第一。”  今年以来，……") == ["大家要牢记“安全第一。”", "今年以来，……"]
    assert texts("全县上下凝心聚力  各项工作取得新成效") == ["全县上下凝心聚力  各项工作取得新成效"]
    # a short enumerated heading before the gap, its body after it: a break
    assert texts("一、充分肯定成绩　　今年以来，全县上下凝心聚力，各项工作取得新成效") == [
        "一、充分肯定成绩",
        "今年以来，全县上下凝心聚力，各项工作取得新成效",
    ]

"""Breaking a long title or subtitle into lines the way an office sets it.

GB/T 9704 asks that a title of two or more lines be arranged as a trapezoid or diamond without splitting a
word. docgen's rules, in order:

1. Every line fits the measure: 20 二号 cells for the title, 28 三号 cells for the subtitle (its "——" included).
2. A break falls only between jieba's words (`docgen.model.title_segment`), never inside a set phrase of the genre
   (`docgen.model.title_phrases`: 营商环境, 二十届三中全会精神, 第五届, “短引语” …), never before a particle or a
   closing mark, never after an opening mark or a preposition (`docgen.model.title_grammar`).
3. The upper line is never shorter than the lower; three or four lines make a trapezoid (each line not longer
   than the one above) or, where the grammar needs it, a diamond (the middle line longest).
4. "的讲话" / "的发言" / "的致辞" never stands alone.
5. Among the layouts left, the one with the best seams (after 、 or a coordinator such as 暨, before the name of
   the meeting, … and a verb parted from its object only as a last resort) and the most even lines wins; a
   further line costs as much as a poor seam.

When no layout keeps every phrase whole, phrases give way before shape; when nothing fits at all (a word
longer than a line), the text is left to the word processor.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from docgen.model.title_grammar import CLOSERS, COST_WORD, FORBIDDEN, lone_tail, seam_cost
from docgen.model.title_phrases import breakable
from docgen.model.title_segment import DASH, shape_units, text_units, title_words

__all__ = [
    "SUBTITLE_MEASURES",
    "SUBTITLE_UNITS_PER_LINE",
    "SUBTITLE_UNITS_PER_LINE_LARGE",
    "TITLE_UNITS_PER_LINE",
    "break_subtitle",
    "break_title",
    "subtitle_lines_key",
    "text_units",
    "title_words",
]

TITLE_UNITS_PER_LINE = 20
"""二号 (22 pt) characters that fit the 156 mm text block: 156 mm / 7.76 mm = 20.1."""

SUBTITLE_UNITS_PER_LINE = 28
"""三号 (16 pt) characters per line of the bundled template: the 28-character grid of LAYOUT.md (the subtitle
is condensed to the grid like the body). The leading "——" takes two of them."""

SUBTITLE_UNITS_PER_LINE_LARGE = 24
"""The same for the large-print template (小二, 24 characters a line)."""

SUBTITLE_MEASURES = {"subtitle_lines": SUBTITLE_UNITS_PER_LINE, "subtitle_lines_large": SUBTITLE_UNITS_PER_LINE_LARGE}
"""The context keys holding the broken subtitle, by the measure each is broken for."""


def subtitle_lines_key(chars_per_line: int) -> str:
    """The context key a template of ``chars_per_line`` characters a line prints the subtitle from: the widest
    measure that fits."""
    fitting = [(cells, key) for key, cells in SUBTITLE_MEASURES.items() if cells <= chars_per_line]
    return max(fitting)[1] if fitting else min((cells, key) for key, cells in SUBTITLE_MEASURES.items())[1]


_MAX_LINES = 4
_COST_PER_EXTRA_LINE = 3.0  # a further line is worth a poor seam, not a good one
_COST_IMBALANCE = 0.2  # per cell between the longest and the shortest line
_COST_DIAMOND = 1.0  # a diamond is allowed, a trapezoid preferred
_COST_PHRASE_GIVEN_UP = COST_WORD + 6.0  # only when no layout keeps every phrase


# A NamedTuple rather than a frozen dataclass: making one costs a process ~0.07 ms at import, not ~0.5 ms.
class _Seam(NamedTuple):
    cost: float  # grammar cost; FORBIDDEN where no line may end
    inside_phrase: bool


def break_title(title: str, units_per_line: float = TITLE_UNITS_PER_LINE) -> list[str]:
    """The title as lines: one line if it fits, else the layout the rules above prefer.

    >>> break_title("在全县工作会议上的讲话")
    ['在全县工作会议上的讲话']
    >>> break_title("在第五届长江经济带文化旅游博览会开幕式上的致辞")
    ['在第五届长江经济带文化旅游博览会', '开幕式上的致辞']
    """
    return list(_break(title, units_per_line))


def break_subtitle(subtitle: str, units_per_line: float = SUBTITLE_UNITS_PER_LINE) -> list[str]:
    """The subtitle as printed ("——" in front) in lines, broken by the same rules as the title.

    >>> break_subtitle("在全县工作会议上的讲话")
    ['——在全县工作会议上的讲话']
    """
    return list(_break(DASH + subtitle, units_per_line))


# One speech rendered again and again cuts its title once; a batch's thousands of distinct titles are each
# cut once, and a larger cache would only hold them all: memory growing with the batch (benchmarks/memory.py).
@functools.lru_cache(maxsize=64)
def _break(text: str, units_per_line: float) -> tuple[str, ...]:
    if text_units(text) <= units_per_line:
        return (text,)
    words = title_words(text)
    seams = _seams(text, words)
    spans = _Spans(words)
    fewest = max(2, math.ceil(text_units(text) / units_per_line))
    for strict_phrases, strict_shape in ((True, True), (False, True), (False, False)):
        best: tuple[float, tuple[str, ...]] | None = None
        for lines in range(fewest, min(_MAX_LINES, len(words), fewest + 1) + 1):
            found = _best_layout(spans, seams, lines, units_per_line, strict_phrases, strict_shape)
            if found is not None:
                cost = found[0] + _COST_PER_EXTRA_LINE * (lines - fewest)
                if best is None or cost < best[0]:
                    best = (cost, found[1])
            elif best is not None:
                break  # more lines will not fit better once a count has failed after one succeeded
        if best is not None:
            return best[1]
    return (text,)  # a word longer than a line: let the word processor wrap it


def _seams(text: str, words: Sequence[str]) -> list[_Seam]:
    """The seam after each word but the last."""
    allowed = breakable(text)
    seams = []
    offset = 0
    for i in range(len(words) - 1):
        offset += len(words[i])
        rest = "".join(words[i + 1 :])
        seams.append(_Seam(seam_cost(words[i], words[i + 1], rest), not allowed[offset]))
    return seams


class _Spans:
    """The line made of ``words[a:b]`` with its widths, made once per (a, b): the layouts of one title share
    their lines (a 20-word title has ~200 possible lines against ~500 layouts of three lines, tried up to
    three times), so each line is joined and measured once."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = words
        self._lines: dict[tuple[int, int], tuple[str, float, float, bool]] = {}

    def line(self, a: int, b: int) -> tuple[str, float, float, bool]:
        """(the line, its `text_units`, its `shape_units`, whether it may end a title: not empty, not a lone
        tail)."""
        found = self._lines.get((a, b))
        if found is None:
            text = "".join(self.words[a:b]).strip()
            found = (text, text_units(text), shape_units(text), bool(text) and not lone_tail(text))
            self._lines[a, b] = found
        return found


def _best_layout(
    spans: _Spans,
    seams: Sequence[_Seam],
    lines: int,
    limit: float,
    strict_phrases: bool,
    strict_shape: bool,
) -> tuple[float, tuple[str, ...]] | None:
    candidates = [
        i + 1 for i, seam in enumerate(seams) if seam.cost != FORBIDDEN and not (strict_phrases and seam.inside_phrase)
    ]
    end = len(spans.words)
    best: tuple[float, tuple[str, ...]] | None = None
    for cuts in _fitting_cuts(spans, candidates, lines - 1, limit):
        parts = [spans.line(a, b) for a, b in itertools.pairwise((0, *cuts, end))]
        if not parts[-1][3]:
            continue
        shape = _shape_cost([width for _, _, width, _ in parts])
        if shape is None and strict_shape:
            continue
        cost = (shape or 0.0) + sum(_seam_cost(seams[cut - 1]) for cut in cuts)
        if not strict_shape and shape is None:
            cost += 10.0
        if best is None or cost < best[0]:
            best = (cost, tuple(text for text, _, _, _ in parts))
    return best


def _fitting_cuts(spans: _Spans, candidates: Sequence[int], count: int, limit: float) -> Iterator[tuple[int, ...]]:
    """The choices of ``count`` cuts among ``candidates`` that leave every line within ``limit``, in the order
    `itertools.combinations` gives them (so ties go the same way). A line only grows as its end moves
    right: once one is too long, no later cut can end it, and the choices after are never made (a
    43-character title has ~1,300 choices of three or four lines, a few dozen of which fit)."""
    end = len(spans.words)

    def choose(first: int, start: int, left: int) -> Iterator[tuple[int, ...]]:
        if left == 0:
            if spans.line(start, end)[1] <= limit:
                yield ()
            return
        for index in range(first, len(candidates) - left + 1):
            cut = candidates[index]
            if spans.line(start, cut)[1] > limit:
                return
            for rest in choose(index + 1, cut, left - 1):
                yield (cut, *rest)

    return choose(0, 0, count)


def _seam_cost(seam: _Seam) -> float:
    return seam.cost + (_COST_PHRASE_GIVEN_UP if seam.inside_phrase else 0.0)


def _shape_cost(widths: Sequence[float]) -> float | None:
    """Imbalance cost of a layout, or None if its shape is not allowed (an upper line shorter than the next,
    except the rising half of a diamond)."""
    imbalance = (max(widths) - min(widths)) * _COST_IMBALANCE
    if all(upper >= lower for upper, lower in itertools.pairwise(widths)):
        return imbalance
    peak = widths.index(max(widths))
    if 0 < peak < len(widths) - 1:  # a diamond: rising to a middle line, then falling
        rising, falling = widths[: peak + 1], widths[peak:]
        if all(a <= b for a, b in itertools.pairwise(rising)) and all(a >= b for a, b in itertools.pairwise(falling)):
            # its two ends should match, or it is a lopsided trapezoid in disguise
            return imbalance + _COST_DIAMOND + abs(widths[0] - widths[-1]) * _COST_IMBALANCE
    return None


def ends_cleanly(line: str) -> bool:
    """Whether a line could stand at the start of a title line as far as punctuation goes (for tests)."""
    return bool(line) and line[0] not in CLOSERS

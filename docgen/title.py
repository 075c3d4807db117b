"""Breaking a long title into balanced lines at word boundaries (jieba), the way official titles are set.

GB/T 9704 asks that a title of two or more lines be arranged as a trapezoid or diamond, without splitting
a word; in practice the upper line is the longer one, and "的讲话" / "的发言" never stands alone.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Sequence

TITLE_UNITS_PER_LINE = 20
"""二号 (22 pt) characters that fit the 156 mm text block: 156 mm / 7.76 mm = 20.1."""

# A line may not start with these (they close something) nor end with the openers.
_CLOSERS = "，。、；：？！”’）》」』】〕…—·"
_OPENERS = "“‘（《「『【〔"
_LONE_TAILS = {"讲话", "发言", "的讲话", "的发言", "上的讲话", "上的发言", "致辞", "的致辞"}
_MAX_LINES = 4

# Set phrases of the genre that jieba would cut; a title line never breaks inside them.
PHRASES = (
    "习近平新时代中国特色社会主义思想",
    "中国特色社会主义",
    "全面从严治党",
    "管党治党",
    "高质量发展",
    "主体责任",
    "主题教育",
    "党风廉政建设",
    "意识形态",
    "述职评议",
    "乡村振兴",
    "县直有关单位",
    "市直有关单位",
    "镇党委",
)


ASCII_UNITS = 0.6
"""Width of an ASCII letter or digit in full-width cells: half a cell in Times New Roman, more in the
free fonts that stand in for it; counted generously so a line docgen thinks fits never wraps."""


def text_units(text: str) -> float:
    """Width in full-width character cells (ASCII letters and digits count `ASCII_UNITS`)."""
    return sum(ASCII_UNITS if ord(ch) < 128 else 1.0 for ch in text)


@functools.cache
def _segmenter() -> Callable[[str], list[str]]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for phrase in PHRASES:
        tokenizer.add_word(phrase, freq=10**6)
    return tokenizer.lcut  # type: ignore[no-any-return]


def title_words(title: str) -> list[str]:
    """The title cut into words that may not be split: jieba's words, with punctuation attached to its
    neighbour and runs of digits/Latin letters kept whole."""
    words: list[str] = []
    quoted = False  # inside a short quotation such as “不忘初心、牢记使命”, which stays on one line
    for token in _segmenter()(title):
        joins = token[0] in _CLOSERS or words[-1][-1] in _OPENERS or _joins_ascii(words[-1], token) if words else False
        if words and (joins or quoted):
            words[-1] += token
        else:
            words.append(token)
        if "“" in token:
            quoted = text_units(_quotation_after(title, len("".join(words)) - len(token))) <= _SHORT_QUOTATION
        if "”" in token:
            quoted = False
    return words


_SHORT_QUOTATION = 12


def _quotation_after(title: str, start: int) -> str:
    end = title.find("”", start)
    return title[start : end + 1] if end >= 0 else title[start:]


def _joins_ascii(before: str, token: str) -> bool:
    return before[-1].isascii() and before[-1].isalnum() and token[0].isascii() and token[0].isalnum()


def break_title(title: str, units_per_line: float = TITLE_UNITS_PER_LINE) -> list[str]:
    """The title as lines: one line if it fits, else the fewest lines that fit, split at word boundaries,
    upper lines longer or equal where the words allow, as even as possible.

    >>> break_title("在全县工作会议上的讲话")
    ['在全县工作会议上的讲话']
    """
    if text_units(title) <= units_per_line:
        return [title]
    words = title_words(title)
    widths = [text_units(w) for w in words]
    total = sum(widths)
    fewest = max(2, math.ceil(total / units_per_line))
    for lines in range(fewest, min(_MAX_LINES, len(words)) + 1):
        best = _best_split(words, widths, lines, units_per_line)
        if best is not None:
            return best
    # Words longer than a line (or very long titles): let the word processor wrap the remainder.
    return [title]


def _best_split(words: Sequence[str], widths: Sequence[float], lines: int, limit: float) -> list[str] | None:
    best: tuple[float, list[str]] | None = None
    for cuts in itertools.combinations(range(1, len(words)), lines - 1):
        bounds = (0, *cuts, len(words))
        parts = ["".join(words[a:b]).strip() for a, b in itertools.pairwise(bounds)]
        sizes = [sum(widths[a:b]) for a, b in itertools.pairwise(bounds)]
        if max(sizes) > limit or parts[-1] in _LONE_TAILS:
            continue
        cost = _cost(sizes)
        if best is None or cost < best[0]:
            best = (cost, parts)
    return best[1] if best else None


def _cost(sizes: Sequence[float]) -> float:
    # Evenness first; a lower line longer than the one above costs three times as much (inverted trapezoid).
    cost = 0.0
    for upper, lower in itertools.pairwise(sizes):
        cost += (lower - upper) * 3 if lower > upper else upper - lower
    return cost

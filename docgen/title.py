"""Breaking a long title into balanced lines at word boundaries (jieba), the way official titles are set.

GB/T 9704 asks that a title of two or more lines be arranged as a trapezoid or diamond, without splitting
a word; in practice the upper line is the longer one, and "的讲话" / "的发言" never stands alone.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


_MAX_WORD = 16  # longest dictionary word worth looking up inside a title (PHRASES included)


class _Dictionary:
    """jieba's dictionary, read only as far as titles need it.

    jieba's own start-up (a 9 MB cache, plus pkg_resources) costs about a second per process. A title needs
    only the dictionary words that occur in it, and their prefixes: with those, jieba cuts it exactly as
    with the whole dictionary. The first titles of a process are looked up in dict.txt's text with a
    regular expression (about 35 ms each); a process that breaks many titles (a batch) indexes the whole
    word list once instead (about 0.5 s), after which a title costs a fraction of a millisecond.
    """

    SCANS_BEFORE_INDEXING = 10

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._text: str | None = None
        self._total = 0
        self._index: dict[str, int] | None = None
        self._scans = 0

    def frequencies(self, title: str) -> tuple[dict[str, int], int]:
        """jieba's prefix dictionary restricted to ``title``, and the total count of the whole dictionary."""
        with self._lock:
            text = self._load()
            if self._index is None and self._scans >= self.SCANS_BEFORE_INDEXING:
                self._index = {m[1]: int(m[2]) for m in _ENTRY.finditer(text)}
            index = self._index
            self._scans += 1
        if index is not None:
            found = {w: index[w] for w in _substrings(title) if w in index}
        else:
            alphabet = re.escape("".join(sorted(set(title))))
            entries = re.finditer(rf"(?m)^([{alphabet}]{{1,{_MAX_WORD}}}) (\d+)", text)
            found = {m[1]: int(m[2]) for m in entries if m[1] in title}
        for phrase in PHRASES:
            if phrase in title:
                found[phrase] = found.get(phrase, 0) + _PHRASE_FREQUENCY
        prefixes = dict.fromkeys((w[:i] for w in found for i in range(1, len(w))), 0)
        return prefixes | found, self._total + _PHRASE_FREQUENCY * len(PHRASES)

    def _load(self) -> str:
        if self._text is None:
            self._text = Path(_jieba().__file__).with_name("dict.txt").read_text(encoding="utf-8")
            self._total = JIEBA_DICTIONARY_TOTAL
        return self._text


JIEBA_DICTIONARY_TOTAL = 60_101_967
"""The sum of all counts in jieba 0.42's dict.txt. jieba only takes its logarithm, as a per-word cost
(ln ≈ 17.9); summing 349,046 counts at every start would cost 0.12 s. A test checks it against the
installed jieba, so a new dictionary cannot go unnoticed."""


_ENTRY = re.compile(r"(?m)^(\S+) (\d+)")
_PHRASE_FREQUENCY = 10**6
_DICTIONARY = _Dictionary()


def _substrings(title: str) -> set[str]:
    return {title[i:j] for i in range(len(title)) for j in range(i + 1, min(len(title), i + _MAX_WORD) + 1)}


def _jieba() -> Any:
    # jieba imports pkg_resources (170 ms) only to find its own files; without it, it falls back to a path.
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(60)
    return jieba


def _segment(title: str) -> list[str]:
    tokenizer = _jieba().Tokenizer()
    tokenizer.FREQ, tokenizer.total = _DICTIONARY.frequencies(title)
    tokenizer.initialized = True
    words: list[str] = tokenizer.lcut(title)
    return words


def title_words(title: str) -> list[str]:
    """The title cut into words that may not be split: jieba's words, with punctuation attached to its
    neighbour and runs of digits/Latin letters kept whole."""
    words: list[str] = []
    quoted = False  # inside a short quotation such as “不忘初心、牢记使命”, which stays on one line
    for token in _segment(title):
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
    return list(_break_title(title, units_per_line))


@functools.lru_cache(maxsize=4096)  # one speech is rendered again and again: cut its title once
def _break_title(title: str, units_per_line: float) -> tuple[str, ...]:
    if text_units(title) <= units_per_line:
        return (title,)
    words = title_words(title)
    widths = [text_units(w) for w in words]
    total = sum(widths)
    fewest = max(2, math.ceil(total / units_per_line))
    for lines in range(fewest, min(_MAX_LINES, len(words)) + 1):
        best = _best_split(words, widths, lines, units_per_line)
        if best is not None:
            return tuple(best)
    # Words longer than a line (or very long titles): let the word processor wrap the remainder.
    return (title,)


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

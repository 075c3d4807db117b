"""Cutting a title into the words a line break may not split: jieba's own cut, read from only the part of
jieba's dictionary the title needs, with punctuation attached to its neighbour.

The cut is exactly jieba's with its whole dictionary (a test holds it to that); set phrases are not fed to
jieba but protected on top of its cut (`docgen.title_phrases`), so they can only remove break points.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from docgen.title_grammar import CLOSERS, OPENERS

ASCII_UNITS = 0.6
"""Width of an ASCII letter or digit in full-width cells: half a cell in Times New Roman, more in the
free fonts that stand in for it; counted generously so a line docgen thinks fits never wraps."""


def text_units(text: str) -> float:
    """Width in full-width character cells (ASCII letters and digits count `ASCII_UNITS`)."""
    return sum(ASCII_UNITS if ord(ch) < 128 else 1.0 for ch in text)


def shape_units(text: str) -> float:
    """Width as the eye sees it, for comparing lines (upper not shorter): ASCII at its Times width, half a
    cell; `text_units`, which decides what fits, counts it generously."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text.strip())


_MAX_WORD = 16  # longest dictionary word worth looking up inside a title


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
                self._index = _index(text)
            index = self._index
            self._scans += 1
        if index is not None:
            found = {w: index[w] for w in _substrings(title) if w in index}
        else:
            alphabet = re.escape("".join(sorted(set(title))))
            entries = re.finditer(rf"(?m)^([{alphabet}]{{1,{_MAX_WORD}}}) (\d+)", text)
            found = {m[1]: int(m[2]) for m in entries if m[1] in title}
        prefixes = dict.fromkeys((w[:i] for w in found for i in range(1, len(w))), 0)
        return prefixes | found, self._total

    def index_if_used(self) -> None:
        """Index the word list now if titles have needed the dictionary (see `prepare_many_titles`)."""
        with self._lock:
            if self._text is not None and self._index is None:
                self._index = _index(self._text)

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
_DICTIONARY = _Dictionary()


def _index(text: str) -> dict[str, int]:
    return {m[1]: int(m[2]) for m in _ENTRY.finditer(text)}


def prepare_many_titles() -> None:
    """Ready this process to break many titles: if titles so far needed jieba's dictionary, index it now
    rather than after `_Dictionary.SCANS_BEFORE_INDEXING` slow scans. A batch calls this before it forks
    its workers, so they inherit the index instead of each building its own."""
    _DICTIONARY.index_if_used()


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


DASH = "——"
"""The subtitle's leading dash: two cells, never split, never alone at a line end."""


def title_words(title: str) -> list[str]:
    """The title cut into words that may not be split: jieba's words, with punctuation attached to its
    neighbour and runs of digits/Latin letters kept whole."""
    words: list[str] = []
    quoted = False  # inside a short quotation such as “不忘初心、牢记使命”, which stays on one line
    for token in _segment(title):
        joins = token[0] in CLOSERS or words[-1][-1] in OPENERS or _joins_ascii(words[-1], token) if words else False
        if words and (joins or quoted or token.isspace() or words[-1] == DASH):
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

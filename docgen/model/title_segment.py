"""Cutting a title into the words a line break may not split: jieba's own cut (from the precomputed copy of
its dictionary in `docgen.model.title_dictionary`, without importing jieba), with punctuation attached to its
neighbour.

The cut is exactly jieba's with its whole dictionary (a test holds it to that); set phrases are not fed to
jieba but protected on top of its cut (`docgen.model.title_phrases`), so they can only remove break points.
"""

from __future__ import annotations

from docgen.model.title_dictionary import cut, dictionary
from docgen.model.title_grammar import CLOSERS, OPENERS

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


def _segment(title: str) -> list[str]:
    return cut(title)


def prepare_many_titles() -> None:
    """Ready this process to break many titles: the dictionary's index is read now, so that workers a batch
    forks afterwards inherit it; each then reads and decompresses only the buckets its titles need (cached)."""
    dictionary()


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

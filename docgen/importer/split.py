"""Cutting a paragraph into parts, and the closing of a speech: "……成效。我就讲这些，谢谢大家！" at the end of a
line that held the whole speech becomes a paragraph of its own."""

from __future__ import annotations

import itertools

from docgen.importer import genre
from docgen.importer.source import SourceParagraph


def split_closing(last: SourceParagraph) -> list[SourceParagraph]:
    found = genre.sentences(last.text)
    if len(found) < 2 or not genre.is_closing(last.text[slice(*found[-1])]):
        return [last]
    start = len(found) - 1
    while start > 0 and _closing_like(last.text[slice(*found[start - 1])]):
        start -= 1
    return cut(last, [found[start][0]]) if start else [last]


def cut(p: SourceParagraph, cuts: list[int]) -> list[SourceParagraph]:
    if not cuts:
        return [p]
    bounds = [0, *cuts, len(p.text)]
    parts = [p.slice(a, b) for a, b in itertools.pairwise(bounds)]
    return [part for part in parts if part.text]


def _closing_like(sentence: str) -> bool:
    return genre.is_closing(sentence) or genre.is_exhortation(sentence)


def closing_paragraph(text: str) -> bool:
    """Thanks, possibly after a call: every sentence closing-like, the last one a closing."""
    found = [text[a:b] for a, b in genre.sentences(text)]
    return bool(found) and genre.is_closing(found[-1]) and all(_closing_like(s) for s in found)

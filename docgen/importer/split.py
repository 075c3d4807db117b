"""Taking apart lines that hold several parts of a speech: "……特点：一是……。二是……", "……要求。一、……。二、……",
"……到位。下面，我提几点要求：", "……成效。我就讲这些，谢谢大家！" — each part becomes a paragraph of its own."""

from __future__ import annotations

import itertools

from docgen.importer import genre
from docgen.importer.source import SourceParagraph
from docgen.numbering import Enumerator


def split_run_ins(body: list[SourceParagraph]) -> list[SourceParagraph]:
    """Split paragraphs that hold several parts: "……特点：一是……。二是……", "……实处。二、……",
    "……成效。我就讲这些，谢谢大家！"."""
    body = _split_labels(body, Enumerator.LEVEL1, len(body))
    first_item = next(
        (i for i, p in enumerate(body) if genre.starts_with_label(p.text, Enumerator.LEVEL1, 1)), len(body)
    )
    body = _split_labels(body, Enumerator.ORDINAL, first_item)
    body = _split_turns(body)
    if body:
        body = body[:-1] + _split_closing(body[-1])
    return body


def _split_labels(body: list[SourceParagraph], style: Enumerator, before: int) -> list[SourceParagraph]:
    out: list[SourceParagraph] = []
    expected = 1
    for i, p in enumerate(body):
        starts = genre.label_starts(p.text, style, expected) if i < before else []
        # A first "一、" in mid-paragraph counts after an intro's colon or when "二、" follows it.
        lone_first = len(starts) == 1 and starts[0][0] > 0 and p.text[starts[0][0] - 1] != "："
        if lone_first and expected == 1 and style is Enumerator.LEVEL1:
            starts = []
        if starts:
            expected = starts[-1][1] + 1
        cuts = [position for position, _ in starts if position > 0]
        out += cut(p, cuts)
    return out


def _split_turns(body: list[SourceParagraph]) -> list[SourceParagraph]:
    """In a part cut from a run-together line, start new paragraphs at a turn to shortcomings ("当然，……")
    and at an intro run in before "一、" ("下面，我提几点要求：")."""
    out: list[SourceParagraph] = []
    for i, p in enumerate(body):
        if not p.split:
            out.append(p)
            continue
        found = genre.sentences(p.text)
        cuts = [a for a, b in found[1:] if genre.is_shortcomings(p.text[a:b], strict=True)]
        next_is_item = i + 1 < len(body) and genre.starts_with_label(body[i + 1].text, Enumerator.LEVEL1, 1)
        if next_is_item and len(found) > 1 and genre.is_recommendations_intro(p.text[slice(*found[-1])]):
            cuts.append(found[-1][0])
        out += cut(p, sorted(set(cuts)))
    return out


def _split_closing(last: SourceParagraph) -> list[SourceParagraph]:
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

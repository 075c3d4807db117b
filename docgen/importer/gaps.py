"""Paragraphs run together on one line and separated by spaces: where a run of spaces is a paragraph break.

A web page's indented paragraphs pasted without their line breaks ("……。　　今年以来……"), a heading and its
body on one line ("一、充分肯定成绩　　今年以来，……", "一、治污保洁工程完成情况 根据年初区委……"), a page
flattened into one line ("……三点意见： 一、……"): spaces after the end of a sentence or before an
enumerator separate paragraphs. In a line of PDF text, where every wrap became a single space, only wide gaps
and a space before "一、" or "（一）" after a finished sentence do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.importer.headings import find_heading
from docgen.importer.pdf_spaces import INNER_SPACE, SPACES, SPARSE
from docgen.importer.script import simplified_view, visible_length
from docgen.model.numbering import Enumerator, parse_label
from docgen.model.text import is_cjk

CLOSERS = '”’）》」』】〕)"'
# A paragraph never starts with one of these: the line before continues.
CONTINUATION_STARTS = "，。、；：！？）》”’」』】〕…,.;:!?)"
_INDENT = re.compile(f"^[{SPACES}]+")
# Two or more spaces, an ideographic space, or any space after a sentence end may separate paragraphs.
_GAP_OR_SPACE = re.compile(f"[{SPACES}]+")
_WIDE_GAP = re.compile(f"[{SPACES}]{{2,}}|[ \u3000](?=[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
# In PDF text every line break became a space; one before "一、" or "（一）" after a finished sentence or quote
# is still a paragraph break.
_PDF_HEADING_NEXT = re.compile("[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_FINISHED_MARKS = "。！？；：”’」』）):;!?"  # a sentence, a colon or a quotation ends before the gap
_SENTENCE_MARKS = "。！？；…!?;"
_HEADING_WINDOW = 600  # characters a heading or label before a gap may take (60 visible, pinyin inserted)
_AFTER_WINDOW = 200  # characters after a gap that tell how it begins (an enumerator, a heading and its body)


@dataclass
class Line:
    """A stretch of one source line that starts a paragraph or continues the one before."""

    number: int  # 1-based line number in the source
    text: str  # without its indentation and trailing spaces
    indented: bool = False
    after_gap: bool = False  # split off the line before at a run of spaces: certainly a new paragraph


def split_gaps(number: int, raw: str, *, at_single_spaces: bool = True) -> list[Line]:
    """``raw`` cut at the runs of spaces that separate paragraphs on one line (``at_single_spaces`` False:
    a line of a hard-wrapped text that goes on at its edge, where a single space is the PDF's, no break).

    One walk over the gaps, each judged in O(1) of the text before it: what ends the stretch before a gap
    (a sentence mark, closing quotes) is read backwards from the gap, and a heading or a label is at most
    `_HEADING_WINDOW` characters, so a longer stretch is never one — a line of 200,000 characters without
    a boundary costs what ten of 20,000 cost."""
    indent = _INDENT.match(raw)
    start = indent.end() if indent else 0
    lines: list[Line] = []
    position = start
    pdf = pdf_text(raw)
    gaps = _WIDE_GAP if pdf else _GAP_OR_SPACE
    for gap in gaps.finditer(raw, start):
        end = gap.start()
        if end == position or (raw[position].isspace() and not raw[position:end].strip()):
            continue
        # Only a short stretch can be a heading or a label; a longer one is not copied at every gap.
        before = raw[position:end] if end - position <= _HEADING_WINDOW else ""
        # What follows a gap is judged by how it begins: a bounded window keeps a long line linear.
        after = raw[gap.end() : gap.end() + _AFTER_WINDOW]
        finished = _ends_with(raw, position, end, _FINISHED_MARKS)
        sentence = _ends_with(raw, position, end, _SENTENCE_MARKS)
        if sentence and not at_single_spaces and gap.group() == " ":
            continue  # a sentence run into the next at a PDF's space: a run-in heading and its body
        heading_next = _PDF_HEADING_NEXT.match(after) is not None and finished
        if pdf or gap.end() - gap.start() >= 2 or "\u3000" in gap.group() or sentence:
            boundary = sentence or (bool(before) and (_only_label(before) or _after_heading(before, after)))
            boundary = boundary or (pdf and heading_next)
        else:
            # "一、治污保洁工程完成情况 根据年初区委……": a heading, a single space, its body.
            boundary = bool(before) and _after_heading(before, after) and _heading_phrase(before, after)
        # A page flattened into one line: "……讲三点意见： 一、认清形势……" — a single space after a finished
        # sentence or colon, then an enumerator, is where a paragraph began.
        boundary = boundary or (not pdf and finished and _enumerator_next(after))
        if boundary:
            first = not lines
            text = raw[position:end].rstrip(SPACES)
            lines.append(Line(number, text, indented=bool(indent) and first, after_gap=not first))
            position = gap.end()
    rest = raw[position:].rstrip(SPACES)
    if rest:
        lines.append(Line(number, rest, indented=bool(indent) and not lines, after_gap=bool(lines)))
    return lines


def pdf_text(raw: str) -> bool:
    """Whether ``raw`` is a line of PDF text whose wraps became single spaces: spaces inside its sentences,
    densely enough to be a PDF's wraps rather than a flattened page's part breaks."""
    inner = len(INNER_SPACE.findall(raw))
    return inner >= 2 and inner * SPARSE >= len(raw)


def _ends_with(raw: str, start: int, end: int, marks: str) -> bool:
    """Whether ``raw[start:end]`` ends with one of ``marks``, closing quotes and brackets after it allowed
    (a mark may itself be a closer: "……”"); read backwards over the closers only, so a walk over a line's
    gaps reads each character once."""
    i = end
    while i > start and raw[i - 1] in CLOSERS:
        if raw[i - 1] in marks:
            return True
        i -= 1
    return i > start and raw[i - 1] in marks


def _heading_phrase(before: str, after: str) -> bool:
    """Whether ``before`` is a whole heading ("一、提高认识"), not one cut by a stray space inside a word."""
    parsed = parse_label(before)
    if parsed is None or parsed[0] in (Enumerator.ORDINAL, Enumerator.ORDINAL_YAO, Enumerator.SEQUENCE):
        return False
    before = before.rstrip(SPACES)
    if before[-1] in "：:，,、“" or before[-1].isdigit() or after[:1].isdigit():
        return False  # "一、俗话说得好： “……”", "走过了 90 年": the sentence goes on
    # Not when the recogniser reads the heading as ending before this space (its body began already).
    found = find_heading(before + " " + after[:60])
    if found is not None and found.cue != "line" and found.end < len(before):
        return False
    return (
        len(parsed[2]) >= 4
        and after[:1] not in CONTINUATION_STARTS
        and not splits_a_word(Line(0, before), Line(0, after))
    )


def _enumerator_next(text: str) -> bool:
    found = find_heading(text)
    return found is not None and found.style not in ("①", "第一章")


def _only_label(text: str) -> bool:
    parsed = parse_label(text)
    return parsed is not None and not parsed[2].strip()


def _after_heading(before: str, after: str) -> bool:
    """ "一、充分肯定成绩　　今年以来，……": an enumerated heading, then its body after the spaces."""
    parsed = parse_label(before)
    # A heading may hold commas ("一、认清形势，坚定信心，进一步增强……紧迫感"), never a finished sentence.
    return (
        parsed is not None
        and visible_length(before) <= 60
        and not any(ch in before for ch in "。！？；")
        and len(after) >= 20
    )


def splits_a_word(before: Line, after: Line) -> bool:
    """Whether the break between two lines falls inside a word ("……加快发展的劲" / "头，……"), by jieba's cut."""
    from docgen.model.title_segment import title_words

    left, right = simplified_view(before.text[-4:]), simplified_view(after.text[:4])  # jieba knows Simplified
    if not (is_cjk(left[-1]) and is_cjk(right[0])):
        return False
    position = 0
    for word in title_words(left + right):
        if position < len(left) < position + len(word):
            return True
        position += len(word)
    return False

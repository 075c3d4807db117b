"""Paragraph boundaries of a plain-text draft, as found on a web page or copied out of a PDF.

Three documented normalisations, each reported and none of them touching anything but whitespace:

- **hard wraps are joined**: a line that stops inside a sentence (no sentence-final mark) and is followed by
  its continuation is one paragraph with the next line — told by the line ending in a comma or pause, by
  the draft's wrap width (many lines of about the same length), by indentation (when paragraphs start
  indented, an unindented line continues the one before), or by the next line starting with a mark;
- **space-separated paragraphs are split**: "……。　　今年以来……" or "……。  二、……" — a run of two or
  more spaces after the end of a sentence, or after a heading's enumerator, starts a new paragraph;
- **PDF-extraction spaces inside Chinese text go**: in a body paragraph, a single space between two Chinese
  characters ("中国共 产党人") is dropped. Spaces that are content stay: in the short lines of the title block
  ("张　三", "县长 张三"), around Latin words and numbers.

Every pass is one walk over the lines, so a draft of N lines costs O(N).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from docgen.importer.script import visible_length
from docgen.numbering import parse_label
from docgen.text import is_cjk

# What a line ends with when its sentence is complete (closing quotes and brackets after one of these too).
_COMPLETE_ENDS = "。！？；：…!?;:"
_CLOSERS = "”’）》」』】〕)\""
# A line ending in one of these is certainly cut inside a sentence.
_OPEN_ENDS = "，、（“《‘「『【〔(—-"
# A paragraph never starts with one of these: the line before continues.
_CONTINUATION_STARTS = "，。、；：！？）》”’」』】〕…,.;:!?)"
_SPACES = " \t\u3000\u00a0"
_INDENT = re.compile(f"^[{_SPACES}]+")
# Two or more spaces (or one or more ideographic spaces after a sentence end) separate paragraphs.
_GAP = re.compile(f"[{_SPACES}]{{2,}}|(?<=[。！？；])[ \u3000]+|(?<=[。！？][”’」』）])[ \u3000]+")
_WIDE_GAP = re.compile(f"[{_SPACES}]{{2,}}|[ \u3000](?=[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
# In PDF text every line break became a space; one before "一、" or "（一）" after a finished sentence or quote
# is still a paragraph break.
_PDF_HEADING_NEXT = re.compile("[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_SENTENCE_OR_QUOTE = re.compile(f"[。！？；：”’」』）)][{_CLOSERS}]*$")
# A space inside a sentence between Chinese characters: a line of PDF text, where single spaces are where
# its lines wrapped and say nothing about paragraphs.
_INNER_SPACE = re.compile("[\u4e00-\u9fff，、；] [\u4e00-\u9fff]")
_SENTENCE_BEFORE = re.compile(f"[。！？；…!?;][{_CLOSERS}]*$")
_WRAP_MIN = 16  # a draft wrapped narrower than this is a list of short lines, not a wrapped text
_WRAP_EVIDENCE = 5  # lines of the same width it takes to call a draft hard-wrapped
_BROKEN_MIN = 50  # characters of a line that ends on a word before it counts as a broken paragraph
_WRAP_SLACK = 8  # columns a full line may fall short of the width (a line breaks before a word or a mark)


@dataclass
class Line:
    """A stretch of one source line that starts a paragraph or continues the one before."""

    number: int  # 1-based line number in the source
    text: str  # without its indentation and trailing spaces
    indented: bool = False
    after_gap: bool = False  # split off the line before at a run of spaces: certainly a new paragraph


@dataclass
class Paragraph:
    """A paragraph of the draft: its first line's number and its raw text (lines joined by "\\n")."""

    number: int
    text: str
    joined: int = 0  # how many hard wraps were joined into it


def split_gaps(number: int, raw: str) -> list[Line]:
    """``raw`` cut at the runs of spaces that separate paragraphs on one line."""
    indent = _INDENT.match(raw)
    start = indent.end() if indent else 0
    lines: list[Line] = []
    position = start
    gaps = _WIDE_GAP if len(_INNER_SPACE.findall(raw)) >= 2 else _GAP
    for gap in gaps.finditer(raw, start):
        before = raw[position : gap.start()]
        if not before.strip():
            continue
        after = raw[gap.end() :]
        heading_next = _PDF_HEADING_NEXT.match(after) is not None and _SENTENCE_OR_QUOTE.search(before) is not None
        if (
            _SENTENCE_BEFORE.search(before)
            or _only_label(before)
            or _after_heading(before, after)
            or (gaps is _WIDE_GAP and heading_next)
        ):
            first = not lines
            lines.append(Line(number, before.rstrip(_SPACES), indented=bool(indent) and first, after_gap=not first))
            position = gap.end()
    rest = raw[position:].rstrip(_SPACES)
    if rest:
        lines.append(Line(number, rest, indented=bool(indent) and not lines, after_gap=bool(lines)))
    return lines


def _only_label(text: str) -> bool:
    parsed = parse_label(text)
    return parsed is not None and not parsed[2].strip()


def _after_heading(before: str, after: str) -> bool:
    """ "一、充分肯定成绩　　今年以来，……": an enumerated heading, then its body after the spaces."""
    parsed = parse_label(before)
    return parsed is not None and len(before) <= 40 and not any(ch in before for ch in "。，") and len(after) >= 20


def columns(text: str) -> int:
    """How wide ``text`` prints: two columns for a Chinese character or full-width mark, one for the rest
    (a PDF wraps its lines by width, and "2023" or "," are narrow)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_width(lines: list[Line]) -> int | None:
    """The width (in columns) a hard-wrapped draft was wrapped at: most long lines end within a few
    characters of it and almost none is wider (wrapped text has a hard edge); None when not wrapped."""
    widths = Counter(columns(line.text) for line in lines if len(line.text) >= _WRAP_MIN)
    long_lines = sum(widths.values())
    if long_lines < _WRAP_EVIDENCE:
        return None
    best, best_count = 0, 0
    for width in widths:
        count = sum(widths.get(w, 0) for w in range(width - _WRAP_SLACK, width + 1))
        if count > best_count or (count == best_count and width > best):
            best, best_count = width, count
    wider = sum(count for width, count in widths.items() if width > best + 2)
    if best_count >= _WRAP_EVIDENCE and best_count * 5 >= long_lines * 2 and wider * 10 <= long_lines:
        return best
    return None


def _complete(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and (stripped[-1] in _COMPLETE_ENDS or (stripped != text and stripped[-1] in "。！？"))


def continues(before: Line, after: Line, width: int | None, indents_paragraphs: bool) -> bool:
    """Whether ``after`` is the continuation of ``before`` inside one sentence (a hard wrap)."""
    if after.after_gap or _complete(before.text) or _heading_line(before.text):
        return False
    if after.text[0] in _CONTINUATION_STARTS:
        return True
    if parse_label(after.text) is not None or after.text.startswith(("—", "-")):
        return False
    if before.text[-1] in _OPEN_ENDS:
        return True
    if _broken_paragraph(before.text):
        return True
    if indents_paragraphs:
        return not after.indented
    return width is not None and columns(before.text) >= width - _WRAP_SLACK


def _broken_paragraph(text: str) -> bool:
    """A long line of sentences that stops on a word ("……进行集中整治和"): a paragraph ends with a mark,
    so the next line goes on with it (a heading or title is short and has no sentences inside)."""
    return len(text) >= _BROKEN_MIN and "\u4e00" <= text[-1] <= "\u9fff" and any(ch in text for ch in "，。；")


def _heading_line(text: str) -> bool:
    """An enumerated heading on a line of its own ("一、认真总结成绩，准确把握态势"): never continued."""
    parsed = parse_label(text)
    return parsed is not None and visible_length(text) <= 50 and not any(ch in text for ch in "。！？；")


def paragraphs(numbered_lines: list[tuple[int, str]]) -> list[Paragraph]:
    """The paragraphs of a draft given as (line number, raw line) pairs, blank lines dropped: space gaps
    split, hard wraps joined."""
    lines = [line for number, raw in numbered_lines for line in split_gaps(number, raw)]
    width = wrap_width(lines)
    starts = [line for line in lines if not line.after_gap]
    indents_paragraphs = len(starts) >= 4 and 0.3 <= sum(line.indented for line in starts) / len(starts) < 1
    out: list[Paragraph] = []
    previous: Line | None = None
    for line in lines:
        if (
            previous is not None
            and previous.number + 1 == line.number
            and continues(previous, line, width, indents_paragraphs)
        ):
            # Joined with nothing, unless a Latin word ends the line and another begins the next.
            latin = out[-1].text[-1:].isascii() and out[-1].text[-1:].isalpha() and line.text[:1].isascii()
            out[-1].text += ("\n" if latin and line.text[:1].isalpha() else "") + line.text
            out[-1].joined += 1
        else:
            out.append(Paragraph(line.number, line.text))
        previous = line
    return out


_LATIN_TOKEN = re.compile("[0-9]+[A-Za-z]")  # "5G": a Latin word, its space stays


def pdf_like(text: str) -> bool:
    """A long line of PDF text: spaces inside its sentences, where the PDF's lines wrapped."""
    return len(text) >= 100 and len(_INNER_SPACE.findall(text)) >= 3


_QUOTE_ENDS = "”’」』）"


def drop_quote_spaces(text: str, start: int = 0) -> str:
    """``text`` without the spaces kept after closing quotes (from ``start`` on), once headings are read."""
    if " " not in text[start:] and "\u3000" not in text[start:]:
        return text
    tail = re.sub(f"(?<=[{_QUOTE_ENDS}])[ \u3000](?=[\u4e00-\u9fff“‘（《])", "", text[start:])
    return text[:start] + tail


def _pdf_space(before: str, after: str, keep_after_quotes: bool = True) -> bool:
    """A space a PDF put in: between two Chinese characters, or between a digit and a Chinese character
    ("2025 年 7 月"); not next to a Latin letter, where a space separates words."""
    if keep_after_quotes and before in _QUOTE_ENDS and is_cjk(after):
        return False  # "……的“腐蚀剂” 中央纪委……": after a closing quote the space may end a line of the draft
    if is_cjk(before) and is_cjk(after):
        return True
    return (before.isdigit() and is_cjk(after) and not after.isdigit()) or (after.isdigit() and is_cjk(before))


def drop_pdf_spaces(text: str) -> tuple[str, int]:
    """A body paragraph without the single spaces a PDF extraction put between Chinese characters; returns
    the text and how many went. Lines of the title block and short lines are left alone (names are spaced
    on purpose), and so are spaces next to Latin letters."""
    if len(text) < 20 or not any(ch in text for ch in "，。；"):
        return text, 0
    out: list[str] = []
    dropped = 0
    n = len(text)
    for i, ch in enumerate(text):
        inner = ch in " \u3000" and 0 < i < n - 1 and text[i - 1] not in _SPACES and text[i + 1] not in _SPACES
        if inner and _pdf_space(text[i - 1], text[i + 1]) and not _LATIN_TOKEN.match(text, i + 1):
            dropped += 1
            continue
        out.append(ch)
    return "".join(out), dropped

"""Paragraph boundaries of a plain-text draft, as found on a web page or copied out of a PDF: which lines
go on with the line before (a hard wrap) and which start a paragraph.

Documented normalisations, each reported, touching nothing but whitespace and PDF page numbers:

- **hard wraps are joined**: a paragraph ends with a mark, so a line that stops without a sentence-final
  mark goes on in the next line — unless the next line opens a part of its own (an enumerator, a
  salutation, a date or speaker line, a dash) or the line is one of its own (a title, a short heading, the
  title block). Widths may vary; where the draft has a hard edge (a PDF), a line that fills it continues
  even after a full stop, and indentation, where paragraphs have it, decides;
- **PDF page numbers go** ("— 3 —", "第 3 页"), each named in the report; the sentence they cut is joined;
- **space-separated paragraphs are split** (`docgen.importer.gaps`): "……。　　今年以来……", "……。  二、……",
  and in a page flattened into one line "……三点意见： 一、……";
- **PDF-extraction spaces inside Chinese text go** (`docgen.importer.pdf_spaces`), in the body only.

Every pass is one walk over the lines, so a draft of N lines costs O(N).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from docgen.importer.dates import is_date
from docgen.importer.gaps import CLOSERS, CONTINUATION_STARTS, Line, pdf_text, split_gaps, splits_a_word
from docgen.importer.headings import find_heading
from docgen.importer.pdf_spaces import SPACES
from docgen.importer.script import visible_length
from docgen.model.numbering import Enumerator, label, parse_label
from docgen.model.text import is_cjk, widen_punctuation

# What a line ends with when its sentence is complete (closing quotes and brackets after one of these too).
_COMPLETE_ENDS = "。！？；：…!?;:"
# A line ending in one of these is certainly cut inside a sentence.
_OPEN_ENDS = "，、（“《‘「『【〔(—-,"
# A line never starts with a suffix: "……亲爱的同志" / "们：" is one salutation cut by a wrap.
_SUFFIX_STARTS = ("们",)
# Nor with the particle 的 ("……筑牢“不想腐”" / "的思想堤坝"), save in the few words it begins.
_PARTICLE_START = re.compile("的(?![确士哥])")
# A line never ends on a word that needs the next one: "各位领导、各位" / "同志：" is one salutation.
_MODIFIER_ENDS = ("各位", "尊敬的", "亲爱的")
_DASHES = ("—", "-", "－", "─")
_WRAP_MIN = 16  # a draft wrapped narrower than this is a list of short lines, not a wrapped text
_WRAP_EVIDENCE = 5  # lines of the same width it takes to call a draft hard-wrapped
_BROKEN_MIN = 50  # characters of a line that ends on a word before it counts as a broken paragraph
_WRAP_SLACK = 8  # columns a full line may fall short of the width (a line breaks before a word or a mark)


@dataclass
class Paragraph:
    """A paragraph of the draft: its first line's number and its raw text (lines joined by "\\n")."""

    number: int
    text: str
    joined: int = 0  # how many hard wraps were joined into it


# Marks a web page or a copy narrowed from full width: in the draft's own layout they took two columns.
_NARROWED = ",:;!?()"


@functools.lru_cache(maxsize=4096)  # each line is measured several times (its width, its edge, each join)
def columns(text: str) -> int:
    """How wide ``text`` prints: two columns for a Chinese character or full-width mark, one for the rest
    (a PDF wraps its lines by width, and "2023" or "," are narrow)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" or ch in _NARROWED else 1 for ch in text)


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
        # A wrap cuts lines wherever the width falls, so most lines at the edge stop inside a sentence; lines
        # of one width that all end their sentences (a list of equal headings) are not a wrapped text.
        edge = [line.text for line in lines if len(line.text) >= _WRAP_MIN]
        edge = [text for text in edge if best - _WRAP_SLACK <= columns(text) <= best]
        if sum(not _complete(text) for text in edge) * 2 >= len(edge):
            return best
    return None


def _complete(text: str) -> bool:
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in _COMPLETE_ENDS or (stripped != text and stripped[-1] in "。！？"))


# A PDF's page footer copied with the text: "— 3 —", "- 3 -", "－3－", "第 3 页", "第3页 共10页", "3/10".
_PAGE_NUMBER = re.compile(
    r"[-—–－─~～]+\s*\d{1,4}\s*[-—–－─~～]+|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
)


def page_number(text: str) -> bool:
    """A line that is only a PDF page number or footer ("— 3 —", "- 3 -", "第 3 页")."""
    return _PAGE_NUMBER.fullmatch(text.strip(SPACES)) is not None


def _starts_structure(text: str, in_header: bool) -> bool:
    """A line that opens a part of the speech of its own: an enumerator (一、 （一） 1. 一是 第一，), a dash
    (a subtitle or speaker line), a salutation, a date, a page number; in the title block a speaker line
    (past it, a name alone is more likely the last word of a sentence)."""
    from docgen.importer import header

    if parse_label(text) is not None or text.startswith(_DASHES) or page_number(text):
        return True
    if find_heading(text) is not None:
        return True
    if header.salutation_end(text) or header.is_salutation(text) or is_date(text):
        return True
    return header.is_speaker(text) and (in_header or header.has_post(text))


def _own_line(text: str, limit: int = 30) -> bool:
    """A short line without a sentence inside: a title, an unnumbered heading ("开篇话", or a pair of phrases
    "坚定理想信念，筑牢思想根基"), a speaker or date line, a bare salutation, a signature — a line of its own,
    never the start of a wrapped sentence."""
    if visible_length(text) > limit:
        return False
    # (a web page's half-width comma is one too: "第一句话,党纪教育就是身份警醒")
    first, comma, second = text.replace(",", "，").partition("，")
    if comma and min(len(first), len(second)) >= 4:
        text = first + second  # one comma joining two phrases of a heading, not a clause cut by a wrap
    return not any(ch in text for ch in "，。；！？、,;")


class Reader:
    """What a draft's lines say about how it was broken: the wrap width (a PDF), whether paragraphs start
    indented, whether most lines stop inside a sentence (a hard-wrapped text of varied width)."""

    def __init__(self, lines: list[Line]) -> None:
        self.width = wrap_width(lines)
        starts = [line for line in lines if not line.after_gap]
        self.indents_paragraphs = len(starts) >= 4 and 0.3 <= sum(line.indented for line in starts) / len(starts) < 1
        long_lines = [line for line in lines if visible_length(line.text) >= _WRAP_MIN and not page_number(line.text)]
        open_lines = sum(not _complete(line.text) and not _heading_line(line.text) for line in long_lines)
        # A text where a third of the long lines stop inside a sentence was hard-wrapped, whatever the widths.
        self.wrapped = self.width is not None or (open_lines >= 3 and open_lines * 3 >= len(long_lines))
        # In a wrapped text a line of its own is clearly shorter than the wrapped lines around it.
        lengths = sorted(visible_length(line.text) for line in long_lines)
        typical = lengths[len(lengths) // 2] if lengths else 40
        self.own_line_max = min(30, typical * 3 // 4) if self.wrapped else 30

    def continues(
        self, before: Line, after: Line, *, starts_paragraph: bool, in_header: bool, current: str = ""
    ) -> bool:
        """Whether ``after`` goes on with the sentence ``before`` stopped in (a hard wrap). ``starts_paragraph``:
        ``before`` is the first line of its paragraph; ``in_header``: no line of the draft has ended a
        sentence yet (the title block, whose lines end without marks); ``current``: the paragraph so far."""
        if after.after_gap or page_number(before.text):
            return False
        heading = _heading_line(before.text)
        if heading or (not starts_paragraph and not self._full(before) and _heading_line(current, 70)):
            # A heading fills a line of a wrapped text only by chance: one that does goes on (a long heading
            # or a numbered paragraph), as does one cut inside a word; one that stops short has ended.
            # (without a width to go by, in a text whose lines mostly stop inside sentences, a cut word alone)
            near = columns(before.text) >= self.width - _WRAP_SLACK if self.width is not None else self.wrapped
            # (a number cut from its digits or its measure word, "中心区3" / "号污水泵站", is cut too)
            number = before.text[-1].isdigit() and (after.text[0].isdigit() or is_cjk(after.text[0]))
            cut = after.text[0] in CONTINUATION_STARTS or number or _suffix(after.text) or splits_a_word(before, after)
            # (a line starting with a suffix or "的" goes on the line before, wrapped text or not)
            wraps = self._full(before) or (near and cut) or _suffix(after.text)
            return wraps and not _starts_structure(after.text, in_header) and not _heading_ends_at(current, after.text)
        if _INTRODUCES_QUOTE.search(before.text) and after.text[0] in "“「":
            return True
        if _complete(before.text):
            if self._full(before) and _inline_list_goes_on(current, after.text):
                return True  # "……；二是……；" / "三是……": the points written in one paragraph go on
            return self._full_line(before, after) and not in_header and not _starts_structure(after.text, False)
        if in_header and ((starts_paragraph and _title_line(before.text)) or _title_line(current)):
            return False  # "……会议上的讲话" has ended, whatever the next line starts with ("……")
        if after.text[0] in CONTINUATION_STARTS or _suffix(after.text) or before.text.endswith(_MODIFIER_ENDS):
            return True
        if self._full(before) and _inline_list_goes_on(current, after.text):
            return True
        if parse_label(after.text) is not None or after.text.startswith(_DASHES) or page_number(after.text):
            return False
        if before.text[-1] in _OPEN_ENDS:
            return True
        if _starts_structure(after.text, in_header):
            return False
        if self.width is not None and columns(before.text) >= self.width - _WRAP_SLACK:
            return True
        if self.indents_paragraphs:
            return not after.indented
        if starts_paragraph and (in_header or _own_line(before.text, self.own_line_max) or _title_line(before.text)):
            return False
        if _broken_paragraph(before.text):
            return True
        # Grammar: a paragraph ends with a mark. A line that stops without one goes on in the next line —
        # in a wrapped text always, in a text of one line per paragraph when it has sentences inside.
        return self.wrapped or (not starts_paragraph or any(ch in before.text for ch in "，。；"))

    def _full_line(self, before: Line, after: Line) -> bool:
        """A sentence that ends exactly at the right edge of a wrapped text (a PDF) goes on in the next line
        when that line is no new paragraph by its indentation: a paragraph's last line is seldom full."""
        if self.width is None or before.text[-1] not in "。！？；”’!?;" or visible_length(after.text) < 4:
            return False
        if self.indents_paragraphs:
            return not after.indented
        # A short line that is a whole sentence ("谢谢大家！") after it is more likely a paragraph of its own —
        # but not after a semicolon, which ends a clause, never a paragraph.
        whole = _complete(after.text) and columns(after.text) < self.width - _WRAP_SLACK and before.text[-1] != "；"
        return self._full(before) and not whole

    def _full(self, line: Line) -> bool:
        """Whether ``line`` reaches the right edge of a text wrapped at a width."""
        return self.width is not None and columns(line.text) >= self.width - 2


def continues(before: Line, after: Line, width: int | None, indents_paragraphs: bool) -> bool:
    """Whether ``after`` is the continuation of ``before`` inside one sentence (a hard wrap), in a draft
    wrapped at ``width`` (None: not wrapped) whose paragraphs start indented or not."""
    reader = Reader([])
    reader.width, reader.indents_paragraphs, reader.wrapped = width, indents_paragraphs, width is not None
    return reader.continues(before, after, starts_paragraph=True, in_header=False)


def _pdf_lines(raw: str, pieces: list[Line]) -> list[Line]:
    """A line of PDF text whose wraps became single spaces, cut where the PDF's paragraphs ended: cut at the
    spaces of the text (beside a number or a Latin word a space is the PDF's own, "2024 年"), the
    PDF's lines show its hard edge (a wrap width), and a line that stops clearly short of it after a sentence
    end, or a heading line that does ("一、正视成绩，……的痛点和难点 今年，……"), ended its paragraph. Without an
    edge, or elsewhere, ``pieces`` stay as they are (their spaces dropped later, in the body)."""
    if " " not in raw or not pdf_text(raw):
        return pieces
    cuts = [_WRAP_SPACE.split(piece.text) for piece in pieces]
    width = wrap_width([Line(0, text) for parts in cuts for text in parts])
    if width is None:
        return pieces
    out: list[Line] = []
    for piece, parts in zip(pieces, cuts, strict=True):
        start = 0
        for i, text in enumerate(parts[:-1]):
            current = " ".join(parts[start : i + 1])
            if columns(text) < width - _WRAP_SLACK and (_complete(text) or _own_line_heading(current)):
                out.append(replace(piece, text=current) if start == 0 else Line(piece.number, current, after_gap=True))
                start = i + 1
        rest = " ".join(parts[start:])
        out.append(replace(piece, text=rest) if start == 0 else Line(piece.number, rest, after_gap=True))
    return out


# A space of PDF text that may be where one of its lines ended: not beside a number or a Latin word.
_WRAP_SPACE = re.compile("(?<![0-9A-Za-z%.]) (?![0-9A-Za-z%])")


def _own_line_heading(text: str) -> bool:
    """A heading the heading reader takes whole ("一、正视成绩，认清形势，找准农业工作的痛点和难点")."""
    found = find_heading(widen_punctuation(text)[0])  # (the reader reads normalised text: "看:" is "看：")
    return found is not None and found.own_line and found.kind != "point" and text[-1] not in _OPEN_ENDS


def _heading_ends_at(current: str, after: str) -> bool:
    """Whether the heading reader, given the heading line(s) ``current`` and the next line, ends the heading
    exactly at the line break by the words on either side of it (a heading-final word, a sentence opener):
    a heading that fills the width of a wrapped text by chance ends there."""
    if not current or not after:
        return False
    joined = widen_punctuation(current + after[:60])[0]
    found = find_heading(joined)
    return found is not None and found.cue == "body" and found.end == len(widen_punctuation(current)[0])


def _goes_on_at_edge(text: str, width: int | None) -> bool:
    return width is not None and columns(text) >= width - _WRAP_SLACK and not _complete(text)


def _suffix(text: str) -> bool:
    """Whether ``text`` starts with what only goes on a word before it ("们：", "的思想堤坝")."""
    return text.startswith(_SUFFIX_STARTS) or _PARTICLE_START.match(text) is not None


def _title_line(text: str) -> bool:
    """ "……会议上的讲话": a title naming its kind at its end stands on its own line."""
    from docgen.importer import header

    return visible_length(text) <= 60 and not any(ch in text for ch in "。！？；") and header.ends_with_title_word(text)


def _broken_paragraph(text: str) -> bool:
    """A long line of sentences that stops on a word ("……进行集中整治和"): a paragraph ends with a mark,
    so the next line goes on with it (a heading or title is short and has no sentences inside)."""
    return len(text) >= _BROKEN_MIN and "\u4e00" <= text[-1] <= "\u9fff" and any(ch in text for ch in "，。；,;")


def _heading_line(text: str, limit: int = 50) -> bool:
    """An enumerated heading on a line of its own ("一、认真总结成绩，准确把握态势"), not a point ("三是……",
    "第二，……", always run in) and not one that stops on a comma."""
    parsed = parse_label(text)
    if parsed is None or parsed[0] in (Enumerator.ORDINAL, Enumerator.ORDINAL_YAO, Enumerator.SEQUENCE):
        return False
    return visible_length(text) <= limit and not any(ch in text for ch in "。！？；") and text[-1] not in _OPEN_ENDS


def _inline_list_goes_on(current: str, after: str) -> bool:
    """Whether ``after`` opens the next point of a list the paragraph holds inline ("……；二是……；" → "三是")."""
    found = parse_label(after)
    if found is None or found[0] not in (Enumerator.ORDINAL, Enumerator.ORDINAL_YAO) or found[1] < 2:
        return False
    previous = label(found[1] - 1, found[0])
    return previous in current[1:] and not current.startswith(previous)


def paragraphs(numbered_lines: list[tuple[int, str]], pages: list[tuple[int, str]] | None = None) -> list[Paragraph]:
    """The paragraphs of a draft given as (line number, raw line) pairs, blank lines dropped: space gaps
    split, hard wraps joined. PDF page numbers ("— 3 —") are left out — the sentence a page break cut goes
    on across them — and listed in ``pages`` (line number, text) for the report."""
    # In a text hard-wrapped at a width, paragraphs break at line ends: a line that reaches the edge and
    # stops inside a sentence goes on in the next line, and a single space inside it is where a PDF joined
    # a run-in heading and its body ("（一）……的致命危害。 剖析每一" / "起腐败案件，……"), no paragraph break.
    edge = wrap_width([Line(number, raw.strip(SPACES)) for number, raw in numbered_lines if raw.strip(SPACES)])
    lines = [
        line
        for number, raw in numbered_lines
        for line in _pdf_lines(
            raw, split_gaps(number, raw, at_single_spaces=not _goes_on_at_edge(raw.strip(SPACES), edge))
        )
    ]
    reader = Reader(lines)
    out: list[Paragraph] = []
    previous: Line | None = None
    in_header = True
    starts_paragraph = True
    footers = 0  # page numbers left out since the previous line
    numbers: set[tuple[Enumerator, int]] = set()  # the enumerators lines have started with so far
    for line in lines:
        if page_number(line.text) and not line.after_gap:
            footers += 1
            if pages is not None:
                pages.append((line.number, line.text))
            continue
        joined = False
        label = parse_label(line.text) if not line.after_gap else None
        if previous is not None and line.number > previous.number:
            blanks = line.number - previous.number - 1 - footers
            if blanks == 0 and _orphan_number(label, numbers, previous.text):
                joined = True  # "……坚持一张蓝图绘" / "2、到底，……": a page's own line numbers, not an item
            elif blanks == 0:
                joined = reader.continues(
                    previous, line, starts_paragraph=starts_paragraph, in_header=in_header, current=out[-1].text
                )
            elif blanks <= 2:  # a blank line: only a sentence that plainly goes on joins across it
                joined = _plainly_continues(previous, line)
        if joined:
            # Joined with nothing, unless a Latin word ends the line and another begins the next.
            latin = out[-1].text[-1:].isascii() and out[-1].text[-1:].isalpha() and line.text[:1].isascii()
            out[-1].text += ("\n" if latin and line.text[:1].isalpha() else "") + line.text
            out[-1].joined += 1
            starts_paragraph = False
        else:
            out.append(Paragraph(line.number, line.text))
            starts_paragraph = True
        if label is not None:
            numbers.add(label[:2])
        if _complete(line.text) or any(ch in line.text for ch in "。！？；;"):
            in_header = False  # (a line with sentences inside is past the title block, whatever it ends with)
        previous, footers = line, 0
    return out


def _orphan_number(
    label: tuple[Enumerator, int, str] | None, numbers: set[tuple[Enumerator, int]], before: str
) -> bool:
    """A line starting "2、" or "3." after a line that stopped inside a sentence, where no line numbered one
    less came before (after a long line of sentences) or a closing quote follows the number ("……发展要安全" /
    "3、”重要指示精神"): numbers a page put before its own lines, inside the speech's sentences."""
    if label is None or label[0] is not Enumerator.LEVEL3 or label[1] < 2 or _complete(before):
        return False
    if label[2][:1] in CLOSERS:
        return is_cjk(before[-1])
    return (label[0], label[1] - 1) not in numbers and _broken_paragraph(before)


# "总书记指出：" / "“……”": a quotation introduced by a verb of saying belongs to the sentence that introduces it.
_INTRODUCES_QUOTE = re.compile("(?:指出|强调|说|讲|讲到|写道|提出|要求|告诫|号召|明确|认为|所说|所言|讲过|说过)[：:]$")


def _plainly_continues(before: Line, after: Line) -> bool:
    """Whether ``after`` goes on with ``before`` even across a blank line: ``before`` stops on a comma or
    pause, ``after`` starts with a mark no paragraph starts with, or ``after`` is the quotation ``before``
    introduces."""
    if after.after_gap or _heading_line(before.text):
        return False
    if after.text[0] in CONTINUATION_STARTS or before.text[-1] in "，、,":
        return True
    return _INTRODUCES_QUOTE.search(before.text) is not None and after.text[0] in "“「"

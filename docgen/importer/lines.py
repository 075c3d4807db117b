"""Paragraph boundaries of a plain-text draft, as found on a web page or copied out of a PDF.

Documented normalisations, each reported, touching nothing but whitespace and PDF page numbers:

- **hard wraps are joined**: a paragraph ends with a mark, so a line that stops without a sentence-final
  mark goes on in the next line — unless the next line opens a part of its own (an enumerator, a
  salutation, a date or speaker line, a dash) or the line is one of its own (a title, a short heading, the
  title block). Widths may vary; where the draft has a hard edge (a PDF), a line that fills it continues
  even after a full stop, and indentation, where paragraphs have it, decides;
- **PDF page numbers go** ("— 3 —", "第 3 页"), each named in the report; the sentence they cut is joined;
- **space-separated paragraphs are split**: "……。　　今年以来……", "……。  二、……", and in a page flattened
  into one line "……三点意见： 一、……" — spaces after the end of a sentence or before an enumerator;
- **PDF-extraction spaces inside Chinese text go**: in a body paragraph, a single space between two Chinese
  characters ("中国共 产党人", "XX 同志") or a digit and a character ("2025 年") is dropped. Spaces that are
  content stay: in the short lines of the title block ("张　三", "县长 张三"), around Latin words.

Every pass is one walk over the lines, so a draft of N lines costs O(N).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from docgen.importer.dates import is_date
from docgen.importer.headings import find_heading
from docgen.importer.script import simplified_view, visible_length
from docgen.model.numbering import Enumerator, label, parse_label
from docgen.model.text import is_cjk

# What a line ends with when its sentence is complete (closing quotes and brackets after one of these too).
_COMPLETE_ENDS = "。！？；：…!?;:"
_CLOSERS = "”’）》」』】〕)\""
# A line ending in one of these is certainly cut inside a sentence.
_OPEN_ENDS = "，、（“《‘「『【〔(—-,"
# A paragraph never starts with one of these: the line before continues.
_CONTINUATION_STARTS = "，。、；：！？）》”’」』】〕…,.;:!?)"
# A line never starts with a suffix: "……亲爱的同志" / "们：" is one salutation cut by a wrap.
_SUFFIX_STARTS = ("们",)
_SPACES = " \t\u3000\u00a0"
_DASHES = ("—", "-", "－", "─")
_INDENT = re.compile(f"^[{_SPACES}]+")
# Two or more spaces, an ideographic space, or any space after a sentence end may separate paragraphs.
_GAP_OR_SPACE = re.compile(f"[{_SPACES}]+")
_WIDE_GAP = re.compile(f"[{_SPACES}]{{2,}}|[ \u3000](?=[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
# In PDF text every line break became a space; one before "一、" or "（一）" after a finished sentence or quote
# is still a paragraph break.
_PDF_HEADING_NEXT = re.compile("[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")
_SENTENCE_OR_QUOTE = re.compile(f"[。！？；：”’」』）):;!?][{_CLOSERS}]*$")
# A space inside a sentence between Chinese characters: a line of PDF text, where single spaces are where
# its lines wrapped and say nothing about paragraphs.
_INNER_SPACE = re.compile("[\u4e00-\u9fff，、；] [\u4e00-\u9fff]")
_SENTENCE_BEFORE = re.compile(f"[。！？；…!?;][{_CLOSERS}]*$")
_WRAP_MIN = 16  # a draft wrapped narrower than this is a list of short lines, not a wrapped text
_WRAP_EVIDENCE = 5  # lines of the same width it takes to call a draft hard-wrapped
_BROKEN_MIN = 50  # characters of a line that ends on a word before it counts as a broken paragraph
_AFTER_WINDOW = 1000  # characters after a gap that decide whether a paragraph begins there (a heading and more)
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
    inner = len(_INNER_SPACE.findall(raw))
    pdf = inner >= 2 and inner * _SPARSE >= len(raw)  # a PDF's wraps, not a flattened page's part breaks
    gaps = _WIDE_GAP if pdf else _GAP_OR_SPACE
    for gap in gaps.finditer(raw, start):
        before = raw[position : gap.start()]
        if not before.strip():
            continue
        # What follows a gap is judged by how it begins: a bounded window keeps a long line linear.
        after = raw[gap.end() : gap.end() + _AFTER_WINDOW]
        finished = _SENTENCE_OR_QUOTE.search(before) is not None
        heading_next = _PDF_HEADING_NEXT.match(after) is not None and finished
        if pdf or gap.end() - gap.start() >= 2 or "\u3000" in gap.group() or _SENTENCE_BEFORE.search(before):
            boundary = bool(_SENTENCE_BEFORE.search(before) or _only_label(before) or _after_heading(before, after))
            boundary = boundary or (pdf and heading_next)
        else:
            # "一、治污保洁工程完成情况 根据年初区委……": a heading, a single space, its body.
            boundary = _after_heading(before, after) and _heading_phrase(before, after)
        # A page flattened into one line: "……讲三点意见： 一、认清形势……" — a single space after a finished
        # sentence or colon, then an enumerator, is where a paragraph began.
        boundary = boundary or (not pdf and finished and _enumerator_next(after))
        if boundary:
            first = not lines
            lines.append(Line(number, before.rstrip(_SPACES), indented=bool(indent) and first, after_gap=not first))
            position = gap.end()
    rest = raw[position:].rstrip(_SPACES)
    if rest:
        lines.append(Line(number, rest, indented=bool(indent) and not lines, after_gap=bool(lines)))
    return lines


def _heading_phrase(before: str, after: str) -> bool:
    """Whether ``before`` is a whole heading ("一、提高认识"), not one cut by a stray space inside a word."""
    parsed = parse_label(before)
    if parsed is None or parsed[0] in (Enumerator.ORDINAL, Enumerator.ORDINAL_YAO, Enumerator.SEQUENCE):
        return False
    before = before.rstrip(_SPACES)
    if before[-1] in "：:，,、“" or before[-1].isdigit() or after[:1].isdigit():
        return False  # "一、俗话说得好： “……”", "走过了 90 年": the sentence goes on
    # Not when the recogniser reads the heading as ending before this space (its body began already).
    found = find_heading(before + " " + after[:60])
    if found is not None and found.cue != "line" and found.end < len(before):
        return False
    return len(parsed[2]) >= 4 and after[:1] not in _CONTINUATION_STARTS and not _splits_a_word(
        Line(0, before), Line(0, after)
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


# Marks a web page or a copy narrowed from full width: in the draft's own layout they took two columns.
_NARROWED = ",:;!?()"


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
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and (stripped[-1] in _COMPLETE_ENDS or (stripped != text and stripped[-1] in "。！？"))


# A PDF's page footer copied with the text: "— 3 —", "- 3 -", "－3－", "第 3 页", "第3页 共10页", "3/10".
_PAGE_NUMBER = re.compile(
    r"[-—–－─~～]+\s*\d{1,4}\s*[-—–－─~～]+|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
)


def page_number(text: str) -> bool:
    """A line that is only a PDF page number or footer ("— 3 —", "- 3 -", "第 3 页")."""
    return _PAGE_NUMBER.fullmatch(text.strip(_SPACES)) is not None


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
    first, comma, second = text.partition("，")
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
            cut = after.text[0] in _CONTINUATION_STARTS or number or _splits_a_word(before, after)
            wraps = self._full(before) or (near and cut)
            return wraps and not _starts_structure(after.text, in_header)
        if _INTRODUCES_QUOTE.search(before.text) and after.text[0] in "“「":
            return True
        if _complete(before.text):
            if self._full(before) and _inline_list_goes_on(current, after.text):
                return True  # "……；二是……；" / "三是……": the points written in one paragraph go on
            return self._full_line(before, after) and not in_header and not _starts_structure(after.text, False)
        if in_header and starts_paragraph and _title_line(before.text):
            return False  # "……会议上的讲话" has ended, whatever the next line starts with ("……")
        if after.text[0] in _CONTINUATION_STARTS or after.text.startswith(_SUFFIX_STARTS):
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
        if self.width is None or before.text[-1] not in "。！？；”’" or visible_length(after.text) < 4:
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


def _title_line(text: str) -> bool:
    """ "……会议上的讲话": a title naming its kind at its end stands on its own line."""
    from docgen.importer import header

    return visible_length(text) <= 60 and not any(ch in text for ch in "。！？；") and header.ends_with_title_word(text)


def _broken_paragraph(text: str) -> bool:
    """A long line of sentences that stops on a word ("……进行集中整治和"): a paragraph ends with a mark,
    so the next line goes on with it (a heading or title is short and has no sentences inside)."""
    return len(text) >= _BROKEN_MIN and "\u4e00" <= text[-1] <= "\u9fff" and any(ch in text for ch in "，。；")


def _heading_line(text: str, limit: int = 50) -> bool:
    """An enumerated heading on a line of its own ("一、认真总结成绩，准确把握态势"), not a point ("三是……",
    "第二，……", always run in) and not one that stops on a comma."""
    parsed = parse_label(text)
    if parsed is None or parsed[0] in (Enumerator.ORDINAL, Enumerator.ORDINAL_YAO, Enumerator.SEQUENCE):
        return False
    return visible_length(text) <= limit and not any(ch in text for ch in "。！？；") and text[-1] not in _OPEN_ENDS


def _splits_a_word(before: Line, after: Line) -> bool:
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
    lines = [line for number, raw in numbered_lines for line in split_gaps(number, raw)]
    reader = Reader(lines)
    out: list[Paragraph] = []
    previous: Line | None = None
    in_header = True
    starts_paragraph = True
    footers = 0  # page numbers left out since the previous line
    for line in lines:
        if page_number(line.text) and not line.after_gap:
            footers += 1
            if pages is not None:
                pages.append((line.number, line.text))
            continue
        joined = False
        if previous is not None and line.number > previous.number:
            blanks = line.number - previous.number - 1 - footers
            if blanks == 0:
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
        if _complete(line.text):
            in_header = False
        previous, footers = line, 0
    return out


# "总书记指出：" / "“……”": a quotation introduced by a verb of saying belongs to the sentence that introduces it.
_INTRODUCES_QUOTE = re.compile("(?:指出|强调|说|讲|讲到|写道|提出|要求|告诫|号召|明确|认为|所说|所言|讲过|说过)[：:]$")


def _plainly_continues(before: Line, after: Line) -> bool:
    """Whether ``after`` goes on with ``before`` even across a blank line: ``before`` stops on a comma or
    pause, ``after`` starts with a mark no paragraph starts with, or ``after`` is the quotation ``before``
    introduces."""
    if after.after_gap or _heading_line(before.text):
        return False
    if after.text[0] in _CONTINUATION_STARTS or before.text[-1] in "，、":
        return True
    return _INTRODUCES_QUOTE.search(before.text) is not None and after.text[0] in "“「"


_LATIN_TOKEN = re.compile("[0-9]+[A-Za-z]")  # "5G": a Latin word, its space stays


def pdf_like(text: str) -> bool:
    """A long line of PDF text: spaces inside its sentences, where the PDF's lines wrapped."""
    return len(text) >= 100 and len(_INNER_SPACE.findall(text)) >= 3


_QUOTE_ENDS = "”’」』）"
_PLACEHOLDER = re.compile("[XxＸ×*＊○☆]+")  # "XX同志", "×××": a name or number left out, read as Chinese text
# Fewer inner spaces than one in this many characters: not a PDF's wrapped lines but spaces where the text's
# own parts meet (a page flattened into one line), kept until the headings are read.
_SPARSE = 60


def drop_quote_spaces(text: str, start: int = 0) -> str:
    """``text`` without the spaces kept while headings were read (from ``start`` on): after closing quotes,
    and between Chinese characters in a paragraph whose spaces were too few to be a PDF's."""
    if " " not in text[start:] and "\u3000" not in text[start:]:
        return text
    tail = re.sub(f"(?<=[{_QUOTE_ENDS}])[ \u3000](?=[\u4e00-\u9fff“‘（《])", "", text[start:])
    if _may_hold_pdf_spaces(text):  # the paragraphs `drop_pdf_spaces` looked at
        tail = re.sub("(?<=[\u4e00-\u9fff，、；]) (?=[\u4e00-\u9fff])", "", tail)
    return text[:start] + tail


def _cjk_like(text: str, i: int) -> bool:
    """Whether ``text[i]`` reads as Chinese text: a Chinese character, or part of a placeholder run ("XX",
    "×××") with no other Latin letter or digit in its word."""
    if is_cjk(text[i]):
        return True
    if not _PLACEHOLDER.fullmatch(text[i]):
        return False
    a, b = i, i + 1
    while a > 0 and not text[a - 1].isspace() and not is_cjk(text[a - 1]):
        a -= 1
    while b < len(text) and not text[b].isspace() and not is_cjk(text[b]):
        b += 1
    return _PLACEHOLDER.fullmatch(text[a:b]) is not None


def _pdf_space(text: str, i: int, keep_after_quotes: bool = True) -> bool:
    """Whether the space at ``text[i]`` is one a PDF put in: between two Chinese characters (a placeholder
    "XX" counts as Chinese), or between a digit and a Chinese character ("2025 年 7 月"); not next to a
    Latin letter, where a space separates words."""
    before, after = text[i - 1], text[i + 1]
    if keep_after_quotes and before in _QUOTE_ENDS and is_cjk(after):
        return False  # "……的“腐蚀剂” 中央纪委……": after a closing quote the space may end a line of the draft
    if _cjk_like(text, i - 1) and _cjk_like(text, i + 1):
        return True
    return (before.isdigit() and is_cjk(after) and not after.isdigit()) or (after.isdigit() and is_cjk(before))


def drop_number_spaces(text: str) -> tuple[str, int]:
    """A title-block line without the PDF spaces beside numbers and placeholders ("成立 90 周年大会",
    "xxx 镇党委书记") — never where one part of the block ends and the next begins: a space before or
    after a date stays ("张三 2023年2月15日"), and so do spaces between Chinese characters ("县长 张三")."""
    from docgen.importer.dates import DATE

    if " " not in text:
        return text, 0
    dates = [m.span() for m in DATE.finditer(text)]
    out: list[str] = []
    dropped = 0
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1 and not any(i + 1 == a or i == b for a, b in dates):
            before, after = text[i - 1], text[i + 1]
            digits = (before.isdigit() and is_cjk(after)) or (is_cjk(before) and after.isdigit())
            digits = digits and not _LATIN_TOKEN.match(text, i + 1)  # "5G": a Latin word
            placeholder = _cjk_like(text, i - 1) and _cjk_like(text, i + 1) and not (is_cjk(before) and is_cjk(after))
            if (digits or placeholder) and not any(a < i < b for a, b in dates):
                dropped += 1
                continue
        out.append(ch)
    return "".join(out), dropped


def _may_hold_pdf_spaces(text: str) -> bool:
    """A paragraph of sentences: short lines and the title block keep their spaces ("张　三", "今天\t开会")."""
    return len(text) >= 20 and any(ch in text for ch in "，。；")


def drop_pdf_spaces(text: str) -> tuple[str, int]:
    """A body paragraph without the single spaces a PDF extraction put between Chinese characters; returns
    the text and how many went (or will go once the headings are read: a space between two Chinese
    characters in a paragraph with few of them may be where a run-in heading ends, and stays till then,
    see `drop_quote_spaces`). Lines of the title block and short lines are left alone (names are spaced on
    purpose), and so are spaces next to Latin letters."""
    if not _may_hold_pdf_spaces(text):
        return text, 0
    sparse = len(_INNER_SPACE.findall(text)) * _SPARSE < len(text)
    out: list[str] = []
    dropped = 0
    n = len(text)
    for i, ch in enumerate(text):
        inner = ch in " \u3000" and 0 < i < n - 1 and text[i - 1] not in _SPACES and text[i + 1] not in _SPACES
        if inner and _pdf_space(text, i) and not _LATIN_TOKEN.match(text, i + 1):
            dropped += 1
            if not (sparse and ch == " " and is_cjk(text[i - 1]) and is_cjk(text[i + 1])):
                continue
        out.append(ch)
    return "".join(out), dropped

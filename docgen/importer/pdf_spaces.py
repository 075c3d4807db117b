"""The spaces a PDF extraction puts inside Chinese text, and taking them out of a paragraph.

A PDF's text has a space wherever one of its lines wrapped ("中国共 产党人", "2025 年"); in a body paragraph
a single space between two Chinese characters, or between a digit and a Chinese character, is one of those
and goes (reported). Spaces that are content stay: in the short lines of the title block ("张　三",
"县长 张三"), around Latin words ("5G 基站"), after closing quotes where a line of the draft may have ended.
"""

from __future__ import annotations

import re

from docgen.model.text import is_cjk

SPACES = " \t\u3000\u00a0"
# A space inside a sentence between Chinese characters: a line of PDF text, where single spaces are where
# its lines wrapped and say nothing about paragraphs.
INNER_SPACE = re.compile("[\u4e00-\u9fff，、；] [\u4e00-\u9fff]")
# Fewer inner spaces than one in this many characters: not a PDF's wrapped lines but spaces where the text's
# own parts meet (a page flattened into one line), kept until the headings are read.
SPARSE = 60

_LATIN_TOKEN = re.compile("[0-9]+[A-Za-z]")  # "5G": a Latin word, its space stays


def pdf_like(text: str) -> bool:
    """A long line of PDF text: spaces inside its sentences, where the PDF's lines wrapped."""
    return len(text) >= 100 and len(INNER_SPACE.findall(text)) >= 3


_QUOTE_ENDS = "”’」』）"
_MARKS = "，、；：。！？…"  # full-width: the text is normalised by now
_PLACEHOLDER = re.compile("[XxＸ×*＊○☆]+")  # "XX同志", "×××": a name or number left out, read as Chinese text


def drop_quote_spaces(text: str, start: int = 0) -> str:
    """``text`` without the spaces kept while headings were read (from ``start`` on): after closing quotes,
    and between Chinese characters in a paragraph whose spaces were too few to be a PDF's."""
    if " " not in text[start:] and "\u3000" not in text[start:]:
        return text
    tail = re.sub(f"(?<=[{_QUOTE_ENDS}])[ \u3000](?=[\u4e00-\u9fff“‘（《])", "", text[start:])
    if _may_hold_pdf_spaces(text):  # the paragraphs `drop_pdf_spaces` looked at
        tail = re.sub("(?<=[\u4e00-\u9fff，、；]) (?=[\u4e00-\u9fff“‘《（])", "", tail)
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
    "XX" counts as Chinese), after a Chinese mark, or between a digit and a Chinese character ("2025 年 7
    月"); not next to a Latin letter, where a space separates words."""
    before, after = text[i - 1], text[i + 1]
    if keep_after_quotes and before in _QUOTE_ENDS and is_cjk(after):
        return False  # "……的“腐蚀剂” 中央纪委……": after a closing quote the space may end a line of the draft
    if _cjk_like(text, i - 1) and _cjk_like(text, i + 1):
        return True
    if before in _MARKS:
        return True  # "……的致命危害。 剖析每一": no space follows a Chinese mark but a PDF's (a line kept whole)
    return (before.isdigit() and is_cjk(after) and not after.isdigit()) or (after.isdigit() and is_cjk(before))


def drop_number_spaces(text: str) -> tuple[str, int]:
    """A title-block line without the PDF spaces beside numbers and placeholders ("成立 90 周年大会",
    "xxx 镇党委书记") — never where one part of the block ends and the next begins: a space before or
    after a date stays ("张三 2023年2月15日"), and so do spaces between Chinese characters ("县长 张三")."""
    from docgen.importer.dates import DATE

    if " " not in text:
        return text, 0
    spans = [m.span() for m in DATE.finditer(text)]
    # Where a date starts or ends, and the positions inside one: a set look-up per space, not a scan.
    edges = {a - 1 for a, _ in spans} | {b for _, b in spans}
    inside = {i for a, b in spans for i in range(a + 1, b) if text[i] == " "}
    out: list[str] = []
    dropped = 0
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1 and i not in edges:
            before, after = text[i - 1], text[i + 1]
            digits = (before.isdigit() and is_cjk(after)) or (is_cjk(before) and after.isdigit())
            digits = digits and not _LATIN_TOKEN.match(text, i + 1)  # "5G": a Latin word
            placeholder = _cjk_like(text, i - 1) and _cjk_like(text, i + 1) and not (is_cjk(before) and is_cjk(after))
            if (digits or placeholder) and i not in inside:
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
    sparse = len(INNER_SPACE.findall(text)) * SPARSE < len(text)
    out: list[str] = []
    dropped = 0
    n = len(text)
    for i, ch in enumerate(text):
        inner = ch in " \u3000" and 0 < i < n - 1 and text[i - 1] not in SPACES and text[i + 1] not in SPACES
        if inner and _pdf_space(text, i) and not _LATIN_TOKEN.match(text, i + 1):
            dropped += 1
            # (one after the end of a sentence ends no heading phrase: it goes now)
            if not (sparse and ch == " " and is_cjk(text[i - 1]) and is_cjk(text[i + 1])) or text[i - 1] in "。！？…；":
                continue
        out.append(ch)
    return "".join(out), dropped

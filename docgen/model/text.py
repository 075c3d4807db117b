"""Chinese text hygiene: characters XML cannot hold, whitespace, punctuation width, lead-sentence split."""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

# Characters XML 1.0 cannot hold, plus DEL and the C1 controls (legal XML, but invisible garbage from
# copy-paste that Word and WPS show as boxes). Tab, CR and LF are whitespace and are folded instead.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Everything that counts as "Chinese" around a punctuation mark: Han ideographs (BMP and the
# supplementary planes), CJK symbols and punctuation, full-width forms, and the curly quotes / dashes
# Chinese text uses; (first, last) code points, in order. Looked up by bisection rather than a regex
# class: compiling a class of ~100,000 code points costs every process 3–4 ms, a lookup costs the same.
CJK_RANGES = (
    (0x2014, 0x2014),  # — (the dash: ——)
    (0x2018, 0x2019),  # ‘ ’
    (0x201C, 0x201D),  # “ ”
    (0x2026, 0x2026),  # …
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x30FF),  # CJK symbols and punctuation, kana
    (0x3100, 0x312F),  # bopomofo
    (0x3190, 0x31FF),
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # vertical and small forms
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3134F),  # extensions B–G
)
_CJK_BOUNDS = tuple(bound for first, last in CJK_RANGES for bound in (first, last + 1))

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_WIDTH_MARK = re.compile(r"[,:;!?()]")

# Runs of whitespace other than the ideographic space U+3000, which is typed on purpose ("张　三").
_SPACE_RUN = re.compile(r"[^\S\u3000]+")
# A tab is not a line break: it is whitespace like a space and folds to one space, even between Chinese
# characters ("谢谢\t大家" → "谢谢 大家"); only an editor's line wrap between two Chinese characters goes.
_LINE_BREAK = re.compile(r"[\n\r\v\f\u2028\u2029\x85]")

SENTENCE_ENDS = "。！？"
_CLOSERS = "”’）》」』】〕"


class ForbiddenCharacter(NamedTuple):
    """A character the document cannot hold, and where it stands in the text. (A record, not a dataclass:
    every render imports this module, and a dataclass's generated methods cost ten times a named tuple's.)"""

    position: int
    """Its index in the text (not ``index``: a tuple has a method of that name)."""
    char: str

    def describe(self) -> str:
        return f"第 {self.position + 1} 个字符 U+{ord(self.char):04X}"


def find_forbidden(text: str) -> list[ForbiddenCharacter]:
    """Control characters, lone surrogates and U+FFFE/U+FFFF, which a .docx cannot hold."""
    return [ForbiddenCharacter(m.start(), m.group()) for m in _FORBIDDEN.finditer(text)]


def is_cjk(char: str) -> bool:
    """Whether ``char`` is one character that counts as Chinese (`CJK_RANGES`)."""
    return len(char) == 1 and bisect.bisect_right(_CJK_BOUNDS, ord(char)) % 2 == 1


def fold_whitespace(text: str) -> str:
    """Trim both ends; fold each inner run of whitespace (spaces, tabs, line breaks) to one space, or to
    nothing when it holds a line break between two Chinese characters (a paragraph wrapped by an editor).
    A tab is whitespace, not a line break. U+3000 is kept."""

    def fold(match: re.Match[str]) -> str:
        run = match.group()
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if _LINE_BREAK.search(run) and before and after and is_cjk(before) and is_cjk(after):
            return ""
        return " "

    return _SPACE_RUN.sub(fold, text.strip(" \t\n\r\v\f\u3000\x85\u2028\u2029\u00a0")).strip()


def _paren_pairs(text: str) -> dict[int, int]:
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    return pairs


def widen_punctuation(text: str) -> tuple[str, int]:
    """Half-width ``,:;!?`` after a Chinese character, and ``()`` pairs that enclose or follow Chinese
    text, become full-width; spaces around a widened mark go. Returns the text and how many marks changed."""
    if not _HALF_WIDTH_MARK.search(text):
        return text, 0
    chars = list(text)
    widen: set[int] = set()
    pairs = _paren_pairs(text)
    closing = {close: open_ for open_, close in pairs.items()}
    # Chinese characters before each position: whether a pair encloses any is a subtraction, not a scan of
    # its inside (nested pairs "((((…))))" would make that quadratic).
    cjk_before = [0, *itertools.accumulate(is_cjk(ch) for ch in text)] if pairs else []
    for i, ch in enumerate(chars):
        if ch not in _HALF_TO_FULL:
            continue
        prev = _neighbour(text, i, -1)
        nxt = _neighbour(text, i, +1)
        if ch in ",:;!?":
            if prev and is_cjk(prev):
                widen.add(i)
        elif ch == "(" and i in pairs:
            if cjk_before[pairs[i]] > cjk_before[i + 1] or (prev and is_cjk(prev)):
                widen.update((i, pairs[i]))
        elif ch == ")" and i in closing:
            continue  # decided with its opening parenthesis
        elif (prev and is_cjk(prev)) or (nxt and is_cjk(nxt)):
            widen.add(i)  # an unpaired parenthesis inside Chinese text
    if not widen:
        return text, 0
    out: list[str] = []
    for i, ch in enumerate(chars):
        if i in widen:
            while out and out[-1] == " ":
                out.pop()
            out.append(_HALF_TO_FULL[ch])
        elif ch == " " and _follows_widened(chars, i, widen):
            continue
        else:
            out.append(ch)
    return "".join(out), len(widen)


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _follows_widened(chars: list[str], i: int, widen: set[int]) -> bool:
    j = i - 1
    while j >= 0 and chars[j] == " ":
        j -= 1
    return j in widen


def split_lead(text: str) -> tuple[str, str]:
    """Split off the first sentence (up to 。！？ and any closing quotes after it): ``("要坚持政治引领。", "始终…")``.
    Returns ``("", text)`` when the text has no sentence end before its last character."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“‘（《「『【〔":
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        elif ch in SENTENCE_ENDS and depth == 0:
            end = i + 1
            while end < len(text) and text[end] in _CLOSERS:
                end += 1
            if end >= len(text):
                return "", text
            return text[:end], text[end:]
    return "", text

"""Date lines of a speech's title block in every form real drafts write them: "（2023年2月15日）",
"(2011 年 5 月 13 日)", "二〇二三年二月十五日", "2023.2.15", "（2023-02-15）" — the pattern that finds one inside
a run-together line, and the reading of a date in Chinese numerals."""

from __future__ import annotations

import re

from docgen.importer.script import simplified_view

_DIGITS_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_NUMERAL_DATE = "[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
_DOTTED_DATE = r"\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}(?![\d.])"
DATE = re.compile(
    f"[（(]\\s*(?:{_DIGITS_DATE}|{_NUMERAL_DATE}|{_DOTTED_DATE})\\s*[）)]"
    f"|(?:{_DIGITS_DATE}|{_NUMERAL_DATE}|{_DOTTED_DATE})"
)
_NUMERAL_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "Ｏ": 0}
_SMALL = "([一二三四五六七八九十]{1,3})"
_NUMERAL_PARTS = re.compile(f"([〇○零OＯ一二三四五六七八九]{{4}})年{_SMALL}月{_SMALL}日")


def _small_numeral(text: str) -> int:
    """ "十五" → 15, "二十" → 20, "三" → 3 (a month or a day written in Chinese numerals)."""
    tens, ten, units = text.partition("十")
    if not ten:
        return _NUMERAL_DIGITS[text]
    return (_NUMERAL_DIGITS[tens] if tens else 1) * 10 + (_NUMERAL_DIGITS[units] if units else 0)


def numeral_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date line written in Chinese numerals ("二〇二三年二月十五日", in brackets or
    not), or None."""
    view = text.strip().strip("（()）").strip()
    match = _NUMERAL_PARTS.fullmatch(view)
    if match is None:
        return None
    try:
        year = int("".join(str(_NUMERAL_DIGITS[c]) for c in match[1]))
        return year, _small_numeral(match[2]), _small_numeral(match[3])
    except KeyError:
        return None


def is_date(text: str) -> bool:
    match = DATE.fullmatch(simplified_view(text).strip())
    return match is not None

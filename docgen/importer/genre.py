"""What the parts of a speech look like in real drafts: the recognisers the importer classifies text by.

Every function here looks at normalised text only (full-width punctuation, folded whitespace) and knows
nothing of files or of the `Speech` model.
"""

from __future__ import annotations

import datetime as dt
import re

from docgen.model.numbering import Enumerator, parse_label

SENTENCE_ENDS = "。！？"
OPENERS = "“‘（《「『【〔"
CLOSERS = "”’）》」』】〕"
_CLAUSE_MARKS = "，；：、,;:"


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) ranges: each ends after 。！？ and any closing quotes, unless
    inside quotes or brackets; a remainder without an end is the last sentence."""
    ranges = []
    start = 0
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif ch in SENTENCE_ENDS and depth == 0:
            end = i + 1
            while end < len(text) and (text[end] in CLOSERS or text[end] in SENTENCE_ENDS):
                end += 1
            ranges.append((start, end))
            start = i = end
            continue
        i += 1
    if start < len(text):
        ranges.append((start, len(text)))
    return ranges


def first_sentence_end(text: str) -> int:
    """Where the first sentence of ``text`` ends (``len(text)`` when it is a single sentence)."""
    found = sentences(text)
    return found[0][1] if found else len(text)


def label_starts(text: str, style: Enumerator, first: int) -> list[tuple[int, int]]:
    """(position, number) of each enumerator of ``style`` numbered first, first + 1, … that begins ``text`` or
    a sentence or clause after 。！？：, in order — how points run into one paragraph are found."""
    found: list[tuple[int, int]] = []
    expected = first
    for position in [0, *(i + 1 for i, ch in enumerate(text) if ch in SENTENCE_ENDS + "：")]:
        while position < len(text) and text[position] in CLOSERS:
            position += 1
        parsed = parse_label(text[position:])
        fresh = not found or position > found[-1][0]
        if parsed is not None and parsed[0] is style and parsed[1] == expected and parsed[2] and fresh:
            found.append((position, expected))
            expected += 1
    return found


def starts_with_label(text: str, style: Enumerator, number: int) -> str | None:
    """The rest of ``text`` after an enumerator of ``style`` for ``number``, or None."""
    parsed = parse_label(text)
    if parsed is not None and parsed[0] is style and parsed[1] == number:
        return parsed[2]
    return None


# ------------------------------------------------------------------------------------------- header block

_SPEECH_WORDS = re.compile("讲话|发言|致辞|报告|会议|典礼|仪式|论坛|座谈")
_SUBTITLE_DASH = re.compile(r"^(?:——|—|--|－－|──)")
_SUBTITLE_WORDS = re.compile("(?:上|时|中)的(?:讲话|发言|致辞|报告|讲稿|总结讲话|主持词)$")


def looks_like_title(text: str) -> bool:
    """A short line without sentence punctuation that is no other header line, salutation or enumerated point."""
    if len(text) > 80 or text[-1] in "。，；：、…,.;:!?！？" or any(ch in text for ch in "。！？"):
        return False
    if parse_label(text) is not None or looks_like_salutation(text) or is_subtitle(text):
        return False
    if parse_date_line(text) is not None:
        return False
    return han_count(text) >= 4


def han_count(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def is_subtitle(text: str) -> bool:
    return bool(_SUBTITLE_DASH.match(text)) and len(text) <= 80


def looks_like_undashed_subtitle(text: str) -> bool:
    """ "在全县工作会议上的讲话" on the line under a main title, typed without its "——"."""
    return looks_like_title(text) and bool(_SUBTITLE_WORDS.search(text))


_DATE_LINES = (
    re.compile(r"^[（(]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"),
    re.compile(r"^[（(]?\s*(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[）)]?$"),
)


def parse_date_line(text: str) -> dt.date | None:
    """The date of a date line such as "（2023年2月15日）", "(2023 年 2 月 15 日)" or "2023-02-15"."""
    for form in _DATE_LINES:
        match = form.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    from docgen.importer.dates import numeral_date  # "二〇二三年二月十五日"

    found = numeral_date(text)
    try:
        return dt.date(*found) if found else None
    except ValueError:
        return None


def date_line(date: dt.date) -> str:
    return f"（{date.year}年{date.month}月{date.day}日）"


_NOT_A_NAME = re.compile("大家|同志们|各位|朋友们|根据|整理")


def looks_like_speaker(text: str) -> bool:
    """A name, possibly spaced ("毛 万 春", "张　三"), or a post and a name ("县委书记 张三")."""
    compact = re.sub(r"[\s\u3000]", "", text)
    if not 2 <= len(compact) <= 24 or _SPEECH_WORDS.search(compact) or _NOT_A_NAME.search(compact):
        return False
    return all(("\u4e00" <= ch <= "\u9fff") or ch in "、·•" for ch in compact)


# ------------------------------------------------------------------------------------------------- body

_SALUTATION_WORDS = re.compile("同志们|同志|朋友们|各位|女士们|先生们|同学们|老师们|来宾|代表|领导|大家|尊敬的")
_BARE_SALUTATION = re.compile(
    "^(?:尊敬的)?[\u4e00-\u9fff、，\\s]{0,24}(?:同志们|朋友们|先生们|同学们|老师们|各位领导|各位代表|各位来宾|各位同仁)$"
)


def looks_like_salutation(text: str) -> bool:
    """ "同志们：", "各位领导、同志们：" — short, ending in a colon; or a bare "同志们" without one."""
    if len(text) > 40 or any(ch in text for ch in "。！？；"):
        return False
    if text.endswith(("：", ":")):
        return bool(_SALUTATION_WORDS.search(text)) or len(text) <= 12
    return bool(_BARE_SALUTATION.match(text))


def salutation_prefix(text: str) -> int:
    """The end of a salutation run into the first paragraph ("同志们：今天……"), or 0."""
    colon = text.find("：")
    if 0 < colon <= 24 and colon + 1 < len(text) and _SALUTATION_WORDS.search(text[:colon]):
        head = text[: colon + 1]
        if looks_like_salutation(head):
            return colon + 1
    return 0


_PRAISE_INTRO = re.compile(
    "以下几个特点|几个(?:特点|亮点|方面的特点)|几点(?:感受|体会|印象|看法)|肯定成绩|成绩来之不易|主要有以下|突出特点|亮点纷呈"
)
_SHORTCOMINGS = re.compile(
    "^(?:当然|但是|但|不过)[，,]|在(?:充分)?肯定成绩的同时|清醒地(?:看到|认识到)|同时(?:也)?要(?:看到|清醒)|"
    "存在的(?:问题|不足)|存在(?:一些|不少)?(?:问题|不足)|不足之处|差距和不足|问题和不足|短板和不足"
)
_RECOMMENDATIONS_INTRO = re.compile(
    "(?:提|讲|谈|说|强调|提出)(?:以下)?[几两三四五六七八九十]+(?:点|个?方面|条)|"
    "几点(?:意见|建议|要求|希望|想法)|再讲[几两三四五六七八九十]+点|以下几点|下面，?我(?:讲|谈|提|再)"
)
_CLOSING = re.compile("我就讲这些|就讲这些|就讲到这里|讲这么多|就说这些|谢谢大家|谢谢各位|^谢谢[！。]?$|谢谢！")
_EXHORTATION = re.compile("^(?:同志们[，！]|让我们)")


def is_praise_intro(text: str) -> bool:
    return text.endswith("：") or bool(_PRAISE_INTRO.search(text))


_SHORTCOMINGS_TURN = re.compile(
    "^(?:当然|但是|不过)，|^在(?:充分)?肯定成绩的同时|^(?:我们)?(?:也|同时也)?要清醒地|^同时(?:也)?要(?:看到|清醒)"
)


def is_shortcomings(text: str, *, strict: bool = False) -> bool:
    """A paragraph that turns to what is lacking: "当然，……", "在肯定成绩的同时，……清醒地看到……". ``strict``
    asks for the turn at the very start, for when no praise section comes before."""
    if strict:
        return bool(_SHORTCOMINGS_TURN.search(text))
    return bool(_SHORTCOMINGS.search(text[: first_sentence_end(text)]))


def is_recommendations_intro(text: str) -> bool:
    return bool(_RECOMMENDATIONS_INTRO.search(text)) or (text.endswith("：") and len(text) <= 60)


def is_closing(text: str) -> bool:
    return bool(_CLOSING.search(text))


def is_exhortation(text: str) -> bool:
    """ "同志们，……！" / "让我们……" — the call that often comes before the thanks."""
    return bool(_EXHORTATION.search(text))


# --------------------------------------------------------------------------------------- lead sentences

PRAISE_LEAD_MAX = 18
DIRECTIVE_LEAD_MAX = 20


def _plain_short_sentence(sentence: str, limit: int) -> bool:
    return (
        len(sentence) <= limit
        and sentence.endswith("。")
        and not any(ch in sentence for ch in _CLAUSE_MARKS)
        and han_count(sentence) >= 4
        and parse_label(sentence) is None
    )


def praise_leads(body: str) -> list[tuple[int, int]]:
    """Lead sentences inside a praise point: "坚持党管意识形态不动摇。压实……". Conservative: the point's first
    sentence must be one (else the point has none), each is short and has no comma, pause or colon, and
    each is followed by a sentence that is not a lead."""
    found = sentences(body)
    if len(found) < 2 or not _plain_short_sentence(body[slice(*found[0])], PRAISE_LEAD_MAX):
        return []
    leads: list[tuple[int, int]] = []
    for a, b in found[:-1]:
        if leads and leads[-1][1] == a:
            continue  # the sentence after a lead is that lead's text
        if _plain_short_sentence(body[a:b], PRAISE_LEAD_MAX):
            leads.append((a, b))
    return leads


def directive_leads(body: str) -> list[tuple[int, int]]:
    """Lead sentences in a recommendation: "要坚持政治引领。始终坚持……" — a short "要……。" sentence without a
    comma, followed by a sentence that is not a lead; anywhere in the paragraph."""
    found = sentences(body)
    leads: list[tuple[int, int]] = []
    for a, b in found[:-1]:
        if leads and leads[-1][1] == a:
            continue
        sentence = body[a:b]
        if sentence.startswith("要") and _plain_short_sentence(sentence, DIRECTIVE_LEAD_MAX):
            leads.append((a, b))
    return leads


PRAISE_HEADING_MAX = 24


def praise_heading_end(rest: str) -> int:
    """Where the heading of a praise point ends (after its "："), or 0: "在抓意识形态工作方面：坚持……"."""
    colon = rest.find("：")
    if 0 < colon <= PRAISE_HEADING_MAX and not any(ch in rest[:colon] for ch in "。！？；，"):
        return colon + 1
    return 0

"""Enumerated headings and points at the start of a paragraph, in every style real drafts use, and where a
run-in heading ends and its body begins.

Styles: level 1 一、 / 第一、 / 第一， / 第一部分; level 2 （一） / (一); level 3 1. / 1、 / 1．; level 4 （1） /
(1) / ①; points 一是 / 一要 / 第一（run in）. The heading's end is found, in order of confidence, by the line
ending (an own-line heading), by a sentence mark or colon close after the label, by a space, by the start of
a typical body sentence ("我将…", "今年以来…"), and last by length (reported as a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.importer.script import simplified_view, visible_length
from docgen.model.numbering import parse_chinese_numeral, parse_label
from docgen.model.text import is_cjk

_CN = "[零〇一二三四五六七八九十百两]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (kind, style, pattern); group 1 is the number. Tried in order.
_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("h1", "第一部分", re.compile(f"第({_CN})部分[，、,：:．. \u3000]*")),
    ("h1", "第一章", re.compile(f"第({_CN})(?:篇|章)[，、,：:．. \u3000]*")),
    ("seq", "第一、", re.compile(f"第({_CN})[、，,：:．.][ \u3000]*")),
    ("point", "第一句", re.compile(f"第({_CN})(?:句话?|点|条|个方面|方面)[，,：:、]?[ \u3000]*")),
    ("point", "一是", re.compile(f"({_CN})是(?![的否])")),
    ("point", "一要", re.compile(f"({_CN})要(?![素件点求])")),
    ("h1", "一、", re.compile(f"({_CN})[、.．](?![一二三四五六七八九十]?[、线级类期])[ \u3000]*")),
    ("h2", "（一）", re.compile(f"[（(]({_CN})[）)][、.．]?[ \u3000]*")),
    ("h4", "（1）", re.compile(r"[（(]([0-9]{1,2})[）)][、.．]?[ \u3000]*")),
    ("h4", "①", re.compile(f"([{_CIRCLED}])[、.．]?[ \u3000]*")),
    ("h3", "1.", re.compile(r"([0-9]{1,2})(?:[.．、](?![0-9])|\s(?=[\u4e00-\u9fff]))[ \u3000]*")),
)

_SENTENCE_MARKS = "。！？"
H1_RUNIN_MAX = 45  # the longest level-1 heading taken as run into its body
_HAN_BRACKET = re.compile("[（(][\u4e00-\u9fff]")
OWN_LINE_PHRASE_MAX = 80  # the longest line without a sentence mark read as a heading on its own line
HEADING_MAX = {"h1": 50, "h2": 45, "h3": 45, "h4": 45, "point": 30}
# Body sentences often start with these; a heading phrase almost never holds them.
_BODY_START = re.compile(
    "我们|我将|我要|我就|我想|我认为|今年以来|近年来|去年以来|一年来|多年来|长期以来|当前|目前|习近平|总书记|"
    "各级党组织|全县上下|全市上下|全省上下|全区上下|这次|这是|这些年|截至|截止|据统计|实践证明|事实证明|作为|"
    "俗话说|常言道|古人云|众所周知|大家知道|我们知道|根据|总体来讲|总的来说|总的来看|应该说|今天上午|今天下午|"
    # a time adverbial opening a sentence: "1-11月，…", "2023年以来，…", "5月份，…"
    "(?<![0-9])[0-9]{1,4}(?:年|月)(?:[0-9]{1,2}月)?(?:份|以来|底|初|末)?，|"
    "(?<![0-9])[0-9]{1,2}[-—至到][0-9]{1,2}月(?:份|以来)?，"
)
# The ones that never stand inside a heading phrase: a heading has no first person.
_STRONG_BODY_START = re.compile(
    # (with the adverb that opens its sentence: "……摆正工作态度首先我觉得……")
    "(?:首先|其次|同时|另外|因此|所以|当然|其实|但是)?(?:我们|我(?![国省市县区镇乡党校局委厅院部司所处村团军]))|"
    # a time adverbial with its comma opens a sentence ("今年以来，…"); inside a heading it would be "今年以来的"
    "(?:今年|去年|近年|一年|多年|长期|上半年|前三季度)(?:以)?来，|(?:当前|目前|近期|截至目前)，|"
    # a time noun or a date with its comma: "今年，算是个多灾之年", "2月10日，召开了……"
    "(?:今年|去年|前年|明年|上半年|下半年|年初|年底|近年|近期|过去一年|过去的一年)，|"
    # (a number's own digits: "回顾2016年，提振发展信心" holds no "16年，" opening a sentence)
    "(?<![0-9])[0-9]{1,4}(?:年|月)(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:份|以来|底|初|末)?，|"
    "(?<![0-9])[0-9]{1,2}[-—至到][0-9]{1,2}月(?:份|以来)?，"
)
HEADING_FINAL_WORDS = (
    "责任感|紧迫感|使命感|荣誉感|获得感|幸福感|安全感|危机感|自觉性|主动性|积极性|创造性|新理念|理念|必要性|重要性|紧迫性|艰巨性|长期性|复杂性|意义|作用|责任|担当|使命|任务|目标|要求|举措|措施|机制|体系|能力|"
    "水平|成效|成绩|形势|大局|底线|方向|质量|效能|活力|动力|合力|基础|保障|环境|氛围|作风|纪律|规矩|信念|信心|决心|的认识"
)
"""Words a heading phrase typically ends with ("……的重要性和必要性", "……的重大意义"), as regex alternatives."""
_HEADING_FINAL = re.compile(f"(?:{HEADING_FINAL_WORDS})")
_HEADING_FINAL_AT_END = re.compile(f"(?:{HEADING_FINAL_WORDS})$")


@dataclass(frozen=True)
class Heading:
    """An enumerator at the start of a paragraph and the heading it opens.

    ``kind``: "h1"–"h4" or "point"; ``style`` the enumerator as written ("一、", "第一，", "1、", "①" …);
    ``label_end``: where the enumerator ends; ``end``: where the heading ends (``len(text)`` for an own-line
    heading); ``cue``: how that end was found — "line", "mark", "colon", "space", "body", or "length" (a guess).
    """

    kind: str
    style: str
    number: int
    label_end: int
    end: int
    cue: str

    @property
    def own_line(self) -> bool:
        return self.cue == "line"


def _number(text: str) -> int | None:
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text.isdigit():
        return int(text) or None
    try:
        return parse_chinese_numeral(text)
    except ValueError:
        return None


def enumerator(text: str) -> tuple[str, str, int, int] | None:
    """(kind, style, number, end of the enumerator) for an enumerator at the start of ``text``, or None.
    ``kind`` "seq" is 第一、/第一，, a level-1 heading on its own line and a point when run in."""
    view = simplified_view(text)
    for kind, style, pattern in _PATTERNS:
        match = pattern.match(view)
        if match is None:
            continue
        number = _number(match.group(1))
        if number is None:
            return None
        if style == "1." and match.group().rstrip(" \u3000")[-1:] not in ".．、":
            style = "1 "
        elif style == "1." and match.group().rstrip(" \u3000").endswith("、"):
            style = "1、"
        if style == "第一、" and match.group().rstrip(" \u3000").endswith(("，", ",")):
            style = "第一，"
        if match.end() >= len(view.rstrip()) and kind != "h1":
            return None  # a label alone is not a point ("一是" on a line of its own is rare and odd)
        return kind, style, number, match.end()
    return None


# A preposition or verb whose object must follow: a sentence never starts right after one.
_NEEDS_OBJECT = "用以把将对在于从向与和及的是为按据照给让使被"


def _body_start(rest: str, limit: int, strong: bool = False) -> int:
    """Where a typical body sentence starts inside ``rest`` before any punctuation, or 0; ``strong`` asks
    for the first-person starts only (no heading holds them)."""
    view = simplified_view(rest)
    for match in (_STRONG_BODY_START if strong else _BODY_START).finditer(view, 4, limit + 1):
        if any(c in rest[: match.start()] for c in "；。！？："):
            return 0
        # After a comma the words go on in the same sentence ("形势严峻，我们全县上下务必……"): a heading and
        # its body are never joined by a comma, so no body starts there.
        # Nor after a word that needs its object ("……是用习近平新时代中国特色社会主义思想武装头脑的……").
        if rest[match.start() - 1] not in "，、" + _NEEDS_OBJECT:
            return match.start()
    return 0


# What goes on a heading-final word inside the phrase ("……的责任感和紧迫感", "……的意义、目标要求"): no body
# starts right after it.
_PHRASE_GOES_ON = "和与及或并同、的之等性化型式们是"
# How a sentence of body opens right after a heading phrase run into it ("……新理念党的二十大报告将……", "……的时代
# 意义党的十九大以来，……"): its subject or a time adverbial, words a heading phrase never goes on with.
_SENTENCE_OPENER = re.compile(
    "党的|党中央|中央|习近平|总书记|我们|我[县市区省镇乡]|全[县市区省镇乡国党]|各级|这|刚刚|过去|今年|去年|当前|目前|"
    "近年|多年|长期以来|随着|面对|一是|首先|[0-9]{1,4}年|根据|按照|总体来|总的来|应该说|可以说"
)


def _heading_final(rest: str, limit: int, opener_only: bool = False) -> int:
    """The end of a heading phrase run into its body with nothing between, or 0: after the first heading-final
    word that a sentence opener follows ("……新理念党的二十大报告将……", "……提振发展信心刚刚过去的2016年"), in any
    clause before ``limit``; else, in the first long clause, after the last one that leaves a sentence still to
    come ("……的重要性和必要性机关为什么要……？"; ``opener_only``: only the first kind) — never after one the phrase
    goes on from ("责任感和紧迫感", "营商环境是……")."""
    view = simplified_view(rest)
    start = 0
    fallback = -1  # the end found in the first long clause, should no opener follow a heading-final word
    # Clause by clause (a heading of several: "统一思想，提高认识，切实增强……的政治责任感党的十七大提出，……").
    while start <= limit:
        mark = next((i for i in range(start, len(rest)) if rest[i] in "。！？：；，"), len(rest))
        found = _HEADING_FINAL.finditer(view, max(start + 2, 4), min(mark, limit + 1))
        # (nor one another follows: "……工作长期性艰巨性的认识" lists them)
        spans = [
            m.span()
            for m in found
            if m.end() < mark and view[m.end()] not in _PHRASE_GOES_ON and not _HEADING_FINAL.match(view, m.end())
        ]
        opened = [end for _, end in spans if _SENTENCE_OPENER.match(view, end)]
        if opened:
            return opened[0]
        if fallback < 0 and mark - start > 16:
            late = [end for begin, end in spans if begin >= start + 6 and end <= mark - 6]
            fallback = late[-1] if late and not opener_only else 0
        if mark >= len(rest) or rest[mark] != "，":
            break
        start = mark + 1
    return max(fallback, 0)


def opens_after_heading_final(rest: str, end: int) -> bool:
    """Whether the heading phrase ``rest[:end]`` ends on a heading-final word and a sentence opener follows it
    ("……的責任感和緊迫感" + "剛剛過去的2004年"): the plainest sign of a heading whose line break was lost."""
    view = simplified_view(rest[: end + 8])
    final = _HEADING_FINAL_AT_END.search(view[max(0, end - 4) : end]) is not None
    return final and _SENTENCE_OPENER.match(view, end) is not None


def _own_line(rest: str, kind: str) -> bool:
    if not rest:
        return True
    if _body_start(rest, HEADING_MAX["h1" if kind == "seq" else kind], strong=True):
        return False
    inner = rest.rstrip("。：")
    limit = HEADING_MAX["h1" if kind == "seq" else kind]
    phrase = not any(ch in rest for ch in _SENTENCE_MARKS + "：；") and not _HAN_BRACKET.search(rest)
    if kind in ("h1", "seq") and phrase and rest[-1] not in "，、,":
        # A level-1 line with no sentence end at all is one phrase: a body sentence would end with 。, so even a
        # long heading ("一、形势严峻，我们全县上下务必充分认识……的紧迫感和使命感") stands on its own line. (A
        # bracket of words is a note of the body's, and a stored excerpt's last paragraph often stops in
        # mid-sentence; a page's pinyin "強(qiáng)" is no bracket of words.)
        limit = OWN_LINE_PHRASE_MAX
    return visible_length(rest) <= limit and not any(ch in inner for ch in _SENTENCE_MARKS + "：；")


def _repeated_tail(rest: str, limit: int) -> int:
    """Where the body starts by taking up the heading's last words ("坚定理想信念理想信念是事业致胜的法宝"): the
    first place, before ``limit``, where the 3–6 characters before it come again at once; or 0."""
    for k in range(4, min(limit, len(rest))):
        for m in range(3, min(k, 6) + 1):
            tail = rest[k - m : k]
            if rest[k : k + m] == tail and all("\u4e00" <= ch <= "\u9fff" for ch in tail):
                return k
    return 0


# The first heading one level down, numbered one ("（一）" under 一、, "1." under （一）): where it stands inside
# a heading's phrase, the heading ended there — a page flattened into one line ran the levels together
# ("一、提高政治自觉，高站位认识主题教育的重大意义（一）深刻认识……").
_FIRST_BELOW = {
    "h1": re.compile("[（(]一[）)]"),
    "seq": re.compile("[（(]一[）)]"),
    "h2": re.compile("(?<![0-9])1[.．、](?![0-9])"),
    "h3": re.compile("[（(]1[）)]"),
}


def _first_below(rest: str, kind: str, limit: int) -> int:
    pattern = _FIRST_BELOW.get(kind)
    found = pattern.search(rest, 4, limit + 4) if pattern is not None else None
    if found is None or any(ch in rest[: found.start()] for ch in "。！？；：") or not is_cjk(rest[found.start() - 1]):
        return 0
    return found.start()


def heading_end(rest: str, kind: str) -> tuple[int, str]:
    """Where the heading in ``rest`` (the text after the enumerator) ends, and the cue that says so."""
    limit = HEADING_MAX["h1" if kind == "seq" else kind]
    below = _first_below(rest, kind, limit)
    if below:
        return below, "body"
    strong = _body_start(rest, limit, strong=True)
    mark = next((i for i, ch in enumerate(rest[: limit + 1]) if ch in "。！？：" and i >= 2), None)
    if strong and (mark is None or strong < mark):
        return strong, "body"
    repeated = _repeated_tail(rest, mark if mark is not None else limit)
    if repeated:
        return repeated, "body"
    if mark is None or mark > 30 or rest[mark] == "？":  # a heading seldom asks; the body often does
        # No short first sentence: a body start or a heading-final word tells where the heading ends.
        body = _body_start(rest, limit)
        # (below level 1 a heading is shorter and more often ends with a mark: only a sentence opener after its
        # final word says it ended there, "（一）深刻认识……的时代意义党的十九大以来，……")
        final = _heading_final(rest, limit, opener_only=kind not in ("h1", "seq"))
        opened = _heading_final(rest, limit, opener_only=True)
        if body or final:
            # A body start is the text's own word that the body begins there; a heading-final word only says a
            # heading could end there ("……的政治责任在……中扎根铸魂习近平总书记强调：" ends before 习近平) —
            # unless a sentence opener follows it, and the body word before it is one of the heading's own
            # ("冷静客观看待当前形势，切实增强……的责任感与紧迫感今年是……").
            return (opened if opened > body else body or final), "body"
    space = next((i for i, ch in enumerate(rest[: limit + 1]) if ch in " \u3000" and i >= 4), None)
    if space is not None and "；" not in rest[:space] and not any(c in rest[:space] for c in _SENTENCE_MARKS):
        # A space left in the line is where the draft's own line ended ("……的“腐蚀剂” 中央纪委……").
        return space, "space"
    for i, ch in enumerate(rest[: limit + 1]):
        if ch in _SENTENCE_MARKS:
            return i + 1, "mark"
        if ch == "：" and i >= 2:
            return i + 1, "colon"
        if ch in " \u3000" and i >= 4 and not any(c in rest[:i] for c in "；"):
            return i, "space"  # (PDF spaces inside sentences are gone by now: a space left is a boundary)
    bracket = min((i for i in (rest.find("（", 8), rest.find("(", 8)) if i > 0), default=-1)
    if kind == "h1" and 0 < bracket <= limit and not any(c in rest[:bracket] for c in "。；："):
        return bracket, "body"
    comma = rest.find("，")
    if kind == "point":
        return (comma + 1, "length") if 0 < comma <= limit else (0, "length")
    return (comma + 1 if 0 < comma <= limit else min(len(rest), limit)), "length"


def find_heading(text: str) -> Heading | None:
    """The heading or point that ``text`` opens with, or None."""
    found = enumerator(text)
    if found is None:
        return None
    kind, style, number, label_end = found
    rest = text[label_end:]
    inner = parse_label(rest)
    if not rest.strip() or inner is not None:
        return None  # "一、" alone, or "三是（一）……": no plain heading to hold, the line stays text
    sentence_like = rest.endswith(("。", "；")) or rest.count("，") > 1
    if _own_line(rest, kind) and not (kind == "seq" and sentence_like):  # "第三，要……，……。" is a point
        return Heading("h1" if kind == "seq" else kind, style, number, label_end, len(text), "line")
    if kind == "seq":
        kind = "point"
    end, cue = heading_end(rest, kind)
    return Heading(kind, style, number, label_end, label_end + end, cue)


def mid_labels(text: str, style: str, first: int) -> list[tuple[int, int]]:
    """(position, number) of enumerators of ``style`` numbered first, first + 1, … that start a sentence or
    clause inside ``text`` (after 。！？：；), in order — points or headings run into one paragraph."""
    found: list[tuple[int, int]] = []
    expected = first
    view = simplified_view(text)
    for i, ch in enumerate(view):
        if ch not in "。！？：；" or i + 1 >= len(view):
            continue
        position = i + 1
        while position < len(view) and view[position] in "”’）」 \u3000":
            position += 1
        parsed = enumerator(view[position : position + 12] + "x" * 8)
        if parsed is not None and parsed[1] == style and parsed[2] == expected:
            found.append((position, expected))
            expected += 1
    return found


# A numbered line that is a sentence of body, not a heading: it opens with who acts and a modal verb
# ("1、各单位要在3月底前……。", "2、大家都要本着……"), with a request or a host's announcement ("请……", "由……"),
# or with a clause of time ("……述职时，"). A heading names a task; it has no subject of its own.
_SUBJECT_MODAL = re.compile(
    "^(?:各[\u4e00-\u9fff、各]{1,12}?|大家|全体[\u4e00-\u9fff]{0,6}?|我们|你们|我|每(?:个|位|名|一)[\u4e00-\u9fff]{0,6}?|"
    "一个[\u4e00-\u9fff]{1,6}?|[\u4e00-\u9fff]{1,6}?同志|[\u4e00-\u9fff]{2,8}?(?:单位|部门|企业|学校|乡镇|街道))"
    "(?:都|也|还|一定|必须)?(?:要|必须|应当|应该|应|须|务必|不得|不能|不要|可以|将)"
)
_ANNOUNCEMENT = re.compile("^(?:请|由|下面请|现在请|有请)")
_TIME_CLAUSE = re.compile("^[^，。；：]{2,20}?(?:时|前|后|期间)，")


# An item of a schedule opens with the time it happens ("上午10:00-11:00，大会开幕式", "8月9日，报到"): a heading
# names a task or a theme, never a time.
_SCHEDULE = re.compile(
    "^(?:上午|下午|晚上|中午|早上)?[0-9]{1,2}[:：][0-9]{2}|^[0-9]{1,2}月[0-9]{1,2}日[^，。]{0,4}[，：]"
)


def is_schedule_item(rest: str) -> bool:
    return bool(_SCHEDULE.match(simplified_view(rest)))


def is_sentence_item(rest: str) -> bool:
    """Whether the text after an enumerator (``rest``) reads as a sentence of body rather than a heading."""
    view = simplified_view(rest)
    return bool(_SUBJECT_MODAL.match(view) or _ANNOUNCEMENT.match(view) or _TIME_CLAUSE.match(view))


UNIFIED_RUNIN_MAX = 40  # a sibling's first sentence up to this long is taken as its run-in heading


def first_sentence_heading(rest: str) -> int:
    """The end of a heading phrase written as the first sentence of ``rest`` ("聚焦重点领域，深化专项整治，确保
    取得实效。要……"): after its 。！：, when it is short enough to be one and is no sentence of body; else 0."""
    for i, ch in enumerate(rest[: UNIFIED_RUNIN_MAX + 1]):
        if ch in "。！：" and i >= 2:
            head = rest[:i]
            if any(c in head for c in "；？") or is_sentence_item(head) or _body_start(head + "。", i, strong=True):
                return 0
            return i + 1
    return 0

"""The title block of a draft, however it arrived: title, subtitle, speaker, date, salutation and the first
paragraph on lines of their own, or run together on one line ("在…会议上的讲话　县长　张三同志们：受市委…"),
separated by spaces or by nothing.

`split_header` cuts the first paragraphs of a draft into pieces at the places one part of the block ends
and the next begins; `piece_kind` says what a piece looks like. The recognisers match on the Simplified view
of the text (`script.simplified_view`), so Traditional drafts ("同志們：", "縣長") are read the same way.
"""

from __future__ import annotations

import bisect
import itertools
import re

from docgen.importer.dates import DATE, is_date
from docgen.importer.script import simplified_view, without_pinyin
from docgen.importer.source import SourceParagraph
from docgen.model.numbering import parse_label

HEADER_LINES = 8  # the title block is never longer; the scan stops here (and keeps the import linear)

_TERM_WORDS = (
    "领导", "来宾", "嘉宾", "贵宾", "代表", "同志", "同仁", "朋友", "老师", "同学",
    "女士", "先生", "委员", "家长", "战友", "专家", "企业家", "校友", "青年", "团员",
    "党员", "干部", "学员", "新生", "工友", "乡亲", "父老乡亲", "村民", "评委", "选手",
    "运动员", "裁判员", "记者", "群众", "员工", "职工", "兄弟姐妹", "模范", "劳模",
    "工作者", "获奖者", "获得者", "先进", "家人", "校长", "书记", "主任", "观众", "听众",
    "网友", "市民", "师生", "教职工", "教职员工", "居民", "会员", "志愿者", "同胞",
    "侨胞", "学子", "少先队员", "人大代表", "政协委员", "成员", "客人", "友人", "各界人士",
    "人士", "同事", "伙伴", "小伙伴", "亲人", "嘉宾朋友", "战士", "官兵", "指战员",
    "学生", "孩子", "党员同志", "教师",
)
_TERM = f"(?:{'|'.join(_TERM_WORDS)})们?"
# After a separator, a qualifier of up to six characters may come before a term, and it already reads the first
# word of a compound ("父老"乡亲, "人大"代表); offering the compound there too, or an empty honorific beside
# an empty qualifier, would give the regex two readings of every item, and a long list without its colon
# ("同志们，同志们，……") would take exponential time. For the same reason the qualifier holds no 和/及/与, which
# would let it swallow whole items ("代表和委员和……"); "、老干部和老同志们" still reads as two items.
_TERM_AFTER_QUALIFIER = "(?:{})们?".format(
    "|".join(w for w in _TERM_WORDS if not any(w != u and w.endswith(u) for u in _TERM_WORDS))
)
_HONORIFIC_WORD = "(?:尊敬的|亲爱的|敬爱的|各位|全体|在座的|广大)"
_HONORIFIC = (
    "(?:(?:尊敬的|亲爱的|敬爱的)[^\\s：:，。；！？]{0,12}?|(?:各位|全体|在座的|广大)[^\\s：:，。；！？]{0,4}?)?"
)
_POST = (
    "(?:书记|副书记|县长|市长|省长|区长|镇长|乡长|州长|旗长|主任|部长|局长|厅长|主席|委员|常委|校长|院长|处长|科长|"
    "经理|董事长|组长|队长|所长|会长|秘书长|行长|社长|台长|站长|馆长|司令员|政委|总经理|总监|理事长|检察长|庭长|"
    "监事长|教授|党组书记|负责人|代表|政委|区委书记|市委书记|县委书记|省委书记|主任委员|总裁|董事|院士|专员|巡视员|调研员|干事|指导员|辅导员|教导员|班主任|老师|党支部书记|第一书记)"
)
# "尊敬的李组长，同志们：": an honorific before a post (and the name before it) addresses someone too.
_ONE = f"(?:{_HONORIFIC}{_TERM}|(?:尊敬的|敬爱的)[^\\s：:，。；！？、]{{0,8}}?{_POST})"
# After the first term, a short qualifier may come first ("、优秀工作者", "、老同志"); an honorific there reads to
# its term only, never across the next separator.
_ITEM_HONORIFIC = (
    "(?:(?:尊敬的|亲爱的|敬爱的)[^\\s：:，。；！？、和及与]{0,12}?"
    "|(?:各位|全体|在座的|广大)[^\\s：:，。；！？、和及与]{0,4}?)"
)
_MORE = (
    f"\\s*[、，,和及与]\\s*(?:{_ITEM_HONORIFIC}|(?!{_HONORIFIC_WORD})[^\\s：:，。；！？、和及与]{{0,6}}?)"
    f"{_TERM_AFTER_QUALIFIER}"
)
# A salutation is at most 60 characters, so at most 20 items follow its first: the bound keeps a long list
# without a colon from being read again from each of its items (quadratic in its length).
SALUTATION = re.compile(f"{_ONE}(?:{_MORE}){{0,20}}\\s*[：:]")
_BARE_SALUTATION = re.compile(f"^{_ONE}(?:{_MORE}){{0,20}}[，,]?$")
# "同志們，剛才部長宣布了……": a salutation written with a comma, run into the first sentence after the title.
_COMMA_SALUTATION = re.compile(f"{_ONE}(?:{_MORE}){{0,20}}[，,]")
# Whom a salutation addresses may come first: "市委巡察组各位领导，同志们：".
_QUALIFIED_SALUTATION = re.compile(f"[^\\s，。；：！？、]{{2,8}}?(?:各位|全体|在座的){SALUTATION.pattern}")

# Longest first: an alternation takes the first that matches ("演讲稿" before "演讲").
_TITLE_END = re.compile(
    "(?:讲话提纲|发言提纲|讲话稿|发言稿|演讲稿|讲话|发言|致辞|致词|讲稿|主持词|主持稿|党课|贺词|贺信|演讲|报告|"
    "(?:欢迎|答谢|开幕|闭幕|祝酒|颁奖|串|献)词)"
    "(?:文稿|全文|范文|材料|提纲|稿|（[^）]{0,20}）)*"
    "(?:[ \u3000]?篇[0-9一二三四五六七八九十]{1,2})?"  # "……讲话稿 篇1": the page's numbering of its versions
    # "……讲话稿范文2021年": the page's year after the title's kind; a year that opens a sentence goes on
    # ("2021年，……", "2023年以来", "2024年上半年").
    "(?:[ \u3000]?(?:19|20)[0-9]{2}年(?![，,、0-9以底初末度上下前后中全内]))?"
)
_SUBTITLE_DASHES = ("——", "—", "--", "－－", "──", "-")
_SUBTITLE_DASH = re.compile(r"^(?:——|—|--|－－|──|-)")
_VERSION = re.compile("篇[0-9一二三四五六七八九十]{1,2}")  # "……讲话稿 篇1": which of the page's versions
# A subtitle run into its title: a dash after at least four characters, then "在……的讲话" or a title word.
_INNER_SUBTITLE = re.compile(
    "(?<=[^\\s—\\-]{4})[ \u3000]*(?:——|--|－－|──)(?=[^—\\-]{4,80}?(?:讲话|发言|致辞|报告|讲稿|主持词|党课|演讲)"
    "(?:稿|提纲)?(?:[ \u3000（(]|$|同志|尊敬|各位))"
)
_UNDASHED_SUBTITLE = re.compile("^在.{4,70}(?:上|时|中)的(?:讲话|发言|致辞|报告|讲稿|总结讲话|主持词|动员讲话|党课)")


# A name, possibly spaced ("张　三", "毛 万 春"), or the placeholder a published draft puts for it ("XXX", "×××").
_NAME = "(?:[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,2}|[XxＸ×*＊○☆]{2,4}|某某)"
# "县长 张三", "党委书记：XXX", "主讲人：张三": the post, then a space, a colon or nothing, then the name.
_POST_SEPARATOR = "(?:[ \u3000]*|[ \u3000]*[：:][ \u3000]*)"
_LABELLED = "(?:主讲人|讲话人|发言人|报告人|主持人|致辞人|讲课人|汇报人)"
SPEAKER = re.compile(
    f"^(?:(?:[^\\s。！？，；：]{{0,40}}?{_POST}|{_LABELLED}){_POST_SEPARATOR})?{_NAME}(?:同志)?$"
)
_SPEAKER_WITH_POST = re.compile(
    f"^(?:[^\\s。！？，；：]{{0,40}}?{_POST}|{_LABELLED}){_POST_SEPARATOR}{_NAME}(?:同志)?$"
)

_SENTENCE_MARKS = "。！？"
_GREETING = re.compile("(?:大家|各位|同志们|朋友们)?(?:早上|上午|中午|下午|晚上)?好[！!。]")


def _han(text: str) -> int:
    return sum("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def is_salutation(text: str) -> bool:
    """ "同志们：", "各位领导、同志们：", "尊敬的各位来宾，女士们、先生们：" — or a bare "同志们"."""
    view = simplified_view(without_pinyin(text)[0]).strip()
    if len(view) > 60 or any(ch in view for ch in "。！？；"):
        return False
    if _QUALIFIED_SALUTATION.fullmatch(view):
        return True
    return SALUTATION.fullmatch(view) is not None or _BARE_SALUTATION.fullmatch(view) is not None


def salutation_end(text: str) -> int:
    """Where a salutation at the very start of ``text`` ends ("同志们：今天……" → 4), or 0."""
    match = SALUTATION.match(simplified_view(text))
    return match.end() if match and match.end() <= 60 else 0


def is_speaker(text: str) -> bool:
    """ "张　三", "毛 万 春", "县长 张三", "中共XX县委常委、组织部长 张伟强", "张三同志"."""
    view = simplified_view(text).strip()
    if not 2 <= len(view) <= 48 or re.search("讲话|发言|致辞|会议|同志们|大家|各位|词$|稿$", view):
        return False
    return SPEAKER.fullmatch(view) is not None


def has_post(text: str) -> bool:
    """A speaker line that names a post ("县长 张三"), not a bare two-character word that looks like a name."""
    return _SPEAKER_WITH_POST.fullmatch(simplified_view(text).strip()) is not None


def is_subtitle(text: str) -> bool:
    return bool(_SUBTITLE_DASH.match(text)) and len(text) <= 100 and _han(text) >= 2


def is_undashed_subtitle(text: str) -> bool:
    """ "在全县工作会议上的讲话" under a main title, typed without its "——"."""
    view = simplified_view(text)
    return len(view) <= 80 and _UNDASHED_SUBTITLE.match(view) is not None and _title_shaped(text)


def _title_shaped(text: str) -> bool:
    return 0 < len(text) <= 90 and not any(ch in text for ch in _SENTENCE_MARKS) and text[-1] not in "，；：、"


def looks_like_title(text: str) -> bool:
    """A line that can be a speech's title: short, no sentence inside, no other part of the title block,
    no enumerated heading or point."""
    if not _title_shaped(text) or _han(text) < 4:
        return False
    if parse_label(text) is not None or is_salutation(text) or is_date(text) or is_subtitle(text):
        return False
    return not is_speaker(text) or _TITLE_END.search(simplified_view(text)) is not None


def piece_kind(text: str) -> str:
    """What a piece of the title block looks like: "subtitle", "date", "salutation", "speaker", "title"
    (title-shaped) or "body"."""
    if is_subtitle(text):
        # "——华西村党委书记吴协恩": a dash before a post and a name marks the speaker, not a subtitle
        return "speaker" if is_speaker(_SUBTITLE_DASH.sub("", text)) else "subtitle"
    if is_date(text):
        return "date"
    if is_salutation(text):
        return "salutation"
    if is_speaker(text):
        return "speaker"
    if _title_shaped(text) and _han(text) >= 2 and parse_label(text) is None:
        return "title"
    return "body"


# ------------------------------------------------------------------------------------------------ splitting


def _cuts(text: str, first: bool, comma_salutation: bool = False) -> list[int]:
    """Positions in a title-block paragraph where one part ends and the next begins."""
    view = simplified_view(text)
    cuts: set[int] = set()
    protected: list[tuple[int, int]] = []
    for match in DATE.finditer(view):
        protected.append(match.span())
        bracketed = view[match.start()] in "（("
        standalone = (match.start() == 0 or view[match.start() - 1] in " \u3000") and (
            match.end() == len(view) or view[match.end()] in " \u3000" or SALUTATION.match(view, match.end())
        )
        if bracketed or standalone:
            cuts.update((match.start(), match.end()))
    title_end = _title_end(view) if first else 0
    if title_end:
        cuts.add(title_end)
    dash = _INNER_SUBTITLE.search(view) if first else None
    if dash and _title_shaped(view[: dash.start()].rstrip(" \u3000")):
        cuts.add(dash.start())  # "凝心聚力 奋勇争先——在全县……上的讲话": the subtitle under the title
    clean, where = without_pinyin(view)  # "各位老領(lǐng)導(dǎo)、老同志：" is a salutation too
    # ``where`` rises, so a position is found by bisection (a line of many dates stays linear).
    ends = set()
    for end in (title_end, *(b for _, b in protected)):
        i = bisect.bisect_left(where, end)
        if i < len(where) and where[i] == end:
            ends.add(i)
    for match in SALUTATION.finditer(clean):
        start = _salutation_start(clean, match, ends, first) if match.end() - match.start() <= 60 else None
        if start is None and first:
            name = _name_before(clean, match.start(), ends)
            if name is not None:
                cuts.add(where[name])
                start = match.start()
        if start is not None:
            cuts.update((where[start], where[match.end()]))
            break  # only the first salutation belongs to the block
    else:  # no salutation with its colon: one with a comma at the start of a part
        if comma_salutation:
            for start in sorted({0, *ends}):
                comma = _COMMA_SALUTATION.match(clean, start)
                if comma and comma.end() < len(clean):
                    cuts.update((where[start], where[comma.end()]))
                    break
    starts = [a for a, _ in protected]  # in order and apart: only the last date starting before a space can hold it
    for match in re.finditer("[ \u3000]+", view):
        k = bisect.bisect_left(starts, match.start()) - 1
        if not (k >= 0 and match.end() < protected[k][1]):
            cuts.update((match.start(), match.end()))
    return sorted(c for c in cuts if 0 < c < len(text))


_NAME_AFTER_COLON = re.compile(f"{_NAME}(?:同志)?(?:[ \u3000]|$)")


def _salutation_start(clean: str, match: re.Match[str], ends: set[int], first: bool) -> int | None:
    """Where a salutation found in a title-block line starts, or None when it is none: it starts the line,
    follows a space or another part that ended there (the title, a date, a speaker line), or a short
    qualifier of whom it addresses does ("市委巡察组各位领导，同志们："); and no name follows its colon (the
    "党委书记：" of a speaker line "党委书记：XXX", the "副主任：" of "县监委副主任：范俊巍")."""
    start = match.start()
    if _NAME_AFTER_COLON.match(clean, match.end()):
        return None
    if start == 0 or clean[start - 1] in " \u3000）)" or start in ends:
        return start
    space = max(clean.rfind(" ", 0, start), clean.rfind("\u3000", 0, start)) + 1
    boundary = max([space, *(e for e in ends if e < start)])
    segment = clean[boundary:start]
    if has_post(segment):
        return start  # "……的讲话县委书记张三同志们："
    plain = not any(ch in segment for ch in "，。；：！？、")
    if boundary and len(segment) <= 8 and plain and re.match("各位|全体|在座|尊敬", clean[start:]):
        return boundary  # whom it addresses, then the salutation: one
    if first and not boundary and plain and _title_shaped(segment) and _han(segment) >= 4:
        return start  # "坚定理想信念同志们：……": a short title without a kind word, run into the salutation
    return None


_BARE_NAME = re.compile("[\u4e00-\u9fff]{2,3}")


def _name_before(clean: str, start: int, ends: set[int]) -> int | None:
    """Where the speaker's name starts when it stands alone between the title (or the date after it) and the
    salutation: "……工作会议上的讲话常正国同志们：", "……讲话（2011年11月3日 根据录音整理）刘和平同志们：" — between
    two parts of the block a short run of characters is a name, as a speaker line would hold it."""
    bracket = max(clean.rfind("）", 0, start), clean.rfind(")", 0, start)) + 1
    boundary = max([bracket, *(e for e in ends if e < start)])
    if boundary and _BARE_NAME.fullmatch(clean, boundary, start) and start - boundary <= 3:
        return boundary
    return None


def _title_end(view: str) -> int:
    """The end of a title run into what follows it: "在…会议上的讲话同志们：…" → after "讲话"."""
    start = 2 if _SUBTITLE_DASH.match(view) else 0
    # What comes before and after each candidate is looked at in place, never copied: a line of "讲话讲话……"
    # would otherwise cost its length for every one of its words.
    checked, han = start, 0
    for match in _TITLE_END.finditer(view, start):
        stretch = view[checked : match.end()]
        checked = match.end()
        han += _han(stretch)
        if any(ch in stretch for ch in "。！？，；：") or han < 6:
            return 0
        after = match.end()
        while after < len(view) and view[after] in " \u3000":
            after += 1
        dash = view.startswith(_SUBTITLE_DASHES, after)
        starts_part = bool(SALUTATION.match(view, after) or DATE.match(view, after) or dash)
        plausible = after < len(view) and view[after] not in "，。、；：！？”）》" and not _TITLE_END.match(view, after)
        if plausible and (starts_part or len(view) - after >= 6):
            return match.end()
    return 0


def _pieces(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    bounds = [0, *cuts, len(text)]
    out = []
    for a, b in itertools.pairwise(bounds):
        while a < b and text[a] in " \u3000":
            a += 1
        while b > a and text[b - 1] in " \u3000":
            b -= 1
        if b > a:
            out.append((a, b))
    return _merge(text, out)


# No part of the title block but the body is longer (a subtitle ≤ 100 characters, a salutation ≤ 60 without its
# pinyin): a longer stretch is body, and is not read again each time a piece joins it (which made a long first
# line of space-separated words quadratic).
_LONGEST_PART = 300


def _kind(text: str, start: int, end: int) -> str:
    return "body" if end - start > _LONGEST_PART else piece_kind(text[start:end])


def _merge(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Put back together what a space cut in two: a spaced name ("张 三", "毛 万 春"), a post and its
    name ("县长 张三"), a spaced date, a title in two phrases ("凝心聚力 奋勇争先"), a body paragraph."""
    out: list[tuple[int, int]] = []
    kinds: list[str] = []  # piece_kind of each stretch in ``out``
    for piece in pieces:
        current = _kind(text, *piece)
        if out:
            a, end = out[-1]
            previous = kinds[-1]
            joined = _kind(text, a, piece[1])
            two_title_phrases = previous == current == "title" and not ends_with_title_word(text[a:end])
            spaced = text[end : piece[0]].strip(" \u3000") == "" and end < piece[0]
            if spaced and (
                (joined in ("speaker", "date") and previous != "salutation")
                or (two_title_phrases and len(out) == 1)
                or (previous == "body" and current == "body")
                or (previous == "title" and _VERSION.fullmatch(text[slice(*piece)]) is not None)
            ):
                out[-1] = (a, piece[1])
                kinds[-1] = joined
                _merge_back(text, out, kinds)
                continue
        out.append(piece)
        kinds.append(current)
    return out


def _merge_back(text: str, out: list[tuple[int, int]], kinds: list[str]) -> None:
    """After "李 明" came together, "组织部部长" before it joins too: a post and its spaced name."""
    while len(out) >= 2:
        joined = _kind(text, out[-2][0], out[-1][1])
        if joined != "speaker" or kinds[-2] == "salutation":
            return
        out[-2:] = [(out[-2][0], out[-1][1])]
        kinds[-2:] = [joined]


def split_header(paragraphs: list[SourceParagraph]) -> tuple[list[SourceParagraph], int]:
    """The first paragraphs with the title block's run-together parts cut apart, then the rest unchanged;
    and how many paragraphs were cut. Stops at the first paragraph that reaches the body."""
    out: list[SourceParagraph] = []
    cut_count = 0
    limit = min(len(paragraphs), HEADER_LINES)
    done = False
    for i, p in enumerate(paragraphs):
        if done or i >= limit:
            out.append(p)
            continue
        first = i == 0 or (i == 1 and is_subtitle(p.text))
        # (a salutation with a comma only opens the block's first line or the line right after the title)
        comma = i == 0 or (i == 1 and looks_like_title(paragraphs[0].text))
        pieces = _pieces(p.text, _cuts(p.text, first=first, comma_salutation=comma))
        kinds = [piece_kind(p.text[a:b]) for a, b in pieces]
        if "body" in kinds:
            # A body piece ends the block: keep what follows it in one paragraph, but a greeting run in
            # after the salutation ("……同志们：大家好！今天……") is a paragraph of its own.
            k = kinds.index("body")
            # "今天 召开会议。": a space inside the first sentence is no boundary of the block.
            while k > 0 and not _complete_part(p.text[slice(*pieces[k - 1])]):
                if k == 1 and i == 0 and _plain_title_before_body(p.text, pieces[0], pieces[1]):
                    break  # "专题党课：从党史中汲取智慧和力量 习近平总书记指出，……"
                k -= 1
            start = pieces[k][0]
            greeting = _GREETING.match(simplified_view(p.text), start) if k else None
            if greeting and greeting.end() < len(p.text):
                pieces = [*pieces[:k], (start, greeting.end()), (greeting.end(), len(p.text))]
            else:
                pieces = [*pieces[:k], (start, len(p.text))]
            done = True
        if kinds and kinds[0] == "body" and not _header_start(p.text):
            out.append(p)
            done = True
            continue
        if len(pieces) > 1:
            cut_count += 1
            out += [p.slice(a, b) for a, b in pieces]
        else:
            out.append(p)
    return out, cut_count


def _plain_title_before_body(text: str, first: tuple[int, int], after: tuple[int, int]) -> bool:
    """A draft's first words, a title without a kind word, and after a space its first sentence: the title
    is long (eight characters or more), title-shaped, and the space cuts no word in two."""
    from docgen.importer.gaps import Line, splits_a_word

    title, body = text[slice(*first)], text[slice(*after)]
    if not (looks_like_title(title) and _han(title) >= 8) or not any(ch in body for ch in _SENTENCE_MARKS):
        return False
    return not splits_a_word(Line(0, title), Line(0, body))


def _complete_part(text: str) -> bool:
    """A piece that can stand before the body on its own: a finished title, subtitle, date, speaker or
    salutation — not the first words of a sentence cut off at a space."""
    kind = piece_kind(text)
    if kind == "speaker":  # a bare two-character word ("今天") looks like a name: only a post makes it one
        return _SPEAKER_WITH_POST.fullmatch(simplified_view(text)) is not None
    return kind in ("subtitle", "date", "salutation") or (
        kind == "title" and ends_with_title_word(text)
    )


def _header_start(text: str) -> bool:
    view = simplified_view(text)
    return bool(_title_end(view)) or salutation_end(view) > 0


# ------------------------------------------------------------------------------------------------ reading


def _spaceless(text: str) -> str:
    return re.sub("[ \u3000]", "", text)


def ends_with_title_word(text: str) -> bool:
    """ "……会议上的讲话", "……主持词范文": the title names its kind at its end (not "讲稿：……" before a theme)."""
    view = simplified_view(text).rstrip(" \u3000")
    return any(match.end() == len(view) for match in _TITLE_END.finditer(view))


def _title_continues(title: str, nxt: str) -> bool:
    """A title broken over two lines ("……表彰大会" / "主 持 词"; "……讲话稿" / "篇1"): the next line is short
    and names the kind of text, or the title has no such word yet and the next line ends with one."""
    nxt_view = simplified_view(_spaceless(nxt))
    if _TITLE_END.fullmatch(nxt_view) or (len(nxt_view) <= 3 and not is_speaker(nxt)):
        return True
    if is_speaker(nxt):
        return False
    # "……的重大意义，着" / "力营造……政治生态": a title cut by a wrap after a clause's first character.
    clause = re.split("[，,、：:]", title)[-1]
    if 0 < len(clause) <= 2 and ("，" in title or "," in title) and _title_shaped(nxt) and len(nxt) <= 40:
        return True
    if ends_with_title_word(title):
        return False
    # "全县上下凝心聚力，XX同志作了表态发言。" names a kind of text too, but a sentence is the body's first
    # paragraph, never the rest of a title.
    if _UNDASHED_SUBTITLE.match(nxt_view) or any(ch in nxt_view for ch in _SENTENCE_MARKS):
        return False
    return _TITLE_END.fullmatch(nxt_view) is not None or (
        len(nxt_view) <= 30 and _TITLE_END.search(nxt_view[-6:]) is not None and not nxt_view.startswith("在")
    )


def _wrapped_title(title: str, paragraphs: list[SourceParagraph], i: int) -> bool:
    """ "镇党委领导班子2025年度民主生活会对照检" / "查材料（含案例）", then the body: a title wrapped like the text
    below it — the next line is the title block's last, short and title-shaped, and no part of its own
    (no subtitle "在……的讲话", speaker, date or salutation), and the title does not end on its kind."""
    text = paragraphs[i].text
    if ends_with_title_word(title) or piece_kind(text) != "title" or is_undashed_subtitle(text) or len(text) > 30:
        return False
    after = paragraphs[i + 1].text if i + 1 < len(paragraphs) else ""
    return piece_kind(after) in ("salutation", "body") and not looks_like_title(after)


def _short_title(paragraphs: list[SourceParagraph]) -> bool:
    """ "出征" / "在援助湖北省武汉市医疗队出征仪式上的讲话": a title of two or three characters, plainly one
    because a subtitle or the occasion's "在……" line follows it."""
    first = paragraphs[0].text
    if not (_title_shaped(first) and 2 <= _han(first) <= 3 and parse_label(first) is None) or len(paragraphs) < 2:
        return False
    following = simplified_view(paragraphs[1].text)
    return is_subtitle(following) or (following.startswith("在") and _title_shaped(following))


def read_header(
    paragraphs: list[SourceParagraph], *, titled: bool = False
) -> tuple[list[tuple[str, list[SourceParagraph]]], int]:
    """The title block at the start of ``paragraphs`` (already cut by `split_header`): a list of
    (kind, paragraphs) — kinds "title", "subtitle", "date", "speaker", "salutation", each at most once, a
    title or subtitle possibly over several lines — and how many paragraphs it took. No title → empty.
    ``titled``: the title is known already (given by the user), the block starts after it."""
    parts: list[tuple[str, list[SourceParagraph]]] = []
    if titled:
        seen = {"title"}
        i = 0
    elif paragraphs and (looks_like_title(paragraphs[0].text) or _short_title(paragraphs)):
        parts.append(("title", [paragraphs[0]]))
        seen = {"title"}
        i = 1
    else:
        return [], 0
    while i < len(paragraphs) and i < HEADER_LINES + 4:
        p = paragraphs[i]
        kind = piece_kind(p.text)
        last_kind, last = parts[-1] if parts else ("title", [])
        title_so_far = "".join(x.text for x in last)
        if (kind in ("title", "body", "speaker") and parts and last_kind == "title" and _title_continues(
            title_so_far, p.text
        )) or (parts and last_kind == "title" and len(last) == 1 and _wrapped_title(title_so_far, paragraphs, i)):
            last.append(p)
        elif kind == "title" and last_kind == "subtitle" and not is_undashed_subtitle(p.text) and len(last) < 3:
            last.append(p)  # a subtitle over two lines
        elif kind == "title" and "subtitle" not in seen and seen <= {"title", "speaker", "date"}:
            parts.append(("subtitle", [p]))
            seen.add("subtitle")
        elif kind in ("subtitle", "date", "speaker") and kind not in seen and "salutation" not in seen:
            parts.append((kind, [p]))
            seen.add(kind)
        elif kind == "salutation" and "salutation" not in seen:
            parts.append((kind, [p]))
            seen.add(kind)
            i += 1
            break
        else:
            break
        i += 1
    return parts, i

"""Cutting apart a title block a web page or PDF ran together: title, subtitle, speaker, date, salutation and the
first paragraph on one line ("在…会议上的讲话　县长　张三同志们：受市委…"), separated by spaces or by nothing.

`split_header` cuts the first paragraphs of a draft into pieces at the places one part of the block ends and
the next begins (`header.piece_kind` says what a piece looks like); `header.read_header` then reads them.
"""

from __future__ import annotations

import bisect
import itertools
import re

from docgen.importer.dates import DATE
from docgen.importer.header import (
    HEADER_LINES,
    INNER_SUBTITLE,
    NAME,
    SENTENCE_MARKS,
    SPEAKER_WITH_POST,
    SUBTITLE_DASH,
    SUBTITLE_DASHES,
    TITLE_END,
    VERSION,
    ends_with_title_word,
    han_count,
    has_post,
    is_subtitle,
    is_web_line,
    looks_like_title,
    piece_kind,
    title_shaped,
)
from docgen.importer.salutation import COMMA_SALUTATION, SALUTATION, is_salutation, salutation_end
from docgen.importer.script import simplified_view, without_pinyin
from docgen.importer.source import SourceParagraph

_GREETING = re.compile("(?:大家|各位|同志们|朋友们)?(?:早上|上午|中午|下午|晚上)?好[！!。]")


def _cuts(text: str, first: bool, comma_salutation: bool = False) -> list[int]:
    """Positions in a title-block paragraph where one part ends and the next begins."""
    if is_salutation(text):
        return []  # a whole line of salutation ("尊敬的李锺填先生，韩国尚州市的各位来宾、亲爱的同学们：")
    view = simplified_view(text)
    cuts: set[int] = set()
    protected: list[tuple[int, int]] = []
    for match in DATE.finditer(view):
        span = _noted_date(view, match) or match.span()
        protected.append(span)
        bracketed = view[span[0]] in "（("
        standalone = (span[0] == 0 or view[span[0] - 1] in " \u3000") and (
            span[1] == len(view) or view[span[1]] in " \u3000" or SALUTATION.match(view, span[1])
        )
        if bracketed or standalone:
            cuts.update(span)
    title_end = _title_end(view) if first else 0
    if title_end:
        cuts.add(title_end)
    dash = INNER_SUBTITLE.search(view) if first else None
    if dash and title_shaped(view[: dash.start()].rstrip(" \u3000")):
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
                while start < len(clean) and clean[start] in " \u3000":
                    start += 1  # "……的讲话 同志们，上半年……"
                comma = COMMA_SALUTATION.match(clean, start)
                # ("同志们，让我们……！" is the closing call, not a salutation: a speech may be that short)
                if comma and comma.end() < len(clean) and not clean.startswith("让我们", comma.end()):
                    cuts.update((where[start], where[comma.end()]))
                    break
    starts = [a for a, _ in protected]  # in order and apart: only the last date starting before a space can hold it
    for match in re.finditer("[ \u3000]+", view):
        k = bisect.bisect_left(starts, match.start()) - 1
        if not (k >= 0 and match.end() < protected[k][1]):
            cuts.update((match.start(), match.end()))
    return sorted(c for c in cuts if 0 < c < len(text))


# What may follow a date inside its bracket: a short note without digits or sentence marks ("根据录音整理", "星期三").
_DATE_NOTE = re.compile("[ \u3000]*[^（()）。！？，；：\\s\\d][^（()）。！？；\\d]{0,19}[）)]")


def _noted_date(view: str, match: re.Match[str]) -> tuple[int, int] | None:
    """ "（2011年11月3日 根据录音整理）": a date and a note in one bracket, one part of the block (a space inside it
    cuts nothing); the span from bracket to bracket, or None."""
    start = match.start()
    if start == 0 or view[start - 1] not in "（(" or view[start] in "（(":
        return None
    note = _DATE_NOTE.match(view, match.end())
    return (start - 1, note.end()) if note else None


NAME_AFTER_COLON = re.compile(f"{NAME}(?:同志)?(?:[ \u3000]|$)")


_HONORIFIC_START = re.compile("尊敬|亲爱|敬爱|各位|全体")


def _salutation_start(clean: str, match: re.Match[str], ends: set[int], first: bool) -> int | None:
    """Where a salutation found in a title-block line starts, or None when it is none: it starts the line,
    follows a space or another part that ended there (the title, a date, a speaker line), or a short
    qualifier of whom it addresses does ("市委巡察组各位领导，同志们："); and no name follows its colon (the
    "党委书记：" of a speaker line "党委书记：XXX", the "副主任：" of "县监委副主任：范俊巍")."""
    start = match.start()
    if NAME_AFTER_COLON.match(clean, match.end()):
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
    # (a salutation is at most 60 characters: a longer stretch is not sliced, which keeps a long line linear)
    listed = boundary > 0 and match.end() - boundary <= 60 and re.search("[、，,]", segment)
    listed = listed and _HONORIFIC_START.match(clean, boundary)
    if listed and is_salutation(clean[boundary : match.end()]):
        return boundary  # "……的讲话尊敬的主任、尊敬的各位“五老”、同志们：": the items before it are the salutation's
    if first and not boundary and plain and title_shaped(segment) and han_count(segment) >= 4:
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
    start = 2 if SUBTITLE_DASH.match(view) else 0
    # What comes before and after each candidate is looked at in place, never copied: a line of "讲话讲话……"
    # would otherwise cost its length for every one of its words.
    checked, han = start, 0
    for match in TITLE_END.finditer(view, start):
        stretch = view[checked : match.end()]
        checked = match.end()
        han += han_count(stretch)
        if any(ch in stretch for ch in "。！？，；：") or han < 6:
            return 0
        after = match.end()
        while after < len(view) and view[after] in " \u3000":
            after += 1
        dash = view.startswith(SUBTITLE_DASHES, after)
        starts_part = bool(SALUTATION.match(view, after) or DATE.match(view, after) or dash)
        # (a kind word inside the occasion goes on: "……专题党课上的讲话", "……报告会上的发言"; a theme after a colon
        # is the title's own: "……的讲话:永葆敬畏之心")
        inside = view.startswith(("上的", "会上", "会议", "时的", "中的"), after)
        plausible = after < len(view) and view[after] not in "，。、；：！？”）》,:" and not inside
        plausible = plausible and not TITLE_END.match(view, after)
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
                or (previous == "title" and VERSION.fullmatch(text[slice(*piece)]) is not None)
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
    lead = 0  # web-page lines above the title ("首页 > 领导讲话 > 正文"): the block's first line comes after them
    for i, p in enumerate(paragraphs):
        if done or i >= limit:
            out.append(p)
            continue
        if is_web_line(p.text):
            lead += i == lead
            out.append(p)  # a line of the page, not of the speech: never cut (`header.read_header` sets it aside)
            continue
        first = i == lead or (i == lead + 1 and is_subtitle(p.text))
        # (a salutation with a comma opens the block's first line, or a line after parts of the block: the title,
        # a speaker or date line — "同志们，朋友们，大家好！")
        comma = i == lead or (i == lead + 1 and looks_like_title(paragraphs[lead].text)) or _after_parts(out, lead)
        pieces = _pieces(p.text, _cuts(p.text, first=first, comma_salutation=comma))
        kinds = [piece_kind(p.text[a:b]) for a, b in pieces]
        if "body" in kinds:
            # A body piece ends the block: keep what follows it in one paragraph, but a greeting run in
            # after the salutation ("……同志们：大家好！今天……") is a paragraph of its own.
            k = kinds.index("body")
            # "今天 召开会议。": a space inside the first sentence is no boundary of the block.
            while k > 0 and not _complete_part(p.text[slice(*pieces[k - 1])]):
                if k == 1 and i == lead and _plain_title_before_body(p.text, pieces[0], pieces[1]):
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


def _after_parts(out: list[SourceParagraph], lead: int) -> bool:
    """Whether the paragraphs cut so far, after the page's lines, end with a speaker or date line of the block."""
    return len(out) > lead + 1 and piece_kind(out[-1].text) in ("speaker", "date")


def _plain_title_before_body(text: str, first: tuple[int, int], after: tuple[int, int]) -> bool:
    """A draft's first words, a title without a kind word, and after a space its first sentence: the title
    is long (eight characters or more), title-shaped, and the space cuts no word in two."""
    from docgen.importer.gaps import Line, splits_a_word

    title, body = text[slice(*first)], text[slice(*after)]
    if not (looks_like_title(title) and han_count(title) >= 8) or not any(ch in body for ch in SENTENCE_MARKS):
        return False
    return not splits_a_word(Line(0, title), Line(0, body))


def _complete_part(text: str) -> bool:
    """A piece that can stand before the body on its own: a finished title, subtitle, date, speaker or
    salutation — not the first words of a sentence cut off at a space."""
    kind = piece_kind(text)
    if kind == "speaker":  # a bare two-character word ("今天") looks like a name: only a post makes it one
        return SPEAKER_WITH_POST.fullmatch(simplified_view(text)) is not None
    return kind in ("subtitle", "date", "salutation") or (
        kind == "title" and ends_with_title_word(text)
    )


def _header_start(text: str) -> bool:
    view = simplified_view(text)
    return bool(_title_end(view)) or salutation_end(view) > 0

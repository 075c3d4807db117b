"""Where a line that held several parts of a speech is cut (text pasted from a page or a PDF that lost its
paragraph breaks): at level-1 headings run into the paragraph before, at long points run into one paragraph,
at the turn to shortcomings, and before the closing thanks. Only a paragraph the draft itself broke is cut
further; where the author made paragraphs, they stay as written."""

from __future__ import annotations

import itertools

from docgen.importer.headings import (
    H1_RUNIN_MAX,
    Heading,
    enumerator,
    find_heading,
    mid_labels,
    opens_after_heading_final,
)
from docgen.importer.script import simplified_view
from docgen.importer.source import SourceParagraph
from docgen.model.text import is_cjk


def split_mid_headings(paragraphs: list[SourceParagraph]) -> list[SourceParagraph]:
    """Level-1 headings run into the paragraph before ("……三个方面的问题。一、认真总结成绩……") start a
    paragraph of their own when the sequence goes on (二、 after it, in the same or a later paragraph) or
    the text before ends with a colon."""
    from docgen.importer.split import cut

    out: list[SourceParagraph] = []
    expected = 1
    for p in paragraphs:
        heading = find_heading(p.text)
        if heading is not None and heading.kind == "h1" and heading.style == "一、":
            expected = heading.number + 1
        starts = mid_labels(p.text, "一、", expected) if "、" in p.text else []
        if not starts and expected == 1 and p.split and "一、" in p.text:
            starts = _unmarked_first_heading(p.text)
        if len(starts) == 1 and expected == 1 and p.text[: starts[0][0]].rstrip(" \u3000")[-1:] != "：":
            # A lone "一、" inside a paragraph starts a section only when a heading plainly follows it, or when
            # the sentence before announced the parts ("下面，我讲三点意见。一、统一思想，提高认识，……").
            found = find_heading(p.text[starts[0][0] :])
            announced = announces_parts(p.text[: starts[0][0]])
            longest = H1_RUNIN_MAX if announced else 30
            cues = ("body", "space", "line", "mark", "colon", "length") if announced else ("body", "space", "line")
            if p.split and p.text[: starts[0][0]].rstrip(" \u3000")[-1:] in "。！？":
                # In a line that held a whole speech, a 一、 after a finished sentence whose heading is one short
                # sentence ("……。一、全面从严治党是中国共产党的优良传统。中国共产党……") starts a section too.
                cues = (*cues, "mark")
            if found is None or found.cue not in cues or found.end - found.label_end > longest:
                starts = []
        if _inline_list(p.text, [position for position, _ in starts]):
            starts = []
        if starts:
            expected = starts[-1][1] + 1
        for part in cut(p, [position for position, _ in starts]):
            # Only where the draft lost its paragraph breaks (a line that held several parts): where the
            # author made paragraphs, points run into one stay as written.
            out += [turn for sub in _split_sub_headings(part) for turn in _split_turns(sub)] if part.split else [part]
    out = _cut_by_siblings(out)
    if out and out[-1].split:
        from docgen.importer.split import split_closing

        out[-1:] = split_closing(out[-1])  # "……。我就讲这些，谢谢大家！" at the end of a run-together line
    return out


# Characters that make a word with a following 一 ("统一、协调", "唯一、", "之一、"): no enumerator there.
_WORD_BEFORE_ONE = "统唯第同万之单合专如归划逐一十百千数整均"
_UNMARKED_WINDOW = 120  # characters after a candidate 一、 read to judge its heading (a heading is at most 45)


def _unmarked_first_heading(text: str) -> list[tuple[int, int]]:
    """A first level-1 heading run into the paragraph before it with no mark between, in a line that held a
    whole speech ("……而努力奮鬥一、認清形勢、搶抓機遇，切實增強……的責任感和緊迫感剛剛過去的2004年，……"): a 一、 after
    a character it makes no word with, whose heading phrase ends on a heading-final word that a sentence
    opener follows. Each candidate is judged in a bounded window, so the walk stays linear."""
    position = text.find("一、", 8)
    while position > 0:
        before = text[position - 1]
        if is_cjk(before) and simplified_view(before) not in _WORD_BEFORE_ONE:
            window = text[position : position + _UNMARKED_WINDOW]
            found = find_heading(window)
            if found is not None and found.kind == "h1" and found.cue == "body" and _final_then_opener(window, found):
                return [(position, 1)]
        position = text.find("一、", position + 2)
    return []


_SIBLING_HEADING_MAX = 30  # a sibling's heading longer than this, read without a cue of its own, is no example
_SURE_CUES = ("line", "mark", "colon", "body", "space")


def _cut_by_siblings(parts: list[SourceParagraph]) -> list[SourceParagraph]:
    """Level-1 headings of one line that held a whole speech are siblings of one shape, and siblings end alike
    ("二、切实把安全责任落实到位" / "三、切实把安全措施落实到位"): a heading whose end the reader could only guess
    ("二、切实把安全责任落实到位进一步完善……。" read to its first full stop) ends after the last words of a
    sibling whose end is sure, where those words stand in it — its own line, cut from its body."""
    from docgen.importer.split import cut

    found = [(i, find_heading(p.text)) for i, p in enumerate(parts) if p.split and p.text.startswith(_LEVEL1_START)]
    headed = [(i, h) for i, h in found if h is not None and h.kind == "h1" and h.style == "一、"]
    sure = {i: p_end for i, h in headed if (p_end := _sure_phrase(parts[i].text, h))}
    endings = {phrase[-n:] for phrase in sure.values() for n in (4, 3) if len(phrase) > n + 1}
    endings = {ending for ending in endings if all(is_cjk(ch) for ch in ending)}
    if not endings:
        return parts
    cuts: dict[int, int] = {}
    for i, h in headed:
        if i in sure:
            continue
        rest = parts[i].text[h.label_end : h.label_end + _SIBLING_HEADING_MAX + 1]
        stop = next((k for k, ch in enumerate(rest) if ch in "。！？；："), len(rest))
        # (each ending where it first stands before the first full stop, with words of the body after it)
        hits = [(rest.find(e, 2, stop), e) for e in endings]
        hits = [(k, e) for k, e in hits if k >= 2 and k + len(e) < len(rest) and is_cjk(rest[k + len(e)])]
        if hits:
            k, ending = min(hits, key=lambda hit: (-len(hit[1]), hit[0]))
            cuts[i] = h.label_end + k + len(ending)
    if not cuts:
        return parts
    return [q for i, p in enumerate(parts) for q in (cut(p, [cuts[i]]) if i in cuts else [p])]


_LEVEL1_START = tuple("一二三四五六七八九十")


def _sure_phrase(text: str, heading: Heading) -> str:
    """The phrase of a heading whose end the reader found by a cue of the text and that is short enough to
    be a heading on its own, else ""."""
    phrase = text[heading.label_end : heading.end].rstrip("。！：: \u3000")
    if heading.cue not in _SURE_CUES or not 4 <= len(phrase) <= _SIBLING_HEADING_MAX or "。" in phrase:
        return ""
    return phrase


def _final_then_opener(window: str, found: Heading) -> bool:
    return opens_after_heading_final(window[found.label_end :], found.end - found.label_end)


INLINE_ITEM_MAX = 40  # items of a list written in one paragraph are clauses this short


def _inline_list(text: str, starts: list[int]) -> bool:
    """Whether the 一、/二、 at ``starts`` number a list written in one paragraph ("……有三个条件：一、……的传播；
    二、……的壮大；三、……的觉醒。"), not headings run into the text: an item follows a semicolon (a heading never
    does), or every item but the last is one short sentence (a heading run in brings its body with it)."""
    if len(starts) < 2:
        return False
    if any(text[: position].rstrip(" \u3000")[-1:] == "；" for position in starts[1:]):
        return True
    spans = [text[a:b].rstrip(" \u3000") for a, b in itertools.pairwise(starts)]
    return all(len(span) <= INLINE_ITEM_MAX and not any(ch in span[:-1] for ch in "。！？") for span in spans)


def _split_sub_headings(p: SourceParagraph) -> list[SourceParagraph]:
    """ "……任务艰巨。（一）加强组织领导。……。（二）强化督查考核。……": numbered headings below level 1, two or
    more of one style numbered from one, each after the end of a sentence, in a part of a line that held a
    whole speech — where the draft lost its paragraph breaks, each starts a paragraph."""
    from docgen.importer.split import cut

    lead = find_heading(p.text)
    for style in ("（一）", "1.", "1、", "（1）"):
        starts = _sub_heading_starts(p.text, style)
        # One is enough under the heading one level up that the part opens with ("一、……。……。（一）……", the
        # page cut after it): a section's first sub-heading, as a list in its body would be numbered 一是.
        first_below = len(starts) == 1 and lead is not None and lead.kind == _LEVEL_ABOVE.get(style)
        if (len(starts) >= 2 or first_below) and not _inline_list(p.text, starts):
            return [q for part in cut(p, starts) for q in _split_sub_headings_after(part, style)]
    return [p]


_LEVEL_ABOVE = {"（一）": "h1", "1.": "h2", "1、": "h2", "（1）": "h3"}


def _sub_heading_starts(text: str, style: str) -> list[int]:
    """Where the headings of ``style`` numbered from one start inside ``text``: after the end of a sentence,
    or the first one right where the heading ``text`` opens with ends ("一、……的重大意义（一）深刻认识……")."""
    starts = [position for position, _ in mid_labels(text, style, 1)]
    if starts:
        return starts
    lead = find_heading(text)
    if lead is None or lead.kind == "point" or lead.end >= len(text):
        return []
    first = enumerator(text[lead.end : lead.end + 12] + "x" * 8)
    if first is None or first[1] != style or first[2] != 1:
        return []
    return [lead.end] + [position for position, _ in mid_labels(text, style, 2) if position > lead.end]


def _split_sub_headings_after(p: SourceParagraph, found: str) -> list[SourceParagraph]:
    """The headings one level down inside a part the cut at ``found`` made ("（一）……。1.……。2.……")."""
    from docgen.importer.split import cut

    below = {"（一）": ("1.", "1、", "（1）"), "1.": ("（1）",), "1、": ("（1）",), "（1）": ()}[found]
    for style in below:
        starts = [position for position, _ in mid_labels(p.text, style, 1)]
        if len(starts) >= 2 and not _inline_list(p.text, starts):
            return cut(p, starts)
    return [p]


def announces_parts(before: str) -> bool:
    """Whether the last sentence of ``before`` announces the parts of the talk ("下面，我讲三点意见。")."""
    from docgen.importer import genre

    found = genre.sentences(before.rstrip(" \u3000"))
    return bool(found) and genre.is_recommendations_intro(before[slice(*found[-1])])


def _split_turns(p: SourceParagraph) -> list[SourceParagraph]:
    """A part of a line that held a whole speech: new paragraphs at long points and at the turn to
    shortcomings ("……成效明显。当然，我们也要清醒地看到……") — the places a writer certainly breaks."""
    from docgen.importer import genre
    from docgen.importer.split import cut

    out: list[SourceParagraph] = []
    for part in _split_long_points(p):
        found = genre.sentences(part.text)
        for piece in cut(part, [a for a, b in found[1:] if genre.is_shortcomings(part.text[a:b], strict=True)]):
            # The shortcomings, then "下面，我提几点要求：" introducing what follows: two paragraphs.
            sentences = genre.sentences(piece.text)
            last = piece.text[slice(*sentences[-1])] if sentences else ""
            turn = genre.is_shortcomings(piece.text, strict=True)
            if turn and len(sentences) > 1 and last.endswith("：") and genre.is_recommendations_intro(last):
                out += cut(piece, [sentences[-1][0]])
            else:
                out.append(piece)
    return out


LONG_POINT = 60  # points run into one paragraph longer than this (on average) get paragraphs of their own


def _split_long_points(p: SourceParagraph) -> list[SourceParagraph]:
    """ "……主要基于“三个需要”：一是政务公开的需要。常委会……。二是工作交流的需要。……" — points of several
    sentences each run into one paragraph are split into a paragraph per point; short ones ("一是对党忠诚，
    ……；二是心系群众，……") stay in their paragraph, as written."""
    from docgen.importer.split import cut

    for style in ("一是", "一要", "第一，", "第一句"):
        if style[1] not in p.text:
            continue
        starts = [position for position, _ in mid_labels(p.text, style, 1)]
        if style == "第一句" and starts:
            return cut(p, starts)  # "……。第一句话：……" never runs on inside a sentence: a point starts there
        if len(starts) == 1 and _long_tail(p.text[starts[0] :]):
            return cut(p, starts)  # "……意义重大。第一，开展……的需要。目前，……" to the line's end: a point starts
        if len(starts) < 2:
            continue
        spans = list(itertools.pairwise([*starts, len(p.text)]))
        lengths = [b - a for a, b in spans]
        several = sum(any(ch in p.text[a:b].rstrip("。！？；”") for ch in "。！？") for a, b in spans)
        if sum(lengths) / len(lengths) >= LONG_POINT and several * 2 >= len(lengths):
            return cut(p, starts)
    return [p]


def _long_tail(text: str) -> bool:
    """A first point that runs to the end of the line and holds a paragraph's worth of sentences: a point of
    its own whose siblings the line does not hold (yet)."""
    from docgen.importer import genre

    return len(text) >= 2 * LONG_POINT and len(genre.sentences(text)) >= 3

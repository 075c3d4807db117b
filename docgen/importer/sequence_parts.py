"""The parts of a talk counted 第一，/第二，/第三，: level-1 headings or points, judged from the run of siblings.

"第一，……" is a point when the items follow one another ("第一，中层干部的层次差距太大。……" / "第二，……"), and a
level-1 heading when each item opens a stretch of body paragraphs of its own — the shape of a section, not of a
list ("第一，要提高认识，切实增强……的责任感。" / two paragraphs / "第二，要突出重点，……。" / …). All the
items of a run are read alike, as siblings are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from docgen.importer.headings import H1_RUNIN_MAX, Heading, first_sentence_heading, is_sentence_item
from docgen.importer.script import simplified_view
from docgen.model.numbering import parse_chinese_numeral

if TYPE_CHECKING:
    from docgen.importer.roles import Block

SEQ_STYLES = ("第一、", "第一，")
_CN = "[一二三四五六七八九十]+"


def _runs(blocks: list[Block], candidates: list[int]) -> list[list[int]]:
    """The candidates grouped into runs numbered 1, 2, 3 … of one style, in order."""
    runs: list[list[int]] = []
    for i in candidates:
        heading = blocks[i].heading
        assert heading is not None
        last = blocks[runs[-1][-1]].heading if runs else None
        if last is not None and last.style == heading.style and last.number + 1 == heading.number:
            runs[-1].append(i)
        elif heading.number == 1:
            runs.append([i])
    return runs


def _own_heading(block: Block) -> bool:
    """The whole paragraph is one short sentence naming a task ("第一，要提高认识，切实增强……的责任感。")."""
    assert block.heading is not None
    rest = block.paragraph.text[block.heading.label_end :]
    inner = rest.rstrip("。！")
    return (
        2 <= len(inner) <= H1_RUNIN_MAX
        and not any(ch in inner for ch in "。！？；：")
        and not is_sentence_item(rest)
    )


def _candidates(blocks: list[Block]) -> list[int]:
    """The 第一，/第二， points and headings of the talk's top level: before any heading of another style."""
    found = []
    for i, block in enumerate(blocks):
        heading = block.heading
        if heading is not None and heading.style in SEQ_STYLES and block.role in ("point", "h1"):
            found.append(i)
        elif block.role.startswith("h"):
            break
    return found


def sequence_headings(blocks: list[Block]) -> dict[int, list[Block]]:
    """Turns the runs of 第一，/第二， points at the top of ``blocks`` that are the parts of the talk into level-1
    headings: own-line ones in place, run-in ones split into heading and body (returned as replacements,
    index → blocks)."""
    from docgen.importer.roles import Block
    from docgen.importer.split import cut

    replaced: dict[int, list[Block]] = {}
    for run in _runs(blocks, _candidates(blocks)):
        if len(run) < 2:
            continue  # one item alone shows no shape
        after = [*run[1:], len(blocks)]
        spans = [blocks[a + 1 : b] for a, b in zip(run, after, strict=True)]
        if any(not span or any(b.role != "body" for b in span) for span in spans[:-1]):
            continue  # items that follow one another are a list
        ends: list[int] = []
        for i in run:
            block = blocks[i]
            assert block.heading is not None
            if block.role == "h1" or _own_heading(block):
                ends.append(len(block.paragraph.text))
                continue
            end = first_sentence_heading(block.paragraph.text[block.heading.label_end :])
            if not end:
                break
            ends.append(block.heading.label_end + end)
        if len(ends) < len(run):
            continue
        shown = blocks[run[0]].paragraph.text[:12]
        cue = f"“{shown}”等各条后面各有正文段落，按一级标题处理"
        for i, end in zip(run, ends, strict=True):
            block = blocks[i]
            assert block.heading is not None
            if block.role == "h1":
                continue
            own_line = end == len(block.paragraph.text)
            heading = replace(block.heading, kind="h1", end=end, cue="line" if own_line else "mark")
            if heading.own_line:
                blocks[i] = Block(block.paragraph, "h1", heading, cue=cue)
            else:
                head, body = cut(block.paragraph, [end])
                replaced[i] = [Block(head, "h1", replace(heading, cue="line"), cue=cue), Block(body, "body")]
    return replaced


def sequence_in_words(blocks: list[Block]) -> list[Block]:
    """``blocks`` with level-1 headings counted 第二，/第三， that the speech cannot number from their place made
    unnumbered headings that keep their words (in place): when every level-1 heading is so counted and they do not
    run 第一，第二，… from the first ("首先，我们了解一下……" / "第二，我们讲一下……的必要性"; a page that starts
    with 第二，). Numbered from their place they would print another number than the draft's ("第一、" for 第二，)."""
    from docgen.importer.roles import Block
    from docgen.importer.unnumbered import UNNUMBERED

    heads = [(i, b.heading) for i, b in enumerate(blocks) if b.role == "h1"]
    counted = [(i, h) for i, h in heads if h is not None and h.style in SEQ_STYLES]
    if not heads or len(counted) < len(heads) or all(h.number == n for n, (_, h) in enumerate(counted, start=1)):
        return blocks
    for i, found in counted:
        block = blocks[i]
        heading = Heading("h1", UNNUMBERED, found.number, 0, len(block.paragraph.text), "line")
        cue = "以“第二，”等计数的标题不从“第一”起，按原文保留计数的字，作为不编号的一级标题"
        blocks[i] = Block(block.paragraph, "h1", heading, cue=cue)
    return blocks


# A point counted in words ("第一个词是从容。这一年……", "第一个结合，要把……", "方法一：强筋健骨法。……"): 第 + the
# count + a measure word + the word counted + 是/，/：, or the word counted + the count + ：. "第一书记是……" has no
# measure word, "第一个百年奋斗目标，" counts more than a word: neither is a label.
_NOT_NUMERAL = "[^\\W\\d零〇一二三四五六七八九十百两是]"
_COUNTED_LABEL = re.compile(
    f"第({_CN})([个大项种步招层](?:{_NOT_NUMERAL}){{1,3}}?)(是|，|：)|((?:{_NOT_NUMERAL}){{1,3}})({_CN})(：)"
)


@dataclass(frozen=True)
class CountedLabel:
    """A label counting a point in words: its form written for 1 (the point style, "第一个词是", "方法一："), the
    word it counts ("词", "方法"), its number and where it ends."""

    style: str
    word: str
    number: int
    end: int


def counted_label(text: str) -> CountedLabel | None:
    """The label counting a point in words that ``text`` opens with, or None."""
    match = _COUNTED_LABEL.match(simplified_view(text))
    if match is None:
        return None
    counted = 1 if match[1] else 5
    try:
        number = parse_chinese_numeral(match[counted])
    except ValueError:
        return None
    # The style is the typed label with its count made 一 ("第二個詞是" keeps its script: the view maps one for one).
    typed = text[: match.end()]
    style = typed[: match.start(counted)] + "一" + typed[match.end(counted) :]
    word = match[2][1:] if match[1] else match[4]
    return CountedLabel(style, word, number, match.end())


# "第一个关键字：历", "第一大历史性事件和第一大里程碑：建立中国共产党", "第一句话，党纪教育就是身份警醒",
# "首先，加强……的根本要求": a part of the talk counted in words, on a line of its own — no enumerator the speech
# generates, so the words stay the heading's.
_COUNTED_PART = re.compile(
    f"第{_CN}(?:个|大|句话?|点|条|方面|个方面)?[^，。：,:；！？]{{0,12}}[：:，,][^。！？；]{{1,24}}$"
    # …or in sequence words: "首先，加强政治建设是马克思主义政党的根本要求"
    "|(?:首先|其次|再次|最后)[，,][^。！？；：:]{4,24}$"
)
COUNTED_LINE_MAX = 32
_BODY_AFTER_MIN = 26  # the paragraph after a heading is body, longer than any heading line


def counted_headings(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each line that counts a part of the talk in words, standing alone before a paragraph of
    body, made an unnumbered heading (in place): of level 1 in a draft whose level-1 headings carry no number
    (`unnumbered`), where nothing else heads its parts; of level 2 inside the numbered parts of a draft with no
    numbered heading under level 1 ("一、党史学习教育党课" / "第一大历史性事件和第一大里程碑：建立中国共产党")."""
    from docgen.importer.roles import Block
    from docgen.importer.unnumbered import UNNUMBERED

    numbered = any(b.role == "h1" and b.heading is not None and b.heading.style != UNNUMBERED for b in blocks)
    if numbered and any(b.role[:2] in ("h2", "h3", "h4") for b in blocks):
        return blocks  # the draft numbers its level 2: a counted line there is something else
    role = "h2" if numbered else "h1"
    in_part = not numbered
    for i, block in enumerate(blocks[:-1]):
        text = block.paragraph.text
        after = blocks[i + 1]
        in_part = in_part or block.role == "h1"
        if block.role not in ("body", "point") or len(text) > COUNTED_LINE_MAX or i == 0 or not in_part:
            continue
        if not _COUNTED_PART.match(simplified_view(text)) or blocks[i - 1].role == "point":
            continue
        if after.role != "body" or len(after.paragraph.text) < _BODY_AFTER_MIN:
            continue
        heading = Heading(role, UNNUMBERED, 1, 0, len(text), "line")
        level = "二" if numbered else "一"
        cue = f"以“第一……”计数的一行，后面是正文，按不编号的{level}级标题处理（计数的字留在标题里）"
        blocks[i] = Block(block.paragraph, role, heading, cue=cue)
    return blocks

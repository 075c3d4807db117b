"""Headings written without an enumerator: a short line standing alone between body paragraphs
("坚定理想信念，筑牢思想根基", "关于当前形势"), read as an unnumbered level-1 heading (``numbering.level1: none``).

Real 党课, 动员部署 and 座谈会 speeches often head their parts so. Nothing in such a line says "heading" but its
shape and place, so the rule is the grammar of the draft, not a word list:

- the line is short (at most `LINE_MAX` characters), one phrase: no sentence mark inside or at its end, no
  colon, no first person, no date, salutation, signature or thanks;
- it stands between body paragraphs: text before it (or the salutation, when it has siblings), and a longer
  paragraph (or a （一） heading, or a point) after it — a last line is a signature, not a heading;
- it has parallel siblings: two or more such lines in the speech, of similar shape (comma-joined pairs
  "…，…", "关于…", similar lengths). A single line is taken only in a heading's typical shape (a comma-joined
  pair, "关于…", a heading phrase's last word, or a （一） heading right after it) and is then reported under
  请核对, as is every line taken on a weak cue (a Word draft's heading style or 黑体 is a strong one).

Only a draft whose level-1 headings carry no number at all is read so: where 一、 headings exist, a short
line between paragraphs is something else (a subheading, a quotation) and stays body text. One pass to find
the candidates, one to decide (siblings counted by bisection): O(N log N).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from docgen.importer import genre, header
from docgen.importer.headings import HEADING_FINAL_WORDS, Heading
from docgen.importer.report import Role
from docgen.importer.roles import Block
from docgen.importer.script import simplified_view, visible_length, without_pinyin
from docgen.model.numbering import Enumerator

__all__ = ["LINE_MAX", "UNNUMBERED", "mark_unnumbered"]

UNNUMBERED = Enumerator.NONE.value  # the heading style of an unnumbered heading (`numbering.level1`)
LINE_MAX = 25  # the longest line read as an unnumbered heading (a level-1 heading phrase rarely runs longer)
_PAIR_MAX = 30  # …and a comma-joined pair, whose two halves are each a short phrase
_TRIPLE_MAX = 36  # …and three phrases
_LINE_MIN = 4
# What a heading phrase never holds: sentence marks, a colon, brackets of an aside, quotation of a speech.
_NOT_IN_HEADING = re.compile("[。！？；：:;!?…]|——|[“”\"]$")
# What starts a sentence of body, not a heading: first person, a time adverbial, a connective.
_BODY_START = re.compile(
    "^(?:我|我们|咱们|大家|你们|他们|这|那|但|而|并|因此|所以|如果|只有|只要|虽然|尽管|同时|此外|另外|总之|"
    "今年|去年|近年|当前|目前|截至|据|附件|附：|注：|来源|作者|责任编辑|编辑|供稿|本文)"
)
# A line that is no heading by what it says: thanks, greetings, a host's words, a signature or date.
_NOT_HEADING_WORDS = re.compile(
    "谢谢|大家好|同志们|各位|朋友们|敬请|请坐|请起立|鼓掌|掌声|现在开会|散会|休会|"
    "办公室|委员会$|人民政府$|[0-9０-９]{4}年|[〇零一二三四五六七八九]{4}年|月[0-9一二三四五六七八九十]+日|"
    # what a web page puts between a speech's paragraphs: its watermark ("稿子汇，范文学习文库"), a source line
    "范文|文库|公文|稿子|素材|写作|公众号|微信|网站|网址|下载|转载|原创|来源"
)
_ABOUT = re.compile("^关于")
# Words a heading often ends with: a single line so shaped is taken. Those of a run-in heading phrase
# (`headings.HEADING_FINAL_WORDS`: "……的重要意义", "……的紧迫感"), and nouns own-line headings end with
# ("坚定理想信念，筑牢思想根基", "……的党").
_HEADING_FINAL = re.compile(
    f"(?:{HEADING_FINAL_WORDS}|根基|信念|初心|本色|精神|思想|宗旨|党性|建设|发展|改革|工作|问题|关系|认识|的党|"
    "之路|之本|之魂|之基)$"
)


_STYLED_LEVELS = {Role.HEADING1: 1, Role.HEADING2: 2, Role.HEADING3: 3, Role.HEADING4: 4}


@dataclass(frozen=True)
class _Candidate:
    index: int  # in the blocks
    text: str
    shape: str  # "pair" (…，…), "triple" (…，…，…), "about" (关于…), "phrase"; "styled" (a Word heading cue)
    level: int = 1
    first: bool = False  # the body's first paragraph (right after the salutation): taken only with siblings


def _shape(text: str) -> str | None:
    """The shape of a line that may be an unnumbered heading, or None when it cannot be one."""
    length = visible_length(text)
    phrases = text.split("，")
    if len(phrases) == 2:
        if min(len(phrases[0]), len(phrases[1])) < 2 or length > _PAIR_MAX:
            return None
        shape = "pair"
    elif len(phrases) == 3:
        # "坚持问题导向，强化责任担当，推动工作落实": three phrases, taken only beside siblings of the same shape
        if min(len(p) for p in phrases) < 3 or length > _TRIPLE_MAX:
            return None
        shape = "triple"
    elif length > LINE_MAX or "，" in text:
        return None
    else:
        shape = "about" if _ABOUT.match(text) else "phrase"
    if length < _LINE_MIN or genre.han_count(text) < length * 0.8:
        return None  # digits, Latin, brackets: a figure, a name with a post, not a heading phrase
    view = simplified_view(text)
    if _NOT_IN_HEADING.search(view) or text[-1] in "，、,（(《“‘" or text[0] in "（(《“‘)）》”’、—-·":
        return None
    if _BODY_START.match(view) or _NOT_HEADING_WORDS.search(view):
        return None
    if genre.looks_like_salutation(text) or genre.parse_date_line(text) is not None or genre.is_subtitle(text):
        return None
    if header.has_post(text) or (header.is_speaker(text) and len(text) <= 4):
        return None  # "县委书记 张三", "张三": a speaker or a signature
    return shape


def _body_like(block: Block) -> bool:
    return block.role in ("body", "point") and visible_length(block.paragraph.text) > LINE_MAX


def _siblings(candidates: list[_Candidate]) -> list[int]:
    """For each candidate, how many others are of its kind: the same shape, and lengths within a factor of two
    (counted by bisection in the sorted lengths of each shape, so that a draft of many short lines stays
    O(N log N), not a comparison of every pair)."""
    lengths: dict[str, list[int]] = {}
    for candidate in candidates:
        lengths.setdefault(candidate.shape, []).append(len(candidate.text))
    for found in lengths.values():
        found.sort()
    counts = []
    for candidate in candidates:
        n, found = len(candidate.text), lengths[candidate.shape]
        counts.append(bisect.bisect_right(found, 2 * n) - bisect.bisect_left(found, (n + 1) // 2) - 1)
    return counts


def mark_unnumbered(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the short lines that head the speech's parts made unnumbered level-1 headings (in place).

    Nothing happens in a draft with numbered level-1 headings (一、, 第一、, 第一部分), or in a 主持词 (a host's
    short lines are his words, not parts of a talk) — the caller leaves those out."""
    if any(b.role == "h1" for b in blocks):
        return blocks
    candidates: list[_Candidate] = []
    for i, block in enumerate(blocks):
        if block.role != "body" or block.heading is not None:
            continue
        level = _STYLED_LEVELS.get(block.paragraph.style_role)  # type: ignore[arg-type]
        if level is not None:
            # A Word heading style, outline level or 黑体 line in a draft without numbers (`word_cues`): the
            # draft itself says it is a heading, and of which level.
            candidates.append(_Candidate(i, block.paragraph.text, "styled", level))
            continue
        if i + 1 >= len(blocks):
            continue
        after = blocks[i + 1]
        if (i > 0 and blocks[i - 1].role not in ("body", "point")) or not (
            _body_like(after) or after.role in ("h2", "h2-runin")
        ):
            continue
        text = block.paragraph.text
        shape = _shape(text)
        if shape is not None:
            candidates.append(_Candidate(i, text, shape, first=i == 0))
    if not candidates:
        return blocks
    number = 0
    for candidate, siblings in zip(candidates, _siblings(candidates), strict=True):
        block = blocks[candidate.index]
        if candidate.shape == "styled":
            cue = None  # (word_cues reported a format cue already; a heading style is the draft's word)
        elif siblings:
            cue = None if candidate.shape in ("pair", "triple", "about") else "没有编号的短行，与同样的几行并列"
        elif candidate.first or candidate.shape == "triple":
            continue  # a short first line alone may be the opening's own first words ("春回大地，万象更新")
        elif (
            candidate.shape in ("pair", "about")
            or blocks[candidate.index + 1].role in ("h2", "h2-runin")
            or _HEADING_FINAL.search(simplified_view(without_pinyin(candidate.text)[0]))
        ):
            cue = "没有编号的短行，像标题"
        else:
            continue
        number += 1
        role = f"h{candidate.level}"
        heading = Heading(role, UNNUMBERED, number, 0, len(block.paragraph.text), "line")
        note = f"{cue}，按不编号的一级标题处理" if cue else None
        blocks[candidate.index] = Block(block.paragraph, role, heading, cue=note)
    return blocks

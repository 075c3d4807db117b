"""The tree of a draft's body: sections nested by the depth of their headings in the draft's own hierarchy
(一、 → （一） → 1. → （1）, or 一、 → 1. when the draft skips a level), each holding its paragraphs, its point
lists (gathered with the paragraph that introduces them) and its subsections. One pass over the blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docgen.importer.roles import ISSUES, PRAISE, PREVIEW, Block
from docgen.model.numbering import Enumerator

UNNUMBERED = Enumerator.NONE.value

_SUBLEVEL_STYLES = {2: "（一）", 3: "1.", 4: "（1）"}


@dataclass
class ListNode:
    intro: Block | None
    points: list[Block] = field(default_factory=list)

    @property
    def purpose(self) -> str | None:
        return self.points[0].purpose


@dataclass
class SectionNode:
    level: int
    head: Block | None  # None for the root
    run_in: bool = False
    children: list[Any] = field(default_factory=list)  # Block (a paragraph), ListNode, SectionNode

    @property
    def heading(self) -> str:
        assert self.head is not None and self.head.heading is not None
        text = self.head.paragraph.text
        end = self.head.heading.end if self.run_in else len(text)
        return text[self.head.heading.label_end : end].strip()


@dataclass
class Tree:
    """The root section, and what the draft's headings told about its numbering: the chain of enumerators
    under level 1 when it skips a level (``sublevels``, with a note for the report) and the level-1 styles."""

    root: SectionNode
    level1: str | None = None
    sublevels: str | None = None
    notes: list[str] = field(default_factory=list)
    level1_styles: set[str] = field(default_factory=set)


def _depths(blocks: list[Block], outline: Tree) -> dict[int, int]:
    """The depth of each heading level in the draft's own hierarchy: a draft that goes 一、 → 1. → （1）
    without （一） has its "1." headings at depth 2 (printed "1." by `numbering.sublevels`)."""
    levels = sorted({int(b.role[1]) for b in blocks if b.role.startswith("h")})
    if levels and levels[0] in (2, 3) and _counts_from_one([b for b in blocks if b.role[:2] == f"h{levels[0]}"]):
        # No 一、 at all: the talk's parts are numbered （一） or 1. (a short talk, a 座谈会 speech), and they
        # keep their enumerator (`Numbering.level1`), the levels below them going on as the draft has them.
        top = _SUBLEVEL_STYLES[levels[0]]
        outline.level1 = top
        if levels[1:]:
            outline.sublevels = "→".join(_SUBLEVEL_STYLES[level] for level in levels[1:])
        outline.notes.append(f"原稿最高一级的标题以“{top}”编号（没有“一、”一级），按原稿的层级排")
        depths = {level: i + 1 for i, level in enumerate(levels)}
        return {level: depths.get(level, level) for level in range(1, 5)}
    if not levels or levels[0] != 1 or levels == list(range(1, len(levels) + 1)):
        return {level: level for level in range(1, 5)}
    sublevels = [_SUBLEVEL_STYLES[level] for level in levels[1:]]
    outline.sublevels = "→".join(sublevels)
    skipped = "”“".join(_SUBLEVEL_STYLES[n] for n in range(2, levels[-1]) if n not in levels)
    chain = "→".join(["一、", *sublevels])
    outline.notes.append(f"原稿的标题层级是“{chain}”（没有“{skipped}”一级），按原稿的层级排")
    depths = {level: i + 1 for i, level in enumerate(levels)}
    return {level: depths.get(level, level) for level in range(1, 5)}


def _counts_from_one(headings: list[Block]) -> bool:
    """Whether the typed numbers of ``headings`` are 1, 2, 3 … — as the parts of a talk are; numbered from
    their place, any other would print a different number than the draft's ("20……" cut off by a wrap)."""
    return all(b.heading is not None and b.heading.number == n for n, b in enumerate(headings, start=1))


def build_tree(blocks: list[Block]) -> Tree:
    """The sections of ``blocks`` nested by their depth, point lists gathered with their intro, in one pass."""
    outline = Tree(SectionNode(0, None))
    stack = [outline.root]
    depths = _depths(blocks, outline)
    below = [b for b in blocks if b.role[:2] in ("h2", "h3", "h4")]
    if below and all(b.heading is not None and b.heading.style == UNNUMBERED for b in below):
        # Every heading under level 1 was written without a number (`sequence_parts.counted_headings`, a Word
        # draft's heading styles): none is printed.
        outline.sublevels = "none"
    for i, block in enumerate(blocks):
        role = block.role
        depth = depths[int(role[1])] if role.startswith("h") else 0
        if depth > stack[-1].level + 1 and not _pops_to(stack, depth):
            # "1." straight under "一、": its number cannot be generated from its place (it would print as
            # "（一）"), so the paragraph keeps its typed label as text.
            assert block.heading is not None
            typed = block.paragraph.text[: block.heading.label_end].strip()
            block.cue = f"编号“{typed}”上面缺少一级，按原文保留为正文"
            block.role = "body"
            role = "body"
        if role.startswith("h"):
            level = depths[int(role[1])]
            while stack[-1].level >= level:
                stack.pop()
            section = SectionNode(level, block, run_in=role.endswith("runin"))
            stack[-1].children.append(section)
            stack.append(section)
            if level == 1 and block.heading is not None:
                outline.level1_styles.add(block.heading.style)
        elif role == "point":
            children = stack[-1].children
            current = children[-1] if children and isinstance(children[-1], ListNode) else None
            previous = current.points[-1] if current else None
            assert block.heading is not None
            continues = (
                previous is not None
                and previous.heading is not None
                and previous.heading.style == block.heading.style
                and previous.heading.number + 1 == block.heading.number
            )
            if current is not None and continues:
                current.points.append(block)
            else:
                intro = None
                before = children[-1] if children else None
                if (
                    isinstance(before, Block)
                    and block.heading.number == 1
                    and i > 0
                    and blocks[i - 1] is before
                    and introduces(before, block)
                ):
                    intro = children.pop()
                children.append(ListNode(intro, [block]))
        else:
            stack[-1].children.append(block)
    return outline


def _pops_to(stack: list[SectionNode], level: int) -> bool:
    """Whether closing open sections leaves one a level above ``level`` (a sibling heading, not a skip)."""
    return any(section.level == level - 1 for section in stack)


def introduces(before: Block, point: Block) -> bool:
    """Whether the paragraph ``before`` a first point is the list's intro: it ends with a colon, or it is
    what told the list's purpose ("……要充分肯定成绩。")."""
    told = point.purpose in (PRAISE, ISSUES, PREVIEW) and point.cue is None
    return before.role == "body" and (_is_intro(before) or told)


def _is_intro(block: Block) -> bool:
    text = block.paragraph.text
    return block.role == "body" and text.endswith(("：", ":")) and len(text) <= 200

"""Word headings as the writer saw them. A paragraph in a heading style shows a number only when Word numbers
it or the writer typed one; docgen numbers headings from their place, so one that shows none is an unnumbered
heading of its level (`numbering.level1: none`, `sublevels: none`) — never given a "一、" or "（一）" nobody wrote.

The model numbers a level all alike: where one heading of a level shows no number, the others of that level
keep the labels they show as their words ("首先，我们了解……" beside "第二，我们讲……", both as written). Level 1
is one level; every level under it is another (`sublevels` holds them together)."""

from __future__ import annotations

from dataclasses import replace

from docgen.importer.headings import Heading
from docgen.importer.report import Role
from docgen.importer.roles import Block
from docgen.importer.unnumbered import UNNUMBERED

_STYLED_LEVELS = {Role.HEADING1: 1, Role.HEADING2: 2, Role.HEADING3: 3, Role.HEADING4: 4}


def headings_as_shown(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each Word heading that shows no number made an unnumbered heading of its level, and the
    typed labels of the other headings of such a level kept as words (in place). A text draft has no styles:
    nothing changes."""
    unnumbered_levels: set[int] = set()
    counts: dict[int, int] = {}
    for i, block in enumerate(blocks):
        level = _STYLED_LEVELS.get(block.paragraph.style_role)  # type: ignore[arg-type]
        if level is not None and block.role == "body" and block.heading is None and block.cue is None:
            # (`word_cues` read the style and gave no label: a body block only because no number opens it)
            counts[level] = counts.get(level, 0) + 1
            shown = Heading(f"h{level}", UNNUMBERED, counts[level], 0, len(block.paragraph.text), "line")
            block = blocks[i] = replace(block, role=f"h{level}", heading=shown)
        if block.heading is not None and block.role[:1] == "h" and block.heading.style == UNNUMBERED:
            unnumbered_levels.add(int(block.role[1]))
    if not unnumbered_levels:
        return blocks
    for i, block in enumerate(blocks):
        typed = block.heading
        if typed is None or typed.style == UNNUMBERED or block.role[:1] != "h":
            continue
        level = int(block.role[1])
        if (level == 1 and 1 in unnumbered_levels) or (level > 1 and unnumbered_levels - {1}):
            label = block.paragraph.text[: typed.label_end].strip()
            cue = f"同级的标题有的没有编号，编号“{label}”按原文保留、不再另编"
            blocks[i] = replace(block, heading=replace(typed, style=UNNUMBERED, label_end=0), cue=block.cue or cue)
    return blocks

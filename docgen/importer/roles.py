"""The outline of a draft's body: each paragraph's role (heading of a level, own-line or run in, point, or
body text), and what each list of points is for, judged from its context.

One walk over the paragraphs, with the state a reader keeps (the current level-1 section, the sentence that
introduced a list), so a draft of N paragraphs costs O(N) — no paragraph looks at the rest of the draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from docgen.importer.headings import (
    H1_RUNIN_MAX,
    Heading,
    find_heading,
    first_sentence_heading,
    heading_end,
    is_schedule_item,
    is_sentence_item,
    mid_labels,
)
from docgen.importer.list_purpose import AGENDA, ENUMERATION, ISSUES, PRAISE, PREVIEW, is_zhuchi, list_purpose
from docgen.importer.report import Role, excerpt
from docgen.importer.run_together import announces_parts
from docgen.importer.script import simplified_view
from docgen.importer.sequence_parts import SEQ_STYLES, counted_label, sequence_headings, sequence_in_words
from docgen.importer.source import SourceParagraph
from docgen.model.blocks import is_point_style
from docgen.model.text import is_cjk

# (What a list is for lives in `list_purpose`; the composer and the tree ask it of roles, with the blocks.)
__all__ = [
    "AGENDA", "ENUMERATION", "ISSUES", "KEPT_LABELS", "PRAISE", "PREVIEW", "Block", "Outliner", "is_zhuchi",
    "list_purpose", "point_style",
]  # fmt: skip

_AGENDA_ITEM = re.compile(
    "请[^，。]{1,20}?(?:讲话|致辞|发言|宣读|颁奖|颁发|作报告|介绍|表态|上台)|大会进行第|会议进行第|进行第[一二三四五六七八九十]+项"
)

_POINT_STYLES = {"一是": "一是", "一要": "一要", "第一、": "第一", "第一，": "第一"}
KEPT_LABELS = ("①", "第一章")  # enumerators the speech cannot generate: the paragraph keeps them as text
# The heading styles whose items are siblings of one level (第一、/第一， are left out: run in, they are points).
_SIBLING_LEVEL = {"一、": 1, "（一）": 2, "1.": 3, "1、": 3, "1 ": 3, "（1）": 4}

# A run-in heading counts as a heading when it is short and the body after it is not.
RUNIN_HEADING_MAX = 32
H2_RUNIN_MAX = 40


@dataclass
class Block:
    """A body paragraph (or a part of one the importer split) and its place in the outline.

    ``role`` is one of "h1"–"h4", "h2-runin"–"h4-runin", "point", "body"; ``heading`` the enumerator and
    heading it opens with; ``purpose`` what the list a point belongs to is for; ``cue`` a note for the report
    when the role was a guess ("按位置", "按长度"…), None when the text said it plainly.
    """

    paragraph: SourceParagraph
    role: str
    heading: Heading | None = None
    purpose: str | None = None
    cue: str | None = None
    notes: list[str] = field(default_factory=list)


class Outliner:
    """Gives each body paragraph its role, in one pass; ``zhuchi`` for a 主持词 (its numbered items are the
    agenda, not headings)."""

    def __init__(self, zhuchi: bool = False) -> None:
        self.zhuchi = zhuchi
        self.section = ""  # the current level-1 heading's text
        self.section_style: str | None = None  # the enumerator style of the current level-1 heading
        self.section_number = 0
        self.previous_text = ""  # the paragraph before, for a list's intro
        self.list_purpose: str | None = None
        self.list_cue: str | None = None
        self.list_style: str | None = None
        self.list_next = 1
        self.counted: tuple[str, int] | None = None  # the last point counted in words (`_counted_point`)
        self.blocks: list[Block] = []
        self.runs: dict[str, list[int]] = {}  # heading style → the blocks of its open run of siblings
        self.replaced: dict[int, list[Block]] = {}  # a block the sibling rule split into heading and body

    def outline(self, paragraphs: list[SourceParagraph]) -> list[Block]:
        for p in paragraphs:
            before = len(self.blocks)
            self._one(p)
            for index in range(before, len(self.blocks)):
                self._sibling(index)
        self.replaced.update(sequence_headings(self.blocks))
        for run in self.runs.values():
            self._unify(run)
        if not self.replaced:
            return sequence_in_words(self.blocks)
        return sequence_in_words([b for i, block in enumerate(self.blocks) for b in self.replaced.get(i, [block])])

    # ------------------------------------------------------------------------------------ sibling runs

    def _sibling(self, index: int) -> None:
        """Keep the runs of numbered siblings (（一）（二）…, 1. 2. …) open while they go on; a heading of a
        higher level closes the runs below it, and each closed run is made one kind (`_unify`)."""
        block = self.blocks[index]
        heading = block.heading
        if heading is None or heading.style not in _SIBLING_LEVEL or block.role == "body":
            return
        level = _SIBLING_LEVEL[heading.style]
        if block.role.startswith("h"):
            for style in [s for s in self.runs if _SIBLING_LEVEL[s] > level]:
                self._unify(self.runs.pop(style))
        run = self.runs.get(heading.style)
        if run is not None and self.blocks[run[-1]].heading.number + 1 == heading.number:  # type: ignore[union-attr]
            run.append(index)
            return
        if run is not None:
            self._unify(run)
        self.runs[heading.style] = [index]

    def _unify(self, run: list[int]) -> None:
        """Siblings are one kind of thing: when some items of a run are headings and others were read as
        points only because their heading is long ("（一）聚焦重点领域，深化专项整治，确保取得实效。要……"), those
        take their first sentence as their heading too; when most items are sentences of body ("1、各单位要
        ……"), the few read as headings become points like the rest."""
        blocks = [self.blocks[i] for i in run]
        headed = [b for b in blocks if b.role.startswith("h")]
        points = [b for b in blocks if b.role == "point"]
        if not headed or not points:
            return
        sentences = [b for b in points if _body_item(b)]
        example = excerpt(headed[0].paragraph.text)
        if len(sentences) > len(headed) and len(sentences) * 2 > len(points):
            shown = excerpt(sentences[0].paragraph.text)
            for b in headed:
                if b.role != "h1" or b.heading.own_line:  # type: ignore[union-attr]
                    b.role = "point"
                    b.cue = f"同级各条多是整句（如“{shown}”），按要点处理"
            return
        ends = {
            i: first_sentence_heading(b.paragraph.text[b.heading.label_end :])  # type: ignore[union-attr]
            for i, b in zip(run, blocks, strict=True)
            if b.role == "point"
        }
        if blocks[0].role == "point" and not ends[run[0]]:
            # The run opens with a point that has no heading phrase ("一、马克思主义在中国的传播；"): its siblings
            # are points too — as headings they would be numbered from their place (a typed 三、 printed 一、).
            shown = excerpt(blocks[0].paragraph.text)
            for b in headed:
                b.role = "point"
                b.cue = f"同级的第一条（“{shown}”）是要点，按要点处理"
            return
        for i, b in zip(run, blocks, strict=True):
            if b.role != "point":
                continue
            heading = b.heading
            assert heading is not None
            end = ends[i]
            if not end:
                continue
            found = replace(heading, end=heading.label_end + end, cue="mark")
            cue = f"与同级标题（如“{example}”）一致，按标题处理"
            if heading.kind == "h1":
                if found.end >= len(b.paragraph.text):
                    self.blocks[i] = Block(b.paragraph, "h1", replace(found, cue="line"), cue=cue)
                    continue
                from docgen.importer.split import cut

                head, body = cut(b.paragraph, [found.end])
                self.replaced[i] = [Block(head, "h1", found, cue=cue), Block(body, "body")]
            elif found.end >= len(b.paragraph.text):
                self.blocks[i] = Block(b.paragraph, heading.kind, replace(found, cue="line"), cue=cue)
            else:
                self.blocks[i] = Block(b.paragraph, heading.kind + "-runin", found, cue=cue)

    def _one(self, p: SourceParagraph) -> None:
        from docgen.importer.split import cut

        heading = find_heading(p.text)
        text = p.text
        if heading is not None and p.style_role is Role.HEADING1 and heading.kind != "point" and not heading.own_line:
            # A .docx paragraph in a Word heading style is a heading on its own line, whatever its punctuation
            # ("（一）从政治危害看：违规吃喝是……的“腐蚀剂”").
            heading = replace(heading, kind="h1" if heading.kind == "seq" else heading.kind, end=len(text), cue="line")
        if heading is not None and heading.style in KEPT_LABELS:
            # "①……", "第一章……": the speech numbers its headings 一、（一）1.（1）, so these keep their
            # typed label as text rather than have it replaced.
            self._body(p)
            self.blocks[-1].cue = f"编号“{text[: heading.label_end].strip()}”按原文保留为正文"
        elif heading is None:
            if not self._counted_point(p):
                self._body(p)
        elif self.zhuchi and heading.kind != "point" and text.endswith(("。", "；", "！")):
            self._point(p, heading)  # a host script's numbered sentences are its agenda, not headings
        elif heading.own_line and text.endswith(("。", "；", "！")) and is_sentence_item(text[heading.label_end :]):
            self._point(p, heading)  # "1、各单位要在3月底前完成隐患排查。": a whole sentence of body
        elif heading.kind != "point" and is_schedule_item(text[heading.label_end :]):
            self._point(p, heading)  # "一、上午10:00-11:00，大会开幕式": an item of a schedule
        elif heading.kind == "h1" and heading.style in SEQ_STYLES and self.section_style == "一、":
            # "第一，……" inside a section headed "一、……": both are level-1 styles, so the 第一 counts the
            # section's own points — read as a level-1 heading it would be renumbered "二、".
            self._point(p, replace(heading, kind="point"))
        elif heading.kind == "h1":
            rest = text[heading.end :]
            if self._agenda_item(heading, text):
                self._point(p, heading)
            elif heading.own_line:
                self._heading(p, "h1", heading)
            elif self._h1_runin(heading, text):
                head, body = cut(p, [heading.end])
                self._heading(head, "h1", heading, "标题与正文写在一行，已分段" if heading.cue != "mark" else None)
                self._after_heading(body)
            else:
                self._point(p, heading)
            del rest
        elif heading.kind in ("h2", "h3", "h4"):
            if heading.own_line:
                self._heading(p, heading.kind, heading)
            elif heading.cue in ("space", "body") and not self.zhuchi and _lost_break(text, heading):
                # "（一）……“腐蚀剂” 中央纪委……", "（一）……的时代意义党的十九大以来，……": the heading's own line, run
                # into its body by a copy (a run-in heading ends with its mark).
                head, body = cut(p, [heading.end])
                self._heading(head, heading.kind, heading, "标题与正文写在一行，已分段")
                self._body(body)
            elif self._runin(heading, text):
                cue = None
                if heading.cue not in ("mark", "colon"):
                    shown = text[heading.label_end : heading.end][-6:]
                    cue = f"接排标题到“{shown}”为止（按{_CUES[heading.cue]}判断）"
                self.blocks.append(Block(p, heading.kind + "-runin", heading, cue=cue))
                self.previous_text = text
            else:
                self._point(p, heading)
        elif heading.style in SEQ_STYLES and self._seq_heading_run_on(heading, text):
            end, _ = heading_end(text[heading.label_end :], "seq")
            found = replace(heading, kind="h1", end=heading.label_end + end, cue="body")
            head, body = cut(p, [found.end])
            self._heading(head, "h1", found, "标题与正文写在一行，已分段")
            self._body(body)
        else:
            self._point(p, heading)

    def _after_heading(self, body: SourceParagraph) -> None:
        """The text a level-1 heading was run into: body, or the section's first sub-heading with its own body
        ("一、……乡村振兴战略。（一）深刻认识……的时代意义党的十九大以来，……", a page flattened into one line)."""
        found = find_heading(body.text)
        if found is not None and found.kind in ("h2", "h3", "h4") and found.number == 1:
            self._one(body)
        else:
            self._body(body)

    def _seq_heading_run_on(self, heading: Heading, text: str) -> bool:
        """ "……讲三个方面的意见：第一，贯彻落实好会议精神，……的责任感和紧迫感市委杨书记的讲话，……": a 第一，
        heading whose line break was lost — its phrase runs into the body with no mark between, where a point's
        first words end in punctuation — after the sentence announcing the parts, or after the 第一， heading
        before it so taken."""
        if self.zhuchi or self.section_style == "一、":
            return False
        rest = text[heading.label_end :]
        end, cue = heading_end(rest, "seq")
        if cue != "body" or not 10 <= end <= H1_RUNIN_MAX or end >= len(rest):
            return False
        if not (is_cjk(rest[end - 1]) and is_cjk(rest[end])):
            return False
        if heading.number == 1:
            return announces_parts(self.previous_text) or self.previous_text.endswith("：")
        return self.section_style in SEQ_STYLES and self.section_number == heading.number - 1

    def _counted_point(self, p: SourceParagraph) -> bool:
        """ "第一个词是从容。这一年，……" after "……有三个关键词……：", "方法一：强筋健骨法。……" after "……汇报如下：": a
        point counted in words, its body run on after it, is a point of its own style (`counted_label`) — the
        first when the text before introduces a list (it ends with a colon, or it or the section's heading names
        the word counted: "做到“三个结合”") and its body runs on after its first sentence, the next ones when
        they go on from it. A short line alone is left to the heading rules (`counted_headings`)."""
        found = counted_label(p.text) if not self.zhuchi else None
        if found is None:
            return False
        if found.number == 1:
            before = simplified_view(self.previous_text)
            announced = found.word in before[-80:] or found.word in simplified_view(self.section)
            runs_on = any(ch in p.text[found.end : -1] for ch in "。！？；")
            if not runs_on or not (before.endswith(("：", ":")) or announced):
                return False
        elif self.counted != (found.style, found.number - 1):
            return False  # (the next ones go on from the first, whatever their length: siblings are one kind)
        self.counted = (found.style, found.number)
        self._point(p, Heading("point", found.style, found.number, found.end, found.end, "mark"))
        return True

    def _agenda_item(self, heading: Heading, text: str) -> bool:
        """ "二、请*同志讲话" / "三、大会进行第三项：……": an item of a meeting's agenda, not a heading."""
        return _AGENDA_ITEM.match(simplified_view(text[heading.label_end :])) is not None

    def _h1_runin(self, heading: Heading, text: str) -> bool:
        if self.zhuchi:
            return False
        length = heading.end - heading.label_end
        body = len(text) - heading.end
        enough = body >= 1 if heading.cue in ("space", "body") else body >= 8
        if is_sentence_item(text[heading.label_end : heading.end]):
            return False
        return heading.cue in ("mark", "space", "body", "colon") and 2 <= length <= H1_RUNIN_MAX and enough

    def _runin(self, heading: Heading, text: str) -> bool:
        if self.zhuchi:
            return False
        length = heading.end - heading.label_end
        head = text[heading.label_end : heading.end]
        if is_sentence_item(head):
            return False
        # A （一） item is a section's heading in nearly every draft (an item of body is numbered 1、), so its
        # first sentence may be a longer phrase of two clauses ("从历史纵深看，加强……是……的突破口和重要标志。").
        level2 = heading.kind == "h2" and heading.cue == "mark"
        longest, commas = (H2_RUNIN_MAX, 2) if level2 else (RUNIN_HEADING_MAX, 1)
        cued = heading.cue in ("mark", "space", "body", "colon")
        return cued and 2 <= length <= longest and head.count("，") <= commas

    def _heading(self, p: SourceParagraph, role: str, heading: Heading, cue: str | None = None) -> None:
        if role == "h1":
            self.section = p.text[heading.label_end :]
            self.section_style = heading.style
            self.section_number = heading.number
        self.list_style = None
        self.blocks.append(Block(p, role, heading, cue=cue))
        self.previous_text = p.text

    def _body(self, p: SourceParagraph) -> None:
        block = Block(p, "body")
        # Points run into a body paragraph ("……特点：一是……二是……") stay in it; what they are for is noted.
        inline = mid_labels(p.text, "一是", 1) if "是" in p.text else []
        if inline:
            block.purpose, block.cue = list_purpose(p.text[: inline[0][0]], self.section, self.zhuchi)
        self.list_style = None
        self.blocks.append(block)
        self.previous_text = p.text

    def _point(self, p: SourceParagraph, heading: Heading) -> None:
        if heading.style == "第一句" and point_style(Block(p, "point", heading)) is None:
            # "第一条、……": no point style prints it as written
            self._body(p)
            self.blocks[-1].cue = f"编号“{p.text[: heading.label_end].strip()}”按原文保留为正文"
            return
        continuing = self.list_style == heading.style and heading.number == self.list_next
        if not continuing:
            if heading.number == 1:
                self.list_purpose, self.list_cue = list_purpose(self.previous_text, self.section, self.zhuchi)
            else:
                # "二是……" whose "一是" ran inside the paragraph before, or "二、" after the paragraphs that
                # explain "一、": the list goes on from that number (`PointList.start`), as typed.
                self.list_purpose, self.list_cue = ENUMERATION, "编号不从一开始，接着前面的编号排"
            self.list_style = heading.style
        self.list_next = heading.number + 1
        self.blocks.append(Block(p, "point", heading, self.list_purpose, self.list_cue if not continuing else None))
        self.previous_text = p.text


def _lost_break(text: str, heading: Heading) -> bool:
    """Whether a heading below level 1 and its body were run together where the draft broke the line: a space
    between them, or nothing at all (no mark ends the heading) after a sentence opener was seen."""
    if heading.end - heading.label_end > H1_RUNIN_MAX:
        return False
    return heading.cue == "space" or (is_cjk(text[heading.end - 1]) and is_cjk(text[heading.end : heading.end + 1]))


def _body_item(block: Block) -> bool:
    assert block.heading is not None
    rest = block.paragraph.text[block.heading.label_end :]
    return is_sentence_item(rest) or is_schedule_item(rest)


def point_style(block: Block) -> str | None:
    """The point style that prints ``block``'s enumerator as the draft wrote it: 一是/一要/第一, a counted form
    ("第三点，" → "第一点，", "第二个词是" → "第一个词是", "方法三：" → "方法一："), or a numbered item's shape
    ("3、" → "1、"); None when the speech has no such style."""
    heading = block.heading
    assert heading is not None
    if heading.style in _POINT_STYLES:
        return _POINT_STYLES[heading.style]
    # (From the typed text, not its Simplified view: "第二點，" in a Traditional draft is the style "第一點，", and
    # its labels print in the draft's script.)
    typed = block.paragraph.text[: heading.label_end].strip(" \u3000")
    style = re.sub("^第[零〇一二三四五六七八九十百两]+", "第一", typed) if typed.startswith("第") else typed
    style = re.sub("[0-9]+", "1", re.sub("[零〇一二三四五六七八九十百两]+", "一", style, count=1), count=1)
    return style if is_point_style(style) else None


_CUES = {"space": "空格", "body": "句式", "length": "长度", "mark": "标点", "colon": "冒号", "line": "分行"}

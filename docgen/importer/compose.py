"""From the outline of a draft's body (`roles.Block`s) to the body of a `Speech`: opening, the parts in the
speech's own order (praise, shortcomings, recommendations where the text says so, free sections, point lists
and paragraphs otherwise), closing.

Headings nest by their level (一、 → （一） → 1. → （1）); a run-in heading opens a section whose first paragraph
is the rest of its line; 一是/二是 points become point lists, and what a list is for (praise, issues, a preview
of the talk, an agenda, an enumeration) decides where it goes — judged by `roles.list_purpose` from the
sentence that introduces it, not from its enumerator. Every block is reported with where it went; whatever
was placed by a weak cue is listed under "请核对". One pass over the blocks, plus one over the tree they make.
"""

from __future__ import annotations

import re
from typing import Any

from docgen.importer import genre
from docgen.importer.pieces import piece, pieces
from docgen.importer.point_lists import ListWriter
from docgen.importer.report import ImportReport, Role, excerpt
from docgen.importer.roles import ISSUES, PRAISE, PREVIEW, Block
from docgen.importer.split import closing_paragraph
from docgen.importer.tree import ListNode, SectionNode, build_tree, introduces

_HEADING_ROLES = {1: Role.HEADING1, 2: Role.HEADING2, 3: Role.HEADING3, 4: Role.HEADING4}
# A level-1 heading that names the part: "充分肯定成绩", "清醒认识存在的问题" (not "坚持问题导向").
_PRAISE_HEADING = re.compile("肯定成绩|成绩|工作回顾|回顾|主要成效|取得的成效|进展")
_DIRECTIVE_HEADING = re.compile(
    "做好|抓好|抓实|推进|推动|加强|提升|落实|扎实|奋力|努力|要求|建议|意见|任务|举措|打算|思路"
)
_ISSUE_HEADING = re.compile("存在的?(?:问题|不足)|问题(?:和|与)不足|不足|差距|短板|清醒(?:认识|看到)|正视|突出问题")


class Composer(ListWriter):
    """Builds ``data``'s body from ``blocks`` and reports each block in ``report``."""

    def __init__(self, blocks: list[Block], report: ImportReport, data: dict[str, Any]) -> None:
        self.blocks = blocks
        self.report = report
        self.data = data
        self.level1_styles: set[str] = set()

    # ------------------------------------------------------------------------------------------- outline

    def compose(self, opening_first: list[Block] | None = None) -> None:
        blocks = self.blocks
        structure = [i for i, b in enumerate(blocks) if b.role != "body"]
        last = structure[-1] if structure else -1
        first = next((i for i, b in enumerate(blocks) if self._starts_parts(blocks, i)), len(blocks))
        # The closing: whole paragraphs of thanks at the end, and a "同志们，……" call just before them.
        k = len(blocks)
        while k - 1 > last and _closing(blocks[k - 1].paragraph.text):
            k -= 1
        # The opening: the paragraphs before the first heading or point, except a list's intro.
        if 0 < first < len(blocks) and blocks[first].role == "point" and introduces(blocks[first - 1], blocks[first]):
            first -= 1
        first = min(first, k)
        for block in [*(opening_first or []), *blocks[:first]]:
            self._report(block, Role.OPENING, "开头")
            self.data.setdefault("opening", []).append(block.paragraph.text)
        tree = build_tree(blocks[first:k])
        if tree.sublevels is not None:
            self.data.setdefault("numbering", {})["sublevels"] = tree.sublevels
        if tree.level1 is not None:
            self.data.setdefault("numbering", {})["level1"] = tree.level1
        self.report.normalised += tree.notes
        self.level1_styles = tree.level1_styles
        self._parts(tree.root)
        if "salutation" not in self.data:
            self.report.fallbacks.append("原稿中没有找到称谓（如“同志们：”），按原文不加")
        for block in blocks[k:]:
            self._report(block, Role.CLOSING, "结束语")
            self.data.setdefault("closing", []).append(block.paragraph.text)

    @staticmethod
    def _starts_parts(blocks: list[Block], i: int) -> bool:
        """Where the opening ends: a heading or point, a paragraph holding praise or issue points, the turn
        to shortcomings ("当然，……"), or the intro just before the first 一、 heading."""
        block = blocks[i]
        if block.role != "body" or block.purpose in (PRAISE, ISSUES):
            return True
        text = block.paragraph.text
        if genre.is_shortcomings(text, strict=True):
            return True
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        # Only an intro of one sentence ("下面，我讲几点意见。"); a longer paragraph ending so is the opening.
        one_sentence = len(genre.sentences(text)) == 1
        return after is not None and after.role == "h1" and one_sentence and genre.is_recommendations_intro(text)

    # --------------------------------------------------------------------------------------------- parts

    def _parts(self, root: SectionNode) -> None:
        """The top of the tree as the speech's parts: semantic parts where the text says what they are."""
        nodes = root.children
        parts: list[tuple[str, Any]] = []  # (kind, data) in order; kind: praise/shortcomings/recommendations/block
        kinds: set[str] = set()  # the kinds in ``parts`` so far, kept as they are added (no rescans)
        # sections_from[i]: every node from i to the end is a level-1 section (one backward pass).
        sections_from = [True] * (len(nodes) + 1)
        named_ahead = [False] * (len(nodes) + 1)  # a later level-1 heading names praise or shortcomings
        for j in range(len(nodes) - 1, -1, -1):
            node = nodes[j]
            sections_from[j] = sections_from[j + 1] and isinstance(node, SectionNode) and node.level == 1
            named = isinstance(node, SectionNode) and node.head is not None and not node.run_in
            named = named and bool(_PRAISE_HEADING.search(node.heading) or _ISSUE_HEADING.search(node.heading))
            named_ahead[j] = named_ahead[j + 1] or named
        headed_semantic = False
        counted = 0
        i = 0
        while i < len(nodes):
            node = nodes[i]
            counted = min(counted, len(parts))  # an intro may have been taken back off the end
            kinds.update(kind for kind, _ in parts[counted:])
            counted = len(parts)
            inline = self._inline(node) if isinstance(node, Block) and node.purpose in (PRAISE, ISSUES) else None
            if inline is not None and node.purpose == PRAISE and "praise" not in kinds:
                self._report(node, Role.PRAISE_POINT, "肯定成绩（引语与要点同在一段）")
                parts.append(("praise", inline))
            elif inline is not None and node.purpose == ISSUES and "shortcomings" not in kinds:
                self._report(node, Role.ISSUE_POINT, "指出不足（引语与要点同在一段）")
                parts.append(("shortcomings", inline))
            elif isinstance(node, ListNode) and node.purpose == PRAISE and "praise" not in kinds:
                parts.append(("praise", self._praise(node, None)))
            elif isinstance(node, ListNode) and node.purpose == ISSUES and "shortcomings" not in kinds:
                parts.append(("shortcomings", self._issues(node, None, [])))
            elif (
                isinstance(node, Block)
                and "shortcomings" not in kinds
                and not self._rec_intro(nodes, i)
                and genre.is_shortcomings(node.paragraph.text, strict="praise" not in kinds)
            ):
                paragraphs = [node]
                while i + 1 < len(nodes) and isinstance(nodes[i + 1], Block) and not self._rec_intro(nodes, i + 1):
                    i += 1
                    paragraphs.append(nodes[i])
                self._report(node, Role.SHORTCOMINGS, "指出不足")
                for block in paragraphs[1:]:
                    # No turn of its own: it follows the turn ("当然，……") before the next part begins.
                    block.cue = block.cue or "接在“不足”的开头之后，按位置归入"
                    self._report(block, Role.SHORTCOMINGS, "指出不足")
                parts.append(("shortcomings", [b.paragraph.text for b in paragraphs]))
            elif isinstance(node, SectionNode) and node.level == 1 and self._semantic_section(node, kinds, parts):
                headed_semantic = True
            elif (
                headed_semantic
                and "recommendations" not in kinds
                and isinstance(node, SectionNode)
                and i == len(nodes) - 1
                and self._headed_items(node)
            ):
                parts.append(("recommendations", self._headed_recommendations(node)))
            elif (
                isinstance(node, SectionNode)
                and node.level == 1
                and not headed_semantic
                and sections_from[i]
                and not named_ahead[i + 1]
            ):
                intro = parts.pop() if parts and parts[-1][0] == "intro" else None
                items = [n for n in nodes[i:] if isinstance(n, SectionNode)]
                parts.append(("recommendations", self._recommendations(items, intro)))
                break
            else:
                if self._rec_intro(nodes, i):
                    parts.append(("intro", node))
                else:
                    parts.append(("block", self._block(node, "", 0)))
            i += 1
        parts = [("block", self._block(data, "", 0)) if kind == "intro" else (kind, data) for kind, data in parts]
        self._place(parts)
        if self.level1_styles and self.level1_styles <= {"第一、", "第一，"}:  # "第一，" too: printed 第一、
            self.data.setdefault("numbering", {})["level1"] = "第一、"
        elif self.level1_styles == {"none"}:  # unnumbered headings (`unnumbered.mark_unnumbered`)
            self.data.setdefault("numbering", {})["level1"] = "none"
        unnumbered = {b.role for b in self.blocks if b.heading is not None and b.heading.style == "none"}
        if unnumbered - {"h1", "point"}:
            # A Word heading under level 1 that shows no number (`word_headings`): the levels under 1 print none.
            self.data.setdefault("numbering", {})["sublevels"] = "none"

    def _place(self, parts: list[tuple[str, Any]]) -> None:
        order = [kind for kind, _ in parts]
        canonical = [k for k in ("praise", "shortcomings", "recommendations") if k in order]
        if order == canonical:
            for kind, value in parts:
                self.data[kind] = value
        elif parts:
            self.data["parts"] = [value if kind == "block" else {kind: value} for kind, value in parts]

    def _rec_intro(self, nodes: list[Any], i: int) -> bool:
        """The paragraph just before the 一、 sections that introduces them ("下面，我讲几点意见。")."""
        node = nodes[i]
        if not isinstance(node, Block) or not self._before_sections(nodes, i):
            return False
        return genre.is_recommendations_intro(node.paragraph.text)

    def _before_sections(self, nodes: list[Any], i: int) -> bool:
        return i + 1 < len(nodes) and isinstance(nodes[i + 1], SectionNode) and nodes[i + 1].level == 1

    def _semantic_section(self, node: SectionNode, kinds: set[str], parts: list[tuple[str, Any]]) -> bool:
        """ "一、充分肯定成绩" over paragraphs and a 一是 list → the praise part with its heading (the
        paragraphs are its intro); "二、清醒认识问题" over paragraphs, issue points and paragraphs → the
        shortcomings part with its heading. Anything else under them (sub-headings) keeps a free section."""
        if node.run_in or node.head is None:
            return False
        heading = node.heading
        children = node.children
        if not all(isinstance(c, (Block, ListNode)) for c in children):
            return False
        lists = [k for k, c in enumerate(children) if isinstance(c, ListNode)]
        if any(_goes_on(children[k]) for k in lists):
            return False  # "二是……" going on from an earlier number: praise and issues number from one
        if "praise" not in kinds and _PRAISE_HEADING.search(heading):
            if len(lists) == 1 and lists[0] == len(children) - 1:
                before = children[:-1]
                self._report(node.head, Role.HEADING1, "肯定成绩（标题）")
                value = self._praise(children[-1], heading)
                parts.append(("praise", self._with_intro(value, before, "肯定成绩", Role.PRAISE_INTRO)))
                return True
            only = children[0] if len(children) == 1 else None
            inline = self._inline(only) if isinstance(only, Block) and only.purpose == PRAISE else None
            if inline is not None and only is not None:
                self._report(node.head, Role.HEADING1, "肯定成绩（标题）")
                self._report(only, Role.PRAISE_POINT, "肯定成绩（引语与要点同在一段）")
                parts.append(("praise", {"heading": heading, **inline}))
                return True
        if "shortcomings" not in kinds and _ISSUE_HEADING.search(heading) and len(lists) <= 1 and children:
            self._report(node.head, Role.HEADING1, "指出不足（标题）")
            if lists:
                k = lists[0]
                value = self._issues(children[k], heading, children[k + 1 :])
                value = self._with_intro(value, children[:k], "指出不足", Role.SHORTCOMINGS)
            else:
                for block in children:
                    self._report(block, Role.SHORTCOMINGS, "指出不足")
                value = {"heading": heading, "paragraphs": [b.paragraph.text for b in children]}
            parts.append(("shortcomings", value))
            return True
        return False

    def _with_intro(self, value: dict[str, Any], before: list[Any], part: str, role: Role) -> dict[str, Any]:
        """``value`` with the paragraphs ``before`` its list put in front of the list's own intro."""
        if not before:
            return value
        for block in before:
            self._report(block, role, part)
        texts = [b.paragraph.text for b in before]
        own = value.get("intro")
        intro = [*texts, own] if own is not None else texts
        return {**value, "intro": intro if len(intro) > 1 else intro[0]}

    @staticmethod
    def _headed_items(node: SectionNode) -> bool:
        """ "三、扎实做好今年工作" over "（一）……" items (an intro paragraph first at most): the recommendations
        part with its own heading."""
        if node.run_in or not _DIRECTIVE_HEADING.search(node.heading):
            return False
        children = node.children[1:] if node.children and isinstance(node.children[0], Block) else node.children
        return bool(children) and all(isinstance(c, SectionNode) and c.level == 2 for c in children)

    def _headed_recommendations(self, node: SectionNode) -> dict[str, Any]:
        assert node.head is not None
        self._report(node.head, Role.HEADING1, "建议要求（标题）")
        value: dict[str, Any] = {"heading": node.heading}
        children = node.children
        if isinstance(children[0], Block):
            value["intro"] = children[0].paragraph.text
            self._report(children[0], Role.RECOMMENDATIONS_INTRO, "建议要求")
            children = children[1:]
        items = []
        for child in children:
            item = self._section(child, "建议要求", recommendation=True)
            if child.run_in:
                item["run_in"] = True
            items.append(item)
        value["items"] = items
        return value

    # --------------------------------------------------------------------------------------------- blocks

    def _recommendations(self, items: list[SectionNode], intro: tuple[str, Any] | None) -> dict[str, Any]:
        value: dict[str, Any] = {}
        if intro is not None:
            block = intro[1]
            value["intro"] = block.paragraph.text
            self._report(block, Role.RECOMMENDATIONS_INTRO, "建议要求")
        else:
            heads = [item.head for item in items if item.head is not None]
            lines = "、".join(str(h.paragraph.index) for h in heads)
            shown = "”“".join(excerpt(h.paragraph.text) for h in heads[:3]) + ("”等" if len(heads) > 3 else "”")
            self.report.fallbacks.append(
                f"第 {lines} {self.report.unit}的“{shown}{len(heads)} 个带标题的部分前没有“提几点意见”之类的引语，"
                "按位置（讲话最后的带标题的部分）作为建议要求"
            )
        value["items"] = [self._section(item, "建议要求", recommendation=True) for item in items]
        return value

    def _block(self, node: Any, where: str, depth: int, directive: bool = False) -> Any:
        if isinstance(node, SectionNode):
            return self._section(node, where, directive=directive)
        if isinstance(node, ListNode):
            part = f"{where}中的要点" if where else "要点"
            role = Role.ISSUE_POINT if node.purpose == ISSUES else Role.POINT
            if node.purpose == PREVIEW:
                part = f"{part}（讲话提纲）"
            return self._points(node, part, role, leads=False)
        self._report(node, Role.BODY, where or "正文")
        return self._bold_lead(node) or node.paragraph.text

    def _bold_lead(self, block: Block) -> dict[str, str] | None:
        """A .docx paragraph whose first sentence the writer set in bold: that sentence as its lead."""
        p = block.paragraph
        if not p.explicit_leads or not p.leads or p.leads[0][0] != 0:
            return None
        lead, rest = p.text[: p.leads[0][1]].strip(), p.text[p.leads[0][1] :].strip()
        if not rest or not genre.sentences(lead):
            return None
        where = f"第 {p.index} {self.report.unit}“{excerpt(p.text)}”"
        self.report.fallbacks.append(f"{where}首句在原稿中加粗，印为加粗的首句")
        return {"lead": lead, "text": rest}

    def _section(
        self, node: SectionNode, where: str, recommendation: bool = False, directive: bool = False
    ) -> dict[str, Any]:
        """A section; ``recommendation`` for an item of the recommendations, ``directive`` inside one (lead
        sentences "要……。" are found there)."""
        directive = directive or recommendation
        heading = node.heading
        name = f"{where}“{excerpt(heading)}”" if where else f"“{excerpt(heading)}”"
        assert node.head is not None
        printed = int(node.head.role[1]) if node.head.role.startswith("h") else node.level
        role = Role.RECOMMENDATION if recommendation else _HEADING_ROLES.get(printed, Role.HEADING4)
        if node.run_in:
            role = Role.RUN_IN_HEADING
        self._report(node.head, role, name)
        body: list[Any] = []
        if node.run_in:
            assert node.head.heading is not None
            rest = node.head.paragraph.text[node.head.heading.end :].strip()
            guess = self._bold_leads(node.head, rest) or (genre.directive_leads if directive else None)
            body.append(piece(rest, guess) if rest else None)
        for child in node.children:
            if isinstance(child, SectionNode) and child.run_in and all(isinstance(c, Block) for c in child.children):
                # "（一）加强组织领导。……" and plain paragraphs after it: a headed paragraph and its siblings
                # (printed the same as a section, and the shape a speech written by hand has).
                children, child.children = child.children, []
                body.append(self._section(child, name, directive=directive))
                for c in children:
                    converted = self._block(c, name, node.level, directive)
                    body.append(piece(converted, genre.directive_leads) if directive else converted)
                continue
            converted = self._block(child, name, node.level, directive)
            if directive and isinstance(converted, str):
                found = pieces(converted, genre.directive_leads)
                if len(found) > 1 and child.paragraph.split:
                    body += found  # a line that held several paragraphs: one per lead sentence
                    continue
                converted = piece(converted, genre.directive_leads)
            body.append(converted)
        body = [b for b in body if b is not None]
        if not recommendation and (not body or (node.run_in and len(body) == 1 and not _is_block(body[0]))):
            # A heading over nothing but its own run-in text (or nothing at all) is a headed paragraph.
            first = body[0] if body else {}
            return {"heading": heading, **({"text": first} if isinstance(first, str) else first)}
        value: dict[str, Any] = {"heading": heading}
        if node.run_in and body and isinstance(body[0], (str, dict)) and not _is_block(body[0]):
            value["run_in"] = True
        if body:
            value["body"] = body
        elif not recommendation:
            value["body"] = []
        return value


def _closing(text: str) -> bool:
    return closing_paragraph(text) or genre.is_exhortation(text)


def _is_block(value: Any) -> bool:
    return isinstance(value, dict) and ("points" in value or "body" in value)


def _goes_on(node: ListNode) -> bool:
    first = node.points[0].heading
    return first is not None and first.number != 1

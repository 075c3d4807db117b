"""Point lists for the speech: a run of 一是/二是 (or 第一点，/1、…) paragraphs, or points run into one paragraph,
as the data of a `PointList`, `Praise` or `Shortcomings`, each paragraph reported with where it went. The base
of `compose.Composer`, which decides where a list goes."""

from __future__ import annotations

import itertools
from typing import Any

from docgen.importer import genre
from docgen.importer.headings import mid_labels
from docgen.importer.pieces import pieces
from docgen.importer.report import ImportReport, Role, excerpt
from docgen.importer.roles import Block, point_style
from docgen.importer.tree import ListNode
from docgen.model.numbering import Enumerator, label


class ListWriter:
    """Writes point lists and reports every block it places in ``report``."""

    report: ImportReport

    @staticmethod
    def _inline(block: Block) -> dict[str, Any] | None:
        """A paragraph "……几点感受：一是在……方面：……。二是……" as an inline point list (intro and points
        printed in one paragraph, as written), or None when its pieces would not print back exactly."""
        text = block.paragraph.text
        starts = [position for position, _ in mid_labels(text, "一是", 1)]
        if len(starts) < 2:
            return None
        intro = text[: starts[0]].strip()
        points: list[dict[str, Any]] = []
        for a, b in itertools.pairwise([*starts, len(text)]):
            rest = text[a + len(label(len(points) + 1, Enumerator.ORDINAL)) : b]
            end = genre.praise_heading_end(rest)
            point: dict[str, Any] = {"heading": rest[: end - 1]} if end else {}
            body = rest[end:]
            if body.strip():
                point["body"] = [body.strip()]
            if not point or body != body.strip() or rest != rest.lstrip():
                return None
            points.append(point)
        return {"intro": intro, "inline": True, "points": points} if intro else None

    def _points(self, node: ListNode, part: str, role: Role, leads: bool) -> dict[str, Any]:
        value: dict[str, Any] = {}
        if node.intro is not None:
            value["intro"] = node.intro.paragraph.text
            self._report(node.intro, Role.LIST_INTRO if role is not Role.PRAISE_POINT else Role.PRAISE_INTRO, part)
        first = node.points[0]
        assert first.heading is not None
        style = point_style(first)
        if first.heading.number != 1:
            value["start"] = first.heading.number
        if style is not None and style != "一是":
            value["style"] = style
        elif style is None:
            typed = first.paragraph.text[: first.heading.label_end].strip()
            self.report.fallbacks.append(
                f"第 {first.paragraph.index} {self.report.unit}起以“{typed}”编号的各条按要点排，"
                "编号印为“一是、二是……”（讲话稿的要点编号），请核对"
            )
        points = []
        for number, block in enumerate(node.points, start=1):
            assert block.heading is not None
            rest = block.paragraph.text[block.heading.label_end :].lstrip("，,、 \u3000")
            end = genre.praise_heading_end(rest)
            point: dict[str, Any] = {"heading": rest[: end - 1]} if end else {}
            body = rest[end:].strip()
            if body:
                point["body"] = pieces(body, self._bold_leads(block, body) or (genre.praise_leads if leads else None))
            if not point:
                point = {"body": [rest]}
            points.append(point)
            self._report(block, role, part, f"第 {number} 个要点" if number > 1 else None)
        value["points"] = points
        return value

    def _praise(self, node: ListNode, heading: str | None) -> dict[str, Any]:
        value = self._points(node, "肯定成绩", Role.PRAISE_POINT, leads=True)
        return {"heading": heading, **value} if heading else value

    def _issues(self, node: ListNode, heading: str | None, after: list[Block]) -> dict[str, Any]:
        value = self._points(node, "指出不足", Role.ISSUE_POINT, leads=False)
        if value.pop("start", None) is not None:  # the shortcomings' points always count from 一是
            first = node.points[0].paragraph
            self.report.fallbacks.append(
                f"第 {first.index} {self.report.unit}起的问题要点从“一是”起重新编号（原稿不是从第一条开始），请核对"
            )
        if heading:
            value = {"heading": heading, **value}
        if after:
            value["paragraphs"] = [b.paragraph.text for b in after]
            for block in after:
                self._report(block, Role.SHORTCOMINGS, "指出不足")
        return value

    def _bold_leads(self, block: Block, part: str) -> Any:
        """The sentences of ``part`` (the text after a point's or run-in heading's head) the writer set in bold
        in a .docx, as a lead finder for `pieces`; None when there are none."""
        p = block.paragraph
        offset = p.text.rfind(part) if p.explicit_leads and p.leads else -1
        if offset < 0:
            return None
        found = [(a - offset, b - offset) for a, b in p.leads if a >= offset and b <= offset + len(part)]
        if not found:
            return None
        where = f"第 {p.index} {self.report.unit}“{excerpt(p.text)}”"
        self.report.fallbacks.append(f"{where}中原稿加粗的句子印为加粗的首句")
        return lambda _text: found

    def _report(self, block: Block, role: Role, part: str, note: str | None = None) -> None:
        p = block.paragraph
        notes = [n for n in (p.origin, "原稿中与前后文同在一段，已拆开" if p.split else None, note, block.cue) if n]
        self.report.classify(p.index, role, p.text, "；".join(notes) or None, part)
        if block.cue:
            self.report.fallbacks.append(f"第 {p.index} {self.report.unit}“{excerpt(p.text)}”{block.cue}，放在{part}")

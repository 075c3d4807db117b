"""The outline of a speech: every heading's level, number and label from its position, and the speech body as
the flat list of paragraphs a template prints (each a paragraph style and styled runs).

One walk serves validation (typed enumerators are stripped, headings deeper than four levels and point lists
that cannot be numbered are reported by field path) and the template context. The rules:

- the level-1 counter runs over the whole speech: a headed part (praise, shortcomings, recommendations or a
  free section), a recommendation of an unheaded recommendations part, each takes the next 一、;
- inside a heading of level L, headings are of level L + 1 and count from one again; a section without a
  heading is transparent (its headings share the counter of the level around it);
- levels are written 一、 (or 第一、) → （一） → 1. → （1）; point lists 一是 / 一要 / 第一， / 首先，;
- level-1 headings may be unnumbered (``numbering.level1: none``): they keep their number (the context's
  ``number``) and their level-1 style, with an empty label; the levels under them count from one in each;
  ``numbering.sublevels: none`` leaves every level under level 1 unnumbered too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from docgen.model.blocks import Piece, Point, PointList, PraisePoint, Section
from docgen.model.fields import intro_paragraphs
from docgen.model.numbering import Enumerator, label, point_label, strip_label
from docgen.model.parts import Praise, Recommendation, Recommendations, Shortcomings

if TYPE_CHECKING:
    from docgen.model.speech import Speech

MAX_LEVEL = 4
_SEPARATED_STYLES = (Enumerator.SEQUENCE, Enumerator.FIRSTLY)  # 第一， 首先， take a comma after them
_SUBLEVEL_STYLE = {Enumerator.LEVEL2: 2, Enumerator.LEVEL3: 3, Enumerator.LEVEL4: 4}  # (an unnumbered: its depth)
_SUBLEVELS = [Enumerator.LEVEL2, Enumerator.LEVEL3, Enumerator.LEVEL4]


RunContext = dict[str, str | None]
"""A stretch of a paragraph in one character style (``style`` None: the paragraph's own), as the template reads it."""

ParagraphContext = dict[str, Any]
"""One paragraph of the body as the template reads it: ``part``, ``style`` (an `Element` value), ``level``,
``number``, ``label``, ``heading``, ``heading_line``, ``text`` (its runs' texts joined) and ``runs``."""


def paragraph_context(
    part: str,
    style: str,
    runs: list[RunContext],
    level: int | None = None,
    number: int | None = None,
    label: str | None = None,
    heading: str | None = None,
) -> ParagraphContext:
    """The context dict of one paragraph, made directly during the walk: a long speech has hundreds of
    paragraphs per render, and an intermediate object for each (then copied into a dict) doubled the cost."""
    # Every paragraph has at least one run; most have one, whose text is the paragraph's text.
    text = runs[0]["text"] if len(runs) == 1 else "".join([run["text"] for run in runs])  # type: ignore[misc]
    return {
        "part": part,
        "style": style,
        "level": level,
        "number": number,
        "label": label,
        "heading": heading,
        "heading_line": f"{label or ''}{heading}" if heading is not None else None,
        "text": text,
        "runs": runs,
    }


def text_paragraph(part: str, text: str) -> ParagraphContext:
    """A paragraph of plain body text in one run (opening, closing, intros, shortcomings' paragraphs)."""
    return paragraph_context(part, "body", [{"text": text, "style": None}])


class Label(NamedTuple):
    """The generated enumerator of one heading or point."""

    number: int
    text: str
    level: int | None = None
    run_in: str | None = None


# The walk's classes are plain classes, not dataclasses: every render imports this module, and making a
# dataclass's methods costs about 3 M instructions each (≈ 1 % of a seed render for these three).
class _Counter:
    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


class PartSpan:
    """A part of the speech (praise, shortcomings, recommendations, or a free section) and its paragraphs:
    ``paragraphs[start:end]`` of the outline, and the part's level-1 heading and label if it has one."""

    __slots__ = ("end", "heading", "kind", "label", "start")

    def __init__(self, kind: str, heading: str | None, label: str | None, start: int, end: int = 0) -> None:
        self.kind, self.heading, self.label, self.start, self.end = kind, heading, label, start, end

    def __repr__(self) -> str:
        return f"PartSpan({self.kind!r}, {self.heading!r}, {self.label!r}, {self.start}, {self.end})"


def _add_piece(piece: Piece, runs: list[RunContext]) -> list[RunContext]:
    """``runs`` with the piece's lead (bold) and text appended."""
    lead, text = piece.lead, piece.text
    if lead is not None:
        runs.append({"text": lead, "style": "lead"})
    if text is not None:
        runs.append({"text": text, "style": None})
    return runs


def run_in_joiner(heading: str) -> str:
    """“一是在……方面：” — the colon, unless the heading already ends in punctuation of its own."""
    return "" if heading[-1] in "，。；！？、…—：" else "："


class Outline:
    """The walk over a speech. ``strip`` removes typed enumerators that match their position (validation).

    What it finds: ``paragraphs`` (the body as the template prints it), ``labels`` (each numbered heading's or
    point's label, by the id of its model object), ``spans`` (the paragraphs of each part and block, by id),
    ``parts`` and ``problems`` (field path and message of what cannot be numbered)."""

    def __init__(self, speech: Speech, strip: bool = False) -> None:
        self.speech = speech
        self.strip = strip
        self.paragraphs: list[ParagraphContext] = []
        self.labels: dict[int, Label] = {}
        self.spans: dict[int, tuple[int, int]] = {}
        self.parts: list[PartSpan] = []
        self.problems: list[tuple[str, str]] = []
        numbering = self.speech.numbering
        self._level1 = Enumerator(numbering.level1 if numbering and numbering.level1 else "一、")
        self._points: str = numbering.points if numbering and numbering.points else "一是"
        # The enumerator of each level under level 1; a draft that goes 一、 → 1. skips （一）, and each heading
        # then takes the style of the enumerator it prints (a "1." heading is a 讲话三级标题 at any depth).
        sublevels = numbering.sublevels if numbering and numbering.sublevels else None
        # A talk whose top level is numbered （一） or 1. prints it in that enumerator's style; below it go on
        # the standard enumerators after it (（一） → 1. → （1））.
        self._level1_style = _SUBLEVEL_STYLE.get(self._level1, 1)
        default = [s for s in _SUBLEVELS if _SUBLEVEL_STYLE[s] > self._level1_style]
        if sublevels == Enumerator.NONE.value:
            self._sublevels = [Enumerator.NONE] * (MAX_LEVEL - 1)  # every level under level 1 unnumbered
        else:
            self._sublevels = [Enumerator(s) for s in sublevels.split("→")] if sublevels else default
        self._style_names: dict[int, tuple[str, str]] = {}
        self._add = self.paragraphs.append
        top = _Counter()
        for text in self.speech.opening:
            self._add(text_paragraph("opening", text))
        for kind, part, path in self.speech.part_list():
            span = PartSpan(kind, None, None, len(self.paragraphs))
            self.parts.append(span)
            start = len(self.paragraphs)
            if isinstance(part, Praise):
                self._praise(part, path, top)
            elif kind == "shortcomings":
                self._shortcomings(part, path, top)
            elif isinstance(part, Recommendations):
                self._recommendations(part, path, top)
            else:
                self._block(part, path, 0, top, "section")
            span.end = len(self.paragraphs)
            self.spans[id(part)] = (start, span.end)
            found = self.labels.get(id(part))
            if found is not None and found.level == 1:
                span.heading, span.label = getattr(part, "heading", None), found.text
        for text in self.speech.closing:
            self._add(text_paragraph("closing", text))

    # -- building blocks ---------------------------------------------------------------------------------

    def _style_level(self, level: int) -> int:
        """The heading style (1–4) a heading at depth ``level`` prints in: that of its enumerator."""
        if level == 1:
            return self._level1_style
        if level - 2 >= len(self._sublevels):
            return min(level, MAX_LEVEL)
        return _SUBLEVEL_STYLE.get(self._sublevels[level - 2], level)

    def _style_name(self, level: int) -> tuple[str, str]:
        """The paragraph style of a heading at depth ``level`` on its own line, and its run-in character style."""
        names = self._style_names.get(level)
        if names is None:
            style = f"heading{self._style_level(level)}"
            names = self._style_names[level] = (style, f"{style}_run_in")
        return names

    def _heading_label(self, level: int, number: int, path: str) -> str:
        if level > len(self._sublevels) + 1:
            chain = "→".join([label(1, style) or "（不编号）" for style in (self._level1, *self._sublevels)])
            levels = "一两三四"[len(self._sublevels)]
            self.problems.append(
                (
                    path,
                    f"标题层级超过{levels}级（{chain}）：请减少小节的嵌套，"
                    "或把这一层写成不带标题的段落、“一是”要点",
                )
            )
            return ""
        style = self._level1 if level == 1 else self._sublevels[level - 2]
        return label(number, style)

    def _strip(self, text: str, number: int, generated: str, path: str) -> str:
        if not self.strip or not generated:
            # An unnumbered heading (level1: none) prints no label, so an enumerator-like start of its text
            # ("一个思想伟大的党", "一是……") is the user's words: stripping it would lose them.
            return text
        rest = text[len(generated) :].lstrip("，,、 ") if generated and text.startswith(generated) else None
        if rest is None:
            rest = strip_label(text, number)
        if not rest:
            self.problems.append((path, f"只有编号“{text}”，没有内容"))
            return text
        return rest

    def _heading(self, owner: Any, level: int, counter: _Counter, path: str) -> Label:
        """Number ``owner.heading`` (level ``level``), strip a typed enumerator from it, remember its label."""
        number = counter.next()
        text = self._heading_label(level, number, f"{path}.heading")
        if self.strip:  # only validation changes the model; a context walk leaves it alone
            owner.heading = self._strip(owner.heading, number, text, f"{path}.heading")
        found = Label(number, text, level)
        self.labels[id(owner)] = found
        return found

    def _heading_paragraph(self, owner: Any, level: int, counter: _Counter, path: str, part: str) -> None:
        found = self._heading(owner, level, counter, path)
        heading = owner.heading
        runs: list[RunContext] = [{"text": found.text + heading, "style": None}]
        self._add(paragraph_context(part, self._style_name(level)[0], runs, level, found.number, found.text, heading))

    @staticmethod
    def _piece_runs(pieces: Iterable[Piece], runs: list[RunContext]) -> list[RunContext]:
        """``runs`` with each piece's lead (bold) and text appended."""
        for piece in pieces:
            _add_piece(piece, runs)
        return runs

    # -- blocks ------------------------------------------------------------------------------------------

    def _blocks(self, blocks: list[Any], path: str, level: int, counter: _Counter, part: str, start: int = 0) -> None:
        for index in range(start, len(blocks)):
            block = blocks[index]
            if isinstance(block, Point) and block.heading is None:
                # The commonest block, a plain paragraph: nothing to number, so no field path (it names only
                # problems) and no span (`span` is asked for parts, point lists and sections).
                self._add(paragraph_context(part, "body", _add_piece(block, [])))
            else:
                self._block(block, f"{path}[{index}]", level, counter, part)

    def _block(self, block: Any, path: str, level: int, counter: _Counter, part: str) -> None:
        first = len(self.paragraphs)
        if isinstance(block, Point):
            self._paragraph(block, path, level, counter, part)
        elif isinstance(block, PointList):
            self._point_list(block, path, part)
        else:
            self._section(block, path, level, counter, part)
        self.spans[id(block)] = (first, len(self.paragraphs))

    def _paragraph(self, point: Point, path: str, level: int, counter: _Counter, part: str) -> None:
        heading = point.heading
        if heading is None:
            self._add(paragraph_context(part, "body", _add_piece(point, [])))
            return
        found = self._heading(point, level + 1, counter, path)
        runs: list[RunContext] = [{"text": found.text + heading, "style": self._style_name(level + 1)[1]}]
        _add_piece(point, runs)
        self._add(paragraph_context(part, "body", runs, level + 1, found.number, found.text, heading))

    def _section(self, section: Section | Recommendation, path: str, level: int, counter: _Counter, part: str) -> None:
        if section.heading is None:
            self._blocks(section.body, f"{path}.body", level, counter, part)
            return
        inner = _Counter()
        if not section.run_in:
            self._heading_paragraph(section, level + 1, counter, path, part)
            self._blocks(section.body, f"{path}.body", level + 1, inner, part)
            return
        found = self._heading(section, level + 1, counter, path)
        first = section.body[0]
        assert isinstance(first, Point)  # checked by the model: a run-in heading runs into a paragraph
        runs: list[RunContext] = [{"text": found.text + section.heading, "style": self._style_name(level + 1)[1]}]
        _add_piece(first, runs)
        self._add(paragraph_context(part, "body", runs, level + 1, found.number, found.text, section.heading))
        self._blocks(section.body, f"{path}.body", level + 1, inner, part, start=1)

    def _point_list(self, owner: PointList | Praise | Shortcomings, path: str, part: str) -> None:
        style = owner.style or self._points
        first = getattr(owner, "start", None) or 1  # a free list may go on from an earlier one's numbers
        total = first - 1 + len(owner.points)
        intro = intro_paragraphs(owner.intro)
        # Inline, the last intro paragraph runs on into the points; the others stand alone.
        standalone = intro[:-1] if owner.inline else intro
        for text in standalone:
            self._add(text_paragraph(part, text))
        inline: list[RunContext] = [{"text": intro[-1], "style": None}] if owner.inline and intro else []
        for number, point in enumerate(owner.points, start=first):
            try:
                marker = point_label(number, style, total)
            except ValueError as exc:
                self.problems.append((f"{path}.style" if owner.style else f"{path}.points", str(exc)))
                return
            self._strip_point(point, number, marker, f"{path}.points[{number - first}]")
            marker += "，" if style in _SEPARATED_STYLES else ""
            run_in = marker if point.heading is None else f"{marker}{point.heading}{run_in_joiner(point.heading)}"
            text = marker.rstrip("，")
            self.labels[id(point)] = Label(number, text, None, run_in)
            if owner.inline:
                inline.append({"text": run_in, "style": "run_in"})
                self._piece_runs(point.body, inline)
            else:
                runs = self._piece_runs(point.body, [{"text": run_in, "style": "run_in"}])
                self._add(paragraph_context(part, "body", runs, None, number, text, point.heading))
        if owner.inline:
            self._add(paragraph_context(part, "body", inline))

    def _strip_point(self, point: PraisePoint, number: int, marker: str, path: str) -> None:
        if not self.strip:
            return
        if point.heading is not None:
            point.heading = self._strip(point.heading, number, marker, f"{path}.heading")
            return
        # No heading: the enumerator may have been typed at the start of the body ("一是学习不够深入……").
        first = point.body[0]
        attribute = "lead" if first.lead is not None else "text"
        text = getattr(first, attribute)
        stripped = self._strip(text, number, marker, f"{path}.body[0].{attribute}")
        if stripped != text and stripped:
            setattr(first, attribute, stripped)

    # -- the semantic parts --------------------------------------------------------------------------------

    def _part_heading(self, part: Praise | Shortcomings | Recommendations, path: str, top: _Counter, kind: str) -> int:
        """The part's own level-1 heading, if it has one; returns the level its items sit under (1 or 0)."""
        if part.heading is None:
            return 0
        self._heading_paragraph(part, 1, top, path, kind)
        return 1

    def _praise(self, praise: Praise, path: str, top: _Counter) -> None:
        self._part_heading(praise, path, top, "praise")
        self._point_list(praise, path, "praise")

    def _shortcomings(self, shortcomings: Shortcomings | list[str], path: str, top: _Counter) -> None:
        if isinstance(shortcomings, list):
            for text in shortcomings:
                self._add(text_paragraph("shortcomings", text))
            return
        self._part_heading(shortcomings, path, top, "shortcomings")
        if shortcomings.points:
            self._point_list(shortcomings, path, "shortcomings")
        else:
            for text in intro_paragraphs(shortcomings.intro):
                self._add(text_paragraph("shortcomings", text))
        for text in shortcomings.paragraphs:
            self._add(text_paragraph("shortcomings", text))

    def _recommendations(self, recommendations: Recommendations, path: str, top: _Counter) -> None:
        level = self._part_heading(recommendations, path, top, "recommendations")
        for text in intro_paragraphs(recommendations.intro):
            self._add(text_paragraph("recommendations", text))
        counter = _Counter() if level else top
        for index, item in enumerate(recommendations.items):
            first = len(self.paragraphs)
            self._section(item, f"{path}.items[{index}]", level, counter, "recommendations")
            self.spans[id(item)] = (first, len(self.paragraphs))

    def span(self, owner: Any) -> list[ParagraphContext]:
        start, end = self.spans[id(owner)]
        return self.paragraphs[start:end]

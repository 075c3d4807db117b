"""A .docx draft's style sheet as the importer needs it: each style's name and what it inherits through
``w:basedOn`` — numbering, outline level, bold, East Asian font, size, alignment — and the heading level a
paragraph style stands for (Word's built-in "heading 1"–"heading 9", localized "标题 1", "一级标题", or an
outline level)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Word stores built-in heading styles as "heading 1" (the UI shows "标题 1"); WPS and localized templates
# write the Chinese name; office templates often call theirs "一级标题".
_HEADING_NAME = re.compile(r"(?:heading|标题|標題)\s*([1-9])", re.IGNORECASE)
_CHINESE_LEVEL_NAME = re.compile("([一二三四五六七八九])级标题")
_TITLE_NAMES = {"title", "标题", "標題"}
_DEPTH = 12  # a basedOn chain longer than this is a loop or a hostile file: stop reading it


@dataclass(frozen=True)
class _Style:
    name: str
    kind: str  # "paragraph", "character", "table", "numbering"
    based_on: str | None
    element: Any


class StyleSheet:
    """The styles of one document; lookups follow ``w:basedOn`` (cycles and over-long chains are cut)."""

    def __init__(self, styles: Any | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.defaults: Any | None = None  # w:docDefaults
        if styles is None:
            return
        self.defaults = styles.find(W + "docDefaults")
        for style in styles.findall(W + "style"):
            style_id = style.get(W + "styleId", "")
            name = style.find(W + "name")
            based = style.find(W + "basedOn")
            kind = style.get(W + "type", "paragraph")
            self.styles[style_id] = _Style(
                name.get(W + "val", "") if name is not None else "",
                kind,
                based.get(W + "val") if based is not None else None,
                style,
            )
            if kind == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self.default_paragraph = style_id

    def name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or "")
        return style.name if style is not None else ""

    def chain(self, style_id: str | None) -> list[Any]:
        """The style's element, then those it is based on."""
        out: list[Any] = []
        seen: set[str] = set()
        current = style_id
        while current and current in self.styles and current not in seen and len(out) < _DEPTH:
            seen.add(current)
            style = self.styles[current]
            out.append(style.element)
            current = style.based_on
        return out

    def find(self, style_id: str | None, path: str) -> Any | None:
        """The first element at ``path`` (e.g. "w:pPr/w:numPr") along the style's chain."""
        xpath = path.replace("w:", W)
        for element in self.chain(style_id):
            found = element.find(xpath)
            if found is not None:
                return found
        return None

    def numbering(self, style_id: str | None) -> tuple[str, int | None] | None:
        """(numId, ilvl or None) a paragraph style numbers its paragraphs with, if any."""
        for element in self.chain(style_id):
            num_pr = element.find(f"{W}pPr/{W}numPr")
            if num_pr is None:
                continue
            num_id = num_pr.find(W + "numId")
            ilvl = num_pr.find(W + "ilvl")
            if num_id is None:
                continue
            level = ilvl.get(W + "val") if ilvl is not None else None
            return num_id.get(W + "val", ""), int(level) if level and level.isdigit() else None
        return None

    def numbering_styles(self) -> dict[str, tuple[str, int | None]]:
        """Each numbering style's (numId, ilvl): what ``w:numStyleLink`` in a list definition points to."""
        out = {}
        for style_id, style in self.styles.items():
            if style.kind == "numbering" and (found := self.numbering(style_id)) is not None:
                out[style_id] = found
        return out

    def heading_level(self, style_id: str | None) -> int | None:
        """The heading level (1-based) a paragraph style stands for: by its name (or the name of a built-in
        heading style it is based on), else by the outline level along its chain."""
        for element in self.chain(style_id):
            name = element.find(W + "name")
            text = (name.get(W + "val", "") if name is not None else "").strip() or element.get(W + "styleId", "")
            if match := _HEADING_NAME.fullmatch(text):
                return int(match.group(1))
            if match := _CHINESE_LEVEL_NAME.fullmatch(text):
                return "一二三四五六七八九".index(match.group(1)) + 1
        found = self.find(style_id, "w:pPr/w:outlineLvl")
        return outline_level(found)

    def is_title(self, style_id: str | None) -> bool:
        return self.name(style_id).strip().lower() in _TITLE_NAMES

    def run_property(self, style_ids: list[str | None], path: str, read: Callable[[Any], Any]) -> Any | None:
        """``read`` of the first element at ``path`` along the chains of ``style_ids`` (character style first,
        then paragraph style), then the document defaults; None when nothing sets it."""
        for style_id in style_ids:
            found = self.find(style_id, path)
            if found is not None:
                return read(found)
        if self.defaults is not None:
            found = self.defaults.find("w:rPrDefault/" + path, _NS)
            if found is not None:
                return read(found)
        return None


_NS = {"w": W[1:-1]}


def outline_level(element: Any | None) -> int | None:
    """An ``w:outlineLvl`` as a heading level (val 0 → 1); body text (9) and missing → None."""
    if element is None:
        return None
    value = element.get(W + "val", "")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


def on(element: Any) -> bool:
    """Whether a toggle property (``w:b``, ``w:vanish`` …) is on."""
    return element.get(W + "val") not in ("0", "false", "off")

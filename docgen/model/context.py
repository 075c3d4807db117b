"""The body part of the template context, from one walk over the speech (docgen.model.outline).

``paragraphs`` is the body in order — every paragraph with its style, its generated label and its styled
runs — and ``parts`` the same paragraphs grouped by part. The keys of earlier versions (``opening``,
``praise``, ``shortcomings``, ``recommendations``, ``closing``) keep their shapes so that templates written
against them keep working; a speech whose shapes those keys cannot hold (headings, nested sections, point
lists) still has every character in them, the headings aside — ``paragraphs`` has everything.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from docgen.collector import collector_paused
from docgen.model.blocks import Point
from docgen.model.fields import intro_paragraphs
from docgen.model.outline import Outline, ParagraphContext, PartSpan
from docgen.model.parts import Praise, Recommendations, Shortcomings

if TYPE_CHECKING:
    from docgen.model.speech import Speech


BODY_KEYS = ("opening", "praise", "shortcomings", "recommendations", "closing", "paragraphs", "parts")
"""The keys `speech_context` makes, in context order."""


def speech_context(speech: Speech, keys: Collection[str] | None = None) -> dict[str, Any]:
    """Everything of the context from ``opening`` to ``closing``, plus ``paragraphs`` and ``parts``; only
    those of ``keys`` when given (a template that reads only ``paragraphs`` need not pay for the rest)."""
    wanted = BODY_KEYS if keys is None else [key for key in BODY_KEYS if key in keys]
    if not wanted:
        return {}
    # A long speech's context is a few thousand new dicts and lists, none in a cycle: the cyclic collector's
    # passes over them added about two thirds to building them (seed × 10, measured alone in a process holding
    # pydantic's and jinja's objects: ≈ 0.9 ms with it on, ≈ 0.55 ms paused). See docgen.collector.
    with collector_paused():
        return _body_context(speech, wanted)


def _body_context(speech: Speech, wanted: Collection[str]) -> dict[str, Any]:
    outline = Outline(speech)
    # One dict per paragraph, shared by ``paragraphs`` and ``parts``: templates only read the context.
    paragraphs = outline.paragraphs
    context: dict[str, Any] = {}
    for key in wanted:
        if key == "opening":
            context[key] = list(speech.opening)
        elif key == "closing":
            context[key] = list(speech.closing)
        elif key == "paragraphs":
            context[key] = paragraphs
        elif key == "parts":
            context[key] = [_part(span, paragraphs) for span in outline.parts]
        else:
            part = next((part for kind, part, _ in speech.part_list() if kind == key), None)
            context[key] = None if part is None and key != "shortcomings" else _LEGACY[key](part, outline)
    return context


def _part(span: PartSpan, paragraphs: list[ParagraphContext]) -> dict[str, Any]:
    return {
        "kind": span.kind,
        "heading": span.heading,
        "label": span.label,
        "heading_line": f"{span.label}{span.heading}" if span.heading is not None else None,
        "paragraphs": paragraphs[span.start : span.end],
    }


def _part_heading(part: Praise | Shortcomings | Recommendations, outline: Outline) -> dict[str, Any]:
    found = outline.labels.get(id(part))
    label = found.text if found is not None else None
    return {
        "heading": part.heading,
        "label": label,
        "heading_line": f"{label}{part.heading}" if part.heading is not None else None,
    }


def _praise(praise: Praise, outline: Outline) -> dict[str, Any]:
    points = []
    for number, point in enumerate(praise.points, start=1):
        found = outline.labels[id(point)]
        points.append(
            {
                "number": number,
                "label": found.text,
                "heading": point.heading,
                "run_in": found.run_in,
                "body": [{"lead": piece.lead, "text": piece.text} for piece in point.body],
            }
        )
    return {"intro": _legacy_intro(praise.intro), "points": points, **_part_heading(praise, outline)}


def _shortcomings(shortcomings: Shortcomings | list[str] | None, outline: Outline) -> list[str]:
    if shortcomings is None:
        return []
    if isinstance(shortcomings, list):
        return list(shortcomings)
    # The old key is a list of paragraph texts: the structured part's paragraphs but its heading.
    return [p["text"] for p in outline.span(shortcomings) if not p["style"].startswith("heading")]


def _recommendations(recommendations: Recommendations, outline: Outline) -> dict[str, Any]:
    items = []
    for number, item in enumerate(recommendations.items, start=1):
        found = outline.labels[id(item)]
        body: list[dict[str, Any]] = []
        for block in item.body:
            if isinstance(block, Point):
                label = outline.labels[id(block)].text if block.heading is not None else None
                body.append(
                    {
                        "heading": block.heading,
                        "label": label,
                        "heading_line": f"{label}{block.heading}" if block.heading is not None else None,
                        "lead": block.lead,
                        "text": block.text,
                    }
                )
            else:
                body += [_legacy_piece(p) for p in outline.span(block)]
        items.append(
            {
                "number": number,
                "label": found.text,
                "heading": item.heading,
                "heading_line": f"{found.text}{item.heading}",
                "body": body,
            }
        )
    return {"intro": _legacy_intro(recommendations.intro), "items": items, **_part_heading(recommendations, outline)}


_LEGACY: dict[str, Callable[[Any, Outline], Any]] = {
    "praise": _praise,
    "shortcomings": _shortcomings,
    "recommendations": _recommendations,
}


def _legacy_intro(intro: str | list[str] | None) -> str | None:
    # The old key holds one paragraph: several are run together there (``paragraphs[]`` keeps them apart).
    return "".join(intro_paragraphs(intro)) or None


def _legacy_piece(paragraph: ParagraphContext) -> dict[str, Any]:
    """A paragraph in the old body-item shape (heading, label, heading_line, lead, text), its runs folded in."""
    runs = list(paragraph["runs"])
    heading_line = None
    if paragraph["heading"] is not None and runs:
        heading_line = runs.pop(0)["text"]
    lead = runs.pop(0)["text"] if runs and runs[0]["style"] == "lead" else None
    text = "".join(run["text"] or "" for run in runs) or None
    return {
        "heading": paragraph["heading"],
        "label": paragraph["label"],
        "heading_line": heading_line,
        "lead": lead,
        "text": text,
    }

"""A paragraph as lead + text pieces: the bold lead sentences ("要坚持政治引领。") a recommendation or a praise
point opens with, found by a guess from `genre`, and the text after each."""

from __future__ import annotations

from typing import Any


def piece(text: str, guess: Any) -> Any:
    """One paragraph: a lead sentence at its start in bold, the rest as its text."""
    found = pieces(text, guess)
    first = found[0]
    if len(found) == 1 or not isinstance(first, dict) or "lead" not in first:
        return first if len(found) == 1 else text
    lead = first["lead"]
    rest = text[text.index(lead) + len(lead) :].strip()
    return {"lead": lead, "text": rest} if rest else {"lead": lead}


def pieces(text: str, guess: Any) -> list[Any]:
    """Lead + text pieces: at each lead sentence ``guess`` finds a new piece starts; plain text otherwise."""
    leads = guess(text) if guess is not None else []
    if not leads:
        return [text]
    return lead_pieces(text, leads)


def lead_pieces(text: str, leads: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Lead + text pieces of ``text``: at each lead sentence (a start–end range) a new piece starts."""
    out: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    position = 0
    for a, b in sorted(leads):
        if a < position:
            continue
        chunk = text[position:a].strip()
        if chunk:
            current["text"] = chunk
        if current:
            out.append(current)
        current = {"lead": text[a:b].strip()}
        position = b
    chunk = text[position:].strip()
    if chunk:
        current["text"] = chunk
    if current:
        out.append(current)
    return out

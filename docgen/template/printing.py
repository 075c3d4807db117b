"""How a printed value becomes the text of the document: every ``{{ … }}`` of every template passes here.

One function for both ways a template renders — through Jinja (its ``finalize``) and through a bundled
template's compiled program (`docgen.template.program`) — so their output is the same by construction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import markupsafe
from markupsafe import Markup, escape

from docgen.template.content import current as current_render
from docgen.template.content import rich_value


def finalize(value: Any) -> str:
    """Every ``{{ … }}`` output passes here, and is escaped here, once (the environment is told so and does
    not escape it again, see `docgen.template.sandbox`).

    ``None`` prints as nothing (an absent optional field), docxtpl's images and sub-documents print their
    XML (their parts recorded for this render), and braces in content become character references so
    docxtpl's ``{_{`` → ``{{`` post-processing can never rewrite a user's text.

    Anything but plain text — or text with characters XML cannot hold — marks the render's state, so that
    even a trusted template's output is then parsed before it is written (`Template._render_part` in
    `docgen.template.prepared`)."""
    if type(value) is str:
        if not value.isprintable() and _XML_ILLEGAL.search(value):
            _may_break_xml()
        text = _escape_text(value)
        if "{" in text or "}" in text:
            return text.replace("{", "&#123;").replace("}", "&#125;")
        return text
    if value is None:
        return _NOTHING
    if type(value) is not int and type(value) is not float:
        _may_break_xml()  # Markup, RichText, images, anything else: XML or text of its own
        if isinstance(value, Markup):
            return value
        if not isinstance(value, (str, int, float)):
            rich = rich_value(value)
            if rich is not None:
                return rich
    escaped = escape(value)
    if "{" in escaped or "}" in escaped:
        return Markup(str(escaped).replace("{", "&#123;").replace("}", "&#125;"))
    return escaped


_NOTHING = Markup()
# The C function markupsafe 3's escape() wraps: a plain str, without a Markup built around it (a tenth of
# the time). Same characters, same references; an older markupsafe gets escape() itself.
_escape_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", None) or (lambda text: str(escape(text)))
# Characters XML 1.0 cannot hold (surrogates fail the UTF-8 encoding before any check).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _may_break_xml() -> None:
    state = current_render()
    if state is not None:
        state.may_break_xml = True

"""The render API: a `Speech` into a template, to bytes or to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docgen.output import write_atomic
from docgen.template import Template, get_template

if TYPE_CHECKING:
    from docgen.model import Speech


def render(speech: Speech, template: str | Path | Template = "speech") -> bytes:
    """The .docx of ``speech`` as bytes. ``template`` is a bundled name, a .docx path or a `Template`.

    >>> from docgen import Speech, render
    >>> render(Speech(title="在全县工作会议上的讲话", closing="谢谢大家！"))[:2]
    b'PK'
    """
    return get_template(template).render(speech)


def render_file(speech: Speech, path: str | Path, template: str | Path | Template = "speech") -> Path:
    """Render ``speech`` and write it to ``path`` atomically: on any error the target is left untouched."""
    return write_atomic(path, render(speech, template))

"""The render API: a `Speech` into a template, to bytes or to a file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.output.files import write_atomic
from docgen.template.prepared import BUNDLED_SUFFIX, Template, _is_bundled_name, get_template, templates_dir

if TYPE_CHECKING:
    from docgen.model.speech import Speech


def render(speech: Speech, template: str | Path | Template = "speech") -> bytes:
    """The .docx of ``speech`` as bytes. ``template`` is a bundled name, a .docx path or a `Template`.

    >>> from docgen import Speech, render
    >>> render(Speech(title="在全县工作会议上的讲话", closing="谢谢大家！"))[:2]
    b'PK'
    """
    return get_template(template).render(speech)


def render_file(
    speech: Speech,
    path: str | Path,
    template: str | Path | Template = "speech",
    *,
    inputs: Iterable[str | Path] = (),
    overwrite: bool = True,
) -> Path:
    """Render ``speech`` and write it to ``path`` atomically: on any error the target is left untouched.

    The target is never the template file nor one of ``inputs`` (see `docgen.output.files.check_target`)."""
    protected = [*inputs, *filter(None, [template_file(template)])]
    return write_atomic(path, render(speech, template), inputs=protected, overwrite=overwrite)


def template_file(template: str | Path | Template) -> Path | None:
    """The file a template argument names (a bundled one's file too), so outputs never replace it."""
    if isinstance(template, Template):
        return None
    if _is_bundled_name(template):
        return templates_dir() / f"{template}{BUNDLED_SUFFIX}"
    return Path(template)

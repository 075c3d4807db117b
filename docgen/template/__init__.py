"""Templates: the prepared `Template`, its sandbox and budget, package checks, variable analysis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docgen.lazy import lazy_exports

_EXPORTS = {
    "Template": "docgen.template.prepared",
    "bundled_names": "docgen.template.prepared",
    "render": "docgen.template.rendering",
    "render_file": "docgen.template.rendering",
}
__all__ = ["Template", "bundled_names", "render", "render_file"]

if TYPE_CHECKING:
    from docgen.template.prepared import Template, bundled_names
    from docgen.template.rendering import render, render_file

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

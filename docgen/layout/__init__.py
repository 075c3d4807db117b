"""The page: `LayoutProfile`, units and 字号, the template builder, the checker (XML and paper)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docgen.lazy import lazy_exports

_EXPORTS = {
    "LayoutProfile": "docgen.layout.profile",
    "STANDARD": "docgen.layout.profile",
    "build_template": "docgen.layout.build",
    "check_docx": "docgen.layout.check",
    "CheckReport": "docgen.layout.check",
}
__all__ = ["STANDARD", "CheckReport", "LayoutProfile", "build_template", "check_docx"]

if TYPE_CHECKING:
    from docgen.layout.build import build_template
    from docgen.layout.check import CheckReport, check_docx
    from docgen.layout.profile import STANDARD, LayoutProfile

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

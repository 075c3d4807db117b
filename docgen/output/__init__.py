"""Writing results: atomic and safe file writes, PDF through LibreOffice, the batch runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docgen.lazy import lazy_exports

_EXPORTS = {
    "to_pdf": "docgen.output.pdf",
    "PdfError": "docgen.output.pdf",
}
__all__ = ["PdfError", "to_pdf"]

if TYPE_CHECKING:
    from docgen.output.pdf import PdfError, to_pdf

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

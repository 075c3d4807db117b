"""docgen: Chinese official speeches (讲话稿) as Word files laid out by GB/T 9704-2012.

>>> from docgen import Speech, render_file
>>> speech = Speech(title="在全县工作会议上的讲话", salutation="同志们", closing="谢谢大家！")
>>> render_file(speech, "讲话.docx")  # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # not typing's: importing typing costs `docgen --help` a third of its start-up

__version__ = "0.1.0"

# Public name → module. Imports are lazy so that `docgen --help` and small scripts start fast.
_EXPORTS = {
    "Speech": "docgen.model.speech",
    "Point": "docgen.model.speech",
    "PraisePoint": "docgen.model.speech",
    "Praise": "docgen.model.speech",
    "Recommendation": "docgen.model.speech",
    "Recommendations": "docgen.model.speech",
    "load_speech": "docgen.model.load",
    "parse_speech": "docgen.model.load",
    "render": "docgen.template.rendering",
    "render_file": "docgen.template.rendering",
    "Template": "docgen.template.prepared",
    "bundled_names": "docgen.template.prepared",
    "LayoutProfile": "docgen.layout.profile",
    "STANDARD": "docgen.layout.profile",
    "build_template": "docgen.layout.build",
    "to_pdf": "docgen.output.pdf",
    "PdfError": "docgen.output.pdf",
    "DocgenError": "docgen.errors",
    "SpeechValidationError": "docgen.errors",
    "InputFileError": "docgen.errors",
    "TemplateError": "docgen.errors",
    "RenderError": "docgen.errors",
    "OutputError": "docgen.errors",
    "import_text": "docgen.importer",
    "import_docx": "docgen.importer",
    "import_file": "docgen.importer",
    "ImportResult": "docgen.importer",
    "ImportReport": "docgen.importer",
    "MissingTitleError": "docgen.importer",
}

__all__ = [
    "STANDARD",
    "DocgenError",
    "ImportReport",
    "ImportResult",
    "InputFileError",
    "LayoutProfile",
    "MissingTitleError",
    "OutputError",
    "PdfError",
    "Point",
    "Praise",
    "PraisePoint",
    "Recommendation",
    "Recommendations",
    "RenderError",
    "Speech",
    "SpeechValidationError",
    "Template",
    "TemplateError",
    "build_template",
    "bundled_names",
    "import_docx",
    "import_file",
    "import_text",
    "load_speech",
    "parse_speech",
    "render",
    "render_file",
    "to_pdf",
]

if TYPE_CHECKING:
    from typing import Any

    from docgen.errors import (
        DocgenError,
        InputFileError,
        OutputError,
        RenderError,
        SpeechValidationError,
        TemplateError,
    )
    from docgen.importer import ImportReport, ImportResult, MissingTitleError, import_docx, import_file, import_text
    from docgen.layout.build import build_template
    from docgen.layout.profile import STANDARD, LayoutProfile
    from docgen.model.load import load_speech, parse_speech
    from docgen.model.speech import Point, Praise, PraisePoint, Recommendation, Recommendations, Speech
    from docgen.output.pdf import PdfError, to_pdf
    from docgen.template.prepared import Template, bundled_names
    from docgen.template.rendering import render, render_file


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

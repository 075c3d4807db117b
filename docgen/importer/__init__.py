"""Importing drafts: plain text or a .docx speech → `Speech`, with a report of how every paragraph was read.

Nothing is dropped: each paragraph lands in the nearest sensible part of the speech, in order, and the report
says what was placed by position, what was normalised and what a .docx held that a speech cannot.

>>> result = import_text("在全县工作会议上的讲话\\n同志们:\\n今天召开会议。\\n我就讲这些,谢谢大家!")
>>> result.speech.salutation, result.speech.closing, result.report.widened_marks
('同志们：', ['我就讲这些，谢谢大家！'], 3)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.lazy import lazy_exports

if TYPE_CHECKING:
    from docgen.importer.report import (
        ClassifiedParagraph,
        DraftImportError,
        ImportReport,
        ImportResult,
        MissingTitleError,
        Role,
    )

# The report's classes load with the first import (``docgen render`` of a YAML file reads DRAFT_SUFFIXES only).
_REPORT_NAMES = ("ClassifiedParagraph", "DraftImportError", "ImportReport", "ImportResult", "MissingTitleError", "Role")
__getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(_REPORT_NAMES, "docgen.importer.report"))

__all__ = [
    "ClassifiedParagraph",
    "DraftImportError",
    "ImportReport",
    "ImportResult",
    "MissingTitleError",
    "Role",
    "import_docx",
    "import_file",
    "import_text",
    "speech_yaml",
]

TEXT_SUFFIXES = (".txt", ".text", ".md")
DRAFT_SUFFIXES = (*TEXT_SUFFIXES, ".docx")


def import_text(text: str, *, title: str | None = None, source: str = "<文本>") -> ImportResult:
    """Read a speech from plain text, one paragraph per line (blank lines are ignored).

    ``title`` supplies the title when the draft has none (or replaces it; a differing first line is then kept
    as an opening paragraph). Raises `MissingTitleError` when there is no title either way.
    """
    from docgen.importer.report import ImportReport
    from docgen.importer.source import text_paragraphs

    report = ImportReport(source=source)
    return _assemble(text_paragraphs(text, report), report, title=title, styled=False)


def import_docx(path: str | Path, *, title: str | None = None) -> ImportResult:
    """Read a speech from a .docx: paragraphs in body order, table cells and text boxes as paragraphs
    (reported), images and other objects reported as not taken. A document docgen rendered is read back by
    its styles (讲话标题, 讲话一级标题, 讲话首句 …), so bold lead sentences and run-in headings come back exactly."""
    from docgen.importer.docx_source import read_docx
    from docgen.importer.report import ImportReport

    path = Path(path)
    report = ImportReport(source=str(path), unit="段")
    paragraphs, styled = read_docx(path, report)
    return _assemble(paragraphs, report, title=title, styled=styled)


def import_file(path: str | Path, *, title: str | None = None, encoding: str | None = None) -> ImportResult:
    """`import_docx` for a .docx, else `import_text` on the file decoded as ``encoding``, or as detected:
    UTF-8 (BOM or not), UTF-16/32 with a BOM, GB18030/GBK or Big5 (see `docgen.importer.source.decode`;
    what cannot be decided is refused) — the report names the encoding used."""
    from docgen.importer.report import DraftImportError
    from docgen.importer.source import decode

    path = Path(path)
    if path.suffix.lower() == ".docx":
        if encoding is not None:
            raise DraftImportError(f"--encoding 只用于文本草稿；{path} 是 .docx，编码由文件本身决定")
        return import_docx(path, title=title)
    if path.suffix.lower() == ".doc":
        raise DraftImportError(f"{path} 是旧的 .doc 格式，请先在 Word 或 WPS 中另存为 .docx 或 .txt")
    from docgen.model.load import read_input

    raw = read_input(path, DraftImportError)
    text, used = decode(raw, str(path), encoding)
    result = import_text(text, title=title, source=str(path))
    result.report.encoding = used
    return result


def speech_yaml(speech: Any) -> str:
    """``speech`` as YAML that `docgen.load_speech` reads back to the same `Speech`: absent parts omitted,
    pieces with only text written as plain strings, one line per paragraph."""
    import yaml

    data = speech.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(_compact(data), allow_unicode=True, sort_keys=False, width=2**31 - 1)


_SWITCHES = ("run_in", "inline")


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        # Defaults are left out: absent parts, and the switches that are off (run_in, inline).
        compact = {
            k: _compact(v) for k, v in value.items() if v not in (None, [], {}) and not (v is False and k in _SWITCHES)
        }
        if list(compact) == ["text"]:
            return compact["text"]
        if set(compact) <= {"heading", "lead", "text"}:  # a point reads in print order
            return {k: compact[k] for k in ("heading", "lead", "text") if k in compact}
        return compact
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _assemble(paragraphs: list[Any], report: ImportReport, *, title: str | None, styled: bool) -> ImportResult:
    from docgen.importer.assemble import Assembler
    from docgen.importer.report import ImportResult
    from docgen.model.speech import Speech

    data = Assembler(paragraphs, report, title=title, styled=styled).speech_data()
    return ImportResult(Speech.model_validate(data), report)

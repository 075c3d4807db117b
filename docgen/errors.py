"""Error types: every failure a user can cause is a `DocgenError` with a message they can act on."""

from __future__ import annotations

from typing import NamedTuple


class DocgenError(Exception):
    """Base of every error docgen raises on purpose; its message is for the user (Chinese first)."""


# A NamedTuple, not a frozen dataclass: every process imports this module, and making a dataclass costs one
# (≈ 2 M instructions more than this named tuple: its generated methods are compiled at import).
class FieldProblem(NamedTuple):
    """One problem with one field of the input, e.g. ``recommendations.items[1].heading``."""

    path: str
    message: str
    line: int | None = None
    """The line of the field in the file it was read from, when it came from a file."""

    def __str__(self) -> str:
        where = f"第 {self.line} 行 " if self.line is not None else ""
        return f"{where}{self.path or '（整体）'}：{self.message}"


class SpeechValidationError(DocgenError):
    """The speech data is not valid; ``problems`` lists each field path and what is wrong with it.

    Deliberately not a ValueError: pydantic would wrap a ValueError raised inside validation again."""

    def __init__(self, problems: list[FieldProblem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        where = f"{source}：" if source else ""
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{where}讲话稿数据有 {len(problems)} 处错误：\n{lines}")


class InputFileError(DocgenError):
    """An input file is missing, unreadable, or not valid YAML/JSON."""


class TemplateError(DocgenError):
    """A template cannot be found, opened, or does not fit the speech context."""


class RenderError(DocgenError):
    """Rendering a speech into a template failed (e.g. the template uses a variable the context lacks)."""


class OutputError(DocgenError):
    """The output file cannot be written."""


class TemplateSecurityError(TemplateError, RenderError):
    """A template tried something a document template never needs: reaching Python internals, unbounded
    loops or output, entity declarations, zip bombs. Raised when the template is prepared where that can be
    seen in its text, otherwise during the render, before anything is written."""


class TemplateVariableError(TemplateError, RenderError):
    """A template uses variables the speech context does not provide; ``unknown`` lists them
    (``praise.pionts``), each with the closest known name when there is one."""

    def __init__(self, message: str, unknown: list[str]) -> None:
        self.unknown = unknown
        super().__init__(message)

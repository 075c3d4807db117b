"""Unix conventions of the command line in one place: ``-`` for standard input and output, global flags
anywhere on the line, and when to show progress (a terminal, not NO_COLOR-dumb, not a pipe)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

STDIO = "-"
"""The file name that stands for standard input (an input) or standard output (``-o -``)."""

STDIN_NAME = "<标准输入>"

GLOBAL_FLAGS = ("--debug", "--version")
"""Flags of `docgen` itself that may stand anywhere on the line, before or after the command."""


def hoist_global_flags(argv: Sequence[str]) -> list[str]:
    """``argv`` with the global flags moved in front of the command (``docgen render x --debug`` works like
    ``docgen --debug render x``). Nothing after a ``--`` is touched: that is where a file named --debug goes."""
    args = list(argv)
    end = args.index("--") if "--" in args else len(args)
    flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
    rest = [a for a in args[:end] if a not in GLOBAL_FLAGS]
    return [*dict.fromkeys(flags), *rest, *args[end:]]


def read_stdin_text() -> str:
    """All of standard input as text (UTF-8, a BOM allowed), or an error saying how to give it."""
    from docgen.errors import InputFileError

    if sys.stdin is None or sys.stdin.isatty():
        raise InputFileError(
            "输入文件为“-”，但标准输入是终端；请用管道或重定向给出内容，如 cat 讲话.yaml | docgen render - -o 讲话.docx"
        )
    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"第 {exc.start + 1} 个字节无法解码"
        raise InputFileError(f"{STDIN_NAME} 不是 UTF-8 编码（{where}）；请先转为 UTF-8") from None


def read_stdin_speech() -> Any:
    """A speech from standard input: JSON when it starts with ``{``, otherwise YAML."""
    from docgen.model.load import parse_speech

    text = read_stdin_text()
    fmt = "json" if text.lstrip().startswith("{") else "yaml"
    return parse_speech(text, format=fmt, source=STDIN_NAME)


def write_stdout_bytes(data: bytes, what: str) -> None:
    """Binary output (a .docx) to standard output — refused when that is a terminal, where it would be noise."""
    from docgen.errors import OutputError

    if sys.stdout.isatty():
        raise OutputError(f"不把{what}写到终端：请重定向到文件（> 讲话.docx）或交给管道，或用 -o 给出文件名")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def show_progress(stream: Any = None) -> bool:
    """Progress bars and other terminal-only output: only on a terminal that is not dumb. NO_COLOR
    (https://no-color.org) turns colour off; docgen prints none, and progress bars stay plain."""
    stream = sys.stderr if stream is None else stream
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"

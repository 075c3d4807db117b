"""What several commands share: reading a speech or a draft, choosing the template and where the output
goes, their options, and the error a user's mistake becomes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def output_path(source: Path, output: str | None, suffix: str) -> Path:
    """``-o`` as given (a file, or a folder to put ``<input name><suffix>`` in), else beside the input."""
    from docgen.output.files import check_name

    target = check_name(Path(output) if output else source.with_suffix(suffix))
    if target.is_dir() and not target.is_symlink():
        target = target / f"{source.stem}{suffix}"
    return target  # docgen.output.files.check_target refuses it if it is the input, a link or not a regular file


def read_speech(source: Path, title: str | None, encoding: str | None = None) -> Any:
    """A YAML/JSON speech, or a .txt/.docx draft imported on the fly (its import summary on stderr)."""
    from docgen.importer import DRAFT_SUFFIXES, import_file
    from docgen.model.load import load_speech

    if source.suffix.lower() not in DRAFT_SUFFIXES:
        if title is not None:
            raise user_error("--title 只用于导入 .txt / .docx 草稿；YAML / JSON 的标题请写在 title 字段")
        if encoding is not None:
            raise user_error("--encoding 只用于 .txt 草稿；YAML / JSON 文件须为 UTF-8")
        return load_speech(source)
    result = import_file(source, title=title, encoding=encoding)
    print(result.report.summary(), file=sys.stderr)
    return result.speech


def chosen_template(name: str, strip_external: bool) -> Any:
    """The prepared template; with ``--strip-external`` its external and active parts removed and listed."""
    from docgen.template.prepared import get_template

    if not strip_external:
        return get_template(name)
    from docgen.template.active_content import stripped_template

    template, removed = stripped_template(name)
    for item in removed:
        print(f"已去掉：{item}", file=sys.stderr)
    return template


def user_error(message: str) -> Exception:
    from docgen.errors import DocgenError

    return DocgenError(message)


def add_template_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-t", "--template", default="speech", metavar="模板", help="内置模板名称或 .docx 模板路径（默认：speech）"
    )
    parser.add_argument(
        "--strip-external",
        action="store_true",
        help="模板含外部链接、宏、OLE、INCLUDE/LINK/DDE 域等时去掉它们再用（默认拒绝），并列出去掉了什么",
    )


def add_encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        metavar="编码",
        help="文本草稿的编码（utf-8、gb18030、big5、utf-16…）；默认自动识别，识别不了时报错并提示用此选项",
    )

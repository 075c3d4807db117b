"""``docgen import``: a plain-text or Word draft into the YAML of a speech, with its report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from docgen.cli import EXIT_OK
from docgen.cli.options import add_encoding_option, output_path
from docgen.output.stdio import STDIN_NAME, STDIO, read_stdin_text


def add_import(commands: Any) -> None:
    """``docgen import``: its parser, added to the command line's ``commands``."""
    draft = commands.add_parser(
        "import",
        help="把现成的讲话稿（.txt / .docx）转成 YAML",
        description=(
            "把纯文本或 Word 讲话稿导入为结构化的 YAML：识别标题、副标题、日期、讲话人、称谓、开头、\n"
            "“一是、二是”、不足、“一、二、”建议及“（一）”、首句和结束语。每一段都会保留，\n"
            "并报告每段归入了哪里、改了哪些标点、哪些按位置推断、哪些内容（图片等）未导入。\n"
            "文本文件的编码自动识别（UTF-8/16/32、GB18030/GBK、Big5），识别不了时报错，可用 --encoding 指明。\n"
            "已有同名 .yaml 时不覆盖（加 --force 覆盖）；绝不覆盖输入文件本身。\n"
            "English: import a plain-text or .docx draft into YAML."
        ),
        epilog=(
            "示例：\n  docgen import 草稿.txt -o 讲话.yaml\n"
            '  docgen import 草稿.docx --title "在全县工作会议上的讲话"\n'
            "  docgen render 草稿.txt -o 讲话.docx      # 直接导入并生成"
        ),
    )
    draft.add_argument("input", metavar="输入文件", help="草稿（.txt / .docx）")
    draft.add_argument(
        "-o",
        "--output",
        metavar="输出文件",
        help="生成的 .yaml（默认：与输入同名，扩展名改为 .yaml）；可给文件夹；- 表示输出到屏幕",
    )
    draft.add_argument(
        "--title", metavar="标题", help="讲话稿标题：草稿没有标题时必须给出；草稿首行与它不同时，首行按开头段落保留"
    )
    draft.add_argument("-v", "--verbose", action="store_true", help="列出每一段归入了哪一部分")
    draft.add_argument("--force", action="store_true", help="覆盖已有的 .yaml（不会覆盖输入文件本身）")
    add_encoding_option(draft)
    draft.set_defaults(handler=_command_import)


def _command_import(args: argparse.Namespace) -> int:
    from docgen.importer import import_file
    from docgen.output.files import check_target

    if args.input == STDIO:  # a draft on standard input: plain text, the YAML to standard output unless -o
        from docgen.importer import import_text

        result = import_text(read_stdin_text(), title=args.title, source=STDIN_NAME)
        return _write_import(args, result, None if args.output in (None, STDIO) else Path(args.output), [])
    source = Path(args.input)
    target = None if args.output == STDIO else output_path(source, args.output, ".yaml")
    if target is not None:  # refused before the import, so a refusal costs nothing
        check_target(target, [source], overwrite=args.force, hint="加 --force 覆盖，或用 -o 换一个文件名")
    result = import_file(source, title=args.title, encoding=args.encoding)
    return _write_import(args, result, target, [source])


def _write_import(args: argparse.Namespace, result: Any, target: Path | None, inputs: list[Path]) -> int:
    from docgen.importer import speech_yaml
    from docgen.output.files import check_target, write_atomic

    if target is not None and not inputs:
        check_target(target, [], overwrite=args.force, hint="加 --force 覆盖，或用 -o 换一个文件名")
    text = speech_yaml(result.speech)
    if args.verbose:
        print(result.report.details(), file=sys.stderr)
    print(result.report.summary(), file=sys.stderr)
    if target is None:
        sys.stdout.write(text)
        return EXIT_OK
    hint = "加 --force 覆盖，或用 -o 换一个文件名"
    written = write_atomic(target, text.encode("utf-8"), inputs=inputs, overwrite=args.force, hint=hint)
    print(f"已生成：{written}")
    return EXIT_OK

"""``docgen render``: one speech (or draft) into a .docx, and optionally a PDF beside it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from docgen.cli import EXIT_OK
from docgen.cli.options import (
    add_encoding_option,
    add_template_option,
    chosen_template,
    output_path,
    read_speech,
    user_error,
)
from docgen.output.stdio import STDIO, read_stdin_speech, write_stdout_bytes


def add_render(commands: Any) -> None:
    """``docgen render``: its parser, added to the command line's ``commands``."""
    render = commands.add_parser(
        "render",
        help="把讲话稿（YAML/JSON）生成 Word 文档",
        description="把讲话稿（YAML 或 JSON）按公文格式生成 .docx。\nEnglish: render a speech file into a .docx.",
        epilog=(
            "示例：\n  docgen render examples/seed.yaml -o 讲话.docx\n"
            "  docgen render 讲话.yaml --template 我的模板.docx"
        ),
    )
    render.add_argument(
        "input", metavar="输入文件", help="讲话稿文件（.yaml / .yml / .json），或 .txt / .docx 草稿（自动导入）"
    )
    render.add_argument("--title", metavar="标题", help="草稿没有标题时用它（只用于 .txt / .docx 草稿）")
    add_encoding_option(render)
    render.add_argument(
        "-o", "--output", metavar="输出文件", help="生成的 .docx（默认：与输入同名，扩展名改为 .docx）；可给文件夹"
    )
    add_template_option(render)
    render.add_argument(
        "--pdf", action="store_true", help="同时在 .docx 旁生成同名 PDF（需要 LibreOffice，字体按公文字体名映射）"
    )
    render.set_defaults(handler=_command_render)


def _command_render(args: argparse.Namespace) -> int:
    if args.input == STDIO or args.output == STDIO:
        return _render_stdio(args)
    # LibreOffice starts first: its start-up is most of a conversion's time, and all of the rest (imports,
    # checks, the render) runs meanwhile. It writes nothing of the user's and is ended if anything fails.
    with _office_if(args.pdf) as office:
        from docgen.output.files import check_target
        from docgen.template.rendering import render_file, template_file

        source = Path(args.input)
        target = output_path(source, args.output, ".docx")
        protected = [source, *filter(None, [template_file(args.template)])]
        check_target(target, protected)  # both outputs pass the rule before any file is written
        if args.pdf:
            check_target(target.with_suffix(".pdf"), protected)
        template = chosen_template(args.template, args.strip_external)
        speech = read_speech(source, args.title, args.encoding)
        written = render_file(speech, target, template, inputs=protected)
        print(f"已生成：{written}")
        if args.pdf:
            from docgen.output.pdf import to_pdf

            print(f"已生成：{to_pdf(written, protect=protected, office=office)}")
    return EXIT_OK


def _office_if(pdf: bool) -> Any:
    """A LibreOffice starting now for the PDF to come (`docgen.output.pdf.started_office`), or nothing."""
    import contextlib

    if not pdf:
        return contextlib.nullcontext(None)
    from docgen.output.pdf import started_office

    return started_office()


def _render_stdio(args: argparse.Namespace) -> int:
    """``render -`` (a YAML/JSON speech on standard input) and/or ``-o -`` (the .docx on standard output)."""
    from docgen.output.files import check_target
    from docgen.template.rendering import render, render_file, template_file

    if args.pdf and args.output == STDIO:
        raise user_error("--pdf 不能与 -o - 同用：PDF 写在 .docx 旁边，请用 -o 给出文件名")
    if args.input == STDIO and not args.output:
        raise user_error("从标准输入读取时请用 -o 给出输出文件（-o - 表示写到标准输出）")
    if args.input == STDIO and (args.title is not None or args.encoding is not None):
        raise user_error("标准输入只读 YAML / JSON 讲话稿；草稿请先 docgen import - 转成 YAML")
    protected = [*filter(None, [template_file(args.template)])]
    if args.input != STDIO:
        protected.append(Path(args.input))
    target = None if args.output == STDIO else output_path(Path("讲话"), args.output, ".docx")
    if target is not None:
        check_target(target, protected)
        if args.pdf:
            check_target(target.with_suffix(".pdf"), protected)
    with _office_if(args.pdf) as office:
        template = chosen_template(args.template, args.strip_external)
        stdin = args.input == STDIO
        speech = read_stdin_speech() if stdin else read_speech(Path(args.input), args.title, args.encoding)
        if target is None:
            write_stdout_bytes(render(speech, template), "Word 文档（二进制）")
            return EXIT_OK
        written = render_file(speech, target, template, inputs=protected)
        print(f"已生成：{written}")
        if args.pdf:
            from docgen.output.pdf import to_pdf

            print(f"已生成：{to_pdf(written, protect=protected, office=office)}")
    return EXIT_OK

"""The `docgen` command: render, schema, templates. Help and messages in Chinese; exit 0 / 2 (your input) / 1 (ours)."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USER = 2

DESCRIPTION = """\
docgen：按党政机关公文格式（GB/T 9704-2012）生成讲话稿 Word 文档。
把讲话稿写成 YAML 或 JSON（标题、称谓、开头、一是/二是……、一、二、……、结束语），
docgen 负责编号、字体字号、每页 22 行每行 28 字的版心和“— 1 —”页码。

English: renders structured Chinese speeches (YAML/JSON) into official-format .docx files."""

EPILOG = """\
示例：
  docgen render examples/seed.yaml -o 讲话.docx
  docgen schema > speech.schema.json
  docgen templates"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese headings and errors that end with exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str) -> NoReturn:
        message = (
            message.replace("the following arguments are required", "缺少参数")
            .replace("unrecognized arguments", "无法识别的参数")
            .replace("invalid choice", "无效的选项")
            .replace("argument ", "参数 ")
            .replace("expected one argument", "需要一个值")
        )
        self.print_usage(sys.stderr)
        print(f"错误：{message}\n（docgen {self.prog.split()[-1]} --help 查看帮助）", file=sys.stderr)
        raise SystemExit(EXIT_USER)


def _command_render(args: argparse.Namespace) -> int:
    from docgen.load import load_speech
    from docgen.rendering import render_file

    source = Path(args.input)
    target = Path(args.output) if args.output else source.with_suffix(".docx")
    if target.is_dir():
        target = target / f"{source.stem}.docx"
    if target.resolve() == source.resolve():
        raise _user_error(f"输出文件 {target} 与输入文件相同，请用 -o 指定另一个文件名")
    speech = load_speech(source)
    written = render_file(speech, target, args.template)
    print(f"已生成：{written}")
    return EXIT_OK


def _command_schema(args: argparse.Namespace) -> int:
    from docgen.model import Speech

    text = json.dumps(Speech.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        from docgen.output import write_atomic

        write_atomic(args.output, text.encode("utf-8"))
        print(f"已生成：{args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _command_templates(args: argparse.Namespace) -> int:
    from docgen.profile import PROFILES
    from docgen.template import bundled_names, templates_dir

    print(f"内置模板（{templates_dir()}）：")
    for name in bundled_names():
        profile = PROFILES.get(name)
        print(f"  {name:<16}{profile.description if profile else ''}")
    print("用 --template 名称 选用内置模板，或 --template 路径.docx 使用自己的模板。")
    return EXIT_OK


def _user_error(message: str) -> Exception:
    from docgen.errors import DocgenError

    return DocgenError(message)


def build_parser() -> argparse.ArgumentParser:
    from docgen import __version__

    parser = _Parser(prog="docgen", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"docgen {__version__}", help="显示版本并退出")
    parser.add_argument("--debug", action="store_true", help="出错时显示完整的调用栈（供报告问题用）")
    commands = parser.add_subparsers(title="命令", metavar="命令", parser_class=_Parser)

    render = commands.add_parser(
        "render",
        help="把讲话稿（YAML/JSON）生成 Word 文档",
        description="把讲话稿（YAML 或 JSON）按公文格式生成 .docx。\nEnglish: render a speech file into a .docx.",
        epilog=(
            "示例：\n  docgen render examples/seed.yaml -o 讲话.docx\n"
            "  docgen render 讲话.yaml --template 我的模板.docx"
        ),
    )
    render.add_argument("input", metavar="输入文件", help="讲话稿文件（.yaml / .yml / .json）")
    render.add_argument(
        "-o", "--output", metavar="输出文件", help="生成的 .docx（默认：与输入同名，扩展名改为 .docx）；可给文件夹"
    )
    render.add_argument(
        "-t", "--template", default="speech", metavar="模板", help="内置模板名称或 .docx 模板路径（默认：speech）"
    )
    render.set_defaults(handler=_command_render)

    schema = commands.add_parser(
        "schema",
        help="输出讲话稿数据的 JSON Schema",
        description="输出 Speech 的 JSON Schema，供编辑器校验或大模型生成结构化内容。\nEnglish: print the JSON Schema.",
    )
    schema.add_argument("-o", "--output", metavar="输出文件", help="写入文件（默认：输出到屏幕）")
    schema.set_defaults(handler=_command_schema)

    templates = commands.add_parser(
        "templates", help="列出内置模板", description="列出内置模板。\nEnglish: list bundled templates."
    )
    templates.set_defaults(handler=_command_templates)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``docgen`` and ``python -m docgen``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USER
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:
        from docgen.errors import DocgenError

        if args.debug:
            traceback.print_exc()
        if isinstance(exc, DocgenError):
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_USER
        print(
            f"内部错误：{type(exc).__name__}: {exc}\n这是 docgen 的问题，不是您的输入有误；"
            "请加 --debug 重新运行并把输出报告给我们。",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())

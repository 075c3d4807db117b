"""The `docgen` command: render, batch, import, check, stats, schema, templates, cache.

Chinese help and messages; exit 0 / 2 (bad input, or a check that could not run) / 3 (`check` found the file
not conforming) / 1 (a docgen bug)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from docgen.output.stdio import hoist_global_flags

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USER = 2
EXIT_NONCONFORMING = 3  # `check`: the file was checked and does not conform

DESCRIPTION = """\
docgen：按党政机关公文格式（GB/T 9704-2012）生成讲话稿 Word 文档。
把讲话稿写成 YAML 或 JSON（标题、称谓、开头、一是/二是……、一、二、……、结束语），
docgen 负责编号、字体字号、每页 22 行每行 28 字的版心和“— 1 —”页码。

English: renders structured Chinese speeches (YAML/JSON) into official-format .docx files."""

EPILOG = """\
示例：
  docgen render examples/seed.yaml -o 讲话.docx
  docgen import 草稿.txt -o 讲话.yaml
  docgen schema > speech.schema.json
  docgen templates
  docgen templates export speech 我的模板.docx
  docgen templates check 我的模板.docx
  docgen cache"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
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
        # self.prog is "docgen" or "docgen render": the hint names the command once ("docgen render --help").
        command = " ".join([*self.prog.split()[:1], *self.prog.split()[1:], "--help"])
        print(f"错误：{message}\n（{command} 查看帮助）", file=sys.stderr)
        raise SystemExit(EXIT_USER)


COMMANDS = {
    "render": ("render", "add_render"),
    "batch": ("batch", "add_batch"),
    "import": ("drafts", "add_import"),
    "check": ("reports", "add_check"),
    "stats": ("reports", "add_stats"),
    "schema": ("reports", "add_schema"),
    "templates": ("templates", "add_templates"),
    "cache": ("cache", "add_cache"),
}
"""Each command, in the order the help lists them: the module of `docgen.cli` that holds it and the function
there that adds its parser."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` (one of `COMMANDS`), holding only that command.

    Building a command's parser costs a start-up ≈ 1 ms (argparse makes a help formatter and looks up its
    translations for each argument), and ``docgen render`` would build all seven. A line that names its
    command is parsed, and its errors and help made, by that command's parser alone, which is the same
    either way; anything else (``docgen --help``, a mistyped command) gets them all."""
    import importlib

    from docgen import __version__

    parser = Parser(prog="docgen", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"docgen {__version__}", help="显示版本并退出")
    parser.add_argument("--debug", action="store_true", help="出错时显示完整的调用栈（供报告问题用）")
    commands = parser.add_subparsers(title="命令", metavar="命令", parser_class=Parser)
    for name, (module, adder) in COMMANDS.items():
        if command is None or name == command:
            getattr(importlib.import_module(f"docgen.cli.{module}"), adder)(commands)
    return parser


def named_command(arguments: Sequence[str]) -> str | None:
    """The command a line (global flags in front, `hoist_global_flags`) names, if its first word after
    ``--debug`` is one of `COMMANDS`; None for anything the top-level parser answers itself."""
    for word in arguments:
        if word != "--debug":
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``docgen`` and ``python -m docgen``; returns the exit status."""
    arguments = hoist_global_flags(sys.argv[1:] if argv is None else argv)
    parser = build_parser(named_command(arguments))
    args = parser.parse_args(arguments)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USER
    _show_warnings_in_chinese()
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:
        from docgen.errors import DocgenError

        if args.debug:
            import traceback  # only here: it costs a start-up its tokenizer and line cache

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


def _show_warnings_in_chinese() -> None:
    """docgen's own warnings (`OutputWarning`: a hard link that could not be kept…) as one line on stderr."""
    import warnings

    from docgen.output.files import OutputWarning

    default = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, OutputWarning):
            print(f"警告：{message}", file=sys.stderr)
        else:
            default(message, category, *args, **kwargs)

    warnings.showwarning = show

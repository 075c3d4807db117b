"""The `docgen` command: render, batch, import, check, stats, schema, templates.

Chinese help and messages; exit 0 / 2 (bad input, or a check that could not run) / 3 (`check` found the file
not conforming) / 1 (a docgen bug)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from docgen.output.stdio import (
    STDIN_NAME,
    STDIO,
    hoist_global_flags,
    read_stdin_speech,
    read_stdin_text,
    show_progress,
    write_stdout_bytes,
)

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
  docgen templates check 我的模板.docx"""


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
        # self.prog is "docgen" or "docgen render": the hint names the command once ("docgen render --help").
        command = " ".join([*self.prog.split()[:1], *self.prog.split()[1:], "--help"])
        print(f"错误：{message}\n（{command} 查看帮助）", file=sys.stderr)
        raise SystemExit(EXIT_USER)


def _command_render(args: argparse.Namespace) -> int:
    if args.input == STDIO or args.output == STDIO:
        return _render_stdio(args)
    # LibreOffice starts first: its start-up is most of a conversion's time, and all of the rest (imports,
    # checks, the render) runs meanwhile. It writes nothing of the user's and is ended if anything fails.
    with _office_if(args.pdf) as office:
        from docgen.output.files import check_target
        from docgen.template.rendering import render_file, template_file

        source = Path(args.input)
        target = _output_path(source, args.output, ".docx")
        protected = [source, *filter(None, [template_file(args.template)])]
        check_target(target, protected)  # both outputs pass the rule before any file is written
        if args.pdf:
            check_target(target.with_suffix(".pdf"), protected)
        template = _template(args.template, args.strip_external)
        speech = _read_speech(source, args.title, args.encoding)
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
        raise _user_error("--pdf 不能与 -o - 同用：PDF 写在 .docx 旁边，请用 -o 给出文件名")
    if args.input == STDIO and not args.output:
        raise _user_error("从标准输入读取时请用 -o 给出输出文件（-o - 表示写到标准输出）")
    if args.input == STDIO and (args.title is not None or args.encoding is not None):
        raise _user_error("标准输入只读 YAML / JSON 讲话稿；草稿请先 docgen import - 转成 YAML")
    protected = [*filter(None, [template_file(args.template)])]
    if args.input != STDIO:
        protected.append(Path(args.input))
    target = None if args.output == STDIO else _output_path(Path("讲话"), args.output, ".docx")
    if target is not None:
        check_target(target, protected)
        if args.pdf:
            check_target(target.with_suffix(".pdf"), protected)
    with _office_if(args.pdf) as office:
        template = _template(args.template, args.strip_external)
        stdin = args.input == STDIO
        speech = read_stdin_speech() if stdin else _read_speech(Path(args.input), args.title, args.encoding)
        if target is None:
            write_stdout_bytes(render(speech, template), "Word 文档（二进制）")
            return EXIT_OK
        written = render_file(speech, target, template, inputs=protected)
        print(f"已生成：{written}")
        if args.pdf:
            from docgen.output.pdf import to_pdf

            print(f"已生成：{to_pdf(written, protect=protected, office=office)}")
    return EXIT_OK


def _output_path(source: Path, output: str | None, suffix: str) -> Path:
    """``-o`` as given (a file, or a folder to put ``<input name><suffix>`` in), else beside the input."""
    from docgen.output.files import check_name

    target = check_name(Path(output) if output else source.with_suffix(suffix))
    if target.is_dir() and not target.is_symlink():
        target = target / f"{source.stem}{suffix}"
    return target  # docgen.output.files.check_target refuses it if it is the input, a link or not a regular file


def _read_speech(source: Path, title: str | None, encoding: str | None = None) -> Any:
    """A YAML/JSON speech, or a .txt/.docx draft imported on the fly (its import summary on stderr)."""
    from docgen.importer import DRAFT_SUFFIXES, import_file
    from docgen.model.load import load_speech

    if source.suffix.lower() not in DRAFT_SUFFIXES:
        if title is not None:
            raise _user_error("--title 只用于导入 .txt / .docx 草稿；YAML / JSON 的标题请写在 title 字段")
        if encoding is not None:
            raise _user_error("--encoding 只用于 .txt 草稿；YAML / JSON 文件须为 UTF-8")
        return load_speech(source)
    result = import_file(source, title=title, encoding=encoding)
    print(result.report.summary(), file=sys.stderr)
    return result.speech


def _command_import(args: argparse.Namespace) -> int:
    from docgen.importer import import_file
    from docgen.output.files import check_target

    if args.input == STDIO:  # a draft on standard input: plain text, the YAML to standard output unless -o
        from docgen.importer import import_text

        result = import_text(read_stdin_text(), title=args.title, source=STDIN_NAME)
        return _write_import(args, result, None if args.output in (None, STDIO) else Path(args.output), [])
    source = Path(args.input)
    target = None if args.output == STDIO else _output_path(source, args.output, ".yaml")
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


def _command_schema(args: argparse.Namespace) -> int:
    from docgen.model.schema import speech_schema

    text = json.dumps(speech_schema(strict=args.strict), ensure_ascii=False, indent=2) + "\n"
    if args.output and args.output != "-":
        from docgen.output.files import write_atomic

        write_atomic(args.output, text.encode("utf-8"))
        print(f"已生成：{args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _command_check(args: argparse.Namespace) -> int:
    from docgen.layout.check import CheckReport, check_docx
    from docgen.layout.profile import PROFILES

    if args.template is not None and args.template not in PROFILES:
        raise _user_error(f"没有名为“{args.template}”的版式；可用：{'、'.join(PROFILES)}")
    profile = PROFILES[args.template] if args.template else None
    report: CheckReport
    if args.paper:
        from docgen.layout.paper_check import check_paper

        report = check_paper(args.input, profile)
        heading = f"{report.path} 纸面检查（LibreOffice 排版后量 PDF），对照“{report.profile}”版式"
    else:
        report = check_docx(args.input, profile)
        heading = f"{report.path} 对照“{report.profile}”版式"
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"{heading}（{report.basis}）：")
        for finding in report.findings:
            detail = finding.found if finding.ok else f"{finding.found}（应为 {finding.expected}）"
            print(f"  {finding.mark} {finding.item}：{detail}{'' if finding.judged else '（无从测量，未判定）'}")
        unjudged = sum(not f.judged for f in report.findings)
        note = f"（{unjudged} 项未判定）" if unjudged else ""
        print(f"结论：符合{note}" if report.ok else f"结论：{len(report.failed)} 项不符合{note}")
    # 3, not 2: the check ran and the file does not conform — the user's command was right (see README).
    return EXIT_OK if report.ok else EXIT_NONCONFORMING


def _command_stats(args: argparse.Namespace) -> int:
    from docgen.model.stats import speech_stats

    try:
        stats = speech_stats(_read_speech(Path(args.input), None, args.encoding), rate=args.rate)
    except ValueError as exc:
        raise _user_error(str(exc)) from None
    if args.json:
        print(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"字数：{stats.characters}（其中汉字 {stats.han_characters}），段落：{stats.paragraphs}")
        print(f"讲话时长：{stats.duration}（按每分钟 {stats.rate} 字计；--rate 可改，讲话一般 150–240 字/分钟）")
    return EXIT_OK


def _command_templates(args: argparse.Namespace) -> int:
    from docgen.layout.profile import PROFILES
    from docgen.template.prepared import bundled_names, templates_dir

    print(f"内置模板（{templates_dir()}）：")
    for name in bundled_names():
        profile = PROFILES.get(name)
        print(f"  {name:<16}{profile.description if profile else ''}")
    print("用 --template 名称 选用内置模板，或 --template 路径.docx 使用自己的模板。")
    print("docgen templates export 名称 文件.docx 导出内置模板供在 Word 中修改；")
    print("docgen templates check 文件.docx 检查模板用到的变量。")
    return EXIT_OK


def _command_templates_export(args: argparse.Namespace) -> int:
    from docgen.output.files import check_name, write_atomic
    from docgen.template.prepared import BUNDLED_SUFFIX, bundled_names, templates_dir

    if args.name not in bundled_names():
        names = "、".join(bundled_names())
        raise _user_error(f"没有名为“{args.name}”的内置模板；可用：{names}（docgen templates 列出全部）")
    target = check_name(args.file)
    if target.is_dir():
        target = target / f"{args.name}{BUNDLED_SUFFIX}"
    if target.suffix.lower() != BUNDLED_SUFFIX:
        raise _user_error(f"导出文件 {target} 应以 .docx 结尾，Word 才能打开；请改为 {target.with_suffix('.docx')}")
    bundled_file = templates_dir() / f"{args.name}{BUNDLED_SUFFIX}"
    hint = "加 --force 覆盖，或换一个文件名"
    bundled_files = [templates_dir() / f"{name}{BUNDLED_SUFFIX}" for name in bundled_names()]  # never replaced
    written = write_atomic(target, bundled_file.read_bytes(), inputs=bundled_files, overwrite=args.force, hint=hint)
    print(f"已导出：{written}")
    print(f"在 Word 中修改样式或加入 {{{{ 变量 }}}} 标签后，用 docgen templates check {written} 检查。")
    return EXIT_OK


def _command_templates_check(args: argparse.Namespace) -> int:
    from docgen.template.active_content import scan, strip_package
    from docgen.template.package import read_package
    from docgen.template.prepared import Template

    data = Template._read(Template._resolve(args.file))
    found = scan(read_package(data, args.file))
    blocked = [item for item in found if not item.allowed]
    template = Template(args.file, data=strip_package(data)[0]) if blocked else Template(args.file)
    lines = template.variables.lines(args.file)
    if blocked:  # the variables' verdict would say 可以使用; the template is not usable as it is
        lines = [line for line in lines if not line.startswith("结论：")]
    print("\n".join(lines))
    if found:
        print(f"外部或可执行的内容（{len(blocked)} 处须去掉）：")
    for item in found:
        print(f"  {'注意' if item.allowed else '✗'} {item}")
    if blocked:
        print(
            f"结论：不能直接使用——含 {len(blocked)} 处外部或可执行的内容，渲染时会被拒绝；"
            "请在 Word 中删除，或渲染时加 --strip-external 去掉。"
        )
    if blocked or not template.variables.ok:
        return EXIT_USER
    print(f"使用：docgen render 讲话.yaml --template {args.file}")
    return EXIT_OK


def _command_batch(args: argparse.Namespace) -> int:
    import os
    import time

    from docgen.output import batch
    from docgen.template.rendering import template_file

    started = time.monotonic()
    _freeze_at_exit()
    if args.jobs < 0:
        raise _user_error(f"-j 应为进程数（≥ 1，0 表示全部 CPU），而不是 {args.jobs}")
    template = _template(args.template, args.strip_external)  # a bad one stops the batch before any output
    protected = list(filter(None, [template_file(args.template)]))
    jobs = batch.plan(args.inputs, args.output, force=args.force, pdf=args.pdf, protect=protected)
    if not jobs:
        raise _user_error(batch.no_inputs_message(args.inputs))
    outdir = batch.ensure_outdir(args.output)
    summary = batch.Summary(outdir, template.name, pdf_requested=args.pdf)
    summary.ignored_files = batch.ignored_in_folders(args.inputs)

    terminal = show_progress()
    with _progress_bar(len(jobs), terminal) as bar:
        for outcome in batch.run(jobs, template, workers=args.jobs or os.cpu_count() or 1, force=args.force):
            summary.outcomes.append(outcome)
            bar.update()
            if not outcome.ok:
                bar.write(f"失败：{outcome.error}", file=sys.stderr)
    summary.outcomes.sort(key=lambda outcome: outcome.index)
    if args.pdf:
        if terminal:
            count = len(summary.outcomes) - len(summary.failed)
            print(f"正在用 LibreOffice 转换 PDF（{count} 个文件）……", file=sys.stderr)
        summary.outcomes, summary.pdf_error = batch.convert_to_pdf(summary.outcomes, outdir, protected)
        if summary.pdf_error:
            print(f"PDF 转换失败：{summary.pdf_error}", file=sys.stderr)
    summary.seconds = time.monotonic() - started

    if args.json or not sys.stdout.isatty():
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
    else:
        done = len(summary.outcomes) - len(summary.failed) - len(summary.skipped)
        for outcome in summary.skipped:
            print(f"跳过：{outcome.source}：{outcome.skipped}", file=sys.stderr)
        for path, reason in summary.ignored_files:
            print(f"未读取：{path}：{reason}", file=sys.stderr)
        skipped = f"，跳过 {len(summary.skipped)} 个（已存在）" if summary.skipped else ""
        print(
            f"已生成 {done} 个文件{skipped}，失败 {len(summary.failed)} 个，"
            f"输出文件夹：{outdir}（{summary.seconds:.1f} 秒）"
        )
    if any(outcome.internal for outcome in summary.outcomes):
        return EXIT_INTERNAL
    return EXIT_OK if summary.ok else EXIT_USER


def _progress_bar(total: int, terminal: bool) -> Any:
    """The batch's progress bar on a terminal (tqdm); elsewhere only its messages, and tqdm not imported."""
    if not terminal:
        return _NoProgressBar()
    from tqdm import tqdm

    class Progress(tqdm):  # type: ignore[type-arg]
        monitor_interval = 0  # no monitor thread: worker processes are forked after the bar exists

    return Progress(total=total, unit="篇", desc="生成", file=sys.stderr)


class _NoProgressBar:
    """What the batch asks of a progress bar when there is none to draw: messages are still printed."""

    def __enter__(self) -> _NoProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self) -> None:
        return None

    def write(self, message: str, file: Any = None) -> None:
        print(message, file=file)


def _freeze_at_exit() -> None:
    """At the interpreter's exit, put every object out of the garbage collector's sight (`gc.freeze`): its last
    collection then does not walk the whole heap of a batch (≈ 40 ms for 500 documents) only to find nothing;
    the memory goes back to the system with the process."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)  # once, however many batches one process runs
    atexit.register(gc.freeze)


def _template(name: str, strip_external: bool) -> Any:
    """The prepared template; with ``--strip-external`` its external and active parts removed and listed."""
    from docgen.template.prepared import get_template

    if not strip_external:
        return get_template(name)
    from docgen.template.active_content import stripped_template

    template, removed = stripped_template(name)
    for item in removed:
        print(f"已去掉：{item}", file=sys.stderr)
    return template


def _user_error(message: str) -> Exception:
    from docgen.errors import DocgenError

    return DocgenError(message)


def _add_template_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-t", "--template", default="speech", metavar="模板", help="内置模板名称或 .docx 模板路径（默认：speech）"
    )
    parser.add_argument(
        "--strip-external",
        action="store_true",
        help="模板含外部链接、宏、OLE、INCLUDE/LINK/DDE 域等时去掉它们再用（默认拒绝），并列出去掉了什么",
    )


def _add_encoding_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding",
        metavar="编码",
        help="文本草稿的编码（utf-8、gb18030、big5、utf-16…）；默认自动识别，识别不了时报错并提示用此选项",
    )


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
    render.add_argument(
        "input", metavar="输入文件", help="讲话稿文件（.yaml / .yml / .json），或 .txt / .docx 草稿（自动导入）"
    )
    render.add_argument("--title", metavar="标题", help="草稿没有标题时用它（只用于 .txt / .docx 草稿）")
    _add_encoding_option(render)
    render.add_argument(
        "-o", "--output", metavar="输出文件", help="生成的 .docx（默认：与输入同名，扩展名改为 .docx）；可给文件夹"
    )
    _add_template_option(render)
    render.add_argument(
        "--pdf", action="store_true", help="同时在 .docx 旁生成同名 PDF（需要 LibreOffice，字体按公文字体名映射）"
    )
    render.set_defaults(handler=_command_render)

    batch = commands.add_parser(
        "batch",
        help="把多篇讲话稿一次生成 Word 文档（可多进程、可转 PDF）",
        description=(
            "把多个讲话稿文件（或文件夹中的全部 .yaml / .yml / .json，不含子文件夹）生成到一个输出文件夹。\n"
            "输出文件以输入文件命名；重名时依次加 -2、-3（a.yaml、a.json → a.docx、a-2.docx）；\n"
            "已有的文件不覆盖（除非 --force）。某篇出错时报告原因并继续其余各篇，最后以退出码 2 结束。\n"
            "在终端上显示进度条；加 --json 或输出不是终端时，在标准输出给出 JSON 汇总。\n"
            "English: render many speech files into OUTDIR, with worker processes, optional PDF and a JSON summary."
        ),
        epilog=(
            "示例：\n  docgen batch 讲话稿/ -o 输出/ -j 2\n"
            "  docgen batch a.yaml b.json -o 输出/ --pdf --json > 汇总.json"
        ),
    )
    batch.add_argument(
        "inputs",
        nargs="+",
        metavar="输入",
        help="讲话稿文件或文件夹（.yaml / .yml / .json / .txt 草稿；.docx 草稿须逐个列出）",
    )
    batch.add_argument("-o", "--output", required=True, metavar="输出文件夹", help="生成文件的文件夹（不存在时创建）")
    batch.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="同时运行的进程数（默认 1；0 表示 CPU 核数）"
    )
    _add_template_option(batch)
    batch.add_argument("--pdf", action="store_true", help="同时生成 PDF（全部文件一次 LibreOffice 转换）")
    batch.add_argument("--force", action="store_true", help="覆盖输出文件夹中已有的同名文件")
    batch.add_argument("--json", action="store_true", help="在标准输出给出 JSON 汇总（输出不是终端时默认如此）")
    batch.set_defaults(handler=_command_batch)

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
    _add_encoding_option(draft)
    draft.set_defaults(handler=_command_import)

    check = commands.add_parser(
        "check",
        help="检查 .docx 是否符合公文版式（--paper：排版后在纸面上量）",
        description=(
            "检查任意 .docx 的纸张、页边距、网格、字体、字号、行距、页码和主题字体是否符合版式。\n"
            "--paper：用 LibreOffice 排版成 PDF 后实测每页行数、每行字数、版心、页码位置和页末标题。\n"
            "docgen 生成的文件按它所用的内置版式检查，其他文件按标准版式 speech 检查；-t 可指定。\n"
            "退出码：0 符合；3 检查完成但有不符合项；2 无法检查（找不到文件、不是 .docx、缺 LibreOffice 等）。\n"
            "English: check a .docx against a layout profile, in its XML or (--paper) measured on the PDF\n"
            "LibreOffice makes of it. Exit 0 conforms, 3 does not conform, 2 could not check."
        ),
        epilog=(
            "示例：\n  docgen check 讲话.docx\n  docgen check --paper 同事的讲话.docx\n"
            "  docgen check 讲话.docx --template speech-large --json"
        ),
    )
    check.add_argument("input", metavar="文档", help="要检查的 .docx")
    check.add_argument(
        "-t", "--template", default=None, metavar="版式", help="对照的版式（默认：docgen 文件用其版式，其他用 speech）"
    )
    check.add_argument("--paper", action="store_true", help="在纸面上检查：LibreOffice 排版成 PDF 后测量")
    check.add_argument("--json", action="store_true", help="以 JSON 输出检查结果（--paper 时含每页实测数据）")
    check.set_defaults(handler=_command_check)

    stats = commands.add_parser(
        "stats",
        help="统计字数和讲话时长",
        description="统计讲话稿的字数（按 Word 的算法）和宣读时长。\nEnglish: word count and delivery time.",
        epilog="示例：\n  docgen stats examples/seed.yaml --rate 180",
    )
    stats.add_argument("input", metavar="输入文件", help="讲话稿文件（.yaml / .yml / .json，或 .txt / .docx 草稿）")
    stats.add_argument("--rate", type=int, default=200, metavar="字每分钟", help="语速（默认 200 字/分钟）")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出")
    _add_encoding_option(stats)
    stats.set_defaults(handler=_command_stats)

    schema = commands.add_parser(
        "schema",
        help="输出讲话稿数据的 JSON Schema",
        description="输出 Speech 的 JSON Schema，供编辑器校验或大模型生成结构化内容。\nEnglish: print the JSON Schema.",
    )
    schema.add_argument("-o", "--output", metavar="输出文件", help="写入文件（默认或 - ：输出到标准输出）")
    schema.add_argument(
        "--strict",
        action="store_true",
        help="大模型结构化输出（strict 模式）用：每个字段必填、没有的写 null、不含 pattern 等不支持的关键字",
    )
    schema.set_defaults(handler=_command_schema)

    templates = commands.add_parser(
        "templates",
        help="列出、导出、检查模板",
        description=(
            "不带子命令时列出内置模板。\n"
            "English: list bundled templates; export one to edit in Word; check a template's variables."
        ),
        epilog=(
            "示例：\n  docgen templates\n  docgen templates export speech 我的模板.docx\n"
            "  docgen templates check 我的模板.docx"
        ),
    )
    templates.set_defaults(handler=_command_templates)
    template_commands = templates.add_subparsers(title="子命令", metavar="子命令", parser_class=_Parser)
    export = template_commands.add_parser(
        "export",
        help="导出内置模板，供在 Word 中修改",
        description=(
            "把内置模板写成 .docx，供在 Word 中修改样式、加入标签。\nEnglish: write a bundled template to a file."
        ),
    )
    export.add_argument("name", metavar="名称", help="内置模板名称（docgen templates 列出）")
    export.add_argument("file", metavar="文件", help="写入的 .docx（可给文件夹）")
    export.add_argument("--force", action="store_true", help="覆盖已有的文件")
    export.set_defaults(handler=_command_templates_export)
    check = template_commands.add_parser(
        "check",
        help="检查模板用到的变量：哪些由讲话稿提供、哪些未知、哪些字段没有用到",
        description=(
            "列出模板用到的变量和块，指出讲话稿数据中没有的变量（拼写错误）和模板没有用到的讲话稿字段。\n"
            "退出码：0 可以使用；2 有未知变量或模板不安全、无法打开。\n"
            "English: list a template's variables and blocks; exit 2 when it uses unknown variables."
        ),
    )
    check.add_argument("file", metavar="模板", help=".docx 模板文件，或内置模板名称")
    check.set_defaults(handler=_command_templates_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``docgen`` and ``python -m docgen``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(hoist_global_flags(sys.argv[1:] if argv is None else argv))
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


if __name__ == "__main__":
    raise SystemExit(main())

"""``docgen batch``: many speeches into one folder, with worker processes, a progress bar or a JSON summary."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from docgen.cli import EXIT_INTERNAL, EXIT_OK, EXIT_USER
from docgen.cli.options import add_template_option, chosen_template, user_error
from docgen.output.stdio import show_progress


def add_batch(commands: Any) -> None:
    """``docgen batch``: its parser, added to the command line's ``commands``."""
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
    add_template_option(batch)
    batch.add_argument("--pdf", action="store_true", help="同时生成 PDF（全部文件一次 LibreOffice 转换）")
    batch.add_argument("--force", action="store_true", help="覆盖输出文件夹中已有的同名文件")
    batch.add_argument("--json", action="store_true", help="在标准输出给出 JSON 汇总（输出不是终端时默认如此）")
    batch.set_defaults(handler=_command_batch)


def _command_batch(args: argparse.Namespace) -> int:
    import os
    import time

    from docgen.output import batch
    from docgen.template.rendering import template_file

    started = time.monotonic()
    _freeze_at_exit()
    if args.jobs < 0:
        raise user_error(f"-j 应为进程数（≥ 1，0 表示全部 CPU），而不是 {args.jobs}")
    template = chosen_template(args.template, args.strip_external)  # a bad one stops the batch before any output
    protected = list(filter(None, [template_file(args.template)]))
    jobs = batch.plan(args.inputs, args.output, force=args.force, pdf=args.pdf, protect=protected)
    if not jobs:
        raise user_error(batch.no_inputs_message(args.inputs))
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
        summary.write_json(sys.stdout)  # json.dumps(summary.as_json(), …, indent=2), a document at a time
        print()
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

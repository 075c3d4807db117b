"""``docgen check``, ``stats`` and ``schema``: what a document, a speech or the data format is, reported."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from docgen.cli import EXIT_NONCONFORMING, EXIT_OK
from docgen.cli.options import add_encoding_option, read_speech, user_error


def add_check(commands: Any) -> None:
    """``docgen check``: its parser, added to the command line's ``commands``."""
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


def add_stats(commands: Any) -> None:
    """``docgen stats``: its parser, added to the command line's ``commands``."""
    stats = commands.add_parser(
        "stats",
        help="统计字数和讲话时长",
        description="统计讲话稿的字数（按 Word 的算法）和宣读时长。\nEnglish: word count and delivery time.",
        epilog="示例：\n  docgen stats examples/seed.yaml --rate 180",
    )
    stats.add_argument("input", metavar="输入文件", help="讲话稿文件（.yaml / .yml / .json，或 .txt / .docx 草稿）")
    stats.add_argument("--rate", type=int, default=200, metavar="字每分钟", help="语速（默认 200 字/分钟）")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_encoding_option(stats)
    stats.set_defaults(handler=_command_stats)


def add_schema(commands: Any) -> None:
    """``docgen schema``: its parser, added to the command line's ``commands``."""
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
        raise user_error(f"没有名为“{args.template}”的版式；可用：{'、'.join(PROFILES)}")
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
        stats = speech_stats(read_speech(Path(args.input), None, args.encoding), rate=args.rate)
    except ValueError as exc:
        raise user_error(str(exc)) from None
    if args.json:
        print(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"字数：{stats.characters}（其中汉字 {stats.han_characters}），段落：{stats.paragraphs}")
        print(f"讲话时长：{stats.duration}（按每分钟 {stats.rate} 字计；--rate 可改，讲话一般 150–240 字/分钟）")
    return EXIT_OK

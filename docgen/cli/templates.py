"""``docgen templates``: list the bundled templates, export one to edit in Word, check a template's variables."""

from __future__ import annotations

import argparse
from typing import Any

from docgen.cli import EXIT_OK, EXIT_USER, Parser
from docgen.cli.options import user_error


def add_templates(commands: Any) -> None:
    """``docgen templates``: its parser, added to the command line's ``commands``."""
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
    template_commands = templates.add_subparsers(title="子命令", metavar="子命令", parser_class=Parser)
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
        raise user_error(f"没有名为“{args.name}”的内置模板；可用：{names}（docgen templates 列出全部）")
    target = check_name(args.file)
    if target.is_dir():
        target = target / f"{args.name}{BUNDLED_SUFFIX}"
    if target.suffix.lower() != BUNDLED_SUFFIX:
        raise user_error(f"导出文件 {target} 应以 .docx 结尾，Word 才能打开；请改为 {target.with_suffix('.docx')}")
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

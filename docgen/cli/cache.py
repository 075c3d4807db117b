"""``docgen cache``: show what docgen keeps in the per-user cache, and clear it."""

from __future__ import annotations

import argparse
from typing import Any

from docgen.cli import EXIT_OK, Parser

_KIND_NAMES = {
    "template": "内置模板的预处理结果",
    "schema": "讲话稿数据模型的校验结构",
    "help": "帮助文本",
    "office": "LibreOffice 配置（转 PDF 用）",
    "obsolete": "旧版本格式的条目",
    "temporary": "中断写入留下的临时文件",
}


def add_cache(commands: Any) -> None:
    """``docgen cache``: its parser, added to the command line's ``commands``."""
    cache = commands.add_parser(
        "cache",
        help="查看、清空 docgen 的缓存",
        description=(
            "不带子命令时列出缓存文件夹中 docgen 的条目（按种类计数和大小）及每种保留的上限。\n"
            "缓存只为加快启动；删掉的条目下次用到时重新生成。文件夹中不是 docgen 写的文件一概不动。\n"
            "English: show docgen's per-user cache (entries by kind, sizes, bounds); `clear` empties it."
        ),
        epilog="示例：\n  docgen cache\n  docgen cache clear",
    )
    cache.set_defaults(handler=_command_cache)
    subcommands = cache.add_subparsers(title="子命令", metavar="子命令", parser_class=Parser)
    clear = subcommands.add_parser(
        "clear",
        help="删除缓存中 docgen 的全部条目",
        description="删除缓存文件夹中 docgen 的全部条目（不跟随符号链接，不动别的文件）。\nEnglish: empty the cache.",
    )
    clear.set_defaults(handler=_command_cache_clear)


def _kind_name(kind: str) -> str:
    base, _, template = kind.partition(":")
    return f"{_KIND_NAMES[base]}（{template}）" if template else _KIND_NAMES[base]


def _size(size: int) -> str:
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _command_cache(args: argparse.Namespace) -> int:
    from docgen.user_cache import MAX_ENTRIES, cache_folder, entries

    folder = cache_folder()
    if folder is None:
        print("缓存已关闭（设置了 DOCGEN_NO_CACHE，或没有主目录）。")
        return EXIT_OK
    found = entries(folder)
    print(f"缓存文件夹：{folder}")
    if not found:
        print("  （没有 docgen 的条目）")
    by_kind: dict[str, list[int]] = {}
    for entry in found:
        by_kind.setdefault(entry.kind, []).append(entry.size)
    for kind, sizes in sorted(by_kind.items()):
        limit = MAX_ENTRIES.get(kind.partition(":")[0])
        bound = "" if limit is None else f"，最多保留 {limit} 个"
        print(f"  {_kind_name(kind)}：{len(sizes)} 个，{_size(sum(sizes))}{bound}")
    print("每种条目只保留最近写入的几个，旧版本和旧代码的条目自动删除；docgen cache clear 全部删除。")
    return EXIT_OK


def _command_cache_clear(args: argparse.Namespace) -> int:
    from docgen.user_cache import cache_folder, clear

    folder = cache_folder()
    if folder is None:
        print("缓存已关闭（设置了 DOCGEN_NO_CACHE，或没有主目录），没有要删除的。")
        return EXIT_OK
    removed = clear()
    print(f"已删除 {len(removed)} 个条目，共 {_size(sum(entry.size for entry in removed))}（{folder}）。")
    return EXIT_OK

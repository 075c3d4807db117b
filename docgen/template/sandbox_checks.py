"""The checks on a parsed template before it compiles: what a speech template never needs and an attack always does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jinja2 import nodes
from jinja2.filters import FILTERS

from docgen.errors import TemplateSecurityError

if TYPE_CHECKING:
    from docgen.template.sandbox import SandboxedEnvironment

MAX_BLOCK_NESTING = 12
"""How deep ``{% for %}``/``{% if %}``/macro blocks may nest (CPython compiles at most 20 nested blocks)."""
MAX_EXPRESSION_DEPTH = 60
"""How deep an expression may nest (CPython's parser stops near 200 parentheses)."""
FORBIDDEN_NAMES = frozenset(
    {
        "self",
        "config",
        "request",
        "session",
        "g",
        "url_for",
        "get_flashed_messages",
        "lipsum",
        "cycler",
        "joiner",
        "namespace",
        "__builtins__",
        "builtins",
        "os",
        "sys",
        "subprocess",
        "importlib",
        "eval",
        "exec",
        "open",
    }
)
"""Free names that only appear in server-side template injection payloads; refused by name."""

FORBIDDEN_ATTRIBUTES = frozenset(
    {
        "format",
        "format_map",
        "mro",
        "func_globals",
        "func_code",
        "gi_frame",
        "gi_code",
        "cr_frame",
        "cr_code",
        "ag_frame",
        "ag_code",
        "f_globals",
        "f_locals",
        "f_builtins",
        "f_back",
        "tb_frame",
        "tb_next",
        "co_code",
    }
)
"""Attributes, besides any starting with ``_``, that lead out of the sandbox or around its limits."""
SAFE_FILTERS = frozenset(
    {
        "abs",
        "attr",
        "batch",
        "capitalize",
        "center",
        "count",
        "d",
        "default",
        "dictsort",
        "e",
        "escape",
        "filesizeformat",
        "first",
        "float",
        "format",
        "groupby",
        "indent",
        "int",
        "items",
        "join",
        "last",
        "length",
        "list",
        "lower",
        "map",
        "max",
        "min",
        "pprint",
        "reject",
        "rejectattr",
        "replace",
        "reverse",
        "round",
        "select",
        "selectattr",
        "slice",
        "sort",
        "string",
        "striptags",
        "sum",
        "title",
        "tojson",
        "trim",
        "truncate",
        "unique",
        "upper",
        "urlencode",
        "wordcount",
        "wordwrap",
        "xmlattr",
    }
)
"""Jinja's filters a template may use. Each runs under the render budget; the ones whose arguments could
multiply memory (``format``, ``center``, ``indent``, ``wordwrap``, ``batch``, ``slice``, ``replace``, ``join``)
are measured before they run, and ``%`` formatting widths are capped at `MAX_FORMAT_WIDTH`."""

REFUSED_FILTERS = {
    "safe": "会把内容当作 XML 插入文档（可注入任意 Word 标记）",
    "forceescape": "与自动转义重复，会把 & 印成 &amp;amp;",
    "urlize": "生成 HTML 链接 <a>，Word 文档中无效；超链接请用 RichText(url_id=template.build_url_id(网址))",
    "random": "每次渲染结果不同；渲染应当只由数据决定",
}
"""Jinja's filters refused when the template is prepared, with the reason the message gives."""


def check_template(
    ast: nodes.Template, part: str, template_name: str, source: str = "", custom_filters: frozenset[str] = frozenset()
) -> None:
    """Refuse, with `TemplateSecurityError`, what a speech template never needs and an attack always does.

    The message names the part, the paragraph, the tag (found in ``source`` by the word it contains) and why."""
    problem = _first_problem(ast, custom_filters)
    if problem is not None:
        what, lineno, word = problem
        tag = _tag_on_line(source, lineno, word)
        shown = f"标签“{tag}”" if tag else "标签"
        raise TemplateSecurityError(
            f"模板 {template_name} 的 {part}（第 {lineno} 段附近）的{shown}{what}，已拒绝，未写出任何文件。"
            "请在 Word 中删除或改写这个标签（模板参考的“支持与拒绝”表列出可用的写法）"
        )


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def _tag_on_line(source: str, lineno: int, word: str) -> str | None:
    """The first tag on source line ``lineno`` containing ``word``, without its XML, shortened."""
    lines = source.split("\n")
    if not 0 < lineno <= len(lines):
        return None
    for match in _TAG.finditer(lines[lineno - 1]):
        text = re.sub(r"<[^>]*>", "", match.group(0))
        if word in text:
            return text if len(text) <= 80 else text[:77] + "…"
    return None


def _first_problem(ast: nodes.Template, custom_filters: frozenset[str] = frozenset()) -> tuple[str, int, str] | None:
    too_deep = _nesting(ast)  # first, and without recursion: the other walks recurse
    if too_deep is not None:
        return too_deep
    bound: set[str] = set()
    for binding in ast.find_all((nodes.Assign, nodes.For, nodes.Macro, nodes.CallBlock, nodes.With)):
        targets = [binding.target] if isinstance(binding, (nodes.Assign, nodes.For)) else []
        if isinstance(binding, nodes.With):
            targets = list(binding.targets)
        for target in targets:
            names = [target] if isinstance(target, nodes.Name) else list(target.find_all(nodes.Name))
            bound.update(n.name for n in names)
        if isinstance(binding, (nodes.Macro, nodes.CallBlock)):
            bound.update(a.name for a in binding.args)
    for node in _walk(ast):
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            key = node.attr if isinstance(node, nodes.Getattr) else _const_str(node.arg)
            if key in ("format", "format_map"):
                return (
                    f"调用了 str.{key}（可借格式串读取对象内部），不可用；请改用 |format 过滤器或 % 格式化，"
                    '如 {{ "%.2f"|format(x) }}',
                    node.lineno,
                    key,
                )
            if key is not None and (key.startswith("_") or key in FORBIDDEN_ATTRIBUTES):
                return f"访问了内部属性“{key}”（可借此逃出沙箱）", node.lineno, key
        elif isinstance(node, nodes.Name) and node.ctx == "load" and node.name in FORBIDDEN_NAMES:
            if node.name not in bound:
                return f"使用了“{node.name}”（模板注入常用的对象）", node.lineno, node.name
        elif isinstance(node, nodes.Filter) and node.name not in custom_filters and node.name in REFUSED_FILTERS:
            return f"使用了过滤器“{node.name}”：{REFUSED_FILTERS[node.name]}", node.lineno, node.name
        elif isinstance(node, nodes.Filter) and node.name in FILTERS and node.name not in SAFE_FILTERS:
            if node.name not in custom_filters:
                return f"使用了不可用的过滤器“{node.name}”", node.lineno, node.name
        elif isinstance(node, (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            word = {nodes.Include: "include", nodes.Extends: "extends"}.get(type(node), "import")
            return "引用了其他模板（include/import/extends）：模板只能由这一个文件组成", node.lineno, word
        elif isinstance(node, (nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
            return (
                "关闭或修改了自动转义（autoescape）：内容中的 < & 会变成 XML，损坏文档或注入标记",
                node.lineno,
                "autoescape",
            )
    return None


def _walk(node: nodes.Node) -> Iterator[nodes.Node]:
    yield node
    yield from node.find_all(nodes.Node)


def _const_str(node: nodes.Node) -> str | None:
    return node.value if isinstance(node, nodes.Const) and isinstance(node.value, str) else None


_BLOCKS = (nodes.For, nodes.If, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.With, nodes.Block)


def _nesting(ast: nodes.Template) -> tuple[str, int, str] | None:
    stack: list[tuple[nodes.Node, int, int]] = [(ast, 0, 0)]
    node: nodes.Node
    while stack:
        node, blocks, depth = stack.pop()
        if isinstance(node, _BLOCKS):
            blocks += 1
            if blocks > MAX_BLOCK_NESTING:
                return f"块嵌套超过 {MAX_BLOCK_NESTING} 层", node.lineno, "{%"
        if depth > MAX_EXPRESSION_DEPTH:
            return f"表达式嵌套超过 {MAX_EXPRESSION_DEPTH} 层", node.lineno, "{"
        stack.extend((child, blocks, depth + 1) for child in node.iter_child_nodes())
    return None


def parse(environment: SandboxedEnvironment, source: str, part: str) -> nodes.Template:
    """The parsed template ``source``; its syntax errors become `TemplateError`s naming the part."""
    from jinja2 import TemplateSyntaxError

    from docgen.errors import TemplateError

    try:
        return environment.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板 {environment.template_name} 的 {part} 有 Jinja 语法错误：{exc.message}（第 {exc.lineno} 段附近）"
        ) from None
    except RecursionError:
        raise TemplateSecurityError(f"模板 {environment.template_name} 的 {part} 嵌套过深，无法解析，已拒绝") from None

"""The Jinja environment every template renders in: sandboxed, budgeted, and blind to everything but its context.

Jinja's `ImmutableSandboxedEnvironment` already refuses ``_private`` attributes and mutation of lists and
dicts. A template from outside can still hang or exhaust memory without touching either, so on top of it:

- a template is scanned when it is prepared (`check_template`): attributes and keys starting with ``_``,
  the names server-side template injection reaches for (``self``, ``config``, ``request``, ``lipsum`` …),
  ``str.format``, filters that could not be budgeted, ``{% include %}`` and friends, turning autoescaping
  off, and nesting deeper than Python can compile are refused before anything renders;
- while rendering, every loop iteration, call, condition, assignment and piece of output is a *step*; a
  render may take `MAX_RENDER_STEPS` steps, `MAX_RENDER_SECONDS` seconds and produce `MAX_RENDER_CHARS`
  characters in all, no single value may exceed `MAX_VALUE_CHARS`, and calls may nest `MAX_CALL_DEPTH` deep;
- ``range`` is capped, ``+ * ** % / //`` are checked before they run, and only filters whose cost is linear
  in their input are available (``replace`` and ``join`` are checked before they run);
- ``lipsum``, ``cycler``, ``joiner`` and ``namespace`` are not there at all.

Every refusal is a `TemplateSecurityError` naming the template and what it tried.

A bundled template is docgen's own code, tested with the rest: it is checked when prepared like any
other and renders in this sandbox, but without the budget (``budgeted=False``), which guards against what
a template says, never against the content it prints. A user's template always has it.
"""

from __future__ import annotations

import contextvars
import functools
import operator
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from jinja2 import Environment, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template as JinjaTemplate
from jinja2.filters import FILTERS
from jinja2.nodes import EvalContext
from jinja2.runtime import LoopContext, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_context
from jinja2.visitor import NodeTransformer

from docgen.errors import RenderError, TemplateSecurityError

MAX_RENDER_STEPS = 1_000_000
"""Loop iterations, calls, conditions, assignments and output pieces one render may take (the seed takes ~1,000)."""
MAX_RENDER_SECONDS = 30.0
"""Wall-clock limit of one render, a last resort behind the step and size limits."""
MAX_RENDER_CHARS = 128 * 1024 * 1024
"""Characters one render may produce, counting output and every string or list a filter or operator makes."""
MAX_VALUE_CHARS = 16 * 1024 * 1024
"""Longest string or list a template may make (the content itself is not limited)."""
MAX_RANGE = 100_000
"""Most items ``range()`` may yield."""
MAX_CALL_DEPTH = 50
"""How deep macro, ``caller()`` and recursive-loop calls may nest."""
MAX_INT_BITS = 4096
"""Largest integer arithmetic may make; ``9**9**9`` would otherwise take minutes."""
MAX_BLOCK_NESTING = 12
"""How deep ``{% for %}``/``{% if %}``/macro blocks may nest (CPython compiles at most 20 nested blocks)."""
MAX_EXPRESSION_DEPTH = 60
"""How deep an expression may nest (CPython's parser stops near 200 parentheses)."""

FORBIDDEN_NAMES = frozenset(
    {"self", "config", "request", "session", "g", "url_for", "get_flashed_messages", "lipsum", "cycler", "joiner",
     "namespace", "__builtins__", "builtins", "os", "sys", "subprocess", "importlib", "eval", "exec", "open"}
)
"""Free names that only appear in server-side template injection payloads; refused by name."""

FORBIDDEN_ATTRIBUTES = frozenset(
    {"format", "format_map", "mro", "func_globals", "func_code", "gi_frame", "gi_code", "cr_frame", "cr_code",
     "ag_frame", "ag_code", "f_globals", "f_locals", "f_builtins", "f_back", "tb_frame", "tb_next", "co_code"}
)
"""Attributes, besides any starting with ``_``, that lead out of the sandbox or around its limits."""

_AMPLIFYING_STR_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "join", "replace", "translate"}
)

SAFE_FILTERS = frozenset(
    {"abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape",
     "filesizeformat", "first", "float", "format", "groupby", "indent", "int", "items", "join", "last", "length",
     "list", "lower", "map", "max", "min", "pprint", "reject", "rejectattr", "replace", "reverse", "round",
     "select", "selectattr", "slice", "sort", "string", "striptags", "sum", "title", "tojson", "trim", "truncate",
     "unique", "upper", "urlencode", "wordcount", "wordwrap", "xmlattr"}
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

MAX_FORMAT_WIDTH = 1000
"""Widest field or precision a ``%`` format (``"%.2f" % x``, ``|format``) may ask for."""

_UNNEEDED_GLOBALS = ("lipsum", "cycler", "joiner", "namespace")
_STEP_FILTER = "docgen_step"
_ITERATE_FILTER = "docgen_iterate"
_CONCAT_FILTER = "docgen_concat"


class _Budget:
    """What is left of one render's allowance; one per render, so renders on other threads never share it."""

    def __init__(self, template_name: str) -> None:
        self.template_name = template_name
        self.steps = MAX_RENDER_STEPS
        self.chars = MAX_RENDER_CHARS
        self.depth = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS

    def refuse(self, what: str) -> TemplateSecurityError:
        return TemplateSecurityError(f"模板 {self.template_name} {what}，已停止渲染，未写出任何文件")

    def step(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise self.refuse(f"执行超过 {MAX_RENDER_STEPS:,} 步（循环或调用过多）")
        if not self.steps & 0x3FF and time.monotonic() > self.deadline:
            raise self.refuse(f"渲染超过 {MAX_RENDER_SECONDS:.0f} 秒")

    def spend(self, steps: int, chars: int) -> None:
        """``steps`` steps and ``chars`` characters of output at once."""
        self.steps -= steps
        if self.steps < 0:
            raise self.refuse(f"执行超过 {MAX_RENDER_STEPS:,} 步（循环或调用过多）")
        if time.monotonic() > self.deadline:
            raise self.refuse(f"渲染超过 {MAX_RENDER_SECONDS:.0f} 秒")
        self.chars -= chars
        if self.chars < 0:
            raise self.refuse(f"生成的内容超过 {MAX_RENDER_CHARS:,} 个字符")

    def charge(self, value: Any) -> None:
        if isinstance(value, (str, list, tuple, dict, set, frozenset)):
            self.charge_size(len(value))

    def charge_size(self, size: int) -> None:
        if size > MAX_VALUE_CHARS:
            raise self.refuse(f"生成了过大的值（{size:,} 个字符或元素，上限 {MAX_VALUE_CHARS:,}）")
        self.chars -= size
        if self.chars < 0:
            raise self.refuse(f"生成的内容超过 {MAX_RENDER_CHARS:,} 个字符")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("docgen_render_budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:
        # Only BudgetedTemplate.render runs a template; anything else (generate(), the optimizer folding a
        # constant at compile time) gets an error, never an unbudgeted render.
        raise RuntimeError("docgen templates run only through Template.render, which sets their budget")
    return budget


class BudgetedTemplate(JinjaTemplate):
    """A compiled template whose every render runs under a fresh `_Budget`, after the context check."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context_check: Callable[[Mapping[str, Any]], None] | None = getattr(self.environment, "context_check", None)
        if context_check is not None:
            context_check(args[0] if len(args) == 1 and not kwargs else dict(*args, **kwargs))
        token = _BUDGET.set(_Budget(getattr(self.environment, "template_name", "?")))
        try:
            return super().render(*args, **kwargs)
        finally:
            _BUDGET.reset(token)


class _Instrument(NodeTransformer):
    """Rewrites a parsed template so that loops, conditions, assignments and ``~`` pass through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)  # children are replaced in place
        node.iter = _filter(node.iter, _ITERATE_FILTER)
        return node

    def visit_If(self, node: nodes.If) -> nodes.Node:
        self.generic_visit(node)
        node.test = _filter(node.test, _STEP_FILTER)
        return node

    def visit_Assign(self, node: nodes.Assign) -> nodes.Node:
        self.generic_visit(node)
        node.node = _filter(node.node, _STEP_FILTER)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        items = nodes.List(node.nodes, lineno=node.lineno, environment=node.environment)
        return _filter(items, _CONCAT_FILTER)


def _filter(node: nodes.Node, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno, environment=node.environment)


class _EscapeOnceCodeGenerator(CodeGenerator):
    """``{{ x }}`` compiled to ``environment.finalize(x)`` alone when that finalize escapes (docgen's does,
    see `docgen.template.prepared`): Jinja's own ``escape(…)`` around it would escape every value a second time, only
    to find it already escaped. Constants are still escaped when compiled, as Jinja does."""

    def _escaped_by_finalize(self, finalize: CodeGenerator._FinalizeInfo) -> bool:
        return bool(getattr(self.environment, "finalize_escapes", False)) and finalize.src == "environment.finalize("

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if self._escaped_by_finalize(finalize):
            self.write("environment.finalize(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> None:
        if self._escaped_by_finalize(finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)

    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        # ``name.key`` on a plain dict is the key, as `SandboxedEnvironment.getattr` returns it: written out
        # here, without a call per lookup (the context is dicts; a long speech makes thousands of lookups).
        # Anything else, and any other expression, goes through the environment's getattr as before.
        if self.environment.is_async or not isinstance(node.node, nodes.Name) or node.node.ctx != "load":
            super().visit_Getattr(node, frame)
            return
        key = repr(node.attr)
        self.write("(")
        self.visit(node.node, frame)
        self.write(f"[{key}] if type(")
        self.visit(node.node, frame)
        self.write(f") is dict and {key} in ")
        self.visit(node.node, frame)
        self.write(" else environment.getattr(")
        self.visit(node.node, frame)
        self.write(f", {key}))")


class _BudgetedCodeGenerator(_EscapeOnceCodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        _Instrument().visit(node)
        super().visit_Template(node, frame)


@pass_context
def _step(context: Any, value: Any) -> Any:
    _budget().step()
    return value


@pass_context
def _iterate(context: Any, iterable: Any) -> Iterator[Any]:
    budget = _budget()
    if iterable is None or not hasattr(iterable, "__iter__"):
        return iter(iterable)  # the usual Jinja error for a non-iterable
    return _counted(iterable, budget)


def _counted(iterable: Iterable[Any], budget: _Budget) -> Iterator[Any]:
    for item in iterable:
        budget.step()
        yield item


@pass_context
def _concat(context: Any, values: list[Any]) -> str:
    budget = _budget()
    budget.charge_size(sum(len(v) if isinstance(v, str) else 16 for v in values))
    joined: str = (markup_join if context.eval_ctx.autoescape else str_join)(values)
    budget.charge(joined)
    return joined


@pass_context
def _range(context: Any, *args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _budget().refuse(f"调用 range() 产生 {len(numbers):,} 项（上限 {MAX_RANGE:,}）")
    return numbers


def _budgeted_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        if name == "replace":
            _precheck_replace(budget, args, kwargs)
        elif name == "join":
            args = _precheck_join(budget, args)
        elif name in _SIZE_PRECHECKS:
            # Some filters get the environment or evaluation context first (pass_environment, async variants).
            values = args[1:] if args and isinstance(args[0], (Environment, EvalContext)) else args
            _SIZE_PRECHECKS[name](budget, values, kwargs)
        result = function(*args, **kwargs)
        budget.charge(result)
        return result

    return wrapper


def _precheck_replace(budget: _Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_replace(eval_ctx, s, old, new, count=None)
    values = list(args[1:]) + [kwargs[k] for k in ("old", "new", "count") if k in kwargs]
    if len(values) < 3:
        return
    text, old, new = (str(v) for v in values[:3])
    count = values[3] if len(values) > 3 and isinstance(values[3], int) else None
    hits = text.count(old) if old else len(text) + 1
    if count is not None:
        hits = min(hits, max(count, 0))
    budget.charge_size(len(text) + hits * max(len(new) - len(old), 0))


def _precheck_join(budget: _Budget, args: tuple[Any, ...]) -> tuple[Any, ...]:
    # do_join(eval_ctx, value, d="", attribute=None): the items are made a list once, measured, then joined.
    if len(args) < 2:
        return args
    items = list(args[1])
    budget.charge_size(len(items))
    separator = str(args[2]) if len(args) > 2 else ""
    estimate = sum(len(i) if isinstance(i, str) else 16 for i in items) + len(separator) * max(len(items) - 1, 0)
    budget.charge_size(estimate)
    return (args[0], items, *args[2:])


def _argument(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, key: str, default: Any) -> Any:
    return args[index] if len(args) > index else kwargs.get(key, default)


def _size(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return len(str(value))


def _number(value: Any) -> int:
    return value if isinstance(value, int) else 0


def check_format(budget: _Budget, text: str, values: Any) -> None:
    """Before ``text % values`` runs: no ``*`` widths, none over `MAX_FORMAT_WIDTH`, and the result fits."""
    total = len(text)
    for match in _FORMAT_SPEC.finditer(text):
        for number in match.groups():
            if number == "*":
                raise budget.refuse("在字符串格式化（%）中用 * 指定宽度，模板中不可用；请直接写数字")
            if number and int(number) > MAX_FORMAT_WIDTH:
                raise budget.refuse(f"在字符串格式化（%）中要求宽度 {int(number):,}（上限 {MAX_FORMAT_WIDTH}）")
            total += int(number or 0)
    items = values.values() if isinstance(values, Mapping) else values if isinstance(values, tuple) else (values,)
    budget.charge_size(total + sum(len(str(v)) for v in items))


_FORMAT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _precheck_format(budget: _Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_format(value, *args, **kwargs) is str(value) % (kwargs or args)
    if args:
        check_format(budget, str(args[0]), kwargs or tuple(args[1:]))


def _precheck_center(budget: _Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    width = _number(_argument(args, kwargs, 1, "width", 80))
    budget.charge_size(_size(_argument(args, kwargs, 0, "value", "")) + width)


def _precheck_indent(budget: _Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = str(_argument(args, kwargs, 0, "s", ""))
    width = _argument(args, kwargs, 1, "width", 4)
    each = _number(width) if isinstance(width, int) else _size(width)
    budget.charge_size(len(text) + (text.count("\n") + 1) * each)


def _precheck_wordwrap(budget: _Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_wordwrap(s, width=79, break_long_words=True, wrapstring=None, ...), after its environment
    text = str(_argument(args, kwargs, 0, "s", ""))
    wrapstring = _argument(args, kwargs, 3, "wrapstring", None)
    budget.charge_size(len(text) * (1 + _size(wrapstring or "\n")))


def _precheck_batch(budget: _Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_batch(value, linecount, fill_with=None) / do_slice(value, slices, fill_with=None)
    count = _number(args[1] if len(args) > 1 else kwargs.get("linecount", kwargs.get("slices", 0)))
    budget.charge_size(_size(args[0]) + count if args else count)


_SIZE_PRECHECKS: dict[str, Callable[[_Budget, tuple[Any, ...], dict[str, Any]], None]] = {
    "format": _precheck_format,
    "center": _precheck_center,
    "indent": _precheck_indent,
    "wordwrap": _precheck_wordwrap,
    "batch": _precheck_batch,
    "slice": _precheck_batch,
}

_SIZED = (str, list, tuple)


def _checked_binop(budget: _Budget, symbol: str, left: Any, right: Any) -> Any:
    if symbol == "%" and isinstance(left, str):
        check_format(budget, left, right)
    elif symbol == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED):
        budget.charge_size(len(left) + len(right))
    elif symbol == "*" and isinstance(left, _SIZED) and isinstance(right, int):
        budget.charge_size(len(left) * max(right, 0))
    elif symbol == "*" and isinstance(right, _SIZED) and isinstance(left, int):
        budget.charge_size(len(right) * max(left, 0))
    elif _integer_bits(symbol, left, right) > MAX_INT_BITS:
        raise budget.refuse(f"整数运算（{symbol}）的结果超过 {MAX_INT_BITS} 位")
    try:
        return _BINOPS[symbol](left, right)
    except ArithmeticError as exc:
        raise RenderError(f"模板 {budget.template_name} 的算术运算出错：{exc}") from None


def _integer_bits(symbol: str, left: Any, right: Any) -> int:
    """About how many bits ``left symbol right`` makes, for integer ``*`` and ``**``; 0 otherwise."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return 0
    if symbol == "*":
        return left.bit_length() + right.bit_length()
    if symbol == "**" and abs(left) > 1 and right > 0:
        return left.bit_length() * right
    return 0


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "**": operator.pow,
    "%": operator.mod,
}


class SandboxedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the budget, checks and trimmed globals described in the module docstring.

    ``x.items`` means the context key "items" when ``x`` is a mapping that has it, not ``dict.items``;
    ``context_check``, when set, is called with each render's context before anything renders.
    """

    intercepted_binops = frozenset(_BINOPS)
    code_generator_class: type[CodeGenerator] = _BudgetedCodeGenerator
    template_class = BudgetedTemplate

    def __init__(
        self,
        template_name: str,
        *,
        custom_filters: Mapping[str, Callable[..., Any]] | None = None,
        custom_tests: Mapping[str, Callable[..., Any]] | None = None,
        custom_globals: Mapping[str, Any] | None = None,
        finalize_escapes: bool = False,
        budgeted: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(**options)
        self.template_name = template_name
        self.finalize_escapes = finalize_escapes
        """``finalize`` escapes every value itself (and returns `Markup`), so output is not escaped again."""
        self.budgeted = budgeted
        """False for a trusted template (a bundled one): its code runs without the step and output budget
        (the sandbox's attribute and call checks stay); a user's template always has it."""
        if not budgeted:
            self.code_generator_class = _EscapeOnceCodeGenerator
        self.context_check: Callable[[Mapping[str, Any]], None] | None = None
        for name in _UNNEEDED_GLOBALS:
            self.globals.pop(name, None)
        self.globals["range"] = _range
        self.filters = {name: _budgeted_filter(name, FILTERS[name]) for name in sorted(SAFE_FILTERS)}
        # The program's own filters: trusted code, but each call is still a step and its result is charged.
        self.custom_filters = frozenset(custom_filters or ())
        for name, function in (custom_filters or {}).items():
            self.filters[name] = _budgeted_filter(name, function)
        self.tests.update(custom_tests or {})
        self.custom_globals = frozenset(custom_globals or ())
        self.globals.update(custom_globals or {})
        self.filters.update({_STEP_FILTER: _step, _ITERATE_FILTER: _iterate, _CONCAT_FILTER: _concat})

    def concat(self, pieces: Iterable[str]) -> str:
        # Output is charged in batches of 256 pieces: the same limits, without Python code per piece.
        budget = _budget()
        if not self.budgeted:
            return "".join(pieces)
        out: list[str] = []
        iterator = iter(pieces)
        while True:
            batch = list(islice(iterator, 0x100))
            budget.spend(len(batch), sum(map(len, batch)))
            out += batch
            if len(batch) < 0x100:
                return "".join(out)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # `x.items` means the context key "items", not dict.items; plain dicts are the common case.
        if (type(obj) is dict or isinstance(obj, Mapping)) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr in FORBIDDEN_ATTRIBUTES or (isinstance(obj, str) and attr in _AMPLIFYING_STR_METHODS):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format is refused by is_safe_attribute instead of run through a formatter

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        raise _budget().refuse(f"试图访问 {type(obj).__name__} 对象的内部属性“{attribute}”")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return _checked_binop(_budget(), operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.step()
        if not __self.is_safe_callable(__obj):
            raise budget.refuse(f"试图调用不安全的对象 {type(__obj).__name__}")
        if isinstance(__obj, LoopContext) and args:
            # loop(children) in a recursive for: the children are counted like any loop's items.
            args = (_counted(args[0], budget), *args[1:])
        budget.depth += 1
        try:
            if budget.depth > MAX_CALL_DEPTH:
                raise budget.refuse(f"宏或递归调用嵌套超过 {MAX_CALL_DEPTH} 层")
            result = __context.call(__obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        budget.charge(result)
        return result


# -- checks on the parsed template, before it is compiled ----------------------------------------------------


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
                return (f"调用了 str.{key}（可借格式串读取对象内部），不可用；请改用 |format 过滤器或 % 格式化，"
                        "如 {{ \"%.2f\"|format(x) }}", node.lineno, key)
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
            return ("关闭或修改了自动转义（autoescape）：内容中的 < & 会变成 XML，损坏文档或注入标记",
                    node.lineno, "autoescape")
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
        raise TemplateSecurityError(
            f"模板 {environment.template_name} 的 {part} 嵌套过深，无法解析，已拒绝"
        ) from None

"""One render's allowance (steps, time, characters) and the budgeted forms of Jinja's loops, filters and operators.

`docgen.template.sandbox` compiles a user's template so that each loop iteration, call, condition, assignment
and piece of output passes through here; every refusal is a `TemplateSecurityError` naming the template."""

from __future__ import annotations

import contextvars
import functools
import operator
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import Environment
from jinja2.nodes import EvalContext
from jinja2.runtime import markup_join, str_join
from jinja2.utils import pass_context

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
MAX_FORMAT_WIDTH = 1000
"""Widest field or precision a ``%`` format (``"%.2f" % x``, ``|format``) may ask for."""
STEP_FILTER = "docgen_step"
ITERATE_FILTER = "docgen_iterate"
CONCAT_FILTER = "docgen_concat"
"""The filters the instrumented template calls around loops, conditions, assignments and ``~``."""


class Budget:
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


BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("docgen_render_budget", default=None)


def current_budget() -> Budget:
    budget = BUDGET.get()
    if budget is None:
        # Only BudgetedTemplate.render runs a template; anything else (generate(), the optimizer folding a
        # constant at compile time) gets an error, never an unbudgeted render.
        raise RuntimeError("docgen templates run only through Template.render, which sets their budget")
    return budget


@pass_context
def step(context: Any, value: Any) -> Any:
    current_budget().step()
    return value


@pass_context
def iterate(context: Any, iterable: Any) -> Iterator[Any]:
    budget = current_budget()
    if iterable is None or not hasattr(iterable, "__iter__"):
        return iter(iterable)  # the usual Jinja error for a non-iterable
    return counted(iterable, budget)


def counted(iterable: Iterable[Any], budget: Budget) -> Iterator[Any]:
    for item in iterable:
        budget.step()
        yield item


@pass_context
def concat(context: Any, values: list[Any]) -> str:
    budget = current_budget()
    budget.charge_size(sum(len(v) if isinstance(v, str) else 16 for v in values))
    joined: str = (markup_join if context.eval_ctx.autoescape else str_join)(values)
    budget.charge(joined)
    return joined


@pass_context
def budgeted_range(context: Any, *args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise current_budget().refuse(f"调用 range() 产生 {len(numbers):,} 项（上限 {MAX_RANGE:,}）")
    return numbers


def budgeted_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        budget = current_budget()
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


def _precheck_replace(budget: Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
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


def _precheck_join(budget: Budget, args: tuple[Any, ...]) -> tuple[Any, ...]:
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


def check_format(budget: Budget, text: str, values: Any) -> None:
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


def _precheck_format(budget: Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_format(value, *args, **kwargs) is str(value) % (kwargs or args)
    if args:
        check_format(budget, str(args[0]), kwargs or tuple(args[1:]))


def _precheck_center(budget: Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    width = _number(_argument(args, kwargs, 1, "width", 80))
    budget.charge_size(_size(_argument(args, kwargs, 0, "value", "")) + width)


def _precheck_indent(budget: Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = str(_argument(args, kwargs, 0, "s", ""))
    width = _argument(args, kwargs, 1, "width", 4)
    each = _number(width) if isinstance(width, int) else _size(width)
    budget.charge_size(len(text) + (text.count("\n") + 1) * each)


def _precheck_wordwrap(budget: Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_wordwrap(s, width=79, break_long_words=True, wrapstring=None, ...), after its environment
    text = str(_argument(args, kwargs, 0, "s", ""))
    wrapstring = _argument(args, kwargs, 3, "wrapstring", None)
    budget.charge_size(len(text) * (1 + _size(wrapstring or "\n")))


def _precheck_batch(budget: Budget, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # do_batch(value, linecount, fill_with=None) / do_slice(value, slices, fill_with=None)
    count = _number(args[1] if len(args) > 1 else kwargs.get("linecount", kwargs.get("slices", 0)))
    budget.charge_size(_size(args[0]) + count if args else count)


_SIZE_PRECHECKS: dict[str, Callable[[Budget, tuple[Any, ...], dict[str, Any]], None]] = {
    "format": _precheck_format,
    "center": _precheck_center,
    "indent": _precheck_indent,
    "wordwrap": _precheck_wordwrap,
    "batch": _precheck_batch,
    "slice": _precheck_batch,
}

_SIZED = (str, list, tuple)


def checked_binop(budget: Budget, symbol: str, left: Any, right: Any) -> Any:
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
        return BINOPS[symbol](left, right)
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


BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
    "**": operator.pow,
    "%": operator.mod,
}

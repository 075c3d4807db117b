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

from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template as JinjaTemplate
from jinja2.filters import FILTERS
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

# The budget and the checks live in their own modules; their public names stay importable from here.
from docgen.template.budget import (
    BINOPS,
    BUDGET,
    CONCAT_FILTER,
    ITERATE_FILTER,
    MAX_CALL_DEPTH,
    MAX_FORMAT_WIDTH,
    MAX_INT_BITS,
    MAX_RANGE,
    MAX_RENDER_CHARS,
    MAX_RENDER_SECONDS,
    MAX_RENDER_STEPS,
    MAX_VALUE_CHARS,
    STEP_FILTER,
    Budget,
    budgeted_filter,
    budgeted_range,
    check_format,
    checked_binop,
    concat,
    counted,
    current_budget,
    iterate,
    step,
)
from docgen.template.sandbox_checks import (
    FORBIDDEN_ATTRIBUTES,
    FORBIDDEN_NAMES,
    MAX_BLOCK_NESTING,
    MAX_EXPRESSION_DEPTH,
    REFUSED_FILTERS,
    SAFE_FILTERS,
    check_template,
    parse,
)

__all__ = [
    "FORBIDDEN_ATTRIBUTES", "FORBIDDEN_NAMES", "MAX_BLOCK_NESTING", "MAX_CALL_DEPTH", "MAX_EXPRESSION_DEPTH",
    "MAX_FORMAT_WIDTH", "MAX_INT_BITS", "MAX_RANGE", "MAX_RENDER_CHARS", "MAX_RENDER_SECONDS", "MAX_RENDER_STEPS",
    "MAX_VALUE_CHARS", "REFUSED_FILTERS", "SAFE_FILTERS", "BudgetedTemplate", "SandboxedEnvironment",
    "check_format", "check_template", "parse",
]  # fmt: skip

_AMPLIFYING_STR_METHODS = frozenset(
    {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "join", "replace", "translate"}
)
_UNNEEDED_GLOBALS = ("lipsum", "cycler", "joiner", "namespace")


class BudgetedTemplate(JinjaTemplate):
    """A compiled template whose every render runs under a fresh `Budget`, after the context check."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context_check: Callable[[Mapping[str, Any]], None] | None = getattr(self.environment, "context_check", None)
        if context_check is not None:
            context_check(args[0] if len(args) == 1 and not kwargs else dict(*args, **kwargs))
        token = BUDGET.set(Budget(getattr(self.environment, "template_name", "?")))
        try:
            return super().render(*args, **kwargs)
        finally:
            BUDGET.reset(token)


class _Instrument(NodeTransformer):
    """Rewrites a parsed template so that loops, conditions, assignments and ``~`` pass through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)  # children are replaced in place
        node.iter = _filter(node.iter, ITERATE_FILTER)
        return node

    def visit_If(self, node: nodes.If) -> nodes.Node:
        self.generic_visit(node)
        node.test = _filter(node.test, STEP_FILTER)
        return node

    def visit_Assign(self, node: nodes.Assign) -> nodes.Node:
        self.generic_visit(node)
        node.node = _filter(node.node, STEP_FILTER)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        items = nodes.List(node.nodes, lineno=node.lineno, environment=node.environment)
        return _filter(items, CONCAT_FILTER)


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


class SandboxedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the budget, checks and trimmed globals described in the module docstring.

    ``x.items`` means the context key "items" when ``x`` is a mapping that has it, not ``dict.items``;
    ``context_check``, when set, is called with each render's context before anything renders.
    """

    intercepted_binops = frozenset(BINOPS)
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
        self.globals["range"] = budgeted_range
        self.filters = {name: budgeted_filter(name, FILTERS[name]) for name in sorted(SAFE_FILTERS)}
        # The program's own filters: trusted code, but each call is still a step and its result is charged.
        self.custom_filters = frozenset(custom_filters or ())
        for name, function in (custom_filters or {}).items():
            self.filters[name] = budgeted_filter(name, function)
        self.tests.update(custom_tests or {})
        self.custom_globals = frozenset(custom_globals or ())
        self.globals.update(custom_globals or {})
        self.filters.update({STEP_FILTER: step, ITERATE_FILTER: iterate, CONCAT_FILTER: concat})

    def concat(self, pieces: Iterable[str]) -> str:
        # Output is charged in batches of 256 pieces: the same limits, without Python code per piece.
        budget = current_budget()
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
        raise current_budget().refuse(f"试图访问 {type(obj).__name__} 对象的内部属性“{attribute}”")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return checked_binop(current_budget(), operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = current_budget()
        budget.step()
        if not __self.is_safe_callable(__obj):
            raise budget.refuse(f"试图调用不安全的对象 {type(__obj).__name__}")
        if isinstance(__obj, LoopContext) and args:
            # loop(children) in a recursive for: the children are counted like any loop's items.
            args = (counted(args[0], budget), *args[1:])
        budget.depth += 1
        try:
            if budget.depth > MAX_CALL_DEPTH:
                raise budget.refuse(f"宏或递归调用嵌套超过 {MAX_CALL_DEPTH} 层")
            result = __context.call(__obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        budget.charge(result)
        return result

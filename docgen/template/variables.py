"""Which context variables a template uses, which of them the speech context provides, and which speech
fields the template leaves out — read from the template's parsed Jinja, never by rendering it.

The shape of the context is taken from `Speech.to_context()` itself, on a sample speech with every field
filled, so it follows the model. Paths are written the way the README writes them:
``praise.points[].run_in`` is the ``run_in`` of any item of ``praise.points``; a loop variable
(``{% for point in praise.points %}…{{ point.run_in }}``) is followed back to the list it walks. The report
itself (`VariableReport`) lives in `docgen.template.variable_report`, which needs neither Jinja nor the model.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes

from docgen.template.variable_report import ITEM, Path, UnknownVariable, VariableReport, display

__all__ = [
    "ITEM", "ContextShape", "Path", "TemplateUsage", "VariableReport", "analyse", "context_shape", "display", "report"
]

# Names Jinja or docxtpl provide that are not context variables.
_BUILTIN_NAMES = frozenset({"loop", "range", "dict", "caller", "varargs", "kwargs", "true", "false", "none"})
# Filters that only measure or test a value; the content itself does not reach the document through them.
_MEASURING_FILTERS = frozenset({"length", "count", "wordcount"})


# -- the context's shape ------------------------------------------------------------------------------------

_SAMPLE_DATE = dt.date(2023, 2, 15)


@dataclass(frozen=True)
class ContextShape:
    """Every path of the speech context, in context order, and which context leaves carry each speech field."""

    paths: tuple[Path, ...]
    lists: frozenset[Path]
    leaves: tuple[Path, ...]
    top_level: frozenset[str]
    carriers: dict[Path, tuple[Path, ...]] = field(hash=False)
    """Speech field (``praise.points[].heading``) → the context leaves that print it (``…run_in``)."""


@functools.lru_cache(maxsize=1)
def context_shape() -> ContextShape:
    """The shape of `Speech.to_context()`, found on a sample speech whose every text names its own field."""
    from docgen.model.speech import Speech

    speech = Speech.model_validate(_sample(Speech, ()))
    paths: list[Path] = []
    lists: set[Path] = set()
    values: dict[Path, str] = {}
    _walk_value(speech.to_context(), (), paths, lists, values)
    leaves = tuple(p for p in paths if p in values)
    fields: dict[Path, list[str]] = {}
    _walk_fields(speech.model_dump(), (), fields)
    carriers = {
        speech_field: tuple(leaf for leaf in leaves if any(marker in values[leaf] for marker in markers))
        for speech_field, markers in fields.items()
    }
    top = frozenset(p[0] for p in paths)
    return ContextShape(tuple(paths), frozenset(lists), leaves, top, carriers)


def _sample(model: Any, path: Path) -> Any:
    """A value for ``model`` (a pydantic model or an annotation) in which every text is ``<its path>``."""
    from pydantic import BaseModel

    if isinstance(model, type) and issubclass(model, BaseModel):
        # An optional list (title_lines) is another way to give a field that is already there: left out, so
        # it cannot disagree with that field.
        return {
            name: _sample(info.annotation, (*path, name))
            for name, info in model.model_fields.items()
            if not (info.default is None and _is_list(info.annotation))
        }
    origin = typing.get_origin(model)
    if origin is typing.Literal:
        return typing.get_args(model)[0]  # a setting (numbering style): any allowed value has the same shape
    if model is bool:
        return False
    if origin is typing.Annotated:
        # A setting checked by a validator (a point style) gives its first example: any allowed value has the
        # same shape, and "<path>" would not be allowed.
        examples = [m.examples for m in typing.get_args(model)[1:] if getattr(m, "examples", None)]
        return examples[0][0] if examples else _sample(typing.get_args(model)[0], path)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(model) if a is not type(None)]
        return _sample(options[0], path)
    if origin is list:
        return [_sample(typing.get_args(model)[0], (*path, ITEM))]
    if model is dt.date:
        return _SAMPLE_DATE.isoformat()
    return f"<{display(path)}>"


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))
    return origin is list


def _walk_value(value: Any, path: Path, paths: list[Path], lists: set[Path], values: dict[Path, str]) -> None:
    if path and path not in paths:
        paths.append(path)
    if isinstance(value, Mapping):
        for key, item in value.items():
            _walk_value(item, (*path, key), paths, lists, values)
    elif isinstance(value, list):
        lists.add(path)
        # Every item, not just the first: in ``paragraphs[]`` each speech field reaches a different item.
        for item in value:
            _walk_value(item, (*path, ITEM), paths, lists, values)
    elif path:
        values[path] = f"{values[path]}\n{value}" if path in values else str(value)


def _walk_fields(value: Any, path: Path, fields: dict[Path, list[str]]) -> None:
    if path[:1] == ("numbering",):
        return  # the enumerator settings shape the labels; they are not content that could go missing
    if isinstance(value, Mapping):
        for key, item in value.items():
            _walk_fields(item, (*path, key), fields)
    elif isinstance(value, list):
        for item in value[:1]:
            _walk_fields(item, (*path, ITEM), fields)
    elif isinstance(value, dt.date):
        fields[path] = [value.isoformat(), f"{value.year}年{value.month}月{value.day}日"]
    elif isinstance(value, bool):
        return  # a setting (inline, run_in) shapes the document; it is not content that could go missing
    elif value is not None:
        fields[path] = [str(value)]


# -- what a template uses -----------------------------------------------------------------------------------


@dataclass
class TemplateUsage:
    """The context paths a template reads (True: its content reaches the document) and its block tags."""

    paths: dict[Path, bool] = field(default_factory=dict)
    blocks: list[str] = field(default_factory=list)
    globals: frozenset[str] = frozenset()
    """Names the program's own Jinja globals provide (``Template(jinja_env=…)``): not context variables."""
    required: set[Path] = field(default_factory=set)
    """Paths read somewhere without a ``|default`` or an ``is defined`` guard: a render needs them."""

    def use(self, path: Path, printed: bool, optional: bool = False) -> None:
        self.paths[path] = self.paths.get(path, False) or printed
        if not optional:
            self.required.add(path)

    def block(self, text: str) -> None:
        if text not in self.blocks:
            self.blocks.append(text)


Scope = dict[str, "Path | None"]


def analyse(ast: nodes.Template, usage: TemplateUsage | None = None) -> TemplateUsage:
    """The context paths and blocks of one parsed template part, added to ``usage`` when given."""
    usage = usage if usage is not None else TemplateUsage()
    _Walker(usage, context_shape()).statements(ast.body, {})
    return usage


_DEFAULT_FILTERS = frozenset({"default", "d"})
_DEFINED_TESTS = frozenset({"defined", "undefined"})


class _Walker:
    def __init__(self, usage: TemplateUsage, shape: ContextShape) -> None:
        self.usage = usage
        self.shape = shape
        self.guards: list[Path] = []
        """Paths an enclosing ``{% if x is defined %}`` (or ``x is undefined``) tests: optional inside it."""

    def use(self, path: Path, printed: bool, optional: bool = False) -> None:
        optional = optional or any(path[: len(g)] == g for g in self.guards)
        self.usage.use(path, printed, optional)

    def guarded(self, test: nodes.Node, scope: Scope) -> list[Path]:
        """The paths ``test`` checks with ``is defined``/``is undefined``."""
        found = []
        for node in [test, *test.find_all(nodes.Test)]:
            if isinstance(node, nodes.Test) and node.name in _DEFINED_TESTS:
                path = self.path(node.node, scope)
                if path is not None:
                    found.append(path)
        return found

    # statements: each may bind names for what follows it (set) or for its body (for, macro)

    def statements(self, body: Iterable[nodes.Node], scope: Scope) -> None:
        for node in body:
            self.statement(node, scope)

    def statement(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.For):
            source = self.expression(node.iter, scope, printed=False)
            self.usage.block(f"for {_target_text(node.target)} in {display(source) if source else '…'}")
            inner = dict(scope)
            item = (*source, ITEM) if source in self.shape.lists else None  # a string's characters: opaque
            for name in _names(node.target):
                inner[name.name] = item if isinstance(node.target, nodes.Name) else None
            if node.test is not None:
                self.expression(node.test, inner, printed=False)
            self.statements(node.body, inner)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.If):
            guards = self.guarded(node.test, scope)
            self.guards += guards
            tested = self.expression(node.test, scope, printed=False)
            self.usage.block(f"if {display(tested) if tested else '…'}")
            self.statements(node.body, dict(scope))
            for branch in node.elif_:
                self.statement(branch, scope)
            self.statements(node.else_, dict(scope))
            del self.guards[len(self.guards) - len(guards) :]
        elif isinstance(node, nodes.Assign):
            value = self.expression(node.node, scope, printed=False)
            for name in _names(node.target):
                scope[name.name] = value if isinstance(node.target, nodes.Name) else None
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                self.usage.block(f"macro {node.name}")
                scope[node.name] = None
            else:
                self.expression(node.call, scope, printed=True)
            for default in node.defaults:
                self.expression(default, scope, printed=True)
            inner = dict(scope)
            inner.update({arg.name: None for arg in node.args})
            self.statements(node.body, inner)
        elif isinstance(node, nodes.Output):
            for child in node.nodes:
                self.expression(child, scope, printed=True)
        else:
            inner = dict(scope)
            if isinstance(node, nodes.AssignBlock):
                for name in _names(node.target):
                    scope[name.name] = None
            for part in node.iter_child_nodes():
                if isinstance(part, nodes.Expr):
                    self.expression(part, inner, printed=True)
                else:
                    self.statement(part, inner)

    # expressions: the context path an expression denotes, if it is one; every path met is recorded

    def expression(self, node: nodes.Node, scope: Scope, printed: bool) -> Path | None:
        path = self.path(node, scope)
        if path is not None:
            self.use(path, printed)
            return path
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            owner = self.path(node.node.node, scope)
            if owner is not None:  # a method of a context value: title.upper()
                self.use(owner, printed)
                self._arguments(node, scope)
                return None
        if isinstance(node, nodes.Filter) and node.node is not None:
            defaulted = self.path(node.node, scope) if node.name in _DEFAULT_FILTERS else None
            if defaulted is not None:  # x|default(…): a missing x prints the default
                self.use(defaulted, printed, optional=True)
            else:
                self.expression(node.node, scope, printed and node.name not in _MEASURING_FILTERS)
            self._arguments(node, scope)
            return None
        if isinstance(node, nodes.Test) and node.name in _DEFINED_TESTS:
            tested = self.path(node.node, scope)
            if tested is not None:
                self.use(tested, False, optional=True)
                return None
        if isinstance(node, nodes.CondExpr):  # a if a is defined else b
            guards = self.guarded(node.test, scope)
            self.guards += guards
            self.expression(node.test, scope, printed=False)
            for branch in (node.expr1, node.expr2):
                if branch is not None:
                    self.expression(branch, scope, printed)
            del self.guards[len(self.guards) - len(guards) :]
            return None
        if isinstance(node, (nodes.Test, nodes.Not, nodes.And, nodes.Or, nodes.Compare, nodes.Operand)):
            printed = False
        for child in node.iter_child_nodes():
            self.expression(child, scope, printed)
        return None

    def _arguments(self, node: nodes.Call | nodes.Filter, scope: Scope) -> None:
        for argument in [*node.args, *(p.value for p in node.kwargs), node.dyn_args, node.dyn_kwargs]:
            if argument is not None:
                self.expression(argument, scope, printed=True)

    def path(self, node: nodes.Node, scope: Scope) -> Path | None:
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return None
            if node.name in scope:
                return scope[node.name]
            return None if node.name in _BUILTIN_NAMES or node.name in self.usage.globals else (node.name,)
        if isinstance(node, nodes.Getattr):
            owner = self.path(node.node, scope)
            return None if owner is None else (*owner, node.attr)
        if isinstance(node, nodes.Getitem):
            owner = self.path(node.node, scope)
            if owner is None:
                return None
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return (*owner, node.arg.value)
            self.expression(node.arg, scope, printed=False)
            if owner in self.shape.lists:
                return owner if isinstance(node.arg, nodes.Slice) else (*owner, ITEM)
            self.use(owner, True)  # a computed key: the whole value may be read
            return None
        return None


def _names(target: nodes.Node) -> list[nodes.Name]:
    """The names a ``for``/``set`` target binds: itself, or those of a tuple."""
    return [target] if isinstance(target, nodes.Name) else list(target.find_all(nodes.Name))


def _target_text(target: nodes.Node) -> str:
    return ", ".join(n.name for n in _names(target)) or "…"


# -- the report ----------------------------------------------------------------------------------------------


def report(usage: TemplateUsage) -> VariableReport:
    """What ``usage`` means against the speech context: provided, unknown and left-out fields."""
    shape = context_shape()
    known = set(shape.paths)
    provided = [display(p) for p in shape.paths if p in usage.paths]
    unknown: dict[Path, UnknownVariable] = {}
    for path in usage.paths:
        if path in known or path not in usage.required:
            continue
        first_unknown = next(path[:i] for i in range(1, len(path) + 1) if path[:i] not in known)
        if first_unknown not in unknown:
            unknown[first_unknown] = UnknownVariable(display(first_unknown), _suggest(first_unknown, shape))
    printed = [p for p, whole in usage.paths.items() if whole]
    ignored = [
        display(speech_field)
        for speech_field, leaves in shape.carriers.items()
        if not any(_covers(used, leaf) for leaf in leaves for used in printed)
    ]
    return VariableReport(
        tuple(provided), tuple(unknown.values()), tuple(ignored), tuple(usage.blocks), tuple(unknown), shape.top_level
    )


def _suggest(path: Path, shape: ContextShape) -> str | None:
    candidates = [display(p) for p in shape.paths if len(p) == len(path) and p[:-1] == path[:-1]]
    import difflib  # only for a misspelt variable: not imported by every template's preparation

    found = difflib.get_close_matches(display(path), candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def _covers(used: Path, leaf: Path) -> bool:
    """Whether printing ``used`` prints ``leaf``: the same path, or a whole list or mapping above it."""
    return leaf[: len(used)] == used

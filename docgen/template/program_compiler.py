"""A part's parsed Jinja turned into the data of a `docgen.template.program.Program`, when it stays inside
the subset that form can say exactly (see that module); None when it does not, and Jinja renders the part.

Only a bundled template's parts are compiled, and only in docgen's own environment (autoescaping on, the
escaping `finalize`, no filters or globals of the program's own), which is what the program reproduces.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import nodes

from docgen.template.program import LOOP_ATTRIBUTES, MAX_NESTING

_COMPARISONS = {"eq": "eq", "ne": "ne"}


class _Outside(Exception):
    """The template uses something the program's forms cannot say as Jinja does it."""


def compile_program(ast: nodes.Template, globals_: Iterable[str]) -> list[Any] | None:
    """The program data of ``ast`` (after docgen's own edits of its text), or None if it is outside the
    subset. ``globals_`` are the environment's global names (``range``…): a template naming one is left to
    Jinja, which gives a context's name and a global of the same name their own order."""
    try:
        return _Compiler(frozenset(globals_)).block(ast.body, (), 0)
    except (_Outside, RecursionError):
        return None


class _Compiler:
    def __init__(self, globals_: frozenset[str]) -> None:
        self.globals = globals_

    def block(self, body: Iterable[nodes.Node], loops: tuple[str, ...], depth: int) -> list[Any]:
        if depth > MAX_NESTING // 2:
            raise _Outside
        out: list[Any] = []
        for node in body:
            out += self.statement(node, loops, depth + 1)
        return out

    def statement(self, node: nodes.Node, loops: tuple[str, ...], depth: int) -> list[Any]:
        if isinstance(node, nodes.Output):
            return [
                ["text", child.data] if isinstance(child, nodes.TemplateData) else ["print", self.printed(child, loops)]
                for child in node.nodes
            ]
        if isinstance(node, nodes.For):
            if not isinstance(node.target, nodes.Name) or node.target.name == "loop" or node.test is not None:
                raise _Outside
            if node.recursive:
                raise _Outside
            # Which loop ``loop`` and the target mean in a for-else is Jinja's frame business: left to it.
            if self._mentions(node.else_, {"loop", node.target.name}):
                raise _Outside
            body = self.block(node.body, (*loops, node.target.name), depth)
            empty = self.block(node.else_, loops, depth)
            return [["for", node.target.name, self.expression(node.iter, loops), body, empty]]
        if isinstance(node, nodes.If):
            branches = [[self.expression(node.test, loops), self.block(node.body, loops, depth)]]
            for branch in node.elif_:
                branches.append([self.expression(branch.test, loops), self.block(branch.body, loops, depth)])
            return [["if", branches, self.block(node.else_, loops, depth)]]
        raise _Outside

    @staticmethod
    def _mentions(body: list[nodes.Node], names: set[str]) -> bool:
        return any(name.name in names for node in body for name in node.find_all(nodes.Name))

    def printed(self, node: nodes.Node, loops: tuple[str, ...]) -> list[Any]:
        # A constant is escaped when Jinja compiles it, not by finalize at render time: left to Jinja.
        if not isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            raise _Outside
        return self.expression(node, loops)

    def expression(self, node: nodes.Node, loops: tuple[str, ...], depth: int = 0) -> list[Any]:
        if depth > MAX_NESTING // 2:
            raise _Outside
        if isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name == "loop" or (node.name not in loops and node.name in self.globals):
                raise _Outside
            return ["var", node.name]
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "loop":
            if not loops or "loop" in loops or node.attr not in LOOP_ATTRIBUTES:
                raise _Outside
            return ["loop", node.attr]
        if isinstance(node, nodes.Getattr):
            return ["attr", self.expression(node.node, loops, depth + 1), node.attr]
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and type(node.arg.value) is str:
            return ["attr", self.expression(node.node, loops, depth + 1), node.arg.value]
        if isinstance(node, nodes.Const) and (node.value is None or type(node.value) in (str, int, bool)):
            return ["const", node.value]
        if isinstance(node, nodes.Not):
            return ["not", self.expression(node.node, loops, depth + 1)]
        if isinstance(node, (nodes.And, nodes.Or)):
            name = "and" if isinstance(node, nodes.And) else "or"
            return [name, self.expression(node.left, loops, depth + 1), self.expression(node.right, loops, depth + 1)]
        if isinstance(node, nodes.Compare) and len(node.ops) == 1 and node.ops[0].op in _COMPARISONS:
            left = self.expression(node.expr, loops, depth + 1)
            return [_COMPARISONS[node.ops[0].op], left, self.expression(node.ops[0].expr, loops, depth + 1)]
        raise _Outside

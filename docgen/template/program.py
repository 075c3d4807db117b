"""A bundled template's Jinja as data that docgen runs itself, so that rendering it needs no Jinja.

A bundled template uses a small part of Jinja: text, ``{{ name.key }}``, ``{% for %}`` with ``loop.last``,
``{% if %}``/``{% elif %}``/``{% else %}`` on ``==``, ``!=``, ``not``, ``and``, ``or``. When the template is
prepared (with Jinja, `docgen.template.program_compiler`), each part's parsed Jinja is turned into a tree
of JSON lists, kept with the prepared form in the cache (`docgen.template.cache`). Here that tree is checked
node by node and built into Python closures — data walked by this module's fixed code, never code loaded
from a file — and run on a render's context.

Jinja stays the reference. What the tree may say is only what maps one to one onto what Jinja's compiled
code does for it (Python's ``==``, ``not``, truth; a dict's key for ``x.key`` where the dict has it; a list's
items in order). Whenever a render meets anything else — a missing name or key, a value that is not a dict
where a key is read, something other than a list or tuple to loop over, a printed value other than text,
``None`` or a number — it raises `Unsupported` before printing it, and the caller renders that part with
Jinja instead, which gives the document or the error (an undefined variable among them) Jinja gives.
Printed values pass through the same `docgen.template.printing.finalize` as Jinja's output, so escaping
is the same by construction.

Node forms (statements, then expressions)::

    ["text", str]                          template text, printed as it is
    ["print", expr]                        {{ expr }}
    ["for", name, expr, [stmt…], [stmt…]]  {% for name in expr %}…{% else %}…{% endfor %}
    ["if", [[expr, [stmt…]]…], [stmt…]]    {% if %}…{% elif %}…{% else %}…{% endif %}
    ["var", name]                          a loop variable in scope, else the context's name
    ["attr", expr, key]                    expr.key (or expr["key"]) of a dict holding key
    ["loop", attribute]                    the innermost loop's index, index0, first, last, length, revindex(0)
    ["const", str | int | bool | null]
    ["not", expr]   ["eq" | "ne" | "and" | "or", expr, expr]
"""

from __future__ import annotations

from typing import Any

from docgen.template.program_steps import (
    BINARY,
    Branch,
    Expression,
    Frame,
    Printed,
    Printing,
    Statement,
    Unsupported,
    emit,
    key_of,
    local_key,
    loop_attribute,
    nothing,
    printing,
    sequence,
    switch_loop,
)

__all__ = ["FORMAT", "LOOP_ATTRIBUTES", "MAX_NESTING", "Program", "Unsupported"]

FORMAT = 1
"""The version of the node forms above; the cache's format includes it."""

MAX_NESTING = 40
"""How deep a tree may nest (the bundled templates need 8); a deeper one is refused as not docgen's."""

LOOP_ATTRIBUTES = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0"})


_KeySwitch = tuple[int, str, dict[str, Statement], list[tuple[str, Statement]], Statement]


class Program:
    """One part's compiled template: ``run(context)`` is the part's rendered text, as Jinja renders it."""

    __slots__ = ("_body", "data")

    def __init__(self, data: object) -> None:
        """Check ``data`` node by node and build it; `ValueError` if it is not exactly of the forms above."""
        self.data = data
        self._body = _Builder().block(data, (), 0)

    def run(self, context: dict[str, Any]) -> str:
        """The rendered text; `Unsupported` if Jinja must render this context instead."""
        return "".join(self.pieces(context))

    def pieces(self, context: dict[str, Any]) -> list[str]:
        """The rendered text in pieces, in order (for a long part, cheaper than one joined string)."""
        out: list[str] = []
        self._body(context, [], out)
        return out


class _Builder:
    def __init__(self) -> None:
        self.counted: set[int] = set()
        """The frame slots of loops whose ``loop.…`` is read: only those keep their index up to date."""
        self.prints: dict[Statement, tuple[int, Printing]] = {}
        """Statements that print one key of a loop variable between two texts: the slot, and what they print."""
        self.switches: dict[Statement, _KeySwitch] = {}
        """Switches on a key of a loop variable: the slot, the key, the branches by constant (the first of
        equal ones), all of them in order, and the else branch."""

    def block(self, data: object, scope: tuple[str, ...], depth: int) -> Statement:
        if not isinstance(data, list):
            raise ValueError("a block is a list of statements")
        if depth > MAX_NESTING:
            raise ValueError("too deeply nested")
        statements: list[Statement] = []
        pieces: list[str | Printed] = []  # text and printed values in a row: emitted by one closure
        for item in data:
            kind, args = _node(item)
            if kind == "text" and len(args) == 1 and isinstance(args[0], str):
                pieces.append(args[0])
            elif kind == "print" and len(args) == 1:
                pieces.append((self.expression(args[0], scope, depth + 1), _local(args[0], scope)))
            else:
                if pieces:
                    statements.append(self._emit(pieces))
                    pieces = []
                statements.append(self.statement(item, scope, depth + 1))
        if pieces:
            statements.append(self._emit(pieces))
        if len(statements) == 1:
            return statements[0]
        if not statements:
            return nothing
        return sequence(statements)

    def _emit(self, pieces: list[str | Printed]) -> Statement:
        statement = emit(pieces)
        shape = printing(pieces)
        if shape is not None:
            self.prints[statement] = shape
        return statement

    def statement(self, data: object, scope: tuple[str, ...], depth: int) -> Statement:
        kind, args = _node(data)
        if kind == "for" and len(args) == 4 and isinstance(args[0], str) and args[0] != "loop":
            return self._for(args[0], args[1], args[2], args[3], scope, depth)
        if kind == "if" and len(args) == 2 and isinstance(args[0], list) and args[0]:
            branches = []
            for branch in args[0]:
                if not (isinstance(branch, list) and len(branch) == 2):
                    raise ValueError("an if branch is [test, block]")
                branches.append((self.expression(branch[0], scope, depth + 1), self.block(branch[1], scope, depth + 1)))
            otherwise = self.block(args[1], scope, depth + 1)
            subject = _common_subject(args[0])
            if subject is not None:
                return self._switch(subject, args[0], branches, otherwise, scope, depth)

            def choose(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
                for test, body in branches:
                    if test(context, frame):
                        body(context, frame, out)
                        return
                otherwise(context, frame, out)

            return choose
        raise ValueError(f"not a statement: {kind}")

    def _switch(
        self,
        subject: object,
        tests: list[Any],
        branches: list[tuple[Expression, Statement]],
        otherwise: Statement,
        scope: tuple[str, ...],
        depth: int,
    ) -> Statement:
        """``{% if s == "a" %}…{% elif s == "b" %}…``: ``s`` (a lookup, which has no effect and gives the same
        value each time during a render) found once, then compared with each constant in turn, as Jinja does."""
        value = self.expression(subject, scope, depth + 1)
        tested = [branch[0] for branch in tests]
        cases = [(test[2][1], test[0] == "eq", body) for test, (_, body) in zip(tested, branches, strict=True)]
        local = _local(subject, scope)
        if all(equal and type(constant) is str for constant, equal, _ in cases) and local is not None:
            equals = [(constant, body) for constant, _, body in cases]
            slot, key = local
            # A str equals a str constant exactly when it is that key: the first branch a text selects is
            # found in one step (the first of equal constants, as the chain would). Other values (None, a
            # str subclass, anything with its own ==) are compared in turn, as Jinja does.
            table: dict[str, Statement] = {}
            for constant, body in equals:
                table.setdefault(constant, body)

            def switch_key(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
                owner = frame[slot]  # a loop item's key, looked up here rather than by a call: the hot path
                if type(owner) is not dict or key not in owner:
                    raise Unsupported
                found = owner[key]
                if type(found) is str:
                    table.get(found, otherwise)(context, frame, out)
                    return
                for constant, body in equals:
                    if found == constant:
                        body(context, frame, out)
                        return
                otherwise(context, frame, out)

            self.switches[switch_key] = (slot, key, table, equals, otherwise)
            return switch_key
        if all(equal for _, equal, _ in cases):
            equals = [(constant, body) for constant, _, body in cases]

            def switch_equal(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
                found = value(context, frame)
                for constant, body in equals:
                    if found == constant:
                        body(context, frame, out)
                        return
                otherwise(context, frame, out)

            return switch_equal

        def switch(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
            found = value(context, frame)
            for constant, equal, body in cases:
                if (found == constant) if equal else (found != constant):
                    body(context, frame, out)
                    return
            otherwise(context, frame, out)

        return switch

    def _for(
        self, name: str, iterable: object, body: object, empty: object, scope: tuple[str, ...], depth: int
    ) -> Statement:
        items = self.expression(iterable, scope, depth + 1)
        slot = 3 * len(scope)
        outer_counted = slot in self.counted  # a loop before this one at the same depth may read loop.…
        self.counted.discard(slot)
        run_body = self.block(body, (*scope, name), depth + 1)
        counted = slot in self.counted
        if outer_counted:
            self.counted.add(slot)
        run_empty = self.block(empty, scope, depth + 1)  # Jinja's for-else sees the outer names only
        switch = self.switches.get(run_body)
        if not counted and switch is not None and switch[0] == slot:
            _, key, table, equals, otherwise = switch
            return switch_loop(
                items, slot, key, {constant: self._branch(body, slot) for constant, body in table.items()},
                [(constant, self._branch(body, slot)) for constant, body in equals],
                self._branch(otherwise, slot), run_empty,
            )  # fmt: skip
        if not counted:

            def walk(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
                sequence = items(context, frame)
                if type(sequence) is not list and type(sequence) is not tuple:
                    raise Unsupported
                if not sequence:
                    run_empty(context, frame, out)
                    return
                inner = frame[:slot]
                inner += (None, 0, len(sequence))
                for item in sequence:
                    inner[slot] = item
                    run_body(context, inner, out)

            return walk

        def loop(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
            sequence = items(context, frame)
            if type(sequence) is not list and type(sequence) is not tuple:
                raise Unsupported  # a string's characters, a mapping's keys, None…: Jinja's business
            if not sequence:
                run_empty(context, frame, out)
                return
            inner = frame[:slot]
            inner += (None, 0, len(sequence))
            for index, item in enumerate(sequence):
                inner[slot] = item
                inner[slot + 1] = index
                run_body(context, inner, out)

        return loop

    def _branch(self, body: Statement, slot: int) -> Branch:
        """A loop's branch: what it prints when it prints one key of the loop's own item, else the statement."""
        shape = self.prints.get(body)
        return shape[1] if shape is not None and shape[0] == slot else body

    def expression(self, data: object, scope: tuple[str, ...], depth: int) -> Expression:
        if depth > MAX_NESTING:
            raise ValueError("too deeply nested")
        kind, args = _node(data)
        if kind == "var" and len(args) == 1 and isinstance(args[0], str):
            return _variable(args[0], scope)
        if kind == "attr" and len(args) == 2 and isinstance(args[1], str):
            owner = args[0]
            if isinstance(owner, list) and len(owner) == 2 and owner[0] == "var" and owner[1] in scope:
                return local_key(_slot(str(owner[1]), scope), args[1])
            return key_of(self.expression(owner, scope, depth + 1), args[1])
        if kind == "loop" and len(args) == 1 and isinstance(args[0], str) and args[0] in LOOP_ATTRIBUTES and scope:
            self.counted.add(3 * (len(scope) - 1))
            return loop_attribute(str(args[0]), 3 * (len(scope) - 1))
        if kind == "const" and len(args) == 1 and (args[0] is None or type(args[0]) in (str, int, bool)):
            constant = args[0]
            return lambda context, frame: constant
        if kind == "not" and len(args) == 1:
            operand = self.expression(args[0], scope, depth + 1)
            return lambda context, frame: not operand(context, frame)
        if kind in ("eq", "ne") and len(args) == 2 and _is_constant(args[1]):
            left = self.expression(args[0], scope, depth + 1)
            constant = self.expression(args[1], scope, depth + 1)(None, None)  # type: ignore[arg-type]
            if kind == "eq":
                return lambda context, frame: left(context, frame) == constant
            return lambda context, frame: left(context, frame) != constant
        if kind in BINARY and len(args) == 2:
            left = self.expression(args[0], scope, depth + 1)
            right = self.expression(args[1], scope, depth + 1)
            return BINARY[kind](left, right)
        raise ValueError(f"not an expression: {kind}")


def _local(data: object, scope: tuple[str, ...]) -> tuple[int, str] | None:
    """(frame slot, key) when ``data`` is a key of a loop variable (``run.text``), else None."""
    if not (isinstance(data, list) and len(data) == 3 and data[0] == "attr" and isinstance(data[2], str)):
        return None
    owner = data[1]
    if isinstance(owner, list) and len(owner) == 2 and owner[0] == "var" and owner[1] in scope:
        return _slot(str(owner[1]), scope), data[2]
    return None


def _node(data: object) -> tuple[str, list[object]]:
    if not (isinstance(data, list) and data and isinstance(data[0], str)):
        raise ValueError("a node is a list starting with its kind")
    return data[0], data[1:]


def _is_constant(data: object) -> bool:
    return isinstance(data, list) and len(data) == 2 and data[0] == "const"


def _common_subject(branches: list[Any]) -> object | None:
    """The one expression every branch's test compares with a constant (``==`` or ``!=``), if there is one
    and it is a lookup (a name or a chain of keys); None otherwise. ``branches`` are already checked."""
    subjects = [
        test[1] if isinstance(test, list) and len(test) == 3 and test[0] in ("eq", "ne") and _is_constant(test[2])
        else None
        for test, _ in branches
    ]  # fmt: skip
    first: object = subjects[0]
    if first is None or any(subject != first for subject in subjects) or not _is_lookup(first):
        return None
    return first


def _is_lookup(data: object) -> bool:
    if isinstance(data, list) and len(data) == 2 and data[0] == "var":
        return True
    return isinstance(data, list) and len(data) == 3 and data[0] == "attr" and _is_lookup(data[1])


def _slot(name: str, scope: tuple[str, ...]) -> int:
    """Where the innermost loop binding ``name`` keeps its item, as Jinja resolves it."""
    return 3 * (len(scope) - 1 - scope[::-1].index(name))


def _variable(name: str, scope: tuple[str, ...]) -> Expression:
    if name in scope:
        slot = _slot(name, scope)
        return lambda context, frame: frame[slot]

    def from_context(context: dict[str, Any], frame: Frame) -> Any:
        if name in context:
            return context[name]
        raise Unsupported  # undefined: Jinja raises the error

    return from_context

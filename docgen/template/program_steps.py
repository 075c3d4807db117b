"""The steps a `docgen.template.program.Program` is built from: Python closures, each doing what Jinja's
compiled code does for one node form, or raising `Unsupported` where Jinja must decide instead.

Made once per template by the program's builder from checked data; run for every render. Kept apart from the
builder so that what runs per render is in one place, and shaped for the bundled templates' hot paths (a
``<w:t>{{ run.text }}</w:t>`` in one step, a loop variable's key looked up where it is used).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docgen.template.printing import finalize

# A render's frame: per enclosing loop, three slots: its current item, index0 and length.
Frame = list[Any]
Expression = Callable[[dict[str, Any], Frame], Any]
Statement = Callable[[dict[str, Any], Frame, list[str]], None]
Printed = tuple[Expression, "tuple[int, str] | None"]
"""A printed expression, and (slot, key) when it is a loop variable's key."""
Printing = tuple[str, str, str]
"""Text, a loop item's key printed, text: the whole of most branches of the bundled templates' loops."""
Branch = Statement | Printing


class Unsupported(Exception):
    """This render met something the program does not do exactly as Jinja would: Jinja renders the part."""


PRINTABLE = (str, type(None), int, float)
"""Types whose `finalize` has no effect but the text (and the render's may-break-XML mark, which is set the
same way in either render): anything else (Markup, RichText, images) goes to Jinja."""


def nothing(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
    return None


def sequence(statements: list[Statement]) -> Statement:
    if len(statements) == 2:
        first, second = statements

        def two(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
            first(context, frame, out)
            second(context, frame, out)

        return two
    if len(statements) == 3:
        first, second, third = statements

        def three(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
            first(context, frame, out)
            second(context, frame, out)
            third(context, frame, out)

        return three

    def run(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
        for statement in statements:
            statement(context, frame, out)

    return run


def printed(value: Any) -> str:
    if type(value) not in PRINTABLE:
        raise Unsupported
    return finalize(value)


def emit(pieces: list[str | Printed]) -> Statement:
    """Text and printed values in a row; the usual ``<w:t>{{ x }}</w:t>`` shape in one step."""
    if len(pieces) == 3 and isinstance(pieces[0], str) and isinstance(pieces[1], tuple) and isinstance(pieces[2], str):
        before, (value, local), after = pieces[0], pieces[1], pieces[2]
        if local is not None:
            slot, key = local

            def wrapped_key(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
                owner = frame[slot]
                if type(owner) is dict and key in owner:
                    printed = owner[key]
                    if type(printed) in PRINTABLE:
                        out += (before, finalize(printed), after)
                        return
                raise Unsupported

            return wrapped_key

        def wrapped(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
            out += (before, printed(value(context, frame)), after)

        return wrapped
    if all(isinstance(piece, str) for piece in pieces):
        text = "".join(piece for piece in pieces if isinstance(piece, str))

        def constant(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
            out.append(text)

        return constant
    items = tuple(piece if isinstance(piece, str) else piece[0] for piece in pieces)

    def emit(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
        for piece in items:
            out.append(piece if type(piece) is str else printed(piece(context, frame)))  # type: ignore[operator]

    return emit


def printing(pieces: list[str | Printed]) -> tuple[int, Printing] | None:
    """The slot and the `Printing` of ``pieces`` when they are text, a loop variable's key and text."""
    if len(pieces) == 3 and isinstance(pieces[0], str) and isinstance(pieces[1], tuple) and isinstance(pieces[2], str):
        local = pieces[1][1]
        if local is not None:
            return local[0], (pieces[0], local[1], pieces[2])
    return None


def switch_loop(
    items: Expression,
    slot: int,
    key: str,
    table: dict[str, Branch],
    equals: list[tuple[str, Branch]],
    otherwise: Branch,
    run_empty: Statement,
) -> Statement:
    """``{% for x in … %}{% if x.key == "a" %}…{% elif x.key == "b" %}…{% else %}…{% endif %}{% endfor %}``
    in one step: each item's branch found by its key (a text by the table, anything else compared in turn, as
    the switch does), and a branch that is a `Printing` of the item printed here. The checks, and what
    raises `Unsupported`, are those of the loop, the switch and the print it stands for."""

    def loop(context: dict[str, Any], frame: Frame, out: list[str]) -> None:
        sequence = items(context, frame)
        if type(sequence) is not list and type(sequence) is not tuple:
            raise Unsupported
        if not sequence:
            run_empty(context, frame, out)
            return
        inner = frame[:slot]
        inner += (None, 0, len(sequence))
        for item in sequence:
            if type(item) is not dict or key not in item:
                raise Unsupported
            found = item[key]
            if type(found) is str:
                branch = table.get(found, otherwise)
            else:
                branch = otherwise
                for constant, body in equals:
                    if found == constant:
                        branch = body
                        break
            if type(branch) is tuple:
                before, printed_key, after = branch
                if printed_key in item:
                    value = item[printed_key]
                    if type(value) in PRINTABLE:
                        out += (before, finalize(value), after)
                        continue
                raise Unsupported
            inner[slot] = item
            branch(context, inner, out)  # type: ignore[operator]

    return loop


def key_of(owner: Expression, key: str) -> Expression:
    def lookup(context: dict[str, Any], frame: Frame) -> Any:
        value = owner(context, frame)
        if type(value) is dict and key in value:
            return value[key]
        raise Unsupported  # anything but a dict holding the key: Jinja's sandboxed getattr decides

    return lookup


def local_key(slot: int, key: str) -> Expression:
    def lookup(context: dict[str, Any], frame: Frame) -> Any:
        value = frame[slot]
        if type(value) is dict and key in value:
            return value[key]
        raise Unsupported

    return lookup


def loop_attribute(attribute: str, slot: int) -> Expression:
    index, length = slot + 1, slot + 2
    attributes: dict[str, Expression] = {
        "index0": lambda context, frame: frame[index],
        "index": lambda context, frame: frame[index] + 1,
        "first": lambda context, frame: frame[index] == 0,
        "last": lambda context, frame: frame[index] == frame[length] - 1,
        "length": lambda context, frame: frame[length],
        "revindex": lambda context, frame: frame[length] - frame[index],
        "revindex0": lambda context, frame: frame[length] - frame[index] - 1,
    }
    return attributes[attribute]


BINARY: dict[str, Callable[[Expression, Expression], Expression]] = {
    "eq": lambda left, right: lambda context, frame: left(context, frame) == right(context, frame),
    "ne": lambda left, right: lambda context, frame: left(context, frame) != right(context, frame),
    "and": lambda left, right: lambda context, frame: left(context, frame) and right(context, frame),
    "or": lambda left, right: lambda context, frame: left(context, frame) or right(context, frame),
}

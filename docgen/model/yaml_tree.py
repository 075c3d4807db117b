"""YAML into plain Python data that remembers where each field stood, within fixed limits.

PyYAML (already a dependency, with libyaml's fast C parser) composes the document into nodes that carry
line marks; this module turns those nodes into dicts, lists and scalars itself instead of using PyYAML's
constructor, because it needs three things the constructor cannot give:

- the line of every field, so that an error in ``recommendations.items[2].heading`` can say 第 14 行
  (ruamel.yaml would also keep positions, but it is a new dependency, slower, and its round-trip types are
  not plain dicts; node marks are all we need);
- limits on what aliases expand to (``*a`` repeats a node without copying it: a 5 KB file of aliases can
  stand for gigabytes) and on nesting depth, checked while building, before anything large exists;
- no exception that is not the user's: keys must be text, an impossible date such as ``2023-02-30`` stays
  the text it was (the field check then says it does not exist), a number too long for Python is refused.
"""

from __future__ import annotations

import functools
import re
import sys
from types import ModuleType
from typing import Any, NamedTuple

from docgen.errors import InputFileError

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted; a speech needs fewer than 10."""

MAX_ALIAS_NODES = 10_000
"""At most this many values may be repeated through aliases (``*name``) in one file."""

MAX_ALIAS_CHARACTERS = 100_000
"""At most this many characters of text may be repeated through aliases in one file."""

MAX_NUMBER_DIGITS = 4_300
"""Longest integer read as a number (Python's own limit for converting text to int)."""

_STANDARD = "tag:yaml.org,2002:"


# A NamedTuple rather than a frozen dataclass: making one costs a process ~0.07 ms at import, not ~0.5 ms.
class Place(NamedTuple):
    """Where a value stood in the file: 1-based line and column, and how it was written."""

    line: int
    column: int
    kind: str = "text"
    """"text" (quoted or plain text), "map", "list", or for an unquoted scalar YAML read as something
    else: "bool", "int", "float", "null", "date"."""
    raw: str = ""
    """The scalar as written (for unquoted scalars), e.g. ``yes`` or ``2023``."""
    plain: bool = False
    """Written without quotes."""


class Tree:
    """The data of one YAML document and the place of each field, by dotted path (``opening[0]``)."""

    # A plain class, not a dataclass: making one costs every process that loads a speech more, at import.
    __slots__ = ("data", "places")

    def __init__(self, data: Any, places: dict[str, Place] | None = None) -> None:
        self.data = data
        self.places: dict[str, Place] = {} if places is None else places

    def place(self, path: str) -> Place | None:
        """The place of ``path`` or of its closest enclosing field that has one."""
        while True:
            if path in self.places:
                return self.places[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""


# PyYAML's pure-Python reader checks text for characters YAML does not allow with this class, compiled
# when yaml.reader is imported. Its ranges reach U+10FFFF, and compiling it costs every process that imports
# yaml ≈ 57 M instructions (≈ 3 ms, 1–3 % of a render), for a reader docgen never uses: libyaml's parser
# does its own check. `pyyaml` imports PyYAML with this one pattern compiled on its first use instead.
_READER_CHECK = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"


class LazyPattern:
    """A regular expression compiled the first time anything of it is used; otherwise `re.Pattern`'s own."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = _compile_now(*self._source)
        return getattr(self._compiled, name)


_compile_now = re.compile


def pyyaml() -> ModuleType:
    """The ``yaml`` module, imported (if it was not yet) with its reader's character check compiled on first
    use, not at import: the same pattern, so PyYAML accepts and refuses exactly what it would
    (tests/test_load.py compares the two on every character class). Only for the length of the import, and
    only for that exact pattern, ``re.compile`` hands back a `LazyPattern`; every other call goes through."""
    found = sys.modules.get("yaml")
    if found is not None:
        return found

    def compile(pattern: Any, flags: int = 0) -> Any:
        if pattern == _READER_CHECK and flags == 0:
            return LazyPattern(pattern)
        return _compile_now(pattern, flags)

    re.compile = compile
    try:
        import yaml
    finally:
        re.compile = _compile_now
    return yaml


@functools.cache
def _loader_class() -> type:
    yaml = pyyaml()

    # libyaml's parser when PyYAML has it (7× faster on a speech); composing only, no construction.
    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def compose(text: str) -> Any:
    """The root node of the single YAML document in ``text`` (None for an empty document).

    Raises yaml.YAMLError for a syntax error."""
    loader = _loader_class()(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def build(root: Any, source: str) -> Tree:
    """Plain data from a composed node tree, recording each field's place; InputFileError past a limit."""
    builder = _Builder(source)
    tree = Tree(None, builder.places)
    if root is not None:
        tree.data = builder.value(root, "", 0)
    return tree


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.places: dict[str, Place] = {}
        self.done: set[int] = set()  # nodes built once: building one again is an alias expansion
        self.open: set[int] = set()  # nodes being built: meeting one again is an alias of itself
        self.alias_nodes = 0
        self.alias_characters = 0

    def fail(self, node: Any, message: str) -> InputFileError:
        mark = node.start_mark
        return InputFileError(f"{self.source} 第 {mark.line + 1} 行：{message}")

    def value(self, node: Any, path: str, depth: int) -> Any:
        import yaml

        key = id(node)
        if key in self.open:
            raise self.fail(node, "别名（*名称）引用了包含它自己的内容，会无限展开；请删去这个别名")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"嵌套超过 {MAX_DEPTH} 层；讲话稿不需要这么深的结构，请检查缩进或括号")
        if key in self.done:
            self._count_alias(node)
        if isinstance(node, yaml.ScalarNode):
            self.done.add(key)
            return self.scalar(node, path)
        self.open.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                self._record(path, node, "list")
                items = []
                for index, item in enumerate(node.value):
                    items.append(self.value(item, f"{path}[{index}]", depth + 1))
                return items
            self._record(path, node, "map")
            return self.mapping(node, path, depth)
        finally:
            self.open.discard(key)
            self.done.add(key)

    def _count_alias(self, node: Any) -> None:
        import yaml

        self.alias_nodes += 1
        if isinstance(node, yaml.ScalarNode):
            self.alias_characters += len(node.value)
        if self.alias_nodes > MAX_ALIAS_NODES or self.alias_characters > MAX_ALIAS_CHARACTERS:
            raise self.fail(
                node,
                f"别名（*名称）重复的内容超过上限（{MAX_ALIAS_NODES} 项或 {MAX_ALIAS_CHARACTERS} 字）；"
                "讲话稿用不到这么多重复，请把内容直接写出来或删去别名",
            )

    def _record(self, path: str, node: Any, kind: str, raw: str = "", plain: bool = False) -> None:
        # A mapping's fields are recorded at their key (see mapping()); keep that place, add the kind.
        mark = node.start_mark
        known = self.places.get(path)
        line, column = (known.line, known.column) if known else (mark.line + 1, mark.column + 1)
        self.places[path] = Place(line, column, kind, raw, plain)

    def mapping(self, node: Any, path: str, depth: int) -> dict[str, Any]:
        import yaml

        result: dict[str, Any] = {}
        pairs = list(node.value)
        merged: list[tuple[Any, Any]] = []
        for key_node, value_node in pairs:
            if key_node.tag == _STANDARD + "merge":
                # `<<: *base` copies base's fields unless this mapping sets them itself.
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        raise self.fail(value_node, "“<<”后面应是一个键值对的别名，如 <<: *基本信息")
                    if id(source) in self.done:
                        self._count_alias(source)
                    merged.extend(source.value)
        own = [(k, v) for k, v in pairs if k.tag != _STANDARD + "merge"]
        own_keys = {self.key(k) for k, _ in own}
        for key_node, value_node in merged:
            name = self.key(key_node)
            if name not in own_keys and name not in result:
                child = f"{path}.{name}" if path else name
                self.places.setdefault(child, Place(key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                result[name] = self.value(value_node, child, depth + 1)
        seen: set[str] = set()
        for key_node, value_node in own:
            name = self.key(key_node)
            if name in seen:
                raise self.fail(key_node, f"重复的字段“{name}”（后一个会覆盖前一个）；请删去其中一个")
            seen.add(name)
            child = f"{path}.{name}" if path else name
            self.places[child] = Place(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[name] = self.value(value_node, child, depth + 1)
        return result

    def key(self, node: Any) -> str:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            kind = "列表" if isinstance(node, yaml.SequenceNode) else "键值对"
            raise self.fail(node, f"字段名不能是{kind}；字段名是 title、opening 这样的文字，后面跟“: ”和内容")
        # A key is a name as written: `1:` or `yes:` is the field "1" / "yes" (then reported as unknown).
        return str(node.value)

    def scalar(self, node: Any, path: str) -> Any:
        tag = node.tag
        raw = node.value
        plain = not node.style  # None from PyYAML, "" from libyaml
        if not tag.startswith(_STANDARD) and tag != "!":
            raise self.fail(node, f"不支持的 YAML 标签 {tag}；讲话稿只用文字、列表和键值对，请删去标签")
        kind = tag[len(_STANDARD) :] if tag.startswith(_STANDARD) else "str"
        if kind in ("str", "binary") or tag == "!":
            if kind == "binary":
                raise self.fail(node, "讲话稿中不能有二进制数据（!!binary）；请写成文字")
            self._record(path, node, "text", raw, plain)
            return raw
        self._record(path, node, "date" if kind == "timestamp" else kind, raw, plain)
        if kind == "null":
            return None
        if kind == "bool":
            return raw.lower() in ("yes", "true", "on", "y")
        if kind == "int":
            if sum(ch.isdigit() for ch in raw) > MAX_NUMBER_DIGITS:
                raise self.fail(
                    node,
                    f"数字有 {len(raw)} 位，超过能读入的长度（{MAX_NUMBER_DIGITS} 位）；如果这是文字，请加引号",
                )
            return _construct(node)
        if kind == "float":
            return _construct(node)
        if kind == "timestamp":
            try:
                return _construct(node)
            except ValueError:
                # 2023-02-30: not a date; keep the text so the field check can say which date is impossible.
                self._record(path, node, "text", raw, plain)
                return raw
        raise self.fail(node, f"不支持的 YAML 类型 !!{kind}；讲话稿只用文字、列表和键值对")


def _construct(node: Any) -> Any:
    # PyYAML's safe constructor alone: a whole SafeLoader would set up a reader (and its check), a scanner,
    # a parser and a resolver for one scalar.
    from yaml.constructor import SafeConstructor

    return SafeConstructor().construct_object(node)

"""The report of which context variables a template uses, and the check each render's context passes first.

Made by the analysis of the template's Jinja (`docgen.template.variables`) and kept, as plain data, in the
cache of a bundled template's prepared form (`docgen.template.cache`): reading it back needs neither Jinja nor
the speech model, so a render of a cached bundled template imports neither for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from docgen.errors import TemplateVariableError

Path = tuple[str, ...]
ITEM = "[]"
"""The path segment for "any item of this list"."""


def display(path: Path) -> str:
    """``("praise", "points", "[]", "run_in")`` → ``praise.points[].run_in``."""
    text = ""
    for segment in path:
        text += segment if segment == ITEM or not text else f".{segment}"
    return text


# Named tuples, not dataclasses: a render's start-up defines these classes, and a dataclass's generated
# methods cost about ten times a named tuple's.
class UnknownVariable(NamedTuple):
    path: str
    suggestion: str | None

    def __str__(self) -> str:
        return f"{self.path}（是不是 {self.suggestion}？）" if self.suggestion else self.path


class VariableReport(NamedTuple):
    """A template measured against the speech context: what it uses, what is unknown, what it leaves out."""

    provided: tuple[str, ...]
    unknown: tuple[UnknownVariable, ...]
    ignored_fields: tuple[str, ...]
    blocks: tuple[str, ...]
    unknown_paths: tuple[Path, ...] = ()
    """The context paths of ``unknown``, in the same order."""
    context_top_level: frozenset[str] = frozenset()
    """The speech context's top-level names: an unknown variable under one of them is unknown in any context."""

    @classmethod
    def of(cls, usage: Any) -> VariableReport:
        """The report of a `docgen.template.variables.TemplateUsage` (the analysis imports Jinja)."""
        from docgen.template.variables import report

        return report(usage)

    @property
    def ok(self) -> bool:
        return not self.unknown

    def context_check(self, template_name: str) -> Callable[[Mapping[str, Any]], None] | None:
        """A check run on each render's context before anything renders: the unknown variables fail it, except
        top-level names a custom context (a mapping passed to `Template.render`) does provide."""
        if not self.unknown:
            return None
        top_level = self.context_top_level
        pairs = list(zip(self.unknown_paths, self.unknown, strict=True))

        def check(context: Mapping[str, Any]) -> None:
            missing = [v for p, v in pairs if p[0] in top_level or p[0] not in context]
            if missing:
                raise TemplateVariableError(unknown_message(template_name, missing), [v.path for v in missing])

        return check

    def lines(self, template_name: str) -> list[str]:
        """The report `docgen templates check` prints, in Chinese."""
        out = [f"模板：{template_name}", f"用到的变量（{len(self.provided) + len(self.unknown)} 个）："]
        out += [f"  ✓ {path}" for path in self.provided]
        for variable in self.unknown:
            hint = f"，是不是 {variable.suggestion}？" if variable.suggestion else ""
            out.append(f"  ✗ {variable.path}  讲话稿数据中没有{hint}")
        out.append(f"用到的块（{len(self.blocks)} 个）：")
        out += [f"  {{% {block} %}}" for block in self.blocks]
        if self.ignored_fields:
            out.append(f"模板没有用到的讲话稿字段（{len(self.ignored_fields)} 个，其内容不会出现在文档中）：")
            out += [f"  - {name}" for name in self.ignored_fields]
        else:
            out.append("讲话稿的每个字段都会出现在文档中。")
        out.append(self.verdict())
        return out

    def verdict(self) -> str:
        if self.unknown:
            names = "、".join(str(v) for v in self.unknown)
            return f"结论：不能使用。有 {len(self.unknown)} 个未知变量：{names}；请在 Word 中改正这些标签。"
        if self.ignored_fields:
            return f"结论：可以使用；有 {len(self.ignored_fields)} 个讲话稿字段不会印出，如有需要请在模板中加上。"
        return "结论：可以使用。"

    # -- as the cache keeps it ------------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The report as JSON data, for `from_data`."""
        return {
            "provided": list(self.provided),
            "unknown": [[v.path, v.suggestion] for v in self.unknown],
            "ignored_fields": list(self.ignored_fields),
            "blocks": list(self.blocks),
            "unknown_paths": [list(p) for p in self.unknown_paths],
            "context_top_level": sorted(self.context_top_level),
        }

    @classmethod
    def from_data(cls, data: object) -> VariableReport | None:
        """The report `to_data` gave, or None if ``data`` is not exactly of that form."""
        if not isinstance(data, dict) or set(data) != set(_DATA_KEYS):
            return None
        texts = [data[key] for key in ("provided", "ignored_fields", "blocks", "context_top_level")]
        if not all(_strings(value) for value in texts):
            return None
        unknown, paths = data["unknown"], data["unknown_paths"]
        if not (isinstance(unknown, list) and isinstance(paths, list) and len(unknown) == len(paths)):
            return None
        if not all(isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) for row in unknown):
            return None
        if not all(row[1] is None or isinstance(row[1], str) for row in unknown):
            return None
        if not all(_strings(path) and path for path in paths):
            return None
        provided, ignored, blocks, top_level = texts
        return cls(
            tuple(provided),
            tuple(UnknownVariable(path, suggestion) for path, suggestion in unknown),
            tuple(ignored),
            tuple(blocks),
            tuple(tuple(path) for path in paths),
            frozenset(top_level),
        )


_DATA_KEYS = ("provided", "unknown", "ignored_fields", "blocks", "unknown_paths", "context_top_level")


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def unknown_message(template_name: str, unknown: Iterable[UnknownVariable]) -> str:
    names = "、".join(str(v) for v in unknown)
    return (
        f"模板 {template_name} 使用了讲话稿数据中没有的变量：{names}。"
        f"请在 Word 中改正这些标签（docgen templates check {template_name} 列出模板用到的全部变量）"
    )

"""Turning what went wrong in a speech file into Chinese a writer can act on: the line, the usual cause, the fix.

Three sources of trouble, one module, because they often have the same cause seen from different sides
(``title：讲话`` with a full-width colon is a syntax error on the *next* line, or a top level that is not a
mapping, or a field that is silently text — the fix is the same):

- typing mistakes found by looking at the lines themselves (full-width colon, tab indentation, ``-`` without a
  space), reported at the line where they are;
- PyYAML's syntax errors, translated, at the line that holds the mistake (an unclosed quote is reported where
  it opens, not at the end of the file);
- field errors from the model, given the line of the field and a hint when the way it was written explains
  it (``speaker: yes`` is a yes/no value to YAML; ``- 会议要求: 全体参加`` became a mapping because of ``: ``),
  and misspelled field names get the closest known name.
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from docgen.errors import FieldProblem, InputFileError
from docgen.model.yaml_tree import Place, Tree

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_LINE_START = r"^(?P<indent>[ ]*(?:-[ ]+)?)"
_FULL_WIDTH_COLON = re.compile(_LINE_START + rf"(?P<key>{_KEY})[ \u3000]*：")
_NO_SPACE_AFTER_COLON = re.compile(_LINE_START + rf"(?P<key>{_KEY}):(?P<after>[^\s]|\u3000)")
_TAB_INDENT = re.compile(r"^[ ]*\t")
_DASH_WITHOUT_SPACE = re.compile(r"^(?P<indent>[ ]*)-(?P<after>[^\s\-\d.+])")

_YES_NO = "yes/no、true/false、on/off"
_KIND_NAMES = {
    "bool": f"是/否值（YAML 把未加引号的 {_YES_NO} 读作是/否）",
    "int": "数字",
    "float": "数字",
    "null": "空值（YAML 把未加引号的 null、~ 或什么都不写读作空）",
    "date": "日期",
}


def typing_mistakes(text: str, field_names: Iterable[str]) -> list[tuple[int, str]]:
    """(line, message) for each line that shows one of the usual typing mistakes, first line first."""
    names = set(field_names)
    found: list[tuple[int, str]] = []
    in_block = -1  # indentation of a `|` / `>` block scalar being skipped: its lines are text, not YAML
    for number, line in enumerate(text.splitlines(), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if in_block >= 0:
            if not line.strip() or indent > in_block:
                continue
            in_block = -1
        if re.search(r":[ ]+[|>][-+0-9]*[ ]*(#.*)?$", line):
            in_block = indent
        if _TAB_INDENT.match(line) and line.strip():
            found.append((number, "行首用了 Tab 缩进；YAML 只能用空格缩进，请把行首的 Tab 换成空格（每一级两个空格）"))
            continue
        match = _FULL_WIDTH_COLON.match(line)
        if match and match["key"] in names:
            key = match["key"]
            found.append(
                (number, f"字段名“{key}”后面是全角冒号“：”；字段名后要用半角冒号加一个空格，请改为“{key}: ”")
            )
            continue
        match = _NO_SPACE_AFTER_COLON.match(line)
        if match and match["key"] in names:
            key = match["key"]
            what = "全角空格" if match["after"] == "\u3000" else "没有空格"
            found.append(
                (number, f"字段名“{key}:”后面{what}；冒号后要跟一个半角空格，YAML 才认得出字段，请改为“{key}: ”")
            )
            continue
        match = _DASH_WITHOUT_SPACE.match(line)
        if match and not line.lstrip().startswith("---"):
            rest = line.lstrip()[1:]
            found.append(
                (number, f"“-”后面没有空格：YAML 只把“- ”（短横加空格）当作列表的一项；请改为“- {rest[:12]}”")
            )
    return found


def syntax_error(exc: Any, text: str, source: str, field_names: Iterable[str]) -> InputFileError:
    """An InputFileError for a yaml.MarkedYAMLError: the typing mistake that caused it, or its translation."""
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    first_mark = problem_mark or context_mark
    error_line = first_mark.line + 1 if first_mark is not None else 10**9
    mistakes = [m for m in typing_mistakes(text, field_names) if m[0] <= error_line]
    if mistakes:
        return mistakes_error(source, mistakes)
    mark = problem_mark or context_mark
    message = _translate(problem, context, text, mark)
    if context_mark is not None and _reported_at_context(problem, context):
        mark = context_mark
    where = f" 第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark is not None else ""
    return InputFileError(f"{source}{where}：YAML 格式错误：{message}")


def mistakes_error(source: str, mistakes: list[tuple[int, str]]) -> InputFileError:
    lines = [f"{source} 第 {line} 行：{message}" for line, message in mistakes[:5]]
    more = f"\n（另有 {len(mistakes) - 5} 处同类问题）" if len(mistakes) > 5 else ""
    return InputFileError("\n".join(lines) + more)


def _reported_at_context(problem: str, context: str) -> bool:
    # Where the unclosed thing opened is where the mistake is, not where the file ended.
    return "end of stream" in problem or "simple key" in context or "expected ',' or" in problem


def _translate(problem: str, context: str, text: str, mark: Any) -> str:
    line = text.splitlines()[mark.line] if mark is not None and mark.line < len(text.splitlines()) else ""
    if "mapping values are not allowed" in problem:
        if re.match(r"^\s*(?:-\s+)?[^:#]+:\s+\S.*:\s", line + " "):
            return (
                "这一行的内容里有“: ”（半角冒号加空格），YAML 把它当成了又一个字段。"
                '请给整段文字加引号（如 title: "会议要求: 全体参加"），或把冒号改为全角“：”'
            )
        return "这里出现了“字段: 值”，但上一行不是字段或缩进不对；请检查上一行是否漏了“: ”，以及同一级是否左端对齐"
    if "tab" in problem.lower():
        return "用了 Tab；YAML 只能用空格缩进，请把 Tab 换成空格"
    if "cannot start any token" in problem:
        char = line[mark.column] if mark is not None and mark.column < len(line) else ""
        return f"“{char}”不能作为一段文字的开头；请给这段文字加引号"
    if "end of stream" in problem and "quoted" in context:
        return "这里开始的引号没有配对的结束引号；请补上结束引号，或去掉开头的引号"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "这里开始的方括号 [ 或花括号 { 没有闭合，或其中的各项之间缺少逗号"
    if "simple key" in context or "expected ':'" in problem:
        return "这一行缺少“: ”（半角冒号加空格）；若它是上一段文字的续行，请给整段加引号或与上一行的文字对齐"
    if "expected <block end>" in problem or "did not find expected key" in problem or "'-' indicator" in problem:
        return "缩进与上文不一致：同一级的字段或列表项（“- ”）要左端对齐，下一级比上一级多缩进两个空格"
    if "undefined alias" in problem or "found undefined" in problem:
        return "用到了没有定义的别名（*名称）；请先用 &名称 定义，或直接写出内容"
    if "single document" in problem or "document" in problem:
        return "文件中有多个文档（“---”分隔）；一个文件只放一篇讲话稿"
    if "nesting depth" in problem:
        return "括号或缩进嵌套过深；讲话稿不需要这么深的结构"
    return f"无法解析（{problem or context}）；请检查这一行的引号、冒号和缩进"


def place_problems(
    problems: list[FieldProblem], tree: Tree, model: type[BaseModel]
) -> list[FieldProblem]:
    """Each problem with the line of its field and, where the way it was written explains it, a hint."""
    located = []
    for problem in problems:
        place = tree.place(problem.path)
        message = _hinted(problem, place, tree, model)
        located.append(FieldProblem(problem.path, message, place.line if place else None))
    return located


def _hinted(problem: FieldProblem, place: Place | None, tree: Tree, model: type[BaseModel]) -> str:
    message = problem.message
    exact = tree.places.get(problem.path)
    if message.startswith("未知字段"):
        name = re.split(r"[.\[]", problem.path)[-1]
        known = fields_at(model, problem.path.rsplit(".", 1)[0] if "." in problem.path else "")
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if close:
            return f"未知字段“{name}”，是不是“{close[0]}”？"
        listed = "、".join(known)
        return f"未知字段“{name}”（拼写错误？）；这里可用的字段：{listed}"
    if message.startswith("应为文本") and exact is not None:
        if exact.plain and exact.kind in _KIND_NAMES:
            return (
                f"应为文本，但未加引号的“{exact.raw}”被 YAML 读成了{_KIND_NAMES[exact.kind]}；"
                f'请加引号，如 "{exact.raw}"'
            )
        if exact.kind == "map":
            data = _value_at(tree.data, problem.path)
            if isinstance(data, dict) and len(data) == 1 and next(iter(data.values())) is not None:
                key, value = next(iter(data.items()))
                return (
                    f"应为文本，但“{key}: {value}”中的“: ”（半角冒号加空格）让 YAML 把它读成了“字段: 值”；"
                    f'请给整段加引号（"{key}: {value}"），或把冒号改为全角“：”'
                )
    if message.startswith("应为日期") and exact is not None and exact.plain and exact.kind in _KIND_NAMES:
        return f"{message}（未加引号的“{exact.raw}”被 YAML 读成了{_KIND_NAMES[exact.kind]}）"
    return message


def _value_at(data: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(data, list) or index >= len(data):
                return None
            data = data[index]
        else:
            if not isinstance(data, dict):
                return None
            data = data.get(part)
    return data


def fields_at(model: type[BaseModel], path: str) -> list[str]:
    """The field names of the model that sits at ``path`` (``praise.points[0]`` → PraisePoint's fields),
    found by following the model's own annotations, so new fields and models need no change here."""
    current: type[BaseModel] | None = model
    for part in re.findall(r"[^.\[\]]+", path):
        if part.isdigit() or current is None:
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info is not None else None
    return list(current.model_fields) if current is not None else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def all_field_names(model: type[BaseModel]) -> set[str]:
    """Every field name of the model and the models inside it."""
    names: set[str] = set()
    seen: set[type[BaseModel]] = set()
    stack = [model]
    while stack:
        current = stack.pop()
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            inner = _model_in(info.annotation)
            if inner is not None and inner not in seen:
                stack.append(inner)
    return names

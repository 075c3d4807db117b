"""Reading a `Speech` from YAML or JSON text or files, with errors that name the file, line and field."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError, FieldProblem, InputFileError, SpeechValidationError
from docgen.model.speech import Speech
from docgen.model.yaml_tree import MAX_DEPTH, MAX_NUMBER_DIGITS, Tree, build, compose, pyyaml

# docgen.model.input_errors (difflib, its line patterns) is imported where there is a mistake to explain, so
# that reading a good file never pays for it.


@functools.cache
def _field_names() -> frozenset[str]:
    from docgen.model.input_errors import all_field_names

    return frozenset(all_field_names(Speech))


def _parse_yaml(text: str, source: str) -> Tree:
    yaml = pyyaml()

    try:
        root = compose(text)
    except yaml.MarkedYAMLError as exc:
        from docgen.model.input_errors import syntax_error

        raise syntax_error(exc, text, source, _field_names()) from None
    except yaml.reader.ReaderError as exc:
        raise _refused_character(exc, text, source) from None
    except yaml.YAMLError as exc:
        raise InputFileError(f"{source}：YAML 格式错误：{exc}") from None
    except RecursionError:
        raise InputFileError(f"{source}：嵌套过深（超过 {MAX_DEPTH} 层）；讲话稿不需要这么深的结构") from None
    tree = build(root, source)
    # `-今天……` is one paragraph that starts with a dash to YAML, not a list item: never what was meant.
    dashes = [
        (place.line, f"“-”后面没有空格：YAML 只把“- ”（短横加空格）当作列表的一项；请改为“- {_first_words(place.raw)}”")
        for place in tree.places.values()
        if place.plain and place.kind == "text" and _DASH_TEXT.match(place.raw)
    ]
    if dashes:
        from docgen.model.input_errors import mistakes_error, typing_mistakes

        # The lines themselves show where each dash is (a field's place is its key's line).
        by_line = [m for m in typing_mistakes(text, _field_names()) if m[1].startswith("“-”")]
        raise mistakes_error(source, by_line or sorted(dashes))
    return tree


def _refused_character(exc: Any, text: str, source: str) -> InputFileError:
    """YAML's refusal of a character (a control character, U+FFFE…) as a Chinese message with its line and
    column. Both readers give the character's code; PyYAML's own (encoding "unicode") its offset in the
    text, libyaml its offset in the text's UTF-8."""
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    if exc.encoding == "unicode":
        before = text[: exc.position]
    else:
        before = text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "replace")
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    return InputFileError(
        f"{source} 第 {line} 行第 {column} 列：有 YAML 不允许的字符 U+{code:04X}（控制字符等，文档也无法容纳），"
        "常见于从网页或其他软件复制来的文字；请删去它后重试"
    )


def _first_words(raw: str) -> str:
    return raw[1:].split(" ")[0][:12]


_DASH_TEXT = re.compile(r"^-[^\s\-\d.+]")


@functools.cache
def _json_token() -> re.Pattern[str]:
    """A JSON string or bracket: for measuring the nesting of a JSON text with many brackets only."""
    return re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')



class _LongNumber(Exception):
    def __init__(self, digits: str) -> None:
        self.digits = digits


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _LongNumber(digits)
    return int(digits)


def _parse_json(text: str, source: str) -> Tree:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise InputFileError(f"{source}：JSON 中有重复的字段“{key}”（后一个会覆盖前一个）；请删去其中一个")
            result[key] = value
        return result

    _check_json_depth(text, source)
    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        where = f"第 {exc.lineno} 行第 {exc.colno} 列"
        raise InputFileError(f"{source} {where}：JSON 格式错误：{_json_message(exc.msg)}") from None
    except _LongNumber as exc:
        line = text.count("\n", 0, max(text.find(exc.digits), 0)) + 1
        raise InputFileError(
            f"{source} 第 {line} 行：数字有 {len(exc.digits)} 位，超过能读入的长度（{MAX_NUMBER_DIGITS} 位）；"
            "如果这是文字，请加引号"
        ) from None
    return Tree(data)


def _check_json_depth(text: str, source: str) -> None:
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for token in _json_token().finditer(text):
        kind = token.group()
        if kind in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, token.start()) + 1
                raise InputFileError(
                    f"{source} 第 {line} 行：括号嵌套超过 {MAX_DEPTH} 层；讲话稿不需要这么深的结构，请检查括号是否配对"
                )
        elif kind in "]}":
            depth -= 1


_JSON_MESSAGES = {
    "Expecting value": "这里缺少一个值（多了逗号，或少了引号？）",
    "Expecting property name enclosed in double quotes": "字段名要用英文双引号括起来（最后一项后面不能有逗号）",
    "Expecting ',' delimiter": "两项之间缺少逗号",
    "Expecting ':' delimiter": "字段名后面缺少冒号",
    "Unterminated string starting at": "引号没有配对的结束引号",
    "Invalid control character at": "文字中有换行或控制字符；换行请写成 \\n",
    "Extra data": "JSON 结束后还有多余的内容",
}


def _json_message(message: str) -> str:
    for english, chinese in _JSON_MESSAGES.items():
        if message.startswith(english):
            return chinese
    return message


def _json_places(text: str, source: str) -> Tree:
    """Field places for a JSON file, read through the YAML composer (JSON is YAML); none if that fails."""
    try:
        return build(compose(text), source)
    except Exception:  # places are a courtesy; the JSON reading above is authoritative
        return Tree(None)


def parse_speech(text: str, *, format: str = "yaml", source: str = "<输入>") -> Speech:
    """A `Speech` from YAML (the default; JSON is valid YAML too) or JSON text."""
    tree = _parse_json(text, source) if format == "json" else _parse_yaml(text, source)
    data = tree.data
    if not isinstance(data, dict):
        from docgen.model.input_errors import mistakes_error, typing_mistakes

        mistakes = typing_mistakes(text, _field_names()) if format != "json" else []
        if mistakes:
            raise mistakes_error(source, mistakes)
        kind = "空文件" if data is None else f"{_KIND.get(type(data).__name__, type(data).__name__)}"
        raise InputFileError(f"{source}：顶层应为键值对（第一行如“title: 标题”），实际是{kind}")
    try:
        return Speech.model_validate(absent_for_null(data))
    except SpeechValidationError as exc:
        from docgen.model.input_errors import place_problems, typing_mistakes

        places = _json_places(text, source) if format == "json" else tree
        problems = place_problems(exc.problems, places, Speech)
        if format != "json":
            problems += [FieldProblem("", message, line) for line, message in typing_mistakes(text, _field_names())]
        raise SpeechValidationError(problems, source) from None


def absent_for_null(value: Any) -> Any:
    """``field: null`` means the field is absent, everywhere: the strict LLM schema makes every field present
    and null where there is nothing, and YAML writes an empty value (``speaker:``) as null."""
    if isinstance(value, dict):
        return {k: absent_for_null(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [absent_for_null(v) for v in value]
    return value


_KIND = {"list": "列表（- 开头的各项）", "str": "一段文字", "int": "数字", "float": "数字", "bool": "是/否值"}


# A speech or a draft is text of well under 1 MB (20,000 paragraphs are about 2 MB); reading is bounded so that a
# wrong file, or a path that never ends (/dev/zero, a device), is refused instead of filling the memory. A .docx
# may hold pictures: it gets the templates' package limit.
MAX_INPUT_BYTES = 16 * 1024 * 1024


def read_input(path: Path, error: type[DocgenError] = InputFileError) -> bytes:
    """The bytes of an input file (at most ``MAX_INPUT_BYTES``, a .docx the package limit), or ``error`` saying
    which file and what is wrong with it."""
    from docgen.template.package import MAX_TEMPLATE_BYTES

    limit = MAX_TEMPLATE_BYTES if path.suffix.lower() == ".docx" else MAX_INPUT_BYTES
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
        if len(data) > limit:
            raise error(
                f"{path} 超过 {limit // (1024 * 1024)} MB 的上限，不像是一篇讲话稿（讲话稿一般不到 1 MB）；"
                "请确认选对了文件（.docx 可压缩其中的图片），或拆成几个文件分别处理"
            )
        return data
    except FileNotFoundError:
        raise error(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise error(f"{path} 是文件夹，不是讲话稿文件") from None
    except OSError as exc:
        raise error(f"无法读取 {path}：{exc.strerror}") from None


def load_speech(path: str | Path) -> Speech:
    """Read a speech from a ``.yaml``/``.yml`` or ``.json`` file.

    >>> load_speech("examples/seed.yaml").recommendations.items[0].heading[:4]
    '坚持以政治'
    """
    path = Path(path)
    raw = read_input(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path} 不是 UTF-8 编码（第 {exc.start + 1} 个字节无法解码），请另存为 UTF-8") from None
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    return parse_speech(text, format=fmt, source=str(path))

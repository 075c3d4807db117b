"""Reading a `Speech` from YAML or JSON text or files, with errors that name the file, line and field."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError, InputFileError, SpeechValidationError
from docgen.model import Speech


@functools.cache
def _yaml_loader() -> type:
    import yaml

    # libyaml's parser when PyYAML has it (7× faster on a speech); the constructor is Python either way.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[valid-type,misc]
        """SafeLoader that refuses duplicate keys, which PyYAML would otherwise drop silently."""

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    mark = key_node.start_mark
                    raise yaml.constructor.ConstructorError(
                        None, None, f"重复的字段“{key}”（后一个会覆盖前一个）", mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return StrictLoader


def _parse_yaml(text: str, source: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        problem = exc.problem or exc.context or "格式错误"
        raise InputFileError(f"{source} {where}：YAML 格式错误：{problem}") from None
    except yaml.YAMLError as exc:
        raise InputFileError(f"{source}：YAML 格式错误：{exc}") from None


def _parse_json(text: str, source: str) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise InputFileError(f"{source}：JSON 中有重复的字段“{key}”（后一个会覆盖前一个）")
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{source} 第 {exc.lineno} 行第 {exc.colno} 列：JSON 格式错误：{exc.msg}") from None


def parse_speech(text: str, *, format: str = "yaml", source: str = "<输入>") -> Speech:
    """A `Speech` from YAML (the default; JSON is valid YAML too) or JSON text."""
    data = _parse_json(text, source) if format == "json" else _parse_yaml(text, source)
    if not isinstance(data, dict):
        kind = "空文件" if data is None else f"{type(data).__name__} 类型的值"
        raise InputFileError(f"{source}：顶层应为键值对（title: …），实际是{kind}")
    try:
        return Speech.model_validate(data)
    except SpeechValidationError as exc:
        raise SpeechValidationError(exc.problems, source) from None


def read_input(path: Path, error: type[DocgenError] = InputFileError) -> bytes:
    """The bytes of an input file, or ``error`` saying which file and what is wrong with it."""
    try:
        return path.read_bytes()
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

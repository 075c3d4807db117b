"""The building bricks of the speech model: normalised text, the strict base model, field-path errors."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, GetCoreSchemaHandler, Tag
from pydantic_core import CoreSchema, core_schema

from docgen.model.text import find_forbidden, fold_whitespace, widen_punctuation


def _clean_text(value: str) -> str:
    forbidden = find_forbidden(value)
    if forbidden:
        where = "、".join(f.describe() for f in forbidden[:5])
        more = f" 等 {len(forbidden)} 处" if len(forbidden) > 5 else ""
        raise ValueError(f"含有文档无法容纳的控制字符（{where}{more}），请删除后重试")
    value = fold_whitespace(value)
    if not value:
        raise ValueError("不能为空")
    return widen_punctuation(value)[0]


class _CleanText:
    """The core schema of `Text`, given directly: ``str`` then `_clean_text`, exactly what
    ``AfterValidator(_clean_text)`` makes, without pydantic inspecting the function's signature again for
    each of the ~30 text fields when the validators are built (the JSON schema keys text fields off it)."""

    @staticmethod
    def __get_pydantic_core_schema__(source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(_clean_text, core_schema.str_schema())


Text = Annotated[str, _CleanText]
"""A non-empty piece of text, normalised as described in docgen.model.speech."""


def as_list(value: Any) -> Any:
    """A single paragraph may be given as a string instead of a one-item list; ``None`` is an empty list.
    A mapping is not wrapped: where a list is expected it is a mistake to report, not to guess around."""
    if isinstance(value, str):
        return [value]
    if value is None:
        return []
    return value


def no_items() -> list[Any]:
    """The default of a list field: a new empty list. A function of ours rather than ``list``: pydantic reads
    a default factory's signature, and a builtin's is parsed from its text (the first costs ~2 ms)."""
    return []


Paragraphs = Annotated[list[Text], BeforeValidator(as_list)]


def _intro_kind(value: Any) -> str:
    return "几段" if isinstance(value, list) else "一段"


Intro = Annotated[
    Annotated[Text, Tag("一段")] | Annotated[list[Text], Field(min_length=1), Tag("几段")],
    Discriminator(_intro_kind),
]
"""An intro: one paragraph (a string, as it always could be) or several (a list)."""


def intro_paragraphs(intro: str | list[str] | None) -> list[str]:
    """The paragraphs of an intro, however it was given."""
    if intro is None:
        return []
    return [intro] if isinstance(intro, str) else list(intro)


class SpeechModel(BaseModel):
    """Base of every part of a speech: unknown fields are refused, so a misspelt key is never ignored.

    Validators are built on first use (``defer_build``): validating a `Speech` builds one validator for the
    whole tree, and the parts' own validators are built only if a part is validated on its own."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=False, defer_build=True)


class FieldValueError(ValueError):
    """Problems found by a check over a whole model, each with the path of the field it concerns below that
    model (``recommendations.items[0].body[2].heading``), so the error names the field and not the model."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("；".join(f"{path}：{message}" for path, message in problems))


# The tags of our tagged unions (a block is a paragraph, a point list or a section): pydantic puts them in an
# error's location, where they are not fields the user wrote, so the field path leaves them out.
UNION_TAGS = frozenset(
    {"一段", "几段", "段落", "要点列表", "小节", "各段", "分项", "肯定成绩部分", "指出不足部分", "建议要求部分"}
)

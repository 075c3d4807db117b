"""The `Speech` model: what a speech says, validated and normalised, with no notion of fonts or files.

Normalisation (documented in the README, applied to every text field):

- control characters, lone surrogates and U+FFFE/U+FFFF are refused with an error naming the field;
- whitespace at both ends is trimmed, inner runs fold to one space (a line break between two Chinese
  characters folds to nothing); the ideographic space U+3000 is kept;
- half-width ``,:;!?`` after a Chinese character, and ``()`` around Chinese text, become full-width;
- an enumerator typed at the start of a heading that matches its position ("一是", "一、", "（一）", "1.")
  is removed, because the template generates it; so is the "：" after a praise heading and the "——"
  before a subtitle;
- a salutation gets a closing "：" when it ends without punctuation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from docgen.errors import FieldProblem, SpeechValidationError
from docgen.model.blocks import Level1Style, Piece, Point, PointList, PointStyle, PraisePoint, Section, SublevelChain
from docgen.model.fields import UNION_TAGS, FieldValueError, Paragraphs, SpeechModel, Text, as_list, no_items
from docgen.model.fields import _clean_text as _clean_text  # docgen.model.schema keys text fields off this validator
from docgen.model.outline import Outline
from docgen.model.parts import (
    Part,
    Praise,
    PraisePart,
    Recommendation,
    Recommendations,
    RecommendationsPart,
    Shortcomings,
    ShortcomingsField,
    ShortcomingsPart,
)
from docgen.model.title import SUBTITLE_MEASURES, break_subtitle, break_title

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

_as_list = as_list  # docgen.model.schema keys list shorthands off this validator

__all__ = [
    "Numbering",
    "Piece",
    "Point",
    "PointList",
    "Praise",
    "PraisePoint",
    "Recommendation",
    "Recommendations",
    "Section",
    "Shortcomings",
    "Speech",
    "Text",
    "speech_error",
]


class Numbering(SpeechModel):
    """Enumerator styles where practice varies; every enumerator is generated from position, never typed."""

    model_config = ConfigDict(json_schema_extra={"description": "编号方式（由位置生成，不要手写编号）"})

    points: PointStyle | None = Field(
        None,
        description=(
            "“一是、二是……”类要点的编号：一是（默认）、一要、第一（第一，第二，）、首先（首先，其次，再次，最后，），"
            "或计数的写法，写第一项的样子（第一点，、第一个词是、方法一：……）"
        ),
    )
    level1: Level1Style | None = Field(
        None,
        description=(
            "一级标题的编号：一、（默认）、第一、，或 none（不编号：原稿的一级标题没有序号，"
            "如“坚定理想信念，筑牢思想根基”“关于当前形势”，照样单独成行、用一级标题的样式，只是不印序号；"
            "下面各级照常编号，在每个一级标题下从一起）；原稿最高一级就用“（一）”或“1.”（没有“一、”）时"
            "写 （一） 或 1.，这一级印为该编号、用二级或三级标题的样式，下面各级接着往下排"
        ),
    )
    sublevels: SublevelChain | None = Field(
        None,
        description=(
            "一级以下各级标题依次用的编号，默认“（一）→1.→（1）”；原稿在“一、”下面直接用“1.”（不用“（一）”）时"
            "写“1.→（1）”：二级标题印为“1.”、用三级标题的样式，再下一级印为“（1）”；"
            "none：一级以下各级标题都不编号（各用本级的标题样式）"
        ),
    )


_DATE_FORMS = (
    re.compile(r"^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$"),
    re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$"),
)


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    text = value.strip()
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"日期“{value}”不存在") from None
    raise ValueError(f"日期“{value}”无法识别，请写成 2023-02-15 或 2023年2月15日")


SpeechDate = Annotated[dt.date, BeforeValidator(_parse_date)]


def _normalise_subtitle(value: str) -> str:
    # The template prints the "——"; a dash typed in front (——, —, --, －－) is dropped so it is not doubled.
    return re.sub(r"^(?:——|—|--|－－|-)\s*", "", value) or value


def _normalise_salutation(value: str) -> str:
    if value[-1] in "，。；！？：…":
        return value
    return value + "："


class Speech(SpeechModel):
    """A speech (讲话稿/发言稿): the header block, then salutation, opening, praise, shortcomings,
    recommendations and closing. Every part but the title is optional and stays absent when absent.

    >>> Speech(title="在全县工作会议上的讲话", salutation="同志们").salutation
    '同志们：'
    """

    model_config = ConfigDict(title="Speech", json_schema_extra={"description": "讲话稿（发言稿）的结构化内容"})

    title: Text = Field(description="标题，如“在全县……会议上的讲话”；过长时自动在词语之间分行（上长下短）")
    title_lines: list[Text] | None = Field(
        None,
        description="标题的分行（可选）：给出时按此分行，连起来须与 title 相同；title 也可直接写成分行的列表",
    )
    subtitle: Annotated[Text, AfterValidator(_normalise_subtitle)] | None = Field(
        None, description="副标题，模板在前面加“——”；过长时按与标题相同的规则分行"
    )
    subtitle_lines: list[Text] | None = Field(
        None,
        description="副标题的分行（可选）：给出时按此分行，连起来须与 subtitle 相同；subtitle 也可直接写成分行的列表",
    )
    date: SpeechDate | None = Field(
        None, description="讲话日期，印为“（2023年2月15日）”；可写 2023-02-15 或 2023年2月15日"
    )
    speaker: Text | None = Field(None, description="讲话人，如“张　三”或“县委书记　张三”")
    salutation: Annotated[Text, AfterValidator(_normalise_salutation)] | None = Field(
        None, description="称谓，如“各位领导、同志们：”"
    )
    numbering: Numbering | None = Field(None, description="编号方式：要点用一是/一要/第一/首先，一级标题用一、或第一、")
    opening: Paragraphs = Field(default_factory=no_items, description="开头各段")
    praise: Praise | None = Field(None, description="肯定成绩部分（一是、二是……），可带一级标题")
    shortcomings: ShortcomingsField = Field(
        default_factory=no_items,
        description="指出不足部分：各段的列表，或带一级标题（heading）、引语（intro）、“一是”问题要点（points）的分项写法",
    )
    recommendations: Recommendations | None = Field(None, description="建议、要求部分（一、二、……），可带一级标题")
    parts: list[Part] | None = Field(
        None,
        description=(
            "按讲话的实际顺序列出开头与结束语之间的各部分（给出时不再写顶层的 praise/shortcomings/recommendations）："
            "每项是 {praise: …}、{shortcomings: …}、{recommendations: …}，或自由的一节（heading + body）、"
            "一段正文、一组要点（points）"
        ),
    )
    closing: Paragraphs = Field(default_factory=no_items, description="结束语各段，如“我就讲这些，谢谢大家！”")

    @model_validator(mode="before")
    @classmethod
    def _title_given_as_lines(cls, data: Any) -> Any:
        # `title: [第一行, 第二行]` is the short way to give title_lines.
        if isinstance(data, dict) and isinstance(data.get("title"), list) and "title_lines" not in data:
            lines = data["title"]
            if all(isinstance(line, str) for line in lines):
                data = {**data, "title": "".join(lines), "title_lines": lines}
        # `subtitle: [第一行, 第二行]` likewise gives subtitle_lines.
        if isinstance(data, dict) and isinstance(data.get("subtitle"), list) and "subtitle_lines" not in data:
            lines = data["subtitle"]
            if lines and all(isinstance(line, str) for line in lines):
                return {**data, "subtitle": "".join(lines), "subtitle_lines": lines}
        # subtitle_lines alone is the subtitle given in lines (as the schema allows): the subtitle is their join.
        lines = data.get("subtitle_lines") if isinstance(data, dict) else None
        only_lines = isinstance(data, dict) and data.get("subtitle") is None and isinstance(lines, list) and lines
        if only_lines and all(isinstance(line, str) for line in lines or []):
            return {**data, "subtitle": "".join(lines or [])}
        return data

    @model_validator(mode="after")
    def _title_lines_match(self) -> Speech:
        if self.title_lines is not None and "".join(self.title_lines).replace(" ", "") != self.title.replace(" ", ""):
            raise ValueError("title_lines 连起来与 title 不同：分行只能在标题的字之间断开，不能增删文字")
        if self.subtitle_lines:  # an empty list gives no lines: the subtitle is broken as usual
            self.subtitle_lines = [_normalise_subtitle(self.subtitle_lines[0]), *self.subtitle_lines[1:]]
            if self.subtitle is None or "".join(self.subtitle_lines).replace(" ", "") != self.subtitle.replace(" ", ""):
                raise ValueError("subtitle_lines 连起来与 subtitle 不同：分行只能在副标题的字之间断开，不能增删文字")
        return self

    def _subtitle_lines(self) -> dict[str, list[str] | None]:
        """The subtitle as printed lines ("——" in front), for each bundled measure (see SUBTITLE_MEASURES)."""
        if not self.subtitle:
            return dict.fromkeys(SUBTITLE_MEASURES)
        if self.subtitle_lines:
            given = [f"——{self.subtitle_lines[0]}", *self.subtitle_lines[1:]]
            return {key: list(given) for key in SUBTITLE_MEASURES}
        return {key: break_subtitle(self.subtitle, cells) for key, cells in SUBTITLE_MEASURES.items()}

    @model_validator(mode="after")
    def _parts_once(self) -> Speech:
        problems = []
        if self.parts:  # an empty list lists nothing: the top-level parts, if any, stand
            given = [name for name in ("praise", "shortcomings", "recommendations") if getattr(self, name)]
            problems += [(name, "已用 parts 按顺序列出各部分，这一部分请写进 parts，不要在顶层再写") for name in given]
            seen: dict[type, int] = {}
            for index, part in enumerate(self.parts):
                if isinstance(part, (PraisePart, ShortcomingsPart, RecommendationsPart)):
                    if type(part) in seen:
                        first = seen[type(part)]
                        message = f"与 parts[{first}] 重复：同一种部分只能出现一次，其余请写成带标题的小节"
                        problems.append((f"parts[{index}]", message))
                    seen.setdefault(type(part), index)
        if problems:
            raise FieldValueError(problems)
        # Numbers come from position: strip typed enumerators, and refuse what cannot be numbered.
        outline = Outline(self, strip=True)
        if outline.problems:
            raise FieldValueError(outline.problems)
        return self

    def part_list(self) -> list[tuple[str, Any, str]]:
        """The parts between opening and closing in speech order: (kind, part, field path); kind is
        ``praise``, ``shortcomings``, ``recommendations`` or ``section`` (a free block of `parts`)."""
        if not self.parts:
            found: list[tuple[str, Any, str]] = []
            if self.praise is not None:
                found.append(("praise", self.praise, "praise"))
            if self.shortcomings:
                found.append(("shortcomings", self.shortcomings, "shortcomings"))
            if self.recommendations is not None:
                found.append(("recommendations", self.recommendations, "recommendations"))
            return found
        listed: list[tuple[str, Any, str]] = []
        for index, part in enumerate(self.parts):
            if isinstance(part, PraisePart):
                listed.append(("praise", part.praise, f"parts[{index}].praise"))
            elif isinstance(part, ShortcomingsPart):
                listed.append(("shortcomings", part.shortcomings, f"parts[{index}].shortcomings"))
            elif isinstance(part, RecommendationsPart):
                listed.append(("recommendations", part.recommendations, f"parts[{index}].recommendations"))
            else:
                listed.append(("section", part, f"parts[{index}]"))
        return listed

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type[Any], handler: GetCoreSchemaHandler, /) -> CoreSchema:
        """The core schema pydantic builds for the speech model, read from the per-user cache when a process
        before this one built it (`docgen.model.build_cache`); pydantic completes the class from it as always."""
        if source is Speech and not cls.__pydantic_complete__:
            from docgen.model.build_cache import cached_schema

            cached = cached_schema()
            if cached is not None:
                return cached  # type: ignore[no-any-return]
        return handler(source)

    @classmethod
    def __pydantic_on_complete__(cls) -> None:
        if cls is Speech:
            from docgen.model.build_cache import keep_schema

            keep_schema(cls.__pydantic_core_schema__)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise speech_error(exc) from None

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Speech:
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            raise speech_error(exc) from None

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, *args: Any, **kwargs: Any) -> Speech:
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as exc:
            raise speech_error(exc) from None

    def to_context(self, keys: Collection[str] | None = None) -> dict[str, Any]:
        """Exactly what the template receives: plain dicts, lists and strings, with enumerator labels and
        derived lines ("（2023年2月15日）", "一是在……方面：", "一、……") already made.

        ``paragraphs`` is the whole body in order, each paragraph with its style and styled runs; the keys
        of earlier versions (``opening``, ``praise``, ``shortcomings``, ``recommendations``, ``closing``) are
        kept with their old shapes so templates written against them keep working. With ``keys``, the body
        keys (``opening`` … ``parts``) not among them are left out: a template that never reads them."""
        from docgen.model.context import speech_context

        return {
            "title": self.title,
            "title_lines": list(self.title_lines) if self.title_lines else break_title(self.title),
            "subtitle": self.subtitle,
            "subtitle_line": f"——{self.subtitle}" if self.subtitle else None,
            **self._subtitle_lines(),
            "date": self.date.isoformat() if self.date else None,
            "date_line": f"（{self.date.year}年{self.date.month}月{self.date.day}日）" if self.date else None,
            "speaker": self.speaker,
            "salutation": self.salutation,
            **speech_context(self, keys),
        }


_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "model_type": "应为键值对（字段: 值）",
    "dict_type": "应为键值对（字段: 值）",
    "model_attributes_type": "应为键值对（字段: 值）",
    "extra_forbidden": "未知字段（拼写错误？）",
    "too_short": "至少要有一项",
    "date_type": "应为日期，如 2023-02-15",
    "date_from_datetime_parsing": "应为日期，如 2023-02-15",
    "date_parsing": "应为日期，如 2023-02-15",
    "json_invalid": "JSON 格式错误",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
}


def speech_error(exc: ValidationError, source: str | None = None) -> SpeechValidationError:
    """Our error for a pydantic one: each problem with a dotted field path and a Chinese message."""
    problems = []
    for error in exc.errors(include_url=False):
        path = _field_path(error["loc"])
        kind = error["type"]
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, FieldValueError):
            for below, message in cause.problems:
                problems.append(FieldProblem(_join_path(path, below), message))
            continue
        if kind == "value_error":
            message = str(error.get("ctx", {}).get("error", error["msg"]))
        elif kind == "literal_error":
            expected = str(error.get("ctx", {}).get("expected", ""))
            message = "只能是以下之一：" + re.sub(r"', '|' or '", "、", expected).strip("'")
        elif kind == "string_type" and isinstance(error.get("input"), (dict, list)):
            message = "应为文本，不能是列表或键值对"
        else:
            message = _MESSAGES.get(kind, error["msg"])
        problems.append(FieldProblem(path, message))
    return SpeechValidationError(problems, source)


def _field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item == "str" or item in UNION_TAGS or item.startswith(("function-", "lax-")):
            continue  # pydantic's names for validator layers, not fields
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts)


def _join_path(base: str, below: str) -> str:
    if not base:
        return below
    return base + below if below.startswith("[") else f"{base}.{below}"

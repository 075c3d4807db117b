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
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from docgen.errors import FieldProblem, SpeechValidationError
from docgen.numbering import Enumerator, label, strip_label
from docgen.text import find_forbidden, fold_whitespace, widen_punctuation
from docgen.title import break_title


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


Text = Annotated[str, AfterValidator(_clean_text)]
"""A non-empty piece of text, normalised as described in the module docstring."""


def _as_list(value: Any) -> Any:
    # A single paragraph may be given as a string instead of a one-item list.
    if isinstance(value, str):
        return [value]
    if value is None:
        return []
    return value


Paragraphs = Annotated[list[Text], BeforeValidator(_as_list)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=False)


class Piece(_Model):
    """A piece of a run-in point's body: an optional bold lead sentence, then ordinary text."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": "一段内容：可选的加粗首句（lead），接着是正文（text）；也可直接写成一个字符串（只有正文）",
            "examples": [{"lead": "坚持党管意识形态不动摇。", "text": "压实意识形态工作主体责任……"}],
        }
    )

    lead: Text | None = Field(None, description="首句（加粗），如“要坚持政治引领。”；没有可省略")
    text: Text | None = Field(None, description="首句之后的正文")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _not_empty(self) -> Piece:
        if self.lead is None and self.text is None:
            raise ValueError("首句（lead）和正文（text）至少要有一项")
        return self


class Point(Piece):
    """A paragraph of a recommendation's body: an optional level-2 heading (（一）, run in), lead, text."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": (
                "建议正文中的一段：可选的二级标题（heading，印为楷体“（一）……”并与后文接排）、"
                "加粗首句（lead）和正文（text）；也可直接写成一个字符串（只有正文）"
            ),
            "examples": [{"lead": "要坚持政治引领。", "text": "始终坚持正确的政治方向……"}],
        }
    )

    heading: Text | None = Field(
        None, description="二级标题，如“加强组织领导。”，编号“（一）”由模板按顺序生成；没有可省略"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Point:
        if self.heading is None and self.lead is None and self.text is None:
            raise ValueError("二级标题（heading）、首句（lead）和正文（text）至少要有一项")
        return self


Pieces = Annotated[list[Piece], BeforeValidator(_as_list)]
Body = Annotated[list[Point], BeforeValidator(_as_list)]


class PraisePoint(_Model):
    """One run-in point of the praise section, printed as “一是{heading}：{body}”."""

    model_config = ConfigDict(json_schema_extra={"description": "肯定成绩中的一个要点，印为“一是{小标题}：{正文}”"})

    heading: Text | None = Field(
        None, description="小标题，如“在抓意识形态工作方面”；不含“一是”和其后的冒号（由模板生成）"
    )
    body: Pieces = Field(default_factory=list, description="正文，由若干段（首句 + 正文）组成，接排在同一段内")

    @model_validator(mode="after")
    def _not_empty(self) -> PraisePoint:
        if self.heading is None and not self.body:
            raise ValueError("小标题（heading）和正文（body）至少要有一项")
        if self.heading is not None:
            self.heading = self.heading.rstrip("：")
            if not self.heading:
                raise ValueError("小标题（heading）不能只有冒号")
        return self


class Praise(_Model):
    """The section that acknowledges achievements: an intro sentence, then 一是/二是/三是 points."""

    model_config = ConfigDict(json_schema_extra={"description": "肯定成绩部分：引语段，然后是“一是”“二是”……各要点"})

    intro: Text | None = Field(None, description="引语段，如“我认为，主要有以下几个特点：”")
    points: list[PraisePoint] = Field(min_length=1, description="各要点，依次编为“一是”“二是”……")

    @model_validator(mode="after")
    def _strip_typed_labels(self) -> Praise:
        for number, point in enumerate(self.points, start=1):
            if point.heading is not None:
                point.heading = _strip_heading_label(point.heading, number)
        return self


class Recommendation(_Model):
    """One numbered recommendation: a heading sentence (printed as a 黑体 “一、” heading) and its body."""

    model_config = ConfigDict(json_schema_extra={"description": "一条建议：标题句印为黑体“一、……”，其后是正文各段"})

    heading: Text = Field(description="标题句，如“坚持以政治建设为统领，推动管党治党政治责任落到实处。”；不含“一、”")
    body: Body = Field(
        default_factory=list,
        description="正文各段；每段可有二级标题（heading）和加粗首句（lead），如“要坚持政治引领。”",
    )

    @model_validator(mode="after")
    def _strip_typed_sublabels(self) -> Recommendation:
        headed = [point for point in self.body if point.heading is not None]
        for number, point in enumerate(headed, start=1):
            assert point.heading is not None
            point.heading = _strip_heading_label(point.heading, number)
        return self


class Recommendations(_Model):
    """The numbered recommendations or requirements (一、二、……)."""

    model_config = ConfigDict(json_schema_extra={"description": "建议、要求部分：引语段，然后是“一、”“二、”……各条"})

    intro: Text | None = Field(None, description="引语段，如“在这里我也提几点建议，供大家参考。”")
    items: list[Recommendation] = Field(min_length=1, description="各条建议，依次编为“一、”“二、”……")

    @model_validator(mode="after")
    def _strip_typed_labels(self) -> Recommendations:
        for number, item in enumerate(self.items, start=1):
            item.heading = _strip_heading_label(item.heading, number)
        return self


def _strip_heading_label(heading: str, number: int) -> str:
    stripped = strip_label(heading, number)
    if not stripped:
        raise ValueError(f"标题只有编号“{heading}”，没有内容")
    return stripped


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


class Speech(_Model):
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
        None, description="副标题，模板在前面加“——”"
    )
    date: SpeechDate | None = Field(
        None, description="讲话日期，印为“（2023年2月15日）”；可写 2023-02-15 或 2023年2月15日"
    )
    speaker: Text | None = Field(None, description="讲话人，如“张　三”或“县委书记　张三”")
    salutation: Annotated[Text, AfterValidator(_normalise_salutation)] | None = Field(
        None, description="称谓，如“各位领导、同志们：”"
    )
    opening: Paragraphs = Field(default_factory=list, description="开头各段")
    praise: Praise | None = Field(None, description="肯定成绩部分（一是、二是……）")
    shortcomings: Paragraphs = Field(default_factory=list, description="指出不足部分的各段")
    recommendations: Recommendations | None = Field(None, description="建议、要求部分（一、二、……）")
    closing: Paragraphs = Field(default_factory=list, description="结束语各段，如“我就讲这些，谢谢大家！”")

    @model_validator(mode="before")
    @classmethod
    def _title_given_as_lines(cls, data: Any) -> Any:
        # `title: [第一行, 第二行]` is the short way to give title_lines.
        if isinstance(data, dict) and isinstance(data.get("title"), list) and "title_lines" not in data:
            lines = data["title"]
            if all(isinstance(line, str) for line in lines):
                return {**data, "title": "".join(lines), "title_lines": lines}
        return data

    @model_validator(mode="after")
    def _title_lines_match(self) -> Speech:
        if self.title_lines is not None and "".join(self.title_lines).replace(" ", "") != self.title.replace(" ", ""):
            raise ValueError("title_lines 连起来与 title 不同：分行只能在标题的字之间断开，不能增删文字")
        return self

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

    def to_context(self) -> dict[str, Any]:
        """Exactly what the template receives: plain dicts, lists and strings, with enumerator labels and
        derived lines ("（2023年2月15日）", "一是在……方面：", "一、……") already made."""
        return {
            "title": self.title,
            "title_lines": list(self.title_lines) if self.title_lines else break_title(self.title),
            "subtitle": self.subtitle,
            "subtitle_line": f"——{self.subtitle}" if self.subtitle else None,
            "date": self.date.isoformat() if self.date else None,
            "date_line": f"（{self.date.year}年{self.date.month}月{self.date.day}日）" if self.date else None,
            "speaker": self.speaker,
            "salutation": self.salutation,
            "opening": list(self.opening),
            "praise": _praise_context(self.praise) if self.praise else None,
            "shortcomings": list(self.shortcomings),
            "recommendations": _recommendations_context(self.recommendations) if self.recommendations else None,
            "closing": list(self.closing),
        }


def _pieces_context(pieces: list[Piece]) -> list[dict[str, Any]]:
    return [{"lead": p.lead, "text": p.text} for p in pieces]


def _body_context(body: list[Point]) -> list[dict[str, Any]]:
    paragraphs = []
    number = 0
    for point in body:
        paragraph: dict[str, Any] = {"heading": point.heading, "label": None, "heading_line": None}
        if point.heading is not None:
            number += 1
            paragraph["label"] = label(number, Enumerator.LEVEL2)
            paragraph["heading_line"] = paragraph["label"] + point.heading
        paragraphs.append(paragraph | {"lead": point.lead, "text": point.text})
    return paragraphs


def _praise_context(praise: Praise) -> dict[str, Any]:
    points = []
    for number, point in enumerate(praise.points, start=1):
        marker = label(number, Enumerator.ORDINAL)
        heading = point.heading
        run_in = marker if heading is None else f"{marker}{heading}{_run_in_joiner(heading)}"
        points.append(
            {
                "number": number,
                "label": marker,
                "heading": heading,
                "run_in": run_in,
                "body": _pieces_context(point.body),
            }
        )
    return {"intro": praise.intro, "points": points}


def _run_in_joiner(heading: str) -> str:
    # “一是在……方面：” — unless the heading already ends in its own punctuation.
    return "" if heading[-1] in "，。；！？、…—" else "："


def _recommendations_context(recommendations: Recommendations) -> dict[str, Any]:
    items = []
    for number, item in enumerate(recommendations.items, start=1):
        marker = label(number, Enumerator.LEVEL1)
        items.append(
            {
                "number": number,
                "label": marker,
                "heading": item.heading,
                "heading_line": f"{marker}{item.heading}",
                "body": _body_context(item.body),
            }
        )
    return {"intro": recommendations.intro, "items": items}


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
}


def speech_error(exc: ValidationError, source: str | None = None) -> SpeechValidationError:
    """Our error for a pydantic one: each problem with a dotted field path and a Chinese message."""
    problems = []
    for error in exc.errors(include_url=False):
        path = _field_path(error["loc"])
        kind = error["type"]
        if kind == "value_error":
            message = str(error.get("ctx", {}).get("error", error["msg"]))
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
        elif item == "str" or item.startswith(("function-", "lax-")):
            continue  # pydantic's names for validator layers, not fields
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts)

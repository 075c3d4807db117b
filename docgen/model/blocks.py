"""The blocks a speech's body is made of: paragraphs (lead + text, optionally a run-in heading), lists of
run-in points (一是/二是 …) and sections (a heading over blocks, nested to any depth the four heading levels
allow). Semantic parts (praise, shortcomings, recommendations) are built from them in docgen.model.parts."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    model_validator,
)

from docgen.model.fields import FieldValueError, Intro, SpeechModel, Text, as_list, no_items

NamedPointStyle = Literal[
    "一是", "一要", "第一", "首先",
    "第一点，", "第一点：", "第一句话：", "第一句话，", "第一句，", "第一条，", "第一个方面，", "第一方面，",
    "一、", "1、", "1.", "（一）", "（1）",
]  # fmt: skip
"""The point styles listed by name: 一是/二是, 一要/二要, 第一，/第二，, 首先，/其次，/再次，/最后，; the common counted
forms of a talk's parts (第一点，/第一句话：…, the mark after them included); and a numbered item without a heading
(一、/1、/1./（一）/（1）: "1、各单位要……", a host's "一、大会进行第一项……") keeps its number's shape."""

_NAMED_POINT_STYLES = frozenset(get_args(NamedPointStyle))
# Any other counted form of a talk's parts, written for 1 with the word it counts and its mark: "第一个词是",
# "第一个结合，", "第一个关键词：", "第一大……：" (第一 + up to four characters + 是/，/：) or "方法一：", "场景一："
# (up to four characters + 一 + ：/，). The count is generated from position ("第二个词是", "方法二：").
COUNTED_FORM_PATTERN = "^(?:第一[一-鿿]{1,4}[是，：]|[一-鿿]{1,4}一[：，])$"
_COUNTED_FORM = re.compile(COUNTED_FORM_PATTERN)


def is_point_style(style: str) -> bool:
    """Whether ``style`` is a point style: one of `NamedPointStyle` or a counted form (`COUNTED_FORM_PATTERN`)."""
    return style in _NAMED_POINT_STYLES or _COUNTED_FORM.match(style) is not None


def _point_style(value: str) -> str:
    if not is_point_style(value):
        named = "、".join(get_args(NamedPointStyle))
        raise ValueError(
            f"只能是以下之一：{named}；或计数的写法，写第一项的样子、连同其后的标点（如“第一个词是”“方法一：”）"
        )
    return value


PointStyle = Annotated[
    str,
    AfterValidator(_point_style),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": list(get_args(NamedPointStyle))},
                {"type": "string", "pattern": COUNTED_FORM_PATTERN},
            ]
        }
    ),
    Field(examples=["一是"]),
]
"""How run-in points are enumerated: a `NamedPointStyle`, or a counted form written for 1 ("第一个词是",
"方法一："); every label is generated from position (`numbering.point_label`)."""

Level1Style = Literal["一、", "第一、", "none", "（一）", "1."]
"""How level-1 headings are enumerated: 一、 (the default), 第一、, or "none" — unnumbered headings, each on its own
line in the level-1 style ("坚定理想信念，筑牢思想根基"); the levels under them are numbered as usual. A talk whose
parts a draft numbers （一） or 1. (a short talk, a 座谈会 speech without 一、 parts) keeps them: they print in the
style of that enumerator (讲话二级标题 / 讲话三级标题), and the levels under them go on from there."""

SublevelChain = Literal["（一）→1.→（1）", "1.→（1）", "（一）→（1）", "（一）→1.", "（一）", "1.", "（1）", "none"]
"""The enumerators of the levels under level 1, in their standard order (GB/T 9704: （一） → 1. → （1）), with
the levels a draft skips left out ("1.→（1）": 一、 → 1. → （1）); or "none": every level under level 1 is
unnumbered (each heading in its depth's style)."""

_POINT_STYLE_DESCRIPTION = (
    "要点的编号方式：一是（默认）、一要、第一（印为“第一，”）、首先（首先、其次、再次、最后，至多四项）；"
    "第一点，、第一句话：等（连同其后的标点）；别的计数写法写第一项的样子（如“第一个词是”“方法一：”）；"
    "没有小标题的编号条目可用 一、1、1.（一）（1）；"
    "不写时用讲话稿 numbering.points 的设置"
)


class Piece(SpeechModel):
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
    """A paragraph: an optional run-in heading (one level below the section it is in), lead, text."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": (
                "一段正文：可选的接排小标题（heading，比所在部分低一级，如建议下的“（一）……”，"
                "编号由位置生成）、加粗首句（lead）和正文（text）；也可直接写成一个字符串（只有正文）"
            ),
            "examples": [{"lead": "要坚持政治引领。", "text": "始终坚持正确的政治方向……"}],
        }
    )

    heading: Text | None = Field(
        None,
        description=(
            "接排的小标题，如“加强组织领导。”，与后文印在同一段；编号（“（一）”“1.”……）按层级和位置生成，"
            "不要手写；没有可省略"
        ),
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Point:
        if self.heading is None and self.lead is None and self.text is None:
            raise ValueError("小标题（heading）、首句（lead）和正文（text）至少要有一项")
        return self


Pieces = Annotated[list[Piece], BeforeValidator(as_list)]


class PraisePoint(SpeechModel):
    """One run-in point, printed as “一是{heading}：{body}” (or 一要 / 第一， / 首先， as the list's style says)."""

    model_config = ConfigDict(
        json_schema_extra={"description": "一个要点，印为“一是{小标题}：{正文}”；也可直接写成一个字符串（只有正文）"}
    )

    heading: Text | None = Field(
        None, description="小标题，如“在抓意识形态工作方面”；不含“一是”和其后的冒号（由模板生成）"
    )
    body: Pieces = Field(default_factory=no_items, description="正文，由若干段（首句 + 正文）组成，接排在同一段内")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"body": [value]} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _not_empty(self) -> PraisePoint:
        if self.heading is None and not self.body:
            raise ValueError("小标题（heading）和正文（body）至少要有一项")
        if self.heading is not None:
            self.heading = self.heading.rstrip("：")
            if not self.heading:
                raise ValueError("小标题（heading）不能只有冒号")
        return self


class PointList(SpeechModel):
    """A run of 一是/二是 … points inside a body, with an optional intro; each point is a paragraph of its
    own, or all of them run on in one paragraph after the intro (``inline``)."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": (
                "一组“一是、二是……”要点：可选的引语（intro），然后各要点；inline 为真时引语和各要点接排成一段"
            )
        }
    )

    intro: Intro | None = Field(None, description="引语，如“主要有以下几点：”；有几段时写成列表")
    style: PointStyle | None = Field(None, description=_POINT_STYLE_DESCRIPTION)
    inline: bool | None = Field(None, description="为真时引语和各要点接排在同一段（如“存在的问题：一是……；二是……。”）")
    points: list[PraisePoint] = Field(min_length=1, description="各要点，编号按位置生成")
    start: int | None = Field(
        None,
        ge=2,
        description=(
            "第一个要点的编号，默认 1；一组要点接着前面的编号往下排时写（如上一段里已有“一是”，这一组从“二是”起"
            "写 2；各要点之间隔着说明段落时，每段之后的一组从它的编号起）"
        ),
    )


RUN_IN_SCHEMA: dict[str, Any] = {
    # A run-in heading needs a heading and, first in its body, a paragraph without a heading of its own.
    "if": {"properties": {"run_in": {"const": True}}, "required": ["run_in"]},
    "then": {
        "required": ["heading", "body"],
        "properties": {
            "heading": {"type": "string"},
            "body": {
                "type": "array",
                "minItems": 1,
                "prefixItems": [
                    {
                        "anyOf": [
                            {"type": "string"},
                            {
                                "type": "object",
                                "properties": {"heading": {"type": "null"}},
                                "not": {"anyOf": [{"required": ["points"]}, {"required": ["body"]}]},
                            },
                        ]
                    }
                ],
            },
        },
    },
}
"""The run-in rule of `check_run_in`, for the JSON Schema (editors; the strict LLM variant drops if/then)."""


class Section(SpeechModel):
    """A section: an optional heading (its level is its depth: 一、 → （一） → 1. → （1）), on its own line or run
    into its first paragraph, over blocks. A section without a heading only groups its blocks."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": (
                "一节：可选的标题（heading，层级由嵌套深度决定：一、→（一）→1.→（1），编号按位置生成），"
                "然后是正文各项（body：段落、要点列表或下一级小节）"
            ),
            "examples": [
                {"heading": "提高政治站位", "body": ["各级党组织要……", {"heading": "加强学习", "body": ["……"]}]}
            ],
            **RUN_IN_SCHEMA,
        }
    )

    heading: Text | None = Field(
        None, description="标题，不含编号（编号按层级和位置生成）；没有标题的节只是把各项归在一起"
    )
    run_in: bool | None = Field(
        None, description="为真时标题与第一段正文接排（如“（一）加强组织领导。各级党组织要……”），否则单独成行"
    )
    body: Blocks = Field(
        min_length=1, description="正文各项：段落（字符串或 lead/text）、要点列表（points）或小节（body）"
    )

    @model_validator(mode="after")
    def _run_in_needs_a_paragraph(self) -> Section:
        check_run_in(self.heading, self.run_in, self.body)
        return self


def check_run_in(heading: str | None, run_in: bool | None, body: list[Any]) -> None:
    """A run-in heading needs a heading and, first in its body, a paragraph without a heading of its own."""
    if not run_in:
        return
    if heading is None:
        raise FieldValueError([("run_in", "没有标题（heading），不能接排")])
    first = body[0] if body else None
    if not isinstance(first, Point) or first.heading is not None:
        raise FieldValueError([("body[0]", "标题接排（run_in）时，正文第一项须是一段不带小标题的正文")])


def block_kind(value: Any) -> str:
    """Which kind of block ``value`` is: a mapping with ``points`` is a point list, one with ``body`` a section,
    anything else (a string, lead/text) a paragraph."""
    if isinstance(value, dict):
        if "points" in value:
            return "要点列表"
        if "body" in value:
            return "小节"
        return "段落"
    if isinstance(value, PointList):
        return "要点列表"
    if isinstance(value, Section):
        return "小节"
    return "段落"


Block = Annotated[
    Annotated[Point, Tag("段落")] | Annotated[PointList, Tag("要点列表")] | Annotated[Section, Tag("小节")],
    Discriminator(block_kind),
]
"""One item of a body: a paragraph, a point list or a section."""

Blocks = Annotated[list[Block], BeforeValidator(as_list)]
# Section refers to Blocks before it exists: pydantic resolves it when Section is first built (deferred, as
# every speech model is), so no model_rebuild() here.

"""The semantic parts of a speech — praise, shortcomings, recommendations — and the `parts:` list that gives
them (and free sections) in the speech's own order. Each part may carry a level-1 heading of its own."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Discriminator, Field, Tag, model_validator

from docgen.model.blocks import (
    RUN_IN_SCHEMA,
    Blocks,
    Point,
    PointList,
    PointStyle,
    PraisePoint,
    Section,
    block_kind,
    check_run_in,
)
from docgen.model.fields import Intro, Paragraphs, SpeechModel, Text, as_list, no_items

_PART_HEADING = (
    "本部分的一级标题，如“充分肯定成绩”；不含“一、”（编号按位置生成，各带标题的部分依次为一、二、三、）。"
    "给出标题后，本部分内的各项下降一级"
)
_POINT_STYLE = "要点的编号方式：一是（默认）、一要、第一、首先；不写时用讲话稿 numbering.points 的设置"


class Praise(SpeechModel):
    """The section that acknowledges achievements: an optional heading, an intro, then 一是/二是/三是 points."""

    model_config = ConfigDict(
        json_schema_extra={"description": "肯定成绩部分：可选的一级标题、引语段，然后是“一是”“二是”……各要点"}
    )

    heading: Text | None = Field(None, description=_PART_HEADING)
    intro: Intro | None = Field(None, description="引语段，如“我认为，主要有以下几个特点：”；有几段时写成列表")
    style: PointStyle | None = Field(None, description=_POINT_STYLE)
    inline: bool | None = Field(None, description="为真时引语和各要点接排在同一段")
    points: list[PraisePoint] = Field(min_length=1, description="各要点，依次编为“一是”“二是”……")


class Shortcomings(SpeechModel):
    """The part on shortcomings and problems: an optional heading, an intro, 一是/二是 points, then paragraphs."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": (
                "指出不足（存在问题）部分：可选的一级标题、引语段、“一是、二是……”问题要点、其后的各段；"
                "只有几段文字时也可直接写成段落列表"
            )
        }
    )

    heading: Text | None = Field(None, description=_PART_HEADING)
    intro: Intro | None = Field(None, description="引语段，如“存在的问题主要有：”；有几段时写成列表")
    style: PointStyle | None = Field(None, description=_POINT_STYLE)
    inline: bool | None = Field(
        None, description="为真时引语和各问题要点接排在同一段（“存在的问题：一是……；二是……。”）"
    )
    points: Annotated[list[PraisePoint], BeforeValidator(as_list)] = Field(
        default_factory=no_items, description="各问题要点，依次编为“一是”“二是”……"
    )
    paragraphs: Paragraphs = Field(
        default_factory=no_items, description="要点之后的各段（没有要点时就是这一部分的正文）"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Shortcomings:
        if not self.points and not self.paragraphs and self.intro is None:
            raise ValueError("引语（intro）、要点（points）和各段（paragraphs）至少要有一项")
        return self


def _shortcomings_kind(value: Any) -> str:
    return "分项" if isinstance(value, (dict, Shortcomings)) else "各段"


ShortcomingsField = Annotated[
    Annotated[Paragraphs, Tag("各段")] | Annotated[Shortcomings, Tag("分项")],
    Discriminator(_shortcomings_kind),
]
"""Shortcomings as a list of paragraphs (the short form) or as a structured part."""


class Recommendation(SpeechModel):
    """One numbered recommendation: a heading (一、, or （一） inside a headed part) and its body."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": "一条建议：标题句印为“一、……”（所在部分带标题时为“（一）……”），其后是正文各项",
            **RUN_IN_SCHEMA,
        }
    )

    heading: Text = Field(description="标题句，如“坚持以政治建设为统领，推动管党治党政治责任落到实处。”；不含“一、”")
    run_in: bool | None = Field(None, description="为真时标题句与第一段正文接排；不写或为假时单独成行")
    body: Blocks = Field(
        default_factory=no_items,
        description=(
            "正文各项：段落（可带接排的下一级小标题 heading 和加粗首句 lead）、要点列表（points）或下一级小节（body）"
        ),
    )

    @model_validator(mode="after")
    def _run_in_needs_a_paragraph(self) -> Recommendation:
        check_run_in(self.heading, self.run_in, self.body)
        return self


class Recommendations(SpeechModel):
    """The numbered recommendations or requirements (一、二、…; （一）（二）… under a heading of their own)."""

    model_config = ConfigDict(
        json_schema_extra={"description": "建议、要求部分：可选的一级标题、引语段，然后是“一、”“二、”……各条"}
    )

    heading: Text | None = Field(None, description=_PART_HEADING + "（各条建议变为“（一）”“（二）”……）")
    intro: Intro | None = Field(None, description="引语段，如“在这里我也提几点建议，供大家参考。”；有几段时写成列表")
    items: list[Recommendation] = Field(min_length=1, description="各条建议，依次编为“一、”“二、”……")


class PraisePart(SpeechModel):
    """`- praise: …` in a `parts` list."""

    model_config = ConfigDict(json_schema_extra={"description": "parts 中的肯定成绩部分"})
    praise: Praise = Field(description="肯定成绩部分")


class ShortcomingsPart(SpeechModel):
    """`- shortcomings: …` in a `parts` list."""

    model_config = ConfigDict(json_schema_extra={"description": "parts 中的指出不足部分"})
    shortcomings: ShortcomingsField = Field(description="指出不足部分：段落列表，或带 heading/intro/points 的分项写法")


class RecommendationsPart(SpeechModel):
    """`- recommendations: …` in a `parts` list."""

    model_config = ConfigDict(json_schema_extra={"description": "parts 中的建议要求部分"})
    recommendations: Recommendations = Field(description="建议、要求部分")


_SEMANTIC_KEYS = {"praise": "肯定成绩部分", "shortcomings": "指出不足部分", "recommendations": "建议要求部分"}


def part_kind(value: Any) -> str:
    """A `parts` item is a semantic part when it is a mapping keyed ``praise``/``shortcomings``/
    ``recommendations``; otherwise it is a block (paragraph, point list or free section)."""
    if isinstance(value, dict):
        for key, tag in _SEMANTIC_KEYS.items():
            if key in value:
                return tag
    for model, tag in (
        (PraisePart, "肯定成绩部分"),
        (ShortcomingsPart, "指出不足部分"),
        (RecommendationsPart, "建议要求部分"),
    ):
        if isinstance(value, model):
            return tag
    return block_kind(value)


Part = Annotated[
    Annotated[PraisePart, Tag("肯定成绩部分")]
    | Annotated[ShortcomingsPart, Tag("指出不足部分")]
    | Annotated[RecommendationsPart, Tag("建议要求部分")]
    | Annotated[Point, Tag("段落")]
    | Annotated[PointList, Tag("要点列表")]
    | Annotated[Section, Tag("小节")],
    Discriminator(part_kind),
]
"""One item of `parts`: a semantic part, or a free block (a paragraph, a point list, a section with heading)."""

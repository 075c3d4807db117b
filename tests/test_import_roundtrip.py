"""Property: importing a rendered speech gives back the same `Speech`.

Generated speeches are made of the genre's own phrases (titles, "主要有以下几个特点：", "当然，……",
"下面，我讲几点意见。", "我就讲这些，谢谢大家！"), because a rendered document can only be read back
where its text tells the parts apart: an opening paragraph ending in "：" reads as a praise intro in any document,
and from plain text a 一是 list is praise only after an intro that says so.

- From the .docx, the styles say everything the text cannot (讲话首句 lead sentences, 讲话要点 run-in headings,
  讲话二级标题（接排）), so any lead/text split comes back exactly, headings of any form too.
- From the plain text (what a user copies out of Word: one line per paragraph, the title's line breaks as
  Word's "\\v"), bold is gone, so leads are generated the way the importer recognises them: short sentences
  without a comma, opening a praise point ("坚持党管意识形态不动摇。") or starting with 要 in a recommendation
  ("要坚持政治引领。"), each followed by text whose sentences all have a comma.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from docgen import Speech, import_docx, import_text, render

TITLES = [
    "在全县2023年经济工作会议上的讲话",
    "坚定信心　真抓实干　奋力开创全县高质量发展新局面",
    "在全市党风廉政建设工作会议上的发言",
]
SUBTITLES = ["在全县2023年经济工作会议上的讲话", "在全市组织工作会议上的讲话"]
SPEAKERS = ["张　三", "毛 万 春", "县委书记　李四"]
SALUTATIONS = ["同志们：", "各位领导、同志们：", "各位代表："]
CLAUSES = [
    "全县上下凝心聚力",
    "各项工作取得新成效",
    "地区生产总值增长5.2%",
    "新建5G基站120个",
    "**县的经验值得推广",
    "XX同志作了表态发言",
    "压实工作责任",
    "推动各项任务落地见效",
    "群众满意度达到95%以上",
]
PRAISE_INTROS = ["我认为，主要有以下几个特点：", "过去一年的工作，我有几点感受：", "这些成绩来之不易，要充分肯定成绩。"]
PRAISE_HEADINGS = ["在抓意识形态工作方面", "在抓党风廉政建设方面", "在抓基层党建工作方面", "在惠民生方面"]
PRAISE_LEADS = ["坚持党管意识形态不动摇。", "项目建设提速增效。", "民生实事全部兑现。", "廉政教育工作更加扎实。"]
TURNS = ["当然，", "在肯定成绩的同时，我们也要清醒地看到，", "同时也要看到，"]
RECOMMENDATION_INTROS = ["下面，我讲几点意见。", "在这里我也提几点建议，供大家参考。", "下面，我再讲三点。"]
ITEM_HEADINGS = [
    "坚持以政治建设为统领，推动责任落到实处。",
    "坚定不移抓项目，着力扩大有效投资",
    "坚持问题导向，抓好整改落实。",
]
SUB_HEADINGS = ["加强组织领导。", "抓好项目谋划。", "强化督查考核。"]
DIRECTIVE_LEADS = ["要坚持政治引领。", "要加强作风建设。", "要强化要素保障。", "要一体推进“三不”机制。"]
CLOSINGS = [
    ["我就讲这些，谢谢大家！"],
    ["谢谢大家！"],
    ["同志们，让我们凝心聚力，为全县高质量发展而努力奋斗！", "谢谢大家！"],
]


def sentence() -> st.SearchStrategy[str]:
    """A sentence with a comma (so never taken for a lead): "全县上下凝心聚力，压实工作责任。"."""
    return st.lists(st.sampled_from(CLAUSES), min_size=2, max_size=3, unique=True).map(lambda c: "，".join(c) + "。")


def paragraph() -> st.SearchStrategy[str]:
    return st.lists(sentence(), min_size=1, max_size=2).map("".join)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def praise_point(draw: st.DrawFn, *, styled: bool) -> dict[str, Any]:
    point: dict[str, Any] = {}
    heading = draw(optional(st.sampled_from(PRAISE_HEADINGS + (["思想认识到位。"] if styled else []))))
    if heading:
        point["heading"] = heading
    leads = draw(st.lists(st.sampled_from(PRAISE_LEADS), max_size=3))
    body: list[Any] = [{"lead": lead, "text": draw(paragraph())} for lead in leads]
    if styled and draw(st.booleans()):
        body.insert(0, draw(paragraph()))  # a text-only piece first; from text it would merge with no lead
    if styled and body and draw(st.booleans()):
        body.append({"lead": draw(st.sampled_from(PRAISE_LEADS))})  # a lead with no text after it
    if not body:
        body = [draw(paragraph())]
    point["body"] = body
    return point


@st.composite
def recommendation(draw: st.DrawFn, *, styled: bool) -> dict[str, Any]:
    headings = ITEM_HEADINGS + (["两句的标题。第二句。"] if styled else [])
    item: dict[str, Any] = {"heading": draw(st.sampled_from(headings))}
    body = []
    for _ in range(draw(st.integers(0, 3))):
        point: dict[str, Any] = {}
        if draw(st.booleans()):
            point["heading"] = draw(st.sampled_from(SUB_HEADINGS + (["加强组织领导"] if styled else [])))
        if draw(st.booleans()):
            point["lead"] = draw(st.sampled_from(DIRECTIVE_LEADS))
        # From plain text a "（一）……" line with nothing after it is an own-line heading, not a run-in one.
        if "lead" in point or not point or (not styled and "heading" in point) or draw(st.booleans()):
            point["text"] = draw(paragraph())
        body.append(point)
    if body:
        item["body"] = body
    return item


@st.composite
def speeches(draw: st.DrawFn, *, styled: bool) -> Speech:
    data: dict[str, Any] = {"title": draw(st.sampled_from(TITLES))}
    for key, choices in (("subtitle", SUBTITLES), ("speaker", SPEAKERS), ("salutation", SALUTATIONS)):
        value = draw(optional(st.sampled_from(choices)))
        if value:
            data[key] = value
    date = draw(optional(st.dates(min_value=dt.date(1990, 1, 1))))
    if date:
        data["date"] = date
    data["opening"] = draw(st.lists(paragraph(), max_size=2))
    if draw(st.booleans()):
        praise: dict[str, Any] = {"points": draw(st.lists(praise_point(styled=styled), min_size=1, max_size=4))}
        # From plain text a 一是 list is praise only when its intro says so (the importer judges a list by
        # its context, never by the enumerator alone), so text drafts always have one.
        intro = draw(optional(st.sampled_from(PRAISE_INTROS))) if styled else draw(st.sampled_from(PRAISE_INTROS))
        if intro:
            praise["intro"] = intro
        data["praise"] = praise
    if draw(st.booleans()):
        first = draw(st.sampled_from(TURNS)) + draw(paragraph())
        data["shortcomings"] = [first, *draw(st.lists(paragraph(), max_size=1))]
    if draw(st.booleans()):
        recommendations: dict[str, Any] = {
            "items": draw(st.lists(recommendation(styled=styled), min_size=1, max_size=4))
        }
        intro = draw(optional(st.sampled_from(RECOMMENDATION_INTROS)))
        if intro:
            recommendations["intro"] = intro
        data["recommendations"] = recommendations
    data["closing"] = draw(st.sampled_from([[], *CLOSINGS]))
    return Speech.model_validate(data)


def plain_text(document: bytes) -> str:
    """The document as a user copies it out of Word: a line per paragraph, line breaks inside one as "\\v"."""
    from docx import Document

    return "\n".join(p.text.replace("\n", "\v") for p in Document(io.BytesIO(document)).paragraphs)


# Cases hypothesis found: a title whose own words name a kind of text ("发言") or that is spaced with U+3000 and
# broken over two lines, followed by an opening sentence that also ends in "发言。" — the sentence is the
# body's first paragraph, never the rest of the title; and a subtitle equal to the title, with a speaker.
SPACED_TITLE_THEN_SENTENCE = Speech.model_validate(
    {"title": TITLES[1], "opening": ["全县上下凝心聚力，XX同志作了表态发言。"], "closing": ["谢谢大家！"]}
)
SUBTITLE_AS_TITLE_WITH_SPEAKER = Speech.model_validate(
    {
        "title": TITLES[0],
        "subtitle": SUBTITLES[0],
        "speaker": SPEAKERS[1],
        "opening": ["全县上下凝心聚力，XX同志作了表态发言。"],
    }
)
SPACED_TITLE_SUBTITLE_SPEAKER = Speech.model_validate(
    {
        "title": TITLES[1],
        "subtitle": SUBTITLES[0],
        "speaker": SPEAKERS[2],
        "opening": ["XX同志作了表态发言，压实工作责任。"],
    }
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(speeches(styled=True))
@example(SPACED_TITLE_THEN_SENTENCE)
@example(SUBTITLE_AS_TITLE_WITH_SPEAKER)
def test_importing_the_rendered_docx_gives_the_same_speech(tmp_path_factory: Any, speech: Speech) -> None:
    path = Path(tmp_path_factory.mktemp("roundtrip")) / "speech.docx"
    path.write_bytes(render(speech))
    result = import_docx(path)
    assert result.speech == speech
    assert not result.report.not_taken and not result.report.converted


@SETTINGS
@given(speeches(styled=False))
@example(SPACED_TITLE_THEN_SENTENCE)
@example(SUBTITLE_AS_TITLE_WITH_SPEAKER)
@example(SPACED_TITLE_SUBTITLE_SPEAKER)
def test_importing_the_rendered_text_gives_the_same_speech(speech: Speech) -> None:
    assert import_text(plain_text(render(speech))).speech == speech

"""The Speech model: validation errors name the field, normalisation is as documented, absent stays absent."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import Speech
from docgen.errors import SpeechValidationError


def problems(data: dict) -> dict[str, str]:
    with pytest.raises(SpeechValidationError) as caught:
        Speech.model_validate(data)
    return {p.path: p.message for p in caught.value.problems}


def test_missing_title_is_named():
    assert problems({"salutation": "同志们："}) == {"title": "缺少必填字段"}


def test_constructor_raises_the_same_error_as_model_validate():
    with pytest.raises(SpeechValidationError, match="title：不能为空"):
        Speech(title="   ")


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        ({"title": 12}, "title", "应为文本"),
        ({"title": {"a": "b"}}, "title", "不能是列表"),
        ({"title": [1, 2]}, "title", "应为文本"),
        ({"title": "t", "opening": [1]}, "opening[0]", "应为文本"),
        ({"title": "t", "opening": ["好", ""]}, "opening[1]", "不能为空"),
        ({"title": "t", "praise": {"points": []}}, "praise.points", "至少要有一项"),
        ({"title": "t", "praise": "text"}, "praise", "键值对"),
        ({"title": "t", "recommendations": {"items": [{"body": ["x"]}]}}, "recommendations.items[0].heading", "缺少"),
        (
            {"title": "t", "recommendations": {"items": [{"heading": "h", "body": [{}]}]}},
            "recommendations.items[0].body[0]",
            "至少要有一项",
        ),
        ({"title": "t", "date": "明天"}, "date", "无法识别"),
        ({"title": "t", "date": "2023-02-30"}, "date", "不存在"),
        ({"title": "t", "titel": "x"}, "titel", "未知字段"),
    ],
)
def test_bad_values_name_field_and_problem(data, path, fragment):
    found = problems(data)
    assert path in found, found
    assert fragment in found[path]


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\ud800", "\ufffe", "\uffff"]
)
def test_characters_a_docx_cannot_hold_are_refused_with_position(char):
    found = problems({"title": "t", "closing": [f"谢谢{char}大家"]})
    assert "第 3 个字符" in found["closing[0]"]
    assert f"U+{ord(char):04X}" in found["closing[0]"]


def test_every_problem_is_reported_at_once():
    found = problems({"title": "", "opening": [3], "closing": ["a\x00"]})
    assert set(found) == {"title", "opening[0]", "closing[0]"}


def test_whitespace_is_trimmed_and_folded_but_ideographic_space_kept():
    speech = Speech(
        title="  在全县\n工作会议上的讲话 ", speaker="张　三", opening=["Hello   big \t world", "第一行\n第二行"]
    )
    assert speech.title == "在全县工作会议上的讲话"
    assert speech.speaker == "张　三"
    assert speech.opening == ["Hello big world", "第一行第二行"]


def test_half_width_punctuation_between_chinese_becomes_full_width():
    speech = Speech(title="t", opening=["同志们, 大家好! 党委(党组)会议; 对吗? 时间10:30, 版本v1.2 (beta)"])
    assert speech.opening == ["同志们，大家好！党委（党组）会议；对吗？时间10:30, 版本v1.2 (beta)"]


def test_typed_enumerators_matching_position_are_removed():
    speech = Speech.model_validate(
        {
            "title": "t",
            "praise": {"points": [{"heading": "一是在抓党建方面：", "body": ["x"]}, {"heading": "二是在抓廉政方面"}]},
            "recommendations": {
                "items": [
                    {"heading": "一、坚持政治引领。"},
                    {"heading": "（二）加强作风建设"},
                    {"heading": "3.强化监督"},
                    {"heading": "一、不是第四条"},
                ]
            },
        }
    )
    assert [p.heading for p in speech.praise.points] == ["在抓党建方面", "在抓廉政方面"]
    assert [i.heading for i in speech.recommendations.items] == [
        "坚持政治引领。",
        "加强作风建设",
        "强化监督",
        "一、不是第四条",
    ]


def test_enumerator_only_heading_is_refused():
    found = problems({"title": "t", "recommendations": {"items": [{"heading": "一、"}]}})
    assert "只有编号" in " ".join(found.values())


@pytest.mark.parametrize(
    "typed", ["——在全县会议上的讲话", "—在全县会议上的讲话", "--在全县会议上的讲话", "在全县会议上的讲话"]
)
def test_subtitle_dash_is_generated_once(typed):
    context = Speech(title="t", subtitle=typed).to_context()
    assert context["subtitle_line"] == "——在全县会议上的讲话"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("同志们", "同志们："),
        ("同志们:", "同志们："),
        ("各位领导、同志们：", "各位领导、同志们："),
        ("同志们！", "同志们！"),
    ],
)
def test_salutation_ends_with_full_width_colon(typed, expected):
    assert Speech(title="t", salutation=typed).salutation == expected


@pytest.mark.parametrize(
    "typed",
    [
        "2023-02-15",
        "2023年2月15日",
        "（2023年2月15日）",
        "(2023 年 2 月 15 日)",
        "2023/2/15",
        dt.date(2023, 2, 15),
        dt.datetime(2023, 2, 15, 9, 30),
    ],
)
def test_date_forms_give_the_official_date_line(typed):
    assert Speech(title="t", date=typed).to_context()["date_line"] == "（2023年2月15日）"


def test_absent_parts_stay_absent_in_the_context():
    context = Speech(title="在全县工作会议上的讲话").to_context()
    assert context["subtitle"] is None and context["date_line"] is None and context["speaker"] is None
    assert context["salutation"] is None and context["praise"] is None and context["recommendations"] is None
    assert context["opening"] == [] and context["shortcomings"] == [] and context["closing"] == []


def test_a_single_paragraph_may_be_a_string_and_a_point_may_be_a_string():
    speech = Speech.model_validate(
        {"title": "t", "closing": "谢谢大家！", "recommendations": {"items": [{"heading": "h", "body": "要落实。"}]}}
    )
    assert speech.closing == ["谢谢大家！"]
    assert speech.recommendations.items[0].body[0].text == "要落实。"
    assert speech.recommendations.items[0].body[0].lead is None


def test_context_numbers_points_and_items_from_position():
    speech = Speech.model_validate(
        {
            "title": "t",
            "praise": {"points": [{"heading": f"要点{i}", "body": ["x"]} for i in range(12)]},
            "recommendations": {"items": [{"heading": f"建议{i}"} for i in range(21)]},
        }
    )
    context = speech.to_context()
    assert [p["run_in"] for p in context["praise"]["points"]][10:] == ["十一是要点10：", "十二是要点11："]
    lines = [i["heading_line"] for i in context["recommendations"]["items"]]
    assert (
        lines[0] == "一、建议0"
        and lines[9] == "十、建议9"
        and lines[19] == "二十、建议19"
        and lines[20] == "二十一、建议20"
    )


def test_run_in_heading_keeps_its_own_final_punctuation():
    speech = Speech.model_validate(
        {"title": "t", "praise": {"points": [{"heading": "政治建设更加突出。", "body": ["x"]}]}}
    )
    assert speech.to_context()["praise"]["points"][0]["run_in"] == "一是政治建设更加突出。"


def test_json_schema_documents_fields_in_chinese():
    schema = Speech.model_json_schema()
    assert schema["required"] == ["title"]
    assert "标题" in schema["properties"]["title"]["description"]
    assert "首句" in schema["$defs"]["Point"]["properties"]["lead"]["description"]
    assert schema["additionalProperties"] is False


def test_text_that_looks_like_markup_is_kept_as_is():
    text = '<w:t>&amp; "引号" {{ x }}{% if %} {_{ y }_} ${z}'
    assert Speech(title="t", closing=[text]).closing == [text]

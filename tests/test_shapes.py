"""The model holds the shapes real speeches have: headed parts whose numbering flows across them, four heading
levels on their own line or run in, shortcomings as points, enumerator styles as settings, free parts in the
speech's own order — numbering always from position, bad shapes refused with the field's path in Chinese."""

from __future__ import annotations

from typing import Any

import pytest

from docgen import Speech
from docgen.errors import SpeechValidationError


def problems(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(SpeechValidationError) as caught:
        Speech.model_validate(data)
    return {p.path: p.message for p in caught.value.problems}


def body(speech: Speech) -> list[tuple[str, list[tuple[str | None, str]]]]:
    """(paragraph style, [(run style, text)]) of every body paragraph, from the template context."""
    return [(p["style"], [(r["style"], r["text"]) for r in p["runs"]]) for p in speech.to_context()["paragraphs"]]


HEADED = {
    "title": "在全县经济工作会议上的讲话",
    "opening": ["同志们：今天召开会议。"],
    "praise": {
        "heading": "充分肯定成绩",
        "intro": "主要有以下特点：",
        "points": [{"heading": "在稳增长方面", "body": ["增长8%。"]}],
    },
    "shortcomings": {"heading": "清醒认识问题", "intro": "存在的问题：", "points": ["项目不足。", "作风不实。"]},
    "recommendations": {
        "heading": "扎实做好今年工作",
        "items": [
            {
                "heading": "聚焦项目建设。",
                "body": [
                    "要抓项目。",
                    {"heading": "抓谋划。", "text": "储备项目。"},
                    {"heading": "抓保障", "body": [{"heading": "用地保障。", "text": "盘活存量。"}]},
                ],
            },
            {"heading": "严守纪律。", "run_in": True, "body": ["各级干部要守纪律。"]},
        ],
    },
    "closing": ["谢谢大家！"],
}


def test_headed_parts_number_one_two_three_and_their_items_move_down_a_level():
    assert body(Speech.model_validate(HEADED)) == [
        ("body", [(None, "同志们：今天召开会议。")]),
        ("heading1", [(None, "一、充分肯定成绩")]),
        ("body", [(None, "主要有以下特点：")]),
        ("body", [("run_in", "一是在稳增长方面："), (None, "增长8%。")]),
        ("heading1", [(None, "二、清醒认识问题")]),
        ("body", [(None, "存在的问题：")]),
        ("body", [("run_in", "一是"), (None, "项目不足。")]),
        ("body", [("run_in", "二是"), (None, "作风不实。")]),
        ("heading1", [(None, "三、扎实做好今年工作")]),
        ("heading2", [(None, "（一）聚焦项目建设。")]),
        ("body", [(None, "要抓项目。")]),
        ("body", [("heading3_run_in", "1.抓谋划。"), (None, "储备项目。")]),
        ("heading3", [(None, "2.抓保障")]),
        ("body", [("heading4_run_in", "（1）用地保障。"), (None, "盘活存量。")]),
        ("body", [("heading2_run_in", "（二）严守纪律。"), (None, "各级干部要守纪律。")]),
        ("body", [(None, "谢谢大家！")]),
    ]


def test_unheaded_recommendations_continue_the_level_one_numbers_of_headed_parts():
    speech = Speech.model_validate(
        {
            "title": "t",
            "praise": {"heading": "成绩", "points": ["好。"]},
            "recommendations": {"items": [{"heading": "甲。"}, {"heading": "乙。"}]},
        }
    )
    headings = [p["text"] for p in speech.to_context()["paragraphs"] if p["style"] == "heading1"]
    assert headings == ["一、成绩", "二、甲。", "三、乙。"]
    # ...and the old context keys carry the same numbers.
    assert [item["label"] for item in speech.to_context()["recommendations"]["items"]] == ["二、", "三、"]


def test_typed_enumerators_matching_the_position_are_stripped_at_every_level():
    speech = Speech.model_validate(
        {
            "title": "t",
            "praise": {"heading": "一、充分肯定成绩", "points": ["一是学习深入。"]},
            "recommendations": {
                "heading": "二、做好工作",
                "items": [{"heading": "（一）加强领导。", "body": [{"heading": "1.抓谋划。", "text": "x"}]}],
            },
        }
    )
    assert speech.praise is not None and speech.praise.heading == "充分肯定成绩"
    assert speech.praise.points[0].body[0].text == "学习深入。"
    assert speech.recommendations is not None
    item = speech.recommendations.items[0]
    assert (speech.recommendations.heading, item.heading) == ("做好工作", "加强领导。")
    assert item.body[0].heading == "抓谋划。"  # type: ignore[union-attr]
    texts = [p["text"] for p in speech.to_context()["paragraphs"]]
    assert texts[:2] == ["一、充分肯定成绩", "一是学习深入。"]
    assert "（一）加强领导。" in texts and "1.抓谋划。x" in texts


@pytest.mark.parametrize(
    ("style", "markers"),
    [
        ("一是", ["一是", "二是", "三是"]),
        ("一要", ["一要", "二要", "三要"]),
        ("第一", ["第一，", "第二，", "第三，"]),
        ("首先", ["首先，", "其次，", "最后，"]),
    ],
)
def test_point_enumerator_styles_are_settings_per_list_and_per_speech(style, markers):
    points = ["提高认识。", "压实责任。", "狠抓落实。"]
    per_list = Speech.model_validate({"title": "t", "shortcomings": {"style": style, "points": points}})
    per_speech = Speech.model_validate({"title": "t", "numbering": {"points": style}, "praise": {"points": points}})
    for speech in (per_list, per_speech):
        runs = [p["runs"][0]["text"] for p in speech.to_context()["paragraphs"]]
        assert runs == markers


def test_a_list_style_overrides_the_speech_setting_and_level_one_may_be_written_di_yi():
    speech = Speech.model_validate(
        {
            "title": "t",
            "numbering": {"points": "第一", "level1": "第一、"},
            "praise": {"heading": "成绩", "style": "一要", "points": ["一要好。"]},
            "recommendations": {"items": [{"heading": "第二、加强领导。"}]},
        }
    )
    assert [p["text"] for p in speech.to_context()["paragraphs"]] == ["第一、成绩", "一要好。", "第二、加强领导。"]


UNNUMBERED = {
    "title": "在党课上的讲话",
    "numbering": {"level1": "none"},
    "parts": [
        {"heading": "坚定理想信念，筑牢思想根基", "body": [{"heading": "学习", "body": ["要学习。"]}, "正文。"]},
        {"heading": "一个思想伟大的党", "body": [{"heading": "实践", "body": ["要实践。"]}, {"points": ["甲。"]}]},
        {"recommendations": {"items": [{"heading": "关于作风建设"}]}},
    ],
}


def test_unnumbered_level_one_headings_print_in_their_style_without_a_label_and_keep_their_words():
    speech = Speech.model_validate(UNNUMBERED)
    assert body(speech) == [
        ("heading1", [(None, "坚定理想信念，筑牢思想根基")]),
        ("heading2", [(None, "（一）学习")]),
        ("body", [(None, "要学习。")]),
        ("body", [(None, "正文。")]),
        # "一个" is the heading's own word, not a typed 一、: nothing is stripped when nothing is printed
        ("heading1", [(None, "一个思想伟大的党")]),
        ("heading2", [(None, "（一）实践")]),  # the level under each unnumbered heading counts from one again
        ("body", [(None, "要实践。")]),
        ("body", [("run_in", "一是"), (None, "甲。")]),
        ("heading1", [(None, "关于作风建设")]),  # an unheaded part's items are level 1: unnumbered too
    ]
    headings = [p for p in speech.to_context()["paragraphs"] if p["style"] == "heading1"]
    # still counted from position, so a user template may print its own number
    assert [(p["number"], p["label"], p["heading_line"]) for p in headings] == [
        (1, "", "坚定理想信念，筑牢思想根基"),
        (2, "", "一个思想伟大的党"),
        (3, "", "关于作风建设"),
    ]
    assert speech.parts[1].heading == "一个思想伟大的党"  # type: ignore[union-attr]


def test_sublevels_none_leaves_every_level_unnumbered_each_in_its_depths_style():
    data = {**UNNUMBERED, "numbering": {"level1": "none", "sublevels": "none"}}
    inner = {"heading": "学习", "body": [{"heading": "细学", "text": "要学。"}]}
    data["parts"] = [{"heading": "坚定理想信念", "body": [inner]}]
    assert body(Speech.model_validate(data)) == [
        ("heading1", [(None, "坚定理想信念")]),
        ("heading2", [(None, "学习")]),
        ("body", [("heading3_run_in", "细学"), (None, "要学。")]),
    ]


def test_shortcomings_run_on_in_one_paragraph_when_inline():
    speech = Speech.model_validate(
        {
            "title": "t",
            "shortcomings": {"intro": "存在的问题：", "inline": True, "points": ["学习不够；", "作风不实。"]},
        }
    )
    assert body(speech) == [
        (
            "body",
            [
                (None, "存在的问题："),
                ("run_in", "一是"),
                (None, "学习不够；"),
                ("run_in", "二是"),
                (None, "作风不实。"),
            ],
        )
    ]
    assert speech.to_context()["shortcomings"] == ["存在的问题：一是学习不够；二是作风不实。"]


def test_shortcomings_keep_their_short_list_form():
    speech = Speech.model_validate({"title": "t", "shortcomings": ["当然，也有不足。"]})
    assert speech.shortcomings == ["当然，也有不足。"]
    assert speech.to_context()["shortcomings"] == ["当然，也有不足。"]


def test_parts_give_free_sections_in_the_speech_order_without_inventing_any():
    speech = Speech.model_validate(
        {
            "title": "在培训班开班仪式上的讲话",
            "opening": "今天举行开班仪式。",
            "parts": [
                "我讲三点意见。",
                {
                    "heading": "提高政治站位",
                    "body": ["要认识到……", {"points": ["学习。", "实践。"], "intro": "做到两点："}],
                },
                {"heading": "提升本领", "body": [{"heading": "要学深悟透。", "text": "读原著。"}]},
                {"recommendations": {"items": [{"heading": "严守纪律。", "body": ["按时上课。"]}]}},
            ],
            "closing": "预祝圆满成功！",
        }
    )
    assert body(speech) == [
        ("body", [(None, "今天举行开班仪式。")]),
        ("body", [(None, "我讲三点意见。")]),
        ("heading1", [(None, "一、提高政治站位")]),
        ("body", [(None, "要认识到……")]),
        ("body", [(None, "做到两点：")]),
        ("body", [("run_in", "一是"), (None, "学习。")]),
        ("body", [("run_in", "二是"), (None, "实践。")]),
        ("heading1", [(None, "二、提升本领")]),
        ("body", [("heading2_run_in", "（一）要学深悟透。"), (None, "读原著。")]),
        ("heading1", [(None, "三、严守纪律。")]),
        ("body", [(None, "按时上课。")]),
        ("body", [(None, "预祝圆满成功！")]),
    ]
    context = speech.to_context()
    assert [(part["kind"], part["heading_line"]) for part in context["parts"]] == [
        ("section", None),
        ("section", "一、提高政治站位"),
        ("section", "二、提升本领"),
        ("recommendations", None),
    ]
    assert context["praise"] is None and context["shortcomings"] == []  # no part the speech does not have
    assert context["recommendations"]["items"][0]["heading_line"] == "三、严守纪律。"


def test_a_section_without_heading_groups_its_blocks_and_takes_no_level():
    speech = Speech.model_validate(
        {"title": "t", "parts": [{"body": [{"heading": "甲", "body": ["a"]}, {"heading": "乙", "body": ["b"]}]}]}
    )
    assert [p["text"] for p in speech.to_context()["paragraphs"]] == ["一、甲", "a", "二、乙", "b"]


def test_a_run_in_section_heading_runs_into_its_first_paragraph_and_the_rest_follow():
    speech = Speech.model_validate(
        {
            "title": "t",
            "parts": [{"heading": "甲", "body": [{"heading": "乙。", "run_in": True, "body": ["正文。", "下一段。"]}]}],
        }
    )
    assert body(speech)[1:] == [
        ("body", [("heading2_run_in", "（一）乙。"), (None, "正文。")]),
        ("body", [(None, "下一段。")]),
    ]


def test_the_seed_keeps_its_old_context_and_gains_the_flat_body():
    from docgen import load_speech

    from .conftest import SEED_YAML

    context = load_speech(SEED_YAML).to_context()
    assert context["praise"]["heading"] is None and context["recommendations"]["heading"] is None
    assert [item["label"] for item in context["recommendations"]["items"]] == ["一、", "二、", "三、", "四、"]
    styles = [p["style"] for p in context["paragraphs"]]
    assert styles.count("heading1") == 4 and set(styles) == {"body", "heading1"}
    assert context["paragraphs"][2]["runs"][0] == {"text": "一是在抓意识形态工作方面：", "style": "run_in"}


# -- strict rejection, with the field's path ----------------------------------------------------------------


def _nested(depth: int) -> dict[str, Any]:
    block: dict[str, Any] = {"heading": f"第{depth}层标题", "text": "正文"}
    for level in range(depth - 1, 0, -1):
        block = {"heading": f"第{level}层", "body": [block]}
    return block


def test_four_heading_levels_are_accepted_and_a_fifth_is_refused_at_its_path():
    Speech.model_validate({"title": "t", "parts": [_nested(4)]})
    found = problems({"title": "t", "parts": [_nested(5)]})
    assert list(found) == ["parts[0].body[0].body[0].body[0].body[0].heading"]
    assert "标题层级超过四级" in found["parts[0].body[0].body[0].body[0].body[0].heading"]


def test_a_headed_part_pushes_four_levels_of_recommendations_over_the_limit():
    deep = {
        "heading": "甲。",
        "body": [{"heading": "乙", "body": [{"heading": "丙", "body": [{"heading": "丁", "text": "x"}]}]}],
    }
    Speech.model_validate({"title": "t", "recommendations": {"items": [deep]}})
    found = problems({"title": "t", "recommendations": {"heading": "做好工作", "items": [deep]}})
    assert "recommendations.items[0].body[0].body[0].body[0].heading" in found


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        (
            {"shortcomings": {"style": "首先", "points": ["a", "b", "c", "d", "e"]}},
            "shortcomings.style",
            "最多只能列 4 项",
        ),
        ({"numbering": {"points": "二是"}}, "numbering.points", "只能是以下之一：一是、一要、第一、首先"),
        ({"numbering": {"level1": "（1）"}}, "numbering.level1", "一、、第一、、none、（一）、1."),
        ({"praise": {"points": ["x"]}, "parts": ["y"]}, "praise", "写进 parts"),
        ({"parts": [{"praise": {"points": ["x"]}}, {"praise": {"points": ["y"]}}]}, "parts[1]", "重复"),
        ({"parts": [{"heading": "a", "run_in": True, "body": [{"points": ["x"]}]}]}, "parts[0].body[0]", "不带小标题"),
        ({"parts": [{"run_in": True, "body": ["x"]}]}, "parts[0].run_in", "没有标题"),
        ({"parts": [{"heading": "a", "body": []}]}, "parts[0].body", "至少要有一项"),
        ({"parts": [{"heading": "a", "body": [{"lead": 1}]}]}, "parts[0].body[0].lead", "应为文本"),
        ({"parts": [{"heading": "a", "body": [{"points": []}]}]}, "parts[0].body[0].points", "至少要有一项"),
        ({"parts": [{"heading": "a", "body": ["x"], "level": 2}]}, "parts[0].level", "未知字段"),
        ({"shortcomings": {"heading": "只有标题"}}, "shortcomings", "至少要有一项"),
        ({"shortcomings": {"points": [{}]}}, "shortcomings.points[0]", "至少要有一项"),
        ({"praise": {"heading": "一、", "points": ["x"]}}, "praise.heading", "只有编号"),
        ({"praise": {"inline": "maybe", "points": ["x"]}}, "praise.inline", "true 或 false"),
        (
            {"recommendations": {"items": [{"heading": "h", "body": [{"heading": "（一）", "text": "x"}]}]}},
            "recommendations.items[0].body[0].heading",
            "只有编号",
        ),
    ],
)
def test_bad_shapes_are_refused_naming_the_field_in_chinese(data, path, fragment):
    found = problems({"title": "t", **data})
    assert path in found, found
    assert fragment in found[path]


def test_every_field_of_the_new_types_has_a_chinese_description():
    from docgen.model.blocks import Point, PointList, PraisePoint, Section
    from docgen.model.parts import Praise, Recommendation, Recommendations, Shortcomings
    from docgen.model.speech import Numbering

    models = (Speech, Section, Point, PointList, PraisePoint, Shortcomings, Praise, Recommendation, Recommendations)
    for model in (*models, Numbering):
        for name, info in model.model_fields.items():
            assert info.description and any("\u4e00" <= ch <= "\u9fff" for ch in info.description), (model, name)


def test_the_json_schema_describes_blocks_and_parts():
    schema = Speech.model_json_schema()
    definitions = schema["$defs"]
    for name in ("Section", "PointList", "Shortcomings", "Numbering", "PraisePart", "RecommendationsPart"):
        assert name in definitions, sorted(definitions)
    points = definitions["Numbering"]["properties"]["points"]
    enums = [branch["enum"] for branch in points.get("anyOf", [points]) if "enum" in branch]
    assert len(enums) == 1
    assert {"一是", "一要", "第一", "首先", "第一点，", "第一句话：", "1、", "（一）"} <= set(enums[0])
    assert definitions["Section"]["required"] == ["body"]
    assert definitions["PointList"]["required"] == ["points"]


def test_an_intro_may_be_several_paragraphs_and_the_last_runs_on_when_inline():
    speech = Speech.model_validate(
        {
            "title": "t",
            "praise": {"intro": ["概括起来，有八个增长。", "“五个突破”："], "points": ["项目突破。"]},
            "shortcomings": {"intro": ["有差距。", "主要是："], "inline": True, "points": ["总量小。"]},
        }
    )
    assert [p["text"] for p in speech.to_context()["paragraphs"]] == [
        "概括起来，有八个增长。",
        "“五个突破”：",
        "一是项目突破。",
        "有差距。",
        "主要是：一是总量小。",
    ]
    assert speech.to_context()["praise"]["intro"] == "概括起来，有八个增长。“五个突破”："
    assert problems({"title": "t", "praise": {"intro": [], "points": ["x"]}}) == {"praise.intro": "至少要有一项"}
    assert "praise.intro[1]" in problems({"title": "t", "praise": {"intro": ["a", 3], "points": ["x"]}})


def test_settings_left_out_stay_out_of_a_dump_so_imported_yaml_is_not_cluttered():
    import json

    from docgen import load_speech

    from .conftest import SEED_YAML

    dumped = json.dumps(load_speech(SEED_YAML).model_dump(mode="json", exclude_none=True), ensure_ascii=False)
    for setting in ('"inline"', '"run_in"', '"style"', '"numbering"', '"parts"', '"heading": null'):
        assert setting not in dumped
    again = Speech.model_validate(json.loads(dumped))
    assert again.to_context() == load_speech(SEED_YAML).to_context()

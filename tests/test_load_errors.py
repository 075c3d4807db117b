"""Mistakes in speech files get a Chinese message at the line where the mistake is, with the usual cause
and its fix; hostile or odd YAML/JSON (alias bombs, deep nesting, huge numbers, odd keys) is a user error."""

from __future__ import annotations

import json

import pytest

from docgen.cli import main
from docgen.errors import InputFileError, SpeechValidationError
from docgen.model.load import load_speech, parse_speech
from docgen.model.yaml_tree import MAX_ALIAS_CHARACTERS, MAX_DEPTH


def problem_text(text: str) -> str:
    with pytest.raises((InputFileError, SpeechValidationError)) as caught:
        parse_speech(text, source="s.yaml")
    return str(caught.value)


# ------------------------------------------------------------------------------- typing mistakes at their line


def test_full_width_colon_after_a_key_is_reported_on_its_own_line():
    message = problem_text("title：坚定信心　真抓实干\nsubtitle: 在全县工作会议上的讲话\n")
    assert "第 1 行" in message and "全角冒号" in message and "title: " in message
    assert "mapping values" not in message


def test_full_width_colon_in_a_file_of_one_line():
    assert "第 1 行" in problem_text("title：坚定信心\n")


def test_full_width_space_or_no_space_after_the_colon():
    assert "全角空格" in problem_text("title: 讲话\nspeaker:\u3000张三\nsalutation: 同志们\n")
    assert "没有空格" in problem_text("title: 讲话\nspeaker:张三\nsalutation: 同志们\n")


def test_tab_indentation_names_the_line_and_says_to_use_spaces():
    message = problem_text("title: 讲话\nopening:\n\t- 第一段\n")
    assert "第 3 行" in message and "Tab" in message and "空格" in message
    assert "cannot start any token" not in message


def test_dash_without_space_is_refused_instead_of_becoming_one_paragraph():
    message = problem_text("title: 讲话\nopening:\n  -今天召开全县工作会议\n  -主要任务是\n")
    assert "第 3 行" in message and "第 4 行" in message and "- 今天召开" in message


def test_a_dash_with_a_number_is_text():
    assert parse_speech("title: 讲话\nopening:\n  - -5℃的天气\n").opening == ["-5℃的天气"]


def test_mistakes_inside_a_block_scalar_are_text():
    speech = parse_speech("title: 讲话\nopening:\n  - |\n    title：这是正文\n")
    assert speech.opening == ["title：这是正文"]


# ---------------------------------------------------------------------------- YAML syntax errors, translated


def test_colon_space_inside_unquoted_text_value():
    message = problem_text("title: 会议要求: 全体参加\n")
    assert "第 1 行" in message and "加引号" in message and "全角" in message


def test_unclosed_quote_is_reported_where_it_opens():
    message = problem_text('title: "讲话\nspeaker: 张三\nsalutation: 同志们\n')
    assert "第 1 行" in message and "引号" in message


def test_bad_indentation_is_explained():
    message = problem_text("title: 讲话\nopening:\n  - 第一段\n  b: 缩进错误\n")
    assert "第 4 行" in message and "YAML 格式错误：" in message
    assert all(word not in message for word in ("expected", "mapping values", "found"))


def test_unclosed_bracket():
    message = problem_text("title: 讲话\nopening: [第一段, 第二段\n")
    assert "方括号" in message


# ------------------------------------------------------------------------------- field errors with lines


def test_field_errors_carry_the_line_of_the_field():
    with pytest.raises(SpeechValidationError) as caught:
        parse_speech("title: 讲话\nrecommendations:\n  items:\n    - heading: 好\n    - body: [一段]\n")
    (problem,) = caught.value.problems
    assert problem.path == "recommendations.items[1].heading" and problem.line == 5
    assert "第 5 行 recommendations.items[1].heading" in str(caught.value)


@pytest.mark.parametrize(
    ("line", "raw", "kind"),
    [("speaker: yes", "yes", "是/否"), ("speaker: off", "off", "是/否"), ("title: 2023", "2023", "数字"),
     ("speaker: 3.5", "3.5", "数字"), ("speaker: 2023-02-15", "2023-02-15", "日期")],
)
def test_unquoted_yes_no_numbers_dates_where_text_is_expected(line, raw, kind):
    text = f"{line}\n" if line.startswith("title") else f"title: 讲话\n{line}\n"
    message = problem_text(text)
    assert f"未加引号的“{raw}”" in message and kind in message and f'"{raw}"' in message


def test_colon_space_in_a_list_item_made_it_a_mapping():
    message = problem_text("title: 讲话\nclosing:\n  - 会议要求: 全体参加\n")
    assert "第 3 行" in message and "“: ”" in message and '"会议要求: 全体参加"' in message


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [("title: 讲话\nrecomendations:\n  items: [{heading: 好}]\n", "recomendations", "recommendations"),
     ("title: 讲话\nsalutaion: 同志们\n", "salutaion", "salutation"),
     ("title: 讲话\npraise:\n  pionts: [{heading: 好}]\n", "pionts", "points"),
     ("title: 讲话\nrecommendations:\n  items:\n    - heading: 好\n      body: [{lede: 要。}]\n", "lede", "lead")],
)
def test_misspelled_keys_get_the_closest_field_of_their_level(text, wrong, right):
    message = problem_text(text)
    assert f"未知字段“{wrong}”，是不是“{right}”？" in message


def test_an_unknown_key_with_no_close_name_lists_the_fields_of_its_level():
    message = problem_text("title: 讲话\npraise:\n  zzz: 1\n  points: [{heading: 好}]\n")
    assert "intro" in message and "points" in message and "第 3 行" in message


def test_json_field_errors_carry_lines_too(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{\n  "title": "讲话",\n  "speaker": true\n}\n', encoding="utf-8")
    with pytest.raises(SpeechValidationError) as caught:
        load_speech(path)
    assert caught.value.problems[0].line == 3


# --------------------------------------------------------------------- limits and odd input: exit 2, not 1


def alias_bomb() -> str:
    lines = ['a: &a ["讲话讲话讲话", "讲话讲话讲话", "讲话讲话讲话", "讲话讲话讲话", "讲话讲话讲话"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
        previous = name
    lines.append(f"title: *{previous}")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_before_it_expands():
    text = alias_bomb()
    assert len(text) < 5_000
    message = problem_text(text)
    assert "别名" in message and "上限" in message


def test_aliases_within_the_limit_still_work():
    speech = parse_speech("title: &t 讲话\nclosing: [*t, *t]\n")
    assert speech.closing == ["讲话", "讲话"]
    assert MAX_ALIAS_CHARACTERS >= 10_000


def test_a_recursive_alias_is_refused():
    assert "自己" in problem_text("title: 讲话\nopening: &o [a, *o]\n")


def test_merge_keys_copy_fields():
    text = (
        "title: 讲话\nrecommendations:\n  items:\n"
        "    - &one {heading: 好, body: [正文]}\n    - <<: *one\n      heading: 二\n"
    )
    speech = parse_speech(text)
    assert [item.heading for item in speech.recommendations.items] == ["好", "二"]
    assert speech.recommendations.items[1].body[0].text == "正文"


def test_an_impossible_date_says_it_does_not_exist_with_its_line():
    with pytest.raises(SpeechValidationError) as caught:
        parse_speech("title: 讲话\ndate: 2023-02-30\n")
    assert caught.value.problems[0].line == 2 and "2023-02-30" in str(caught.value) and "不存在" in str(caught.value)


@pytest.mark.parametrize("key", ["1", "yes", "2023-02-15", "null"])
def test_keys_that_yaml_reads_as_numbers_or_yes_no_are_unknown_fields(key):
    assert f"未知字段“{key}”" in problem_text(f"title: 讲话\n{key}: x\n")


@pytest.mark.parametrize("key", ["[a, b]", "{a: b}", "? [a]\n"])
def test_keys_that_are_lists_or_mappings_are_refused_with_the_line(key):
    message = problem_text(f"title: 讲话\n{key}: x\n")
    assert "第 2 行" in message and "字段名不能是" in message


def test_deep_nesting_is_refused_in_yaml_and_json(tmp_path):
    assert f"{MAX_DEPTH} 层" in problem_text("title: " + "[" * 100 + "]" * 100 + "\n")
    path = tmp_path / "deep.json"
    path.write_text('{"title": "讲话",\n"opening": ' + "[" * 2000 + "]" * 2000 + "}", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"deep\.json 第 2 行：括号嵌套超过"):
        load_speech(path)


def test_a_5000_digit_number_is_a_user_error_with_its_line(tmp_path):
    assert "5000 位" in problem_text("title: 讲话\nspeaker: " + "7" * 5000 + "\n")
    path = tmp_path / "n.json"
    path.write_text('{"title": "讲话",\n "speaker": ' + "7" * 5000 + "}", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"第 2 行：数字有 5000 位.*加引号"):
        load_speech(path)


def test_unknown_tags_are_refused():
    assert "标签" in problem_text("title: !python/object 讲话\n")


@pytest.mark.parametrize(
    "text",
    ["title: 讲话\ndate: 2023-02-30\n", "title: 讲话\n1: x\n", "title: 讲话\n[a]: x\n", alias_bomb(),
     "title: " + "1" * 5000 + "\n", "title: 讲话\nspeaker: yes\n"],
)
def test_the_command_line_exits_2_with_a_chinese_message(tmp_path, capsys, text):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path / "s.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "内部错误" not in err and "Traceback" not in err
    assert not (tmp_path / "s.docx").exists()


def test_deep_json_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"title": "讲话"})[:-1] + ', "opening": ' + "[" * 2000 + "]" * 2000 + "}")
    assert main(["render", str(path), "-o", str(tmp_path / "s.docx")]) == 2

"""Loading speeches from YAML and JSON files: good files load, bad files get a message naming file and place."""

from __future__ import annotations

import json

import pytest

from docgen import load_speech, parse_speech
from docgen.errors import InputFileError, SpeechValidationError

from .conftest import SEED_YAML


def test_seed_example_loads_with_its_structure():
    speech = load_speech(SEED_YAML)
    assert [p.heading for p in speech.praise.points] == [
        "在抓意识形态工作方面",
        "在抓党风廉政建设方面",
        "在抓基层党建工作方面",
    ]
    assert len(speech.recommendations.items) == 4
    assert speech.recommendations.items[0].body[1].lead == "要坚持政治引领。"
    assert speech.salutation == "各位领导、同志们："
    assert speech.closing == ["我就讲这些，谢谢大家！"]


def test_json_and_yaml_give_the_same_speech(tmp_path):
    data = {"title": "在全县工作会议上的讲话", "date": "2023-02-15", "closing": ["谢谢大家！"]}
    (tmp_path / "s.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "title: 在全县工作会议上的讲话\ndate: 2023-02-15\nclosing: [谢谢大家！]\n", encoding="utf-8"
    )
    assert load_speech(tmp_path / "s.json") == load_speech(tmp_path / "s.yaml")


def test_redaction_stars_survive_yaml():
    speech = parse_speech('title: "**县工作会议上的讲话"\nclosing: ["**同志：谢谢"]\n')
    assert speech.title == "**县工作会议上的讲话"


def test_malformed_yaml_names_file_line_and_column(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("title: 讲话\nopening:\n  - 第一段\n  b: 缩进错误\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"bad\.yaml 第 4 行第 \d+ 列：YAML 格式错误"):
        load_speech(path)


def test_malformed_json_names_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"title": "讲话",\n "closing": [}', encoding="utf-8")
    with pytest.raises(InputFileError, match=r"bad\.json 第 2 行第 \d+ 列：JSON 格式错误"):
        load_speech(path)


@pytest.mark.parametrize(
    ("name", "text"), [("d.yaml", "title: a\ntitle: b\n"), ("d.json", '{"title": "a", "title": "b"}')]
)
def test_duplicate_keys_are_refused_instead_of_losing_text(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError, match="重复的字段“title”"):
        load_speech(path)


def test_validation_errors_carry_the_file_name(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("title: 讲话\nclosing: [1]\n", encoding="utf-8")
    with pytest.raises(SpeechValidationError, match=r"s\.yaml：讲话稿数据有 1 处错误") as caught:
        load_speech(path)
    assert caught.value.problems[0].path == "closing[0]"


@pytest.mark.parametrize(("text", "fragment"), [("", "空文件"), ("- a\n- b\n", "列表"), ("just text", "文字")])
def test_top_level_must_be_a_mapping(text, fragment):
    with pytest.raises(InputFileError, match=fragment):
        parse_speech(text)


def test_missing_file_and_folder_and_wrong_encoding(tmp_path):
    with pytest.raises(InputFileError, match="找不到文件"):
        load_speech(tmp_path / "none.yaml")
    with pytest.raises(InputFileError, match="是文件夹"):
        load_speech(tmp_path)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("title: 讲话稿\n".encode("gbk"))
    with pytest.raises(InputFileError, match="不是 UTF-8"):
        load_speech(gbk)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: 讲话\n".encode())
    assert load_speech(path).title == "讲话"


_READER_PROBE = """
import sys
if sys.argv[1] == "docgen":
    from docgen.model.yaml_tree import pyyaml
    yaml = pyyaml()
else:
    import yaml
check = yaml.reader.Reader.NON_PRINTABLE
refused = []
for text in ("a: \\x01", "a: \\x7f", "a: b\\x85c", "a: \\ufffe", "a: \\ud800", "a: 好\\U0001f600", "a: \\x1b[31m"):
    try:
        yaml.safe_load(text)  # PyYAML's pure-Python reader, where the check is made
        refused.append(None)
    except yaml.YAMLError as exc:
        refused.append(str(exc))
print(repr((check.pattern, check.flags, [check.search(chr(c)) is None for c in range(0x110000)], refused)))
"""


def test_pyyaml_imported_by_docgen_checks_characters_exactly_as_pyyaml_does():
    import subprocess
    import sys

    from .conftest import REPO

    runs = [
        subprocess.run([sys.executable, "-c", _READER_PROBE, how], capture_output=True, text=True, cwd=REPO, check=True)
        for how in ("docgen", "plain")
    ]
    assert runs[0].stdout == runs[1].stdout
    assert "special characters are not allowed" in runs[0].stdout  # the check ran, and refused


def test_a_render_never_compiles_pyyaml_s_reader_check(tmp_path):
    import subprocess
    import sys

    from .conftest import REPO

    code = (
        "import sys\n"
        "from docgen.cli import main\n"
        f"assert main(['render', {str(SEED_YAML)!r}, '-o', {str(tmp_path / 'a.docx')!r}]) == 0\n"
        "import yaml.reader\n"
        "check = yaml.reader.Reader.NON_PRINTABLE\n"
        "print(type(check).__name__, check._compiled)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.split("\n")[-2] == "LazyPattern None"  # libyaml's parser checked the text itself


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ('title: "讲话\x01"\n', "第 1 行第 11 列", "U+0001"),
        ("title: 讲话\nopening:\n  - 今天好\x07的\n", "第 3 行第 8 列", "U+0007"),
        ("title: 讲话\nclosing: 谢谢\ufffe\n", "第 2 行第 12 列", "U+FFFE"),
    ],
)
def test_a_character_yaml_refuses_is_named_in_chinese_with_its_line_and_column(text, where, code):
    import yaml

    from docgen.model.load import _refused_character

    with pytest.raises(InputFileError) as caught:
        parse_speech(text, source="讲话.yaml")  # libyaml's check: a byte offset
    message = str(caught.value)
    assert message.startswith(f"讲话.yaml {where}：") and code in message and "请删去" in message
    with pytest.raises(yaml.reader.ReaderError) as pure:
        yaml.safe_load(text)  # PyYAML's own reader: an offset in the text
    assert str(_refused_character(pure.value, text, "讲话.yaml")) == message

"""The docgen command: exit 0 on success, 2 with a Chinese message naming file and field, no file on error."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from docgen.cli import main

from .conftest import REPO, SEED_YAML, docx_paragraphs, without_whitespace


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's --help / --version / usage errors
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_render_writes_the_seed(tmp_path, capsys, seed_text):
    target = tmp_path / "讲话.docx"
    code, out, err = run(capsys, "render", str(SEED_YAML), "-o", str(target))
    assert (code, err) == (0, "")
    assert "已生成" in out and str(target) in out
    text = "".join(t for _, t in docx_paragraphs(target.read_bytes()))
    assert without_whitespace(text) == without_whitespace(seed_text)


def test_render_defaults_to_the_input_name_and_accepts_a_folder(tmp_path, capsys):
    source = tmp_path / "s.yaml"
    source.write_text("title: 讲话\n", encoding="utf-8")
    assert run(capsys, "render", str(source))[0] == 0
    assert zipfile.is_zipfile(tmp_path / "s.docx")
    folder = tmp_path / "out"
    folder.mkdir()
    assert run(capsys, "render", str(source), "-o", str(folder))[0] == 0
    assert zipfile.is_zipfile(folder / "s.docx")


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        ("salutation: 同志们\n", ["s.yaml", "title", "缺少必填字段"]),
        ("title: [1, 2]\n", ["s.yaml", "title", "应为文本"]),
        ("title: 讲话\nopening:\n  - a\n  b: c\n", ["s.yaml", "第 4 行", "YAML 格式错误"]),
        ('title: 讲话\nclosing: ["谢谢\\x07"]\n', ["closing[0]", "U+0007"]),
        ("title: 讲话\nrecommendations: {items: []}\n", ["recommendations.items", "至少要有一项"]),
    ],
)
def test_bad_input_exits_2_with_a_message_and_writes_nothing(tmp_path, capsys, content, fragments):
    source = tmp_path / "s.yaml"
    source.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "render", str(source), "-o", str(tmp_path / "out.docx"))
    assert code == 2 and out == ""
    assert err.startswith("错误：")
    for fragment in fragments:
        assert fragment in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml"]


def test_missing_input_and_unknown_template(tmp_path, capsys):
    code, _, err = run(capsys, "render", str(tmp_path / "none.yaml"))
    assert code == 2 and "找不到文件" in err
    code, _, err = run(capsys, "render", str(SEED_YAML), "-o", str(tmp_path / "x.docx"), "--template", "nosuch")
    assert code == 2 and "nosuch" in err and "speech" in err
    assert not (tmp_path / "x.docx").exists()


def test_usage_errors_exit_2_in_chinese(capsys):
    code, _, err = run(capsys, "render")
    assert code == 2 and "缺少参数" in err and "用法：" in err


def test_internal_errors_exit_1_and_debug_shows_the_traceback(tmp_path, capsys, monkeypatch):
    import docgen.template.rendering

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(docgen.template.rendering, "render_file", broken)
    code, _, err = run(capsys, "render", str(SEED_YAML), "-o", str(tmp_path / "x.docx"))
    assert code == 1 and "内部错误" in err and "Traceback" not in err
    code, _, err = run(capsys, "--debug", "render", str(SEED_YAML), "-o", str(tmp_path / "x.docx"))
    assert code == 1 and "Traceback" in err and "ZeroDivisionError" in err


def test_schema_is_the_speech_json_schema(capsys, tmp_path):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Speech" and "recommendations" in schema["properties"]
    target = tmp_path / "schema.json"
    assert run(capsys, "schema", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8")) == schema


def test_templates_lists_the_bundled_ones(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0 and "speech" in out and "22 行" in out


def test_help_is_chinese(capsys):
    code, out, _ = run(capsys, "render", "--help")
    assert code == 0 and "用法：" in out and "输入文件" in out and "模板" in out


def test_python_dash_m_runs_the_same_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "docgen", "render", str(SEED_YAML), "-o", str(tmp_path / "x.docx")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env_with_repo(),
    )
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(tmp_path / "x.docx")


def _env_with_repo() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_check_reports_conformity_and_exits_by_verdict(tmp_path, capsys):
    target = tmp_path / "x.docx"
    assert run(capsys, "render", str(SEED_YAML), "-o", str(target))[0] == 0
    code, out, _ = run(capsys, "check", str(target))
    assert code == 0 and "✓ 上边距（天头）：37.0 毫米" in out and "结论：符合" in out
    code, out, _ = run(capsys, "check", str(target), "--template", "speech-large", "--json")
    report = json.loads(out)
    assert code == 3 and report["ok"] is False  # 3: checked, does not conform (2 is for what cannot be checked)
    assert {f["item"] for f in report["findings"] if not f["ok"]} == {"正文字号", "正文行距", "文档网格"}
    code, _, err = run(capsys, "check", str(target), "--template", "nosuch")
    assert code == 2 and "nosuch" in err


def test_stats_prints_count_and_time_with_its_rate(capsys):
    code, out, _ = run(capsys, "stats", str(SEED_YAML), "--rate", "150")
    assert code == 0 and "每分钟 150 字" in out and "字数：" in out
    code, out, _ = run(capsys, "stats", str(SEED_YAML), "--json")
    assert code == 0 and json.loads(out)["rate"] == 200
    code, _, err = run(capsys, "stats", str(SEED_YAML), "--rate", "1")
    assert code == 2 and "语速" in err


@pytest.mark.parametrize(
    "line",
    [
        ["render", "a.yaml", "-o", "b.docx", "--pdf", "-t", "speech-large"],
        ["--debug", "batch", "a.yaml", "b.json", "-o", "out", "-j", "2"],
        ["import", "a.txt", "--title", "标题", "-v"],
        ["check", "a.docx", "--paper", "--json"],
        ["stats", "a.yaml", "--rate", "180"],
        ["schema", "--strict"],
        ["templates", "export", "speech", "a.docx", "--force"],
        ["templates", "check", "a.docx"],
    ],
)
def test_a_line_naming_its_command_is_read_by_that_command_s_parser_alone_as_by_the_whole(line):
    from docgen.cli import build_parser, named_command

    command = named_command(line)
    assert command == next(word for word in line if word != "--debug")
    alone, whole = build_parser(command).parse_args(line), build_parser().parse_args(line)
    assert vars(alone) == vars(whole)


@pytest.mark.parametrize("line", [["render", "--help"], ["templates", "check", "-h"], ["render"], ["stats", "x", "-j"]])
def test_help_and_errors_of_a_command_are_the_same_from_its_parser_alone(line, capsys):
    from docgen.cli import build_parser, named_command

    printed = []
    for parser in (build_parser(named_command(line)), build_parser()):
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args(line)
        printed.append((exit_.value.code, *capsys.readouterr()))
    assert printed[0] == printed[1]
    assert printed[0][1] or printed[0][2]


def test_a_line_without_a_known_command_gets_every_command():
    from docgen.cli import COMMANDS, named_command

    for line in ([], ["--debug"], ["--help"], ["--version", "render"], ["rendr", "a.yaml"], ["-h", "render"]):
        assert named_command(line) is None
    assert set(COMMANDS) == {"render", "batch", "import", "check", "stats", "schema", "templates", "cache"}

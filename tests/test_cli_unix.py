"""Unix conventions: `-` is standard input for speech files and standard output for `-o -`; --debug and
--version anywhere on the line; no progress bar when standard error is not a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from docgen.output.stdio import hoist_global_flags

from .conftest import REPO, SEED_TEXT_FILE, SEED_YAML, docx_paragraphs, without_whitespace


def docgen(*args: str, stdin: bytes = b"", cwd: object = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args], input=stdin, capture_output=True, env=env, cwd=cwd, timeout=120
    )


def test_render_reads_a_speech_from_standard_input(tmp_path):
    result = docgen("render", "-", "-o", str(tmp_path / "s.docx"), stdin=SEED_YAML.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    assert not (tmp_path / "-").exists()
    text = "".join(t for _, t in docx_paragraphs((tmp_path / "s.docx").read_bytes()))
    assert without_whitespace(text) == without_whitespace(SEED_TEXT_FILE.read_text(encoding="utf-8"))


def test_render_reads_json_from_standard_input(tmp_path):
    result = docgen("render", "-", "-o", str(tmp_path / "s.docx"), stdin=json.dumps({"title": "讲话"}).encode())
    assert result.returncode == 0 and (tmp_path / "s.docx").is_file()


def test_render_writes_the_docx_to_standard_output(tmp_path):
    result = docgen("render", str(SEED_YAML), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout[:2] == b"PK" and not (tmp_path / "-").exists()
    assert docx_paragraphs(result.stdout)[0][1].startswith("在全县2022年度")


def test_render_from_stdin_to_stdout(tmp_path):
    result = docgen("render", "-", "-o", "-", stdin=b"title: \xe8\xae\xb2\xe8\xaf\x9d\n", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout[:2] == b"PK"
    assert os.listdir(tmp_path) == []


def test_stdin_errors_are_user_errors_naming_standard_input(tmp_path):
    result = docgen("render", "-", "-o", str(tmp_path / "s.docx"), stdin="title：讲话\n".encode())
    assert result.returncode == 2
    assert "<标准输入> 第 1 行" in result.stderr.decode() and not (tmp_path / "s.docx").exists()
    assert docgen("render", "-", stdin=b"title: x\n").returncode == 2  # where to write must be said
    assert docgen("render", str(SEED_YAML), "-o", "-", "--pdf").returncode == 2


def test_import_reads_a_draft_from_standard_input_and_writes_yaml_to_standard_output(tmp_path):
    result = docgen("import", "-", stdin=SEED_TEXT_FILE.read_bytes(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith("title: 在全县2022年度")
    assert os.listdir(tmp_path) == []
    written = docgen("import", "-", "-o", str(tmp_path / "s.yaml"), stdin=SEED_TEXT_FILE.read_bytes())
    assert written.returncode == 0 and (tmp_path / "s.yaml").read_text(encoding="utf-8") == result.stdout.decode()


def test_schema_to_standard_output_with_dash(tmp_path):
    result = docgen("schema", "-o", "-", "--strict", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["additionalProperties"] is False
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "args",
    [
        ["render", "missing.yaml", "--debug"],
        ["--debug", "render", "missing.yaml"],
        ["render", "--debug", "missing.yaml"],
    ],
)
def test_debug_anywhere_shows_the_traceback(args, tmp_path):
    result = docgen(*args, cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" in err and "找不到文件" in err


@pytest.mark.parametrize("args", [["--version"], ["render", "--version"], ["schema", "-o", "-", "--version"]])
def test_version_anywhere(args):
    result = docgen(*args)
    assert result.returncode == 0 and result.stdout.decode().startswith("docgen ")


def test_a_file_named_like_a_flag_after_double_dash_is_left_alone():
    assert hoist_global_flags(["render", "--", "--debug"]) == ["render", "--", "--debug"]
    assert hoist_global_flags(["render", "a.yaml", "--debug", "--debug"]) == ["--debug", "render", "a.yaml"]


def test_usage_errors_name_the_command_once():
    err = docgen("render").stderr.decode()
    assert "docgen render --help" in err and "docgen docgen" not in err
    assert "（docgen --help 查看帮助）" in docgen("nosuchcommand").stderr.decode()


def test_no_progress_bar_or_control_characters_when_not_a_terminal(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.yaml").write_text("title: 讲话\n", encoding="utf-8")
    result = docgen("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "\r" not in result.stderr.decode() and "\x1b" not in result.stderr.decode()
    assert json.loads(result.stdout)["documents"]  # not a terminal: the JSON summary

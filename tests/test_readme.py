"""The README's code runs as written: every ```python block and every command line of every ```bash block is
executed in a temporary folder that holds the files the README's examples name (讲话.yaml, 草稿.txt, …),
with `docgen` and `python` on the PATH as a user who followed the README would have them.

Set-up lines (creating a virtual environment, pip, apt-get, `bash .ci/run`) are not run here: they are what
CI itself runs on a bare clone (.ci/run), and running them inside the tests would install the project into
itself. Each block or line left out is named in SETUP with the reason."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, SEED_TEXT_FILE, SEED_YAML

README = (REPO / "README.md").read_text(encoding="utf-8")

SETUP = ("python3 -m venv", "pip install", "apt-get", "bash .ci/run", "python -m docgen.layout.build", ".venv/bin/")
"""Command lines that install, rebuild or lint the project in a developer's own .venv, not examples of using it."""

PREPARE = {
    # The README's example of naming an encoding: the draft it names is then a Big5 file.
    "--encoding big5": lambda d: (d / "草稿.txt").write_bytes(
        "在全縣工作會議上的講話\n同志們：\n今天召開會議。\n謝謝大家！\n".encode("big5")
    ),
    # The export example makes 我的模板.docx; the other examples assume the reader already has one.
    "templates export speech 我的模板.docx": lambda d: (d / "我的模板.docx").unlink(),
}
"""What a command needs beyond the common files, by a part of its text."""

SKIPPED_BLOCKS = {
    "from docxtpl import InlineImage": "needs a user template with a picture named logo.png and images to insert",
}
"""Python blocks that show an API against files only the reader has; the reason is printed with the skip."""


def blocks(language: str) -> list[tuple[int, str]]:
    found = []
    for match in re.finditer(rf"```{language}\n(.*?)```", README, re.S):
        found.append((README[: match.start()].count("\n") + 2, match.group(1)))
    return found


def command_lines() -> list[tuple[int, str]]:
    lines = []
    for start, block in blocks("bash"):
        for offset, line in enumerate(block.splitlines()):
            command = line.split("  #")[0].split(" # ")[0].strip()
            if command and not command.startswith("#") and not any(s in command for s in SETUP):
                lines.append((start + offset, command))
    return lines


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with what the README's examples name, and bin/ with `docgen` and `python`."""
    from docgen import load_speech, render

    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPO / "examples", folder / "examples")
    shutil.copy(SEED_YAML, folder / "讲话.yaml")
    shutil.copy(SEED_TEXT_FILE, folder / "草稿.txt")
    (folder / "草稿.docx").write_bytes(render(load_speech(SEED_YAML)))
    (folder / "讲话.docx").write_bytes(render(load_speech(SEED_YAML)))
    shutil.copy(REPO / "templates" / "speech.docx", folder / "我的模板.docx")
    shutil.copy(REPO / "templates" / "speech.docx", folder / "邮件附件.docx")
    (folder / "讲话稿").mkdir()
    shutil.copy(SEED_YAML, folder / "讲话稿" / "seed.yaml")
    shutil.copytree(REPO / "tests", folder / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    for name, body in (("docgen", '-m docgen "$@"'), ("python", '"$@"'), ("python3", '"$@"')):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" {body}\n', encoding="utf-8")
        script.chmod(0o755)
    return folder


def environment(folder: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{folder / 'bin'}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(REPO)}


def test_the_readme_has_commands_and_python_to_run():
    assert len(command_lines()) >= 15 and len(blocks("python")) >= 2


def test_the_two_setup_commands_are_there():
    first = blocks("bash")[0][1]
    assert ".venv/bin/pip install -q . && .venv/bin/docgen render examples/seed.yaml -o 讲话.docx" in first
    assert "bash .ci/run" in first


@pytest.mark.parametrize(("line", "command"), command_lines(), ids=[f"L{n}" for n, _ in command_lines()])
def test_each_readme_command_runs(workdir, tmp_path, line, command):
    folder = tmp_path / "w"  # each command in a fresh copy: one example's output is not the next one's input
    shutil.copytree(workdir, folder, symlinks=True)
    for part, prepare in PREPARE.items():
        if part in command:
            prepare(folder)
    result = subprocess.run(
        ["bash", "-c", command], cwd=folder, env=environment(folder), capture_output=True, timeout=600
    )
    assert result.returncode == 0, f"README line {line}: {command}\n{result.stderr.decode()[-2000:]}"


@pytest.mark.parametrize(("line", "code"), blocks("python"), ids=[f"L{n}" for n, _ in blocks("python")])
def test_each_readme_python_block_runs(workdir, line, code):
    for opening, reason in SKIPPED_BLOCKS.items():
        if code.startswith(opening):
            pytest.skip(reason)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=workdir, env=environment(workdir), capture_output=True, timeout=600
    )
    assert result.returncode == 0, f"README line {line}\n{result.stderr.decode()[-2000:]}"

"""The wheel ships the bundled templates: a normal install renders from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO, SEED_YAML, docx_paragraphs, without_whitespace


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="pip install hatchling (part of .[test])")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "--no-build-isolation", "-w", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return next(out.glob("docgen-*.whl"))


def test_wheel_contains_package_types_and_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "docgen/templates/speech.docx" in names
    assert "docgen/py.typed" in names
    assert "docgen/output/fonts.conf" in names  # the font aliases PDF export passes to LibreOffice
    assert "docgen/model/title_dictionary.bin" in names  # jieba's dictionary, precomputed: titles are cut without jieba
    assert any(n.endswith("entry_points.txt") for n in names)
    assert (REPO / "templates" / "speech.docx").read_bytes() == zipfile.ZipFile(wheel).read(
        "docgen/templates/speech.docx"
    )


def test_installed_command_renders_from_another_folder(wheel, tmp_path, seed_text):
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "PYTHONPATH": str(target)}
    result = subprocess.run(
        [str(target / "bin" / "docgen"), "render", str(SEED_YAML), "-o", "讲话.docx"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import docgen.template.prepared as t; print(t.templates_dir())"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    ).stdout.strip()
    assert where == str(target / "docgen" / "templates")  # the installed copy, not the checkout's
    text = "".join(t for _, t in docx_paragraphs((work / "讲话.docx").read_bytes()))
    assert without_whitespace(text) == without_whitespace(seed_text)

"""Shared fixtures: the repository's paths, the seed speech, and reading text back out of a .docx."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The seed draft is kept in the repository (byte-identical copy, origin in examples/SOURCES.md) so that a bare
# clone runs every test.
SEED_TEXT_FILE = REPO / "examples" / "seed.txt"
SEED_YAML = REPO / "examples" / "seed.yaml"


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph of a .docx, read back with python-docx."""
    from docx import Document

    document = Document(io.BytesIO(data))
    return [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs]


def without_whitespace(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED_TEXT_FILE.is_file():
        pytest.fail(f"the seed speech is missing: {SEED_TEXT_FILE}")
    return SEED_TEXT_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_speech():  # type: ignore[no-untyped-def]
    from docgen import load_speech

    return load_speech(SEED_YAML)


_IMPORTED_BY_RENDER = (
    "import sys, runpy\n"
    "watched = tuple(sys.argv[3:])\n"
    "sys.argv = ['docgen', 'render', sys.argv[1], '-o', sys.argv[2]]\n"
    "try:\n    runpy.run_module('docgen', run_name='__main__')\n"
    "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
    "print(sorted(m for m in sys.modules if m in watched or m.split('.')[0] in watched))\n"
)


def modules_of_two_renders(cache: Path, watched: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """``docgen render`` of the seed twice in fresh processes sharing the per-user cache ``cache``: for each run,
    the watched modules (top-level packages or exact names) it imported, and the document it wrote."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(REPO)}
    env.pop("DOCGEN_NO_CACHE", None)
    runs = []
    for run in ("first", "second"):
        out = cache / f"{run}.docx"
        command = [sys.executable, "-c", _IMPORTED_BY_RENDER, str(SEED_YAML), str(out), *watched]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        runs.append((result.stdout.strip().splitlines()[-1], out.read_bytes()))
    return runs

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

"""A PDF conversion's private work folder (profile, document copies, LibreOffice's output) is gone after the
conversion: removed in the background where a shell can start ``rm``, here and now otherwise; links inside
it are removed, never followed. LibreOffice is not needed."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from docgen.output import pdf


@pytest.fixture
def temp_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def fill(work: Path, outside: Path) -> None:
    # The shape of a used profile: nested folders, files, and a link LibreOffice (or a document) might leave.
    deep = work / "profile" / "user" / "extensions" / "bundled" / "registry"
    deep.mkdir(parents=True)
    (deep / "backenddb.xml").write_text("<x/>", encoding="utf-8")
    (work / "out").mkdir()
    (work / "out" / "00000.pdf").write_bytes(b"%PDF-1.4")
    (work / "profile" / "link-to-outside").symlink_to(outside)


def gone_within(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not path.exists():
            return True
        time.sleep(0.05)
    return not path.exists()


@pytest.mark.skipif(os.name != "posix", reason="background removal is for POSIX shells")
def test_the_work_folder_is_removed_in_the_background_and_links_in_it_are_not_followed(tmp_path, temp_folder):
    outside = tmp_path / "user-file.txt"
    outside.write_text("keep me", encoding="utf-8")
    with pdf._work_folder() as work:
        assert work.parent == temp_folder and work.name.startswith(f"{pdf.WORK_PREFIX}{os.getpid()}-")
        fill(work, outside)
    assert gone_within(work, 30)
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_without_a_shell_the_work_folder_is_removed_at_once(tmp_path, temp_folder, monkeypatch):
    def no_shell(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("sh")

    monkeypatch.setattr(pdf.subprocess, "run", no_shell)
    outside = tmp_path / "user-file.txt"
    outside.write_text("keep me", encoding="utf-8")
    with pdf._work_folder() as work:
        fill(work, outside)
    assert not work.exists()
    assert outside.read_text(encoding="utf-8") == "keep me"

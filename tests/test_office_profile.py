"""The initialised LibreOffice profile of the per-user cache: made once, copied per conversion, trusted only
when private, and never a way around the hardened settings (`docgen.output.office_profile`, `docgen.output.pdf`).
LibreOffice itself is not needed: its first start is stood in for by a function that writes a profile."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from docgen.output import office_profile, pdf

SETUP = (
    '<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse">'
    "<value>true</value></prop></item>"
)
LOOSENING = (
    '<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution"'
    ' oor:op="fuse"><value>false</value></prop></item>'
)


def fake_first_start(calls: list[Path]):
    def initialise(profile: Path) -> None:
        calls.append(profile)
        user = profile / "user"
        (user / "basic").mkdir(parents=True)
        (user / "basic" / "script.xlc").write_text("<library/>", encoding="utf-8")
        xcu = f'<?xml version="1.0"?>\n<oor:items>\n{SETUP}\n{LOOSENING}\n</oor:items>\n'
        (user / office_profile.SETTINGS_FILE).write_text(xcu, encoding="utf-8")

    return initialise


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DOCGEN_NO_CACHE", raising=False)
    return tmp_path / "cache" / "docgen"


def soffice(tmp_path: Path) -> str:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    return str(program)


def test_the_profile_is_made_once_and_copied_into_each_conversion(tmp_path, cache):
    calls: list[Path] = []
    program = soffice(tmp_path)
    for number in range(3):
        profile = tmp_path / f"conversion-{number}"
        profile.mkdir()
        assert office_profile.copy_into(profile, program, fake_first_start(calls))
        assert (profile / "user" / "basic" / "script.xlc").read_text(encoding="utf-8") == "<library/>"
    assert len(calls) == 1  # LibreOffice's first start happened once
    (cached,) = cache.glob("libreoffice-*")
    # Of LibreOffice's settings only the setup facts were kept: the loosening item is gone.
    settings = (cached / "user" / office_profile.SETTINGS_FILE).read_text(encoding="utf-8")
    assert SETUP in settings and "DisableMacrosExecution" not in settings


def test_every_conversion_gets_the_hardened_settings_whatever_the_copied_file_says(tmp_path):
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    planted = f'<?xml version="1.0"?>\n<oor:items>\n{SETUP}\n{LOOSENING}\n</oor:items>\n'
    (profile / "user" / office_profile.SETTINGS_FILE).write_text(planted, encoding="utf-8")
    pdf._write_profile(profile)
    written = (profile / "user" / office_profile.SETTINGS_FILE).read_text(encoding="utf-8")
    assert SETUP in written  # the setup fact is kept
    assert LOOSENING not in written
    assert '<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop>' in written
    assert written.count("<item ") == pdf._PROFILE_SETTINGS.count("<item ") + 1


def test_only_the_listed_setup_facts_with_plain_values_are_kept():
    odd = SETUP.replace("<value>true</value>", "<value>true</value><value>x</value>")
    assert office_profile.kept_settings(f"{odd}\n{LOOSENING}") == []
    assert office_profile.kept_settings(SETUP) == [SETUP]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="ownership and permission bits are POSIX")
@pytest.mark.parametrize("tamper", ["symlink", "group-writable"])
def test_a_cached_profile_that_is_not_private_is_not_used(tmp_path, cache, tamper):
    program = soffice(tmp_path)
    first = tmp_path / "first"
    first.mkdir()
    assert office_profile.copy_into(first, program, fake_first_start([]))
    (cached,) = cache.glob("libreoffice-*")
    if tamper == "symlink":
        (cached / "user" / "basic" / "elsewhere").symlink_to(tmp_path)
    else:
        os.chmod(cached / "user" / "basic" / "script.xlc", 0o664)
    later = tmp_path / "later"
    later.mkdir()
    assert not office_profile.copy_into(later, program, fake_first_start([]))
    assert list(later.iterdir()) == []  # the conversion starts from a fresh profile instead


def test_no_cache_means_a_fresh_profile(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("DOCGEN_NO_CACHE", "1")
    profile = tmp_path / "profile"
    profile.mkdir()
    assert not office_profile.copy_into(profile, soffice(tmp_path), fake_first_start([]))
    assert not cache.exists()


def test_a_failed_first_start_leaves_no_cache_and_a_fresh_profile(tmp_path, cache):
    def failing(profile: Path) -> None:
        raise pdf.PdfError("LibreOffice 转换 PDF 失败")

    profile = tmp_path / "profile"
    profile.mkdir()
    assert not office_profile.copy_into(profile, soffice(tmp_path), failing)
    assert list(cache.iterdir()) == []  # the half-made profile was removed


def _has_soffice() -> bool:
    try:
        pdf.find_soffice()
    except pdf.PdfError:
        return False
    return True


def soffice_processes(work: Path) -> list[int]:
    """LibreOffice's processes (soffice, oosplash, soffice.bin) that name ``work`` on their command line (the
    ``rm`` removing the work folder afterwards names it too, and is no LibreOffice)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            program = command.split(b"\0", 1)[0]
            if str(work).encode() in command and (b"soffice" in program or b"oosplash" in program):
                found.append(int(entry.name))
    return found


def gone_within(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return not path.exists()


@pytest.mark.skipif(not Path("/proc").is_dir() or not _has_soffice(), reason="needs LibreOffice and /proc")
def test_a_libreoffice_started_ahead_is_ended_when_the_render_fails(tmp_path):
    # `docgen render --pdf` of a bad input: LibreOffice was started for nothing and must not stay behind.
    with pytest.raises(RuntimeError), pdf.started_office() as office:
        assert office is not None and office.running()
        work = office.work
        raise RuntimeError("the render failed")
    assert office.process.poll() is not None
    assert soffice_processes(work) == []
    assert gone_within(work, 30)  # removed in the background (`pdf.remove_in_background`)

"""The per-user cache stays bounded, and its pruning is safe: it removes only docgen's own entries beyond the
documented bound (`docgen.user_cache.MAX_ENTRIES`), follows no symbolic link out of the cache folder, touches
nothing that is not ours, and runs beside other processes doing the same."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen import user_cache
from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv("DOCGEN_NO_CACHE", raising=False)
    folder = tmp_path / "home-cache" / "docgen"
    folder.mkdir(parents=True, mode=0o700)
    return folder


def _entry(folder: Path, name: str, age_seconds: float, data: bytes = b"x") -> Path:
    path = folder / name
    path.write_bytes(data)
    path.chmod(0o600)
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))
    return path


def _key(number: int, digits: int = 64) -> str:
    return f"{number:0{digits}x}"


def test_each_kind_keeps_its_newest_entries_up_to_the_bound(cache: Path) -> None:
    for number in range(12):  # number 0 is the newest
        _entry(cache, f"speech-{_key(number)}.cache", 100 + number)
        _entry(cache, f"speech-large-{_key(number)}.cache", 100 + number)
        _entry(cache, f"speech-schema-{_key(number)}.json", 100 + number)
    oldest = f"speech-{_key(11)}.cache"
    removed = user_cache.prune(keep=(oldest,))
    left = {path.name for path in cache.iterdir()}
    bound = user_cache.MAX_ENTRIES["template"]
    # the kept one counts towards the bound (it is the newest when just written): one fewer of the others
    assert {f"speech-{_key(n)}.cache" for n in range(bound - 1)} | {oldest} == {
        n for n in left if n.startswith("speech-0")
    }
    assert {f"speech-large-{_key(n)}.cache" for n in range(bound)} == {n for n in left if n.startswith("speech-large")}
    bound = user_cache.MAX_ENTRIES["schema"]
    assert {f"speech-schema-{_key(n)}.json" for n in range(bound)} == {n for n in left if "schema" in n}
    assert len(removed) == 3 * 12 - len(left)
    assert user_cache.prune() == []  # within the bound, the kept one included: nothing more goes


def test_obsolete_formats_and_old_temporaries_go_fresh_temporaries_stay(cache: Path) -> None:
    _entry(cache, f"speech-{_key(1)}.json", 10)  # the prepared templates' first format
    old = _entry(cache, ".speech-abc123_x.tmp", user_cache.STALE_TEMPORARY_SECONDS + 60)
    fresh = _entry(cache, ".speech-schema-k9z_0a.tmp", 5)  # another process writing now
    removed = {entry.name for entry in user_cache.prune()}
    assert removed == {f"speech-{_key(1)}.json", old.name}
    assert fresh.exists()


def test_nothing_that_is_not_docgens_is_listed_or_removed(cache: Path) -> None:
    foreign = [
        _entry(cache, "notes.txt", 10_000),
        _entry(cache, f"speech-{_key(1)[:-1]}g.cache", 10_000),  # not a key docgen writes
        _entry(cache, f"Speech-{_key(2)}.cache", 10_000),
        _entry(cache, f"speech-{_key(3)}.cache.bak", 10_000),
        _entry(cache, ".bashrc.tmp", 10_000),
    ]
    shared = _entry(cache, f"speech-{_key(4)}.cache", 10_000)
    shared.chmod(0o660)  # writable by the group: not under the cache's trust rule, so not ours to judge
    folder = cache / f"help-{_key(5, 8)}.txt"  # a folder where docgen writes a file
    folder.mkdir()
    assert user_cache.entries() == []
    assert user_cache.clear() == []
    assert all(path.exists() for path in [*foreign, shared, folder])
    code = main(["cache", "clear"])
    assert code == 0 and all(path.exists() for path in [*foreign, shared, folder])


def test_no_symbolic_link_is_followed_out_of_the_cache(cache: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    precious = _entry(outside, f"speech-{_key(1)}.cache", 10_000, b"precious")
    (cache / f"speech-{_key(2)}.cache").symlink_to(precious)  # a link named like an entry
    (cache / f"libreoffice-{_key(3, 32)}").symlink_to(outside, target_is_directory=True)
    profile = cache / f"libreoffice-{_key(4, 32)}"  # a real profile folder with a link inside it
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "escape").symlink_to(outside, target_is_directory=True)
    (profile / "user" / "registrymodifications.xcu").write_text("<x/>")
    for item in (profile, profile / "user"):
        item.chmod(0o700)
    removed = {entry.name for entry in user_cache.clear()}
    assert removed == {profile.name}
    assert not profile.exists()
    assert precious.read_bytes() == b"precious" and sorted(p.name for p in outside.iterdir()) == [precious.name]
    assert (cache / f"speech-{_key(2)}.cache").is_symlink()  # not docgen's: left as it is


def test_a_cache_folder_that_is_a_link_or_shared_is_not_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    entry = _entry(real, f"speech-{_key(1)}.json", 10)  # obsolete: would go from a trusted folder
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "docgen").symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DOCGEN_NO_CACHE", raising=False)
    assert user_cache.clear() == [] and entry.exists()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    real.rename(tmp_path / "docgen")
    (tmp_path / "docgen").chmod(0o777)  # anyone may write here: nothing in it is trusted, or removed
    assert user_cache.clear() == [] and (tmp_path / "docgen" / entry.name).exists()
    (tmp_path / "docgen").chmod(0o700)
    assert [e.name for e in user_cache.clear()] == [entry.name]  # the same entry, from a private folder


_PRUNER = """
import sys
from docgen import user_cache
for _ in range(30):
    user_cache.prune()
    user_cache.clear() if sys.argv[1] == "clear" else None
"""


def test_processes_pruning_at_once_neither_fail_nor_remove_what_is_kept(cache: Path) -> None:
    for number in range(300):
        _entry(cache, f"speech-{_key(number)}.cache", 100 + number)
        _entry(cache, f"help-{_key(number, 8)}.txt", 100 + number)
    foreign = _entry(cache, "notes.txt", 10_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache.parent)}
    runs = [
        subprocess.Popen([sys.executable, "-c", _PRUNER, mode], env=env, stderr=subprocess.PIPE, text=True)
        for mode in ("prune", "prune", "clear")
    ]
    for run in runs:
        _, errors = run.communicate(timeout=120)
        assert run.returncode == 0, errors
    assert [path.name for path in cache.iterdir()] == [foreign.name]


def test_a_new_template_entry_prunes_the_old_ones(cache: Path) -> None:
    from docgen.model.load import load_speech
    from docgen.template.prepared import Template

    for number in range(20):
        _entry(cache, f"speech-{_key(number)}.cache", 1000 + number)
    Template("speech").render(load_speech(ROOT / "examples" / "seed.yaml"))
    entries = [e for e in user_cache.entries() if e.kind == "template:speech"]
    assert len(entries) == user_cache.MAX_ENTRIES["template"]
    assert entries[0].name not in {f"speech-{_key(n)}.cache" for n in range(20)}  # the new one, newest


def test_docgen_cache_shows_and_clears_the_cache(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _entry(cache, f"speech-{_key(1)}.cache", 10, b"x" * 2048)
    _entry(cache, f"speech-schema-{_key(2)}.json", 10)
    assert main(["cache"]) == 0
    shown = capsys.readouterr().out
    assert str(cache) in shown and "内置模板的预处理结果（speech）：1 个，2.0 KB，最多保留 8 个" in shown
    assert "讲话稿数据模型的校验结构：1 个" in shown
    assert main(["cache", "clear"]) == 0
    assert "已删除 2 个条目" in capsys.readouterr().out
    assert list(cache.iterdir()) == []

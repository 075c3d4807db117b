"""The output-safety rule: no command writes over its own inputs, replaces a non-regular file, widens
permissions or leaves its temporary files behind — whatever --force says."""

from __future__ import annotations

import os
import stat
import time
import warnings
import zipfile
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.errors import OutputError
from docgen.output.files import OutputWarning, check_target, remove_stale_temporaries, write_atomic

from .conftest import SEED_YAML

GOOD = "title: 在全县工作会议上的讲话\nclosing: [谢谢大家！]\n"
DRAFT = "在全县工作会议上的讲话\n同志们：\n今天召开会议。\n谢谢大家！\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_batch_never_overwrites_another_input_even_with_force(tmp_path, capsys):
    from .hostile_files import plain_docx

    draft_txt = write(tmp_path / "a.txt", DRAFT)
    draft_docx = tmp_path / "a.docx"
    draft_docx.write_bytes(plain_docx(("原稿的唯一一份。",)))
    before = draft_docx.read_bytes()
    code = main(["batch", str(draft_txt), str(draft_docx), "-o", str(tmp_path), "--force", "--json"])
    out = capsys.readouterr().out
    assert code == 2 and "输入文件本身" in out
    assert draft_docx.read_bytes() == before
    assert zipfile.is_zipfile(tmp_path / "a-2.docx")  # the .docx draft's own output went beside it


def test_render_pdf_never_replaces_a_speech_file_named_pdf(tmp_path, capsys):
    source = write(tmp_path / "talk.pdf", GOOD)  # YAML under a .pdf name
    assert main(["render", str(source), "--pdf"]) == 2
    assert "输入文件本身" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == GOOD
    assert not (tmp_path / "talk.docx").exists()  # refused before anything was written


def test_render_never_replaces_its_template(tmp_path, capsys):
    template = tmp_path / "mytpl.docx"
    assert main(["templates", "export", "speech", str(template)]) == 0
    before = template.read_bytes()
    assert main(["render", str(SEED_YAML), "-t", str(template), "-o", str(template)]) == 2
    assert "输入文件本身" in capsys.readouterr().err
    assert template.read_bytes() == before


def test_hard_and_symbolic_links_to_an_input_are_caught(tmp_path, capsys):
    source = write(tmp_path / "s.yaml", GOOD)
    os.link(source, tmp_path / "hard.docx")
    (tmp_path / "soft.docx").symlink_to(source)
    for name in ("hard.docx", "soft.docx"):
        assert main(["render", str(source), "-o", str(tmp_path / name)]) == 2
        assert "输入文件本身" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == GOOD


def test_templates_export_never_replaces_the_bundled_template(capsys):
    from docgen.template.prepared import templates_dir

    bundled = templates_dir() / "speech.docx"
    before = bundled.read_bytes()
    try:
        assert main(["templates", "export", "speech-large", str(bundled), "--force"]) == 2
        assert "输入文件本身" in capsys.readouterr().err
        assert bundled.read_bytes() == before
    finally:  # were the rule broken, the repository's template would be restored
        if bundled.read_bytes() != before:
            bundled.write_bytes(before)


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_non_regular_targets_are_refused_even_with_force(tmp_path, capsys, kind):
    target = tmp_path / "out.docx"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
        (target / "keep").write_text("x")
    else:
        try:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
        except PermissionError:
            pytest.skip("making a device node needs root")
    mode = os.lstat(target).st_mode
    with pytest.raises(OutputError):
        write_atomic(target, b"data", overwrite=True)
    assert os.lstat(target).st_mode == mode
    source = write(tmp_path / "s.yaml", GOOD)
    if kind == "directory":  # -o folder means folder/s.docx: make that name a folder too
        (target / "s.docx").mkdir()
    assert main(["render", str(source), "-o", str(target)]) == 2
    assert os.lstat(target).st_mode == mode  # still the fifo / device / folder
    assert not list(tmp_path.glob(".docgen-*"))


def test_a_symlinked_target_is_replaced_never_followed(tmp_path):
    victim = write(tmp_path / "victim.txt", "keep me")
    link = tmp_path / "out.docx"
    link.symlink_to(victim)
    with pytest.raises(OutputError, match="已存在"):
        write_atomic(link, b"new", overwrite=False)
    write_atomic(link, b"new")
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert stat.S_IMODE(link.stat().st_mode) & 0o077 != 0o077  # not the link's 0777


def test_a_symlink_to_a_device_or_folder_is_refused_even_with_force(tmp_path):
    for name, pointed in (("stdout.docx", Path("/dev/null")), ("folder.docx", tmp_path)):
        link = tmp_path / name
        link.symlink_to(pointed)
        with pytest.raises(OutputError, match="符号链接"):
            write_atomic(link, b"data")
        assert link.is_symlink()


def test_replacing_keeps_the_mode_and_drops_set_id_bits(tmp_path):
    target = tmp_path / "private.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o600
    os.chmod(target, 0o4640)
    write_atomic(target, b"newer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_replacing_a_hard_linked_file_warns_that_the_link_is_not_kept(tmp_path, capsys):
    target = write(tmp_path / "out.yaml", "old")
    other = tmp_path / "other-name.yaml"
    os.link(target, other)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write_atomic(target, b"new")
    assert any(issubclass(w.category, OutputWarning) and "硬链接" in str(w.message) for w in caught)
    assert target.read_bytes() == b"new" and other.read_text(encoding="utf-8") == "old"
    draft = write(tmp_path / "d.txt", DRAFT)
    assert main(["import", str(draft), "-o", str(target), "--force"]) == 0
    assert "警告：" in capsys.readouterr().err or os.stat(target).st_nlink == 1


def test_import_refuses_to_overwrite_an_existing_yaml_without_force(tmp_path, capsys):
    draft = write(tmp_path / "draft.txt", DRAFT)
    edited = write(tmp_path / "draft.yaml", "# 手工修改过的\n" + GOOD)
    assert main(["import", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err
    assert edited.read_text(encoding="utf-8").startswith("# 手工修改过的")
    assert main(["import", str(draft), "--force"]) == 0
    assert "今天召开会议" in edited.read_text(encoding="utf-8")


def test_an_output_name_over_255_bytes_is_a_clear_error(tmp_path, capsys):
    source = write(tmp_path / "s.yaml", GOOD)
    long_name = "讲" * 90 + ".docx"  # 275 bytes in UTF-8
    assert main(["render", str(source), "-o", str(tmp_path / long_name)]) == 2
    err = capsys.readouterr().err
    assert "文件名太长" in err and "255" in err
    with pytest.raises(OutputError, match="文件名太长"):
        check_target(tmp_path / long_name)


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path):
    dead = 2**22 + 12345  # above the default pid_max of 4194304: no such process
    stale = tmp_path / f".docgen-{dead}-abcd1234.tmp"
    stale.write_bytes(b"half a document")
    fresh = tmp_path / f".docgen-{dead}-fresh567.tmp"  # too young: perhaps a writer on another host
    fresh.write_bytes(b"x")
    alive = tmp_path / f".docgen-{os.getppid()}-live8901.tmp"
    alive.write_bytes(b"x")
    foreign = tmp_path / ".other-tool-123.tmp"
    foreign.write_bytes(b"x")
    old = time.time() - 3600
    for path in (stale, alive, foreign):
        os.utime(path, (old, old))
    write_atomic(tmp_path / "out.docx", b"data")
    assert not stale.exists()
    assert fresh.exists() and alive.exists() and foreign.exists()
    assert remove_stale_temporaries(tmp_path) == []


def test_a_render_killed_mid_write_leaves_nothing_after_the_next_run(tmp_path):
    from .test_crash_safety import kill_mid_write

    target = tmp_path / "讲话.docx"
    kill_mid_write(target)
    leftovers = list(tmp_path.glob(".docgen-*.tmp"))
    assert leftovers  # the killed process could not clean up
    old = time.time() - 3600
    for path in leftovers:
        os.utime(path, (old, old))
    assert main(["render", str(SEED_YAML), "-o", str(target)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["讲话.docx"]


def test_a_killed_conversions_work_folder_is_removed_later(tmp_path):
    from docgen.output.files import remove_stale_work_folders

    dead = 2**22 + 12345
    stale = tmp_path / f"docgen-pdf-{dead}-abc"
    (stale / "profile").mkdir(parents=True)
    live = tmp_path / f"docgen-pdf-{os.getpid()}-def"
    live.mkdir()
    other = tmp_path / "docgen-pdf-notapid"
    other.mkdir()
    old = time.time() - 3600
    for path in (stale, live, other):
        os.utime(path, (old, old))
    assert remove_stale_work_folders("docgen-pdf-", tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other.exists()


def test_replacing_keeps_the_owner_where_the_process_may(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root may give a file to another user")
    target = tmp_path / "theirs.docx"
    target.write_bytes(b"old")
    os.chown(target, 12345, 23456)
    os.chmod(target, 0o640)
    write_atomic(target, b"new")
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o640)


def test_real_path_with_cached_folders_is_what_resolve_gives(tmp_path, monkeypatch):
    from docgen.output.files import real_path

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "folder-link").symlink_to(real)
    (real / "file-link.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    monkeypatch.chdir(real)
    folders: dict[Path, Path] = {}
    for path in (
        real / "a.yaml",
        tmp_path / "folder-link" / "a.yaml",  # through a linked folder
        tmp_path / "folder-link" / "missing.docx",  # not there yet (an output)
        real / "file-link.yaml",  # a link itself, to a missing file
        tmp_path / "folder-link" / "..",
        Path("a.yaml"),  # relative
        Path("sub") / ".." / "a.yaml",
    ):
        assert real_path(path, folders) == path.resolve(), path


def test_a_temporary_file_is_new_private_and_never_one_that_exists(tmp_path, monkeypatch):
    from docgen.output import files

    draws = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(files.os, "urandom", lambda size: next(draws))
    taken = tmp_path / f".docgen-{os.getpid()}-{'00' * 6}.tmp"
    taken.write_bytes(b"someone's")
    handle, temporary = files._new_temporary(tmp_path)
    os.close(handle)
    assert temporary == tmp_path / f".docgen-{os.getpid()}-{'01' * 6}.tmp"
    assert taken.read_bytes() == b"someone's"  # an existing name is skipped, never opened
    assert stat.S_IMODE(temporary.stat().st_mode) == 0o600 and temporary.stat().st_size == 0
    assert files._temp_name().match(temporary.name)  # the stale-file sweep recognises it as docgen's

"""A batch's writes: each group is flushed to disk while the next is rendered, a document is reported only once
it has its name, and a failed flush or a stopped batch leaves no temporary file behind."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from docgen.errors import OutputError
from docgen.output import batch, staging
from docgen.output.files import TEMP_PREFIX

from .conftest import REPO


def speeches(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = f"title: 第{number}篇讲话\nclosing: [谢谢大家！]\n"
        (folder / f"s{number:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_a_group_is_flushed_to_disk_while_the_next_is_rendered(tmp_path, monkeypatch):
    # The first document alone, then a chunk of the others: the flush of the first must see documents of the
    # chunk rendered meanwhile. Were the flush in the rendering thread, nothing would be rendered while it waits.
    from docgen.template.prepared import get_template

    template = get_template("speech")
    real_render, real_flush = type(template).render, staging.flush_to_disk
    rendered = {"count": 0}
    later_rendered = threading.Event()
    overlapped: list[bool] = []

    def counting_render(self: object, speech: object) -> bytes:
        rendered["count"] += 1
        if rendered["count"] >= 3:
            later_rendered.set()
        return real_render(self, speech)  # type: ignore[arg-type]

    def waiting_flush(staged: object) -> None:
        if not overlapped:
            overlapped.append(later_rendered.wait(timeout=20))
        real_flush(staged)  # type: ignore[arg-type]

    monkeypatch.setattr(type(template), "render", counting_render)
    monkeypatch.setattr(staging, "flush_to_disk", waiting_flush)
    out = tmp_path / "out"
    out.mkdir()
    jobs = batch.plan([speeches(tmp_path / "in", 12)], out)
    outcomes = list(batch.run(jobs, template, workers=1))
    assert overlapped == [True]
    assert sorted(o.index for o in outcomes if o.written) == list(range(12))
    assert temporaries(out) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_is_reported_only_once_it_has_its_name(tmp_path, workers):
    out = tmp_path / "out"
    out.mkdir()
    jobs = batch.plan([speeches(tmp_path / "in", 40)], out)
    seen = []
    for outcome in batch.run(jobs, "speech", workers=workers):
        assert outcome.written and outcome.target is not None
        assert zipfile.is_zipfile(outcome.target), outcome.target  # whole, under its name, when reported
        seen.append(outcome.index)
    assert sorted(seen) == list(range(40))
    assert temporaries(out) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_flush_fails_the_documents_it_held_and_only_those(tmp_path, monkeypatch, workers):
    real_flush = staging.flush_to_disk
    calls = {"count": 0}

    def second_flush_fails(staged: object) -> None:
        calls["count"] += 1
        if calls["count"] == 2:
            list(staged)  # type: ignore[call-overload]
            raise OutputError("无法把文件写入磁盘：No space left on device")
        real_flush(staged)  # type: ignore[arg-type]

    monkeypatch.setattr(staging, "flush_to_disk", second_flush_fails)  # the flushes run in this process
    out = tmp_path / "out"
    out.mkdir()
    jobs = batch.plan([speeches(tmp_path / "in", 40)], out)
    outcomes = list(batch.run(jobs, "speech", workers=workers))
    failed = [o for o in outcomes if not o.ok]
    assert len(outcomes) == 40 and failed and len(failed) < 40
    assert all("No space left" in (o.error or "") for o in failed)
    assert all(o.target is not None and not o.target.exists() for o in failed)
    assert all(o.target is not None and zipfile.is_zipfile(o.target) for o in outcomes if o.ok)
    assert temporaries(out) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_stopped_half_way_leaves_whole_documents_and_no_temporary_file(tmp_path, workers):
    out = tmp_path / "out"
    out.mkdir()
    jobs = batch.plan([speeches(tmp_path / "in", 80)], out)
    running = batch.run(jobs, "speech", workers=workers)
    reported = [next(running) for _ in range(3)]
    running.close()  # as when the caller stops (Ctrl-C in the command reaches the loop the same way)
    assert temporaries(out) == []
    assert all(o.target is not None and o.target.is_file() for o in reported)
    made = sorted(out.iterdir())
    assert len(made) < 80 and all(zipfile.is_zipfile(path) for path in made)


def test_a_batch_off_a_terminal_does_not_import_the_progress_bar(tmp_path):
    # tqdm is for the terminal; piped output (scripts, the JSON summary) gets the messages without it.
    inputs = speeches(tmp_path / "in", 3)
    (inputs / "zz-broken.yaml").write_text("title: [1]\n", encoding="utf-8")
    code = (
        "import sys\nfrom docgen.cli import main\n"
        f"status = main(['batch', {str(inputs)!r}, '-o', {str(tmp_path / 'out')!r}, '-j', '1'])\n"
        "print('tqdm' in sys.modules, status)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert result.stdout.strip().splitlines()[-1] == "False 2"
    assert "失败：" in result.stderr and "zz-broken.yaml" in result.stderr

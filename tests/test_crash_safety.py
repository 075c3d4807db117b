"""Crash safety: a render killed mid-write leaves the old file or none, never a part of one; renders on eight
threads at once give exactly the bytes of sequential renders."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from pathlib import Path

import pytest

from docgen import Speech, Template, render, render_file

from .conftest import REPO, SEED_YAML

# A child process that renders the seed to argv[1], writing a few bytes at a time with pauses, and says
# "writing" once the temporary file has some of the document in it.
SLOW_WRITER = textwrap.dedent(
    """
    import os, sys, time
    import docgen.output.files
    from docgen import load_speech, render_file

    real_fdopen = os.fdopen

    class Slow:
        def __init__(self, stream):
            self.stream = stream
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            return self.stream.__exit__(*exc)
        def write(self, data):
            for start in range(0, len(data), 512):
                self.stream.write(data[start:start + 512])
                self.stream.flush()
                if start == 1024:
                    print("writing", flush=True)
                time.sleep(0.01)
            return len(data)
        def __getattr__(self, name):
            return getattr(self.stream, name)

    docgen.output.files.os.fdopen = lambda *a, **k: Slow(real_fdopen(*a, **k))
    render_file(load_speech(sys.argv[2]), sys.argv[1])
    print("done", flush=True)
    """
)


def kill_mid_write(target: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target), str(SEED_YAML)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing", "the child never started writing"
        temporaries = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        assert temporaries and all(p.stat().st_size > 0 for p in temporaries)  # really mid-write
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def test_killing_a_render_mid_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "讲话.docx"
    old = render(Speech(title="旧的讲话稿", closing=["谢谢！"]))
    target.write_bytes(old)
    kill_mid_write(target)
    assert target.read_bytes() == old
    assert zipfile.is_zipfile(target)
    for leftover in tmp_path.iterdir():  # a killed process cannot clean up, but its temporary is hidden
        assert leftover == target or (leftover.name.startswith(".docgen-") and leftover.name.endswith(".tmp"))


def test_killing_a_render_mid_write_leaves_no_target_when_there_was_none(tmp_path):
    target = tmp_path / "讲话.docx"
    kill_mid_write(target)
    assert not target.exists()
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_the_slow_writer_does_finish_when_left_alone(tmp_path, seed_speech):
    # Guards the two tests above: the same child, not killed, writes the whole document.
    target = tmp_path / "讲话.docx"
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [sys.executable, "-c", SLOW_WRITER, str(target), str(SEED_YAML)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["writing", "done"]
    assert target.read_bytes() == render(seed_speech)
    assert sorted(tmp_path.iterdir()) == [target]


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    import docgen.output.files

    target = tmp_path / "讲话.docx"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docgen.output.files.os, "fsync", full_disk)
    from docgen.errors import OutputError

    with pytest.raises(OutputError, match="No space left"):
        render_file(Speech(title="新"), target)
    assert target.read_bytes() == b"old"
    assert sorted(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("source", ["speech", "user"])
def test_eight_threads_render_the_same_bytes_as_one(tmp_path, seed_speech, source):
    from docgen.layout.build import build_template
    from docgen.layout.profile import STANDARD

    template = Template("speech") if source == "speech" else Template("mine.docx", data=build_template(STANDARD))
    speeches = [
        seed_speech,
        Speech(title="第二篇", salutation="同志们", closing=["谢谢！"]),
        Speech(title="<&>{{ x }}", opening=["\u202e😀" * 200]),
        Speech(title="第四篇", praise={"points": [{"heading": f"要点{i}", "body": ["好。"]} for i in range(30)]}),
    ] * 2
    sequential = [template.render(s) for s in speeches]
    results: list[list[bytes]] = [[] for _ in speeches]
    start = threading.Barrier(len(speeches))

    def work(index: int) -> None:
        start.wait()
        for _ in range(5):
            results[index].append(template.render(speeches[index]))
        render_file(speeches[index], tmp_path / f"{index}.docx", template)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(speeches))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for index, expected in enumerate(sequential):
        assert results[index] == [expected] * 5
        assert (tmp_path / f"{index}.docx").read_bytes() == expected
    assert len(set(sequential)) == 4


def test_a_hostile_render_on_one_thread_does_not_spend_another_threads_budget(seed_speech):
    from .test_hostile import with_tag

    hostile = Template("hostile.docx", data=with_tag("{% for i in range(100000) %}{% for j in range(100000) %}"
                                                     "{% endfor %}{% endfor %}"))
    errors: list[BaseException] = []

    def attack() -> None:
        try:
            hostile.render(seed_speech)
        except BaseException as exc:  # collected and checked below
            errors.append(exc)

    attacker = threading.Thread(target=attack)
    attacker.start()
    deadline = time.monotonic() + 60
    while attacker.is_alive() and time.monotonic() < deadline:
        assert render(seed_speech)[:2] == b"PK"
    attacker.join()
    assert len(errors) == 1 and "步" in str(errors[0])

"""Batch worker processes end when their parent dies: after ``kill -9`` of ``docgen batch -j 2`` no worker is
left waiting on its queue."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.output import workers as batch_workers

from .conftest import REPO, SEED_YAML

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its entry waits to be reaped


def kill_batch_and_list_survivors(tmp_path: Path, monkeypatch_env: dict[str, str] | None = None) -> list[int]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(400):  # enough work that the batch is still running when it is killed
        shutil.copy(SEED_YAML, inputs / f"s{number:03d}.yaml")
    env = dict(os.environ, PYTHONPATH=str(REPO), **(monkeypatch_env or {}))
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", "batch", str(inputs), "-o", str(tmp_path / "out"), "-j", "2", "--json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2:
        workers = children(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the batch never started its workers"
    time.sleep(0.5)  # the workers are rendering
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(running(pid) for pid in workers):
        time.sleep(0.05)
    survivors = [pid for pid in workers if running(pid)]
    for pid in survivors:  # never leave them behind, whatever the test found
        os.kill(pid, signal.SIGKILL)
    return survivors


def test_no_worker_survives_kill_9_of_the_batch(tmp_path):
    assert kill_batch_and_list_survivors(tmp_path) == []


def test_the_polling_fallback_ends_workers_too(tmp_path, monkeypatch):
    # The fallback for systems without prctl: a watcher thread that sees the parent pid change.
    import threading

    monkeypatch.setattr(sys, "platform", "darwin")
    started = threading.Event()
    exits: list[int] = []
    real_parent = os.getpid()

    monkeypatch.setattr(os, "getppid", lambda: real_parent + 1 if started.is_set() else real_parent)
    monkeypatch.setattr(os, "_exit", lambda code: exits.append(code))
    monkeypatch.setattr(batch_workers, "PARENT_POLL_SECONDS", 0.01)
    batch_workers.die_with_parent(real_parent)
    started.set()  # "the parent died"
    deadline = time.monotonic() + 5
    while not exits and time.monotonic() < deadline:
        time.sleep(0.01)
    assert exits == [1]

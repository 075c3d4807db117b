"""What the benchmark scripts share: the repository on sys.path, the seed and a 10× speech, timing helpers."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED_YAML = REPO / "examples" / "seed.yaml"
if str(REPO) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(REPO))


def seed_data() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))
    return data


def long_speech_data(times: int = 10) -> dict[str, Any]:
    """The seed with every repeated part (opening, praise points, shortcomings, recommendations) × ``times``."""
    data = seed_data()
    data["opening"] = data["opening"] * times
    data["praise"]["points"] = data["praise"]["points"] * times
    data["shortcomings"] = data["shortcomings"] * times
    data["recommendations"]["items"] = data["recommendations"]["items"] * times
    return data


def per_call_ms(function: Callable[[], object], *, seconds: float = 3.0, minimum: int = 5) -> float:
    """Milliseconds per call: best of three rounds, each at least ``minimum`` calls and about ``seconds``/3."""
    function()  # warm-up: imports, caches, lazy initialisation
    best = float("inf")
    for _ in range(3):
        calls, started = 0, time.perf_counter()
        while calls < minimum or time.perf_counter() - started < seconds / 3:
            function()
            calls += 1
        best = min(best, (time.perf_counter() - started) / calls * 1000)
    return best


def child_environment(tree: Path) -> dict[str, str]:
    """The environment of a timed docgen child run from the checkout ``tree``: it imported first, and bytecode
    written and used as an installed package has it (``PYTHONDONTWRITEBYTECODE``, set on some development
    machines, would make every run compile docgen's modules again: ≈ 0.2 s of start-up no user pays)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree)
    return env


def environment() -> dict[str, str]:
    """The environment for child processes: the checkout importable, as in the scripts themselves."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, PYTHONPATH=path)


def run_seconds(command: Sequence[str]) -> float:
    """Wall-clock seconds of one run of ``command`` (which must succeed or exit 2 for reported inputs)."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, env=environment(), capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    return elapsed


def docgen_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "docgen", *args]


def write_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the seed, each with its own title (so no two outputs are the same); titles as
    long as the seed's, so they are broken into lines as the seed's is."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    data = seed_data()
    title = data["title"]
    paths = []
    for number in range(count):
        data["title"] = f"{title}（第{number + 1}篇）"
        path = folder / f"speech-{number:05d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def ratio_line(label: str, value: float, target: str) -> str:
    return f"{label}: {value:.2f}×  (target {target})"


def alternated_ms(
    functions: dict[str, Callable[[], object]], *, rounds: int = 9, seconds: float = 0.25
) -> dict[str, float]:
    """Median CPU milliseconds per call of each function, measured in alternation: each round times every
    function for about ``seconds`` in turn, so load from other processes falls on all of them alike.

    CPU time of this process (`time.process_time`), not wall-clock: on a shared machine the other
    processes' load then shows far less in the figures; the work timed is single-threaded and in memory."""
    for function in functions.values():
        function()  # warm-up: imports, caches, lazy initialisation
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            calls, started = 0, time.process_time()
            while calls < 3 or time.process_time() - started < seconds:
                function()
                calls += 1
            samples[name].append((time.process_time() - started) / calls * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


Event = tuple[float, int, str, str, float]
"""monotonic seconds, pid, "<label>-start" / "-end" / a phase, detail, seconds the process had waited for a CPU
(run queue, ``/proc/self/schedstat``; 0 elsewhere): what a busy machine adds, which a quiet one would not."""

_TRACE_DRIVER = r"""
import importlib, os, sys, time
log, traced = sys.argv[1], [item.split(":") for item in sys.argv[2].split(",")]
def note(event, detail=""):
    try:  # this process's time spent waiting for a CPU so far (Linux), ns
        with open("/proc/self/schedstat") as stat:
            waited = int(stat.read().split()[1])
    except (OSError, IndexError, ValueError):
        waited = 0
    handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.write(handle, f"{time.monotonic():.6f} {os.getpid()} {waited / 1e9:.6f} {event} {detail}\n".encode())
    os.close(handle)
note("python")
def wrap(module, name, label):
    original = getattr(module, name)
    def traced(*args, **kwargs):
        size = len(args[0]) if args and hasattr(args[0], "__len__") else ""
        note(label + "-start", size)
        try:
            return original(*args, **kwargs)
        finally:
            note(label + "-end", size)
    traced.__name__ = traced.__qualname__ = name
    traced.__module__ = module.__name__
    setattr(module, name, traced)
for module_name, name, label in traced:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        continue
    if hasattr(module, name):
        wrap(module, name, label)
note("imported")
from docgen.cli import main
code = main(sys.argv[3:])
sys.stdout.flush()
note("main-end")
raise SystemExit(code)
"""


def traced_run(
    tree: Path, arguments: Sequence[str], traced: Sequence[tuple[str, str, str]], log: Path
) -> tuple[list[Event], float, float]:
    """Run ``docgen ARGUMENTS`` from ``tree`` with each (module, function, label) of ``traced`` wrapped to log
    its start and end, in every process (forked workers inherit the wrapping; one clock, ``time.monotonic``).
    Returns the events, and when the child was started and when it had ended. Functions a checkout lacks are
    left out. The wrapping imports those modules before the command runs: start-up figures shift a little.
    Each event also carries how long its process had waited for a CPU by then (see `Event`)."""
    log.unlink(missing_ok=True)
    spec = ",".join(":".join(item) for item in traced)
    command = [sys.executable, "-c", _TRACE_DRIVER, str(log), spec, *arguments]
    env = child_environment(tree)
    started = time.monotonic()
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, check=False)
    ended = time.monotonic()
    if result.returncode != 0:
        raise SystemExit(f"traced docgen failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    events = []
    for line in log.read_text().splitlines():
        stamp, pid, waited, event, *detail = line.split(" ")
        events.append((float(stamp), int(pid), event, " ".join(detail), float(waited)))
    return events, started, ended

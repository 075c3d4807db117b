"""Whole-process start-up: `docgen render seed.yaml -o x.docx` against a minimal docxtpl script rendering the
same template with the same context, and `docgen --help` against a bare interpreter (`python -c pass`).

    python benchmarks/startup.py [ROUNDS]      # default 15 rounds

Each round runs every command once, in an order rotated from round to round, so that the commands compared
share the machine's load; the figures are medians over the rounds, of wall-clock time and of the CPU time
(user + system) of the child. Two ratios per target: of the medians, and the median of the ratios within a
round (the paired figure, steadier when other work shares the machine).

Before timing, every command runs once: docgen's bytecode is written (an installed package has it; the
checkout may not, and ``PYTHONDONTWRITEBYTECODE`` is dropped for the children) and the per-user cache of
prepared bundled templates is filled, in a temporary ``XDG_CACHE_HOME`` of its own.

Targets (issue 14): docgen render ≤ 1.0× the minimal docxtpl script; docgen --help ≤ 2× python -c pass.
For reading the first: the import of docxtpl alone, and of pydantic, jinja2 and PyYAML together, are timed
too (and printed as a ratio to the docxtpl script).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, SEED_YAML, docgen_command, environment

MINIMAL = """
import json, sys, types
from docxtpl import DocxTemplate
with open(sys.argv[2], encoding="utf-8") as stream:
    context = vars(json.load(stream, object_hook=lambda d: types.SimpleNamespace(**d)))
document = DocxTemplate(sys.argv[1])
document.render(context, autoescape=True)
document.save(sys.argv[3])
"""


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of ``command``, which must succeed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def start_up_commands(work: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The environment (a per-user cache of its own in ``work``, bytecode written) and the commands compared,
    by label; the docxtpl script's context file is written into ``work``. Shared with startup_instructions.py."""
    from docgen import load_speech
    from docgen.template.prepared import templates_dir
    from tests.test_docxtpl_equivalence import docxtpl_context

    env = {key: value for key, value in environment().items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["XDG_CACHE_HOME"] = str(Path(work, "cache"))
    context_file = Path(work, "context.json")
    context = docxtpl_context(load_speech(SEED_YAML))
    context_file.write_text(json.dumps(context, default=vars, ensure_ascii=False), encoding="utf-8")
    template = str(templates_dir() / "speech.docx")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import docgen'": [sys.executable, "-c", "import docgen"],
        "docgen --help": docgen_command("--help"),
        # For reading the render ratio: what the docxtpl script spends importing, and what importing the
        # three libraries a docgen render cannot do without (validation, Jinja, YAML) costs by itself.
        "python -c 'import docxtpl'": [sys.executable, "-c", "import docxtpl"],
        "import pydantic,jinja2,yaml": [sys.executable, "-c", "import pydantic.main, jinja2, yaml"],
        "minimal docxtpl script": [sys.executable, "-c", MINIMAL, template, str(context_file), f"{work}/a.docx"],
        "docgen render seed.yaml": docgen_command("render", str(SEED_YAML), "-o", f"{work}/b.docx"),
    }
    return env, commands


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        env, commands = start_up_commands(work)
        for command in commands.values():  # warm-up: bytecode, template cache, page cache
            run(command, env)
        wall: dict[str, list[float]] = {label: [] for label in commands}
        cpu: dict[str, list[float]] = {label: [] for label in commands}
        labels = list(commands)
        for number in range(rounds):
            shift = number % len(labels)
            for label in labels[shift:] + labels[:shift]:
                seconds, used = run(commands[label], env)
                wall[label].append(seconds)
                cpu[label].append(used)

    print(f"{rounds} rounds, order rotated each round; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    print(f"  {'':<28} {'wall median':>12} {'CPU median':>12}")
    for label in labels:
        wall_ms, cpu_ms = statistics.median(wall[label]) * 1000, statistics.median(cpu[label]) * 1000
        print(f"  {label:<28} {wall_ms:9.0f} ms {cpu_ms:9.0f} ms")

    def ratios(numerator: str, denominator: str, target: str) -> None:
        for name, figures in (("wall", wall), ("CPU", cpu)):
            of_medians = statistics.median(figures[numerator]) / statistics.median(figures[denominator])
            paired = statistics.median(a / b for a, b in zip(figures[numerator], figures[denominator], strict=True))
            print(
                f"{numerator} / {denominator} ({name}): {of_medians:.2f}× of the medians, "
                f"{paired:.2f}× paired median  (target {target})"
            )

    ratios("docgen render seed.yaml", "minimal docxtpl script", "≤ 1.0×")
    ratios("import pydantic,jinja2,yaml", "minimal docxtpl script", "for information: docgen's floor")
    ratios("docgen --help", "python -c pass", "≤ 2.0×")


if __name__ == "__main__":
    main()

"""Start-up in instructions: `docgen render seed.yaml -o x.docx` against the minimal docxtpl script of
`startup.py`, each run once under callgrind, counting the instructions the process executes.

    python benchmarks/startup_instructions.py          # needs valgrind

Wall-clock and CPU time swing with the machine's load (other processes, caches, frequency); the count of
instructions hardly does, so it shows what a change to start-up saves while others share the machine. It is
not the target: an instruction of pydantic's or zlib's C code and one of Python's interpreter loop do not
take the same time (a loop compiling a regular expression runs many cheap ones), and the kernel's work
(reading files, mapping memory) is not counted. The target stays `startup.py`'s time on a quiet machine.

Like `startup.py`, every command first runs once outside callgrind: bytecode is written and the per-user
caches are filled (in a temporary ``XDG_CACHE_HOME`` of its own), so the counts are those of a warm start.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile

from common import REPO
from startup import start_up_commands


def instructions(command: list[str], env: dict[str, str]) -> int:
    """The instructions callgrind counts for one run of ``command``, which must succeed."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or found is None:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        env, every = start_up_commands(work)
        shown = ("python -c pass", "import pydantic,jinja2,yaml", "minimal docxtpl script", "docgen render seed.yaml")
        commands = {label: every[label] for label in shown}
        for command in commands.values():  # warm-up: bytecode, per-user caches
            subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=True)
        counts = {label: instructions(command, env) for label, command in commands.items()}

    print(f"instructions of one warm run under callgrind; Python {sys.version.split()[0]}")
    for label, count in counts.items():
        print(f"  {label:<28} {count / 1e6:9.1f} M")
    render, script = counts["docgen render seed.yaml"], counts["minimal docxtpl script"]
    print(f"docgen render seed.yaml / minimal docxtpl script: {render / script:.2f}× (for reading; the target is time)")


if __name__ == "__main__":
    main()

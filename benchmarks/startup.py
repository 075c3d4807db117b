"""Whole-process time: `docgen render seed.yaml -o x.docx` vs a minimal docxtpl script rendering the same
template with the same context; plus `import docgen` and `docgen --help` against a bare interpreter.

    python benchmarks/startup.py

Target: docgen render no slower than the minimal script. Best of 5 runs each.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from common import SEED_YAML, docgen_command, ratio_line, run_seconds

MINIMAL = """
import json, sys, types
from docxtpl import DocxTemplate
with open(sys.argv[2], encoding="utf-8") as stream:
    context = vars(json.load(stream, object_hook=lambda d: types.SimpleNamespace(**d)))
document = DocxTemplate(sys.argv[1])
document.render(context, autoescape=True)
document.save(sys.argv[3])
"""


def best_of(command: list[str], runs: int = 5) -> float:
    return min(run_seconds(command) for _ in range(runs))


def main() -> None:
    from docgen import load_speech
    from docgen.template import templates_dir
    from tests.test_docxtpl_equivalence import docxtpl_context

    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        context_file = Path(work, "context.json")
        context = docxtpl_context(load_speech(SEED_YAML))
        context_file.write_text(json.dumps(context, default=vars, ensure_ascii=False), encoding="utf-8")
        template = str(templates_dir() / "speech.docx")
        figures = {
            "python -c pass": best_of([sys.executable, "-c", "pass"]),
            "python -c 'import docgen'": best_of([sys.executable, "-c", "import docgen"]),
            "python -c 'import docxtpl'": best_of([sys.executable, "-c", "import docxtpl"]),
            "docgen --help": best_of(docgen_command("--help")),
            "minimal docxtpl script": best_of(
                [sys.executable, "-c", MINIMAL, template, str(context_file), str(Path(work, "a.docx"))]
            ),
            "docgen render seed.yaml": best_of(
                docgen_command("render", str(SEED_YAML), "-o", str(Path(work, "b.docx")))
            ),
        }
    for label, seconds in figures.items():
        print(f"  {label:<28} {seconds * 1000:7.0f} ms")
    ratio = figures["minimal docxtpl script"] / figures["docgen render seed.yaml"]
    print(ratio_line("minimal docxtpl script / docgen render", ratio, "≥ 1.0× (docgen no slower)"))


if __name__ == "__main__":
    main()

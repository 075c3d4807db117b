"""Print the paper figures of docs/PAGINATION.md: the long test speech in both templates, as docgen makes it,
without keep-with-next, and with widow control switched on.

    PYTHONPATH=. python tests/paper_figures.py

Needs LibreOffice and pypdfium2, like `docgen check --paper`; prints, asserts nothing (the tests do that).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen import Speech, render
from docgen.layout.paper_check import paper_findings, read_pdf
from docgen.layout.paper_measure import measure
from docgen.layout.profile import PROFILES
from docgen.output.pdf import to_pdf_many
from tests.test_paper_check import BROKEN, long_speech_data, rewrite_docx

VARIANTS = {
    "docgen": None,
    "no keepNext": BROKEN["no-keep"],
    "widowControl on": (
        "word/styles.xml",
        lambda xml: re.sub(rb'<w:widowControl w:val="0"/>', b"<w:widowControl/>", xml),
    ),
}


def main() -> None:
    speech = Speech.model_validate(long_speech_data())
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        cases = []
        for template in PROFILES:
            data = render(speech, template)
            for index, (name, change) in enumerate(VARIANTS.items()):
                path = folder / f"{template}-{index}.docx"
                path.write_bytes(data if change is None else rewrite_docx(data, *change))
                cases.append((template, name, path))
        pdfs = to_pdf_many([path for _, _, path in cases], folder)
        for (template, name, path), pdf in zip(cases, pdfs, strict=True):
            profile = PROFILES[template]
            m = measure(read_pdf(pdf), path, profile)
            full = [f for f in m.fills[:-1] if f.full]
            short = [f"p{f.index}:{f.slots}" for f in m.fills[:-1] if not f.full]
            plain = [f.count for f in m.full_lines if f.capacity == profile.chars_per_line]
            failed = [f.item for f in paper_findings(m) if not f.ok]
            number = m.numbers[0].line
            lines = [line for page in m.body for line in page]
            print(
                f"{template:13} {name:16} pages {len(m.pages):2}  full pages {len(full):2} × "
                f"{sorted({f.slots for f in full})} lines  short pages {short or '-'}  "
                f"chars/full line {max(set(plain), key=plain.count) if plain else '-'}  "
                f"block x {min(li.x0 for li in lines):.1f}–{max(li.x1 for li in lines):.1f} mm  "
                f"page 1 number {m.numbers[0].text!r} gap {number.top - m.block.bottom if number else 0:.1f} mm  "
                f"headings stranded {len(m.stranded)}  failed {failed or '-'}"
            )


if __name__ == "__main__":
    main()

"""Per docxtpl feature: ms/document with plain docxtpl vs a prepared docgen `Template`, and the ratio.

The cases are the parity suite's (tests/test_parity.py): the same template bytes and context factory for
both. docxtpl opens, renders (autoescape) and saves per document, as its users do; docgen prepares the
template once and renders per document. The context (images, subdocs, links) is built per document for
both. Target: ≥ 20× per document. Run from the repository root: python benchmarks/parity_speed.py
"""

from __future__ import annotations

import sys

from common import per_call_ms  # also puts the checkout on sys.path

from docgen import Template
from tests.parity import render_docxtpl
from tests.test_parity import CASES, DOCXTPL_FAILS

TARGET = 20.0


def main(names: list[str]) -> None:
    print(f"{'case':36} {'docxtpl ms':>11} {'docgen ms':>10} {'ratio':>8}")
    ratios = []
    for name in names or [n for n in CASES if n not in DOCXTPL_FAILS]:  # docxtpl cannot render those
        template, context = CASES[name]()
        prepared = Template("parity.docx", data=template)
        plain = per_call_ms(lambda t=template, c=context: render_docxtpl(t, c), seconds=2.0)
        ours = per_call_ms(lambda p=prepared, c=context: p.render(c(p)), seconds=2.0)
        ratio = plain / ours
        ratios.append(ratio)
        mark = "" if ratio >= TARGET else f"  below {TARGET:.0f}×"
        print(f"{name:36} {plain:11.2f} {ours:10.2f} {ratio:7.1f}×{mark}")
    print(f"lowest ratio {min(ratios):.1f}×, target ≥ {TARGET:.0f}× per document")


if __name__ == "__main__":
    main(sys.argv[1:])

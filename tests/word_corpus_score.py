"""Print how the importer does on the tuning cases of the real-speech corpus made into Word drafts
(`tests/word_drafts.corpus_docx`): per way of making them — Word's automatic numbering, heading styles,
headings formatted by hand — beside the plain-text draft, per genre and in total. Held-out cases are never
used here (tests/data/corpus/README.md).

    PYTHONPATH=$PWD python tests/word_corpus_score.py        # the table
    PYTHONPATH=$PWD python tests/word_corpus_score.py -v     # and every mismatch, case by case
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus import CORPUS, GENRES, CaseScore, case_paths, load_case, score_case
from tests.corpus_score import details, row
from tests.word_drafts import WAYS, score_as_docx


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="?", default="", help="score only cases whose name contains this")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mismatch per case")
    args = parser.parse_args()
    cases = [load_case(p) for p in case_paths(CORPUS) if args.only in p.stem]
    scores: dict[str, list[CaseScore]] = {"text": [score_case(case) for case in cases]}
    with tempfile.TemporaryDirectory() as folder:
        for way in WAYS:
            scores[way] = [score_as_docx(case, way, Path(folder)) for case in cases]
    if args.verbose:
        for way in WAYS:
            for score in scores[way]:
                if score.mismatches or score.char_diffs or score.refused:
                    print(f"[{way}] ", end="")
                    details(score)
    header = f"{'draft':<10}{'cases':>5}{'title':>9}{'refus':>5}{'roles':>9}{'non-body':>9}"
    print(f"\n{header}{'lost':>6}{'added':>6}{'moved':>6}{'spaces':>7}")
    for way, chosen in scores.items():
        print(row(way, chosen))
    for way, chosen in scores.items():
        print(f"\n{way}, per genre")
        for genre in GENRES:
            part = [s for s in chosen if s.case.genre == genre]
            if part:
                print(row(genre, part))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

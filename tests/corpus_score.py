"""Print how the importer does on the real-speech corpus: per genre and in total, title right, paragraphs in
the right role, non-body paragraphs in the right role, characters lost / added / moved.

    PYTHONPATH=$PWD python tests/corpus_score.py          # the table (tuning cases, then the held-out ones)
    PYTHONPATH=$PWD python tests/corpus_score.py -v       # and every mismatch, case by case
    PYTHONPATH=$PWD python tests/corpus_score.py 012 -v   # only the cases whose name contains "012"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus import GENRES, CaseScore, all_case_paths, load_case, score_case, totals


def row(label: str, scores: list[CaseScore]) -> str:
    t = totals(scores)
    return (
        f"{label:<10}{t.cases:>5}{t.titles_right:>5}/{t.cases:<3}{t.refused:>5}"
        f"{t.role_accuracy:>8.1f}%{t.non_body_accuracy:>8.1f}%{t.lost:>6}{t.added:>6}{t.moved:>6}{t.stray_spaces:>7}"
    )


def table(title: str, scores: list[CaseScore]) -> None:
    print(f"\n{title}")
    print(f"{'genre':<10}{'cases':>5}{'title':>9}{'refus':>5}{'roles':>9}{'non-body':>9}{'lost':>6}{'added':>6}{'moved':>6}{'spaces':>7}")
    for genre in GENRES:
        chosen = [s for s in scores if s.case.genre == genre]
        if chosen:
            print(row(genre, chosen))
    print(row("total", scores))


def details(score: CaseScore) -> None:
    t = totals([score])
    head = f"== {score.case.name}: roles {t.role_accuracy:.0f}%, non-body {t.non_body_accuracy:.0f}%"
    title = "ok" if score.title_right else "WRONG: " + score.got_title[:40]
    print(head + (f", REFUSED: {score.refused}" if score.refused else f", title {title}"))
    for m in score.mismatches:
        print(f"   {m.expected_role:<10} got {m.got_role:<10} {m.text[:36]}")
    for text in score.space_diffs:
        print(f"   spaces inside: {text}")
    for diff in score.char_diffs[:10]:
        print(f"   chars: {diff}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="?", default="", help="score only cases whose name contains this")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mismatch per case")
    parser.add_argument("--template", default="speech", help="bundled template to render with")
    args = parser.parse_args()
    scores = [score_case(load_case(p), args.template) for p in all_case_paths() if args.only in p.stem]
    if args.verbose:
        for score in scores:
            details(score)
    table("tuning cases (tests/data/corpus/)", [s for s in scores if not s.case.heldout])
    held = [s for s in scores if s.case.heldout]
    if held:
        table("held-out cases (tests/data/corpus/heldout/ — do not tune on these)", held)
    print("\nroles = annotated paragraphs whose rendered paragraph has their role; non-body = the same over")
    print("paragraphs annotated other than body; lost/added/moved = characters, after docgen's normalisations;")
    print("spaces = spaces left inside sentences (PDF line breaks) that the annotation does not have.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

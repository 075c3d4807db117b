"""Score docgen's title and subtitle breaking against the hand-annotated corpus of real titles.

    PYTHONPATH=$PWD python tests/title_score.py        # share accepted, the worst five with reasons
    PYTHONPATH=$PWD python tests/title_score.py -v     # every case

A case is accepted when the lines docgen chooses equal one of the breaks listed under ``accept`` in
tests/data/titles/titles.yaml (decided by hand, before looking at the output). A rejected case is ranked by
how far its breaks are from the nearest accepted layout, in characters, plus 10 per line of difference.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.model.title import break_subtitle, break_title

CORPUS = Path(__file__).parent / "data" / "titles" / "titles.yaml"
DASH = "——"


@dataclass(frozen=True)
class Case:
    text: str
    kind: str
    source: str
    accept: tuple[tuple[str, ...], ...]
    note: str = ""
    held_out: bool = False  # gathered after the rules were tuned; never used to tune them

    def lines(self) -> list[str]:
        if self.kind == "subtitle":
            return break_subtitle(self.text.removeprefix(DASH))
        return break_title(self.text)


@dataclass(frozen=True)
class Result:
    case: Case
    lines: tuple[str, ...]

    @property
    def accepted(self) -> bool:
        return self.lines in {tuple(_clean(v)) for v in self.case.accept}

    @property
    def distance(self) -> int:
        """Characters between docgen's breaks and those of the nearest accepted layout (+10 per line)."""
        return min(_distance(self.lines, tuple(_clean(v))) for v in self.case.accept)

    def reason(self) -> str:
        nearest = min(self.case.accept, key=lambda v: _distance(self.lines, tuple(_clean(v))))
        same = len(nearest) == len(self.lines)
        why = "断点不同" if same else f"{len(self.lines)} 行，人工取 {len(nearest)} 行"
        return f"{why}：docgen「{' / '.join(self.lines)}」，可接受「{' / '.join(nearest)}」"


def _clean(lines: list[str] | tuple[str, ...]) -> list[str]:
    return [line.strip() for line in lines]


def _breaks(lines: tuple[str, ...]) -> list[int]:
    ends, total = [], 0
    for line in lines[:-1]:
        total += len(line.replace(" ", ""))
        ends.append(total)
    return ends


def _distance(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    ba, bb = _breaks(a), _breaks(b)
    if len(ba) != len(bb):
        return 10 * abs(len(ba) - len(bb)) + sum(abs(x - y) for x, y in zip(ba, bb, strict=False))
    return sum(abs(x - y) for x, y in zip(ba, bb, strict=True))


def load_cases(path: Path = CORPUS) -> list[Case]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Case(
            text=e["text"],
            kind=e["kind"],
            source=e["source"],
            accept=tuple(tuple(v) for v in e["accept"]),
            note=e.get("note", ""),
            held_out=bool(e.get("held_out", False)),
        )
        for e in entries
    ]


def score(cases: list[Case] | None = None) -> list[Result]:
    return [Result(case, tuple(case.lines())) for case in (cases if cases is not None else load_cases())]


def report(results: list[Result], verbose: bool = False) -> str:
    accepted = sum(r.accepted for r in results)
    titles = [r for r in results if r.case.kind == "title"]
    subtitles = [r for r in results if r.case.kind == "subtitle"]
    out = [
        f"标题分行语料：{len(results)} 条（标题 {len(titles)}，副标题 {len(subtitles)}），"
        f"可接受 {accepted} 条，占 {accepted / len(results):.1%}",
        f"  标题 {sum(r.accepted for r in titles)}/{len(titles)}，"
        f"副标题 {sum(r.accepted for r in subtitles)}/{len(subtitles)}",
    ]
    held = [r for r in results if r.case.held_out]
    if held:
        tuned = [r for r in results if not r.case.held_out]
        out.append(
            f"  调规则所用 {sum(r.accepted for r in tuned)}/{len(tuned)}，"
            f"留作检验（调好规则后才收集） {sum(r.accepted for r in held)}/{len(held)}"
        )
    rejected = sorted((r for r in results if not r.accepted), key=lambda r: -r.distance)
    out.append(f"最差的 {min(5, len(rejected))} 条：")
    for r in rejected[:5]:
        held_mark = "，留作检验" if r.case.held_out else ""
        out.append(f"  [{r.case.kind}{held_mark}] 偏差 {r.distance}：{r.reason()}  <{r.case.source}>")
    if verbose:
        out.append("全部：")
        for r in results:
            mark = "✓" if r.accepted else "✗"
            out.append(f"  {mark} {' / '.join(r.lines)}")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    print(report(score(), verbose="-v" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

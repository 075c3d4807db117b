"""Seconds to import plain-text drafts of every shape real drafts come in, and pathological single lines.

    python benchmarks/import_speed.py            # shapes at 2,000 and 20,000 paragraphs, then the single lines
    python benchmarks/import_speed.py 500 5000   # other sizes for the shapes (the ratio is of the last to the first)

**Shapes** — the same speech (`tests/test_import_linear.long_draft`: a title block, then level-1 sections each
with a praise list, run-in level-2 and level-3 headings, shortcomings and a hard-wrapped paragraph), laid out
as drafts arrive:

- one paragraph per line (a text file saved from Word);
- PDF hard-wrapped: a newline every 28 characters (text copied out of a PDF);
- PDF on one line: the hard-wrapped lines joined by single spaces (a PDF whose line breaks became spaces);
- one line, no separators: the whole speech flattened (a web page's text pasted without its breaks);
- one line, paragraphs separated by "　　" (a web page with indented paragraphs run together);
- run-in headings: every paragraph opens with 一、/（一）/1./（1） or holds 一是……二是…… run in.

For each, the time at each size and the ratio t(largest)/t(smallest): about 10 for 10× the paragraphs is linear
(the issue's target: 20,000 paragraphs in under 10 s).

**Single lines** — a title, then one pathological line at 20,000 and 200,000 characters (and 1 MB without
punctuation): the ratio is ≈ 10 when the work is linear. Each runs in a child process that is stopped after
``LIMIT`` seconds, so a superlinear case shows as "> LIMIT s" instead of hanging the script.

The test of the same name (`tests/test_import_linear.py`) checks that the Python work is linear by counting
calls; regular-expression backtracking happens inside `re` and is not counted there, so this script is where
it shows. Tests never assert timings; this script only prints them.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Callable

import common  # noqa: F401  (puts the checkout on sys.path)

LIMIT = 30.0  # seconds a single-line case may take before it is reported as superlinear
TITLE = "在全县工作会议上的讲话\n"
WRAP = 28  # characters of a line of PDF text (a line of the GB/T 9704 type area)


def _long_draft(paragraphs: int) -> str:
    from tests.test_import_linear import long_draft

    return long_draft(paragraphs)


def one_per_line(paragraphs: int) -> str:
    return _long_draft(paragraphs)


def hard_wrapped(paragraphs: int) -> str:
    lines = _long_draft(paragraphs).split("\n")
    return "\n".join(line[i : i + WRAP] for line in lines for i in range(0, len(line), WRAP))


def pdf_one_line(paragraphs: int) -> str:
    title, _, rest = hard_wrapped(paragraphs).partition("\n")
    return title + "\n" + rest.replace("\n", " ")


def flattened(paragraphs: int) -> str:
    return _long_draft(paragraphs).replace("\n", "")


def space_separated(paragraphs: int) -> str:
    title, _, rest = _long_draft(paragraphs).partition("\n")
    return title + "\n" + "　　".join(rest.split("\n"))


_RUN_IN = [
    "{n}、坚持问题导向扎实推进第{n}项重点工作。过去一年，全县上下凝心聚力，各项工作取得新成效。",
    "（一）加强组织领导。各级党组织要切实履行主体责任，一是抓部署，二是抓督查，三是抓考核。",
    "1.健全工作机制。建立周调度、月通报制度，确保各项任务按时完成。",
    "（1）压实工作责任。一要明确分工，二要强化督导，三要严格问责。",
    "2.强化要素保障。一是保资金，二是保用地，三是保人才，推动各项任务落地见效。",
    "（2）严格督查考核。把督查结果作为评先评优的重要依据。",
]


def run_in_headings(paragraphs: int) -> str:
    from docgen.model.numbering import chinese_numeral

    lines = ["在全县2023年经济工作会议上的讲话", "同志们：", "今天召开这次会议。"]
    n = 0
    while len(lines) < paragraphs:
        n += 1
        lines += [line.format(n=chinese_numeral(n)) for line in _RUN_IN]
    lines.append("我就讲这些，谢谢大家！")
    return "\n".join(lines)


SHAPES: dict[str, Callable[[int], str]] = {
    "one paragraph per line": one_per_line,
    "PDF hard-wrapped (28)": hard_wrapped,
    "PDF on one line, spaces": pdf_one_line,
    "one line, no separators": flattened,
    "one line, '　　' between": space_separated,
    "run-in headings, 一是": run_in_headings,
}


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda chars: TITLE + unit * (chars // len(unit))


SINGLE_LINES: dict[str, Callable[[int], str]] = {
    "no punctuation": _repeat("全县上下凝心聚力各项工作取得新成效"),
    "'一、' repeated": _repeat("一、"),
    "'一是' repeated": _repeat("一是"),
    "'（一）1.（1）' repeated": _repeat("（一）1.（1）"),
    "nested '（（…））'": lambda chars: TITLE + "（" * (chars // 2) + "）" * (chars // 2),
    "nested '((…))'": lambda chars: TITLE + "(" * (chars // 2) + ")" * (chars // 2),
    "spaces": lambda chars: TITLE + "讲话" + " " * chars + "好。",
    "'　' (U+3000)": lambda chars: TITLE + "讲话" + "　" * chars + "好。",
    "'——' repeated": _repeat("——"),
    "digits": _repeat("1"),
    "'2023年5月13日 ' repeated": _repeat("2023年5月13日 "),
    "Latin words": _repeat("The quick brown fox jumps. "),
    "words and spaces": _repeat("全县 上下 凝心 聚力 "),
    "two spaces, no sentence end": _repeat("全县上下凝心聚力  "),
    "'讲话' after a title": lambda chars: TITLE.strip() + "讲话" * (chars // 2),
    "' 讲话' after a title": lambda chars: TITLE.strip() + " 讲话" * (chars // 3),
    "'同志们，' repeated": lambda chars: TITLE.strip() + "同志们，" * (chars // 4),
    "'父老乡亲、' repeated": lambda chars: TITLE.strip() + " " + "父老乡亲、" * (chars // 5),
}
SINGLE_LINE_SIZES = (20_000, 200_000)
MEGABYTE_CASE = "no punctuation"


def _import(text: str) -> tuple[float, str]:
    from docgen.errors import DocgenError
    from docgen.importer import import_text

    start = time.perf_counter()
    try:
        result = import_text(text)
        outcome = f"{len(result.report.paragraphs):,} paragraphs"
    except DocgenError as error:
        outcome = "refused: " + str(error).splitlines()[0][:40]
    return time.perf_counter() - start, outcome


def _child(text: str, queue: multiprocessing.Queue[tuple[float, str]]) -> None:
    _import(TITLE + "同志们：\n今天召开会议。")  # warm-up: imports, regex compilation
    queue.put(_import(text))


def _timed_in_child(text: str) -> tuple[float | None, str]:
    """(seconds, outcome) of importing ``text`` in a child process, or (None, …) past ``LIMIT``."""
    queue: multiprocessing.Queue[tuple[float, str]] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_child, args=(text, queue), daemon=True)
    child.start()
    child.join(LIMIT + 15)  # the child's own imports come on top of the limit
    if child.is_alive():
        child.terminate()
        child.join()
        return None, "stopped"
    return queue.get() if not queue.empty() else (None, f"child failed (exit {child.exitcode})")


def _seconds(value: float | None) -> str:
    return f"> {LIMIT:.0f} s" if value is None else f"{value:.2f} s"


def _ratio(small: float | None, large: float | None) -> str:
    if small is None or large is None:
        return "superlinear (stopped)"
    return f"×{large / max(small, 1e-3):.1f}"


def shapes(sizes: list[int]) -> None:
    print(f"Shapes: seconds to import, ratio t({sizes[-1]:,})/t({sizes[0]:,}) for ×{sizes[-1] / sizes[0]:g} paragraphs")
    _import(one_per_line(50))  # warm-up
    for name, build in SHAPES.items():
        times = []
        cells = []
        for size in sizes:
            text = build(size)
            seconds, outcome = _import(text)
            times.append(seconds)
            target = ""
            if size == 20_000:
                target = " (< 10 s: met)" if seconds < 10 else " (< 10 s: MISSED)"
            cells.append(f"{size:>6,}: {seconds:6.2f} s{target} [{outcome}]")
        print(f"  {name:28} " + "  ".join(cells) + f"  {_ratio(times[0], times[-1])}")


def single_lines() -> None:
    small, large = SINGLE_LINE_SIZES
    print(f"Single lines: a title, then one line of {small:,} and {large:,} characters (stopped after {LIMIT:.0f} s)")
    for name, build in SINGLE_LINES.items():
        a, _ = _timed_in_child(build(small))
        b, outcome_b = (None, "not run") if a is None else _timed_in_child(build(large))
        print(f"  {name:30} {_seconds(a):>9}  {_seconds(b):>9}  {_ratio(a, b):>22}  [{outcome_b}]")
    megabyte, outcome = _timed_in_child(SINGLE_LINES[MEGABYTE_CASE](1_000_000))
    print(f"  {MEGABYTE_CASE + ', 1 MB':30} {_seconds(megabyte):>9}  [{outcome}]")


def main() -> None:
    sizes = sorted(int(a) for a in sys.argv[1:]) or [2_000, 20_000]
    shapes(sizes)
    single_lines()


if __name__ == "__main__":
    main()

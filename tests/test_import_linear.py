"""Importing a draft is linear in its length: no step looks at the rest of the draft for every paragraph.

Work is counted, not timed (tests never assert timings; `benchmarks/import_speed.py` prints the seconds):
every Python function call and generator step inside `docgen.importer` and the text helpers it uses is
counted with `sys.setprofile` while drafts of N and 4N paragraphs are imported. Linear work grows 4×; a
per-paragraph scan of the rest of the draft would grow 16×.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from docgen.importer import import_text
from docgen.model.numbering import chinese_numeral

_SECTION = [
    "{n}、坚持问题导向，扎实推进第{n}项重点工作",
    "过去一年，全县上下凝心聚力，各项工作取得新成效。这些成绩来之不易，主要有以下几个特点：",
    "一是在抓项目建设方面：项目建设提速增效。全年实施重点项目38个，完成投资56.8亿元。",
    "二是在抓民生保障方面：民生实事全部兑现，群众获得感明显增强。",
    "（一）加强组织领导。各级党组织要切实履行主体责任，做到重要工作亲自部署、重大问题亲自过问。",
    "1.健全工作机制。建立周调度、月通报制度，确保各项任务按时完成。",
    "同时也要看到，有的单位抓落实的力度还不够，工作中还存在一些薄弱环节。",
    "要坚持实事求是，\n把各项工作抓细抓实抓出成效。",  # a hard wrap inside a sentence
]


def long_draft(paragraphs: int) -> str:
    """A draft of about ``paragraphs`` paragraphs: a title block, then level-1 sections that each hold a
    praise list, run-in level-2 and level-3 headings, shortcomings and a hard-wrapped paragraph."""
    lines = ["在全县2023年经济工作会议上的讲话", "（2023年2月15日）", "同志们：", "今天召开这次会议。"]
    n = 0
    while len(lines) < paragraphs:
        n += 1
        lines += [line.format(n=chinese_numeral(n)) for line in _SECTION]
    lines.append("我就讲这些，谢谢大家！")
    return "\n".join(lines)


def _count_calls(function: Callable[[], Any]) -> int:
    calls = 0
    watched = ("docgen/importer/", "docgen/model/text.py", "docgen/model/numbering.py")

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        name = frame.f_code.co_filename.replace("\\", "/")
        if event == "call" and (watched[0] in name or name.endswith(watched[1:])):
            calls += 1

    sys.setprofile(profile)
    try:
        function()
    finally:
        sys.setprofile(None)
    return calls


def test_the_long_draft_is_read_as_the_sections_it_holds():
    speech = import_text(long_draft(400)).speech
    assert speech.recommendations is not None and len(speech.recommendations.items) == 50
    assert speech.closing == ["我就讲这些，谢谢大家！"]


def test_importing_four_times_the_paragraphs_takes_about_four_times_the_work():
    small = _count_calls(lambda: import_text(long_draft(500)))
    large = _count_calls(lambda: import_text(long_draft(2000)))
    assert small > 10_000  # the counter sees the importer at work
    assert large / small < 4.6, f"{small} → {large} calls: {large / small:.2f}× for 4× the paragraphs"


def unnumbered_draft(paragraphs: int) -> str:
    """A 党课 of ``paragraphs`` paragraphs whose parts are headed by unnumbered lines ("坚定理想信念，筑牢思想根基")."""
    heads = ["坚定理想信念，筑牢思想根基", "勇于担当作为，彰显党员本色", "严守纪律规矩，永葆清廉本色", "关于当前形势"]
    body = "理想信念是共产党人精神上的钙，是我们安身立命的根本，全体党员干部要把坚定理想信念作为终身课题，常修常练。"
    lines = ["在全县党员干部党课上的讲话", "同志们："]
    for n in range(paragraphs // 2):
        lines += [heads[n % len(heads)], body[: 40 + n % 17] + "。"]
    return "\n".join(lines)


def test_unnumbered_headings_are_found_in_linear_work():
    speech = import_text(unnumbered_draft(400)).speech
    assert speech.numbering is not None and speech.numbering.level1 == "none"
    small = _count_calls(lambda: import_text(unnumbered_draft(500)))
    large = _count_calls(lambda: import_text(unnumbered_draft(2000)))
    # every line is a candidate heading: judging each against all the others would grow 16×
    assert large / small < 4.6, f"{small} → {large} calls: {large / small:.2f}× for 4× the paragraphs"

"""Tests for docgen.model.numbering: Chinese numerals, enumerator labels, and recognising typed labels."""

from __future__ import annotations

import random

import pytest

from docgen.model.numbering import (
    Enumerator,
    chinese_numeral,
    label,
    parse_chinese_numeral,
    parse_label,
    strip_label,
)

# 首先/其次/再次/最后 has four positions only, and NONE (an unnumbered heading) prints nothing: each is tested on
# its own.
ALL_STYLES = [style for style in Enumerator if style not in (Enumerator.FIRSTLY, Enumerator.NONE)]

# Written out by hand, independently of the implementation.
NUMERALS_1_TO_30 = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "二十一", "二十二", "二十三", "二十四", "二十五", "二十六", "二十七", "二十八", "二十九", "三十",
]  # fmt: skip

SELECTED = {
    31: "三十一",
    40: "四十",
    45: "四十五",
    50: "五十",
    58: "五十八",
    60: "六十",
    67: "六十七",
    70: "七十",
    79: "七十九",
    80: "八十",
    88: "八十八",
    90: "九十",
    99: "九十九",
    100: "一百",
    101: "一百零一",
    102: "一百零二",
    109: "一百零九",
    110: "一百一十",
    111: "一百一十一",
    115: "一百一十五",
    119: "一百一十九",
    120: "一百二十",
}

LARGE = {
    200: "二百",
    205: "二百零五",
    999: "九百九十九",
    1000: "一千",
    1001: "一千零一",
    1010: "一千零一十",
    1011: "一千零一十一",
    1100: "一千一百",
    1101: "一千一百零一",
    1110: "一千一百一十",
    2024: "二千零二十四",
    9999: "九千九百九十九",
    10000: "一万",
    10001: "一万零一",
    10010: "一万零一十",
    10100: "一万零一百",
    11000: "一万一千",
    15000: "一万五千",
    100000: "十万",
    100001: "十万零一",
    100010: "十万零一十",
    101000: "十万一千",
    110000: "十一万",
    110001: "十一万零一",
    1000000: "一百万",
    1010000: "一百零一万",
    1100000: "一百一十万",
    10000000: "一千万",
    100000000: "一亿",
    100000001: "一亿零一",
    100001000: "一亿零一千",
    100010000: "一亿零一万",
    101000000: "一亿零一百万",
    110000000: "一亿一千万",
    1000000000: "十亿",
    1000001000: "十亿零一千",
    1100000000: "十一亿",
    100000001000: "一千亿零一千",
    100010000000: "一千亿一千万",
    123456789012: "一千二百三十四亿五千六百七十八万九千零一十二",
    10**12 - 1: "九千九百九十九亿九千九百九十九万九千九百九十九",
    10**12: "一万亿",
    10**12 + 10**8: "一万零一亿",
    10**13: "十万亿",
}


def expected_numeral(n: int) -> str:
    """A second, deliberately naive way of writing 1..120, to check the implementation against."""
    digits = "零一二三四五六七八九"
    assert 1 <= n <= 120
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    rest = n - 100
    if rest == 0:
        return "一百"
    if rest < 10:
        return "一百零" + digits[rest]
    tens, ones = divmod(rest, 10)
    return "一百" + digits[tens] + "十" + (digits[ones] if ones else "")


def expected_label(n: int, style: Enumerator) -> str:
    cn = expected_numeral(n)
    return {
        Enumerator.ORDINAL: cn + "是",
        Enumerator.LEVEL1: cn + "、",
        Enumerator.LEVEL2: "（" + cn + "）",
        Enumerator.LEVEL3: str(n) + ".",
        Enumerator.LEVEL4: "（" + str(n) + "）",
        Enumerator.SEQUENCE: "第" + cn,
        Enumerator.ORDINAL_YAO: cn + "要",
        Enumerator.LEVEL1_SEQUENCE: "第" + cn + "、",
    }[style]


# --- chinese_numeral -------------------------------------------------------------------------------


def test_naive_expectation_agrees_with_hand_written_tables() -> None:
    # Guards the test helper itself, so the 1..120 sweep below is really independent.
    for n, text in enumerate(NUMERALS_1_TO_30, start=1):
        assert expected_numeral(n) == text
    for n, text in SELECTED.items():
        assert expected_numeral(n) == text


@pytest.mark.parametrize(("n", "text"), list(enumerate(NUMERALS_1_TO_30, start=1)))
def test_chinese_numeral_1_to_30(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


@pytest.mark.parametrize(("n", "text"), sorted(SELECTED.items()))
def test_chinese_numeral_selected_up_to_120(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


@pytest.mark.parametrize(("n", "text"), sorted(LARGE.items()))
def test_chinese_numeral_large(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_chinese_numeral_1_to_120_matches_naive() -> None:
    for n in range(1, 121):
        assert chinese_numeral(n) == expected_numeral(n), n


def test_bare_shi_only_at_the_very_start() -> None:
    for n in list(range(1, 3000)) + list(range(10**5, 10**5 + 3000)) + [10**9 + 10, 10**10 + 10**5]:
        text = chinese_numeral(n)
        assert not text.startswith("一十"), (n, text)
        # Elsewhere a 十 always has its digit in front of it.
        for i, ch in enumerate(text):
            if ch == "十" and i > 0:
                assert text[i - 1] in "一二三四五六七八九", (n, text)
        assert "零零" not in text and not text.endswith("零"), (n, text)


@pytest.mark.parametrize("bad", [0, -1, -100, True, False, 1.5, 1.0, "1", None, 10**16])
def test_chinese_numeral_rejects(bad: object) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(bad)  # type: ignore[arg-type]


# --- parse_chinese_numeral -------------------------------------------------------------------------


def test_parse_chinese_numeral_round_trip() -> None:
    for n in list(range(1, 2001)) + list(range(2001, 100001, 7)) + [100000]:
        assert parse_chinese_numeral(chinese_numeral(n)) == n


def test_parse_chinese_numeral_round_trip_large() -> None:
    rng = random.Random(20240501)
    samples = [rng.randrange(1, 10**12) for _ in range(3000)]
    samples += [rng.randrange(1, 10**16) for _ in range(1000)]
    samples += [*list(LARGE), 10 ** 16 - 1]
    for n in samples:
        assert parse_chinese_numeral(chinese_numeral(n)) == n


@pytest.mark.parametrize(("n", "text"), sorted({**SELECTED, **LARGE}.items()))
def test_parse_chinese_numeral_explicit(n: int, text: str) -> None:
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("两", 2),
        ("两百", 200),
        ("两千零二十四", 2024),
        ("两万", 20000),
        ("一百〇一", 101),
        ("一千〇一十", 1010),
        ("十万〇一十", 100010),
        ("两亿〇五", 200000005),
    ],
)
def test_parse_chinese_numeral_variants(text: str, n: int) -> None:
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "",
        "零",
        "〇",
        " 十一",
        "十一 ",
        "一十一",
        "一二",
        "百",
        "千",
        "万",
        "亿",
        "零一",
        "一零",
        "十十",
        "一百一",
        "一百零零一",
        "一千零十",
        "十一是",
        "abc",
        "11",
        "一亿亿",
    ],
)
def test_parse_chinese_numeral_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_numeral(text)


def test_parse_chinese_numeral_rejects_non_str() -> None:
    with pytest.raises(ValueError):
        parse_chinese_numeral(11)  # type: ignore[arg-type]


# --- label -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "style", "text"),
    [
        (3, Enumerator.ORDINAL, "三是"),
        (11, Enumerator.ORDINAL, "十一是"),
        (1, Enumerator.LEVEL1, "一、"),
        (11, Enumerator.LEVEL1, "十一、"),
        (12, Enumerator.LEVEL1, "十二、"),
        (20, Enumerator.LEVEL1, "二十、"),
        (21, Enumerator.LEVEL1, "二十一、"),
        (2, Enumerator.LEVEL2, "（二）"),
        (10, Enumerator.LEVEL2, "（十）"),
        (7, Enumerator.LEVEL3, "7."),
        (12, Enumerator.LEVEL3, "12."),
        (7, Enumerator.LEVEL4, "（7）"),
        (110, Enumerator.LEVEL4, "（110）"),
        (4, Enumerator.SEQUENCE, "第四"),
        (11, Enumerator.SEQUENCE, "第十一"),
        (101, Enumerator.SEQUENCE, "第一百零一"),
    ],
)
def test_label_explicit(n: int, style: Enumerator, text: str) -> None:
    assert label(n, style) == text


@pytest.mark.parametrize("style", ALL_STYLES)
def test_label_1_to_120_every_style(style: Enumerator) -> None:
    for n in range(1, 121):
        assert label(n, style) == expected_label(n, style), n


def test_an_unnumbered_heading_has_a_position_but_prints_no_label() -> None:
    assert [label(n, Enumerator.NONE) for n in (1, 2, 11, 120)] == ["", "", "", ""]
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ValueError):
            label(bad, Enumerator.NONE)  # type: ignore[arg-type]
    # nothing typed is ever read as an unnumbered label
    assert all(parse_label(text) is None for text in ("none", "坚定理想信念，筑牢思想根基", "关于当前形势"))


def test_label_uses_full_width_parentheses_and_ascii_digits() -> None:
    assert label(5, Enumerator.LEVEL2) == "\uff08五\uff09"
    assert label(5, Enumerator.LEVEL4) == "\uff085\uff09"
    assert label(5, Enumerator.LEVEL3) == "5\u002e"


@pytest.mark.parametrize("style", ALL_STYLES)
@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_label_rejects_bad_positions(style: Enumerator, bad: object) -> None:
    with pytest.raises(ValueError):
        label(bad, style)  # type: ignore[arg-type]


# --- parse_label -----------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ALL_STYLES)
def test_parse_label_round_trip_1_to_120(style: Enumerator) -> None:
    for n in range(1, 121):
        assert parse_label(label(n, style)) == (style, n, ""), n


@pytest.mark.parametrize("style", ALL_STYLES)
def test_parse_label_round_trip_with_text(style: Enumerator) -> None:
    sep = "，" if style is Enumerator.SEQUENCE else ""
    for n in range(1, 121):
        assert parse_label(label(n, style) + sep + "坚持问题导向") == (
            style,
            n,
            "坚持问题导向",
        ), n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一是在抓落实上下功夫", (Enumerator.ORDINAL, 1, "在抓落实上下功夫")),
        ("十二是强化保障", (Enumerator.ORDINAL, 12, "强化保障")),
        ("一、坚持党的领导", (Enumerator.LEVEL1, 1, "坚持党的领导")),
        ("二十一、 总体要求", (Enumerator.LEVEL1, 21, "总体要求")),
        ("三.工作安排", (Enumerator.LEVEL1, 3, "工作安排")),
        ("（一）主要成效", (Enumerator.LEVEL2, 1, "主要成效")),
        ("(二)存在问题", (Enumerator.LEVEL2, 2, "存在问题")),
        ("（三)下一步", (Enumerator.LEVEL2, 3, "下一步")),
        ("(四）保障措施", (Enumerator.LEVEL2, 4, "保障措施")),
        ("1.加强学习", (Enumerator.LEVEL3, 1, "加强学习")),
        ("12. 加强学习", (Enumerator.LEVEL3, 12, "加强学习")),
        ("2．全角句点", (Enumerator.LEVEL3, 2, "全角句点")),
        ("3、顿号", (Enumerator.LEVEL3, 3, "顿号")),
        ("（1）细化任务", (Enumerator.LEVEL4, 1, "细化任务")),
        ("(2)细化任务", (Enumerator.LEVEL4, 2, "细化任务")),
        ("（3)细化任务", (Enumerator.LEVEL4, 3, "细化任务")),
        ("第一，要提高认识", (Enumerator.SEQUENCE, 1, "要提高认识")),
        ("第二、要压实责任", (Enumerator.LEVEL1_SEQUENCE, 2, "要压实责任")),
        ("第三,要狠抓落实", (Enumerator.SEQUENCE, 3, "要狠抓落实")),
        ("第十一", (Enumerator.SEQUENCE, 11, "")),
        ("\u3000\u3000一是加强组织领导", (Enumerator.ORDINAL, 1, "加强组织领导")),
        ("  \t（二）压实责任", (Enumerator.LEVEL2, 2, "压实责任")),
        ("\u3000（10）  细则", (Enumerator.LEVEL4, 10, "细则")),
    ],
)
def test_parse_label_typed_forms(text: str, expected: tuple[Enumerator, int, str]) -> None:
    assert parse_label(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\u3000",
        "一",
        "十",
        "十分重视",
        "第一议题",
        "第一次全体会议",
        "第一书记",
        "2023年",
        "2023.",
        "2023.5亿",
        "2.5亿元",
        "1000.",
        "(2023)",
        "（2024）",
        "0.",
        "（0）",
        "百分之百",
        "千方百计",
        "万一是",
        "一二是",
        "零是",
        "两是",
        "一十一、",
        "坚持党的领导",
        "（一",
        "（）",
        "(a)",
        "一）",
    ],
)
def test_parse_label_negative(text: str) -> None:
    assert parse_label(text) is None


# --- strip_label -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("一是在抓落实上下功夫", 1, "在抓落实上下功夫"),
        ("一、坚持党的领导", 1, "坚持党的领导"),
        ("（三）下一步打算", 3, "下一步打算"),
        ("12.细化任务", 12, "细化任务"),
        ("（5）细化任务", 5, "细化任务"),
        ("第二，要压实责任", 2, "要压实责任"),
        ("\u3000\u3000十一是强化保障", 11, "强化保障"),
        # Any style is stripped as long as the position matches.
        ("1.加强学习", 1, "加强学习"),
        ("（一）加强学习", 1, "加强学习"),
    ],
)
def test_strip_label_matching(text: str, n: int, expected: str) -> None:
    assert strip_label(text, n) == expected


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("一是在抓落实上下功夫", 2),
        ("二、坚持党的领导", 1),
        ("（三）下一步打算", 4),
        ("12.细化任务", 1),
        ("第二，要压实责任", 3),
        ("十分重视安全生产", 10),
        ("第一议题", 1),
        ("2023年工作回顾", 2023),
        ("坚持党的领导", 1),
        ("", 1),
    ],
)
def test_strip_label_not_matching_returns_text_unchanged(text: str, n: int) -> None:
    assert strip_label(text, n) == text


@pytest.mark.parametrize("style", ALL_STYLES)
def test_strip_label_never_doubles(style: Enumerator) -> None:
    for n in range(1, 121):
        body = "坚持系统观念"
        typed = label(n, style) + ("，" if style is Enumerator.SEQUENCE else "") + body
        assert strip_label(typed, n) == body
        assert strip_label(typed, n + 1) == typed


# --- 首先 / 其次 / 再次 / 最后, 一要, 第一、 -----------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "words"),
    [(1, ["首先"]), (2, ["首先", "其次"]), (3, ["首先", "其次", "最后"]), (4, ["首先", "其次", "再次", "最后"])],
)
def test_firstly_words_end_with_zuihou_from_three_points(total: int, words: list[str]) -> None:
    assert [label(n, Enumerator.FIRSTLY, total) for n in range(1, total + 1)] == words


def test_firstly_refuses_a_fifth_point_with_a_chinese_hint() -> None:
    with pytest.raises(ValueError, match=r"最多只能列 4 项.*一是"):
        label(5, Enumerator.FIRSTLY, 5)


def test_yao_and_long_level1_labels_are_written_and_read_back() -> None:
    assert label(12, Enumerator.ORDINAL_YAO) == "十二要"
    assert label(3, Enumerator.LEVEL1_SEQUENCE) == "第三、"
    assert parse_label("二要压实责任") == (Enumerator.ORDINAL_YAO, 2, "压实责任")
    assert parse_label("第三、狠抓落实") == (Enumerator.LEVEL1_SEQUENCE, 3, "狠抓落实")
    assert parse_label("第三，狠抓落实") == (Enumerator.SEQUENCE, 3, "狠抓落实")
    assert parse_label("千万要注意安全") is None


def test_a_text_is_tried_for_a_label_only_when_it_can_start_one() -> None:
    # parse_label skips a text whose first character starts no label pattern (and leaves the patterns
    # uncompiled); every character a pattern can start with is among those it tries. The candidates: every
    # character of Latin-1, of the full-width forms and of the patterns themselves.
    from docgen.model import numbering

    patterns = numbering._label_patterns()
    sources = "".join(pattern.pattern for _, pattern in patterns)
    candidates = {chr(c) for c in (*range(0x100), *range(0xFF00, 0xFFF0))} | set(sources)
    endings = ("", "一", "1", "、", "，", "是", "要", "）", ")", ".", "一、", "一）", "1）", "1、")
    starts = {c for c in candidates for end in endings if any(p.match(c + end) for _, p in patterns)}
    assert starts == numbering._LABEL_STARTS

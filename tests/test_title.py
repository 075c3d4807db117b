"""Title line breaking: balanced lines at word boundaries, upper lines longer, no lone "的讲话"."""

from __future__ import annotations

import itertools

import pytest

from docgen import Speech
from docgen.errors import SpeechValidationError
from docgen.model.title import TITLE_UNITS_PER_LINE, break_subtitle, break_title, text_units, title_words

SEED_TITLE = "在全县2022年度镇党委和县直有关单位党委书记落实管党治党主体责任述职评议会议上的发言"

TITLES = [
    SEED_TITLE,
    "坚定信心真抓实干奋力开创全县高质量发展新局面",
    "在全市深入学习贯彻习近平新时代中国特色社会主义思想主题教育动员部署会议上的讲话",
    "关于进一步加强和改进新形势下全县机关党的建设工作的实施意见和下一步工作安排的讲话",
    "在全县“不忘初心、牢记使命”主题教育总结大会暨2023年度党建工作推进会上的讲话",
    "在2023年全县经济社会发展工作会议上的讲话",
]


def test_a_title_that_fits_stays_one_line():
    assert break_title("在全县工作会议上的讲话") == ["在全县工作会议上的讲话"]


def test_the_seed_title_breaks_into_a_trapezoid_between_words():
    assert break_title(SEED_TITLE) == [
        "在全县2022年度镇党委和县直有关单位",
        "党委书记落实管党治党主体责任",
        "述职评议会议上的发言",
    ]


@pytest.mark.parametrize("title", TITLES)
def test_lines_fit_keep_every_character_and_break_only_between_words(title):
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(text_units(line) <= TITLE_UNITS_PER_LINE for line in lines)
    words = title_words(title)
    boundaries = {len("".join(words[:i])) for i in range(len(words) + 1)}
    for i in range(1, len(lines)):
        assert len("".join(lines[:i])) in boundaries, lines


@pytest.mark.parametrize("title", TITLES)
def test_the_speech_ending_never_stands_alone(title):
    assert break_title(title)[-1] not in {"讲话", "的讲话", "发言", "的发言", "上的讲话"}


def test_set_phrases_and_short_quotations_are_not_split():
    lines = break_title(TITLES[2])
    assert any("习近平新时代中国特色社会主义思想" in line for line in lines)
    assert any("“不忘初心、牢记使命”" in line for line in break_title(TITLES[4]))


def test_digits_stay_together():
    for title in TITLES:
        for line in break_title(title)[1:]:
            assert not line[0].isdigit() or not break_title(title)[0][-1].isdigit()


def test_lines_can_be_given_explicitly():
    speech = Speech(title=["在全县工作会议", "上的讲话"])
    assert speech.title == "在全县工作会议上的讲话"
    assert speech.to_context()["title_lines"] == ["在全县工作会议", "上的讲话"]
    both = Speech(title="在全县工作会议上的讲话", title_lines=["在全县", "工作会议上的讲话"])
    assert both.to_context()["title_lines"] == ["在全县", "工作会议上的讲话"]


def test_explicit_lines_must_add_up_to_the_title():
    with pytest.raises(SpeechValidationError, match="title_lines 连起来与 title 不同"):
        Speech(title="在全县工作会议上的讲话", title_lines=["在全市", "工作会议上的讲话"])


def test_a_word_longer_than_a_line_is_left_to_the_word_processor():
    title = "Supercalifragilisticexpialidociousandmoreletterswithoutanyspace"
    assert break_title(title) == [title]


@pytest.fixture(scope="module")
def full_jieba():
    """jieba with its whole dictionary, as jieba itself loads it (about a second)."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _corpus_texts() -> list[str]:
    from tests.title_score import load_cases

    return [case.text for case in load_cases()]


@pytest.mark.parametrize("title", TITLES + _corpus_texts())
def test_words_are_those_of_jieba_with_its_whole_dictionary(title, full_jieba):
    """docgen reads only the dictionary words a title holds; the cut must equal jieba's own with its whole
    dictionary (set phrases are protected on top of the cut, never fed to jieba)."""
    from docgen.model.title_segment import _segment

    assert _segment(title) == full_jieba.lcut(title)


# The issue's own examples: each was broken badly by the word-level breaker.
ISSUE_TITLE = "深入学习贯彻党的二十届三中全会精神全面深化改革扎实推动全县经济社会高质量发展再上新台阶"
ISSUE_EXPO = "在第五届长江经济带文化旅游博览会开幕式上的致辞"
ISSUE_SUBTITLE = "在中共某某县委十五届七次全体（扩大）会议暨全县经济工作会议上的讲话"


def test_the_plenary_spirit_and_the_county_economy_are_not_split():
    lines = break_title(ISSUE_TITLE)
    assert "".join(lines) == ISSUE_TITLE
    assert any("二十届三中全会精神" in line for line in lines), lines
    assert any("全县经济社会" in line for line in lines), lines
    assert not any(line.endswith(("全县", "三中全会")) for line in lines), lines


def test_the_expo_title_keeps_culture_and_tourism_and_is_not_an_inverted_trapezoid():
    lines = break_title(ISSUE_EXPO)
    assert lines == ["在第五届长江经济带文化旅游博览会", "开幕式上的致辞"]


def test_business_environment_is_one_phrase():
    titles = ("在全县持续优化营商环境暨民营经济高质量发展推进会上的讲话", "在全区优化营商环境暨企业大走访会议上的讲话")
    for title in titles:
        assert any("营商环境" in line for line in break_title(title)), break_title(title)


def test_the_subtitle_breaks_at_the_coordinator_not_inside_a_word():
    lines = break_subtitle(ISSUE_SUBTITLE)
    assert lines == ["——在中共某某县委十五届七次全体（扩大）会议暨", "全县经济工作会议上的讲话"]


def test_a_subtitle_that_fits_is_one_line_with_its_dash():
    assert break_subtitle("在全县工作会议上的讲话") == ["——在全县工作会议上的讲话"]
    assert len(break_subtitle("在全县经济工作会议暨优化营商环境大会上的讲话")) == 1  # 24 cells with the dash


def test_the_large_print_measure_breaks_sooner():
    from docgen.model.title import SUBTITLE_UNITS_PER_LINE_LARGE

    subtitle = "在全县处级领导和科级主要负责同志专题研讨会上的讲话"  # 27 cells with the dash
    assert len(break_subtitle(subtitle)) == 1
    lines = break_subtitle(subtitle, SUBTITLE_UNITS_PER_LINE_LARGE)
    assert len(lines) == 2 and all(text_units(line) <= SUBTITLE_UNITS_PER_LINE_LARGE for line in lines)


def test_a_coordinator_ends_the_upper_line_and_no_line_starts_with_a_particle():
    from docgen.model.title_grammar import NO_START

    for lines in (break_title(t) for t in TITLES + _corpus_texts()):
        for line in lines[1:]:
            word = title_words(line)[0]
            assert word not in NO_START and line[0] not in "，。、；：？！”’）》", lines


def test_no_line_ends_with_an_opening_mark():
    for lines in (break_title(t) for t in TITLES + _corpus_texts()):
        assert not any(line[-1] in "“‘（《" for line in lines[:-1]), lines


@pytest.mark.parametrize("text", TITLES + _corpus_texts())
def test_every_layout_fits_and_has_an_allowed_shape(text):
    """Upper lines never shorter than the next, except the rising half of a diamond (a middle line
    longest); every line within the measure; every character kept."""
    from docgen.model.title_segment import shape_units

    lines = break_title(text)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    if len(lines) == 1:
        return
    assert all(text_units(line) <= TITLE_UNITS_PER_LINE for line in lines), lines
    widths = [shape_units(line) for line in lines]
    peak = widths.index(max(widths))
    assert all(a <= b for a, b in itertools.pairwise(widths[: peak + 1])), lines
    assert all(a >= b for a, b in itertools.pairwise(widths[peak:])), lines
    if len(lines) == 2:
        assert widths[0] >= widths[1], lines


def test_a_three_line_title_may_be_a_diamond_when_the_grammar_needs_it():
    lines = break_title("县委书记在全县脱贫攻坚暨决胜摘帽“冲刺200天”行动誓师大会上的讲话")
    assert lines == ["县委书记在全县脱贫攻坚暨", "决胜摘帽“冲刺200天”行动", "誓师大会上的讲话"]


def test_patterns_keep_sessions_years_and_names_whole():
    from docgen.model.title_phrases import breakable

    text = "在第五届县委十五届七次全体（扩大）会议暨2023年度张三同志“冲刺200天”行动"
    allowed = breakable(text)
    for phrase in ("第五届", "十五届七次全体（扩大）会议", "2023年度", "张三同志", "“冲刺200天”行动"):
        start = text.index(phrase)
        assert not any(allowed[start + 1 : start + len(phrase)]), phrase


def test_explicit_subtitle_lines():
    speech = Speech(title="t", subtitle=["在全县", "工作会议上的讲话"])
    assert speech.subtitle == "在全县工作会议上的讲话"
    assert speech.to_context()["subtitle_lines"] == ["——在全县", "工作会议上的讲话"]
    assert speech.to_context()["subtitle_line"] == "——在全县工作会议上的讲话"  # unchanged for old templates
    both = Speech(title="t", subtitle="——在全县工作会议上的讲话", subtitle_lines=["——在全县工作", "会议上的讲话"])
    assert both.to_context()["subtitle_lines_large"] == ["——在全县工作", "会议上的讲话"]
    with pytest.raises(SpeechValidationError, match="subtitle_lines 连起来与 subtitle 不同"):
        Speech(title="t", subtitle="在全县工作会议上的讲话", subtitle_lines=["在全市", "工作会议上的讲话"])


def test_the_context_breaks_the_subtitle_for_both_bundled_measures():
    context = Speech(title="t", subtitle=ISSUE_SUBTITLE).to_context()
    assert context["subtitle_lines"] == break_subtitle(ISSUE_SUBTITLE)
    assert context["subtitle_lines_large"] == break_subtitle(ISSUE_SUBTITLE, 24)
    assert Speech(title="t").to_context()["subtitle_lines"] is None


@pytest.mark.parametrize(("template", "cells"), [("speech", 28), ("speech-large", 24)])
def test_the_bundled_templates_print_the_subtitle_lines_with_line_breaks(template, cells):
    from docgen import render

    from .conftest import docx_paragraphs

    subtitle = "在全县处级领导和科级主要负责同志专题研讨班结业仪式上的讲话"
    speech = Speech(title="在全县工作会议上的讲话", subtitle=subtitle)
    paragraphs = dict((style, text) for style, text in docx_paragraphs(render(speech, template)))
    assert paragraphs["讲话副标题"] == "\n".join(break_subtitle(subtitle, cells))
    assert paragraphs["讲话副标题"].count("\n") == 1


def test_a_pattern_is_skipped_only_where_it_cannot_match(monkeypatch):
    # protected_spans tries a pattern only on a text holding one of its key characters; on every title of the
    # corpus (and the texts above) that gives what trying every pattern gives.
    from pathlib import Path

    import yaml

    from docgen.model import title_phrases

    corpus = yaml.safe_load(Path(__file__).with_name("data").joinpath("titles", "titles.yaml").read_text("utf-8"))
    texts = [case["text"] for case in corpus] + TITLES
    texts.append("在第五届县委十五届七次全体（扩大）会议暨2023年度张三同志“冲刺200天”行动XX同志90周年200天3个")
    patterns = title_phrases.PATTERNS
    skipping = {text: title_phrases.protected_spans(text) for text in texts}
    matched = 0
    for text in texts:
        # every pattern tried: each one's key characters are the text's own
        monkeypatch.setattr(title_phrases, "PATTERNS", tuple((text, pattern) for _, pattern in patterns))
        every = title_phrases.protected_spans(text)
        assert skipping[text] == every, text
        monkeypatch.setattr(title_phrases, "PATTERNS", ())
        matched += every != title_phrases.protected_spans(text)
    assert matched >= 20  # the patterns do match in many of these texts

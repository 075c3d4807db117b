"""Title line breaking: balanced lines at word boundaries, upper lines longer, no lone "的讲话"."""

from __future__ import annotations

import pytest

from docgen import Speech
from docgen.errors import SpeechValidationError
from docgen.title import TITLE_UNITS_PER_LINE, break_title, text_units, title_words

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
    assert "习近平新时代中国特色社会主义思想" in lines
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


def test_the_dictionary_total_matches_the_installed_jieba():
    from pathlib import Path

    import jieba

    from docgen.title import JIEBA_DICTIONARY_TOTAL

    text = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8")
    assert sum(int(line.split(" ")[1]) for line in text.splitlines()) == JIEBA_DICTIONARY_TOTAL


@pytest.mark.parametrize("title", TITLES)
def test_words_are_those_of_jieba_with_its_whole_dictionary(title):
    """docgen reads only the dictionary words a title holds; the cut must equal jieba's own."""
    import jieba

    from docgen.title import PHRASES, _segment

    tokenizer = jieba.Tokenizer()
    for phrase in PHRASES:
        tokenizer.add_word(phrase, freq=10**6)
    assert _segment(title) == tokenizer.lcut(title)

"""Speech statistics: 字数 as Word counts it, and delivery time at a stated, settable rate."""

from __future__ import annotations

import pytest

from docgen import Speech
from docgen.model.stats import DEFAULT_RATE, count_characters, speech_stats, spoken_paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我就讲这些，谢谢大家！", 11),
        ("全县GDP增长6.5%，建成5G基站1280个", 10 + 4),  # GDP, 6.5%, 5G, 1280
        ("Hello world", 2),
        ("“三个一批”", 6),
        ("", 0),
    ],
)
def test_characters_are_counted_as_word_counts_them(text, expected):
    assert count_characters(text) == expected


def test_spoken_text_leaves_out_the_header_block_and_includes_generated_labels():
    speech = Speech.model_validate(
        {
            "title": "在全县工作会议上的讲话",
            "subtitle": "在会上",
            "date": "2023-02-15",
            "salutation": "同志们",
            "praise": {"points": [{"heading": "在党建方面", "body": ["好。"]}]},
            "recommendations": {"items": [{"heading": "坚持。", "body": [{"heading": "加强", "text": "要。"}]}]},
            "closing": "谢谢大家！",
        }
    )
    assert spoken_paragraphs(speech) == [
        "同志们：",
        "一是在党建方面：好。",
        "一、坚持。",
        "（一）加强要。",
        "谢谢大家！",
    ]


def test_delivery_time_states_its_rate_and_follows_it(seed_speech):
    default = speech_stats(seed_speech)
    slow = speech_stats(seed_speech, rate=150)
    assert default.rate == DEFAULT_RATE and slow.rate == 150
    assert default.characters == slow.characters > 3500
    assert default.minutes == pytest.approx(default.characters / 200, abs=0.01)
    assert slow.minutes > default.minutes
    assert default.duration in ("约 19 分 30 秒", "约 20 分钟")


def test_unreasonable_rates_are_refused():
    with pytest.raises(ValueError, match="语速"):
        speech_stats(Speech(title="t", closing="谢谢"), rate=5)

"""Speech statistics: word count the way Word counts 字数, paragraphs, and the time it takes to deliver.

Spoken Chinese in speeches runs at about 150–240 characters a minute (LAYOUT.md §8); the estimate names the
rate it used, 200 by default, and the caller may set it.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.model.speech import Speech

DEFAULT_RATE = 200
"""Characters a minute: a measured, deliberate delivery (LAYOUT.md §8 gives 150–240)."""

RATE_RANGE = (60, 600)

# As Word counts 字数: each CJK character or full-width mark is one, each run of Latin letters/digits is one.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WIDE = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026\U00020000-\U0003134f]"
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,:'][A-Za-z0-9]+)*%?")


@dataclass(frozen=True)
class SpeechStats:
    """What `stats` reports; ``minutes`` is the delivery time at ``rate`` characters a minute."""

    characters: int
    han_characters: int
    paragraphs: int
    rate: int
    minutes: float

    @property
    def duration(self) -> str:
        """“约 12 分 30 秒”, rounded to half a minute."""
        halves = max(1, math.ceil(self.minutes * 2))
        minutes, half = divmod(halves, 2)
        return f"约 {minutes} 分 30 秒" if half else f"约 {minutes} 分钟"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"duration": self.duration}


def count_characters(text: str) -> int:
    """字数 as Word counts it: CJK characters and full-width marks one each, a Latin word or number one."""
    wide = len(_WIDE.findall(text))
    narrow = len(_WORD.findall(_WIDE.sub(" ", text)))
    return wide + narrow


def spoken_paragraphs(speech: Speech) -> list[str]:
    """The paragraphs the speaker reads out: everything after the header block, with generated labels."""
    context = speech.to_context()
    paragraphs: list[str] = [context["salutation"]] if context["salutation"] else []
    paragraphs += [paragraph["text"] for paragraph in context["paragraphs"]]
    return paragraphs


def speech_stats(speech: Speech, rate: int = DEFAULT_RATE) -> SpeechStats:
    """Counts and delivery time of ``speech`` at ``rate`` characters a minute."""
    low, high = RATE_RANGE
    if not low <= rate <= high:
        raise ValueError(f"语速 {rate} 字/分钟不合理，应在 {low}–{high} 之间（讲话一般 150–240）")
    paragraphs = spoken_paragraphs(speech)
    text = "".join(paragraphs)
    characters = count_characters(text)
    return SpeechStats(
        characters=characters,
        han_characters=len(_HAN.findall(text)),
        paragraphs=len(paragraphs),
        rate=rate,
        minutes=round(characters / rate, 2),
    )

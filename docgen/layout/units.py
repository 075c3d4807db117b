"""Units of the page (twips, points, millimetres, half-points) and the Chinese font-size names (字号)."""

from __future__ import annotations

from typing import NewType

Twips = NewType("Twips", int)
"""Twentieths of a point, the unit of most OOXML measures (1 pt = 20 twips, 1 mm ≈ 56.7 twips)."""

HalfPoints = NewType("HalfPoints", int)
"""Half-points, the unit of ``w:sz``."""

TWIPS_PER_PT = 20
MM_PER_PT = 25.4 / 72

# GB/T 9704 and every Chinese word processor name sizes this way; 二号 is 22 pt, not 24 (a common mistake).
FONT_SIZES_PT: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5,
}


def font_size_pt(name: str) -> float:
    """Points of a Chinese font-size name: ``font_size_pt("三号") == 16``."""
    try:
        return FONT_SIZES_PT[name]
    except KeyError:
        allowed = "、".join(FONT_SIZES_PT)
        raise ValueError(f"未知字号“{name}”，可用：{allowed}") from None


def pt_to_twips(pt: float) -> Twips:
    return Twips(round(pt * TWIPS_PER_PT))


def mm_to_twips(mm: float) -> Twips:
    return Twips(round(mm / MM_PER_PT * TWIPS_PER_PT))


def twips_to_mm(twips: int) -> float:
    return twips / TWIPS_PER_PT * MM_PER_PT


def pt_to_half_points(pt: float) -> HalfPoints:
    return HalfPoints(round(pt * 2))

"""The speech as data: `Speech` and its parts, numbering, text hygiene, title breaking, loading, schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docgen.lazy import lazy_exports

_EXPORTS = {
    "Speech": "docgen.model.speech",
    "Point": "docgen.model.speech",
    "PraisePoint": "docgen.model.speech",
    "Praise": "docgen.model.speech",
    "Recommendation": "docgen.model.speech",
    "Recommendations": "docgen.model.speech",
    "load_speech": "docgen.model.load",
    "parse_speech": "docgen.model.load",
    "speech_schema": "docgen.model.schema",
    "speech_stats": "docgen.model.stats",
}
__all__ = [
    "Point",
    "Praise",
    "PraisePoint",
    "Recommendation",
    "Recommendations",
    "Speech",
    "load_speech",
    "parse_speech",
    "speech_schema",
    "speech_stats",
]

if TYPE_CHECKING:
    from docgen.model.load import load_speech, parse_speech
    from docgen.model.schema import speech_schema
    from docgen.model.speech import Point, Praise, PraisePoint, Recommendation, Recommendations, Speech
    from docgen.model.stats import speech_stats

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

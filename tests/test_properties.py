"""Property tests over the whole `Speech` model with arbitrary unicode: every input is either refused with a
`SpeechValidationError` or renders to a .docx that reopens and whose text is the input after the documented
normalisation (README “规范化”) — nothing lost, nothing added but the generated enumerators and lines.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import Speech, render
from docgen.errors import SpeechValidationError
from docgen.model.text import find_forbidden, fold_whitespace, widen_punctuation

from .conftest import docx_paragraphs

# Pieces a fuzzer seldom finds alone: XML and Jinja syntax, docxtpl's own markers, every kind of awkward character.
AWKWARD = [
    "<", ">", "&", '"', "'", "&amp;", "&#0;", "&lt;w:p&gt;", "<w:p>", "</w:t></w:r></w:p>", "<![CDATA[x]]>", "]]>",
    "<!DOCTYPE x>", "<!ENTITY e 'x'>", "&e;", "{{ title }}", "{%p if x %}", "{% endfor %}", "{#", "#}", "{_{", "}_}",
    "{_%", "%_}", "{{", "}}", "{%", "%}", "{{ ''.__class__ }}", "\\n", "\\a", "%s", "{0}",
    "\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\ud800", "\udfff", "\ufffe",
    "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff", "\t", "\n", "\r\n", "\u2028", "\u2029", "\u3000", "\u00a0",
    "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "😀", "👍🏽", "👨‍👩‍👧", "🇨🇳",
    "e\u0301",
    "\u0301", "\u0300\u0301\u0302", "𠀀", "〇", "，", ",", ":", "(", ")", "（一）", "一是", "一、", "1.", "——", "：",
    "讲话", "同志们", "10:30", "v1.2 (beta)",
]

ACCEPTABLE = [piece for piece in AWKWARD if not find_forbidden(piece)]
texts = st.one_of(
    # Mostly text a document can hold, so most speeches render; the rest must be refused.
    st.lists(st.sampled_from(ACCEPTABLE) | st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=6),
             min_size=1, max_size=8).map("".join),
    st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.text(st.characters(exclude_categories=()), max_size=40),  # every code point, lone surrogates included
    st.lists(st.sampled_from(AWKWARD) | st.text(max_size=5), max_size=8).map("".join),
    st.integers(2_000, 20_000).map(lambda n: ("讲话&<{{ x }}>😀" * n)[:n]),  # very long
)
small = {"max_size": 3}
pieces = st.one_of(texts, st.fixed_dictionaries({}, optional={"lead": texts, "text": texts}))
points = st.one_of(texts, st.fixed_dictionaries({}, optional={"heading": texts, "lead": texts, "text": texts}))
speeches = st.fixed_dictionaries(
    {"title": texts},
    optional={
        "subtitle": texts,
        "date": st.dates().map(str),
        "speaker": texts,
        "salutation": texts,
        "opening": st.lists(texts, **small),
        "praise": st.fixed_dictionaries(
            {
                "points": st.lists(
                    st.fixed_dictionaries({}, optional={"heading": texts, "body": st.lists(pieces, **small)}),
                    min_size=1,
                    **small,
                )
            },
            optional={"intro": texts},
        ),
        "shortcomings": st.lists(texts, **small),
        "recommendations": st.fixed_dictionaries(
            {
                "items": st.lists(
                    st.fixed_dictionaries({"heading": texts}, optional={"body": st.lists(points, **small)}),
                    min_size=1,
                    **small,
                )
            },
            optional={"intro": texts},
        ),
        "closing": st.lists(texts, **small),
    },
)

# What the document may hold besides the content: enumerators, the date line, the subtitle dash, joiners.
GENERATED = re.compile(r"[〇一二三四五六七八九十百千万亿零是、（）：—0-9年月日\s]*")


def normalised(text: str) -> str:
    """README “规范化” for an ordinary text field, from the docgen.model.text functions it names."""
    return widen_punctuation(fold_whitespace(text))[0]


def raw_texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in raw_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in raw_texts(v)]
    return []


def content_in_order(speech: Speech) -> list[str]:
    """Every text of the speech after normalisation, in document order (title and date apart)."""
    out: list[str] = [t for t in (speech.subtitle, speech.speaker, speech.salutation) if t]
    out += speech.opening
    if speech.praise:
        out += [speech.praise.intro] if speech.praise.intro else []
        for point in speech.praise.points:
            out += [point.heading] if point.heading else []
            out += [t for piece in point.body for t in (piece.lead, piece.text) if t]
    out += speech.shortcomings
    if speech.recommendations:
        out += [speech.recommendations.intro] if speech.recommendations.intro else []
        for item in speech.recommendations.items:
            out.append(item.heading)
            out += [t for p in item.body for t in (getattr(p, "heading", None), p.lead, p.text) if t]
    out += speech.closing
    return out


def assert_document_holds(data: bytes, speech: Speech) -> None:
    from docx import Document

    paragraphs = [text for _, text in docx_paragraphs(data)]
    assert re.sub(r"\s", "", paragraphs[0]) == re.sub(r"\s", "", speech.title)  # title lines break at spaces
    assert Document(io.BytesIO(data)).core_properties.title == speech.title
    body = paragraphs[1:]
    texts = content_in_order(speech)
    if speech.subtitle:
        # The subtitle is broken into lines like the title (a break may stand where a space was): compared
        # the same way, without whitespace.
        assert re.sub(r"\s", "", body[0]) == re.sub(r"\s", "", f"——{speech.subtitle}")
        body, texts = body[1:], texts[1:]
    rest = "".join(body)
    position = 0
    leftover = []
    for text in texts:
        found = rest.find(text, position)
        assert found >= 0, f"{text!r} missing from the document (after position {position})"
        leftover.append(rest[position:found])
        position = found + len(text)
    leftover.append(rest[position:])
    extra = "".join(leftover)
    assert GENERATED.fullmatch(extra), f"the document holds text that is not in the input: {extra!r}"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(speeches)
def test_every_speech_is_refused_or_renders_to_exactly_its_normalised_text(data):
    forbidden = any(find_forbidden(t) for t in raw_texts(data))
    try:
        speech = Speech.model_validate(data)
    except SpeechValidationError as refused:
        assert refused.problems and all(p.message for p in refused.problems)
        return
    assert not forbidden, "a character the document cannot hold was accepted"
    assert_document_holds(render(speech), speech)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_ordinary_fields_are_normalised_as_documented(text):
    forbidden = find_forbidden(text)
    expected = normalised(text) if not forbidden else None
    try:
        speech = Speech(title="讲话", opening=[text], closing=text)
    except SpeechValidationError as refused:
        assert forbidden or not expected, f"{text!r} was refused: {refused}"
        if forbidden:
            assert f"U+{ord(forbidden[0].char):04X}" in str(refused)  # names the character and where it is
        return
    assert expected and speech.opening == [expected] and speech.closing == [expected]
    for character in expected:
        if character not in text:  # only the documented substitutions may bring new characters
            assert character in "，：；！？（） "


NASTY = [
    Speech(title="<w:p>&amp;{{ title }}", opening=["\u202e双向\u200b零宽 e\u0301 😀👍🏽 𠀀", "]]><!DOCTYPE x>"]),
    Speech(title="讲话", closing=["{%p if x %}{_{ %_}" * 50], speaker="张　三 & 李四"),
    Speech(title="a" * 300, praise={"points": [{"heading": "<b>", "body": [{"lead": "要&。", "text": "\ufdd0"}]}]}),
    Speech(title="讲话", recommendations={"items": [{"heading": "1. 一、（一）", "body": ["\u2066x\u2069" * 500]}]}),
]


def test_a_sample_of_awkward_outputs_converts_in_libreoffice(tmp_path):
    from docgen.output.pdf import PdfError, find_soffice, to_pdf

    try:
        find_soffice()
    except PdfError:
        if os.environ.get("CI"):
            raise
        pytest.skip("LibreOffice (soffice) is not installed; `bash .ci/run` installs it (never skipped when CI is set)")
    for number, speech in enumerate(NASTY):
        source = tmp_path / f"{number}.docx"
        source.write_bytes(render(speech))
        assert_document_holds(source.read_bytes(), speech)
        pdf = to_pdf(source)
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
        assert zipfile.is_zipfile(source)

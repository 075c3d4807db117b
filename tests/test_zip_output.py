"""A rendered part deflated a chunk at a time is the same zip entry as the part deflated whole, and a bundled
template's long document, which goes that way, is the document Jinja's render gives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen import Speech
from docgen.template.content import RenderState
from docgen.template.prepared import _PASS_MARKS, Template
from docgen.template.zip_output import CHUNK_PIECES, Deflated, deflate_pieces

from .conftest import REPO


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))


def _entry(deflated: Deflated | None) -> tuple[int, bytes, int]:
    assert deflated is not None
    return deflated.crc, deflated.packed, deflated.size


_PIECE = st.text(alphabet=st.sampled_from("<w:t>各级党委要履行主体责任。abc &;\"'\u3000\U0001f600"), max_size=300)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=50), st.lists(_PIECE, max_size=3 * CHUNK_PIECES), st.text(max_size=50))
def test_pieces_deflated_in_chunks_are_the_entry_of_the_whole_text(head: str, pieces: list[str], tail: str) -> None:
    whole = Deflated.of((head + "".join(pieces) + tail).encode("utf-8"))
    assert _entry(deflate_pieces(head, pieces, tail)) == _entry(whole)


def test_a_long_text_in_many_chunks_is_the_entry_of_the_whole_text() -> None:
    pieces = [f"<w:p><w:r><w:t>第{n}段：各级党委要履行主体责任。</w:t></w:r></w:p>" for n in range(20 * CHUNK_PIECES)]
    whole = Deflated.of(("<w:body>" + "".join(pieces) + "</w:body>").encode("utf-8"))
    assert _entry(deflate_pieces("<w:body>", pieces, "</w:body>", _PASS_MARKS)) == _entry(whole)


@pytest.mark.parametrize("mark", _PASS_MARKS)
@pytest.mark.parametrize("where", [0, CHUNK_PIECES - 1, CHUNK_PIECES, 3 * CHUNK_PIECES - 1])
def test_a_mark_anywhere_in_the_pieces_is_refused(mark: str, where: int) -> None:
    pieces = ["<w:t>正文</w:t>"] * (3 * CHUNK_PIECES)
    pieces[where] = f"前{mark}后"
    assert deflate_pieces("", pieces, "", _PASS_MARKS) is None


@pytest.mark.parametrize("cut", range(1, len("<wp:docPr ")))
def test_a_mark_split_across_two_chunks_is_refused(cut: int) -> None:
    pieces = ["<w:t>正文</w:t>"] * (2 * CHUNK_PIECES)
    pieces[CHUNK_PIECES - 1] += "<wp:docPr "[:cut]
    pieces[CHUNK_PIECES] = "<wp:docPr "[cut:] + pieces[CHUNK_PIECES]
    assert deflate_pieces("", pieces, "", _PASS_MARKS) is None
    assert deflate_pieces("", pieces, "", ("\n",)) is not None  # the other marks are not in it


def test_head_and_tail_are_written_but_not_searched() -> None:
    # The passes look at the rendered text only, not at the part's XML declaration and root around it.
    found = deflate_pieces("<?xml?>\n{", ["<w:t>正文</w:t>"], "}\n", _PASS_MARKS)
    assert _entry(found) == _entry(Deflated.of("<?xml?>\n{<w:t>正文</w:t>}\n".encode()))


def _long_speech(times: int) -> Speech:
    data: dict[str, Any] = yaml.safe_load((REPO / "examples" / "seed.yaml").read_text(encoding="utf-8"))
    data["opening"] = data["opening"] * times
    data["praise"]["points"] = data["praise"]["points"] * times
    data["recommendations"]["items"] = data["recommendations"]["items"] * times
    return Speech.model_validate(data)


def _state(template: Template) -> RenderState:
    return RenderState(template.name, frozenset(template._entries), {})


def _parts(document: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


@pytest.mark.parametrize("name", ["speech", "speech-large"])
def test_a_long_document_goes_to_the_zip_in_chunks_and_equals_jinjas(name: str) -> None:
    template, reference = Template(name), Template(name)
    for part in reference._parts:
        part.program = None  # Jinja renders every part, and the part is written whole
    speech = _long_speech(10)
    context = speech.to_context(template._context_names)
    body = template._parts[0]
    assert len(template._text(body, context)) > 4 * CHUNK_PIECES  # several chunks
    assert isinstance(template._render_part(body, context, _state(template)), Deflated)  # not joined whole
    document = template.render(speech)
    assert document == reference.render(speech)
    assert zipfile.ZipFile(io.BytesIO(document)).testzip() is None
    xml = _parts(document)["word/document.xml"].decode("utf-8")
    assert xml.count("坚持党管意识形态不动摇。") == 10


@pytest.mark.parametrize("text", ["有制表符\t的段落", "有换行\n的段落", "有\f换页符"])
def test_a_text_a_pass_must_see_is_taken_whole_and_equals_jinjas(text: str) -> None:
    # A speech's text has no tab or line break left (the model normalises them); a context given as a mapping may.
    template, reference = Template("speech"), Template("speech")
    for part in reference._parts:
        part.program = None
    context = _long_speech(3).to_context()
    context["paragraphs"][-1]["runs"][-1]["text"] = text
    assert isinstance(template._render_part(template._parts[0], context, _state(template)), bytes)
    assert template.render(context) == reference.render(context)
    xml = _parts(template.render(context))["word/document.xml"].decode("utf-8")
    assert "<w:tab/>" in xml or "<w:br/>" in xml or "<w:br w:type=\"page\"/>" in xml

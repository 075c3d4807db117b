"""The disk cache of bundled templates' prepared sources: same documents, never trusted blindly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docgen import load_speech
from docgen.template import cache as template_cache
from docgen.template.prepared import Template, templates_dir

from .conftest import modules_of_two_renders

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.yaml"


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DOCGEN_NO_CACHE", raising=False)
    return tmp_path / "docgen"


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("speech-*.cache"))


def _uncached_render() -> bytes:
    os.environ["DOCGEN_NO_CACHE"] = "1"
    try:
        return Template("speech").render(load_speech(SEED))
    finally:
        del os.environ["DOCGEN_NO_CACHE"]


def test_render_from_the_cache_equals_a_render_without_it(cache: Path) -> None:
    speech = load_speech(SEED)
    first = Template("speech").render(speech)
    assert len(_entries(cache)) == 1
    from_cache = Template("speech").render(speech)
    assert from_cache == first == _uncached_render()


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(cache: Path) -> None:
    speech = load_speech(SEED)
    expected = Template("speech").render(speech)
    (entry,) = _entries(cache)
    good = entry.read_bytes()
    for broken in (b"", b"\xff\xfe not json", good[: len(good) // 2], good.replace(b"w:p", b"w:q", 1)):
        entry.write_bytes(broken)
        assert Template("speech").render(speech) == expected
        assert entry.read_bytes() == good  # rewritten with the right content


def test_a_consistent_entry_is_only_used_when_nobody_else_can_write_it(cache: Path) -> None:
    data = (templates_dir() / "speech.docx").read_bytes()
    key = template_cache.cache_key(data)
    Template("speech")
    (entry,) = _entries(cache)
    names = {row[0] for row in template_cache.decode(entry.read_bytes())["parts"]}
    assert "word/document.xml" in names
    assert template_cache.load("speech", key, names) is not None
    assert template_cache.load("speech", key, names | {"word/extra.xml"}) is None  # parts must match
    entry.chmod(0o664)
    assert template_cache.load("speech", key, names) is None
    entry.chmod(0o600)
    cache.chmod(0o777)
    try:
        assert template_cache.load("speech", key, names) is None
    finally:
        cache.chmod(0o700)


def test_different_template_bytes_or_version_give_a_different_key(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (templates_dir() / "speech.docx").read_bytes()
    key = template_cache.cache_key(data)
    assert key == template_cache.cache_key(bytes(data))
    assert key != template_cache.cache_key(data + b"\0")
    assert key != template_cache.cache_key(data[:-1] + bytes([data[-1] ^ 1]))
    import docgen

    monkeypatch.setattr(docgen, "__version__", docgen.__version__ + ".1")
    assert key != template_cache.cache_key(data)


def test_a_change_to_the_code_that_prepares_templates_gives_a_different_key() -> None:
    data = (templates_dir() / "speech.docx").read_bytes()
    key = template_cache.cache_key(data)
    code = Path(template_cache.__file__).with_name("printing.py")
    before = code.stat()
    try:  # an edit (or a checkout, an installation) changes the file's modification time
        os.utime(code, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        assert template_cache.cache_key(data) != key
    finally:
        os.utime(code, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert template_cache.cache_key(data) == key


def test_the_digests_are_sha256() -> None:
    import hashlib

    for data in (b"", b"abc", bytes(range(256)) * 1000):
        assert template_cache.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    streamed = template_cache.sha256(b"docgen ")
    streamed.update(b"cache")
    assert streamed.hexdigest() == hashlib.sha256(b"docgen cache").hexdigest()


def test_an_entry_under_another_key_is_not_used(cache: Path) -> None:
    Template("speech")
    (entry,) = _entries(cache)
    other = entry.with_name("speech-" + "0" * 64 + ".cache")
    other.write_bytes(entry.read_bytes())  # the body names the real key, not this one
    names = {row[0] for row in template_cache.decode(entry.read_bytes())["parts"]}
    assert template_cache.load("speech", "0" * 64, names) is None


def test_render_of_a_bundled_template_does_not_import_docxtpl(tmp_path: Path) -> None:
    outputs = modules_of_two_renders(tmp_path, ("docxtpl", "docx", "lxml", "tempfile"))
    assert "docxtpl" in outputs[0][0]  # the first run prepares the template and fills the cache
    # The second needs neither docxtpl nor python-docx, nor lxml: the active-content check the cached entry
    # stands for is not repeated. Nor tempfile: the document's temporary file is made by docgen's own code.
    assert outputs[1][0] == "[]"
    assert outputs[0][1] == outputs[1][1]


@pytest.mark.parametrize("name", ["speech", "speech-large"])
def test_a_bundled_template_s_unchanged_parts_are_its_own_bytes_as_compressing_them_again_gives(name):
    import io
    import zipfile

    from docgen.template.zip_output import zip_info

    template = Template(name)
    again = io.BytesIO()
    with zipfile.ZipFile(again, "w") as package:  # what the base was before: each part compressed again
        for part, blob in template._entries.items():
            if part not in template._written:
                package.writestr(zip_info(part), blob)
    assert template._base == again.getvalue()
    assert zipfile.ZipFile(io.BytesIO(template.render(load_speech(SEED)))).testzip() is None

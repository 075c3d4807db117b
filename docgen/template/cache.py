"""A per-user disk cache of the prepared sources of bundled templates.

Preparing a template needs python-docx and docxtpl (≈ 110 ms of imports) only to turn the package's XML
into Jinja sources — the same sources every time for the same bytes. A bundled template's sources are
kept here, keyed by the SHA-256 of its bytes, docgen's version and the preparing code, so
``docgen render`` of a bundled template imports neither.

Nothing loaded is trusted blindly: the directory and the file must belong to this user and be writable
by nobody else (otherwise the cache is neither read nor written), the file's own digest and key must
match, every field must have the expected type, and the part names must be exactly those the package
renders. The sources then pass the same sandbox checks and compilation as freshly prepared ones. Any
doubt means the entry is ignored and rebuilt; writes are atomic (temporary file + rename), so a reader
never sees half a file. Set ``DOCGEN_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docgen.user_cache import cache_dir, owned_privately, read_private

FORMAT = 1
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (the bundled templates' sources are a few hundred KB)."""


@dataclass(frozen=True)
class CachedPart:
    name: str
    source: str
    head: str
    tail: str


@dataclass(frozen=True)
class Prepared:
    """What preparing a template from its package produces before Jinja parses it."""

    parts: tuple[CachedPart, ...]
    fix_tables: bool


# The code that turns a package into sources (and checks it has nothing active, a verdict a cached entry
# stands for): a change to any of it (a new docxtpl, a development
# checkout between releases) must not reuse sources the old code made, so its bytes are in the key too.
_PREPARING_CODE = ("prepared.py", "source.py", "cache.py", "active_content.py")


def _code_fingerprint() -> bytes:
    from importlib.util import find_spec

    digest = hashlib.sha256()
    here = Path(__file__).parent
    files = [here / name for name in _PREPARING_CODE]
    spec = find_spec("docxtpl")  # found, not imported: its patching code is in template.py
    if spec is not None and spec.origin:
        files.append(Path(spec.origin).parent / "template.py")
    for file in files:
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"missing " + str(file).encode())
    return digest.digest()


def cache_key(data: bytes) -> str:
    """The key of a template's prepared form: its bytes, docgen's version, the code that prepares it
    (docgen's and docxtpl's) and this cache's format."""
    from docgen import __version__

    digest = hashlib.sha256(f"docgen {__version__} cache {FORMAT}\0".encode())
    digest.update(_code_fingerprint())
    digest.update(data)
    return digest.hexdigest()


def _entry(name: str, key: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"{name}-{key}.json"


def _digest(body: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def load(name: str, key: str, expected_parts: set[str]) -> Prepared | None:
    """The cached prepared form of bundled template ``name`` with ``key``, or None if absent or doubtful."""
    path = _entry(name, key)
    if path is None:
        return None
    raw = read_private(str(path), MAX_CACHE_BYTES)
    if raw is None:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
        return _validate(document, key, expected_parts)
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None


def _validate(document: object, key: str, expected_parts: set[str]) -> Prepared | None:
    if not isinstance(document, dict) or not isinstance(document.get("body"), dict):
        return None
    body = document["body"]
    if document.get("digest") != _digest(body) or body.get("key") != key or body.get("format") != FORMAT:
        return None
    fix = body.get("fix_tables")
    rows = body.get("parts")
    if not isinstance(fix, bool) or not isinstance(rows, list):
        return None
    parts = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 4 and all(isinstance(cell, str) for cell in row)):
            return None
        parts.append(CachedPart(*row))
    names = [part.name for part in parts]
    if len(set(names)) != len(names) or set(names) != expected_parts:
        return None
    return Prepared(tuple(parts), fix)


def store(name: str, key: str, prepared: Prepared) -> None:
    """Keep ``prepared`` for next time; a cache that cannot be written is silently not used."""
    path = _entry(name, key)
    if path is None:
        return
    body: dict[str, object] = {
        "format": FORMAT,
        "key": key,
        "fix_tables": prepared.fix_tables,
        "parts": [[p.name, p.source, p.head, p.tail] for p in prepared.parts],
    }
    data = json.dumps({"digest": _digest(body), "body": body}, ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not owned_privately(os.stat(path.parent, follow_symlinks=False)):
            return
        fd, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)  # atomic: another process reads the old entry, the new one, or none
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)

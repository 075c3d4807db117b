"""A per-user disk cache of the prepared form of bundled templates.

Preparing a template needs python-docx and docxtpl (≈ 110 ms of imports) to turn the package's XML into
Jinja sources, and Jinja and the speech model to check those sources and find the variables they use — the
same result every time for the same bytes and code. A bundled template's whole prepared form is kept here:
each part's source, the data of its compiled `docgen.template.program.Program`, and the variables analysis
(the names the template reads and its `VariableReport`), keyed by the SHA-256 of its bytes, docgen's version
and the code that made it (docgen's preparing, compiling and analysing modules, the speech model whose shape
the analysis measures, docxtpl's patching and Jinja's parser), each file of that code known by its path, size
and modification time, as Python knows a module's source for its bytecode cache. So ``docgen render`` of a
bundled template imports none of python-docx, docxtpl, Jinja or the analysis.

Nothing loaded is trusted blindly: the directory and the file must belong to this user and be writable
by nobody else (otherwise the cache is neither read nor written), the file's own digest and key must
match, every field must have the expected type, the part names must be exactly those the package
renders, and each program is checked node by node as it is built (it is data walked by docgen's own code;
nothing loaded is executed). Any doubt means the entry is ignored and rebuilt; writes are atomic
(temporary file + rename), so a reader never sees half a file. Set ``DOCGEN_NO_CACHE=1`` to bypass it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from docgen.template import program
from docgen.template.program import Program
from docgen.template.variable_report import VariableReport
from docgen.user_cache import cache_dir, owned_privately, prune, read_private

FORMAT = 20 + program.FORMAT
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (the bundled templates' sources are a few hundred KB)."""


# Records, not dataclasses: a start-up that reads the cache pays for each class it defines (a dataclass's
# generated methods cost about ten times a named tuple's).
class CachedPart(NamedTuple):
    name: str
    source: str
    head: str
    tail: str
    program: Program | None = None
    """The part's Jinja compiled (None: outside the program's subset, Jinja renders it)."""


class Analysis(NamedTuple):
    """What checking and analysing a template's Jinja found: the context names it reads, its report."""

    context_names: frozenset[str]
    report: VariableReport


class Prepared(NamedTuple):
    """What preparing a template from its package produces; ``analysis`` once its Jinja was analysed."""

    parts: tuple[CachedPart, ...]
    fix_tables: bool
    analysis: Analysis | None = None


# The code that turns a package into sources, checks them (nothing active, the sandbox's checks: verdicts a
# cached entry stands for), compiles them and analyses their variables against the speech model's shape: a
# change to any of it (a new docxtpl or Jinja, a development checkout between releases) must not reuse what
# the old code made, so its bytes are in the key too.
_PREPARING_CODE = (
    "prepared.py", "source.py", "cache.py", "active_content.py", "sandbox.py", "sandbox_checks.py", "budget.py",
    "printing.py", "program.py",
    "program_steps.py", "program_compiler.py", "variables.py", "variable_report.py",
)  # fmt: skip
_LIBRARY_CODE = (("docxtpl", ("template.py",)), ("jinja2", ("__init__.py", "lexer.py", "parser.py", "nodes.py")))


@functools.cache
def _sha256_type() -> Any:
    """SHA-256 from CPython's own module when it has one (what `random` does for SHA-512): `hashlib` loads
    OpenSSL's library at import (≈ 3 ms of every render's start-up) for the two short digests a render takes
    here; the built-in gives the same digest (tests/test_template_cache.py compares them)."""
    import importlib

    for module in ("_sha2", "_sha256"):  # CPython ≥ 3.12, then 3.10–3.11
        with contextlib.suppress(ImportError):
            return importlib.import_module(module).sha256
    import hashlib

    return hashlib.sha256


def sha256(data: bytes = b"") -> Any:
    """A SHA-256 hash object of ``data`` (``hashlib.sha256(data)``)."""
    return _sha256_type()(data)


def _code_fingerprint() -> bytes:
    """The code that prepares a template, file by file: its path, size and modification time (not its
    bytes: reading and hashing ~0.5 MB of source cost each render ≈ 1 ms; any edit, checkout or new
    installation changes a file's modification time, which Python's bytecode cache relies on too)."""
    from importlib.util import find_spec

    digest = sha256()
    here = os.path.dirname(os.path.abspath(__file__))
    files = [os.path.join(here, name) for name in _PREPARING_CODE]
    model = os.path.join(os.path.dirname(here), "model")  # the context's shape the analysis measures
    with contextlib.suppress(OSError):
        files += [os.path.join(model, name) for name in sorted(os.listdir(model)) if name.endswith(".py")]
    for library, names in _LIBRARY_CODE:
        spec = find_spec(library)  # found, not imported
        if spec is not None and spec.origin:
            files += [os.path.join(os.path.dirname(spec.origin), name) for name in names]
    for file in files:
        digest.update(file.encode("utf-8", "surrogateescape") + b"\0")
        try:
            info = os.stat(file)
            digest.update(f"{info.st_size} {info.st_mtime_ns}\0".encode("ascii"))
        except OSError:
            digest.update(b"missing\0")
    return bytes(digest.digest())


def cache_key(data: bytes) -> str:
    """The key of a template's prepared form: its bytes, docgen's version, the code that prepares it
    (docgen's and docxtpl's) and this cache's format."""
    from docgen import __version__

    digest = sha256(f"docgen {__version__} cache {FORMAT}\0".encode())
    digest.update(_code_fingerprint())
    digest.update(data)
    return str(digest.hexdigest())


def _entry(name: str, key: str) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    return directory / f"{name}-{key}.cache"


def _digest(body: bytes) -> bytes:
    return str(sha256(body).hexdigest()).encode("ascii")


def encode(body: dict[str, object]) -> bytes:
    """An entry's file: the SHA-256 of its JSON body on the first line, then the body."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return _digest(data) + b"\n" + data


def decode(raw: bytes) -> object:
    """The JSON body of an entry's file whose digest matches, else None."""
    digest, newline, data = raw.partition(b"\n")
    if not newline or digest != _digest(data):
        return None
    return json.loads(data.decode("utf-8"))


def load(name: str, key: str, expected_parts: set[str]) -> Prepared | None:
    """The cached prepared form of bundled template ``name`` with ``key``, or None if absent or doubtful."""
    path = _entry(name, key)
    if path is None:
        return None
    raw = read_private(str(path), MAX_CACHE_BYTES)
    if raw is None:
        return None
    try:
        return _validate(decode(raw), key, expected_parts)
    except (OSError, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        return None


def _validate(body: object, key: str, expected_parts: set[str]) -> Prepared | None:
    if not isinstance(body, dict) or body.get("key") != key or body.get("format") != FORMAT:
        return None
    fix = body.get("fix_tables")
    rows = body.get("parts")
    if not isinstance(fix, bool) or not isinstance(rows, list):
        return None
    parts = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5 and all(isinstance(cell, str) for cell in row[:4])):
            return None
        name, source, head, tail, program = row
        parts.append(CachedPart(name, source, head, tail, None if program is None else Program(program)))
    names = [part.name for part in parts]
    if len(set(names)) != len(names) or set(names) != expected_parts:
        return None
    analysis = body.get("analysis")
    if not isinstance(analysis, dict) or set(analysis) != {"context_names", "report"}:
        return None
    context_names = analysis["context_names"]
    report = VariableReport.from_data(analysis["report"])
    if report is None or not isinstance(context_names, list) or not all(isinstance(n, str) for n in context_names):
        return None
    return Prepared(tuple(parts), fix, Analysis(frozenset(context_names), report))


def store(name: str, key: str, prepared: Prepared) -> None:
    """Keep ``prepared`` (analysed) for next time; a cache that cannot be written is silently not used."""
    path = _entry(name, key)
    if path is None or prepared.analysis is None:
        return
    analysis = prepared.analysis
    body: dict[str, object] = {
        "format": FORMAT,
        "key": key,
        "fix_tables": prepared.fix_tables,
        "parts": [
            [p.name, p.source, p.head, p.tail, None if p.program is None else p.program.data] for p in prepared.parts
        ],
        "analysis": {"context_names": sorted(analysis.context_names), "report": analysis.report.to_data()},
    }
    data = encode(body)
    import tempfile  # only when an entry is written: a render from the cache never needs it

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not owned_privately(os.stat(path.parent, follow_symlinks=False)):
            return
        fd, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        try:
            written = memoryview(data)
            while written:  # plain writes: no file object, nothing of the caller's file handling involved
                written = written[os.write(fd, written) :]
        finally:
            os.close(fd)
        os.replace(temporary, path)  # atomic: another process reads the old entry, the new one, or none
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    prune(keep=(path.name,))  # a new entry: older ones beyond the cache's bound go

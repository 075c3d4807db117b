"""Where docgen keeps its per-user caches, and the rule for trusting what is found there.

Kept apart from the caches themselves and free of heavy imports, so the cheapest of them (the help text of
`docgen.entry`) can use it before anything else is loaded. Each cache, after writing a new entry, calls
`prune`: the cache keeps at most `MAX_ENTRIES` of each kind (≈ 2 MB in all), removing only docgen's own
files, in a folder that passes the trust rule, without following links (``docgen cache`` shows it)."""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def cache_folder() -> str | None:
    """``$XDG_CACHE_HOME/docgen`` (default ``~/.cache/docgen``), or None when caching is off
    (``DOCGEN_NO_CACHE`` set) or there is no home directory."""
    if os.environ.get("DOCGEN_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no home directory
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "docgen")


def cache_dir() -> Path | None:
    """`cache_folder` as a Path."""
    from pathlib import Path

    folder = cache_folder()
    return None if folder is None else Path(folder)


def owned_privately(info: os.stat_result) -> bool:
    """Whether a cache file or folder is this user's and writable by nobody else (the cache's trust rule)."""
    # Someone else who can write the cache could make our documents say anything: only our own files count.
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_private(path: str, limit: int) -> bytes | None:
    """The bytes of cache file ``path`` if it and its folder pass the trust rule, it is a regular file (no
    link followed) and holds at most ``limit`` bytes; None otherwise — a cache miss, never an error."""
    try:
        if not owned_privately(os.stat(os.path.dirname(path), follow_symlinks=False)):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or not owned_privately(info) or info.st_size > limit:
                return None
            return stream.read(limit + 1)
    except OSError:
        return None


# -- keeping the cache small -------------------------------------------------------------------------------------

MAX_ENTRIES = {"template": 8, "schema": 8, "help": 64, "office": 2, "obsolete": 0}
"""How many entries of each kind the cache keeps, the most recently written first: prepared forms of each
bundled template (≈ 10 KB each), model core schemas (≈ 40 KB), help texts (≈ 2 KB) and LibreOffice
profiles (≈ 0.5 MB); obsolete formats none. So the whole cache stays under ≈ 2 MB whatever the number of
docgen versions and checkouts that used it. An entry of another version or code is simply older than the
ones in use and goes first; one removed that was still wanted is only a cache miss, made again."""
STALE_TEMPORARY_SECONDS = 3600
"""A temporary file or folder of an interrupted write is removed once it is this old (a write takes ms)."""

# docgen's own names in the cache folder (past and present), each with its kind; nothing else is touched.
_ENTRY_NAMES = (
    ("schema", r"speech-schema-[0-9a-f]{64}\.json"),
    ("template", r"(?P<name>[a-z][a-z0-9-]*)-[0-9a-f]{64}\.cache"),
    ("obsolete", r"[a-z][a-z0-9-]*-[0-9a-f]{64}\.json"),  # the prepared templates' first format (JSON)
    ("help", r"help-[0-9a-f]{8}\.txt"),
    ("office", r"libreoffice-[0-9a-f]{32}"),
    ("temporary", r"\.(?:[a-z][a-z0-9-]*-[A-Za-z0-9_]+\.tmp|help-\d+\.tmp|libreoffice-[A-Za-z0-9_]+)"),
)
_FOLDER_KINDS = ("office",)  # and the LibreOffice profile's temporary building folder


class CacheEntry:
    """One of docgen's files (or LibreOffice profile folders) in the cache folder."""

    # A plain class: `typing.NamedTuple` would cost the help text's start-up the import of typing.
    __slots__ = ("kind", "mtime", "name", "size")

    def __init__(self, name: str, kind: str, size: int, mtime: float) -> None:
        self.name = name
        self.kind = kind
        """``template:<bundled name>``, ``schema``, ``help``, ``office``, ``obsolete`` or ``temporary``."""
        self.size = size
        self.mtime = mtime

    def __repr__(self) -> str:
        return f"CacheEntry({self.name!r}, {self.kind!r}, {self.size}, {self.mtime})"


def entry_kind(name: str) -> str | None:
    """The kind of cache entry a file name is (see `CacheEntry.kind`), or None: not docgen's."""
    import re

    for kind, pattern in _ENTRY_NAMES:
        match = re.fullmatch(pattern, name)
        if match:
            return f"template:{match['name']}" if kind == "template" else kind
    return None


def entries(folder: str | None = None) -> list[CacheEntry]:
    """docgen's entries in the cache folder, newest first: only names docgen writes, only this user's
    regular files (folders for LibreOffice profiles), in a folder that passes the trust rule; no link is
    followed, and anything else there is not listed (and so never removed)."""
    folder = cache_folder() if folder is None else folder
    if folder is None:
        return []
    with _opened(folder) as handle:
        return [] if handle is None else _entries(handle)


def prune(
    keep: tuple[str, ...] = (), *, limits: dict[str, int] | None = None, now: float | None = None
) -> list[CacheEntry]:
    """Remove what exceeds `MAX_ENTRIES` (or ``limits``) of each kind, oldest first, and temporaries older
    than `STALE_TEMPORARY_SECONDS`; the names in ``keep`` (just written) are never removed. Returns what
    was removed. Safe beside other docgen processes: names are resolved in the folder opened once (no link
    followed, the folder itself included), a name gone meanwhile is skipped, and a reader that loses an
    entry only rebuilds it. Where the platform cannot address files by folder handle, nothing is removed."""
    import time

    folder = cache_folder()
    if folder is None or os.scandir not in os.supports_fd or os.unlink not in os.supports_dir_fd:
        return []
    limits = MAX_ENTRIES if limits is None else limits
    now = time.time() if now is None else now
    removed: list[CacheEntry] = []
    with _opened(folder) as handle:
        if handle is None:
            return []
        found = _entries(handle)
        seen: dict[str, int] = {}  # a kept entry counts first towards its kind's bound
        for entry in found:
            if entry.name in keep:
                seen[entry.kind] = seen.get(entry.kind, 0) + 1
        for entry in found:
            if entry.name in keep:
                continue
            if entry.kind == "temporary":
                doomed = now - entry.mtime > STALE_TEMPORARY_SECONDS
            else:
                kind = entry.kind.partition(":")[0]
                seen[entry.kind] = seen.get(entry.kind, 0) + 1
                doomed = seen[entry.kind] > limits.get(kind, MAX_ENTRIES.get(kind, 0))
            if doomed and _remove(handle, folder, entry.name):
                removed.append(entry)
    return removed


def clear() -> list[CacheEntry]:
    """Remove every docgen entry from the cache (`prune` with no entry kept); a temporary file being
    written by a running docgen is left, and goes later."""
    return prune(limits=dict.fromkeys(MAX_ENTRIES, 0))


def _entries(handle: int) -> list[CacheEntry]:
    found = []
    for item in os.scandir(handle):
        kind = entry_kind(item.name)
        if kind is None:
            continue
        try:
            info = item.stat(follow_symlinks=False)
        except OSError:
            continue
        folder_kind = kind in _FOLDER_KINDS or (kind == "temporary" and item.name.startswith(".libreoffice-"))
        if not (stat.S_ISDIR(info.st_mode) if folder_kind else stat.S_ISREG(info.st_mode)):
            continue  # a link, a device, a folder where a file belongs: not something docgen made
        if not owned_privately(info):
            continue
        found.append(CacheEntry(item.name, kind, info.st_size, info.st_mtime))
    found.sort(key=lambda entry: (-entry.mtime, entry.name))
    return found


class _opened:
    """The cache folder opened as a directory handle (no link followed), if it passes the trust rule."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.handle: int | None = None

    def __enter__(self) -> int | None:
        flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            handle = os.open(self.folder, flags)
        except OSError:
            return None
        try:
            info = os.fstat(handle)
        except OSError:
            os.close(handle)
            return None
        if not (stat.S_ISDIR(info.st_mode) and owned_privately(info)):
            os.close(handle)
            return None
        self.handle = handle
        return handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            os.close(self.handle)


def _remove(handle: int, folder: str, name: str) -> bool:
    """Remove ``name`` from the opened cache folder: a file is unlinked (a link would be removed, never
    followed); a folder is first renamed to a temporary name, so that no reader finds it half removed,
    and then removed without following any link inside it."""
    try:
        info = os.stat(name, dir_fd=handle, follow_symlinks=False)
        if not stat.S_ISDIR(info.st_mode):
            os.unlink(name, dir_fd=handle)
            return True
        import shutil

        doomed = f".libreoffice-removing_{os.getpid()}_{os.urandom(4).hex()}"  # a temporary: swept if left
        os.rename(name, doomed, src_dir_fd=handle, dst_dir_fd=handle)
    except OSError:
        return False  # gone meanwhile (another process pruned it), or not ours to remove
    shutil.rmtree(os.path.join(folder, doomed), ignore_errors=True)
    return True

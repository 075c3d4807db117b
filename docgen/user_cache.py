"""Where docgen keeps its per-user caches, and the rule for trusting what is found there.

Kept apart from the caches themselves and free of heavy imports, so the cheapest of them (the help text of
`docgen.entry`) can use it before anything else is loaded."""

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

"""Writing results atomically and durably, under the output-safety rule of `docgen.output.targets`.

Writing (`write_atomic`) goes through a temporary file in the target's folder and an atomic rename, so the
target holds the old file or the whole new one, and the temporary file is fsynced first, so that holds after
a power cut too. A batch stages its files (`stage`), flushes them to disk in one call per chunk
(`flush_to_disk`) and then gives them their names (`publish`): the same guarantee without an fsync per file.
The replacement keeps the old file's permission bits (set-id bits dropped: never wider) and, where the
process may, its owner and group; it cannot keep a hard link (other names keep the old content), and says
so with an `OutputWarning`. Temporary files are named
``.docgen-<pid>-<random>.tmp``; one left by a killed process (its pid gone, older than `STALE_SECONDS`)
is removed by a later write into that folder (a process looks at most once per `STALE_SECONDS`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import stat
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from docgen.errors import OutputError

# The rule lives in its own module; its names stay importable from here, where every command found them.
from docgen.output.targets import MAX_NAME_BYTES, Protected, check_name, check_target, real_path

__all__ = [
    "MAX_NAME_BYTES", "STALE_SECONDS", "TEMP_PREFIX", "TEMP_SUFFIX", "OutputWarning", "Protected", "Staged",
    "check_name", "check_target", "discard", "flush_to_disk", "publish", "real_path", "remove_stale_temporaries",
    "remove_stale_work_folders", "stage", "sync_folder", "write_atomic", "write_new",
]  # fmt: skip

TEMP_PREFIX = ".docgen-"
TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 120
"""A temporary file of a dead process is removed once it is this old (a live writer's file never is)."""


@functools.cache
def _temp_name() -> re.Pattern[str]:
    """What docgen's temporary files are called; compiled only when a folder holds a file that could be one."""
    return re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}$")


class OutputWarning(UserWarning):
    """Something about a replaced file could not be kept (a hard link, the owner); the write itself succeeded."""


def write_atomic(
    path: str | Path,
    data: bytes,
    *,
    inputs: Iterable[str | Path] | Protected = (),
    overwrite: bool = True,
    hint: str = "",
) -> Path:
    """Write ``data`` to ``path`` under the output-safety rule, through a temporary file and an atomic rename
    (without ``overwrite``, a hard link that fails if a file appeared meanwhile). Durable: the temporary file
    is fsynced before it takes the name, so even after a power cut the target is the old file or the new one."""
    return publish(stage(path, data, inputs=inputs, overwrite=overwrite, hint=hint))


def write_new(
    path: str | Path, data: bytes, *, inputs: Iterable[str | Path] | Protected = (), hint: str = ""
) -> Path:
    """Write ``data`` to ``path`` atomically, but never over an existing file, even one made meanwhile."""
    return write_atomic(path, data, inputs=inputs, overwrite=False, hint=hint)


class Staged(NamedTuple):  # not a frozen dataclass, whose making costs every start-up several times as much
    """A document written to a temporary file beside its target, not yet under its name (`stage`)."""

    temporary: Path
    target: Path
    inputs: Protected
    overwrite: bool
    hint: str
    old: os.stat_result | None  # the regular file it replaces, as it was when staged


def stage(
    path: str | Path,
    data: bytes,
    *,
    inputs: Iterable[str | Path] | Protected = (),
    overwrite: bool = True,
    hint: str = "",
    durable: bool = True,
) -> Staged:
    """Check ``path`` under the output-safety rule and write ``data`` to a temporary file beside it, which
    `publish` then puts under its name (or `discard` removes). With ``durable`` the temporary file is fsynced
    now; a caller staging many files passes False and calls `flush_to_disk` once before publishing them."""
    path = Path(path)
    inputs = inputs if isinstance(inputs, Protected) else Protected(inputs)  # checked twice: here and on publish
    old = _regular(check_target(path, inputs, overwrite=overwrite, hint=hint))
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在：{folder}")
    temporary = _write_temporary(folder, data, old, path, durable=durable)
    return Staged(temporary, path, inputs, overwrite, hint, old)


def publish(staged: Staged) -> Path:
    """Give a staged document its name: atomically replacing the old file (``overwrite``), or only where no
    file is, even one made since it was staged. The temporary file is gone afterwards, whatever happens."""
    if not staged.overwrite:
        return _publish_new(staged)
    path = staged.target
    with _discarded_on_failure(staged.temporary, path):
        again = _regular(check_target(path, staged.inputs, overwrite=True, hint=staged.hint))  # narrow a swap's window
        if again is not None and (staged.old is None or again.st_ino != staged.old.st_ino):
            _restamp(staged.temporary, again, path)
        os.replace(staged.temporary, path)
    return path


def discard(staged: Staged) -> None:
    """Remove a staged document that will not be published."""
    staged.temporary.unlink(missing_ok=True)


def _publish_new(staged: Staged) -> Path:
    path, exists = staged.target, f"文件 {staged.target} 已存在，未覆盖{('；' + staged.hint) if staged.hint else ''}"
    try:
        os.link(staged.temporary, path)  # unlike a rename, fails when the target exists (made since `stage`)
    except FileExistsError:
        raise OutputError(exists) from None
    except OSError as exc:
        if path.exists() or path.is_symlink():  # a file system without hard links: check, then rename
            raise OutputError(exists) from None
        try:
            os.replace(staged.temporary, path)
        except OSError:
            raise OutputError(f"无法写入 {path}：{exc.strerror}") from None
    finally:
        staged.temporary.unlink(missing_ok=True)
    return path


def flush_to_disk(staged: Iterable[Staged]) -> None:
    """Make the contents of staged documents durable before they are published: one `syncfs` per folder on
    Linux (one flush of the file system instead of one fsync per file), elsewhere an fsync per file."""
    by_folder: dict[Path, list[Path]] = {}
    for item in staged:
        by_folder.setdefault(item.temporary.parent, []).append(item.temporary)
    for folder, temporaries in by_folder.items():
        try:
            if not _syncfs(folder):
                for temporary in temporaries:
                    _fsync_path(temporary)
        except OSError as exc:
            raise OutputError(f"无法把 {folder} 中的文件写入磁盘：{exc.strerror}") from None


def sync_folder(folder: Path) -> None:
    """Make the names published in ``folder`` durable (one call at the end of a batch); best effort."""
    with contextlib.suppress(OSError):
        if not _syncfs(folder) and os.name != "nt":  # Windows cannot open a folder to fsync it
            _fsync_path(folder)


_libc: Any = None


def _syncfs(folder: Path) -> bool:
    """`syncfs(2)` on the file system holding ``folder``; False where there is none (not Linux)."""
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        import ctypes

        _libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(_libc, "syncfs"):
        return False
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if _libc.syncfs(handle) != 0:
            import ctypes

            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))
    finally:
        os.close(handle)
    return True


def _fsync_path(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextlib.contextmanager
def _discarded_on_failure(temporary: Path, path: Path) -> Iterator[None]:
    """Remove ``temporary`` when the block fails; an OS error becomes our error naming ``path``."""
    try:
        yield
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"无法写入 {path}：{exc.strerror}") from None
        raise


def _regular(info: os.stat_result | None) -> os.stat_result | None:
    # Only a regular file's mode and owner are kept: a symlink's lstat mode is 0777, never to be copied.
    return info if info is not None and stat.S_ISREG(info.st_mode) else None


def _write_temporary(folder: Path, data: bytes, old: os.stat_result | None, path: Path, *, durable: bool) -> Path:
    _remove_stale_now_and_then(folder)
    try:
        handle, temporary = _new_temporary(folder)
    except OSError as exc:
        raise OutputError(f"无法在 {folder} 中写文件：{exc.strerror}") from None
    with _discarded_on_failure(temporary, path):
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if old is None:
            os.chmod(temporary, 0o666 & ~_UMASK)
        else:
            _restamp(temporary, old, path)
    return temporary


_NEW_FILE = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)  # fmt: skip


def _new_temporary(folder: Path) -> tuple[int, Path]:
    """A new empty file ``.docgen-<pid>-<random>.tmp`` in ``folder``, open for writing: made as
    `tempfile.mkstemp` makes one (created exclusively, no link followed, mode 0600, another name tried if it
    exists), without importing tempfile, whose random-name machinery costs each render ≈ 2 ms to load."""
    for _ in range(100):
        temporary = folder / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TEMP_SUFFIX}"
        try:
            return os.open(temporary, _NEW_FILE, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "没有可用的临时文件名", str(folder))


def _restamp(temporary: Path, old: os.stat_result, path: Path) -> Path:
    """Give ``temporary`` the old file's owner, group and permission bits (set-id bits dropped)."""
    if hasattr(os, "chown") and (old.st_uid, old.st_gid) != _owner(temporary):
        with contextlib.suppress(OSError):
            os.chown(temporary, old.st_uid, old.st_gid)
        if _owner(temporary)[1] != old.st_gid:
            with contextlib.suppress(OSError):
                os.chown(temporary, -1, old.st_gid)
        if _owner(temporary) != (old.st_uid, old.st_gid):
            warnings.warn(
                f"{path} 替换后属主或属组变为当前用户（原为 {old.st_uid}:{old.st_gid}），权限位保持不变",
                OutputWarning,
                stacklevel=3,
            )
    os.chmod(temporary, stat.S_IMODE(old.st_mode) & ~(stat.S_ISUID | stat.S_ISGID))
    if old.st_nlink > 1:
        warnings.warn(
            f"{path} 有 {old.st_nlink} 个硬链接；替换后只有这个名字是新内容，其他链接仍是旧内容",
            OutputWarning,
            stacklevel=3,
        )
    return temporary


def _owner(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


_last_cleaned: dict[Path, float] = {}  # folder → when this process last looked for stale temporaries there


def _remove_stale_now_and_then(folder: Path) -> None:
    """`remove_stale_temporaries`, at most once per `STALE_SECONDS` per folder and process: a batch writing
    thousands of files into one folder would otherwise list the whole folder for every file."""
    now = time.monotonic()
    last = _last_cleaned.get(folder)
    if last is None or now - last > STALE_SECONDS:
        _last_cleaned[folder] = now
        remove_stale_temporaries(folder)


def remove_stale_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove docgen's own temporary files in ``folder`` left by processes that no longer run."""
    removed: list[Path] = []
    now = time.time() if now is None else now
    try:
        names = [entry for entry in os.scandir(folder) if entry.name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    for entry in names:
        match = _temp_name().match(entry.name)
        if not match:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        if not (stat.S_ISREG(info.st_mode) and mine and now - info.st_mtime > STALE_SECONDS):
            continue
        if _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def remove_stale_work_folders(prefix: str, folder: Path | None = None, *, now: float | None = None) -> list[Path]:
    """Remove work folders ``<prefix><pid>-…`` (e.g. PDF conversion folders in the system temp folder) that
    a killed docgen process left: ours, older than `STALE_SECONDS`, their pid gone."""
    import shutil
    import tempfile

    folder = Path(tempfile.gettempdir()) if folder is None else folder
    now = time.time() if now is None else now
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)-")
    removed: list[Path] = []
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        mine = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
        old = now - info.st_mtime > STALE_SECONDS
        if match and stat.S_ISDIR(info.st_mode) and mine and old and not _alive(int(match.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or unknowable: leave the file alone
    return True


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any writer thread exists.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

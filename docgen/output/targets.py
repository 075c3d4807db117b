"""Where output may be written: one output-safety rule for every command, whatever ``--force`` says.

The rule (`check_target`):

- a command never writes over one of its own inputs (speech file, draft, template): compared by resolved
  path and by device + inode, so a hard link or a symlink to an input is caught too;
- only a regular file is replaced: a directory, device, FIFO or socket is refused. A symlink counts as an
  existing file; with ``overwrite`` the link itself is replaced by a regular file and never followed, so the
  file it points at (anywhere on disk) is never written; a link to a directory, device or FIFO
  (``/dev/stdout``) is refused like its target;
- an existing file is replaced only when the caller allows it (``overwrite``; ``--force`` on the CLI);
- a file name over 255 bytes (the limit of every common file system) is refused up front.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from docgen.errors import OutputError

MAX_NAME_BYTES = 255


class Protected:
    """A set of files no output may replace, indexed once by resolved path and by device + inode, so that a
    batch of n inputs checks each of its n outputs in constant time instead of against every input."""

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self.by_path: dict[Path, Path] = {}
        self.by_inode: dict[tuple[int, int], Path] = {}
        self._folders: dict[Path, Path] = {}  # each folder resolved once (see `real_path`)
        for item in paths:
            path = Path(item)
            with contextlib.suppress(OSError, RuntimeError):
                self.by_path.setdefault(real_path(path, self._folders), path)
            with contextlib.suppress(OSError, ValueError):
                info = os.stat(path)
                self.by_inode.setdefault((info.st_dev, info.st_ino), path)

    def find(self, target: Path) -> Path | None:
        """The protected file that ``target`` names, if any."""
        with contextlib.suppress(OSError, RuntimeError):
            found = self.by_path.get(real_path(target, self._folders))
            if found is not None:
                return found
        try:
            info = os.stat(target)
        except (OSError, ValueError):
            return None
        return self.by_inode.get((info.st_dev, info.st_ino))


def real_path(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, with each folder resolved only once (``folders`` caches them): a name that is not a
    symbolic link resolves to its folder's real path plus itself. For n files in one folder, n lstat calls
    instead of one per component of each path."""
    name = path.name
    if name in ("", ".", "..") or os.path.islink(path):
        return path.resolve()
    folder = path.parent
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = folder.resolve()
    return real / name


def check_name(path: str | Path) -> Path:
    """``path``, or `OutputError` when its file name is longer than file systems allow (255 bytes)."""
    path = Path(path)
    size = len(path.name.encode("utf-8", "surrogateescape"))
    if size > MAX_NAME_BYTES:
        raise OutputError(
            f"输出文件名太长（{size} 字节，上限 {MAX_NAME_BYTES} 字节，一个汉字占 3 字节）："
            f"{path.name[:20]}……；请用 -o 给出较短的文件名"
        )
    return path


def check_target(
    path: str | Path, inputs: Iterable[str | Path] | Protected = (), *, overwrite: bool = True, hint: str = ""
) -> os.stat_result | None:
    """Apply the output-safety rule to ``path``; returns the ``lstat`` of the file it would replace, or None.

    ``hint`` is added to the "already exists" message (e.g. "加 --force 覆盖"). Raises `OutputError`."""
    path = check_name(path)
    source = (inputs if isinstance(inputs, Protected) else Protected(inputs)).find(path)
    if source is not None:
        raise OutputError(
            f"输出文件 {path} 是输入文件本身（{source}），不能覆盖（--force 也不行）；"
            "请用 -o 换一个文件名或输出文件夹"
        )
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"无法检查输出文件 {path}：{exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"输出路径 {path} 是文件夹，请给出文件名，如 {path / '讲话.docx'}")
    if stat.S_ISLNK(info.st_mode):
        try:
            pointed = os.stat(path)
        except OSError:
            pointed = None  # a dangling link: nothing behind it to protect
        if pointed is not None and not stat.S_ISREG(pointed.st_mode):  # e.g. /dev/stdout → a terminal or pipe
            raise OutputError(
                f"输出路径 {path} 是指向文件夹、设备或管道的符号链接，不替换；请换一个文件名（输出到屏幕用 -o -）"
            )
    elif not stat.S_ISREG(info.st_mode):
        raise OutputError(f"输出路径 {path} 不是普通文件（设备、管道或套接字），不替换；请换一个文件名")
    if not overwrite:
        raise OutputError(f"文件 {path} 已存在，未覆盖{('；' + hint) if hint else ''}")
    return info

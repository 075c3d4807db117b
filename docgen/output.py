"""Writing results: atomic file writes, so a target holds the old file or the whole new one, never a part."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from docgen.errors import OutputError


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"输出目录不存在：{folder}")
    if path.is_dir():
        raise OutputError(f"输出路径 {path} 是文件夹，请给出文件名，如 {path / '讲话.docx'}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"无法在 {folder} 中写文件：{exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"无法写入 {path}：{exc.strerror}") from None
        raise
    return path


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, before any writer thread exists.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()

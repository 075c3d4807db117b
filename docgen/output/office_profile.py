"""A pre-initialised LibreOffice user profile, made once per user and copied into every conversion.

LibreOffice's first start in an empty profile sets it up (extension registries, the Basic library, the
gallery, graphics tests): a fresh profile per conversion pays that every time. docgen makes that first start
once, converting a one-line text file of its own (nothing to fetch or run), and keeps the profile it leaves in
the per-user cache (``$XDG_CACHE_HOME/docgen/libreoffice-<key>``, the key naming this soffice and docgen's
version). Each conversion then copies it into its own work folder: every conversion still has a private
profile (parallel conversions never share one) and still gets docgen's hardened settings written into it by
`docgen.output.pdf` before LibreOffice starts.

Of LibreOffice's own settings file only a few facts of the setup (`KEPT_SETTINGS`) are kept, read back by a
strict pattern on every use: nothing the set-up run recorded can loosen the hardened settings. The cache is
used only if it and every file in it belong to this user, are writable by nobody else and are plain files or
folders (no links); otherwise, or with ``DOCGEN_NO_CACHE=1``, conversions use a fresh profile as before.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

FORMAT = 1
SETTINGS_FILE = "registrymodifications.xcu"
KEPT_SETTINGS = (
    ("/org.openoffice.Setup/Office", "LastCompatibilityCheckID"),  # extensions checked for this version
    ("/org.openoffice.Setup/Office", "ooSetupInstCompleted"),
    ("/org.openoffice.Office.Common/Misc", "FirstRun"),
)
_XCU_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
_MAX_FILES = 400
_MAX_BYTES = 32 * 1024 * 1024
_PREFIX = "libreoffice-"


def kept_settings(xcu: str) -> list[str]:
    """The `KEPT_SETTINGS` items of a LibreOffice settings file, each matched whole by a strict pattern
    (a short plain value), in the order of `KEPT_SETTINGS`; anything else in the file is ignored."""
    items = []
    for path, name in KEPT_SETTINGS:
        pattern = (
            rf'<item oor:path="{re.escape(path)}"><prop oor:name="{re.escape(name)}" oor:op="fuse">'
            r"<value>[A-Za-z0-9().:_ -]{1,64}</value></prop></item>"
        )
        found = re.search(pattern, xcu)
        if found:
            items.append(found[0])
    return items


def profile_key(soffice: str) -> str:
    """This soffice (its real path, size and modification time) and docgen's version, hashed."""
    from docgen import __version__

    real = os.path.realpath(soffice)
    info = os.stat(real)
    text = f"{FORMAT}\0{__version__}\0{real}\0{info.st_size}\0{info.st_mtime_ns}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def copy_into(profile: Path, soffice: str, initialise: Callable[[Path], None]) -> bool:
    """Copy the initialised profile for ``soffice`` into the empty folder ``profile`` (as ``profile/user``),
    making it first with ``initialise`` (which runs LibreOffice once in the profile folder it is given) if
    the cache has none. False when there is no usable cache: the caller then starts from a fresh profile."""
    template = _template(soffice, initialise)
    if template is None:
        return False
    try:
        shutil.copytree(template / "user", profile / "user", copy_function=shutil.copyfile)
    except (OSError, shutil.Error):
        shutil.rmtree(profile / "user", ignore_errors=True)
        return False
    return True


def _template(soffice: str, initialise: Callable[[Path], None]) -> Path | None:
    from docgen.user_cache import cache_dir, owned_privately

    folder = cache_dir()
    if folder is None:
        return None
    try:
        final = folder / f"{_PREFIX}{profile_key(soffice)}"
        if final.exists() or final.is_symlink():
            return final if _trustworthy(final, owned_privately) else None
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not owned_privately(os.stat(folder, follow_symlinks=False)):
            return None
        building = Path(tempfile.mkdtemp(prefix=f".{_PREFIX}", dir=folder))
    except OSError:
        return None
    try:
        _build(building, initialise)
        os.rename(building, final)  # atomic; fails if another process got there first, whose copy then serves
    except Exception:  # any failure only means no cache: conversions use fresh profiles
        shutil.rmtree(building, ignore_errors=True)
        return final if final.is_dir() and _trustworthy(final, owned_privately) else None
    from docgen.user_cache import prune

    prune(keep=(final.name,))  # a new profile: older ones beyond the cache's bound go
    return final


def _build(building: Path, initialise: Callable[[Path], None]) -> None:
    work = building / "run"
    work.mkdir()
    initialise(work)
    made = work / "user"
    settings = made / SETTINGS_FILE
    kept = kept_settings(settings.read_text(encoding="utf-8")) if settings.is_file() else []
    if not kept:
        raise RuntimeError("LibreOffice did not record its setup")
    items = "".join(f"{item}\n" for item in kept)  # the facts only
    settings.write_text(f"{_XCU_HEAD}{items}</oor:items>\n", encoding="utf-8")
    for backup in (made / "pack",):  # LibreOffice's safe-mode copy of the same files, not needed
        shutil.rmtree(backup, ignore_errors=True)
    os.rename(made, building / "user")
    shutil.rmtree(work)  # what HOME=profile collected besides the profile (dconf, fontconfig caches)


def _trustworthy(template: Path, owned_privately: Callable[[os.stat_result], bool]) -> bool:
    """Only folders and plain files, all ours and writable by nobody else, and not too many or too large."""
    count = size = 0
    try:
        info = os.lstat(template)
        if not stat.S_ISDIR(info.st_mode) or not owned_privately(info):
            return False
        for root, folders, files in os.walk(template):  # links are not followed, and refused below
            for entry in (*folders, *files):
                info = os.lstat(os.path.join(root, entry))
                if not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)) or not owned_privately(info):
                    return False
                count += 1
                size += info.st_size
        return count <= _MAX_FILES and size <= _MAX_BYTES and (template / "user").is_dir()
    except OSError:
        return False

"""The `docgen` executable (and ``python -m docgen``): a help text answered from the per-user cache, anything
else handed to `docgen.cli`.

``docgen --help`` should cost about what starting Python costs. Importing argparse and the command line and
building the parser take longer than the interpreter's own start (≈ 25 ms on the development machine), for a
text that is the same every time. So the first ``--help`` of a kind (``docgen --help``, ``docgen render -h``
…) is made by argparse as always and kept in the cache, keyed by everything it depends on: docgen's version,
the command line's modules (path, size, modification time), Python's version, the terminal width argparse
wraps to and the locale variables; later ones are read back. A cached text is trusted only under the cache's
rule (`docgen.user_cache`: this user's, writable by nobody else, a regular file) and only if its stored key
is exactly the key asked for; anything else is made afresh. ``DOCGEN_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import sys

from docgen.user_cache import cache_folder, owned_privately, prune, read_private

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

HELP_FLAGS = ("-h", "--help")
_FORMAT = "docgen help 1"
_MAX_HELP_BYTES = 1 << 20
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``docgen`` and ``python -m docgen``; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not is_help_request(arguments):
        # pydantic looks for plugins the first time it builds a validator, by reading the entry points of every
        # installed distribution (≈ 3 ms here, more where many packages are installed). The command line runs
        # under no pydantic plugin, so it turns the search off with pydantic's documented switch, unless the
        # user has set it (``PYDANTIC_DISABLE_PLUGINS=`` keeps plugins on); docgen as a library leaves it alone.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        _answer_no_plugins()
        if arguments[:1] == ["render"]:
            return _render(arguments)
        from docgen.cli import main as command

        return command(arguments)
    key = _key(arguments)
    text = cached_help(key) if key is not None else None
    if text is None:
        text, status = _made_help(arguments)
        if status != 0:
            return status
        if key is not None:
            _store(key, text)
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


PLUGIN_LOADER = "pydantic.plugin._loader"
PLUGINS_OFF = ("__all__", "1", "true")
"""The values of ``PYDANTIC_DISABLE_PLUGINS`` for which pydantic's loader returns no plugin without looking."""


def _answer_no_plugins() -> None:
    """With every plugin switched off, pydantic's plugin loader answers "none" without reading anything — but
    importing it imports `importlib.metadata` (and with it email, csv, …: ≈ 13 ms, 7 % of a render) for the
    scan it will not make. The command line then gives pydantic a loader module with that same answer. It is
    put in place only under the switch's "all off" values and only before pydantic's own loader was imported;
    `tests/test_entry.py` checks that pydantic's loader answers the same under the switch, and that with the
    switch unset or set otherwise the real loader runs."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF or PLUGIN_LOADER in sys.modules:
        return
    import types

    loader = types.ModuleType(PLUGIN_LOADER, "docgen's stand-in: every pydantic plugin is switched off")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[PLUGIN_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()


def _render(arguments: list[str]) -> int:
    """``docgen render``: one document, then the process ends. The cyclic garbage collector is paused for it:
    its passes would walk what start-up makes (pydantic's and Jinja's classes, the models' validators, all
    kept to the end) some 16 times and find nothing to free (≈ 3 % of the run's instructions); reference
    counting frees the render's own objects as always, and the collector is on again afterwards."""
    from docgen.collector import collector_paused

    with collector_paused():
        from docgen.cli import main as command

        return command(arguments)


def is_help_request(arguments: Sequence[str]) -> bool:
    """``--help`` or ``-h``, after at most two command words (``docgen templates export --help``); words
    that could be file names (``docgen render 讲话.yaml -h``) are not kept, so the cache stays a few files."""
    return (
        0 < len(arguments) <= 3
        and arguments[-1] in HELP_FLAGS
        and all(word.isascii() and word.isalpha() and word.islower() for word in arguments[:-1])
    )


def terminal_columns() -> int:
    """The width argparse wraps help to, found as `shutil.get_terminal_size` finds it (without importing
    shutil): ``COLUMNS``, else the terminal on standard output, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _key(arguments: Sequence[str]) -> str | None:
    from docgen import __version__

    parts = [_FORMAT, __version__, sys.version]
    cli = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cli")
    try:  # every module of the command line: each adds the parser of its commands
        modules = sorted(name for name in os.listdir(cli) if name.endswith(".py"))
        for name in modules:
            info = os.stat(os.path.join(cli, name))
            parts += [os.path.join(cli, name), str(info.st_mtime_ns), str(info.st_size)]
    except OSError:
        return None
    parts += [str(terminal_columns()), *(os.environ.get(name, "") for name in _LOCALE_VARIABLES), *arguments]
    return "\x1f".join(parts)


def _file(key: str) -> str | None:
    import zlib

    folder = cache_folder()
    if folder is None:
        return None
    return os.path.join(folder, f"help-{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}.txt")


def cached_help(key: str) -> str | None:
    """The help text kept for ``key``, or None if there is none to trust."""
    path = _file(key)
    if path is None:
        return None
    data = read_private(path, _MAX_HELP_BYTES)
    if data is None:
        return None
    stored, separator, text = data.partition(b"\0")
    if not separator or stored != key.encode("utf-8", "surrogateescape"):
        return None
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _made_help(arguments: list[str]) -> tuple[str, int]:
    """argparse's help for ``arguments`` and the exit status (0 when it printed help and nothing else)."""
    import contextlib
    import io

    from docgen.cli import main as command

    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            status = command(arguments)
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    if status != 0:  # not a help text after all (an unknown command…): shown as it is, not kept
        sys.stdout.write(printed.getvalue())
        return "", status
    return printed.getvalue(), 0


def _store(key: str, text: str) -> None:
    """Keep ``text`` for ``key``; a cache that cannot be written is silently not used."""
    path = _file(key)
    if path is None or not text:
        return
    folder = os.path.dirname(path)
    temporary = os.path.join(folder, f".help-{os.getpid()}.tmp")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not owned_privately(os.stat(folder, follow_symlinks=False)):
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(temporary, flags, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(key.encode("utf-8", "surrogateescape") + b"\0" + text.encode("utf-8"))
        os.replace(temporary, path)  # atomic: a reader sees the old text, the new one, or none
    except OSError:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    prune(keep=(os.path.basename(path),))  # a new entry: older ones beyond the cache's bound go

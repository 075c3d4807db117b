"""The `docgen` entry point: ``--help`` from the per-user cache is argparse's text exactly, and a cached text
is used only under the cache's trust rule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

PROBE = (
    "import sys\n"
    "from docgen.entry import main\n"
    "status = main(sys.argv[1:])\n"
    "print('argparse' in sys.modules, status, file=sys.stderr)\n"
)


def _run(cache: Path, *arguments: str, columns: int = 100) -> tuple[str, str, int]:
    env = dict(os.environ, PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(cache), COLUMNS=str(columns))
    env.pop("DOCGEN_NO_CACHE", None)
    result = subprocess.run([sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, env=env)
    return result.stdout, result.stderr.strip(), result.returncode


def _argparse_help(*command: str, columns: int = 100) -> str:
    code = (
        "import sys\n"
        "from docgen.cli import build_parser\n"
        "parser = build_parser()\n"
        "sys.argv = ['docgen', *sys.argv[1:]]\n"
        "parser.parse_args(sys.argv[1:])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS=str(columns))
    return subprocess.run(
        [sys.executable, "-c", code, *command, "--help"], capture_output=True, text=True, env=env
    ).stdout


def test_help_is_argparse_s_and_the_second_time_comes_from_the_cache(tmp_path):
    expected = _argparse_help()
    assert "docgen render" in expected
    first = _run(tmp_path, "--help")
    assert first == (expected, "True 0", 0)  # made by argparse, then kept
    second = _run(tmp_path, "--help")
    assert second == (expected, "False 0", 0)  # read back: argparse not even imported
    assert _run(tmp_path, "render", "-h") == (_argparse_help("render"), "True 0", 0)


def test_another_terminal_width_gets_its_own_help(tmp_path):
    _run(tmp_path, "--help", columns=100)
    narrow = _run(tmp_path, "--help", columns=50)
    assert narrow == (_argparse_help(columns=50), "True 0", 0)
    assert narrow[0] != _argparse_help(columns=100)


def test_a_cached_help_others_could_write_is_not_used(tmp_path):
    _run(tmp_path, "--help")
    (entry,) = (tmp_path / "docgen").glob("help-*.txt")
    entry.write_bytes(entry.read_bytes().replace(b"docgen render", b"docgen hacked"))
    entry.chmod(0o664)  # group-writable: someone else may have written it
    stdout, probe, status = _run(tmp_path, "--help")
    assert (stdout, probe, status) == (_argparse_help(), "True 0", 0)


def test_a_cached_help_for_another_key_is_not_used(tmp_path):
    _run(tmp_path, "--help")
    (entry,) = (tmp_path / "docgen").glob("help-*.txt")
    key, _, text = entry.read_bytes().partition(b"\0")
    entry.write_bytes(key + b" other" + b"\0" + text.replace(b"docgen render", b"docgen hacked"))
    assert _run(tmp_path, "--help") == (_argparse_help(), "True 0", 0)


def test_help_for_an_unknown_command_is_an_error_and_not_kept(tmp_path):
    _, probe, _ = _run(tmp_path, "nosuch", "--help")
    assert "无效的选项" in probe  # argparse's error, in Chinese, on standard error
    assert probe.splitlines()[-1] == "True 2"  # exit status 2
    assert not list((tmp_path / "docgen").glob("help-*.txt"))


def test_only_command_words_make_a_help_kept():
    from docgen.entry import is_help_request

    assert is_help_request(["--help"]) and is_help_request(["templates", "export", "-h"])
    assert not is_help_request(["render", "讲话.yaml", "--help"])  # a file name: argparse answers, nothing kept
    assert not is_help_request(["--debug", "--help"]) and not is_help_request([]) and not is_help_request(["render"])


def test_the_command_line_turns_pydantic_s_plugin_search_off_unless_the_user_set_it(monkeypatch):
    import docgen.cli
    import docgen.entry
    from docgen.entry import main

    seen: list[str | None] = []

    def command(arguments: list[str]) -> int:
        seen.append(os.environ.get("PYDANTIC_DISABLE_PLUGINS"))
        return 0

    monkeypatch.setattr(docgen.cli, "main", command)
    monkeypatch.setattr(docgen.entry, "_answer_no_plugins", lambda: None)  # this process keeps pydantic's loader
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert main(["render", "x.yaml"]) == 0
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "")  # the user's: plugins on
    assert main(["render", "x.yaml"]) == 0
    assert seen == ["__all__", ""]


def test_render_runs_with_the_cyclic_collector_paused_and_restores_it(monkeypatch):
    import gc

    import docgen.cli
    from docgen.entry import main

    seen: list[bool] = []

    def command(arguments: list[str]) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(docgen.cli, "main", command)
    assert gc.isenabled()
    assert main(["render", "x.yaml"]) == 0 and main(["stats", "x.yaml"]) == 0
    assert seen == [False, True]  # paused for the one-document render only
    assert gc.isenabled()


LOADER_PROBE = (
    "import sys\n"
    "from docgen.entry import main\n"
    "status = main(sys.argv[1:])\n"
    "from pydantic.plugin._loader import get_plugins\n"
    "real = hasattr(sys.modules['pydantic.plugin._loader'], 'entry_points')\n"
    "print(status, 'importlib.metadata' in sys.modules, real, list(get_plugins()))\n"
)


def _render_probe(tmp_path: Path, **switch: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(tmp_path / "cache"), **switch)
    if not switch:
        env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    out = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.docx"
    arguments = ["render", str(REPO / "examples" / "seed.yaml"), "-o", str(out)]
    result = subprocess.run([sys.executable, "-c", LOADER_PROBE, *arguments], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    return result.stdout.splitlines()[-1]


def test_with_every_plugin_off_the_command_line_answers_no_plugins_without_scanning(tmp_path):
    # The stand-in loader: no importlib.metadata, no plugins, the document rendered.
    assert _render_probe(tmp_path) == "0 False False []"
    assert _render_probe(tmp_path, PYDANTIC_DISABLE_PLUGINS="1") == "0 False False []"
    # The user's own settings keep pydantic's real loader (which scans entry points).
    assert _render_probe(tmp_path, PYDANTIC_DISABLE_PLUGINS="") == "0 True True []"
    assert _render_probe(tmp_path, PYDANTIC_DISABLE_PLUGINS="some_plugin") == "0 True True []"


def test_pydantic_s_own_loader_answers_no_plugins_under_the_switch_values_docgen_stands_in_for():
    from docgen.entry import PLUGINS_OFF

    code = "from pydantic.plugin._loader import get_plugins; print(list(get_plugins()))"
    for value in PLUGINS_OFF:
        env = dict(os.environ, PYDANTIC_DISABLE_PLUGINS=value)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        assert result.stdout.strip() == "[]", value

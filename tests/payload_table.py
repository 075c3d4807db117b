"""Print the table of hostile and careless inputs (issue 10) and what docgen does with each, run for real.

    PYTHONPATH=$PWD python -m tests.payload_table

Every row builds its input with `tests.hostile_files`, runs the CLI in-process and prints the exit code and
the first line of what docgen said. The tests assert these outcomes; this script only shows them."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from docgen.cli import main
from docgen.template.prepared import templates_dir

from . import hostile_files as hf

SPEECH = "title: 在全县工作会议上的讲话\nclosing: [谢谢大家！]\n"
DRAFT = "在全县工作会议上的讲话\n同志们：\n今天我们召开全县工作会议，部署今年任务。\n谢谢\t大家！\n"
TRADITIONAL = "在全縣工作會議上的講話\n同志們：\n今天我們召開全縣工作會議，部署今年任務。\n謝謝大家！\n"


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
        warnings.simplefilter("always")
        code = main(list(args))
    text = (err.getvalue() or out.getvalue()).strip().splitlines()
    said = next((line for line in text if line.startswith(("错误", "警告", "已去掉", "  ✗", "失败", "内部错误"))), "")
    return code, (said or (text[-1] if text else ""))[:110]


def row(payload: str, outcome: str) -> None:
    print(f"| {payload} | {outcome.replace('|', '¦')} |")


def output_rows(tmp: Path) -> None:
    txt, docx = tmp / "a.txt", tmp / "a.docx"
    txt.write_text(DRAFT, encoding="utf-8")
    docx.write_bytes(hf.plain_docx(("原稿。",)))
    before = docx.read_bytes()
    code, said = run("batch", str(txt), str(docx), "-o", str(tmp), "--force", "--json")
    row("`batch a.txt a.docx -o . --force`", f"exit {code}; a.docx unchanged: {docx.read_bytes() == before}; {said}")
    talk = tmp / "talk.pdf"
    talk.write_text(SPEECH, encoding="utf-8")
    code, said = run("render", str(talk), "--pdf")
    row("`render talk.pdf --pdf` (YAML named .pdf)", f"exit {code}; {said}")
    tpl = tmp / "mytpl.docx"
    shutil.copy(templates_dir() / "speech.docx", tpl)
    s = tmp / "s.yaml"
    s.write_text(SPEECH, encoding="utf-8")
    code, said = run("render", str(s), "-t", str(tpl), "-o", str(tpl))
    row("`render s.yaml -t mytpl.docx -o mytpl.docx`", f"exit {code}; {said}")
    os.link(s, tmp / "hard.docx")
    code, said = run("render", str(s), "-o", str(tmp / "hard.docx"))
    row("`-o` a hard link of the input", f"exit {code}; {said}")
    (tmp / "soft.docx").symlink_to(s)
    code, said = run("render", str(s), "-o", str(tmp / "soft.docx"), "--pdf")
    row("`-o` a symlink to the input", f"exit {code}; {said}")
    fifo = tmp / "fifo.docx"
    os.mkfifo(fifo)
    code, said = run("render", str(s), "-o", str(fifo))
    row("`-o` a FIFO", f"exit {code}; still a FIFO: {stat.S_ISFIFO(os.lstat(fifo).st_mode)}; {said}")
    try:
        node = tmp / "null.docx"
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        code, said = run("render", str(s), "-o", str(node))
        row(
            "`-o` a device node (copy of /dev/null, as root)",
            f"exit {code}; still a device: {stat.S_ISCHR(os.lstat(node).st_mode)}; {said}",
        )
    except PermissionError:
        row("`-o` a device node", "not run (needs root)")
    link = tmp / "stdout.yaml"
    link.symlink_to("/dev/stdout")
    code, said = run("import", str(txt), "-o", str(link), "--force")
    row("`import -o link-to-/dev/stdout --force`", f"exit {code}; {said}")
    private = tmp / "private.docx"
    private.write_bytes(b"old")
    os.chmod(private, 0o600)
    code, said = run("render", str(s), "-o", str(private))
    row("`-o` an existing chmod 600 file", f"exit {code}; mode after: {oct(stat.S_IMODE(private.stat().st_mode))}")
    linked = tmp / "linked.docx"
    linked.write_bytes(b"old")
    os.link(linked, tmp / "other-name.docx")
    code, said = run("render", str(s), "-o", str(linked))
    row("`-o` a file with a second hard link", f"exit {code}; {said}")
    edited = tmp / "a.yaml"
    edited.write_text("# 手工修改\n" + SPEECH, encoding="utf-8")
    code, said = run("import", str(txt))
    row("`import a.txt` over a hand-edited a.yaml", f"exit {code}; {said}")
    code, said = run("render", str(s), "-o", str(tmp / ("讲" * 90 + ".docx")))
    row("output name of 275 bytes", f"exit {code}; {said}")
    stale = tmp / f".docgen-{2**22 + 12345}-abcd1234.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1, 1))
    run("render", str(s), "-o", str(tmp / "again.docx"))
    row("stale `.docgen-<dead pid>-….tmp` beside the target", f"removed by the next render: {not stale.exists()}")


def encoding_rows(tmp: Path) -> None:
    cases: list[tuple[str, bytes]] = [
        ("UTF-8", DRAFT.encode()),
        ("UTF-8 with BOM", b"\xef\xbb\xbf" + DRAFT.encode()),
        ("UTF-16 LE BOM", DRAFT.encode("utf-16")),
        ("UTF-16 BE BOM", b"\xfe\xff" + DRAFT.encode("utf-16-be")),
        ("UTF-32 BOM", DRAFT.encode("utf-32")),
        ("GB18030", DRAFT.encode("gb18030")),
        ("GBK", DRAFT.encode("gbk")),
        ("Big5 (the issue's case)", TRADITIONAL.encode("big5")),
        ("Traditional text saved as GB18030", TRADITIONAL.encode("gb18030")),
        ("'会议' in GBK (also valid Big5)", "会议".encode("gbk")),
        ("UTF-16 without BOM", DRAFT.encode("utf-16-le")),
    ]
    for name, raw in cases:
        path = tmp / "草稿.txt"
        path.write_bytes(raw)
        code, said = run("import", str(path), "-o", "-", "--title", "在全县工作会议上的讲话")
        if code == 0:
            from docgen.importer import import_file

            result = import_file(path, title="在全县工作会议上的讲话")
            dumped = result.speech.model_dump_json()
            private = any(0xE000 <= ord(ch) <= 0xF8FF for ch in dumped)
            said = f"read as {result.report.encoding}; private-use characters: {private}"
        row(f".txt draft, {name}", f"exit {code}; {said}")
    path = tmp / "繁體.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    code, said = run("import", str(path), "-o", "-", "--encoding", "gb18030")
    row("Big5 file with `--encoding gb18030`", f"exit {code}; {said}")


def draft_rows(tmp: Path) -> None:
    base = hf.plain_docx(("今天召开会议。",))
    builders: list[tuple[str, Callable[[], bytes]]] = [
        ("internal entity `今天&e;召开会议。`", lambda: hf.with_entity(base)),
        ("zip bomb (60 MB of zeros in 60 KB)", lambda: hf.zip_bomb(base, 60)),
        ("encrypted (OLE compound file)", hf.encrypted_docx),
        ("bzip2-compressed entries", lambda: hf.repack(base, compression=zipfile.ZIP_BZIP2)),
        ("LZMA-compressed entries", lambda: hf.repack(base, compression=zipfile.ZIP_LZMA)),
        ("truncated to half", lambda: hf.truncated(base)),
        ("not a zip", lambda: b"hello"),
        ("malformed document.xml", lambda: hf.repack(base, {"word/document.xml": b"<w:document"})),
        ("no word/document.xml", lambda: hf.repack(base, drop=("word/document.xml",))),
    ]
    for name, build in builders:
        path = tmp / "坏.docx"
        path.write_bytes(build())
        results = []
        for command in (
            ["import", str(path), "-o", "-"],
            ["stats", str(path)],
            ["check", str(path)],
            ["render", str(path), "-o", str(tmp / "out.docx")],
        ):
            code, said = run(*command)
            results.append(str(code))
        row(f".docx draft: {name}", f"import/stats/check/render exit {'/'.join(results)}; {said}")
    folder = tmp / "文件夹.docx"
    folder.mkdir()
    code, said = run("import", str(folder), "-o", "-")
    row("a folder given as the draft", f"exit {code}; {said}")
    code, said = run("stats", str(tmp / "没有.docx"))
    row("a missing draft", f"exit {code}; {said}")


def template_rows(tmp: Path) -> None:
    bundled = (templates_dir() / "speech.docx").read_bytes()
    s = tmp / "s.yaml"
    s.write_text(SPEECH, encoding="utf-8")
    for name, (build, _) in hf.ACTIVE_PAYLOADS.items():
        path = tmp / f"{name}.docx"
        path.write_bytes(build(bundled))
        check, said = run("templates", "check", str(path))
        render, _ = run("render", str(s), "-t", str(path), "-o", str(tmp / "o.docx"))
        strip, stripped = run("render", str(s), "-t", str(path), "-o", str(tmp / "o.docx"), "--strip-external")
        row(
            f"template: {name}",
            f"check exit {check} ({said.strip()}); render exit {render}; --strip-external exit {strip} ({stripped})",
        )
    path = tmp / "web-link.docx"
    path.write_bytes(hf.hyperlink(bundled, "https://www.gov.cn/"))
    code, said = run("render", str(s), "-t", str(path), "-o", str(tmp / "o.docx"))
    row("template: https hyperlink", f"render exit {code} (kept, listed as 注意 by check)")


def main_table() -> None:
    print("| payload | result |\n|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for rows in (output_rows, encoding_rows, draft_rows, template_rows):
            folder = Path(work) / rows.__name__
            folder.mkdir()
            rows(folder)


if __name__ == "__main__":
    main_table()

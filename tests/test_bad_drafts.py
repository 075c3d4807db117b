"""Bad drafts at the command line: `docgen import`, `docgen render draft.txt` and `docgen batch` each refuse them
with exit 2 and a Chinese message naming the file (never a traceback, never exit 1, never an output file), and
keep a draft's text that looks like Jinja or XML inert — printed as written.

(What tests/test_draft_safety.py covers already — encodings, broken and hostile .docx in import/stats/render/check,
folders, unreadable files — is not repeated; the hostile .docx drafts get `batch` here.)
"""

from __future__ import annotations

import codecs
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.cli import main

from . import hostile_files as hf
from .conftest import docx_paragraphs

TITLE = "在全县工作会议上的讲话"


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return build


def _symlink_to_dev_zero(folder: Path) -> Path:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    path = folder / "零.txt"
    path.symlink_to("/dev/zero")
    return path


def _too_big(folder: Path) -> Path:
    from docgen.model.load import MAX_INPUT_BYTES

    path = folder / "大.txt"
    line = "全县上下凝心聚力，各项工作取得新成效。\n".encode()
    path.write_bytes(f"{TITLE}\n".encode() + line * (MAX_INPUT_BYTES // len(line) + 1))
    return path


# name → (build the draft in a folder, a word the message must hold besides the file's name)
BAD_DRAFTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_write("空.txt", b""), "--title"),
    "only-whitespace": (_write("空白.txt", " \n\t\n\u3000\n\r\n".encode()), "--title"),
    "no-title": (_write("无标题.txt", "今天召开会议，部署今年任务。\n我就讲这些，谢谢大家！\n".encode()), "--title"),
    "binary-junk": (_write("二进制.txt", bytes(range(256)) * 16), "不是文本文件"),
    # An image given as a draft: NULs, like UTF-16 text without a BOM, but not text in any byte order.
    "image": (_write("照片.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(7, 251)) * 8), "不是文本文件"),
    "utf16-without-bom": (_write("无BOM.txt", f"{TITLE}\n同志们：\n".encode("utf-16-le")), "UTF-16"),
    "nul-byte": (_write("空字节.txt", f"{TITLE}\n今天\x00召开会议。\n".encode()), "U+0000"),
    "control-character": (_write("控制.txt", f"{TITLE}\n今天\x1b[31m召开会议。\n".encode()), "U+001B"),
    "lone-surrogate-utf16": (
        _write(
            "代理.txt", codecs.BOM_UTF16_LE + f"{TITLE}\n".encode("utf-16-le") + b"\x00\xd8" + "好".encode("utf-16-le")
        ),
        "UTF-16",
    ),
    "invalid-utf8-continuation": (_write("截断.txt", f"{TITLE}\n今天".encode() + "召".encode()[:2]), "UTF-8"),
    "too-big": (_too_big, "MB"),
    "symlink-to-dev-zero": (_symlink_to_dev_zero, "MB|普通文件"),  # batch takes regular files only
    "zip-bomb-docx": (lambda folder: _write("炸弹.docx", hf.zip_bomb(hf.plain_docx(), megabytes=60))(folder), "压缩"),
    "encrypted-docx": (lambda folder: _write("加密.docx", hf.encrypted_docx())(folder), "加密"),
    "truncated-docx": (lambda folder: _write("截断.docx", hf.truncated(hf.plain_docx()))(folder), ".docx"),
}


def _command(kind: str, draft: Path, out: Path) -> list[str]:
    if kind == "import":
        return ["import", str(draft), "-o", str(out / "草稿.yaml")]
    if kind == "render":
        return ["render", str(draft), "-o", str(out / "讲话.docx")]
    return ["batch", str(draft), "-o", str(out), "--json"]


@pytest.mark.parametrize("kind", ["import", "render", "batch"])
@pytest.mark.parametrize("name", list(BAD_DRAFTS))
def test_a_bad_draft_is_exit_2_naming_the_file_and_writes_nothing(tmp_path, capsys, name, kind):
    build, word = BAD_DRAFTS[name]
    inputs = tmp_path / "in"
    inputs.mkdir()
    draft = build(inputs)
    before = sorted(p.name for p in inputs.iterdir())
    out = tmp_path / "out"
    out.mkdir()
    code = main(_command(kind, draft, out))
    captured = capsys.readouterr()
    said = captured.err
    if kind == "batch":
        said += " ".join(d["error"] or "" for d in json.loads(captured.out)["documents"])
    assert code == 2, (name, kind, said)
    assert draft.name in said, (name, kind, said)
    assert any(w in said for w in word.split("|")), (name, kind, said)
    assert "Traceback" not in said and "内部错误" not in said, said
    assert any("\u4e00" <= ch <= "\u9fff" for ch in said.replace(draft.name, "")), said  # a Chinese message
    assert list(out.iterdir()) == [], (name, kind)  # no output, no temporary file left behind
    assert sorted(p.name for p in inputs.iterdir()) == before  # the input folder untouched


def test_a_draft_that_is_only_a_title_is_a_speech_of_only_a_title(tmp_path, capsys):
    # Not bad input: the model's only required field is the title, and the report says what was not found.
    draft = tmp_path / "只有标题.txt"
    draft.write_text(f"{TITLE}\n", encoding="utf-8")
    assert main(["render", str(draft), "-o", str(tmp_path / "讲话.docx")]) == 0
    assert "称谓" in capsys.readouterr().err  # "请核对：原稿中没有找到称谓"
    texts = [text for _, text in docx_paragraphs((tmp_path / "讲话.docx").read_bytes())]
    assert [text for text in texts if text.strip()] == [TITLE]


INERT = [
    "{{ title }}，{{ ''.__class__.__mro__ }}，{% if true %}是{% endif %}，{# 注释 #}，{%- raw -%}。",
    ']]>、<w:p><w:r><w:t>注入</w:t></w:r></w:p>、&amp;、&、<、>、"、\'、<!DOCTYPE x [<!ENTITY e "x">]>&e;。',
    "${x}、#{y}、{_{ z }_}、%(name)s、{0.__class__}、{{{{ 四重 }}}}。",
]


@pytest.mark.parametrize("via", ["render", "batch", "import"])
def test_jinja_and_xml_looking_text_in_a_draft_is_printed_as_written(tmp_path, capsys, via):
    draft = tmp_path / "字样.txt"
    draft.write_text("\n".join([TITLE, "同志们：", *INERT, "谢谢大家！"]), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    if via == "import":
        assert main(["import", str(draft), "-o", str(out / "s.yaml")]) == 0
        assert main(["render", str(out / "s.yaml"), "-o", str(out / "s.docx")]) == 0
        document = out / "s.docx"
    else:
        assert main(_command(via, draft, out)) == 0
        document = out / ("讲话.docx" if via == "render" else "字样.docx")
    capsys.readouterr()
    texts = [text for _, text in docx_paragraphs(document.read_bytes())]
    for line in INERT:
        assert line in texts, (line, texts)
    with zipfile.ZipFile(document) as package:
        xml = package.read("word/document.xml").decode()
    assert "<w:t>注入</w:t>" not in xml and "<!DOCTYPE" not in xml  # escaped, never markup


def test_a_docx_draft_with_external_relationships_stays_inert(tmp_path, capsys):
    # Only text is read from a draft: an external picture and an attached remote template are never fetched,
    # the picture is reported as not taken, and nothing external reaches the rendered document.
    data = hf.attached_template(hf.external_image(hf.plain_docx(("今天召开会议。",)), "http://127.0.0.1:9/x.png"))
    draft = tmp_path / "外部.docx"
    draft.write_bytes(data)
    out = tmp_path / "讲话.docx"
    assert main(["render", str(draft), "-o", str(out)]) == 0
    assert "图片" in capsys.readouterr().err
    with zipfile.ZipFile(out) as package:
        for name in package.namelist():
            if name.endswith(".rels"):
                rels = package.read(name).decode()
                assert "External" not in rels and "127.0.0.1" not in rels, name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_fifo_with_a_writer_is_read_like_a_file(tmp_path, capsys):
    # `docgen import <(cat 草稿.txt)` hands docgen a pipe: it is read, not refused.
    import threading

    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    text = f"{TITLE}\n同志们：\n今天召开会议。\n"
    writer = threading.Thread(target=lambda: fifo.write_text(text, encoding="utf-8"), daemon=True)
    writer.start()
    assert main(["import", str(fifo), "-o", "-"]) == 0
    writer.join(5)
    assert "今天召开会议。" in capsys.readouterr().out

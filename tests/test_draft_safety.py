"""No silent loss and bounded work for drafts: text files in every common Chinese encoding or a clear refusal,
tabs as README says, .docx drafts under the templates' package rule, and exit 2 with a Chinese message for
every broken, hostile or missing input of import / check / stats / render."""

from __future__ import annotations

import codecs
import random
import zipfile
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.importer import DraftImportError, import_file, import_text
from docgen.importer.source import decode

from . import hostile_files as hf

SPEECH_SIMPLIFIED = (
    "在全县工作会议上的讲话\n同志们：\n今天我们召开全县工作会议，主要任务是总结去年工作，部署今年任务。\n"
    "一是加强组织领导。二是压实工作责任。\n我就讲这些，谢谢大家！\n"
)
SPEECH_TRADITIONAL = (
    "在全縣工作會議上的講話\n同志們：\n今天我們召開全縣工作會議，主要任務是總結去年工作，部署今年任務。\n"
    "我就講這些，謝謝大家！\n"
)


@pytest.mark.parametrize(
    ("raw", "expected_name"),
    [
        (SPEECH_SIMPLIFIED.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + SPEECH_SIMPLIFIED.encode("utf-8"), "UTF-8（带 BOM）"),
        (SPEECH_SIMPLIFIED.encode("utf-16"), "UTF-16"),
        (codecs.BOM_UTF16_BE + SPEECH_SIMPLIFIED.encode("utf-16-be"), "UTF-16"),
        (SPEECH_SIMPLIFIED.encode("utf-32"), "UTF-32"),
        (SPEECH_SIMPLIFIED.encode("gb18030"), "GB18030（GBK）"),
        (SPEECH_SIMPLIFIED.encode("gbk"), "GB18030（GBK）"),
        (SPEECH_TRADITIONAL.encode("gb18030"), "GB18030（GBK）"),
        (SPEECH_TRADITIONAL.encode("big5"), "Big5"),
    ],
)
def test_every_common_chinese_encoding_is_read_exactly(raw, expected_name):
    text, name = decode(raw, "草稿.txt")
    assert name == expected_name
    assert text.lstrip("\ufeff") in (SPEECH_SIMPLIFIED, SPEECH_TRADITIONAL)


def test_big5_is_never_decoded_into_private_use_characters(tmp_path):
    path = tmp_path / "繁體.txt"
    path.write_bytes(SPEECH_TRADITIONAL.encode("big5"))
    result = import_file(path)
    assert result.report.encoding == "Big5"
    assert "謝謝大家" in result.speech.model_dump_json()
    # The old reading (GB18030 first) gave private-use characters; none may appear.
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in result.speech.model_dump_json())


def test_an_undecidable_encoding_is_refused_with_the_fix(tmp_path, capsys):
    # "会议" in GBK is also two valid Big5 characters: no detector can know which was meant.
    path = tmp_path / "短.txt"
    path.write_bytes("会议".encode("gbk"))
    with pytest.raises(DraftImportError, match="--encoding"):
        import_file(path)
    assert main(["import", str(path), "-o", "-"]) == 2
    err = capsys.readouterr().err
    assert "短.txt" in err and "UTF-8" in err and "--encoding" in err
    # The option the message names does what it says.
    assert main(["import", str(path), "-o", "-", "--encoding", "gbk", "--title", "在全县工作会议上的讲话"]) == 0
    assert "会议" in capsys.readouterr().out


def test_an_explicit_encoding_that_yields_private_use_characters_is_refused(tmp_path):
    path = tmp_path / "繁體.txt"
    path.write_bytes(SPEECH_TRADITIONAL.encode("big5"))
    with pytest.raises(DraftImportError, match="私用区"):
        import_file(path, encoding="gb18030")
    with pytest.raises(DraftImportError, match="不认识的编码"):
        import_file(path, encoding="klingon")


def test_utf16_without_a_bom_is_named_not_mangled(tmp_path):
    path = tmp_path / "无BOM.txt"
    path.write_bytes("在全县工作会议上的讲话\nhello\n".encode("utf-16-le"))
    with pytest.raises(DraftImportError, match="UTF-16"):
        import_file(path)


def test_a_tab_inside_text_is_whitespace_and_folds_to_one_space():
    # README: 制表符与空格一样是空白，连续空白合并为一个空格（两个汉字之间也不去掉）.
    result = import_text("在全县工作会议上的讲话\n同志们：\n今天\t召开会议。\n谢谢\t大家！\n")
    assert text_of(result.speech.opening[0]) == "今天 召开会议。"
    assert text_of(result.speech.opening[1]) == "谢谢 大家！"
    from docgen import Speech

    assert text_of(Speech(title="讲话", closing=["谢谢\t\t大家！"]).closing[0]) == "谢谢 大家！"
    assert text_of(Speech(title="讲话", closing=["谢谢\n大家！"]).closing[0]) == "谢谢大家！"  # a wrapped line


def text_of(piece: object) -> str:
    return str(getattr(piece, "text", piece))


def test_a_tab_in_a_docx_run_reaches_the_import(tmp_path):
    data = hf.plain_docx(("今天召开会议。",))
    data = hf.edit_part(data, "word/document.xml", "今天召开".encode(), "今天</w:t><w:tab/><w:t>召开".encode())
    path = tmp_path / "tab.docx"
    path.write_bytes(data)
    assert text_of(import_file(path).speech.opening[0]) == "今天 召开会议。"


def test_a_docx_draft_with_an_entity_is_refused_not_truncated(tmp_path, capsys):
    path = tmp_path / "实体.docx"
    path.write_bytes(hf.with_entity(hf.plain_docx(("今天召开会议。",))))
    with pytest.raises(DraftImportError, match=r"ENTITY|DOCTYPE"):
        import_file(path)
    for command in (["import", str(path), "-o", "-"], ["stats", str(path)], ["check", str(path)]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert "实体.docx" in err and ("DOCTYPE" in err or "ENTITY" in err), command
    assert main(["render", str(path), "-o", str(tmp_path / "out.docx")]) == 2
    assert not (tmp_path / "out.docx").exists()


def test_docx_draft_fields_and_tables_and_text_boxes_reach_the_import(tmp_path):
    data = hf.plain_docx(("今天召开会议。",))
    data = hf.add_body_xml(
        data,
        hf.simple_field("DATE", "二〇二三年三月一日")
        + hf.complex_field("PAGE", "复杂域的结果文字")
        + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格里的话。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    )
    path = tmp_path / "域.docx"
    path.write_bytes(data)
    result = import_file(path, title="在全县工作会议上的讲话")
    dumped = result.speech.model_dump_json()
    for text in ("二〇二三年三月一日", "复杂域的结果文字", "表格里的话。"):
        assert text in dumped
    assert any("表格 1" in line for line in result.report.converted)


FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{hf.W_NS}">'
    '<w:footnote w:id="1"><w:p><w:r><w:t>据县统计局2023年公报。</w:t></w:r></w:p></w:footnote></w:footnotes>'
).encode()


def test_a_docx_draft_footnote_is_reported_with_its_text(tmp_path):
    data = hf.plain_docx(("今天召开会议。",))
    data = hf.add_part(
        data,
        "word/footnotes.xml",
        FOOTNOTES,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    )
    data = hf.add_relationship(
        data,
        "rIdNotes",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
        "footnotes.xml",
        external=False,
    )
    data = hf.edit_part(
        data,
        "word/document.xml",
        "今天召开会议。</w:t></w:r>".encode(),
        '今天召开会议。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'.encode(),
    )
    path = tmp_path / "脚注.docx"
    path.write_bytes(data)
    report = import_file(path).report
    assert any("脚注“据县统计局2023年公报。”" in line for line in report.not_taken), report.not_taken


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (lambda: hf.zip_bomb(hf.plain_docx(), megabytes=60), "压缩"),
        (lambda: hf.encrypted_docx(), "加密"),
        (lambda: hf.repack(hf.plain_docx(), compression=zipfile.ZIP_BZIP2), "压缩方式"),
        (lambda: hf.repack(hf.plain_docx(), compression=zipfile.ZIP_LZMA), "压缩方式"),
        (lambda: hf.truncated(hf.plain_docx()), "不是有效的 .docx"),
        (lambda: b"this is not a zip at all", "不是有效的 .docx"),
        (lambda: hf.repack(hf.plain_docx(), {"word/document.xml": b"<w:document"}), "不是有效的 Word"),
        (lambda: hf.repack(hf.plain_docx(), drop=("word/document.xml",)), "不是有效的 Word"),
    ],
    ids=["zip-bomb", "encrypted", "bzip2", "lzma", "truncated", "not-zip", "malformed-xml", "no-document"],
)
def test_broken_and_hostile_docx_drafts_are_exit_2_in_every_command(tmp_path, capsys, build, words):
    path = tmp_path / "坏.docx"
    path.write_bytes(build())
    for command in (["import", str(path), "-o", "-"], ["stats", str(path)], ["render", str(path)]):
        code = main(command)
        err = capsys.readouterr().err
        assert code == 2, (command, err)
        assert "坏.docx" in err and "内部错误" not in err, (command, err)
    assert main(["check", str(path)]) == 2
    assert "内部错误" not in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏.docx"]


def test_a_zip_bomb_draft_is_refused_by_the_templates_rule_before_it_is_inflated(tmp_path, monkeypatch):
    import docgen.template.package as package

    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 5 * 1024 * 1024)
    path = tmp_path / "大.docx"
    path.write_bytes(hf.repack(hf.plain_docx(), {"word/media/a.bin": bytes(range(256)) * 40000}))  # 10 MB
    with pytest.raises(DraftImportError, match="解压后超过"):
        import_file(path)


@pytest.mark.parametrize("kind", ["missing", "directory", "unreadable"])
@pytest.mark.parametrize("command", ["import", "stats", "check", "render"])
def test_missing_folders_and_unreadable_inputs_are_exit_2(tmp_path, capsys, kind, command):
    import os

    path = tmp_path / "草稿.docx"
    if kind == "directory":
        path.mkdir()
    elif kind == "unreadable":
        path.write_bytes(hf.plain_docx())
        os.chmod(path, 0)
        if os.access(path, os.R_OK):
            pytest.skip("root reads any file")
    args = [command, str(path)] + (["-o", "-"] if command == "import" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "草稿.docx" in err and "内部错误" not in err


def test_text_drafts_that_are_folders_or_missing_are_exit_2(tmp_path, capsys):
    folder = tmp_path / "草稿.txt"
    folder.mkdir()
    for path in (folder, tmp_path / "没有.txt"):
        assert main(["import", str(path)]) == 2
        assert path.name in capsys.readouterr().err


def _prefix_with_non_ascii(text: str, count: int) -> str:
    """The shortest start of ``text`` holding ``count`` non-ASCII characters (a date like "20220111:" in front of
    one Chinese character is two bytes of evidence, which GBK and Big5 both read: that draft is rightly refused)."""
    seen = 0
    for end, char in enumerate(text, 1):
        seen += ord(char) > 127
        if seen == count:
            return text[:end]
    return text


def test_every_real_draft_of_the_corpus_reads_back_exactly_from_gbk_gb18030_and_big5():
    corpus = sorted((Path(__file__).parent / "data" / "corpus").glob("*.txt"))
    assert len(corpus) >= 40
    big5 = 0
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        for codec in ("gbk", "gb18030", "big5"):
            try:
                raw = text.encode(codec)
            except UnicodeEncodeError:
                continue  # a Simplified draft has characters Big5 cannot hold
            big5 += codec == "big5"
            assert decode(raw, path.name)[0] == text, (path.name, codec)
            short = _prefix_with_non_ascii(text, 10)  # a short draft: ten Chinese characters are enough to tell
            assert decode(short.encode(codec), path.name)[0] == short, (path.name, codec, "first 10 Chinese")
    assert big5 >= 3  # the Traditional-script drafts


def test_an_alt_chunk_in_a_docx_draft_is_reported_not_silently_dropped(tmp_path):
    path = tmp_path / "altchunk.docx"
    path.write_bytes(hf.alt_chunk(hf.plain_docx(("今天召开会议。",))))
    report = import_file(path).report
    assert any("altChunk" in line for line in report.not_taken), report.not_taken


def test_binary_junk_is_called_not_a_text_file_and_utf16_without_a_bom_is_not():
    junk = [bytes(range(256)) * 4, b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40, 200)) * 3]
    junk += [random.Random(seed).randbytes(size) for seed in range(50) for size in (64, 1000)]
    for raw in junk:
        if b"\x00" not in raw:
            continue
        with pytest.raises(DraftImportError, match=r"草稿\.bin 不是文本文件") as refused:
            decode(raw, "草稿.bin")
        assert "UTF-16" not in str(refused.value) and ".docx" in str(refused.value)  # names the fix
    text = "在全县工作会议上的讲话\n\u3000\u3000同志们：\r\n2026年是“十五五”开局之年（tab\there）。\n"
    for codec in ("utf-16-le", "utf-16-be"):
        with pytest.raises(DraftImportError, match="没有 BOM 的 UTF-16") as refused:
            decode(text.encode(codec), "草稿.txt")
        assert "不是文本文件" not in str(refused.value)

"""`check`: any .docx measured against a layout profile in its XML, with a finding per item."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from docgen import Speech, render
from docgen.errors import InputFileError
from docgen.layout.check import check_docx, recognise_profile
from docgen.layout.docx_xml import read_parts
from docgen.layout.profile import LARGE_PRINT, STANDARD


@pytest.mark.parametrize(("template", "profile"), [("speech", STANDARD), ("speech-large", LARGE_PRINT)])
def test_docgen_output_conforms_to_its_own_profile(tmp_path, seed_speech, template, profile):
    path = tmp_path / "seed.docx"
    path.write_bytes(render(seed_speech, template))
    report = check_docx(path, profile)
    assert report.ok, [f for f in report.findings if not f.ok]
    assert len(report.findings) >= 15


def test_the_large_print_document_is_not_the_standard_one(tmp_path, seed_speech):
    path = tmp_path / "large.docx"
    path.write_bytes(render(seed_speech, "speech-large"))
    failed = {f.item for f in check_docx(path, STANDARD).findings if not f.ok}
    assert failed == {"正文字号", "正文行距", "文档网格"}  # the grid's pitch is the large print's 35.4 pt


def test_a_plain_word_document_gets_a_finding_for_each_deviation(tmp_path):
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.add_paragraph("在全县工作会议上的讲话")
    document.add_paragraph("同志们：今天我们召开会议。").runs[0].font.size = Pt(16)
    path = tmp_path / "plain.docx"
    document.save(path)
    findings = {f.item: f for f in check_docx(path, STANDARD).findings}
    assert not findings["纸张"].ok and findings["纸张"].found == "216×279 毫米"  # python-docx's Letter page
    assert not findings["上边距（天头）"].ok and findings["上边距（天头）"].found == "25.4 毫米"
    assert findings["正文字号"].ok  # 16 pt set directly on the run is still 三号 …
    assert not findings["直接格式（未用样式的字符格式）"].ok  # … but it is direct formatting
    assert not findings["页码"].ok and not findings["单双页页码"].ok
    assert not findings["主题字体属性"].ok
    assert findings["正文行距"].found.endswith("倍行距")


def test_a_character_grid_is_reported(tmp_path, seed_speech):
    data = render(seed_speech)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                part = part.replace(b'w:type="lines"', b'w:type="linesAndChars" w:charSpace="-849"')
            target.writestr(info, part)
    path = tmp_path / "grid.docx"
    path.write_bytes(out.getvalue())
    grid = next(f for f in check_docx(path, STANDARD).findings if f.item == "文档网格")
    assert not grid.ok and grid.found.startswith("linesAndChars")


def test_files_that_are_not_documents_are_named(tmp_path):
    with pytest.raises(InputFileError, match="找不到文件"):
        check_docx(tmp_path / "none.docx", STANDARD)
    (tmp_path / "fake.docx").write_text("text")
    with pytest.raises(InputFileError, match=r"不是有效的 \.docx"):
        check_docx(tmp_path / "fake.docx", STANDARD)
    (tmp_path / "folder.docx").mkdir()
    with pytest.raises(InputFileError, match="是文件夹"):
        check_docx(tmp_path / "folder.docx", STANDARD)


def test_a_speech_without_body_text_is_reported_not_crashed(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(render(Speech(title="只有标题")))
    report = check_docx(path, STANDARD)
    assert not report.ok


def _rewrite(data: bytes, changes: dict[str, Callable[[bytes], bytes]], drop: tuple[str, ...] = ()) -> bytes:
    """A copy of a .docx with some parts changed by a function and some left out."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            part = source.read(info)
            target.writestr(info, changes[info.filename](part) if info.filename in changes else part)
    return out.getvalue()


@pytest.mark.parametrize("template", ["speech", "speech-large"])
def test_a_docgen_file_is_judged_against_the_profile_it_was_made_with(tmp_path, seed_speech, template):
    path = tmp_path / "x.docx"
    path.write_bytes(render(seed_speech, template))
    report = check_docx(path)
    assert report.profile == template and report.ok, report.failed
    assert "docgen.template" in report.basis
    # Given explicitly, the other profile is used and the file does not conform to it.
    other = STANDARD if template == "speech-large" else LARGE_PRINT
    assert not check_docx(path, other).ok


def test_a_docgen_file_without_the_marker_is_recognised_by_its_body_style(tmp_path, seed_speech):
    """Files made before the marker property existed: docgen's 讲话正文 style says which profile it is."""
    data = _rewrite(
        render(seed_speech, "speech-large"),
        {"[Content_Types].xml": lambda x: x, "_rels/.rels": lambda x: x.replace(b"docProps/custom.xml", b"none.xml")},
        drop=("docProps/custom.xml",),
    )
    path = tmp_path / "old.docx"
    path.write_bytes(data)
    recognition = recognise_profile(read_parts(path))
    assert recognition.profile is LARGE_PRINT and "讲话正文" in recognition.evidence
    report = check_docx(path)
    assert report.profile == "speech-large" and report.ok, report.failed


def test_a_foreign_file_is_not_recognised_and_is_held_to_the_standard(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("在全县工作会议上的讲话")
    document.add_paragraph("同志们：今天我们召开会议。")
    path = tmp_path / "plain.docx"
    document.save(path)
    assert recognise_profile(read_parts(path)).profile is None
    report = check_docx(path)
    assert report.profile == "speech" and "未识别" in report.basis
    grid = next(f for f in report.findings if f.item == "文档网格")
    assert not grid.ok and grid.found.startswith("无")  # python-docx's default has no document grid


def test_a_marker_naming_no_bundled_profile_is_not_trusted(tmp_path, seed_speech):
    data = _rewrite(render(seed_speech), {"docProps/custom.xml": lambda x: x.replace(b">speech<", b">mine<")})
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    recognition = recognise_profile(read_parts(path))
    assert recognition.profile is None and "mine" in recognition.evidence


def test_a_grid_of_the_wrong_pitch_or_no_grid_is_reported(tmp_path, seed_speech):
    for name, change in (
        ("nogrid", lambda x: x.replace(b'<w:docGrid w:type="lines" w:linePitch="579"/>', b"")),
        ("pitch", lambda x: x.replace(b'w:linePitch="579"', b'w:linePitch="600"')),
        ("default", lambda x: x.replace(b'w:type="lines" ', b"")),
    ):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(_rewrite(render(seed_speech), {"word/document.xml": change}))
        grid = next(f for f in check_docx(path).findings if f.item == "文档网格")
        assert not grid.ok, (name, grid)


def test_the_check_command_exits_3_for_a_file_that_does_not_conform_and_2_when_it_cannot_check(
    tmp_path, seed_speech, capsys
):
    from docgen.cli import main

    path = tmp_path / "large.docx"
    path.write_bytes(render(seed_speech, "speech-large"))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "对照“speech-large”版式" in out and "识别为 docgen 的“speech-large”版式" in out and "结论：符合" in out
    assert main(["check", str(path), "-t", "speech"]) == 3
    assert "结论：3 项不符合" in capsys.readouterr().out
    assert main(["check", str(tmp_path / "none.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not a zip")
    assert main(["check", str(tmp_path / "fake.docx")]) == 2
    assert "不是有效的 .docx 文件" in capsys.readouterr().err

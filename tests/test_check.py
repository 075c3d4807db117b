"""`check`: any .docx measured against a layout profile in its XML, with a finding per item."""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen import Speech, render
from docgen.check import check_docx
from docgen.errors import InputFileError
from docgen.profile import LARGE_PRINT, STANDARD


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
    assert failed == {"正文字号", "正文行距"}


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
    assert not grid.ok and grid.found == "linesAndChars"


def test_files_that_are_not_documents_are_named(tmp_path):
    with pytest.raises(InputFileError, match="找不到文件"):
        check_docx(tmp_path / "none.docx", STANDARD)
    (tmp_path / "fake.docx").write_text("text")
    with pytest.raises(InputFileError, match=r"不是有效的 \.docx"):
        check_docx(tmp_path / "fake.docx", STANDARD)


def test_a_speech_without_body_text_is_reported_not_crashed(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(render(Speech(title="只有标题")))
    report = check_docx(path, STANDARD)
    assert not report.ok

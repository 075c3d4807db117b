"""Untrusted templates stay inert: every external or active part is reported by `templates check`, refused
when rendering, or stripped with --strip-external — and nothing of it reaches the document made."""

from __future__ import annotations

import pytest

from docgen import Speech, Template
from docgen.cli import main
from docgen.errors import TemplateSecurityError
from docgen.template.active_content import scan, strip_package
from docgen.template.package import read_docx_package
from docgen.template.prepared import templates_dir

from . import hostile_files as hf

BUNDLED = (templates_dir() / "speech.docx").read_bytes()
GOOD = "title: 在全县工作会议上的讲话\nopening: [今天召开会议。]\nclosing: [谢谢大家！]\n"


def blocking(data: bytes) -> list[str]:
    return [str(item) for item in scan(read_docx_package(data, "x")) if not item.allowed]


def test_the_bundled_templates_and_their_documents_hold_nothing_external():
    for name in ("speech", "speech-large"):
        assert blocking((templates_dir() / f"{name}.docx").read_bytes()) == []
    assert blocking(Template("speech").render(Speech(title="讲话", closing=["谢谢！"]))) == []


@pytest.mark.parametrize("payload", sorted(hf.ACTIVE_PAYLOADS))
def test_every_active_payload_is_refused_when_the_template_is_prepared(payload):
    build, words = hf.ACTIVE_PAYLOADS[payload]
    with pytest.raises(TemplateSecurityError, match=words) as caught:
        Template("hostile.docx", data=build(BUNDLED))
    assert "--strip-external" in str(caught.value)


@pytest.mark.parametrize("payload", sorted(hf.ACTIVE_PAYLOADS))
def test_every_active_payload_is_stripped_and_the_stripped_template_renders_clean(payload):
    build, words = hf.ACTIVE_PAYLOADS[payload]
    stripped, removed = strip_package(build(BUNDLED))
    assert removed and any(words in str(item) for item in removed)
    assert blocking(stripped) == []
    document = Template("stripped.docx", data=stripped).render(Speech(title="讲话", closing=["谢谢大家！"]))
    assert blocking(document) == []
    text = b"".join(hf.parts(document).values())
    for leak in (b"127.0.0.1", b"evil-host", b"/etc/passwd", b"vbaProject", b"INCLUDE", b"DDE", b"mailMerge"):
        assert leak not in text, leak


@pytest.mark.parametrize("payload", ["image-unc", "includepicture-split", "macros", "mail-merge"])
def test_cli_check_reports_render_refuses_and_strip_external_strips(tmp_path, capsys, payload):
    build, words = hf.ACTIVE_PAYLOADS[payload]
    template = tmp_path / "邮件附件.docx"
    template.write_bytes(build(BUNDLED))
    speech = tmp_path / "s.yaml"
    speech.write_text(GOOD, encoding="utf-8")

    assert main(["templates", "check", str(template)]) == 2
    out = capsys.readouterr().out
    assert words in out and "--strip-external" in out

    assert main(["render", str(speech), "-t", str(template), "-o", str(tmp_path / "a.docx")]) == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "a.docx").exists()

    assert main(["render", str(speech), "-t", str(template), "-o", str(tmp_path / "a.docx"), "--strip-external"]) == 0
    assert "已去掉" in capsys.readouterr().err
    assert blocking((tmp_path / "a.docx").read_bytes()) == []

    out_dir = tmp_path / "out"
    assert main(["batch", str(speech), "-o", str(out_dir), "-t", str(template), "--json"]) == 2
    capsys.readouterr()
    assert main(["batch", str(speech), "-o", str(out_dir), "-t", str(template), "--strip-external", "--json"]) == 0
    assert blocking((out_dir / "s.docx").read_bytes()) == []


def test_web_hyperlinks_are_reported_and_kept():
    data = hf.hyperlink(BUNDLED, "https://www.gov.cn/")
    found = scan(read_docx_package(data, "x"))
    assert [item.allowed for item in found] == [True]
    Template("links.docx", data=data)  # not refused
    assert strip_package(data) == (data, [])


def test_a_clean_template_passes_check(tmp_path, capsys):
    template = tmp_path / "t.docx"
    template.write_bytes(BUNDLED)
    assert main(["templates", "check", str(template)]) == 0
    assert "外部或可执行" not in capsys.readouterr().out

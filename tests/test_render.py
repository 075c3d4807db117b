"""Rendering: every character of the content reaches the document, in order, with generated enumerators."""

from __future__ import annotations

import io
import threading
import zipfile

import pytest
from markupsafe import Markup

from docgen import Speech, Template, render, render_file
from docgen.errors import OutputError, RenderError, TemplateError

from .conftest import REPO, docx_paragraphs, without_whitespace


def test_rendering_the_seed_keeps_every_character(seed_speech, seed_text):
    paragraphs = docx_paragraphs(render(seed_speech))
    assert without_whitespace("".join(text for _, text in paragraphs)) == without_whitespace(seed_text)


def test_seed_structure_and_styles(seed_speech):
    paragraphs = docx_paragraphs(render(seed_speech))
    styles = [style for style, _ in paragraphs]
    assert styles[:3] == ["讲话标题", "讲话正文", "讲话称谓"]
    assert paragraphs[1][1] == ""  # the blank line after the header block
    headings = [text for style, text in paragraphs if style == "讲话一级标题"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、"]
    run_in = [text[:3] for style, text in paragraphs if text[:2] in ("一是", "二是", "三是")]
    assert run_in == ["一是在", "二是在", "三是在"]
    assert paragraphs[-1] == ("讲话正文", "我就讲这些，谢谢大家！")


def test_enumerators_typed_in_data_are_not_doubled():
    speech = Speech.model_validate(
        {
            "title": "t",
            "praise": {"points": [{"heading": "一是在抓党建方面：", "body": ["好。"]}]},
            "recommendations": {"items": [{"heading": "一、坚持政治引领。", "body": ["要落实。"]}]},
        }
    )
    texts = [t for _, t in docx_paragraphs(render(speech))]
    assert "一是在抓党建方面：好。" in texts
    assert "一、坚持政治引领。" in texts


def test_lead_sentences_and_run_in_headings_are_bold_character_styles(seed_speech):
    from docx import Document

    document = Document(io.BytesIO(render(seed_speech)))
    point = next(p for p in document.paragraphs if p.text.startswith("一是"))
    assert [(r.style.name, r.text) for r in point.runs[:2]] == [
        ("讲话要点", "一是在抓意识形态工作方面："),
        ("讲话首句", "坚持党管意识形态不动摇。"),
    ]
    lead = next(p for p in document.paragraphs if p.text.startswith("要坚持政治引领。"))
    assert lead.runs[0].style.name == "讲话首句" and lead.runs[0].text == "要坚持政治引领。"
    assert all(r.style.font.bold for r in (point.runs[0], point.runs[1], lead.runs[0]))


def test_header_block_order_and_absent_parts_leave_no_paragraph():
    full = Speech(
        title="在全县工作会议上的讲话",
        subtitle="在会上",
        date="2023-02-15",
        speaker="张　三",
        salutation="同志们",
        closing=["谢谢大家！"],
    )
    assert docx_paragraphs(render(full)) == [
        ("讲话标题", "在全县工作会议上的讲话"),
        ("讲话副标题", "——在会上"),
        ("讲话日期", "（2023年2月15日）"),
        ("讲话人", "张　三"),
        ("讲话正文", ""),
        ("讲话称谓", "同志们："),
        ("讲话正文", "谢谢大家！"),
    ]
    bare = Speech(title="在全县工作会议上的讲话", opening=["开头。"])
    assert docx_paragraphs(render(bare)) == [
        ("讲话标题", "在全县工作会议上的讲话"),
        ("讲话正文", ""),
        ("讲话正文", "开头。"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<w:p>&amp; & < > \" ' 尖括号",
        "{{ title }}{% if True %}是{% endif %}{# c #}",
        "{_{ x }_} {_% y %_}",
        "{%p endfor %}",
        "]]> <![CDATA[ x",
        "\u200f\u202e双向\u200b零宽",
        "😀👍🏽 é 𠀀",
    ],
)
def test_xml_and_jinja_looking_text_is_printed_literally(text):
    speech = Speech(
        title=text, closing=[text], recommendations={"items": [{"heading": text, "body": [{"lead": text}]}]}
    )
    texts = [t for _, t in docx_paragraphs(render(speech))]
    # title (a long one breaks into lines at a space, which the line break replaces), blank, heading, lead, closing
    assert without_whitespace(texts[0]) == without_whitespace(text)
    assert texts[1:] == ["", f"一、{text}", text, text]


def test_no_output_file_when_rendering_fails(tmp_path):
    bad = Template("speech", data=_template_with("{{ missing_variable }}"))
    target = tmp_path / "out.docx"
    with pytest.raises(RenderError, match="missing_variable"):
        render_file(Speech(title="t"), target, bad)
    assert list(tmp_path.iterdir()) == []


def test_failed_render_leaves_an_existing_file_untouched(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    bad = Template("speech", data=_template_with("{{ missing_variable }}"))
    with pytest.raises(RenderError):
        render_file(Speech(title="t"), target, bad)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_render_file_replaces_atomically_and_reports_missing_folder(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    render_file(Speech(title="t"), target)
    assert zipfile.is_zipfile(target)
    with pytest.raises(OutputError, match="输出目录不存在"):
        render_file(Speech(title="t"), tmp_path / "no" / "out.docx")


def test_template_is_reusable_and_thread_safe(seed_speech):
    template = Template("speech")
    speeches = [seed_speech, Speech(title="第二篇", closing=["谢谢！"])] * 4
    sequential = [template.render(s) for s in speeches]
    results: list[bytes | None] = [None] * len(speeches)

    def work(index: int) -> None:
        results[index] = template.render(speeches[index])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(speeches))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == sequential
    assert sequential[0] != sequential[1]


def test_template_from_a_user_file_path(tmp_path, seed_speech):
    from docgen.layout.build import build_template
    from docgen.layout.profile import STANDARD

    path = tmp_path / "my.docx"
    path.write_bytes(build_template(STANDARD))
    assert docx_paragraphs(render(seed_speech, path)) == docx_paragraphs(render(seed_speech))
    assert docx_paragraphs(render(seed_speech, str(path))) == docx_paragraphs(render(seed_speech))


@pytest.mark.parametrize(
    ("source", "fragment"),
    [("nosuch", "没有名为“nosuch”的内置模板"), ("/no/such/file.docx", "找不到模板文件")],
)
def test_unknown_templates_are_named(source, fragment):
    with pytest.raises(TemplateError, match=fragment):
        render(Speech(title="t"), source)


def test_a_file_that_is_not_a_docx_is_refused(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("not a zip")
    with pytest.raises(TemplateError, match=r"不是有效的 \.docx"):
        Template(path)


def test_template_pickles_for_worker_processes(seed_speech):
    import pickle

    template = Template("speech")
    clone = pickle.loads(pickle.dumps(template))
    assert clone.render(seed_speech) == template.render(seed_speech)
    assert clone._trusted  # still the bundled template, not a user's copy of its bytes
    user = pickle.loads(pickle.dumps(Template("copy.docx", data=template._source)))
    assert not user._trusted
    assert user.render(seed_speech) == template.render(seed_speech)


def _template_with(extra_tag: str) -> bytes:
    """The bundled template with an extra paragraph holding ``extra_tag``."""
    from docgen.layout.build import build_template
    from docgen.layout.profile import STANDARD

    source = zipfile.ZipFile(io.BytesIO(build_template(STANDARD)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr>", f"<w:p><w:r><w:t>{extra_tag}</w:t></w:r></w:p><w:sectPr>".encode())
            target.writestr(info, data)
    return out.getvalue()


# -- what a trusted (bundled) template skips, and what it still checks ----------------------------------------


@pytest.mark.parametrize("name", ["speech", "speech-large"])
def test_a_bundled_templates_context_holds_every_name_its_jinja_resolves(name, seed_speech):
    # A bundled template's speech context is built with only the names the template reads (`_context_names`,
    # from docgen's own analysis); Jinja's list of the names each part resolves must be among them.
    from jinja2 import meta

    from docgen.model.load import load_speech

    template = Template(name)
    assert template._trusted
    for part in template._prepared_sources(template._source).parts:
        resolved = meta.find_undeclared_variables(template._environment.parse(part.source))
        assert resolved <= template._context_names, part.name
    for speech in (seed_speech, load_speech(REPO / "examples" / "headed-three-parts.yaml")):
        assert template.render(speech) == template.render(speech.to_context())


@pytest.mark.parametrize("value", ["前\x01后", "前\ufffe后", Markup("<w:p>"), Markup("<a>")])
def test_a_bundled_template_still_refuses_output_that_is_not_xml(value, seed_speech):
    # Its output is parsed only when something but plain XML-safe text was printed: these are.
    context = {**seed_speech.to_context(), "speaker": value}
    with pytest.raises(RenderError, match="不是有效的 XML"):
        Template("speech").render(context)


def test_a_speech_context_with_some_keys_is_the_whole_context_cut_down(seed_speech):
    whole = seed_speech.to_context()
    some = seed_speech.to_context({"paragraphs", "praise"})
    assert some == {k: v for k, v in whole.items() if k not in {"opening", "shortcomings", "recommendations",
                                                               "closing", "parts"}}
    assert seed_speech.to_context(set(whole)) == whole

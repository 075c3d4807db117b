"""A user's own template: exported from the bundled one, edited, checked against the speech context, rendered."""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

import pytest

from docgen import Speech, Template, render_file
from docgen.cli import main
from docgen.errors import RenderError, TemplateVariableError
from docgen.layout.build import build_template
from docgen.layout.profile import STANDARD
from docgen.template.variables import context_shape

from .conftest import SEED_YAML, docx_paragraphs

SPEECH = Speech(title="讲话", praise={"points": [{"heading": "在抓党建方面", "body": ["好。"]}]}, closing="谢谢！")


def with_tags(*tags: str, part: str = "word/document.xml", base: bytes | None = None) -> bytes:
    """A template with one more paragraph per tag in ``part`` (as typed in Word: XML-escaped)."""
    source = zipfile.ZipFile(io.BytesIO(base or build_template(STANDARD)))
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(tag)}</w:t></w:r></w:p>" for tag in tags).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                anchor = b"<w:sectPr>" if part == "word/document.xml" else b"</w:ftr>"
                data = data.replace(anchor, paragraphs + anchor)
            target.writestr(info, data)
    return out.getvalue()


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- export ---------------------------------------------------------------------------------------------------


def test_export_writes_the_bundled_template_and_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "我的模板.docx"
    code, out, _ = run(capsys, "templates", "export", "speech", str(target))
    assert code == 0 and "已导出" in out and "templates check" in out
    assert target.read_bytes() == build_template(STANDARD)
    target.write_bytes(b"edited in Word")
    code, _, err = run(capsys, "templates", "export", "speech", str(target))
    assert code == 2 and "已存在" in err and "--force" in err and str(target) in err
    assert target.read_bytes() == b"edited in Word"
    assert run(capsys, "templates", "export", "speech", str(target), "--force")[0] == 0
    assert target.read_bytes() == build_template(STANDARD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["我的模板.docx"]  # no temporary left behind


def test_export_into_a_folder_and_its_user_errors(tmp_path, capsys):
    assert run(capsys, "templates", "export", "speech", str(tmp_path))[0] == 0
    assert (tmp_path / "speech.docx").is_file()
    code, _, err = run(capsys, "templates", "export", "nosuch", str(tmp_path / "x.docx"))
    assert code == 2 and "nosuch" in err and "speech" in err
    code, _, err = run(capsys, "templates", "export", "speech", str(tmp_path / "x.doc"))
    assert code == 2 and ".docx" in err
    code, _, err = run(capsys, "templates", "export", "speech", str(tmp_path / "none" / "x.docx"))
    assert code == 2 and "输出目录不存在" in err


def test_listing_is_still_the_default(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0 and "speech" in out and "export" in out


# -- check ----------------------------------------------------------------------------------------------------


def test_check_of_the_bundled_template_lists_nested_loop_variables_and_passes(tmp_path, capsys):
    path = tmp_path / "t.docx"
    path.write_bytes(build_template(STANDARD))
    code, out, _ = run(capsys, "templates", "check", str(path))
    assert code == 0
    for variable in ("title_lines[]", "paragraphs[].style", "paragraphs[].runs[].text", "paragraphs[].runs[].style",
                     "title", "speaker"):
        assert f"✓ {variable}\n" in out
    assert "{% for paragraph in paragraphs %}" in out and "{% for run in paragraphs[].runs %}" in out
    assert "✗" not in out and "每个字段都会出现" in out
    assert out.splitlines()[-2] == "结论：可以使用。"


def test_check_names_unknown_variables_with_the_closest_known_one_and_exits_2(tmp_path, capsys):
    path = tmp_path / "typo.docx"
    path.write_bytes(
        with_tags(
            "{{ titel }}", "{% for p in praise.points %}{{ p.run_ni }}{% endfor %}", "{{ recommendations.intro.x }}"
        )
    )
    code, out, _ = run(capsys, "templates", "check", str(path))
    assert code == 2
    assert "✗ titel  讲话稿数据中没有，是不是 title？" in out
    assert "✗ praise.points[].run_ni  讲话稿数据中没有，是不是 praise.points[].run_in？" in out
    assert "✗ recommendations.intro.x" in out
    assert out.splitlines()[-1].startswith("结论：不能使用。有 3 个未知变量")


def test_check_reports_the_speech_fields_a_template_leaves_out():
    minimal = zipfile.ZipFile(io.BytesIO(build_template(STANDARD)))
    document = minimal.read("word/document.xml")
    body_start, sect = document.index(b"<w:body>") + len(b"<w:body>"), document.index(b"<w:sectPr>")
    stripped = document[:body_start] + document[sect:]
    base = _replace(build_template(STANDARD), "word/document.xml", stripped)
    report = Template("m.docx", data=with_tags("{{ title }}", "{% for p in opening %}{{ p }}{% endfor %}", base=base))
    ignored = report.variables.ignored_fields
    assert "title" not in ignored and "opening[]" not in ignored
    assert {"subtitle", "date", "closing[]", "praise.points[].heading", "recommendations.items[].body[].lead"} <= set(
        ignored
    )
    assert "不会印出" in report.variables.verdict()


def test_a_test_of_a_field_is_not_printing_it():
    base = _replace(build_template(STANDARD), "word/document.xml", _empty_body())
    variables = Template("m.docx", data=with_tags("{% if closing %}有结束语{% endif %}", base=base)).variables
    assert "closing" in variables.provided and "closing[]" in variables.ignored_fields


def test_variables_in_footers_and_core_properties_are_checked(tmp_path):
    footer = Template("f.docx", data=with_tags("{{ speakr }}", part="word/footer1.xml"))
    assert [v.path for v in footer.variables.unknown] == ["speakr"]
    assert footer.variables.unknown[0].suggestion == "speaker"
    assert "title" in Template("speech").variables.provided  # only used in docProps/core.xml


def test_the_shape_follows_to_context():
    shape = context_shape()
    context = Speech.model_validate({"title": "t", "praise": {"points": [{"heading": "h"}]}}).to_context()
    assert {p[0] for p in shape.paths} == set(context)
    assert ("praise", "points", "[]", "run_in") in shape.paths
    carriers = shape.carriers[("praise", "points", "[]", "heading")]
    assert ("praise", "points", "[]", "heading") in carriers and ("praise", "points", "[]", "run_in") in carriers
    # ...and the flat body the bundled templates print, whichever item of it the point lands in.
    assert ("paragraphs", "[]", "runs", "[]", "text") in carriers
    assert ("praise", "intro") not in carriers


# -- rendering with unknown variables ---------------------------------------------------------------------------


def test_rendering_with_unknown_variables_fails_before_anything_is_written(tmp_path):
    # Refused at the first render, before Jinja runs — even when the typo sits in a branch this speech skips.
    template = Template("typo.docx", data=with_tags("{% if recommendations %}{{ recommendations.itmes }}{% endif %}"))
    target = tmp_path / "out.docx"
    with pytest.raises(TemplateVariableError, match=r"recommendations\.itmes（是不是 recommendations\.items？）") as e:
        render_file(SPEECH, target, template)
    assert e.value.unknown == ["recommendations.itmes"]
    assert isinstance(e.value, RenderError)
    assert list(tmp_path.iterdir()) == []


def test_cli_render_with_a_misspelt_template_exits_2_naming_file_variable_and_fix(tmp_path, capsys):
    template = tmp_path / "my.docx"
    template.write_bytes(with_tags("{{ salutaion }}"))
    target = tmp_path / "out.docx"
    code, out, err = run(capsys, "render", str(SEED_YAML), "-o", str(target), "--template", str(template))
    assert code == 2 and out == ""
    assert err.startswith("错误：") and str(template) in err and "salutaion" in err and "salutation" in err
    assert "templates check" in err and "Traceback" not in err
    assert not target.exists()


def test_a_custom_context_may_provide_extra_top_level_names_but_not_misspell_speech_ones():
    template = Template("custom.docx", data=with_tags("{{ office }}"))
    context = {**SPEECH.to_context(), "office": "县委办公室"}
    assert "县委办公室" in [t for _, t in docx_paragraphs(template.render(context))]
    with pytest.raises(TemplateVariableError, match="office"):
        template.render(SPEECH)
    typo = Template("custom.docx", data=with_tags("{{ praise.pionts }}"))
    with pytest.raises(TemplateVariableError, match=r"praise\.pionts"):
        typo.render({**SPEECH.to_context(), "praise": {"pionts": 1}})


def test_a_user_template_restyled_and_retagged_renders_the_seed(seed_speech):
    data = with_tags("{% for p in praise.points %}{{ p.label }}：{{ p.heading }}{% endfor %}")
    texts = [t for _, t in docx_paragraphs(Template("mine.docx", data=data).render(seed_speech))]
    assert texts[-1].startswith("一是：在抓意识形态工作方面二是：")


def _replace(data: bytes, part: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == part else source.read(info))
    return out.getvalue()


def _empty_body() -> bytes:
    document = zipfile.ZipFile(io.BytesIO(build_template(STANDARD))).read("word/document.xml")
    return document[: document.index(b"<w:body>") + len(b"<w:body>")] + document[document.index(b"<w:sectPr>") :]


def test_the_readme_template_reference_names_every_style_and_context_variable():
    from docgen.layout.profile import Element

    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    reference = readme[readme.index("## 模板参考") :]
    assert [e.style_name for e in Element if e.style_name not in reference] == []
    assert [e.style_id for e in Element if e.style_id not in reference] == []
    leaves = {path[-1] for path in context_shape().paths if path[-1] != "[]"}
    assert sorted(name for name in leaves if not re.search(rf"[`.]{name}\b", reference)) == []

"""docgen's prepared `Template` makes the same document as plain docxtpl on the same template and context.

"The same" is what a reader and Word see: the package's parts, every paragraph's style and text, every
run's character style and text, tables, headers and footers, section setup and core properties. Not
compared, on purpose: the empty runs docxtpl leaves around ``{%r %}`` tags (docgen drops them), the core
properties docxtpl writes back empty, docxtpl escaping core properties twice ("<" shows as "&lt;"), and
XML serialisation details (attribute order, declarations).

``plain_docxtpl`` and ``docxtpl_context`` are the reference the benchmarks time docgen against.
"""

from __future__ import annotations

import html
import io
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from docgen import Speech, Template
from docgen.template.prepared import templates_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def plain_docxtpl(template: str | Path, context: dict[str, Any]) -> bytes:
    """What docxtpl users write: open the template, render with autoescape, save — once per document."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docxtpl_context(speech: Speech) -> dict[str, Any]:
    """``speech.to_context()`` in the shape plain Jinja reads the same way docgen's environment does.

    Two differences of docgen's environment are undone here: ``x.items`` is the key "items" (plain Jinja
    finds ``dict.items``), and None prints as nothing (plain Jinja prints "None", leaving out a key prints
    nothing). Mappings become namespaces without their None values."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return types.SimpleNamespace(**{k: plain(v) for k, v in value.items() if v is not None})
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return {key: plain(value) for key, value in speech.to_context().items() if value is not None}


def document_view(data: bytes) -> dict[str, Any]:
    """Everything the comparison looks at, read back with python-docx and zipfile."""
    from docx import Document

    package = zipfile.ZipFile(io.BytesIO(data))
    document = Document(io.BytesIO(data))

    def paragraph(p: Any) -> tuple[str, str, list[tuple[str, str]]]:
        runs = [(r.style.name if r.style is not None else "", r.text) for r in p.runs if r.text]
        return (p.style.name if p.style is not None else "", p.text, runs)

    def stories(part: str) -> list[list[str]]:
        return [
            [p.text for p in getattr(section, part).paragraphs]
            + [p.text for p in getattr(section, f"even_page_{part}").paragraphs]
            for section in document.sections
        ]

    types_root = etree.fromstring(package.read("[Content_Types].xml"))
    body = document.element.body
    return {
        "parts": sorted(package.namelist()),
        "content types": sorted((e.tag.split("}")[1], *sorted(e.attrib.items())) for e in types_root),
        "paragraphs": [paragraph(p) for p in document.paragraphs],
        "tables": [
            [[paragraph(p) for c in row.cells for p in c.paragraphs] for row in t.rows] for t in document.tables
        ],
        "body elements": [child.tag for child in body],
        "sections": [etree.tostring(s, method="c14n") for s in body.iter(f"{{{W}}}sectPr")],
        "headers": stories("header"),
        "footers": stories("footer"),
        "core": (document.core_properties.title, document.core_properties.author),
    }


def assert_equivalent(ours: bytes, theirs: bytes) -> None:
    mine, reference = document_view(ours), document_view(theirs)
    # docxtpl autoescapes core properties and python-docx escapes them again: "<" becomes a literal "&lt;".
    reference["core"] = tuple(html.unescape(value) for value in reference["core"])
    for key in reference:
        assert mine[key] == reference[key], f"{key} differ from plain docxtpl"


SPEECHES = {
    "title only": Speech(title="在全县工作会议上的讲话"),
    "header block": Speech(
        title="在全县工作会议上的讲话",
        subtitle="在会上",
        date="2023-02-15",
        speaker="张　三",
        salutation="同志们",
        closing=["谢谢大家！"],
    ),
    "markup-like text": Speech(
        title="关于<w:p>与&amp;的讲话",
        opening=["a < b && c > d，</w:t></w:r>不是标签。"],
        recommendations={"items": [{"heading": "要<b>加粗</b>吗？", "body": [{"lead": "要&坚持。", "text": "x<y"}]}]},
    ),
}


@pytest.mark.parametrize("name", SPEECHES)
def test_bundled_template_matches_docxtpl(name):
    speech = SPEECHES[name]
    ours = Template("speech").render(speech)
    assert_equivalent(ours, plain_docxtpl(templates_dir() / "speech.docx", docxtpl_context(speech)))


def test_the_seed_matches_docxtpl(seed_speech):
    ours = Template("speech").render(seed_speech)
    theirs = plain_docxtpl(templates_dir() / "speech.docx", docxtpl_context(seed_speech))
    assert_equivalent(ours, theirs)
    assert len(document_view(ours)["paragraphs"]) >= 30  # the comparison saw the whole speech


def test_prepared_template_renders_the_same_document_every_time(seed_speech):
    template = Template("speech")
    first = template.render(seed_speech)
    template.render(Speech(title="另一篇"))
    assert template.render(seed_speech) == first


@pytest.fixture(scope="module")
def custom_template(tmp_path_factory) -> Path:
    """A user's template with what docxtpl offers: paragraph, run and table-row tags, a header, bold runs."""
    from docx import Document

    document = Document()
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{%p for entry in entries %}")
    item = document.add_paragraph(style="List Bullet")
    item.add_run("{{ entry.name }}").bold = True
    item.add_run("：{{ entry.note }}")
    document.add_paragraph("{%p endfor %}")
    flagged = document.add_paragraph(style="Quote")
    for text in ("{%r if urgent %}", "（急件）", "{%r endif %}", "请于{{ deadline }}前报送。"):
        flagged.add_run(text)
    table = document.add_table(rows=4, cols=2)
    for row, texts in zip(
        table.rows,
        [
            ("名称", "数量"),
            ("{%tr for row in rows %}", ""),
            ("{{ row.name }}", "{{ row.count }}"),
            ("{%tr endfor %}", ""),
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.sections[0].header.paragraphs[0].text = "{{ office }}"
    path = tmp_path_factory.mktemp("custom") / "custom.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("urgent", [True, False])
def test_a_users_template_matches_docxtpl(custom_template, urgent):
    context = {
        "title": "关于报送材料的通知",
        "entries": [{"name": "县委办", "note": "材料<一份>"}, {"name": "县政府办", "note": "A&B"}],
        "urgent": urgent,
        "deadline": "3月1日",
        "rows": [{"name": "报告", "count": 2}, {"name": "附件", "count": 5}],
        "office": "中共**县委办公室",
    }
    ours = Template(custom_template).render(context)
    assert_equivalent(ours, plain_docxtpl(custom_template, context))
    view = document_view(ours)
    assert [p[1] for p in view["paragraphs"][:3]] == ["关于报送材料的通知", "县委办：材料<一份>", "县政府办：A&B"]
    assert view["tables"][0][1][0][1] == "报告" and len(view["tables"][0]) == 3

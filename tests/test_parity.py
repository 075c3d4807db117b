"""docgen renders every docxtpl feature a template author uses with the same result as docxtpl.

Each case builds its template with python-docx, renders it with docxtpl and with docgen from the same
context factory, and compares the structural view of every story part (see tests/parity.py). The
benchmark benchmarks/parity_speed.py times the same cases.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm

from docgen.errors import RenderError, TemplateError, TemplateSecurityError
from tests.parity import (
    check_package,
    docx_bytes,
    edit_package,
    notes_part,
    png,
    render_docgen,
    render_docxtpl,
    texts,
    view,
)

RED = png(colour=(220, 20, 20))
BLUE = png(6, 2, colour=(20, 20, 220))


def table(document: Any, rows: list[list[str]]) -> Any:
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            grid.cell(r, c).text = text
    return grid


# -- the cases: name → (template bytes, context factory) ---------------------------------------------------


def case_variables() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("名称：{{ name }}，数量：{{ count * 2 }}，{{ items|join('、') }}", style="Heading 1")
    p = d.add_paragraph("粗体 ")
    p.add_run("{{ name|upper }}").bold = True
    return docx_bytes(d), lambda tpl: {"name": "A&B <公司>", "count": 21, "items": ["甲", "乙"]}


def case_paragraph_and_run_tags() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("{%p for item in items %}")
    d.add_paragraph("第{{ loop.index }}项：{{ item.text }}", style="List Number")
    d.add_paragraph("{%p if item.note %}")
    d.add_paragraph("注：{{ item.note }}")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p endfor %}")
    p = d.add_paragraph("开头")
    p.add_run("{%r if flag %}")
    p.add_run("加粗").bold = True
    p.add_run("{%r endif %}")
    p.add_run("结尾")
    items = [{"text": "一", "note": "甲"}, {"text": "二", "note": ""}]
    return docx_bytes(d), lambda tpl: {"items": items, "flag": True}


def case_whitespace_control() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("A {%- if x %} B {% endif -%} C")
    d.add_paragraph("上一段")
    d.add_paragraph("{%- if x -%}")
    d.add_paragraph("并入")
    d.add_paragraph("{%- endif -%}")
    return docx_bytes(d), lambda tpl: {"x": True}


def case_comments() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("{#p 整段注释 #}")
    d.add_paragraph("行内{# 注释 #}文字")
    t = table(d, [["{#tr 整行注释 #}", "x"], ["a", "b"]])
    t.add_row()
    t.cell(2, 0).text = "c"
    t.cell(2, 1).text = "{#tc 单元格注释 #}"
    return docx_bytes(d), lambda tpl: {}


def case_table_rows() -> tuple[bytes, Any]:
    d = Document()
    table(d, [["名称", "数量"], ["{%tr for r in rows %}", ""], ["{{ r.name }}", "{{ r.n }}"], ["{%tr endfor %}", ""]])
    rows = [{"name": f"项{i}", "n": i} for i in range(4)]
    return docx_bytes(d), lambda tpl: {"rows": rows}


def case_table_columns() -> tuple[bytes, Any]:
    d = Document()
    table(d, [["{%tc for c in cols %}", "{{ c }}", "{%tc endfor %}"],
              ["{%tc for c in cols %}", "{{ c|lower }}", "{%tc endfor %}"]])  # fmt: skip
    return docx_bytes(d), lambda tpl: {"cols": ["C1", "C2", "C3", "C4", "C5"]}


def case_horizontal_merge() -> tuple[bytes, Any]:
    d = Document()
    table(d, [["{%tc for c in cols %}", "{% hm %}合并标题", "{%tc endfor %}"],
              ["{%tc for c in cols %}", "{{ c }}", "{%tc endfor %}"]])  # fmt: skip
    return docx_bytes(d), lambda tpl: {"cols": ["H1", "H2", "H3", "H4"]}


def case_vertical_merge() -> tuple[bytes, Any]:
    d = Document()
    rows = [["组", "成员"], ["{%tr for m in members %}", ""], ["{% vm %}{{ group }}", "{{ m }}"]]
    rows.append(["{%tr endfor %}", ""])
    table(d, rows)
    return docx_bytes(d), lambda tpl: {"group": "第一组", "members": ["V1", "V2", "V3"]}


def case_colspan_and_cellbg() -> tuple[bytes, Any]:
    d = Document()
    table(d, [["{% colspan span %}跨列", "", ""], ["{% cellbg colour %}底色", "b", "c"]])
    return docx_bytes(d), lambda tpl: {"span": 3, "colour": "FF0000"}


def case_richtext() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("正文：{{r rich }}，完")
    section = d.sections[0]
    section.header.paragraphs[0].text = "页眉链接：{{r link }}"

    def context(tpl: Any) -> dict[str, Any]:
        from docxtpl import RichText

        rich = RichText("红色", color="#FF0000", bold=True)
        rich.add("斜体下划线", italic=True, underline=True, size=32)
        rich.add("仿宋", font="eastAsia:仿宋_GB2312")
        rich.add("删除", strike=True, highlight="#FFFF00")
        rich.add("官网", url_id=tpl.build_url_id("https://example.org/正文"), color="0000FF", underline=True)
        link = RichText("页眉官网", url_id=tpl.build_url_id("https://example.org/header"))
        return {"rich": rich, "link": link}

    return docx_bytes(d), context


def case_richtext_paragraph_and_listing() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("{{p paragraphs }}")
    d.add_paragraph("清单：{{ listing }}")

    def context(tpl: Any) -> dict[str, Any]:
        from docxtpl import Listing, RichText, RichTextParagraph

        paragraphs = RichTextParagraph()
        paragraphs.add("一级标题段", parastyle="Heading1")
        paragraphs.add(RichText("加粗段", bold=True))
        return {"paragraphs": paragraphs, "listing": Listing("第一行\n第二行\t制表\a新段落")}

    return docx_bytes(d), context


def case_inline_image() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("正文图片：{{ image }} 与 {{ linked }}")
    d.add_paragraph("{%p for i in images %}")
    d.add_paragraph("{{ i }}")
    d.add_paragraph("{%p endfor %}")
    d.sections[0].header.paragraphs[0].text = "页眉图片：{{ image }}"
    d.sections[0].footer.paragraphs[0].text = "页脚图片：{{ small }}"

    def context(tpl: Any) -> dict[str, Any]:
        from docxtpl import InlineImage

        return {
            "image": InlineImage(tpl, io.BytesIO(RED), width=Mm(20)),
            "linked": InlineImage(tpl, io.BytesIO(BLUE), height=Mm(5), anchor="https://example.org/logo"),
            "small": InlineImage(tpl, io.BytesIO(BLUE)),
            "images": [InlineImage(tpl, io.BytesIO(RED), width=Mm(5)) for _ in range(2)],
        }

    return docx_bytes(d), context


def _with_notes(data: bytes) -> bytes:
    ft = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return edit_package(
        data,
        {"word/footnotes.xml": notes_part("footnotes", ["脚注：{{ speaker }}"]),
         "word/endnotes.xml": notes_part("endnotes", ["尾注：{{ speaker }}"])},
        {"word/footnotes.xml": f"{ft}.footnotes+xml", "word/endnotes.xml": f"{ft}.endnotes+xml"},
        [("rIdFn", f"{rel}/footnotes", "footnotes.xml"), ("rIdEn", f"{rel}/endnotes", "endnotes.xml")],
    )


def case_headers_footers_notes_properties() -> tuple[bytes, Any]:
    d = Document()
    p = d.add_paragraph("正文{{ speaker }}")
    p.add_run().element.append(
        __import__("docx.oxml", fromlist=["parse_xml"]).parse_xml(
            '<w:footnoteReference xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="1"/>'
        )
    )
    d.sections[0].header.paragraphs[0].text = "页眉：{{ speaker }}"
    d.sections[0].footer.paragraphs[0].text = "页脚：{{ speaker }}"
    d.core_properties.title = "{{ title }}"
    d.core_properties.author = "{{ speaker }}"
    d.core_properties.subject = "主题 {{ title }}"
    return _with_notes(docx_bytes(d)), lambda tpl: {"speaker": "张三", "title": "讲话"}


def case_footnote_image() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("正文")
    data = edit_package(
        docx_bytes(d),
        {"word/footnotes.xml": notes_part("footnotes", ["脚注图片：{{ image }}"])},
        {"word/footnotes.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"},
        [("rIdFn", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes", "footnotes.xml")],
    )

    def context(tpl: Any) -> dict[str, Any]:
        from docxtpl import InlineImage

        return {"image": InlineImage(tpl, io.BytesIO(RED), width=Mm(8))}

    return data, context


def _subdocument() -> bytes:
    d = Document()
    style = d.styles.add_style("子文档样式", 1)
    style.font.bold = True
    d.add_paragraph("子文档标题", style="子文档样式")
    d.add_paragraph("列表一", style="List Number")
    d.add_paragraph("列表二", style="List Number")
    d.add_picture(io.BytesIO(BLUE), width=Mm(10))
    table(d, [["子表", "格"]])
    return docx_bytes(d)


def case_subdoc(tmp_path_factory: Any = None) -> tuple[bytes, Any]:
    import tempfile

    d = Document()
    d.add_paragraph("前文")
    d.add_paragraph("{{p sub }}")
    d.add_paragraph("{{p built }}")
    d.add_paragraph("后文")
    folder = tempfile.mkdtemp(prefix="parity-subdoc-")
    path = f"{folder}/sub.docx"
    with open(path, "wb") as handle:
        handle.write(_subdocument())

    def context(tpl: Any) -> dict[str, Any]:
        built = tpl.new_subdoc()
        built.add_paragraph("程序生成的子文档段落")
        built.add_picture(io.BytesIO(RED), width=Mm(6))
        return {"sub": tpl.new_subdoc(path), "built": built}

    return docx_bytes(d), context


def case_optional_variables() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("{{ missing|default('缺省') }}|{{ present|default('x') }}|{{ missing|d('d') }}")
    d.add_paragraph("{% if missing is defined %}{{ missing }}{% else %}未定义{% endif %}")
    d.add_paragraph("{{ present if present is defined else '无' }}")
    return docx_bytes(d), lambda tpl: {"present": "有"}


def case_usual_filters() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("{{ '%.2f' % amount }}|{{ '%05d'|format(n) }}|{{ '%s-%s'|format('a', 'b') }}|{{ data|tojson }}")
    d.add_paragraph("{{ text|wordwrap(5) }}|{{ text|indent(2, true) }}|{{ 'x'|center(7) }}|{{ size|filesizeformat }}")
    d.add_paragraph(
        "{% for row in items|batch(2, '-') %}[{{ row|join(',') }}]{% endfor %}"
        "{% for col in items|slice(2) %}({{ col|join(',') }}){% endfor %}|{{ items|sum }}|{{ 3.14159|round(2) }}"
    )
    return docx_bytes(d), lambda tpl: {
        "amount": 1234.5, "n": 42, "data": {"键": [1, 2]}, "text": "one two three four", "size": 123456,
        "items": [1, 2, 3, 4, 5],
    }  # fmt: skip


def case_pictures_replaced() -> tuple[bytes, Any]:
    d = Document()
    d.add_paragraph("标志：")
    d.add_picture(io.BytesIO(RED), width=Mm(10))
    d.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(png(2, 2)), width=Mm(5))
    d.add_paragraph("{{ name }}")
    return docx_bytes(d), lambda tpl: {"name": "替换图片"}


CASES = {
    "variables": case_variables,
    "p-and-r-tags": case_paragraph_and_run_tags,
    "whitespace-control": case_whitespace_control,
    "comments": case_comments,
    "tr": case_table_rows,
    "tc": case_table_columns,
    "hm": case_horizontal_merge,
    "vm": case_vertical_merge,
    "colspan-cellbg": case_colspan_and_cellbg,
    "richtext": case_richtext,
    "richtextparagraph-listing": case_richtext_paragraph_and_listing,
    "inline-image": case_inline_image,
    "headers-footers-notes-properties": case_headers_footers_notes_properties,
    "footnote-image": case_footnote_image,
    "subdoc": case_subdoc,
    "optional-variables": case_optional_variables,
    "usual-filters": case_usual_filters,
    "pictures-replaced": case_pictures_replaced,
}

# docxtpl leaves these unrendered or broken; docgen's result is checked on its own instead.
NOT_COMPARED = {
    "headers-footers-notes-properties": {"word/endnotes.xml"},  # docxtpl does not render endnotes
    "richtext": {"word/header1.xml"},  # docxtpl relates every hyperlink to the body: the header's is broken
}
# docxtpl raises on these (an InlineImage in a footnote: AttributeError new_pic_inline); docgen's own checks below.
DOCXTPL_FAILS = {"footnote-image"}


def comparable(data: bytes, case: str) -> dict[str, Any]:
    seen = view(data)
    for part in NOT_COMPARED.get(case, ()):
        seen.pop(part, None)
    return seen


@pytest.mark.parametrize("case", list(CASES))
def test_docgen_renders_like_docxtpl(case: str) -> None:
    template, context = CASES[case]()
    ours = render_docgen(template, context)
    check_package(ours)
    if case in DOCXTPL_FAILS:
        with pytest.raises(AttributeError):
            render_docxtpl(template, context)
        return
    theirs = render_docxtpl(template, context)
    assert comparable(ours, case) == comparable(theirs, case)


def test_the_structural_view_sees_a_difference() -> None:
    # The comparison can fail: a different context gives a different view.
    template, context = case_table_columns()
    assert view(render_docgen(template, context)) != view(render_docgen(template, lambda tpl: {"cols": ["C1"]}))


def test_tables_whose_columns_a_loop_makes_get_a_grid_as_wide_as_their_rows() -> None:
    template, context = case_table_columns()
    body = view(render_docgen(template, context))["word/document.xml"]
    (kind, columns, rows) = body[0]
    assert kind == "tbl" and columns == 5 and [len(r) for r in rows] == [5, 5]
    template, context = case_horizontal_merge()
    (kind, columns, rows) = view(render_docgen(template, context))["word/document.xml"][0]
    assert columns == 4 and [c[0] for c in rows[0]] == [4] and len(rows[1]) == 4


def test_endnotes_comments_and_properties_are_rendered_too() -> None:
    template, context = case_headers_footers_notes_properties()
    ours = render_docgen(template, context)
    assert "尾注：张三" in texts(ours, "word/endnotes.xml")
    assert "脚注：张三" in texts(ours, "word/footnotes.xml")
    assert view(ours)["core"]["author"] == "张三"


def test_a_hyperlink_in_a_header_is_related_in_the_header() -> None:
    template, context = case_richtext()
    header = view(render_docgen(template, context))["word/header1.xml"]
    links = [run[1] for block in header for run in block[3]]
    assert "https://example.org/header" in links


def test_an_image_in_a_footnote_gets_its_part_and_relationship() -> None:
    template, context = case_footnote_image()
    ours = render_docgen(template, context)
    check_package(ours)
    notes = view(ours)["word/footnotes.xml"]
    drawings = [run[3] for note in notes for block in note[2] for run in block[3] if run[3] is not None]
    assert len(drawings) == 1 and drawings[0][1]


def test_pictures_media_and_files_are_replaced_like_docxtpl() -> None:
    from docxtpl import DocxTemplate

    from docgen import Template

    template, context = case_pictures_replaced()
    reference = DocxTemplate(io.BytesIO(template))
    prepared = Template("parity.docx", data=template)
    header_png = png(2, 2)
    green = png(3, 3, (0, 200, 0))
    for replace in (lambda t: t.replace_pic("image.png", io.BytesIO(BLUE)),  # python-docx names pictures image.png
                    lambda t: t.replace_media(io.BytesIO(header_png), io.BytesIO(green))):  # fmt: skip
        reference = DocxTemplate(io.BytesIO(template))
        prepared = Template("parity.docx", data=template)
        replace(reference)
        replace(prepared)
        reference.render(context(reference), autoescape=True)
        buffer = io.BytesIO()
        reference.save(buffer)
        ours = prepared.render(context(prepared))
        check_package(ours)
        assert view(ours) == view(buffer.getvalue())
    media = {n: zipfile.ZipFile(io.BytesIO(ours)).read(n) for n in zipfile.ZipFile(io.BytesIO(ours)).namelist()
             if n.startswith("word/media/")}  # fmt: skip
    assert green in media.values() and header_png not in media.values() and RED in media.values()
    prepared.reset_replacements()
    assert RED in zipfile.ZipFile(io.BytesIO(prepared.render(context(prepared)))).read("word/media/image1.png")
    with pytest.raises(TemplateError, match=r"没有名称、标题或说明为“nope\.png”的图片"):
        prepared.replace_pic("nope.png", io.BytesIO(BLUE))
    with pytest.raises(TemplateError, match="没有与给出的文件内容相同"):
        prepared.replace_media(io.BytesIO(b"not in the template"), io.BytesIO(BLUE))
    with pytest.raises(TemplateError, match=r"没有 word/embeddings/x\.xlsx"):
        prepared.replace_zipname("word/embeddings/x.xlsx", io.BytesIO(b""))


def test_replace_zipname_swaps_the_entry_and_replace_embedded_names_what_is_missing() -> None:
    # Templates with embedded files are refused as active content (issue 10), so replace_embedded can only
    # say there is nothing to replace; replace_zipname works on any entry that is not rendered.
    from docgen import Template

    template, context = case_pictures_replaced()
    prepared = Template("parity.docx", data=template)
    prepared.replace_zipname("word/media/image1.png", BLUE)
    assert zipfile.ZipFile(io.BytesIO(prepared.render(context(prepared)))).read("word/media/image1.png") == BLUE
    with pytest.raises(TemplateError, match="没有与给出的文件内容相同的嵌入文件"):
        prepared.replace_embedded(io.BytesIO(b"workbook"), io.BytesIO(b"new"))
    with pytest.raises(TemplateError, match="渲染或关系部件"):
        prepared.replace_zipname("word/document.xml", b"<x/>")


def test_custom_filters_and_a_custom_jinja_environment_are_passed_through() -> None:
    import jinja2

    d = Document()
    d.add_paragraph("{{ amount|money }}|{{ name|shout }}|{% if n is even %}偶{% endif %}|{{ unit }}")
    d.add_paragraph("{% for i in range(5) %}{% if i == 2 %}{% break %}{% endif %}{{ i }}{% endfor %}")
    template = docx_bytes(d)
    env = jinja2.Environment(extensions=["jinja2.ext.loopcontrols"])
    env.filters["money"] = lambda v: f"¥{v:,.2f}"
    env.filters["shout"] = lambda v: f"{v}！"
    env.globals["unit"] = "元"

    def context(tpl: Any) -> dict[str, Any]:
        return {"amount": 12345.6, "name": "张三", "n": 4}

    ours = render_docgen(template, context, jinja_env=env)
    assert view(ours) == view(render_docxtpl(template, context, jinja_env=env))
    assert "¥12,345.60|张三！|偶|元" in texts(ours)
    only_filters = render_docgen(template, context, filters={"money": env.filters["money"], "shout": str.upper},
                                 jinja_env=env)  # fmt: skip
    assert "|张三|" in texts(only_filters)


def test_a_custom_environment_is_still_sandboxed() -> None:
    import jinja2

    d = Document()
    d.add_paragraph("{{ name.__class__ }}")
    with pytest.raises(TemplateSecurityError, match="__class__"):
        render_docgen(docx_bytes(d), lambda tpl: {"name": "x"}, jinja_env=jinja2.Environment(autoescape=False))
    d = Document()
    d.add_paragraph("{{ name|leak }}")
    env = jinja2.Environment()
    env.filters["leak"] = lambda v: "<w:p>" + v
    ours = render_docgen(docx_bytes(d), lambda tpl: {"name": "a&b"}, jinja_env=env)
    assert "&lt;w:p&gt;a&amp;b" in zipfile.ZipFile(io.BytesIO(ours)).read("word/document.xml").decode()
    with pytest.raises(TemplateError, match="标签写法"):
        render_docgen(docx_bytes(d), lambda tpl: {}, jinja_env=jinja2.Environment(variable_start_string="[["))


def test_undefined_variables_are_still_refused_unless_guarded() -> None:
    from docgen import Template
    from docgen.errors import TemplateVariableError

    template, _ = case_optional_variables()
    prepared = Template("parity.docx", data=template)
    assert prepared.variables.unknown == ()  # every use of missing/present is guarded
    assert "缺省|有|d" in texts(prepared.render({"present": "有"}))
    d = Document()
    d.add_paragraph("{{ missing }}{{ other|default('x') }}")
    with pytest.raises(TemplateVariableError, match="missing"):
        Template("t.docx", data=docx_bytes(d)).render({"title": "x"})


REFUSED = [
    ("{{ name.__class__ }}", "name.__class__", "内部属性"),
    ("{{ name|safe }}", "name|safe", "XML"),
    ("{% autoescape false %}{{ name }}{% endautoescape %}", "autoescape false", "自动转义"),
    ("{% include 'word/styles.xml' %}", "include 'word/styles.xml'", "include"),
    ("{% import 'x' as y %}", "import 'x' as y", "import"),
    ("{{ '{:>9}'.format(name) }}", "'{:>9}'.format(name)", "str.format"),
    ("{{ name|urlize }}", "name|urlize", "<a>"),
]


@pytest.mark.parametrize(("tag", "shown", "why"), REFUSED)
def test_refused_tags_are_named_with_the_reason_before_anything_is_written(tag: str, shown: str, why: str) -> None:
    from docgen import Template

    d = Document()
    d.add_paragraph("前文")
    d.add_paragraph(tag)
    with pytest.raises(TemplateSecurityError) as refused:
        Template("我的模板.docx", data=docx_bytes(d))
    message = str(refused.value)
    assert "我的模板.docx" in message and shown in message and why in message and "已拒绝" in message


def test_tags_in_relationships_are_refused() -> None:
    from docgen import Template

    template, _ = case_variables()
    name = "word/_rels/document.xml.rels"
    rels = zipfile.ZipFile(io.BytesIO(template)).read(name)
    rels = rels.replace(b"</Relationships>", b"<!-- {{ x }} --></Relationships>")
    with pytest.raises(TemplateSecurityError, match=r"document\.xml\.rels 中有 Jinja 标签"):
        Template("t.docx", data=edit_package(template, {name: rels}))


def test_a_template_given_as_bytes_is_named_in_messages() -> None:
    from docgen import Template

    d = Document()
    d.add_paragraph("{{ x.__class__ }}")
    with pytest.raises(TemplateSecurityError, match="传入的模板数据") as refused:
        Template(data=docx_bytes(d))
    assert "speech" not in str(refused.value)


def test_no_raw_errors_for_bad_rich_values() -> None:
    template, _ = case_inline_image()

    def broken(tpl: Any) -> dict[str, Any]:
        from docxtpl import InlineImage

        bad = InlineImage(tpl, io.BytesIO(b"not an image"))
        return {"image": bad, "linked": bad, "small": bad, "images": []}

    with pytest.raises(RenderError, match="InlineImage"):
        render_docgen(template, broken)
    d = Document()
    d.add_paragraph("{{ n + 'x' }}")
    with pytest.raises(RenderError, match="渲染失败"):
        render_docgen(docx_bytes(d), lambda tpl: {"n": 1})


def test_preparation_has_a_budget() -> None:
    from docgen import Template
    from docgen.template.source import MAX_TAG_CHARS, MAX_TEMPLATE_TAGS

    d = Document()
    for _ in range(MAX_TEMPLATE_TAGS // 100 + 1):
        d.add_paragraph(" ".join(["{{ title }}"] * 100))
    with pytest.raises(TemplateSecurityError, match=f"超过 {MAX_TEMPLATE_TAGS:,} 个标签"):
        Template("many.docx", data=docx_bytes(d))
    d = Document()
    d.add_paragraph("{{ title " + "x" * (MAX_TAG_CHARS + 10))
    with pytest.raises(TemplateSecurityError, match=r"没有在 .* 个字符内结束"):
        Template("open.docx", data=docx_bytes(d))


# -- on paper: the table cases through LibreOffice --------------------------------------------------------

PAPER_TABLES = {
    # case → the texts one printed line must hold, left to right (each cell where LibreOffice placed it)
    "tc": ["C1", "C2", "C3", "C4", "C5"],
    "hm": ["H1", "H2", "H3", "H4"],
    "vm": ["V1"],
}


@pytest.fixture(scope="module")
def table_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from docgen.output.pdf import PdfError, find_soffice, to_pdf_many
    from tests.paper import read_pages

    try:
        find_soffice()
    except PdfError as exc:
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("parity-pdf")
    paths = []
    for case in PAPER_TABLES:
        template, context = CASES[case]()
        path = folder / f"{case}.docx"
        path.write_bytes(render_docgen(template, context))
        paths.append(path)
    (folder / "pdf").mkdir()
    pdfs = to_pdf_many(paths, folder / "pdf")
    return {case: read_pages(pdf) for case, pdf in zip(PAPER_TABLES, pdfs, strict=True)}


@pytest.mark.parametrize("case", list(PAPER_TABLES))
def test_table_cases_print_every_cell_in_its_own_column(case: str, table_pdfs: dict[str, Any]) -> None:
    lines = [line for page in table_pdfs[case] for line in page.lines]
    wanted = PAPER_TABLES[case]
    row = next((line for line in lines if all(text in line.text for text in wanted)), None)
    assert row is not None, f"no printed line holds {wanted}: {[line.text for line in lines]}"
    starts = [row.text.index(text) for text in wanted]
    assert starts == sorted(starts)
    if case == "hm":  # the merged header is one cell: its text is printed once, on its own line
        assert sum(line.text.count("合并标题") for line in lines) == 1
    if case == "vm":  # the merged group cell prints its text once, beside the first member
        assert sum(line.text.count("第一组") for line in lines) == 1
        assert all(any(m in line.text for line in lines) for m in ("V1", "V2", "V3"))

"""Hostile templates: injection payloads, runaway loops and output, zip bombs and XML entities are refused with a
`TemplateSecurityError` naming the template, and nothing is written.

Two layers are tested apart, so that removing either one fails a test: the check of the parsed template when
it is prepared (`Template(...)` raises), and the sandbox while rendering (payloads the first layer cannot see,
and the same payloads compiled straight into the environment, past the first layer).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest

from docgen import Speech, Template, render_file
from docgen.errors import RenderError, TemplateError, TemplateSecurityError
from docgen.layout.build import build_template
from docgen.layout.profile import STANDARD
from docgen.template.prepared import _environment

SPEECH = Speech(title="讲话", closing=["谢谢！"], praise={"points": [{"heading": "在抓党建方面", "body": ["好。"]}]})


def package(replace: dict[str, bytes | None] | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """The bundled template with some parts replaced (None drops one) and extra entries added."""
    source = zipfile.ZipFile(io.BytesIO(build_template(STANDARD)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = (replace or {}).get(info.filename, source.read(info))
            if data is not None:
                target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def with_tag(tag: str, part: str = "word/document.xml") -> bytes:
    """The bundled template with one more paragraph holding ``tag`` (typed in Word, so XML-escaped)."""
    source = zipfile.ZipFile(io.BytesIO(build_template(STANDARD)))
    xml = source.read(part)
    paragraph = f"<w:p><w:r><w:t>{escape(tag)}</w:t></w:r></w:p>".encode()
    if part == "word/document.xml":
        xml = xml.replace(b"<w:sectPr>", paragraph + b"<w:sectPr>")
    else:
        xml = xml.replace(b"</w:p>", b"</w:p>" + paragraph, 1)
    return package({part: xml})


def render_runtime(payload: str) -> str:
    """``payload`` compiled straight into the render environment, past the check made at preparation."""
    environment = _environment("payload.docx")
    return environment.from_string(payload).render(SPEECH.to_context())


# Payload → what the check at preparation says about it.
REFUSED_WHEN_PREPARED = [
    ("{{ ''.__class__.__mro__ }}", "__mro__"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__subclasses__"),
    ("{{ cycler.__init__.__globals__ }}", "__globals__"),
    ("{{ lipsum.__globals__['os'] }}", "__globals__"),
    ("{{ lipsum }}", "lipsum"),
    ("{{ joiner }}", "joiner"),
    ("{% set ns = namespace(a=1) %}", "namespace"),
    ("{{ self._TemplateReference__context }}", "_TemplateReference__context"),
    ("{{ self }}", "self"),
    ("{{ config }}", "config"),
    ("{{ config.items() }}", "config"),
    ("{{ request }}", "request"),
    ("{{ request.application.__globals__ }}", "__globals__"),
    ("{{ '{0.__class__}'.format(title) }}", "format"),
    ("{{ title.format_map(praise) }}", "format_map"),
    ("{{ title['__class__'] }}", "__class__"),
    ("{{ loop.__class__ }}", "__class__"),
    ("{{ title|safe }}", "safe"),
    ("{{ title|forceescape }}", "forceescape"),
    ("{{ title|urlize }}", "urlize"),
    ("{{ [1, 2]|random }}", "random"),
    ("{{ '{:>9}'.format(title) }}", "str.format"),
    ("{% autoescape false %}{{ title }}{% endautoescape %}", "autoescape"),
    ("{% include 'word/styles.xml' %}", "include"),
    ("{% import 'x' as x %}", "include"),
    ("{% extends 'x' %}", "include"),
    ("{% if 1 %}" * 13 + "{% endif %}" * 13, "块嵌套"),
    ("{{ title" + ".a" * 100 + " }}", "表达式嵌套"),
    ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", "嵌套过深"),
]


@pytest.mark.parametrize(("payload", "named"), REFUSED_WHEN_PREPARED)
def test_injection_payloads_are_refused_when_the_template_is_prepared(payload, named):
    with pytest.raises(TemplateSecurityError, match=named) as refused:
        Template("hostile.docx", data=with_tag(payload))
    assert "hostile.docx" in str(refused.value) and "已拒绝" in str(refused.value)


@pytest.mark.parametrize("part", ["word/footer1.xml", "docProps/core.xml"])
def test_payloads_in_footers_and_core_properties_are_refused_too(part):
    data = package({part: build_template_part(part).replace(b"</", b"{{ ''.__class__ }}</", 1)})
    with pytest.raises(TemplateSecurityError, match="__class__"):
        Template("hostile.docx", data=data)


def build_template_part(part: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(build_template(STANDARD))).read(part)


# Payload → what the sandbox says while rendering; the check at preparation passes these or is skipped.
REFUSED_WHILE_RENDERING = [
    ("{{ title|attr('_' ~ '_class__') }}", "__class__"),
    ("{{ title[('_' ~ '_class__')] }}", "__class__"),
    ("{{ praise.points|map(attribute='_' ~ '_class__')|list }}", "__class__"),
    ("{{ title.ljust(100000000) }}", "ljust"),
    ("{{ title.center(100000000) }}", "center"),
    ("{{ title|attr('format')('{0.__class__}') }}", "format"),
    ("{{ range(10**9)|list }}", "range"),
    ("{{ range(100001)|length }}", "range"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "步"),
    ("{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x{% endfor %}"
     "{% endfor %}{% endfor %}", "步"),
    ("{% for x in [1] recursive %}{{ loop([1, 2, 3]) }}{% endfor %}", "嵌套"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "嵌套"),
    ("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}", "步"),
    ("{{ 'x' * 10**9 }}", "过大"),
    ("{{ [1] * 10**9 }}", "过大"),
    ("{{ 9 ** (9 ** 9) }}", "整数运算"),
    ("{% set a = 2 ** 4000 %}{{ a * a }}", "整数运算"),
    ("{{ '%0999999999d' % 1 }}", "格式化"),
    ("{{ '%*d' % (999999999, 1) }}", "格式化"),
    ("{{ '%.2f'|format(1) * 10**8 }}", "过大"),
    ("{{ '%1001d%1d'|format(1, 2)|length }}", "格式化"),
    ("{{ title|center(1000000000) }}", "过大"),
    ("{{ title|indent(1000000000) }}", "过大"),
    ("{{ ('x\n' * 100000)|indent(1000) }}", "过大"),
    ("{{ ('x ' * 5000000)|wordwrap(1, wrapstring='y' * 100) }}", "过大"),
    ("{{ [1]|batch(1000000000, 'x')|list }}", "过大"),
    ("{{ [1]|slice(1000000000)|list }}", "过大"),
    ("{% set a = 'x' * 100000 %}{% set b = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}"
     "{% set c = b ~ b ~ b ~ b ~ b ~ b ~ b ~ b ~ b ~ b %}{{ (c ~ c)|length }}", "过大"),
    ("{% set a = 'x' * 100000 %}{% set b = a + a + a + a + a + a + a + a + a + a %}"
     "{% set c = b + b + b + b + b + b + b + b + b + b %}{{ (c + c)|length }}", "过大"),
    ("{{ range(100000)|join('x' * 1000) }}", "过大"),
    ("{{ 'a'|replace('', 'b' * 99999)|replace('', 'c' * 99999) }}", "过大"),
    ("{% for i in range(100000) %}{{ 'x' * 10000 }}{% endfor %}", "超过"),
]


def test_output_counts_against_the_budget_even_when_it_is_static_text(monkeypatch):
    import docgen.template.budget

    monkeypatch.setattr(docgen.template.budget, "MAX_RENDER_CHARS", 1_000_000)
    template = Template("t.docx", data=with_tag("{% for i in range(1000) %}" + "讲" * 2000 + "{% endfor %}"))
    with pytest.raises(TemplateSecurityError, match="超过 1,000,000 个字符"):
        template.render(SPEECH)


_KINDS = {"步": "steps", "嵌套": "depth", "过大": "size", "超过": "output", "整数运算": "bigint", "格式化": "percent"}


@pytest.mark.parametrize(
    ("payload", "named"),
    [pytest.param(p, n, id=f"{_KINDS.get(n, n.strip('_'))}-{i}") for i, (p, n) in enumerate(REFUSED_WHILE_RENDERING)],
)
def test_payloads_the_preparation_cannot_see_are_stopped_while_rendering(tmp_path, payload, named):
    template = Template("hostile.docx", data=with_tag(payload))
    target = tmp_path / "out.docx"
    with pytest.raises(TemplateSecurityError, match=named) as refused:
        render_file(SPEECH, target, template)
    assert "hostile.docx" in str(refused.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ title.__class__.__mro__[1].__subclasses__() }}",
        "{{ praise.__class__.__init__.__globals__ }}",
        "{% for p in praise.points %}{{ loop.__class__ }}{% endfor %}",
        "{{ title['__class__'] }}",
        "{{ '{0.__class__}'.format(title) }}",
        "{{ title.format_map(praise) }}",
        "{{ title.upper.__self__ }}",
    ],
)
def test_the_sandbox_stops_attribute_walks_even_past_the_preparation_check(payload):
    with pytest.raises(TemplateSecurityError, match="内部属性"):
        render_runtime(payload)


@pytest.mark.parametrize("name", ["lipsum", "cycler", "joiner", "namespace"])
def test_unneeded_globals_are_not_there(name):
    from jinja2 import UndefinedError

    assert name not in _environment().globals
    with pytest.raises(UndefinedError):
        render_runtime(f"{{{{ {name} }}}}")


@pytest.mark.parametrize("name", ["safe", "forceescape", "urlize", "random"])
def test_filters_that_break_escaping_or_purity_are_not_there(name):
    assert name not in _environment().filters


def test_output_is_escaped_even_past_the_preparation_check():
    # The check refuses {% autoescape false %} and |safe; underneath, every output is escaped, so content stays text.
    environment = _environment("t.docx")
    rendered = environment.from_string("{{ title }}|{{ '<w:p>&' }}|{{ title ~ '{{' }}").render(title="<w:t>&{{ x }}")
    content = "&lt;w:t&gt;&amp;&#123;&#123; x &#125;&#125;"
    assert rendered == f"{content}|&lt;w:p&gt;&amp;|{content}&#123;&#123;"


def test_arithmetic_errors_are_render_errors_not_crashes():
    with pytest.raises(RenderError, match="division by zero"):
        Template("t.docx", data=with_tag("{{ 1 / 0 }}")).render(SPEECH)


def test_a_budget_is_per_render_so_big_legitimate_renders_do_not_add_up():
    template = Template("t.docx", data=with_tag("{% for i in range(100000) %}{% endfor %}"))
    for _ in range(12):  # 12 × 100,000 steps would exhaust one shared budget and raise here
        assert template.render(SPEECH)[:2] == b"PK"


def test_ordinary_template_features_still_work():
    tags = (
        "{% set n = praise.points|length %}{% macro label(x) %}【{{ x }}】{% endmacro %}"
        "{% for p in praise.points if p.heading %}{{ label(p.heading|upper) }}{{ loop.index }}/{{ n }}{% endfor %}"
        "{{ title ~ '！' }}{{ (closing|join('、'))|replace('谢', '多谢') }}{{ range(3)|list|sum }}{{ 2 ** 10 }}"
    )
    from .conftest import docx_paragraphs

    texts = [t for _, t in docx_paragraphs(Template("t.docx", data=with_tag(tags)).render(SPEECH))]
    assert "【在抓党建方面】1/1讲话！多谢多谢！31024" in texts


# -- the package: sizes, zip bombs, entities ---------------------------------------------------------------


def test_an_oversized_template_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import docgen.template.prepared

    path = tmp_path / "big.docx"
    path.write_bytes(build_template(STANDARD))
    monkeypatch.setattr(docgen.template.prepared, "MAX_TEMPLATE_BYTES", 1000)
    with pytest.raises(TemplateSecurityError, match="太大"):
        Template(path)


def test_oversized_template_bytes_are_refused(monkeypatch):
    import docgen.template.package

    monkeypatch.setattr(docgen.template.package, "MAX_TEMPLATE_BYTES", 1000)
    with pytest.raises(TemplateSecurityError, match="太大"):
        Template("big.docx", data=build_template(STANDARD))


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    bomb = package(extra={"word/media/bomb.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 200_000
    with pytest.raises(TemplateSecurityError, match="压缩比"):
        Template("bomb.docx", data=bomb)


def test_a_package_that_unpacks_too_big_is_refused(monkeypatch):
    import docgen.template.package

    monkeypatch.setattr(docgen.template.package, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(TemplateSecurityError, match="解压后超过"):
        Template("big.docx", data=build_template(STANDARD))


def test_too_many_entries_are_refused():
    many = package(extra={f"customXml/item{i}.bin": b"x" for i in range(2100)})
    with pytest.raises(TemplateSecurityError, match="压缩项"):
        Template("many.docx", data=many)


def test_duplicate_entries_are_refused():
    duplicated = io.BytesIO()
    with zipfile.ZipFile(duplicated, "w") as target:
        for info in zipfile.ZipFile(io.BytesIO(build_template(STANDARD))).infolist():
            target.writestr(info.filename, build_template_part(info.filename))
        with pytest.warns(UserWarning):
            target.writestr("word/document.xml", build_template_part("word/document.xml"))
    with pytest.raises(TemplateSecurityError, match="两次"):
        Template("dup.docx", data=duplicated.getvalue())


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(f'<!ENTITY lol{i + 1} "{("&lol" + str(i) + ";") * 10}">'.encode() for i in range(9)).replace(
        b"&lol0;", b"&lol;"
    )
    + b"]>"
)
EXTERNAL_ENTITY = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/footer1.xml", "[Content_Types].xml"])
@pytest.mark.parametrize("prolog", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_entity_declarations_are_refused_in_every_part(part, prolog):
    original = build_template_part(part)
    body = original.split(b"?>", 1)[1]
    hostile = prolog + body.replace(b"</w:t>", b"&xxe;</w:t>", 1)
    with pytest.raises(TemplateSecurityError, match=r"DOCTYPE|ENTITY"):
        Template("xxe.docx", data=package({part: hostile}))


def test_a_doctype_hidden_in_utf16_is_refused():
    original = build_template_part("word/styles.xml").decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    hostile = original.replace("?>", '?><!DOCTYPE w:styles [<!ENTITY e "x">]>', 1).encode("utf-16")
    with pytest.raises(TemplateSecurityError, match="DOCTYPE"):
        Template("utf16.docx", data=package({"word/styles.xml": hostile}))


def test_entities_are_never_expanded_by_the_parser_itself():
    from docgen.template.package import parse_xml

    root = parse_xml(EXTERNAL_ENTITY + b"<r>&xxe;</r>")
    assert "root:" not in (root.text or "") and len(root) <= 1  # the reference stays a reference


def test_security_errors_are_both_template_and_render_errors():
    assert issubclass(TemplateSecurityError, TemplateError) and issubclass(TemplateSecurityError, RenderError)


def test_cli_reports_a_hostile_template_in_chinese_with_exit_2(tmp_path, capsys):
    from docgen.cli import main

    from .conftest import SEED_YAML

    template = tmp_path / "hostile.docx"
    template.write_bytes(with_tag("{{ cycler.__init__.__globals__ }}"))
    target = tmp_path / "out.docx"
    assert main(["render", str(SEED_YAML), "-o", str(target), "--template", str(template)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "hostile.docx" in err and "__globals__" in err and "Traceback" not in err
    assert not target.exists()
    assert main(["templates", "check", str(template)]) == 2
    assert main(["--debug", "templates", "check", str(template)]) == 2
    assert "Traceback" in capsys.readouterr().err

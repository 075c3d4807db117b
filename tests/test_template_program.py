"""A bundled template renders through its compiled program, without Jinja — and every text it gives is the text
Jinja gives: for both bundled templates and many speeches, for hand-written templates in and outside the
program's subset, and for contexts the program must leave to Jinja (missing names, other kinds of values)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from docgen import Speech, load_speech
from docgen.errors import DocgenError, RenderError
from docgen.model.load import parse_speech
from docgen.model.schema import speech_schema
from docgen.template import cache as template_cache
from docgen.template.prepared import Template, _environment
from docgen.template.program import Program, Unsupported
from docgen.template.program_compiler import compile_program

from .conftest import REPO, modules_of_two_renders
from .schema_strategy import from_schema
from .test_docxtpl_equivalence import SPEECHES as EQUIVALENCE_SPEECHES
from .test_shapes import HEADED

BUNDLED = ["speech", "speech-large"]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DOCGEN_NO_CACHE", raising=False)


def _outcome(run: Any) -> tuple[str, str]:
    try:
        return "text", run()
    except DocgenError as exc:
        return type(exc).__name__, str(exc)


def assert_same_as_jinja(template: Template, context: dict[str, Any]) -> int:
    """Each part's text (or error) through the program path equals Jinja's; returns how many parts the program
    rendered by itself."""
    by_program = 0
    for part in template._parts:
        assert part.program is not None, part.name
        reference = _outcome(lambda part=part: template._run_jinja(part, context))
        assert _outcome(lambda part=part: template._run(part, context)) == reference, part.name
        try:
            text = part.program.run(context)
        except Unsupported:
            continue
        assert ("text", text) == reference, part.name
        by_program += 1
    return by_program


def _speeches() -> list[Speech]:
    speeches = [load_speech(path) for path in sorted((REPO / "examples").glob("*.yaml"))]
    speeches += [Speech.model_validate(HEADED), *EQUIVALENCE_SPEECHES.values()]
    speeches.append(
        Speech(
            title="关于{{ x }}与{% if %}的讲话",
            subtitle="副标题<w:t>&amp;",
            date="2023-02-15",
            speaker="张三}}",
            salutation="同志们：",
            opening=["第一段\t有制表符\n与换行。", "全角　空格与 &lt; 实体。"],
            closing=["谢谢大家！"],
        )
    )
    return speeches


@pytest.mark.parametrize("name", BUNDLED)
def test_every_part_of_a_bundled_template_is_compiled(name: str) -> None:
    for loaded in (Template(name), Template(name)):  # made fresh, then read back from the cache
        assert [part.program is not None for part in loaded._parts] == [True] * len(loaded._parts)


@pytest.mark.parametrize("name", BUNDLED)
def test_the_program_renders_every_speech_as_jinja_does(name: str) -> None:
    fresh, cached = Template(name), Template(name)
    for speech in _speeches():
        for template in (fresh, cached):
            assert assert_same_as_jinja(template, speech.to_context()) == len(template._parts)
            assert assert_same_as_jinja(template, speech.to_context(template._context_names)) == len(template._parts)


@pytest.mark.parametrize("name", BUNDLED)
def test_the_documents_equal_those_rendered_by_jinja_alone(name: str) -> None:
    template, reference = Template(name), Template(name)
    for part in reference._parts:
        part.program = None  # Jinja renders every part
    for speech in _speeches():
        assert template.render(speech) == reference.render(speech)


SCHEMA = speech_schema()


def _accepted(data: Any) -> Speech | None:
    try:
        return parse_speech(json.dumps(data, ensure_ascii=False), format="json")
    except DocgenError:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(from_schema(SCHEMA))
def test_generated_speeches_render_through_the_program_as_through_jinja(data: Any) -> None:
    speech = _accepted(data)
    if speech is None:
        return
    for name in BUNDLED:
        template = _bundled(name)
        assert assert_same_as_jinja(template, speech.to_context()) == len(template._parts)


_TEMPLATES: dict[str, Template] = {}


def _bundled(name: str) -> Template:
    if name not in _TEMPLATES:
        _TEMPLATES[name] = Template(name)
    return _TEMPLATES[name]


# -- contexts the program leaves to Jinja --------------------------------------------------------------------


def _seed_context() -> dict[str, Any]:
    return load_speech(REPO / "examples" / "seed.yaml").to_context()


@pytest.mark.parametrize(
    "change",
    [
        {"speaker": Markup("<w:p>")},
        {"speaker": 42},
        {"speaker": 4.5},
        {"speaker": True},
        {"speaker": ["张三"]},
        {"title_lines": "一行标题"},
        {"title_lines": ("甲", "乙")},
        {"title_lines": None},
        {"salutation": "同志们\x01："},
        {"paragraphs": [{"style": "body", "runs": [{"style": "lead", "text": 7}]}]},
        {"paragraphs": [{"style": "heading1"}]},
        {"paragraphs": [{"text": "没有样式"}]},
        {"paragraphs": ["不是字典"]},
        {"paragraphs": {"style": "body"}},
        {"subtitle_lines": []},
    ],
    ids=repr,
)
def test_a_context_the_program_cannot_render_is_rendered_by_jinja(change: dict[str, Any]) -> None:
    template = Template("speech")
    assert_same_as_jinja(template, {**_seed_context(), **change})


class _Unequal:
    def __eq__(self, other: object) -> bool:
        raise TypeError("不可比较")

    __hash__ = object.__hash__


def test_a_value_that_fails_in_the_program_fails_as_in_jinja() -> None:
    template = Template("speech")
    context = {**_seed_context(), "paragraphs": [{"style": _Unequal(), "runs": []}]}
    with pytest.raises(TypeError):
        template._parts[0].program.run(context)  # type: ignore[union-attr]
    reference = _outcome(lambda: template._run_jinja(template._parts[0], context))
    assert reference[0] == "RenderError" and "不可比较" in reference[1]
    assert _outcome(lambda: template._run(template._parts[0], context)) == reference


@pytest.mark.parametrize("missing", ["title_lines", "paragraphs", "speaker", "title"])
def test_an_undefined_variable_is_still_an_error(missing: str) -> None:
    template = Template("speech")
    context = {k: v for k, v in _seed_context().items() if k != missing}
    with pytest.raises(RenderError, match="没有的变量"):
        template.render(context)
    assert_same_as_jinja(template, context)


# -- hand-written templates, in and outside the subset -------------------------------------------------------

FUSED_LOOP = (
    "{% for r in rows %}{% if r.k == 'a' %}<{{ r.t }}>{% elif r.k == 'b' %}[{{ r.t }}]{% else %}({{ r.t }}){% endif %}"
    "{% endfor %}"
)
INSIDE = [
    "a{{ x }}b",
    "{% for i in items %}[{{ i }}{% if not loop.last %},{% endif %}]{% else %}none{% endfor %}",
    "{% for i in items %}{{ loop.index }}/{{ loop.length }}:{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}"
    "{% if loop.first %}F{% endif %}{% endfor %}",
    "{% for r in rows %}{% for c in r.cells %}{{ c }}{% if loop.last %}|{% endif %}{% endfor %}{% endfor %}",
    "{% for x in items %}{{ x }}{% endfor %}{{ x }}",
    "{% if x == 'a' and y != 1 %}A{% elif x or y %}B{% else %}C{% endif %}",
    "{% if x == none %}N{% elif x == true %}T{% elif x == 3 %}3{% endif %}",
    "{{ d.k }}{{ d['k'] }}",
    "{{ x }}{{ y }}-{{ d.k }}",
    "{% if x == 'a' %}A{% elif x != 'b' %}B{% elif x == 3 %}C{% else %}D{% endif %}",
    "{% if d.k == 1 %}1{% elif d.k == '<v>' %}v{% elif d.k == none %}n{% endif %}",
    "{% for r in rows %}{% if r.k == 'a' %}A{% elif r.k == 'b' %}B{% elif r.k == 'a' %}dup{% else %}E{% endif %}"
    "{% endfor %}",
    "{% for r in rows %}{% if r.k == 'a' %}A{% elif r.k != 'b' %}notB{% endif %}{% endfor %}",
    "{% for i in items %}{{ i }}{% endfor %}{% for i in items %}{{ loop.index }}{% endfor %}",
    "{% for i in items %}{{ loop.index }}{% endfor %}{% for i in items %}{{ i }}{% endfor %}",
    "{% for x in items %}{% for x in x.inner %}{{ x }}{% endfor %}{{ x.name }}{% endfor %}",
    # a loop over a switch on its item's key (switch_loop): branches that print the item's key, and others
    FUSED_LOOP,
    "{% for r in rows %}{% if r.k == 'a' %}<{{ r.t }}>{% elif r.k == 'b' %}{% for c in r.cells %}{{ c }}{% endfor %}"
    "{% elif r.k == 'a' %}dup{% else %}-{% endif %}{% else %}empty{% endfor %}",
    "{% for r in rows %}{% for c in r.cells %}{% if c.k == 'a' %}{{ r.t }}{% else %}({{ c.t }}){% endif %}{% endfor %}"
    "{% endfor %}",
    "{% for r in rows %}{% if r.k == 'a' %}{{ loop.index }}{% else %}[{{ r.t }}]{% endif %}{% endfor %}",
]
OUTSIDE = [
    "{{ x|upper }}",
    "{{ 'const' }}",
    "{% set y = x %}{{ y }}",
    "{% for a, b in items %}{{ a }}{% endfor %}",
    "{% for i in items if i %}{{ i }}{% endfor %}",
    "{% for i in items recursive %}{{ i }}{% endfor %}",
    "{{ range(3) }}",
    "{{ loop }}",
    "{{ loop.index }}",
    "{% for i in items %}{{ loop.cycle(1, 2) }}{% endfor %}",
    "{% for i in items %}{% else %}{{ loop.index }}{% endfor %}",
    "{% for i in items %}{% else %}{{ i }}{% endfor %}",
    "{{ x[0] }}",
    "{% if x < 1 %}a{% endif %}",
    "{% if x is defined %}a{% endif %}",
    "{{ x ~ y }}",
    "{{ x.upper() }}",
    "{% macro m() %}{% endmacro %}",
    "{% raw %}{{ a }}{% endraw %}{{ dict }}",
]
CONTEXTS: list[dict[str, Any]] = [
    {"x": "a", "y": 1, "items": [1, 2, 3], "d": {"k": "<v>"}, "rows": [{"cells": ["a", "b"]}, {"cells": []}]},
    {"x": "b&c", "y": 0, "items": [], "d": {"k": None}, "rows": []},
    {"x": None, "y": 2, "items": ["{{", "}}"], "d": {}, "rows": [{"cells": [1.5]}]},
    {"x": True, "y": 1, "items": [{"inner": ["p", "q"], "name": "n"}], "d": {"k": Markup("<b>")}, "rows": [{}]},
    {"x": 3, "items": "abc", "d": [], "rows": None},
    {"items": ("t", "u"), "d": {"k": 1}},
    {"x": "a", "y": 1, "items": [0], "d": {"k": 1}, "rows": [{"k": k} for k in ("a", "b", None, "c", 1, 1.0)]},
    {"rows": [{"k": Markup("a")}, {"k": "b"}]},
    {"rows": [{"k": "a"}, {"j": "b"}]},
    {"rows": [{"k": "a", "t": "x<"}, {"k": "b", "t": 1, "cells": ["c1"]}, {"k": None, "t": None}, {"k": 1, "t": 2.5}]},
    {"rows": [{"k": "z", "t": "z&", "cells": []}, {"k": "a", "t": "p", "cells": [{"k": "a"}, {"k": "b", "t": "q"}]}]},
    {"rows": [{"k": "a", "t": Markup("<b>")}]},
    {"rows": [{"k": "b", "t": ["列表"]}]},
    {"rows": ({"k": "b", "t": "元组"}, "不是字典")},
    {"rows": [{"k": _Unequal(), "t": "x"}]},
]


def _compiled(source: str) -> tuple[Any, Any]:
    environment = _environment("测试", budgeted=False)
    data = compile_program(environment.parse(source), environment.globals)
    return data, environment.from_string(source)


@pytest.mark.parametrize("source", INSIDE)
def test_a_template_inside_the_subset_renders_as_jinja_renders_it(source: str) -> None:
    data, jinja = _compiled(source)
    assert data is not None
    program = Program(json.loads(json.dumps(data)))  # as the cache keeps it
    ran = 0
    for context in CONTEXTS:
        try:
            text = program.run(context)
        except Unsupported:
            continue
        except Exception as exc:  # a value whose == raises: raises in Jinja too (the caller names it)
            with pytest.raises(type(exc)):
                jinja.render(context)
            continue
        assert text == jinja.render(context), context
        ran += 1
    assert ran >= 2  # the program itself rendered most contexts


def test_a_loop_over_a_switch_on_its_items_key_runs_in_one_step() -> None:
    data, _ = _compiled(FUSED_LOOP)
    assert "switch_loop" in Program(data)._body.__qualname__  # the case above tests that step, not the general


@pytest.mark.parametrize("source", OUTSIDE)
def test_a_template_outside_the_subset_is_left_to_jinja(source: str) -> None:
    assert _compiled(source)[0] is None


@pytest.mark.parametrize(
    "data",
    [
        "text",
        [["text"]],
        [["text", 1]],
        [["print"]],
        [["shell", "ls"]],
        [["print", ["call", "x"]]],
        [["print", ["loop", "last"]]],
        [["for", "loop", ["var", "x"], [], []]],
        [["for", "i", ["var", "x"], [["print", ["loop", ["last"]]]], []]],
        [["if", [], []]],
        [["if", [[["var", "x"]]], []]],
        [["print", ["const", [1]]]],
        [["print", ["attr", ["var", "x"], 1]]],
        [["print", ["eq", ["var", "x"]]]],
        [["if", [[["var", "x"], "body"]], []]],
        [["print", ["not", "not", "not"]]],
    ],
    ids=repr,
)
def test_program_data_not_of_the_documented_forms_is_refused(data: Any) -> None:
    with pytest.raises(ValueError):
        Program(data)


def test_program_data_nested_deeper_than_any_template_needs_is_refused() -> None:
    nested: Any = ["var", "x"]
    for _ in range(100):
        nested = ["not", nested]
    with pytest.raises(ValueError):
        Program([["print", nested]])


# -- the cache, and a render without Jinja -------------------------------------------------------------------


def test_a_cache_entry_whose_program_is_not_of_the_forms_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    speech = load_speech(REPO / "examples" / "seed.yaml")
    expected = Template("speech").render(speech)
    (entry,) = sorted((tmp_path / "docgen").glob("speech-*.cache"))
    good = entry.read_bytes()
    body = template_cache.decode(good)
    assert isinstance(body, dict)
    body["parts"][0][4] = [["exec", "import os"]]
    entry.write_bytes(template_cache.encode(body))  # consistent, but not a program
    names = {row[0] for row in body["parts"]}
    assert template_cache.load("speech", body["key"], names) is None
    assert Template("speech").render(speech) == expected
    assert entry.read_bytes() == good  # rewritten


def test_a_batch_worker_rebuilding_a_bundled_template_gets_its_programs() -> None:
    import pickle

    template = pickle.loads(pickle.dumps(Template("speech")))
    assert all(part.program is not None for part in template._parts)
    assert template._trusted


def test_a_bundled_render_in_a_fresh_process_imports_neither_jinja_nor_the_analysis(tmp_path: Path) -> None:
    watched = ("jinja2", "docgen.template.variables", "docgen.template.sandbox", "docgen.template.program_compiler")
    seen = modules_of_two_renders(tmp_path, watched)
    assert "jinja2" in seen[0][0] and "docgen.template.variables" in seen[0][0]  # the first run prepares
    assert seen[1][0] == "[]"
    assert seen[0][1] == seen[1][1]


@given(st.text(max_size=40))
@settings(max_examples=80, deadline=None)
def test_any_text_prints_as_jinja_prints_it(text: str) -> None:
    template = _bundled("speech")
    context = {**_SEED, "speaker": text, "salutation": text, "title_lines": [text, text]}
    assert_same_as_jinja(template, context)


_SEED = _seed_context()


def test_the_cached_variable_report_is_the_analysed_one_and_odd_data_is_refused() -> None:
    from docgen.template.variable_report import VariableReport

    report = Template("speech").variables
    data = report.to_data()
    assert VariableReport.from_data(json.loads(json.dumps(data))) == report
    assert Template("speech").variables == report  # read back from the cache
    for broken in (
        None,
        [],
        {**data, "extra": []},
        {key: value for key, value in data.items() if key != "blocks"},
        {**data, "provided": "title"},
        {**data, "provided": [1]},
        {**data, "unknown": [["x"]]},
        {**data, "unknown": [["x", 1]], "unknown_paths": [["x"]]},
        {**data, "unknown": [["x", None]], "unknown_paths": []},
        {**data, "unknown": [["x", None]], "unknown_paths": [[]]},
    ):
        assert VariableReport.from_data(broken) is None, broken

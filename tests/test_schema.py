"""One schema, one truth: the JSON Schema accepts exactly what the loader accepts, in both directions,
checked with jsonschema (the standard validator) over inputs generated from the model's side and from the
schema's side, and over every example and every YAML the importer writes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from docgen.errors import SpeechValidationError
from docgen.importer import import_text, speech_yaml
from docgen.model.load import parse_speech
from docgen.model.schema import EXAMPLE, speech_schema
from docgen.model.speech import Speech

from .conftest import REPO, SEED_YAML
from .schema_strategy import from_schema

SCHEMA = speech_schema()
STRICT = speech_schema(strict=True)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
STRICT_VALIDATOR = jsonschema.Draft202012Validator(STRICT)

# The two rules no JSON Schema can state (the schema's $comment names them); generated inputs that break only
# these are set aside, every other disagreement fails the test.
INEXPRESSIBLE = (
    "title_lines 连起来与 title 不同",
    "subtitle_lines 连起来与 subtitle 不同",
    "标题只有编号",
    # Rules over the whole speech (docgen.model.outline): heading depth counted across nested sections and headed
    # parts, 首先-lists set by the speech's numbering, parts given twice or both in parts and at the top.
    "标题层级超过",  # …四级, or fewer when numbering.sublevels leaves levels out ("超过两级（一、→（一））")
    "最多只能列",
    "只有编号",
    "已用 parts 按顺序列出各部分",
    "同一种部分只能出现一次",
)


def loader_accepts(data: Any, generated: bool = False) -> bool:
    """What `docgen render` does with this data written as a JSON file."""
    try:
        parse_speech(json.dumps(data, ensure_ascii=False), format="json")
    except SpeechValidationError as exc:
        if generated:
            assume(not all(any(rule in p.message for rule in INEXPRESSIBLE) for p in exc.problems))
        return False
    return True


def schema_accepts(data: Any, validator: jsonschema.Draft202012Validator = VALIDATOR) -> bool:
    return validator.is_valid(data)


def as_json(value: Any) -> Any:
    """YAML data as an editor's JSON Schema validator sees it: dates are text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_both_schemas_are_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator.check_schema(STRICT)


# ------------------------------------------------------------------------- fixed cases from the issue


ACCEPTED = [
    {"title": "讲话"},
    {"title": ["在全县工作会议", "上的讲话"]},
    {"title": "讲话", "opening": "一段开头"},
    {"title": "讲话", "closing": ["谢谢大家！"], "shortcomings": None},
    {"title": "讲话", "praise": {"points": [{"heading": "在……方面", "body": "正文"}]}},
    {"title": "讲话", "praise": {"points": [{"body": ["一段", {"lead": "首句。"}]}]}},
    {"title": "讲话", "recommendations": {"items": [{"heading": "一条", "body": "正文"}]}},
    {"title": "讲话", "recommendations": {"items": [{"heading": "一条", "body": [{"heading": "小标题。"}]}]}},
    {"title": "讲话", "date": "2023年2月15日"},
    {"title": "讲话", "date": "（2023年2月15日）"},
    {"title": "讲话", "date": "2024-02-29"},
    {"title": "讲话", "date": "2023/2/5"},
    {"title": "　讲话　"},
    {"title": "讲话", "title_lines": ["讲", "话"]},
    {"title": "讲话", "subtitle": ["在全县工作会议", "上的讲话"]},
    {"title": "讲话", "subtitle_lines": []},
    EXAMPLE,
]

REFUSED = [
    {"title": ""},
    {"title": "   "},
    {"title": "\u3000\n"},
    {"title": []},
    {"title": "讲话", "praise": {"points": [{}]}},
    {"title": "讲话", "praise": {"points": []}},
    {"title": "讲话", "praise": {"points": [{"body": []}]}},
    {"title": "讲话", "praise": {"points": [{"heading": "："}]}},
    {"title": "讲话", "recommendations": {"items": [{"heading": "一条", "body": [{}]}]}},
    {"title": "讲话", "recommendations": {"items": [{"body": ["无标题"]}]}},
    {"title": "讲话", "opening": [""]},
    {"title": "讲话", "opening": ["  "]},
    {"title": "讲话", "closing": [1]},
    {"title": "讲话", "date": "2023-02-30"},
    {"title": "讲话", "date": "2023-02-29"},
    {"title": "讲话", "date": "2100-02-29"},
    {"title": "讲话", "date": "下周一"},
    {"title": "讲话", "speaker": "张\x07三"},
    {"title": "讲话", "recomendations": {"items": [{"heading": "一条"}]}},
    {"title": ["讲", "话"], "title_lines": ["讲", "话"]},
    {},
]


@pytest.mark.parametrize("data", ACCEPTED, ids=range(len(ACCEPTED)))
def test_schema_accepts_what_the_loader_accepts(data):
    assert loader_accepts(data)
    assert schema_accepts(data), list(VALIDATOR.iter_errors(data))[:1]


@pytest.mark.parametrize("data", REFUSED, ids=range(len(REFUSED)))
def test_schema_refuses_what_the_loader_refuses(data):
    assert not loader_accepts(data)
    assert not schema_accepts(data)


def test_the_schema_has_a_full_example_that_docgen_renders():
    from docgen import render

    assert SCHEMA["examples"] == [EXAMPLE]
    speech = Speech.model_validate(EXAMPLE)
    assert speech.praise and speech.recommendations and speech.closing and speech.date
    assert render(speech)[:2] == b"PK"


# ---------------------------------------------------------------- every example and every imported YAML


def imported_yaml_files() -> list[Path]:
    data = REPO / "tests" / "data"
    return sorted([*(data / "import").glob("*.txt"), *(data / "corpus").glob("*.txt")])


def test_the_examples_validate():
    assert schema_accepts(as_json(yaml.safe_load(SEED_YAML.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("path", imported_yaml_files(), ids=lambda p: p.name)
def test_the_yaml_the_importer_writes_validates(path):
    from docgen.importer import MissingTitleError

    try:
        result = import_text(path.read_text(encoding="utf-8"), title=None)
    except MissingTitleError:
        result = import_text(path.read_text(encoding="utf-8"), title="讲话")
    data = as_json(yaml.safe_load(speech_yaml(result.speech)))
    assert schema_accepts(data), list(VALIDATOR.iter_errors(data))[:1]


# --------------------------------------------------------------------------- property: model side


blank = st.sampled_from(["", " ", "\u3000", "\n\t", " \u3000 "])
word = st.text(alphabet=st.sampled_from("讲话会议同志们，。：、 \u3000\n一二是（）abc12:,"), min_size=0, max_size=8)
forbidden = st.sampled_from(["\x00", "\x07", "\x0b", "\x1f", "\x7f", "\ufffe"])
text = st.one_of(word, blank, st.builds(lambda a, f, b: a + f + b, word, forbidden, word))
maybe_text = st.one_of(st.none(), text)


def loose_list(item: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), item, st.lists(item, max_size=3))


piece = st.one_of(
    text,
    st.fixed_dictionaries({}, optional={"lead": maybe_text, "text": maybe_text}),
)
point = st.one_of(
    text,
    st.fixed_dictionaries({}, optional={"heading": maybe_text, "lead": maybe_text, "text": maybe_text}),
)
praise_point = st.fixed_dictionaries({}, optional={"heading": maybe_text, "body": loose_list(piece)})
recommendation = st.fixed_dictionaries({}, optional={"heading": maybe_text, "body": loose_list(point)})
dates = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1)).flatmap(
        lambda d: st.sampled_from(
            [d.isoformat(), f"{d.year:04d}/{d.month}/{d.day}", f"{d.year:04d}年{d.month}月{d.day}日",
             f"（{d.year:04d}年{d.month:02d}月{d.day}日）", f" {d.year:04d}.{d.month}.{d.day:02d} "]
        )
    ),
    st.builds(lambda y, m, d: f"{y:04d}-{m}-{d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    word,
)
speech_data = st.fixed_dictionaries(
    {"title": st.one_of(text, st.lists(text, max_size=3))},
    optional={
        "subtitle": maybe_text,
        "date": st.one_of(st.none(), dates),
        "speaker": maybe_text,
        "salutation": maybe_text,
        "opening": loose_list(text),
        "praise": st.one_of(
            st.none(),
            st.fixed_dictionaries({"points": st.lists(praise_point, max_size=3)}, optional={"intro": maybe_text}),
        ),
        "shortcomings": loose_list(text),
        "recommendations": st.one_of(
            st.none(),
            st.fixed_dictionaries({"items": st.lists(recommendation, max_size=3)}, optional={"intro": maybe_text}),
        ),
        "closing": loose_list(text),
        "extra": st.just("未知字段"),
    },
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(speech_data)
def test_property_schema_and_loader_agree_on_generated_speeches(data):
    assert schema_accepts(data) == loader_accepts(data, generated=True), json.dumps(data, ensure_ascii=False)


# --------------------------------------------------------------------------- property: schema side


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_schema(SCHEMA))
def test_property_the_loader_accepts_what_the_schema_generates(data):
    assert loader_accepts(data, generated=True), json.dumps(data, ensure_ascii=False)


# ------------------------------------------------------------------------------------- strict variant


def walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


UNSUPPORTED_IN_STRICT = {"pattern", "format", "minLength", "maxLength", "minItems", "maxItems", "not", "if",
                         "then", "else", "allOf", "oneOf", "examples", "default", "$comment"}  # fmt: skip


def test_strict_schema_closes_every_object_and_requires_every_property():
    objects = [node for node in walk(STRICT) if node.get("type") == "object"]
    assert len(objects) >= 6
    for node in objects:
        assert node["additionalProperties"] is False
        assert sorted(node["required"]) == sorted(node["properties"])
        assert "anyOf" not in node
    for node in walk(STRICT):
        assert not (UNSUPPORTED_IN_STRICT & set(node)), node
    assert STRICT["type"] == "object" and "anyOf" not in STRICT
    wording = json.dumps(STRICT, ensure_ascii=False)
    assert "直接写成" not in wording and "可省略" not in wording  # no shorthand, no omitted field in strict mode


def strict_instance(data: Any) -> Any:
    """A speech as a strict-mode model must write it: every field present, null where absent."""
    return json.loads(Speech.model_validate(data).model_dump_json())


def test_what_strict_output_looks_like_validates_and_loads():
    full = strict_instance(EXAMPLE)
    assert STRICT_VALIDATOR.is_valid(full), list(STRICT_VALIDATOR.iter_errors(full))[:1]
    assert Speech.model_validate(full) == Speech.model_validate(EXAMPLE)
    minimal = strict_instance({"title": "讲话"})
    assert minimal["praise"] is None and STRICT_VALIDATOR.is_valid(minimal)
    with_nulls = {key: None for key in STRICT["properties"]} | {"title": "讲话"}
    assert STRICT_VALIDATOR.is_valid(with_nulls)
    assert parse_speech(json.dumps(with_nulls), format="json") == Speech(title="讲话")


def test_strict_refuses_shorthands_and_missing_fields():
    assert not STRICT_VALIDATOR.is_valid({"title": "讲话"})  # every field must be given
    full = strict_instance(EXAMPLE)
    full["opening"] = "一段"
    assert not STRICT_VALIDATOR.is_valid(full)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_schema(STRICT))
def test_property_strict_output_is_refused_only_for_rules_strict_mode_cannot_state(data):
    """Strict mode cannot say "not blank", "at least one", "a real date": the loader then refuses with a
    message, and those are the only reasons it may refuse what the strict schema allows."""
    try:
        parse_speech(json.dumps(data, ensure_ascii=False), format="json")
    except SpeechValidationError as exc:
        allowed = ("不能为空", "至少要有一项", "控制字符", "至少", "只有编号", "连起来", "只有冒号", "日期",
                   # whole-speech and if/then rules of the model's shapes (docgen.model.outline, docgen.model.blocks)
                   "接排", "标题层级超过", "最多只能列", "已用 parts", "只能出现一次",
                   # a point style's counted form is a pattern, which strict mode cannot state
                   "计数的写法")  # fmt: skip
        assert all(any(a in p.message for a in allowed) for p in exc.problems), exc


def test_the_command_line_prints_both(capsys, tmp_path):
    from docgen.cli import main

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(SCHEMA))
    assert main(["schema", "--strict"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(STRICT))

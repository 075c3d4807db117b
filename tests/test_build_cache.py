"""The per-user cache of the speech model's core schema (docgen.model.build_cache): a process that builds
`Speech` from a cached schema validates, normalises, reports errors and writes the JSON Schema exactly as one
that builds it the usual way; an entry that is doubtful in any way is not used."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_YAML

# Run in a fresh process (a process builds Speech once): everything the model's behaviour can show, as JSON.
_PROBE = r"""
import json, sys
import yaml
from docgen.errors import SpeechValidationError
from docgen.model import build_cache
from docgen.model.schema import speech_schema
from docgen.model.speech import Speech

seed = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
inputs = [
    seed,
    {"title": "关于 （工作）的讲话 ", "salutation": "同志们", "subtitle": "——在会上", "date": "2023年2月15日",
     "opening": "第一段", "parts": [{"heading": "一、总体要求", "run_in": True, "body": ["各级要……"]},
                                   {"points": ["一是学习不够", {"heading": "二是落实", "body": "不够"}]},
                                   {"shortcomings": ["问题一"]}], "closing": ["谢谢大家！"]},
    {},
    {"title": "x", "unknown": 1, "opening": [{"a": 1}], "date": "2023-02-30"},
    {"title": "x\u0007y", "salutation": "", "numbering": {"points": "甲是", "level1": "二、"}},
    {"title": "x", "praise": {"points": []}, "recommendations": {"items": [{"heading": "一、", "run_in": True}]}},
    {"title": "x", "recommendations": {"items": [{"heading": "一、", "run_in": True}, {"heading": "二、"}]}},
    {"title": "x", "parts": [{"praise": {"points": ["a"]}}, {"praise": {"points": ["b"]}}]},
    {"title": "x", "parts": [{"body": []}, 5, {"points": ["a"], "style": "第一"}]},
    {"title": "x", "title_lines": ["y"], "shortcomings": {"points": [{"heading": "：", "body": "a"}]}},
    {"title": "x", "recommendations": {"items": [{"heading": "h", "body": [{"heading": "a", "body": [{"heading":
     "b", "body": [{"heading": "c", "body": [{"heading": "d", "body": ["e"]}]}]}]}]}]}},
    {"title": ["a", 1], "opening": "   ", "closing": [None], "praise": "a"},
]
results = []
for data in inputs:
    try:
        results.append(["ok", Speech.model_validate(data).model_dump(mode="json")])
    except SpeechValidationError as error:
        results.append(["error", [[p.path, p.message] for p in error.problems]])
try:
    Speech(title="x", opening=[1])
except SpeechValidationError as error:
    results.append(["error", [[p.path, p.message] for p in error.problems]])
core = build_cache._to_data(Speech.__pydantic_core_schema__, build_cache._Names())
print(json.dumps({
    "loaded": bool(build_cache._state.get("loaded")),
    "results": results,
    "core": core,
    "schema": speech_schema(),
    "strict": speech_schema(strict=True),
}, ensure_ascii=False, sort_keys=True))
"""


def _probe(cache: Path, *, no_cache: bool = False) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(REPO)}
    env.pop("DOCGEN_NO_CACHE", None)
    if no_cache:
        env["DOCGEN_NO_CACHE"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(SEED_YAML)], env=env, capture_output=True, text=True, check=True
    )
    found: dict[str, object] = json.loads(result.stdout)
    return found


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "docgen").glob("speech-schema-*.json"))


@pytest.fixture(scope="module")
def without_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return _probe(tmp_path_factory.mktemp("no-cache"), no_cache=True)


def _same_behaviour(found: dict[str, object], expected: dict[str, object]) -> None:
    for aspect in ("results", "core", "schema", "strict"):
        assert found[aspect] == expected[aspect], aspect


def test_a_model_built_from_the_cache_behaves_exactly_as_one_built_by_pydantic(
    tmp_path: Path, without_cache: dict[str, object]
) -> None:
    assert not without_cache["loaded"] and not _entries(tmp_path)
    first = _probe(tmp_path)  # builds as usual and keeps the schema
    assert not first["loaded"]
    assert len(_entries(tmp_path)) == 1
    second = _probe(tmp_path)
    assert second["loaded"]
    _same_behaviour(first, without_cache)
    _same_behaviour(second, without_cache)
    # The probe's inputs reach every kind of outcome the comparison is meant to cover.
    results = without_cache["results"]
    assert isinstance(results, list)
    assert [kind for kind, _ in results].count("ok") == 2
    messages = " ".join(message for kind, problems in results if kind == "error" for _, message in problems)
    for expected in ("缺少必填字段", "未知字段", "只能是以下之一", "控制字符", "日期", "至少要有一项", "接排", "重复"):
        assert expected in messages


def _rewrite(entry: Path, change: str, into: str) -> None:
    """Change the entry's JSON text and give it a matching digest, as a careful hand would."""
    body = entry.read_bytes().partition(b"\n")[2].decode("utf-8")
    assert change in body
    data = body.replace(change, into, 1).encode("utf-8")
    entry.write_bytes(hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data)


@pytest.mark.parametrize(
    ("change", "into"),
    [
        ('"docgen.model.fields:_clean_text"', '"os:system"'),  # a module outside the model
        ('"docgen.model.fields:_clean_text"', '"docgen.model.fields:SpeechModel"'),  # not a function
        ('"docgen.model.fields:_clean_text"', '"docgen.model.fields:no_such_function"'),
        ('{"\\u0000class":"docgen.model.blocks:Piece"}', '{"\\u0000class":"docgen.model.fields:FieldValueError"}'),
        ('"type":"model"', '"type":"no-such-schema"'),  # refused by pydantic-core: built the usual way instead
        ('"key":"', '"key":"0'),
    ],
)
def test_a_doubtful_entry_is_not_used(
    tmp_path: Path, without_cache: dict[str, object], change: str, into: str
) -> None:
    _probe(tmp_path)
    (entry,) = _entries(tmp_path)
    _rewrite(entry, change, into)
    found = _probe(tmp_path)
    assert not found["loaded"]
    _same_behaviour(found, without_cache)


def test_an_entry_whose_digest_does_not_match_or_that_others_may_write_is_not_read(tmp_path: Path) -> None:
    _probe(tmp_path)
    (entry,) = _entries(tmp_path)
    good = entry.read_bytes()
    entry.write_bytes(good + b" ")  # the body no longer matches its digest
    assert not _probe(tmp_path)["loaded"]
    entry.write_bytes(good)
    os.chmod(entry.parent, 0o770)
    try:
        assert not _probe(tmp_path)["loaded"]
    finally:
        os.chmod(entry.parent, 0o700)
    assert _probe(tmp_path)["loaded"]


def test_the_schema_is_written_only_if_it_reads_back_equal() -> None:
    from docgen.model import build_cache
    from docgen.model.speech import Speech

    Speech(title="x")  # the model is built on first use
    schema = Speech.__pydantic_core_schema__
    names = build_cache._Names()
    raw = build_cache._encode_body(
        {"format": build_cache.FORMAT, "key": "k", "schema": build_cache._to_data(schema, names)}
    )
    assert build_cache._read(raw, "k") == schema
    with pytest.raises(ValueError):
        build_cache._read(raw, "another key")
    with pytest.raises(TypeError):  # an object the cache cannot name is not written
        build_cache._to_data({"type": "str", "metadata": {"pattern": object()}}, names)
    with pytest.raises(ValueError):  # nor a key that could pass for a tag
        build_cache._to_data({"\0function": "docgen.model.fields:as_list"}, names)

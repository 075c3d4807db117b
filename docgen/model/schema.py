"""The JSON Schema of a speech, generated from the `Speech` model so that it accepts what the loader accepts.

pydantic's own schema describes the model's fields but not what its validators do: that a paragraph list may
be one string, a piece may be a plain string, a title may be a list of lines, text must not be blank, a
point needs a heading or a body, a date may be written 2023年2月15日. `LoaderSchema` (a GenerateJsonSchema
subclass) adds exactly that, keyed by the validator functions the model uses — so any field built from
`Text`, `Paragraphs`, `Pieces`, `Body` or `SpeechDate`, and any new model, gets the right schema with no change
here. Rules the model states in code rather than types (which fields are "at least one of") are listed once,
in `AT_LEAST_ONE`.

Two variants:

- `speech_schema()` — for editors and validators (JSON Schema 2020-12, with patterns and a full example);
- `speech_schema(strict=True)` — for the strict structured-output modes of LLM APIs (OpenAI ``strict: true``
  and the like): canonical forms only (no shorthands), ``additionalProperties: false`` and every property
  required everywhere (null for absent), no keywords those modes refuse (pattern, format, minLength,
  minItems, not, if/then, examples, default …). docgen loads what this variant produces, nulls included;
  the rules it cannot state (non-blank text, at least one of) are still checked by the loader.

What no JSON Schema can say, and only the loader checks: that ``title_lines`` joined give ``title``, and that
a heading is not just the enumerator of its own position (``一是`` as the first point's heading).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from docgen.model import blocks, fields, parts
from docgen.model import speech as model

# Characters the document cannot hold (docgen.model.text._FORBIDDEN) and the whitespace that text folds away
# (Python's str.isspace() minus the forbidden ones), as regex classes valid in Python and ECMA-262.
_FORBIDDEN = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff"
_SPACE = r"\t\n\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
TEXT_PATTERN = f"^[^{_FORBIDDEN}]*[^{_FORBIDDEN}{_SPACE}][^{_FORBIDDEN}]*$"
"""Text as the loader takes it: at least one character that is not whitespace, none the document cannot hold."""

_ANY_SPACE = r"\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _date_pattern() -> str:
    """Every real date in the forms the loader reads (2023-02-15, 2023/2/15, 2023.2.15, 2023年2月15日,
    （2023年2月15日）), month lengths and leap years included, so 2023-02-30 and 2023-02-29 are refused."""
    year = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
    leap = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
    day28 = "(?:0?[1-9]|1[0-9]|2[0-8])"
    day30 = "(?:0?[1-9]|[12][0-9]|30)"
    day31 = "(?:0?[1-9]|[12][0-9]|3[01])"
    long_months = "(?:0?[13578]|1[02])"
    short_months = "(?:0?[469]|11)"
    february = "0?2"
    s = f"[{_ANY_SPACE}]*"

    def form(y: str, m: str, d: str, first: str, second: str, end: str) -> str:
        return f"{y}{first}{m}{second}{d}{end}"

    forms = []
    for first, second, end, opening, closing in (
        ("[-./]", "[-./]", "", "", ""),
        (f"{s}年{s}", f"{s}月{s}", f"{s}日", f"[（(]?{s}", f"{s}[）)]?"),
    ):
        alternatives = "|".join(
            [
                form(year, long_months, day31, first, second, end),
                form(year, short_months, day30, first, second, end),
                form(year, february, day28, first, second, end),
                form(leap, february, "29", first, second, end),
            ]
        )
        forms.append(f"{opening}(?:{alternatives}){closing}")
    return f"^{s}(?:{'|'.join(forms)}){s}$"


DATE_PATTERN = _date_pattern()

TEXT_SCHEMA: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": TEXT_PATTERN}


def _underlying(function: Any) -> Any:
    return getattr(function, "__func__", function)


# The validators whose effect on accepted input the schema states. Text and dates are recognised by function
# identity; shorthands by probing the validator itself (see _takes_string), so a new model with a
# "string means …" validator is covered without a change here.
_TEXT_VALIDATORS = {_underlying(fields._clean_text)}
_DATE_PARSERS = {_underlying(model._parse_date)}
_TITLE_AS_LINES = {_underlying(model.Speech._title_given_as_lines)}

AT_LEAST_ONE: dict[type[BaseModel], tuple[str, ...]] = {
    blocks.Piece: ("lead", "text"),
    blocks.Point: ("heading", "lead", "text"),
    blocks.PraisePoint: ("heading", "body"),
    parts.Shortcomings: ("intro", "points", "paragraphs"),
}
"""Models that need at least one of these fields present, not null and not an empty list."""

_NOT_ONLY_COLONS: dict[type[BaseModel], tuple[str, ...]] = {blocks.PraisePoint: ("heading",)}
"""Fields whose text may not be only the “：” that the template adds itself."""

_PROBE = "探测"


def _takes_string(function: Any, kind: str) -> str | None:
    """What a no-info before-validator makes of a string: "list" (a one-item list), "object" (a mapping, e.g.
    {"text": s}), or None when it leaves strings alone or cannot be probed."""
    if kind != "no-info":
        return None
    try:
        result = function(_PROBE)
    except Exception:  # a validator that refuses the probe does not turn strings into anything
        return None
    if result == [_PROBE]:
        return "list"
    if isinstance(result, dict) and result:
        return "object"
    return None


class LoaderSchema(GenerateJsonSchema):
    """pydantic's JSON Schema generator, taught what docgen's validators accept."""

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        inner = super().function_after_schema(schema)
        if _underlying(schema["function"]["function"]) in _TEXT_VALIDATORS:
            return {**inner, **copy.deepcopy(TEXT_SCHEMA)}
        return inner

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        function = _underlying(schema["function"]["function"])
        inner = super().function_before_schema(schema)
        takes = _takes_string(schema["function"]["function"], schema["function"]["type"])
        if takes == "list" and inner.get("type") == "array":
            # One paragraph may be written without the list; null or absent is no paragraph.
            # Only a string is taken for a one-item list (a single mapping is not): the item's schema, as a string.
            item = inner.get("items", {})
            return {"anyOf": [{**copy.deepcopy(item), "type": "string", SHORTHAND: True}, inner, {"type": "null"}]}
        if function in _DATE_PARSERS:
            return {
                "type": "string",
                "pattern": DATE_PATTERN,
                "description": "日期：2023-02-15、2023/2/15、2023.2.15 或 2023年2月15日",
            }
        if takes == "object":
            return {"anyOf": [{**copy.deepcopy(TEXT_SCHEMA), SHORTHAND: True}, inner]}
        if function in _TITLE_AS_LINES:
            return _title_as_lines(inner)
        return inner

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        # docgen's discriminators route by value type and by which key is present, and each branch closes its
        # keys (additionalProperties: false), so at most one branch can accept a value: anyOf says the same as
        # the discriminator, and strict structured-output modes accept anyOf but not oneOf.
        json_schema = super().tagged_union_schema(schema)
        if "oneOf" in json_schema:
            json_schema["anyOf"] = json_schema.pop("oneOf")
        json_schema.pop("discriminator", None)
        return json_schema

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls = schema["cls"]
        target = _object_branch(json_schema)
        if target is not None and target is not json_schema:
            # pydantic puts the model's object keywords next to our string-or-object alternatives: move them in.
            for key in ("additionalProperties", "required", "type", "properties"):
                if key in json_schema:
                    target[key] = json_schema.pop(key)
        rule = _most_specific(AT_LEAST_ONE, cls)
        if rule and target is not None:
            target["anyOf"] = [
                {"required": [name], "properties": {name: _PRESENT}} for name in rule if name in target["properties"]
            ]
        for name in _most_specific(_NOT_ONLY_COLONS, cls) or ():
            if target is not None and name in target["properties"]:
                for branch in _string_branches(target["properties"][name]):
                    branch["not"] = {"pattern": f"^[{_ANY_SPACE}]*：+[{_ANY_SPACE}]*$"}
        return json_schema


SHORTHAND = "x-docgen-shorthand"
"""Marks, while generating, an alternative that is a shorthand for another (a string for a one-item list); the
strict variant leaves those out, and neither variant keeps the mark."""

_PRESENT = {"not": {"anyOf": [{"type": "null"}, {"type": "array", "maxItems": 0}]}}


def _null_means_absent(node: Any) -> None:
    """The loader reads ``field: null`` as an absent field (docgen.model.load.absent_for_null): an optional field may
    be null, a required one may not."""
    if isinstance(node, list):
        for item in node:
            _null_means_absent(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _null_means_absent(value)
    if isinstance(node.get("properties"), dict):
        required = set(node.get("required", []))
        for name, value in node["properties"].items():
            if name in required:
                _strip_null(value)
            elif not _allows_null(value):
                node["properties"][name] = _nullable(value)


def _strip_null(value: dict[str, Any]) -> None:
    if "anyOf" in value:
        value["anyOf"] = [b for b in value["anyOf"] if b != {"type": "null"}]
        for branch in value["anyOf"]:
            _strip_null(branch)


def _allows_null(value: dict[str, Any]) -> bool:
    return value.get("type") == "null" or any(_allows_null(b) for b in value.get("anyOf", []))


def _most_specific(rules: dict[type[BaseModel], tuple[str, ...]], cls: type) -> tuple[str, ...] | None:
    for klass in cls.__mro__:
        if klass in rules:
            return rules[klass]
    return None


def _object_branch(json_schema: dict[str, Any]) -> dict[str, Any] | None:
    if json_schema.get("type") == "object":
        return json_schema
    for branch in json_schema.get("anyOf", []):
        if branch.get("type") == "object":
            return branch  # type: ignore[no-any-return]
    return None


def _string_branches(json_schema: dict[str, Any]) -> list[dict[str, Any]]:
    if json_schema.get("type") == "string":
        return [json_schema]
    return [b for b in json_schema.get("anyOf", []) if b.get("type") == "string"]


_GIVEN_AS_LINES = (("title", "title_lines"), ("subtitle", "subtitle_lines"))


def _title_as_lines(inner: dict[str, Any]) -> dict[str, Any]:
    # `title: [行1, 行2]` stands for title + title_lines — unless title_lines is given as well (null counts as
    # not given); the same for the subtitle.
    properties = inner.get("properties", {})
    rules = []
    for text, lines in _GIVEN_AS_LINES:
        if text not in properties or lines not in properties:
            continue
        as_string = properties[text]
        as_lines = {"type": "array", "items": copy.deepcopy(TEXT_SCHEMA), "minItems": 1, SHORTHAND: True}
        properties[text] = {
            **{k: v for k, v in as_string.items() if k in ("title", "description")},
            "anyOf": [{k: v for k, v in as_string.items() if k not in ("title", "description")}, as_lines],
        }
        rules.append(
            {
                "if": {"required": [text], "properties": {text: {"type": "array"}}},
                "then": {"properties": {lines: {"type": "null"}}},
            }
        )
    if rules:
        inner["allOf"] = rules
    return inner


EXAMPLE: dict[str, Any] = {
    "title": "在全县2022年度镇党委和县直有关单位党委书记落实管党治党主体责任述职评议会议上的发言",
    "subtitle": "在全县述职评议会议上",
    "date": "2023-02-15",
    "speaker": "县委书记　张　三",
    "salutation": "各位领导、同志们：",
    "opening": [
        "根据市委工作安排，由我来参加**县2022年度党委（党组、党工委）落实管党治党主体责任述职评议会议。"
        "刚才听了大家的述职，可以感觉到各党（工）委书记对述职十分重视，准备也很充分。"
    ],
    "praise": {
        "intro": "通过这次会议，我们对各单位落实管党治党主体责任工作的情况有了更深刻、具体的了解。"
        "我认为，主要有以下几个特点：",
        "points": [
            {
                "heading": "在抓意识形态工作方面",
                "body": [
                    {"lead": "坚持党管意识形态不动摇。", "text": "压实意识形态工作主体责任，抓好理论学习中心组学习。"},
                    "也可以直接写一段没有首句的正文。",
                ],
            },
            {"heading": "在抓基层党建方面", "body": "持续推进基层党组织标准化规范化建设。"},
        ],
    },
    "shortcomings": ["当然，我们也要清醒地看到，管党治党工作还存在一些短板和不足。"],
    "recommendations": {
        "intro": "在这里我也提几点建议，供大家参考。",
        "items": [
            {
                "heading": "坚持以政治建设为统领，推动管党治党政治责任落到实处。",
                "body": [
                    {"lead": "要坚持政治引领。", "text": "始终坚持正确的政治方向，把讲政治贯穿管党治党全过程。"},
                    {"heading": "加强组织领导。", "text": "各级党组织要把管党治党责任扛在肩上。"},
                ],
            },
            {"heading": "坚持问题导向，推动整改落实。", "body": "对照问题清单逐项整改。"},
        ],
    },
    "closing": ["我就讲这些，谢谢大家！"],
}
"""A full speech in the schema's own terms (every part, both shorthands); tests check docgen loads it."""


def speech_schema(*, strict: bool = False) -> dict[str, Any]:
    """The JSON Schema of a speech file; ``strict=True`` for LLM structured-output modes (see module doc)."""
    schema = model.Speech.model_json_schema(schema_generator=LoaderSchema)
    _null_means_absent(schema)
    if strict:
        return dict(_without_marks(strict_schema(schema)))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["examples"] = [copy.deepcopy(EXAMPLE)]
    schema = dict(_without_marks(schema))
    schema["$comment"] = (
        "Generated by docgen from its Speech model. Rules no JSON Schema can state, checked by docgen only: "
        "title_lines / subtitle_lines joined must equal title / subtitle; a heading may not be only the enumerator "
        "of its own position; a run-in heading needs a paragraph first in its body; parts holds each of praise, "
        "shortcomings, recommendations at most once and not beside the top-level fields."
    )
    return schema


_STRICT_DROPS = (
    "pattern", "format", "minLength", "maxLength", "minItems", "maxItems", "not", "if", "then", "else", "allOf",
    "examples", "default", "title", "$comment", "$schema",
)  # fmt: skip


def strict_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The strict structured-output form of a docgen schema: every object closed and fully required,
    optional values nullable, shorthands removed (the object/list form is kept), unsupported keywords gone."""
    result: dict[str, Any] = _strict_node(copy.deepcopy(schema))
    result["description"] = (
        schema.get("description", "") + "。严格模式：每个字段都要给出，没有的部分写 null；"
        "文字不能为空白；要点、建议至少要有小标题或正文之一（docgen 载入时检查）。"
    )
    return result


def _strict_node(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict_node(item) for item in node]
    if not isinstance(node, dict):
        return node
    for key in _STRICT_DROPS:
        node.pop(key, None)
    if isinstance(node.get("description"), str):
        node["description"] = _strict_wording(node["description"])
    if "oneOf" in node:
        # The model's tagged unions (block, part, intro, shortcomings) have exclusive branches, so anyOf — the
        # only combinator strict modes take — says the same.
        node["anyOf"] = node.pop("oneOf")
    if "anyOf" in node:
        node["anyOf"] = _strict_alternatives([_strict_node(b) for b in node["anyOf"]])
        if node.get("type") == "object" or "properties" in node:
            node.pop("anyOf")  # an "at least one of" rule on an object: the loader checks it
        elif len(node["anyOf"]) == 1:
            only = node.pop("anyOf")[0]
            node = {**only, **{k: v for k, v in node.items() if k == "description"}}
    for key in ("items", "$defs", "properties"):
        if key in node:
            if key == "items":
                node[key] = _strict_node(node[key])
            else:
                node[key] = {name: _strict_node(value) for name, value in node[key].items()}
    if node.get("type") == "object" and "properties" in node:
        required = set(node.get("required", []))
        for name, value in node["properties"].items():
            if name not in required:
                node["properties"][name] = _nullable(value)
        node["required"] = list(node["properties"])
        node["additionalProperties"] = False
    return node


_SHORTHAND_WORDING = re.compile(r"[；;，,]?\s*(也可直接写成|也可以直接写成)[^；。]*")


def _strict_wording(description: str) -> str:
    # The strict form has no shorthands and no omitted fields: descriptions must not invite either.
    without_shorthands = _SHORTHAND_WORDING.sub("", description)
    return without_shorthands.replace("没有可省略", "没有时写 null").replace("可省略", "没有时写 null")


def _strict_alternatives(branches: list[Any]) -> list[Any]:
    # Strict output uses the canonical form only: the shorthands go.
    return [b for b in branches if not (isinstance(b, dict) and b.get(SHORTHAND))]


def _without_marks(node: Any) -> Any:
    if isinstance(node, list):
        return [_without_marks(item) for item in node]
    if isinstance(node, dict):
        return {k: _without_marks(v) for k, v in node.items() if k != SHORTHAND}
    return node


def _nullable(value: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in value:
        if not any(b.get("type") == "null" for b in value["anyOf"]):
            value["anyOf"].append({"type": "null"})
        return value
    description = value.pop("description", None)
    result: dict[str, Any] = {"anyOf": [value, {"type": "null"}]}
    if description:
        result["description"] = description
    return result


"""Hypothesis strategies that generate instances *from a JSON Schema* — the subset of keywords docgen's schemas
use (type, properties, required, additionalProperties, items, minItems, anyOf, $ref, pattern, minLength, enum,
not / if-then by filtering). hypothesis-jsonschema would do this, but its current release does not run with
the installed Hypothesis (it calls an internal API that no longer exists), so the tests carry this small one.

Every generated value is checked against the whole schema with jsonschema before it is used, so a gap in this
generator can only make it generate less, never let an invalid instance through."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

DEEP = 8
"""Below this nesting depth the generator stops choosing alternatives that nest further."""


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    return _node(schema, schema, depth=0).filter(validator.is_valid)


def _node(node: dict[str, Any], root: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        if depth > 24:
            # Recursive definitions (a section holds sections) whose every property is required (the strict
            # variant): stop here with a value the final schema check filters out, so only branches that end
            # are kept.
            return st.none()
        target = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return st.deferred(lambda: _node(merged, root, depth + 1))  # lazily: sections nest sections
    if "enum" in node:
        return st.sampled_from(node["enum"])
    if "anyOf" in node and "properties" not in node and "type" not in node:
        siblings = {k: v for k, v in node.items() if k not in ("anyOf", "description", "title", "examples")}
        branches = node["anyOf"]
        if depth > DEEP:  # deep down, prefer the alternatives that do not nest further
            shallow = [b for b in branches if "$ref" not in str(b)]
            branches = shallow or branches
        return st.one_of([_node({**siblings, **branch}, root, depth) for branch in branches])
    kind = node.get("type")
    if isinstance(kind, list):
        return st.one_of([_node({**node, "type": k}, root, depth) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "string":
        return _string(node)
    if kind == "array":
        minimum = node.get("minItems", 0)
        largest = max(minimum, 3 if depth <= DEEP else 1)
        return st.lists(_node(node.get("items", {}), root, depth + 1), min_size=minimum, max_size=largest)
    if kind == "object":
        return _object(node, root, depth)
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "number"):
        return st.integers(-10, 10)
    return st.one_of(st.none(), st.text(max_size=3))


def _string(node: dict[str, Any]) -> st.SearchStrategy[str]:
    strategy = st.from_regex(node["pattern"], fullmatch=True) if "pattern" in node else st.text(max_size=12)
    minimum = node.get("minLength", 0)
    return strategy.filter(lambda s: len(s) >= minimum)


def _object(node: dict[str, Any], root: dict[str, Any], depth: int) -> st.SearchStrategy[dict[str, Any]]:
    if "anyOf" in node:  # "at least one of" rules: generate each alternative with its fields required
        rest = {k: v for k, v in node.items() if k != "anyOf"}
        return st.one_of(
            [
                _object({**rest, "required": [*rest.get("required", []), *branch.get("required", [])]}, root, depth)
                for branch in node["anyOf"]
            ]
        )
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    if depth > DEEP:
        properties = {k: v for k, v in properties.items() if k in required}
    fixed = {name: _node(properties[name], root, depth + 1) for name in properties if name in required}
    optional = {name: _node(properties[name], root, depth + 1) for name in properties if name not in required}
    return st.fixed_dictionaries(fixed, optional=optional)

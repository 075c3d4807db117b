"""A per-user cache of the `Speech` model's core schema, so that a new process builds its validator from data.

Building the speech model's validator has two steps: pydantic's Python side walks every field's annotation
and writes a core schema (≈ 3.5 ms on the development machine), then pydantic-core compiles that schema
(≈ 0.3 ms). The schema is the same every time for the same model code and the same
pydantic, so the first process keeps it here as JSON and later ones hand it to pydantic, which finishes the
class exactly as always (`Speech.__get_pydantic_core_schema__` returns it; pydantic cleans it, compiles the
validator and serializer and completes the class).

A core schema holds Python objects besides data: the model classes, docgen's validator and discriminator
functions, and the classes' JSON-schema hooks. They are written as names and, on reading, looked up among
the speech model's own classes and functions, already imported — nothing is imported or executed from the
cache, and a name that does not resolve to one of them means the entry is not used. An entry is written only
if reading it back gives a schema equal to the one pydantic built, object for object.

The key is docgen's, pydantic's, pydantic-core's and Python's versions and the bytes of the modules that
declare the model; the entry's digest and key must match, and the cache's trust rule (`docgen.user_cache`)
applies. Any doubt means pydantic builds the schema as it would without the cache. ``DOCGEN_NO_CACHE=1``
turns it off.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from docgen.user_cache import cache_folder, owned_privately, prune, read_private

FORMAT = 1
MAX_ENTRY_BYTES = 4 * 1024 * 1024
"""An entry larger than this is not read (the speech model's schema is about 40 KB)."""

MODEL_MODULES = ("docgen.model.fields", "docgen.model.blocks", "docgen.model.parts", "docgen.model.speech")
"""The modules whose classes and functions a cached schema may name; their bytes are in the key."""

# A tagged object in the JSON: a mapping with this one key. A core schema's own keys never start with NUL,
# and a schema that had one would not be written.
_CLASS, _FUNCTION, _METHOD, _REF = "\0class", "\0function", "\0method", "\0ref"
_MARK_METHOD = "\0mark method"  # a method of a mark in an annotation (``Annotated[str, WithJsonSchema(…)]``)
_TAGS = (_CLASS, _FUNCTION, _METHOD, _REF, _MARK_METHOD)

_state: dict[str, Any] = {}
"""This process's key (computed once) and whether the schema in use came from the cache."""


def cached_schema() -> Any | None:
    """The speech model's core schema from the cache, or None (absent, stale or doubtful)."""
    key = _key()
    path = _entry(key)
    raw = None if path is None else read_private(path, MAX_ENTRY_BYTES)
    if raw is None:
        return None
    try:
        schema = _read(raw, key)
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError, RecursionError):
        return None
    if not _compiles(schema):
        return None
    _state["loaded"] = True
    return schema


def _compiles(schema: Any) -> bool:
    """Whether pydantic-core accepts ``schema`` (≈ 0.2 ms): the class is then finished from it, and a schema
    it refused there would leave `Speech` unusable instead of built the usual way."""
    from pydantic_core import SchemaError, SchemaSerializer, SchemaValidator

    try:
        SchemaValidator(schema)
        SchemaSerializer(schema)
    except (SchemaError, TypeError, ValueError, KeyError):
        return False
    return True


def keep_schema(schema: Any) -> None:
    """Keep the core schema pydantic built for `Speech`, if it can be written as data and read back equal.
    A schema that came from the cache is not written again; a cache that cannot be written is not used."""
    if _state.get("loaded"):
        return
    key = _key()
    path = _entry(key)
    if path is None:
        return
    try:
        raw = _encode_body({"format": FORMAT, "key": key, "schema": _to_data(schema, _Names())})
        if _read(raw, key) != schema:
            return
    except (ValueError, TypeError, KeyError, AttributeError, UnicodeError, RecursionError):
        return
    _write(path, raw)


# -- names of the model's objects ------------------------------------------------------------------------------


class _Names:
    """Lookup of the speech model's classes and functions by name, among modules already imported."""

    def __init__(self) -> None:
        from docgen.model.fields import SpeechModel

        self.base = SpeechModel
        self.modules = {name: sys.modules[name] for name in MODEL_MODULES}
        self._found: dict[str, Any] = {}

    def resolve(self, name: str) -> Any:
        """The object named ``module:qualname``; an error unless it is one of the model's own."""
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = self._lookup(name)
        return found

    def _lookup(self, name: str) -> Any:
        module_name, _, qualname = name.partition(":")
        found: Any = self.modules[module_name]
        for part in qualname.split("."):
            found = vars(found)[part] if isinstance(found, type) else getattr(found, part)
        if getattr(found, "__module__", None) != module_name or getattr(found, "__qualname__", None) != qualname:
            raise ValueError(name)
        return found

    def model(self, name: str) -> type:
        found = self.resolve(name)
        if not (isinstance(found, type) and issubclass(found, self.base)):
            raise ValueError(name)
        return found

    def function(self, name: str) -> Any:
        import types

        found = self.resolve(name)
        if isinstance(found, (classmethod, staticmethod)):  # as kept in a class's namespace
            found = found.__func__
        if not isinstance(found, types.FunctionType):
            raise ValueError(name)
        return found

    def mark_of(self, mark: Any) -> tuple[str, int]:
        """Where ``mark`` is declared: the name of an ``Annotated`` alias of the model's modules, and its index
        in the alias's marks (the same object, not an equal one: a bound method is equal only to one bound to
        the same object)."""
        for module_name, module in self.modules.items():
            for alias, value in vars(module).items():
                for index, found in enumerate(getattr(value, "__metadata__", ())):
                    if found is mark:
                        return f"{module_name}:{alias}", index
        raise ValueError("a mark outside the model's aliases")

    def mark_method(self, value: Any) -> Any:
        """The method named ``[alias, index, attribute]`` (see `mark_of`), bound to that mark."""
        import types

        if not (isinstance(value, list) and len(value) == 3 and isinstance(value[2], str)):
            raise ValueError("a mark method")
        alias, index, attribute = value
        module_name, _, name = alias.partition(":") if isinstance(alias, str) else ("", "", "")
        marks = getattr(vars(self.modules[module_name])[name], "__metadata__", None)
        if not isinstance(marks, tuple) or not isinstance(index, int) or not 0 <= index < len(marks):
            raise ValueError(alias)
        method = getattr(marks[index], attribute)
        if not (isinstance(method, types.MethodType) and method.__self__ is marks[index]):
            raise ValueError(attribute)
        return method

    @staticmethod
    def name(target: Any) -> str:
        return f"{target.__module__}:{target.__qualname__}"

    @staticmethod
    def ref(model: type) -> str:
        # How pydantic names a model's definition in a schema (pydantic._internal._type_refs.model_type_ref);
        # a ref of another form is not written (see `_to_data`).
        return f"{model.__module__}.{model.__qualname__}:{id(model)}"


def _to_data(value: Any, names: _Names) -> Any:
    import types

    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [_to_data(item, names) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) and not key.startswith("\0") for key in value):
            raise ValueError("a key the cache cannot write")
        data = {key: _to_data(item, names) for key, item in value.items()}
        for field in ("ref", "schema_ref"):  # a definition's name, and a reference to one
            if isinstance(value.get(field), str):
                data[field] = {_REF: _ref_name(value[field], names)}
        return data
    if isinstance(value, type):
        return {_CLASS: names.name(names.model(names.name(value)))}
    if isinstance(value, types.MethodType) and isinstance(value.__self__, type):
        owner = names.model(names.name(value.__self__))
        attribute = value.__func__.__name__
        if getattr(owner, attribute) != value:
            raise ValueError(attribute)
        return {_METHOD: [names.name(owner), attribute]}
    if isinstance(value, types.MethodType):
        alias, index = names.mark_of(value.__self__)
        attribute = value.__func__.__name__
        if names.mark_method([alias, index, attribute]) != value:
            raise ValueError(attribute)
        return {_MARK_METHOD: [alias, index, attribute]}
    if isinstance(value, types.FunctionType):
        if names.function(names.name(value)) is not value:
            raise ValueError(value.__qualname__)
        return {_FUNCTION: names.name(value)}
    raise TypeError(type(value).__name__)


def _ref_name(ref: str, names: _Names) -> str:
    """The model a definition ref names (``module.Qualname:id``), if it is one of ours with this process's id;
    written as the model's name, it is made again with the reading process's id."""
    qualified = ref.rpartition(":")[0]
    for module_name in names.modules:
        if qualified.startswith(module_name + "."):
            model = names.model(f"{module_name}:{qualified[len(module_name) + 1 :]}")
            if names.ref(model) == ref:
                return names.name(model)
    raise ValueError(ref)


def _read(raw: bytes, key: str) -> Any:
    """The schema in entry ``raw`` if its digest, format and key match; an error if any name in it is not
    one of the model's own. Tagged objects are resolved as the JSON is parsed (``object_hook``, innermost
    first), and every NUL-led string of the text must have been such a tag."""
    import json

    digest, newline, data = raw.partition(b"\n")
    if not newline or digest != _digest(data):
        raise ValueError("digest")
    names = _Names()
    tags = 0

    def resolve(mapping: dict[str, Any]) -> Any:
        nonlocal tags
        if len(mapping) == 1:
            ((tag, value),) = mapping.items()
            if tag in _TAGS:
                tags += 1
                return _tagged(tag, value, names)
        return mapping

    body = json.loads(data.decode("utf-8"), object_hook=resolve)
    if tags != data.count(b'"\\u0000'):
        raise ValueError("a NUL-led string that is not a tag")
    if not isinstance(body, dict) or body.get("format") != FORMAT or body.get("key") != key:
        raise ValueError("key")
    schema = body.get("schema")
    if not isinstance(schema, dict):
        raise ValueError("schema")
    return schema


def _tagged(tag: str, value: Any, names: _Names) -> Any:
    if tag == _METHOD:
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
            raise ValueError(tag)
        owner = names.model(value[0])
        import types

        method = getattr(owner, value[1])
        if not (isinstance(method, types.MethodType) and method.__self__ is owner):
            raise ValueError(value[1])
        return method
    if tag == _MARK_METHOD:
        return names.mark_method(value)
    if not isinstance(value, str):
        raise ValueError(tag)
    if tag == _CLASS:
        return names.model(value)
    if tag == _FUNCTION:
        return names.function(value)
    return names.ref(names.model(value))


# -- the entry on disk --------------------------------------------------------------------------------------------


def _key() -> str:
    key = _state.get("key")
    if key is None:
        import hashlib

        import pydantic_core
        from pydantic.version import VERSION

        from docgen import __version__

        digest = hashlib.sha256(
            f"docgen {__version__} schema cache {FORMAT}\0pydantic {VERSION}\0"
            f"pydantic-core {pydantic_core.__version__}\0{sys.version}\0".encode()
        )
        for name in (*MODEL_MODULES, __name__):
            file = getattr(sys.modules[name], "__file__", None) or ""
            digest.update(file.encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(file, "rb") as stream:
                    digest.update(stream.read())
            except OSError:
                digest.update(b"missing")
        key = _state["key"] = digest.hexdigest()
    return str(key)


def _entry(key: str) -> str | None:
    folder = cache_folder()
    return None if folder is None else os.path.join(folder, f"speech-schema-{key}.json")


def _digest(body: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(body).hexdigest().encode("ascii")


def _encode_body(body: dict[str, Any]) -> bytes:
    import json

    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _digest(data) + b"\n" + data


def _write(path: str, raw: bytes) -> None:
    """Write an entry atomically (temporary file + rename) in a folder that passes the trust rule."""
    import contextlib
    import tempfile

    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not owned_privately(os.stat(folder, follow_symlinks=False)):
            return
        fd, temporary = tempfile.mkstemp(prefix=".speech-schema-", suffix=".tmp", dir=folder)
    except OSError:
        return
    try:
        try:
            written = memoryview(raw)
            while written:
                written = written[os.write(fd, written) :]
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    prune(keep=(os.path.basename(path),))  # a new entry: older ones beyond the cache's bound go

"""A fast yes-or-don't-know JSON Schema check for licscan's own schemas.

Why: importing ``jsonschema`` costs 0.15 s on its own and over 2 s when its optional format
libraries are installed (it imports all of them, ``rfc3987_syntax`` compiles a grammar), and a
pre-commit hook loads a policy on every commit. A valid document is by far the common case, so
:func:`is_valid` answers it without jsonschema; only when it says anything but a definite yes
does the caller run jsonschema, which then finds and explains the problems.

Safety: ``is_valid`` returns True only when the document is valid under Draft 2020-12 for every
keyword it evaluated. Anything it does not implement exactly (an unknown keyword, a remote
``$ref``, an integer-valued float, ``uniqueItems`` over non-strings, an unknown ``format``)
raises :class:`Unsupported`, which the caller treats as "ask jsonschema". Its True is checked
against jsonschema in the tests over the shipped policies, presets and manifests and over
mutations of them.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default",
                          "examples", "$defs", "deprecated", "readOnly", "writeOnly"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Unsupported(Exception):
    """The schema or the instance needs something this checker does not do exactly."""


def is_valid(instance: Any, schema: Mapping[str, Any]) -> bool:
    """True: valid. False: not valid (or not provably). Never True for an invalid document."""
    try:
        return _valid(instance, schema, schema)
    except (Unsupported, RecursionError):
        return False


def _valid(instance: Any, schema: Any, root: Mapping[str, Any]) -> bool:
    if schema is True:
        return True
    if schema is False:
        return False
    if not isinstance(schema, Mapping):
        raise Unsupported("schema is not an object")
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        check = _KEYWORDS.get(keyword)
        if check is None:
            raise Unsupported(keyword)
        if not check(instance, value, schema, root):
            return False
    return True


def _type_ok(instance: Any, name: str) -> bool:
    if name == "string":
        return isinstance(instance, str)
    if name == "object":
        return isinstance(instance, dict)
    if name == "array":
        return isinstance(instance, list)
    if name == "boolean":
        return isinstance(instance, bool)
    if name == "null":
        return instance is None
    if name == "number":
        return isinstance(instance, (int, float)) and not isinstance(instance, bool)
    if name == "integer":
        if isinstance(instance, float) and instance.is_integer():
            raise Unsupported("integer-valued float")
        return isinstance(instance, int) and not isinstance(instance, bool)
    raise Unsupported(f"type {name}")


def _type(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    names = value if isinstance(value, list) else [value]
    return any(_type_ok(instance, n) for n in names)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality as jsonschema sees it: booleans are not numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    raise Unsupported("compound equality")


def _enum(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return any(_equal(instance, v) for v in value)


def _const(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return _equal(instance, value)


def _ref(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    if not isinstance(value, str) or not value.startswith("#/"):
        raise Unsupported(f"$ref {value!r}")
    target: Any = root
    for part in value[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, Mapping) or part not in target:
            raise Unsupported(f"$ref {value!r}")
        target = target[part]
    return _valid(instance, target, root)


def _properties(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    if not isinstance(instance, dict):
        return True
    return all(_valid(instance[k], sub, root) for k, sub in value.items() if k in instance)


def _additional(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    if not isinstance(instance, dict):
        return True
    if "patternProperties" in schema:
        raise Unsupported("patternProperties")
    known = schema.get("properties", {})
    return all(_valid(v, value, root) for k, v in instance.items() if k not in known)


def _required(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not isinstance(instance, dict) or all(k in instance for k in value)


def _property_names(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not isinstance(instance, dict) or all(_valid(k, value, root) for k in instance)


def _items(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    if "prefixItems" in schema or not isinstance(value, (Mapping, bool)):
        raise Unsupported("prefixItems or array-form items")
    return not isinstance(instance, list) or all(_valid(i, value, root) for i in instance)


def _min_items(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not isinstance(instance, list) or len(instance) >= value


def _unique(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    if not value or not isinstance(instance, list):
        return True
    if not all(isinstance(i, str) for i in instance):
        raise Unsupported("uniqueItems over non-strings")
    return len(set(instance)) == len(instance)


def _min_length(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not isinstance(instance, str) or len(instance) >= value


def _pattern(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not isinstance(instance, str) or re.search(value, instance) is not None


def _number(instance: Any) -> bool:
    return isinstance(instance, (int, float)) and not isinstance(instance, bool)


def _minimum(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not _number(instance) or not instance < value


def _maximum(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not _number(instance) or not instance > value


def _exclusive_minimum(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return not _number(instance) or not instance <= value


def _format(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    if value != "date":
        raise Unsupported(f"format {value}")
    if not isinstance(instance, str):
        return True
    if not _DATE.match(instance):
        return False
    try:
        _dt.date.fromisoformat(instance)
    except ValueError:
        return False
    return True


def _all_of(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return all(_valid(instance, s, root) for s in value)


def _any_of(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return any(_valid(instance, s, root) for s in value)


def _one_of(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return sum(1 for s in value if _valid(instance, s, root)) == 1


def _if(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    branch = "then" if _valid(instance, value, root) else "else"
    return _valid(instance, schema.get(branch, True), root)


def _handled_by_if(instance: Any, value: Any, schema: Any, root: Any) -> bool:
    return True


_KEYWORDS: dict[str, Any] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "$ref": _ref,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "propertyNames": _property_names,
    "items": _items,
    "minItems": _min_items,
    "uniqueItems": _unique,
    "minLength": _min_length,
    "pattern": _pattern,
    "minimum": _minimum,
    "maximum": _maximum,
    "exclusiveMinimum": _exclusive_minimum,
    "format": _format,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "if": _if,
    "then": _handled_by_if,
    "else": _handled_by_if,
}

"""YAML documents a user writes (policies, manifests), validated by a JSON Schema, with lines.

Why shared: a policy and a manifest are both controls a person edits by hand; both must fail
the same way on a typo: the file, the line of the offending key, the key's path, and a sentence
with the allowed values, never a silent default and never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from licscan import yamlsafe
from licscan.errors import LicscanError
from licscan.schemacheck import is_valid

Lines = dict[tuple[str, ...], int]


def read_document(path: Path, shown: str, *, error: type[LicscanError], noun: str,
                  missing_hint: str) -> str:
    """The file's text; a missing, unreadable or non-UTF-8 file is an ``error`` saying which."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise error(f"The {noun} file {shown} does not exist.", hint=missing_hint) from exc
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise error(f"The {noun} file {shown} could not be read: {reason}.",
                    hint="Check its permissions and that it is UTF-8 text.") from exc


def load_mapping(text: str, name: str, *, error: type[LicscanError], noun: str,
                 shape_hint: str, max_depth: int) -> dict[str, Any]:
    """Parse strictly; anything but a reasonably sized mapping is an ``error`` with a line."""
    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        line = yamlsafe.problem_line(exc)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f"{name}:{line}" if line else name
        raise error(f"{where}: the {noun} is not valid YAML: {problem}.",
                    hint="Fix the YAML syntax at that line.") from exc
    if not isinstance(data, dict):
        raise error(f"{name}:1: a {noun} must be a mapping with 'version: 1' at the top.",
                    hint=shape_hint)
    if not yamlsafe.within_bounds(data, max_nodes=20_000, max_depth=max_depth):
        raise error(f"{name}: the {noun} is too large or too deeply nested.",
                    hint=f"A {noun} needs only a few levels; check for runaway aliases.")
    return {str(k): v for k, v in data.items()}


def schema_errors(data: dict[str, Any], text: str, name: str, schema: dict[str, Any], *,
                  sentence: Callable[[Any], str] | None = None,
                  refine: Callable[[Any], Any] | None = None) -> list[str]:
    """Every schema problem as 'file:line: key: sentence with the allowed values'."""
    non_finite = _non_finite(data, [])
    if not non_finite and is_valid(data, schema):
        return []  # the common case, without importing jsonschema (see licscan/schemacheck.py)
    import jsonschema

    # Only the formats licscan's schemas use: the full FormatChecker() would also run (and its
    # module imports) checkers for IRIs, e-mails, durations... that no licscan schema asks for.
    checker = jsonschema.FormatChecker(formats=("date",))
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    lines = key_lines(text)
    messages = [f"{name}:{line_for(path, lines) or 1}: {'.'.join(path)}: {value!r} is not a "
                "number licscan can compare; write a finite number"
                for path, value in non_finite]
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        error = refine(error) if refine else error
        path = [str(p) for p in error.absolute_path]
        line = line_for(path, lines)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = sorted(map(str, set(error.instance) - set(error.schema.get("properties", {}))))
            if extra:  # point at the unknown key itself, not at its parent
                line = lines.get((*path, str(extra[0])), line)
        key = ".".join(path) or "(top level)"
        said = (sentence or describe)(error)
        messages.append(f"{name}:{line}: {key}: {said}" if line else f"{name}: {key}: {said}")
    return messages


def raise_first(errors: list[str], error: type[LicscanError], hint: str) -> None:
    """Raise the first problem; the hint lists them all when there are several."""
    errors = list(dict.fromkeys(errors))  # one problem found twice is one problem
    if not errors:
        return
    rest = errors[1:]
    more = f" (and {len(rest)} more)" if rest else ""
    raise error(errors[0] + more,
                hint=hint if not rest else
                f"The {len(rest)} more:\n  " + "\n  ".join(rest) + f"\n{hint}")


def describe(error: Any) -> str:
    """A schema error as a sentence with the allowed values."""
    validator = error.validator
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{error.instance!r} is not allowed; use one of: {allowed}"
    if validator == "additionalProperties":
        extra = sorted(map(str, set(error.instance) - set(error.schema.get("properties", {}))))
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return f"unknown key(s) {', '.join(map(repr, extra))}; known keys: {known}"
    if validator == "propertyNames":
        allowed = ", ".join(error.schema["propertyNames"].get("enum", [])) or "see the schema"
        return f"{error.instance!r} is not a known name here; use one of: {allowed}"
    if validator == "format" and error.validator_value == "date":
        return f"{error.instance!r} is not a real date in the form YYYY-MM-DD"
    if validator == "type":
        return (f"{error.instance!r} is a {type(error.instance).__name__}; "
                f"expected {error.validator_value}")
    if validator == "const":
        return f"{error.instance!r} is not supported; it must be {error.validator_value!r}"
    return str(error.message)


def key_lines(text: str) -> Lines:
    """Line of every mapping key and sequence item, by path."""
    lines: Lines = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*path, str(key.value))
                lines.setdefault(child, key.start_mark.line + 1)
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                child = (*path, str(i))
                lines.setdefault(child, value.start_mark.line + 1)
                walk(value, child)

    if root is not None:
        walk(root, ())
    return lines


def line_for(path: list[str], lines: Lines) -> int | None:
    """The line of the deepest part of ``path`` that has one (1 for the document itself)."""
    for size in range(len(path), 0, -1):
        line = lines.get(tuple(path[:size]))
        if line:
            return line
    return 1 if lines else None


def _non_finite(value: Any, path: list[str]) -> list[tuple[list[str], float]]:
    """NaN and infinities: JSON Schema's minimum/maximum cannot refuse them (NaN compares false
    with everything), and a NaN threshold would silently turn a check off."""
    import math

    if isinstance(value, float) and not math.isfinite(value):
        return [(path, value)]
    if isinstance(value, dict):
        return [hit for k, v in value.items() for hit in _non_finite(v, [*path, str(k)])]
    if isinstance(value, list):
        return [hit for i, v in enumerate(value) for hit in _non_finite(v, [*path, str(i)])]
    return []

"""Loading policy files: YAML, validated against the shipped JSON Schema, errors with lines.

Why this strict: a policy is a control. A typo ("comercial", "licences:") silently ignored would
make a gate pass what the organisation meant to stop, so unknown keys, wrong types, impossible
dates and duplicate keys are errors that name the file, the line, the key and the allowed values.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from licscan import yamlsafe
from licscan.errors import PolicyError
from licscan.licenses.store import rules_root
from licscan.policy.model import Exception_, Policy

PRESETS = ("default", "permissive-only", "commercial-saas", "internal-research")


@lru_cache(maxsize=1)
def policy_schema() -> dict[str, Any]:
    text = resources.files("licscan.policy").joinpath("schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def preset_text(name: str) -> str:
    """The YAML of a bundled preset (``rules/policies/<name>.yaml``)."""
    if name not in PRESETS:
        raise PolicyError(
            f"'{name}' is not a bundled policy preset.", hint=f"Use one of: {', '.join(PRESETS)}."
        )
    return rules_root().joinpath("policies").joinpath(f"{name}.yaml").read_text("utf-8")


def load_policy(path: Path | None) -> Policy:
    """The policy in ``path``, or the built-in default when ``path`` is None."""
    if path is None:
        return parse_policy(preset_text("default"), "built-in default policy")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PolicyError(
            f"The policy file {path} does not exist.",
            hint="Check the path, or run 'licscan policy init' to write one.",
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise PolicyError(
            f"The policy file {path} could not be read: {reason}.",
            hint="Check its permissions and that it is UTF-8 text.",
        ) from exc
    return parse_policy(text, str(path))


def parse_policy(text: str, name: str) -> Policy:
    """Validate and build a policy; every problem is a ``PolicyError`` naming file and line."""
    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        line = yamlsafe.problem_line(exc)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f"{name}:{line}" if line else name
        raise PolicyError(
            f"{where}: the policy is not valid YAML: {problem}.",
            hint="Fix the YAML syntax at that line.",
        ) from exc
    if not isinstance(data, dict):
        raise PolicyError(
            f"{name}: a policy must be a mapping with 'version: 1' at the top.",
            hint="Run 'licscan policy init' for a commented starter policy.",
        )
    if not yamlsafe.within_bounds(data, max_nodes=20_000, max_depth=12):
        raise PolicyError(
            f"{name}: the policy is too large or too deeply nested.",
            hint="A policy needs only a few levels; check for runaway aliases.",
        )
    errors = _schema_errors(data, text, name)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise PolicyError(
            errors[0] + more,
            hint="See licscan/policy/schema.json or 'licscan policy init'."
            if len(errors) == 1
            else "All problems:\n  " + "\n  ".join(errors),
        )
    return Policy.from_mapping(data, source=name)


def _schema_errors(data: dict[str, Any], text: str, name: str) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        policy_schema(), format_checker=jsonschema.FormatChecker()
    )
    lines = _key_lines(text)
    messages = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        path = [str(p) for p in error.absolute_path]
        line = _line_for(path, lines)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
            if extra:  # point at the unknown key itself, not at its parent
                line = lines.get((*path, str(extra[0])), line)
        key = ".".join(path) or "(top level)"
        messages.append(
            f"{name}:{line}: {key}: {_say(error)}" if line else f"{name}: {key}: {_say(error)}"
        )
    return messages


def _say(error: Any) -> str:
    """The schema error as a sentence with the allowed values."""
    validator = error.validator
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{error.instance!r} is not allowed; use one of: {allowed}"
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return f"unknown key(s) {', '.join(map(repr, extra))}; known keys: {known}"
    if validator == "propertyNames":
        allowed = ", ".join(error.schema["propertyNames"].get("enum", [])) or "see the schema"
        return f"{error.instance!r} is not a known name here; use one of: {allowed}"
    if validator == "format" and error.validator_value == "date":
        return f"{error.instance!r} is not a real date in the form YYYY-MM-DD"
    if validator == "type":
        return (
            f"{error.instance!r} is a {type(error.instance).__name__}; "
            f"expected {error.validator_value}"
        )
    if validator == "const":
        return f"{error.instance!r} is not supported; it must be {error.validator_value!r}"
    if validator == "required":
        return str(error.message)
    return str(error.message)


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line of every mapping key and sequence item, by path."""
    lines: dict[tuple[str, ...], int] = {}
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


def _line_for(path: list[str], lines: dict[tuple[str, ...], int]) -> int | None:
    for size in range(len(path), 0, -1):
        line = lines.get(tuple(path[:size]))
        if line:
            return line
    return 1 if lines else None


def exception_expired(exc: Exception_, today: dt.date | None = None) -> bool:
    return exc.expires < (today or dt.date.today())

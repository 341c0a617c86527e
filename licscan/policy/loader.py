"""Loading policy files: YAML, validated against the shipped JSON Schema, errors with lines.

Why this strict: a policy is a control. A typo ("comercial", "licences:") silently ignored would
make a gate pass what the organisation meant to stop, so unknown keys, wrong types, impossible
dates and duplicate keys are errors that name the file, the line, the key and the allowed values.
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from licscan.documents import (
    describe,
    key_lines,
    line_for,
    load_mapping,
    raise_first,
    read_document,
    schema_errors,
)
from licscan.errors import PolicyError
from licscan.licenses.store import rules_root
from licscan.policy.model import Policy

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
    text = read_document(path, str(path), error=PolicyError, noun="policy",
                         missing_hint="Check the path, or run 'licscan policy init' to write one.")
    return parse_policy(text, str(path))


def parse_policy(text: str, name: str) -> Policy:
    """Validate and build a policy; every problem is a ``PolicyError`` naming file and line."""
    data = load_mapping(text, name, error=PolicyError, noun="policy", max_depth=12,
                        shape_hint="Run 'licscan policy init' for a commented starter policy.")
    errors = schema_errors(data, text, name, policy_schema(), sentence=_sentence)
    raise_first(errors, PolicyError, "See licscan/policy/schema.json or 'licscan policy init'.")
    raise_first(license_id_errors(data, text, name), PolicyError,
                "Use ids from 'licscan licenses'; a family id (gemma, cc, openrail) covers "
                "every version of it.")
    return Policy.from_mapping(data, source=name)


def _sentence(error: Any) -> str:
    """``describe``, plus the likely intended word for a misspelt key or value.

    Why: "unknown key 'categoris'" followed by eleven known keys makes the reader hunt; "did
    you mean 'categories'?" says what to type.
    """
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = sorted(map(str, error.schema.get("properties", {})))
        extra = sorted(map(str, set(error.instance) - set(known)))
        if extra and known:
            named = ", ".join(f"{key!r}{_did_you_mean(key, known)}" for key in extra)
            return f"unknown key(s) {named}; known keys: {', '.join(known)}"
    if error.validator == "enum" and isinstance(error.instance, str):
        allowed = [str(v) for v in error.validator_value]
        return (f"{error.instance!r} is not allowed{_did_you_mean(error.instance, allowed)}; "
                f"use one of: {', '.join(allowed)}")
    return describe(error)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""


def license_id_errors(data: dict[str, Any], text: str, name: str) -> list[str]:
    """Every id in ``licenses:`` that the catalog does not know, with the closest ids.

    Why an error: ``deny: [llama-3-1]`` names nothing, so it would deny nothing; a policy that
    silently fails to deny what its author meant to deny is worse than one that does not load.
    """
    from licscan.licenses.catalog import load_catalog

    catalog = load_catalog()
    lines = key_lines(text)
    found = []
    sections = [(("licenses",), data.get("licenses") or {}),
                (("datasets", "licenses"), (data.get("datasets") or {}).get("licenses") or {})]
    for where, section in sections:
        for decision, ids in section.items():
            for i, lid in enumerate(ids or ()):
                if catalog.get(str(lid)) is not None:
                    continue
                close = catalog.suggest(str(lid), 3)
                line = line_for([*where, str(decision), str(i)], lines)
                near = f"did you mean {', '.join(close)}?" if close else \
                    "no known id is close; run 'licscan licenses' to list them"
                found.append(f"{name}:{line}: {'.'.join(where)}.{decision}: {str(lid)!r} is not "
                             f"a license id licscan knows; {near}")
    return found

"""The fast schema check never calls an invalid document valid, and keeps jsonschema off the
hot path.

Why: licscan/schemacheck.py answers "valid" for policies and manifests without importing
jsonschema (seconds, with its format extras). A wrong "valid" would let a broken policy act as
a control, so every "valid" is compared with jsonschema itself over the shipped documents and
over hundreds of mutations of them (wrong types, unknown keys, missing keys, bad dates).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from licscan import yamlsafe
from licscan.manifest import manifest_schema
from licscan.policy.loader import policy_schema
from licscan.schemacheck import is_valid
from tests.helpers import DEFAULT_CACHE, REPO

POLICIES = sorted([*(REPO / "rules" / "policies").glob("*.yaml"), REPO / "examples" / "corp.yaml"])
MANIFESTS = [
    {"version": 1, "models": ["google/gemma-4-31b", "zai-org/GLM-5.1@v1.0"]},
    {"version": 1, "policy": "p.yaml",
     "models": [{"id": "datasets/acme/webtext-nc", "revision": "main", "notes": "n"}]},
]
REPLACEMENTS: list[Any] = ["x", "", 0, 1, -1, 1.5, 1.0, True, False, None, [], {}, ["x"],
                           {"x": 1}, "2025-01-31", "2025-02-30", "deny", "allow", "MIT"]


def jsonschema_valid(data: Any, schema: dict[str, Any]) -> bool:
    checker = jsonschema.FormatChecker(formats=("date",))
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    return not any(True for _ in validator.iter_errors(data))


def mutations(doc: Any) -> Iterator[Any]:
    """Copies of ``doc`` with one node changed: replaced, removed, or given an unknown key."""
    paths: list[tuple[Any, ...]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(doc, ())
    for path in paths:
        for value in REPLACEMENTS:
            changed = copy.deepcopy(doc)
            if not path:
                yield value
                continue
            parent = changed
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = value
            yield changed
        if path:
            changed = copy.deepcopy(doc)
            parent = changed
            for part in path[:-1]:
                parent = parent[part]
            del parent[path[-1]]
            yield changed
        changed = copy.deepcopy(doc)
        node = changed
        for part in path:
            node = node[part]
        if isinstance(node, dict):
            node["no_such_key"] = 1
            yield changed


def documents() -> list[tuple[str, Any, dict[str, Any]]]:
    docs = [(p.name, yamlsafe.load(p.read_text("utf-8")), policy_schema()) for p in POLICIES]
    docs += [(f"manifest-{i}", m, manifest_schema()) for i, m in enumerate(MANIFESTS)]
    return docs


@pytest.mark.parametrize(("name", "doc", "schema"), documents(), ids=[d[0] for d in documents()])
def test_shipped_documents_are_valid_both_ways(name: str, doc: Any, schema: dict[str, Any]) -> None:
    assert jsonschema_valid(doc, schema), name
    assert is_valid(doc, schema), f"{name}: the fast path must cover the shipped documents"


@pytest.mark.parametrize(("name", "doc", "schema"), documents(), ids=[d[0] for d in documents()])
def test_fast_valid_is_never_wrong_on_mutations(name: str, doc: Any,
                                                schema: dict[str, Any]) -> None:
    seen = invalid = 0
    for changed in mutations(doc):
        seen += 1
        if is_valid(changed, schema):
            assert jsonschema_valid(changed, schema), json.dumps(changed, default=str)[:400]
        else:
            invalid += 1
    assert seen > 50 and invalid > 10, (seen, invalid)


def test_format_date_and_schema_features_need_the_real_validator() -> None:
    schema = {"type": "object", "properties": {"d": {"type": "string", "format": "date"}}}
    assert is_valid({"d": "2025-02-28"}, schema)
    assert not is_valid({"d": "2025-02-30"}, schema)
    assert not is_valid({"d": "x"}, {"type": "string", "format": "email"}), "unknown format"
    assert not is_valid(1, {"$ref": "https://example.com/s.json"}), "remote ref"
    assert not is_valid(1, {"not": {"type": "string"}}), "unimplemented keyword"
    assert not is_valid(True, {"enum": [1]}) and not is_valid(1, {"const": True})


def test_a_valid_policy_is_checked_without_importing_jsonschema(tmp_path: Path) -> None:
    """A whole process, because an in-process check would see jsonschema already imported."""
    folder = REPO / "fixtures" / "hub" / "google" / "gemma-4-31b"
    code = (
        "import sys\n"
        "from licscan.cli import main\n"
        f"code = main(['check', {str(folder)!r}, '--policy', {str(POLICIES[-1])!r}])\n"
        "print('jsonschema' in sys.modules, code)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path),
           "LICSCAN_CACHE_DIR": str(DEFAULT_CACHE)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "False 0", done.stdout + done.stderr

"""Hostile repositories: strangers' cards and files never crash licscan or pass unnoticed.

Every repo here is built in the test's own folder and served by a fake Hub over HTTP; each
must end in a precise finding or error, never a traceback, never raw terminal escapes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fakehub import client_env
from tests.fakehub.pytest_plugin import MakeHub
from tests.helpers import REPO, Run, run_cli

APACHE = (REPO / "LICENSE").read_text(encoding="utf-8")


def bomb() -> str:
    lines = ["license: mit", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n"


REPOS: dict[str, dict[str, Any]] = {
    "card-is-a-list": {"README.md": "---\n- a\n- b\n---\n"},
    "license-is-a-number": {
        "README.md": "---\nlicense: 42\ntags: 7\nbase_model: [1, {a: b}]\n---\n"
    },
    "deep-nesting": {"README.md": "---\nlicense: mit\nx: " + "[" * 100 + "]" * 100 + "\n---\n"},
    "duplicate-keys": {"README.md": "---\nlicense: mit\nlicense: llama3.1\n---\n"},
    "licenses-as-list": {"README.md": "---\nlicense: [mit, 3, null]\ntags: {a: 1}\n---\n"},
    "unsafe-names": {
        "LICENSE": APACHE,
        "_hub.json": {
            "info_overrides": {
                "siblings": [
                    {"rfilename": "../../../../tmp/licscan-pwned-LICENSE"},
                    {"rfilename": "/etc/LICENSE"},
                    {"rfilename": "LICENSE\u0000x"},
                    {"rfilename": "LICENSE"},
                ]
            }
        },
    },
    "escape-sequences": {
        "README.md": '---\nlicense: other\nlicense_name: "\\e[2J\\e[31mevil"\n---\n',
        "LICENSE": "\x1b]0;pwned\x07 \x1b[2J hello",
    },
    "huge-license": {"LICENSE": "x " * 1_200_000},
    "binary-license": {"LICENSE": b"\x00\x01\x02" * 1000},
    "utf16-license": {"LICENSE": b"\xff\xfe" + APACHE.encode("utf-16-le")},
    "cycle-a": {"README.md": "---\nlicense: mit\nbase_model: evil/cycle-b\n---\n"},
    "cycle-b": {"README.md": "---\nlicense: mit\nbase_model: evil/cycle-a\n---\n"},
}
for _i in range(12):
    REPOS[f"chain-{_i}"] = {
        "README.md": f"---\nlicense: mit\nbase_model: evil/chain-{_i + 1}\n---\n"
    }


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, files in REPOS.items():
        repo = root / "evil" / name
        repo.mkdir(parents=True)
        for filename, content in files.items():
            if filename == "_hub.json":
                (repo / filename).write_text(json.dumps(content))
            elif isinstance(content, bytes):
                (repo / filename).write_bytes(content)
            else:
                (repo / filename).write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def results(hostile_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One check of every hostile repo (module-scoped: one subprocess, one server)."""
    from tests.fakehub import FakeHub

    home = tmp_path_factory.mktemp("home")
    with FakeHub(hostile_root) as hub:
        env = client_env(hub.url, home)
        env["LICSCAN_CACHE_DIR"] = str(REPO / ".pytest_cache" / "licscan-cache")
        targets = [f"evil/{n}" for n in REPOS if not n.startswith("chain-") or n == "chain-0"]
        text = run_cli("check", *targets, "--evidence", env=env)
        data = run_cli("check", *targets, "--format", "json", env=env)
        requested = [r.path for r in hub.requests]
    by_target = {r["target"]: r for r in json.loads(data.out)["results"]}
    return {"text": text, "json": data, "by": by_target, "requested": requested}


def findings(results: dict[str, Any], name: str) -> list[str]:
    return [f"{f['kind']}: {f['message']}" for f in results["by"][f"evil/{name}"]["findings"]]


def test_nothing_crashes_and_every_target_is_accounted_for(results: dict[str, Any]) -> None:
    text: Run = results["text"]
    # The base cycle and the too-deep chain cannot be evaluated (exit 2); the others are judged.
    assert text.code == 2, "a cycle or a chain past the depth limit is never a verdict"
    could_not = {t for t, r in results["by"].items() if r["verdict"] == "error"}
    assert could_not == {"evil/cycle-a", "evil/cycle-b", "evil/chain-0"}, could_not
    assert "Traceback" not in text.out + text.err
    assert len(results["by"]) == len([n for n in REPOS if not n.startswith("chain-")]) + 1
    assert all(
        r["verdict"] != "pass"
        for t, r in results["by"].items()
        if "utf16" not in t and "unsafe" not in t
    )


def test_no_raw_escape_sequences_reach_the_terminal(results: dict[str, Any]) -> None:
    text: Run = results["text"]
    assert "\x1b" not in text.out + text.err
    assert "\x07" not in text.out + text.err


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("card-is-a-list", "not a mapping"),
        ("license-is-a-number", "not a license id: '42'"),
        ("deep-nesting", "too large or too deeply nested"),
            ("duplicate-keys", "duplicate key 'license'"),
        ("licenses-as-list", "'3', which is not a license licscan knows"),
        ("escape-sequences", "the card says license: other"),
        ("huge-license", "over the 2,097,152-byte limit"),
        ("binary-license", "binary content"),
        ("cycle-a", "base models form a cycle"),
        ("chain-0", "deeper than"),
    ],
)
def test_each_hostile_input_gets_a_precise_finding(
    results: dict[str, Any], name: str, expected: str
) -> None:
    assert any(expected in f for f in findings(results, name)), findings(results, name)


def test_odd_encoding_is_still_identified(results: dict[str, Any]) -> None:
    assert results["by"]["evil/utf16-license"]["license_ids"] == ["apache-2.0"]


def test_unsafe_names_are_never_requested_or_written(results: dict[str, Any]) -> None:
    assert not any(".." in p or "%2e%2e" in p.lower() or "/etc/" in p for p in results["requested"])
    assert not Path("/tmp/licscan-pwned-LICENSE").exists()
    evidence = results["by"]["evil/unsafe-names"]["evidence"]
    assert any("not safe paths" in e["detail"] for e in evidence)


@pytest.mark.parametrize("target", ["../etc/passwd", "a/b/c/d", "org/na me", "org/name@"])
def test_targets_that_are_not_repo_ids(target: str, make_hub: MakeHub, tmp_path: Path) -> None:
    run = run_cli("check", target, env=client_env("http://127.0.0.1:9", tmp_path))
    assert run.code == 2
    assert "Traceback" not in run.err


def test_alias_bomb_in_a_card_is_refused_not_expanded() -> None:
    """(Through the CLI the fake Hub itself chokes on expanding it; the client-side parser is
    what must hold, so it is tested directly.)"""
    from licscan.sources.card import parse_card

    card, problem = parse_card(bomb())
    assert card == {}
    assert problem is not None and "too large or too deeply nested" in problem

"""Building attack cases and reading licscan's answer about them.

Why these helpers: every case is "a small model folder (or fake-Hub repo) built from real
reference texts, checked with ``licscan check --format json``", and every assertion is "this
exit code, and one of these rule ids failing the verdict". Keeping both in one place makes each
test read as the statement it is, and keeps the failure message useful (it prints the reasons
licscan did give).
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import textwrap
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from licscan.licenses.catalog import load_catalog
from tests.helpers import REPO, Run, run_cli

CORP = REPO / "examples" / "corp.yaml"
HUB_FIXTURES = REPO / "fixtures" / "hub"
APPROVED = "hf_test_approved_token"  # the only token the fake Hub's gated fixtures accept

# Rule ids (licscan/policy/rules.py). Sets name the answers issue 10 leaves open.
LICENSE_LISTED = "LS101"
TERRITORY = "LS202"
UNVERIFIABLE = "LS306"
LINEAGE = "LS307"
COULD_NOT_EVALUATE = "LS500"
ADDED_TERMS = frozenset({"LS303", "LS308"})  # modified license text, or unexplained text
UNRECOGNIZED = frozenset({"LS301", "LS308"})  # a file licscan cannot identify
NON_COMMERCIAL = frozenset({"LS102", "LS204"})  # category non-commercial denied, or the term
NON_COMMERCIAL_READ = NON_COMMERCIAL | {"LS302"}  # ... or the card contradicts the text read

# Restrictions added to real texts in the tests (sentences, not license texts).
NC_SENTENCE = "Notwithstanding the above, the Work may be used for non-commercial purposes only."
NC_SOFTWARE = "This Software may not be used for any commercial purpose."


# --- texts -----------------------------------------------------------------------------------


@cache
def license_text(license_id: str) -> str:
    """The reference text of a catalog license (rules/licenses/<id>.txt, front matter off)."""
    catalog = load_catalog()
    text = catalog.text(catalog.lookup(license_id))
    assert text, f"the catalog has no reference text for {license_id}"
    return text


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with the first ``old`` replaced; fails loudly if the reference text changed."""
    assert old in text, f"{old!r} is not in the reference text any more"
    return text.replace(old, new, 1)


def rewrapped(text: str, width: int = 60) -> str:
    """Every paragraph re-flowed to ``width`` columns: the same license, laid out differently."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width) for p in paragraphs) + "\n"


@lru_cache(maxsize=1)
def readme_prose() -> str:
    """A real paragraph of prose that is not a license: the first plain paragraph of this
    project's README that says nothing about licenses, so nothing in it can be identified."""
    for paragraph in re.split(r"\n\s*\n", (REPO / "README.md").read_text(encoding="utf-8")):
        flat = " ".join(paragraph.split())
        if len(flat) >= 120 and flat[0].isalpha() and not re.search(r"licen[cs]", flat, re.I):
            return paragraph.strip() + "\n"
    raise AssertionError("README.md has no plain paragraph without the word license")


# --- repositories ----------------------------------------------------------------------------

Files = Mapping[str, str | bytes]


def model_folder(parent: Path, card: Mapping[str, Any] | None, files: Files | None = None,
                 *, name: str = "model", body: str = "Weights of a small test model.\n") -> Path:
    """A model folder ``parent/name``: README.md (front matter ``card``) and ``files``."""
    folder = parent / name
    folder.mkdir(parents=True)
    front = "" if card is None else (
        "---\n" + yaml.safe_dump(dict(card), sort_keys=False, allow_unicode=True) + "---\n")
    title = name.rsplit("/", 1)[-1]
    (folder / "README.md").write_text(f"{front}\n# {title}\n\n{body}", encoding="utf-8")
    for rel, content in (files or {}).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def mit_folder(parent: Path, body: str, files: Mapping[str, str] | None = None, *,
               card_extra: Mapping[str, object] | None = None) -> Path:
    """A model folder that is honestly MIT (card and LICENSE) but for ``body`` (the README's
    prose) and ``files``: the attack under test is whatever those add."""
    return model_folder(parent, {"license": "mit", **(card_extra or {})},
                        {"LICENSE": license_text("mit"), **(files or {})}, body=body)


def prose_answer(parent: Path, prose: str, env: Mapping[str, str]) -> Answer:
    """The gate's answer for an honest MIT model whose card adds the paragraph ``prose``."""
    return check(str(mit_folder(parent, f"A small model.\n\n{prose}\n")), env=env)


def card_and_license(parent: Path, case: tuple[str, Callable[[], str]]) -> Path:
    """A model folder whose card declares ``case[0]`` and whose LICENSE is ``case[1]()``."""
    declared, make = case
    return model_folder(parent, {"license": declared}, {"LICENSE": make()})


def hub_repo(root: Path, repo_id: str, card: Mapping[str, Any] | None,
             files: Files | None = None, meta: Mapping[str, Any] | None = None) -> Path:
    """A repo served by a fake Hub over ``root`` (``meta`` becomes its ``_hub.json``)."""
    folder = model_folder(root, card, files, name=repo_id)
    if meta is not None:
        (folder / "_hub.json").write_text(json.dumps(dict(meta)), encoding="utf-8")
    return folder


def copy_fixture(root: Path, repo_id: str) -> Path:
    """A fixture repo of ``fixtures/hub`` copied into a test's own Hub folder."""
    return Path(shutil.copytree(HUB_FIXTURES / repo_id, root / repo_id))


def policy_file(folder: Path, change: Mapping[str, Any], name: str = "policy.yaml") -> Path:
    """``examples/corp.yaml`` with ``change`` applied (dotted keys, e.g. context.territories)."""
    data = yaml.safe_load(CORP.read_text(encoding="utf-8"))
    for dotted, value in change.items():
        *parents, last = dotted.split(".")
        node = data
        for key in parents:
            node = node[key]
        node[last] = value
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def closed_port_url() -> str:
    """An http URL on loopback where nothing listens: a Hub that cannot be reached."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- answers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What ``licscan check --format json`` answered about one target."""

    run: Run
    result: dict[str, Any]

    @property
    def code(self) -> int:
        return self.run.code

    @property
    def verdict(self) -> str:
        return str(self.result.get("verdict"))

    @property
    def failing(self) -> set[str]:
        """Rule ids of the reasons that fail the verdict (errors no exception waived)."""
        return {r["rule"] for r in self.result.get("reasons", [])
                if r.get("severity") == "error" and r.get("waived_by") is None}

    @property
    def rules(self) -> set[str]:
        """Rule ids of every reason no exception waived, whatever its severity."""
        return {r["rule"] for r in self.result.get("reasons", []) if r.get("waived_by") is None}

    @property
    def license_ids(self) -> set[str]:
        return set(self.result.get("license_ids") or ())

    def __str__(self) -> str:
        reasons = [f"{r['rule']} {r['severity']}: {r['message'][:160]}"
                   for r in self.result.get("reasons", [])]
        return (f"exit {self.code}, verdict {self.verdict}, "
                f"license {self.result.get('effective_license')!r}, reasons {reasons}, "
                f"stderr {self.run.err[-600:]!r}")


def check_all(*targets: str, env: Mapping[str, str], policy: Path = CORP,
              cwd: Path | None = None, extra: tuple[str, ...] = ()) -> list[Answer]:
    """``licscan check TARGETS --policy POLICY --format json``: one answer per target, in
    order (all share the run's exit code). With no target, the manifest in ``cwd``."""
    run = run_cli("check", *targets, "--policy", str(policy), "--format", "json", *extra,
                  env=env, cwd=cwd)
    assert "Traceback" not in run.out + run.err, run.err
    assert run.code != 3, f"internal error: {run.err}"
    assert run.out.strip(), f"no JSON report (exit {run.code}): {run.err}"
    results = json.loads(run.out)["results"]
    if targets:
        assert [r.get("target") for r in results] == list(targets), run.out[:400]
    return [Answer(run, result) for result in results]


def check(*targets: str, env: Mapping[str, str], policy: Path = CORP, cwd: Path | None = None,
          extra: tuple[str, ...] = ()) -> Answer:
    """The answer for one target (or for a manifest in ``cwd`` that lists one model)."""
    answers = check_all(*targets, env=env, policy=policy, cwd=cwd, extra=extra)
    assert len(answers) == 1, [a.result.get("target") for a in answers]
    return answers[0]


def assert_fails(answer: Answer, accepted: Collection[str]) -> None:
    """A policy failure (exit 1) carried by at least one of the ``accepted`` rule ids."""
    assert answer.code == 1, str(answer)
    assert answer.verdict == "fail", str(answer)
    assert answer.failing & set(accepted), f"expected one of {sorted(accepted)}: {answer}"


def assert_not_evaluated(answer: Answer) -> None:
    """Could not evaluate: exit 2, verdict error, rule LS500 (never a pass)."""
    assert answer.code == 2, str(answer)
    assert answer.verdict == "error", str(answer)
    assert COULD_NOT_EVALUATE in answer.failing, str(answer)


def assert_passes(answer: Answer) -> None:
    """A clean pass: exit 0 and verdict pass (the gate is not closed by refusing everything)."""
    assert answer.code == 0, str(answer)
    assert answer.verdict == "pass", str(answer)

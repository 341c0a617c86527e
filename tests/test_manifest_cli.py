"""The manifest (licscan.yaml) through the real CLI against the fake Hub, and the Action's file.

``check`` with no TARGET reads ./licscan.yaml; ``check-manifest FILE`` (the pre-commit entry)
reads the files given. Every run is a subprocess in its own folder (``cwd=``), so relative
policy paths and the default manifest lookup are exercised as a user meets them. Exit codes:
0 pass, 1 policy failure, 2 could not evaluate / invalid manifest / usage.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fakehub import FakeHub
from tests.helpers import REPO, Run, run_cli

PERMISSIVE = REPO / "rules" / "policies" / "permissive-only.yaml"
GEMMA4 = "google/gemma-4-31b"
MODIFIED = "acme/apache-nc-modified"
GLM = "zai-org/GLM-5.1"

MANIFEST = f"""\
# models this project ships
version: 1
policy: policies/permissive.yaml
models:
  - {GEMMA4}
  - id: {MODIFIED}
    notes: the classifier's base
  - id: {GLM}
    revision: v1.0
"""
LINES = {GEMMA4: 5, MODIFIED: 6, GLM: 8}  # where each id is written


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with licscan.yaml and its policy in a subfolder (paths relative to it)."""
    folder = tmp_path / "project"
    (folder / "policies").mkdir(parents=True)
    shutil.copy(PERMISSIVE, folder / "policies" / "permissive.yaml")
    (folder / "licscan.yaml").write_text(MANIFEST, encoding="utf-8")
    return folder


def cli(env: dict[str, str], cwd: Path, *args: str) -> Run:
    run = run_cli(*args, env=env, cwd=cwd)
    assert "Traceback" not in run.out + run.err, run.err
    return run


def results(run: Run) -> dict[str, dict[str, Any]]:
    data = json.loads(run.out)
    return {r["target"]: r for r in data["results"]}


def assert_manifest_checked(run: Run, hub: FakeHub) -> None:
    assert run.code == 1, (run.out, run.err)
    found = results(run)
    assert set(found) == {GEMMA4, MODIFIED, f"{GLM}@v1.0"}
    assert found[MODIFIED]["verdict"] == "fail"
    assert found[GEMMA4]["verdict"] != "fail" and found[f"{GLM}@v1.0"]["verdict"] != "fail"
    assert "failed the policy 'permissive-only'" in run.err and MODIFIED in run.err
    assert any("/revision/v1.0" in r.path for r in hub.requests)  # the pin was used


# --- reading the manifest -----------------------------------------------------------------------


def test_check_without_target_reads_licscan_yaml(
    hub: FakeHub, hub_env: dict[str, str], project: Path
) -> None:
    run = cli(hub_env, project, "check", "--format", "json")
    assert_manifest_checked(run, hub)


def test_check_text_names_both_models(
    hub: FakeHub, hub_env: dict[str, str], project: Path
) -> None:
    run = cli(hub_env, project, "check")
    assert run.code == 1, run.err
    assert GEMMA4 in run.out and MODIFIED in run.out


def test_check_manifest_file(hub: FakeHub, hub_env: dict[str, str], project: Path,
                             tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()  # the policy path is relative to the manifest, not to the cwd
    run = cli(hub_env, elsewhere, "check-manifest", "--format", "json",
              str(project / "licscan.yaml"))
    assert_manifest_checked(run, hub)


def test_check_manifest_option_and_other_names(
    hub: FakeHub, hub_env: dict[str, str], project: Path
) -> None:
    (project / "licscan.yaml").rename(project / ".licscan.yaml")
    run = cli(hub_env, project, "check", "--format", "json")
    assert run.code == 1 and set(results(run)) >= {GEMMA4, MODIFIED}
    hub.reset()
    run = cli(hub_env, project.parent, "check", "--manifest", str(project / ".licscan.yaml"),
              "--format", "json")
    assert_manifest_checked(run, hub)


def test_a_good_manifest_passes(hub: FakeHub, hub_env: dict[str, str], project: Path) -> None:
    (project / "licscan.yaml").write_text(
        f"version: 1\npolicy: policies/permissive.yaml\nmodels: [{GEMMA4}, '{GLM}@v1.0']\n",
        encoding="utf-8")
    run = cli(hub_env, project, "check-manifest", "licscan.yaml")
    assert run.code == 0, (run.out, run.err)
    assert GEMMA4 in run.out and f"{GLM}@v1.0" in run.out


def test_sarif_points_at_the_manifest_lines(
    hub: FakeHub, hub_env: dict[str, str], project: Path
) -> None:
    pytest.importorskip("licscan.formats.sarif")
    run = cli(hub_env, project, "check", "--output", "sarif=out/licscan.sarif")
    assert run.code == 1, run.err
    sarif = json.loads((project / "out" / "licscan.sarif").read_text(encoding="utf-8"))
    places: dict[int, str] = {}
    for result in sarif["runs"][0]["results"]:
        for location in result.get("locations", []):
            physical = location["physicalLocation"]
            places[physical["region"]["startLine"]] = physical["artifactLocation"]["uri"]
    assert places.get(LINES[MODIFIED]) == "licscan.yaml", sarif["runs"][0]["results"]
    assert set(places.values()) == {"licscan.yaml"}
    assert set(places) <= set(LINES.values())


# --- invalid manifests and usage ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("version: 1\nmodels:\n  - google/gemma-4-31b\n  - not a repo id\n", 4,
         ["models.1", "'not a repo id'", "org/name"]),
        ("version: 1\nmodels:\n  - id: acme/x\n    revison: v1\n", 4,
         ["models.0", "'revison'", "known keys: id, notes, path, revision"]),
        ("version: 1\nmodels:\n  - acme/ok\nmodel: []\n", 4,
         ["unknown key(s) 'model'", "known keys: models, policy, version"]),
        ("version: 1\nmodels:\n  - [acme/x\n", 4, ["not valid YAML"]),
        ("version: 1\nmodels: []\nmodels: [a/b]\n", 3, ["duplicate key 'models'"]),
        ("version: 2\nmodels: []\n", 1, ["version", "it must be 1"]),
        ("version: 1\nmodels:\n  - id: a/b.git\n", 3, ["'a/b.git' is not a Hugging Face repo id"]),
        ("version: 1\npolicy: nowhere.yaml\nmodels: [a/b]\n", 2,
         ["policy", "nowhere.yaml does not exist"]),
    ],
    ids=["bad-id", "unknown-model-key", "unknown-top-key", "yaml-error", "duplicate-key",
         "version", "git-suffix", "missing-policy"],
)
def test_invalid_manifest_exits_2_naming_file_and_line(
    hub: FakeHub, hub_env: dict[str, str], tmp_path: Path, text: str, line: int,
    words: list[str]
) -> None:
    (tmp_path / "licscan.yaml").write_text(text, encoding="utf-8")
    for args in (("check",), ("check-manifest", "licscan.yaml")):
        run = cli(hub_env, tmp_path, *args)
        assert run.code == 2, (args, run.out, run.err)
        assert f"error: licscan.yaml:{line}:" in run.err, run.err
        for word in words:
            assert word in run.err, run.err
        assert "hint:" in run.err
    assert hub.requests == []  # nothing is fetched from an invalid manifest


def test_missing_manifest_file_exits_2(hub_env: dict[str, str], tmp_path: Path) -> None:
    run = cli(hub_env, tmp_path, "check-manifest", "nope.yaml")
    assert run.code == 2
    assert "The manifest file nope.yaml does not exist." in run.err
    assert "hint:" in run.err


def test_no_manifest_and_no_target_exits_2(hub_env: dict[str, str], tmp_path: Path) -> None:
    run = cli(hub_env, tmp_path, "check")
    assert run.code == 2
    assert "no TARGET was given and there is no licscan.yaml" in run.err
    assert "hint: Give repo ids (org/name), or write a licscan.yaml manifest." in run.err


# --- the GitHub Action ----------------------------------------------------------------------------


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return data


def test_action_yml_structure() -> None:
    data = action()
    assert data["name"] and data["description"]
    assert data["runs"]["using"] == "composite"
    inputs = data["inputs"]
    for name in ("models", "manifest", "policy", "fail-on", "sarif", "version", "install",
                 "token"):
        assert inputs[name]["description"], name
    assert inputs["fail-on"]["default"] == "error"
    assert inputs["sarif"]["default"] == "licscan.sarif"
    assert "steps.scan.outputs.verdict" in data["outputs"]["verdict"]["value"]
    steps = data["runs"]["steps"]
    runs = [s for s in steps if "run" in s]
    assert runs
    for step in runs:
        assert step.get("shell") == "bash", step.get("name")
        assert "${{" not in step["run"], f"{step.get('name')}: inputs must come through env:"
    scan = next(s for s in steps if s.get("id") == "scan")
    assert scan["env"]["HF_TOKEN"] == "${{ inputs.token }}"
    assert 'markdown=$GITHUB_STEP_SUMMARY' in scan["run"]
    install = next(s for s in runs if "pip install" in s["run"])
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"


def run_scan_step(env: dict[str, str], cwd: Path, **inputs: str) -> tuple[int, dict[str, str],
                                                                          str]:
    """The Action's scan script, run by bash as the runner would, with its env: mapping."""
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "scan")
    defaults = {k: str(v.get("default", "")) for k, v in action()["inputs"].items()}
    values = {**defaults, **inputs}
    full = dict(env)
    for name, expression in step["env"].items():
        key = expression.removeprefix("${{ inputs.").removesuffix(" }}")
        full[name] = values[key]
    full["GITHUB_OUTPUT"] = str(cwd / "gh-output")
    full["GITHUB_STEP_SUMMARY"] = str(cwd / "gh-summary.md")
    full["PATH"] = str(Path(sys.executable).parent) + os.pathsep + full.get("PATH", "")
    done = subprocess.run(["bash", "-c", step["run"]], cwd=cwd, env=full, capture_output=True,
                          text=True, timeout=120)
    out_file = cwd / "gh-output"
    lines = out_file.read_text().splitlines() if out_file.exists() else []
    outputs = dict(line.split("=", 1) for line in lines)
    return done.returncode, outputs, done.stdout + done.stderr


def test_action_scan_step_verdicts(hub: FakeHub, hub_env: dict[str, str], project: Path) -> None:
    markdown = (REPO / "licscan" / "formats" / "markdown.py").exists()
    code, outputs, log = run_scan_step(hub_env, project, models="", sarif="")
    if not markdown:  # the Markdown report is not written yet: licscan says so, verdict error
        assert code == 2 and outputs["verdict"] == "error", log
        return
    assert code == 1 and outputs["verdict"] == "fail", log
    assert (project / "gh-summary.md").read_text()
    code, outputs, log = run_scan_step(hub_env, project, models=f"{GEMMA4}\n {GLM}@v1.0",
                                       policy="policies/permissive.yaml", sarif="")
    assert code == 0 and outputs["verdict"] == "pass", log


def test_action_scan_step_checks_its_inputs(hub_env: dict[str, str], tmp_path: Path) -> None:
    code, outputs, log = run_scan_step(hub_env, tmp_path, models="")
    assert code == 2 and outputs["verdict"] == "error"
    assert "give 'models', or a 'manifest', or add licscan.yaml" in log
    code, outputs, log = run_scan_step(hub_env, tmp_path, models="a/b", **{"fail-on": "note"})
    assert code == 2 and "fail-on must be 'error' or 'warning'" in log
    code, outputs, log = run_scan_step(hub_env, tmp_path, manifest="missing.yaml")
    assert code == 2 and "manifest 'missing.yaml' does not exist" in log

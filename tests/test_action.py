"""The composite GitHub Action (action.yml): its shape, and its scripts run as a runner runs them.

Why run the scripts: the Action is two bash steps whose inputs arrive through ``env:``; the only
way to know that the verdict, the outputs and the SARIF location are right is to run those very
scripts (read from action.yml, not copied) with the environment GitHub gives them, against the
fake Hub. The install step is run for real too (``slow``: it builds licscan from a copy of this
checkout with pip), because "needs no published release and leaves the job's Python alone" is a
property of that script, not of the YAML around it.
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
from tests.helpers import REPO

PERMISSIVE = REPO / "rules" / "policies" / "permissive-only.yaml"
GOOD = "google/gemma-4-31b"
BAD = "acme/apache-nc-modified"
DEV_LICSCAN = Path(sys.executable).parent / "licscan"  # the licscan of this test run's venv


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return data


def step(step_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in action()["runs"]["steps"] if s.get("id") == step_id)
    return found


class Runner:
    """What GitHub gives a composite step: env from expressions, output files, a workspace."""

    def __init__(self, base_env: dict[str, str], root: Path) -> None:
        self.env = dict(base_env)
        self.workspace = root / "workspace"
        self.temp = root / "runner-temp"
        for folder in (self.workspace, self.temp):
            folder.mkdir(parents=True, exist_ok=True)
        self.files = {name: root / name.lower() for name in
                      ("GITHUB_PATH", "GITHUB_ENV", "GITHUB_STEP_SUMMARY")}
        for path in self.files.values():
            path.write_text("", encoding="utf-8")
        self.action_path = REPO
        self.outputs: dict[str, dict[str, str]] = {}
        self.timeout = 120.0

    def expression(self, text: str, inputs: dict[str, str]) -> str:
        inner = text.removeprefix("${{").removesuffix("}}").strip()
        if inner.startswith("inputs."):
            return inputs[inner.removeprefix("inputs.")]
        if inner == "github.action_path":
            return str(self.action_path)
        if inner.startswith("steps."):
            _, step_id, _, name = inner.split(".")
            return self.outputs.get(step_id, {}).get(name, "")
        raise AssertionError(f"action.yml uses an expression this test does not know: {text}")

    def run(self, step_id: str, **given: str) -> tuple[int, dict[str, str], str]:
        spec = step(step_id)
        defaults = {k: str(v.get("default", "")) for k, v in action()["inputs"].items()}
        unknown = set(given) - set(defaults)
        assert not unknown, f"not inputs of action.yml: {unknown}"
        inputs = {**defaults, **given}
        env = dict(self.env)
        env.update({name: self.expression(str(value), inputs)
                    for name, value in spec.get("env", {}).items()})
        output = self.temp.parent / f"output-{step_id}"
        output.write_text("", encoding="utf-8")
        env.update({name: str(path) for name, path in self.files.items()})
        env.update({"GITHUB_OUTPUT": str(output), "GITHUB_WORKSPACE": str(self.workspace),
                    "RUNNER_TEMP": str(self.temp)})
        cwd = self.workspace
        if "working-directory" in spec:
            cwd = self.workspace / self.expression(spec["working-directory"], inputs)
        # What `shell: bash` runs on a runner: bash --noprofile --norc -eo pipefail {0}
        bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", spec["run"]]
        done = subprocess.run(bash, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=self.timeout)
        lines = output.read_text(encoding="utf-8").splitlines()
        outputs = dict(line.split("=", 1) for line in lines)
        self.outputs[step_id] = outputs
        return done.returncode, outputs, done.stdout + done.stderr


def make_project(folder: Path, model: str) -> None:
    """licscan.yaml naming one model, its policy beside it (relative path)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PERMISSIVE, folder / "policy.yaml")
    (folder / "licscan.yaml").write_text(
        f"version: 1\npolicy: policy.yaml\nmodels:\n  - {model}\n", encoding="utf-8")


@pytest.fixture
def runner(hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> Runner:
    made = Runner(hub_env, tmp_path / "gh")
    made.outputs["install"] = {"licscan": str(DEV_LICSCAN)}  # what the install step would say
    return made


# --- the file -------------------------------------------------------------------------------------


def test_action_yml_installs_from_its_own_checkout_into_its_own_venv() -> None:
    data = action()
    assert data["name"] and data["description"]
    assert data["runs"]["using"] == "composite"
    steps = data["runs"]["steps"]
    # No `uses:` step at all: setup-python (or any action) would change the job's Python/PATH.
    assert all("uses" not in s for s in steps), [s.get("uses") for s in steps]
    for s in steps:
        assert s.get("shell") == "bash", s.get("name")
        assert "${{" not in s["run"], f"{s.get('name')}: inputs must come through env:"
        # Nothing that outlives the step: later steps see the job's own PATH and environment.
        assert "GITHUB_PATH" not in s["run"] and "GITHUB_ENV" not in s["run"], s.get("name")
    install = step("install")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert 'pip install --disable-pip-version-check --quiet -- "$ACTION_PATH"' in install["run"]
    assert "RUNNER_TEMP" in install["run"] and '-m venv "$venv"' in install["run"]
    assert "licscan==" not in install["run"]  # no published release is needed
    inputs = data["inputs"]
    assert not {"version", "install", "python-version"} & set(inputs)
    for name in ("models", "manifest", "policy", "fail-on", "sarif", "python", "token",
                 "working-directory"):
        assert inputs[name]["description"], name
    assert inputs["fail-on"]["default"] == "error"
    assert inputs["sarif"]["default"] == "licscan.sarif"
    assert "workspace root" in inputs["sarif"]["description"]
    scan = step("scan")
    assert scan["env"]["LICSCAN"] == "${{ steps.install.outputs.licscan }}"
    assert scan["env"]["HF_TOKEN"] == "${{ inputs.token }}"
    assert '"$LICSCAN" "${args[@]}"' in scan["run"]
    assert "markdown=$GITHUB_STEP_SUMMARY" in scan["run"]
    for name in ("verdict", "exit-code", "sarif"):
        assert f"steps.scan.outputs.{name}" in data["outputs"][name]["value"]


# --- the scan step (this venv's licscan) ----------------------------------------------------------


def test_scan_verdicts_and_the_sarif_lands_at_the_workspace_root(runner: Runner) -> None:
    make_project(runner.workspace / "ml" / "service", BAD)
    code, outputs, log = runner.run("scan", **{"working-directory": "ml/service"})
    assert code == 1 and outputs["verdict"] == "fail" and outputs["exit-code"] == "1", log
    sarif = runner.workspace / "licscan.sarif"  # where the documented upload step looks
    assert outputs["sarif"] == str(sarif)
    assert not (runner.workspace / "ml" / "service" / "licscan.sarif").exists()
    report = json.loads(sarif.read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0"
    assert any(BAD in r["message"]["text"] for r in report["runs"][0]["results"])
    assert BAD in runner.files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")

    code, outputs, log = runner.run("scan", models=f"{GOOD}\n ", sarif="reports/out.sarif",
                                    policy="policy.yaml",
                                    **{"working-directory": "ml/service"})
    assert code == 0 and outputs["verdict"] == "pass", log
    assert outputs["sarif"] == str(runner.workspace / "reports" / "out.sarif")
    assert (runner.workspace / "reports" / "out.sarif").is_file()


def test_scan_without_sarif_writes_none_and_says_so(runner: Runner) -> None:
    make_project(runner.workspace, GOOD)
    (runner.workspace / "licscan.sarif").write_text("stale", encoding="utf-8")
    code, outputs, log = runner.run("scan", sarif="")
    assert code == 0 and outputs["verdict"] == "pass" and outputs["sarif"] == "", log


def test_scan_checks_its_inputs(runner: Runner) -> None:
    code, outputs, log = runner.run("scan")
    assert code == 2 and outputs["verdict"] == "error" and outputs["sarif"] == ""
    assert "give 'models', or a 'manifest', or add licscan.yaml" in log
    code, outputs, log = runner.run("scan", models="a/b", **{"fail-on": "note"})
    assert code == 2 and "fail-on must be 'error' or 'warning', not 'note'" in log
    code, outputs, log = runner.run("scan", manifest="missing.yaml")
    assert code == 2 and "manifest 'missing.yaml' does not exist" in log
    # A model id is an argument, never shell: nothing runs, licscan gets it and rejects it.
    code, outputs, log = runner.run("scan", models="$(touch pwned) `touch pwned2`")
    assert code == 2 and outputs["verdict"] == "error", log
    assert not list(runner.workspace.glob("pwned*"))


# --- the install step, for real -------------------------------------------------------------------


def copy_of_checkout(dest: Path) -> None:
    """This work tree as the runner would check it out (tracked and new files, not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True).stdout
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.slow
def test_install_step_builds_licscan_from_the_checkout_and_leaves_the_job_alone(
    hub: FakeHub, hub_env: dict[str, str], tmp_path: Path
) -> None:
    runner = Runner(hub_env, tmp_path / "gh")
    runner.action_path = tmp_path / "action-checkout"
    copy_of_checkout(runner.action_path)
    before = tree(runner.action_path)
    # The job's PATH: a python that is not the one licscan gets; no licscan anywhere on it.
    job_bin = tmp_path / "job-bin"
    job_bin.mkdir()
    (job_bin / "python3").symlink_to(sys.executable)
    runner.env["PATH"] = os.pathsep.join([str(job_bin), "/usr/bin", "/bin"])
    env_before = dict(runner.env)

    runner.timeout = 900  # pip builds licscan's wheel
    code, outputs, log = runner.run("install")
    assert code == 0, log
    licscan = Path(outputs["licscan"])
    assert licscan.is_file() and licscan.is_relative_to(runner.temp), outputs
    assert licscan.parent.parent.name.startswith("licscan-venv.")
    assert "licscan" in log  # `licscan --version` ran
    # Left alone: nothing for later steps' PATH or env, the checkout unchanged.
    assert runner.files["GITHUB_PATH"].read_text(encoding="utf-8") == ""
    assert runner.files["GITHUB_ENV"].read_text(encoding="utf-8") == ""
    assert runner.env == env_before
    assert tree(runner.action_path) == before
    assert shutil.which("licscan", path=runner.env["PATH"]) is None
    # The installed licscan is a real install (not this checkout): it runs from its venv.
    where = subprocess.run([str(licscan.parent / "python"), "-c",
                            "import licscan; print(licscan.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert Path(where.strip()).is_relative_to(runner.temp), where

    make_project(runner.workspace / "sub", BAD)
    code, outputs, log = runner.run("scan", **{"working-directory": "sub"})
    assert code == 1 and outputs["verdict"] == "fail", log
    assert outputs["sarif"] == str(runner.workspace / "licscan.sarif")
    assert json.loads((runner.workspace / "licscan.sarif").read_text())["version"] == "2.1.0"
    assert any(BAD in r.path for r in hub.requests)


def test_install_step_refuses_an_old_or_missing_python(runner: Runner) -> None:
    code, outputs, log = runner.run("install", python="no-such-python")
    assert code == 2, log
    assert "'no-such-python' is not Python 3.10 or newer: set the 'python' input" in log
    assert "licscan" not in outputs


# --- what the README tells a user to write --------------------------------------------------------


def readme_yaml(heading: str) -> dict[str, Any]:
    """The first ```yaml block under a README heading, parsed."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n### {heading}\n", 1)[1].split("\n### ", 1)[0]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    parsed: dict[str, Any] = yaml.safe_load(block)
    return parsed


def test_readme_pins_a_commit_and_uses_what_exists() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "v0.1.0" not in readme and "licscan==" not in readme  # no tag, no release exists
    assert "pin a commit of this repository" in readme
    assert "git ls-remote https://github.com/licscan/licscan HEAD" in readme

    config = readme_yaml("pre-commit")["repos"][0]
    assert config["repo"] == "https://github.com/licscan/licscan"
    assert config["rev"] == "<sha>"
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in config["hooks"]} <= {h["id"] for h in hooks}

    workflow = readme_yaml("GitHub Action")
    steps = workflow["jobs"]["licscan"]["steps"]
    ours = next(s for s in steps if s.get("id") == "licscan")
    assert ours["uses"] == "licscan/licscan@<sha>"
    assert set(ours["with"]) <= set(action()["inputs"]), "the README uses an input that is not one"
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    # The upload step looks where the Action writes, whatever working-directory says.
    assert "working-directory" in ours["with"]
    assert upload["with"]["sarif_file"] == ours["with"]["sarif"]
    assert upload["if"] == "always()"
    assert workflow["permissions"]["security-events"] == "write"
    for name in action()["inputs"]:
        assert f"| `{name}` |" in readme, f"input {name} is not in the README's table"
    for name in action()["outputs"]:
        assert f"| `{name}` |" in readme, f"output {name} is not in the README's table"

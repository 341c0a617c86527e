"""The manifest (licscan.yaml) through the real CLI against the fake Hub.

``check`` with no TARGET reads ./licscan.yaml; ``check-manifest FILE`` (the pre-commit entry)
reads the files given. Every run has its own working folder (``cwd=``), so relative
policy paths and the default manifest lookup are exercised as a user meets them. Exit codes:
0 pass, 1 policy failure, 2 could not evaluate / invalid manifest / usage.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

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

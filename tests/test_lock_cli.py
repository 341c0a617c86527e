"""`licscan lock` and `check --locked`: drift in license, text or bases fails; new weights do not.

Each test serves its own copy of some fixture repos, so it can change them "upstream" between
the lock and the check, exactly as a repository owner would (a new commit on the Hub).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.fakehub import FakeHub, client_env
from tests.fakehub.pytest_plugin import MakeHub
from tests.helpers import REPO, run_cli

FIXTURES = REPO / "fixtures" / "hub"


@pytest.fixture
def upstream(tmp_path: Path, make_hub: MakeHub) -> tuple[Path, FakeHub, dict[str, str]]:
    root = tmp_path / "hub"
    for repo in (
        "zai-org/GLM-5.1",
        "acme/chain-a",
        "acme/chain-b",
        "meta-llama/Llama-3.1-8B-Instruct",
        "google/gemma-4-31b",
    ):
        shutil.copytree(FIXTURES / repo, root / repo)
    hub = make_hub(root)
    env = client_env(hub.url, tmp_path / "hf-home")
    env["LICSCAN_CACHE_DIR"] = str(REPO / ".pytest_cache" / "licscan-cache")
    return root, hub, env


def new_commit(repo: Path, sha: str) -> None:
    meta_file = repo / "_hub.json"
    meta = json.loads(meta_file.read_text())
    meta["sha"] = sha
    meta_file.write_text(json.dumps(meta))


def lock(env: dict[str, str], cwd: Path, *targets: str) -> None:
    run = run_cli("lock", *targets, env=env, cwd=cwd)
    assert run.code == 0, run.err
    assert "Wrote licscan.lock" in run.out


def test_lock_records_commit_license_files_and_bases(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _root, _hub, env = upstream
    lock(env, tmp_path, "zai-org/GLM-5.1", "acme/chain-b")
    data = json.loads((tmp_path / "licscan.lock").read_text())
    glm = data["models"]["zai-org/GLM-5.1"]
    assert len(glm["commit"]) == 40 and glm["license_ids"] == ["mit"]
    assert set(glm["files"]) == {"LICENSE"} and len(glm["files"]["LICENSE"]) == 64
    chain = data["models"]["acme/chain-b"]
    assert chain["bases"][0]["repo_id"] == "acme/chain-a"
    again = run_cli("lock", "zai-org/GLM-5.1", "acme/chain-b", env=env, cwd=tmp_path)
    assert again.code == 0
    assert json.loads((tmp_path / "licscan.lock").read_text()) == data, "deterministic"


def test_unchanged_and_weights_only_changes_pass(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _hub, env = upstream
    lock(env, tmp_path, "zai-org/GLM-5.1")
    run = run_cli("check", "--locked", "zai-org/GLM-5.1", env=env, cwd=tmp_path)
    assert run.code == 0, run.out + run.err
    repo = root / "zai-org" / "GLM-5.1"
    meta = json.loads((repo / "_hub.json").read_text())
    meta["extra_siblings"] = [{"rfilename": "model-00001-of-00001.safetensors", "size": 2048}]
    meta["sha"] = "1" * 40
    (repo / "_hub.json").write_text(json.dumps(meta))
    run = run_cli("check", "--locked", "zai-org/GLM-5.1", env=env, cwd=tmp_path)
    assert run.code == 0, run.out + run.err
    assert "PASS" in run.out and "LS60" not in run.out


def test_changed_license_text_fails_with_a_diff(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _hub, env = upstream
    lock(env, tmp_path, "zai-org/GLM-5.1")
    repo = root / "zai-org" / "GLM-5.1"
    license_file = repo / "LICENSE"
    license_file.write_text(
        license_file.read_text() + "\nThe Software may not be used for commercial purposes.\n"
    )
    new_commit(repo, "2" * 40)
    run = run_cli("check", "--locked", "zai-org/GLM-5.1", env=env, cwd=tmp_path)
    assert run.code == 1, run.out + run.err
    assert "LS601" in run.out and "LICENSE changed (sha256" in run.out
    data = json.loads(
        run_cli(
            "check", "--locked", "zai-org/GLM-5.1", "--format", "json", env=env, cwd=tmp_path
        ).out
    )
    reason = next(r for r in data["results"][0]["reasons"] if r["rule"] == "LS601")
    assert f"now at commit {'2' * 40}" in reason["evidence"]


def test_changed_license_id_fails(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _hub, env = upstream
    lock(env, tmp_path, "google/gemma-4-31b")
    repo = root / "google" / "gemma-4-31b"
    shutil.copy(FIXTURES / "zai-org" / "GLM-5.1" / "LICENSE", repo / "LICENSE")
    readme = repo / "README.md"
    readme.write_text(readme.read_text().replace("license: apache-2.0", "license: mit"))
    new_commit(repo, "3" * 40)
    run = run_cli("check", "--locked", "google/gemma-4-31b", env=env, cwd=tmp_path)
    assert run.code == 1
    assert "LS600" in run.out and "was apache-2.0, now mit" in run.out


def test_changed_base_fails(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, _hub, env = upstream
    lock(env, tmp_path, "acme/chain-b")
    readme = root / "acme" / "chain-b" / "README.md"
    readme.write_text(
        readme.read_text().replace("base_model: acme/chain-a", "base_model: google/gemma-4-31b")
    )
    new_commit(root / "acme" / "chain-b", "4" * 40)
    run = run_cli("check", "--locked", "acme/chain-b", env=env, cwd=tmp_path)
    assert run.code == 1
    assert "LS602" in run.out
    assert "base model acme/chain-a was removed" in run.out
    assert "base model google/gemma-4-31b was added" in run.out


def test_unlocked_model_and_missing_lockfile(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _root, _hub, env = upstream
    lock(env, tmp_path, "zai-org/GLM-5.1")
    run = run_cli("check", "--locked", "google/gemma-4-31b", env=env, cwd=tmp_path)
    assert run.code == 1 and "LS603" in run.out
    run = run_cli(
        "check", "--locked", "--lockfile", "nope.lock", "zai-org/GLM-5.1", env=env, cwd=tmp_path
    )
    assert run.code == 2 and "nope.lock does not exist" in run.err


def test_lock_writes_nothing_when_a_model_cannot_be_read(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _root, _hub, env = upstream
    run = run_cli("lock", "zai-org/GLM-5.1", "acme/missing", env=env, cwd=tmp_path)
    assert run.code == 2
    assert "licscan.lock was not written" in run.err
    assert not (tmp_path / "licscan.lock").exists()


def test_lock_refuses_a_model_whose_base_cannot_be_read(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """chain-b's base is deleted upstream: its license is not established, so no approval."""
    root, _hub, env = upstream
    shutil.rmtree(root / "acme" / "chain-a")
    run = run_cli("lock", "zai-org/GLM-5.1", "acme/chain-b", env=env, cwd=tmp_path)
    assert run.code == 2, run.out + run.err
    assert "acme/chain-b" in run.err and "could not be evaluated" in run.err
    assert not (tmp_path / "licscan.lock").exists()

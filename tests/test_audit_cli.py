"""`licscan audit`: an organisation's models, the summary table, and the snapshot cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakehub import FakeHub
from tests.helpers import REPO, run_cli

POLICY = str(REPO / "examples" / "corp.yaml")


def with_cache(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return {**env, "LICSCAN_CACHE_DIR": str(tmp_path / "licscan-cache")}


def test_audit_an_organisation(hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> None:
    env = with_cache(hub_env, tmp_path)
    run = run_cli("audit", "--author", "acme", "--policy", POLICY, env=env)
    assert run.code == 1, run.err
    lines = run.out.splitlines()
    assert lines[0].split() == ["VERDICT", "MODEL", "LICENSE", "REASON"]
    rows = {line.split()[1]: line.split()[0] for line in lines[1:] if line.startswith(
        ("PASS", "WARN", "FAIL", "ERROR"))}
    assert rows["acme/no-license-model"] == "FAIL"
    assert rows["acme/chain-c"] == "FAIL"
    assert len(rows) == 9, "every model of the author is accounted for"
    assert "9 model(s):" in run.out
    assert "\r[" not in run.err, "no progress bar when stderr is not a terminal"


def test_second_audit_revalidates_instead_of_downloading(hub: FakeHub, hub_env: dict[str, str],
                                                         tmp_path: Path) -> None:
    env = with_cache(hub_env, tmp_path)
    targets = ("zai-org/GLM-5.1", "google/gemma-4-31b")
    first = run_cli("audit", *targets, "--policy", POLICY, env=env)
    assert first.code == 0, first.err
    assert any("/resolve/" in r.path for r in hub.requests)
    hub.clear_requests()
    second = run_cli("audit", *targets, "--policy", POLICY, env=env)
    assert second.code == 0 and second.out == first.out
    paths = [r.path for r in hub.requests]
    assert not any("/resolve/" in p for p in paths), paths
    assert sorted(p for p in paths if p.startswith("/api/models/")) == [
        "/api/models/google/gemma-4-31b", "/api/models/zai-org/GLM-5.1"]
    hub.clear_requests()
    third = run_cli("audit", *targets, "--policy", POLICY, "--cache-ttl", "3600", env=env)
    assert third.code == 0 and third.out == first.out
    assert not [r for r in hub.requests if "GLM-5.1" in r.path or "gemma-4" in r.path]


def test_changed_commit_is_read_again(hub: FakeHub, hub_env: dict[str, str],
                                      tmp_path: Path) -> None:
    env = with_cache(hub_env, tmp_path)
    assert run_cli("audit", "zai-org/GLM-5.1", "--policy", POLICY, env=env).code == 0
    hub.clear_requests()
    run = run_cli("audit", "zai-org/GLM-5.1@v1.0", "--policy", POLICY, env=env)
    assert run.code == 0
    assert any("/resolve/" in r.path for r in hub.requests), "another revision is another entry"


def test_offline_uses_only_the_cache(hub: FakeHub, hub_env: dict[str, str],
                                     tmp_path: Path) -> None:
    env = with_cache(hub_env, tmp_path)
    assert run_cli("audit", "zai-org/GLM-5.1", "--policy", POLICY, env=env).code == 0
    hub.clear_requests()
    run = run_cli("audit", "zai-org/GLM-5.1", "--offline", "--policy", POLICY, env=env)
    assert run.code == 0 and "PASS" in run.out
    assert not [r for r in hub.requests if "GLM-5.1" in r.path]
    run = run_cli("audit", "google/gemma-4-31b", "--offline", "--policy", POLICY, env=env)
    assert run.code == 2
    assert "not in licscan's snapshot cache and --offline is set" in run.out + run.err


def test_a_token_run_does_not_answer_a_run_without_one(hub: FakeHub, hub_env: dict[str, str],
                                                       tmp_path: Path) -> None:
    env = with_cache(hub_env, tmp_path)
    repo = "meta-llama/Llama-3.1-8B-Instruct"
    with_token = run_cli("audit", repo, "--policy", POLICY, "--token", "hf_test_approved_token",
                         "--cache-ttl", "3600", env=env)
    assert "PASS" in with_token.out, with_token.out
    env_no_home = {**env, "HF_HOME": str(tmp_path / "fresh-hf"),
                   "HF_HUB_CACHE": str(tmp_path / "fresh-hf" / "hub")}
    without = run_cli("audit", repo, "--policy", POLICY, "--cache-ttl", "3600", env=env_no_home)
    # Gated files unread fail under corp.yaml (unverifiable: review), no longer a warning.
    assert "FAIL" in without.out and "LS306" in without.out and without.code == 1
    assert "hf_test_approved_token" not in "".join(
        p.read_bytes().decode("latin-1") for p in (tmp_path / "licscan-cache").rglob("*")
        if p.is_file())


def test_a_snapshot_cached_by_another_licscan_or_other_rules_is_read_again(
        hub: FakeHub, hub_env: dict[str, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade (another version, other rules) a cached snapshot may lack what this
    licscan reads: it is fetched again, never reused, even where a ttl would trust it."""
    from licscan.licenses import store
    from licscan.sources import snapshot_cache

    env = with_cache(hub_env, tmp_path)
    args = ("audit", "zai-org/GLM-5.1", "--policy", POLICY, "--cache-ttl", "3600")
    first = run_cli(*args, env=env)
    assert first.code == 0, first.err
    hub.clear_requests()
    assert run_cli(*args, env=env).out == first.out
    assert not hub.requests, "same licscan, same rules: the cached snapshot is trusted"

    monkeypatch.setattr(snapshot_cache, "__version__", "99.0.0", raising=False)
    again = run_cli(*args, env=env)
    assert again.code == 0 and again.out == first.out
    assert "/api/models/zai-org/GLM-5.1" in asked(hub), "another version: read again"

    hub.clear_requests()
    real = store.fingerprint
    monkeypatch.setattr(store, "fingerprint", lambda root=None: "other-rules-" + real(root))
    assert run_cli(*args, env=env).code == 0
    assert "/api/models/zai-org/GLM-5.1" in asked(hub), "other rules: read again"


def asked(hub: FakeHub) -> list[str]:
    return [r.path for r in hub.requests]

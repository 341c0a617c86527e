"""Every source through the real CLI against the fake Hub, including every fault.

The CLI runs (in-process, tests/helpers.py) with HF_ENDPOINT pointing at the fake Hub and a
temporary HF_HOME:
the real huggingface_hub client makes real HTTP requests; nothing of it is patched.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from tests.fakehub import FakeHub, client_env
from tests.helpers import REPO, Run, run_cli

APPROVED = "hf_test_approved_token"


def inspect_json(env: dict[str, str], *args: str) -> tuple[Run, dict[str, Any]]:
    run = run_cli("inspect", "--format", "json", *args, env=env)
    return run, json.loads(run.out) if run.out.strip() else {}


def files_of(target: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["path"]: f for f in target["snapshot"]["files"]}


def first_license(file_entry: dict[str, Any]) -> tuple[str, str]:
    det = file_entry["identification"]["detections"][0]
    return det["license"], det["status"]


# --- the Hub ----------------------------------------------------------------------------------


def test_model_metadata_files_and_commit(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run, data = inspect_json(hub_env, "deepseek-ai/DeepSeek-V3")
    assert run.code == 0, run.err
    target = data["targets"][0]
    snap = target["snapshot"]
    assert snap["repo_id"] == "deepseek-ai/DeepSeek-V3"
    assert len(snap["commit"]) == 40 and snap["origin"] == "hub"
    assert snap["declared"] == {
        "license": "other",
        "license_name": "deepseek",
        "license_link": "LICENSE-MODEL",
        "tags": ["other"],
    }
    files = files_of(target)
    assert first_license(files["LICENSE-CODE"]) == ("mit", "exact")  # copyright line set aside
    assert first_license(files["LICENSE-MODEL"]) == ("deepseek", "exact")
    assert snap["license_link_kind"] == "file"


def test_files_are_downloaded_at_the_resolved_commit(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run, data = inspect_json(hub_env, "zai-org/GLM-5.1")
    assert run.code == 0, run.err
    commit = data["targets"][0]["snapshot"]["commit"]
    downloads = [r.path for r in hub.requests if "/resolve/" in r.path]
    assert downloads and all(f"/resolve/{commit}/" in p for p in downloads)


def test_revision_tag_is_resolved_and_reported(hub: FakeHub, hub_env: dict[str, str]) -> None:
    _, main = inspect_json(hub_env, "zai-org/GLM-5.1")
    run, tagged = inspect_json(hub_env, "zai-org/GLM-5.1", "--revision", "v1.0")
    assert run.code == 0, run.err
    snap = tagged["targets"][0]["snapshot"]
    assert snap["revision"] == "v1.0"
    assert snap["commit"] != main["targets"][0]["snapshot"]["commit"]
    assert any("/revision/v1.0" in r.path for r in hub.requests)


def test_dataset_target(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run, data = inspect_json(hub_env, "datasets/acme/webtext-nc")
    assert run.code == 0, run.err
    snap = data["targets"][0]["snapshot"]
    assert snap["kind"] == "dataset"
    assert first_license(files_of(data["targets"][0])["LICENSE"]) == ("cc-by-nc-4.0", "exact")
    assert any(r.path.startswith("/api/datasets/acme/webtext-nc") for r in hub.requests)


def test_base_models_from_card_and_tags(hub: FakeHub, hub_env: dict[str, str]) -> None:
    _, data = inspect_json(hub_env, "acme/qwen-llama-merge", "TheBloke/Llama-3.1-8B-Instruct-GGUF")
    merge, gguf = (t["snapshot"] for t in data["targets"])
    assert {b["repo_id"] for b in merge["base_models"]} == {
        "Qwen/Qwen3.6-35B-A3B",
        "meta-llama/Llama-3.1-8B-Instruct",
    }
    assert {b["relation"] for b in merge["base_models"]} == {"merge"}
    assert gguf["base_models"] == [
        {"repo_id": "meta-llama/Llama-3.1-8B-Instruct", "relation": "quantized", "source": "card"}
    ]


def test_text_report_shows_declared_files_gating_and_lineage(
    hub: FakeHub, hub_env: dict[str, str]
) -> None:
    run = run_cli("inspect", "acme/apache-nc-modified", "acme/chain-c", env=hub_env)
    assert run.code == 0, run.err
    assert "declared: license: apache-2.0" in run.out
    assert "MODIFIED apache-2.0" in run.out
    assert "non-commercial purposes only" in run.out
    assert "└─ acme/chain-b (finetune, from the card)" in run.out


def test_gated_repo_without_token_is_a_value_with_card_metadata(
    hub: FakeHub, hub_env: dict[str, str]
) -> None:
    run, data = inspect_json(hub_env, "meta-llama/Llama-3.2-11B-Vision-Instruct")
    assert run.code == 0, run.err
    snap = data["targets"][0]["snapshot"]
    assert snap["gated"] == "manual" and snap["access"] == "denied"
    assert "401" in snap["access_reason"]
    assert snap["declared"]["license"] == "llama3.2"
    assert snap["card"].get("extra_gated_prompt")
    assert all(f["unavailable"].startswith("gated") for f in snap["files"])


def test_gated_repo_with_an_unapproved_token_says_403(
    hub: FakeHub, hub_env: dict[str, str]
) -> None:
    run, data = inspect_json(hub_env, "meta-llama/Llama-3.1-8B-Instruct", "--token", "hf_nope")
    assert run.code == 0, run.err
    assert "403" in data["targets"][0]["snapshot"]["access_reason"]
    assert "hf_nope" not in run.out + run.err


def test_gated_repo_with_an_approved_token_reads_files(
    hub: FakeHub, hub_env: dict[str, str]
) -> None:
    env = {**hub_env, "HF_TOKEN": APPROVED}
    run, data = inspect_json(env, "meta-llama/Llama-3.2-11B-Vision-Instruct")
    assert run.code == 0, run.err
    target = data["targets"][0]
    assert target["snapshot"]["access"] == "granted"
    files = files_of(target)
    assert first_license(files["LICENSE"]) == ("llama3.2", "exact")
    assert first_license(files["USE_POLICY.md"])[0] == "llama3.2-aup"
    assert APPROVED not in run.out + run.err
    assert all(r.authorization == f"Bearer {APPROVED}" for r in hub.requests)


def test_renamed_repo_is_followed_and_reported(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run, data = inspect_json(hub_env, "acme/renamed-old")
    assert run.code == 0, run.err
    snap = data["targets"][0]["snapshot"]
    assert snap["repo_id"] == "acme/gemma-3-27b-it-finetune"
    assert snap["renamed_from"] == "acme/renamed-old"


# --- errors: each precise, exit 2, never a traceback -------------------------------------------


def assert_error(run: Run, *phrases: str) -> None:
    assert run.code == 2, (run.code, run.out, run.err)
    text = run.out + run.err
    for phrase in phrases:
        assert phrase in text, (phrase, text)
    assert "Traceback" not in text


def test_not_found(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run = run_cli("inspect", "acme/does-not-exist", env=hub_env)
    assert_error(run, "acme/does-not-exist was not found on", "Check the repo id")


def test_revision_not_found(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run = run_cli("inspect", "zai-org/GLM-5.1", "--revision", "v9", env=hub_env)
    assert_error(run, "zai-org/GLM-5.1 at revision 'v9': that revision does not exist")


def test_disabled_repo(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(
        r"^/api/models/acme/no-license-model",
        "status",
        status=403,
        error_message="Access to this resource is disabled.",
    )
    run = run_cli("inspect", "acme/no-license-model", env=hub_env)
    assert_error(run, "acme/no-license-model has been disabled")


def test_rate_limit_retry_after_is_honoured(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/google/gemma-4-31b", "status", status=429, times=2, retry_after=1)
    start = time.monotonic()
    run = run_cli("inspect", "google/gemma-4-31b", env=hub_env)
    assert run.code == 0, run.err
    assert time.monotonic() - start >= 2.0, "two Retry-After: 1 waits"
    statuses = [r.status for r in hub.requests if r.path == "/api/models/google/gemma-4-31b"]
    assert statuses[:3] == [429, 429, 200]


def test_rate_limit_storm_gives_up_within_its_budget(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/google/gemma-4-31b", "status", status=429, retry_after=3600)
    start = time.monotonic()
    run = run_cli("inspect", "google/gemma-4-31b", env=hub_env)
    assert_error(run, "is rate-limiting requests for google/gemma-4-31b")
    assert time.monotonic() - start < 20


def test_server_error_is_retried_then_reported(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/google/gemma-4-31b", "status", status=503)
    run = run_cli("inspect", "google/gemma-4-31b", env=hub_env)
    assert_error(run, "answered 503 (a server error) for google/gemma-4-31b")
    hits = [r for r in hub.requests if r.path == "/api/models/google/gemma-4-31b"]
    assert len(hits) == 3, "one try and two retries"


def test_one_server_error_then_success(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/google/gemma-4-31b", "status", status=502, times=1)
    run = run_cli("inspect", "google/gemma-4-31b", env=hub_env)
    assert run.code == 0, run.err


def test_timeout(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/google/gemma-4-31b", "delay", seconds=2.5)
    run = run_cli("inspect", "google/gemma-4-31b", "--timeout", "1", env=hub_env)
    assert_error(run, "did not answer in time for google/gemma-4-31b", "--timeout")


def test_dropped_connection(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/google/gemma-4-31b", "drop")
    run = run_cli("inspect", "google/gemma-4-31b", env=hub_env)
    assert_error(run, "could not be reached while reading google/gemma-4-31b")


def test_truncated_body(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/google/gemma-4-31b", "truncate", fraction=0.5)
    run = run_cli("inspect", "google/gemma-4-31b", env=hub_env)
    assert_error(run, "google/gemma-4-31b")


def test_connection_refused(hub_env: dict[str, str]) -> None:
    env = {**hub_env, "HF_ENDPOINT": "http://127.0.0.1:9"}
    run = run_cli("inspect", "google/gemma-4-31b", env=env)
    assert_error(run, "http://127.0.0.1:9 could not be reached while reading google/gemma-4-31b")


def test_a_bad_target_does_not_stop_the_others(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run, data = inspect_json(hub_env, "google/gemma-4-31b", "acme/missing", "Qwen/Qwen3.6-35B-A3B")
    assert run.code == 2
    assert [t["ok"] for t in data["targets"]] == [True, False, True]
    assert "1 of 3 target(s) could not be read: acme/missing" in run.err


def test_not_a_repo_id(hub_env: dict[str, str]) -> None:
    run = run_cli("inspect", "not a repo!", env=hub_env)
    assert_error(run, "'not a repo!' is neither a Hugging Face repo id nor a folder")


# --- local folders and the cache ------------------------------------------------------------


def test_local_folder(tmp_path: Path, hub_env: dict[str, str]) -> None:
    folder = tmp_path / "my-model"
    shutil.copytree(REPO / "fixtures" / "hub" / "deepseek-ai" / "DeepSeek-V3", folder)
    run, data = inspect_json(hub_env, str(folder))
    assert run.code == 0, run.err
    target = data["targets"][0]
    assert target["snapshot"]["origin"] == "local"
    assert first_license(files_of(target)["LICENSE-MODEL"]) == ("deepseek", "exact")
    assert "_hub.json" not in {f["path"] for f in target["snapshot"]["files"]}


def test_cache_offline(hub: FakeHub, hub_env: dict[str, str]) -> None:
    run = run_cli("inspect", "zai-org/GLM-5.1", "acme/apache-nc-modified", env=hub_env)
    assert run.code == 0, run.err
    offline = {**hub_env, "HF_HUB_OFFLINE": "1"}
    hub.clear_requests()
    run, data = inspect_json(offline, "zai-org/GLM-5.1")
    assert run.code == 0, run.err
    snap = data["targets"][0]["snapshot"]
    assert snap["origin"] == "cache" and len(snap["commit"]) == 40
    assert first_license(files_of(data["targets"][0])["LICENSE"]) == ("mit", "exact")
    run, data = inspect_json(offline, "--cache")
    assert run.code == 0, run.err
    ids = [t["snapshot"]["repo_id"] for t in data["targets"]]
    assert ids == ["acme/apache-nc-modified", "zai-org/GLM-5.1"]
    # (a request still finishing from an earlier test may land in the shared log: filter)
    sent = [r for r in hub.requests if "GLM-5.1" in r.path or "apache-nc" in r.path]
    assert not sent, f"offline mode sent requests: {sent}"


def test_offline_and_not_cached(hub_env: dict[str, str]) -> None:
    run = run_cli("inspect", "google/gemma-4-31b", env={**hub_env, "HF_HUB_OFFLINE": "1"})
    assert_error(run, "google/gemma-4-31b is not", "offline mode is on")


@pytest.mark.parametrize("args", [(), ("--cache", "--revision", "main")])
def test_usage_errors(hub_env: dict[str, str], args: tuple[str, ...]) -> None:
    run = run_cli("inspect", *args, env=hub_env)
    assert run.code == 2
    assert "Traceback" not in run.err


def test_a_folder_and_the_hub_make_the_same_snapshot(tmp_path: Path, make_hub: Any) -> None:
    """One collector reads both: the card from a lower-case readme.md (a folder used to read
    only 'README.md' as its card), and a README over the size cap is not identified but its
    front matter still declares the card (the Hub's API card; a folder's own front matter)."""
    root = tmp_path / "hub"
    lower = root / "acme" / "lower-readme"
    lower.mkdir(parents=True)
    (lower / "readme.md").write_text("---\nlicense: mit\n---\n# A model\n", encoding="utf-8")
    big = root / "acme" / "big-readme"
    big.mkdir(parents=True)
    padding = "A line of model card prose that carries no terms.\n" * 50_000  # > 2 MiB
    (big / "README.md").write_text(f"---\nlicense: apache-2.0\n---\n{padding}", encoding="utf-8")
    server = make_hub(root)
    env = {**client_env(server.url, tmp_path / "hf-home"),
           "LICSCAN_CACHE_DIR": str(tmp_path / "licscan-cache")}

    def seen(target: str) -> tuple[object, list[tuple[str, str, bool]]]:
        run, data = inspect_json(env, target)
        assert run.code == 0, run.err
        snap = data["targets"][0]["snapshot"]
        return snap["card"], [(f["path"], f["role"], bool(f.get("unavailable")))
                              for f in snap["files"]]

    for name in ("lower-readme", "big-readme"):
        assert seen(f"acme/{name}") == seen(str(root / "acme" / name)), name
    assert seen(str(lower)) == ({"license": "mit"}, [("readme.md", "readme", False)])
    assert seen(str(big)) == ({"license": "apache-2.0"}, [("README.md", "readme", True)])

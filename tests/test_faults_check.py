"""Faults never pass: every Hub failure during `licscan check` ends in exit 2 naming the repo.

Each fault is injected in the fake Hub for one repository; the run also checks a healthy
repository, which must still be judged (one bad repo does not stop the others).
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.fakehub import FakeHub
from tests.helpers import Run, run_cli

GOOD = "google/gemma-4-31b"
BAD = "zai-org/GLM-5.1"
INFO = r"^/api/models/zai-org/GLM-5\.1"
FILE = r"^/zai-org/GLM-5\.1/resolve/"


def check_json(env: dict[str, str], *args: str) -> tuple[Run, dict[str, dict[str, object]]]:
    run = run_cli("check", GOOD, BAD, "--format", "json", "--timeout", "1", *args, env=env)
    data = json.loads(run.out) if run.out.strip() else {"results": []}
    return run, {r["target"]: r for r in data["results"]}


FAULTS: dict[str, Callable[[FakeHub], None]] = {
    "server error": lambda hub: hub.add_fault(INFO, "status", status=500),
    "rate-limit storm": lambda hub: hub.add_fault(INFO, "status", status=429, retry_after=120),
    "timeout": lambda hub: hub.add_fault(INFO, "delay", seconds=2.5),
    "dropped connection": lambda hub: hub.add_fault(INFO, "drop"),
    "truncated body": lambda hub: hub.add_fault(INFO, "truncate", fraction=0.3),
    "redirect loop": lambda hub: hub.add_fault(INFO, "redirect_loop"),
    "gated 401 on the license": lambda hub: hub.add_fault(
        FILE, "status", status=401, error_code="RepoNotFound",
        error_message="Repository not found"),
    "disabled": lambda hub: hub.add_fault(
        INFO, "status", status=403, error_message="Access to this resource is disabled."),
    "revision vanished between calls": lambda hub: hub.add_fault(
        FILE, "status", status=404, error_code="RevisionNotFound",
        error_message="Invalid rev id: gone"),
    "file server error": lambda hub: hub.add_fault(FILE, "status", status=502),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_never_passes(fault: str, hub: FakeHub, hub_env: dict[str, str]) -> None:
    FAULTS[fault](hub)
    run, results = check_json(hub_env)
    assert run.code == 2, (fault, run.code, run.err)
    assert results[BAD]["verdict"] == "error", (fault, results[BAD])
    assert results[GOOD]["verdict"] == "pass", "the healthy repo is still judged"
    assert BAD in run.err and "could not be evaluated" in run.err
    assert "Traceback" not in run.out + run.err


def test_recoverable_rate_limit_is_judged(hub: FakeHub, hub_env: dict[str, str]) -> None:
    hub.add_fault(INFO, "status", status=429, retry_after=0, times=2)
    run, results = check_json(hub_env)
    assert run.code == 0, run.err
    assert results[BAD]["verdict"] == "pass"


def test_unreachable_and_unresolvable_hosts(hub_env: dict[str, str]) -> None:
    for endpoint in ("http://127.0.0.1:9", "http://licscan-no-such-host.invalid"):
        env = {**hub_env, "HF_ENDPOINT": endpoint}
        run = run_cli("check", GOOD, "--timeout", "2", env=env, timeout=120)
        assert run.code == 2, (endpoint, run.err)
        assert "could not be reached" in run.out + run.err
        assert "PASS" not in run.out


def test_a_base_the_hub_cannot_serve_means_could_not_evaluate(
        hub: FakeHub, hub_env: dict[str, str]) -> None:
    # Was: an `unverifiable` finding (a warning, exit 0 under most presets). Without the base its
    # terms are unknown, so the target cannot be judged: exit 2, LS500 naming the base.
    hub.add_fault(r"^/api/models/meta-llama/Llama-3\.1-8B-Instruct", "status", status=503)
    run = run_cli("check", "acme/llama-3.1-8b-lora", "--format", "json", env=hub_env)
    assert run.code == 2, run.err
    result = json.loads(run.out)["results"][0]
    assert result["verdict"] == "error"
    assert any(r["rule"] == "LS500" and "meta-llama/Llama-3.1-8B-Instruct" in r["message"]
               and "503" in r["message"] for r in result["reasons"]), result["reasons"]


def test_slow_drip_is_read_whole_or_not_at_all(hub: FakeHub, hub_env: dict[str, str]) -> None:
    """A body that arrives slowly but completely is judged on all of it; never on a part."""
    hub.add_fault(FILE + r".*LICENSE$", "drip", method="GET", chunk_size=64, interval=0.01)
    run, results = check_json(hub_env)
    assert run.code == 0, run.err
    evidence = [e for e in results[BAD]["evidence"] if e["source"] == "file LICENSE"]
    assert evidence and evidence[0]["status"] in ("exact", "match")
    assert any(r.fault == "drip" for r in hub.requests)

"""The two ways tests run the CLI, and the few runs that must be a real process.

Why: most CLI tests call ``licscan.cli.main`` in-process (tests/helpers.py: run_cli) to keep the
suite fast. That is only honest if an in-process run sees what a process would see and leaves
nothing behind, and if licscan reads the Hub settings when it runs rather than when
huggingface_hub was imported. The subprocess tests at the end are the true end-to-end runs:
``python -m licscan`` and the console script against the fake Hub, and a signal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fakehub import FakeHub, client_env
from tests.fakehub.pytest_plugin import MakeHub
from tests.helpers import DEFAULT_CACHE, REPO, run_cli, run_cli_subprocess

GEMMA4 = "google/gemma-4-31b"  # Apache-2.0 on the fake Hub
GEMMA3 = "google/gemma-3-27b-it"  # Gemma terms: fails permissive-only
PERMISSIVE = str(REPO / "rules" / "policies" / "permissive-only.yaml")


def verdicts(out: str) -> dict[str, str]:
    return {r["target"]: r["verdict"] for r in json.loads(out)["results"]}


# --- in-process runs ----------------------------------------------------------------------------


def test_in_process_run_restores_environment_cwd_argv_and_streams(
        hub: FakeHub, tmp_path: Path) -> None:
    before = (dict(os.environ), os.getcwd(), sys.argv, sys.stdin, sys.stdout, sys.stderr)
    env = {**client_env(hub.url, tmp_path), "LICSCAN_PROBE": "1"}
    run = run_cli("check", GEMMA4, "--format", "json", env=env, cwd=tmp_path)
    assert run.code == 0, run.err
    assert verdicts(run.out) == {GEMMA4: "pass"}
    after = (dict(os.environ), os.getcwd(), sys.argv, sys.stdin, sys.stdout, sys.stderr)
    assert after == before


def test_endpoint_is_read_per_run_not_at_client_import(
        make_hub: MakeHub, hub: FakeHub, tmp_path: Path) -> None:
    """Two runs in one process against two Hubs: each must reach its own. Without licscan
    passing the endpoint itself, the second run would go wherever the first import pointed."""
    other: FakeHub = make_hub(REPO / "fixtures" / "hub")
    for server in (hub, other, hub):
        server.clear_requests()
        home = tmp_path / f"home-{server.url.rsplit(':', 1)[1]}-{time.monotonic_ns()}"
        run = run_cli("check", GEMMA4, "--format", "json", env=client_env(server.url, home))
        assert run.code == 0, run.err
        assert server.requests, f"the run did not reach {server.url}"


def test_offline_and_cache_dir_are_read_per_run(hub: FakeHub, tmp_path: Path) -> None:
    """Download once online, then the same process runs offline from that HF_HUB_CACHE: offline
    must hold (no request) and the cache must be the run's, not the import-time one."""
    env = client_env(hub.url, tmp_path / "home")
    online = run_cli("check", GEMMA4, "--format", "json", env=env)
    assert online.code == 0, online.err
    hub.clear_requests()
    offline = run_cli("check", GEMMA4, "--format", "json", env={**env, "HF_HUB_OFFLINE": "1"})
    assert offline.code == 0, offline.err
    assert verdicts(offline.out) == {GEMMA4: "pass"}
    assert not hub.requests, "offline mode sent requests"
    empty = run_cli("check", GEMMA4, env={**client_env(hub.url, tmp_path / "empty"),
                                          "HF_HUB_OFFLINE": "1"})
    assert empty.code == 2, "another HF_HUB_CACHE must not answer from the first one"
    assert not hub.requests


def test_token_file_is_the_runs_hf_home(hub: FakeHub, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "token").write_text("hf_file_token_for_this_run\n")
    run = run_cli("check", GEMMA4, env=client_env(hub.url, home))
    assert run.code == 0, run.err
    sent = {r.authorization for r in hub.requests}
    assert sent == {"Bearer hf_file_token_for_this_run"}
    hub.clear_requests()
    run = run_cli("check", GEMMA4, env=client_env(hub.url, tmp_path / "no-token"))
    assert run.code == 0, run.err
    assert {r.authorization for r in hub.requests} == {None}, "no token file: no token sent"


def test_timeout_and_encoding_behave_like_a_process(tmp_path: Path) -> None:
    text = (REPO / "rules" / "licenses" / "mit.txt").read_text("utf-8").split("---", 2)[-1]
    big = tmp_path / "LICENSE"
    big.write_text(text * 200, encoding="utf-8")
    with pytest.raises(subprocess.TimeoutExpired):
        run_cli("identify", str(big), timeout=0.001)
    after = run_cli("identify", str(big))  # the alarm is gone and the process state is back
    assert after.code != 3 and "Traceback" not in after.err
    stated = run_cli("--version", env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert stated.code == 0 and "licscan" in stated.out


def test_in_process_and_subprocess_runs_agree(hub: FakeHub, tmp_path: Path) -> None:
    """The same check, both ways: same exit code, same JSON, same stderr."""
    env = client_env(hub.url, tmp_path / "a")
    inside = run_cli("check", GEMMA4, GEMMA3, "--policy", PERMISSIVE, "--format", "json",
                     env=env)
    env = client_env(hub.url, tmp_path / "b")
    outside = run_cli_subprocess("check", GEMMA4, GEMMA3, "--policy", PERMISSIVE, "--format",
                                 "json", env=env)
    assert inside.code == outside.code == 1
    assert verdicts(inside.out) == verdicts(outside.out) == {GEMMA4: "pass", GEMMA3: "fail"}
    assert inside.err == outside.err


# --- true end-to-end runs (subprocess) ------------------------------------------------------------
# Why a process: the console script and `python -m licscan` are what users run; the client's
# import-time settings and a signal's delivery only exist in a real process.


def test_console_script_checks_against_the_hub(hub: FakeHub, tmp_path: Path) -> None:
    script = shutil.which("licscan", path=str(Path(sys.executable).parent))
    assert script, "the licscan console script is installed next to this Python"
    env = {**client_env(hub.url, tmp_path), "LICSCAN_CACHE_DIR": str(DEFAULT_CACHE)}
    done = subprocess.run([script, "check", GEMMA3, "--policy", PERMISSIVE], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert GEMMA3 in done.stdout and "Traceback" not in done.stderr


def test_module_run_offline_from_the_cache_it_filled(hub: FakeHub, tmp_path: Path) -> None:
    env = client_env(hub.url, tmp_path)
    assert run_cli_subprocess("check", GEMMA4, env=env).code == 0
    hub.clear_requests()
    run = run_cli_subprocess("check", GEMMA4, "--format", "json",
                             env={**env, "HF_HUB_OFFLINE": "1"})
    assert run.code == 0, run.err
    assert verdicts(run.out) == {GEMMA4: "pass"} and not hub.requests


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_interrupt_exits_130_without_a_traceback(make_hub: MakeHub, tmp_path: Path) -> None:
    slow: FakeHub = make_hub(REPO / "fixtures" / "hub", latency=2.0)
    env = {**client_env(slow.url, tmp_path), "LICSCAN_CACHE_DIR": str(DEFAULT_CACHE)}
    proc = subprocess.Popen([sys.executable, "-m", "licscan", "check", GEMMA4], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    deadline = time.monotonic() + 60
    while not slow.requests and time.monotonic() < deadline:  # wait until it is talking
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().endswith(("Aborted.", "Interrupted.")) and "Traceback" not in err
    assert "PASS" not in out.upper()

"""Secrets stay secret: a token never appears in any output and never leaves the endpoint.

The run under test uses a token from each place licscan can get one (HF_TOKEN, --token, the
token file) and writes every kind of output; then every byte it produced is scanned.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.fakehub import FakeHub, client_env
from tests.fakehub.pytest_plugin import MakeHub
from tests.helpers import REPO, run_cli

TOKEN = "hf_test_approved_token"
GATED = "meta-llama/Llama-3.1-8B-Instruct"


def everything_written(*folders: Path) -> str:
    chunks = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                chunks.append(path.read_bytes().decode("latin-1"))
    return "\n".join(chunks)


@pytest.mark.parametrize("where", ["env", "flag", "token-file"])
def test_token_never_appears_in_any_output(where: str, hub: FakeHub, hub_env: dict[str, str],
                                           tmp_path: Path) -> None:
    env = {**hub_env, "LICSCAN_CACHE_DIR": str(tmp_path / "cache")}
    args: list[str] = []
    if where == "env":
        env["HF_TOKEN"] = TOKEN
    elif where == "flag":
        args = ["--token", TOKEN]
    else:
        Path(env["HF_HOME"]).mkdir(parents=True, exist_ok=True)
        (Path(env["HF_HOME"]) / "token").write_text(TOKEN)
    out = tmp_path / "reports"
    outputs = [f"{name}={out / ('report.' + name)}" for name in
               ("json", "markdown", "sarif", "junit", "spdx", "cyclonedx", "html")]
    run = run_cli("check", GATED, "acme/missing-repo", *args, "--evidence",
                  *(a for o in outputs for a in ("--output", o)), env=env, cwd=tmp_path)
    assert run.code == 2, run.err  # the missing repo: could not evaluate
    lock = run_cli("lock", GATED, *args, env=env, cwd=tmp_path)
    assert lock.code == 0, lock.err
    inspect = run_cli("inspect", GATED, "--format", "json", *args, env=env, cwd=tmp_path)
    assert json.loads(inspect.out)["targets"][0]["snapshot"]["access"] == "granted", \
        "the token was really used"
    produced = "\n".join([run.out, run.err, lock.out, lock.err, inspect.out, inspect.err,
                          everything_written(tmp_path / "cache", out),
                          (tmp_path / "licscan.lock").read_text()])
    assert TOKEN not in produced
    assert any(r.authorization == f"Bearer {TOKEN}" for r in hub.requests)


def test_token_is_not_sent_to_another_origin(make_hub: MakeHub, tmp_path: Path) -> None:
    """A license file the Hub redirects to a CDN on another port gets no Authorization header."""
    root = tmp_path / "hub"
    repo = root / "acme" / "cdn-notice"
    shutil.copytree(REPO / "fixtures" / "hub" / "zai-org" / "GLM-5.1", repo)
    meta = json.loads((repo / "_hub.json").read_text())
    meta.update({"gated": "manual", "allowed_tokens": [TOKEN],
                 "extra_siblings": [{"rfilename": "NOTICE", "size": 64}]})
    (repo / "_hub.json").write_text(json.dumps(meta))
    hub = make_hub(root)
    env = client_env(hub.url, tmp_path / "home")
    env["LICSCAN_CACHE_DIR"] = str(tmp_path / "cache")
    run = run_cli("inspect", "acme/cdn-notice", "--token", TOKEN, "--format", "json", env=env)
    assert run.code == 0, run.err
    files = {f["path"]: f for f in json.loads(run.out)["targets"][0]["snapshot"]["files"]}
    assert "NOTICE" in files and files["NOTICE"]["unavailable"] is None
    assert hub.cdn_requests, "the NOTICE download went through the CDN redirect"
    assert all(r.authorization is None for r in hub.cdn_requests)
    assert any(r.authorization == f"Bearer {TOKEN}" for r in hub.requests)


def test_crash_log_never_holds_the_token(tmp_path: Path) -> None:
    import sys

    from licscan.cli import _redact

    argv = sys.argv
    sys.argv = ["licscan", "check", "x/y", "--token", "hf_argv_secret"]
    try:
        text = _redact("argv: ['licscan', '--token', 'hf_argv_secret'] and hf_argv_secret again")
    finally:
        sys.argv = argv
    assert "hf_argv_secret" not in text

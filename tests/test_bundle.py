"""``licscan bundle``: the folder a release ships, through the real CLI against the fake Hub."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from licscan.licenses.catalog import load_catalog
from tests.fakehub import FakeHub, client_env
from tests.helpers import REPO, Run, run_cli

APPROVED = "hf_test_approved_token"
SAAS = str(REPO / "rules" / "policies" / "commercial-saas.yaml")
LLAMA31 = "meta-llama/Llama-3.1-8B-Instruct"
EnvFor = Callable[..., dict[str, str]]


@pytest.fixture(scope="module")
def env_for(hub_server: FakeHub, tmp_path_factory: pytest.TempPathFactory) -> EnvFor:
    def make(token: str | None = APPROVED) -> dict[str, str]:
        env = client_env(hub_server.url, tmp_path_factory.mktemp("hf-home"))
        if token:
            env["HF_TOKEN"] = token
        return env

    return make


def bundle(env: dict[str, str], out: Path, *args: str) -> Run:
    run = run_cli("bundle", *args, "--out", str(out), env=env)
    assert "Traceback" not in run.out + run.err, run.err
    return run


def test_a_llama_fine_tune_ships_notice_attribution_license_and_aup(env_for: EnvFor,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    run = bundle(env_for(), out, LLAMA31, "--policy", SAAS)
    assert run.code == 0, (run.out, run.err)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["ATTRIBUTION.md", "NOTICE", "licenses/llama3.1-aup.txt",
                     "licenses/llama3.1.txt", "obligations.json"]
    notice = (out / "NOTICE").read_text("utf-8")
    assert "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta " \
        "Platforms, Inc. All Rights Reserved." in notice
    attribution = (out / "ATTRIBUTION.md").read_text("utf-8")
    assert 'Display "Built with Llama" prominently' in attribution
    assert 'starting with "Llama"' in attribution
    catalog = load_catalog()
    for lid in ("llama3.1", "llama3.1-aup"):
        entry = catalog.lookup(lid)
        assert (out / "licenses" / f"{lid}.txt").read_text("utf-8") == catalog.text(entry)
    data = json.loads((out / "obligations.json").read_text("utf-8"))
    [model] = data["models"]
    assert model["repo_id"] == LLAMA31 and model["verdict"] == "pass"
    assert {o["rule"] for o in model["obligations"]} >= {"LS200"}
    assert data["licenses"]["licenses/llama3.1.txt"]["provenance"]["url"]


def test_the_bundle_is_deterministic(env_for: EnvFor, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert bundle(env_for(), first, LLAMA31, "--policy", SAAS).code == 0
    assert bundle(env_for(), second, LLAMA31, "--policy", SAAS).code == 0
    for path in first.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_a_failing_model_gets_no_bundle_unless_allowed(env_for: EnvFor, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    run = bundle(env_for(), out, LLAMA31)  # the default policy sends custom-ai to review
    assert run.code == 1
    assert "no bundle was written" in run.err and "--allow-failed" in run.err
    assert not out.exists()
    run = bundle(env_for(), out, LLAMA31, "--allow-failed")
    assert run.code == 0, run.err
    assert json.loads((out / "obligations.json").read_text("utf-8"))["models"][0]["verdict"] \
        == "fail"


def test_a_model_that_could_not_be_evaluated_gets_no_bundle(env_for: EnvFor,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    run = bundle(env_for(), out, "acme/does-not-exist", "--allow-failed")
    assert run.code == 2
    assert not out.exists()


def test_a_modified_license_ships_as_found(env_for: EnvFor, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    run = bundle(env_for(), out, "acme/apache-nc-modified", "--allow-failed")
    assert run.code == 0, run.err
    shipped = sorted(p.name for p in (out / "licenses").iterdir())
    assert shipped == ["acme-apache-nc-modified--LICENSE"]  # not the unmodified reference
    text = (out / "licenses" / shipped[0]).read_text("utf-8")
    assert text != load_catalog().text(load_catalog().lookup("apache-2.0"))
    assert "Apache License" in text


def test_a_folder_with_files_is_not_overwritten(env_for: EnvFor, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    out.mkdir()
    (out / "old.txt").write_text("left over", encoding="utf-8")
    run = bundle(env_for(), out, LLAMA31, "--policy", SAAS)
    assert run.code == 2 and "not an empty folder" in run.err
    assert sorted(p.name for p in out.iterdir()) == ["old.txt"]


def test_an_unknown_license_text_ships_as_found(tmp_path: Path) -> None:
    # A real reference text made unrecognisable (each line's words reversed): licscan cannot
    # name it, but the text as found is what binds, so it ships; nothing stands in for it.
    catalog = load_catalog()
    garbled = "\n".join(" ".join(reversed(line.split()))
                        for line in catalog.text(catalog.lookup("mit")).splitlines())
    model = tmp_path / "my-model"
    model.mkdir()
    (model / "LICENSE").write_text(garbled, encoding="utf-8")
    out = tmp_path / "bundle"
    run = run_cli("bundle", str(model), "--allow-failed", "--out", str(out))
    assert run.code == 0, run.err
    assert [p.name for p in (out / "licenses").iterdir()] == ["my-model--LICENSE"]
    assert (out / "licenses" / "my-model--LICENSE").read_text("utf-8") == garbled

"""The Python API (issue 13 item 4), used only as a script would: ``import licscan``.

Hub targets go to the fake Hub: licscan reads ``HF_ENDPOINT`` and the cache settings at call
time, so the environment ``client_env`` describes is set with ``monkeypatch.setenv`` for the
test and restored after it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import licscan
from tests.fakehub import REPO_ROOT, FakeHub, client_env

GEMMA = REPO_ROOT / "fixtures" / "hub" / "google" / "gemma-4-31b"
APACHE = REPO_ROOT / "rules" / "licenses" / "apache-2.0.txt"


@pytest.fixture
def api_hub(hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeHub:
    """This process talks to the fake Hub, with an empty HF cache in tmp_path, for one test."""
    env = client_env(hub.url, tmp_path / "hf")
    for name in set(os.environ) - set(env):
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return hub


# --- the done-when check of issue 13 ------------------------------------------------------------


def test_done_when_one_liner_prints_true() -> None:
    # A real interpreter, as a user would run it: nothing of this test process leaks in.
    code = ("import licscan;\nprint(licscan.check('fixtures/hub/google/gemma-4-31b', "
            "policy='examples/corp.yaml').passed)")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "True\n"


# --- check ---------------------------------------------------------------------------------------


def test_check_passes_a_hub_model_with_verdict_fields(api_hub: FakeHub) -> None:
    report = licscan.check("google/gemma-4-31b")
    assert isinstance(report, licscan.Report)
    assert report.passed is True
    assert report.policy.name == "licscan default"  # None means the built-in default
    [verdict] = report.verdicts
    assert isinstance(verdict, licscan.Verdict)
    assert (verdict.target, verdict.status) == ("google/gemma-4-31b", "pass")
    assert verdict.effective_license == "apache-2.0"
    assert all(isinstance(o, licscan.Obligation) for o in verdict.obligations)
    assert "give recipients a copy of the license (apache-2.0)" in \
        [o.text for o in verdict.obligations]
    assert any(r.path.startswith("/api/models/google/gemma-4-31b") for r in api_hub.requests)


def test_check_fails_with_reasons(api_hub: FakeHub) -> None:
    report = licscan.check("google/gemma-4-31b", "acme/no-license-model")
    assert report.passed is False
    passing, failing = report.verdicts
    assert passing.status == "pass"
    assert failing.status == "fail"
    assert failing.effective_license is None
    assert all(isinstance(r, licscan.Reason) for r in failing.reasons)
    assert [(r.rule, r.severity) for r in failing.reasons] == [("LS300", "error")]
    assert "declares no license" in failing.reasons[0].message


def test_report_renders_like_the_cli(api_hub: FakeHub) -> None:
    report = licscan.check("acme/no-license-model")
    data = json.loads(report.render("json"))
    assert [(r["target"], r["verdict"]) for r in data["results"]] == \
        [("acme/no-license-model", "fail")]
    assert report.render().startswith("FAIL  acme/no-license-model")
    with pytest.raises(licscan.UsageError, match="'pdf' is not a report format"):
        report.render("pdf")


def test_target_that_cannot_be_read_is_an_error_verdict(api_hub: FakeHub) -> None:
    report = licscan.check("acme/does-not-exist")
    [verdict] = report.verdicts
    assert report.passed is False
    assert verdict.status == "error"
    assert verdict.effective_license is None
    assert verdict.error is not None and "acme/does-not-exist was not found" in verdict.error


def test_check_needs_a_target() -> None:
    with pytest.raises(licscan.UsageError, match="no target"):
        licscan.check()


def test_a_path_target_is_always_a_folder(api_hub: FakeHub, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # 'acme/model' written as a str is a Hub id; as a Path it can only mean the folder.
    shutil.copytree(GEMMA, tmp_path / "acme" / "model")
    monkeypatch.chdir(tmp_path)
    [folder] = licscan.check(Path("acme/model")).verdicts
    assert (folder.status, folder.effective_license) == ("pass", "apache-2.0")
    assert not api_hub.requests
    [hub_id] = licscan.check("acme/model").verdicts
    assert hub_id.status == "error"  # no such repo on the Hub: it was not read from disk


# --- policies ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("preset", "status"), [
    ("default", "fail"), ("commercial-saas", "warn"), ("internal-research", "pass"),
])
def test_presets_by_name(api_hub: FakeHub, preset: str, status: str) -> None:
    report = licscan.check("bigscience/bloom", policy=preset)
    assert report.policy.name == licscan.load_policy(preset).name
    assert report.verdicts[0].status == status
    assert report.passed is (status == "pass")  # warn is not passed


def test_load_policy_from_file_and_object() -> None:
    policy = licscan.load_policy(REPO_ROOT / "examples" / "corp.yaml")
    assert isinstance(policy, licscan.Policy)
    assert policy.name == "acme-corp"
    assert licscan.check(GEMMA, policy=policy).passed is True


def test_unknown_preset_names_the_presets() -> None:
    with pytest.raises(licscan.PolicyError) as info:
        licscan.load_policy("comercial-saas")
    assert "neither a policy preset nor a policy file" in info.value.message
    assert info.value.hint is not None and "commercial-saas" in info.value.hint


def test_invalid_policy_file_raises(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("version: 1\nname: x\nlicences: {}\n", encoding="utf-8")
    with pytest.raises(licscan.PolicyError, match="licences"):
        licscan.check(GEMMA, policy=bad)


# --- require_allowed -----------------------------------------------------------------------------


def test_require_allowed_returns_the_verdict(api_hub: FakeHub) -> None:
    verdict = licscan.require_allowed("google/gemma-4-31b", policy="commercial-saas")
    assert verdict.status == "pass"
    assert verdict.effective_license == "apache-2.0"


def test_require_allowed_raises_with_the_reasons(api_hub: FakeHub) -> None:
    with pytest.raises(licscan.LicenseNotAllowed) as info:
        licscan.require_allowed("acme/no-license-model")
    refused = info.value
    assert isinstance(refused, licscan.LicscanError)
    assert refused.exit_code == 1
    assert refused.verdict.status == "fail"
    assert refused.reasons == refused.verdict.reasons and refused.reasons
    text = str(refused)
    assert "acme/no-license-model is not allowed by the policy 'licscan default' (fail)" in text
    for reason in refused.reasons:
        assert f"{reason.rule} {reason.name} ({reason.severity}): {reason.message}" in text


def test_warn_passes_by_default_and_fails_at_fail_on_warning(api_hub: FakeHub) -> None:
    verdict = licscan.require_allowed("bigscience/bloom", policy="commercial-saas")
    assert verdict.status == "warn"
    with pytest.raises(licscan.LicenseNotAllowed) as info:
        licscan.require_allowed("bigscience/bloom", policy="commercial-saas", fail_on="warning")
    assert "(warn at fail_on='warning')" in str(info.value)
    warnings = [r for r in info.value.reasons if r.severity == "warning"]
    assert warnings and all(r.message in str(info.value) for r in warnings)


def test_require_allowed_rejects_an_unknown_gate(api_hub: FakeHub) -> None:
    with pytest.raises(licscan.UsageError, match="fail_on='never'"):
        licscan.require_allowed("google/gemma-4-31b", fail_on="never")  # type: ignore[arg-type]


def test_could_not_evaluate_raises_with_a_clear_message(api_hub: FakeHub) -> None:
    # The fine-tune is readable; its base is not: nothing that was not judged is allowed.
    with pytest.raises(licscan.LicenseNotAllowed) as info:
        licscan.require_allowed("orphans/orphan-finetune", policy="internal-research")
    refused = info.value
    assert refused.verdict.status == "error"
    assert refused.exit_code == 2
    assert refused.message.startswith(
        "orphans/orphan-finetune could not be evaluated, so it is not allowed:")
    assert "orphans/no-such-base" in refused.message
    assert refused.hint


# --- offline -------------------------------------------------------------------------------------


def test_offline_with_an_empty_cache_sends_nothing_and_passes_nothing(api_hub: FakeHub) -> None:
    report = licscan.check("google/gemma-4-31b", offline=True)
    [verdict] = report.verdicts
    assert verdict.status == "error"
    assert verdict.error is not None and "offline mode is on" in verdict.error
    assert not api_hub.requests and not api_hub.cdn_requests
    with pytest.raises(licscan.LicenseNotAllowed, match="could not be evaluated"):
        licscan.require_allowed("google/gemma-4-31b", offline=True)
    # Per call: the environment is untouched and the next call goes online again.
    assert "HF_HUB_OFFLINE" not in os.environ
    assert licscan.check("google/gemma-4-31b").passed is True
    assert api_hub.requests


def test_a_process_started_offline_goes_online_when_the_environment_says_so(
        hub: FakeHub, tmp_path: Path) -> None:
    # huggingface_hub fixes HF_HUB_OFFLINE at its first import and then refuses every request;
    # a real interpreter that imported it offline and then unset the variable could not read
    # the Hub at all ("could not be evaluated") until the switch followed the environment.
    env = {**client_env(hub.url, tmp_path / "hf"), "HF_HUB_OFFLINE": "1"}
    code = ("import os, licscan\n"
            "first = licscan.check('google/gemma-4-31b').verdicts[0].status\n"
            "del os.environ['HF_HUB_OFFLINE']\n"
            "print(first, licscan.check('google/gemma-4-31b').passed)\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "error True\n", run.stdout


def test_offline_reads_what_an_online_call_cached(api_hub: FakeHub) -> None:
    assert licscan.check("google/gemma-4-31b").passed is True
    api_hub.clear_requests()
    report = licscan.check("google/gemma-4-31b", offline=True)
    assert report.passed is True, report.verdicts[0].error
    assert not api_hub.requests and not api_hub.cdn_requests


# --- identify ------------------------------------------------------------------------------------


def test_identify_a_path_a_path_string_text_and_bytes() -> None:
    text = APACHE.read_text(encoding="utf-8")
    for given in (APACHE, str(APACHE), text, text.replace("\n", "\r\n"), text.encode()):
        report = licscan.identify(given)
        assert isinstance(report, licscan.FileReport)
        assert report.status == "identified", type(given)
        assert [d.license_id for d in report.detections] == ["apache-2.0"]
    assert licscan.identify(APACHE).path == str(APACHE)
    assert licscan.identify(text).path == "<text>"


def test_identify_text_that_is_no_license() -> None:
    report = licscan.identify("missing-file.txt")  # a str naming no file is text
    assert report.status == "unknown"
    assert report.detections == ()


def test_identify_a_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(licscan.InputFileError, match="could not be identified"):
        licscan.identify(tmp_path / "LICENSE")


# --- the package surface -------------------------------------------------------------------------


def test_every_public_name_resolves() -> None:
    for name in licscan.__all__:
        assert getattr(licscan, name) is not None
    assert set(licscan.__all__) <= set(dir(licscan))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = licscan.nothing  # type: ignore[attr-defined]


def test_import_licscan_stays_cheap() -> None:
    # The engine, the policy loader and the Hub client load on the first call, not at import.
    code = "import licscan, sys; print(sorted(m for m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                         text=True, timeout=60, check=True)
    loaded = set(eval(run.stdout))  # a printed list of str
    assert {m for m in loaded if m.startswith("licscan")} == {"licscan"}
    heavy = {"huggingface_hub", "yaml", "jsonschema", "license_expression", "rapidfuzz", "click"}
    assert not heavy & loaded


def test_docstring_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # The examples in the API's docstrings are the README's promises: run them (they use only
    # ``import licscan`` and local fixtures, from the repository root).
    import doctest
    import importlib

    monkeypatch.chdir(REPO_ROOT)
    for module in ("licscan", "licscan.api"):
        result = doctest.testmod(importlib.import_module(module))
        assert result.attempted > 0 and result.failed == 0, module
    readme = doctest.testfile(str(REPO_ROOT / "README.md"), module_relative=False)
    assert readme.attempted > 0 and readme.failed == 0, "README.md, section Python API"

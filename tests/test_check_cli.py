"""``licscan check`` through the real CLI against the fake Hub: verdicts, reasons, exit codes.

Each run (in-process, tests/helpers.py) has HF_ENDPOINT pointing at the fake Hub (see
tests/fakehub) and its own HF_HOME, so files a token run downloaded never reach a run without a
token. Policies are written into tmp_path. Runs that several tests read (the permissive-only
JSON report) are made once per module to keep the file fast.

Exit codes: 0 pass (warnings allowed unless --fail-on warning), 1 policy failure, 2 could not
evaluate / invalid policy / usage, 3 internal error.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fakehub import FakeHub, client_env
from tests.helpers import REPO, Run, run_cli

APPROVED = "hf_test_approved_token"
PERMISSIVE = str(REPO / "rules" / "policies" / "permissive-only.yaml")

GEMMA4 = "google/gemma-4-31b"
GEMMA3 = "google/gemma-3-27b-it"
GGUF = "TheBloke/Llama-3.1-8B-Instruct-GGUF"
GGUF_COMMIT = "83270001bb3645c702d28d5561b853eebae432c6"  # sha1 of the repo id (fixtures README)
LLAMA31 = "meta-llama/Llama-3.1-8B-Instruct"
VISION = "meta-llama/Llama-3.2-11B-Vision-Instruct"
LLAMA32_1B = "meta-llama/Llama-3.2-1B"
MODIFIED = "acme/apache-nc-modified"
NO_LICENSE = "acme/no-license-model"
MISSING = "acme/does-not-exist"

EnvFor = Callable[..., dict[str, str]]


# --- helpers ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def env_for(hub_server: FakeHub, tmp_path_factory: pytest.TempPathFactory) -> EnvFor:
    """A fresh client environment (own HF_HOME) per call; ``token`` goes in HF_TOKEN."""

    def make(token: str | None = None) -> dict[str, str]:
        env = client_env(hub_server.url, tmp_path_factory.mktemp("hf-home"))
        if token:
            env["HF_TOKEN"] = token
        return env

    return make


def check(env: dict[str, str], *args: str) -> Run:
    run = run_cli("check", *args, env=env)
    assert "Traceback" not in run.out + run.err, run.err
    return run


def check_json(env: dict[str, str], *args: str) -> tuple[Run, dict[str, Any]]:
    run = check(env, "--format", "json", *args)
    assert run.out.strip(), (run.code, run.err)
    return run, json.loads(run.out)


def result_for(data: dict[str, Any], target: str) -> dict[str, Any]:
    matches = [r for r in data["results"] if r["target"] == target]
    assert len(matches) == 1, [r["target"] for r in data["results"]]
    return matches[0]


def rules_of(result: dict[str, Any], *, active: bool = True) -> set[str]:
    """Rule ids of the reasons (only those not waived, unless ``active`` is False)."""
    return {r["rule"] for r in result["reasons"] if not active or r["waived_by"] is None}


def reasons(result: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [r for r in result["reasons"] if r["rule"] == rule]


def block_of(text: str, target: str) -> str:
    """The text report's paragraph for one target (paragraphs are separated by blank lines)."""
    blocks = [b for b in text.split("\n\n") if re.match(rf"^\w+ +{re.escape(target)}\b", b)]
    assert len(blocks) == 1, text
    return blocks[0]


def write_policy(tmp_path: Path, body: str, name: str = "policy.yaml") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


COMMERCIAL = """\
version: 1
name: commercial-test
context:
  use: commercial
  distribution: hosted-service
  monthly_active_users: {users}
findings:
  unverifiable: {unverifiable}
  lineage: deny
categories:
  permissive: allow
  custom-ai: allow
terms:
  user_threshold: deny
  naming_requirement: obligation
  attribution: obligation
  acceptable_use_policy: obligation
"""


def commercial(tmp_path: Path, users: int = 1_000_000, unverifiable: str = "warn") -> str:
    body = COMMERCIAL.format(users=users, unverifiable=unverifiable)
    return write_policy(tmp_path, body, f"commercial-{users}-{unverifiable}.yaml")


# --- 1. permissive-only: Gemma 4 passes, Gemma 3 fails on the Gemma terms -----------------------


def test_gemma4_passes_permissive_only_with_apache_obligations(env_for: EnvFor) -> None:
    run, data = check_json(env_for(), GEMMA4, "--policy", PERMISSIVE)
    assert run.code == 0, run.err
    result = result_for(data, GEMMA4)
    assert result["verdict"] == "pass"
    assert result["effective_license"] == "apache-2.0"
    assert result["license_ids"] == ["apache-2.0"]
    assert rules_of(result) == set()
    obligations = result["obligations"]
    assert obligations and {o["license_id"] for o in obligations} == {"apache-2.0"}
    assert {"LS211", "LS212", "LS213"} <= {o["rule"] for o in obligations}
    assert any("NOTICE" in o["text"] for o in obligations)
    assert data["summary"] == {"pass": 1, "warn": 0, "fail": 0, "error": 0}
    assert data["policy"]["name"] == "permissive-only"


def test_gemma3_fails_permissive_only_naming_the_gemma_terms(env_for: EnvFor) -> None:
    run, data = check_json(env_for(), GEMMA3, "--policy", PERMISSIVE)
    assert run.code == 1, (run.out, run.err)
    result = result_for(data, GEMMA3)
    assert result["verdict"] == "fail"
    assert result["effective_license"] == "gemma"
    gemma_errors = [r for r in result["reasons"]
                    if r["license_id"] == "gemma" and r["severity"] == "error"]
    assert any(r["rule"] == "LS100" and "Gemma Terms of Use" in r["message"]
               for r in gemma_errors), result["reasons"]
    assert GEMMA3 in run.err and "failed the policy" in run.err


# --- 2 and 5. lineage conflicts and modified licenses (permissive-only, text) -------------------


def test_text_report_for_gguf_lineage_and_modified_apache(env_for: EnvFor) -> None:
    run = check(env_for(), GGUF, MODIFIED, "--policy", PERMISSIVE)
    assert run.code == 1, (run.out, run.err)

    gguf = block_of(run.out, GGUF)
    assert gguf.startswith(f"FAIL  {GGUF}")
    # The base's terms come first and bind; the quantizer's own claim is kept beside them
    # (everything inherited is a conjunction), never instead of them.
    assert "effective license: llama3.1 AND apache-2.0\n" in gguf
    assert "declared:          apache-2.0" in gguf
    assert re.search(r"✗ LS307 error: .*declares apache-2\.0.*bound by llama3\.1", gguf), gguf
    assert "└─ meta-llama/Llama-3.1-8B-Instruct  [llama3.1]  (quantized)" in gguf

    modified = block_of(run.out, MODIFIED)
    assert modified.startswith(f"FAIL  {MODIFIED}")
    assert "effective license: apache-2.0 (modified)" in modified
    assert "✗ LS303 error:" in modified
    assert "non-commercial purposes only" in modified
    assert "2 model(s): 2 failed  (policy: permissive-only)" in run.out


# --- 9. JSON: valid, versioned, deterministic; a missing repo is an error, others still judged --


@pytest.fixture(scope="module")
def permissive_json(env_for: EnvFor) -> tuple[Run, Run]:
    """The same JSON check run twice, each with a fresh HF_HOME."""
    args = ("--format", "json", "--policy", PERMISSIVE, GGUF, MISSING, MODIFIED, GEMMA4)
    return check(env_for(), *args), check(env_for(), *args)


def test_json_report_is_versioned_deterministic_and_judges_past_an_error(
    permissive_json: tuple[Run, Run],
) -> None:
    first, second = permissive_json
    assert first.code == 2, (first.out, first.err)
    assert second.code == 2
    assert first.out == second.out  # byte-identical
    data = json.loads(first.out)
    assert data["schema_version"] == 1
    assert [r["target"] for r in data["results"]] == [GGUF, MISSING, MODIFIED, GEMMA4]
    assert all(r["verdict"] in {"pass", "warn", "fail", "error"} for r in data["results"])
    assert data["summary"] == {"pass": 1, "warn": 0, "fail": 2, "error": 1}

    missing = result_for(data, MISSING)
    assert missing["verdict"] == "error"
    assert rules_of(missing) == {"LS500"}
    assert "not found" in missing["error"]["message"]
    assert f"{MISSING}" in first.err and "could not be evaluated" in first.err

    assert result_for(data, GEMMA4)["verdict"] == "pass"
    assert result_for(data, GGUF)["verdict"] == "fail"
    assert result_for(data, MODIFIED)["verdict"] == "fail"


def test_json_gguf_is_a_lineage_conflict_bound_by_llama31(
    permissive_json: tuple[Run, Run],
) -> None:
    result = result_for(json.loads(permissive_json[0].out), GGUF)
    assert result["effective_license"] == "llama3.1 AND apache-2.0"
    assert result["license_ids"] == ["llama3.1", "apache-2.0"]
    assert result["declared"] == ["apache-2.0"]
    lineage = [f for f in result["findings"] if f["kind"] == "lineage"]
    assert len(lineage) == 1
    assert lineage[0]["license_id"] == "llama3.1" and lineage[0]["via"] == LLAMA31
    ls307 = reasons(result, "LS307")
    assert len(ls307) == 1 and ls307[0]["severity"] == "error" and ls307[0]["name"] == "lineage"
    base = result["lineage"]["bases"]
    assert [(b["repo_id"], b["relation"], b["license"]) for b in base] == [
        (LLAMA31, "quantized", "llama3.1")
    ]


def test_json_modified_apache_is_never_plain_apache(permissive_json: tuple[Run, Run]) -> None:
    result = result_for(json.loads(permissive_json[0].out), MODIFIED)
    assert result["verdict"] == "fail"
    assert result["effective_license"] == "apache-2.0 (modified)"
    assert result["modified"] == ["apache-2.0"]
    modified = [f for f in result["findings"] if f["kind"] == "modified"]
    assert len(modified) == 1 and modified[0]["license_id"] == "apache-2.0"
    assert "non-commercial purposes only" in (modified[0]["quote"] or "")
    assert rules_of(result) >= {"LS303"}


# --- 3. user thresholds (Llama 3.1, 700M MAU) ----------------------------------------------------


def test_llama31_above_the_user_threshold_fails_ls200(tmp_path: Path, env_for: EnvFor) -> None:
    policy = commercial(tmp_path, users=900_000_000)
    run, data = check_json(env_for(), LLAMA31, "--policy", policy, "--token", APPROVED)
    assert run.code == 1, (run.out, run.err)
    result = result_for(data, LLAMA31)
    assert result["verdict"] == "fail"
    assert result["access"] == "granted"
    ls200 = reasons(result, "LS200")
    assert len(ls200) == 1
    assert ls200[0]["name"] == "user_threshold" and ls200[0]["severity"] == "error"
    assert "700,000,000" in ls200[0]["message"] and "900,000,000" in ls200[0]["message"]
    assert rules_of(result) == {"LS200"}
    assert APPROVED not in run.out + run.err


def test_llama31_below_the_user_threshold_passes_with_llama_obligations(
    tmp_path: Path, env_for: EnvFor
) -> None:
    policy = commercial(tmp_path, users=1_000_000)
    run, data = check_json(env_for(), LLAMA31, "--policy", policy, "--token", APPROVED)
    assert run.code == 0, (run.out, run.err)
    result = result_for(data, LLAMA31)
    assert result["verdict"] in {"pass", "warn"}
    assert result["access"] == "granted"
    assert "LS200" not in rules_of(result) and "LS306" not in rules_of(result)
    texts = {o["rule"]: o["text"] for o in result["obligations"]}
    assert "Built with Llama" in texts["LS207"]
    assert '"Llama"' in texts["LS206"]
    assert "700,000,000" in texts["LS200"]
    assert APPROVED not in run.out + run.err


def test_llama31_without_a_token_is_judged_from_the_card_and_unverifiable(
    tmp_path: Path, env_for: EnvFor
) -> None:
    run = check(env_for(), LLAMA31, "--policy", commercial(tmp_path, users=1_000_000))
    assert run.code == 0, (run.out, run.err)
    block = block_of(run.out, LLAMA31)
    assert block.startswith(f"WARN  {LLAMA31}")
    assert "files unreadable" in block
    assert "effective license: llama3.1" in block
    assert "! LS306 warning:" in block and "401" in block


# --- 4. territorial exclusion (Llama 3.2 multimodal, EU) -----------------------------------------


@pytest.mark.parametrize("territory", ["DE", "EU"])
def test_eu_policy_fails_multimodal_llama32_but_not_text_only(
    tmp_path: Path, env_for: EnvFor, territory: str
) -> None:
    policy = write_policy(tmp_path, f"""\
version: 1
name: eu-test
context:
  use: commercial
  distribution: hosted-service
  monthly_active_users: 1000  # answers Llama's user threshold, which would otherwise be a review
  territories: [{territory}]
categories:
  custom-ai: allow
terms:
  territorial_exclusion: deny
""")
    run, data = check_json(env_for(APPROVED), VISION, LLAMA32_1B, "--policy", policy)
    assert run.code == 1, (run.out, run.err)
    vision = result_for(data, VISION)
    assert vision["verdict"] == "fail"
    ls202 = reasons(vision, "LS202")
    assert ls202 and all(r["name"] == "territorial_exclusion" for r in ls202)
    assert all(r["severity"] == "error" for r in ls202)
    assert {r["license_id"] for r in ls202} == {"llama3.2"}
    assert all("multimodal" in r["message"] for r in ls202)
    assert any("AUP" in e for r in ls202 for e in r["evidence"])  # the Llama 3.2 AUP's clause
    assert any(f"places us in {territory}" in r["message"] for r in ls202)

    text_only = result_for(data, LLAMA32_1B)
    assert "LS202" not in rules_of(text_only)
    assert text_only["verdict"] == "pass"
    assert text_only["effective_license"] == "llama3.2"


# --- 6 and 10. gated without a token: unverifiable, per the policy; --fail-on warning -----------


def test_unverifiable_warns_and_fail_on_warning_makes_it_exit_1(
    tmp_path: Path, env_for: EnvFor
) -> None:
    policy = commercial(tmp_path, unverifiable="warn")
    run, data = check_json(env_for(), LLAMA31, "--policy", policy)
    assert run.code == 0, (run.out, run.err)
    result = result_for(data, LLAMA31)
    assert result["verdict"] == "warn"
    assert result["access"] == "denied"
    assert result["effective_license"] == "llama3.1"  # from the card's metadata
    assert [f["kind"] for f in result["findings"]] == ["unverifiable"]
    assert [(r["rule"], r["severity"]) for r in result["reasons"]] == [("LS306", "warning")]

    strict, strict_data = check_json(env_for(), LLAMA31, "--policy", policy,
                                     "--fail-on", "warning")
    assert strict.code == 1, (strict.out, strict.err)
    assert result_for(strict_data, LLAMA31)["verdict"] == "warn"


def test_fail_on_warning_leaves_a_clean_pass_at_exit_0(env_for: EnvFor) -> None:
    run, data = check_json(env_for(), GEMMA4, "--fail-on", "warning")
    assert run.code == 0, (run.out, run.err)
    assert result_for(data, GEMMA4)["verdict"] == "pass"


def test_unverifiable_denied_fails(tmp_path: Path, env_for: EnvFor) -> None:
    policy = commercial(tmp_path, unverifiable="deny")
    run, data = check_json(env_for(), LLAMA31, "--policy", policy)
    assert run.code == 1, (run.out, run.err)
    result = result_for(data, LLAMA31)
    assert result["verdict"] == "fail"
    assert [(r["rule"], r["severity"]) for r in result["reasons"]] == [("LS306", "error")]


def test_fail_on_rejects_an_unknown_level(env_for: EnvFor) -> None:
    run = check(env_for(), GEMMA4, "--fail-on", "bogus")
    assert run.code == 2
    assert "--fail-on" in run.err and "warning" in run.err


# --- 7. exceptions ------------------------------------------------------------------------------


def exception_policy(tmp_path: Path, expires: dt.date, waive: str = "[LS307]",
                     revision: str | None = None, model: str = GGUF,
                     name: str = "policy.yaml") -> str:
    pinned = f"    revision: {revision}\n" if revision else ""
    return write_policy(tmp_path, f"""\
version: 1
name: exceptions-test
context:
  use: commercial
  distribution: hosted-service
  monthly_active_users: 1000
findings:
  lineage: deny
  unverifiable: deny
  expired_exception: deny
categories:
  permissive: allow
  custom-ai: allow
exceptions:
  - model: {model}
    waive: {waive}
    reason: legal-approved
    approved_by: Jane Counsel
    ticket: LEGAL-42
    expires: {expires.isoformat()}
{pinned}""", name)


FUTURE = dt.date.today() + dt.timedelta(days=365)
PAST = dt.date.today() - dt.timedelta(days=30)


def test_the_gguf_fails_on_lineage_alone_without_an_exception(
    tmp_path: Path, env_for: EnvFor
) -> None:
    policy = exception_policy(tmp_path, FUTURE, model="acme/some-other-model")
    run, data = check_json(env_for(APPROVED), GGUF, "--policy", policy)
    assert run.code == 1, (run.out, run.err)
    assert rules_of(result_for(data, GGUF)) == {"LS307"}


@pytest.mark.parametrize("waive", ["[LS307]", "[lineage]"])
def test_a_valid_exception_waives_the_lineage_failure(
    tmp_path: Path, env_for: EnvFor, waive: str
) -> None:
    policy = exception_policy(tmp_path, FUTURE, waive=waive)
    env = env_for(APPROVED)
    run, data = check_json(env, GGUF, "--policy", policy)
    assert run.code == 0, (run.out, run.err)
    result = result_for(data, GGUF)
    assert result["verdict"] == "pass"
    assert rules_of(result) == set()
    (waived,) = [r for r in result["reasons"] if r["waived_by"] is not None]
    assert waived["rule"] == "LS307"
    assert "Jane Counsel" in waived["waived_by"] and "LEGAL-42" in waived["waived_by"]

    text = check(env, GGUF, "--policy", policy)
    assert text.code == 0
    assert re.search(r"· LS307 waived \(exception #1, legal-approved, approved by Jane Counsel, "
                     rf"LEGAL-42, until {FUTURE.isoformat()}\)", text.out), text.out


def test_an_expired_exception_fails_with_ls401(tmp_path: Path, env_for: EnvFor) -> None:
    policy = exception_policy(tmp_path, PAST)
    run = check(env_for(APPROVED), GGUF, "--policy", policy)
    assert run.code == 1, (run.out, run.err)
    block = block_of(run.out, GGUF)
    assert block.startswith(f"FAIL  {GGUF}")
    assert "✗ LS307 error:" in block
    assert re.search(rf"✗ LS401 error: .*expired on {PAST.isoformat()}", block), block
    assert "waived" not in block


def test_an_exception_pinned_to_another_revision_does_not_apply(
    tmp_path: Path, env_for: EnvFor
) -> None:
    env = env_for(APPROVED)
    other = exception_policy(tmp_path, FUTURE, revision="deadbeef")
    run, data = check_json(env, GGUF, "--policy", other)
    assert run.code == 1, (run.out, run.err)
    result = result_for(data, GGUF)
    assert result["commit"] == GGUF_COMMIT
    assert result["verdict"] == "fail" and rules_of(result) == {"LS307"}
    assert all(r["waived_by"] is None for r in result["reasons"])

    same = exception_policy(tmp_path, FUTURE, revision=GGUF_COMMIT[:10], name="pinned-ok.yaml")
    ok, ok_data = check_json(env, GGUF, "--policy", same)
    assert ok.code == 0, (ok.out, ok.err)
    assert result_for(ok_data, GGUF)["verdict"] == "pass"


# --- 8. invalid policy files, policy validate and policy init -----------------------------------


BAD_POLICIES = {
    "wrong-type": ('version: 1\ncontext:\n  monthly_active_users: "lots"\n', 3,
                   ["monthly_active_users", "lots", "integer"]),
    "bad-date": ("version: 1\nexceptions:\n  - model: a/b\n    waive: [LS307]\n    reason: other\n"
                 "    approved_by: me\n    expires: 2026-02-30\n", 7, ["expires", "2026-02-30"]),
    "yaml-syntax": ("version: 1\ncontext:\n  use: [commercial\n  distribution: internal\n", 4,
                    ["not valid YAML"]),
    "wrong-enum": ("version: 1\nname: x\ncontext:\n  use: comercial\n", 4,
                   ["comercial", "commercial, non-commercial, research"]),
}


@pytest.mark.parametrize("case", sorted(BAD_POLICIES))
def test_invalid_policy_exits_2_naming_file_and_line(
    tmp_path: Path, env_for: EnvFor, case: str
) -> None:
    body, line, phrases = BAD_POLICIES[case]
    path = write_policy(tmp_path, body, f"{case}.yaml")
    run = check(env_for(), GEMMA4, "--policy", path)
    assert run.code == 2, (run.out, run.err)
    assert f"{path}:{line}:" in run.err, run.err
    for phrase in phrases:
        assert phrase in run.err, (phrase, run.err)
    assert "Traceback" not in run.err and run.out == ""


def test_unknown_policy_key_exits_2_naming_the_key(tmp_path: Path, env_for: EnvFor) -> None:
    path = write_policy(tmp_path, "version: 1\ncontxt:\n  use: commercial\n", "unknown-key.yaml")
    run = check(env_for(), GEMMA4, "--policy", path)
    assert run.code == 2, (run.out, run.err)
    assert re.search(rf"{re.escape(path)}:\d+: ", run.err), run.err
    assert "'contxt'" in run.err and "context" in run.err
    assert "Traceback" not in run.err and run.out == ""


def test_unknown_policy_key_is_reported_at_its_own_line(tmp_path: Path) -> None:
    path = write_policy(tmp_path, "version: 1\ncontxt:\n  use: commercial\n", "unknown-key.yaml")
    run = run_cli("policy", "validate", path)
    assert run.code == 2
    assert f"{path}:2:" in run.err, run.err


def test_missing_policy_file_exits_2(tmp_path: Path, env_for: EnvFor) -> None:
    path = str(tmp_path / "nope.yaml")
    run = check(env_for(), GEMMA4, "--policy", path)
    assert run.code == 2, (run.out, run.err)
    assert path in run.err and "does not exist" in run.err
    assert "Traceback" not in run.err and run.out == ""


def test_policy_validate_init_and_no_overwrite(tmp_path: Path) -> None:
    good = run_cli("policy", "validate", PERMISSIVE)
    assert good.code == 0, good.err
    assert "valid policy 'permissive-only'" in good.out

    target = tmp_path / "ours.yaml"
    init = run_cli("policy", "init", str(target), "--preset", "commercial-saas")
    assert init.code == 0, init.err
    written = target.read_text(encoding="utf-8")
    assert "name: commercial-saas" in written

    valid = run_cli("policy", "validate", str(target))
    assert valid.code == 0, valid.err
    assert "valid policy 'commercial-saas'" in valid.out

    target.write_text(written + "# our edits\n", encoding="utf-8")
    again = run_cli("policy", "init", str(target), "--preset", "commercial-saas")
    assert again.code == 2, (again.out, again.err)
    assert str(target) in again.err and "--force" in again.err
    assert "Traceback" not in again.err
    assert target.read_text(encoding="utf-8").endswith("# our edits\n")

    forced = run_cli("policy", "init", str(target), "--preset", "commercial-saas", "--force")
    assert forced.code == 0, forced.err
    assert target.read_text(encoding="utf-8") == written


def test_policy_validate_rejects_a_bad_file(tmp_path: Path) -> None:
    path = write_policy(tmp_path, "version: 1\ncontext:\n  use: comercial\n")
    run = run_cli("policy", "validate", path)
    assert run.code == 2
    assert f"{path}:3:" in run.err and "comercial" in run.err


# --- 11. the built-in default policy ------------------------------------------------------------


def test_default_policy_fails_no_license_and_passes_gemma4(env_for: EnvFor) -> None:
    run, data = check_json(env_for(), NO_LICENSE, GEMMA4)
    assert run.code == 1, (run.out, run.err)
    assert data["policy"]["name"] == "licscan default"
    no_license = result_for(data, NO_LICENSE)
    assert no_license["verdict"] == "fail"
    assert no_license["effective_license"] in (None, "")
    ls300 = reasons(no_license, "LS300")
    assert len(ls300) == 1 and ls300[0]["name"] == "unknown" and ls300[0]["severity"] == "error"
    gemma4 = result_for(data, GEMMA4)
    assert gemma4["verdict"] == "pass" and gemma4["effective_license"] == "apache-2.0"


def test_hub_options_show_the_defaults_that_run() -> None:
    """--timeout and --jobs are declared once, with the defaults the engine, the sources and
    the Hub client use: every command that takes them shows the same numbers in --help."""
    import click

    from licscan.cli import cli
    from licscan.defaults import DEFAULT_JOBS, DEFAULT_TIMEOUT
    from licscan.engine import check_targets
    from licscan.sources import SourceOptions

    assert isinstance(cli, click.Group)
    taking = {name: {p.name: p.default for p in command.params}
              for name, command in cli.commands.items()
              if any(p.name == "jobs" for p in command.params)}
    assert set(taking) == {"inspect", "check", "check-manifest", "scan-code", "bundle", "lock",
                           "audit"}
    for name, defaults in taking.items():
        assert (defaults["timeout"], defaults["jobs"]) == (DEFAULT_TIMEOUT, DEFAULT_JOBS), name
        shown = " ".join(run_cli(name, "--help").out.split())  # help wraps its lines
        assert f"[default: {DEFAULT_TIMEOUT};" in shown and f"[default: {DEFAULT_JOBS};" in shown
    assert SourceOptions().timeout == DEFAULT_TIMEOUT
    assert check_targets.__defaults__ is not None and DEFAULT_JOBS in check_targets.__defaults__

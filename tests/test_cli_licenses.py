"""`licscan licenses` and `licscan explain` through the real command line."""

from __future__ import annotations

import json

from tests.helpers import run_cli


def test_explain_llama31_states_its_ai_terms() -> None:
    run = run_cli("explain", "llama3.1")
    assert run.code == 0, run.err
    out = run.out
    assert "Llama 3.1 Community License" in out
    assert "700,000,000 monthly active users" in out
    assert '"Built with Llama"' in out
    assert 'start their name with "Llama"' in out
    assert "Acceptable-use policy applies" in out
    assert "llama3.1-aup" in out


def test_explain_gemma_is_a_family_with_google_terms() -> None:
    run = run_cli("explain", "gemma")
    assert run.code == 0, run.err
    assert "Gemma" in run.out
    assert "gemma-tou-2024-04-01" in run.out  # names its dated versions
    assert "Use restrictions must flow down" in run.out
    assert "The licensor may restrict use remotely" in run.out
    assert "Notice file text" in run.out


def test_explain_apache() -> None:
    run = run_cli("explain", "apache-2.0")
    assert run.code == 0
    assert "use the licensors' patents it covers" in run.out
    assert "ship a NOTICE file" in run.out
    assert "use the licensor's trademarks" in run.out
    assert (
        "scancode-toolkit/blob/v32.5.0/src/licensedcode/data/licenses/apache-2.0.LICENSE" in run.out
    )


def test_explain_cc_by_nc() -> None:
    run = run_cli("explain", "cc-by-nc-4.0")
    assert run.code == 0
    may, _, may_not = run.out.partition("You may not:")
    assert "use it commercially" not in may.split("You must:")[0]
    assert "use it commercially" in may_not
    assert "credit the licensor" in run.out
    assert "category: non-commercial" in run.out


def test_explain_json_has_every_field() -> None:
    run = run_cli("explain", "llama3.1", "--format", "json")
    assert run.code == 0
    data = json.loads(run.out)
    assert data["schema_version"] == 1
    lic = data["license"]
    assert lic["ai_terms"]["user_threshold"]["value"] == 700_000_000
    assert lic["ai_terms"]["name_prefix"] == "Llama"
    assert lic["provenance"]["url"]


def test_explain_unknown_id_exits_2_with_suggestions() -> None:
    run = run_cli("explain", "llama3.l")
    assert run.code == 2
    assert "'llama3.l' is not a license id" in run.err
    assert "llama3.1" in run.err
    assert "Traceback" not in run.err


def test_licenses_lists_and_filters_by_category() -> None:
    run = run_cli("licenses", "--category", "custom-ai")
    assert run.code == 0
    assert "llama3.1" in run.out and "apache-2.0" not in run.out
    data = json.loads(run_cli("licenses", "--format", "json").out)
    ids = {row["id"] for row in data["licenses"]}
    assert {"mit", "apache-2.0", "llama3.1", "gemma", "cc-by-nc-4.0"} <= ids


def test_licenses_rejects_an_unknown_category() -> None:
    run = run_cli("licenses", "--category", "nonsense")
    assert run.code == 2
    assert "permissive" in run.err

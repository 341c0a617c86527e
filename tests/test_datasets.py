"""Training data as lineage: ``licscan check`` reads the datasets a card names, shows them
(relation ``trained on``) and judges their licenses by the policy's ``datasets`` section.

Through the real CLI (in-process) against the fake Hub: the datalab/ fixtures (models naming
permissive, non-commercial, research-only, gated, unlicensed and missing datasets) come from
scripts/make_hub_fixtures.py. Policies are written into tmp_path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fakehub import FakeHub, client_env
from tests.helpers import REPO, Run, run_cli

APPROVED = "hf_test_approved_token"
PRESETS = REPO / "rules" / "policies"
EnvFor = Callable[..., dict[str, str]]


@pytest.fixture(scope="module")
def env_for(hub_server: FakeHub, tmp_path_factory: pytest.TempPathFactory) -> EnvFor:
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


def check_json(env: dict[str, str], target: str, *args: str) -> tuple[Run, dict[str, Any]]:
    run = check(env, "--format", "json", target, *args)
    data = json.loads(run.out)
    [result] = data["results"]
    return run, result


def active(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["rule"]: r for r in result["reasons"] if r["waived_by"] is None}


def write_policy(tmp_path: Path, body: str) -> str:
    path = tmp_path / "policy.yaml"
    path.write_text("version: 1\nname: data test\ncategories:\n  permissive: allow\n" + body,
                    encoding="utf-8")
    return str(path)


# --- the done-when: non-commercial data never passes the default policy silently ------------


def test_non_commercial_data_fails_the_default_policy_for_review(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-nc")
    assert run.code == 1, run.out
    reason = active(result)["LS702"]
    assert reason["decision"] == "review"
    assert "acme/webtext-nc" in reason["message"] and "cc-by-nc-4.0" in reason["message"]
    assert reason["license_id"] == "cc-by-nc-4.0"
    # The data's license judges the data, never the model's own terms.
    assert result["effective_license"] == "apache-2.0"
    [data] = result["lineage"]["bases"]
    assert data == {"repo_id": "acme/webtext-nc", "kind": "dataset", "relation": "trained on",
                    "license": "cc-by-nc-4.0", "own": ["cc-by-nc-4.0"], "error": None,
                    "bases": []}


@pytest.mark.parametrize("preset", ["default", "commercial-saas", "permissive-only"])
def test_no_commercial_preset_passes_non_commercial_data(env_for: EnvFor, preset: str) -> None:
    run = check(env_for(), "datalab/tiny-nc", "--policy", str(PRESETS / f"{preset}.yaml"))
    assert run.code == 1, run.out
    assert "LS702" in run.out


def test_text_report_shows_the_dataset_in_the_lineage(env_for: EnvFor) -> None:
    run = check(env_for(), "datalab/tiny-nc")
    assert "    datalab/tiny-nc  [apache-2.0]" in run.out
    assert "    └─ acme/webtext-nc  [cc-by-nc-4.0]  (trained on)" in run.out
    assert "LS702 error: the model was trained on dataset acme/webtext-nc under cc-by-nc-4.0" \
        in run.out


def test_permissive_data_passes(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-permissive")
    assert run.code == 0, run.out
    assert not [r for r in result["reasons"] if r["rule"].startswith("LS7")]
    assert [b["repo_id"] for b in result["lineage"]["bases"]] == ["datalab/wiki-permissive"]
    assert result["lineage"]["bases"][0]["license"] == "cc-by-4.0"


def test_research_only_data_is_its_own_rule(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-research")
    assert run.code == 1, run.out
    reasons = active(result)
    assert "LS702" not in reasons  # one reason for one license: the more specific term
    assert reasons["LS703"]["decision"] == "review"
    assert "datalab/papers-research" in reasons["LS703"]["message"]
    assert "fair-noncommercial-research-license" in reasons["LS703"]["message"]


def test_research_use_allows_research_data_by_category(env_for: EnvFor, tmp_path: Path) -> None:
    policy = write_policy(tmp_path, "context:\n  use: research\n"
                          "datasets:\n  categories:\n    permissive: allow\n"
                          "    research-only: allow\n")
    run, result = check_json(env_for(), "datalab/tiny-research", "--policy", policy)
    assert run.code == 0, run.out
    assert not [r for r in result["reasons"] if r["rule"].startswith("LS7")]


def test_an_unlisted_category_goes_to_review(env_for: EnvFor, tmp_path: Path) -> None:
    # Research use: the research-only term does not fire, and no category decides it.
    policy = write_policy(tmp_path, "context:\n  use: research\n")
    run, result = check_json(env_for(), "datalab/tiny-research", "--policy", policy)
    assert run.code == 1, run.out
    reason = active(result)["LS700"]
    assert reason["decision"] == "review" and "does not decide research-only data" \
        in reason["message"]


def test_a_license_listed_for_data_beats_terms(env_for: EnvFor, tmp_path: Path) -> None:
    deny = write_policy(tmp_path, "datasets:\n  licenses:\n    deny: [cc-by-nc-4.0]\n")
    run, result = check_json(env_for(), "datalab/tiny-nc", "--policy", deny)
    assert run.code == 1
    assert set(active(result)) == {"LS700"}
    assert active(result)["LS700"]["decision"] == "deny"
    allow = write_policy(tmp_path, "datasets:\n  licenses:\n    allow: [cc-by-nc-4.0]\n")
    run, result = check_json(env_for(), "datalab/tiny-nc", "--policy", allow)
    assert run.code == 0, run.out


def test_warn_for_non_commercial_data_warns(env_for: EnvFor, tmp_path: Path) -> None:
    policy = write_policy(tmp_path, "datasets:\n  terms:\n    non_commercial: warn\n")
    run, result = check_json(env_for(), "datalab/tiny-nc", "--policy", policy)
    assert run.code == 0 and result["verdict"] == "warn"
    assert active(result)["LS702"]["severity"] == "warning"


def test_a_dataset_id_in_the_datasets_section_is_checked(env_for: EnvFor, tmp_path: Path) -> None:
    policy = write_policy(tmp_path, "datasets:\n  licenses:\n    allow: [cc-by-nc-4.00]\n")
    run = check(env_for(), "datalab/tiny-nc", "--policy", policy)
    assert run.code == 2
    assert "datasets.licenses.allow: 'cc-by-nc-4.00' is not a license id" in run.err


def test_unknown_data_goes_to_review(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-unlicensed")
    assert run.code == 1, run.out
    reasons = active(result)
    assert "LS300" not in reasons  # the dataset's missing license is not the model's
    assert reasons["LS701"]["decision"] == "review"
    assert "datalab/unlicensed-corpus" in reasons["LS701"]["message"]


def test_missing_dataset_cannot_be_evaluated(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-missing")
    assert run.code == 2, run.out
    assert result["verdict"] == "error"
    reason = active(result)["LS500"]
    assert "dataset datalab/missing-corpus" in reason["message"]
    assert result["lineage"]["bases"][0]["error"]


def test_gated_dataset_without_token_is_unverifiable(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-gated")
    assert run.code == 1, run.out
    reasons = active(result)
    assert "LS306" in reasons and "datalab/gated-corpus" in reasons["LS306"]["message"]
    assert "LS702" in reasons  # the card's license still says non-commercial
    run, result = check_json(env_for(APPROVED), "datalab/tiny-gated")
    assert "LS306" not in active(result)
    assert "LS702" in active(result)


def test_an_entry_that_is_not_a_dataset_id_is_unverifiable(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-badref")
    assert run.code == 1, run.out
    reason = active(result)["LS306"]
    assert "datasets entry {'name': 'webtext'} cannot be read as a dataset id" in reason["message"]
    assert [b["repo_id"] for b in result["lineage"]["bases"]] == ["datalab/wiki-permissive"]


def test_data_of_a_base_model_is_reached(env_for: EnvFor) -> None:
    run, result = check_json(env_for(), "datalab/tiny-nc-finetune")
    assert run.code == 1, run.out
    assert active(result)["LS702"]["message"].startswith(
        "its base datalab/tiny-nc was trained on dataset acme/webtext-nc under cc-by-nc-4.0")
    [base] = result["lineage"]["bases"]
    assert base["repo_id"] == "datalab/tiny-nc"
    assert base["bases"][0]["relation"] == "trained on"


@pytest.mark.parametrize("waive", ["LS702", "dataset_non_commercial"])
def test_an_exception_waives_a_dataset_reason(env_for: EnvFor, tmp_path: Path,
                                              waive: str) -> None:
    policy = write_policy(tmp_path, f"""exceptions:
  - model: datalab/tiny-nc
    waive: [{waive}]
    reason: legal-approved
    approved_by: legal@example.com
    expires: "2999-01-01"
""")
    run, result = check_json(env_for(), "datalab/tiny-nc", "--policy", policy)
    assert run.code == 0, run.out
    [reason] = [r for r in result["reasons"] if r["rule"] == "LS702"]
    assert reason["waived_by"] and "legal@example.com" in reason["waived_by"]


def test_a_local_folder_naming_a_hub_dataset_reads_it(env_for: EnvFor, tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "README.md").write_text("---\nlicense: apache-2.0\ndatasets:\n"
                                      "  - acme/webtext-nc\n---\n# my model\n", encoding="utf-8")
    (folder / "LICENSE").write_text((REPO / "rules" / "licenses" / "apache-2.0.txt")
                                    .read_text(encoding="utf-8"), encoding="utf-8")
    run, result = check_json(env_for(), str(folder))
    assert run.code == 1, run.out
    assert "acme/webtext-nc" in active(result)["LS702"]["message"]


# --- reports ---------------------------------------------------------------------------------


def test_every_report_shows_data_reached_through_a_base(env_for: EnvFor, tmp_path: Path) -> None:
    out = {kind: tmp_path / name for kind, name in (
        ("spdx", "r.spdx.json"), ("cyclonedx", "r.cdx.json"), ("markdown", "r.md"),
        ("html", "r.html"))}
    args = [a for kind, path in out.items() for a in ("--output", f"{kind}={path}")]
    run = run_cli("check", "datalab/tiny-nc-finetune", *args, env=env_for(), cwd=tmp_path)
    assert run.code == 1, run.err
    assert "       └─ acme/webtext-nc  [cc-by-nc-4.0]  (trained on)" in run.out

    markdown = out["markdown"].read_text("utf-8")
    assert "    - `acme/webtext-nc`: cc-by-nc-4.0 (trained on)" in markdown
    assert "LS702" in markdown
    html = out["html"].read_text("utf-8")
    assert "<code>acme/webtext-nc</code>" in html and "(trained on)" in html

    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    bom_text = out["cyclonedx"].read_text("utf-8")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(bom_text) is None
    bom = json.loads(bom_text)
    [data] = [c for c in bom["components"] if c["type"] == "data"]
    assert data["purl"].startswith("pkg:huggingface/datasets/acme/webtext-nc@")
    assert {lic["license"]["id"] for lic in data["licenses"]} == {"CC-BY-NC-4.0"}
    tiny = next(c["bom-ref"] for c in bom["components"] if c.get("name") == "tiny-nc")
    edges = {d["ref"]: d.get("dependsOn", []) for d in bom["dependencies"]}
    assert edges[tiny] == [data["bom-ref"]]

    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    assert validate_full_spdx_document(parse_file(str(out["spdx"]))) == []
    spdx = json.loads(out["spdx"].read_text("utf-8"))
    [package] = [p for p in spdx["packages"] if p["name"] == "acme/webtext-nc"]
    assert package["licenseConcluded"] == "CC-BY-NC-4.0"
    [trained] = [r for r in spdx["relationships"]
                 if r["relatedSpdxElement"] == package["SPDXID"]]
    assert trained["relationshipType"] == "OTHER"
    assert "trained on dataset acme/webtext-nc" in trained["comment"]


# --- reading the card ------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("acme/webtext-nc", "acme/webtext-nc"),
    ("datasets/acme/webtext-nc", "acme/webtext-nc"),
    ("https://huggingface.co/datasets/acme/webtext-nc", "acme/webtext-nc"),
    ("hf.co/datasets/acme/webtext-nc/tree/main", "acme/webtext-nc"),
    ("squad", "squad"),
])
def test_dataset_ids_are_read_like_base_models(value: str, expected: str) -> None:
    from licscan.sources.card import read_datasets

    assert read_datasets({"datasets": [value]}) == ((expected,), ())


@pytest.mark.parametrize(("value", "why"), [
    ("https://huggingface.co/acme/some-model", "does not name a dataset page"),
    ("https://example.com/data.tar", "not one of the Hugging Face Hub"),
    ({"name": "x"}, "mapping"),
    (42, "int"),
    ("", "empty"),
    ("a/b/c", "not org/name"),
])
def test_a_value_that_is_not_a_dataset_id_is_a_problem(value: object, why: str) -> None:
    from licscan.sources.card import read_datasets

    ids, problems = read_datasets({"datasets": ["acme/webtext-nc", value]})
    assert ids == ("acme/webtext-nc",)  # the good entry is kept
    [problem] = problems
    assert problem.kind == "unverifiable" and why in problem.message


def test_the_hubs_dataset_tags_are_read_too() -> None:
    from licscan.sources.card import read_datasets

    ids, problems = read_datasets({"datasets": ["acme/webtext-nc"]},
                                  ("dataset:ACME/webtext-nc", "dataset:datalab/wiki-permissive",
                                   "license:mit", "dataset:a/b/c"))
    assert ids == ("acme/webtext-nc", "datalab/wiki-permissive")
    [problem] = problems
    assert "'dataset:a/b/c'" in problem.message and problem.kind == "unverifiable"


def test_inspect_lists_the_datasets_a_card_names(env_for: EnvFor) -> None:
    run = run_cli("inspect", "datalab/tiny-nc", env=env_for())
    assert run.code == 0, run.err
    assert "  trained on (datasets):\n    └─ acme/webtext-nc" in run.out


# --- resolution --------------------------------------------------------------------------------


def test_a_dataset_shared_by_two_models_is_fetched_once(hub: FakeHub, hub_env: dict[str, str]
                                                        ) -> None:
    run = check(hub_env, "datalab/tiny-nc", "datalab/tiny-nc-finetune", "--jobs", "1")
    assert run.code == 1, run.out
    infos = [r for r in hub.requests if r.path.startswith("/api/datasets/acme/webtext-nc")]
    assert len(infos) == 1, [r.path for r in hub.requests]


# --- presets -----------------------------------------------------------------------------------


def test_permissive_only_denies_restricted_and_unknown_data(env_for: EnvFor) -> None:
    policy = str(PRESETS / "permissive-only.yaml")
    for target, rule in (("datalab/tiny-nc", "LS702"), ("datalab/tiny-research", "LS703"),
                         ("datalab/tiny-unlicensed", "LS701")):
        run, result = check_json(env_for(), target, "--policy", policy)
        assert run.code == 1, (target, run.out)
        assert active(result)[rule]["decision"] == "deny", target


def test_internal_research_allows_research_and_non_commercial_data(env_for: EnvFor) -> None:
    policy = str(PRESETS / "internal-research.yaml")
    for target in ("datalab/tiny-nc", "datalab/tiny-research"):
        run, result = check_json(env_for(), target, "--policy", policy)
        assert run.code == 0, run.out
        assert not [r for r in result["reasons"] if r["rule"].startswith("LS7")], target
    _run, result = check_json(env_for(), "datalab/tiny-unlicensed", "--policy", policy)
    assert active(result)["LS701"]["decision"] == "review"


def test_scan_code_knows_a_policy_with_a_datasets_section() -> None:
    # scan-code skips licscan's own policy files by their top-level keys: a new policy key
    # (datasets) must be one of them, or a policy's exceptions would be read as model uses.
    from licscan.policy.loader import policy_schema
    from licscan.references import POLICY_KEYS

    assert set(policy_schema()["properties"]) == POLICY_KEYS


def test_offline_the_cache_holds_the_data_a_model_was_trained_on(hub: FakeHub,
                                                                 hub_env: dict[str, str]) -> None:
    assert check(hub_env, "datalab/tiny-nc").code == 1  # online: model and dataset cached
    offline = {**hub_env, "HF_HUB_OFFLINE": "1"}
    hub.clear_requests()
    run, result = check_json(offline, "datalab/tiny-nc")
    assert run.code == 1, run.out
    assert "acme/webtext-nc" in active(result)["LS702"]["message"]
    # Nothing asked of the Hub (a request of an earlier test may land in the shared log).
    assert not [r for r in hub.requests if "tiny-nc" in r.path or "webtext" in r.path]


@pytest.mark.parametrize("section", ["terms:\n    non_commercial: obligation",
                                     "unknown: maybe", "licences:\n    allow: [mit]"])
def test_a_malformed_datasets_section_is_a_policy_error(env_for: EnvFor, tmp_path: Path,
                                                        section: str) -> None:
    policy = write_policy(tmp_path, f"datasets:\n  {section}\n")
    run = check(env_for(), "datalab/tiny-nc", "--policy", policy)
    assert run.code == 2, run.out
    assert "datasets" in run.err

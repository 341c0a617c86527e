"""Fail closed in resolution and policy (issue 10): nothing licscan does not understand passes.

Inputs are ``RepoSnapshot`` / ``FileReport`` values, real reference texts from rules/ (edited in
the test where an adversarial text is needed), local folders in tmp_path and fake-Hub repos.
Every test names the protection it guards; each fails when that protection is removed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from licscan.engine import Resolver
from licscan.errors import PolicyError, SourceError
from licscan.licenses import load_catalog
from licscan.matching import identify_bytes
from licscan.model import (
    Assessment,
    BaseModelRef,
    Detection,
    FileReport,
    Passage,
    RepoFile,
    RepoSnapshot,
    SourceProblem,
    Span,
    Verdict,
)
from licscan.policy.evaluate import evaluate
from licscan.policy.loader import PRESETS, load_policy, parse_policy, preset_text
from licscan.policy.model import Policy
from tests.fakehub import FakeHub, client_env
from tests.helpers import REPO, Run, run_cli

CORP = REPO / "examples" / "corp.yaml"
VISION = "meta-llama/Llama-3.2-11B-Vision-Instruct"
VISION_GGUF = "quant-lab/Llama-3.2-11B-Vision-Instruct-GGUF"
ORPHAN = "orphans/orphan-finetune"
LLAMA31 = "meta-llama/Llama-3.1-8B-Instruct"
APPROVED = "hf_test_approved_token"


# --- helpers ------------------------------------------------------------------------------------


def text(license_id: str) -> bytes:
    catalog = load_catalog()
    return catalog.text(catalog.lookup(license_id)).encode()


def snap(repo: str, license: object = None, files: dict[str, bytes] | None = None,
         bases: tuple[tuple[str, str | None], ...] = (), roles: dict[str, str] | None = None,
         **fields: object) -> RepoSnapshot:
    card = {k: v for k, v in fields.items() if k not in ("access", "problems", "access_reason")}
    if license is not None:
        card["license"] = license
    return RepoSnapshot(
        target=repo, repo_id=repo, commit="c" * 40, card=card,
        files=tuple(RepoFile(p, data=b, size=len(b), role=(roles or {}).get(p, "license"))
                    for p, b in (files or {}).items()),
        base_models=tuple(BaseModelRef(b, r) for b, r in bases),
        access=str(fields.get("access", "granted")),
        access_reason=fields.get("access_reason"),  # type: ignore[arg-type]
        problems=fields.get("problems", ()),  # type: ignore[arg-type]
        license_link=fields.get("license_link"),  # type: ignore[arg-type]
    )


def reports(s: RepoSnapshot) -> tuple[FileReport, ...]:
    return tuple(identify_bytes(f.data, f.path) for f in s.files if f.data is not None)


class Hub:
    def __init__(self, *snapshots: RepoSnapshot) -> None:
        self.repos = {s.repo_id: s for s in snapshots}

    def __call__(self, repo_id: str) -> tuple[RepoSnapshot, tuple[FileReport, ...]]:
        if repo_id not in self.repos:
            raise SourceError(f"{repo_id} was not found on the Hub")
        s = self.repos[repo_id]
        return s, reports(s)


def resolve(s: RepoSnapshot, hub: Hub | None = None,
            files: tuple[FileReport, ...] | None = None) -> Assessment:
    return Resolver(fetch=hub or Hub()).resolve(s, reports(s) if files is None else files)


def kinds(a: Assessment) -> list[str]:
    return [f.kind for f in a.findings]


def corp() -> Policy:
    return load_policy(CORP)


def every_policy() -> list[tuple[str, Policy]]:
    return [(n, parse_policy(preset_text(n), n)) for n in PRESETS] + [("corp", corp())]


def rules(verdict: Verdict) -> set[str]:
    return {r.rule for r in verdict.reasons if r.waived_by is None}


def unknown_report(path: str, status: str = "unknown") -> FileReport:
    return FileReport(path, status, size=120)


# --- 1. the contract: unexplained passages, source problems, statements ---------------------


def test_an_unexplained_passage_is_a_quoted_finding_that_fails() -> None:
    s = snap("o/m", "mit", {"LICENSE": text("mit")})
    report = reports(s)[0]
    passage = Passage("This Software may not be used for any commercial purpose.",
                      Span(3, 3, 40, 98))
    a = resolve(s, files=(replace(report, unexplained=(passage,)),))
    finding = next(f for f in a.findings if f.kind == "unexplained")
    assert "LICENSE, line 3" in finding.message and "any commercial purpose" in finding.message
    assert finding.quote == passage.text
    for name, policy in every_policy():
        verdict = evaluate(a, policy)
        assert verdict.status == "fail" and "LS308" in rules(verdict), name


def test_a_readme_license_section_passage_is_a_finding_too() -> None:
    s = snap("o/m", "mit", {"README.md": b"# m\n\n## License\n\nMIT, research use only.\n"},
             roles={"README.md": "readme"})
    report = FileReport("README.md", "unknown", unexplained=(
        Passage("research use only.", Span(5, 5, 20, 38)),))
    a = resolve(s, files=(report,))
    assert kinds(a) == ["unexplained"]  # a README is not a license file: no LS301 for it
    assert "README.md, line 5" in a.findings[0].message


@pytest.mark.parametrize("kind", ["unverifiable", "unrecognized", "lineage"])
def test_every_source_problem_becomes_a_finding_of_its_kind(kind: str) -> None:
    problem = SourceProblem(kind, "the 13th license file weights/LICENSE was not read")
    a = resolve(snap("o/m", "mit", {"LICENSE": text("mit")}, problems=(problem,)))
    assert kinds(a) == [kind]
    assert a.findings[0].message == problem.message
    assert evaluate(a, corp()).status == "fail"


def test_a_source_problem_of_a_kind_resolve_does_not_know_still_fails() -> None:
    a = resolve(snap("o/m", "mit", {"LICENSE": text("mit")},
                     problems=(SourceProblem("surprise", "something odd"),)))
    assert kinds(a) == ["unrecognized"]
    assert evaluate(a, corp()).status == "fail"


def test_a_reference_statement_establishes_a_license_and_conflicts_with_the_card() -> None:
    s = snap("o/m", "mit", {"NOTICE": b"Licensed under the Apache License, Version 2.0."})
    detection = Detection("apache-2.0", "Apache License 2.0", "match", 1.0, "statement",
                          Span(1, 1, 0, 47), 1.0, 1.0, kind="reference")
    a = resolve(s, files=(FileReport("NOTICE", "identified", (detection,)),))
    assert "apache-2.0" in a.license_ids and "mit" in a.license_ids
    assert kinds(a) == ["conflict"]
    assert any("reference" in e.detail for e in a.evidence if e.source == "file NOTICE")


# --- 2. unrecognised is never ignored -----------------------------------------------------------


def test_card_mit_with_a_license_file_licscan_cannot_identify_fails() -> None:
    a = resolve(snap("o/m", "mit", {"LICENSE": b"-"}), files=(unknown_report("LICENSE"),))
    assert "unrecognized" in kinds(a)
    assert set(a.license_ids) == {"mit", "unknown"}  # the card never stands in for the file
    for name, policy in every_policy():
        verdict = evaluate(a, policy)
        assert verdict.status == "fail" and "LS301" in rules(verdict), name


def test_a_policy_may_lower_unrecognized_only_explicitly() -> None:
    a = resolve(snap("o/m", "mit", {"LICENSE": b"-"}), files=(unknown_report("LICENSE"),))
    lowered = parse_policy(preset_text("default") .replace(
        "unrecognized: review", "unrecognized: warn").replace(
        "  unknown: deny\n", "  unknown: warn\n"), "lowered")
    verdict = evaluate(a, lowered)
    assert "LS301" not in {r.rule for r in verdict.reasons if r.severity == "error"}


def test_a_copyright_only_license_file_is_unrecognized() -> None:
    a = resolve(snap("o/m", "mit", {"LICENSE": b"Copyright 2025 ACME"}),
                files=(unknown_report("LICENSE", "copyright-only"),))
    finding = next(f for f in a.findings if f.kind == "unrecognized")
    assert "LICENSE" in finding.message and "copyright" in finding.message


def test_deepseek_v3_layout_keeps_the_unknown_model_license_beside_mit() -> None:
    s = snap("deepseek-ai/x", "other", {"LICENSE-CODE": text("mit"), "LICENSE-MODEL": b"-"},
             license_link="LICENSE-MODEL")
    files = (identify_bytes(text("mit"), "LICENSE-CODE"), unknown_report("LICENSE-MODEL"))
    a = resolve(s, files=files)
    assert set(a.license_ids) == {"mit", "unknown"}
    assert any(f.kind == "unrecognized" and "LICENSE-MODEL" in f.message for f in a.findings)
    assert evaluate(a, corp()).status == "fail"


def test_other_beside_mit_with_nothing_naming_the_other_fails() -> None:
    a = resolve(snap("o/m", ["other", "mit"], {"LICENSE": text("mit")}))
    assert "unrecognized" in kinds(a) and "unknown" in a.license_ids
    assert evaluate(a, corp()).status == "fail"
    named = resolve(snap("o/m", ["other", "mit"], {"LICENSE": text("mit")},
                         license_name="deepseek"))
    assert "unrecognized" not in kinds(named) and "deepseek" in named.license_ids


def test_a_llama_use_policy_under_an_apache_card_brings_the_llama_terms() -> None:
    s = snap("o/m", "apache-2.0", {"LICENSE": text("apache-2.0"),
                                   "USE_POLICY.md": text("llama3.1-aup")},
             roles={"USE_POLICY.md": "use-policy"})
    a = resolve(s)
    assert "llama3.1" in a.license_ids and "apache-2.0" in a.license_ids
    assert any(f.kind == "conflict" and "USE_POLICY.md" in f.message for f in a.findings)
    verdict = evaluate(a, corp())
    assert verdict.status == "fail"
    assert any(o.license_id == "llama3.1" for o in verdict.obligations)  # Llama's duties


# --- 3. could not evaluate is exit 2; gated is unverifiable and fails by default ------------


def test_a_base_that_cannot_be_read_is_could_not_evaluate_in_every_policy() -> None:
    a = resolve(snap("a/ft", "mit", {"LICENSE": text("mit")},
                     bases=(("gone/base", "finetune"),)))
    assert kinds(a) == ["could_not_evaluate"]
    for name, policy in every_policy():
        verdict = evaluate(a, policy)
        assert verdict.status == "error", name
        assert "LS500" in rules(verdict) and "gone/base" in (verdict.error or "")
        assert "not found" in (verdict.error or "")


def test_no_exception_turns_could_not_evaluate_into_a_pass() -> None:
    a = resolve(snap("a/ft", "mit", bases=(("gone/base", "finetune"),)))
    policy = parse_policy(preset_text("default") + """exceptions:
  - model: a/ft
    waive: [all]
    reason: legal-approved
    approved_by: legal@example.com
    expires: 2999-01-01
""", "waive-all")
    assert evaluate(a, policy).status == "error"


def test_cycles_and_too_deep_chains_cannot_be_evaluated() -> None:
    hub = Hub(snap("a/one", "mit", bases=(("a/two", "finetune"),)),
              snap("a/two", "mit", bases=(("a/one", "finetune"),)))
    cycle = evaluate(resolve(hub.repos["a/one"], hub), corp())
    assert cycle.status == "error" and "cycle" in (cycle.error or "")
    chain = [snap(f"c/{i}", "mit", bases=((f"c/{i + 1}", "finetune"),)) for i in range(20)]
    deep = evaluate(resolve(chain[0], Hub(*chain)), corp())
    assert deep.status == "error" and "deeper than" in (deep.error or "")


def gated_assessment() -> Assessment:
    s = snap("meta-llama/x", "llama3.1", access="denied", access_reason="401")
    s = replace(s, files=(RepoFile("LICENSE", unavailable="gated: 401"),), gated="manual")
    return resolve(s)


def test_gated_files_without_a_token_fail_by_default_and_say_to_pass_a_token() -> None:
    a = gated_assessment()
    assert kinds(a) == ["unverifiable"] and "--token" in a.findings[0].message
    assert "HF_TOKEN" in a.findings[0].message
    assert Policy(source="x", name="x").findings["unverifiable"] == "review"
    for name, policy in every_policy():
        verdict = evaluate(a, policy)
        assert verdict.status == "fail" and "LS306" in rules(verdict), name


def test_a_policy_may_accept_gated_files_as_a_warning_explicitly() -> None:
    text_ = CORP.read_text().replace("unverifiable: review", "unverifiable: warn")
    assert "unverifiable: warn" in text_
    verdict = evaluate(gated_assessment(), parse_policy(text_, "corp-warn"))
    assert {r.rule for r in verdict.reasons if r.severity == "error"} <= {"LS200"}
    assert "LS306" in {r.rule for r in verdict.reasons if r.severity == "warning"}


# --- 4. terms follow the model's nature ------------------------------------------------------


def test_a_text_tagged_quantization_of_a_vision_model_is_multimodal_like_its_base() -> None:
    hub = Hub(snap("meta/vision", "llama3.2", {"LICENSE": text("llama3.2")},
                   pipeline_tag="image-text-to-text"))
    a = resolve(snap("q/gguf", "llama3.2", pipeline_tag="text-generation",
                     bases=(("meta/vision", "quantized"),)), hub)
    assert a.multimodal is True
    verdict = evaluate(a, corp())
    assert verdict.status == "fail" and "LS202" in rules(verdict)


@pytest.mark.parametrize("license_id", ["tencent-hunyuan-video-cla", "tencent-hunyuan-3d-2.0-cla"])
@pytest.mark.parametrize("territory", ["DE", "GB", "KR", "EU"])
def test_tencent_hunyuan_territories_fire_for_iso_codes(license_id: str, territory: str) -> None:
    body = CORP.read_text().replace("territories: [US, DE]", f"territories: [{territory}]")
    a = Assessment("t/h", "t/h", license_ids=(license_id,), own_ids=(license_id,))
    assert "LS202" in rules(evaluate(a, parse_policy(body, "p")))
    us = parse_policy(CORP.read_text().replace("territories: [US, DE]", "territories: [US]"),
                      "us")
    assert "LS202" not in rules(evaluate(a, us))


def test_territory_names_are_normalised_at_catalog_load() -> None:
    from licscan.licenses.entry import AITerms

    terms = AITerms.from_mapping({"territorial_exclusions": [
        {"territory": "European Union"}, {"territory": "United Kingdom"},
        {"territory": "South Korea"}]})
    assert [t.territory for t in terms.territorial_exclusions] == ["EU", "GB", "KR"]
    assert "DE" in terms.territorial_exclusions[0].codes
    with pytest.raises(ValueError, match="Atlantis"):
        AITerms.from_mapping({"territorial_exclusions": [{"territory": "Atlantis"}]})


def test_an_unknown_policy_license_id_is_an_error_naming_the_closest() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy("version: 1\nname: x\nlicenses:\n  deny: [mit, llama-3-1]\n", "p.yaml")
    assert "llama-3-1" in info.value.message and "llama3.1" in info.value.message
    assert "p.yaml:4" in info.value.message


def test_policy_validate_rejects_an_unknown_license_id(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(CORP.read_text().replace("deny: [agpl-3.0-only]",
                                             "deny: [agpl-3.0-only, llama-3-1]"))
    run = run_cli("policy", "validate", str(path))
    assert run.code == 2, (run.out, run.err)
    assert "llama-3-1" in run.err and "llama3.1" in run.err


def test_a_family_id_in_the_policy_covers_every_member(tmp_path: Path) -> None:
    folder = tmp_path / "gemma-model"
    folder.mkdir()
    (folder / "LICENSE").write_bytes(text("gemma-tou-2024-04-01"))
    (folder / "README.md").write_text("---\nlicense: gemma\n---\n# model\n")
    policy = tmp_path / "p.yaml"
    policy.write_text(CORP.read_text().replace("deny: [agpl-3.0-only]",
                                               "deny: [agpl-3.0-only, gemma]"))
    run = run_cli("check", str(folder), "--policy", str(policy), "--format", "json")
    assert run.code == 1, (run.out, run.err)
    result = json.loads(run.out)["results"][0]
    assert "gemma-tou-2024-04-01" in result["license_ids"]
    ls101 = [r for r in result["reasons"] if r["rule"] == "LS101"]
    assert any(r["license_id"] == "gemma-tou-2024-04-01" for r in ls101), result["reasons"]


# --- 5. terms and obligations stay complete ------------------------------------------------------


def test_a_quantization_keeps_every_license_of_its_base() -> None:
    hub = Hub(snap("m/base", ["mit", "llama3.1"], {"LICENSE": text("mit")}))
    a = resolve(snap("q/gguf", "llama3.1", bases=(("m/base", "quantized"),)), hub)
    assert set(a.license_ids) == {"mit", "llama3.1"}


def test_an_nvidia_quantization_of_an_mit_base_is_under_both() -> None:
    hub = Hub(snap("m/base", "mit", {"LICENSE": text("mit")}))
    a = resolve(snap("n/fp8", "nvidia-open-model", bases=(("m/base", "quantized"),)), hub)
    assert set(a.license_ids) == {"mit", "nvidia-open-model"}


def test_a_license_code_file_does_not_drop_the_cards_model_license() -> None:
    a = resolve(snap("o/m", "llama3.1", {"LICENSE-CODE": text("mit")}))
    assert set(a.license_ids) == {"mit", "llama3.1"}


def test_ordinary_conditions_are_reported_next_to_the_ai_terms() -> None:
    policy = corp()
    gemma = evaluate(Assessment("g/m", "g/m", license_ids=("gemma",), own_ids=("gemma",)),
                     policy)
    assert "LS214" in {o.rule for o in gemma.obligations}  # mark the files you changed
    assert "LS211" in {o.rule for o in gemma.obligations}  # its own NOTICE text, once
    cc = evaluate(Assessment("c/m", "c/m", license_ids=("cc-by-4.0",), own_ids=("cc-by-4.0",)),
                  policy)
    assert any("attribution" in o.text for o in cc.obligations)


@pytest.mark.parametrize(("license_id", "key"), [
    ("llama3.1", "monthly_active_users: 3000000"),
    ("stability-ai-community", None),
])
def test_a_threshold_the_policy_does_not_answer_is_a_review(license_id: str,
                                                           key: str | None) -> None:
    body = CORP.read_text()
    if key:
        body = body.replace(f"  {key}\n", "")
    a = Assessment("o/m", "o/m", license_ids=(license_id,), own_ids=(license_id,))
    verdict = evaluate(a, parse_policy(body, "p"))
    ls200 = [r for r in verdict.reasons if r.rule == "LS200"]
    assert ls200 and ls200[0].decision == "review" and verdict.status == "fail"
    assert "does not state" in ls200[0].message


# --- through the CLI and the fake Hub -----------------------------------------------------------


@pytest.fixture(scope="module")
def hub_client(hub_server: FakeHub, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return client_env(hub_server.url, tmp_path_factory.mktemp("hf-home"))


def check(env: dict[str, str], *args: str) -> Run:
    run = run_cli("check", *args, env=env)
    assert "Traceback" not in run.out + run.err, run.err
    return run


@pytest.mark.parametrize("preset", [*PRESETS, "corp"])
def test_a_base_that_answers_404_exits_2_under_every_preset(hub_client: dict[str, str],
                                                           preset: str) -> None:
    policy = str(CORP) if preset == "corp" else str(REPO / "rules" / "policies" /
                                                    f"{preset}.yaml")
    run = check(hub_client, ORPHAN, "--policy", policy, "--format", "json")
    assert run.code == 2, (run.out, run.err)
    result = json.loads(run.out)["results"][0]
    assert result["verdict"] == "error"
    assert any(r["rule"] == "LS500" and "orphans/no-such-base" in r["message"]
               for r in result["reasons"])
    assert "could not be evaluated" in run.err


def test_a_text_tagged_quantization_of_llama_vision_fails_a_de_policy_like_its_base(
    hub_server: FakeHub, tmp_path: Path,
) -> None:
    env = client_env(hub_server.url, tmp_path / "hf")
    env["HF_TOKEN"] = APPROVED
    run = check(env, VISION_GGUF, VISION, "--policy", str(CORP), "--format", "json")
    assert run.code == 1, (run.out, run.err)
    for result in json.loads(run.out)["results"]:
        assert result["verdict"] == "fail", result["target"]
        assert "LS202" in {r["rule"] for r in result["reasons"]}, result["target"]


def test_gated_without_a_token_fails_corp_with_the_token_hint(hub_client: dict[str, str]) -> None:
    run = check(hub_client, LLAMA31, "--policy", str(CORP), "--format", "json")
    assert run.code == 1, (run.out, run.err)
    result = json.loads(run.out)["results"][0]
    ls306 = [r for r in result["reasons"] if r["rule"] == "LS306"]
    assert ls306 and ls306[0]["severity"] == "error" and "--token" in ls306[0]["message"]


# --- 6. thread safety ------------------------------------------------------------------------

ENGINE_RUN = """
import sys
from licscan.engine import check_targets
from licscan.policy.loader import load_policy
from licscan.sources import SourceOptions
targets = sys.argv[1:]
policy = load_policy(None)
for _ in range(3):
    verdicts = check_targets(targets, SourceOptions(timeout=30), policy, jobs=16)
    assert [v.target for v in verdicts] == targets
    print(sorted({v.status for v in verdicts}))
"""


def test_fifty_targets_on_sixteen_threads_never_crash(hub_server: FakeHub,
                                                      tmp_path: Path) -> None:
    """The engine in-process (a fresh process per round, so each first parse races anew)."""
    repos = sorted(str(p.parent.relative_to(REPO / "fixtures" / "hub"))
                   for p in (REPO / "fixtures" / "hub").rglob("_hub.json")
                   if not str(p.parent.relative_to(REPO / "fixtures" / "hub"))
                   .startswith("datasets/"))
    targets = (repos * 3)[:50]
    for round_ in range(3):
        cache = tmp_path / f"cache-{round_}"  # a cold catalog and index each round
        env = client_env(hub_server.url, tmp_path / f"hf-{round_}")
        env["LICSCAN_CACHE_DIR"] = str(cache)
        proc = subprocess.run([sys.executable, "-c", ENGINE_RUN, *targets], env=env,
                              capture_output=True, text=True, cwd=REPO, timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert proc.stdout.count("[") == 3


PARSE_RACE = """
import sys, threading
from licscan.licenses.catalog import load_catalog
from licscan.licenses.expression import parse_expression
load_catalog()
barrier = threading.Barrier(16)
errors = []
def work():
    barrier.wait()  # every thread makes the first parse at once
    try:
        parse_expression("mit AND llama3.1 AND (apache-2.0 OR gpl-2.0-only)")
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=work) for _ in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors[:2])
sys.exit(1 if errors else 0)
"""


def test_the_first_expression_parse_is_safe_on_sixteen_threads_at_once() -> None:
    """The shared Licensing is complete before a thread sees it (it used to publish its
    tokenizer half-built: AttributeError in most fresh processes)."""
    for _ in range(6):
        proc = subprocess.run([sys.executable, "-c", PARSE_RACE], capture_output=True,
                              text=True, cwd=REPO, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]


@pytest.mark.parametrize("member", ["llama2", "llama3.1", "llama4"])
def test_deny_llama_denies_every_llama_version(member: str) -> None:
    body = CORP.read_text().replace("deny: [agpl-3.0-only]", "deny: [agpl-3.0-only, llama]")
    a = Assessment("m/l", "m/l", license_ids=(member,), own_ids=(member,))
    verdict = evaluate(a, parse_policy(body, "p"))
    assert any(r.rule == "LS101" and r.license_id == member for r in verdict.reasons)
    assert verdict.status == "fail"

"""Policy evaluation semantics on assessments built by hand: expressions, terms, exceptions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from licscan.errors import PolicyError
from licscan.lock import with_drift
from licscan.model import (
    FINDING_KINDS,
    TERM_NAMES,
    Assessment,
    Finding,
    FindingKind,
    Reason,
    verdict_status,
)
from licscan.policy.evaluate import could_not_evaluate, evaluate
from licscan.policy.loader import load_policy, parse_policy
from licscan.policy.model import DEFAULT_TERMS
from licscan.policy.rules import FINDING_RULES, TERM_RULES

TODAY = dt.date(2026, 11, 24)

BASE = """
version: 1
name: test
context:
  use: commercial
  distribution: hosted-service
  monthly_active_users: {mau}
  territories: [{territory}]
categories:
  permissive: allow
  custom-ai: allow
  copyleft: deny
"""


def policy(mau: int = 1000, territory: str = "US", extra: str = ""):  # type: ignore[no-untyped-def]
    return parse_policy(BASE.format(mau=mau, territory=territory) + extra, "test.yaml")


def assessed(*ids: str, findings: tuple[Finding, ...] = (), multimodal: bool | None = None,
             repo: str = "org/model", commit: str = "a" * 40) -> Assessment:
    return Assessment(target=repo, repo_id=repo, commit=commit, license_ids=ids, own_ids=ids,
                      findings=findings, multimodal=multimodal)


def rules(verdict) -> set[str]:  # type: ignore[no-untyped-def]
    return {r.rule for r in verdict.reasons if r.waived_by is None}


def test_permissive_passes_with_its_obligations() -> None:
    verdict = evaluate(assessed("apache-2.0"), policy(), today=TODAY)
    assert verdict.status == "pass" and not verdict.reasons
    assert any("NOTICE" in o.text for o in verdict.obligations)


def test_and_takes_the_worst_and_merges_obligations() -> None:
    verdict = evaluate(assessed("mit", "gpl-3.0-only"), policy(), today=TODAY)
    assert verdict.status == "fail"
    assert "LS102" in rules(verdict)
    licenses = {o.license_id for o in verdict.obligations}
    assert {"mit", "gpl-3.0-only"} <= licenses


def test_or_takes_the_best_branch() -> None:
    from licscan.licenses import load_catalog
    from licscan.licenses.expression import parse_expression
    from licscan.policy.evaluate import _judge

    pol = policy()
    chosen = _judge(parse_expression("gpl-3.0-only OR mit"), pol, assessed("mit"),
                    load_catalog())
    assert not chosen.reasons
    both = _judge(parse_expression("gpl-3.0-only AND mit"), pol, assessed("mit"), load_catalog())
    assert both.reasons


def test_with_is_judged_as_one_unit() -> None:
    from licscan.licenses import load_catalog
    from licscan.licenses.expression import parse_expression
    from licscan.policy.evaluate import _judge

    result = _judge(parse_expression("GPL-2.0-only WITH Classpath-exception-2.0"), policy(),
                    assessed("mit"), load_catalog())
    assert [r.license_id for r in result.reasons] == ["gpl-2.0-only"]


def test_unlisted_category_is_not_allowed() -> None:
    verdict = evaluate(assessed("cc-by-nc-4.0"), policy(), today=TODAY)
    assert "LS100" in rules(verdict)
    assert "LS204" in rules(verdict), "non-commercial license under commercial use"


def test_license_list_beats_category() -> None:
    pol = policy(extra="licenses:\n  deny: [MIT]\n")
    verdict = evaluate(assessed("mit"), pol, today=TODAY)
    assert "LS101" in rules(verdict) and verdict.status == "fail"


def test_user_threshold_fires_only_above_it() -> None:
    above = evaluate(assessed("llama3.1"), policy(mau=900_000_000), today=TODAY)
    assert "LS200" in rules(above) and above.status == "fail"
    below = evaluate(assessed("llama3.1"), policy(mau=1_000_000), today=TODAY)
    assert "LS200" not in rules(below)
    texts = " ".join(o.text for o in below.obligations)
    assert "Built with Llama" in texts and 'name with "Llama"' in texts


@pytest.mark.parametrize(("territory", "multimodal", "fires"), [
    ("DE", True, True), ("EU", None, True), ("US", True, False), ("FR", False, False),
])
def test_eu_clause_of_the_llama_32_use_policy(territory: str, multimodal: bool | None,
                                              fires: bool) -> None:
    verdict = evaluate(assessed("llama3.2", multimodal=multimodal), policy(territory=territory),
                       today=TODAY)
    assert ("LS202" in rules(verdict)) is fires


def test_findings_follow_the_policy() -> None:
    # Unverifiable (gated, unread) fails unless the policy accepts it as a warning, explicitly.
    finding = Finding("unverifiable", "gated")
    default = evaluate(assessed("mit", findings=(finding,)), policy(), today=TODAY)
    assert default.status == "fail" and "LS306" in rules(default)
    warn = evaluate(assessed("mit", findings=(finding,)),
                    policy(extra="findings:\n  unverifiable: warn\n"), today=TODAY)
    assert warn.status == "warn"


EXCEPTION = """exceptions:
  - model: org/model
    waive: [{waive}]
    reason: legal-approved
    approved_by: legal@example.com
    ticket: LEGAL-1
    expires: {expires}
"""


@pytest.mark.parametrize("waive", ["LS200", "user_threshold", "all"])
def test_valid_exception_waives(waive: str) -> None:
    pol = policy(mau=900_000_000, extra=EXCEPTION.format(waive=waive, expires="2027-01-31"))
    verdict = evaluate(assessed("llama3.1"), pol, today=TODAY)
    assert verdict.status == "pass"
    waived = [r for r in verdict.reasons if r.waived_by]
    assert waived and "LEGAL-1" in (waived[0].waived_by or "")


def test_expired_exception_is_its_own_failure() -> None:
    pol = policy(mau=900_000_000, extra=EXCEPTION.format(waive="LS200", expires="2026-01-31"))
    verdict = evaluate(assessed("llama3.1"), pol, today=TODAY)
    assert verdict.status == "fail"
    assert {"LS200", "LS401"} <= rules(verdict)


def test_exception_pinned_to_another_revision_does_not_apply() -> None:
    extra = EXCEPTION.format(waive="all", expires="2027-01-31") + "    revision: bbbbbbb\n"
    verdict = evaluate(assessed("llama3.1"), policy(mau=900_000_000, extra=extra), today=TODAY)
    assert verdict.status == "fail"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("version: 1\ncontext:\n  use: comercial\n", 3, "use one of: commercial"),
    ("version: 1\ncontxt: {}\n", 2, "unknown key(s) 'contxt'"),
    ("version: 1\ncontext:\n  monthly_active_users: lots\n", 3, "expected integer"),
    ("version: 1\n" + EXCEPTION.format(waive="all", expires="2026-02-30"), 8, "not a real date"),
    ("version: 1\ncontext: [\n", 3, "not valid YAML"),
    ("version: 1\nversion: 1\n", 2, "duplicate key"),
    ("version: 2\n", 1, "must be 1"),
])
def test_invalid_policies_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(text, "corp.yaml")
    assert f"corp.yaml:{line}" in info.value.message, info.value.message
    assert words in info.value.message


def test_presets_and_default_load() -> None:
    from licscan.policy.loader import PRESETS, preset_text

    for name in PRESETS:
        assert parse_policy(preset_text(name), name).name
    assert load_policy(None).name == "licscan default"


# --- the contract's vocabularies ------------------------------------------------------------


@pytest.mark.parametrize("kind", FINDING_KINDS)
def test_every_finding_kind_is_judged_by_its_own_rule(kind: FindingKind) -> None:
    # A kind without a rule used to be a KeyError in evaluate (exit 3); now mypy checks the
    # table against FindingKind, and this walks every kind through the real evaluation.
    finding = Finding(kind, f"a {kind} finding", via="org/base")
    verdict = evaluate(assessed("mit", findings=(finding,)), policy(), today=TODAY)
    reason = next(r for r in verdict.reasons if r.message == finding.message)
    assert (reason.rule, reason.name) == (FINDING_RULES[kind].id, kind)
    assert reason.evidence == ("via org/base",)
    assert verdict.status == ("error" if kind == "could_not_evaluate" else
                              "warn" if kind == "low_confidence" else "fail")


def test_every_term_a_policy_decides_has_its_rule() -> None:
    assert set(TERM_RULES) == set(TERM_NAMES) == set(DEFAULT_TERMS)
    assert all(rule.name == name for name, rule in TERM_RULES.items())
    assert set(FINDING_RULES) == set(FINDING_KINDS)


def test_one_status_rule_for_a_verdict_and_its_drift() -> None:
    # lock.with_drift used to rank reasons itself and called a note "warn" where evaluate
    # (and every report) calls it "pass"; both now use model.verdict_status.
    passed = evaluate(assessed("mit"), policy(), today=TODAY)
    assert passed.status == "pass"
    note = Reason("LS101", "license_listed", "note", "obligation", "a duty, not a problem")
    warning = replace(note, severity="warning", decision="warn")
    error = replace(note, severity="error", decision="deny")
    assert with_drift(passed, [note]).status == "pass"
    assert with_drift(passed, [note, warning]).status == "warn"
    assert with_drift(passed, [warning, error]).status == "fail"
    assert with_drift(passed, [replace(error, waived_by="exception #1")]).status == "pass"
    unjudged = could_not_evaluate("org/gone", "404", None)
    assert with_drift(unjudged, [note]).status == "error"
    for reasons in ([note], [note, warning], [warning, error]):
        assert with_drift(passed, reasons).status == verdict_status(reasons)

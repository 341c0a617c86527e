"""Judging an assessment against a policy: pass / warn / fail, with reasons and obligations.

How licenses combine (SPDX semantics): OR lets the licensee choose, so the best branch counts;
AND means all apply, so the worst counts and every obligation is merged; WITH is one unit. Each
license is judged as listed (policy ``licenses``), else by category, else not allowed: the
policy is an allow-list. AI terms fire only against the facts of our use (``context``);
duties are reported as obligations even when everything passes. Exceptions waive named
reasons for one model until they expire; an expired exception is a reason of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from licscan.licenses.catalog import Catalog, load_catalog
from licscan.licenses.entry import AITerms, LicenseEntry, TerritorialExclusion
from licscan.licenses.expression import AllOf, AnyOf, Expression, LicenseLeaf, parse_expression
from licscan.licenses.territory import expand
from licscan.model import (
    Assessment,
    Decision,
    Obligation,
    Reason,
    Severity,
    TermName,
    Verdict,
    severity_rank,
    verdict_status,
    worst_severity,
)
from licscan.policy.model import DatasetPolicy, Exception_, Policy, UseContext
from licscan.policy.rules import FINDING_RULES, RULES, TERM_RULES

SEVERITY: dict[Decision, Severity | None] = {
    "deny": "error", "review": "error", "warn": "warning", "obligation": "note", "allow": None}
STRICTNESS: tuple[Decision, ...] = ("allow", "obligation", "warn", "review", "deny")
Fire = Callable[[TermName, str, LicenseEntry], None]


@dataclass
class _Result:
    reasons: list[Reason] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)

    @property
    def rank(self) -> int:
        return severity_rank(worst_severity(r.severity for r in self.reasons))


def evaluate(assessment: Assessment, policy: Policy, *, catalog: Catalog | None = None,
             today: dt.date | None = None) -> Verdict:
    """The verdict for one assessed repository."""
    catalog = catalog or load_catalog()
    result = _Result()
    if assessment.license_ids:
        expression = parse_expression(assessment.spdx_expression or "", catalog)
        result = _judge(expression, policy, assessment, catalog)
    result.reasons.extend(_judge_datasets(assessment, policy, catalog))
    blocking: list[str] = []  # what stops the target being judged at all
    for finding in assessment.findings:
        if finding.kind == "could_not_evaluate":
            rule = RULES["LS500"]
            blocking.append(finding.message)
            result.reasons.append(Reason(rule.id, rule.name, "error", "deny", finding.message,
                                         None, (f"via {finding.via}",) if finding.via else ()))
            continue
        decision = policy.findings.get(finding.kind, "deny")
        rule = FINDING_RULES[finding.kind]
        severity = SEVERITY[decision]
        if severity is None:
            continue
        result.reasons.append(Reason(rule.id, rule.name, severity, decision, finding.message,
                                     finding.license_id,
                                     (f"via {finding.via}",) if finding.via else ()))
    reasons = _apply_exceptions(result.reasons, assessment, policy, today or dt.date.today())
    verdict = Verdict(assessment.target, "pass", assessment, tuple(reasons),
                      tuple(_dedupe_obligations(result.obligations)))
    if blocking:  # no policy and no exception turns "could not evaluate" into a verdict
        return replace(verdict, status="error", error="; ".join(blocking),
                       hint="Nothing was judged that could not be read: make the base model "
                       "or dataset named above readable (network, token, repo id, or a cache "
                       "that holds it) and run again.")
    return replace(verdict, status=verdict_status(verdict.reasons))


def could_not_evaluate(target: str, message: str, hint: str | None) -> Verdict:
    rule = RULES["LS500"]
    return Verdict(target, "error", None,
                   (Reason(rule.id, rule.name, "error", "deny", message),), error=message,
                   hint=hint)


# --- training data ---------------------------------------------------------------------------


def _judge_datasets(assessment: Assessment, policy: Policy, catalog: Catalog) -> list[Reason]:
    """A reason for every dataset in the lineage whose license the datasets section does not
    allow. The dataset's license is judged on its own, never as part of the model's terms."""
    reasons: list[Reason] = []
    for data, named_by in assessment.training_data():
        if data.error is not None:
            continue  # resolution made it a could_not_evaluate finding
        via = (f"trained on {data.repo_id}",)
        model = "the model" if named_by == assessment.repo_id else \
            f"its base {named_by}"
        known = [catalog.lookup(i) for i in data.license_ids]
        known = [e for e in known if e.category != "unknown"]
        if not known:
            what = f"is under {data.expression}" if data.license_ids else "declares no license " \
                "licscan can establish"
            _add(reasons, "LS701", policy.datasets.unknown,
                 f"{model} was trained on dataset {data.repo_id}, which {what}; nothing "
                 "establishes the terms of that data", None, via)
            continue
        for entry in known:
            rule, decision, why = _dataset_decision(entry, policy, catalog)
            _add(reasons, rule, decision, f"{model} was trained on dataset {data.repo_id} "
                 f"under {entry.id} ({entry.name}, {entry.category}): {why}", entry.id, via)
    return reasons


def _dataset_decision(entry: LicenseEntry, policy: Policy,
                      catalog: Catalog) -> tuple[str, Decision, str]:
    """(rule, decision, why) for one license of training data: the policy's decision for the
    license by name first, then a term our use triggers, then the category."""
    section: DatasetPolicy = policy.datasets
    for name in (entry.id, entry.spdx, *entry.aliases):
        if name.lower() in section.licenses:
            decision = section.licenses[name.lower()]
            return "LS700", decision, f"the policy's datasets section lists it under '{decision}'"
    families = [section.licenses[f.id.lower()] for f in catalog.families_of(entry)
                if f.id.lower() in section.licenses]
    if families:
        decision = max(families, key=STRICTNESS.index)
        return "LS700", decision, f"the policy's datasets section lists its family under " \
            f"'{decision}'"
    terms = _terms_of(entry, catalog)
    use = policy.context.use
    # Research-only first: such licenses also exclude commercial use, and say more.
    if use != "research" and (entry.category == "research-only"
                              or "research-only" in entry.limitations
                              or any(t.purpose == "research-only" for _d, t in terms)):
        return "LS703", section.terms["research_only"], "the data is for research only and " \
            f"the policy's use is {use}"
    if use == "commercial" and (entry.category == "non-commercial"
                                or "commercial-use" in entry.limitations
                                or any(t.purpose == "non-commercial" for _d, t in terms)):
        return "LS702", section.terms["non_commercial"], "the data is for non-commercial use " \
            "and the policy's use is commercial"
    if entry.category in section.categories:
        decision = section.categories[entry.category]
        return "LS700", decision, f"the policy's decision for {entry.category} training data " \
            f"is '{decision}'"
    return "LS700", section.unlisted, f"the policy's datasets section does not decide " \
        f"{entry.category} data, so it goes to '{section.unlisted}'"


def _add(reasons: list[Reason], rule_id: str, decision: Decision, message: str,
         license_id: str | None, evidence: tuple[str, ...]) -> None:
    severity = SEVERITY[decision]
    if severity is None or decision == "obligation":
        return
    rule = RULES[rule_id]
    reasons.append(Reason(rule.id, rule.name, severity, decision, message, license_id, evidence))


# --- expressions ------------------------------------------------------------------------------


def _judge(node: Expression, policy: Policy, assessment: Assessment,
           catalog: Catalog) -> _Result:
    if isinstance(node, LicenseLeaf):
        return _judge_license(node.entry, policy, assessment, catalog)
    children = [_judge(child, policy, assessment, catalog) for child in node.children]
    if isinstance(node, AnyOf):  # the licensee chooses: the best branch
        return min(children, key=lambda r: r.rank)
    assert isinstance(node, AllOf)  # every branch applies: all reasons, all obligations
    merged = _Result()
    for child in children:
        merged.reasons.extend(child.reasons)
        merged.obligations.extend(child.obligations)
    return merged


def _judge_license(entry: LicenseEntry, policy: Policy, assessment: Assessment,
                   catalog: Catalog) -> _Result:
    result = _Result()
    listed = _listed(entry, policy, catalog)
    category = policy.categories.get(entry.category)
    label = f"{entry.id} ({entry.name}, {entry.category})"
    if listed is not None:
        if listed != "allow":
            rule = RULES["LS101"]
            result.reasons.append(Reason(rule.id, rule.name, SEVERITY[listed] or "note", listed,
                                         f"{label}: the policy lists it under "
                                         f"'{listed}'", entry.id))
    elif category is not None:
        if category != "allow":
            rule = RULES["LS102"]
            result.reasons.append(Reason(rule.id, rule.name, SEVERITY[category] or "note",
                                         category, f"{label}: the policy's decision for "
                                         f"{entry.category} licenses is '{category}'", entry.id))
    else:
        rule = RULES["LS100"]
        result.reasons.append(Reason(rule.id, rule.name, "error", "deny",
                                     f"{label} is not allowed: the policy allows neither this "
                                     f"license nor the {entry.category} category", entry.id))
    _judge_terms(entry, _terms_of(entry, catalog), policy, assessment, result)
    _conditions(entry, result)
    result.reasons = _merge_same_rule(result.reasons)
    return result


def _listed(entry: LicenseEntry, policy: Policy, catalog: Catalog) -> Decision | None:
    """The policy's decision for a license by its own names, else by a family that has it as a
    member (``deny: [gemma]`` covers every Gemma Terms of Use version); the strictest family
    decision counts when several families list it."""
    for name in (entry.id, entry.spdx, *entry.aliases):
        if name.lower() in policy.licenses:
            return policy.licenses[name.lower()]
    decisions = [policy.licenses[family.id.lower()] for family in catalog.families_of(entry)
                 if family.id.lower() in policy.licenses]
    return max(decisions, key=STRICTNESS.index, default=None)


def _merge_same_rule(reasons: list[Reason]) -> list[Reason]:
    """A term stated both in a license and in its use policy is one reason with both sources."""
    merged: dict[tuple[str, str | None], Reason] = {}
    for reason in reasons:
        key = (reason.rule, reason.license_id)
        if key in merged:
            first = merged[key]
            merged[key] = replace(first, evidence=first.evidence + tuple(
                e for e in reason.evidence if e not in first.evidence))
        else:
            merged[key] = reason
    return list(merged.values())


def _terms_of(entry: LicenseEntry, catalog: Catalog) -> list[tuple[LicenseEntry, AITerms]]:
    """The license's AI terms and those of the documents it incorporates (its use policy)."""
    found = [(entry, entry.ai_terms)] if entry.ai_terms else []
    for name in entry.companion:
        companion = catalog.get(name)
        if companion is not None and companion.ai_terms is not None:
            found.append((companion, companion.ai_terms))
    return found


def _judge_terms(entry: LicenseEntry, terms: list[tuple[LicenseEntry, AITerms]], policy: Policy,
                 assessment: Assessment, result: _Result) -> None:
    ctx = policy.context

    def fire(name: TermName, message: str, doc: LicenseEntry) -> None:
        decision = policy.terms.get(name, "deny")
        rule = TERM_RULES[name]
        severity = SEVERITY[decision]
        if decision == "obligation":
            result.obligations.append(Obligation(rule.id, entry.id, message))
        elif severity is not None:
            result.reasons.append(Reason(rule.id, rule.name, severity, decision, message,
                                         entry.id, (f"{doc.id}: {_clause(doc, name)}",)))

    purpose_nc = (entry.category == "non-commercial"
                  or "commercial-use" in entry.limitations
                  or any(t.purpose == "non-commercial" for _d, t in terms))
    purpose_research = (entry.category == "research-only" or "research-only" in entry.limitations
                        or any(t.purpose == "research-only" for _d, t in terms))
    if purpose_nc and ctx.use == "commercial":
        fire("non_commercial", f"{entry.id} does not allow commercial use; the policy's use is "
             "commercial", entry)
    if purpose_research and ctx.use != "research":
        fire("research_only", f"{entry.id} allows research or evaluation only; the policy's "
             f"use is {ctx.use}", entry)
    for doc, t in terms:
        if t.user_threshold is not None:
            _threshold(entry, doc, t, policy, fire, result)
        if t.output_training_ban and ctx.trains_on_outputs:
            fire("output_training_ban", f"{doc.id} forbids using outputs to train other models "
                 f"({t.output_training_ban}); the policy says outputs train other models", doc)
        for excl in t.territorial_exclusions:
            _territory(entry, doc, excl, ctx, assessment, fire)
        banned = sorted(set(t.field_of_use_bans) & set(ctx.fields_of_use))
        if banned:
            fire("field_of_use_ban", f"{doc.id} bans use for {', '.join(banned)}, which the "
                 "policy lists among our fields of use", doc)
        if t.name_prefix:
            fire("naming_requirement", f"derived models you distribute must start their name "
                 f"with \"{t.name_prefix}\" ({doc.id})", doc)
        if t.attribution_display:
            fire("attribution", f"display \"{t.attribution_display}\" prominently on products "
                 f"or services built with it ({doc.id})", doc)
        if t.notice_text:
            fire("notice_file", f"ship a NOTICE file reading: \"{t.notice_text}\" ({doc.id})",
                 doc)
        if t.remote_restriction:
            fire("remote_restriction", f"{doc.id} lets the licensor restrict use remotely", doc)
        if t.flow_down:
            fire("flow_down", f"pass {doc.id}'s use restrictions on to anyone you give the "
                 "model or its derivatives, as enforceable terms", doc)
        if t.acceptable_use_policy is not None:
            aup = t.acceptable_use_policy
            updates = "; the licensor may update it" if aup.licensor_may_update else ""
            where = aup.document or aup.url or "the licensor's use policy"
            fire("acceptable_use_policy", f"keep every use within {where}{updates}", doc)
        if t.license_copy_to_recipients and ctx.distribution != "internal":
            fire("license_copy", f"give recipients a copy of {doc.id}", doc)


def _threshold(entry: LicenseEntry, doc: LicenseEntry, terms: AITerms, policy: Policy,
               fire: Fire, result: _Result) -> None:
    ctx = policy.context
    threshold = terms.user_threshold
    assert threshold is not None
    ours = {"monthly-active-users": ctx.monthly_active_users,
            "monthly-revenue-usd": ctx.monthly_revenue_usd,
            "annual-revenue-usd": ctx.annual_revenue_usd}.get(threshold.metric)
    what = threshold.metric.replace("-", " ")
    if ours is None:
        # Unanswered is not below: a person must say which side of the threshold we are on.
        chosen = policy.terms.get("user_threshold", "deny")
        decision = "review" if chosen in ("deny", "review") else chosen
        rule = RULES["LS200"]
        severity = SEVERITY[decision]
        message = (f"{doc.id} requires a separate license from the licensor above "
                   f"{threshold.value:,.0f} {what}, and the policy does not state our {what}: "
                   f"state it in the policy's context, or record a decision as an exception")
        if decision == "obligation" or severity is None:
            result.obligations.append(Obligation(rule.id, entry.id, message))
        else:
            result.reasons.append(Reason(rule.id, rule.name, severity, decision, message, entry.id,
                                         (f"{doc.id}: {_clause(doc, 'user_threshold')}",)))
        return
    if ours >= threshold.value:
        fire("user_threshold", f"{doc.id} requires a separate license from the licensor above "
             f"{threshold.value:,.0f} {what}; the policy declares {ours:,.0f}", doc)
    else:
        result.obligations.append(Obligation(
            "LS200", entry.id, f"stay below {threshold.value:,.0f} {what} (the policy declares "
            f"{ours:,.0f}); above it {doc.id} requires a license from the licensor"))


def _territory(entry: LicenseEntry, doc: LicenseEntry, excl: TerritorialExclusion,
               ctx: UseContext, assessment: Assessment, fire: Fire) -> None:
    territory, applies_to, exempt = excl.territory, excl.applies_to, excl.exempt
    ours = expand(ctx.territories)
    hit = ours & (excl.codes or expand([territory]))
    if not hit:
        return
    placed = [t for t in ctx.territories if expand([t]) & hit]
    multimodal = ctx.multimodal if ctx.multimodal is not None else assessment.multimodal
    if applies_to and "multimodal" in applies_to.lower() and multimodal is False:
        return  # the exclusion covers multimodal models only; this one is not
    unsure = " (whether this model is multimodal is not known; assumed)" \
        if applies_to and multimodal is None else ""
    scope = f" for {applies_to}" if applies_to else ""
    exempt_text = f"; exempt: {exempt}" if exempt else ""
    fire("territorial_exclusion", f"{doc.id} does not grant its rights{scope} to licensees in "
         f"{territory}, and the policy places us in {', '.join(placed)}{unsure}"
         f"{exempt_text}", doc)


def _conditions(entry: LicenseEntry, result: _Result) -> None:
    """Ordinary license conditions as obligations (Apache's NOTICE, MIT's notice...)."""
    texts = {
        "include-copyright": ("LS213", "keep the copyright and license notices"),
        "give-credit": ("LS213", "credit the licensor and link the license (attribution)"),
        "notice-file": ("LS211", "keep the NOTICE file and its attributions"),
        "include-license-copy": ("LS212", "give recipients a copy of the license"),
        "document-changes": ("LS214", "mark files you changed"),
        "same-license": ("LS215", "release derived works under the same license"),
        "disclose-source": ("LS215", "offer the source of what you distribute"),
        "network-use-disclose": ("LS215", "offer the source to network users"),
    }
    terms = entry.ai_terms
    said = set()  # conditions the AI terms already stated in their own words
    if terms is not None:
        if terms.notice_text:
            said.add("notice-file")
        if terms.license_copy_to_recipients:
            said.add("include-license-copy")
    for condition in entry.conditions:
        if condition in texts and condition not in said:
            rule, text = texts[condition]
            result.obligations.append(Obligation(rule, entry.id, f"{text} ({entry.id})"))


def _clause(doc: LicenseEntry, term: str) -> str:
    keys = {"naming_requirement": "name_prefix", "attribution": "attribution_display",
            "notice_file": "notice_text", "flow_down": "flow_down",
            "territorial_exclusion": "territorial_exclusions",
            "field_of_use_ban": "field_of_use_bans", "license_copy": "license_copy_to_recipients",
            "remote_restriction": "remote_restriction", "user_threshold": "user_threshold",
            "output_training_ban": "output_training_ban",
            "acceptable_use_policy": "acceptable_use_policy"}
    clauses = doc.ai_terms.source_clause if doc.ai_terms else {}
    return clauses.get(keys.get(term, term), "see the license text")


# --- exceptions -------------------------------------------------------------------------------


def _apply_exceptions(reasons: list[Reason], assessment: Assessment, policy: Policy,
                      today: dt.date) -> list[Reason]:
    covering = [e for e in policy.exceptions
                if e.covers(assessment.repo_id, assessment.commit, assessment.revision)]
    active = [e for e in covering if e.expires >= today]
    out: list[Reason] = []
    for reason in reasons:
        waiver = next((e for e in active if e.waives(reason.rule, reason.name)), None)
        out.append(replace(reason, waived_by=_describe(waiver)) if waiver else reason)
    for expired in (e for e in covering if e.expires < today):
        decision = policy.findings.get("expired_exception", "deny")
        severity = SEVERITY[decision]
        if severity is None:
            continue
        rule = RULES["LS401"]
        out.append(Reason(rule.id, rule.name, severity, decision,
                          f"the exception for {expired.model} ({_describe(expired)}) expired on "
                          f"{expired.expires.isoformat()}; it no longer waives "
                          f"{', '.join(expired.waive)}"))
    return out


def _describe(exc: Exception_ | None) -> str | None:
    if exc is None:
        return None
    parts = [f"exception #{exc.index + 1}", exc.reason, f"approved by {exc.approved_by}"]
    if exc.ticket:
        parts.append(exc.ticket)
    parts.append(f"until {exc.expires.isoformat()}")
    return ", ".join(parts)


def _dedupe_obligations(obligations: list[Obligation]) -> list[Obligation]:
    seen: dict[tuple[str, str], Obligation] = {}
    for item in obligations:
        seen.setdefault((item.rule, item.text), item)
    return list(seen.values())

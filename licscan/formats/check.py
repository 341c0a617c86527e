"""``licscan check`` reports: a verdict per model, its reasons, obligations and lineage.

Why reasons before anything else: a person acts on "fails LS200: Llama 3.1 needs a Meta license
above 700M monthly users; the policy declares 900M", not on "fail". Every reason says what, for
which license, and (in ``RULES``) what to do; obligations are listed even on a pass.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from licscan import __version__
from licscan.formats.common import (
    active_reasons,
    lineage_label,
    summary_counts,
    summary_sentence,
    top_reason,
    waived_reasons,
)
from licscan.formats.report import CheckReport
from licscan.model import Assessment, Verdict
from licscan.policy.model import Policy
from licscan.policy.rules import RULES
from licscan.terminal import safe_for_terminal as safe

JSON_SCHEMA_VERSION = 1
MARK = {"error": "✗", "warning": "!", "note": "·"}


def render(report: CheckReport) -> str:
    """The text report of a whole run (the ``text`` format)."""
    return render_check_text(report.verdicts, report.policy)


def render_json(report: CheckReport) -> str:
    """The JSON report of a whole run (the ``json`` format)."""
    return render_check_json(report.verdicts, report.policy)


def render_check_json(verdicts: Sequence[Verdict], policy: Policy) -> str:
    payload = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "licscan", "version": __version__},
        "policy": {"name": policy.name, "source": policy.source},
        "summary": summary_counts(verdicts),
        "results": [_verdict_dict(v) for v in verdicts],
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def _verdict_dict(verdict: Verdict) -> dict[str, Any]:
    data: dict[str, Any] = {
        "target": verdict.target,
        "verdict": verdict.status,
        "reasons": [asdict(r) for r in verdict.reasons],
        "obligations": [asdict(o) for o in verdict.obligations],
    }
    if verdict.error:
        data["error"] = {"message": verdict.error, "hint": verdict.hint}
    a = verdict.assessment
    if a is not None:
        data.update({
            "repo_id": a.repo_id, "kind": a.kind, "origin": a.origin, "commit": a.commit,
            "revision": a.revision, "effective_license": a.expression,
            "license_ids": list(a.license_ids), "modified": list(a.modified_ids),
            "declared": list(a.declared), "gated": a.gated, "access": a.access,
            "findings": [asdict(f) for f in a.findings],
            "evidence": [asdict(e) for e in a.evidence],
            "lineage": _lineage_dict(a),
        })
    return data


def _lineage_dict(a: Assessment) -> dict[str, Any]:
    return {"repo_id": a.repo_id, "kind": a.kind, "relation": a.relation, "license": a.expression,
            "own": list(a.own_ids), "error": a.error,
            "bases": [_lineage_dict(b) for b in a.bases]}


def render_check_text(verdicts: Sequence[Verdict], policy: Policy, evidence: bool = False,
                      quiet: bool = False) -> str:
    """The report for people; ``quiet``: one verdict line per model and the count, no more."""
    out: list[str] = []
    for verdict in verdicts:
        lines = _verdict_lines(verdict, evidence)
        if quiet:
            out.append(lines[0])
            continue
        out.extend(lines)
        out.append("")
    out.append(f"{summary_sentence(verdicts)}  (policy: {safe(policy.name)})")
    return "\n".join(out) + "\n"


def _verdict_lines(verdict: Verdict, evidence: bool) -> list[str]:
    a = verdict.assessment
    head = f"{verdict.status.upper():<5} {safe(verdict.target)}"
    if a is None:
        lines = [head]
        for reason in verdict.reasons:
            lines.append(f"  ✗ {reason.rule} {safe(reason.message)}")
        if verdict.hint:
            lines.append(f"    → {safe(verdict.hint)}")
        return lines
    facts = [f"commit {a.commit[:12]}" if a.commit else "commit unknown"]
    if a.repo_id != verdict.target:
        facts.insert(0, safe(a.repo_id))
    if a.gated:
        facts.append(f"gated {a.gated}" + (", files unreadable" if a.access == "denied" else ""))
    lines = [f"{head}  ({', '.join(facts)})",
             f"  effective license: {safe(a.expression or 'none established')}"]
    if a.declared and tuple(a.declared) != a.license_ids:
        lines.append(f"  declared:          {safe(', '.join(a.declared))}")
    for reason in active_reasons(verdict):
        lines.append(f"  {MARK[reason.severity]} {reason.rule} {reason.severity}: "
                     f"{safe(reason.message)}")
        lines.append(f"      → {RULES[reason.rule].help}")
    for reason in waived_reasons(verdict):
        lines.append(f"  · {reason.rule} waived ({safe(reason.waived_by or '')}): "
                     f"{safe(reason.message)}")
    if verdict.obligations:
        lines.append("  obligations:")
        lines.extend(f"    - {safe(o.text)}" for o in verdict.obligations)
    if a.bases:
        lines.append("  lineage:")
        lines.extend(_tree(a))
    if evidence:
        lines.append("  evidence:")
        for item in a.evidence:
            lid = f" -> {item.license_id}" if item.license_id else ""
            lines.append(f"    {safe(item.source)}: {safe(item.detail)}{lid}")
    return lines


def _tree(root: Assessment) -> list[str]:
    lines = [f"    {safe(root.repo_id)}  [{safe(lineage_label(root))}]"]

    def walk(node: Assessment, prefix: str) -> None:
        for i, base in enumerate(node.bases):
            last = i == len(node.bases) - 1
            branch = "└─ " if last else "├─ "
            relation = base.relation or "derived"
            lines.append(f"    {prefix}{branch}{safe(base.repo_id)}  "
                         f"[{safe(lineage_label(base))}]  ({relation})")
            walk(base, prefix + ("   " if last else "│  "))

    walk(root, "")
    return lines


def render_summary_table(verdicts: Sequence[Verdict], policy: Policy) -> str:
    """One line per model, for bulk audits: verdict, effective license, first reason."""
    rows = []
    for verdict in verdicts:
        a = verdict.assessment
        license_ = (a.expression if a else None) or "-"
        top = top_reason(verdict)
        why = f"{top.rule} {top.message}" if top else ""
        rows.append((verdict.status.upper(), verdict.target, license_, why))
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in
              enumerate(("VERDICT", "MODEL", "LICENSE"))]
    lines = [f"{'VERDICT':<{widths[0]}}  {'MODEL':<{widths[1]}}  {'LICENSE':<{widths[2]}}  REASON"]
    for status, target, license_, why in rows:
        lines.append(f"{status:<{widths[0]}}  {safe(target):<{widths[1]}}  "
                     f"{safe(license_):<{widths[2]}}  {safe(why)[:120]}")
    counts = summary_counts(verdicts)
    lines.append("")
    lines.append(f"{len(verdicts)} model(s): {counts['pass']} passed, {counts['warn']} warned, "
                 f"{counts['fail']} failed, {counts['error']} could not be evaluated  "
                 f"(policy: {safe(policy.name)})")
    return "\n".join(lines) + "\n"

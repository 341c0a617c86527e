"""``licscan check`` as Markdown: for pull-request comments and GitHub job summaries.

Why its own format: reviewers read the verdict where the change is discussed. A table first
(model, verdict, effective license, the reason that matters most), then each model's reasons,
obligations and lineage. Verdicts are plain words in bold, not emoji, so they read the same in
every renderer and to screen readers.

Why the escaping: model ids, card values and messages quoting them come from whoever uploaded
the model. In a PR comment they must not become links, images, HTML, @-mentions or extra table
columns, so every such text goes through ``md()``.
"""

from __future__ import annotations

import html
import re

from licscan.formats.common import (
    active_reasons,
    effective_license,
    lineage_label,
    not_evaluated,
    summary_sentence,
    top_reason,
    waived_reasons,
)
from licscan.formats.report import CheckReport
from licscan.model import Assessment, Verdict

VERDICT_WORD = {"pass": "PASS", "warn": "WARN", "fail": "FAIL", "error": "ERROR"}
# Characters that start Markdown constructs in the middle of a line (emphasis, code spans, links
# and images, table cells, strikethrough); backslash-escaped. Line-start constructs (headings,
# lists, quotes) cannot occur: escaped text never begins a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: str) -> str:
    """Model-controlled text as inert Markdown: no HTML, links, emphasis, cells or mentions."""
    flat = " ".join(text.split())  # a newline would end a table row or start a block
    escaped = html.escape(flat, quote=False)  # <, > and & first: GitHub renders raw HTML
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    # A word joiner (U+2060) after @ keeps GitHub from notifying whoever a model card names.
    return escaped.replace("@", "@\u2060")


def code(text: str, cell: bool = False) -> str:
    """Text in a code span, for ids: a backtick inside could end the span, so it is replaced.

    In a table cell a ``|`` ends the cell even inside a code span (GFM), so it is escaped there.
    """
    flat = " ".join(text.split()).replace("`", "'")
    if cell:
        flat = flat.replace("|", "\\|")
    return f"`{flat}`" if flat else "``"


def render(report: CheckReport) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    out = [f"## licscan: policy {md(report.policy.name)}", "",
           f"{summary_sentence(report.verdicts, 'none checked')}. "
           f"Policy file {code(report.policy.source)}; failing at {report.fail_on} or above.",
           ""]
    if report.verdicts:
        out += ["| Model | Verdict | Effective license | Top reason |",
                "|---|---|---|---|"]
        for verdict in report.verdicts:
            reason = top_reason(verdict)
            why = f"{reason.rule}: {md(reason.message)}" if reason else "none"
            word = VERDICT_WORD[verdict.status]
            out.append(f"| {code(verdict.target, cell=True)} | **{word}** | "
                       f"{md(effective_license(verdict))} | {why} |")
        out.append("")
    for verdict in report.verdicts:
        out.extend(_details(verdict))
    return "\n".join(out).rstrip("\n") + "\n"


def _details(verdict: Verdict) -> list[str]:
    a = verdict.assessment
    out = [f"### {md(verdict.target)}: {VERDICT_WORD[verdict.status]}", ""]
    if a is None:
        problem, hint = not_evaluated(verdict)
        return [*out, md(problem), *([f"Hint: {md(hint)}"] if hint else []), ""]
    facts = [f"commit {code(a.commit[:12])}" if a.commit else "commit unknown"]
    if a.repo_id != verdict.target:
        facts.insert(0, f"repository {code(a.repo_id)}")
    if a.gated:
        facts.append(f"gated ({md(a.gated)})")
    out += [f"Effective license: {md(effective_license(verdict))} ({', '.join(facts)})", ""]
    active, waived = active_reasons(verdict), waived_reasons(verdict)
    if active or waived:
        out.append("**Reasons**")
        out.append("")
        out += [f"- {r.rule} ({r.severity}): {md(r.message)}" for r in active]
        out += [f"- {r.rule} (waived by {md(r.waived_by or '')}): {md(r.message)}"
                for r in waived]
        out.append("")
    if verdict.obligations:
        out.append("**Obligations**")
        out.append("")
        out += [f"- {o.rule}: {md(o.text)}" for o in verdict.obligations]
        out.append("")
    if a.bases:
        out.append("**Lineage**")
        out.append("")
        out += _lineage(a, 0)
        out.append("")
    return out


def _lineage(node: Assessment, depth: int) -> list[str]:
    relation = f" ({md(node.relation)})" if depth and node.relation else ""
    lines = [f"{'  ' * depth}- {code(node.repo_id)}: {md(lineage_label(node))}{relation}"]
    for base in node.bases:
        lines += _lineage(base, depth + 1)
    return lines

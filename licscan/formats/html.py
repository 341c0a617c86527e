"""``licscan check`` as one self-contained HTML page, for the legal reviewer.

Why self-contained: the page is attached to tickets and mailed around, opened offline and kept
as a record. It loads nothing (inline CSS, no scripts, no images, no fonts), and a
Content-Security-Policy of ``default-src 'none'`` makes sure of it even if a later edit slips.
Why everything is escaped: model ids, card values and the messages quoting them come from the
model's uploader; ``html.escape`` on every piece of text keeps them from becoming markup.

Layout: the verdict table, then per model its reasons (with the rule's advice), obligations,
the evidence each license rests on, and the base-model lineage as a nested tree with the
license of every node.
"""

from __future__ import annotations

from html import escape

from licscan import __version__
from licscan.formats.common import (
    active_reasons,
    effective_license,
    lineage_label,
    not_evaluated,
    reason_order,
    summary_sentence,
    top_reason,
    waived_reasons,
)
from licscan.formats.markdown import VERDICT_WORD
from licscan.formats.report import CheckReport
from licscan.model import Assessment, Verdict
from licscan.policy.rules import RULES

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;
max-width:72rem;padding:0 1rem;color:#1b1f24;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;
border-bottom:1px solid #d0d7de;padding-bottom:.3rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #d0d7de;padding:.35rem .55rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}
.muted{color:#57606a}.verdict{font-weight:700;padding:.05rem .45rem;border-radius:3px;
white-space:nowrap}.v-pass{background:#dafbe1;color:#116329}.v-warn{background:#fff8c5;
color:#7d4e00}.v-fail{background:#ffebe9;color:#a40e26}.v-error{background:#eaeef2;
color:#24292f;outline:2px dashed #a40e26}.sev{font-weight:600;text-transform:uppercase;
font-size:.8rem}.sev-error{color:#a40e26}.sev-warning{color:#7d4e00}.sev-note{color:#57606a}
.waived{color:#57606a;text-decoration:line-through}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.3rem}
ul.tree li{position:relative;padding:.15rem 0}
ul.tree ul li::before{content:"";position:absolute;left:-.9rem;top:0;height:1rem;
width:.7rem;border-left:1px solid #8c959f;border-bottom:1px solid #8c959f}
.node{display:inline-block;border:1px solid #8c959f;border-radius:4px;padding:.1rem .45rem}
.lic{font-weight:600}h2 code{font-size:1.15rem}
@media print{body{margin:0}h2{break-before:auto}section{break-inside:avoid}}
"""


def render(report: CheckReport) -> str:
    """The page as one HTML5 document."""
    created = report.created.isoformat().replace("+00:00", "Z")
    title = f"licscan report: {report.policy.name}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">Policy <code>{escape(report.policy.source)}</code> · '
        f"{escape(summary_sentence(report.verdicts, 'none checked'))} · "
        f"failing at {escape(report.fail_on)} or above · generated {escape(created)} by "
        f"licscan {escape(__version__)}</p>",
        '<table id="verdicts">',
        "<thead><tr><th>Model</th><th>Verdict</th><th>Effective license</th>"
        "<th>Top reason</th></tr></thead>",
        "<tbody>",
    ]
    for n, verdict in enumerate(report.verdicts, start=1):
        reason = top_reason(verdict)
        why = (f"<code>{escape(reason.rule)}</code> {escape(reason.message)}" if reason
               else '<span class="muted">none</span>')
        out.append(f'<tr><td><a href="#model-{n}"><code>{escape(verdict.target)}</code></a></td>'
                   f"<td>{_badge(verdict.status)}</td>"
                   f"<td>{escape(effective_license(verdict))}</td><td>{why}</td></tr>")
    out += ["</tbody>", "</table>"]
    for n, verdict in enumerate(report.verdicts, start=1):
        out += _section(n, verdict)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _badge(status: str) -> str:
    return (f'<span class="verdict v-{escape(status)}" data-verdict="{escape(status)}">'
            f"{VERDICT_WORD[status]}</span>")


def _section(n: int, verdict: Verdict) -> list[str]:
    a = verdict.assessment
    out = [f'<section id="model-{n}" class="model" data-target="{escape(verdict.target)}">',
           f"<h2><code>{escape(verdict.target)}</code> {_badge(verdict.status)}</h2>"]
    if a is None:
        problem, hint = not_evaluated(verdict)
        return [*out, f"<p>{escape(problem)}</p>",
                *([f'<p class="muted">{escape(hint)}</p>'] if hint else []), "</section>"]
    facts = [("Repository", a.repo_id), ("Kind", a.kind), ("Read from", a.origin),
             ("Commit", a.commit or "unknown"), ("Effective license", effective_license(verdict)),
             ("Declared", ", ".join(a.declared) or "nothing")]
    if a.gated:
        facts.append(("Gated", f"{a.gated} (access {a.access})"))
    out.append("<table class=\"facts\"><tbody>")
    out += [f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts]
    out.append("</tbody></table>")
    out += _reasons(verdict)
    if verdict.obligations:
        out.append("<h3>Obligations</h3>")
        out.append('<ul class="obligations">')
        out += [f"<li><code>{escape(o.rule)}</code> {escape(o.text)} "
                f'<span class="muted">({escape(o.license_id)})</span></li>'
                for o in verdict.obligations]
        out.append("</ul>")
    if a.evidence:
        out.append("<h3>Evidence</h3>")
        out.append('<table class="evidence"><thead><tr><th>Source</th><th>License</th>'
                   "<th>Detail</th><th>Status</th></tr></thead><tbody>")
        for item in a.evidence:
            confidence = f" ({item.confidence:.0%})" if item.confidence is not None else ""
            out.append(f"<tr><td>{escape(item.source)}</td><td>{escape(item.license_id or '')}"
                       f"</td><td>{escape(item.detail)}</td>"
                       f"<td>{escape((item.status or '') + confidence)}</td></tr>")
        out.append("</tbody></table>")
    out.append("<h3>Lineage</h3>")
    if not a.bases:
        out.append('<p class="muted">No base model declared.</p>')
    out.append('<ul class="tree lineage">')
    out += _tree(a, root=True)
    out.append("</ul>")
    out.append("</section>")
    return out


def _reasons(verdict: Verdict) -> list[str]:
    if not verdict.reasons:
        return ["<h3>Reasons</h3>", '<p class="muted">No reasons: the policy allows it.</p>']
    ordered = [*active_reasons(verdict), *sorted(waived_reasons(verdict), key=reason_order)]
    out = ["<h3>Reasons</h3>", '<table class="reasons"><thead><tr><th>Rule</th><th>Severity'
           "</th><th>Finding</th><th>What to do</th></tr></thead><tbody>"]
    for r in ordered:
        rule = RULES.get(r.rule)
        advice = rule.help if rule else ""
        evidence = "".join(f'<br><span class="muted">{escape(e)}</span>' for e in r.evidence)
        waived = (f'<br><span class="muted">Waived by {escape(r.waived_by)}</span>'
                  if r.waived_by else "")
        css = ' class="waived"' if r.waived_by else ""
        out.append(f"<tr><td><code>{escape(r.rule)}</code><br>"
                   f'<span class="muted">{escape(r.name)}</span></td>'
                   f'<td><span class="sev sev-{escape(r.severity)}">{escape(r.severity)}</span>'
                   f"</td><td><span{css}>{escape(r.message)}</span>{evidence}{waived}</td>"
                   f"<td>{escape(advice)}</td></tr>")
    out.append("</tbody></table>")
    return out


def _tree(node: Assessment, root: bool = False) -> list[str]:
    label = lineage_label(node)
    relation = "" if root or not node.relation else \
        f' <span class="muted">({escape(node.relation)})</span>'
    error = f' <span class="muted">{escape(node.error)}</span>' if node.error else ""
    out = [f'<li><span class="node" data-repo="{escape(node.repo_id)}">'
           f"<code>{escape(node.repo_id)}</code> "
           f'<span class="lic">[{escape(label)}]</span></span>{relation}{error}']
    if node.bases:
        out.append("<ul>")
        for base in node.bases:
            out += _tree(base)
        out.append("</ul>")
    out.append("</li>")
    return out

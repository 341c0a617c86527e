"""``licscan inspect`` reports: what a repo declares, what its files are, gating, commit, bases.

Why side by side: the declared id (card, tags) and what the files actually say are the two
halves a reviewer compares; ``check`` later judges the gap, ``inspect`` only shows it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from licscan import __version__
from licscan.model import FileReport, Inspection, RepoSnapshot
from licscan.terminal import safe_for_terminal as safe

JSON_SCHEMA_VERSION = 1


def render_inspection_json(results: Iterable[Inspection]) -> str:
    payload = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "licscan", "version": __version__},
        "targets": [_inspection_dict(r) for r in results],
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def _inspection_dict(result: Inspection) -> dict[str, Any]:
    out: dict[str, Any] = {"target": result.target, "ok": result.ok}
    if not result.ok:
        out["error"] = {"message": result.error, "hint": result.hint}
        return out
    snap = result.snapshot
    assert snap is not None
    data = asdict(snap)
    reports = {r.path: r for r in result.reports}
    data["files"] = []
    for f in snap.files:
        entry: dict[str, Any] = {
            "path": f.path,
            "role": f.role,
            "size": f.size,
            "unavailable": f.unavailable,
        }
        report = reports.get(f.path)
        if report is not None:
            ident = asdict(report)
            for det in ident["detections"]:
                det["license"] = det.pop("license_id")
            entry["identification"] = ident
        data["files"].append(entry)
    data["declared"] = {
        "license": snap.card.get("license"),
        "license_name": snap.card.get("license_name"),
        "license_link": snap.card.get("license_link"),
        "tags": list(snap.tag_licenses),
    }
    out["snapshot"] = data
    return out


def render_inspection_text(results: Iterable[Inspection]) -> str:
    blocks = [_inspection_text(r) for r in results]
    return "\n".join(blocks)


def _inspection_text(result: Inspection) -> str:
    if not result.ok:
        lines = [f"{safe(result.target)}: ERROR: {safe(result.error or '')}"]
        if result.hint:
            lines.append(f"  hint: {safe(result.hint)}")
        return "\n".join(lines) + "\n"
    snap = result.snapshot
    assert snap is not None
    where = snap.endpoint if snap.origin == "hub" else snap.origin
    lines = [
        f"{safe(snap.repo_id)}  ({snap.kind}, {snap.origin}"
        + (f" {where}" if snap.origin == "hub" else "")
        + ")"
    ]
    if snap.renamed_from:
        lines.append(f"  renamed:  {safe(snap.renamed_from)} now redirects here")
    commit = snap.commit or "unknown"
    rev = f" (revision {safe(snap.revision)})" if snap.revision else ""
    lines.append(f"  commit:   {commit}{rev}")
    if snap.origin == "hub":
        lines.append(f"  gated:    {_gating(snap)}")
    lines.extend(_declared(snap))
    lines.append("  files:")
    reports = {r.path: r for r in result.reports}
    if not snap.files:
        lines.append("    (no license-bearing files)")
    width = max((len(f.path) for f in snap.files), default=0)
    for f in snap.files:
        name = safe(f.path).ljust(width)
        if f.unavailable:
            lines.append(f"    {name}  unavailable: {safe(f.unavailable)}")
            continue
        lines.extend(_file_lines(name, reports.get(f.path)))
    lines.extend(_lineage(snap))
    for problem in snap.problems:
        lines.append(f"  problem ({problem.kind}): {safe(problem.message)}")
    for note in (*((snap.card_problem,) if snap.card_problem else ()), *snap.notes):
        lines.append(f"  note: {safe(note)}")
    return "\n".join(lines) + "\n"


def _gating(snap: RepoSnapshot) -> str:
    if snap.gated is None:
        return "no"
    if snap.access == "denied":
        return f"{snap.gated}; files not readable: {snap.access_reason}"
    return f"{snap.gated}; files readable with this token"


def _declared(snap: RepoSnapshot) -> list[str]:
    card = snap.card
    parts = []
    for key in ("license", "license_name", "license_link"):
        if key in card:
            parts.append(f"{key}: {safe(_short(card[key]))}")
    lines = [f"  declared: {'; '.join(parts) if parts else 'nothing (no license in the card)'}"]
    if snap.tag_licenses:
        lines.append(f"  tags:     {', '.join('license:' + safe(t) for t in snap.tag_licenses)}")
    if card.get("extra_gated_prompt"):
        lines.append(f"  gating prompt: {safe(_short(card['extra_gated_prompt'], 100))}")
    return lines


def _file_lines(name: str, report: FileReport | None) -> list[str]:
    if report is None:
        return [f"    {name}  not identified"]
    if not report.detections:
        words = {
            "unknown": "no known license text",
            "empty": "empty",
            "copyright-only": "copyright lines only",
            "binary": "binary, skipped",
        }
        return [f"    {name}  {words.get(report.status, report.status)}"]
    lines = []
    for i, det in enumerate(report.detections):
        label = name if i == 0 else " " * len(name)
        state = {
            "exact": "exactly",
            "match": "matches",
            "modified": "MODIFIED",
            "partial": f"PARTIAL ({det.coverage:.0%})",
        }[det.status]
        lines.append(
            f"    {label}  {state} {det.license_id} ({det.confidence:.0%}, lines "
            f"{det.span.start_line}-{det.span.end_line})"
        )
        for diff in det.substantive_differences[:3]:
            quote = diff.text or diff.reference_text
            verb = (
                "adds"
                if diff.kind == "inserted"
                else "removes"
                if diff.kind == "removed"
                else "changes"
            )
            lines.append(
                f'    {" " * len(name)}    line {diff.line} {verb}: "{safe(_short(quote))}"'
            )
    return lines


def _lineage(snap: RepoSnapshot) -> list[str]:
    lines = ["  base models: none declared"] if not snap.base_models else ["  base models:"]
    last = len(snap.base_models) - 1
    for i, base in enumerate(snap.base_models):
        branch = "└─" if i == last else "├─"
        relation = base.relation or "derived"
        lines.append(f"    {branch} {safe(base.repo_id)} ({relation}, from the {base.source})")
    if snap.datasets:
        lines.append("  trained on (datasets):")
        lines.extend(f"    {'└─' if i == len(snap.datasets) - 1 else '├─'} {safe(d)}"
                     for i, d in enumerate(snap.datasets))
    return lines


def _short(value: object, limit: int = 160) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."

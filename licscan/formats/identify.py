"""Identification results as text for a person or JSON for a machine.

Why the quotes: "modified" alone does not let a reviewer decide anything; the passage that was
added or removed does. Text output quotes every substantive difference (capped, and says so);
JSON carries every field, harmless differences included.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from licscan import __version__
from licscan.model import Detection, FileReport
from licscan.terminal import safe_for_terminal

JSON_SCHEMA_VERSION = 1
MAX_QUOTED = 5
QUOTE_CHARS = 240


def render_identification_json(reports: Iterable[FileReport]) -> str:
    files: list[dict[str, Any]] = []
    for report in reports:
        data = asdict(report)
        data["resembles"] = list(report.resembles)
        for det in data["detections"]:
            det["license"] = det.pop("license_id")
        files.append(data)
    payload = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "licscan", "version": __version__},
        "files": files,
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_identification_text(reports: Iterable[FileReport]) -> str:
    out: list[str] = []
    for report in reports:
        path = safe_for_terminal(report.path)
        if report.status == "identified":
            out.append(f"{path}:")
            for det in report.detections:
                out.extend(_detection_lines(det))
            if report.expression:
                out.append(f"  the file states: {report.expression}")
            if report.points_to:
                out.append("  it points at: "
                           + ", ".join(safe_for_terminal(p) for p in report.points_to)
                           + " (licscan check reads them with it)")
        else:
            out.append(f"{path}: {_status_words(report)}")
        out.extend(_unexplained_lines(report))
        if report.truncated and report.status == "identified" and report.message:
            out.append(f"  note: {report.message}")
    return "\n".join(out) + "\n"


def _status_words(report: FileReport) -> str:
    words = {
        "unknown": "no known license text recognised",
        "empty": "empty file",
        "copyright-only": "only copyright lines, no license text",
        "binary": "binary file, skipped",
        "unreadable": "could not be read",
    }.get(report.status, report.status)
    if report.message and report.status in ("unreadable", "binary", "unknown"):
        words = safe_for_terminal(report.message)
    if report.resembles:
        words += f" (shares passages with {', '.join(report.resembles)}, but not in order)"
    return words


def _detection_lines(det: Detection) -> list[str]:
    head = {
        "exact": "exactly",
        "match": "matches",
        "modified": "MODIFIED version of",
        "partial": "PARTIAL copy of",
    }[det.status]
    lines = [
        f"  {head} {det.name} [{det.license_id}]  confidence {det.confidence:.0%}, "
        f"{det.coverage:.0%} of the reference, lines {det.span.start_line}-{det.span.end_line}"
        f" ({det.matcher})"
    ]
    if det.covers:
        lines.append(f"    covers: {_clip(det.covers)}")
    if det.alternatives:
        lines.append(f"    same or nearly the same text: {', '.join(det.alternatives)}")
    substantive = det.substantive_differences
    for diff in substantive[:MAX_QUOTED]:
        lines.append(f"    line {diff.line}: {diff.reason}")
        if diff.text:
            lines.append(f"      file has:      \"{_clip(diff.text)}\"")
        if diff.reference_text:
            lines.append(f"      reference has: \"{_clip(diff.reference_text)}\"")
    if len(substantive) > MAX_QUOTED:
        lines.append(f"    ... and {len(substantive) - MAX_QUOTED} more substantive differences "
                     "(use --format json for all)")
    harmless = len(det.differences) - len(substantive)
    if harmless:
        lines.append(f"    {harmless} harmless difference(s) (names, titles, wording)")
    return lines


def _unexplained_lines(report: FileReport) -> list[str]:
    """Text no license, statement or template part explains, quoted: it blocks a pass, so the
    reviewer must see what it says."""
    if not report.unexplained:
        return []
    lines = [f"  UNEXPLAINED text ({len(report.unexplained)} passage(s)): not part of any "
             "license text, notice or template"]
    for passage in report.unexplained[:MAX_QUOTED]:
        where = (f"line {passage.span.start_line}" if passage.span.start_line ==
                 passage.span.end_line
                 else f"lines {passage.span.start_line}-{passage.span.end_line}")
        lines.append(f"    {where}: \"{_clip(passage.text)}\"")
    if len(report.unexplained) > MAX_QUOTED:
        lines.append(f"    ... and {len(report.unexplained) - MAX_QUOTED} more unexplained "
                     "passages (use --format json for all)")
    return lines


def _clip(text: str) -> str:
    text = safe_for_terminal(text)
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 3] + "..."

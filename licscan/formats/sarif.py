"""``licscan check`` as SARIF 2.1.0, for GitHub code scanning (formats notes B.1).

Why this shape: code scanning tracks alerts by stable rule id and fingerprint, shows them only on
lines of files in the repository, rejects a whole upload when any result lacks a physical
location, and turns ``security-severity`` into security alerts. So every rule used carries its
``RULES`` text and a default level (never ``security-severity``: a license problem is not a
vulnerability); and every result points at a line of a file in the repository: the line that
names the model (a manifest or code reference from ``report.locations``), else the policy
exception that covers the model, else line 1 of the policy file, else (a built-in policy, or
one outside the repository, and a model named on the command line) the repository root itself.

URIs are relative to the repository root (the git top level of the working directory, else the
working directory) with ``uriBaseId`` ``%SRCROOT%``, whichever subfolder licscan ran in; never an
absolute ``file://`` URI, which code scanning cannot map onto the checkout. A policy that is not
a file in the repository (the built-in one, or one outside it) is named in the run's properties,
never where the schema wants a URI. ``partialFingerprints["licscan/v1"]`` is a hash of model,
revision, rule (and license, when the reason names one, so two licenses failing the same rule
stay two alerts).

Waived reasons are kept as results with an external suppression carrying the exception as the
justification: the audit trail shows what was waived, and code scanning does not alert on them.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from licscan import __version__
from licscan.formats.report import CheckReport, Location, repo_relative, repo_root
from licscan.model import Reason, Severity, Verdict, severity_rank
from licscan.policy.rules import RULES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/licscan/licscan"
LEVEL = {"error": "error", "warning": "warning", "note": "note"}
SRCROOT = "%SRCROOT%"
# Where a result goes when no file in the repository names the model or holds the policy.
REPOSITORY_ROOT = Location(".", 1)


def render(report: CheckReport) -> str:
    """The SARIF log: one run, one result per reason (waived ones suppressed)."""
    root = repo_root()
    policy_path = _policy_path(report.policy.source, root)
    exception_lines = _exception_lines(report.policy.source) if policy_path else {}
    place = _Placer(report, policy_path, exception_lines, root)
    results: list[dict[str, Any]] = []
    used: dict[str, Severity] = {}  # rule id -> most severe level seen
    for verdict in report.verdicts:
        for reason in verdict.reasons:
            results.append(_result(verdict, reason, place))
            seen = used.get(reason.rule)
            if seen is None or severity_rank(reason.severity) > severity_rank(seen):
                used[reason.rule] = reason.severity
    rule_ids = sorted(used)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    for result in results:
        result["ruleIndex"] = index[result["ruleId"]]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "licscan",
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rid, used[rid]) for rid in rule_ids],
            }},
            "automationDetails": {"id": "licscan/"},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"policy": report.policy.name,
                           "policySource": policy_path or _policy_label(report.policy.source),
                           "failOn": report.fail_on},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(rule_id: str, level: str) -> dict[str, Any]:
    rule = RULES[rule_id]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary[:1024]},
        "fullDescription": {"text": f"{rule.summary} (licscan rule {rule.id}, policy key "
                                    f"'{rule.name}')."[:1024]},
        "help": {"text": rule.help, "markdown": f"**{rule.id}** {rule.summary}.\n\n{rule.help}"},
        "defaultConfiguration": {"level": LEVEL[level]},
        "properties": {"tags": ["license", "ai-model"], "precision": "high",
                       "problem.severity": LEVEL[level]},
    }


def _policy_path(source: str, root: Path) -> str | None:
    """The policy file relative to the repository root, or None: built in, or outside it."""
    try:
        if not Path(source).is_file():
            return None
    except (OSError, ValueError):
        return None
    return repo_relative(source, root)


def _policy_label(source: str) -> str:
    """How the run names a policy that is not a file of the repository (no path, no URI)."""
    try:
        is_file = Path(source).is_file()
    except (OSError, ValueError):
        is_file = False
    return f"{Path(source).name} (outside the repository)" if is_file else source


def _result(verdict: Verdict, reason: Reason, place: _Placer) -> dict[str, Any]:
    a = verdict.assessment
    model = a.repo_id if a is not None else verdict.target
    revision = (a.commit or a.revision or "") if a is not None else ""
    at = f"{verdict.target}@{a.commit[:12]}" if a is not None and a.commit else verdict.target
    text = f"{at}: {reason.message}"
    if verdict.hint and verdict.status == "error":
        text += f" ({verdict.hint})"
    key = "|".join((model, revision, reason.rule, *((reason.license_id,) if reason.license_id
                                                     else ())))
    result: dict[str, Any] = {
        "ruleId": reason.rule,
        "level": LEVEL[reason.severity],
        "message": {"text": text},
        "locations": [place(verdict.target, model)],
        "partialFingerprints": {"licscan/v1": hashlib.sha256(key.encode()).hexdigest()},
        "properties": {"model": model, "verdict": verdict.status,
                       "decision": reason.decision},
    }
    if reason.license_id:
        result["properties"]["license"] = reason.license_id
    if reason.waived_by is not None:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": reason.waived_by}]
    return result


class _Placer:
    """The location of each result: a line of a file in the repository, always."""

    def __init__(self, report: CheckReport, policy_path: str | None,
                 exception_lines: dict[str, tuple[int, int, int]], root: Path) -> None:
        self.report = report
        self.policy_path = policy_path
        self.exception_lines = exception_lines
        self.root = root

    def __call__(self, target: str, model: str) -> dict[str, Any]:
        where = self.report.locations.get(target)
        if where is not None and not _in_repository(where.path):
            where = None
        if where is None and self.policy_path is not None:
            if model.lower() in self.exception_lines:
                line, start, end = self.exception_lines[model.lower()]
                where = Location(self.policy_path, line, start, end)
            else:
                where = Location(self.policy_path, 1)
        if where is None:
            where = REPOSITORY_ROOT
        region: dict[str, int] = {"startLine": max(1, where.line),
                                  "startColumn": max(1, where.column),
                                  "endLine": max(1, where.line)}
        if where.end_column is not None and where.end_column > region["startColumn"]:
            region["endColumn"] = where.end_column
        uri = where.path[2:] if where.path.startswith("./") else where.path
        return {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT},
                                     "region": region}}


def _in_repository(path: str) -> bool:
    """Whether a ``Location`` path is repository-relative (not absolute, not above the root)."""
    posix = path.replace("\\", "/")
    return not (posix.startswith("/") or re.match(r"^[A-Za-z]:", posix)
                or posix == ".." or posix.startswith("../"))


_MODEL_LINE = re.compile(r"""^(\s*(?:-\s*)?)(model\s*:\s*["']?([^"'#\s]+)["']?)""")


def _exception_lines(source: str) -> dict[str, tuple[int, int, int]]:
    """The ``model:`` line of each exception in the policy file: model -> (line, start, end).

    The parsed policy keeps no line numbers, so the file is scanned for ``model:`` keys after
    ``exceptions:``. A file that cannot be read only means results point at line 1 instead.
    """
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    found: dict[str, tuple[int, int, int]] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^exceptions\s*:", line):
            inside = True
            continue
        if inside and re.match(r"^[A-Za-z_\"']", line):  # the next top-level key
            inside = False
        match = _MODEL_LINE.match(line) if inside else None
        if match:
            start = len(match.group(1)) + 1
            found.setdefault(match.group(3).lower(),
                             (number, start, start + len(match.group(2))))
    return found

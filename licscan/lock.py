"""Lockfiles: what was approved, and whether it changed upstream since.

Why: a model approved today can change its license tomorrow (a new LICENSE, a new base, a card
edit) under the same repo id. ``licscan lock`` records, per model, the resolved commit, the
effective license, a hash of every license-bearing file and the base models; ``check --locked``
compares the live repository with that record. New weights alone (same license files, same
card license fields, same bases) are not drift; anything else is, with a diff a person can read.
The file is JSON with sorted keys and no timestamps, so it diffs cleanly in review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from licscan import __version__
from licscan.errors import LicscanError
from licscan.formats.report import write_atomically
from licscan.model import Assessment, Reason, Verdict
from licscan.policy.rules import RULES

LOCKFILE_VERSION = 1
DEFAULT_LOCKFILE = Path("licscan.lock")


class LockfileError(LicscanError):
    """A lockfile is missing, unreadable or not one licscan wrote."""


def entry_for(assessment: Assessment) -> dict[str, Any]:
    """The lock record of one resolved repository."""
    return {
        "repo_id": assessment.repo_id,
        "kind": assessment.kind,
        "revision": assessment.revision,
        "commit": assessment.commit,
        "effective_license": assessment.expression,
        "license_ids": list(assessment.license_ids),
        "declared": list(assessment.declared),
        "files": {path: digest for path, digest in assessment.license_files},
        "fingerprint": assessment.fingerprint,
        "bases": [
            {"repo_id": b.repo_id, "relation": b.relation, "commit": b.commit,
             "effective_license": b.expression, "fingerprint": b.fingerprint}
            for b in assessment.bases
        ],
    }


def render_lockfile(entries: Mapping[str, dict[str, Any]], policy: str | None) -> str:
    data = {
        "lockfile_version": LOCKFILE_VERSION,
        "generated_by": f"licscan {__version__}",
        "policy": policy,
        "models": dict(sorted(entries.items())),
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_lockfile(path: Path, entries: Mapping[str, dict[str, Any]], policy: str | None) -> None:
    write_atomically(path, render_lockfile(entries, policy))


def read_lockfile(path: Path) -> dict[str, dict[str, Any]]:
    """Target -> lock record."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LockfileError(f"The lockfile {path} does not exist.",
                            hint="Run 'licscan lock' to record the approved models first.") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LockfileError(f"The lockfile {path} could not be read: {exc}.",
                            hint="Regenerate it with 'licscan lock'.") from exc
    if not isinstance(data, dict) or data.get("lockfile_version") != LOCKFILE_VERSION \
            or not isinstance(data.get("models"), dict):
        raise LockfileError(f"{path} is not a licscan lockfile (version {LOCKFILE_VERSION}).",
                            hint="Regenerate it with 'licscan lock'.")
    return {str(k): v for k, v in data["models"].items() if isinstance(v, dict)}


def drift(target: str, locked: Mapping[str, Any] | None,
          current: Assessment) -> list[Reason]:
    """Why the live repository no longer matches what was locked (empty: it still does)."""
    if locked is None:
        rule = RULES["LS603"]
        return [Reason(rule.id, rule.name, "error", "deny",
                       f"{target} is not in the lockfile; it has never been approved",
                       evidence=("lockfile",))]
    now = entry_for(current)
    reasons: list[Reason] = []
    if locked.get("license_ids") != now["license_ids"]:
        rule = RULES["LS600"]
        reasons.append(Reason(rule.id, rule.name, "error", "deny",
                              f"the effective license changed: was "
                              f"{locked.get('effective_license') or 'none'}, now "
                              f"{now['effective_license'] or 'none'}",
                              evidence=_commits(locked, now)))
    changed = _changed_files(locked.get("files") or {}, now["files"])
    if changed or (not changed and locked.get("fingerprint") != now["fingerprint"]
                   and locked.get("files") == now["files"]):
        rule = RULES["LS601"]
        what = "; ".join(changed) if changed else \
            "the card's license fields (license, license_name, license_link or gating prompt)"
        reasons.append(Reason(rule.id, rule.name, "error", "deny",
                              f"the license text changed since it was locked: {what}",
                              evidence=_commits(locked, now)))
    before = {(b.get("repo_id") or "").lower(): b for b in locked.get("bases") or []}
    after = {b["repo_id"].lower(): b for b in now["bases"]}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        rule = RULES["LS602"]
        if old is None or new is None:
            verb = "added" if old is None else "removed"
            name = (new or old or {}).get("repo_id", key)
            reasons.append(Reason(rule.id, rule.name, "error", "deny",
                                  f"base model {name} was {verb} since the lock"))
        elif old.get("effective_license") != new.get("effective_license") or \
                old.get("fingerprint") != new.get("fingerprint"):
            reasons.append(Reason(rule.id, rule.name, "error", "deny",
                                  f"base model {new['repo_id']} changed its license: was "
                                  f"{old.get('effective_license')}, now "
                                  f"{new.get('effective_license')}"))
    return reasons


def with_drift(verdict: Verdict, reasons: Iterable[Reason]) -> Verdict:
    """The verdict with the drift reasons added, its status by the one rule (``verdict_status``):
    not evaluated stays not evaluated (exit 2), drift or not."""
    extra = tuple(reasons)
    return verdict.with_reasons(extra) if extra else verdict


def _changed_files(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    out = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if path not in before:
            out.append(f"{path} was added")
        elif path not in after:
            out.append(f"{path} was removed")
        elif old is None or new is None:
            out.append(f"{path} could not be compared (unreadable on one side)")
        else:
            out.append(f"{path} changed (sha256 {str(old)[:12]} -> {str(new)[:12]})")
    return out


def _commits(locked: Mapping[str, Any], now: Mapping[str, Any]) -> tuple[str, ...]:
    return (f"locked at commit {locked.get('commit')}", f"now at commit {now.get('commit')}")

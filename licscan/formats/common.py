"""What the ``check`` reports share: the order reasons are read in, the one that matters most,
the summary sentence and the label of a lineage node.

Why one place: the text, Markdown and HTML reports of one run are read side by side (a CI log,
a pull-request comment, the page legal keeps). If each wrote its own sort or its own words for
"could not be read", they would drift and the same run would seem to say different things.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from licscan.model import SEVERITY_ORDER, Assessment, Reason, Verdict


def reason_order(reason: Reason) -> tuple[int, str]:
    """Most severe first, then by rule id: the order every report lists reasons in."""
    return SEVERITY_ORDER[reason.severity], reason.rule


def active_reasons(verdict: Verdict) -> list[Reason]:
    """The reasons no exception waived, in ``reason_order``."""
    return sorted((r for r in verdict.reasons if r.waived_by is None), key=reason_order)


def waived_reasons(verdict: Verdict) -> list[Reason]:
    """The reasons an exception waived, in the order the policy gave them."""
    return [r for r in verdict.reasons if r.waived_by is not None]


def top_reason(verdict: Verdict) -> Reason | None:
    """The reason a reader should see first: the most severe unwaived one, by rule id."""
    return next(iter(active_reasons(verdict)), None)


def effective_license(verdict: Verdict) -> str:
    """The effective license expression for people, or why there is none."""
    a = verdict.assessment
    if a is None:
        return "not evaluated"
    return a.expression or "none established"


def not_evaluated(verdict: Verdict) -> tuple[str, str | None]:
    """Why a target has no assessment, and the hint that says what to do."""
    return f"Could not be evaluated: {verdict.error or 'unknown problem'}", verdict.hint


def summary_counts(verdicts: Iterable[Verdict]) -> dict[str, int]:
    counts = {"pass": 0, "warn": 0, "fail": 0, "error": 0}
    for verdict in verdicts:
        counts[verdict.status] += 1
    return counts


def summary_sentence(verdicts: Sequence[Verdict], none: str = "") -> str:
    """'3 model(s): 2 passed, 1 failed': each outcome that occurred, in a fixed order, or
    ``none`` when nothing was checked."""
    counts = summary_counts(verdicts)
    phrase = ", ".join(f"{counts[status]} {word}" for status, word in (
        ("pass", "passed"), ("warn", "warned"), ("fail", "failed"),
        ("error", "could not be evaluated")) if counts[status])
    return f"{len(verdicts)} model(s): {phrase or none}"


def lineage_label(node: Assessment) -> str:
    """A lineage node's license, or why it has none."""
    return node.expression or ("could not be read" if node.error else "unknown")

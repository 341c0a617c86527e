"""``licscan check`` as JUnit XML, for CI test-report views (formats notes B.2).

Why this mapping: CI systems (GitLab, Jenkins, Azure) show JUnit reports as tests, keyed by
classname + name, drop duplicates, and count failed cases. A reader counts failed *models*, so
each model is exactly one case, ``license-allowed`` (classname the model): one ``<failure>``
listing every unwaived reason at or above ``--fail-on`` (each rule with what to do), however many
rules spoke; reasons below the threshold, the effective license, obligations and waivers go to
``<system-out>``. A model that could not be evaluated is an ``<error>``, not a failure, matching
exit code 2 versus 1. Each case's ``time`` is the seconds that model took to read, resolve and
judge; the suite's is the run's wall clock (models are checked concurrently, so case times may
add up to more). The report never decides the job: the exit code does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from licscan.formats.report import CheckReport
from licscan.model import Reason, Verdict
from licscan.policy.rules import RULES

FAILING = {"error": ("error",), "warning": ("error", "warning")}
# Characters XML 1.0 cannot carry at all, even escaped; model cards can contain them.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: CheckReport) -> str:
    """One ``<testsuite>`` for the policy run, inside ``<testsuites>``; counts add up."""
    failing = FAILING.get(report.fail_on, ("error",))
    cases = [_case(v, failing, report.durations.get(v.target)) for v in report.verdicts]
    totals = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": 0,
    }
    stamp = report.created.isoformat().replace("+00:00", "Z")
    elapsed = report.elapsed if report.elapsed is not None else sum(report.durations.values())
    root = ET.Element("testsuites", {"name": "licscan", **_counts(totals),
                                     "time": _seconds(elapsed)})
    suite = ET.SubElement(root, "testsuite", {"name": report.policy.source, **_counts(totals),
                                              "timestamp": stamp, "time": _seconds(elapsed)})
    properties = ET.SubElement(suite, "properties")
    for name, value in (("policy", report.policy.name), ("fail-on", report.fail_on)):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    suite.extend(cases)
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in element.attrib.items():
            element.attrib[key] = _NOT_XML.sub("\ufffd", value)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _counts(totals: dict[str, int]) -> dict[str, str]:
    return {k: str(v) for k, v in totals.items()}


def _seconds(value: float | None) -> str:
    """Seconds with millisecond precision; unknown (a report built without timings) is 0."""
    return f"{max(0.0, value or 0.0):.3f}"


def _case(verdict: Verdict, failing: tuple[str, ...], seconds: float | None) -> ET.Element:
    case = ET.Element("testcase", {"classname": verdict.target, "name": "license-allowed",
                                   "time": _seconds(seconds)})
    if verdict.status == "error":
        ET.SubElement(case, "error", {"type": "LS500",
                                      "message": verdict.error or "could not be evaluated"}
                      ).text = verdict.hint or RULES["LS500"].help
        return case
    active = [r for r in verdict.reasons if r.waived_by is None]
    blocking = [r for r in active if r.severity in failing]
    if blocking:
        worst = blocking[0]
        rules = list(dict.fromkeys(r.rule for r in blocking))
        ET.SubElement(case, "failure", {
            "type": worst.rule,
            "message": f"{verdict.status}: {len(blocking)} reason(s) at or above the failing "
                       f"level ({', '.join(rules)}); first {worst.rule}: {worst.message}"}
                      ).text = _reasons_text(blocking)
    out_lines = _summary_lines(verdict, [r for r in active if r.severity not in failing])
    if out_lines:
        ET.SubElement(case, "system-out").text = "\n".join(out_lines)
    return case


def _reasons_text(reasons: list[Reason]) -> str:
    """Each reason, grouped by rule, with the rule's advice once per rule."""
    by_rule: dict[str, list[Reason]] = {}
    for reason in reasons:
        by_rule.setdefault(reason.rule, []).append(reason)
    lines: list[str] = []
    for rule_id, group in by_rule.items():
        rule = RULES[rule_id]
        lines += [f"{rule_id} {rule.name} {r.severity}: {r.message}" for r in group]
        lines.append(f"  -> {rule.help}")
    return "\n".join(lines)


def _summary_lines(verdict: Verdict, below: list[Reason]) -> list[str]:
    a = verdict.assessment
    lines: list[str] = []
    if a is not None:
        lines.append(f"Effective license: {a.expression or 'none established'}"
                     + (f" (commit {a.commit})" if a.commit else ""))
    if below:
        lines.append("Below the failing level:")
        lines += [f"- {line}" for line in _reasons_text(below).splitlines()]
    if verdict.obligations:
        lines.append("Obligations:")
        lines += [f"- {o.rule}: {o.text}" for o in verdict.obligations]
    waived = [r for r in verdict.reasons if r.waived_by is not None]
    if waived:
        lines.append("Waived:")
        lines += [f"- {r.rule}: {r.message} (waived by {r.waived_by})" for r in waived]
    return lines

"""``licscan check`` as JUnit XML, for CI test-report views (formats notes B.2).

Why this mapping: CI systems (GitLab, Jenkins, Azure) show JUnit reports as tests, keyed by
classname + name, and drop duplicates. So each model is a class; its checks are a
``license-allowed`` case (the overall answer, with obligations in ``<system-out>``) and one case
per rule that gave an unwaived reason (several reasons under one rule are one case). A reason at
or above ``--fail-on`` is a ``<failure>``; a model that could not be evaluated is an ``<error>``,
not a failure, matching exit code 2 versus 1. The report never decides the job: the exit code
does.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from licscan.formats.report import CheckReport
from licscan.policy.evaluate import Reason, Verdict
from licscan.policy.rules import RULES

FAILING = {"error": ("error",), "warning": ("error", "warning")}
# Characters XML 1.0 cannot carry at all, even escaped; model cards can contain them.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: CheckReport) -> str:
    """One ``<testsuite>`` for the policy run, inside ``<testsuites>``; counts add up."""
    failing = FAILING.get(report.fail_on, ("error",))
    cases: list[ET.Element] = []
    for verdict in report.verdicts:
        cases.extend(_cases(verdict, failing))
    totals = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("error") is not None),
        "skipped": 0,
    }
    stamp = report.created.isoformat().replace("+00:00", "Z")
    root = ET.Element("testsuites", {"name": "licscan", **_counts(totals)})
    suite = ET.SubElement(root, "testsuite", {"name": report.policy.source, **_counts(totals),
                                              "timestamp": stamp, "time": "0"})
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


def _cases(verdict: Verdict, failing: tuple[str, ...]) -> list[ET.Element]:
    overall = _case(verdict.target, "license-allowed")
    if verdict.status == "error":
        ET.SubElement(overall, "error", {"type": "LS500",
                                         "message": verdict.error or "could not be evaluated"}
                      ).text = verdict.hint or RULES["LS500"].help
        return [overall]
    active = [r for r in verdict.reasons if r.waived_by is None]
    blocking = [r for r in active if r.severity in failing]
    if blocking:
        worst = blocking[0]
        ET.SubElement(overall, "failure", {
            "type": worst.rule,
            "message": f"{verdict.status}: {len(blocking)} reason(s) at or above the failing "
                       f"level; first {worst.rule}: {worst.message}"}
                      ).text = "\n".join(f"{r.rule} {r.severity}: {r.message}" for r in blocking)
    out_lines = _summary_lines(verdict)
    if out_lines:
        ET.SubElement(overall, "system-out").text = "\n".join(out_lines)
    cases = [overall]
    by_rule: dict[str, list[Reason]] = {}
    for reason in active:
        by_rule.setdefault(reason.rule, []).append(reason)
    for rule_id, reasons in by_rule.items():
        rule = RULES[rule_id]
        case = _case(verdict.target, f"{rule_id}-{rule.name.replace('_', '-')}")
        text = "\n".join(f"{r.severity}: {r.message}" for r in reasons) + f"\n→ {rule.help}"
        failed = [r for r in reasons if r.severity in failing]
        if failed:
            ET.SubElement(case, "failure", {"type": rule_id, "message": failed[0].message}
                          ).text = text
        else:  # below --fail-on: passes, but says what it noticed
            ET.SubElement(case, "system-out").text = text
        cases.append(case)
    return cases


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", {"classname": classname, "name": name, "time": "0"})


def _summary_lines(verdict: Verdict) -> list[str]:
    a = verdict.assessment
    lines: list[str] = []
    if a is not None:
        lines.append(f"Effective license: {a.expression or 'none established'}"
                     + (f" (commit {a.commit})" if a.commit else ""))
    if verdict.obligations:
        lines.append("Obligations:")
        lines += [f"- {o.rule}: {o.text}" for o in verdict.obligations]
    waived = [r for r in verdict.reasons if r.waived_by is not None]
    if waived:
        lines.append("Waived:")
        lines += [f"- {r.rule}: {r.message} (waived by {r.waived_by})" for r in waived]
    return lines

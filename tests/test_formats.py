"""Report formats (markdown, SARIF, JUnit, SPDX, CycloneDX, HTML) from real evaluations.

Reports are built without the network: snapshots are read from fixtures/hub folders as if from
the Hub (commit = sha1 of the repo id, as the fixtures README says), bases come from a fake
fetch over the same folders, and policies are the shipped ones. Each format is checked by the
validator its consumers trust: the vendored OASIS SARIF schema, junitparser, spdx-tools,
cyclonedx-python-lib's strict 1.6 schema, and a real headless chromium for the HTML page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from licscan.engine import Resolver, identify_snapshot
from licscan.errors import SourceError
from licscan.formats import cyclonedx, html, junit, markdown, sarif, spdx
from licscan.formats.registry import RENDERERS
from licscan.formats.report import REPORT_FORMATS, CheckReport, Location
from licscan.model import FileReport, RepoSnapshot, Verdict
from licscan.policy.evaluate import could_not_evaluate, evaluate
from licscan.policy.loader import load_policy
from licscan.policy.model import Policy
from licscan.sources.local import read_folder
from tests.helpers import REPO, run_cli

HUB = REPO / "fixtures" / "hub"
SCHEMAS = Path(__file__).parent / "schemas"
CREATED = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
TODAY = dt.date(2026, 1, 2)
GEMMA4 = "google/gemma-4-31b"
GGUF = "TheBloke/Llama-3.1-8B-Instruct-GGUF"
LLAMA31 = "meta-llama/Llama-3.1-8B-Instruct"
MODIFIED = "acme/apache-nc-modified"
MERGE = "acme/qwen-llama-merge"
MISSING = "acme/does-not-exist"
NASTY = "evil/<script>alert(1)</script>|*x*[a](http://e.example)@someone"


def commit_of(repo_id: str) -> str:
    return hashlib.sha1(repo_id.encode()).hexdigest()


def snapshot(repo_id: str) -> RepoSnapshot:
    folder = HUB / repo_id
    if not folder.is_dir():
        raise SourceError(f"{repo_id} was not found")
    return read_folder(folder, target=repo_id, repo_id=repo_id, origin="hub",
                       commit=commit_of(repo_id))


def fetch(repo_id: str) -> tuple[RepoSnapshot, tuple[FileReport, ...]]:
    snap = snapshot(repo_id)
    return snap, identify_snapshot(snap)


def verdict_for(repo_id: str, policy: Policy) -> Verdict:
    snap = snapshot(repo_id)
    assessment = Resolver(fetch=fetch).resolve(snap, identify_snapshot(snap))
    return evaluate(assessment, policy, today=TODAY)


@pytest.fixture(scope="module")
def corp() -> Policy:
    return load_policy(Path("examples/corp.yaml"))


@pytest.fixture(scope="module")
def report(corp: Policy) -> CheckReport:
    """Pass, fail with lineage, modified, waived-by-exception, could-not-evaluate."""
    verdicts = tuple(verdict_for(r, corp) for r in (GEMMA4, GGUF, MODIFIED, MERGE))
    error = could_not_evaluate(MISSING, "acme/does-not-exist was not found on the Hub",
                               "Check the repo id.")
    return CheckReport((*verdicts, error), corp,
                       {GGUF: Location("models.yaml", 4, 5, 40)}, created=CREATED)


@pytest.fixture(scope="module")
def nasty(corp: Policy) -> CheckReport:
    """A target and message full of markup, as an uploader could write them."""
    bad = could_not_evaluate(NASTY, "card says <img src=x onerror=alert(1)> & `rm -rf` | **b**",
                             "<b>hint</b>")
    return CheckReport((bad,), corp, created=CREATED)


def by_target(report: CheckReport) -> dict[str, Verdict]:
    return {v.target: v for v in report.verdicts}


def test_the_fixture_report_covers_every_case(report: CheckReport) -> None:
    v = by_target(report)
    assert v[GEMMA4].status == "pass"
    assert v[GGUF].status == "fail" and v[GGUF].assessment is not None
    assert [b.repo_id for b in v[GGUF].assessment.bases] == [LLAMA31]
    assert v[MODIFIED].assessment is not None and v[MODIFIED].assessment.modified_ids
    assert any(r.waived_by for r in v[MERGE].reasons)
    assert v[MISSING].status == "error"


def test_every_format_module_is_registered() -> None:
    """A module of licscan/formats that renders a CheckReport is reachable by name."""
    import importlib

    folder = Path(__file__).resolve().parent.parent / "licscan" / "formats"
    renders = [importlib.import_module(f"licscan.formats.{p.stem}").render
               for p in folder.glob("*.py")
               if "\ndef render(report: CheckReport) -> str:" in p.read_text("utf-8")]
    assert len(renders) == 7 and set(renders) <= set(RENDERERS.values())
    assert tuple(RENDERERS) == REPORT_FORMATS


def test_formats_are_deterministic_for_a_fixed_created(report: CheckReport) -> None:
    for name in REPORT_FORMATS:
        assert report.render(name) == report.render(name), name


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_table_and_details(report: CheckReport) -> None:
    text = markdown.render(report)
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == len(report.verdicts)
    assert all(line.count(" | ") == 3 for line in rows)  # four cells, none split
    gguf = next(line for line in rows if GGUF in line)
    assert "**FAIL**" in gguf and "llama3.1" in gguf and "LS" in gguf
    assert "**PASS**" in next(line for line in rows if GEMMA4 in line)
    assert "**ERROR**" in next(line for line in rows if MISSING in line)
    assert "**Lineage**" in text and f"  - `{LLAMA31}`: llama3.1" in text
    assert "**Obligations**" in text and "waived by exception #1" in text
    assert not re.search(r"[\U0001F300-\U0001FAFF\u2705\u274C]", text)  # no emoji


def test_markdown_escapes_model_controlled_text(nasty: CheckReport) -> None:
    text = markdown.render(nasty)
    spans = re.findall(r"`[^`]*`", text)
    assert f"`{NASTY.replace('|', chr(92) + '|')}`" in spans  # ids: literal in a code span
    prose = re.sub(r"`[^`]*`", "", text)
    assert "<script>" not in prose and "<img" not in prose and "<b>" not in prose
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "\\*\\*b\\*\\*" in text and "\\[a\\]" in text
    row = next(line for line in text.splitlines() if line.startswith("| `"))
    assert row.count(" | ") == 3  # the | in the target and message did not add cells
    assert "@someone" not in prose  # no mention


# --- SARIF ------------------------------------------------------------------------------------


def sarif_schema_validator() -> Any:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_validates_against_the_oasis_schema(report: CheckReport) -> None:
    log = json.loads(sarif.render(report))
    errors = sorted(sarif_schema_validator().iter_errors(log), key=str)
    assert not errors, errors[0].message


def test_sarif_shape_for_code_scanning(report: CheckReport) -> None:
    log = json.loads(sarif.render(report))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "licscan" and driver["semanticVersion"] and driver["informationUri"]
    assert run["automationDetails"]["id"] == "licscan/"
    assert "security-severity" not in json.dumps(log)
    rule_ids = [r["id"] for r in driver["rules"]]
    assert {r["ruleId"] for r in run["results"]} == set(rule_ids)
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"] and len(rule[key]["text"]) <= 1024
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert "\\" not in uri and not uri.startswith(("/", "file:"))
        assert re.fullmatch(r"[0-9a-f]{64}", result["partialFingerprints"]["licscan/v1"])
    fingerprints = [r["partialFingerprints"]["licscan/v1"] for r in run["results"]]
    assert len(fingerprints) == len(set(fingerprints))


def test_sarif_locations_and_suppressions(report: CheckReport) -> None:
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    of = {t: [r for r in results if t in r["message"]["text"]]
          for t in (GGUF, MODIFIED, MERGE, MISSING)}
    gguf = of[GGUF][0]["locations"][0]["physicalLocation"]
    assert gguf["artifactLocation"]["uri"] == "models.yaml"
    assert gguf["region"] == {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 40}
    policy_lines = Path("examples/corp.yaml").read_text("utf-8").splitlines()
    merge = of[MERGE][0]["locations"][0]["physicalLocation"]
    assert merge["artifactLocation"]["uri"] == "examples/corp.yaml"
    line = policy_lines[merge["region"]["startLine"] - 1]
    assert f"model: {MERGE}" in line  # the exception that covers the model
    start, end = merge["region"]["startColumn"], merge["region"]["endColumn"]
    assert line[start - 1:end - 1] == f"model: {MERGE}"
    for t in (MODIFIED, MISSING):
        region = of[t][0]["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == 1
    suppressed = [r for r in of[MERGE] if r.get("suppressions")]
    assert suppressed and suppressed[0]["suppressions"][0]["kind"] == "external"
    assert "legal-approved" in suppressed[0]["suppressions"][0]["justification"]
    missing = of[MISSING][0]
    assert missing["ruleId"] == "LS500" and missing["level"] == "error"
    expected = hashlib.sha256(f"{MISSING}||LS500".encode()).hexdigest()
    assert missing["partialFingerprints"]["licscan/v1"] == expected


# --- JUnit ------------------------------------------------------------------------------------


def test_junit_parses_and_counts_add_up(report: CheckReport, tmp_path: Path) -> None:
    from junitparser import Error, Failure, JUnitXml

    path = tmp_path / "r.xml"
    path.write_text(junit.render(report), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    assert suite.name == "examples/corp.yaml"
    cases = list(suite)
    failures = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    errors = [c for c in cases if any(isinstance(r, Error) for r in c.result)]
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == \
        (len(cases), len(failures), len(errors), 0)
    root = ET.parse(path).getroot()
    assert root.get("tests") == str(len(cases)) and root.get("failures") == str(len(failures))
    keys = [(c.classname, c.name) for c in cases]
    assert len(keys) == len(set(keys))  # GitLab drops duplicates
    assert keys == [(v.target, "license-allowed") for v in report.verdicts]  # one case a model
    assert {c.classname for c in errors} == {MISSING}
    assert {c.classname for c in failures} == {GGUF, MODIFIED}
    assert suite.failures == 2  # each failed model once, however many rules spoke
    gguf = next(c for c in cases if c.classname == GGUF)
    failure = next(r for r in gguf.result if isinstance(r, Failure))
    assert "LS307 lineage" in (failure.text or "") and "->" in (failure.text or "")
    gemma = next(c for c in cases if (c.classname, c.name) == (GEMMA4, "license-allowed"))
    assert gemma.is_passed and "Obligations:" in (gemma.system_out or "")
    merge = next(c for c in cases if c.classname == MERGE)
    assert "Waived:" in (merge.system_out or "") and "LS307" in (merge.system_out or "")


def test_junit_times_are_the_measured_seconds(report: CheckReport) -> None:
    from dataclasses import replace

    timed = replace(report, durations={GEMMA4: 0.25, GGUF: 1.5}, elapsed=1.75)
    root = ET.fromstring(junit.render(timed))
    times = {c.get("classname"): c.get("time") for c in root.iter("testcase")}
    assert times[GEMMA4] == "0.250" and times[GGUF] == "1.500" and times[MISSING] == "0.000"
    assert root.get("time") == "1.750" and root.find("testsuite").get("time") == "1.750"


def test_junit_fail_on_warning_turns_warnings_into_failures(corp: Policy) -> None:
    from dataclasses import replace

    warn = replace(verdict_for(GEMMA4, corp), status="warn")
    reason = replace(could_not_evaluate("x", "m", None).reasons[0], rule="LS208",
                     name="remote_restriction", severity="warning", decision="warn")
    warn = replace(warn, reasons=(reason,))
    strict = ET.fromstring(junit.render(CheckReport((warn,), corp, fail_on="warning")))
    lenient = ET.fromstring(junit.render(CheckReport((warn,), corp, fail_on="error")))
    assert strict.get("failures") == "1" and lenient.get("failures") == "0"
    case = lenient.find("testsuite/testcase")
    assert case is not None and "Below the failing level:" in (case.findtext("system-out") or "")


# --- SPDX -------------------------------------------------------------------------------------


def parse_spdx(text: str, tmp_path: Path) -> Any:
    from spdx_tools.spdx.parser.parse_anything import parse_file

    path = tmp_path / "r.spdx.json"
    path.write_text(text, encoding="utf-8")
    return parse_file(str(path))


def test_spdx_is_valid_for_spdx_tools(report: CheckReport, tmp_path: Path) -> None:
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    document = parse_spdx(spdx.render(report), tmp_path)
    assert validate_full_spdx_document(document) == []


def test_spdx_packages_licenses_and_lineage(report: CheckReport) -> None:
    doc = json.loads(spdx.render(report))
    assert doc["spdxVersion"] == "SPDX-2.3"
    packages = {p["name"]: p for p in doc["packages"]}
    gguf = packages[GGUF]
    assert gguf["versionInfo"] == commit_of(GGUF)
    assert gguf["downloadLocation"] == f"https://huggingface.co/{GGUF}"
    assert gguf["filesAnalyzed"] is False and gguf["primaryPackagePurpose"] == "OTHER"
    assert gguf["externalRefs"][0]["referenceLocator"] == \
        f"pkg:huggingface/{GGUF}@{commit_of(GGUF)}"
    assert gguf["licenseDeclared"] == "Apache-2.0"
    assert "LicenseRef-scancode-llama-3.1-license-2024" in gguf["licenseConcluded"]
    assert packages[GEMMA4]["licenseConcluded"] == "Apache-2.0"
    assert packages[MODIFIED]["licenseConcluded"].startswith("LicenseRef-licscan-modified-")
    assert packages[MISSING]["licenseConcluded"] == "NOASSERTION"
    assert packages[MISSING]["downloadLocation"] == "NOASSERTION"
    used = set(re.findall(r"LicenseRef-[A-Za-z0-9.-]+", json.dumps(doc["packages"])))
    extracted = {e["licenseId"]: e for e in doc["hasExtractedLicensingInfos"]}
    assert used == set(extracted)
    assert all(e["extractedText"].strip() and e["name"] for e in extracted.values())
    assert "LLAMA 3.1 COMMUNITY LICENSE" in \
        extracted["LicenseRef-scancode-llama-3.1-license-2024"]["extractedText"].upper()
    ids = {p["name"]: p["SPDXID"] for p in doc["packages"]}
    rels = {(r["spdxElementId"], r["relationshipType"], r["relatedSpdxElement"])
            for r in doc["relationships"]}
    for verdict in report.verdicts:
        assert ("SPDXRef-DOCUMENT", "DESCRIBES", ids[verdict.target]) in rels
    assert (ids[GGUF], "DESCENDANT_OF", ids[LLAMA31]) in rels


def test_spdx_refuses_to_return_an_invalid_document(report: CheckReport,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from spdx_tools.spdx.validation import document_validator
    from spdx_tools.spdx.validation.validation_message import (
        SpdxElementType,
        ValidationContext,
        ValidationMessage,
    )

    problem = ValidationMessage("broken on purpose", ValidationContext(
        element_type=SpdxElementType.DOCUMENT))
    monkeypatch.setattr(document_validator, "validate_full_spdx_document", lambda *a: [problem])
    with pytest.raises(spdx.SpdxDocumentError, match="broken on purpose"):
        spdx.render(report)


def test_spdx_sanitises_license_refs() -> None:
    assert spdx.sanitise_ref("LicenseRef-a b/c_d") == "LicenseRef-a-b-c-d"
    assert spdx.sanitise_ref("weird id!") == "LicenseRef-weird-id"


def test_sboms_stay_valid_for_awkward_licenses() -> None:
    """Missing reference texts, license: other, no license, a companion AUP, several files."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    policy = load_policy(Path("rules/policies/default.yaml"))
    repos = ("google/gemma-3-27b-it", "Qwen/Qwen-1_8B-Chat", "deepseek-ai/DeepSeek-V3",
             "acme/custom-license-model", "acme/no-license-model", "acme/chain-c")
    report = CheckReport(tuple(verdict_for(r, policy) for r in repos), policy, created=CREATED)
    doc = json.loads(spdx.render(report))  # spdx.render validates, or raises
    gemma = next(e for e in doc["hasExtractedLicensingInfos"]
                 if e["licenseId"] == "LicenseRef-licscan-gemma")
    assert "not bundled with licscan" in gemma["extractedText"]
    no_license = next(p for p in doc["packages"] if p["name"] == "acme/no-license-model")
    assert no_license["licenseConcluded"] == "NOASSERTION"
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(cyclonedx.render(report))
    assert error is None, str(error)[:2000]
    assert not list(sarif_schema_validator().iter_errors(json.loads(sarif.render(report))))


# --- CycloneDX --------------------------------------------------------------------------------


def test_cyclonedx_is_valid_1_6(report: CheckReport) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(cyclonedx.render(report))
    assert error is None, str(error)[:2000]


def test_cyclonedx_components_and_dependencies(report: CheckReport) -> None:
    bom = json.loads(cyclonedx.render(report))
    assert bom["specVersion"] == "1.6"
    comps = {(c.get("group", "") + "/" + c["name"]).lstrip("/"): c for c in bom["components"]}
    gguf = comps[GGUF]
    assert gguf["type"] == "machine-learning-model" and gguf["group"] == "TheBloke"
    assert gguf["version"] == commit_of(GGUF)
    assert gguf["purl"] == f"pkg:huggingface/{GGUF}@{commit_of(GGUF)}"
    assert {"type": "model-card", "url": f"https://huggingface.co/{GGUF}"} in \
        gguf["externalReferences"]
    # Everything inherited is one expression (CycloneDX allows nothing beside an expression,
    # so what the card declares is a property).
    assert gguf["licenses"] == [
        {"expression": "LicenseRef-scancode-llama-3.1-license-2024 AND Apache-2.0",
         "acknowledgement": "concluded"}]
    props = {p["name"]: p["value"] for p in gguf["properties"]}
    assert props["licscan:declared"] == "apache-2.0"
    assert props["licscan:verdict"] == "fail"
    # Everything inherited, ANDed: the base's llama3.1 first, the quantizer's own claim kept.
    assert props["licscan:effective-license"] == "llama3.1 AND apache-2.0"
    assert "licscan:rule:LS307" in props
    deps = {d["ref"]: d.get("dependsOn", []) for d in bom["dependencies"]}
    assert deps[gguf["bom-ref"]] == [comps[LLAMA31]["bom-ref"]]
    assert {c["bom-ref"] for c in bom["components"]} == set(deps)
    assert comps[MISSING]["properties"][0] == {"name": "licscan:verdict", "value": "error"}


# --- HTML -------------------------------------------------------------------------------------


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_args(tmp_path: Path) -> list[str]:
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'profile'}"]


def test_html_escapes_and_loads_nothing(report: CheckReport, nasty: CheckReport) -> None:
    page = html.render(report)
    for tag in re.findall(r"<(?:link|script|img|iframe|object|embed|source)\b[^>]*>", page,
                          re.IGNORECASE):
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", tag), tag
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page
    bad = html.render(nasty)
    assert "<script>alert" not in bad and "<img src=x" not in bad and "<b>hint" not in bad
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bad


def test_html_renders_in_headless_chromium(report: CheckReport, tmp_path: Path) -> None:
    browser = find_chromium()
    if browser is None:
        pytest.skip("no chromium found (apt-get install chromium); the HTML is not rendered")
    page = tmp_path / "report.html"
    page.write_text(html.render(report), encoding="utf-8")
    url = page.resolve().as_uri()
    shot = tmp_path / "page.png"
    subprocess.run([browser, *chromium_args(tmp_path), f"--screenshot={shot}",
                    "--window-size=1280,2000", url],
                   capture_output=True, timeout=60, check=False)
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = subprocess.run([browser, *chromium_args(tmp_path), "--dump-dom", url],
                         capture_output=True, text=True, timeout=60, check=False).stdout
    root = ET.fromstring(_xmlish(dom))
    sections = {s.get("data-target"): s for s in root.iter("section")}
    assert set(sections) == {v.target for v in report.verdicts}
    badges = {t: s.find(".//span[@data-verdict]") for t, s in sections.items()}
    assert {t: b.get("data-verdict") for t, b in badges.items() if b is not None} == \
        {v.target: v.status for v in report.verdicts}
    nodes = [n.get("data-repo") for n in sections[GGUF].iter("span")
             if n.get("class") == "node"]
    assert nodes == [GGUF, LLAMA31]
    lineage_text = "".join(sections[GGUF].find(".//ul[@class='tree lineage']").itertext())
    assert "[llama3.1]" in lineage_text
    assert "Obligations" in "".join(sections[GEMMA4].itertext())


def _xmlish(dom: str) -> str:
    """Chromium's serialised DOM as parseable XML (void elements closed, entities numeric)."""
    body = dom[dom.index("<html"):]
    body = re.sub(r"<(meta|br|link|input|img|hr)\b([^>]*?)/?>", r"<\1\2/>", body)
    return body.replace("&nbsp;", "&#160;")


# --- the CLI, end to end ----------------------------------------------------------------------


def test_cli_writes_every_format(tmp_path: Path) -> None:
    out = {name: tmp_path / f"r.{ext}" for name, ext in (
        ("sarif", "sarif"), ("junit", "xml"), ("spdx", "spdx.json"), ("cyclonedx", "cdx.json"),
        ("html", "html"))}
    run = run_cli("check", "fixtures/hub/google/gemma-4-31b",
                  "fixtures/hub/acme/apache-nc-modified", "--policy", "examples/corp.yaml",
                  "--format", "markdown",
                  *(a for name, path in out.items() for a in ("--output", f"{name}={path}")))
    assert run.code == 1, run.err
    assert run.out.startswith("## licscan: policy acme") and "**FAIL**" in run.out
    assert all(p.is_file() for p in out.values())
    log = json.loads(out["sarif"].read_text("utf-8"))
    assert not list(sarif_schema_validator().iter_errors(log))
    from junitparser import JUnitXml

    suite = next(iter(JUnitXml.fromfile(str(out["junit"]))))
    assert suite.failures >= 1 and suite.errors == 0
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    assert validate_full_spdx_document(parse_file(str(out["spdx"]))) == []
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(
        out["cyclonedx"].read_text("utf-8")) is None
    page = out["html"].read_text("utf-8")
    assert "fixtures/hub/acme/apache-nc-modified" in page and 'data-verdict="fail"' in page
    local = json.loads(out["spdx"].read_text("utf-8"))["packages"]
    assert {p["downloadLocation"] for p in local} == {"NOASSERTION"}  # folders, not the Hub
    assert not any("externalRefs" in p for p in local)


def test_a_report_that_cannot_be_written_leaves_nothing_behind(tmp_path: Path) -> None:
    """The rename fails (the path is a folder): exit 2 naming the path, and no temporary file
    is left beside where the report should have gone."""
    taken = tmp_path / "report.sarif"
    taken.mkdir()
    run = run_cli("check", "fixtures/hub/google/gemma-4-31b", "--policy", "examples/corp.yaml",
                  "--output", f"sarif={taken}")
    assert run.code == 2, run.out + run.err
    assert f"The report {taken} could not be written" in run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]
    assert not list(taken.iterdir())

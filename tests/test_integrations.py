"""Integrations through the CLI: SARIF code scanning accepts, which policy applies, output on
any terminal, JUnit counts and times, and the small things a user trips on (issue 12).

SARIF is validated against the vendored OASIS 2.1.0 schema for every setup code scanning meets:
no policy, a relative and an absolute policy, a run from a subfolder, a manifest run and a
scan-code run. The repository is a ``tmp_path`` folder with a ``.git`` folder (what licscan
looks for); models come from the fake Hub or are fixture folders read as local models.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
import yaml

from tests.helpers import REPO, Run, run_cli

SCHEMAS = Path(__file__).parent / "schemas"
FIXTURES = REPO / "fixtures" / "hub"
MODIFIED_FOLDER = FIXTURES / "acme" / "apache-nc-modified"  # fails: a modified Apache text
GEMMA_FOLDER = FIXTURES / "google" / "gemma-4-31b"  # passes: Apache-2.0
MODIFIED = "acme/apache-nc-modified"
GEMMA4 = "google/gemma-4-31b"
GGUF = "TheBloke/Llama-3.1-8B-Instruct-GGUF"  # a quantization of Llama 3.1: lineage
PERMISSIVE = REPO / "rules" / "policies" / "permissive-only.yaml"
CORP = REPO / "examples" / "corp.yaml"


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    run = run_cli(*args, cwd=cwd, env=env)
    assert "Traceback" not in run.out + run.err, run.err
    return run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree (licscan only looks for the .git entry) with a subfolder."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "sub").mkdir()
    return root


# --- SARIF for code scanning ------------------------------------------------------------------


def valid_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0].message
    run = log["runs"][0]
    assert run["results"], "no results to check"
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        uri = artifact["uri"]
        assert uri and not uri.startswith(("/", "file:", "..")) and "\\" not in uri, uri
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    assert "file:" not in text
    return log


def places(log: dict[str, Any]) -> set[tuple[str, int]]:
    return {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in log["runs"][0]["results"]}


def test_sarif_without_a_policy_names_the_built_in_policy_without_a_uri(repo: Path) -> None:
    run = cli("check", str(MODIFIED_FOLDER), "--format", "sarif", cwd=repo / "sub")
    assert run.code == 1, run.err
    log = valid_sarif(run.out)
    assert places(log) == {(".", 1)}  # the repository itself: no file names the model
    assert log["runs"][0]["properties"]["policySource"] == "built-in default policy"
    assert "built-in" not in json.dumps([r["locations"] for r in log["runs"][0]["results"]])


def test_sarif_with_a_relative_policy_from_a_subfolder(repo: Path) -> None:
    (repo / "policies").mkdir()
    shutil.copy(CORP, repo / "policies" / "corp.yaml")
    run = cli("check", str(MODIFIED_FOLDER), "--policy", "../policies/corp.yaml",
              "--format", "sarif", cwd=repo / "sub")
    assert run.code == 1, run.err
    log = valid_sarif(run.out)
    assert places(log) == {("policies/corp.yaml", 1)}  # relative to the root, not to sub/
    assert log["runs"][0]["properties"]["policySource"] == "policies/corp.yaml"


def test_sarif_with_absolute_policies_inside_and_outside_the_repository(repo: Path) -> None:
    shutil.copy(CORP, repo / "corp.yaml")
    inside = cli("check", str(MODIFIED_FOLDER), "--policy", str(repo / "corp.yaml"),
                 "--format", "sarif", cwd=repo / "sub")
    assert inside.code == 1, inside.err
    assert places(valid_sarif(inside.out)) == {("corp.yaml", 1)}
    outside = cli("check", str(MODIFIED_FOLDER), "--policy", str(CORP), "--format", "sarif",
                  cwd=repo / "sub")
    assert outside.code == 1, outside.err
    log = valid_sarif(outside.out)
    assert places(log) == {(".", 1)}
    assert log["runs"][0]["properties"]["policySource"] == "corp.yaml (outside the repository)"
    assert str(REPO) not in outside.out.replace(str(MODIFIED_FOLDER), "")


def test_sarif_of_a_manifest_run_in_a_subfolder(hub_env: dict[str, str], repo: Path) -> None:
    app = repo / "app"
    app.mkdir()
    (app / "licscan.yaml").write_text(
        f"version: 1\nmodels:\n  - {GEMMA4}\n  - {MODIFIED}\n", encoding="utf-8")
    run = cli("check", "--output", "sarif=out.sarif", cwd=app, env=hub_env)
    assert run.code == 1, run.err
    log = valid_sarif((app / "out.sarif").read_text("utf-8"))
    assert places(log) == {("app/licscan.yaml", 4)}  # the line that names the failing model


def test_sarif_of_a_scan_code_run(hub_env: dict[str, str], repo: Path) -> None:
    src = repo / "src"
    src.mkdir()
    (src / "train.py").write_text(
        "from transformers import AutoModel\n\n"
        f'model = AutoModel.from_pretrained("{MODIFIED}")\n', encoding="utf-8")
    run = cli("scan-code", ".", "--check", "--format", "sarif", cwd=src, env=hub_env)
    assert run.code == 1, run.err
    log = valid_sarif(run.out)
    assert places(log) == {("src/train.py", 3)}
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    column = len('model = AutoModel.from_pretrained(') + 1  # the quoted id, quotes included
    assert (region["startColumn"], region["endColumn"]) == (column, column + len(MODIFIED) + 2)


# --- one rule for which policy applies ---------------------------------------------------------


def project_with_policy(root: Path, exception_for: str | None = None) -> Path:
    """A licscan.yaml naming policies/strict.yaml (permissive-only, optionally an exception)."""
    (root / "policies").mkdir(parents=True, exist_ok=True)
    policy = yaml.safe_load(PERMISSIVE.read_text("utf-8"))
    policy["name"] = "project-strict"
    if exception_for:
        policy["exceptions"] = [{"model": exception_for, "waive": ["all"],
                                 "reason": "legal-approved", "approved_by": "legal@example.com",
                                 "ticket": "LEGAL-1", "expires": "2099-01-01"}]
    (root / "policies" / "strict.yaml").write_text(yaml.safe_dump(policy), encoding="utf-8")
    (root / "licscan.yaml").write_text(
        f"version: 1\npolicy: policies/strict.yaml\nmodels:\n  - {GEMMA4}\n", encoding="utf-8")
    return root


def policy_of(run: Run) -> str:
    name: str = json.loads(run.out)["policy"]["name"]
    return name


def test_check_of_a_target_beside_a_manifest_uses_the_manifests_policy(
        hub_env: dict[str, str], tmp_path: Path) -> None:
    project = project_with_policy(tmp_path / "project")
    run = cli("check", GEMMA4, "--format", "json", cwd=project, env=hub_env)
    assert run.code == 0, run.err
    assert policy_of(run) == "project-strict"
    flagged = cli("check", GEMMA4, "--format", "json", "--policy", str(CORP), cwd=project,
                  env=hub_env)
    assert policy_of(flagged) == "acme-corp"  # the flag wins
    elsewhere = cli("check", GEMMA4, "--format", "json", cwd=tmp_path, env=hub_env)
    assert policy_of(elsewhere) == "licscan default"  # no manifest here: the built-in


def test_check_manifest_uses_the_manifests_policy(hub_env: dict[str, str],
                                                  tmp_path: Path) -> None:
    project_with_policy(tmp_path / "p")
    run = cli("check-manifest", "p/licscan.yaml", "--format", "json", cwd=tmp_path,
              env=hub_env)
    assert run.code == 0, run.err
    assert policy_of(run) == "project-strict"


def test_scan_code_uses_the_manifests_policy_and_skips_licscans_own_files(
        hub_env: dict[str, str], tmp_path: Path) -> None:
    # The policy's exception names the failing model: that is a judgement, not a use.
    project = project_with_policy(tmp_path, exception_for=MODIFIED)
    shutil.copy(project / "policies" / "strict.yaml", project / "old-policy.yaml")
    (project / "app.py").write_text(
        f'from transformers import AutoModel\nm = AutoModel.from_pretrained("{GEMMA4}")\n',
        encoding="utf-8")
    run = cli("scan-code", ".", "--check", "--format", "json", cwd=project, env=hub_env)
    assert run.code == 0, (run.out, run.err)
    assert policy_of(run) == "project-strict"
    assert [r["target"] for r in json.loads(run.out)["results"]] == [GEMMA4]
    # As the pre-commit hook calls it: the changed files, the policy among them.
    hook = cli("scan-code", "--check", "policies/strict.yaml", "licscan.yaml", "old-policy.yaml",
               "app.py", "--format", "json", cwd=project, env=hub_env)
    assert hook.code == 0, (hook.out, hook.err)
    assert [r["target"] for r in json.loads(hook.out)["results"]] == [GEMMA4]
    assert "policies/strict.yaml: skipped, a licscan manifest, lockfile or policy" in hook.err
    listed = cli("scan-code", ".", cwd=project, env=hub_env)
    assert MODIFIED not in listed.out and GEMMA4 in listed.out


# --- output on any terminal -------------------------------------------------------------------


def real_process(*args: str, env: dict[str, str], cwd: Path,
                 **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """A true end-to-end run: the interpreter sets up stdout from the environment."""
    return subprocess.run([sys.executable, "-m", "licscan", *args], env=env, cwd=cwd,
                          capture_output=True, timeout=120, **kwargs)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_text_output_survives_a_narrow_stdout_encoding(
        hub_env: dict[str, str], tmp_path: Path, encoding: str) -> None:
    env = {**hub_env, "PYTHONIOENCODING": encoding,
           "LICSCAN_CACHE_DIR": str(tmp_path / "cache")}
    named = tmp_path / "modèle-中文"  # a name the stream cannot carry either
    shutil.copytree(MODIFIED_FOLDER, named)
    proc = real_process("check", GGUF, str(named), env=env, cwd=tmp_path)
    out, err = proc.stdout.decode(encoding), proc.stderr.decode(encoding)
    assert proc.returncode == 1, err  # a policy failure, not a crash (3)
    assert "Traceback" not in err and "internal error" not in err
    assert re.search(r"^  x LS303 error: ", out, re.MULTILINE), out
    assert re.search(r"^      -> ", out, re.MULTILINE)
    assert "`- meta-llama/Llama-3.1-8B-Instruct" in out  # the lineage tree, in ASCII
    assert re.search(r"^FAIL  .*mod.le-\?\?", out, re.MULTILINE)
    assert "failed the policy" in err
    usage = real_process("check", GEMMA4, "--fail-on", "✗", env=env, cwd=tmp_path)
    assert usage.returncode == 2 and b"Invalid value" in usage.stderr  # click's own message


def test_utf8_output_keeps_the_marks(hub_env: dict[str, str], tmp_path: Path) -> None:
    run = cli("check", str(MODIFIED_FOLDER), cwd=tmp_path,
              env={**hub_env, "PYTHONIOENCODING": "utf-8"})
    assert "  ✗ LS303 error: " in run.out and "      → " in run.out


def run_on_a_terminal(*args: str, env: dict[str, str], cwd: Path) -> str:
    """Run with stdout on a pseudo-terminal; what the terminal received."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "licscan", *args], env=env, cwd=cwd,
                                stdout=follower, stderr=subprocess.DEVNULL)
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end closed (Linux raises EIO)
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["LICSCAN_CACHE_DIR"] = str(tmp_path / "cache")
    coloured = run_on_a_terminal("check", str(MODIFIED_FOLDER), env=env, cwd=tmp_path)
    assert "\x1b[" in coloured and "FAIL" in coloured
    plain = run_on_a_terminal("check", str(MODIFIED_FOLDER), env={**env, "NO_COLOR": "1"},
                              cwd=tmp_path)
    assert "FAIL" in plain and "\x1b[" not in plain
    flagged = run_on_a_terminal("check", str(MODIFIED_FOLDER), "--no-color", env=env,
                                cwd=tmp_path)
    assert "FAIL" in flagged and "\x1b[" not in flagged
    piped = cli("check", str(MODIFIED_FOLDER), cwd=tmp_path, env=env)
    assert "FAIL" in piped.out and "\x1b[" not in piped.out  # not a terminal


def test_quiet_prints_verdict_lines_only(hub_env: dict[str, str], tmp_path: Path) -> None:
    for command in ("check", "audit"):
        run = cli(command, str(GEMMA_FOLDER), str(MODIFIED_FOLDER), "--quiet", cwd=tmp_path,
                  env={**hub_env, "LICSCAN_CACHE_DIR": str(tmp_path / "cache")})
        assert run.code == 1, run.err
        lines = run.out.splitlines()
        assert [line.split()[:2] for line in lines[:2]] == [
            ["PASS", str(GEMMA_FOLDER)], ["FAIL", str(MODIFIED_FOLDER)]], command
        assert lines[2:] == ["2 model(s): 1 passed, 1 failed  (policy: licscan default)"]
        assert "failed the policy" in run.err  # why it exits 1 still says so
    (tmp_path / "broken.py").write_text("def (:\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(
        f'from transformers import AutoModel\nm = AutoModel.from_pretrained("{GEMMA4}")\n',
        encoding="utf-8")
    noisy = cli("scan-code", ".", "--check", cwd=tmp_path, env=hub_env)
    quiet = cli("scan-code", ".", "--check", "-q", cwd=tmp_path, env=hub_env)
    assert "broken.py" in noisy.err and "broken.py" not in quiet.err
    assert quiet.out.splitlines()[0].startswith(f"PASS  {GEMMA4}")
    assert len(quiet.out.splitlines()) == 2


def test_a_message_never_lands_on_the_progress_bars_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from licscan.terminal import ProgressBar, echo

    screen = io.StringIO()
    monkeypatch.setattr(sys, "stderr", screen)
    bar = ProgressBar(3, stream=screen)
    bar.step(failed=True)
    echo("note: something to say", err=True)
    bar.step(failed=False)
    bar.close()
    lines = re.split(r"\r|\n", screen.getvalue())
    said = next(line for line in lines if "something to say" in line)
    assert said == "\x1b[Knote: something to say"  # the bar's line was cleared first
    assert screen.getvalue().endswith("2/3  1 failing\n")
    assert ProgressBar.active is None


# --- JUnit ------------------------------------------------------------------------------------


def test_junit_counts_each_failed_model_once_with_real_times(tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    run = cli("check", str(GEMMA_FOLDER), str(MODIFIED_FOLDER), "--policy", str(CORP),
              "--output", f"junit={report}", cwd=tmp_path)
    assert run.code == 1, run.err
    root = ET.parse(report).getroot()
    cases = list(root.iter("testcase"))
    assert [c.get("classname") for c in cases] == [str(GEMMA_FOLDER), str(MODIFIED_FOLDER)]
    assert root.get("tests") == "2" and root.get("failures") == "1"
    assert [c.find("failure") is not None for c in cases] == [False, True]
    assert all(float(c.get("time", "0")) > 0 for c in cases)
    suite = root.find("testsuite")
    assert suite is not None and float(suite.get("time", "0")) > 0


# --- the small things ---------------------------------------------------------------------------


def test_a_mistyped_policy_key_gets_a_suggestion_and_no_problem_twice(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "version: 1\nname: t\ncategoris:\n  permissive: allow\nexceptions:\n"
        "  - model: a/b\n    approver: me\n    waive: [all]\n    reason: other\n"
        "    expires: '2099-01-01'\n", encoding="utf-8")
    run = cli("policy", "validate", "p.yaml", cwd=tmp_path)
    assert run.code == 2
    first, *rest = run.err.splitlines()
    assert first.startswith("error: p.yaml:3: (top level): unknown key(s) 'categoris' "
                            "(did you mean 'categories'?)")
    more = int(re.search(r"\(and (\d+) more\)$", first).group(1))  # type: ignore[union-attr]
    listed = [line.strip() for line in rest if line.startswith("  p.yaml:")]
    assert len(listed) == more and len(set(listed)) == more
    assert not any("categoris" in line for line in listed)  # the first is not repeated
    assert any("'approver' (did you mean 'approved_by'?)" in line for line in listed)


def test_readme_names_the_exception_keys_the_schema_has() -> None:
    schema = json.loads((REPO / "licscan" / "policy" / "schema.json").read_text("utf-8"))
    keys = set(schema["properties"]["exceptions"]["items"]["properties"])
    readme = (REPO / "README.md").read_text("utf-8")
    bullet = readme[readme.index("- **exceptions**"):]
    bullet = bullet[:bullet.index("\n- ")]
    named = set(re.findall(r"`([a-z_]+)`", bullet))
    assert {"model", "waive", "reason", "approved_by", "expires"} <= named <= keys | {"all"}
    assert "approver" not in bullet


def test_every_option_has_help_text() -> None:
    from licscan.cli import cli as group

    def missing(command: click.Command, path: str) -> list[str]:
        found = [f"{path} {p.opts[0]}" for p in command.params
                 if isinstance(p, click.Option) and not p.help and p.opts[0] != "--version"]
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                found += missing(sub, f"{path} {name}")
        return found

    assert missing(group, "licscan") == []
    run = cli("lock", "--help", cwd=REPO)
    assert re.search(r"--timeout FLOAT RANGE\s+Seconds to wait", run.out), run.out
    assert re.search(r"--lockfile FILE\s+Where to write the lock", run.out)


def test_shell_completion_is_documented_and_works(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert "_LICSCAN_COMPLETE=bash_source licscan" in readme
    proc = real_process(env={**os.environ, "_LICSCAN_COMPLETE": "bash_source"}, cwd=tmp_path)
    assert proc.returncode == 0 and b"_licscan_completion" in proc.stdout


# --- SBOMs an auditor can rely on ---------------------------------------------------------------


def unknown_license_folder(root: Path) -> Path:
    """A model whose LICENSE is a real reference text made unrecognisable (words reversed; the
    license's URL lines are left out, since a lone URL is a statement of the license)."""
    from licscan.licenses import load_catalog

    catalog = load_catalog()
    reference = catalog.text(catalog.lookup("apache-2.0"))
    root.mkdir(parents=True)
    (root / "LICENSE").write_text(
        "\n".join(" ".join(reversed(line.split())) for line in reference.splitlines()
                  if "://" not in line) + "\n",
        encoding="utf-8")
    (root / "README.md").write_text("---\nlicense: other\n---\n# in-house model\n",
                                    encoding="utf-8")
    return root


def test_sboms_carry_the_license_text_found_and_expressions(tmp_path: Path) -> None:
    unknown = unknown_license_folder(tmp_path / "in-house")
    expression_model = FIXTURES / "deepseek-ai" / "DeepSeek-V3"  # DeepSeek license AND MIT
    spdx_path, cdx_path = tmp_path / "r.spdx.json", tmp_path / "r.cdx.json"
    run = cli("check", str(MODIFIED_FOLDER), str(unknown), str(expression_model),
              "--output", f"spdx={spdx_path}", "--output", f"cyclonedx={cdx_path}",
              cwd=tmp_path)
    assert run.code == 1, run.err
    modified_text = (MODIFIED_FOLDER / "LICENSE").read_text("utf-8")
    unknown_text = (unknown / "LICENSE").read_text("utf-8")

    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    assert validate_full_spdx_document(parse_file(str(spdx_path))) == []
    spdx = json.loads(spdx_path.read_text("utf-8"))
    packages = {p["name"]: p for p in spdx["packages"]}
    extracted = {e["licenseId"]: e for e in spdx["hasExtractedLicensingInfos"]}
    modified_ref = packages["apache-nc-modified"]["licenseConcluded"]
    assert modified_ref.startswith("LicenseRef-licscan-modified-apache-2.0-")
    assert extracted[modified_ref]["extractedText"] == modified_text  # word for word
    assert not extracted[modified_ref].get("seeAlsos")  # no link to the unmodified text
    # The file licscan could not identify leaves the license not established, and its text is
    # carried word for word beside that.
    not_established, unknown_ref = packages["in-house"]["licenseConcluded"].split(" AND ")
    assert not_established == "LicenseRef-licscan-not-established"
    assert unknown_ref.startswith("LicenseRef-licscan-text-")
    assert extracted[unknown_ref]["extractedText"] == unknown_text
    assert packages["DeepSeek-V3"]["licenseConcluded"] == \
        "LicenseRef-scancode-deepseek-la-1.0 AND MIT"

    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    bom_text = cdx_path.read_text("utf-8")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(bom_text) is None
    components = {c["name"]: c for c in json.loads(bom_text)["components"]}
    concluded = [entry["license"] for entry in components["apache-nc-modified"]["licenses"]
                 if entry["license"]["acknowledgement"] == "concluded"]
    assert len(concluded) == 1 and concluded[0]["text"]["content"] == modified_text
    assert "url" not in concluded[0] and "id" not in concluded[0]
    in_house = components["in-house"]
    [concluded_expression] = in_house["licenses"]
    assert concluded_expression["expression"].startswith("LicenseRef-licscan-unknown AND "
                                                         "LicenseRef-licscan-text-")
    assert [entry["license"]["text"]["content"]
            for entry in in_house["evidence"]["licenses"]] == [unknown_text]
    assert components["DeepSeek-V3"]["licenses"] == [
        {"expression": "LicenseRef-scancode-deepseek-la-1.0 AND MIT",
         "acknowledgement": "concluded"}]


def test_sboms_type_datasets_as_data_with_huggingface_purls(
        hub_env: dict[str, str], tmp_path: Path) -> None:
    import hashlib

    spdx_path, cdx_path = tmp_path / "r.spdx.json", tmp_path / "r.cdx.json"
    run = cli("check", "datasets/acme/webtext-nc", GEMMA4, "--output", f"spdx={spdx_path}",
              "--output", f"cyclonedx={cdx_path}", "--format", "json", cwd=tmp_path,
              env=hub_env)
    assert run.code == 1, run.err
    commits = {r["repo_id"]: r["commit"] for r in json.loads(run.out)["results"]}
    dataset_purl = f"pkg:huggingface/datasets/acme/webtext-nc@{commits['acme/webtext-nc']}"
    model_purl = f"pkg:huggingface/{GEMMA4}@{commits[GEMMA4]}"
    assert commits[GEMMA4] == hashlib.sha1(GEMMA4.encode()).hexdigest()  # the Hub's commit

    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    bom_text = cdx_path.read_text("utf-8")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(bom_text) is None
    kinds = {(c["type"], c.get("purl")) for c in json.loads(bom_text)["components"]}
    assert kinds == {("data", dataset_purl), ("machine-learning-model", model_purl)}

    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    assert validate_full_spdx_document(parse_file(str(spdx_path))) == []
    purls = {ref["referenceLocator"] for p in json.loads(spdx_path.read_text("utf-8"))["packages"]
             for ref in p.get("externalRefs", []) if ref["referenceType"] == "purl"}
    assert purls == {dataset_purl, model_purl}

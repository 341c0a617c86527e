"""The real pre-commit runs licscan's hook from this repository against the fake Hub.

Why the real tool: the hook's contract (manifest keys, exit codes, never touching the work tree,
serial runs) is pre-commit's, so only pre-commit itself can tell that ``.pre-commit-hooks.yaml``
works. pre-commit builds a virtualenv and pip-installs licscan into it, which needs PyPI and
takes a while: the test is ``slow`` and installs once.

How the source repo is made: ``pre-commit try-repo PATH`` uses PATH's HEAD plus *tracked*
changes only (its shadow commit runs ``git add -u``), so files not yet committed -- this
hook file included while it is being written -- would be missing. And try-repo clones into a
throwaway store per call, so two calls install twice. The test therefore snapshots the work
tree (tracked and untracked, not ignored) into a temporary git repository, commits it, and runs
``pre-commit run`` with exactly the config try-repo would write (``repo: <path>, rev: <sha>``)
and one ``PRE_COMMIT_HOME``: the second run reuses the first run's environment.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakehub import FakeHub
from tests.helpers import REPO

pytestmark = pytest.mark.slow

PERMISSIVE = REPO / "rules" / "policies" / "permissive-only.yaml"
GOOD = "google/gemma-4-31b"
BAD = "acme/apache-nc-modified"

pytest.importorskip("pre_commit", reason="pre-commit is in the 'test' extra")


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def init_repo(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main", cwd=path)
    git("config", "user.name", "licscan tests", cwd=path)
    git("config", "user.email", "tests@licscan.invalid", cwd=path)
    git("config", "commit.gpgsign", "false", cwd=path)


def snapshot_of_work_tree(dest: Path) -> str:
    """This checkout as it is on disk (uncommitted files too), committed in ``dest``; its sha."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    init_repo(dest)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "snapshot of the licscan work tree", cwd=dest)
    return git("rev-parse", "HEAD", cwd=dest).strip()


def write_manifest(work: Path, model: str) -> None:
    (work / "licscan.yaml").write_text(
        f"version: 1\npolicy: policy.yaml\nmodels:\n  - {model}\n", encoding="utf-8"
    )


def test_hook_passes_a_good_model_fails_a_bad_one_and_writes_nothing(
    hub: FakeHub, hub_env: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "licscan-src"
    sha = snapshot_of_work_tree(source)
    work = tmp_path / "project"
    init_repo(work)
    shutil.copy(PERMISSIVE, work / "policy.yaml")
    write_manifest(work, GOOD)
    git("add", "licscan.yaml", "policy.yaml", cwd=work)
    config = tmp_path / "pre-commit-config.yaml"  # outside the work tree: what try-repo writes
    config.write_text(
        f"repos:\n- repo: {source}\n  rev: {sha}\n  hooks:\n  - id: licscan\n",
        encoding="utf-8",
    )
    env = dict(hub_env)
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "LICSCAN_CACHE_DIR": str(tmp_path / "licscan-cache"),
        "PRE_COMMIT_COLOR": "never",
    })

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "licscan", "--config", str(config),
             "--files", "licscan.yaml", "--verbose"],
            cwd=work, env=env, capture_output=True, text=True, timeout=900,
        )

    passed = hook()
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "licscan (model license policy)" in output and "Passed" in output
    assert GOOD in output  # --verbose shows licscan's own report
    assert git("status", "--porcelain", cwd=work) == "A  licscan.yaml\nA  policy.yaml\n"
    assert any(GOOD in r.path for r in hub.requests)  # it really asked the (fake) Hub

    write_manifest(work, BAD)
    git("add", "licscan.yaml", cwd=work)
    failed = hook()
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Failed" in output and "exit code: 1" in output
    assert BAD in output
    assert "Traceback" not in output
    assert git("status", "--porcelain", cwd=work) == "A  licscan.yaml\nA  policy.yaml\n"
    # One environment was built and reused (the second run did not install again).
    assert "Installing environment" not in output

    # The documented command, try-repo, with the same bad manifest (it builds its own store).
    tried = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(source), "licscan",
         "--files", "licscan.yaml", "--verbose"],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )
    output = tried.stdout + tried.stderr
    assert tried.returncode == 1, output
    assert f"rev: {sha}" in output and BAD in output
    assert git("status", "--porcelain", cwd=work) == "A  licscan.yaml\nA  policy.yaml\n"

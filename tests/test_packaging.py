"""The built wheel carries rules/ (and their compiled forms) and works outside the source tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, installed into a folder of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    target = tmp / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(next(dist.glob("licscan-*.whl")))],
        check=True, capture_output=True, timeout=300,
    )
    return target


def outside(installed: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={"PYTHONPATH": str(installed), "LICSCAN_CACHE_DIR": str(tmp_path / "cache"),
             "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.slow
def test_wheel_installs_and_loads_the_catalog_outside_the_checkout(installed: Path,
                                                                   tmp_path: Path) -> None:
    assert (installed / "licscan" / "_rules" / "licenses" / "mit.txt").is_file()
    for compiled in ("catalog.pickle", "match-index.pickle"):
        assert (installed / "licscan" / "_rules" / compiled).is_file(), f"{compiled} not shipped"
    probe = (
        "import licscan, pathlib; from licscan.licenses.store import rules_root;"
        "from licscan.licenses import load_catalog;"
        "from licscan.policy.loader import load_policy;"
        "c = load_catalog(); print(pathlib.Path(licscan.__file__).parent);"
        "print(rules_root()); print(len(c), c.lookup('llama3.1').name);"
        "print(load_policy(None).name)"
    )
    run = outside(installed, tmp_path, "-c", probe)
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert out[0] == str(installed / "licscan")
    assert out[1].startswith(str(installed / "licscan" / "_rules"))
    count, name = out[2].split(" ", 1)
    assert int(count) > 700
    assert "Llama 3.1" in name
    assert out[3] == "licscan default", "the bundled default policy ships in the wheel"


@pytest.mark.slow
def test_a_fresh_install_identifies_without_compiling_anything(installed: Path,
                                                               tmp_path: Path) -> None:
    """The wheel's compiled catalog and index are used: nothing lands in the user cache."""
    run = outside(installed, tmp_path, "-m", "licscan", "identify", str(REPO / "LICENSE"))
    assert run.returncode == 0, run.stderr
    assert "exactly Apache License 2.0" in run.stdout
    cache = tmp_path / "cache"
    assert not cache.exists() or not any(cache.iterdir()), list(cache.iterdir())


@pytest.mark.slow
def test_the_python_api_works_from_a_fresh_install(installed: Path, tmp_path: Path) -> None:
    """Issue 13's done-when one-liner, run against the installed wheel, which is typed."""
    assert (installed / "licscan" / "py.typed").is_file(), "type checkers need the marker"
    import shutil

    shutil.copytree(REPO / "fixtures" / "hub" / "google" / "gemma-4-31b",
                    tmp_path / "fixtures" / "hub" / "google" / "gemma-4-31b")
    (tmp_path / "examples").mkdir()
    shutil.copy(REPO / "examples" / "corp.yaml", tmp_path / "examples" / "corp.yaml")
    run = outside(installed, tmp_path, "-c", "import licscan;\nprint(licscan.check("
                  "'fixtures/hub/google/gemma-4-31b', policy='examples/corp.yaml').passed)")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "True\n"

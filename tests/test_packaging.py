"""The built wheel carries rules/ and works from outside the source tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO


@pytest.mark.slow
def test_wheel_installs_and_loads_the_catalog_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(dist.glob("licscan-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    assert (target / "licscan" / "_rules" / "licenses" / "mit.txt").is_file()
    probe = (
        "import licscan, pathlib; from licscan.licenses.store import rules_root;"
        "from licscan.licenses import load_catalog;"
        "from licscan.policy.loader import load_policy;"
        "c = load_catalog(); print(pathlib.Path(licscan.__file__).parent);"
        "print(rules_root()); print(len(c), c.lookup('llama3.1').name);"
        "print(load_policy(None).name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=tmp_path, env={"PYTHONPATH": str(target), "LICSCAN_CACHE_DIR": str(tmp_path / "c"),
                           "PATH": "/usr/bin:/bin"},
        timeout=120,
    ).stdout.splitlines()
    assert out[0] == str(target / "licscan")
    assert out[1].startswith(str(target / "licscan" / "_rules"))
    count, name = out[2].split(" ", 1)
    assert int(count) > 700
    assert "Llama 3.1" in name
    assert out[3] == "licscan default", "the bundled default policy ships in the wheel"

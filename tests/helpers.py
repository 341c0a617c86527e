"""Small helpers shared by tests: running the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """What one CLI invocation printed and returned."""

    code: int
    out: str
    err: str


def run_cli(*args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 120, stdin: str | None = None) -> Run:
    """Run ``python -m licscan`` as a user would, in a subprocess (Hub env is read at import)."""
    full_env = dict(os.environ if env is None else env)
    full_env.setdefault("LICSCAN_CACHE_DIR", str(REPO / ".pytest_cache" / "licscan-cache"))
    proc = subprocess.run(
        [sys.executable, "-m", "licscan", *args],
        capture_output=True, text=True, env=full_env, cwd=cwd or REPO, timeout=timeout,
        input=stdin,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)

"""Fake Hugging Face Hub for licscan's tests and benchmarks.

Why: the real ``huggingface_hub`` client must be exercised end to end (never mocked), and the
real Hub is unreachable from tests.  :class:`FakeHub` serves a fixture folder in the Hub's wire
format on loopback; :func:`client_env` builds the environment a client subprocess needs so it
talks only to that server and never sees a developer's token; :func:`spawn_hub` starts the
server as a separate process (for benchmarks that must not share the GIL with the server).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from .server import FAULT_KINDS, FakeHub, Fault, RequestRecord, git_blob_sha1

__all__ = [
    "FAULT_KINDS",
    "REPO_ROOT",
    "FakeHub",
    "Fault",
    "RequestRecord",
    "client_env",
    "git_blob_sha1",
    "spawn_hub",
]

REPO_ROOT = Path(__file__).resolve().parents[2]

# Removed from the inherited environment: any of them would make the client talk to another
# endpoint, send a real token, or refuse to go online (hub-facts §1, §8, §9).
_REMOVED_VARS = (
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_TOKEN_PATH",
    "HF_OIDC_RESOURCE",
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "HUGGINGFACE_CO_STAGING",
    "HUGGINGFACE_HUB_CACHE",
)


def client_env(
    endpoint: str, home: str | os.PathLike[str], base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Environment for a client process pointed at ``endpoint`` with an isolated ``HF_HOME``.

    huggingface_hub reads these at import time, so they must be set before the process starts
    (hub-facts §1, §9).  ``base`` defaults to ``os.environ``.
    """
    env = dict(os.environ if base is None else base)
    for name in _REMOVED_VARS:
        env.pop(name, None)
    home_path = Path(home)
    env.update(
        {
            "HF_ENDPOINT": endpoint,
            "HF_HOME": str(home_path),
            "HF_HUB_CACHE": str(home_path / "hub"),
            "HF_HUB_DISABLE_TELEMETRY": "1",
            "HF_HUB_DISABLE_XET": "1",
            "HF_HUB_DISABLE_PROGRESS_BARS": "1",
            "HF_HUB_ETAG_TIMEOUT": "2",
        }
    )
    return env


def spawn_hub(
    root: str | os.PathLike[str],
    *,
    latency: float = 0.0,
    port: int = 0,
    page_size: int = 1000,
    python: str = sys.executable,
) -> tuple[subprocess.Popen[str], str]:
    """Start ``python -m tests.fakehub`` and return (process, url) once it is listening.

    The caller owns the process: ``proc.terminate(); proc.wait()`` when done.
    """
    cmd = [
        python,
        "-m",
        "tests.fakehub",
        "--root",
        str(root),
        "--port",
        str(port),
        "--latency",
        str(latency),
        "--page-size",
        str(page_size),
    ]
    proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if not url.startswith("http://"):
        proc.kill()
        proc.wait()
        raise RuntimeError(f"fakehub did not start (got {url!r})")
    return proc, url

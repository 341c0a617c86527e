#!/usr/bin/env python3
"""Inspect many fixture repos through the fake Hub with injected latency per request.

Generates N bench repos (``scripts/make_hub_fixtures.py --bench N``) into a temporary folder,
serves them with ``python -m tests.fakehub --latency L`` in its own process, and times
``licscan inspect bench/model-0000 ... --jobs J`` in a subprocess with a fresh HF cache. Checks
that every target was read and its LICENSE identified as the declared license.

Run: ``python benchmarks/inspect_hub.py [--repos 200] [--latency 0.05] [--jobs 16]``.
Goal (issue 4): 200 repos at 50 ms per request in under 10 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakehub import client_env, spawn_hub  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--jobs", type=int, default=16)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="licscan-bench-") as tmp:
        root = Path(tmp) / "hub"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_hub_fixtures.py"),
                        "--bench", str(args.repos), "--out", str(root)], check=True,
                       capture_output=True)
        proc, url = spawn_hub(root, latency=args.latency)
        try:
            env = client_env(url, Path(tmp) / "hf-home")
            env["LICSCAN_CACHE_DIR"] = str(Path(tmp) / "licscan-cache")
            targets = [f"bench/model-{i:04d}" for i in range(args.repos)]
            # Warm licscan's own index cache first: it is not what this benchmark measures.
            subprocess.run([sys.executable, "-m", "licscan", "identify", str(ROOT / "LICENSE")],
                           env=env, check=True, capture_output=True)
            start = time.perf_counter()
            run = subprocess.run(
                [sys.executable, "-m", "licscan", "inspect", "--format", "json",
                 "--jobs", str(args.jobs), *targets],
                env=env, capture_output=True, text=True,
            )
            wall = time.perf_counter() - start
        finally:
            proc.terminate()
            proc.wait()
    data = json.loads(run.stdout) if run.stdout else {"targets": []}
    ok = 0
    for target in data["targets"]:
        if not target["ok"]:
            continue
        snap = target["snapshot"]
        declared = snap["declared"]["license"]
        found = [d["license"] for f in snap["files"] if f["path"] == "LICENSE"
                 for d in f.get("identification", {}).get("detections", [])]
        ok += found[:1] == [declared]
    result = {
        "repos": args.repos,
        "latency_s": args.latency,
        "jobs": args.jobs,
        "exit_code": run.returncode,
        "correct": ok,
        "wall_s": round(wall, 2),
        "repos_per_s": round(args.repos / wall, 1),
    }
    print(json.dumps(result))
    return 0 if ok == args.repos and run.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

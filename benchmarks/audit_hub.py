#!/usr/bin/env python3
"""Bulk audit through the fake Hub: cold cache, warm cache (revalidated), warm cache trusted.

Generates N bench repos into a temporary folder, serves them with ``--latency`` per request in
a separate process, and times ``licscan audit --author bench`` three times with one licscan
cache: cold (nothing cached), warm (one metadata request per repo to revalidate its commit)
and warm with ``--cache-ttl`` (no request per repo). Every run must judge every repo.

Run: ``python benchmarks/audit_hub.py [--repos 1000] [--latency 0.05] [--jobs 16]``.
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
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--jobs", type=int, default=16)
    args = parser.parse_args()
    results: dict[str, object] = {"repos": args.repos, "latency_s": args.latency,
                                  "jobs": args.jobs}
    with tempfile.TemporaryDirectory(prefix="licscan-audit-") as tmp:
        root = Path(tmp) / "hub"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_hub_fixtures.py"),
                        "--bench", str(args.repos), "--out", str(root)], check=True,
                       capture_output=True)
        proc, url = spawn_hub(root, latency=args.latency)
        try:
            env = client_env(url, Path(tmp) / "hf-home")
            env["LICSCAN_CACHE_DIR"] = str(Path(tmp) / "licscan-cache")
            subprocess.run([sys.executable, "-m", "licscan", "identify", str(ROOT / "LICENSE")],
                           env=env, check=True, capture_output=True)  # index built beforehand
            runs = (("cold", []), ("warm_revalidated", []), ("warm_ttl", ["--cache-ttl", "3600"]))
            for label, extra in runs:
                start = time.perf_counter()
                run = subprocess.run(
                    [sys.executable, "-m", "licscan", "audit", "--author", "bench",
                     "--format", "json", "--jobs", str(args.jobs), *extra],
                    env=env, capture_output=True, text=True)
                wall = time.perf_counter() - start
                data = json.loads(run.stdout) if run.stdout else {"results": []}
                judged = sum(r["verdict"] in ("pass", "warn", "fail") for r in data["results"])
                results[label] = {"wall_s": round(wall, 2), "exit_code": run.returncode,
                                  "judged": judged}
        finally:
            proc.terminate()
            proc.wait()
    print(json.dumps(results))
    ok = all(isinstance(v, dict) and v["judged"] == args.repos and v["exit_code"] == 0
             for k, v in results.items() if k.startswith(("cold", "warm")))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Start-up benchmark: how long a whole ``licscan`` process takes for the commands a hook runs.

Why whole processes: a pre-commit hook or a CI step pays the interpreter, every import and the
index load on each call; that, not the matching, is what a user waits for. Measured like
hyperfine: a warm-up run, then several runs, median and spread of the wall time, plus the CPU
time (user+sys) of the child, which stays meaningful when other jobs load the machine.

Cases:
- ``identify``: ``licscan identify LICENSE`` (warm user cache);
- ``check-folder``: ``licscan check <local model folder> --policy examples/corp.yaml``;
- ``first-run``: ``licscan identify LICENSE`` right after ``pip install -e .`` into an empty
  user cache (the install compiles the index there, hatch_build.py); this re-installs the
  checkout in editable mode once per run (``pip install --no-deps -e .``, slow);
- ``cold-cache``: the same with an empty user cache and no install before it (the index is
  built by the run itself: what a wiped cache costs once). No target; reported for honesty.

Targets (issue 12): identify <= 0.25 s, check-folder <= 0.35 s, first-run <= 1.5 s, on a quiet
2-core machine, whatever extras are installed.

Run: ``python benchmarks/startup.py [--runs 9] [--json]``. ``--pythonpath DIR`` measures another
checkout with this interpreter (e.g. the previous commit, for before/after figures).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS: dict[str, float | None] = {"identify": 0.25, "check-folder": 0.35, "first-run": 1.5,
                                     "cold-cache": None}


def once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, child CPU seconds (user+sys) and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # `python -m` puts the working folder first on sys.path: run in the checkout measured.
    done = subprocess.run(argv, env=env, cwd=env.get("PYTHONPATH", ROOT), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    return wall, cpu, done.returncode


def editable_install(python: str, env: dict[str, str]) -> None:
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)],
                   env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def measure(name: str, argv: list[str], env: dict[str, str], runs: int,
            fresh_cache: bool, install: str | None = None) -> dict[str, object]:
    walls: list[float] = []
    cpus: list[float] = []
    if not fresh_cache:
        once(argv, env)  # warm-up: fills the user cache and the OS file cache
    for _ in range(runs):
        if fresh_cache:
            env = {**env, "LICSCAN_CACHE_DIR": tempfile.mkdtemp(prefix="licscan-bench-")}
        if install:
            editable_install(install, env)
        wall, cpu, _code = once(argv, env)
        walls.append(wall)
        cpus.append(cpu)
    return {
        "case": name,
        "runs": runs,
        "median_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "median_cpu_s": round(statistics.median(cpus), 3),
        "target_s": TARGETS[name],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--pythonpath", help="measure the licscan in this folder instead")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--install-runs", type=int, default=3,
                        help="runs of the first-run case (each re-installs: slow)")
    parser.add_argument("--no-install", action="store_true",
                        help="skip the first-run case (it re-installs this checkout, editable)")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICSCAN_"))}
    env.update({"HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1",
                "LICSCAN_CACHE_DIR": tempfile.mkdtemp(prefix="licscan-bench-warm-"),
                "HF_HOME": tempfile.mkdtemp(prefix="licscan-bench-hf-")})
    if args.pythonpath:
        env["PYTHONPATH"] = args.pythonpath
    base = [args.python, "-m", "licscan"]
    folder = ROOT / "fixtures" / "hub" / "google" / "gemma-4-31b"
    cases = [
        ("identify", [*base, "identify", str(ROOT / "LICENSE")], False),
        ("check-folder", [*base, "check", str(folder), "--policy",
                          str(ROOT / "examples" / "corp.yaml")], False),
        ("cold-cache", [*base, "identify", str(ROOT / "LICENSE")], True),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    results = [measure(name, argv, env, args.runs, fresh) for name, argv, fresh in cases]
    if not args.no_install and not args.pythonpath:
        results.insert(2, measure("first-run", [*base, "identify", str(ROOT / "LICENSE")], env,
                                  args.install_runs, True, install=args.python))
    report = {"python": sys.version.split()[0], "cpus": os.cpu_count(),
              "load_average_1min": round(load, 2), "results": results}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"Python {report['python']}, {report['cpus']} CPUs, load average {load:.2f} "
          "(wall times grow with load; CPU time much less)")
    print(f"{'case':<14}{'median':>9}{'min':>9}{'max':>9}{'cpu':>9}{'target':>9}")
    for r in results:
        target = f"{r['target_s']:>8.2f}s" if r["target_s"] is not None else f"{'-':>9}"
        print(f"{r['case']:<14}{r['median_s']:>8.3f}s{r['min_s']:>8.3f}s{r['max_s']:>8.3f}s"
              f"{r['median_cpu_s']:>8.3f}s{target}")


if __name__ == "__main__":
    main()

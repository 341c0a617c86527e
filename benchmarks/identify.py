#!/usr/bin/env python3
"""Identification benchmark: accuracy, per-file latency and memory.

Measures, on this machine:
- accuracy and latency on the golden corpus (tests/golden/index.yml) and on every reference
  text in rules/ (each must come back as itself, or as an entry with the same text);
- p50 / p95 latency per file once the index is loaded;
- the whole process ``licscan identify LICENSE``: wall time and peak RSS, cold (fresh cache
  directory: builds the index) and warm (cache present), median of several runs.

Run: ``python benchmarks/identify.py`` (add ``--json`` for machine-readable output).
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
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_references() -> dict[str, object]:
    from licscan.licenses import load_catalog
    from licscan.matching import identify_text
    from licscan.matching.index import load_index

    catalog = load_catalog()
    index = load_index()
    same_text: dict[str, set[str]] = {}
    by_tokens: dict[tuple[int, ...], list[str]] = {}
    for ref in index.references:
        by_tokens.setdefault(tuple(ref.tokens), []).append(ref.license_id)
    for ids in by_tokens.values():
        for lid in ids:
            same_text[lid] = set(ids)
    times: list[float] = []
    wrong: list[str] = []
    for ref in index.references:
        text = catalog.text(catalog.lookup(ref.license_id))
        start = time.perf_counter()
        report = identify_text(text)
        times.append(time.perf_counter() - start)
        texts = [d for d in report.detections if d.kind == "text"]
        found = texts[0].license_id if texts else None
        if found not in same_text[ref.license_id]:
            wrong.append(f"{ref.license_id} -> {found}")
        elif report.unexplained:
            wrong.append(f"{ref.license_id}: unexplained {report.unexplained[0].text[:60]!r}")
    return {
        "files": len(times),
        "correct": len(times) - len(wrong),
        "wrong": wrong[:20],
        "p50_ms": round(percentile(times, 0.5) * 1000, 2),
        "p95_ms": round(percentile(times, 0.95) * 1000, 2),
    }


def bench_golden() -> dict[str, object] | None:
    index_file = ROOT / "tests" / "golden" / "index.yml"
    if not index_file.exists():
        return None
    import yaml

    from licscan.matching import identify_path

    cases = yaml.safe_load(index_file.read_text(encoding="utf-8"))
    times: list[float] = []
    wrong: list[str] = []
    for case in cases:
        path = index_file.parent / "files" / case["file"]
        start = time.perf_counter()
        report = identify_path(path)
        times.append(time.perf_counter() - start)
        expected = case.get("license")
        # The corpus indexes license texts; statements beside them (a card's license: line)
        # are measured by tests/test_statements.py.
        texts = [d for d in report.detections if d.kind == "text"]
        got = texts[0] if texts else None
        if expected is None:
            ok = report.status == case["status"] if case["status"] != "unknown" else not got
        else:
            want = case["status"]
            allowed = {expected, *case.get("accept_license", [])}
            ok = got is not None and got.license_id in allowed and (
                got.status == want or (want == "match" and got.status == "exact"))
        if not ok:
            summary = f"{got.license_id} {got.status}" if got else report.status
            wrong.append(f"{case['file']}: expected {expected} {case['status']}, got {summary}")
    return {
        "files": len(times),
        "correct": len(times) - len(wrong),
        "wrong": wrong[:20],
        "p50_ms": round(percentile(times, 0.5) * 1000, 2),
        "p95_ms": round(percentile(times, 0.95) * 1000, 2),
    }


def bench_process(runs: int) -> dict[str, object]:
    """Wall time and peak RSS of the whole CLI process on the repository's own LICENSE."""
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, LICSCAN_CACHE_DIR=cache)
        for label in ("cold", "warm"):
            walls: list[float] = []
            rss: list[float] = []
            for _ in range(1 if label == "cold" else runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "licscan", "identify",
                                str(ROOT / "LICENSE")], check=True, env=env,
                               capture_output=True)
                walls.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                rss.append(max(after, before) / 1024)
            results[label] = {"wall_s": round(statistics.median(walls), 3),
                              "peak_rss_mb": round(max(rss), 1)}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("LICSCAN_CACHE_DIR", tempfile.mkdtemp(prefix="licscan-bench-"))
    process = bench_process(args.runs)  # first, so that RUSAGE_CHILDREN is only the CLI
    report = {
        "process": process,
        "references": bench_references(),
        "golden": bench_golden(),
        "python_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for name, value in report.items():
            print(f"{name}: {json.dumps(value)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

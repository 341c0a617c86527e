#!/usr/bin/env python3
"""Identification benchmark: accuracy, per-file latency and memory.

Measures, on this machine:
- accuracy and latency on the golden corpus (tests/golden/index.yml) and on every reference
  text in rules/ (each must come back as itself, or as an entry with the same text);
- accuracy, latency and UNSAFE answers on the real-world corpus (tests/realworld/index.yml:
  files copied verbatim from public repositories; ``score_realworld`` says what "right" and
  "unsafe" mean, and tests/test_realworld.py holds the floor);
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
from typing import Any

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
        if ref.template:
            continue  # an SPDX template or a further revision: not a rules text of its own
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


REALWORLD = ROOT / "tests" / "realworld"


def realworld_cases() -> list[dict[str, Any]]:
    import yaml

    cases: list[dict[str, Any]] = yaml.safe_load(
        (REALWORLD / "index.yml").read_text(encoding="utf-8"))
    return cases


def named_ids(report: Any) -> set[str]:
    """Every catalog id licscan names in a file: license texts and statements alike."""
    return {d.license_id for d in report.detections if d.license_id}


def judge(case: dict[str, Any], report: Any, catalog: Any) -> tuple[bool, str | None]:
    """(right, unsafe reason) for one real-world case.

    Right: the set of ids licscan names equals the expected set, where an expected entry
    "a|b" is one license either id names (a bare GPL text does not say "only" or "or later");
    a file expected ``unknown`` is right when licscan names nothing.
    Unsafe: a restrictive text (``restrictive: true``) named as a permissive license it is not,
    or a modified text (``modified_of: X``) named as plain X (exact or match).
    """
    named = named_ids(report)
    groups = [set(g.split("|")) for g in case["licenses"] if g != "unknown"]
    right = (len(named) == len(groups)
             and all(group & named for group in groups)
             and all(any(lid in group for group in groups) for lid in named))
    allowed = set().union(*groups) if groups else set()
    unsafe = None
    if case.get("restrictive"):
        for lid in sorted(named - allowed):
            entry = catalog.get(lid)
            if entry is not None and entry.category == "permissive":
                unsafe = f"restrictive text named as permissive {lid}"
    plain = case.get("modified_of")
    if plain:
        for d in report.detections:
            if d.license_id == plain and d.status in ("exact", "match"):
                unsafe = f"modified text named as plain {plain} ({d.status})"
    return right, unsafe


def miss_kind(case: dict[str, Any], report: Any) -> str:
    """A coarse reason for a wrong answer, so the commonest kind of miss is visible."""
    named = named_ids(report)
    groups = [set(g.split("|")) for g in case["licenses"] if g != "unknown"]
    wanted = set().union(*groups) if groups else set()
    if not groups:
        return "names a license in a file that grants none it knows"
    if not named:
        stated = report.message and "it states" in report.message
        return ("statement found, but other text left the file unknown" if stated
                else "names nothing")
    if named & wanted and len(named) < len(groups):
        return "misses a license of a bundle"
    if named & wanted:
        return "names an extra license"
    return "names another license (variant or wrong version)"


def score_realworld() -> dict[str, Any] | None:
    if not (REALWORLD / "index.yml").exists():
        return None
    from licscan.licenses import load_catalog
    from licscan.matching import identify_path
    from licscan.matching.prose import document_kind

    catalog = load_catalog()
    times: list[float] = []
    wrong: list[str] = []
    unsafe: list[str] = []
    misses: dict[str, int] = {}
    for case in realworld_cases():
        path = REALWORLD / "files" / case["file"]
        start = time.perf_counter()
        # The copy's name is not the file's own (repo--path): its kind comes from its path.
        kind = document_kind(case["path"], case["kind"] == "readme")
        report = identify_path(path, kind=kind)
        times.append(time.perf_counter() - start)
        right, why = judge(case, report, catalog)
        got = ", ".join(sorted(named_ids(report))) or "nothing"
        if not right:
            wrong.append(f"{case['file']}: expected {', '.join(case['licenses'])}, got {got}")
            kind = miss_kind(case, report)
            misses[kind] = misses.get(kind, 0) + 1
        if why:
            unsafe.append(f"{case['file']}: {why}")
    return {
        "files": len(times),
        "correct": len(times) - len(wrong),
        "accuracy": round((len(times) - len(wrong)) / len(times), 4) if times else 0.0,
        "unsafe": unsafe,
        "misses": dict(sorted(misses.items(), key=lambda kv: -kv[1])),
        "wrong": wrong,
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
        "realworld": score_realworld(),
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

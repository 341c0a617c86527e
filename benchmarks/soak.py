#!/usr/bin/env python3
"""Soak: one bulk audit of many Hub targets while the fake Hub injects faults into a fixed share.

Why: a compliance gate must account for every target and must never let a fault pass. This
generates N bench repos, serves them with an in-process :class:`FakeHub` (faults live in the
server object, so the server runs here and licscan in a subprocess), injects faults into a
deterministic subset of targets, runs ``licscan audit <targets> --format json --jobs 16
--timeout 1`` once, and checks:

- the run finishes and prints one JSON report;
- every target appears exactly once in the results, and the summary counts agree;
- every target whose repo cannot be read (5xx, dropped or truncated answers, a delay beyond
  the timeout, 404, redirect loops, targets that do not exist) has verdict ``error``;
- no faulted target passes, except the recoverable ones (429 twice with Retry-After 0, then
  success), which must get the same real verdict as a healthy repo;
- healthy targets get their real verdict (bench repos pass the default policy);
- the exit code is 2 because some targets errored;
- every injected fault really fired (otherwise the soak tested nothing).

Prints one JSON line (targets, wall time, peak RSS of the licscan process, verdict counts,
faults by kind, violations) and exits 1 when any invariant is violated.

Run: ``python benchmarks/soak.py [--targets 2000] [--jobs 16] [--timeout 1]``; ``--targets
200`` for a quick check; ``--hostile`` adds two repos whose model cards are hostile YAML (deep
nesting, a ``!!int`` tag with no value), which must be judged like any other unreadable card
rather than abort the whole run (each gets a verdict of its own).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakehub import FakeHub, client_env  # noqa: E402

SEED = 20260101
HEALTHY_VERDICT = "pass"  # bench repos: an exact apache-2.0 or MIT text, declared on the card


@dataclass(frozen=True)
class Kind:
    """A fault kind: its share of the targets and what licscan must answer for it."""

    name: str
    share: float
    expect: str  # "error" | "real" (the healthy verdict) | "not-pass"
    what: str


KINDS = (
    Kind("rate_limited", 0.05, "real", "429 with Retry-After 0 on the info request, twice"),
    Kind("info_503", 0.025, "error", "503 on every info request"),
    Kind("info_drop", 0.02, "error", "info connection closed without an answer"),
    Kind("info_truncate", 0.02, "error", "info answer cut short (full Content-Length)"),
    Kind("info_delay", 0.02, "error", "info answer delayed 2 s (beyond --timeout 1)"),
    Kind("info_404", 0.02, "error", "404 RepoNotFound on the info request"),
    Kind("info_redirect_loop", 0.02, "error", "info request redirected to itself"),
    Kind("license_gated", 0.02, "not-pass", "401 GatedRepo on the LICENSE download"),
    Kind("license_truncate", 0.01, "error", "LICENSE body cut short"),
    Kind("license_503", 0.005, "error", "503 on every LICENSE request (HEAD and GET)"),
    Kind("missing", 0.02, "error", "target names a repo that does not exist"),
)
KIND_BY_NAME = {k.name: k for k in KINDS}


def plan(n: int) -> dict[str, str]:
    """Target -> fault kind ('healthy' for none), the same for every run with the same n."""
    counts = {k.name: max(1, round(k.share * n)) for k in KINDS}
    existing = n - counts["missing"]
    targets = [f"bench/model-{i:04d}" for i in range(existing)]
    targets += [f"bench/missing-{i:04d}" for i in range(counts["missing"])]
    kinds = {t: "healthy" for t in targets}
    for t in targets[existing:]:
        kinds[t] = "missing"
    order = list(range(existing))
    random.Random(SEED).shuffle(order)
    pos = 0
    for kind in KINDS:
        if kind.name == "missing":
            continue
        for i in order[pos : pos + counts[kind.name]]:
            kinds[targets[i]] = kind.name
        pos += counts[kind.name]
    if pos > existing:
        raise SystemExit(f"--targets {n} is too small for one target of every fault kind")
    return kinds


def _alternation(repos: list[str]) -> str:
    return "(?:" + "|".join(re.escape(r.split("/", 1)[1]) for r in repos) + ")"


def inject(hub: FakeHub, kinds: dict[str, str]) -> None:
    """Add the faults: one rule per kind (an alternation of its repos), per repo for 429s."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for target, kind in kinds.items():
        by_kind[kind].append(target)

    def info(repos: list[str]) -> str:
        return rf"^/api/models/bench/{_alternation(repos)}(?:/revision/[^/]+)?$"

    def license_file(repos: list[str]) -> str:
        return rf"^/bench/{_alternation(repos)}/resolve/[^/]+/LICENSE$"

    for target in by_kind["rate_limited"]:
        hub.add_fault(info([target]), "status", times=2, status=429, retry_after=0,
                      error_message="You have been rate-limited (fakehub soak).")
    if by_kind["info_503"]:
        hub.add_fault(info(by_kind["info_503"]), "status", status=503)
    if by_kind["info_drop"]:
        hub.add_fault(info(by_kind["info_drop"]), "drop")
    if by_kind["info_truncate"]:
        hub.add_fault(info(by_kind["info_truncate"]), "truncate", fraction=0.5)
    if by_kind["info_delay"]:
        hub.add_fault(info(by_kind["info_delay"]), "delay", seconds=2.0)
    if by_kind["info_404"]:
        hub.add_fault(info(by_kind["info_404"]), "status", status=404, error_code="RepoNotFound",
                      error_message="Repository not found")
    if by_kind["info_redirect_loop"]:
        hub.add_fault(info(by_kind["info_redirect_loop"]), "redirect_loop")
    if by_kind["license_gated"]:
        hub.add_fault(license_file(by_kind["license_gated"]), "status", status=401,
                      error_code="GatedRepo",
                      error_message="Access to this model is restricted. You must have access "
                      "to it and be authenticated to access it. Please log in.")
    if by_kind["license_truncate"]:
        hub.add_fault(license_file(by_kind["license_truncate"]), "truncate", "GET",
                      fraction=0.5)
    if by_kind["license_503"]:
        hub.add_fault(license_file(by_kind["license_503"]), "status", status=503)


def add_hostile_repos(root: Path) -> dict[str, str]:
    """Two repos whose README front matter is hostile YAML (chosen so that the fake Hub itself
    survives it and serves the repo without cardData); each must get a verdict of its own."""
    cards = {
        "bench/hostile-deep": "license: mit\nx: " + "[" * 1000 + "]" * 1000,
        "bench/hostile-tag": "license: mit\nx: !!int 0x",
    }
    mit = (root / "bench" / "model-0001" / "LICENSE").read_bytes()
    for repo, front in cards.items():
        folder = root / repo
        folder.mkdir(parents=True)
        (folder / "README.md").write_text(f"---\n{front}\n---\n# hostile\n", encoding="utf-8")
        (folder / "LICENSE").write_bytes(mit)
        (folder / "_hub.json").write_text("{}\n", encoding="utf-8")
    return {repo: "hostile_card" for repo in cards}


def run_audit(targets: list[str], env: dict[str, str], cwd: Path, out: Path, jobs: int,
              timeout: float, limit: float) -> dict[str, Any]:
    """Run licscan once; wall time and the child's own peak RSS (wait4 rusage)."""
    cmd = [sys.executable, "-m", "licscan", "audit", *targets, "--format", "json",
           "--jobs", str(jobs), "--timeout", str(timeout)]
    start = time.perf_counter()
    with (out / "stdout.json").open("wb") as stdout, (out / "stderr.txt").open("wb") as stderr:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=stdout, stderr=stderr)
        deadline = start + limit
        finished = False
        hwm_kb = 0
        while time.perf_counter() < deadline:
            hwm_kb = max(hwm_kb, _vm_hwm_kb(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                finished = True
                proc.returncode = os.waitstatus_to_exitcode(status)
                hwm_kb = max(hwm_kb, usage.ru_maxrss)  # KiB on Linux
                break
            time.sleep(0.2)
        if not finished:
            proc.kill()
            proc.wait()
    return {
        "finished": finished,
        "exit_code": proc.returncode if finished else None,
        "wall_s": round(time.perf_counter() - start, 1),
        "peak_rss_mb": round(hwm_kb / 1024, 1),
        "stdout": (out / "stdout.json").read_text("utf-8", errors="replace"),
        "stderr": (out / "stderr.txt").read_text("utf-8", errors="replace"),
    }


def _vm_hwm_kb(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmHWM:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def fired_targets(hub: FakeHub) -> dict[str, Counter[str]]:
    """Per target, how many of its requests a fault was applied to, by fault name."""
    fired: dict[str, Counter[str]] = defaultdict(Counter)
    pattern = re.compile(r"/bench/([A-Za-z0-9._-]+)")
    for record in hub.requests:
        match = pattern.search(record.path)
        if match and record.fault:
            fired[f"bench/{match.group(1)}"][record.fault] += 1
    return fired


def verify(kinds: dict[str, str], run: dict[str, Any], fired: dict[str, Counter[str]],
           ) -> tuple[list[str], dict[str, Any]]:
    """Every invariant; returns the violations and the figures for the report."""
    violations: list[str] = []
    figures: dict[str, Any] = {}
    if not run["finished"]:
        return ["the audit did not finish within the time limit"], figures
    try:
        report = json.loads(run["stdout"])
    except json.JSONDecodeError:
        tail = run["stderr"].strip().splitlines()[-3:]
        return [f"no JSON report (exit {run['exit_code']}): {' | '.join(tail)}"], figures
    results = report.get("results", [])
    seen = Counter(r.get("target") for r in results)
    verdicts: dict[str, str] = {r.get("target"): r.get("verdict") for r in results}
    for target in kinds:
        if seen[target] != 1:
            violations.append(f"{target}: appears {seen[target]} times in the results")
    for target in seen:
        if target not in kinds:
            violations.append(f"{target}: in the results but never asked for")
    counts = Counter(verdicts.get(t) for t in kinds)
    figures["verdicts"] = dict(sorted((str(k), v) for k, v in counts.items()))
    summary = report.get("summary", {})
    if any(summary.get(v, 0) != c for v, c in counts.items() if v):
        violations.append(f"summary {summary} disagrees with the results {dict(counts)}")

    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for target, kind in kinds.items():
        verdict = verdicts.get(target)
        by_kind[kind][str(verdict)] += 1
        if kind == "healthy":
            if verdict != HEALTHY_VERDICT:
                violations.append(f"{target} (healthy): verdict {verdict}, expected "
                                  f"{HEALTHY_VERDICT}{_reason(results, target)}")
            continue
        expect = "judged" if kind == "hostile_card" else KIND_BY_NAME[kind].expect
        if expect == "error" and verdict != "error":
            violations.append(f"{target} ({kind}): verdict {verdict}, expected error")
        elif expect == "not-pass" and verdict in ("pass", None):
            violations.append(f"{target} ({kind}): verdict {verdict}; a fault must never pass")
        elif expect == "judged" and verdict is None:
            violations.append(f"{target} ({kind}): no verdict")
        elif expect == "real" and verdict != HEALTHY_VERDICT:
            violations.append(f"{target} ({kind}): verdict {verdict}, expected the real verdict "
                              f"{HEALTHY_VERDICT}{_reason(results, target)}")
        if kind not in ("missing", "hostile_card") and not fired.get(target):
            violations.append(f"{target} ({kind}): the injected fault never fired")
        if kind == "rate_limited" and fired.get(target, Counter()).get("status") != 2:
            violations.append(f"{target} (rate_limited): 429 fired "
                              f"{fired.get(target, Counter()).get('status', 0)} times, not 2")
    figures["verdicts_by_fault"] = {k: dict(v) for k, v in sorted(by_kind.items())}
    errored = counts.get("error", 0) > 0
    expected_exit = 2 if errored else (1 if counts.get("fail") else 0)
    if run["exit_code"] != expected_exit:
        violations.append(f"exit code {run['exit_code']}, expected {expected_exit}")
    return violations, figures


def _reason(results: list[dict[str, Any]], target: str) -> str:
    for r in results:
        if r.get("target") == target:
            messages = [x.get("message", "") for x in r.get("reasons", [])]
            return f" ({'; '.join(messages)[:160]})" if messages else ""
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--targets", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--limit", type=float, default=3600.0,
                        help="seconds after which the audit counts as hung and is killed")
    parser.add_argument("--hostile", action="store_true",
                        help="add two repos with hostile model-card YAML")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="copy the report, stderr and the fault plan here")
    args = parser.parse_args()
    if not 40 <= args.targets <= 10_000:
        parser.error("--targets must be between 40 and 10000")

    kinds = plan(args.targets)
    existing = sum(1 for t in kinds if t.startswith("bench/model-"))
    with tempfile.TemporaryDirectory(prefix="licscan-soak-") as tmp_name:
        tmp = Path(tmp_name)
        root = tmp / "hub"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_hub_fixtures.py"),
                        "--bench", str(existing), "--out", str(root)], check=True,
                       capture_output=True)
        if args.hostile:
            kinds.update(add_hostile_repos(root))
        workdir = tmp / "cwd"  # empty: no target may be mistaken for a local folder
        workdir.mkdir()
        with FakeHub(root) as hub:
            env = client_env(hub.url, tmp / "hf-home")
            env["LICSCAN_CACHE_DIR"] = str(tmp / "licscan-cache")
            # Build the reference index first, so the figures are the audit's alone.
            subprocess.run([sys.executable, "-m", "licscan", "identify", str(ROOT / "LICENSE")],
                           env=env, cwd=workdir, check=True, capture_output=True)
            inject(hub, kinds)
            run = run_audit(list(kinds), env, workdir, tmp, args.jobs, args.timeout, args.limit)
            time.sleep(2.5)  # delayed requests are logged when their delay ends
            fired = fired_targets(hub)
            requests = len(hub.requests)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp / "stdout.json", args.keep / "report.json")
            shutil.copy(tmp / "stderr.txt", args.keep / "stderr.txt")
            (args.keep / "plan.json").write_text(json.dumps(kinds, indent=1), "utf-8")

    violations, figures = verify(kinds, run, fired)
    faults = Counter(k for k in kinds.values() if k != "healthy")
    line = {
        "targets": len(kinds),
        "jobs": args.jobs,
        "timeout_s": args.timeout,
        "finished": run["finished"],
        "exit_code": run["exit_code"],
        "wall_s": run["wall_s"],
        "targets_per_s": round(len(kinds) / run["wall_s"], 1) if run["wall_s"] else None,
        "peak_rss_mb": run["peak_rss_mb"],
        "hub_requests": requests,
        **figures,
        "faults": dict(sorted(faults.items())),
        "faults_fired": sum(1 for t, k in kinds.items() if k != "healthy" and fired.get(t)),
        "violation_count": len(violations),
        "violations": violations[:25],
    }
    print(json.dumps(line))
    return 1 if violations else 0


if __name__ == "__main__":
    raise SystemExit(main())

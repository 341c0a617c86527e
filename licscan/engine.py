"""Runs the pipeline for many targets: bounded concurrency, one result per target, in order.

Why here and not in the CLI: bulk audits, CI gates and benchmarks all need the same loop, and a
failure of one target (a 404, a timeout) must become that target's result while the others go
on: every target is accounted for.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from typing import TypeVar

from licscan.defaults import DEFAULT_JOBS
from licscan.errors import LicscanError
from licscan.matching import identify_bytes
from licscan.model import FileReport, Inspection, RepoSnapshot
from licscan.policy.evaluate import Verdict, could_not_evaluate, evaluate
from licscan.policy.model import Policy
from licscan.resolve import Resolver
from licscan.sources import SourceOptions, open_snapshot

T = TypeVar("T")


def identify_snapshot(snapshot: RepoSnapshot) -> tuple[FileReport, ...]:
    """Identify every readable license-bearing file of a snapshot. A README is a model card:
    license texts in it are found anywhere, unexplained text only in its License section."""
    return tuple(identify_bytes(f.data, f.path, readme=f.role == "readme")
                 for f in snapshot.files if f.data is not None)


def inspect_snapshot(target: str, snapshot: RepoSnapshot) -> Inspection:
    return Inspection(target, snapshot, identify_snapshot(snapshot))


def inspect_target(target: str, options: SourceOptions) -> Inspection:
    try:
        return inspect_snapshot(target, open_snapshot(target, options))
    except LicscanError as exc:
        return Inspection(target, error=exc.message, hint=exc.hint)


def inspect_targets(targets: Iterable[str], options: SourceOptions,
                    jobs: int = DEFAULT_JOBS) -> list[Inspection]:
    """Inspect every target; results come back in the order the targets were given."""
    return _in_order(lambda target: inspect_target(target, options), list(targets), jobs)


def check_targets(targets: Iterable[str], options: SourceOptions, policy: Policy,
                  jobs: int = DEFAULT_JOBS,
                  progress: Callable[[Verdict], None] | None = None,
                  timings: dict[str, float] | None = None) -> list[Verdict]:
    """Read, resolve (bases included) and judge every target; one verdict each, in order.

    ``timings``, when given, receives the seconds each target took (reports such as JUnit
    show them per model).
    """
    base_options = replace(options, revision=None)  # bases are read at their main revision

    def fetch_base(repo_id: str) -> tuple[RepoSnapshot, tuple[FileReport, ...]]:
        snapshot = open_snapshot(repo_id, base_options)
        return snapshot, identify_snapshot(snapshot)

    resolver = Resolver(fetch=fetch_base, min_confidence=policy.min_confidence)

    def judge(target: str) -> Verdict:
        inspection = inspect_target(target, options)
        if inspection.snapshot is None:
            return could_not_evaluate(target, inspection.error or "could not be read",
                                      inspection.hint)
        assessment = resolver.resolve(inspection.snapshot, inspection.reports)
        return evaluate(assessment, policy)

    def check_one(target: str) -> Verdict:
        started = time.perf_counter()
        try:
            return judge(target)
        finally:
            if timings is not None:
                timings[target] = time.perf_counter() - started

    return _in_order(check_one, list(targets), jobs, progress)


def _in_order(work: Callable[[str], T], items: list[str], jobs: int,
              progress: Callable[[T], None] | None = None) -> list[T]:
    """``work`` on every item, ``jobs`` at a time; ``progress`` hears of each as it finishes;
    the results come back in the order of ``items``."""
    from licscan.licenses.catalog import load_catalog
    from licscan.licenses.expression import parse_expression
    from licscan.matching.index import load_index

    # Everything the workers share is built here, once, before any thread can race for it.
    load_catalog()
    parse_expression("MIT AND Apache-2.0")  # the shared Licensing and its tokenizer
    load_index()
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(items) or 1))) as pool:
        futures = [pool.submit(work, item) for item in items]
        if progress is not None:
            for future in as_completed(futures):
                progress(future.result())
        return [f.result() for f in futures]

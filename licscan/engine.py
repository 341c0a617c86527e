"""Runs the pipeline for many targets: bounded concurrency, one result per target, in order.

Why here and not in the CLI: bulk audits, CI gates and benchmarks all need the same loop, and a
failure of one target (a 404, a timeout) must become that target's result while the others go
on: every target is accounted for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from typing import TypeVar

from licscan.defaults import DEFAULT_JOBS
from licscan.errors import LicscanError
from licscan.licenses.catalog import Catalog, load_catalog
from licscan.matching import identify_bytes
from licscan.model import (
    TRAINED_ON,
    Assessment,
    FileReport,
    Inspection,
    Relation,
    RepoSnapshot,
    Verdict,
)
from licscan.policy.evaluate import could_not_evaluate, evaluate
from licscan.policy.model import Policy
from licscan.resolve import inherit, own_license
from licscan.sources import SourceOptions, open_snapshot

MAX_DEPTH = 6
T = TypeVar("T")
Fetch = Callable[[str], tuple[RepoSnapshot, tuple[FileReport, ...]]]


@dataclass
class Resolver:
    """Resolves repositories and, recursively, their bases: one fetch per repo, cycle-safe.

    Why here and not in ``licscan.resolve``: what a repo is under is a pure function of what
    was read (``own_license``, ``inherit``); fetching the bases, remembering them across
    targets and keeping two threads from fetching one base twice is the engine's business.
    """

    fetch: Fetch | None = None
    min_confidence: float = 0.9
    max_depth: int = MAX_DEPTH
    catalog: Catalog = field(default_factory=load_catalog)
    _memo: dict[str, Assessment] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def resolve(
        self,
        snapshot: RepoSnapshot,
        reports: tuple[FileReport, ...],
        relation: Relation | None = None,
        _path: tuple[str, ...] = (),
    ) -> Assessment:
        own = own_license(snapshot, reports, self.catalog, self.min_confidence)
        path = (*_path, snapshot.repo_id.lower())
        bases = tuple(self._base(ref.repo_id, ref.relation, path) for ref in snapshot.base_models)
        datasets = tuple(self._dataset(d, path) for d in snapshot.datasets) \
            if snapshot.kind == "model" else ()
        return inherit(own, (*bases, *datasets), relation, self.catalog)

    def _base(self, repo_id: str, relation: Relation | None, path: tuple[str, ...]) -> Assessment:
        key = repo_id.lower()
        if key in path:
            return Assessment(repo_id, repo_id, relation=relation,
                              error="base models form a cycle: " + " -> ".join((*path, key)))
        if len(path) > self.max_depth:
            return Assessment(repo_id, repo_id, relation=relation,
                              error=f"the chain of base models is deeper than {self.max_depth}")
        if self.fetch is None:
            return Assessment(repo_id, repo_id, relation=relation,
                              error="base models are not followed for this source")
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        # One fetch per repo even when several targets share a base; the timeout only matters
        # for hostile cycles that span two targets resolved at once.
        locked = lock.acquire(timeout=120)
        try:
            if key in self._memo:
                return replace(self._memo[key], relation=relation)
            try:
                snapshot, reports = self.fetch(repo_id)
            except LicscanError as exc:
                result = Assessment(repo_id, repo_id, relation=relation, error=exc.message)
            else:
                result = self.resolve(snapshot, reports, relation, path)
            self._memo[key] = result
            return result
        finally:
            if locked:
                lock.release()

    def _dataset(self, dataset_id: str, path: tuple[str, ...]) -> Assessment:
        """A dataset the model was trained on, read like a base (one fetch per dataset, the same
        depth limit) but kept apart: its license never joins the model's effective license;
        the policy's ``datasets`` section judges it."""
        result = self._base(f"datasets/{dataset_id}", TRAINED_ON, path)
        if result.error is not None:
            return replace(result, target=dataset_id, repo_id=dataset_id, kind="dataset")
        return result


def identify_snapshot(snapshot: RepoSnapshot) -> tuple[FileReport, ...]:
    """Identify every readable license-bearing file of a snapshot. A README is a model card by
    its role, not its name: license texts in it are found anywhere; it is held to every word of
    its License sections and to its license-bearing sentences elsewhere (``matching.prose``)."""
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

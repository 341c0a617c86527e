"""Runs the pipeline for many targets: bounded concurrency, one result per target, in order.

Why here and not in the CLI: bulk audits, CI gates and benchmarks all need the same loop, and a
failure of one target (a 404, a timeout) must become that target's result while the others go
on: every target is accounted for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from licscan.errors import LicscanError
from licscan.matching import identify_bytes
from licscan.model import FileReport, Inspection, RepoSnapshot
from licscan.sources import SourceOptions, open_snapshot

DEFAULT_JOBS = 16


def identify_snapshot(snapshot: RepoSnapshot) -> tuple[FileReport, ...]:
    """Identify every readable license-bearing file of a snapshot."""
    return tuple(identify_bytes(f.data, f.path) for f in snapshot.files if f.data is not None)


def inspect_snapshot(target: str, snapshot: RepoSnapshot) -> Inspection:
    return Inspection(target, snapshot, identify_snapshot(snapshot))


def inspect_target(target: str, options: SourceOptions) -> Inspection:
    try:
        return inspect_snapshot(target, open_snapshot(target, options))
    except LicscanError as exc:
        return Inspection(target, error=exc.message, hint=exc.hint)


def inspect_targets(targets: Iterable[str], options: SourceOptions, jobs: int = DEFAULT_JOBS,
                    progress: Callable[[Inspection], None] | None = None) -> list[Inspection]:
    """Inspect every target; results come back in the order the targets were given."""
    from licscan.matching.index import load_index

    items = list(targets)
    load_index()  # build or load once, before the threads race for it
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(items) or 1))) as pool:
        futures = [pool.submit(inspect_target, t, options) for t in items]
        results = []
        for future in futures:
            result = future.result()
            if progress is not None:
                progress(result)
            results.append(result)
    return results

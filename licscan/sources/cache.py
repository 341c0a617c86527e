"""Repositories in the local Hugging Face cache, for offline questions.

Why: "which licenses are the models on this machine under?" must be answerable without a
network, and ``HF_HUB_OFFLINE=1`` must still let ``inspect`` and ``check`` work on what was
downloaded. The cache knows files and commits, not gating or Hub tags; snapshots say so.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from licscan.errors import SourceError
from licscan.model import RepoSnapshot
from licscan.sources import hubconfig
from licscan.sources.local import read_folder


def cached_repos(cache_dir: str | None = None) -> list[RepoSnapshot]:
    """One snapshot per cached repository (its ``main`` revision, else the newest)."""
    info = _scan(cache_dir, "There is no Hugging Face cache at {where}.",
                 "Set HF_HUB_CACHE, or download a model first.")
    snapshots = []
    for repo in sorted(info.repos, key=lambda r: (r.repo_type, r.repo_id.lower())):
        if repo.repo_type not in ("model", "dataset"):
            continue
        revision = _preferred(repo)
        if revision is None:
            continue
        snapshots.append(
            _snapshot(
                repo.repo_id,
                repo.repo_type,
                revision.commit_hash,
                revision.snapshot_path,
                "main" if "main" in revision.refs else None,
            )
        )
    return snapshots


def cached_repo(
    repo_id: str, kind: str, revision: str | None, cache_dir: str | None = None
) -> RepoSnapshot:
    """The cached snapshot of one repository at ``revision`` (a ref or commit; default main)."""
    info = _scan(cache_dir, f"{repo_id} is not cached and offline mode is on (no cache at "
                 "{where}).", "Unset HF_HUB_OFFLINE to read the Hub.")
    for repo in info.repos:
        if repo.repo_id.lower() != repo_id.lower() or repo.repo_type != kind:
            continue
        wanted = revision or "main"
        for rev in repo.revisions:
            if wanted in rev.refs or rev.commit_hash == wanted:
                return _snapshot(repo.repo_id, kind, rev.commit_hash, rev.snapshot_path, revision)
        newest = _preferred(repo)
        if revision is None and newest is not None:
            # Files fetched at a commit (as licscan does) leave no 'main' ref in the cache.
            snap = _snapshot(repo.repo_id, kind, newest.commit_hash, newest.snapshot_path, None)
            return replace(
                snap,
                notes=(
                    *snap.notes,
                    "no 'main' ref is cached; this is the "
                    f"newest cached commit, {newest.commit_hash}",
                ),
            )
        raise SourceError(
            f"{repo_id} is cached, but not at revision '{wanted}', and offline mode is on.",
            hint="Unset HF_HUB_OFFLINE, or ask for a cached ref.",
        )
    raise SourceError(
        f"{repo_id} is not in the local cache and offline mode is on.",
        hint="Unset HF_HUB_OFFLINE, or download the repo first.",
    )


def _scan(cache_dir: str | None, message: str, hint: str) -> Any:
    """The HF cache's contents; no cache at all is a SourceError with ``message``."""
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        # The cache folder as the environment says now, not when huggingface_hub was imported.
        return scan_cache_dir(cache_dir or hubconfig.hub_cache())
    except CacheNotFound as exc:
        raise SourceError(message.format(where=exc.cache_dir), hint=hint) from exc


def _preferred(repo: Any) -> Any:
    revisions = sorted(getattr(repo, "revisions", ()), key=lambda r: r.last_modified, reverse=True)
    for rev in revisions:
        if "main" in rev.refs:
            return rev
    return revisions[0] if revisions else None


def _snapshot(
    repo_id: str, kind: str, commit: str, path: Path, revision: str | None
) -> RepoSnapshot:
    snap = read_folder(
        Path(path), target=repo_id, repo_id=repo_id, kind=kind, origin="cache", commit=commit
    )
    return replace(
        snap,
        revision=revision,
        notes=(*snap.notes, "read from the local cache: gating and Hub tags are not known offline"),
    )

"""Repositories in the local Hugging Face cache, for offline questions.

Why: "which licenses are the models on this machine under?" must be answerable without a
network, and ``HF_HUB_OFFLINE=1`` must still let ``inspect`` and ``check`` work on what was
downloaded. The cache knows files and commits, not the repository's file list: only a commit
licscan itself read from the Hub (and recorded, see ``listing``) can be judged offline; any
other cached repo is "could not evaluate", never a snapshot that looks complete.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from licscan.errors import SourceError
from licscan.model import RepoKind, RepoSnapshot, SourceProblem
from licscan.sources import hubconfig
from licscan.sources.listing import read_record, unrecorded, with_record
from licscan.sources.local import read_folder

if TYPE_CHECKING:
    from huggingface_hub import CachedRepoInfo, CachedRevisionInfo, HFCacheInfo


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
        try:
            snapshots.append(_snapshot(
                repo.repo_id, repo.repo_type, revision.commit_hash, revision.snapshot_path,
                "main" if "main" in revision.refs else None, repo.repo_path))
        except SourceError as exc:
            # An inventory lists every cached repo; one licscan cannot vouch for says so.
            snap = _folder_snapshot(repo.repo_id, repo.repo_type, revision.commit_hash,
                                    revision.snapshot_path, "main" if "main" in revision.refs
                                    else None)
            snapshots.append(replace(snap, problems=(
                *snap.problems, SourceProblem("unverifiable", exc.message))))
    return snapshots


def cached_repo(
    repo_id: str, kind: RepoKind, revision: str | None, cache_dir: str | None = None
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
                return _snapshot(repo.repo_id, kind, rev.commit_hash, rev.snapshot_path, revision,
                                 repo.repo_path)
        newest = _preferred(repo)
        if revision is None and newest is not None:
            # Files fetched at a commit (as licscan does) leave no 'main' ref in the cache.
            snap = _snapshot(repo.repo_id, kind, newest.commit_hash, newest.snapshot_path, None,
                             repo.repo_path)
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


def _scan(cache_dir: str | None, message: str, hint: str) -> HFCacheInfo:
    """The HF cache's contents; no cache at all is a SourceError with ``message``."""
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        # The cache folder as the environment says now, not when huggingface_hub was imported.
        return scan_cache_dir(cache_dir or hubconfig.hub_cache())
    except CacheNotFound as exc:
        raise SourceError(message.format(where=exc.cache_dir), hint=hint) from exc


def _preferred(repo: CachedRepoInfo) -> CachedRevisionInfo | None:
    revisions = sorted(repo.revisions, key=lambda r: r.last_modified, reverse=True)
    for rev in revisions:
        if "main" in rev.refs:
            return rev
    return revisions[0] if revisions else None


def _snapshot(
    repo_id: str, kind: RepoKind, commit: str, path: Path, revision: str | None, repo_path: Path
) -> RepoSnapshot:
    """The cached repo as licscan last read it from the Hub at ``commit``; no record of that
    read is a ``SourceError`` (the cache alone cannot show which license files exist)."""
    snap = _folder_snapshot(repo_id, kind, commit, path, revision)
    record = read_record(Path(repo_path), commit)
    if record is None:
        raise unrecorded(repo_id, commit)
    return with_record(snap, Path(path), record)


def _folder_snapshot(
    repo_id: str, kind: RepoKind, commit: str, path: Path, revision: str | None
) -> RepoSnapshot:
    snap = read_folder(
        Path(path), target=repo_id, repo_id=repo_id, kind=kind, origin="cache", commit=commit
    )
    return replace(
        snap,
        revision=revision,
        notes=(*snap.notes, "read from the local cache: gating and Hub tags are not known offline"),
    )

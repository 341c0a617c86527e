"""Where a repository comes from: the Hub, a local folder, or the local HF cache.

``open_snapshot`` turns what a user typed into one ``RepoSnapshot``; it knows nothing about
matching or policy. The Hub client is imported only when a Hub target is asked for, so local
identification never pays for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from licscan.errors import UsageError
from licscan.model import RepoSnapshot
from licscan.sources.card import is_repo_id
from licscan.sources.snapshot_cache import SnapshotCache

_HUB_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(.+?)/?$")


@dataclass(frozen=True)
class SourceOptions:
    """How to reach repositories: token, timeout, revision, cache folder."""

    token: str | None = None
    timeout: float = 10.0
    revision: str | None = None
    cache_dir: str | None = None
    snapshots: SnapshotCache | None = None  # reuse snapshots still at the same commit


@dataclass(frozen=True)
class Target:
    """A parsed target: a Hub repo (model or dataset) or a local folder."""

    raw: str
    kind: str  # model | dataset | folder
    repo_id: str | None = None
    path: Path | None = None
    revision: str | None = None  # from 'org/name@revision'


def parse_target(raw: str) -> Target:
    """Repo id, ``datasets/org/name``, a Hub URL, or a path to a folder."""
    text = raw.strip()
    if text.startswith(("./", "../", "/", "~")) or Path(text).expanduser().is_dir():
        return Target(raw, "folder", path=Path(text).expanduser())
    url = _HUB_URL.match(text)
    if url:
        text = url.group(1)
    revision = None
    if "@" in text:  # org/name@revision: a pin written next to the id (manifests, lockfiles)
        text, _, revision = text.rpartition("@")
        if not revision:
            raise UsageError(f"'{raw}' ends with '@' but names no revision.",
                             hint="Write org/name@<branch, tag or commit>.")
    kind = "model"
    if text.startswith("datasets/"):
        kind, text = "dataset", text[len("datasets/") :]
    elif text.startswith("models/"):
        text = text[len("models/") :]
    if not is_repo_id(text):
        raise UsageError(
            f"'{raw}' is neither a Hugging Face repo id nor a folder.",
            hint="Use org/name for a model, datasets/org/name for a dataset, or a folder path.",
        )
    return Target(raw, kind, repo_id=text, revision=revision)


def open_snapshot(raw: str, options: SourceOptions | None = None) -> RepoSnapshot:
    """Read one target into a snapshot; offline mode reads Hub targets from the cache."""
    options = options or SourceOptions()
    target = parse_target(raw)
    if target.kind == "folder":
        from licscan.sources.local import read_folder

        assert target.path is not None
        return read_folder(target.path, target=raw)
    assert target.repo_id is not None
    from licscan.sources.hub import HubSource, configure_client, offline_mode

    configure_client(options.timeout)
    revision = target.revision or options.revision
    if offline_mode():
        from licscan.sources.cache import cached_repo

        return cached_repo(target.repo_id, target.kind, revision, options.cache_dir)
    source = HubSource(token=options.token, timeout=options.timeout, cache_dir=options.cache_dir)
    cache = options.snapshots
    if cache is None:
        return source.fetch(target.repo_id, kind=target.kind, revision=revision, target=raw)
    path = cache.key(source.endpoint, target.kind, target.repo_id, revision, options.token)
    entry = cache.load(path)
    if entry is not None and (cache.offline or cache.fresh(entry[0])):
        return replace(entry[1], target=raw)
    if cache.offline:
        raise cache.missing(target.repo_id)
    info = source.info(target.repo_id, kind=target.kind, revision=revision)
    if entry is not None and entry[1].commit and entry[1].commit == info.sha:
        cache.store(path, entry[1])  # still current: trusted for another ttl
        return replace(entry[1], target=raw)
    snapshot = source.fetch(target.repo_id, kind=target.kind, revision=revision, target=raw,
                            info=info)
    cache.store(path, snapshot)
    return snapshot


__all__ = ["SourceOptions", "Target", "open_snapshot", "parse_target"]

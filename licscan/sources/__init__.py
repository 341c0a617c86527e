"""Where a repository comes from: the Hub, a local folder, or the local HF cache.

``open_snapshot`` turns what a user typed into one ``RepoSnapshot``; it knows nothing about
matching or policy. The Hub client is imported only when a Hub target is asked for, so local
identification never pays for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from licscan.defaults import DEFAULT_TIMEOUT
from licscan.errors import SourceError, UsageError
from licscan.model import RepoKind, RepoSnapshot
from licscan.sources.card import is_repo_id
from licscan.sources.snapshot_cache import SnapshotCache

_HUB_URL = re.compile(r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(.+?)/?$")


@dataclass(frozen=True)
class SourceOptions:
    """How to reach repositories: token, timeout, revision, cache folder, offline.

    ``offline`` is per call, for the Python API: setting ``HF_HUB_OFFLINE`` in ``os.environ``
    would change every other thread of the process too.
    """

    token: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    revision: str | None = None
    cache_dir: str | None = None
    snapshots: SnapshotCache | None = None  # reuse snapshots still at the same commit
    offline: bool = False  # read Hub targets only from the HF cache, as HF_HUB_OFFLINE does


@dataclass(frozen=True)
class Target:
    """A parsed target: a Hub repo (model or dataset) or a local folder."""

    raw: str
    kind: RepoKind | Literal["folder"]
    repo_id: str | None = None
    path: Path | None = None
    revision: str | None = None  # from 'org/name@revision'


def parse_target(raw: str) -> Target:
    """What a target means, decided by how it is written, never by what the disk holds.

    ``org/name`` (and ``name``, ``datasets/org/name``, ``models/org/name``, a Hub URL, each
    with an optional ``@revision``) is always a Hub repo, even when a folder of that name sits
    in the working directory: otherwise a pull request adding ``black-forest-labs/FLUX.1-dev/``
    with a README saying ``apache-2.0`` would walk the real model past the gate. A folder is an
    explicit path: ``.``, ``./x``, ``../x``, ``~/x`` or an absolute path. Something that cannot
    be a repo id at all (``fixtures/hub/org/name``: four segments) and exists as a path can only
    mean that path, so it is a folder; anything else is a usage error.
    """
    text = raw.strip()
    if is_explicit_path(text):
        return Target(raw, "folder", path=Path(text).expanduser())
    hub = _hub_target(raw, text)
    if hub is not None:
        return hub
    if text and _looks_like_repo_id(text):
        name = _normalised(text)
        raise UsageError(f"'{raw}' is written like the Hub repo id {name}, so licscan reads "
                         "neither the Hub nor a folder.",
                         hint=f"Write {name} for the Hub repo, or ./{name} for a local folder.")
    if text and Path(text).exists():
        return Target(raw, "folder", path=Path(text))
    raise UsageError(
        f"'{raw}' is neither a Hugging Face repo id nor a folder.",
        hint="Use org/name for a model, datasets/org/name for a dataset, or write a folder as "
        "a path: ./name, ../name, ~/name or an absolute path.",
    )


def _looks_like_repo_id(text: str) -> bool:
    """A spelling of ``org/name`` ('org/name/', 'org//name', 'org/./name'): read as a folder it
    would be the shadow the Hub-id rule closes, so it is neither; the user must choose."""
    return is_repo_id(_normalised(text))


def _normalised(text: str) -> str:
    import posixpath

    return posixpath.normpath(text.replace("\\", "/"))


def is_explicit_path(text: str) -> bool:
    """Written as a path, so it can only mean one: '.', '..', './x', '../x', '~/x', '/x'."""
    return (text in (".", "..", "~") or text.startswith(("./", "../", "~/", "/"))
            or Path(text).is_absolute())


def _hub_target(raw: str, text: str) -> Target | None:
    """The Hub repo ``text`` names, or None when it cannot be a repo id."""
    url = _HUB_URL.match(text)
    if url:
        text = url.group(1)
        tree = re.match(r"^((?:datasets/)?[^/]+/[^/@]+)/(?:tree|blob|resolve)/([^/]+)", text)
        if tree:  # https://huggingface.co/org/name/tree/<rev>: the repo at that revision
            text = f"{tree.group(1)}@{tree.group(2)}"
    revision = None
    if "@" in text:  # org/name@revision: a pin written next to the id (manifests, lockfiles)
        text, _, revision = text.rpartition("@")
    kind: RepoKind = "model"
    if text.startswith("datasets/"):
        kind, text = "dataset", text[len("datasets/") :]
    elif text.startswith("models/"):
        text = text[len("models/") :]
    if not is_repo_id(text):
        if url:
            raise UsageError(f"'{raw}' is a Hub URL, but it names no repo licscan can read.",
                             hint="Use https://huggingface.co/org/name, or the id org/name.")
        return None
    if revision is not None and not revision:
        raise UsageError(f"'{raw}' ends with '@' but names no revision.",
                         hint="Write org/name@<branch, tag or commit>.")
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
    shadow = raw.strip()
    if Path(shadow).is_dir():
        # Never read, but say so: someone who meant the folder learns how to write it.
        try:
            snap = _open_repo(raw, target, options)
        except SourceError as exc:
            raise SourceError(exc.message, hint=f"{exc.hint or ''} '{shadow}' is read as a Hub "
                              f"repo id; to check the local folder of that name, write "
                              f"./{shadow}".strip()) from exc
        return replace(snap, notes=(*snap.notes, f"a local folder '{shadow}' exists but was not "
                                    f"read: '{shadow}' is a Hub repo id (write ./{shadow} to "
                                    "check the folder)"))
    return _open_repo(raw, target, options)


def _open_repo(raw: str, target: Target, options: SourceOptions) -> RepoSnapshot:
    """A Hub target: from the Hub, the snapshot cache, or (offline) the HF cache."""
    assert target.repo_id is not None
    from licscan.sources.hub import HubSource, configure_client, offline_mode

    configure_client(options.timeout)
    revision = target.revision or options.revision
    kind: RepoKind = "dataset" if target.kind == "dataset" else "model"
    if options.offline or offline_mode():
        from licscan.sources.cache import cached_repo

        return cached_repo(target.repo_id, kind, revision, options.cache_dir)
    source = HubSource(token=options.token, timeout=options.timeout, cache_dir=options.cache_dir)
    cache = options.snapshots
    if cache is None:
        return source.fetch(target.repo_id, kind=kind, revision=revision, target=raw)
    path = cache.key(source.endpoint, kind, target.repo_id, revision, options.token)
    entry = cache.load(path)
    if entry is not None and (cache.offline or cache.fresh(entry[0])):
        return replace(entry[1], target=raw)
    if cache.offline:
        raise cache.missing(target.repo_id)
    info = source.info(target.repo_id, kind=kind, revision=revision)
    if entry is not None and entry[1].commit and entry[1].commit == info.commit:
        cache.store(path, entry[1])  # still current: trusted for another ttl
        return replace(entry[1], target=raw)
    snapshot = source.fetch(target.repo_id, kind=kind, revision=revision, target=raw,
                            info=info)
    cache.store(path, snapshot)
    return snapshot


__all__ = ["SourceOptions", "Target", "is_explicit_path", "open_snapshot", "parse_target"]

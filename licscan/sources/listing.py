"""What licscan saw of a Hub repository, kept beside its files in the Hugging Face cache.

Why: the cache holds the files that happened to be downloaded, not the repository's file list.
Offline, a cache holding README.md alone looks exactly like a repository with no license file,
and a gate would judge it on the card. So after every Hub read licscan writes down, next to the
cached files (``<repo folder>/.licscan/<commit>.json``), the listing and which files it read or
could not read; offline, a snapshot is rebuilt only when that record exists and every file it
read is still in the cache. Anything less is "could not evaluate" (exit 2), never a snapshot
that looks complete. The record travels with the cache to an air-gapped machine.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from licscan.atomic import replace_file
from licscan.errors import SourceError
from licscan.model import (
    FILE_ROLES,
    GATINGS,
    RepoFile,
    RepoSnapshot,
    SourceProblem,
    in_vocabulary,
)
from licscan.sources.card import base_models, read_datasets
from licscan.sources.files import is_safe_repo_path

RECORD_FORMAT = 1
RECORD_DIR = ".licscan"
_HEX40 = re.compile(r"^[0-9a-f]{40}$")


def repo_folder(cache_dir: str | None, repo_id: str, kind: str) -> Path:
    """The HF cache folder of a repository (``models--org--name``)."""
    from huggingface_hub.file_download import repo_folder_name

    from licscan.sources import hubconfig

    root = Path(cache_dir or hubconfig.hub_cache())
    return root / repo_folder_name(repo_id=repo_id, repo_type=kind)


def write_record(folder: Path, snap: RepoSnapshot) -> None:
    """Record the listing of a snapshot read from the Hub at a commit (best effort: a cache
    that cannot be written only means offline reads of this repo will refuse, not guess)."""
    if not snap.commit or not _HEX40.match(snap.commit):
        return
    record = {
        "format": RECORD_FORMAT,
        "repo_id": snap.repo_id,
        "kind": snap.kind,
        "commit": snap.commit,
        "siblings": list(snap.siblings),
        "tags": list(snap.tags),
        "gated": snap.gated,
        "access": snap.access,
        "access_reason": snap.access_reason,
        "private": snap.private,
        "card": snap.card,
        "card_problem": snap.card_problem,
        "files": [{"path": f.path, "role": f.role, "size": f.size,
                   "unavailable": f.unavailable} for f in snap.files],
        "problems": [{"kind": p.kind, "message": p.message} for p in snap.problems],
        "notes": list(snap.notes),
        "license_link": snap.license_link,
        "license_link_kind": snap.license_link_kind,
        "endpoint": snap.endpoint,
        "last_modified": snap.last_modified,
    }
    if not (folder / "snapshots" / snap.commit).is_dir():
        return  # nothing was cached (a gated repo without a token): no folder of ours either
    target = folder / RECORD_DIR / f"{snap.commit}.json"
    try:
        replace_file(target, json.dumps(record, default=str).encode("utf-8"))
    except (OSError, TypeError, ValueError):
        return


def read_record(folder: Path, commit: str) -> dict[str, Any] | None:
    """The record for ``commit``, or None when there is none or it is not one licscan wrote."""
    if not _HEX40.match(commit):
        return None
    try:
        data = json.loads((folder / RECORD_DIR / f"{commit}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT \
            or data.get("commit") != commit:
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("path"), str)
            and is_safe_repo_path(f["path"]) for f in files):
        return None
    for key in ("siblings", "tags", "problems", "notes"):
        if not isinstance(data.get(key), list):
            return None
    return data


def with_record(snap: RepoSnapshot, snapshot_folder: Path, record: dict[str, Any]) -> RepoSnapshot:
    """The cached snapshot as the Hub read showed it; a file it read that the cache no longer
    holds is a ``SourceError`` (exit 2), since the terms it carried cannot be seen."""
    files: list[RepoFile] = []
    missing: list[str] = []
    from licscan.sources.local import read_file

    for item in record["files"]:
        path, role = item["path"], in_vocabulary(item.get("role"), FILE_ROLES) or "license"
        if item.get("unavailable"):
            size = item.get("size")
            files.append(RepoFile(path, size=size if isinstance(size, int) else None, role=role,
                                  unavailable=str(item["unavailable"])))
        elif not (snapshot_folder / path).is_file():
            missing.append(path)
        else:
            files.append(read_file(snapshot_folder, path, role))
    if missing:
        raise SourceError(
            f"{snap.repo_id} is cached at {snap.commit}, but the cache no longer holds "
            f"{', '.join(missing)}, which licscan read from the Hub; offline mode is on, so its "
            "terms cannot be checked.",
            hint="Unset HF_HUB_OFFLINE (or drop --offline) to read the Hub again.",
        )
    tags = tuple(str(t) for t in record["tags"])
    # The card as the Hub read settled it (README front matter, else the API's card data).
    card: dict[str, Any] = snap.card
    card_problem = snap.card_problem
    if isinstance(record.get("card"), dict):
        card = {str(k): v for k, v in record["card"].items()}
        problem = record.get("card_problem")
        card_problem = str(problem) if problem else None
    problems = tuple(SourceProblem(str(p.get("kind")), str(p.get("message")))
                     for p in record["problems"] if isinstance(p, dict))
    gated = record.get("gated")
    return RepoSnapshot(
        target=snap.target,
        repo_id=str(record.get("repo_id") or snap.repo_id),
        kind=snap.kind,
        origin="cache",
        revision=snap.revision,
        commit=snap.commit,
        card=card,
        card_problem=card_problem,
        tags=tags,
        gated=in_vocabulary(gated, GATINGS),
        access="denied" if record.get("access") == "denied" else "granted",
        access_reason=str(record["access_reason"]) if record.get("access_reason") else None,
        private=bool(record.get("private")),
        siblings=tuple(str(s) for s in record["siblings"]),
        files=tuple(files),
        license_link=record.get("license_link") if isinstance(record.get("license_link"),
                                                              str) else None,
        license_link_kind=record.get("license_link_kind")
        if record.get("license_link_kind") in ("file", "url") else None,
        base_models=base_models(card, tags),
        datasets=read_datasets(card, tags)[0] if snap.kind == "model" else (),
        endpoint=str(record["endpoint"]) if record.get("endpoint") else None,
        last_modified=str(record["last_modified"]) if record.get("last_modified") else None,
        notes=(*(str(n) for n in record["notes"]),
               "read from the local cache, as licscan last read it from the Hub"),
        problems=problems,
    )


def unrecorded(repo_id: str, commit: str) -> SourceError:
    """The error for a cached repo licscan never read from the Hub at that commit."""
    return SourceError(
        f"{repo_id} is in the local cache at {commit}, but licscan has no record of the "
        "repository's file list at that commit, so it cannot tell whether every license file "
        "was downloaded; offline mode is on.",
        hint="Run licscan on it once online (that records the list in the cache), or unset "
        "HF_HUB_OFFLINE.",
    )

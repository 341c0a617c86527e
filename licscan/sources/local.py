"""Reading a repository from a folder: a downloaded snapshot, a checkout, or a cache snapshot.

Why it matters: air-gapped teams and pre-commit hooks have the files but no Hub. The same
snapshot comes out as from the Hub, minus what only the Hub knows (gating, Hub-computed tags);
the report says the origin so nobody mistakes one for the other.
"""

from __future__ import annotations

import re
from pathlib import Path

from licscan.errors import SourceError
from licscan.model import RepoFile, RepoSnapshot
from licscan.sources.card import base_models, parse_card
from licscan.sources.files import MAX_FILE_BYTES, license_bearing, link_target, role_of

_CACHE_SNAPSHOT = re.compile(r"(models|datasets)--(.+?)--(.+)/snapshots/([0-9a-f]{40})$")


def read_folder(
    folder: Path,
    *,
    target: str | None = None,
    repo_id: str | None = None,
    kind: str | None = None,
    origin: str = "local",
    commit: str | None = None,
) -> RepoSnapshot:
    """A snapshot of the license-bearing files at the top of ``folder``."""
    if not folder.is_dir():
        raise SourceError(
            f"{folder} is not a folder licscan can read.",
            hint="Give a repo id (org/name) or the path of a downloaded model.",
        )
    cached = _CACHE_SNAPSHOT.search(folder.resolve().as_posix())
    if cached and repo_id is None:
        kind = "dataset" if cached.group(1) == "datasets" else "model"
        repo_id = f"{cached.group(2)}/{cached.group(3)}"
        commit = commit or cached.group(4)
        origin = "cache"
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError as exc:
        raise SourceError(
            f"{folder} could not be listed: {exc.strerror}.", hint="Check the folder's permissions."
        ) from exc
    card: dict[str, object] = {}
    problem: str | None = None
    readme = folder / "README.md"
    if readme.is_file():
        card, problem = parse_card(_read(readme).decode("utf-8", errors="replace"))
    link_kind, link_value = link_target(card.get("license_link"))
    wanted = license_bearing(names)
    notes: list[str] = []
    if link_kind == "file" and link_value and link_value not in wanted:
        if (folder / link_value).is_file():
            wanted.append(link_value)
        else:
            notes.append(f"license_link names '{link_value}', which is not in the folder")
    files = []
    for name in wanted:
        path = folder / name
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                files.append(
                    RepoFile(
                        name,
                        size=size,
                        role=role_of(name),
                        unavailable=f"{size:,} bytes, over the "
                        f"{MAX_FILE_BYTES:,}-byte limit for license files",
                    )
                )
                continue
            data = _read(path)
        except OSError as exc:
            files.append(
                RepoFile(name, role=role_of(name), unavailable=f"could not be read: {exc.strerror}")
            )
            continue
        files.append(RepoFile(name, data=data, size=len(data), role=role_of(name)))
    return RepoSnapshot(
        target=target or str(folder),
        repo_id=repo_id or folder.resolve().name,
        kind=kind or "model",
        origin=origin,
        commit=commit,
        card=card,
        card_problem=problem,
        siblings=tuple(names),
        files=tuple(files),
        license_link=link_value,
        license_link_kind=link_kind,
        base_models=base_models(card, ()),
        notes=tuple(notes),
        access="granted",
    )


def _read(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)

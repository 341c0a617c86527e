"""Reading a repository from a folder: a downloaded snapshot, a checkout, or a cache snapshot.

Why it matters: air-gapped teams and pre-commit hooks have the files but no Hub. The same
snapshot comes out as from the Hub, minus what only the Hub knows (gating, Hub-computed tags);
the report says the origin so nobody mistakes one for the other. Every folder is walked, not
just the top: a ``weights/LICENSE`` carries terms as much as a ``LICENSE`` does.
"""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path

from licscan.errors import SourceError
from licscan.model import FileRole, Origin, RepoFile, RepoKind, RepoSnapshot, SourceProblem
from licscan.sources.collect import CardRead, card_of, collect, too_large
from licscan.sources.files import MAX_FILE_BYTES

_CACHE_SNAPSHOT = re.compile(r"(models|datasets)--(.+?)--(.+)/snapshots/([0-9a-f]{40})$")
MAX_WALK_FILES = 100_000  # a folder bigger than this is not a model repository a gate can vouch for
# Not repository content: version-control internals, and the metadata huggingface_hub keeps
# next to a ``--local-dir`` download (its ``LICENSE.metadata`` files would look like terms).
_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn"})
_SKIPPED_TOP = (".cache/huggingface",)


def read_folder(
    folder: Path,
    *,
    target: str | None = None,
    repo_id: str | None = None,
    kind: RepoKind | None = None,
    origin: Origin = "local",
    commit: str | None = None,
) -> RepoSnapshot:
    """A snapshot of the license-bearing files anywhere under ``folder``."""
    if not folder.is_dir():
        raise SourceError(
            f"{folder} is not a folder licscan can read.",
            hint="Give a repo id (org/name) or the path of a folder (./name, /abs/path).",
        )
    cached = _CACHE_SNAPSHOT.search(folder.resolve().as_posix())
    cache_path = bool(cached and repo_id is None)  # a cache snapshot given as a path
    if cached and repo_id is None:
        kind = "dataset" if cached.group(1) == "datasets" else "model"
        repo_id = f"{cached.group(2)}/{cached.group(3)}"
        commit = commit or cached.group(4)
        origin = "cache"
    names, problems = walk(folder)
    snapshot = collect(
        RepoSnapshot(target=target or str(folder), repo_id=repo_id or folder.resolve().name,
                     kind=kind or "model", origin=origin, commit=commit, siblings=tuple(names),
                     problems=tuple(problems), access="granted"),
        partial(read_file, folder), where="folder", unread_card=partial(_front_matter, folder))
    return _as_recorded(snapshot, folder) if cache_path else snapshot


def _front_matter(folder: Path, readme_name: str | None) -> CardRead:
    """A folder has no API to ask for the card: it is README.md's front matter, read even
    from a README too large to be identified (the front matter stands at its top)."""
    if readme_name is None:
        return {}, None
    try:
        with (folder / readme_name).open("rb") as handle:
            return card_of(handle.read(MAX_FILE_BYTES + 1))
    except OSError:
        return {}, None


def _as_recorded(snapshot: RepoSnapshot, folder: Path) -> RepoSnapshot:
    """A cache snapshot folder given as a path holds only what was downloaded: judged as
    licscan last read it from the Hub, or marked as possibly incomplete."""
    from dataclasses import replace

    from licscan.sources.listing import read_record, with_record

    assert snapshot.commit is not None
    record = read_record(folder.resolve().parent.parent, snapshot.commit)
    if record is not None:
        return with_record(snapshot, folder, record)
    return replace(snapshot, problems=(*snapshot.problems, SourceProblem(
        "unverifiable",
        "this folder is a Hugging Face cache snapshot, which holds only the files that were "
        "downloaded, and licscan has no record of the repository's file list at this commit: "
        "license files that were never downloaded cannot be seen")))


def read_file(folder: Path, name: str, role: FileRole) -> RepoFile:
    """One chosen file's bytes, or why they could not be had (too large, unreadable)."""
    path = folder / name
    try:
        large = too_large(name, path.stat().st_size, role)
        if large is not None:
            return large
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return RepoFile(name, role=role, unavailable=f"could not be read: {exc.strerror}")
    return RepoFile(name, data=data, size=len(data), role=role)


def walk(folder: Path) -> tuple[list[str], list[SourceProblem]]:
    """Every file under ``folder`` as a relative POSIX path, sorted; and what could not be
    looked at (unlistable or linked folders, a walk cut short), each a problem."""
    names: list[str] = []
    problems: list[SourceProblem] = []
    unlisted: list[str] = []
    linked: list[str] = []

    def failed(exc: OSError) -> None:
        unlisted.append(_relative(folder, Path(exc.filename or folder)))

    try:
        next(folder.iterdir(), None)
    except OSError as exc:
        raise SourceError(f"{folder} could not be listed: {exc.strerror}.",
                          hint="Check the folder's permissions.") from exc
    for root, dirs, files in os.walk(folder, onerror=failed, followlinks=False):
        here = Path(root)
        rel = _relative(folder, here)
        kept = []
        for d in sorted(dirs):
            sub = f"{rel}/{d}" if rel else d
            if d in _SKIPPED_DIRS or sub in _SKIPPED_TOP:
                continue
            if (here / d).is_symlink():
                linked.append(sub)
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            if (here / name).is_file():
                names.append(f"{rel}/{name}" if rel else name)
        if len(names) > MAX_WALK_FILES:
            problems.append(SourceProblem(
                "unverifiable",
                f"the folder holds more than {MAX_WALK_FILES:,} files; licscan stopped looking "
                "there, so license files beyond that point were not read"))
            break
    if unlisted:
        problems.append(SourceProblem(
            "unverifiable", f"folder(s) could not be listed, so license files in them were not "
            f"read: {', '.join(sorted(unlisted))}"))
    if linked:
        problems.append(SourceProblem(
            "unverifiable", f"folder(s) are symbolic links, which licscan does not follow, so "
            f"license files in them were not read: {', '.join(linked)}"))
    names.sort(key=lambda n: (n.count("/"), n))
    return names, problems


def _relative(folder: Path, path: Path) -> str:
    try:
        rel = path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()
    return "" if rel == "." else rel

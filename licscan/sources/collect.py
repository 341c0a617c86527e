"""One collector for every source: the card first, then the files the listing and the card's
``license_link`` choose, each read through the source's own reader.

Why one: the Hub and a folder (a download, a checkout, a cache snapshot) must make the same
snapshot of the same files. Both read README.md first, because its ``license_link`` decides
which file is read as the terms; both cap a file's size with the same words; both read the
lineage and the datasets the card names the same way. Written twice, they drifted (a folder
once parsed a README the Hub would have refused as too large). A source only lists its files
and says how to read one (``Reader``); everything chosen from that is decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from licscan.model import FileRole, RepoFile, RepoSnapshot
from licscan.sources.card import parse_card, read_datasets, read_lineage
from licscan.sources.files import MAX_FILE_BYTES, select_terms_files

# How a source reads one chosen file: (path, role) -> its bytes, or why there are none.
Reader = Callable[[str, FileRole], RepoFile]
CardRead = tuple[dict[str, Any], "str | None"]  # front matter, why it could not be used


def too_large(path: str, size: object, role: FileRole) -> RepoFile | None:
    """The file as unavailable when its size is over the cap for license files, else None."""
    if isinstance(size, int) and size > MAX_FILE_BYTES:
        return RepoFile(path, size=size, role=role,
                        unavailable=f"{size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit "
                        "for license files")
    return None


def collect(snapshot: RepoSnapshot, read: Reader, *, where: str = "repository",
            unread_card: Callable[[str | None], CardRead] = lambda _: ({}, None)
            ) -> RepoSnapshot:
    """``snapshot`` (what the source knows: ids, commit, ``siblings``, tags, its own notes and
    problems) with its card, files, license link, bases and datasets read through ``read``.

    ``unread_card(readme name)``: the card when README.md gives none through ``read`` (none
    there, gated, too large, no front matter): the Hub's API card data, or a folder's front
    matter read alone.
    A broken front matter stays a ``card_problem`` whatever the fallback says.
    """
    names = snapshot.siblings
    readme_name = next((n for n in names if n.lower() == "readme.md"), None)
    files = [read(readme_name, "readme")] if readme_name else []
    card, card_problem = card_of(files[0].data if files else None)
    if not card:
        card, unread_problem = unread_card(readme_name)
        card_problem = card_problem or unread_problem
    selection = select_terms_files(names, card.get("license_link"), where=where)
    files += [read(p, selection.roles[p]) for p in selection.wanted if p != readme_name]
    bases, lineage_problems = read_lineage(card, snapshot.tags)
    datasets, dataset_problems = read_datasets(card, snapshot.tags) \
        if snapshot.kind == "model" else ((), ())
    return replace(
        snapshot, card=card, card_problem=card_problem, files=tuple(files),
        license_link=selection.link_value, license_link_kind=selection.link_kind,
        base_models=bases, datasets=datasets, notes=(*snapshot.notes, *selection.notes),
        problems=(*snapshot.problems, *selection.problems, *lineage_problems,
                  *dataset_problems))


def card_of(readme: bytes | None) -> CardRead:
    """The front matter of a README's bytes (none read: no card, no problem)."""
    if readme is None:
        return {}, None
    return parse_card(readme.decode("utf-8", errors="replace"))

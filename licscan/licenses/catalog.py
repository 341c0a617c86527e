"""The license catalog: every rules file, found by id or any alias, case-insensitively.

Why one lookup table: the same license arrives as a Hub id (``llama3.1``), an SPDX id
(``Apache-2.0``), a deprecated SPDX id (``GPL-2.0``), a ScanCode key or a ``LicenseRef``; policy
and resolution must all land on one entry, or the same model would be judged twice differently.
"""

from __future__ import annotations

import difflib
import re
import sys
import threading
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

from licscan.errors import RulesError, UnknownLicenseError
from licscan.licenses.entry import LicenseEntry
from licscan.licenses.store import cached, license_files, packaged, rules_root

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def split_rules_file(raw: str) -> tuple[dict[str, Any], str]:
    """Front matter and reference text of one rules file."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        raise ValueError("the file does not start with a '---' front-matter block")
    import yaml  # only when compiling the catalog: a run with a compiled one never needs it

    meta = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(meta, dict):
        raise ValueError("the front matter is not a mapping")
    return meta, raw[match.end() :]


class Catalog:
    """All license entries with an index over ids, aliases and SPDX ids."""

    def __init__(self, entries: list[LicenseEntry]) -> None:
        self._entries = {entry.id: entry for entry in entries}
        self._index: dict[str, str] = {}
        for entry in entries:  # ids first: an id always beats another entry's alias
            self._index[entry.id.lower()] = entry.id
        for entry in entries:
            for name in (entry.spdx, *entry.aliases, entry.name):
                self._index.setdefault(name.lower(), entry.id)
        self._families: dict[str, tuple[LicenseEntry, ...]] = {}
        for entry in entries:
            for member in entry.family_versions:
                self._families[member] = (*self._families.get(member, ()), entry)

    def __iter__(self) -> Iterator[LicenseEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, name: str) -> LicenseEntry | None:
        """The entry for an id, alias, SPDX id or LicenseRef; ``None`` when nothing matches."""
        key = self._index.get(name.strip().lower())
        return self._entries[key] if key else None

    def lookup(self, name: str) -> LicenseEntry:
        """Like ``get`` but raises with close suggestions, for ids a user typed."""
        entry = self.get(name)
        if entry is None:
            close = self.suggest(name)
            hint = (
                f"Did you mean: {', '.join(close)}?"
                if close
                else "Run 'licscan licenses' to list every known id."
            )
            raise UnknownLicenseError(f"'{name}' is not a license id or alias licscan knows.", hint)
        return entry

    def families_of(self, entry: LicenseEntry) -> tuple[LicenseEntry, ...]:
        """The family entries that list ``entry`` as a member (``gemma`` for a Gemma ToU)."""
        return self._families.get(entry.id, ())

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Known ids closest to a misspelt one."""
        names = difflib.get_close_matches(
            name.strip().lower(), list(self._index), n=limit * 3, cutoff=0.6
        )
        ids: list[str] = []
        for candidate in names:
            lid = self._index[candidate]
            if lid not in ids:
                ids.append(lid)
        return ids[:limit]

    @property
    def index(self) -> Mapping[str, str]:
        """Every known name (lower-cased) and the id it resolves to."""
        return self._index

    def text(self, entry: LicenseEntry) -> str:
        """The reference text of an entry ('' when the rules file says it is missing)."""
        if not entry.has_text:
            return ""
        raw = rules_root().joinpath("licenses").joinpath(entry.resource).read_text("utf-8")
        match = _FRONT_MATTER.match(raw)  # the text only: no need to parse the front matter
        if not match:
            return split_rules_file(raw)[1]  # raises the malformed-file error
        return raw[match.end() :]


def _yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError


def _read_entries(files: Iterator[Traversable]) -> list[LicenseEntry]:
    entries: list[LicenseEntry] = []
    for item in files:
        try:
            meta, _text = split_rules_file(item.read_text("utf-8"))
            entries.append(LicenseEntry.from_front_matter(meta, item.name))
        except (ValueError, KeyError, TypeError, _yaml_error()) as exc:
            raise RulesError(
                f"The bundled rules file {item.name} is malformed: {exc}",
                hint="Reinstall licscan; if you edited rules/, run the rules tests.",
            ) from exc
    return entries


_BUILD = threading.Lock()


@lru_cache(maxsize=1)
def _built_catalog() -> Catalog:
    entries = packaged("catalog.pickle", list) or cached(
        "catalog", lambda: _read_entries(license_files()))
    return Catalog(entries)


def load_catalog() -> Catalog:
    """The catalog of the bundled rules, compiled once per rules version and cached. Built
    under a lock: worker threads that ask at once get the one catalog, never a half-built one
    or a second build racing the first for the cache file."""
    with _BUILD:
        return _built_catalog()

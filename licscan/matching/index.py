"""The compiled reference index: every rules text as token ids, plus a shingle shortlist.

Why shingles: comparing a file with 900 references one by one is too slow for a pre-commit
hook. Each reference is cut into overlapping 5-word shingles; a content-defined sample of them
(a shingle is kept when its hash falls in one bucket of ``SAMPLE``, so the same shingles are kept
in the reference and in any copy of it) maps to the references that contain it. Looking up a
file's sampled shingles gives, per reference, which positions of the file hit it: the shortlist
and, from where the hits cluster, the span to align. Shingles shared by too many references
("the software is provided as is") say nothing about which one it is and are not indexed.

The index is built once per rules version and cached (``licscan.licenses.store.cached``).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from licscan.licenses.catalog import Catalog, load_catalog
from licscan.matching.normalize import tokenize
from licscan.matching.templates import Template, expand, token_spans

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - Python 3.10
        from importlib.abc import Traversable

SHINGLE = 5
SAMPLE = 4
MAX_POSTINGS = 48
# Everything after these words is an optional appendix ("How to apply these terms"): a copy
# without it is still the whole license.
OPTIONAL_TAIL_MARKER = ("end", "of", "terms", "and", "conditions")


@dataclass
class Reference:
    """One reference text as the matcher sees it."""

    license_id: str
    tokens: array  # type: ignore[type-arg]  # token ids
    optional_from: int  # index of the first token of the optional tail (len(tokens) if none)
    sampled: int  # how many sampled shingles it has (the denominator of containment)
    # An SPDX template's parts (``templates``): variable token spans with their match regex,
    # optional token spans, and the rules/templates file the tokens come from ("" for a text).
    slots: tuple[tuple[int, int, str], ...] = ()
    optional: tuple[tuple[int, int], ...] = ()
    template: str = ""


@dataclass
class ReferenceIndex:
    """Everything the matcher needs, picklable."""

    vocabulary: dict[str, int]
    references: list[Reference]
    shingles: dict[int, int | tuple[int, ...]]
    exact: dict[int, tuple[int, ...]]  # hash of the whole token sequence -> references


def shingle_hash(ids: tuple[int, ...]) -> int:
    """A deterministic hash of a run of token ids (ints hash the same in every process)."""
    value = 0x345678
    for item in ids:
        value = ((value * 1000003) ^ item) & 0xFFFFFFFFFFFF
    return value


def sequence_hash(ids: tuple[int, ...] | list[int] | array) -> int:  # type: ignore[type-arg]
    return shingle_hash(tuple(ids)) ^ len(ids)


def sampled_shingles(ids: list[int] | array) -> list[tuple[int, int]]:  # type: ignore[type-arg]
    """(position, hash) of every shingle kept by the content-defined sample."""
    out = []
    for pos in range(len(ids) - SHINGLE + 1):
        value = shingle_hash(tuple(ids[pos:pos + SHINGLE]))
        if value % SAMPLE == 0:
            out.append((pos, value))
    return out


def _optional_from(words: tuple[str, ...]) -> int:
    size = len(OPTIONAL_TAIL_MARKER)
    for pos in range(len(words) - size, -1, -1):
        if words[pos:pos + size] == OPTIONAL_TAIL_MARKER:
            return pos + size
    return len(words)


def build_index(catalog: Catalog | None = None) -> ReferenceIndex:
    """Tokenise every reference text and index its sampled shingles."""
    catalog = catalog or load_catalog()
    vocabulary: dict[str, int] = {}
    references: list[Reference] = []
    postings: dict[int, set[int]] = {}
    exact: dict[int, list[int]] = {}

    def add(words: tuple[str, ...]) -> tuple[array[int], int]:
        """The next reference's token ids, posted under its sampled shingles and its hash."""
        ids = array("i", (vocabulary.setdefault(w, len(vocabulary)) for w in words))
        samples = sampled_shingles(ids)
        for _pos, value in samples:
            postings.setdefault(value, set()).add(len(references))
        exact.setdefault(sequence_hash(ids), []).append(len(references))
        return ids, len(samples)
    # Order is preference: when texts tie, the curated, better-known entry is reported.
    for entry in sorted(catalog, key=lambda e: (e.facts != "curated", len(e.id), e.id)):
        if not entry.has_text:
            continue
        words = tokenize(catalog.text(entry)).words
        if not words:
            continue
        ids, sampled = add(words)
        references.append(Reference(entry.id, ids, _optional_from(words), sampled))
    for name, template in _templates():
        if catalog.get(template.license) is None:
            continue
        tokens = tokenize(template.expanded.text)
        words = tokens.words
        ids, sampled = add(words)
        variables = template.expanded.variables
        slots = tuple(
            (first, last, variables[k][2])
            for k, (first, last) in _indexed_spans([(a, b) for a, b, _r in variables],
                                                   tokens.starts))
        # A variable whose original is empty (GPL-2.0's "GNU GENERAL PUBLIC LICENSE" before
        # its terms: match "GNU GENERAL PUBLIC LICENSE|") is a place between two tokens.
        slots = tuple(sorted(slots + tuple(
            (bisect_left(tokens.starts, a), bisect_left(tokens.starts, a), regex)
            for a, b, regex in variables if a == b)))
        optional = tuple(span for _k, span in _indexed_spans(template.expanded.optional,
                                                              tokens.starts))
        references.append(Reference(catalog.lookup(template.license).id, ids, len(words),
                                    sampled, slots, optional, name))
    shingles: dict[int, int | tuple[int, ...]] = {}
    for value, refs in postings.items():
        if len(refs) > MAX_POSTINGS:
            continue
        shingles[value] = next(iter(refs)) if len(refs) == 1 else tuple(sorted(refs))
    # A reference whose shingles were all too common keeps its count honest.
    counts = [0] * len(references)
    for kept in shingles.values():
        for ref_no in (kept,) if isinstance(kept, int) else kept:
            counts[ref_no] += 1
    for reference, count in zip(references, counts, strict=True):
        reference.sampled = count
    return ReferenceIndex(vocabulary, references, shingles,
                          {k: tuple(v) for k, v in exact.items()})


@dataclass(frozen=True)
class _TemplateFile:
    license: str
    expanded: Template


# Further reference texts of catalog licenses, each file with its provenance (written by
# scripts/import_rules.py): SPDX templates, the standard header (notice) SPDX gives for a
# license, and further revisions a licensor published. A header is a reference of its license
# that is not its text: a copy of it is reported as a notice (``is_header``).
EXTRA_TEXT_FOLDERS = ("templates", "headers", "revisions")
HEADER_FOLDER = "headers"


def is_header(ref: Reference) -> bool:
    """Whether ``ref`` is a license's standard header (``rules/headers/``): the notice a file
    carries to say it is under the license, never the license's text."""
    return ref.template.startswith(f"{HEADER_FOLDER}/")


def _extra_files() -> list[tuple[str, Traversable]]:
    from licscan.licenses.store import rules_root

    out = []
    for kind in EXTRA_TEXT_FOLDERS:
        folder = rules_root().joinpath(kind)
        if folder.is_dir():
            out += [(f"{kind}/{item.name}", item)
                    for item in sorted(folder.iterdir(), key=lambda f: f.name)
                    if item.name.endswith(".txt")]
    return out


def _templates() -> list[tuple[str, _TemplateFile]]:
    """The further texts shipped in rules/templates, rules/headers and rules/revisions, by their
    path there. A revision is a template without parts: plain text."""
    from licscan.licenses.catalog import split_rules_file

    out = []
    for name, item in _extra_files():
        meta, body = split_rules_file(item.read_text("utf-8"))
        out.append((name, _TemplateFile(str(meta["license"]), expand(body))))
    return out


def template_text(name: str) -> str:
    """The expanded text of one rules/templates (or rules/revisions) file, for quoting what a
    copy differs in: that file alone is read (the index keeps token ids only)."""
    from licscan.licenses.catalog import split_rules_file
    from licscan.licenses.store import rules_root

    kind, _sep, file_name = name.partition("/")
    item = rules_root().joinpath(kind).joinpath(file_name)
    if kind not in EXTRA_TEXT_FOLDERS or not item.is_file():
        return ""
    return expand(split_rules_file(item.read_text("utf-8"))[1]).text


def _indexed_spans(spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
                   starts: tuple[int, ...]) -> list[tuple[int, tuple[int, int]]]:
    """(which span, its token span) for each character span that holds a token."""
    out = []
    for k, span in enumerate(spans):
        found = list(token_spans([span], starts))
        if found:
            out.append((k, found[0]))
    return out


@lru_cache(maxsize=1)
def load_index() -> ReferenceIndex:
    """The index shipped in the wheel, else the one in the user cache, else built now."""
    from licscan.licenses.store import cached, packaged

    index = packaged("match-index.pickle", ReferenceIndex)
    if index is not None:
        return index
    return cached("match-index", build_index, key=_code_fingerprint())


def _code_fingerprint() -> str:
    """The rules fingerprint plus the code that shapes the index: a change to normalisation
    must never be answered from an index built by the old code."""
    import hashlib

    from licscan.licenses.store import fingerprint
    from licscan.matching import normalize, templates

    digest = hashlib.sha256(fingerprint().encode())
    for module_file in (normalize.__file__, templates.__file__, __file__):
        digest.update(Path(module_file).read_bytes())
    for name, item in _extra_files():
        digest.update(name.encode())
        digest.update(item.read_bytes())
    return digest.hexdigest()[:24]

"""Classifying where a file departs from a reference: harmless, or a different license.

Why this matters more than the score: a license with one added sentence ("shall not be used for
commercial purposes") scores 98 % similar and is a different license. So every departure is
looked at on its own: the ones a license invites (copyright holder and year, a project name
where the text has a placeholder, the optional appendix, a generic title) are harmless; a
changed version number or date, and any clause added or removed, are substantive; one or two
words of wording are harmless only when they carry no legal weight.
"""

from __future__ import annotations

import re

# Reference passages that are placeholders for the licensee's own names.
PLACEHOLDERS = {
    ("the", "copyright", "holder"), ("copyright", "holder"), ("copyright", "holders"),
    ("the", "copyright", "holders"), ("copyright", "owner"), ("the", "copyright", "owner"),
    ("organization",), ("the", "organization"), ("owner",), ("the", "owner"),
    ("author",), ("the", "author"), ("authors",), ("the", "authors"), ("year",), ("yyyy",),
    ("name", "of", "copyright", "owner"), ("the", "university"), ("the", "regents"),
    ("copyright", "holder", "name"), ("holder",), ("holders",), ("the", "project"),
    ("fullname",), ("name",), ("project",), ("licensor",), ("the", "licensor"),
}

# Words whose change alters what a license permits: never "minor wording".
LOAD_BEARING = {
    "not", "no", "non", "never", "none", "nor", "neither", "without", "except", "unless",
    "only", "solely", "exclusively", "commercial", "commercially", "noncommercial", "research",
    "shall", "must", "may", "cannot", "prohibited", "forbidden", "restrict", "restricted",
    "restriction", "restrictions", "revocable", "irrevocable", "perpetual", "exclusive",
    "nonexclusive", "royalty", "free", "fee", "fees", "sell", "sale", "military", "terminate",
    "terminated", "license", "licensed", "sublicense", "warranty", "liability", "patent",
    "patents", "trademark", "trademarks", "derivative", "derivatives", "distribute",
    "redistribute", "modify", "copy", "use", "any", "all", "some",
}

_VERSIONISH = re.compile(r"^(?:\d+(?:\.\d+)*|v\d+(?:\.\d+)*|19\d\d|20\d\d)$")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}
_COPYRIGHTISH = {"copyright", "c", "all", "rights", "reserved", "inc", "ltd", "llc", "gmbh"}


def classify(
    kind: str,
    file_words: tuple[str, ...],
    ref_words: tuple[str, ...],
    *,
    in_optional_tail: bool,
    at_head: bool,
    numbering: bool = False,
) -> tuple[bool, str]:
    """(harmless, reason) for one departure from the reference.

    ``numbering`` says the passage is only clause numbers written as numbers ("7.", "(a)"):
    re-wrapped copies move them off the line starts where normalisation removes them.
    """
    if in_optional_tail:
        return True, "optional appendix"
    changed = set(file_words) | set(ref_words)
    if numbering and kind in ("inserted", "removed"):
        return True, "clause numbering"
    if _is_postal_address(file_words) and _is_postal_address(ref_words):
        return True, "postal address"
    if kind == "inserted" and _is_copyright_notice(file_words):
        return True, "copyright notice"
    if _touches_version(file_words, ref_words):
        return False, "version or date differs"
    if kind in ("replaced", "inserted") and ref_words and ref_words in PLACEHOLDERS:
        return True, "name in a placeholder"
    if at_head and len(file_words) + len(ref_words) <= 12 and not changed & LOAD_BEARING - {
        "license", "licensed"
    }:
        return True, "title"
    if len(file_words) <= 2 and len(ref_words) <= 2 and not changed & LOAD_BEARING:
        return True, "minor wording"
    if kind == "inserted":
        return False, "added text"
    if kind == "removed":
        return False, "removed text"
    return False, "changed text"


def _touches_version(file_words: tuple[str, ...], ref_words: tuple[str, ...]) -> bool:
    def marks(words: tuple[str, ...]) -> set[str]:
        return {w for w in words if _VERSIONISH.match(w) or w in _MONTHS - {"may"}}

    return marks(file_words) != marks(ref_words)


def _is_copyright_notice(words: tuple[str, ...]) -> bool:
    """A copyright statement: the word or symbol, a year, and nothing that grants or limits."""
    if "copyright" not in words and "c" not in words:
        return False
    has_year = any(re.fullmatch(r"(19|20)\d\d", w) for w in words)
    return len(words) <= 30 and has_year and not (set(words) & LOAD_BEARING - {"all", "free"})


_ADDRESS = {
    "street", "st", "floor", "fifth", "avenue", "ave", "place", "suite", "boston", "cambridge",
    "ma", "usa", "mass", "franklin", "temple", "road", "inc", "foundation",
}


def _is_postal_address(words: tuple[str, ...]) -> bool:
    """Postal addresses in old copies (the FSF moved twice); empty counts, for removals."""
    if not words:
        return True
    if len(words) > 16 or set(words) & LOAD_BEARING:
        return False
    return sum(w in _ADDRESS for w in words) >= max(1, len(words) // 3)

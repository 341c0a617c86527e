"""Classifying where a file departs from a reference: harmless, or a different license.

Why this matters more than the score: a license with one added sentence ("shall not be used for
commercial purposes") scores 98 % similar and is a different license. So every departure is
looked at on its own, and harmless is decided by the license's template, not by guessing which
words matter: the parts a template leaves open (a copyright holder and year, a *name* where the
text has a placeholder, the optional appendix, the license's own title) may differ; wording may
differ only where the two readings provably say the same thing (``equivalent``: articles,
spellings, "and/or", words split or joined). Everything else, one changed word included
("million" for "thousand", "less" for "greater", "domestic" for "worldwide"), is substantive.
"""

from __future__ import annotations

import re

from licscan.matching.normalize import NOT_IN_A_NAME
from licscan.matching.prose import limits_use

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

# Words a postal address never holds: the words no holder's name holds, and the quantifiers and
# marks a grant turns on.
LOAD_BEARING = NOT_IN_A_NAME | {"free", "trademark", "trademarks", "any", "all", "some"}

_VERSIONISH = re.compile(r"^(?:\d+(?:\.\d+)*|v\d+(?:\.\d+)*|19\d\d|20\d\d)$")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
}
_COPYRIGHTISH = {"copyright", "c", "all", "rights", "reserved", "inc", "ltd", "llc", "gmbh"}


# Equivalent wording, explicitly: articles say nothing a license relies on, and these phrases
# read the same. Case, punctuation and spelling variants never reach here (normalisation).
ARTICLES = frozenset({"a", "an", "the"})
EQUIVALENT_PHRASES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("and", "or"), ("or",)),
    (("per", "cent"), ("percent",)),
    (("e", "g"), ("for", "example")),
    (("i", "e"), ("that", "is")),
)
MAX_NAME_WORDS = 8  # a name in a placeholder: "ACME Corp", "The Regents of the University..."


def classify(
    kind: str,
    file_words: tuple[str, ...],
    ref_words: tuple[str, ...],
    *,
    in_optional_tail: bool,
    at_head: bool,
    numbering: bool = False,
    title_words: frozenset[str] = frozenset(),
    context: tuple[str, str] = ("", ""),
) -> tuple[bool, str]:
    """(harmless, reason) for one departure from the reference.

    ``numbering`` says the passage is only clause numbers written as numbers ("7.", "(a)"):
    re-wrapped copies move them off the line starts where normalisation removes them.
    ``title_words`` are the words the license's own title may use; ``context`` the file words
    just before and after the passage (the same in the reference), for "and/or" style phrases.
    """
    if in_optional_tail and kind == "removed":
        return True, "optional appendix"
    if numbering and kind in ("inserted", "removed"):
        return True, "clause numbering"
    if _is_postal_address(file_words) and _is_postal_address(ref_words):
        return True, "postal address"
    if kind == "inserted" and _is_copyright_notice(file_words):
        return True, "copyright notice"
    if _touches_version(file_words, ref_words):
        return False, "version or date differs"
    if kind in ("replaced", "inserted") and ref_words and ref_words in PLACEHOLDERS:
        if is_a_name(file_words):
            return True, "name in a placeholder"
        return False, "placeholder filled with more than a name"
    if (at_head and len(file_words) + len(ref_words) <= 12
            and set(file_words) <= title_words and set(ref_words) <= title_words):
        return True, "title"
    if equivalent(file_words, ref_words, context):
        return True, "equivalent wording"
    if kind == "inserted":
        return False, "added text"
    if kind == "removed":
        return False, "removed text"
    return False, "changed text"


def equivalent(file_words: tuple[str, ...], ref_words: tuple[str, ...],
               context: tuple[str, str] = ("", "")) -> bool:
    """Whether two passages provably say the same: equal once articles are dropped, the
    ``EQUIVALENT_PHRASES`` unified and words joined (so "sub-license" is "sublicense")."""
    before, after = context
    return _canonical((before, *file_words, after)) == _canonical((before, *ref_words, after))


def _canonical(words: tuple[str, ...]) -> str:
    out = [w for w in words if w and w not in ARTICLES]
    for phrase, same in EQUIVALENT_PHRASES:
        size = len(phrase)
        i = 0
        while i + size <= len(out):
            if tuple(out[i:i + size]) == phrase:
                out[i:i + size] = same
            i += 1
    return "".join(out)


def is_a_name(words: tuple[str, ...]) -> bool:
    """A placeholder is filled by a name: short, no clause (no verb, no load-bearing word, no
    limit on who uses the work: "acme reserved to its customers")."""
    return (0 < len(words) <= MAX_NAME_WORDS and not set(words) & NOT_IN_A_NAME
            and not limits_use(" ".join(words)))


def _touches_version(file_words: tuple[str, ...], ref_words: tuple[str, ...]) -> bool:
    def marks(words: tuple[str, ...]) -> set[str]:
        return {w for w in words if _VERSIONISH.match(w) or w in _MONTHS - {"may"}}

    return marks(file_words) != marks(ref_words)


def _is_copyright_notice(words: tuple[str, ...]) -> bool:
    """A copyright statement: the word or symbol, a year, and nothing that grants or limits."""
    if "copyright" not in words and "c" not in words:
        return False
    # A template's own "<year>" / "[yyyy]" placeholder stands where a copy has the year.
    has_year = any(re.fullmatch(r"(19|20)\d\d|year|yyyy", w) for w in words)
    return len(words) <= 30 and has_year and not set(words) & NOT_IN_A_NAME


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

"""Short fragments: the head of a license cut short (the first lines of a CC license pasted
into a file, a model license whose download stopped).

Why a rule of its own: the chain reports a copy only when it holds a good share of its
reference (``identify.MIN_COVERAGE``), because a few shared sentences say nothing about which
license a text is. A head is different: it starts with the license's own title and version
("Attribution-NonCommercial 4.0 International"), and the title is what tells family members
apart when their bodies are the same words. Such a fragment is reported as that license,
``partial``, with its coverage, so it is named (a non-commercial title stays non-commercial)
and never passes by itself (resolve makes every partial detection a finding).

What makes a titled head (all of it, or the text stays unexplained):
- the reference's first lines (before its first blank line) are a title that carries a version
  (a word with a digit), of at most ``TITLE_MAX_WORDS`` words;
- the file's aligned text starts with that title, word for word and with nothing inserted in
  it (so "Attribution-NonCommercial-ShareAlike" is not "Attribution-NonCommercial");
- at least ``MIN_BODY_WORDS`` words of the reference after the title follow in order.

Candidates: the shortlist ranks references by the share of *their* shingles the file holds,
which a fragment never reaches; here a reference is a candidate when it holds most of the
*fragment's* indexed shingles and is much longer than the fragment.
"""

from __future__ import annotations

import re
from functools import lru_cache

from licscan.licenses.catalog import load_catalog
from licscan.matching.index import HEADER_FOLDER, Reference, ReferenceIndex
from licscan.matching.normalize import tokenize

TITLE_MAX_WORDS = 16
MIN_BODY_WORDS = 30
MIN_FRAGMENT_SHARE = 0.5  # of the fragment's indexed shingle hits that must be the reference's
MAX_FRAGMENT_CANDIDATES = 16
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@lru_cache(maxsize=1024)
def title_length(license_id: str) -> int:
    """How many of the reference's tokens its title takes, when it is a title with a version;
    else 0 (a reference without such a title cannot be recognised from its head). Counted as
    the index counts them: a generic first line ("Apache License") is not a token there, and
    a file's copy of it is checked against the license's title words when the file is
    accounted for (``identify._drop_template_lines``)."""
    catalog = load_catalog()
    text = catalog.text(catalog.lookup(license_id)).strip()
    head = _BLANK_LINE.split(text, 1)[0]
    if head.count("\n") > 3:
        return 0
    words = tokenize(head).words
    if not words or len(words) > TITLE_MAX_WORDS or not any(
            ch.isdigit() for w in words for ch in w):
        return 0
    return len(words)


def head_candidates(ids: list[int], hits: dict[int, list[int]], index: ReferenceIndex,
                    exclude: set[int]) -> list[int]:
    """References that may have a titled head in the stretch ``ids`` whose sampled shingle hits
    are ``hits``: those holding most of the stretch's hits whose title the stretch holds word
    for word (checked here, before any alignment, so files with no license cost little)."""
    indexed = {p for positions in hits.values() for p in positions}
    if len(indexed) < 4:
        return []
    starts: dict[int, list[int]] = {}
    scored = []
    for ref_no, positions in hits.items():
        if ref_no in exclude:
            continue
        ref = index.references[ref_no]
        size = title_length(ref.license_id)
        if not is_text(ref) or len(ref.tokens) < 2 * len(ids) or size == 0:
            continue
        share = len(set(positions)) / len(indexed)
        if share < MIN_FRAGMENT_SHARE:
            continue
        if not starts:
            for pos, token in enumerate(ids):
                starts.setdefault(token, []).append(pos)
        title = list(ref.tokens[:size])
        if any(ids[p:p + size] == title for p in starts.get(title[0], ())):
            scored.append((share, -ref_no, ref_no))
    scored.sort(reverse=True)
    return [ref_no for _s, _r, ref_no in scored[:MAX_FRAGMENT_CANDIDATES]]


def is_text(ref: Reference) -> bool:
    """Whether ``ref`` is a published text of its license (the catalog's, or a licensor's
    revision), whose first lines are the title ``title_length`` measures. An SPDX template
    writes the title its own way (optional words, a title variable), so it is never a head; a
    standard header is a notice, no text of the license at all."""
    return not ref.template.startswith(("templates/", f"{HEADER_FOLDER}/"))


def titled_head(ref: Reference, ops: list[tuple[str, int, int, int, int]], matched: int) -> bool:
    """Whether an alignment (``ops``: its opcodes from its first equal run on) is the head of
    ``ref`` with the reference's own title, word for word, and enough of the body after it."""
    size = title_length(ref.license_id)
    if size == 0 or not ops or not is_text(ref):
        return False
    tag, _a, _b, c, d = ops[0]
    return tag == "equal" and c == 0 and d >= size and matched - size >= MIN_BODY_WORDS


__all__ = ["head_candidates", "is_text", "title_length", "titled_head"]

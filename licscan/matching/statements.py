"""License statements that are not license texts: notices, references in prose, tags, URLs.

Why: most real repositories state their license rather than copy it ("licensed under the
Apache License, Version 2.0", ``SPDX-License-Identifier: MIT``, a link to the Gemma terms), and
a model card's License section is evidence like any file. A statement explains its own span;
what no statement, license text or template part explains is unexplained text.

Interface (the identification chain calls these on the parts of a file no license text covers):
- ``find_statements(text, start, end)``: every statement in ``text[start:end]``, as Detections
  whose ``kind`` is notice | reference | tag | url and whose span points into ``text``.
- ``license_sections(text)``: character ranges of a README's license sections (a heading that
  names the license and what follows up to the next heading of the same or a higher level).

How sure each kind is (``status`` is always "match", ``matcher`` "statement"):
- ``coverage`` is 0.0 for every statement: it is the share of the license *text* in the file,
  and a statement holds none of it. Nothing downstream may read a statement as the text itself.
- ``similarity`` is 1.0: a statement is only reported when its words are the standard form (a
  header's words in order, a catalog name or id, a known URL); near misses report nothing.
- ``confidence``: tag 1.0 (a machine-readable id); notice 0.99 (a license's own header);
  reference 0.95 (a catalog name after grant phrasing); url 0.9 (a link names a license but
  does not itself say that it is granted). All sit at or above the default ``min_confidence``.

Fail closed: a statement's span is the sentence or line that states it, but the words before
the grant phrase and after the license name are only counted when they hold nothing that could
restrict or negate ("only", "not", "non-commercial", "except"...). A sentence that negates or
contrasts ("unlike the Llama 2 license", "not licensed under") states no license at all, and an
SPDX expression with an id licscan does not know leaves that id unexplained.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from licscan.licenses.catalog import load_catalog
from licscan.licenses.store import cached, fingerprint
from licscan.model import Detection, DetectionKind, Span

CONFIDENCE = {"tag": 1.0, "notice": 0.99, "reference": 0.95, "url": 0.9}
_PRIORITY = {"tag": 0, "notice": 1, "reference": 2, "url": 3}

# Catalog entries that name no license: a statement resolving to them states nothing.
_NOT_A_LICENSE = frozenset({"other", "unknown", "noassertion"})

# Names a statement may use that the catalog spells otherwise (normalised form -> id).
_EXTRA_NAMES = {
    "apache 2": "apache-2.0",
    "apache license 2": "apache-2.0",
    "apache software license 2": "apache-2.0",
    "gnu gpl 3": "gpl-3.0-only",
    "gnu gpl 2": "gpl-2.0-only",
    "gemma license": "gemma",
    "bsd 3 clause license": "bsd-3-clause",
    "bsd 2 clause license": "bsd-2-clause",
    "deepseek model license": "deepseek",  # what DeepSeek's own model cards call it
}

# One-word names that are ordinary words elsewhere are only names when "license" follows,
# except these, which are hardly anything but license names.
_BARE_NAMES = frozenset({
    "mit", "bsd", "isc", "gpl", "lgpl", "agpl", "mpl", "unlicense", "wtfpl", "zlib",
    "postgresql", "openssl", "gemma", "qwen", "deepseek", "openrail", "mnpl", "mrl", "amlr",
    "odbl", "pddl", "apache",
})
_LICENSE_WORDS = frozenset({"license", "licenses", "terms", "agreement"})

# Words that may restrict, condition or negate: text holding one is never counted as part of
# a statement's harmless surroundings (it stays for the chain to report).
_RESTRICTIVE = re.compile(
    r"\b(?:not|no|only|except\w*|exclud\w*|research|non[- ]?commercial\w*|prohibit\w*|"
    r"restrict\w*|must|may|shall|solely|limit\w*|unless|without|provided|cannot|forbid\w*|"
    r"never|permission|consent|exclusive\w*|purpose\w*|but|however|additional|further|"
    r"condition\w*|requir\w*|instead|rather|subject|revoc\w*|terminat\w*|\w+n't)\b",
    re.IGNORECASE,
)
# Words before a grant phrase that make it no grant: contrast, negation, history, hypothesis.
NOT_A_GRANT = re.compile(
    r"\b(?:not|never|unlike|instead|rather|previously|formerly|originally|no longer|used to|"
    r"if|whether|would|could|should|compared?|versus|vs|than|\w+n't)\b"
    # a kind of other work described by its license ("combine Python with other software that
    # is released under the GPL"): about that software, no grant for this one
    r"|\bother\s+(?:software|programs?|code|works?|projects?|libraries|packages)\s+"
    r"(?:that|which)\b"
    r"|不|非|未|没有|沒有|无|無|曾|原",  # the same in Chinese: not, non-, never, formerly
    re.IGNORECASE,
)

# A derivative "originally licensed under" its base's license is still bound by it: the word is
# lineage there, not history ("derived from Llama 3.1, which is originally licensed under ...").
_LINEAGE = re.compile(
    r"\b(?:derived|based|built|fine-?tuned|distilled|trained)\s+(?:from|on|upon)\b", re.IGNORECASE)


def _denies(before: str) -> bool:
    """Whether the words before a grant phrase make it no grant (see ``NOT_A_GRANT``)."""
    words = {m.group().lower() for m in NOT_A_GRANT.finditer(before)}
    if not words:
        return False
    return not (words == {"originally"} and _LINEAGE.search(before))


_ABBREVIATIONS = frozenset({
    "v", "vs", "inc", "ltd", "co", "corp", "e.g", "i.e", "etc", "no", "dr", "mr", "st", "cf",
    "al", "approx", "fig", "ver",
})


# --- normalised word tokens ---------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)*|\+")
_LETTERS_DIGITS = re.compile(r"^([a-z]+?)(v?)(\d[\d.]*)$")
_COMPOUNDS = {
    "licence": ("license",), "licences": ("licenses",), "licenced": ("licensed",),
    "noncommercial": ("non", "commercial"), "sharealike": ("share", "alike"),
    "noderivatives": ("no", "derivatives"), "noderivs": ("no", "derivatives"),
}


@lru_cache(maxsize=16384)
def _norm_word(raw: str) -> tuple[str, ...]:
    """One word as the name index spells it: lower case, 'licence' as 'license', 'v2.0' and
    'Version 2.0' as '2', 'GPLv3' as 'gpl 3', so that every spelling of a name meets one key."""
    word = raw.lower()
    if word in _COMPOUNDS:
        return _COMPOUNDS[word]
    if word in ("version", "v"):
        return ()
    split = _LETTERS_DIGITS.match(word)
    if split:
        letters, number = split.group(1), _norm_number(split.group(3))
        return (number,) if letters == "v" and not split.group(2) else (letters, number)
    if word[:1].isdigit():
        return (_norm_number(word),)
    return (word,)


def _norm_number(number: str) -> str:
    if "." in number:
        number = re.sub(r"(?:\.0)+$", "", number)
    return number


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int


def name_tokens(text: str, start: int, end: int) -> list[_Token]:
    out: list[_Token] = []
    for match in _WORD.finditer(text, start, end):
        for word in _norm_word(match.group()):
            out.append(_Token(word, match.start(), match.end()))
    return out


def _key(name: str) -> tuple[str, ...]:
    words = [t.word for t in name_tokens(name, 0, len(name))]
    if words and words[0] == "the":
        words = words[1:]
    return tuple(words)


# --- the name index -----------------------------------------------------------------------------

_END = ""


@lru_cache(maxsize=1)
def _name_trie() -> dict[str, object]:
    """Every catalog name, id, SPDX id and alias as a word trie, built once per rules and
    statements code (a cold build costs about 80 ms; the cached copy loads in a few)."""
    return cached("statement-names", _build_name_trie, key=_cache_key())


@lru_cache(maxsize=1)
def _cache_key() -> str:
    """The rules' fingerprint and this module's own: a change to either rebuilds the tables."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"{fingerprint()}-{code}"


def _build_name_trie() -> dict[str, object]:
    catalog = load_catalog()
    trie: dict[str, object] = {}
    names: list[tuple[str, str]] = list(catalog.index.items())
    names += list(_EXTRA_NAMES.items())
    for entry in catalog:
        names += [(variant, entry.id) for variant in _name_variants(entry.name)]
    for name, license_id in names:
        if license_id in _NOT_A_LICENSE:
            continue
        words = _key(name)
        if not words:
            continue
        node = trie
        for word in words:
            node = node.setdefault(word, {})  # type: ignore[assignment]
        node.setdefault(_END, license_id)
    return trie


_NAME_GOES_ON = frozenset({"license", "licenses", "licence", "terms", "agreement", "or", "and"})


def _name_variants(name: str) -> list[str]:
    """How prose shortens a catalog name: "Creative Commons Attribution 4.0" without
    "International", "GPL v3.0" without "only", "the LLaMA License" for "LLaMA License
    Agreement", a name without its parenthesised gloss."""
    variants = [name[: -len(s)] for s in (" International", " Generic", " Unported", " only")
                if name.endswith(s)]
    bare = re.sub(r"\s*\([^)]*\)$", "", name)
    if bare != name:
        variants.append(bare)
    variants += [v[: -len(" Agreement")] for v in (name, bare)
                 if v.endswith("License Agreement")]
    return variants


def _name_at(text: str, tokens: list[_Token], i: int) -> tuple[str, int] | None:
    """The longest license name starting at token ``i``: (id, index past its last token).

    A known name that runs on into more capitalised words ("the Gemma Use Policy") is part
    of a longer name licscan does not know, so it names nothing."""
    if i < len(tokens) and tokens[i].word in ("the", "a", "an"):
        i += 1
    node: dict[str, object] = _name_trie()
    found: tuple[str, int] | None = None
    j = i
    while j < len(tokens):
        child = node.get(tokens[j].word)
        if not isinstance(child, dict):
            break
        node = child
        j += 1
        if _END in node:
            found = (str(node[_END]), j)
    if found is None:
        return None
    stop = found[1]
    if stop < len(tokens) and tokens[stop].word not in _NAME_GOES_ON:
        after = tokens[stop]
        gap = text[tokens[stop - 1].end:after.start]
        if not gap.strip(" \t-") and text[after.start].isupper():
            return None
    bare = stop - i == 1 and tokens[i].word.isalpha() and tokens[i].word not in _BARE_NAMES
    if bare and (stop >= len(tokens) or tokens[stop].word not in _LICENSE_WORDS):
        return None
    return found


_LATER = (("+",), ("or", "later"), ("or", "any", "later"), ("or", "a", "later"),
          ("or", "at", "your", "option", "any", "later"))


def _or_later(tokens: list[_Token], found: tuple[str, int]) -> tuple[str, int]:
    """'GPL v3.0+', '... version 2.0 or a later version': the -or-later id the words state."""
    license_id, stop = found
    if not license_id.endswith("-only"):
        return found
    later = load_catalog().get(license_id[: -len("-only")] + "-or-later")
    if later is None:
        return found
    words = tuple(t.word for t in tokens[stop:stop + 6])
    for phrase in _LATER:
        if words[:len(phrase)] == phrase:
            return later.id, stop + len(phrase)
    return found


def names_from(text: str, tokens: list[_Token], i: int) -> tuple[list[str], int] | None:
    """A name at ``i`` and any joined to it ("Apache-2.0 or MIT", "MIT and CC-BY-4.0")."""
    first = _name_at(text, tokens, i)
    if first is None:
        return None
    first = _or_later(tokens, first)
    ids, stop = [first[0]], first[1]
    while True:
        j = stop
        while j < len(tokens) and tokens[j].word in ("license", "licenses", "agreement"):
            j += 1
        if j >= len(tokens) or tokens[j].word not in ("or", "and"):
            break
        following = _name_at(text, tokens, j + 1)
        if following is None:
            break
        following = _or_later(tokens, following)
        ids.append(following[0])
        stop = following[1]
    return ids, stop


def names_a_license(text: str) -> bool:
    """Whether ``text`` names a license licscan knows (a catalog name, id or alias, read as
    statements read them), whatever the words around it: 'Weights: CC BY-NC 4.0' states no
    grant licscan can read, but a sentence that names a license is never mere description."""
    tokens = name_tokens(text, 0, len(text))
    trie = _name_trie()
    for i, token in enumerate(tokens):
        if token.word not in trie or (token.start > 0 and text[token.start - 1] in "-_.@/"):
            continue  # 'plain-mit', 'djm@ai.mit.edu': part of another word
        found = _name_at(text, tokens, i)
        if found is None:
            continue
        end = tokens[found[1] - 1].end
        if not re.match(r"[-_@/.]\w", text[end:end + 2]):
            return True
    return False


# --- sentences ----------------------------------------------------------------------------------

_BLOCK_LINE = re.compile(r"[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|>|\|)")
_HEADING_LINE = re.compile(r"[ \t]*(?:#{1,6}[ \t]|\||=+[ \t]*$|-+[ \t]*$)")
_BLANKISH = re.compile(r"[ \t#*/;!<>\-=]*$")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _is_sentence_end(text: str, i: int) -> bool:
    """Whether the '.', '!' or '?' at ``i`` ends a sentence (not 'v. 2.0', 'Inc.', a URL)."""
    after = text[i + 1] if i + 1 < len(text) else " "
    if not after.isspace():
        return False
    if text[i] != ".":
        return True
    word = re.search(r"([A-Za-z.]+)$", text[max(0, i - 12):i])
    if word is None:
        return True
    token = word.group(1).lower().strip(".")
    return token not in _ABBREVIATIONS and not (len(token) == 1 and token.isalpha())


def _sentence_start(text: str, pos: int, lo: int) -> int:
    """Where the sentence holding ``pos`` begins, never before ``lo``."""
    i = pos - 1
    floor = max(lo, pos - 800)
    while i >= floor:
        ch = text[i]
        if ch in ".!?" and _is_sentence_end(text, i):
            return _skip_markers(text, i + 1, pos)
        if ch == "\n":
            line = text[i + 1:_line_end(text, i + 1)]
            if _BLOCK_LINE.match(line):
                return _skip_markers(text, i + 1, pos)
            prev = text[_line_start(text, i):i]
            if (_BLANKISH.match(prev) or _HEADING_LINE.match(prev)
                    or _comment_marker(prev) != _comment_marker(line)):
                return _skip_markers(text, i + 1, pos)
        i -= 1
    return _skip_markers(text, floor, pos)


_COMMENT = re.compile(r"[ \t]*(#|//|/\*|\*|--|;;?|%|<!--)")


def _comment_marker(line: str) -> str:
    """The comment marker a line starts with: prose never runs from a comment into code."""
    match = _COMMENT.match(line)
    marker = match.group(1) if match else ""
    return "*" if marker == "/*" else marker


def _skip_space(text: str, i: int, limit: int) -> int:
    while i < limit and text[i].isspace():
        i += 1
    return i


def _skip_markers(text: str, i: int, limit: int) -> int:
    while i < limit and (text[i].isspace() or text[i] in "#*/-+>|;!"):
        i += 1
    return i


def _sentence_end(text: str, pos: int, hi: int) -> int:
    """One past the end of the sentence holding ``pos`` (its full stop included)."""
    i = pos
    ceiling = min(hi, pos + 800)
    while i < ceiling:
        ch = text[i]
        if ch in ".!?" and _is_sentence_end(text, i):
            return i + 1
        if ch == "\n":
            nxt = text[i + 1:_line_end(text, i + 1)]
            if (_BLANKISH.match(nxt) or _BLOCK_LINE.match(nxt)
                    or _comment_marker(nxt) != _comment_marker(text[_line_start(text, i):i])):
                return _trim_end(text, pos, i)
        i += 1
    return _trim_end(text, pos, ceiling)


def _trim_end(text: str, lo: int, end: int) -> int:
    while end > lo and (text[end - 1].isspace() or text[end - 1] in "#*/"):
        end -= 1
    return end


def _widen(text: str, core_start: int, core_end: int, lo: int, hi: int) -> tuple[int, int]:
    """The statement's span: its sentence, less any surroundings that could restrict."""
    start = _sentence_start(text, core_start, lo)
    end = _sentence_end(text, core_end, hi)
    if start < core_start and not harmless_around(text[start:core_start]):
        start = core_start
    if end > core_end and not harmless_around(text[core_end:end]):
        end = core_end
    return start, max(end, core_end)


# A pointer to the license file after a statement ("as found in the [LICENSE file](LICENSE)",
# "See LICENSE for details") names no other license and restricts nothing.
_POINTER = re.compile(
    r"^[\s,;:(]*(?:(?:as\s+)?(?:found|described|included|provided|contained|available)\s+in|"
    r"see|please\s+(?:see|refer\s+to))\s+(?:the\s+)?\[?[\w.\- ]{0,40}\]?(?:\([^)\s]*\))?"
    r"(?:\s+(?:file|files|directory))?(?:\s+for\s+(?:more\s+|further\s+|additional\s+)?"
    r"(?:details|information))?[\s.)]*$",
    re.IGNORECASE,
)
_LICENSE_WORD = re.compile(r"licen[cs]|terms|agreement|polic", re.IGNORECASE)


# A grant qualified in time, place or version ("until 31 December 2025", "in the United
# States", "outside the European Union", "version 0.9 draft"): the tail is a term of its own.
# An exception carves something out of the grant ("..., except the model weights").
_CARVE_OUT = (r"except\w*|exclud\w*|exclusive\s+of|other\s+than|apart\s+from|save\s+for"
              r"|but\s+not|not\s+including")
_QUALIFIES = re.compile(
    r"\b(?:until|till|through|expir\w*|valid|outside|inside|within|throughout|territor\w*|"
    r"countr\w*|region\w*|draft|version\s+v?\d|" + _CARVE_OUT + r")\b"
    # a place or a party ("in the United States", "for Acme"), unless the words say where the
    # license or the files are ("can be found in the HuggingFace repos above")
    r"|^(?!.*\b(?:found|available|located|hosted|download\w*|see)\b)"
    r".*\b(?:in|for|to|by)\s+(?:the\s+)?[A-Z]"
    # the same in Chinese, Japanese and Korean: until, valid, expires, region, country, version
    r"|至|直到|截至|截止|有效|期限|到期|地区|地區|区域|區域|境内|境內|境外|国家|國家|中国|中國|大陆|大陸|"
    r"版本|草案|まで|地域|国内|国外|까지|기한|지역|국가|국내|버전"
    # ... and an exception ("但模型权重除外", "ただし", "제외")
    r"|除外|除了|除非|例外|不包括|不包含|不含|但|然而|以外|除く|ただし|但し|제외|다만", re.DOTALL)


def qualifies(fragment: str) -> bool:
    """Whether words after a grant qualify it in time, place or version (``_QUALIFIES``): the
    rest of a statement's sentence that, read on its own, no other test would call a term."""
    return bool(_QUALIFIES.search(without_urls(fragment)))


def harmless_around(fragment: str) -> bool:
    """Whether words around a statement may count as part of it: nothing that restricts, and
    no other license named (which this statement would otherwise explain away)."""
    plain = without_urls(fragment)
    if _RESTRICTIVE.search(plain):
        return False
    # ... nor a limit on who uses the work or how, in any of the words prose reads as one ("for
    # Acme customers"): the one definition of license-bearing (here, not imported at the top:
    # prose reads sentences with this module)
    from licscan.matching.prose import limits_use

    if limits_use(plain) or _QUALIFIES.search(plain):
        return False
    return not _LICENSE_WORD.search(plain) or bool(_POINTER.match(fragment))


# URLs, link targets, and links to a file ("[LICENSE-MIT](LICENSE-MIT)"): pointers, not prose.
_URL_OR_LINK = re.compile(r"\(?(?:https?://|www\.)[^\s)\]>]+\)?|\[[\w.\-]+\]\([^\s()]+\)|"
                          r"(?<=\])\([^\s()]+\)")


def without_urls(fragment: str) -> str:
    """A fragment without URLs, whose words ('terms', 'no-commercial' in a path) are not prose."""
    return _URL_OR_LINK.sub(" ", fragment)


def statement_detection(text: str, license_id: str, kind: DetectionKind, start: int,
               end: int) -> Detection | None:
    """A statement with a placeholder span (offsets only): lines are counted once, at the end."""
    entry = load_catalog().get(license_id)
    if entry is None or entry.id in _NOT_A_LICENSE:
        return None
    return Detection(
        license_id=entry.id, name=entry.name, status="match", confidence=CONFIDENCE[kind],
        matcher="statement", span=Span(0, 0, start, end), coverage=0.0, similarity=1.0,
        kind=kind,
    )


def _with_lines(text: str, detections: list[Detection]) -> list[Detection]:
    newlines = [m.start() for m in re.finditer("\n", text)] if detections else []
    out = []
    for det in detections:
        start, end = det.span.start, det.span.end
        span = Span(bisect_right(newlines, start - 1) + 1,
                    bisect_right(newlines, max(start, end - 1) - 1) + 1, start, end)
        out.append(replace(det, span=span))
    return out


# --- where to look -----------------------------------------------------------------------------

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def literal_windows(low: str, literals: tuple[str, ...], lo: int, hi: int, before: int,
             after: int, lines: bool = False) -> list[tuple[int, int]]:
    """Merged ranges around each occurrence of a literal (or the lines holding one).

    Why: a literal search is a hundred times faster than a regex that could match anywhere,
    and the few places it finds are where the real patterns are then tried."""
    ranges: list[tuple[int, int]] = []
    for literal in literals:
        at = low.find(literal, lo, hi)
        while at >= 0:
            if lines:
                ranges.append((max(lo, _line_start(low, at)),
                               min(hi, _line_end(low, at + len(literal)))))
            else:
                ranges.append((max(lo, at - before), min(hi, at + len(literal) + after)))
            at = low.find(literal, at + len(literal), hi)
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]],
             ) -> Iterator[re.Match[str]]:
    for a, b in windows:
        yield from pattern.finditer(text, a, b)


# --- tags ---------------------------------------------------------------------------------------

_TAG = re.compile(
    r"SPDX-License-Identifier[ \t]*:[ \t]*(?P<expr>[^\n]*?)[ \t]*(?:\*/|-->|\"|$)",
    re.MULTILINE | re.IGNORECASE,
)
_EXPR_SYMBOL = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+\-:]*")
_OPERATORS = frozenset({"and", "or", "with"})


def _tags(text: str, low: str, lo: int, hi: int) -> Iterator[Detection]:
    catalog = load_catalog()
    windows = literal_windows(low, ("spdx-license-identifier",), lo, hi, 0, 0, lines=True)
    for match in _matches(_TAG, text, windows):
        symbols = [m for m in _EXPR_SYMBOL.finditer(text, match.start("expr"), match.end("expr"))
                   if m.group().lower() not in _OPERATORS]
        known = [(m, catalog.get(m.group())) for m in symbols]
        whole = bool(known) and all(e is not None and e.id not in _NOT_A_LICENSE
                                    for _m, e in known)
        line_start = _skip_markers(text, _line_start(text, match.start()), match.start())
        for m, entry in known:
            if entry is None:
                continue
            # With an unknown id on the line, each known id explains only itself.
            start, end = (line_start, match.end("expr")) if whole else (m.start(), m.end())
            found = statement_detection(text, entry.id, "tag", start, end)
            if found is not None:
                yield found


# --- notices ------------------------------------------------------------------------------------

_APACHE = (
    r"(?:licensed to the apache software foundation asf under one .{0,300}? the asf licenses "
    r"this file to you under|licensed under) the apache license 2(?: the license)? you may not "
    r"use this file except in compliance with the license"
    r"(?: you may obtain a copy of the license at .{0,80}? unless required by applicable law "
    r".{0,400}? limitations under the license)?"
)
_GPL = (
    r"(?:(?:this (?:\w+ ){0,3}is free software )?(?:you can|you may) redistribute (?:it|this "
    r"\w+) and or modify (?:it )?)?under the terms of the gnu (?P<family>general|lesser general|"
    r"library general|affero general) public license(?: as published by the free software "
    r"foundation)?(?: either)?(?: (?P<version>2\.1|1|2|3)\b(?: of the license)?(?: as published by "
    r"the free software foundation)?)?(?P<later> or at your option any later| or any later| or "
    r"later)?"
    r"(?:(?: this \w+ is distributed in the hope that it will be useful .{0,300}? for more "
    r"details)?(?: you should have received a copy of the gnu .{0,120}? along with this "
    r"(?:\w+ ?){1,3}(?: if not see \S+ \S+ licenses| if not write to the free software "
    r"foundation .{0,150}? usa)?)?)"
)
_MPL = (
    r"this source code form is subject to the terms of the mozilla public license 2(?: if a copy "
    r"of the mpl was not distributed with this file you can obtain one at)?"
)
_EPL = (
    r"this program and the accompanying materials are made available under the terms of the "
    r"eclipse public license (?P<epl>1|2)"
)
_STYLE = (
    r"use of this source code is governed by (?:a|an|the) (?P<style>bsd|mit) style license"
    r"(?: that can be found in the license file)?"
)
@lru_cache(maxsize=1)
def _notice_pattern() -> re.Pattern[str]:
    """Compiled on first use: it is the costliest pattern, and most texts never need it."""
    return re.compile(
        rf"(?P<apache>{_APACHE})|(?P<gpl>{_GPL})|(?P<mpl>{_MPL})|(?P<eplall>{_EPL})|"
        rf"(?P<styleall>{_STYLE})"
    )
_GPL_FAMILY = {"general": "gpl", "lesser general": "lgpl", "library general": "lgpl",
               "affero general": "agpl"}


def _notice_id(match: re.Match[str]) -> str | None:
    if match.group("apache"):
        return "apache-2.0"
    if match.group("mpl"):
        return "mpl-2.0"
    if match.group("eplall"):
        return f"epl-{match.group('epl')}.0"
    if match.group("styleall"):
        return str(match.group("style"))
    family = _GPL_FAMILY[match.group("family")]
    version = match.group("version")
    if version is None:  # a family, but only in the full notice ("you can redistribute it")
        return family if family != "agpl" and "redistribute" in match.group() else None
    if "." not in version:
        version += ".0"
    if family == "lgpl" and match.group("family") == "library general" and version == "2.1":
        return None  # the Library GPL had no 2.1: the words contradict themselves
    suffix = "or-later" if match.group("later") else "only"
    return f"{family}-{version}-{suffix}"


NOTICE_BEFORE, NOTICE_AFTER = 700, 1100  # characters a header reaches around its anchor


def _notices(text: str, low: str, lo: int, hi: int) -> Iterator[Detection]:
    """Headers, matched on the words alone so comment markers and wrapping do not matter;
    only the text around a header's anchor words is tokenised."""
    anchors = ("apache", "gnu", "mozilla", "eclipse", "style")
    for a, b in literal_windows(low, anchors, lo, hi, NOTICE_BEFORE, NOTICE_AFTER):
        while a > lo and not text[a - 1].isspace():
            a -= 1
        yield from _notices_in(text, lo, hi, name_tokens(text, a, b))


def _notices_in(text: str, lo: int, hi: int, tokens: list[_Token]) -> Iterator[Detection]:
    if not tokens:
        return
    joined = " ".join(t.word for t in tokens)
    offsets = []
    at = 0
    for token in tokens:
        offsets.append(at)
        at += len(token.word) + 1
    for match in _notice_pattern().finditer(joined):
        license_id = _notice_id(match)
        if license_id is None:
            continue
        first = bisect_right(offsets, match.start()) - 1
        last = bisect_right(offsets, match.end() - 1) - 1
        core_start, core_end = tokens[first].start, tokens[last].end
        start, end = _widen(text, core_start, core_end, lo, hi)
        found = statement_detection(text, license_id, "notice", start, end)
        if found is not None:
            yield found


# --- references ---------------------------------------------------------------------------------

_TERMS_OF = r"(?:(?:the\s+)?terms\s+(?:and\s+conditions\s+)?of\s+)?"
_GRANT = re.compile(
    r"\b(?:(?:licen[cs]ed|released|distributed|made\s+available|available|provided|published|"
    r"offered|shared|covered)\s+(?:solely\s+|only\s+|entirely\s+)?under\s+"
    r"(?:and\s+subject\s+to\s+)?" + _TERMS_OF
    + r"|licen[cs]ed\s+by\s+[^\n]{1,80}?\s+under\s+" + _TERMS_OF
    + r"|(?:is|are|licen[cs]ed)\s+subject\s+to\s+" + _TERMS_OF
    + r"|governed\s+by\s+" + _TERMS_OF
    + r"|(?:(?:may\s+be\s+)?(?:used|distributed|copied|modified)(?:,?\s+(?:and|or)\s+"
    r"(?:used|distributed|copied|modified))*\s+)?in\s+accordance\s+with\s+" + _TERMS_OF
    + r"|(?:is|are|be)\s+under\s+" + _TERMS_OF
    + r"|licen[cs]e\s+(?:for\s+(?:[\w.\-]+\s+){1,5}?)?is\s+)",
    re.IGNORECASE,
)
_LICENSE_LINE = re.compile(
    r"^[ \t]*(?:[-*+>][ \t]*)?(?:#{1,6}[ \t]*)?(?:(?:\*\*|__)[ \t]*(?:model[ \t]+)?"
    r"licen[cs](?:e|ing)[ \t]*(?:\*\*|__)[ \t]*[:：]?|(?:\*\*|__)?[ \t]*(?:model[ \t]+)?"
    r"licen[cs](?:e|ing)[ \t]*"
    r"(?:\*\*|__)?[ \t]*[:：])[ \t]*(?:\*\*|__)?(?P<value>[^\n]*)$",
    re.MULTILINE | re.IGNORECASE,
)
# What may follow a name and still belong to the statement: "license", a '(the "License")', a
# link to it, a URL.
_NAME_TAIL = re.compile(
    r"(?:[ \t*_`\]]*(?:licen[cs]es?|agreement|terms(?:\s+of\s+use)?)\b)*"
    r"(?:[ \t]*\((?:the\s+)?[\"“']?licen[cs]e[\"”']?\))?"
    r"(?:[ \t*_`\]]*\([^\s()]+\))?"
    r"(?:[ \t]*[:,]?[ \t]*(?:(?:found|available|located)\s+at\s+)?<?"
    r"(?:https?://|www\.|[\w-]+(?:\.[\w-]+)*\.(?:com|org|dev|ai|net|io)/)[^\s<>)\]]+>?)?",
    re.IGNORECASE,
)


def _after_name(text: str, pos: int, hi: int) -> int:
    match = _NAME_TAIL.match(text, pos, hi)
    end = match.end() if match else pos
    while end > pos and text[end - 1] in ".,;:":
        end -= 1
    return end


NAME_WINDOW = 200  # characters after a grant phrase in which the license names are read


def _references(text: str, low: str, lo: int, hi: int) -> Iterator[Detection]:
    windows = literal_windows(low, ("under", "subject", "governed", "licen", "accordance"), lo, hi,
                       60, 80)
    for match in _matches(_GRANT, text, windows):
        tokens = name_tokens(text, match.end(), min(hi, match.end() + NAME_WINDOW))
        names = names_from(text, tokens, 0)
        if names is None:
            either = _EITHER.match(text, match.end(), hi)
            if either is not None:
                sentence_start = _sentence_start(text, match.start(), lo)
                if not NOT_A_GRANT.search(without_urls(text[sentence_start:match.start()])):
                    yield from _listed(text, sentence_start, either, hi)
            continue
        ids, stop = names
        sentence_start = _sentence_start(text, match.start(), lo)
        if _denies(without_urls(text[sentence_start:match.start()])):
            continue
        if any(linked_elsewhere(text, tokens[0].start, tokens[stop - 1].end, license_id)
               for license_id in ids):
            continue  # the terms are the page linked to: the sentence stays for a person
        core_end = _after_name(text, tokens[stop - 1].end, hi)
        start, end = _widen(text, match.start(), core_end, lo, hi)
        for license_id in ids:
            found = statement_detection(text, license_id, "reference", start, end)
            if found is not None:
                yield found
    yield from _license_lines(text, low, lo, hi)


# "licensed under either of" followed by a list of licenses, one per item ("at your option").
_EITHER = re.compile(r"[ \t]*(?:either|any|one)\s+of(?:\s+the\s+following)?(?:\s+licen[cs]es)?"
                     r"[ \t]*:?[ \t]*\n", re.IGNORECASE)
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_AT_YOUR_OPTION = re.compile(r"[ \t]*at\s+your\s+(?:option|choice)[ \t]*\.?[ \t]*$", re.IGNORECASE)


def _listed(text: str, intro_start: int, either: re.Match[str], hi: int) -> Iterator[Detection]:
    """Each list item that names a license is a statement; the introduction and a closing
    "at your option" belong to every license listed."""
    spans: list[tuple[list[str], int, int]] = []
    pos = either.end()
    closing: tuple[int, int] | None = None
    while pos < hi:
        end = min(hi, _line_end(text, pos))
        line = text[pos:end]
        item = _ITEM.match(line)
        if item is not None:
            start = pos + item.end()
            tokens = name_tokens(text, start, end)
            names = names_from(text, tokens, 0)
            if names is None:
                break
            stop = _after_name(text, tokens[names[1] - 1].end, end)
            line_end = _trim_end(text, stop, end)
            if harmless_around(text[stop:line_end]):
                stop = line_end
            spans.append((names[0], start, stop))
        elif _AT_YOUR_OPTION.match(line):
            closing = (_skip_space(text, pos, end), _trim_end(text, pos, end))
            break
        elif line.strip():
            break
        pos = end + 1
    intro_end = _trim_end(text, intro_start, either.end())
    for item_ids, start, stop in spans:
        for license_id in item_ids:
            for a, b in [(intro_start, intro_end), (start, stop), *([closing] if closing else [])]:
                found = statement_detection(text, license_id, "reference", a, b)
                if found is not None:
                    yield found


def _license_lines(text: str, low: str, lo: int, hi: int) -> Iterator[Detection]:
    """'License: X' lines: every name in the value is stated, the line is its span."""
    windows = literal_windows(low, ("licen",), lo, hi, 0, 0, lines=True)
    for match in _matches(_LICENSE_LINE, text, windows):
        value_start, value_end = match.start("value"), match.end("value")
        tokens = name_tokens(text, value_start, value_end)
        i = 0
        ids: list[str] = []
        first_start = -1
        last_end = value_start
        links = [(m.start(), m.end()) for m in _URL_OR_LINK.finditer(text, value_start, value_end)]
        while i < len(tokens) and tokens[i].start < value_end:
            if any(a <= tokens[i].start < b for a, b in links):
                i += 1
                continue
            names = names_from(text, tokens, i)
            if names is None:
                i += 1
                continue
            if any(linked_elsewhere(text, tokens[i].start, tokens[names[1] - 1].end, name)
                   for name in names[0]):
                ids = []  # the terms are the page linked to: the line stays for a person
                break
            ids.extend(names[0])
            if first_start < 0:
                first_start = tokens[i].start
            last_end = _after_name(text, tokens[names[1] - 1].end, value_end)
            i = names[1]
        if not ids:
            continue
        if NOT_A_GRANT.search(without_urls(text[value_start:last_end])):
            continue
        line_start = _skip_space(text, match.start(), value_start)
        if _RESTRICTIVE.search(without_urls(text[value_start:first_start])):
            line_start = first_start
        end = _trim_end(text, value_start, value_end)
        if not harmless_around(text[last_end:end]):
            end = last_end
        for license_id in dict.fromkeys(ids):
            found = statement_detection(text, license_id, "reference", line_start, end)
            if found is not None:
                yield found


# --- URLs ---------------------------------------------------------------------------------------

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'`)\]]+|\b(?:ai\.google\.dev|llama\.com|llama\.meta\.com|"
    r"creativecommons\.org|opensource\.org|apache\.org|gnu\.org|mistral\.ai|mozilla\.org)"
    r"/[^\s<>\"'`)\]]*",
    re.IGNORECASE,
)
# Words just before a URL that make it the place the license is: "available at", "see",
# "License:", "the terms at".
_POINTS_AT = re.compile(
    r"(?:\b(?:at|see|under|to|in)|licen[cs]e[ds]?|terms(?:\s+of\s+use)?|polic(?:y|ies)|"
    r"agreement|依照|遵照|遵循|遵守|按照|采用|採用|根据|根據)[\s:*_(<\[]*$|\(see\s[^.()\n]{0,40}$",
    re.IGNORECASE,
)

# Licensors' pages that several dated entries share, or that no entry records.
_KNOWN_URLS = {
    "ai.google.dev/gemma/terms": "gemma",
    "ai.google.dev/gemma/prohibited_use_policy": "gemma-pup-2024-02-21",
    "apache.org/licenses/license-2.0": "apache-2.0",
    "mozilla.org/mpl/2.0": "mpl-2.0",
    "mozilla.org/mpl/1.1": "mpl-1.1",
    "eclipse.org/legal/epl-2.0": "epl-2.0",
    "eclipse.org/legal/epl-v20": "epl-2.0",
    "eclipse.org/legal/epl-v10": "epl-1.0",
    "creativecommons.org/publicdomain/zero/1.0": "cc0-1.0",
    "ai.meta.com/llama/license": "llama2",
    "ai.meta.com/llama/use-policy": "llama2-aup",
    "opensource.org/licenses/mit-license": "mit",
    "databricks.com/legal/open-model-license": "databricks-open-model",
}
_LLAMA_PAGE = re.compile(r"^(?:www\.)?(?:llama\.com|llama\.meta\.com)/(llama[\d_]+)/(license|"
                         r"use-policy)$")
_LLAMA_VERSIONS = {"llama2": "llama2", "llama3": "llama3", "llama3_1": "llama3.1",
                   "llama3_2": "llama3.2", "llama3_3": "llama3.3", "llama4": "llama4"}


def _canonical_url(url: str) -> str:
    """One spelling per page: no scheme, 'www.', query, fragment, file suffix or trailing '/';
    a GitHub or Hub file at any branch or commit is one page."""
    url = url.lower().rstrip(".,;:")
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url)
    url = re.split(r"[?#]", url, maxsplit=1)[0].rstrip("/")
    raw = re.match(r"raw\.githubusercontent\.com/([^/]+)/([^/]+)/(?:refs/heads/)?[^/]+/(.+)", url)
    if raw:
        url = f"github.com/{raw.group(1)}/{raw.group(2)}/blob/*/{raw.group(3)}"
    url = re.sub(r"^(github\.com/[^/]+/[^/]+|huggingface\.co/(?:spaces/)?[^/]+/[^/]+)/"
                 r"(?:blob|resolve|raw)/[^/]+/", r"\1/blob/*/", url)
    if not url.startswith(("github.com", "huggingface.co")):
        url = re.sub(r"(?:\.en)?\.(?:html?|txt|php)$", "", url)
        url = re.sub(r"/(?:legalcode|deed(?:\.\w+)?)$", "", url)
    return url.rstrip("/")


@lru_cache(maxsize=1)
def _catalog_urls() -> dict[str, str]:
    """The licensors' pages the rules record, each naming one entry (shared ones are dropped)."""
    return cached("statement-urls", _build_catalog_urls, key=_cache_key())


def _build_catalog_urls() -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for entry in load_catalog():
        urls = [entry.provenance.get("licensor_url")]
        if entry.provenance.get("source") == "licensor":
            urls.append(entry.provenance.get("url"))
        terms = entry.ai_terms
        if terms is not None and terms.acceptable_use_policy is not None:
            policy = terms.acceptable_use_policy
            if policy.url and policy.document:
                seen.setdefault(_canonical_url(policy.url), set()).add(policy.document)
        for url in urls:
            if isinstance(url, str) and url and "scancode" not in url and "spdx.org" not in url:
                seen.setdefault(_canonical_url(url), set()).add(entry.id)
    return {url: next(iter(ids)) for url, ids in seen.items() if len(ids) == 1}


def _url_license(url: str) -> str | None:
    canonical = _canonical_url(url)
    if canonical in _KNOWN_URLS:
        return _KNOWN_URLS[canonical]
    catalog = load_catalog()
    llama = _LLAMA_PAGE.match(canonical)
    if llama and llama.group(1) in _LLAMA_VERSIONS:
        base = _LLAMA_VERSIONS[llama.group(1)]
        return base if llama.group(2) == "license" else f"{base}-aup"
    cc = re.match(r"creativecommons\.org/licenses/([a-z\-]+)/(\d\.\d)(?:/([a-z]+))?$", canonical)
    if cc:
        key = f"cc-{cc.group(1)}-{cc.group(2)}" + (f"-{cc.group(3)}" if cc.group(3) else "")
        entry = catalog.get(key)
        return entry.id if entry else None
    gnu = re.match(r"gnu\.org/licenses/(gpl|lgpl|agpl|fdl)-(\d\.\d)(?:-standalone)?$", canonical)
    if gnu:
        name = ("g" if gnu.group(1) == "fdl" else "") + f"{gnu.group(1)}-{gnu.group(2)}"
        entry = catalog.get(name)  # the deprecated bare SPDX id: "-only"
        return entry.id if entry else None
    # (choosealicense.com's texts are also a Hub dataset and a GitHub repository)
    listed = re.match(r"(?:opensource\.org/licenses?|spdx\.org/licenses|"
                      r"choosealicense\.com/licenses)/([\w.\-+]+)$|"
                      r"(?:huggingface\.co/datasets/choosealicense/licenses/(?:blob|resolve|raw)/"
                      r"[^/]+/markdown|github\.com/github/choosealicense\.com/blob/\*/_licenses)/"
                      r"([\w.\-+]+)\.md$", canonical)
    if listed:
        entry = catalog.get(listed.group(1) or listed.group(2))
        return entry.id if entry else None
    return _catalog_urls().get(canonical)


def _family(license_id: str) -> str:
    return re.sub(r"-(?:only|or-later)$", "", license_id)


# A license file in a repository on GitHub or the Hub, at any revision ("LICENSE",
# "LICENSE-CODE", "COPYING.txt"): where a card's link to its (or its base model's) license goes.
_REPO_LICENSE_FILE = re.compile(
    r"^(?:github\.com/[^/]+/[^/]+|huggingface\.co/(?:spaces/|datasets/)?[^/]+/[^/]+)/blob/\*/"
    r"(?:[^/]+/)*(?:licen[cs]e|copying|model[_-]licen[cs]e)[^/]*$")


def _link_target(text: str, name_start: int, name_end: int) -> str | None:
    """The target of the markdown link whose text holds the name at ``name_start:name_end``
    ("[MIT License](https://...)"), or None where the name is no link's text."""
    line_start = _line_start(text, name_start)
    opening = text.rfind("[", line_start, name_end)
    if opening < 0 or "]" in text[opening:name_end]:
        return None
    link = re.compile(r"[^\[\]\n]*\]\(\s*<?([^\s()<>]+)>?[^()\n]*\)").match(text, name_end)
    return link.group(1) if link else None


def linked_elsewhere(text: str, name_start: int, name_end: int, license_id: str) -> bool:
    """Whether a name stands in a link to a page that is not the license's: "licensed under the
    [MIT License](https://acme.example/nc-terms.html)" says the terms are that page, which
    licscan has not read, so the name alone states nothing. A link to the license's own page
    (opensource.org, choosealicense.com, the licensor's), to a file of the repository itself
    (a relative path, an anchor) or to a license file in a repository on GitHub or the Hub (a
    base model's, or the project's code repository) goes where the name says."""
    target = _link_target(text, name_start, name_end)
    if target is None or not re.match(r"(?:https?:)?//|www\.|mailto:", target, re.IGNORECASE):
        return False
    linked = _url_license(target)
    if linked is not None:
        return _family(linked) != _family(license_id)
    return _REPO_LICENSE_FILE.match(_canonical_url(target)) is None


def _named_before(text: str, start: int, url_start: int, license_id: str,
                  ) -> tuple[str, int] | None:
    """A name of the URL's license just before it, within the sentence: its words decide the
    variant the URL cannot ('v3.0+' is -or-later, the gnu.org page is only the version)."""
    tokens = name_tokens(text, max(start, url_start - NAME_WINDOW), url_start)
    for i in range(len(tokens)):
        names = names_from(text, tokens, i)
        if names is not None and _family(names[0][0]) == _family(license_id):
            gap = without_urls(text[tokens[names[1] - 1].end:url_start])
            if not _RESTRICTIVE.search(gap):
                return names[0][0], tokens[i].start
    return None


def _urls(text: str, low: str, lo: int, hi: int) -> Iterator[Detection]:
    anchors = ("://", "www.", ".dev/", ".com/", ".org/", ".ai/")
    for match in _matches(_URL, text, literal_windows(low, anchors, lo, hi, 300, 300)):
        url = match.group().rstrip(".,;:")
        license_id = _url_license(url)
        if license_id is None:
            continue
        core_start, core_end = match.start(), match.start() + len(url)
        link = re.search(r"\[[^\]\n]*\]\($", text[max(lo, core_start - 200):core_start])
        if link:  # a markdown link: its text is part of the pointer
            core_start -= len(link.group())
            core_end = min(hi, core_end + (text[core_end:core_end + 1] == ")"))
        sentence_start = _sentence_start(text, core_start, lo)
        sentence_end = _sentence_end(text, core_end, hi)
        line = text[_line_start(text, core_start):_line_end(text, core_end)]
        alone = not without_urls(line).strip(" \t<>()[]*-#/:.")
        before = text[sentence_start:core_start]
        if NOT_A_GRANT.search(without_urls(before)):
            continue
        # "The [Databricks Open Source License](<its page>) can be found at ...", in the card's
        # License section: a link titled as a license there is the section's license. (Not
        # elsewhere: a list of the models one can download, each with its license, or a
        # comparison, grants nothing for the card's own model.)
        titled = (link is not None and _LICENSE_WORD.search(link.group()) is not None
                  and _in_license_section(text, core_start))
        if not (alone or titled or _POINTS_AT.search(before) or _LICENSE_LINE.match(line)
                or _GRANT.search(text, sentence_start, sentence_end)):
            continue  # a link elsewhere ("the Apache project's site") states nothing
        named = _named_before(text, sentence_start, core_start, license_id)
        if named is not None:  # "GNU General Public License v3.0+ (see COPYING or <url>)"
            license_id, core_start = named
        start, end = _widen(text, core_start, core_end, lo, hi)
        found = statement_detection(text, license_id, "url", start, end)
        if found is not None:
            yield found


_LAST_SECTIONS: tuple[str, list[tuple[int, int]]] = ("", [])


def _in_license_section(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a License section (found once per text, like ``_lowered``)."""
    global _LAST_SECTIONS
    last = _LAST_SECTIONS  # one read: another thread may replace it for its own text
    if last[0] is not text:
        last = (text, license_sections(text))
        _LAST_SECTIONS = last
    return any(a <= pos < b for a, b in last[1])


# --- putting it together ------------------------------------------------------------------------


def find_statements(text: str, start: int = 0, end: int | None = None) -> list[Detection]:
    """Every license statement in ``text[start:end]``, in the order of the text.

    One Detection per license a statement names ("Apache-2.0 OR MIT" is two, on one span).
    Where statements of several kinds say the same license over the same words (the URL inside
    an Apache header, a 'License:' line that also reads 'licensed under'), the most specific
    kind is kept: tag, then notice, then reference, then url. Statements written in Chinese,
    Japanese or Korean are references too (``licscan.matching.cjk``).
    """
    hi = len(text) if end is None else min(end, len(text))
    lo = max(0, start)
    if lo >= hi:
        return []
    low = _lowered(text)
    found = list(_tags(text, low, lo, hi))
    found += _notices(text, low, lo, hi)
    found += _references(text, low, lo, hi)
    found += _urls(text, low, lo, hi)
    if not text[lo:hi].isascii():  # Chinese, Japanese, Korean (imported here: it reads this one)
        from licscan.matching.cjk import cjk_statements

        found += cjk_statements(text, lo, hi)
    return _with_lines(text, _merge(found))


_LAST_LOWERED: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    """The text in ASCII lower case (same length, so offsets hold), kept for the last text:
    a file is searched region by region, and lowering all of it for each region made a
    source file with many comments cost a hundred times its size."""
    global _LAST_LOWERED
    last = _LAST_LOWERED
    if last[0] is text:
        return last[1]
    low = text.translate(_ASCII_LOWER)
    _LAST_LOWERED = (text, low)
    return low


def _merge(found: list[Detection]) -> list[Detection]:
    """Statements are resolved within runs of overlapping spans, so the work stays linear."""
    found.sort(key=lambda d: d.span.start)
    kept: list[Detection] = []
    run: list[Detection] = []
    run_end = -1
    for det in found:
        if run and det.span.start >= run_end:
            kept += _merge_run(run)
            run = []
        run.append(det)
        run_end = max(run_end, det.span.end) if len(run) > 1 else det.span.end
    kept += _merge_run(run)
    kept.sort(key=lambda d: (d.span.start, d.span.end, _PRIORITY[d.kind], d.license_id))
    return kept


def _merge_run(found: list[Detection]) -> list[Detection]:
    kept: list[Detection] = []
    for det in sorted(found, key=lambda d: (_PRIORITY[d.kind], d.span.start, -d.span.end)):
        duplicate = False
        for other in kept:
            overlap = min(det.span.end, other.span.end) - max(det.span.start, other.span.start)
            if overlap <= 0:
                continue
            if other.license_id == det.license_id or other.kind == "notice":
                duplicate = True  # a notice's words are the notice, not a second statement
                break
        if not duplicate:
            kept.append(det)
    return kept


# --- sentences ----------------------------------------------------------------------------------

_STOP = re.compile(r"[.!?]")
_FENCE_LINE = re.compile(r" {0,3}(?:`{3,}|~{3,})")


def sentences(text: str, lo: int = 0, hi: int | None = None, *,
              comments: bool = False) -> list[tuple[int, int]]:
    """The sentences of ``text[lo:hi]`` as character ranges, in order, each without the space
    and markers around it.

    Why the same rules as a statement's span: a sentence ends at a full stop that ends one
    (not 'v. 2.0', 'Inc.'), and prose never runs across a blank line, a heading, a list item,
    a table row or from one kind of comment into another; a heading, a table row and each line
    of a fenced code block is a sentence of its own. Linear in the length of the range.

    ``comments``: the text is program source, where a line that goes on with the previous
    line's comment marker ('#', ' * ', '//') continues its sentence: there '# ' is no heading
    and ' * ' no list item. A blank comment line, or a list item inside the comment, still
    ends it.
    """
    hi = len(text) if hi is None else min(hi, len(text))
    out: list[tuple[int, int]] = []

    def close(a: int, b: int) -> None:
        a = _skip_markers(text, a, b)
        b = _trim_end(text, a, b)
        if b > a:
            out.append((a, b))

    start = lo
    previous = ""
    fenced = False
    pos = _line_start(text, lo)
    while pos < hi:
        end = _line_end(text, pos)
        line = text[pos:end]
        begin = max(pos, lo)
        marker = _COMMENT.match(line) if comments else None
        above = _COMMENT.match(previous) if marker else None
        if marker and above and _comment_marker(previous) == _comment_marker(line):
            body, before = line[marker.end():], previous[above.end():]
            alone = False
            breaks = bool(_BLANKISH.match(body) or _BLOCK_LINE.match(body)
                          or _BLANKISH.match(before))
        else:
            fence = bool(_FENCE_LINE.match(line))
            fenced = fenced != fence
            alone = bool(fence or fenced or _HEADING_LINE.match(line))
            breaks = bool(alone or _BLANKISH.match(line) or _BLOCK_LINE.match(line)
                          or _BLANKISH.match(previous) or _HEADING_LINE.match(previous)
                          or _comment_marker(line) != _comment_marker(previous))
        if breaks:
            close(start, begin)
            start = begin
        for stop in _STOP.finditer(text, begin, min(end, hi)):
            if _is_sentence_end(text, stop.start()):
                close(start, stop.end())
                start = stop.end()
        if alone:
            close(start, min(end, hi))
            start = min(end, hi)
        previous = line
        pos = end + 1
    close(start, hi)
    return out


# --- README license sections --------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_SETEXT = re.compile(r"^ {0,3}(\S[^\n]*)\n {0,3}(=+|-+)[ \t]*$", re.MULTILINE)
# The word on its own: "license-plate-detector" or "licenses_dataset" as a model's name is not a
# License heading.
_SECTION_TITLE = re.compile(
    r"(?<![\w-])(?:licen[cs](?:e|es|ing)|terms(?:\s+of\s+(?:use|service))?|restrictions?"
    r"|(?:acceptable|permitted|prohibited)\s+uses?|use\s+polic(?:y|ies))(?![\w-])"
    r"|协议|協議|许可|許可|授权|授權|条款|條款|ライセンス|利用規約|라이[선센]스",
    re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)",
                           re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[^\n]*$|\Z)",
                    re.MULTILINE | re.DOTALL)


# Headings written in HTML (``<h2>License</h2>``) and the title of a collapsed block.
_HTML_HEADING = re.compile(r"<h([1-6])(?:\s[^<>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_SUMMARY = re.compile(r"<summary(?:\s[^<>]*)?>(.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)


def front_matter_end(text: str) -> int:
    """Where a model card's YAML front matter ends (0 without one): the card's metadata is read
    as metadata by the sources, so its ``license:`` line is not a statement of the text."""
    front = _FRONT_MATTER.match(text)
    return front.end() if front else 0


def license_sections(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sections whose heading names the license, terms, restrictions
    or a use policy (where an uploader states terms, whatever the heading calls them).

    Each runs from its heading to the next heading of the same or a higher level (or the end);
    a section inside another is not listed again. YAML front matter and fenced code blocks are
    never headings.
    """
    front = _FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    hidden = [(m.start(), m.end()) for m in _FENCE.finditer(text, body_start)]

    def visible(pos: int) -> bool:
        return not any(a <= pos < b for a, b in hidden)

    headings: list[tuple[int, int, str]] = []  # (offset, level, title)
    for match in _ATX.finditer(text, body_start):
        if visible(match.start()):
            headings.append((match.start(), len(match.group(1)), match.group(2)))
    for match in _SETEXT.finditer(text, body_start):
        title = match.group(1)
        if (visible(match.start()) and not _ATX.match(title) and not title.lstrip().startswith(
                ("-", "*", "+", ">", "|")) and not _BLANKISH.match(title)):
            headings.append((match.start(), 1 if match.group(2)[0] == "=" else 2, title))
    for match in _HTML_HEADING.finditer(text, body_start):
        if visible(match.start()):
            headings.append((match.start(), int(match.group(1)), match.group(2)))
    headings.sort()
    sections: list[tuple[int, int]] = []
    for n, (offset, level, title) in enumerate(headings):
        if not _SECTION_TITLE.search(title):
            continue
        stop = len(text)
        for later, later_level, _title in headings[n + 1:]:
            if later_level <= level:
                stop = later
                break
        if not sections or stop > sections[-1][1] or offset >= sections[-1][1]:
            sections.append((offset, stop))  # a section inside one already found adds nothing
    # A collapsed block titled as the license ("<details><summary>License</summary>...") is a
    # License section from its title to the block's end.
    for match in _SUMMARY.finditer(text, body_start):
        if visible(match.start()) and _SECTION_TITLE.search(match.group(1)):
            close = text.find("</details>", match.end())
            sections.append((match.start(), len(text) if close < 0 else close))
    sections.sort()
    return sections


# The statement vocabulary the other languages' readers (``cjk``) share with English.
__all__ = ["CONFIDENCE", "NOT_A_GRANT", "find_statements", "front_matter_end", "harmless_around",
           "license_sections", "linked_elsewhere", "literal_windows", "name_tokens",
           "names_a_license", "names_from", "qualifies", "sentences", "statement_detection",
           "without_urls"]

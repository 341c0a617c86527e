"""What a multi-license file says about its licenses besides their texts: the heading that says
which component a bundled text covers, the sentence that gives a license to part of a repository,
the pointer to the files that hold the texts, and how the licenses combine.

Why: a NOTICE that bundles third-party texts under "LICENSE FOR NVIDIA Megatron-LM code"
headings, an lz4-style LICENSE ("all files in the `lib` directory use a BSD 2-Clause license -
all other files use a GPL-2.0-or-later license") and a LICENSE that says "dual licensed under
Apache-2.0 or BSD-3-Clause, see LICENSE.APACHE and LICENSE.BSD" all state their terms in words
that are neither a license text nor a standard notice. Left unexplained, each is a finding a
person must clear by hand; misread, they would pass. Here each form is recognised only when it
holds nothing that could restrict, and what it says is kept (``Detection.covers``,
``FileReport.expression``, ``FileReport.points_to``), so resolve can check that the files
pointed at are there and a reader sees what each license covers.

Interface:
- ``explain_rest(text, statements, passages, names_a_license)``: called by the chain on what no
  text, statement or template part explains; adds scope statements ("all files in the `lib`
  directory use a BSD 2-Clause license"), accounts for the fields of bundled-license records
  (numpy's "Name: / Files: / License:") and for grants by reference ("the licenses found in
  LICENSE.APACHE or LICENSE.BSD"), and sets aside pointer sentences ("see LICENSE.APACHE")
  only in a file that names a license (a pointer alone names nothing).
- ``finish(text, report)``: on the finished report: bundle headings above texts and notices
  ("LICENSE FOR X code", "Files: snappy/*", "ALTERNATIVE A - MIT License", a title line),
  each checked against the license below it; the expression; the files pointed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from licscan.licenses.catalog import load_catalog
from licscan.model import Detection, FileReport, Passage, Span

# --- passages -----------------------------------------------------------------------------------

_WORD = re.compile(r"\w")


def _span(text: str, start: int, end: int) -> Span:
    return Span(text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 1, start, end)


def _passage(text: str, start: int, end: int) -> Passage | None:
    """The words of ``text[start:end]`` as a passage, trimmed to its first and last word."""
    piece = text[start:end]
    first = _WORD.search(piece)
    if first is None:
        return None
    last = max(m.end() for m in _WORD.finditer(piece))
    a, b = start + first.start(), start + last
    return Passage(" ".join(text[a:b].split()), _span(text, a, b))


def cut(text: str, passages: Iterable[Passage], spans: list[tuple[int, int]],
        ) -> tuple[Passage, ...]:
    """``passages`` without the characters in ``spans``; what is left of each stays a passage."""
    out: list[Passage] = []
    for passage in passages:
        pieces = [(passage.span.start, passage.span.end)]
        for a, b in sorted(spans):
            next_pieces = []
            for lo, hi in pieces:
                if b <= lo or a >= hi:
                    next_pieces.append((lo, hi))
                    continue
                if a > lo:
                    next_pieces.append((lo, a))
                if b < hi:
                    next_pieces.append((b, hi))
            pieces = next_pieces
        if pieces == [(passage.span.start, passage.span.end)]:
            out.append(passage)
            continue
        out.extend(p for p in (_passage(text, lo, hi) for lo, hi in pieces) if p is not None)
    return tuple(out)


# Words that may restrict, condition or negate: a heading, scope or pointer holding one is not
# recognised (its text stays unexplained for a person to read).
_RESTRICTIVE = re.compile(
    r"\b(?:not|no|only|except\w*|exclud\w*|research|non[- ]?commercial\w*|prohibit\w*|"
    r"restrict\w*|must|may|shall|solely|limit\w*|unless|without|provided|cannot|never|but|"
    r"however|additional|condition\w*|requir\w*|subject|terminat\w*|\w+n't|evaluation|"
    r"personal|academic|internal)\b",
    re.IGNORECASE,
)

# --- the names of licenses ----------------------------------------------------------------------


def license_id(name: str) -> str | None:
    """A catalog id for a license named in a scope sentence ("BSD 2-Clause",
    "GPL-2.0-or-later", "Apache License 2.0"); None when the name is not exactly one license
    (a bare "Apache" or "BSD" names a family, not a version)."""
    catalog = load_catalog()
    name = " ".join(name.strip(" `'\"*_").split())
    for candidate in (name, name.replace(" ", "-"), f"{name} license",
                      f"{name} license".replace(" ", "-")):
        entry = catalog.get(candidate)
        if entry is not None and entry.id not in ("other", "unknown", "noassertion"):
            return entry.id
    return None


# --- scope statements ---------------------------------------------------------------------------

_SCOPE = re.compile(
    r"(?P<where>\b(?:all\s+)?(?:the\s+)?(?:other|remaining)?\s*(?:project\s+|source\s+)?files"
    r"(?:\s+(?:in|under|within)\s+(?:the\s+)?(?P<dir>`[^`\n]{1,80}`|[\w./*\-]{1,80})"
    r"(?:\s+(?:directory|folder|subdirectory))?)?)"
    r"\s+(?:use|are\s+(?:licensed|released|distributed|covered)\s+under|are\s+under|"
    r"are\s+covered\s+by)"
    r"\s+(?:an?\s+|the\s+)?(?P<name>[\w.+\-]+(?:\s+[\w.+\-]+){0,3}?)\s+licen[cs]e\b",
    re.IGNORECASE,
)


# "This repository uses 2 different licenses:" before its scope statements says nothing more.
_SCOPES_INTRO = re.compile(
    r"\b(?:this|the)\s+(?:repository|repo|project|library|package|code\s*base|software)"
    r"\s+(?:uses|is\s+under|contains\s+code\s+under)\s+(?:\d+|two|three|four|several|multiple)"
    r"\s+(?:different\s+)?licen[cs]es\s*:?",
    re.IGNORECASE,
)


def _scopes(text: str, start: int, end: int) -> list[Detection]:
    found = []
    for match in _SCOPE.finditer(text, start, end):
        where = " ".join(match.group("where").split())
        if _RESTRICTIVE.search(where) or "\n\n" in match.group(0):
            continue
        lid = license_id(match.group("name"))
        if lid is None:
            continue
        entry = load_catalog().lookup(lid)
        found.append(Detection(
            license_id=entry.id, name=entry.name, status="match", confidence=0.95,
            matcher="statement", span=_span(text, match.start(), match.end()), coverage=0.0,
            similarity=1.0, kind="reference", covers=where.replace("`", ""),
        ))
    return found


# --- pointers -----------------------------------------------------------------------------------

_FILE = (r"(?:\[[^\]\n]{1,60}\]\([^)\s]{1,120}\)|`[^`\n]{1,80}`|\"[\w./\-]{1,80}\"|"
         r"(?:\./)?(?:[\w.\-]+/)*(?:(?:LICEN[CS]E|COPYING|NOTICE)(?:[._\-][\w.\-]*\w)?"
         r"|(?i:licen[cs]e|copying|notice)[._\-][\w.\-]*\w))")
# After "for the license text, see" any repository path is the pointer, not only LICENSE*.
_PATH = r"(?:\./)?(?:\.?[\w\-][\w.\-]*/)*\.?[\w\-][\w.\-]*\w"
_POINTER = re.compile(
    r"(?i:for\s+(?:more\s+)?(?:details|information|(?:the\s+)?(?:full\s+)?licen[cs]e\s+texts?)"
    r"\s*,?\s*see\s+)(?P<path>" + _PATH + r")(?=[\s.,;)]|$)[.)]*"
    r"|(?:\(\s*)?\b(?i:(?:(?:please\s+)?(?:see|refer\s+to)|(?:is|are)\s+(?:included\s+)?"
    r"(?:in|found\s+in))"
    r"\s+(?:the\s+(?:files?\s+)?)?)(?P<files>" + _FILE + r"(?:\s*(?i:,|and|&|or)\s*(?i:the\s+)?"
    + _FILE + r")*)"
    r"(?i:(?:\s+(?:files?|respectively))?"
    r"(?:\s+for\s+(?:the\s+)?(?:full\s+|complete\s+)?(?:licen[cs]e\s+)?(?:texts?|details|"
    r"information|terms)(?:\s+of\s+(?:each|both|the\s+licen[cs]es?))?)?)"
    r"\s*[.)]*",
)
_ONE_FILE = re.compile(_FILE)
_POINTER_WORD = re.compile(r"licen[cs]|copying|notice", re.IGNORECASE)
# A grant by reference: the terms are "the licenses found in LICENSE.APACHE or LICENSE.BSD"
# (pyca/cryptography). It names no license itself; the files it names carry the terms.
_BY_REFERENCE = re.compile(
    r"(?i:(?:\b(?:this|the)\s+(?:software|project|code|repository|library|package|model|"
    r"work)\s+)?\b(?:is|are)\s+(?:made\s+available|licen[cs]ed|released|distributed|available)"
    r"\s+under\s+(?:the\s+terms\s+of\s+)?(?:[*_]*(?:either|any|one)[*_]*\s+of\s+)?"
    r"the\s+licen[cs]es?\s+(?:found|contained|included|given)\s+in\s+(?:the\s+files?\s+)?)"
    r"(?P<files>" + _FILE + r"(?:\s*(?i:,|and|or)\s*" + _FILE + r")*)\s*\.?",
)


def pointer_sentences(text: str, start: int, end: int, pattern: re.Pattern[str] = _POINTER,
                      ) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, files) of every pointer to files in ``text[start:end]``."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    if _POINTER_WORD.search(text, start, end) is None:
        return found  # every pointer names a license file or "license text": cheap to rule out
    for match in pattern.finditer(text, start, end):
        files = []
        path = match.groupdict().get("path")
        named = [path] if path else [
            one.group(0) for one in _ONE_FILE.finditer(match.group("files"))]
        for name in named:
            link = re.match(r"\[[^\]]*\]\(([^)]*)\)", name)
            name = (link.group(1) if link else name).strip("`\"")
            if name.startswith("./"):
                name = name[2:]
            if name and "://" not in name and ".." not in name.split("/"):
                files.append(name)
        if files:
            found.append((match.start(), match.end(), tuple(dict.fromkeys(files))))
    return found


# --- the chain's hook ---------------------------------------------------------------------------


def explain_rest(text: str, statements: list[Detection], passages: tuple[Passage, ...],
                 names_a_license: bool) -> tuple[list[Detection], tuple[Passage, ...]]:
    """Scope statements found in ``passages``, and the passages without them and without the
    pointer sentences of a file that names a license."""
    if not passages:
        return statements, passages
    scoped: list[Detection] = []
    for passage in passages:
        scoped.extend(_scopes(text, passage.span.start, passage.span.end))
    if scoped:
        spans = [(d.span.start, d.span.end) for d in scoped]
        spans += [m.span() for p in passages
                  for m in _SCOPES_INTRO.finditer(text, p.span.start, p.span.end)]
        passages = cut(text, passages, spans)
        statements = [*statements, *scoped]
    by_reference = [(a, b) for p in passages for a, b, _files in
                    pointer_sentences(text, p.span.start, p.span.end, _BY_REFERENCE)]
    if by_reference:
        passages = cut(text, passages, by_reference)
    if (names_a_license or statements) and passages:
        pointers = [(a, b) for p in passages
                    for a, b, _files in pointer_sentences(text, p.span.start, p.span.end)]
        if pointers:
            passages = cut(text, passages, pointers)
    if statements and passages:
        statements, passages = _records(text, statements, passages)
    return statements, passages


# A record of a bundled-licenses list (numpy's LICENSES_bundled.txt, Debian-style notices):
# "Name: libdivide" / "Files: numpy/.../libdivide/*" lines in the same block as its
# "License: Zlib" statement.
_FIELD = re.compile(r"^[ \t]*(?P<key>name|files?|component|package|project|library|source)"
                    r"[ \t]*:[ \t]*(?P<value>\S[^\n]{0,119})$", re.IGNORECASE | re.MULTILINE)


def _records(text: str, statements: list[Detection], passages: tuple[Passage, ...],
             ) -> tuple[list[Detection], tuple[Passage, ...]]:
    """Field lines of a record whose block (its run of non-blank lines) holds a statement are
    accounted for; the statement keeps the record's files (or name) as what it covers."""
    removed: list[tuple[int, int]] = []
    covers: dict[int, str] = {}
    for passage in passages:
        line_end = text.find("\n", passage.span.end)
        for field in _FIELD.finditer(text, text.rfind("\n", 0, passage.span.start) + 1,
                                     len(text) if line_end < 0 else line_end):
            value = " ".join(field.group("value").split())
            is_files = field.group("key").lower().startswith("file")
            if not (is_files and _paths(value)) and (
                    _RESTRICTIVE.search(value)
                    or re.search(r"licen[cs]|terms|agreement", value, re.IGNORECASE)):
                continue
            block_start = text.rfind("\n\n", 0, field.start()) + 2
            block_end = text.find("\n\n", field.end())
            block_end = len(text) if block_end < 0 else block_end
            inside = [i for i, d in enumerate(statements)
                      if block_start <= d.span.start < block_end]
            if not inside:
                continue
            removed.append(field.span())
            for i in inside:
                if is_files or i not in covers:
                    covers[i] = value
    if not removed:
        return statements, passages
    statements = [replace(d, covers=covers[i]) if i in covers and not d.covers else d
                  for i, d in enumerate(statements)]
    return statements, cut(text, passages, removed)


# --- the finished report ------------------------------------------------------------------------

_DECORATION = re.compile(r"^[\s\-=#*_~+|>:]+|(?:[\s\-=#_~+|<:]|(?<!/)\*)+$")
_PATHS = re.compile(r"^[\w./*\-]+(?:[,;\s]+[\w./*\-]+)*$")


def _paths(value: str) -> bool:
    """Whether a "Files:" value is a list of paths: each item a path (with a '/', '*' or
    '.') or a word that restricts nothing ("Files: all, except commercial use" is not)."""
    if not _PATHS.match(value):
        return False
    return all(any(c in item for c in "/*.") or not _RESTRICTIVE.search(item)
               for item in re.split(r"[,;\s]+", value) if item)
_HEADING = re.compile(
    r"^(?:(?:licen[cs]es?|copyright|copying)\s+(?:for|of)\s+(?P<what>\S.{0,79})"
    r"|files?\s*:\s*(?P<files>\S.{0,119})"
    # "Files other than internal/golang/* licensed under:", "All the remaining project files
    # are covered by the Apache license:"
    r"|(?P<scope>\S.{0,79}?)\s+(?:(?:are|is)\s+)?(?:covered\s+by|licen[cs]ed\s+under|"
    r"released\s+under|distributed\s+under)(?:\s+(?:the|an?)\s+(?P<named>[\w.+\- ]{1,40}?)"
    r"\s+licen[cs]e)?\s*:?"
    # "ALTERNATIVE A - MIT License" (stb: one of two texts, "choose whichever you prefer")
    r"|alternative\s+(?P<alt>[a-z0-9])\s*[-\u2013:]\s*(?P<alt_named>\S.{0,79}))$",
    re.IGNORECASE,
)
_SCOPE_WORDS = re.compile(r"\bfiles?\b|\bcode\b|/", re.IGNORECASE)
_COPYRIGHT_LINE = re.compile(r"^\W*(?:copyright|\(c\)|©)", re.IGNORECASE)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line overlapping ``text[start:end]``, clipped to it; lazily, so a
    search that stops at the next line costs one line, not the rest of the file."""
    position = text.rfind("\n", 0, start) + 1
    while position < end:
        stop = text.find("\n", position)
        stop = len(text) if stop < 0 else stop
        yield max(position, start), min(stop, end)
        position = stop + 1


def _heading(line: str) -> tuple[str | None, str | None, bool] | None:
    """What a bundle heading line says the text below it covers, the license it names (to be
    checked against that text), and whether it is one alternative of a choice; or None."""
    bare = _DECORATION.sub("", line.strip())
    match = _HEADING.match(bare)
    if match is None:
        return None
    if match.group("alt"):
        named = " ".join(match.group("alt_named").split())
        return (None, named, True) if not _RESTRICTIVE.search(named) else None
    if match.group("scope"):
        scope = " ".join(match.group("scope").split())
        words = " ".join(w for w in scope.split() if not any(c in w for c in "/*."))
        if not _SCOPE_WORDS.search(scope) or _RESTRICTIVE.search(words) or re.search(
                r"licen[cs]|terms|agreement", words, re.IGNORECASE):
            return None
        return scope, match.group("named"), False
    what = " ".join((match.group("what") or match.group("files")).split())
    if match.group("files") and _paths(what):
        return what, None, False  # paths: their words ("internal") are names, not terms
    if _RESTRICTIVE.search(what) or re.search(r"licen[cs]|terms|agreement", what, re.I):
        return None
    return what, None, False


def _names_agree(named: str | None, lid: str) -> bool:
    """Whether a license a heading names is the text below it: the same catalog id, or only
    words of that license's own title ("Apache" above an Apache-2.0 notice, "Public Domain
    (www.unlicense.org)" above the Unlicense)."""
    if named is None:
        return True
    if license_id(named) == lid:
        return True
    from licscan.matching.identify import title_words

    entry = load_catalog().lookup(lid)
    allowed = set(title_words(lid)) | {"public", "domain", "www", "org", "com", "http",
                                                "https", "license", "licence"}
    allowed |= {w for alias in entry.aliases for w in re.findall(r"[a-z0-9]+", alias.lower())}
    words = set(re.findall(r"[a-z0-9]+", named.lower()))
    return bool(words) and words <= allowed and bool(words & (allowed - {
        "public", "domain", "www", "org", "com", "http", "https", "license", "licence"}))


def _introduced(text: str, after: int, report: FileReport) -> int | None:
    """The license a heading ending at ``after`` stands above. A license text: the first later
    line that the chain did not account for as a title or copyright line, and that is not
    another heading, must be where that text starts. A statement ("Licensed under the Apache
    License..."), which has no title of its own: it must start on the next line with words
    (after other headings), and must not already say what it covers."""
    starts = {d.span.start: i for i, d in enumerate(report.detections)}
    unexplained = [(p.span.start, p.span.end) for p in report.unexplained]
    inside = [(d.span.start, d.span.end) for d in report.detections]
    skipped = False
    for lo, hi in _lines(text, after + 1, len(text)):
        line = text[lo:hi]
        if not _WORD.search(line) or _heading(line):
            continue
        begins = next((i for start, i in starts.items() if lo <= start <= hi), None)
        if begins is not None:
            det = report.detections[begins]
            if det.kind != "text" and (skipped or det.covers):
                return None
            return begins
        if any(a < hi and lo < b for a, b in unexplained + inside):
            return None  # text of its own, or the middle of a license: no heading of a text
        skipped = skipped or not _COPYRIGHT_LINE.match(line)
    return None


def _headings(text: str, report: FileReport) -> tuple[FileReport, list[int]]:
    """The report with its bundle headings accounted for, and which texts are alternatives
    of a choice the file offers (their headings say "ALTERNATIVE A", "ALTERNATIVE B")."""
    detections = list(report.detections)
    if not detections or not report.unexplained:
        return report, []
    covers: dict[int, list[str]] = {}
    removed: list[tuple[int, int]] = []
    alternatives: list[int] = []
    for passage in report.unexplained:
        # A heading stands right above what it introduces, so only a passage's last lines can
        # be headings: read them from the end, and stop at the first that is not one.
        for lo, hi in reversed(list(_lines(text, passage.span.start, passage.span.end))):
            lo = text.rfind("\n", 0, lo) + 1
            hi = len(text) if text.find("\n", hi) < 0 else text.find("\n", hi)
            if not _WORD.search(text[lo:hi]):
                continue
            heading: tuple[str | None, str | None, bool] | None = _heading(text[lo:hi])
            if heading is None:
                # A title line above a later text ("### Apache License ###"): only the words
                # of the license it stands above.
                bare = _DECORATION.sub("", text[lo:hi].strip())
                if not bare or len(bare.split()) > 6:
                    break
                heading = (None, bare, False)
            what, named, alternative = heading
            target = _introduced(text, hi, report)
            if target is None or not _names_agree(named, detections[target].license_id):
                break
            removed.append((lo, hi))
            if alternative:
                alternatives.append(target)
            elif what:
                covers.setdefault(target, []).insert(0, what)  # read from the end
        for match in _INTRO.finditer(text, passage.span.start, passage.span.end + 1):
            if _RESTRICTIVE.search(match.group(0)):
                continue
            target = _introduced(text, match.end(), report)
            if target is not None:
                covers.setdefault(target, []).append(match.group("where"))
                removed.append(match.span())
    if len(alternatives) >= 2:
        # "This software is available under 2 licenses -- choose whichever you prefer."
        first = min(detections[i].span.start for i in alternatives)
        for passage in report.unexplained:
            if passage.span.start < first:
                removed.extend(m.span() for m in _CHOICE.finditer(
                    text, passage.span.start, passage.span.end + 1))
    if not removed:
        return report, []
    for i, whats in covers.items():
        detections[i] = replace(detections[i], covers="; ".join(whats))
    return (replace(report, detections=tuple(detections),
                    unexplained=cut(text, report.unexplained, removed)),
            sorted(alternatives) if len(alternatives) >= 2 else [])


_CHOICE = re.compile(
    r"\b(?:this\s+(?:software|project|code|library)\s+)?is\s+(?:available|licen[cs]ed|released)"
    r"\s+under\s+(?:\d+|two|three|four)\s+(?:different\s+)?licen[cs]es\s*[-\u2013\u2014,;:]*\s*"
    r"(?:choose|pick|select|use)\s+(?:whichever|either|any|one)(?:\s+(?:one|of\s+them))?"
    r"(?:\s+you\s+prefer)?\s*[.!]?",
    re.IGNORECASE,
)


# A sentence that introduces the text below it: "The files in <dir> (...) are available under
# the following license:".
_INTRO = re.compile(
    r"\b(?:the\s+)?(?:files?|code|sources?|source\s+files)\s+(?:in|under)\s+(?:the\s+)?"
    r"(?P<where>[\w./*\-]{1,120})(?:\s+(?:directory|folder))?(?:\s+\([^()]{0,160}\))?"
    r"\s+(?:is|are)\s+(?:available|licensed|released|distributed|provided)\s+under\s+"
    r"the\s+following\s+licen[cs]e\s*:",
    re.IGNORECASE,
)
_OR_WORDING = re.compile(r"\bor\b|\beither\b|at\s+your\s+(?:option|choice)|dual[- ]licen",
                         re.IGNORECASE)


def _copyleft(license_id: str) -> bool:
    entry = load_catalog().get(license_id)
    return entry is not None and entry.category in ("copyleft", "weak-copyleft",
                                                    "network-copyleft")


def expression(text: str, detections: tuple[Detection, ...],
               choice: list[int] | None = None) -> str | None:
    """How the licenses combine, as the file states it: statements naming several licenses in
    one sentence with "or", "either", "at your option" or "dual licensed" are a choice (OR);
    everything else holds together (AND: bundled texts, parts under their own license)."""
    groups: dict[tuple[int, int], list[str]] = {}
    terms: list[str] = []
    catalog = load_catalog()
    if choice:
        terms.append("(" + " OR ".join(dict.fromkeys(detections[i].license_id
                                                      for i in choice)) + ")")
    for number, det in enumerate(detections):
        if choice and number in choice:
            continue
        entry = catalog.get(det.license_id)
        if entry is not None and entry.exception and det.kind == "text":
            # An exception's text (GCC-exception-3.1 after a GPL text) modifies the copyleft
            # license before it: "gpl-3.0-or-later WITH gcc-exception-3.1".
            base = next((i for i in range(len(terms) - 1, -1, -1)
                         if " " not in terms[i] and _copyleft(terms[i])), None)
            if base is not None:
                terms[base] = f"{terms[base]} WITH {det.license_id}"
                continue
        if det.kind in ("text", "notice") or det.covers:
            terms.append(det.license_id)
            continue
        groups.setdefault((det.span.start, det.span.end), []).append(det.license_id)
    for (start, end), ids in groups.items():
        unique = list(dict.fromkeys(ids))
        if len(unique) > 1 and _OR_WORDING.search(text[start:end]):
            terms.append("(" + " OR ".join(unique) + ")")
        else:
            terms.extend(unique)
    unique_terms = list(dict.fromkeys(terms))
    if len({d.license_id for d in detections}) < 2:
        return None
    return " AND ".join(unique_terms)


def finish(text: str, report: FileReport) -> FileReport:
    """Bundle headings accounted for, the expression the file states, the files it points at."""
    if not report.detections:
        # A file that only says its terms are in other files is identified as pointing at
        # them: it names no license, and resolve judges the files it names (or their absence).
        referred = [f for _a, _b, files in pointer_sentences(text, 0, len(text), _BY_REFERENCE)
                    for f in files]
        if report.status == "unknown" and referred and not report.unexplained:
            return replace(report, status="identified", points_to=tuple(dict.fromkeys(referred)),
                           message="no license named here; its terms are in "
                           + ", ".join(dict.fromkeys(referred)), resembles=())
        return report
    report, choice = _headings(text, report)
    # Pointers are read outside the license texts only (a text's own "see the LICENSE file"
    # is part of it), which also keeps a clean license file's scan to a few characters.
    outside: list[tuple[int, int]] = []
    position = 0
    for a, b in sorted((d.span.start, d.span.end) for d in report.detections
                       if d.kind == "text"):
        if a > position:
            outside.append((position, a))
        position = max(position, b)
    outside.append((position, len(text)))
    points: list[str] = []
    for lo, hi in outside:
        for pattern in (_BY_REFERENCE, _POINTER):
            for _start, _end, files in pointer_sentences(text, lo, hi, pattern):
                points.extend(files)
    return replace(report, expression=expression(text, report.detections, choice),
                   points_to=tuple(dict.fromkeys(points)))


__all__ = ["cut", "explain_rest", "expression", "finish", "license_id", "pointer_sentences"]

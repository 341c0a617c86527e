"""Identification: which licenses a text holds, where, how sure, and what differs.

The chain, cheapest first:
1. exact normalised hash: the whole file is one reference text, word for word;
2. shortlist: sampled shingles say which references the file shares runs of words with, and
   where in the file those runs cluster;
3. order-sensitive similarity: the clustered region is aligned with each shortlisted reference
   over token sequences (rapidfuzz Indel, i.e. longest common subsequence), so scrambled text
   cannot score high even though all its words are there;
4. diff: every departure inside the aligned region is classified (``differences.classify``).

The best-aligned reference claims its region; other references overlapping it become
alternatives; references clustered elsewhere in the file are further licenses (code MIT plus a
model license). Nothing here knows about Hugging Face or policy.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import overload

from rapidfuzz.distance import Indel

from licscan.licenses.catalog import load_catalog
from licscan.matching.bundles import fit_between_neighbours, search_stretches
from licscan.matching.differences import classify, is_a_name
from licscan.matching.fragments import head_candidates, is_text, titled_head
from licscan.matching.index import (
    SHINGLE,
    Reference,
    ReferenceIndex,
    is_header,
    load_index,
    sampled_shingles,
    sequence_hash,
    template_text,
)
from licscan.matching.normalize import (
    NOT_IN_A_NAME,
    Reading,
    Tokens,
    contact_after_copyright,
    copyright_statement_end,
    had_copyright_lines,
    read_words,
    title_range,
    tokenize,
    unify_quotes_and_dashes,
    unify_spelling,
)
from licscan.matching.pointers import explain_rest, finish
from licscan.matching.prose import DOCUMENT_KINDS, bearing_only, document_kind, prose_only
from licscan.matching.reader import READ_LIMIT, decode_bytes
from licscan.matching.statements import find_statements, front_matter_end
from licscan.matching.templates import fills
from licscan.model import (
    Detection,
    DetectionKind,
    DetectionStatus,
    Difference,
    DifferenceKind,
    FileReport,
    Passage,
    Span,
)

MIN_CONTAINMENT = 0.2  # share of a reference's sampled shingles that must hit to shortlist it
MIN_SIMILARITY = 0.8  # order-sensitive similarity of the aligned region to accept a match
MIN_COVERAGE = 0.3  # below this share of the reference, a fragment is not reported
FULL_COVERAGE = 0.97  # at or above, the whole license is there
# Below this share of the reference, a copy that also differs from it is not reported as that
# license (a one-line warranty disclaimer inside another agreement is not a modified ISC text);
# its words stay unexplained. A fragment that does not differ is still reported as partial.
MIN_MODIFIED_COVERAGE = 0.8
MAX_CANDIDATES = 12
# What a version or date the document states that its reference does not costs a candidate, in
# words: the title, version and date lines outweigh bulk similarity (the Llama 3 AUP appended
# to the Llama 3 license shares 97 % of its words with the Llama 3.1 AUP, and says "Llama 3").
VERSION_WEIGHT = 40
WHOLE_SHARE = 0.9  # see ``_choose``
STRAY_RUN = 16  # words: an edge match this short, far from the rest, is not the text's start
MARGIN = 64  # tokens added around a hit cluster, so the unsampled edges are aligned too


@dataclass
class _Alignment:
    ref_no: int
    start: int  # first file token of the aligned region
    end: int  # one past the last
    ref_start: int
    ref_end: int
    matched: int
    similarity: float
    coverage: float
    opcodes: list[tuple[str, int, int, int, int]]
    fit: float = 0.0  # how well the reference explains its region (``_fit``): the ranking key
    missing: int = 0  # reference words the file does not say, outside the allowed departures
    added: int = 0  # file words inside the region that differ from the reference, likewise
    license_id: str = ""
    template: bool = False  # the reference is an SPDX template (``fragments.is_text`` is not)


# Opcodes turn the file into the reference, so a delete is text the file added.
_DIFFERENCE_OF: dict[str, DifferenceKind] = {
    "delete": "inserted", "insert": "removed", "replace": "replaced"}


def identify_path(path: Path, limit: int = READ_LIMIT, *, readme: bool | None = None,
                  kind: str | None = None) -> FileReport:
    """Read and identify one file; unreadable, binary and capped files are values, not errors."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return FileReport(str(path), "unreadable", message=f"could not read: {reason}")
    return identify_bytes(data, str(path), size=size, limit=limit, readme=readme, kind=kind)


def identify_bytes(data: bytes, path: str = "<bytes>", size: int | None = None,
                   limit: int = READ_LIMIT, *, readme: bool | None = None,
                   kind: str | None = None) -> FileReport:
    """Decode and identify; ``readme`` and ``kind`` as for ``identify_text``."""
    decoded = decode_bytes(data, size=size, limit=limit)
    if decoded.text is None:
        return FileReport(path, "binary", size=decoded.size,
                          message="binary content (NUL bytes); skipped")
    report = identify_text(decoded.text, path, readme=readme, kind=kind)
    message = report.message
    if decoded.truncated:
        message = (f"file is {decoded.size:,} bytes; only the first {limit:,} were read"
                   + (f"; {message}" if message else ""))
    return replace(report, encoding=decoded.encoding, size=decoded.size,
                   truncated=decoded.truncated, message=message)


def identify_text(text: str, path: str = "<text>", *, readme: bool | None = None,
                  kind: str | None = None) -> FileReport:
    """Identify every license in ``text`` (already decoded, LF line endings) and account for
    the rest of it (``_identify_text``); then what a bundle says about its parts: headings,
    the expression it states, the files it points at (``pointers.finish``)."""
    return finish(text, _identify_text(text, path, readme=readme, kind=kind))


def _identify_text(text: str, path: str = "<text>", *, readme: bool | None = None,
                   kind: str | None = None) -> FileReport:
    """Identify every license in ``text`` (already decoded, LF line endings) and account for
    the rest of it: ``FileReport.unexplained`` holds every passage that no detection, statement
    or part the license's template allows explains.

    What a file is held to depends on its kind (``prose.document_kind``: by ``path``'s name,
    or ``readme`` True for a model card, False for a file that is not one; ``kind`` says it
    outright, for a copy whose name is not the file's own): a license file to every word; a
    model card to its License sections and, elsewhere, its license-bearing sentences; a program
    source file to the license-bearing sentences of its comments and strings (code is not
    prose); a NOTICE file to its license-bearing sentences. License texts embedded anywhere are
    detected whatever the kind.
    """
    if kind is None:
        kind = document_kind(path, readme)
    elif kind not in DOCUMENT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(DOCUMENT_KINDS)}, not {kind!r}")
    reading = read_words(text)
    tokens = reading.matched
    if not tokens.words:
        statements, unexplained = _account(text, reading, [], (), kind, path)
        if statements or unexplained:
            return _without_text(path, text, statements, unexplained, (), kind)
        if had_copyright_lines(text):
            return FileReport(path, "copyright-only", size=len(text),
                              message="only copyright lines, no license text")
        return FileReport(path, "empty", size=len(text), message="no text")
    index = load_index()
    ids = _to_ids(tokens, index)
    exact = _exact(ids, index)
    if exact is not None:
        detection = _with_reserved_font_name(_exact_detection(exact, tokens, text, index), text)
        statements, unexplained = _account(
            text, reading, [(0, len(tokens.words))], (index.references[exact[0]].license_id,),
            kind, path)
        return FileReport(path, "identified", _in_order((detection, *statements)), size=len(text),
                          unexplained=unexplained)
    hits = _shortlist(ids, index)
    # A license text found after YAML front matter (a choosealicense.com page, a model card)
    # starts after it: the metadata's words are not the license's first lines.
    floor = bisect_left(tokens.starts, front_matter_end(text))
    whole = (floor, len(ids))

    def search(lo: int, hi: int) -> list[tuple[_Alignment, list[_Alignment]]]:
        lo = max(lo, floor)  # never the front matter
        return _search(ids, hits, index, lo, hi, tokens.words) if hi - lo > SHINGLE else []

    chosen = search_stretches(len(ids), search(*whole), search, whole)
    chosen = fit_between_neighbours(len(ids), chosen, lambda a, lo, hi: _search(
        ids, hits, index, max(lo, floor), hi, tokens.words, a.ref_no))
    chosen = [(_with_last_variable(best, index, text, tokens), alternatives)
              for best, alternatives in chosen]
    detections = []
    previous_end = 0
    kept = []
    for best, alternatives in chosen:
        detection = _detection(best, alternatives, reading, text, index, previous_end)
        if detection.status == "modified" and detection.coverage < MIN_MODIFIED_COVERAGE:
            continue  # a fragment that also departs from the license is not that license
        detections.append(detection)
        kept.append((best, alternatives))
        previous_end = best.end
    chosen = kept
    chosen, detections = _notices_statements_explain(text, reading, chosen, detections, index,
                                                     kind, path)
    if not chosen:
        resembles = tuple(index.references[r].license_id for r in _candidates(hits, index)[:3])
        statements, unexplained = _account(text, reading, [], (), kind, path)
        return _without_text(path, text, statements, unexplained, resembles, kind)
    statements, unexplained = _account(
        text, reading, [(best.start, best.end) for best, _alt in chosen],
        tuple(index.references[best.ref_no].license_id for best, _alt in chosen), kind, path)
    if all(d.kind == "notice" for d in detections):
        # Standard headers only: notices, held to what any notice is held to (a header found
        # in a page of text nobody recognises does not make that page the license).
        return _without_text(path, text, [*detections, *statements], unexplained, (), kind)
    detections = [_with_reserved_font_name(_as_stated(
        _tail_replaced(d, best, index, text, unexplained), text, detections, statements), text)
        for d, (best, _alt) in zip(detections, chosen, strict=True)]
    return FileReport(path, "identified", _in_order((*detections, *statements)), size=len(text),
                      unexplained=unexplained)


def _notices_statements_explain(
    text: str, reading: Reading, chosen: list[tuple[_Alignment, list[_Alignment]]],
    detections: list[Detection], index: ReferenceIndex, kind: str, path: str,
) -> tuple[list[tuple[_Alignment, list[_Alignment]]], list[Detection]]:
    """Leave a standard header cut short (``partial``) to the statements where they explain
    all of its words: a GPL notice without SPDX's "You should have received a copy ..."
    paragraph is the GNU notice ``statements`` reads in full, not a part of a header that
    must be reported as incomplete. Where the statements leave any of its words unexplained
    (hunspell's MPL-1.1 block, whose "you may not use this file except ..." no statement
    reads), the partial header is the better account of them and stays."""
    keep = []
    for number, (pair, detection) in enumerate(zip(chosen, detections, strict=True)):
        if detection.kind == "notice" and detection.status == "partial":
            others = [(b.start, b.end) for k, (b, _a) in enumerate(chosen) if k != number]
            statements, unexplained = _account(
                text, reading, others,
                tuple(index.references[b.ref_no].license_id for b, _a in chosen), kind, path)
            span = detection.span
            stated = any(d.license_id == detection.license_id and d.span.start < span.end
                         and span.start < d.span.end for d in statements)
            if stated and not any(p.span.start < span.end and span.start < p.span.end
                                  for p in unexplained):
                continue
        keep.append((pair, detection))
    return [pair for pair, _d in keep], [d for _p, d in keep]


# --- an optional ending left out, and other words in its place -------------------------------


def _with_last_variable(best: _Alignment, index: ReferenceIndex, text: str,
                        tokens: Tokens) -> _Alignment:
    """A template whose last words are a variable (BSD-2-Clause-Views' "... either expressed or
    implied, of <the FreeBSD Project>."; NCBI-PD's "Send your questions to '<email address>'"):
    the alignment stops where the copy's words differ, before the variable, and the copy's own
    name there would be left over as unexplained words of a "replaced ending". The rest of that
    line is aligned with the variable instead, so the template's rules judge it like any other
    variable: a name its regex accepts is filled in, anything else is a difference."""
    ref = index.references[best.ref_no]
    if not ref.template or best.ref_end >= len(ref.tokens) or best.end >= len(tokens.words):
        return best
    if not any(lo <= best.ref_end and hi >= len(ref.tokens) for lo, hi, _rx in ref.slots):
        return best
    line_end = text.find("\n", tokens.starts[best.end])
    last = bisect_left(tokens.starts, len(text) if line_end < 0 else line_end)
    if last <= best.end or (best.end and text.count(
            "\n", tokens.ends[best.end - 1], tokens.starts[best.end]) > 1):
        return best  # nothing on the line, or a blank line between: not the variable's words
    filled = ("replace", best.end, last, best.ref_end, len(ref.tokens))
    return replace(best, end=last, ref_end=len(ref.tokens), opcodes=[*best.opcodes, filled])


def _tail_replaced(detection: Detection, best: _Alignment, index: ReferenceIndex, text: str,
                   unexplained: tuple[Passage, ...]) -> Detection:
    """A license's optional ending (Apache's appendix, MPL's exhibits, a template's optional
    trailer) may be left out, not replaced: when the copy stops where only optional words of
    the reference remain and words nobody explains follow right there, the text is modified
    ("You may not use the Work for any commercial purpose" in place of the appendix), and those
    words stay unexplained as well."""
    ref = index.references[best.ref_no]
    if detection.kind != "text" or best.ref_end >= len(ref.tokens):
        return detection
    if ref.template:
        if _required(ref, best.ref_end, len(ref.tokens)):
            return detection
    elif best.ref_end < ref.optional_from:
        return detection
    after = next((p for p in unexplained if p.span.start >= detection.span.end), None)
    if after is None or re.search(r"[^\W_]", text[detection.span.end:after.span.start]):
        return detection
    ref_text, ref_tokens = _reference(ref.license_id, ref.template)
    left_out = _quote(ref_text, ref_tokens, best.ref_end,
                      min(len(ref_tokens.words), best.ref_end + 12))
    difference = Difference(kind="replaced", text=after.text, reference_text=left_out,
                            harmless=False, reason="optional part replaced by other text",
                            line=after.span.start_line)
    return replace(detection, status="modified",
                   differences=(*detection.differences, difference))


# --- "only" or "or later": what the document says ----------------------------------------------


def _as_stated(detection: Detection, text: str, texts: list[Detection],
               statements: list[Detection]) -> Detection:
    """A GNU license text is the same words whether the licensor means "version 2 only" or
    "version 2 or any later version": the text alone cannot say which, and the matcher names
    the "-only" member. The file can: a notice, tag or title line outside the license texts
    ("GPL-2.0-or-later", "either version 2 of the License, or (at your option) any later
    version") decides it. Only a file that states the later-version choice and never the
    "only" one renames the text; every statement stays reported as it is, so a stated license
    is never dropped (a file stating both keeps both, and the text keeps its "-only" name).
    """
    lid = detection.license_id
    if detection.kind != "text" or not lid.endswith("-only"):
        return detection
    catalog = load_catalog()
    later = catalog.get(lid[:-len("-only")] + "-or-later")
    if later is None:
        return detection
    stated = {d.license_id for d in statements}
    outside = _outside_texts(text, texts)
    says_later = later.id in stated or _states(outside, later.id)
    says_only = lid in stated or _states(outside, lid)
    if not says_later or says_only:
        return detection
    return replace(detection, license_id=later.id, name=later.name,
                   alternatives=tuple(a for a in detection.alternatives if a != later.id))


# (a name, not the template's "<Reserved Font Name>" placeholder)
_DECLARES_RFN = re.compile(r"\bwith\s+Reserved\s+Font\s+Names?\s+(?!<)\S", re.IGNORECASE)


def _with_reserved_font_name(detection: Detection, text: str) -> Detection:
    """The OFL-1.1 text is the same words with or without Reserved Font Names; what makes
    OFL-1.1-RFN is the copyright line that declares one ("Copyright (c) 2023 Adobe, with
    Reserved Font Name 'Source'"), which the template lets the copyright line say. The license
    text itself never says "with Reserved Font Name", so a file that does declares one."""
    if detection.kind != "text" or detection.license_id != "ofl-1.1" or not _DECLARES_RFN.search(
            text):
        return detection
    rfn = load_catalog().get("ofl-1.1-rfn")
    if rfn is None:
        return detection
    return replace(detection, license_id=rfn.id, name=rfn.name,
                   alternatives=tuple(a for a in detection.alternatives if a != rfn.id))


def _outside_texts(text: str, texts: list[Detection]) -> str:
    """The file with its license texts blanked out (offsets kept)."""
    chars = list(text)
    for d in texts:
        if d.kind == "text":
            chars[d.span.start:d.span.end] = " " * (d.span.end - d.span.start)
    return "".join(chars)


@lru_cache(maxsize=64)
def _stating(license_id: str) -> re.Pattern[str]:
    """How a file names this member of a GNU family: its SPDX id, aliases or catalog name
    ("GPL-2.0-or-later", "GPL-2.0+", "GNU General Public License v2.0 or later"), and the
    GNU notices' own words: "version 2 of the License, or (at your option) any later version"
    for the later-version member, "version 2 only" or "the only (valid) version" for the
    other. A bare "GPL-2.0" followed by "or later" or "+" names the later-version member."""
    entry = load_catalog().lookup(license_id)
    later = entry.id.endswith("-or-later")
    not_later = "" if later else r"(?!\s*\+|\s+or\s+(?:any\s+)?later)"
    forms = [r"(?<![\w.+-])" + re.escape(n).replace(r"\ ", r"\s+") + r"(?![\w+-]|\.\d)"
             + not_later for n in {entry.spdx, *entry.aliases, entry.name} if n]
    only = load_catalog().get(entry.id.removesuffix("-or-later") + "-only") if later else None
    if only is not None:  # "GPL-2.0 or later", "GPL-2.0+"
        forms += [r"(?<![\w.+-])" + re.escape(n).replace(r"\ ", r"\s+")
                  + r"(?:\s*\+|\s+or\s+(?:any\s+)?later\b)" for n in {only.spdx, *only.aliases}
                  if n]
    number = re.search(r"-(\d+(?:\.\d+)*)-", entry.id + "-")
    if number and entry.id.startswith(("gpl-", "lgpl-", "agpl-")):
        version = re.escape(number.group(1).removesuffix(".0"))
        head = rf"version\s+{version}(?:\.0)?(?![\d.]\d)"
        if later:
            forms.append(head + r"(?:\s+of\s+the\s+license)?,?\s+or\s+\(?at\s+your\s+"
                         r"option\)?,?\s+any\s+later\s+version")
            forms.append(head + r"\s+or\s+(?:any\s+)?later")
        else:
            forms.append(head + r"\s+only\b")
            forms.append(r"\bthe\s+only\s+(?:valid\s+)?version\b")
    return re.compile("|".join(sorted(forms)), re.IGNORECASE)


def _states(text: str, license_id: str) -> bool:
    return _stating(license_id).search(text) is not None


# --- accounting for every span -----------------------------------------------------------------

# A heading that names no license: a bare "LICENSE", "Copyright", "License.md", or which part
# of a combined file follows ("LICENSE-CODE", "LICENSE-MODEL").
GENERIC_HEADING = frozenset({"license", "licenses", "copyright", "copying", "notice", "the",
                             "md", "txt", "code", "model", "models", "weights",
                             # "License" as Chinese, Japanese and Korean cards title the section
                             "协议", "協議", "许可", "許可", "许可证", "許可證", "开源协议",
                             "開源協議", "许可协议", "許可協議", "开源许可证", "開源許可證",
                             "模型许可证", "模型許可證", "ライセンス", "라이선스", "라이센스"})
TITLE_LINES = 3  # leading lines of a reference that can be its title and version line
TITLE_LINE_WORDS = 8


@lru_cache(maxsize=256)
def title_words(license_id: str) -> frozenset[str]:
    """The words a title of this license may use: its catalog name and id, and the reference
    text's own title and version lines (the short lines before its first blank line)."""
    catalog = load_catalog()
    entry = catalog.lookup(license_id)
    words = set(_TITLE_TOKEN.findall(f"{entry.name} {entry.id}".lower()))
    text = catalog.text(entry)
    found = title_range(unify_quotes_and_dashes(text))
    if found is not None:
        words.update(read_words(text[found[0]:found[1]]).every.words)
    for line in text.lstrip().split("\n")[:TITLE_LINES]:
        line_words = read_words(line).every.words
        if not line_words or len(line_words) > TITLE_LINE_WORDS:
            break
        words.update(w for w in line_words if w not in NOT_IN_A_NAME or w == "license")
    words.update(unify_spelling(w) for w in list(words))
    return frozenset(words) | GENERIC_HEADING


_TITLE_TOKEN = re.compile(r"[^\W_]+(?:\.[0-9]+)*")


def _account(text: str, reading: Reading, ranges: list[tuple[int, int]],
             license_ids: tuple[str, ...], kind: str, path: str,
             ) -> tuple[list[Detection], tuple[Passage, ...]]:
    """Statements found in what no license text covers, and the passages nothing explains.

    Every word of the file (``Reading.every``: markup and list numbering are not words) is
    either inside a detected license text (its differences are classified there), a plain
    copyright statement (normalisation set it aside only because it is one), a title made of
    the license's own title words or a generic heading, inside a statement, or unexplained.
    """
    every, tokens, title = reading.every, reading.matched, reading.title
    covered: set[int] = set()
    for a, b in ranges:
        covered.update(tokens.starts[a:b])
    if len(covered) == len(every.starts):
        return [], ()
    matchable = set(tokens.starts)
    leftover = [
        i for i, start in enumerate(every.starts)
        if start not in covered and (start in matchable
                                     or (title is not None and title[0] <= start < title[1]))
    ]
    if kind == "readme":
        body = front_matter_end(text)
        leftover = [i for i in leftover if every.starts[i] >= body]
    leftover = prose_only(text, path, every.starts, leftover)
    if not leftover:
        return [], ()
    statements: list[Detection] = []
    for lo, hi in _runs(leftover):
        statements.extend(find_statements(text, every.starts[lo], every.ends[hi - 1]))
    if statements:
        statements = _as_versions_found(statements, license_ids)
        spans = [(d.span.start, d.span.end) for d in statements]
        leftover = [i for i in leftover
                    if not any(a <= every.starts[i] < b for a, b in spans)]
    leftover = _drop_template_lines(text, every, leftover, license_ids)
    leftover = bearing_only(text, kind, every.starts, every.ends, leftover)
    passages = tuple(
        Passage(" ".join(text[every.starts[lo]:_with_link_target(text, every.ends[hi - 1])]
                         .split()), _span(every, text, lo, hi))
        for lo, hi in _runs(leftover)
    )
    return explain_rest(text, statements, passages, bool(ranges))


_LINK_TARGET = re.compile(r"\]\([^)\s]{1,500}\)")


def _with_link_target(text: str, end: int) -> int:
    """Where a quoted passage ends: a passage ending in a link's words ("licensed under the
    [MIT License") goes on through the link's target, which is what a person must read (the
    target is no word, so the passage's own words stop short of it)."""
    found = _LINK_TARGET.match(text, end)
    return found.end() if found else end


def _as_versions_found(statements: list[Detection], license_ids: tuple[str, ...],
                       ) -> list[Detection]:
    """A statement naming a license family (a link to ai.google.dev/gemma/terms) beside the text
    of one of its versions names that version: the document's own text says which it is, and a
    bare family name would read as a second, vaguer license. Two versions found leave it as is."""
    if not statements or not license_ids:
        return statements
    catalog = load_catalog()
    out = []
    for statement in statements:
        entry = catalog.get(statement.license_id or "")
        members = [lid for lid in license_ids if entry is not None
                   and lid in entry.family_versions]
        if len(set(members)) == 1:
            statement = replace(statement, license_id=members[0],
                                name=catalog.lookup(members[0]).name)
        out.append(statement)
    return out


def _drop_template_lines(text: str, every: Tokens, leftover: list[int],
                         license_ids: tuple[str, ...]) -> list[int]:
    """Leave out the lines a template allows: a title whose every word is the license's own
    (or a bare generic heading), and a copyright statement normalisation did not recognise as
    one ("Copyright ACME Corp", no year). The rest of such a line stays unexplained."""
    by_line: dict[int, list[int]] = {}
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for i in leftover:
        by_line.setdefault(bisect_right(line_starts, every.starts[i]) - 1, []).append(i)
    kept: list[int] = []
    for line_no, indices in by_line.items():
        words = {every.words[i] for i in indices}
        if words <= GENERIC_HEADING or any(words <= title_words(lid) for lid in license_ids):
            continue
        line_end = text.find("\n", every.starts[indices[0]])
        line = text[line_starts[line_no]:line_end if line_end >= 0 else len(text)]
        offset = line_starts[line_no]
        if _holder_of_years_line(text, line_starts, line_no, every, indices):
            continue
        statement_end = copyright_statement_end(line)
        if statement_end is not None:
            indices = [i for i in indices if every.starts[i] >= offset + statement_end]
        elif contact_after_copyright(text, every.starts[indices[0]], every.ends[indices[0]]):
            contact = re.compile(r"\S*").match(text, every.starts[indices[0]])
            contact_end = contact.end() if contact else 0
            indices = [i for i in indices if every.starts[i] >= contact_end]
        kept.extend(indices)
    kept.sort()
    return kept


_YEARS_ONLY = re.compile(r"^[\W_]*copyright\s*(?:\(c\)|©)?\s*[\d\s,\-–]*\d[\d\s,\-–]*$",
                         re.IGNORECASE)


def _holder_of_years_line(text: str, line_starts: list[int], line_no: int, every: Tokens,
                          indices: list[int]) -> bool:
    """Whether this line is the holder of a copyright line just above it that gives only the
    years ("Copyright (c) 2013-2017" / "Frank Denis <j at pureftpd dot org>"): the two lines
    are one copyright statement, the part an SPDX template's copyright variable holds. The
    line must read as a name (``is_a_name``); anything else stays unexplained."""
    if line_no == 0 or len(indices) != _line_word_count(every, line_starts, line_no):
        return False
    previous = text[line_starts[line_no - 1]:line_starts[line_no]].strip()
    return bool(_YEARS_ONLY.match(previous)) and is_a_name(
        tuple(every.words[i] for i in indices))


def _line_word_count(every: Tokens, line_starts: list[int], line_no: int) -> int:
    end = line_starts[line_no + 1] if line_no + 1 < len(line_starts) else 1 << 62
    return bisect_left(every.starts, end) - bisect_left(every.starts, line_starts[line_no])


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive token indices as (first, one past the last) runs."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _in_order(detections: tuple[Detection, ...]) -> tuple[Detection, ...]:
    """Detections as they stand in the file, license texts and statements alike."""
    return tuple(sorted(detections, key=lambda d: (d.span.start, d.span.end)))


def _without_text(path: str, text: str, statements: list[Detection],
                  unexplained: tuple[Passage, ...], resembles: tuple[str, ...],
                  kind: str) -> FileReport:
    """A file that holds no license text: a license file is identified by its statements only
    when they explain all of it. Why: a notice or URL found inside a page of text nobody
    recognises (a shuffled or home-made license that quotes the Apache header) does not make
    that page the license: the file stays unknown, and its message names what it states.

    A model card, source file or NOTICE is no license text by nature: what it states is
    reported, and its unexplained license-bearing sentences with it, so the statements are
    named (and compared with the card's metadata) while the unexplained text still blocks a
    pass (LS308). A NOTICE with nothing license-bearing in it holds attributions only."""
    if kind == "notice" and not statements and not unexplained:
        # Only attributions and copyright lines: the NOTICE convention, adding no terms.
        return FileReport(path, "copyright-only", size=len(text),
                          message="only attributions and copyright lines (a NOTICE), no license "
                          "terms")
    if statements and (not unexplained or kind != "license"):
        return FileReport(path, "identified", _in_order(tuple(statements)), size=len(text),
                          unexplained=unexplained)
    return FileReport(path, "unknown", size=len(text), unexplained=unexplained,
                      message="no license text recognised"
                      + ("; it states " + ", ".join(dict.fromkeys(d.license_id for d in statements))
                         if statements else ""),
                      resembles=resembles)


# --- the chain ---------------------------------------------------------------------------------


def _to_ids(tokens: Tokens, index: ReferenceIndex) -> list[int]:
    """Token ids; words no reference uses get negative ids that match nothing but themselves."""
    vocabulary = index.vocabulary
    unseen: dict[str, int] = {}
    return [
        vocabulary[w] if w in vocabulary else -1 - unseen.setdefault(w, len(unseen))
        for w in tokens.words
    ]


def _exact(ids: list[int], index: ReferenceIndex) -> list[int] | None:
    refs = index.exact.get(sequence_hash(ids))
    if not refs:
        return None
    same = [r for r in refs if list(index.references[r].tokens) == ids]
    return same or None


def _shortlist(ids: list[int], index: ReferenceIndex) -> dict[int, list[int]]:
    """For each reference, the file positions of the sampled shingles it shares."""
    hits: dict[int, list[int]] = {}
    shingles = index.shingles
    for pos, value in sampled_shingles(ids):
        refs = shingles.get(value)
        if refs is None:
            continue
        for ref in (refs,) if isinstance(refs, int) else refs:
            hits.setdefault(ref, []).append(pos)
    return hits


@overload
def _search(ids: list[int], hits: dict[int, list[int]], index: ReferenceIndex, lo: int,
            hi: int, words: tuple[str, ...]) -> list[tuple[_Alignment, list[_Alignment]]]: ...
@overload
def _search(ids: list[int], hits: dict[int, list[int]], index: ReferenceIndex, lo: int,
            hi: int, words: tuple[str, ...], only: int) -> _Alignment | None: ...
def _search(ids: list[int], hits: dict[int, list[int]], index: ReferenceIndex, lo: int,
            hi: int, words: tuple[str, ...], only: int | None = None,
            ) -> list[tuple[_Alignment, list[_Alignment]]] | _Alignment | None:
    """Shortlist, align and choose within tokens ``lo..hi`` only (the whole file after any
    front matter, or a stretch of a bundle that no license found so far covers:
    ``bundles.search_stretches``); with ``only``, align that one reference there
    (``bundles.fit_between_neighbours``). ``words``: the file's words, for ``_fit``."""
    if (lo, hi) == (0, len(ids)):
        part, part_hits = ids, hits
    else:
        part = ids[lo:hi]
        part_hits = {}
        for ref_no, positions in hits.items():  # each in file order (``_shortlist``)
            first = bisect_left(positions, lo)
            last = bisect_right(positions, hi - SHINGLE)
            if last > first:
                part_hits[ref_no] = [p - lo for p in positions[first:last]]
    grams = _grams(part)
    if only is not None:
        if only not in part_hits:
            return None
        ref = index.references[only]
        positions = part_hits[only]
        if len(part) <= int(len(ref.tokens) * 1.3) + MARGIN:
            # The stretch is no longer than the reference: align all of it, not only the
            # cluster of rare shingles (a BSD text's first lines have none).
            positions = [0, *positions, max(0, len(part) - SHINGLE)]
        one = _align(part, positions, ref, only, grams)
        if one is None:
            return None
        one = _shifted(one, lo) if lo else one
        one.fit = _fit(one, index, words)
        return one
    candidates = _candidates(part_hits, index)
    alignments = [a for a in (_align(part, part_hits[r], index.references[r], r, grams)
                              for r in candidates) if a is not None]
    if not alignments:  # perhaps the head of a license, cut short (``fragments``)
        alignments = [a for a in (_align(part, part_hits[r], index.references[r], r, grams)
                                  for r in head_candidates(part, part_hits, index,
                                                           set(candidates)))
                      if a is not None]
    if lo:
        alignments = [_shifted(a, lo) for a in alignments]
    for alignment in alignments:
        alignment.fit = _fit(alignment, index, words)
    return _choose(alignments)


def _shifted(alignment: _Alignment, by: int) -> _Alignment:
    return replace(alignment, start=alignment.start + by, end=alignment.end + by,
                   opcodes=[(t, a + by, b + by, c, d) for t, a, b, c, d in alignment.opcodes])


def _candidates(hits: dict[int, list[int]], index: ReferenceIndex) -> list[int]:
    scored = []
    for ref_no, positions in hits.items():
        ref = index.references[ref_no]
        if ref.sampled == 0:
            continue
        containment = min(1.0, len(positions) / ref.sampled)
        # One hit is enough where it is a third of what the reference has left to hit: a
        # BSD-2-Clause shares nearly all its shingles with dozens of siblings (not indexed).
        if containment >= MIN_CONTAINMENT and (len(positions) >= 2 or containment >= 0.3):
            scored.append((containment, len(positions), ref_no))
    scored.sort(reverse=True)
    return [ref_no for _c, _n, ref_no in scored[:MAX_CANDIDATES]]


def _densest_window(positions: list[int], width: int) -> tuple[int, int]:
    """The run of hit positions, no wider than ``width``, that holds the most hits."""
    best = (0, 0)
    lo = 0
    for hi in range(len(positions)):
        while positions[hi] - positions[lo] > width:
            lo += 1
        if hi - lo > best[1] - best[0]:
            best = (lo, hi)
    return positions[best[0]], positions[best[1]]


def _grams(ids: list[int] | tuple[int, ...]) -> set[tuple[int, ...]]:
    return {tuple(ids[i:i + SHINGLE]) for i in range(len(ids) - SHINGLE + 1)}


def _moved_tokens(ref_tokens: list[int], pieces: list[tuple[int, int]],
                  grams: set[tuple[int, ...]]) -> int:
    """How many reference tokens missing from their place stand elsewhere in the file.

    Shuffled sentences keep every word run but lose the order; a truncated or edited copy
    loses the words themselves. Only the first means "not this license, just its words".
    """
    moved = 0
    for lo, hi in pieces:
        if hi - lo < 2 * SHINGLE:
            continue
        piece = _grams(ref_tokens[lo:hi])
        if piece and len(piece & grams) >= 0.6 * len(piece):
            moved += hi - lo
    return moved


def _align(ids: list[int], positions: list[int], ref: Reference, ref_no: int,
           grams: set[tuple[int, ...]], floor: int = 0) -> _Alignment | None:
    ref_tokens = ref.tokens
    body = [p for p in positions if p >= floor]
    positions = body or positions
    first, last = _densest_window(sorted(set(positions)), int(len(ref_tokens) * 1.3) + MARGIN)
    # Hits only where the reference has rare shingles (a BSD text shares most of its runs with
    # dozens of siblings, which are not indexed): the rest of it may lie on either side.
    reach = max(MARGIN, len(ref_tokens) - (last - first) + MARGIN // 4)
    lo = max(0, first - reach)
    if first >= floor:
        lo = max(lo, floor)
    hi = min(len(ids), last + SHINGLE + reach)
    window = ids[lo:hi]
    ops = _slide_edges([(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
                        for op in Indel.opcodes(window, ref_tokens)], window)
    equal = [op for op in ops if op[0] == "equal"]
    equal = _trim_stray_matches(equal)
    if not equal:
        return None
    if is_header(ref):
        equal = _header_head(equal)
    start, ref_start = equal[0][1], equal[0][3]
    end, ref_end = equal[-1][2], equal[-1][4]
    inner = [op for op in ops if op[1] >= start and op[2] <= end and op[3] >= ref_start
             and op[4] <= ref_end and not (op[1] == op[2] and op[3] == op[4])]
    matched = sum(op[2] - op[1] for op in inner if op[0] == "equal")
    similarity = 2 * matched / ((end - start) + (ref_end - ref_start))
    needed = len(ref_tokens) if ref_end > ref.optional_from else ref.optional_from
    # A template's optional and variable parts count on neither side of the share: a copy
    # that says them is no more of the license than one that leaves them out.
    said = matched - _free_matched(ref, inner)
    coverage = min(1.0, said / max(1, _required(ref, 0, needed)))
    if similarity < MIN_SIMILARITY or (coverage < MIN_COVERAGE
                                       and not titled_head(ref, inner, matched)):
        return None
    if matched < min(20, int(len(ref_tokens) * 0.9)):
        return None
    if matched < 20 and coverage < FULL_COVERAGE:
        return None  # a few words of a short text (a URL's prefix) are not a fragment of it
    missing = [(0, ref_start), (ref_end, len(ref_tokens))]
    if is_header(ref):
        # what a header's head leaves out may follow it in the file's own words (``_header_head``)
        missing = missing[:1]
    missing += [(op[3], op[4]) for op in inner if op[0] == "insert"]
    if _moved_tokens(list(ref_tokens), missing, grams) >= 0.1 * len(ref_tokens):
        return None  # the reference's passages are there, but out of order
    shifted = [(t, a + lo, b + lo, c, d) for t, a, b, c, d in inner]
    return _Alignment(ref_no, start + lo, end + lo, ref_start, ref_end, matched, similarity,
                      coverage, shifted, license_id=ref.license_id, template=not is_text(ref))


Op = tuple[str, int, int, int, int]
HEADER_GAP = 12  # words of its own a file puts inside a header before it is two passages


def _header_head(equal: list[Op]) -> list[Op]:
    """A standard header as far as the file says it without a passage of its own in between.

    Why: a header is a notice of a few paragraphs, and files keep its first ones and go on in
    their own words (hunspell's MPL-1.1 block says MPL's first two paragraphs, then its own
    contributor list and a GPL/LGPL choice). Aligned as a whole, such a copy holds too much
    of the file's own text to be similar to the header at all, and a shorter sibling header
    (MPL-1.0's, whose words are MPL-1.1's first ones with another version) would be taken
    for it. Cut at the first long run of the file's own words, the head is what the file
    says of the header: reported with its coverage (``partial`` when the rest is missing), and
    what follows is accounted for by itself (statements, or unexplained). Short matches just
    before the cut ("is", "Copyright (C)" of the file's own sentence matched against the
    header's next one) are the file's words too."""
    for k in range(1, len(equal)):
        if equal[k][1] - equal[k - 1][2] > HEADER_GAP:
            head = equal[:k]
            while len(head) > 1 and head[-1][2] - head[-1][1] < SHINGLE:
                head.pop()
            return head
    return equal


def _slide_edges(ops: list[Op], window: list[int]) -> list[Op]:
    """Move an edge match across the file's own words when the same words stand there too.

    Why: the alignment is free to match a license's first words ("This software") against the
    same words ending the text before it in a bundle ("... THIS SOFTWARE."), leaving the file's
    real first words as text the file "added": the previous license loses its last words and
    this one looks modified. Of two equally short alignments, the one without an edge gap is
    the license as written."""
    ops = list(ops)
    first = next((i for i, op in enumerate(ops) if op[0] == "equal"), None)
    if first is not None and first + 1 < len(ops) and ops[first + 1][0] == "delete":
        _tag, a, b, c, d = ops[first]
        end = ops[first + 1][2]
        if window[a:b] == window[end - (b - a):end]:
            ops[first:first + 2] = [("delete", a, end - (b - a), c, c),
                                    ("equal", end - (b - a), end, c, d)]
    last = next((i for i in range(len(ops) - 1, -1, -1) if ops[i][0] == "equal"), None)
    if last is not None and last >= 1 and ops[last - 1][0] == "delete":
        _tag, a, b, c, d = ops[last]
        begin = ops[last - 1][1]
        if window[a:b] == window[begin:begin + (b - a)]:
            ops[last - 1:last + 1] = [("equal", begin, begin + (b - a), c, d),
                                      ("delete", begin + (b - a), b, d, d)]
    return ops


def _trim_stray_matches(
    equal: list[tuple[str, int, int, int, int]],
) -> list[tuple[str, int, int, int, int]]:
    """Drop short matches at either edge that sit far from the main body: common words, or a
    license's title words matched in a notice that stands well before the text ("under the
    Apache License, Version 2.0 ... [170 words] ... Apache License / TERMS AND CONDITIONS"),
    whose gap would otherwise count against the license as added words."""
    def stray(size: int, gap: int, file_gap: int) -> bool:
        # (a gap in the reference only is text the copy left out: its title still starts it)
        return (size < 4 and gap > 2 * size + 2) or (size < STRAY_RUN and file_gap > 8 * size)

    merged: list[tuple[str, int, int, int, int]] = []
    for run in equal:  # runs that touch on both sides are one run
        if merged and merged[-1][2] == run[1] and merged[-1][4] == run[3]:
            merged[-1] = (run[0], merged[-1][1], run[2], merged[-1][3], run[4])
        else:
            merged.append(run)
    equal = merged

    while len(equal) > 1:
        block, after = equal[0], equal[1]
        if not stray(block[2] - block[1], max(after[1] - block[2], after[3] - block[4]),
                     after[1] - block[2]):
            break
        equal = equal[1:]
    while len(equal) > 1:
        block, before = equal[-1], equal[-2]
        if not stray(block[2] - block[1], max(block[1] - before[2], block[3] - before[4]),
                     block[1] - before[2]):
            break
        equal = equal[:-1]
    return equal


def _score(alignment: _Alignment) -> tuple[float, float, float, int]:
    # Coverage breaks a tie between a license's text and its SPDX template: the same words
    # explained, but the template knows the holder's name in "THE AUTHOR" is a variable part,
    # so the copy is the whole license, not a part of it.
    return (alignment.fit, alignment.similarity, alignment.coverage, -alignment.ref_no)


_WORDS_OF: dict[int, tuple[ReferenceIndex, tuple[str, ...]]] = {}


def _words_of(index: ReferenceIndex) -> tuple[str, ...]:
    """Token id -> word, for classifying a departure while ranking (the index keeps ids)."""
    known = _WORDS_OF.get(id(index))
    if known is not None and known[0] is index:
        return known[1]
    words = [""] * len(index.vocabulary)
    for word, number in index.vocabulary.items():
        words[number] = word
    _WORDS_OF.clear()
    _WORDS_OF[id(index)] = (index, tuple(words))
    return _WORDS_OF[id(index)][1]


def _fit(alignment: _Alignment, index: ReferenceIndex, file_words: tuple[str, ...]) -> float:
    """How well one reference explains its region of the file, for choosing among siblings.

    Matched words and departures its template allows (a holder's name in a placeholder, the
    optional appendix) count for it; a departure that changes the text, and every word of the
    reference the file does not say (before or after the aligned region as well as inside it),
    count against it. Why the words outside the region: a sibling whose reference says MORE (a
    no-nuclear clause, a non-commercial proviso, a title naming another license) aligns just
    as well over the part the file has, and must lose to the license whose whole text the file
    covers. A version or date that differs costs ``VERSION_WEIGHT`` more: what the document
    says it is outweighs bulk similarity. Why departures are classified here and not only
    counted: "ORGANIZATION" in one reference and "Oracle Corporation" in its sibling both
    differ from "Google Inc.", but only the first is a placeholder.
    """
    ref = index.references[alignment.ref_no]
    ref_words = _words_of(index)
    ref_tokens = ref.tokens
    titles = title_words(ref.license_id)
    first_equal = next((op for op in alignment.opcodes if op[0] == "equal"), None)
    explained = float(alignment.matched)
    outside = [(0, alignment.ref_start), (alignment.ref_end, ref.optional_from)]
    missing = sum(_required(ref, lo, hi) for lo, hi in outside if hi > lo)
    # A header's paragraphs after the ones the file says are missing (``missing``: the copy is
    # partial), but they do not make another header with fewer paragraphs a better fit: the
    # words the file does say, its version first, decide which header it is.
    against = missing - (_required(ref, alignment.ref_end, ref.optional_from)
                         if is_header(ref) and alignment.ref_end < ref.optional_from else 0)
    added = 0
    merged = _merge_replacements(alignment.opcodes)
    for tag, a, b, c, d in merged:
        if tag == "equal":
            continue
        kind = {"delete": "inserted", "insert": "removed", "replace": "replaced"}[tag]
        if _template_allows(ref, kind, (a, b, c, d), file_words, merged,
                            lambda lo, hi: [ref_words[t] for t in ref_tokens[lo:hi]]):
            explained += b - a
            continue
        in_tail = _in_optional_tail(ref, c, d)
        said = tuple(ref_words[t] for t in ref_tokens[c:d])
        harmless, reason = classify(
            kind, file_words[a:b], said,
            in_optional_tail=in_tail,
            at_head=first_equal is not None and a <= first_equal[1] + 12 and c <= 12,
            numbering=_lone_number(file_words[a:b] or said,
                                   ref_words[ref_tokens[c - 1]] if c > 0 else ""),
            title_words=titles,
        )
        if harmless:
            explained += b - a
        else:
            against += (b - a) + (d - c)
            missing += d - c
            added += b - a
            if reason.startswith("version"):
                against += VERSION_WEIGHT
    alignment.missing, alignment.added = missing, added
    return explained - 0.5 * against


def _free_matched(ref: Reference, ops: list[tuple[str, int, int, int, int]]) -> int:
    """How many of the matched reference tokens lie in the template's optional or variable
    parts."""
    if not ref.template:
        return 0
    free = _free_tokens(ref.template, ref.optional, ref.slots)
    return sum(1 for tag, _a, _b, c, d in ops if tag == "equal"
               for t in range(c, d) if t in free)


@lru_cache(maxsize=64)
def _free_tokens(template: str, optional: tuple[tuple[int, int], ...],
                 slots: tuple[tuple[int, int, str], ...]) -> frozenset[int]:
    return frozenset(t for lo, hi in (*optional, *((a, b) for a, b, _r in slots))
                     for t in range(lo, hi))


def _lone_number(words: tuple[str, ...], before: str) -> bool:
    """One clause number that only one side says ("(2) offer you" where a copy's line break
    put "(2)" at a line start and normalisation dropped it): for ranking, the layout that
    ``_clause_numbers`` checks is not at hand, so a lone number not after "version" is
    numbering. The detection's own differences still check the layout."""
    return (len(words) == 1 and bool(_CLAUSE_NUMBER.match(words[0]))
            and before not in ("version", "v"))


def _required(ref: Reference, lo: int, hi: int) -> int:
    """How many of the reference's tokens lo..hi a copy must say: a template's optional and
    variable parts need not be there."""
    if not ref.template:
        return hi - lo
    free: set[int] = set()
    for start, end in (*ref.optional, *((a, b) for a, b, _r in ref.slots)):
        free.update(range(max(lo, start), min(hi, end)))
    return hi - lo - len(free)


# A variable's original words that make it a clause: ``NOT_IN_A_NAME`` less the words that link
# a name to its line ("This software is copyright ...") and the "use" of an acknowledgement
# ("developed by the Apache Group for use in the Apache HTTP server project").
_CLAUSE_WORDS = NOT_IN_A_NAME - {"is", "are", "be", "been", "being", "was", "were", "this",
                                 "these", "that", "which", "who", "whom", "whose", "use"}
_SENTENCE_END = re.compile(r"[.;:!?](?=\s)")


def _repoints_a_clause(ref: Reference, var: tuple[int, int], change: tuple[int, int],
                       spelled: set[str]) -> bool:
    """Whether a change inside a variable sits in a sentence of the variable's original that is
    a clause, not a name: Unicode-DFS-2016's copyright line ends "Distributed under the Terms of
    Use in <url>", IJG's "All Rights Reserved except as specified below.", and a name put there
    (another site, "at acme.example") repoints the clause to terms nobody has read. Words the
    regex spells (BSD-3's "Neither ... nor ... may") are the regex's to check."""
    (lo, hi), (c, d) = var, change
    text, tokens = _reference(ref.license_id, ref.template)
    if hi <= lo:
        return False  # an empty original ("<<var;original=\"\">>") is no clause
    if hi > len(tokens.words):
        return True  # the template's words are not where the index says: fail closed
    first, last = tokens.starts[lo], tokens.ends[hi - 1]
    # words inserted between two sentences belong to the one they follow
    at = tokens.starts[c] if d > c else tokens.ends[max(lo, c - 1)]
    to = tokens.ends[d - 1] if d > c else at
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, first, at)), default=first)
    stop = next((m.start() for m in _SENTENCE_END.finditer(text, to, last)), last)
    return any(begin <= tokens.starts[t] < stop and not c <= t < d
               and tokens.words[t] in _CLAUSE_WORDS and tokens.words[t] not in spelled
               for t in range(lo, hi))


def _in_optional_tail(ref: Reference, c: int, d: int) -> bool:
    """Whether reference words c..d, if a copy leaves them out, are the published text's
    optional tail left out (after "END OF TERMS AND CONDITIONS": Apache's appendix): its head
    (the instructions, before the notice a copy keeps) or all that follows a point, never
    words inside the tail a copy keeps around them ("you may not use this file" without its
    "except in compliance with the License" is a prohibition)."""
    if c < ref.optional_from or (d == c and c == ref.optional_from):
        return False
    return c == ref.optional_from or d >= len(ref.tokens)


def _template_allows(ref: Reference, kind: str, op: tuple[int, int, int, int],
                     file_words: tuple[str, ...], ops: list[tuple[str, int, int, int, int]],
                     ref_words: Callable[[int, int], list[str]]) -> str | None:
    """Why the reference's SPDX template allows this departure, or None when it does not.

    An optional part may be left out. A variable part may hold other words when the new
    words read as a name (``is_a_name``: no clause, no load-bearing word) and the whole part
    as the file fills it matches the template's regex: "The name of X may not" and "Neither
    the name of X nor the names of its contributors may" are both BSD-3-Clause's clause 3.
    """
    if not ref.template:
        return None
    a, b, c, d = op
    if kind == "removed" and d > c and (
            all(any(c <= lo <= t < hi <= d for lo, hi in ref.optional) for t in range(c, d))
            or (not _required(ref, c, len(ref.tokens)) and any(lo == c for lo, _hi in ref.optional)
                and all(any(lo <= t < hi for lo, hi in ref.optional) for t in range(c, d)))):
        # Whole optional parts may go, adjacent ones in one stretch (a title, then the
        # preamble), and the head of an optional ending (Apache's appendix without its
        # instructions; what replaces an ending is ``_tail_replaced``'s). Before the end, part
        # of an optional part may not: CC-BY-NC-ND-4.0's preamble and title are one optional
        # part, so its word "NonCommercial", or its preamble without its title, are not. Nor
        # may words inside an ending the copy keeps: "you may not use this file except in
        # compliance with the License" without its "except ..." is a prohibition.
        return "optional part of the template"
    for lo, hi, regex in ref.slots:
        if not (lo <= c and d <= hi if d > c else lo <= c <= hi):
            continue
        # Words the template spells (in its original or in its regex) are not new words.
        said = ref_words(lo, hi)
        spelled = {w.lower() for w in re.findall(r"[A-Za-z]+", regex)}
        new = tuple(w for w in file_words[a:b] if w not in set(said) | spelled)
        if new and not is_a_name(new):
            return None
        years = b > a and all(w.isdigit() for w in file_words[a:b])  # a year repoints nothing
        if not years and _repoints_a_clause(ref, (lo, hi), (c, d), spelled):
            return None
        first, last = _file_position(ops, lo, False), _file_position(ops, hi - 1, True)
        if first is None or last is None:
            return None
        for tag, fa, fb, rc, rd in ops:  # words the file adds at either edge are filled in too
            if tag == "delete" and rc == rd == lo and fb == first:
                first = fa
            if tag == "delete" and rc == rd == hi and fa == last:
                last = fb
        if fills(regex, " ".join(file_words[first:last])):
            return "a template variable filled in"
        return None
    return None


def _file_position(ops: list[tuple[str, int, int, int, int]], pos: int,
                   end: bool) -> int | None:
    """The file token aligned with reference token ``pos`` (one past it, with ``end``)."""
    for tag, a, b, c, d in ops:
        if c <= pos < d:
            if tag == "equal":
                return a + (pos - c) + (1 if end else 0)
            return b if end else a
    return None


def _choose(alignments: list[_Alignment]) -> list[tuple[_Alignment, list[_Alignment]]]:
    """Best alignment per region of the file; overlapping runners-up become alternatives.

    Within a region, a reference the file says in full and exactly (``missing`` and ``added``
    0: its own region holds nothing else) beats a better-fitting
    sibling whose reference says more than the file does, when it explains most of the same
    words (``WHOLE_SHARE``) inside the sibling's region: the file is the license whose whole
    text it carries, plus a few words of its own (which stay unexplained and are reported),
    not a sibling with clauses the file lacks (OFL-1.1 without a Reserved Font Name line is
    not OFL-1.1-RFN). A file that adds the sibling's clause makes the sibling whole too.
    """
    ranked = sorted(alignments, key=_score, reverse=True)
    groups: list[list[_Alignment]] = []
    for alignment in ranked:
        for group in groups:
            best = group[0]
            overlap = min(best.end, alignment.end) - max(best.start, alignment.start)
            if overlap > 0.3 * min(best.end - best.start, alignment.end - alignment.start):
                group.append(alignment)
                break
        else:
            groups.append([alignment])
    chosen: list[tuple[_Alignment, list[_Alignment]]] = []
    for group in groups:
        best = group[0]
        if best.missing:
            whole = [a for a in group[1:] if not a.missing and not a.added
                     and a.matched >= WHOLE_SHARE * best.matched
                     and a.start >= best.start - MARGIN and a.end <= best.end + MARGIN]
            if whole:
                best = whole[0]
        if best.template and best.coverage < FULL_COVERAGE:
            # A template's variable parts matter in a whole copy; a part of the license is
            # measured against its published text (whose title makes a titled head).
            texts = [a for a in group if not a.template and a.license_id == best.license_id]
            if texts:
                best = texts[0]
        # Alternatives fit as well: not a sibling that only aligns as well because the words
        # it says and the file lacks lie outside the aligned region.
        alternatives = [a for a in group if a is not best
                        and a.matched >= best.matched * 0.999
                        and a.similarity >= best.similarity - 0.001
                        and a.fit >= best.fit - 1.0 and a.missing <= best.missing]
        chosen.append((best, alternatives))
    chosen.sort(key=lambda pair: pair[0].start)
    return chosen


# --- building detections -----------------------------------------------------------------------


def _exact_detection(refs: list[int], tokens: Tokens, text: str,
                     index: ReferenceIndex) -> Detection:
    ref = index.references[refs[0]]
    catalog = load_catalog()
    entry = catalog.lookup(ref.license_id)
    return Detection(
        license_id=entry.id, name=entry.name, status="exact", confidence=1.0,
        matcher="exact-hash", span=_span(tokens, text, 0, len(tokens.words)), coverage=1.0,
        similarity=1.0, alternatives=tuple(dict.fromkeys(
            index.references[r].license_id for r in refs[1:]
            if index.references[r].license_id != ref.license_id)),
        kind=_kind_of(ref),
    )


def _kind_of(ref: Reference) -> DetectionKind:
    """How a reference states its license: a standard header (``rules/headers/``) is the
    notice a file carries to say it is under the license, not the license's text. Why it
    matters: a notice's terms are elsewhere (resolve and the bundle code treat a ``text`` as the
    terms themselves), and the GNU -only/-or-later choice reads a notice, never a text."""
    return "notice" if is_header(ref) else "text"


def _detection(best: _Alignment, alternatives: list[_Alignment], reading: Reading, text: str,
               index: ReferenceIndex, previous_end: int) -> Detection:
    tokens = reading.matched
    ref = index.references[best.ref_no]
    entry = load_catalog().lookup(ref.license_id)
    differences = _differences(best, ref, reading, text)
    title = _title_version_conflict(best, ref, tokens, text, previous_end)
    if title is not None:
        differences.insert(0, title)
    substantive = any(not d.harmless for d in differences)
    status: DetectionStatus
    if substantive:
        status = "modified"
    elif best.coverage < FULL_COVERAGE:
        status = "partial"
    elif not differences and best.similarity == 1.0 and (
            not ref.template or (best.ref_start, best.ref_end) == (0, len(ref.tokens))):
        status = "exact"  # a template's text is exact only with every optional part there
    else:
        status = "match"
    confidence = best.similarity
    if status == "partial":
        confidence *= 0.5 + 0.5 * best.coverage
    # Another text of the same license (its SPDX template) is no alternative to it.
    alternatives = [a for a in alternatives
                    if index.references[a.ref_no].license_id != ref.license_id]
    if any(index.references[a.ref_no].tokens != ref.tokens for a in alternatives):
        confidence *= 0.9  # a different text fits as well: the id is less certain
    return Detection(
        license_id=entry.id, name=entry.name, status=status, confidence=round(confidence, 4),
        matcher="similarity", span=_span(tokens, text, best.start, best.end),
        coverage=round(best.coverage, 4), similarity=round(best.similarity, 4),
        differences=tuple(differences),
        alternatives=tuple(index.references[a.ref_no].license_id for a in alternatives),
        kind=_kind_of(ref),
    )


@lru_cache(maxsize=32)
def _reference(license_id: str, template: str = "") -> tuple[str, Tokens]:
    """A reference text and its tokens with offsets, for quoting it (the index keeps ids only);
    for an SPDX template, the template written out."""
    if template:
        text = template_text(template)
    else:
        catalog = load_catalog()
        text = catalog.text(catalog.lookup(license_id))
    return text, tokenize(text)


_VERSION_NUMBER = re.compile(r"^\d+\.\d+(?:\.\d+)*$")
TITLE_WINDOW = 15  # tokens before a detected span that may hold its title


def _version_marks(words: tuple[str, ...] | list[str]) -> set[str]:
    """Dotted numbers, and the number after 'version': what a title says the version is."""
    marks = {w for w in words if _VERSION_NUMBER.match(w)}
    marks.update(b for a, b in pairwise(words) if a in ("version", "v") and b[:1].isdigit())
    return marks


def _title_version_conflict(alignment: _Alignment, ref: Reference, tokens: Tokens, text: str,
                            previous_end: int) -> Difference | None:
    """A title just above the matched text that names another version (a GPL-3.0 text headed
    'Version 2') lies outside the alignment when the reference has no title; catch it here."""
    lo = max(previous_end, alignment.start - TITLE_WINDOW)
    head_start_line = text.count("\n", 0, tokens.starts[alignment.start]) - 3
    head = [i for i in range(lo, alignment.start)
            if text.count("\n", 0, tokens.starts[i]) >= head_start_line]
    marks = _version_marks([tokens.words[i] for i in head])
    if not marks:
        return None
    ref_marks = _version_marks(_reference(ref.license_id, ref.template)[1].words)
    if marks <= ref_marks:
        return None
    return Difference(
        kind="inserted", text=_quote(text, tokens, head[0], head[-1] + 1), reference_text="",
        harmless=False, reason="version or date differs (a title above the license text)",
        line=text.count("\n", 0, tokens.starts[head[0]]) + 1,
    )


def _differences(alignment: _Alignment, ref: Reference, reading: Reading,
                 text: str) -> list[Difference]:
    tokens = reading.matched
    out: list[Difference] = []
    if all(op[0] == "equal" for op in alignment.opcodes):
        return out
    def _line_of(index: int) -> int:
        return text.count("\n", 0, tokens.starts[min(index, len(tokens.starts) - 1)]) + 1
    ref_text, ref_tokens = _reference(ref.license_id, ref.template)
    merged = _merge_replacements(
        _slide_gaps_left(alignment.opcodes, tokens.words, ref_tokens.words))
    first_equal = next((op for op in merged if op[0] == "equal"), None)
    for tag, a, b, c, d in merged:
        if tag == "equal":
            continue
        # Opcodes turn the file into the reference: a delete is text the file added.
        kind = _DIFFERENCE_OF[tag]
        file_words = tokens.words[a:b]
        ref_words = ref_tokens.words[c:d]
        if kind == "removed" and _set_aside_here(reading, a, ref_words):
            out.append(Difference(kind=kind, text="", harmless=True,
                                  reference_text=_quote(ref_text, ref_tokens, c, d),
                                  reason="set aside as a copyright statement in the file",
                                  line=_line_of(a)))
            continue
        allowed = _template_allows(ref, kind, (a, b, c, d), tokens.words, merged,
                                   lambda lo, hi: list(ref_tokens.words[lo:hi]))
        if allowed:
            out.append(Difference(kind=kind, text=_quote(text, tokens, a, b), harmless=True,
                                  reference_text=_quote(ref_text, ref_tokens, c, d),
                                  reason=allowed, line=_line_of(a)))
            continue
        if kind == "inserted" and contact_after_copyright(text, tokens.starts[a],
                                                          tokens.ends[b - 1]):
            out.append(Difference(kind=kind, text=_quote(text, tokens, a, b), reference_text="",
                                  harmless=True, reason="copyright holder's address",
                                  line=_line_of(a)))
            continue
        harmless, reason = classify(
            kind, file_words, ref_words,
            in_optional_tail=_in_optional_tail(ref, c, d),
            at_head=first_equal is not None and a <= first_equal[1] + 12 and c <= 12,
            numbering=_clause_numbers(text, tokens, a, b)
            and _clause_numbers(ref_text, ref_tokens, c, d),
            title_words=title_words(ref.license_id),
            context=(tokens.words[a - 1] if a > 0 else "",
                     tokens.words[b] if b < len(tokens.words) else ""),
        )
        qa, qc = a, c
        if (reason.startswith("version") and a > 0 and c > 0
                and tokens.words[a - 1] == ref_tokens.words[c - 1] == "version"):
            qa, qc = a - 1, c - 1  # quote "Version 2", not a bare "2"
        out.append(Difference(
            kind=kind,
            text=_quote(text, tokens, qa, b) if b > a else "",
            reference_text=_quote(ref_text, ref_tokens, qc, d) if d > c else "",
            harmless=harmless,
            reason=reason,
            line=_line_of(a),
        ))
    return out


def _set_aside_here(reading: Reading, at: int, ref_words: tuple[str, ...]) -> bool:
    """Whether the words the file seems to lack stand, right there, in a copyright statement
    that normalisation set aside: a re-wrapped "...License, Copyright (c) Meta Platforms..."
    that put the notice at a line start. The file says them; nothing was removed."""
    tokens, every = reading.matched, reading.every
    lo = tokens.ends[at - 1] if at > 0 else -1
    hi = tokens.starts[at] if at < len(tokens.starts) else every.ends[-1] + 1
    first = bisect_right(every.starts, lo)
    gap = [every.words[i] for i in range(first, len(every.starts)) if every.starts[i] < hi]
    return bool(ref_words) and f" {' '.join(ref_words)} " in f" {' '.join(gap)} "


def _slide_gaps_left(
    ops: list[tuple[str, int, int, int, int]], file_words: tuple[str, ...],
    ref_words: tuple[str, ...],
) -> list[tuple[str, int, int, int, int]]:
    """Move a pure insertion or removal left while it reads the same, so that a quoted
    passage starts where the sentence does ('The Software shall not...' not '...purposes. The')."""
    ops = list(ops)
    for i in range(1, len(ops)):
        tag, a, b, c, d = ops[i]
        prev = ops[i - 1]
        if prev[0] != "equal" or tag not in ("insert", "delete"):
            continue
        words, lo, hi = (file_words, a, b) if tag == "delete" else (ref_words, c, d)
        shift = 0
        while (lo - shift - 1 >= (prev[1] if tag == "delete" else prev[3])
               and prev[2] - prev[1] - shift > 1
               and words[lo - shift - 1] == words[hi - shift - 1]):
            shift += 1
        if shift:
            ops[i - 1] = (prev[0], prev[1], prev[2] - shift, prev[3], prev[4] - shift)
            ops[i] = (tag, a - shift, b - shift, c - shift, d - shift)
            if i + 1 < len(ops) and ops[i + 1][0] == "equal":
                n = ops[i + 1]
                ops[i + 1] = (n[0], n[1] - shift, n[2], n[3] - shift, n[4])
            else:
                ops.insert(i + 1, ("equal", b - shift, b, d - shift, d))
    return ops


def _merge_replacements(
    ops: list[tuple[str, int, int, int, int]],
) -> list[tuple[str, int, int, int, int]]:
    """Indel gives deletes and inserts; an adjacent pair is one replacement."""
    merged: list[tuple[str, int, int, int, int]] = []
    for op in ops:
        if merged and op[0] in ("insert", "delete") and merged[-1][0] in ("insert", "delete",
                                                                          "replace"):
            tag, a, _b, c, _d = merged[-1]
            if tag != op[0] or tag == "replace":
                merged[-1] = ("replace", a, op[2], c, op[4])
                continue
        merged.append(op)
    return [(("delete" if a == b else "insert" if c == d else t), a, b, c, d) if t == "replace"
            else (t, a, b, c, d) for t, a, b, c, d in merged]


_CLAUSE_NUMBER = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})$")


def _clause_numbers(text: str, tokens: Tokens, a: int, b: int) -> bool:
    """Whether tokens a..b are all clause numbers as written: '7.' or '(a)' or 'iv)', each
    standing alone (after a space or a bracket, before '.' or ')'). Empty is vacuously true."""
    for i in range(a, b):
        start, end = tokens.starts[i], tokens.ends[i]
        if not _CLAUSE_NUMBER.match(tokens.words[i]):
            return False
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else ""
        if not (before.isspace() or before == "(") or after not in ".)":
            return False
    return True


def _quote(text: str, tokens: Tokens, a: int, b: int) -> str:
    if b <= a:
        return ""
    return " ".join(text[tokens.starts[a]:tokens.ends[b - 1]].split())


def _span(tokens: Tokens, text: str, start: int, end: int) -> Span:
    first = tokens.starts[start]
    last = tokens.ends[end - 1]
    return Span(
        start_line=text.count("\n", 0, first) + 1,
        end_line=text.count("\n", 0, last) + 1,
        start=first,
        end=last,
    )


__all__ = ["identify_bytes", "identify_path", "identify_text"]

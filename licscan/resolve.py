"""What a repository is really under: reconciling the card, the tags, the files and the bases.

Why never one signal: the card's ``license`` is typed by the uploader, the Hub's tags copy it,
the LICENSE text is what binds, and a derivative (quantization, fine-tune, adapter, merge) is
bound by its base's terms whatever it declares. Each source is kept as evidence; every
disagreement or gap becomes a named finding (unknown, unrecognized, conflict, modified, partial,
low_confidence, unverifiable, lineage); nothing is silently resolved. Precedence for the repo's
own license: license text > card ``license`` / ``license_name`` > tags; bases are then added.

Resolution is a chain of named pure steps, each a function of the catalog and its inputs:
``declared_evidence`` (card and tags), ``text_evidence`` (license files and the gating prompt),
``access_findings`` (what could not be read), ``own_license`` (the three reconciled) and
``inherit`` (the bases' terms added). Fetching bases, the memo and the locks live in
``licscan.engine``. Knows nothing about policy: ``Assessment`` is facts, ``licscan.policy``
judges them.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from licscan.licenses.catalog import Catalog
from licscan.licenses.entry import LicenseEntry
from licscan.matching import identify_text
from licscan.matching.prose import bearing_sentences, document_kind
from licscan.model import (
    TRAINED_ON,
    Assessment,
    Detection,
    Evidence,
    FileReport,
    Finding,
    FoundText,
    Relation,
    RepoSnapshot,
    as_finding_kind,
)

TOKEN_HINT = ("Pass --token (or set HF_TOKEN) with a token whose account accepted the "
              "repository's terms, and run again.")
NOUNS = {"quantized": "quantization", "finetune": "fine-tune", "adapter": "adapter",
         "merge": "merge"}
PERMISSIVE = ("permissive", "public-domain")
MULTIMODAL_PIPELINES = {
    "image-text-to-text",
    "visual-question-answering",
    "image-to-text",
    "any-to-any",
    "video-text-to-text",
    "audio-text-to-text",
    "document-question-answering",
}
MULTIMODAL_TAGS = {"multimodal", "vision", "image-text-to-text", "vision-language"}


@dataclass
class Declared:
    """What the card and the tags say the license is (``declared_evidence``)."""

    values: tuple[str, ...]  # the card's license value(s), else the tags'
    entries: list[LicenseEntry] = field(default_factory=list)  # the ones licscan knows
    name: object = None  # the card's license_name, as found
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def says(self, word: str) -> bool:
        """Whether the card declares ``other`` or ``unknown`` (``word``) as a license."""
        return any(d.lower() == word for d in self.values)


@dataclass
class Texts:
    """The licenses the files and the gating prompt state (``text_evidence``)."""

    texts: list[tuple[str, Detection, LicenseEntry]] = field(default_factory=list)
    companions: list[tuple[str, LicenseEntry]] = field(default_factory=list)  # use policies...
    not_understood: list[str] = field(default_factory=list)  # files whose terms are unnamed
    evidence: list[Evidence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def entries(self) -> list[LicenseEntry]:
        return _unique(e for _p, _d, e in self.texts)


# --- declared evidence -----------------------------------------------------------------------


def declared_evidence(snap: RepoSnapshot, catalog: Catalog) -> Declared:
    """The card's ``license`` (else the tags'), ``license_name`` and ``license_link``: what the
    uploader typed, each value kept as evidence, each one licscan does not know a finding."""
    source = "card" if snap.declared_licenses else "tags"
    out = Declared(snap.declared_licenses or snap.tag_licenses)
    if not snap.declared_licenses and snap.card.get("license") is not None:
        out.findings.append(Finding("unrecognized", "the card's license field is not a license "
                                    f"id: {str(snap.card.get('license'))[:80]!r}"))
    for value in out.values:
        if value.lower() in ("other", "unknown"):
            out.evidence.append(Evidence(source, None, f"license: {value}", "declared"))
            continue
        entry = catalog.get(value)
        if entry is None:
            out.findings.append(Finding("unrecognized", f"the {source} declares license "
                                        f"'{value}', which is not a license licscan knows"))
            continue
        out.entries.append(entry)
        out.evidence.append(Evidence(source, entry.id, f"license: {value}", "declared"))
    if snap.declared_licenses and snap.tag_licenses:
        tagged = {t.lower() for t in snap.tag_licenses}
        if not tagged & {d.lower() for d in snap.declared_licenses}:
            out.findings.append(Finding(
                "conflict", f"the Hub's tags say license {', '.join(snap.tag_licenses)} but the "
                f"card says {', '.join(snap.declared_licenses)}"))
    name = out.name = snap.card.get("license_name")
    if isinstance(name, str) and name.strip():
        entry = catalog.get(name)
        out.evidence.append(Evidence("card license_name", entry.id if entry else None,
                                     f"license_name: {name}", "declared"))
        if entry is not None and out.says("other"):
            out.entries.append(entry)
        elif not out.says("other"):
            out.findings.extend(_license_name_findings(name, entry, out.entries))
    if snap.license_link:
        out.evidence.append(Evidence("card license_link", None, f"license_link: "
                                     f"{snap.license_link} ({snap.license_link_kind})"))
    return out


# --- text evidence ---------------------------------------------------------------------------


def text_evidence(snap: RepoSnapshot, reports: tuple[FileReport, ...], catalog: Catalog,
                  min_confidence: float) -> Texts:
    """The licenses the repository's files state (the one license_link names first), then the
    gating prompt's; each detection is evidence, and each doubt about one a finding."""
    out = Texts()
    roles = {f.path: f.role for f in snap.files}
    for report in sorted(reports, key=lambda r: r.path != snap.license_link):
        for det in report.detections:
            how = "" if det.kind == "text" else f"{det.kind}, "
            _add_detection(out, det, catalog, min_confidence, Evidence(
                f"file {report.path}", det.license_id, f"{how}{det.status} ({det.confidence:.0%})",
                det.status, det.confidence), report.path, report.path)
        out.findings.extend(_unexplained_findings(report))
        out.findings.extend(_pointer_findings(report, snap, reports))
        role = roles.get(report.path, "license")
        # A NOTICE of attributions only is the convention, not a license nobody can name.
        attributions = (role == "notice" and report.status == "copyright-only"
                        and document_kind(report.path, readme=False) == "notice")
        if role != "readme" and not attributions and _not_identified(report):
            out.not_understood.append(report.path)
            out.findings.append(Finding("unrecognized", _unrecognized_message(report)))
        elif role in ("license", "use-policy", "license-link") and report.status == "empty":
            # Nothing is hidden in it, but nothing backs the card either: a license file that
            # says nothing is for a person to look at, not a quiet pass.
            out.findings.append(Finding("unrecognized", (
                f"{report.path} is empty: it states no license, so no text in the repository "
                "backs the license the card declares; put the license text in it, or remove "
                "the file")))
    # What the source saw but could not use; a kind resolution does not know fails closed.
    out.findings.extend(Finding(as_finding_kind(p.kind), p.message) for p in snap.problems)
    out.findings.extend(_card_metadata_findings(snap.card))
    prompt = snap.card.get("extra_gated_prompt")
    if isinstance(prompt, str) and prompt.strip():
        prompt_report = identify_text(prompt, "gating prompt")
        out.findings.extend(_restrictive_prompt_findings(prompt, prompt_report))
        for det in prompt_report.detections:
            _add_detection(out, det, catalog, min_confidence, Evidence(
                "gating prompt", det.license_id, f"{det.status}", det.status, det.confidence),
                "gating prompt", "the gating prompt")
    return out


def _add_detection(out: Texts, det: Detection, catalog: Catalog, min_confidence: float,
                   evidence: Evidence, path: str, where: str) -> None:
    """One detection: evidence under the catalog's id; a use policy is a companion of its
    license, anything else a text with the findings its match raises."""
    entry = catalog.lookup(det.license_id)
    out.evidence.append(replace(evidence, license_id=entry.id))
    if entry.companion_of:
        out.companions.append((where, entry))
        return
    out.texts.append((path, det, entry))
    out.findings.extend(_text_findings(where, det, entry, min_confidence))


def _text_findings(where: str, det: Detection, entry: LicenseEntry,
                   min_confidence: float) -> list[Finding]:
    found = []
    if det.status == "modified":
        quote = next((d.text or d.reference_text for d in det.substantive_differences), None)
        first = det.substantive_differences[0]
        found.append(Finding(
            "modified", f"{where} is a modified {entry.id}, not {entry.id} itself: "
            f"{first.reason} at line {first.line}" + (f': "{_clip(quote)}"' if quote else ""),
            entry.id, quote=quote))
    elif det.status == "partial":
        # a standard header cut short is part of the license's notice, not of its text
        part = "standard notice" if det.kind == "notice" else "text"
        found.append(Finding("partial", f"{where} holds only {det.coverage:.0%} of the "
                             f"{entry.id} {part}", entry.id))
    if det.confidence < min_confidence:
        found.append(Finding("low_confidence", f"{where} identified as {entry.id} with "
                             f"confidence {det.confidence:.0%}, below {min_confidence:.0%}",
                             entry.id))
    return found


# --- access findings -------------------------------------------------------------------------


def access_findings(snap: RepoSnapshot, reports: tuple[FileReport, ...]) -> list[Finding]:
    """Every part of the license evidence that could not be read: an unusable card, binary,
    unreadable or capped files, a gate without an approved token, files the source could not
    fetch. Each is named, so a verdict never rests quietly on less than the repository has."""
    findings = []
    if snap.card_problem:
        findings.append(Finding("unverifiable", f"{snap.card_problem}; the card's license "
                                "fields were taken from the Hub's metadata, if any"))
    findings.extend(Finding("unverifiable", f"{report.path}: {report.message}")
                    for report in reports
                    if report.status in ("binary", "unreadable") or report.truncated)
    unread = [f for f in snap.files if f.data is None and f.role != "readme"]
    if snap.access == "denied":
        findings.append(Finding(
            "unverifiable", f"the license files of {snap.repo_id} could not be read "
            f"(gated: {snap.access_reason}); judged from the card's metadata only"
            + ("" if "--token" in (snap.access_reason or "") else f". {TOKEN_HINT}")))
    elif unread:
        gated = any("gated" in (f.unavailable or "") for f in unread)
        findings.append(Finding(
            "unverifiable", "could not read "
            + ", ".join(f"{f.path} ({f.unavailable})" for f in unread)
            + (f". {TOKEN_HINT}" if gated else "")))
    return findings


# --- own license -----------------------------------------------------------------------------


def own_license(snap: RepoSnapshot, reports: tuple[FileReport, ...], catalog: Catalog,
                min_confidence: float) -> Assessment:
    """What the repository itself is under, before its bases: the texts and the card together
    (everything the repo states binds at once), every disagreement a finding."""
    declared = declared_evidence(snap, catalog)
    texts = text_evidence(snap, reports, catalog, min_confidence)
    findings = [*declared.findings, *texts.findings, *access_findings(snap, reports),
                *_disagreements(snap, declared, texts)]
    own = _own_entries(declared, texts, catalog, findings, snap.access == "denied")
    return Assessment(
        target=snap.target,
        repo_id=snap.repo_id,
        kind=snap.kind,
        origin=snap.origin,
        commit=snap.commit,
        revision=snap.revision,
        license_ids=tuple(e.id for e in own),
        own_ids=tuple(e.id for e in own),
        declared=declared.values,
        evidence=(*declared.evidence, *texts.evidence,
                  *(Evidence("note", None, note) for note in snap.notes),
                  *(Evidence("companion", c.id, f"{c.id} is part of {c.companion_of}")
                    for _where, c in texts.companions)),
        findings=tuple(findings),
        gated=snap.gated,
        access=snap.access,
        multimodal=_multimodal(snap),
        fingerprint=license_fingerprint(snap),
        license_files=license_file_hashes(snap),
        found_texts=_found_texts(snap, reports),
        modified_ids=tuple(
            e.id for e in own
            if any(d.status == "modified" for _p, d, t in texts.texts if t.id == e.id)
            and not any(d.status in ("exact", "match") for _p, d, t in texts.texts
                        if t.id == e.id)
        ),
    )


def _disagreements(snap: RepoSnapshot, declared: Declared, texts: Texts) -> list[Finding]:
    """Where the card's metadata and the texts name different licenses."""
    text_entries = texts.entries
    findings = [
        Finding("conflict", f"the card declares {entry.id} but the license text is "
                f"{', '.join(t.id for t in text_entries)}", entry.id)
        for entry in declared.entries
        if text_entries and not any(_same(entry, t) for t in text_entries)
    ]
    # The model card's prose naming a license its metadata does not ("the weights are
    # licensed under the Llama 3.1 Community License" under license: mit) is a disagreement
    # a person must settle, even though both then apply.
    roles = {f.path: f.role for f in snap.files}
    card_says = _unique(e for p, _d, e in texts.texts if roles.get(p) == "readme")
    unstated = [e for e in card_says if declared.entries
                and not any(_same(e, d) for d in declared.entries)]
    if unstated:
        findings.append(Finding(
            "conflict", f"the model card's text names {', '.join(e.id for e in unstated)}, "
            f"which its license metadata ({', '.join(e.id for e in declared.entries)}) does "
            "not", unstated[0].id))
    return findings


def _own_entries(declared: Declared, texts: Texts, catalog: Catalog, findings: list[Finding],
                 denied: bool) -> list[LicenseEntry]:
    """The licenses the repo is under, adding to ``findings`` where that rests on a guess:
    a use policy brings its license, ``other`` nothing names and a text licscan cannot read
    stand as ``unknown``, and no license at all is a finding of its own."""
    text_entries = texts.entries
    # Everything the repo states binds at once: a LICENSE-CODE text does not drop the card's
    # model license, and the card never wins over a file licscan does not understand.
    own = _unique([*text_entries, *(d for d in declared.entries
                                    if not any(_same(d, t) for t in text_entries))])
    for where, companion in texts.companions:
        parent = catalog.get(companion.companion_of or "")
        if parent is None or any(_same(parent, e) for e in own):
            continue
        # A use policy is part of its license: finding it brings that license's terms.
        own.append(parent)
        if declared.entries:
            findings.append(Finding(
                "conflict", f"{where} is {companion.id}, part of {parent.id}, but the card "
                f"declares {', '.join(e.id for e in declared.entries)}", parent.id))
    explained_other = [e for e in [*text_entries, *own] if not any(
        _same(e, d) for d in declared.entries)]
    name = declared.name
    if own and (declared.says("other") or declared.says("unknown")) \
            and not explained_other and not _named_other(name, catalog):
        findings.append(Finding(
            "unrecognized", "the card lists license: other (or unknown) beside "
            f"{', '.join(e.id for e in declared.entries)}, and no license name or text "
            "says what that other license is"))
        own.append(catalog.lookup("unknown"))
    if texts.not_understood and own:
        own.append(catalog.lookup("unknown"))  # an unreadable text's terms still apply
    if not own:
        if declared.says("other") or isinstance(name, str):
            findings.append(Finding(
                "unrecognized", "the card says license: other"
                + (f" ({name})" if isinstance(name, str) else "")
                + " and no license text licscan knows was found"))
        elif not denied and not texts.not_understood:
            what = "says license: unknown" if declared.says("unknown") else "declares no license"
            findings.append(Finding("unknown", f"the repository {what} and no license text "
                                    "was found in its files"))
        if texts.not_understood:
            own = [catalog.lookup("unknown")]  # terms exist; licscan cannot say which
    return _unique(own)


# --- inheritance -----------------------------------------------------------------------------


def inherit(own: Assessment, bases: tuple[Assessment, ...], relation: Relation | None,
            catalog: Catalog) -> Assessment:
    """The repo under its own terms and all of its bases' (AND); what a base imposes and the
    repo does not declare is a lineage finding; a dataset brings facts, not terms."""
    findings = list(own.findings)
    effective = list(own.license_ids)
    evidence = list(own.evidence)
    multimodal = own.multimodal
    for base in bases:
        rel = base.relation or "derivative"
        if rel == TRAINED_ON:
            _with_dataset(own, base, findings, evidence)
            continue
        if base.error is not None:
            # Without the base its terms are unknown: not a warning, the target cannot be
            # judged at all (exit 2 in every policy).
            findings.append(Finding(
                "could_not_evaluate", f"base model {base.repo_id} of {own.repo_id} could not "
                f"be evaluated: {base.error}", via=base.repo_id))
            continue
        evidence.append(Evidence(f"base {base.repo_id}", None,
                                 f"{rel} of {base.repo_id}: {base.expression or 'unknown'}"))
        findings.extend(_inherited(base, "base"))
        imposing = [catalog.lookup(i) for i in base.license_ids
                    if catalog.lookup(i).category not in PERMISSIVE]
        # Everything inherited binds at once (AND): a derivative is under its own terms
        # and all of its base's, a quantization first of all under its base's.
        if rel == "quantized":
            effective = [*base.license_ids, *effective]
        else:
            effective += list(base.license_ids)
        multimodal = _combine_multimodal(multimodal, base.multimodal)
        missing = [e for e in imposing
                   if not any(_same(e, catalog.lookup(o)) for o in own.own_ids)]
        if missing:
            declared = ", ".join(own.own_ids) or "no license"
            findings.append(Finding(
                "lineage", f"{own.repo_id} declares {declared}, but as a "
                f"{NOUNS.get(rel, rel)} of {base.repo_id} it is bound by "
                f"{', '.join(e.id for e in missing)}", missing[0].id, via=base.repo_id))
    return replace(
        own,
        license_ids=tuple(_dedupe(effective)),
        evidence=tuple(evidence),
        findings=tuple(findings),
        bases=bases,
        relation=relation,
        modified_ids=tuple(i for i in own.modified_ids if i in effective),
        multimodal=multimodal,
    )


def _with_dataset(own: Assessment, data: Assessment, findings: list[Finding],
                  evidence: list[Evidence]) -> None:
    """What a dataset brings to the model: facts and findings, not license terms."""
    if data.error is not None:
        # Data that cannot be read is no more judged than a base that cannot be: exit 2.
        findings.append(Finding(
            "could_not_evaluate",
            f"dataset {data.repo_id}, which {own.repo_id} was trained on, could not be "
            f"evaluated: {data.error}", via=data.repo_id))
        return
    evidence.append(Evidence(f"dataset {data.repo_id}", None,
                             f"trained on {data.repo_id}: {data.expression or 'unknown'}"))
    # A dataset without a license is the datasets policy's to judge, not a finding.
    findings.extend(_inherited(data, "dataset", skip="unknown"))


def _inherited(source: Assessment, what: str, skip: str | None = None) -> list[Finding]:
    """A base's (or dataset's) findings, as the repo deriving from it reports them."""
    return [f.seen_through(what, source.repo_id) for f in source.findings if f.kind != skip]


def _unexplained_findings(report: FileReport) -> list[Finding]:
    """Text in a license-bearing file (or a README's license section) that nothing accounts
    for may add terms: each passage is quoted so a person can read what it says."""
    return [
        Finding(
            "unexplained",
            f"{report.path}, line {p.span.start_line}: text licscan cannot account for as a "
            f'license, notice or template part: "{_clip(p.text)}"',
            quote=p.text,
        )
        for p in report.unexplained
    ]


def _pointer_findings(report: FileReport, snap: RepoSnapshot,
                      reports: tuple[FileReport, ...]) -> list[Finding]:
    """A file that says its terms are in other files ("see LICENSE.APACHE and LICENSE.BSD")
    is only understood with them: each one that licscan did not read is a finding, never a
    pass on the pointer's word alone. A file that names no license itself and only points
    (at itself, or at files that in turn only point) leaves its terms nowhere: unrecognized."""
    read = {f.path for f in snap.files if f.data is not None}
    folder = posixpath.dirname(report.path)
    found = []
    paths = [posixpath.normpath(posixpath.join(folder, name)) for name in report.points_to]
    if report.points_to and not report.detections:
        named = {r.path for r in reports if r.detections}
        if not any(p in named and p != report.path for p in paths):
            found.append(Finding(
                "unrecognized",
                f"{report.path} names no license and only points at "
                f"{', '.join(report.points_to)}, none of which holds a license licscan can "
                "name; its terms are not known",
            ))
    for name, path in zip(report.points_to, paths, strict=True):
        if path in read or name in read or _same_file_named(path, read):
            continue
        if snap.siblings and path not in snap.siblings:
            what = "which is not in the repository; add the file (or fix the pointer)"
        else:
            what = ("which licscan did not read (it reads only files named as license terms); "
                    "have a person read it, then record the decision as an exception")
        found.append(Finding(
            "unverifiable", f"{report.path} says its terms are in {name}, {what}",
        ))
    return found


def _same_file_named(path: str, read: set[str]) -> bool:
    """Whether a pointer to a bare "LICENSE" (or COPYING, NOTICE) means a file that was read
    under that name with an extension beside it ("see the LICENSE file" in a repo whose file
    is LICENSE.md): the way people refer to it, not a missing file."""
    folder, name = posixpath.split(path)
    if "." in name:
        return False
    return any(posixpath.dirname(r) == folder
               and posixpath.basename(r).rsplit(".", 1)[0].lower() == name.lower()
               and "." in posixpath.basename(r) for r in read)


def _not_identified(report: FileReport) -> bool:
    """A license-bearing file whose terms licscan cannot name: unknown text, or only a
    copyright line where a license was expected."""
    if report.status in ("unknown", "copyright-only"):
        return True
    return report.status == "identified" and not report.detections and not report.points_to


def _unrecognized_message(report: FileReport) -> str:
    what = ("holds only a copyright notice, no license" if report.status == "copyright-only"
            else "holds a license text licscan cannot identify")
    like = f" (it shares words with {', '.join(report.resembles[:3])})" if report.resembles \
        else ""
    return (f"{report.path} {what}{like}; its terms are not known, so nothing else in the "
            "repository can stand in for them")


def _license_name_findings(name: str, entry: LicenseEntry | None,
                           declared: list[LicenseEntry]) -> list[Finding]:
    """A ``license_name`` beside a concrete ``license`` says more than the license does: a name
    licscan does not know may be other terms, and a known one that differs is a disagreement."""
    if entry is None:
        return [Finding("unrecognized", f"the card declares {', '.join(e.id for e in declared)} "
                        f"but also names the license {name[:80]!r} (license_name), which is "
                        "not a license licscan knows")]
    if declared and not any(_same(entry, d) for d in declared):
        return [Finding("conflict", f"the card's license_name says {entry.id} but its license "
                        f"says {', '.join(e.id for e in declared)}", entry.id)]
    return []


def _restrictive_prompt_findings(prompt: str, report: FileReport) -> list[Finding]:
    """The gating prompt is a statement of terms the user accepts: a sentence of it that no
    license text explains and that restricts use is unexplained text (LS308).

    Why only license-bearing sentences (``matching.prose.license_bearing``, the same test a
    model card's prose is held to): a prompt is mostly the procedure of asking for access; the
    license it points at is read from the repository's files, which are held to every word.
    """
    found = []
    for passage in report.unexplained:
        # read where it stands, so the rest of a statement's sentence ("... until 2025") is
        # judged as the rest of that sentence (the passage's offsets are the prompt's)
        start, end = passage.span.start, passage.span.end
        at = (start, end) if 0 <= start < end <= len(prompt) else None
        for sentence in (bearing_sentences(prompt, *at) if at else
                         bearing_sentences(passage.text)):
            found.append(Finding("unexplained", "the gating prompt adds terms licscan cannot "
                                 f"account for: \"{_clip(sentence.strip())}\"",
                                 quote=sentence.strip()))
    return found


# Front-matter keys whose values are ids, names or numbers the sources read as such (or, for
# the license fields and the gating prompt, read above); every other value is text an uploader
# wrote, and a term may be written there as well as in the card's prose.
_CARD_IDS = frozenset({
    "license", "license_name", "license_link", "extra_gated_prompt", "base_model",
    "base_model_relation", "datasets", "language", "pipeline_tag", "library_name",
    "model-index", "widget", "inference", "metrics", "co2_eq_emissions", "thumbnail",
    "new_version", "size_categories", "task_categories", "task_ids", "model_type",
})


def _card_metadata_findings(card: dict[str, object]) -> list[Finding]:
    """A license-bearing sentence in the card's other front matter: a gating form's checkbox
    ("I will use this model for non-commercial purposes only"), its heading, description or
    button, a tag, a key of the uploader's own ("restrictions: ..."). Held to the same test
    as the card's prose (``matching.prose.license_bearing``)."""
    found = []
    for key, value in card.items():
        if str(key) in _CARD_IDS:
            continue
        for text in _strings(key, value):
            for sentence in bearing_sentences(text):
                found.append(Finding("unexplained", f"the card's metadata ({key}) adds terms "
                                     f"licscan cannot account for: \"{_clip(sentence.strip())}\"",
                                     quote=sentence.strip()))
    return found


def _strings(key: object, value: object, depth: int = 0) -> list[str]:
    """Every text in a front-matter value: strings, and a mapping's keys (a gating form's
    fields are its keys); nested values up to a depth no honest card needs."""
    if depth > 6:
        return [str(value)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out.append(str(k))
            out.extend(_strings(k, v, depth + 1))
        return out
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _strings(key, v, depth + 1)]
    return []


def _named_other(name: object, catalog: Catalog) -> bool:
    return isinstance(name, str) and catalog.get(name) is not None


def license_file_hashes(snap: RepoSnapshot) -> tuple[tuple[str, str | None], ...]:
    """sha256 of every license-bearing file (not the README); None where it could not be read."""
    import hashlib

    return tuple(sorted((f.path, hashlib.sha256(f.data).hexdigest() if f.data is not None
                         else None) for f in snap.files if f.role != "readme"))


def license_fingerprint(snap: RepoSnapshot) -> str:
    """What a license decision rests on, hashed: license files (not the README, not weights),
    the card's license fields and the gating prompt. Only weights changed: same fingerprint."""
    import hashlib
    import json

    card = {k: snap.card.get(k) for k in ("license", "license_name", "license_link",
                                           "extra_gated_prompt")}
    payload = json.dumps({"files": license_file_hashes(snap), "card": card}, sort_keys=True,
                         default=str)
    return "sha256:" + hashlib.sha256(payload.encode()).hexdigest()


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _same(a: LicenseEntry, b: LicenseEntry) -> bool:
    """The same license, or one is a family that names the other."""
    return a.id == b.id or b.id in a.family_versions or a.id in b.family_versions


def _unique(entries: Iterable[LicenseEntry]) -> list[LicenseEntry]:
    seen: dict[str, LicenseEntry] = {}
    for entry in entries:
        seen.setdefault(entry.id, entry)
    return list(seen.values())


def _dedupe(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _combine_multimodal(own: bool | None, base: bool | None) -> bool | None:
    """What a derivative takes as input is what its base does: a text-generation tag on a
    quantized vision model does not make its weights text-only. Any yes wins; an unknown base
    leaves it unknown (which the territorial rules treat as possibly multimodal)."""
    if own is True or base is True:
        return True
    if own is None or base is None:
        return None
    return False


def _multimodal(snap: RepoSnapshot) -> bool | None:
    """Whether the model takes more than text (the Llama 3.2 / 4 EU clause turns on it)."""
    card_tags = snap.card.get("tags")
    tags = {t.lower() for t in snap.tags}
    if isinstance(card_tags, list):
        tags |= {t.lower() for t in card_tags if isinstance(t, str)}
    pipeline = snap.card.get("pipeline_tag")
    if isinstance(pipeline, str):
        return pipeline in MULTIMODAL_PIPELINES or bool(tags & MULTIMODAL_TAGS)
    if tags & (MULTIMODAL_TAGS | MULTIMODAL_PIPELINES):
        return True
    return None


def _found_texts(snap: RepoSnapshot, reports: tuple[FileReport, ...]) -> tuple[FoundText, ...]:
    """The license files (not the README) that are modified copies, unknown texts, or hold text
    nothing explains: what binds is the text as found, so an SBOM must carry it."""
    from licscan.matching.reader import decode_bytes

    data = {f.path: f.data for f in snap.files
            if f.data is not None and f.role != "readme"}
    found: list[FoundText] = []
    for report in reports:
        raw = data.get(report.path)
        if raw is None:
            continue
        modified = [d.license_id for d in report.detections if d.status == "modified"]
        if not modified and report.status != "unknown" and not report.unexplained:
            continue
        text = decode_bytes(raw).text
        if text is None or not text.strip():
            continue
        if modified:
            found.extend(FoundText(report.path, text, lid) for lid in dict.fromkeys(modified))
        else:
            found.append(FoundText(report.path, text))
    return tuple(found)

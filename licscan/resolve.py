"""What a repository is really under: reconciling the card, the tags, the files and the bases.

Why never one signal: the card's ``license`` is typed by the uploader, the Hub's tags copy it,
the LICENSE text is what binds, and a derivative (quantization, fine-tune, adapter, merge) is
bound by its base's terms whatever it declares. Each source is kept as evidence; every
disagreement or gap becomes a named finding (unknown, unrecognized, conflict, modified, partial,
low_confidence, unverifiable, lineage); nothing is silently resolved. Precedence for the repo's
own license: license text > card ``license`` / ``license_name`` > tags; bases are then added.

Knows nothing about policy: ``Assessment`` is facts, ``licscan.policy`` judges them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from licscan.errors import LicscanError
from licscan.licenses.catalog import Catalog, load_catalog
from licscan.licenses.entry import LicenseEntry
from licscan.matching import identify_text
from licscan.matching.prose import bearing_sentences, document_kind
from licscan.model import Detection, FileReport, RepoSnapshot

MAX_DEPTH = 6
TRAINED_ON = "trained on"  # the relation of a dataset to the model that names it
TOKEN_HINT = ("Pass --token (or set HF_TOKEN) with a token whose account accepted the "
              "repository's terms, and run again.")
FINDING_KINDS = ("unknown", "unrecognized", "conflict", "modified", "partial", "low_confidence",
                 "unverifiable", "lineage", "unexplained", "could_not_evaluate")
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


@dataclass(frozen=True)
class Evidence:
    """One signal about the license and where it came from."""

    source: str  # card, card license_name, tags, file <path>, gating prompt, base <repo>
    license_id: str | None
    detail: str
    status: str | None = None  # declared | exact | match | modified | partial
    confidence: float | None = None


@dataclass(frozen=True)
class Finding:
    """A named problem with the evidence; ``via`` is the base it was inherited from."""

    kind: str  # unknown | unrecognized | conflict | modified | partial | low_confidence |
    # unverifiable | lineage
    message: str
    license_id: str | None = None
    via: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class FoundText:
    """The text of a license file as the repository has it, where no catalog text stands for it.

    Why kept: for a modified copy or an unknown text, the file itself is what binds; an SBOM
    must carry it, not the unmodified reference or a summary.
    """

    path: str
    text: str
    license_id: str | None = None  # the license it is a modified copy of; None: unknown text


@dataclass(frozen=True)
class Assessment:
    """The effective license of one repository and everything it rests on."""

    target: str
    repo_id: str
    kind: str = "model"
    origin: str = "hub"
    commit: str | None = None
    revision: str | None = None
    license_ids: tuple[str, ...] = ()  # effective: every license that applies (AND)
    own_ids: tuple[str, ...] = ()  # what the repo itself is under, before its bases
    declared: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    bases: tuple[Assessment, ...] = ()  # base models, and datasets (relation TRAINED_ON)
    relation: str | None = None  # how this repo derives from the one that named it as a base
    gated: str | None = None
    access: str = "granted"
    multimodal: bool | None = None
    error: str | None = None  # a base that could not be read

    modified_ids: tuple[str, ...] = ()  # licenses whose text here is a modified copy
    fingerprint: str | None = None  # of the license-bearing files and card fields (lockfiles)
    license_files: tuple[tuple[str, str | None], ...] = ()  # (path, sha256 or None: unread)
    found_texts: tuple[FoundText, ...] = ()  # modified copies and unknown texts, as found

    @property
    def spdx_expression(self) -> str | None:
        """The effective licenses as an expression of catalog ids (what policy evaluates)."""
        return " AND ".join(self.license_ids) if self.license_ids else None

    @property
    def expression(self) -> str | None:
        """For people and reports: a modified text is never shown as the plain license."""
        if not self.license_ids:
            return None
        return " AND ".join(f"{i} (modified)" if i in self.modified_ids else i
                            for i in self.license_ids)


Fetch = Callable[[str], tuple[RepoSnapshot, tuple[FileReport, ...]]]


@dataclass
class Resolver:
    """Resolves repositories and, recursively, their bases: one fetch per repo, cycle-safe."""

    fetch: Fetch | None = None
    min_confidence: float = 0.9
    max_depth: int = MAX_DEPTH
    catalog: Catalog = field(default_factory=load_catalog)
    _memo: dict[str, Assessment] = field(default_factory=dict)
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def resolve(
        self,
        snapshot: RepoSnapshot,
        reports: tuple[FileReport, ...],
        relation: str | None = None,
        _path: tuple[str, ...] = (),
    ) -> Assessment:
        own = self._own(snapshot, reports)
        path = (*_path, snapshot.repo_id.lower())
        bases = tuple(self._base(ref.repo_id, ref.relation, path) for ref in snapshot.base_models)
        datasets = tuple(self._dataset(d, path) for d in snapshot.datasets) \
            if snapshot.kind == "model" else ()
        return self._with_bases(own, (*bases, *datasets), relation)

    # --- the repo's own license --------------------------------------------------------------

    def _own(self, snap: RepoSnapshot, reports: tuple[FileReport, ...]) -> Assessment:
        catalog = self.catalog
        evidence: list[Evidence] = []
        findings: list[Finding] = []
        declared_entries: list[LicenseEntry] = []
        declared = snap.declared_licenses or snap.tag_licenses
        source = "card" if snap.declared_licenses else "tags"
        if not snap.declared_licenses and snap.card.get("license") is not None:
            findings.append(
                Finding(
                    "unrecognized",
                    "the card's license field is not a license "
                    f"id: {str(snap.card.get('license'))[:80]!r}",
                )
            )
        for value in declared:
            if value.lower() in ("other", "unknown"):
                evidence.append(Evidence(source, None, f"license: {value}", "declared"))
                continue
            entry = catalog.get(value)
            if entry is None:
                findings.append(
                    Finding(
                        "unrecognized",
                        f"the {source} declares license "
                        f"'{value}', which is not a license licscan knows",
                    )
                )
                continue
            declared_entries.append(entry)
            evidence.append(Evidence(source, entry.id, f"license: {value}", "declared"))
        if snap.declared_licenses and snap.tag_licenses:
            tagged = {t.lower() for t in snap.tag_licenses}
            if not tagged & {d.lower() for d in snap.declared_licenses}:
                findings.append(
                    Finding(
                        "conflict",
                        "the Hub's tags say license "
                        f"{', '.join(snap.tag_licenses)} but the card says "
                        f"{', '.join(snap.declared_licenses)}",
                    )
                )
        name = snap.card.get("license_name")
        if isinstance(name, str) and name.strip():
            entry = catalog.get(name)
            evidence.append(
                Evidence(
                    "card license_name",
                    entry.id if entry else None,
                    f"license_name: {name}",
                    "declared",
                )
            )
            if entry is not None and "other" in (d.lower() for d in declared):
                declared_entries.append(entry)
            elif "other" not in (d.lower() for d in declared):
                findings.extend(_license_name_findings(name, entry, declared_entries))
        if snap.license_link:
            evidence.append(
                Evidence(
                    "card license_link",
                    None,
                    f"license_link: {snap.license_link} ({snap.license_link_kind})",
                )
            )

        texts: list[tuple[str, Detection, LicenseEntry]] = []
        companions: list[tuple[str, LicenseEntry]] = []
        roles = {f.path: f.role for f in snap.files}
        not_understood: list[str] = []  # license-bearing files whose terms licscan cannot name
        for report in self._ordered(reports, snap):
            for det in report.detections:
                entry = catalog.lookup(det.license_id)
                how = "" if det.kind == "text" else f"{det.kind}, "
                evidence.append(
                    Evidence(
                        f"file {report.path}",
                        entry.id,
                        f"{how}{det.status} ({det.confidence:.0%})",
                        det.status,
                        det.confidence,
                    )
                )
                if entry.companion_of:
                    companions.append((report.path, entry))
                    continue
                texts.append((report.path, det, entry))
                findings.extend(self._text_findings(report.path, det, entry))
            findings.extend(_unexplained_findings(report))
            role = roles.get(report.path, "license")
            # A NOTICE of attributions only is the convention, not a license nobody can name.
            attributions = (role == "notice" and report.status == "copyright-only"
                            and document_kind(report.path, readme=False) == "notice")
            if role != "readme" and not attributions and _not_identified(report):
                not_understood.append(report.path)
                findings.append(Finding("unrecognized", _unrecognized_message(report)))
        findings.extend(_problem_findings(snap))
        prompt = snap.card.get("extra_gated_prompt")
        if isinstance(prompt, str) and prompt.strip():
            prompt_report = identify_text(prompt, "gating prompt")
            findings.extend(_restrictive_prompt_findings(prompt_report))
            for det in prompt_report.detections:
                entry = catalog.lookup(det.license_id)
                evidence.append(
                    Evidence("gating prompt", entry.id, f"{det.status}", det.status, det.confidence)
                )
                if entry.companion_of:
                    companions.append(("the gating prompt", entry))
                else:
                    texts.append(("gating prompt", det, entry))
                    findings.extend(self._text_findings("the gating prompt", det, entry))

        text_entries = _unique(e for _p, _d, e in texts)
        unread = [f for f in snap.files if f.data is None and f.role != "readme"]
        if snap.card_problem:
            findings.append(Finding("unverifiable", f"{snap.card_problem}; the card's license "
                                    "fields were taken from the Hub's metadata, if any"))
        for report in reports:
            if report.status in ("binary", "unreadable") or report.truncated:
                findings.append(Finding("unverifiable", f"{report.path}: {report.message}"))
        evidence.extend(Evidence("note", None, note) for note in snap.notes)
        if snap.access == "denied":
            findings.append(
                Finding(
                    "unverifiable",
                    f"the license files of {snap.repo_id} could not be read "
                    f"(gated: {snap.access_reason}); judged from the card's metadata only"
                    + ("" if "--token" in (snap.access_reason or "") else f". {TOKEN_HINT}"),
                )
            )
        elif unread:
            gated = any("gated" in (f.unavailable or "") for f in unread)
            findings.append(
                Finding(
                    "unverifiable",
                    "could not read " + ", ".join(f"{f.path} ({f.unavailable})" for f in unread)
                    + (f". {TOKEN_HINT}" if gated else ""),
                )
            )
        for entry in declared_entries:
            if text_entries and not any(_same(entry, t) for t in text_entries):
                findings.append(
                    Finding(
                        "conflict",
                        f"the card declares {entry.id} but the license text is "
                        f"{', '.join(t.id for t in text_entries)}",
                        entry.id,
                    )
                )
        # The model card's prose naming a license its metadata does not ("the weights are
        # licensed under the Llama 3.1 Community License" under license: mit) is a disagreement
        # a person must settle, even though both then apply.
        card_says = _unique(e for p, _d, e in texts if roles.get(p) == "readme")
        unstated = [e for e in card_says if declared_entries
                    and not any(_same(e, d) for d in declared_entries)]
        if unstated:
            findings.append(Finding(
                "conflict", f"the model card's text names {', '.join(e.id for e in unstated)}, "
                f"which its license metadata ({', '.join(e.id for e in declared_entries)}) does "
                "not", unstated[0].id))
        # Everything the repo states binds at once: a LICENSE-CODE text does not drop the card's
        # model license, and the card never wins over a file licscan does not understand.
        own = _unique([*text_entries, *(d for d in declared_entries
                                        if not any(_same(d, t) for t in text_entries))])
        for where, companion in companions:
            parent = catalog.get(companion.companion_of or "")
            if parent is None or any(_same(parent, e) for e in own):
                continue
            # A use policy is part of its license: finding it brings that license's terms.
            own.append(parent)
            if declared_entries:
                findings.append(
                    Finding(
                        "conflict",
                        f"{where} is {companion.id}, part of {parent.id}, but the card declares "
                        f"{', '.join(e.id for e in declared_entries)}",
                        parent.id,
                    )
                )
        explained_other = [e for e in [*text_entries, *own] if not any(
            _same(e, d) for d in declared_entries)]
        if own and any(d.lower() in ("other", "unknown") for d in declared) \
                and not explained_other and not _named_other(name, catalog):
            findings.append(
                Finding(
                    "unrecognized",
                    "the card lists license: other (or unknown) beside "
                    f"{', '.join(e.id for e in declared_entries)}, and no license name or text "
                    "says what that other license is",
                )
            )
            own.append(catalog.lookup("unknown"))
        if not_understood and own:
            own.append(catalog.lookup("unknown"))  # an unreadable text's terms still apply
        if not own:
            if any(d.lower() == "other" for d in declared) or isinstance(name, str):
                findings.append(
                    Finding(
                        "unrecognized",
                        "the card says license: other"
                        + (f" ({name})" if isinstance(name, str) else "")
                        + " and no license text licscan knows was found",
                    )
                )
            elif snap.access != "denied" and not not_understood:
                what = (
                    "says license: unknown"
                    if any(d.lower() == "unknown" for d in declared)
                    else "declares no license"
                )
                findings.append(
                    Finding(
                        "unknown",
                        f"the repository {what} and no license text was found in its files",
                    )
                )
            if not_understood:
                own = [catalog.lookup("unknown")]  # terms exist; licscan cannot say which
        own = _unique(own)
        for _where, companion in companions:
            evidence.append(
                Evidence("companion", companion.id,
                         f"{companion.id} is part of {companion.companion_of}")
            )
        return Assessment(
            target=snap.target,
            repo_id=snap.repo_id,
            kind=snap.kind,
            origin=snap.origin,
            commit=snap.commit,
            revision=snap.revision,
            license_ids=tuple(e.id for e in own),
            own_ids=tuple(e.id for e in own),
            declared=tuple(declared),
            evidence=tuple(evidence),
            findings=tuple(findings),
            gated=snap.gated,
            access=snap.access,
            multimodal=_multimodal(snap),
            fingerprint=license_fingerprint(snap),
            license_files=license_file_hashes(snap),
            found_texts=_found_texts(snap, reports),
            modified_ids=tuple(
                e.id for e in own
                if any(d.status == "modified" for _p, d, t in texts if t.id == e.id)
                and not any(d.status in ("exact", "match") for _p, d, t in texts if t.id == e.id)
            ),
        )

    def _text_findings(self, where: str, det: Detection, entry: LicenseEntry) -> list[Finding]:
        found = []
        if det.status == "modified":
            quote = next((d.text or d.reference_text for d in det.substantive_differences), None)
            found.append(
                Finding(
                    "modified",
                    f"{where} is a modified {entry.id}, not {entry.id} itself: "
                    f"{det.substantive_differences[0].reason} at line "
                    f"{det.substantive_differences[0].line}"
                    + (f': "{_clip(quote)}"' if quote else ""),
                    entry.id,
                    quote=quote,
                )
            )
        elif det.status == "partial":
            found.append(
                Finding(
                    "partial",
                    f"{where} holds only {det.coverage:.0%} of the {entry.id} text",
                    entry.id,
                )
            )
        if det.confidence < self.min_confidence:
            found.append(
                Finding(
                    "low_confidence",
                    f"{where} identified as {entry.id} with "
                    f"confidence {det.confidence:.0%}, below "
                    f"{self.min_confidence:.0%}",
                    entry.id,
                )
            )
        return found

    @staticmethod
    def _ordered(reports: tuple[FileReport, ...], snap: RepoSnapshot) -> list[FileReport]:
        """The file that license_link names first: it is the one the card points at."""
        return sorted(reports, key=lambda r: r.path != snap.license_link)

    # --- bases ------------------------------------------------------------------------------

    def _base(self, repo_id: str, relation: str | None, path: tuple[str, ...]) -> Assessment:
        key = repo_id.lower()
        if key in path:
            return Assessment(
                repo_id,
                repo_id,
                relation=relation,
                error="base models form a cycle: " + " -> ".join((*path, key)),
            )
        if len(path) > self.max_depth:
            return Assessment(
                repo_id,
                repo_id,
                relation=relation,
                error=f"the chain of base models is deeper than {self.max_depth}",
            )
        if self.fetch is None:
            return Assessment(repo_id, repo_id, relation=relation,
                              error="base models are not followed for this source")
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        # One fetch per repo even when several targets share a base; the timeout only matters
        # for hostile cycles that span two targets resolved at once.
        locked = lock.acquire(timeout=120)
        try:
            if key in self._memo:
                return _relabel(self._memo[key], relation)
            try:
                snapshot, reports = self.fetch(repo_id)
            except LicscanError as exc:
                result = Assessment(repo_id, repo_id, relation=relation, error=exc.message)
            else:
                result = self.resolve(snapshot, reports, relation, path)
            self._memo[key] = result
            return result
        finally:
            if locked:
                lock.release()

    def _dataset(self, dataset_id: str, path: tuple[str, ...]) -> Assessment:
        """A dataset the model was trained on, read like a base (one fetch per dataset, the same
        depth limit) but kept apart: its license never joins the model's effective license;
        the policy's ``datasets`` section judges it."""
        result = self._base(f"datasets/{dataset_id}", TRAINED_ON, path)
        if result.error is not None:
            return replace(result, target=dataset_id, repo_id=dataset_id, kind="dataset")
        return result

    def _with_bases(
        self, own: Assessment, bases: tuple[Assessment, ...], relation: str | None
    ) -> Assessment:
        findings = list(own.findings)
        effective = list(own.license_ids)
        evidence = list(own.evidence)
        catalog = self.catalog
        multimodal = own.multimodal
        for base in bases:
            rel = base.relation or "derivative"
            if rel == TRAINED_ON:
                self._with_dataset(own, base, findings, evidence)
                continue
            if base.error is not None:
                # Without the base its terms are unknown: not a warning, the target cannot be
                # judged at all (exit 2 in every policy).
                findings.append(
                    Finding(
                        "could_not_evaluate",
                        f"base model {base.repo_id} of {own.repo_id} could not be evaluated: "
                        f"{base.error}",
                        via=base.repo_id,
                    )
                )
                continue
            evidence.append(
                Evidence(
                    f"base {base.repo_id}",
                    None,
                    f"{rel} of {base.repo_id}: {base.expression or 'unknown'}",
                )
            )
            for finding in base.findings:
                # Named once, after the repo it arose in (the deepest), however far up it goes.
                message = finding.message if finding.via else \
                    f"in base {base.repo_id}: {finding.message}"
                findings.append(replace(finding, message=message,
                                        via=finding.via or base.repo_id))
            imposing = [
                catalog.lookup(i)
                for i in base.license_ids
                if catalog.lookup(i).category not in PERMISSIVE
            ]
            # Everything inherited binds at once (AND): a derivative is under its own terms
            # and all of its base's, a quantization first of all under its base's.
            if rel == "quantized":
                effective = [*base.license_ids, *effective]
            else:
                effective += list(base.license_ids)
            multimodal = _combine_multimodal(multimodal, base.multimodal)
            missing = [
                e for e in imposing if not any(_same(e, catalog.lookup(o)) for o in own.own_ids)
            ]
            if missing:
                declared = ", ".join(own.own_ids) or "no license"
                findings.append(
                    Finding(
                        "lineage",
                        f"{own.repo_id} declares {declared}, but as a {NOUNS.get(rel, rel)} of "
                        f"{base.repo_id} it is bound by {', '.join(e.id for e in missing)}",
                        missing[0].id,
                        via=base.repo_id,
                    )
                )
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

    @staticmethod
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
        for finding in data.findings:
            if finding.kind == "unknown":
                continue  # a dataset without a license is the datasets policy's to judge
            message = finding.message if finding.via else \
                f"in dataset {data.repo_id}: {finding.message}"
            findings.append(replace(finding, message=message, via=finding.via or data.repo_id))


def training_data(assessment: Assessment) -> list[tuple[Assessment, str]]:
    """Every dataset in a model's lineage (its own and its bases'), each once, in tree order,
    with the repo id of the model that names it."""
    found: dict[str, tuple[Assessment, str]] = {}

    def walk(node: Assessment) -> None:
        for child in node.bases:
            if child.relation == TRAINED_ON:
                found.setdefault(child.repo_id.lower(), (child, node.repo_id))
            else:
                walk(child)

    walk(assessment)
    return list(found.values())


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


def _not_identified(report: FileReport) -> bool:
    """A license-bearing file whose terms licscan cannot name: unknown text, or only a
    copyright line where a license was expected."""
    if report.status in ("unknown", "copyright-only"):
        return True
    return report.status == "identified" and not report.detections


def _unrecognized_message(report: FileReport) -> str:
    what = ("holds only a copyright notice, no license" if report.status == "copyright-only"
            else "holds a license text licscan cannot identify")
    like = f" (it shares words with {', '.join(report.resembles[:3])})" if report.resembles \
        else ""
    return (f"{report.path} {what}{like}; its terms are not known, so nothing else in the "
            "repository can stand in for them")


def _problem_findings(snap: RepoSnapshot) -> list[Finding]:
    """What the source saw but could not use; a kind resolution does not know fails closed."""
    found = []
    for problem in snap.problems:
        kind = problem.kind if problem.kind in FINDING_KINDS else "unrecognized"
        found.append(Finding(kind, problem.message))
    return found


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


def _restrictive_prompt_findings(report: FileReport) -> list[Finding]:
    """The gating prompt is a statement of terms the user accepts: a sentence of it that no
    license text explains and that restricts use is unexplained text (LS308).

    Why only license-bearing sentences (``matching.prose.license_bearing``, the same test a
    model card's prose is held to): a prompt is mostly the procedure of asking for access; the
    license it points at is read from the repository's files, which are held to every word.
    """
    found = []
    for passage in report.unexplained:
        for sentence in bearing_sentences(passage.text):
            found.append(Finding("unexplained", "the gating prompt adds terms licscan cannot "
                                 f"account for: \"{_clip(sentence.strip())}\"",
                                 quote=sentence.strip()))
    return found


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


def _relabel(assessment: Assessment, relation: str | None) -> Assessment:
    return replace(assessment, relation=relation)


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

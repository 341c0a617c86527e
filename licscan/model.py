"""The frozen values passed between pipeline stages (see docs/ARCHITECTURE.md).

Why values, not exceptions: a file that could not be read, a repo that is gated, a text that is
unknown, are all results a report must show; only failures that stop the whole run are raised.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar, get_args

# --- vocabularies ------------------------------------------------------------------------------
# Why Literal and not str: a value outside the vocabulary is a type error where it is made, not a
# KeyError (exit 3) where a later stage looks it up; mypy checks every lookup against them.

DetectionStatus = Literal["exact", "match", "modified", "partial"]
DetectionKind = Literal["text", "notice", "reference", "tag", "url"]  # how a license is stated
FileStatus = Literal["identified", "unknown", "empty", "copyright-only", "binary", "unreadable"]
FileRole = Literal["license", "notice", "use-policy", "readme", "license-link"]
BaseRelation = Literal["adapter", "merge", "quantized", "finetune"]
# How an assessed repo stands to the one that named it: one of its bases, or its training data.
Relation = Literal["adapter", "merge", "quantized", "finetune", "trained on"]
Origin = Literal["hub", "local", "cache"]
RepoKind = Literal["model", "dataset"]  # what a Hub repository holds
DifferenceKind = Literal["inserted", "removed", "replaced"]
LinkKind = Literal["file", "url"]  # what a card's license_link points at
Matcher = Literal["exact-hash", "similarity", "statement"]  # how a detection was made
Gating = Literal["auto", "manual"]  # how the Hub grants access to a gated repo
BaseSource = Literal["card", "tags"]  # where a base model was declared
GATINGS: tuple[Gating, ...] = get_args(Gating)
Access = Literal["granted", "denied", "offline"]
FindingKind = Literal[
    "unknown", "unrecognized", "conflict", "modified", "partial", "low_confidence",
    "unverifiable", "lineage", "unexplained", "could_not_evaluate",
]
EvidenceStatus = Literal["declared", "exact", "match", "modified", "partial"]
Decision = Literal["allow", "obligation", "warn", "review", "deny"]
# The AI terms a policy decides (its ``terms`` section), each answered by a rule of that name.
TermName = Literal[
    "user_threshold", "output_training_ban", "territorial_exclusion", "field_of_use_ban",
    "non_commercial", "research_only", "naming_requirement", "attribution", "notice_file",
    "remote_restriction", "flow_down", "acceptable_use_policy", "license_copy",
]
Severity = Literal["note", "warning", "error"]  # mildest first: the one severity order
Status = Literal["pass", "warn", "fail", "error"]

DETECTION_STATUSES: tuple[DetectionStatus, ...] = get_args(DetectionStatus)
FILE_STATUSES: tuple[FileStatus, ...] = get_args(FileStatus)
FINDING_KINDS: tuple[FindingKind, ...] = get_args(FindingKind)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
TERM_NAMES: tuple[TermName, ...] = get_args(TermName)
BASE_RELATIONS: tuple[BaseRelation, ...] = get_args(BaseRelation)
FILE_ROLES: tuple[FileRole, ...] = get_args(FileRole)
TRAINED_ON: Relation = "trained on"  # the relation of a dataset to the model that names it


def severity_rank(severity: Severity | None) -> int:
    """How bad a severity is: 0 for none, then in the order of ``Severity``."""
    return 0 if severity is None else SEVERITIES.index(severity) + 1


# The same order as a sort key for reports, which list the most severe first.
SEVERITY_ORDER: dict[Severity, int] = {s: -severity_rank(s) for s in SEVERITIES}


def worst_severity(severities: Iterable[Severity]) -> Severity | None:
    return max(severities, key=severity_rank, default=None)


Word = TypeVar("Word", bound=str)


def in_vocabulary(value: object, vocabulary: tuple[Word, ...]) -> Word | None:
    """``value`` as a word of ``vocabulary``, or None: how text read from outside (a card, a
    cached snapshot) becomes a typed value."""
    return next((word for word in vocabulary if word == value), None)


def as_finding_kind(kind: str) -> FindingKind:
    """A kind read from outside (a source, a cached snapshot) that resolution does not know
    fails closed: it is an unrecognized finding, never dropped."""
    return in_vocabulary(kind, FINDING_KINDS) or "unrecognized"


# --- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Where in a file a detected license sits: 1-based lines and 0-based character offsets."""

    start_line: int
    end_line: int
    start: int
    end: int


@dataclass(frozen=True)
class Difference:
    """One passage where the file and the reference text differ.

    ``harmless`` differences are the ones a license invites (copyright holder, year, a project
    name in a placeholder, the optional appendix, a title); the rest are substantive and make
    the text a modified license.
    """

    kind: DifferenceKind
    text: str  # the passage as it stands in the file ('' for a removal)
    reference_text: str  # the passage in the reference ('' for an insertion)
    harmless: bool
    reason: str
    line: int  # 1-based line in the file where the difference sits


@dataclass(frozen=True)
class Detection:
    """One license found in a text: which, how sure, where, and what differs."""

    license_id: str
    name: str
    status: DetectionStatus
    confidence: float
    matcher: Matcher
    span: Span
    coverage: float  # share of the reference text found in the file
    similarity: float  # order-sensitive similarity over the matched region
    differences: tuple[Difference, ...] = ()
    alternatives: tuple[str, ...] = ()  # other entries with the same or nearly the same text
    # How the license is stated: its ``text``; a ``notice`` (a standard header); a ``reference``
    # in prose ("licensed under the MIT License"); a ``tag`` (SPDX-License-Identifier); a ``url``.
    kind: DetectionKind = "text"
    # What the file says this license covers, when it says: a bundle heading's component
    # ("NVIDIA Megatron-LM code", "snappy/*") or a statement's scope ("files in the lib
    # directory"). None: the file does not restrict it to a part.
    covers: str | None = None

    @property
    def substantive_differences(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if not d.harmless)


@dataclass(frozen=True)
class Passage:
    """Text in a license-bearing file that no license text, notice, reference or part a
    license's template allows explains. Why a value: fail closed means such text is a finding
    that blocks a pass, quoted so a person can read it, never something skipped."""

    text: str  # the passage as it stands in the file (whitespace collapsed)
    span: Span


@dataclass(frozen=True)
class FileReport:
    """What identification made of one file."""

    path: str
    status: FileStatus
    detections: tuple[Detection, ...] = ()
    encoding: str | None = None
    size: int = 0
    truncated: bool = False  # only the first ``read_limit`` bytes were read
    message: str | None = None  # why a file is unreadable, binary, capped...
    resembles: tuple[str, ...] = field(default=())  # unknown text that shares words with these
    unexplained: tuple[Passage, ...] = ()  # text no detection or template part accounts for
    # How the file's licenses combine, as it states it ("dual licensed ... or" is OR, parts
    # each under its own license are AND), in catalog ids; None when it names fewer than two.
    expression: str | None = None
    points_to: tuple[str, ...] = ()  # repository files it names as holding its terms


# --- sources -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepoFile:
    """A license-bearing file of a repository: its bytes, or why they could not be read."""

    path: str
    data: bytes | None = None
    size: int | None = None
    unavailable: str | None = None  # why ``data`` is None: gated, too large, missing...
    role: FileRole = "license"


@dataclass(frozen=True)
class BaseModelRef:
    """A model this one derives from, as the card and the Hub's tags say."""

    repo_id: str
    relation: BaseRelation | None = None
    source: BaseSource = "card"


@dataclass(frozen=True)
class SourceProblem:
    """Something a source saw but could not make sense of (a file over the cap, a base_model
    that is not a repo id): resolution turns each into a finding of ``kind``, so it can never
    be dropped on the way to the verdict."""

    kind: str  # a FindingKind; str because a cached snapshot is read back (see as_finding_kind)
    message: str


@dataclass(frozen=True)
class RepoSnapshot:
    """Everything licscan read about one repository at one commit."""

    target: str  # what the user asked for
    repo_id: str
    kind: RepoKind = "model"
    origin: Origin = "hub"
    revision: str | None = None  # requested branch, tag or commit
    commit: str | None = None  # the resolved commit sha
    card: dict[str, object] = field(default_factory=dict)  # model-card front matter
    card_problem: str | None = None  # why the front matter could not be used
    tags: tuple[str, ...] = ()
    gated: Gating | None = None
    access: Access = "granted"  # denied: gated without an approved token
    access_reason: str | None = None
    private: bool = False
    siblings: tuple[str, ...] = ()
    files: tuple[RepoFile, ...] = ()
    license_link: str | None = None
    license_link_kind: LinkKind | None = None
    base_models: tuple[BaseModelRef, ...] = ()
    datasets: tuple[str, ...] = ()  # Hub dataset ids the card says the model was trained on
    renamed_from: str | None = None
    endpoint: str | None = None
    last_modified: str | None = None
    notes: tuple[str, ...] = ()  # things a reader should know (skipped files, odd names...)
    problems: tuple[SourceProblem, ...] = ()  # each becomes a finding (see SourceProblem)

    @property
    def declared_licenses(self) -> tuple[str, ...]:
        """The card's ``license`` value(s), as strings, in order."""
        value = self.card.get("license")
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list):
            return tuple(str(v) for v in value if isinstance(v, (str, int, float)))
        return ()

    @property
    def tag_licenses(self) -> tuple[str, ...]:
        return tuple(t.split(":", 1)[1] for t in self.tags if t.startswith("license:"))


@dataclass(frozen=True)
class Inspection:
    """One target read and its files identified, or the error that stopped it."""

    target: str
    snapshot: RepoSnapshot | None = None
    reports: tuple[FileReport, ...] = ()  # one per readable file of the snapshot, same order
    error: str | None = None
    hint: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# --- resolution --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One signal about the license and where it came from."""

    source: str  # card, card license_name, tags, file <path>, gating prompt, base <repo>
    license_id: str | None
    detail: str
    status: EvidenceStatus | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class Finding:
    """A named problem with the evidence; ``via`` is the base it was inherited from, ``quote``
    the passage a person must read (a modified clause, an unexplained sentence)."""

    kind: FindingKind
    message: str
    license_id: str | None = None
    via: str | None = None
    quote: str | None = None

    def seen_through(self, what: str, repo_id: str) -> Finding:
        """This finding as the repo deriving from ``repo_id`` (a base, a dataset: ``what``)
        reports it: named once, after the repo it arose in (the deepest), however far up."""
        if self.via:
            return self
        return replace(self, message=f"in {what} {repo_id}: {self.message}", via=repo_id)


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
    kind: RepoKind = "model"
    origin: Origin = "hub"
    commit: str | None = None
    revision: str | None = None
    license_ids: tuple[str, ...] = ()  # effective: every license that applies (AND)
    own_ids: tuple[str, ...] = ()  # what the repo itself is under, before its bases
    declared: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    findings: tuple[Finding, ...] = ()
    bases: tuple[Assessment, ...] = ()  # base models, and datasets (relation TRAINED_ON)
    relation: Relation | None = None  # how this repo derives from the one that named it
    gated: Gating | None = None
    access: Access = "granted"
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

    def training_data(self) -> list[tuple[Assessment, str]]:
        """Every dataset in the lineage (this repo's and its bases'), each once, in tree order,
        with the repo id of the model that names it."""
        found: dict[str, tuple[Assessment, str]] = {}

        def walk(node: Assessment) -> None:
            for child in node.bases:
                if child.relation == TRAINED_ON:
                    found.setdefault(child.repo_id.lower(), (child, node.repo_id))
                else:
                    walk(child)

        walk(self)
        return list(found.values())


# --- policy ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a verdict is what it is: rule, severity, decision, a message, and its evidence."""

    rule: str
    name: str
    severity: Severity
    decision: Decision
    message: str
    license_id: str | None = None
    evidence: tuple[str, ...] = ()
    waived_by: str | None = None  # the exception that waived it


@dataclass(frozen=True)
class Obligation:
    """A duty that comes with using the model under its license."""

    rule: str
    license_id: str
    text: str


def verdict_status(reasons: Iterable[Reason]) -> Status:
    """The one status rule for a judged target: an unwaived error fails it, an unwaived warning
    warns; notes and waived reasons leave it passing. (A target that could not be judged is
    ``error``, which no reason changes: see ``Verdict.with_reasons``.)"""
    worst = worst_severity(r.severity for r in reasons if r.waived_by is None)
    return "fail" if worst == "error" else "warn" if worst == "warning" else "pass"


@dataclass(frozen=True)
class Verdict:
    """The policy's answer for one target."""

    target: str
    status: Status
    assessment: Assessment | None
    reasons: tuple[Reason, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    error: str | None = None
    hint: str | None = None

    @property
    def effective_license(self) -> str | None:
        """The effective license expression as reports show it (a modified text is marked
        ``(modified)``); None when none was established or the target could not be read."""
        return self.assessment.expression if self.assessment is not None else None

    def worst(self) -> Severity | None:
        """The highest severity among the reasons no exception waived."""
        return worst_severity(r.severity for r in self.reasons if r.waived_by is None)

    def with_reasons(self, extra: Iterable[Reason]) -> Verdict:
        """The verdict with more reasons, its status by the same rule; not evaluated stays not
        evaluated (exit 2), whatever is added."""
        reasons = (*self.reasons, *extra)
        status: Status = "error" if self.status == "error" else verdict_status(reasons)
        return replace(self, reasons=reasons, status=status)

"""The frozen values passed between pipeline stages (see docs/ARCHITECTURE.md).

Why values, not exceptions: a file that could not be read, a repo that is gated, a text that is
unknown, are all results a report must show; only failures that stop the whole run are raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- matching ----------------------------------------------------------------------------------

DETECTION_STATUSES = ("exact", "match", "modified", "partial")
FILE_STATUSES = (
    "identified", "unknown", "empty", "copyright-only", "binary", "unreadable",
)


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

    kind: str  # inserted | removed | replaced
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
    status: str  # exact | match | modified | partial
    confidence: float
    matcher: str  # exact-hash | similarity
    span: Span
    coverage: float  # share of the reference text found in the file
    similarity: float  # order-sensitive similarity over the matched region
    differences: tuple[Difference, ...] = ()
    alternatives: tuple[str, ...] = ()  # other entries with the same or nearly the same text
    # How the license is stated: its ``text``; a ``notice`` (a standard header); a ``reference``
    # in prose ("licensed under the MIT License"); a ``tag`` (SPDX-License-Identifier); a ``url``.
    kind: str = "text"
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
    status: str  # see FILE_STATUSES
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
    role: str = "license"  # license | notice | use-policy | readme | license-link


@dataclass(frozen=True)
class BaseModelRef:
    """A model this one derives from, as the card and the Hub's tags say."""

    repo_id: str
    relation: str | None = None  # adapter | merge | quantized | finetune
    source: str = "card"  # card | tags


@dataclass(frozen=True)
class SourceProblem:
    """Something a source saw but could not make sense of (a file over the cap, a base_model
    that is not a repo id): resolution turns each into a finding of ``kind``, so it can never
    be dropped on the way to the verdict."""

    kind: str  # a finding kind: unverifiable | unrecognized | lineage
    message: str


@dataclass(frozen=True)
class RepoSnapshot:
    """Everything licscan read about one repository at one commit."""

    target: str  # what the user asked for
    repo_id: str
    kind: str = "model"  # model | dataset
    origin: str = "hub"  # hub | local | cache
    revision: str | None = None  # requested branch, tag or commit
    commit: str | None = None  # the resolved commit sha
    card: dict[str, object] = field(default_factory=dict)  # model-card front matter
    card_problem: str | None = None  # why the front matter could not be used
    tags: tuple[str, ...] = ()
    gated: str | None = None  # auto | manual | None
    access: str = "granted"  # granted | denied (gated without an approved token) | offline
    access_reason: str | None = None
    private: bool = False
    siblings: tuple[str, ...] = ()
    files: tuple[RepoFile, ...] = ()
    license_link: str | None = None
    license_link_kind: str | None = None  # file | url
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

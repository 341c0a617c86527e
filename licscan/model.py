"""The frozen values passed between pipeline stages (see ARCHITECTURE.md).

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

    @property
    def substantive_differences(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if not d.harmless)


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

"""The policy as typed values, with every default spelled out once.

Why defaults here and not scattered: "what happens when the policy does not say" is itself a
compliance decision. Unknown findings are denied, lineage conflicts denied; modified,
unrecognised, unexplained and unverifiable (gated, unread) evidence is sent to review, so it
fails until a person decides; a policy may lower any of them, but only by saying so. What could
not be evaluated at all (a base that cannot be read) is no finding: it is exit 2 in every policy.
Anything not allowed is not allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

from licscan.model import Decision, TermName

DECISIONS: tuple[Decision, ...] = get_args(Decision)

DEFAULT_FINDINGS: dict[str, Decision] = {
    "unknown": "deny",
    "unrecognized": "review",
    "conflict": "review",
    "modified": "review",
    "partial": "review",
    "low_confidence": "warn",
    "unverifiable": "review",
    "lineage": "deny",
    "unexplained": "review",
    "expired_exception": "deny",
}

DEFAULT_TERMS: dict[str, Decision] = {  # by TermName
    "user_threshold": "deny",
    "output_training_ban": "deny",
    "territorial_exclusion": "deny",
    "field_of_use_ban": "deny",
    "non_commercial": "deny",
    "research_only": "deny",
    "naming_requirement": "obligation",
    "attribution": "obligation",
    "notice_file": "obligation",
    "remote_restriction": "warn",
    "flow_down": "obligation",
    "acceptable_use_policy": "obligation",
    "license_copy": "obligation",
}


DATASET_TERMS: tuple[TermName, ...] = ("non_commercial", "research_only")
DEFAULT_DATASETS_TERMS: dict[str, Decision] = {"non_commercial": "review",
                                               "research_only": "review"}
DEFAULT_DATASET_CATEGORIES: dict[str, Decision] = {"permissive": "allow",
                                                   "public-domain": "allow"}


@dataclass(frozen=True)
class DatasetPolicy:
    """What to do about the licenses of the data a model was trained on.

    Why its own section, and review by default: whether a dataset's license binds the weights
    trained on it is legally unsettled, so a model's effective license never includes it; but
    a person must see non-commercial, research-only or unlicensed training data before the
    model is used. Decisions: by license id, else a term our use triggers, else by category;
    a category not listed and a dataset without a license go to ``unlisted`` / ``unknown``
    (review unless the policy says otherwise).
    """

    licenses: Mapping[str, Decision] = field(default_factory=dict)  # id (lower) -> decision
    categories: Mapping[str, Decision] = field(
        default_factory=lambda: dict(DEFAULT_DATASET_CATEGORIES))
    terms: Mapping[str, Decision] = field(default_factory=lambda: dict(DEFAULT_DATASETS_TERMS))
    unknown: Decision = "review"
    unlisted: Decision = "review"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> DatasetPolicy:
        return cls(
            licenses=_decisions_by_id(data.get("licenses") or {}),
            categories=dict(data["categories"]) if "categories" in data
            else dict(DEFAULT_DATASET_CATEGORIES),
            terms={**DEFAULT_DATASETS_TERMS, **(data.get("terms") or {})},
            unknown=data.get("unknown", "review"),  # the schema allows only decisions
            unlisted=data.get("unlisted", "review"),
        )


def _decisions_by_id(section: Mapping[str, Any]) -> dict[str, Decision]:
    licenses: dict[str, Decision] = {}
    order: tuple[Decision, ...] = ("allow", "warn", "review", "deny")
    for decision in order:  # later (stricter) wins
        for lid in section.get(decision) or ():
            licenses[str(lid).lower()] = decision
    return licenses


@dataclass(frozen=True)
class UseContext:
    """Facts about the organisation's use that AI terms are judged against."""

    use: str = "commercial"
    distribution: str = "internal"
    monthly_active_users: int | None = None
    monthly_revenue_usd: float | None = None
    annual_revenue_usd: float | None = None
    territories: tuple[str, ...] = ()
    trains_on_outputs: bool = False
    fields_of_use: tuple[str, ...] = ()
    multimodal: bool | None = None


@dataclass(frozen=True)
class Exception_:
    """A waiver for one model (optionally one revision), with who approved it until when."""

    model: str
    waive: tuple[str, ...]
    reason: str
    approved_by: str
    expires: dt.date
    revision: str | None = None
    justification: str | None = None
    ticket: str | None = None
    index: int = 0  # position in the policy's exceptions list (for messages and SARIF)

    def covers(self, repo_id: str, commit: str | None, revision: str | None) -> bool:
        if self.model.lower() != repo_id.lower():
            return False
        if self.revision is None:
            return True
        return (commit is not None and commit.startswith(self.revision)) or \
            self.revision == revision

    def waives(self, rule: str, name: str) -> bool:
        return "all" in self.waive or rule in self.waive or name in self.waive


@dataclass(frozen=True)
class Policy:
    """A validated policy file."""

    source: str
    name: str
    context: UseContext = field(default_factory=UseContext)
    min_confidence: float = 0.9
    findings: Mapping[str, Decision] = field(default_factory=lambda: dict(DEFAULT_FINDINGS))
    categories: Mapping[str, Decision] = field(default_factory=dict)
    licenses: Mapping[str, Decision] = field(default_factory=dict)  # id (lower) -> decision
    terms: Mapping[str, Decision] = field(default_factory=lambda: dict(DEFAULT_TERMS))
    exceptions: tuple[Exception_, ...] = ()
    datasets: DatasetPolicy = field(default_factory=DatasetPolicy)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str) -> Policy:
        ctx = data.get("context") or {}
        context = UseContext(
            use=ctx.get("use", "commercial"),
            distribution=ctx.get("distribution", "internal"),
            monthly_active_users=ctx.get("monthly_active_users"),
            monthly_revenue_usd=ctx.get("monthly_revenue_usd"),
            annual_revenue_usd=ctx.get("annual_revenue_usd"),
            territories=tuple(ctx.get("territories") or ()),
            trains_on_outputs=bool(ctx.get("trains_on_outputs", False)),
            fields_of_use=tuple(ctx.get("fields_of_use") or ()),
            multimodal=ctx.get("multimodal"),
        )
        licenses = _decisions_by_id(data.get("licenses") or {})
        exceptions = tuple(
            Exception_(
                model=e["model"], waive=tuple(e["waive"]), reason=e["reason"],
                approved_by=e["approved_by"], expires=dt.date.fromisoformat(str(e["expires"])),
                revision=e.get("revision"), justification=e.get("justification"),
                ticket=e.get("ticket"), index=i,
            )
            for i, e in enumerate(data.get("exceptions") or ())
        )
        return cls(
            source=source,
            name=str(data.get("name") or source),
            context=context,
            min_confidence=float(data.get("min_confidence", 0.9)),
            findings={**DEFAULT_FINDINGS, **(data.get("findings") or {})},
            categories=dict(data.get("categories") or {}),
            licenses=licenses,
            terms={**DEFAULT_TERMS, **(data.get("terms") or {})},
            exceptions=exceptions,
            datasets=DatasetPolicy.from_mapping(data.get("datasets") or {}),
        )

"""The catalog's values: one ``LicenseEntry`` per rules file, with typed AI terms.

Why typed and frozen: policy evaluation reads these facts to decide pass or fail, so a misspelt
key must fail at load time (the schema) and nothing downstream may mutate what the rules say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from licscan.licenses.territory import expand, territory_code


@dataclass(frozen=True)
class UserThreshold:
    """A scale gate: above ``value`` of ``metric`` the grant changes (Llama's 700M MAU)."""

    metric: str
    value: float
    measured: str | None = None
    scope: str | None = None
    consequence: str | None = None


@dataclass(frozen=True)
class TerritorialExclusion:
    """Who the grant leaves out (Llama 3.2's EU clause for multimodal models)."""

    territory: str  # ISO 3166-1 alpha-2 code or EU, as normalised at load
    applies_to: str | None = None
    exempt: str | None = None
    codes: frozenset[str] = frozenset()  # every country code it covers (EU: its members)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> TerritorialExclusion:
        """Normalised at load: a license's "European Union" must meet a policy's ``DE``."""
        code = territory_code(str(data["territory"]))
        return cls(territory=code, applies_to=data.get("applies_to"),
                   exempt=data.get("exempt"), codes=expand([code]))


@dataclass(frozen=True)
class AcceptableUsePolicy:
    """A use policy incorporated by reference; ``licensor_may_update`` means it can change."""

    document: str | None = None
    url: str | None = None
    licensor_may_update: bool = False


@dataclass(frozen=True)
class AITerms:
    """Terms specific to model licenses, the facts AI policies are judged against."""

    purpose: str = "any"
    user_threshold: UserThreshold | None = None
    output_training_ban: str | None = None
    distillation_is_derivative: bool = False
    name_prefix: str | None = None
    attribution_display: str | None = None
    notice_text: str | None = None
    acceptable_use_policy: AcceptableUsePolicy | None = None
    field_of_use_bans: tuple[str, ...] = ()
    territorial_exclusions: tuple[TerritorialExclusion, ...] = ()
    flow_down: bool = False
    license_copy_to_recipients: bool = False
    remote_restriction: bool = False
    modification_notice: bool = False
    governing_law: str | None = None
    source_clause: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> AITerms:
        """Build from validated front matter (the schema has already checked the shapes)."""
        threshold = data.get("user_threshold")
        ban = data.get("output_training_ban")
        aup = data.get("acceptable_use_policy")
        return cls(
            purpose=data.get("purpose") or "any",
            user_threshold=UserThreshold(**threshold) if threshold else None,
            output_training_ban=ban["scope"] if ban else None,
            distillation_is_derivative=bool(data.get("distillation_is_derivative")),
            name_prefix=data.get("name_prefix"),
            attribution_display=data.get("attribution_display"),
            notice_text=data.get("notice_text"),
            acceptable_use_policy=AcceptableUsePolicy(**aup) if aup else None,
            field_of_use_bans=tuple(data.get("field_of_use_bans") or ()),
            territorial_exclusions=tuple(
                TerritorialExclusion.from_mapping(t) for t in data.get("territorial_exclusions")
                or ()
            ),
            flow_down=bool(data.get("flow_down")),
            license_copy_to_recipients=bool(data.get("license_copy_to_recipients")),
            remote_restriction=bool(data.get("remote_restriction")),
            modification_notice=bool(data.get("modification_notice")),
            governing_law=data.get("governing_law"),
            source_clause=dict(data.get("source_clause") or {}),
        )


@dataclass(frozen=True)
class LicenseEntry:
    """What licscan knows about one license version; the text is read on demand."""

    id: str
    name: str
    spdx: str
    category: str
    aliases: tuple[str, ...] = ()
    family_versions: tuple[str, ...] = ()
    exception: bool = False
    version: str | None = None
    released: str | None = None
    licensor: str | None = None
    permissions: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    limitations: tuple[str, ...] = ()
    ai_terms: AITerms | None = None
    companion: tuple[str, ...] = ()
    companion_of: str | None = None
    has_text: bool = False
    text_missing_reason: str | None = None
    provenance: Mapping[str, Any] = field(default_factory=dict)
    facts: str = "curated"
    notes: str | None = None
    resource: str = ""

    @property
    def is_family(self) -> bool:
        return bool(self.family_versions)

    @property
    def source_url(self) -> str | None:
        url = self.provenance.get("url")
        return str(url) if url else None

    @classmethod
    def from_front_matter(cls, meta: Mapping[str, Any], resource: str) -> LicenseEntry:
        family = meta.get("family") or {}
        terms = meta.get("ai_terms")
        return cls(
            id=meta["id"],
            name=meta["name"],
            spdx=meta["spdx"],
            category=meta["category"],
            aliases=tuple(meta.get("aliases") or ()),
            family_versions=tuple(family.get("versions") or ()),
            exception=bool(meta.get("exception")),
            version=_opt_str(meta.get("version")),
            released=_opt_str(meta.get("released")),
            licensor=meta.get("licensor"),
            permissions=tuple(meta.get("permissions") or ()),
            conditions=tuple(meta.get("conditions") or ()),
            limitations=tuple(meta.get("limitations") or ()),
            ai_terms=AITerms.from_mapping(terms) if terms else None,
            companion=tuple(meta.get("companion") or ()),
            companion_of=meta.get("companion_of"),
            has_text=meta.get("text") == "present",
            text_missing_reason=meta.get("text_missing_reason"),
            provenance=dict(meta.get("provenance") or {}),
            facts=meta.get("facts", "curated"),
            notes=meta.get("notes"),
            resource=resource,
        )


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)

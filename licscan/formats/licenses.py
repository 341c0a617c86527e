"""Catalog listings and ``explain`` pages, as text or JSON strings (formats never print).

Why plain words: ``licscan explain`` is read by engineers and lawyers who do not know the
vocabulary keys, so each key is said as a sentence, and every AI term states its number, its
text and the clause it comes from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from licscan import __version__
from licscan.licenses.entry import AITerms, LicenseEntry, UserThreshold

JSON_SCHEMA_VERSION = 1

PERMISSION_WORDS = {
    "commercial-use": "use it commercially",
    "modifications": "modify it",
    "distribution": "distribute it",
    "private-use": "use it privately",
    "patent-use": "use the licensors' patents it covers",
}
CONDITION_WORDS = {
    "include-copyright": "keep the copyright and license notices",
    "include-copyright--source": "keep the copyright notice in source distributions",
    "include-license-copy": "give recipients a copy of the license",
    "document-changes": "mark what you changed",
    "disclose-source": "make the source available when you distribute",
    "network-use-disclose": "offer the source to users who interact with it over a network",
    "same-license": "release derivative works under the same license",
    "same-license--file": "keep modified files under the same license",
    "same-license--library": "keep modifications of the library under the same license",
    "notice-file": "ship a NOTICE file with the required notice",
    "attribution-display": "display the required attribution prominently",
    "name-prefix": "give derived models the required name prefix",
    "flow-down-restrictions": "pass the use restrictions on to recipients as enforceable terms",
    "acceptable-use-policy": "follow the acceptable-use policy",
    "give-credit": "credit the licensor",
}
LIMITATION_WORDS = {
    "liability": "hold the licensor liable",
    "warranty": "expect any warranty",
    "trademark-use": "use the licensor's trademarks",
    "patent-use": "rely on any patent grant",
    "commercial-use": "use it commercially",
    "use-restrictions": "use it for the purposes the license forbids",
    "output-use": "use its outputs as the license forbids",
    "user-threshold": "exceed the user or revenue threshold without a separate license",
    "research-only": "use it beyond research or evaluation",
    "no-derivatives": "share adapted or derivative versions",
}
CATEGORY_WORDS = {
    "permissive": "permissive",
    "public-domain": "public domain dedication",
    "weak-copyleft": "weak copyleft",
    "copyleft": "copyleft",
    "network-copyleft": "network copyleft",
    "non-commercial": "non-commercial",
    "research-only": "research only",
    "responsible-ai": "responsible-AI license with use restrictions (RAIL family)",
    "custom-ai": "custom AI-model license",
    "source-available": "source-available",
    "proprietary": "proprietary",
    "restricted": "open with unusual restrictions",
    "unknown": "unknown",
}
METRIC_WORDS = {
    "monthly-active-users": "monthly active users",
    "monthly-revenue-usd": "USD monthly revenue",
    "annual-revenue-usd": "USD annual revenue",
}


THRESHOLD_CONSEQUENCES = {
    "separate-license": "you need a separate license from the licensor",
    "attribution": "extra attribution duties apply",
}


def render_license_list(entries: Iterable[LicenseEntry], fmt: str) -> str:
    rows = list(entries)
    if fmt == "json":
        return _dump(
            {
                "schema_version": JSON_SCHEMA_VERSION,
                "tool": {"name": "licscan", "version": __version__},
                "licenses": [
                    {
                        "id": e.id,
                        "name": e.name,
                        "spdx": e.spdx,
                        "category": e.category,
                        "aliases": list(e.aliases),
                        "text": "present" if e.has_text else "missing",
                    }
                    for e in rows
                ],
            }
        )
    width = max((len(e.id) for e in rows), default=2)
    lines = [f"{e.id:<{width}}  {e.category:<16}  {e.name}" for e in rows]
    lines.append(f"{len(rows)} licenses")
    return "\n".join(lines) + "\n"


def render_explanation(entry: LicenseEntry, fmt: str) -> str:
    if fmt == "json":
        data: dict[str, Any] = asdict(entry)
        data.pop("resource", None)
        data["text"] = "present" if data.pop("has_text") else "missing"
        return _dump(
            {
                "schema_version": JSON_SCHEMA_VERSION,
                "tool": {"name": "licscan", "version": __version__},
                "license": data,
            }
        )
    out: list[str] = [f"{entry.name} ({entry.id})"]
    out.append(
        f"  SPDX: {entry.spdx}   category: {CATEGORY_WORDS.get(entry.category, entry.category)}"
    )
    if entry.version or entry.released or entry.licensor:
        facts = [
            f"version {entry.version}" if entry.version else "",
            f"released {entry.released}" if entry.released else "",
            f"by {entry.licensor}" if entry.licensor else "",
        ]
        out.append("  " + ", ".join(f for f in facts if f))
    if entry.aliases:
        out.append(f"  also known as: {', '.join(entry.aliases)}")
    if entry.is_family:
        out.append("")
        out.append("This id names a family, not one license. It may mean any of:")
        out.extend(f"  - {v}" for v in entry.family_versions)
        out.append("Identify the exact version from the license text before relying on it.")
    _section(out, "You may", [PERMISSION_WORDS.get(p, p) for p in entry.permissions])
    _section(out, "You must", [CONDITION_WORDS.get(c, c) for c in entry.conditions])
    _section(out, "You may not", [LIMITATION_WORDS.get(x, x) for x in entry.limitations])
    if entry.ai_terms is not None:
        _section(out, "AI-model terms", _ai_term_lines(entry.ai_terms))
    if entry.companion:
        _section(out, "Documents incorporated by reference", list(entry.companion))
    if entry.companion_of:
        _section(out, "Part of", [entry.companion_of])
    if entry.notes:
        _section(out, "Notes", [entry.notes])
    if entry.facts == "derived-from-category":
        out.append("")
        out.append(
            "(The permissions, conditions and limitations above follow from the category; "
            "no one has curated this license's facts yet.)"
        )
    out.append("")
    out.append("Source of the reference text:")
    out.extend(_provenance_lines(entry))
    return "\n".join(out) + "\n"


def _ai_term_lines(terms: AITerms) -> list[str]:
    """One sentence per term the license states, each citing its clause when it is known."""
    clause = terms.source_clause
    lines = [sentence + (f" ({clause[key]})" if key in clause else "")
             for key, sentence in _term_sentences(terms) if sentence]
    return lines or ["none beyond the license's general terms"]


def _term_sentences(terms: AITerms) -> list[tuple[str, str | None]]:
    """(the clause key a sentence cites, the sentence, None when the term is not stated)."""
    aup = terms.acceptable_use_policy
    return [
        ("purpose", f"Purpose limited to: {terms.purpose}" if terms.purpose != "any" else None),
        ("user_threshold", _threshold(terms.user_threshold)),
        ("output_training_ban",
         _stated("Outputs may not train other models: {}", terms.output_training_ban)),
        ("distillation_is_derivative", _stated("A model distilled from it or trained on its "
                                               "outputs counts as a derivative",
                                               terms.distillation_is_derivative)),
        ("name_prefix", _stated('Derived models you distribute must start their name with "{}"',
                                terms.name_prefix)),
        ("attribution_display", _stated('Display "{}" prominently', terms.attribution_display)),
        ("notice_text", _stated('Notice file text: "{}"', terms.notice_text)),
        ("acceptable_use_policy", None if aup is None else _with(
            "Acceptable-use policy applies", (": {}", aup.document), (" <{}>", aup.url),
            ("; the licensor may update it", aup.licensor_may_update))),
        ("field_of_use_bans",
         _stated("Banned fields of use: {}", ", ".join(terms.field_of_use_bans))),
        *(("territorial_exclusions", _with(f"Territorial exclusion: {excl.territory}",
                                           (", for {}", excl.applies_to),
                                           (" (exempt: {})", excl.exempt)))
          for excl in terms.territorial_exclusions),
        ("flow_down", _stated("Use restrictions must flow down to recipients as enforceable "
                              "terms", terms.flow_down)),
        ("license_copy_to_recipients", _stated("Recipients must be given a copy of the license",
                                               terms.license_copy_to_recipients)),
        ("modification_notice",
         _stated("Modified files must carry a notice", terms.modification_notice)),
        ("remote_restriction",
         _stated("The licensor may restrict use remotely", terms.remote_restriction)),
        ("", _stated("Governing law: {}", terms.governing_law)),  # no clause is cited for it
    ]


def _threshold(threshold: UserThreshold | None) -> str | None:
    if threshold is None:
        return None
    metric = METRIC_WORDS.get(threshold.metric, threshold.metric)
    consequence = THRESHOLD_CONSEQUENCES.get(threshold.consequence or "",
                                             threshold.consequence or "the grant changes")
    return _with(f"Above {threshold.value:,.0f} {metric}, {consequence}",
                 ("; counted for {}", threshold.scope), ("; measured {}", threshold.measured))


def _stated(template: str, value: object) -> str | None:
    """The sentence with ``value`` in its place, or None when the license does not state it."""
    return template.format(value) if value else None


def _with(text: str, *parts: tuple[str, object]) -> str:
    """``text`` followed by each part whose value is stated, the value put in its place."""
    return text + "".join(_stated(template, value) or "" for template, value in parts)


def _provenance_lines(entry: LicenseEntry) -> list[str]:
    prov = entry.provenance
    lines = []
    if not entry.has_text:
        lines.append(f"  text missing: {entry.text_missing_reason}")
    source = prov.get("source")
    if source == "scancode-licensedb":
        lines.append(f"  ScanCode LicenseDB ({prov.get('data_license')}): {prov.get('url')}")
        if prov.get("licensor_url"):
            lines.append(f"  licensor: {prov.get('licensor_url')}")
    elif source == "licensor" and prov.get("url") and prov.get("licensor_url"):
        # The copy may sit in a licensee's repository: name where it was copied from and the
        # licensor's own page apart, and say how the copy was made.
        lines.append(f"  copied from: {prov.get('url')}")
        lines.append(f"  licensor's page: {prov.get('licensor_url')}")
        if prov.get("notes"):
            lines.append(f"  {prov.get('notes')}")
    elif prov.get("url"):
        lines.append(f"  {source}: {prov.get('url')}")
    else:
        lines.append(f"  {source}: no published text")
    return lines


def _section(out: list[str], title: str, items: list[str]) -> None:
    out.append("")
    out.append(f"{title}:")
    out.extend(f"  - {item}" for item in items) if items else out.append("  (nothing stated)")


def _dump(data: object) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"

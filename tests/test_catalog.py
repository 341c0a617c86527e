"""Finding entries by any name, and SPDX expressions with Hub ids as symbols."""

from __future__ import annotations

from pathlib import Path

import pytest

import licscan
from licscan.errors import UnknownLicenseError
from licscan.licenses import AllOf, AnyOf, LicenseLeaf, load_catalog, parse_expression


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("apache-2.0", "apache-2.0"),
        ("Apache-2.0", "apache-2.0"),
        ("APACHE-2.0", "apache-2.0"),
        ("Apache License 2.0", "apache-2.0"),
        ("GPL-2.0", "gpl-2.0-only"),  # deprecated SPDX id
        ("GPL-2.0+", "gpl-2.0-or-later"),  # deprecated SPDX id
        ("gpl-3.0", "gpl-3.0-only"),  # Hub id, read as -only
        ("agpl-3.0", "agpl-3.0-only"),
        ("odc-by", "odc-by-1.0"),
        ("open-mdw", "openmdw-1.0"),  # retired Hub id
        ("LicenseRef-scancode-llama-3.1-license-2024", "llama3.1"),
        ("llama-3.1-license-2024", "llama3.1"),  # ScanCode key
    ],
)
def test_lookup_by_any_name(name: str, expected: str) -> None:
    entry = load_catalog().get(name)
    assert entry is not None and entry.id == expected


def test_unknown_name_suggests_close_ids() -> None:
    with pytest.raises(UnknownLicenseError) as info:
        load_catalog().lookup("apache2.0")
    assert "apache-2.0" in (info.value.hint or "")


def test_reference_text_is_read_on_demand() -> None:
    catalog = load_catalog()
    mit = catalog.lookup("mit")
    assert "Permission is hereby granted, free of charge" in catalog.text(mit)
    assert catalog.text(catalog.lookup("unknown")) == ""


def test_expression_with_hub_ids_and_spdx_ids() -> None:
    expr = parse_expression("llama3.1 AND apache-2.0")
    assert isinstance(expr, AllOf)
    assert [leaf.entry.id for leaf in expr.children if isinstance(leaf, LicenseLeaf)] == [
        "llama3.1", "apache-2.0",
    ]
    assert expr.render() == "LicenseRef-scancode-llama-3.1-license-2024 AND Apache-2.0"


def test_or_and_with_are_kept_apart() -> None:
    expr = parse_expression("MIT OR (GPL-2.0-only WITH Classpath-exception-2.0)")
    assert isinstance(expr, AnyOf)
    with_leaf = expr.children[1]
    assert isinstance(with_leaf, LicenseLeaf)
    assert with_leaf.entry.id == "gpl-2.0-only"
    assert with_leaf.exception is not None and with_leaf.exception.id == "classpath-exception-2.0"


def test_unknown_symbol_in_expression_is_an_error_with_suggestions() -> None:
    with pytest.raises(UnknownLicenseError) as info:
        parse_expression("mit AND lama3.1")
    assert "lama3.1" in info.value.message
    assert "llama3.1" in (info.value.hint or "")


def test_malformed_expression_is_an_error() -> None:
    with pytest.raises(UnknownLicenseError):
        parse_expression("mit AND (apache-2.0")


def test_catalog_cache_key_follows_the_code_that_shapes_its_values(tmp_path: Path) -> None:
    """The compiled catalog is a pickle of licscan's own classes: a copy of licscan whose
    catalog code differs (a field added to an entry, say) must not read the old pickle, so the
    cache key changes with that code, not with a number someone has to remember to bump."""
    import shutil
    import subprocess
    import sys

    from licscan.licenses.store import fingerprint

    copy = tmp_path / "copy"
    shutil.copytree(Path(licscan.__file__).parent, copy / "licscan",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(Path(licscan.__file__).parent.parent / "rules", copy / "rules")
    probe = "from licscan.licenses.store import fingerprint; print(fingerprint())"

    def key_of_copy() -> str:
        done = subprocess.run([sys.executable, "-c", probe], cwd=copy, capture_output=True,
                              text=True, env={"PYTHONPATH": str(copy), "PATH": ""}, check=True)
        return done.stdout.strip()

    same = key_of_copy()
    entry = copy / "licscan" / "licenses" / "entry.py"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n# a new field would go here\n",
                     encoding="utf-8")
    changed = key_of_copy()
    assert len(same) == len(changed) == len(fingerprint())
    assert changed != same

"""Finding entries by any name, and SPDX expressions with Hub ids as symbols."""

from __future__ import annotations

import pytest

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

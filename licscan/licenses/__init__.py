"""The license knowledge base: the bundled ``rules/`` as a catalog, and SPDX expressions."""

from licscan.licenses.catalog import Catalog, load_catalog
from licscan.licenses.entry import AITerms, LicenseEntry
from licscan.licenses.expression import AllOf, AnyOf, Expression, LicenseLeaf, parse_expression

__all__ = [
    "AITerms",
    "AllOf",
    "AnyOf",
    "Catalog",
    "Expression",
    "LicenseEntry",
    "LicenseLeaf",
    "load_catalog",
    "parse_expression",
]

"""SPDX license expressions in which Hub ids, aliases and LicenseRefs are known symbols.

Why our own symbol table: ``license-expression`` knows SPDX ids only, so ``llama3.1 AND
apache-2.0`` would come back with an "unknown" symbol. Building a ``Licensing`` from the catalog
makes every Hub id and alias resolve to one entry, and the parsed tree (AND / OR / WITH) is
turned into small frozen nodes that policy evaluation can walk without the library's types.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from licscan.errors import UnknownLicenseError
from licscan.licenses.catalog import Catalog, load_catalog
from licscan.licenses.entry import LicenseEntry


@dataclass(frozen=True)
class LicenseLeaf:
    """One license, or a license WITH an exception: judged as a single unit."""

    entry: LicenseEntry
    exception: LicenseEntry | None = None

    def render(self) -> str:
        if self.exception is None:
            return self.entry.spdx
        return f"{self.entry.spdx} WITH {self.exception.spdx}"


@dataclass(frozen=True)
class AllOf:
    """AND: every branch applies at once."""

    children: tuple[Expression, ...]

    def render(self) -> str:
        return " AND ".join(_wrap(c) for c in self.children)


@dataclass(frozen=True)
class AnyOf:
    """OR: the licensee may choose one branch."""

    children: tuple[Expression, ...]

    def render(self) -> str:
        return " OR ".join(_wrap(c) for c in self.children)


Expression = LicenseLeaf | AllOf | AnyOf


def _wrap(node: Expression) -> str:
    text = node.render()
    return f"({text})" if isinstance(node, (AllOf, AnyOf)) else text


def leaves(node: Expression) -> list[LicenseLeaf]:
    """Every license unit in an expression, left to right."""
    if isinstance(node, LicenseLeaf):
        return [node]
    found: list[LicenseLeaf] = []
    for child in node.children:
        found.extend(leaves(child))
    return found


_BUILD = threading.Lock()


def _licensing() -> Any:
    """The shared ``Licensing``, complete before any thread sees it.

    Why the lock and the warm-up: ``Licensing`` builds its tokenizer lazily on the first parse
    and publishes it before its automaton is made, so a second thread parsing at that moment
    crashes with an AttributeError inside the library. Building the tokenizer here, under a
    lock, leaves nothing mutable for worker threads to race on.
    """
    with _BUILD:
        return _built_licensing()


@lru_cache(maxsize=1)
def _built_licensing() -> Any:
    from license_expression import LicenseSymbol, Licensing

    catalog = load_catalog()
    symbols = []
    for entry in catalog:
        names = {entry.id, *entry.aliases} - {entry.spdx}
        names = {n for n in names if " " not in n and "(" not in n and ")" not in n}
        symbols.append(
            LicenseSymbol(entry.spdx, aliases=tuple(sorted(names)), is_exception=entry.exception)
        )
    licensing = Licensing(symbols)
    # Built now, before any thread can see the object: license_expression publishes its
    # tokenizer before filling it, so a parse racing the first one fails ('object' has no
    # 'children') when checks run in parallel.
    licensing.get_advanced_tokenizer()
    return licensing


def parse_expression(text: str, catalog: Catalog | None = None) -> Expression:
    """Parse an SPDX-style expression whose symbols are any names the catalog knows."""
    from license_expression import ExpressionError

    catalog = catalog or load_catalog()
    whole = catalog.get(text)
    if whole is not None:  # one name, possibly with spaces ("Apache License 2.0")
        return LicenseLeaf(whole)
    licensing = _licensing()
    try:
        parsed = licensing.parse(text, validate=False, simple=False)
    except (ExpressionError, IndexError, ValueError, TypeError) as exc:  # "()" -> IndexError
        raise UnknownLicenseError(
            f"'{text}' is not a valid license expression: {exc}",
            hint="Use license ids joined by AND, OR and WITH, e.g. 'MIT AND llama3.1'.",
        ) from exc
    if parsed is None:
        raise UnknownLicenseError("The license expression is empty.", hint="Give a license id.")
    unknown = [key for key in licensing.unknown_license_keys(parsed) if catalog.get(key) is None]
    if unknown:
        suggestions = {u: catalog.suggest(u, 3) for u in unknown}
        hint = "; ".join(
            f"{u}: did you mean {', '.join(s)}?" if s else f"{u}: no close id"
            for u, s in suggestions.items()
        )
        raise UnknownLicenseError(
            f"The expression '{text}' names licenses licscan does not know: {', '.join(unknown)}.",
            hint=hint,
        )
    return _convert(parsed, licensing, catalog)


def _convert(node: Any, licensing: Any, catalog: Catalog) -> Expression:
    from license_expression import LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        return LicenseLeaf(
            _entry(node.license_symbol.key, catalog), _entry(node.exception_symbol.key, catalog)
        )
    if isinstance(node, licensing.AND):
        return AllOf(tuple(_convert(a, licensing, catalog) for a in node.args))
    if isinstance(node, licensing.OR):
        return AnyOf(tuple(_convert(a, licensing, catalog) for a in node.args))
    return LicenseLeaf(_entry(node.key, catalog))


def _entry(key: str, catalog: Catalog) -> LicenseEntry:
    entry = catalog.get(key)
    if entry is None:  # unreachable after the unknown-key check, kept for a clear message
        raise UnknownLicenseError(f"'{key}' is not a license licscan knows.")
    return entry

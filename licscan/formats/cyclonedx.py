"""``licscan check`` as a CycloneDX 1.6 ML-BOM (JSON), formats notes B.4.

Why a hand-built dict: cyclonedx-python-lib would be a runtime dependency for a few dozen lines
of JSON, and it cannot express ``modelCard`` anyway; the tests validate the output with its
strict 1.6 JSON schema instead. Each checked model is a ``machine-learning-model`` component, each
dataset a ``data`` component (group and name from the repo id, version the commit, a
``pkg:huggingface/org/name@commit`` or ``pkg:huggingface/datasets/org/name@commit`` purl, the
card as an external reference), whose ``licscan:*`` properties carry the verdict, the effective
license and each rule that spoke. Base models are components too, linked by ``dependencies``
edges, so lineage survives in tools that only read the BOM.

Licenses, as an auditor needs them: a single concluded license is a ``license`` (an SPDX ``id``
where CycloneDX knows it), beside those declared on the card; a combination (``A AND B``) is one
``expression``, never flattened into a list that reads as a choice (CycloneDX allows one
expression and nothing else there, so the declared values go to ``licscan:declared``). A
modified copy or a text licscan cannot identify is carried word for word as the license's
``text`` (in ``evidence.licenses`` when the concluded license is an expression that names it by
its ``LicenseRef``), never the unmodified reference or a link to it.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from licscan import __version__
from licscan.formats.report import CheckReport
from licscan.formats.sbom import modified_texts, purl, text_name, text_ref, unknown_texts
from licscan.licenses.catalog import Catalog, load_catalog
from licscan.licenses.entry import LicenseEntry
from licscan.licenses.expression import AllOf, AnyOf, Expression, LicenseLeaf, parse_expression
from licscan.model import Assessment, FoundText, Verdict

HUB = "https://huggingface.co"


def render(report: CheckReport) -> str:
    """The BOM as JSON text; every component appears once, with its dependency edges."""
    builder = _Builder(load_catalog())
    for verdict in report.verdicts:
        builder.component_for(verdict)
    created = report.created.replace(microsecond=0)
    seed = "|".join([report.policy.name, created.isoformat(),
                     *(str(c["bom-ref"]) for c in builder.components)])
    bom = {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'licscan:{seed}')}",
        "version": 1,
        "metadata": {
            "timestamp": created.isoformat().replace("+00:00", "Z"),
            "tools": {"components": [{"type": "application", "name": "licscan",
                                      "version": __version__}]},
            "properties": [{"name": "licscan:policy", "value": report.policy.name},
                           {"name": "licscan:policy-source", "value": report.policy.source},
                           {"name": "licscan:fail-on", "value": report.fail_on}],
        },
        "components": builder.components,
        "dependencies": [{"ref": ref, "dependsOn": sorted(deps)} if deps else {"ref": ref}
                         for ref, deps in builder.edges.items()],
    }
    return json.dumps(bom, indent=2, ensure_ascii=False) + "\n"


@dataclass
class _Builder:
    """Components by bom-ref (each made once) and the dependency edges between them."""

    catalog: Catalog
    components: list[dict[str, Any]] = field(default_factory=list)
    edges: dict[str, set[str]] = field(default_factory=dict)

    def component_for(self, verdict: Verdict) -> str:
        if verdict.assessment is not None:
            return self._component(verdict.assessment, verdict)
        ref = self._unique_ref(f"target:{verdict.target}")
        props = [("licscan:verdict", "error"), ("licscan:target", verdict.target),
                 ("licscan:error", verdict.error or "could not be evaluated")]
        props += [(f"licscan:rule:{r.rule}", f"{r.severity}: {r.message}")
                  for r in verdict.reasons]
        self.components.append({"type": "machine-learning-model", "bom-ref": ref,
                                "name": verdict.target, "properties": _props(props)})
        self.edges[ref] = set()
        return ref

    def _unique_ref(self, ref: str) -> str:
        taken = {c["bom-ref"] for c in self.components}
        candidate, n = ref, 1
        while candidate in taken:
            n += 1
            candidate = f"{ref}#{n}"
        return candidate

    def _component(self, a: Assessment, verdict: Verdict | None) -> str:
        base_ref = f"{'dataset' if a.kind == 'dataset' else 'model'}:{a.repo_id}@" \
            f"{a.commit or 'unknown'}"
        if verdict is None and base_ref in self.edges:
            return base_ref  # a base shared by several models (or a checked model itself)
        ref = self._unique_ref(base_ref)
        self.edges[ref] = set()
        group, _, name = a.repo_id.rpartition("/")
        kind = "data" if a.kind == "dataset" else "machine-learning-model"
        component: dict[str, Any] = {"type": kind, "bom-ref": ref}
        if group:
            component["group"] = group
        component["name"] = name or a.repo_id
        if a.commit:
            component["version"] = a.commit
        on_hub = a.origin in ("hub", "cache") and a.error is None
        if on_hub:
            component["purl"] = purl(a)
        licenses, evidence, declared_elsewhere = self._licenses(a)
        if licenses:
            component["licenses"] = licenses
        if on_hub:
            path = f"datasets/{a.repo_id}" if a.kind == "dataset" else a.repo_id
            component["externalReferences"] = [{"type": "model-card", "url": f"{HUB}/{path}"}]
        if evidence:
            component["evidence"] = {"licenses": evidence}
        props: list[tuple[str, str]] = []
        if verdict is not None:
            props.append(("licscan:verdict", verdict.status))
            if verdict.target != a.repo_id:
                props.append(("licscan:target", verdict.target))
        props.append(("licscan:effective-license", a.expression or "none established"))
        if declared_elsewhere:
            props.append(("licscan:declared", ", ".join(declared_elsewhere)))
        if a.relation:
            props.append(("licscan:relation", a.relation))
        if a.gated:
            props.append(("licscan:gated", a.gated))
        if a.error:
            props.append(("licscan:error", a.error))
        if verdict is not None:
            for reason in verdict.reasons:
                state = f"waived ({reason.waived_by})" if reason.waived_by else reason.severity
                props.append((f"licscan:rule:{reason.rule}", f"{state}: {reason.message}"))
            props += [("licscan:obligation", f"{o.rule}: {o.text}") for o in verdict.obligations]
        component["properties"] = _props(props)
        self.components.append(component)
        for base in a.bases:
            self.edges[ref].add(self._component(base, None))
        return ref

    def _licenses(self, a: Assessment) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                  list[str]]:
        """(``licenses``, ``evidence.licenses``, declared values only a property can hold)."""
        declared = [v for v in a.declared if v.lower() not in ("other", "unknown")]
        leaves: list[str] = []
        texts: dict[str, FoundText] = {}  # LicenseRef -> the text it stands for
        if a.spdx_expression:
            tree = parse_expression(a.spdx_expression, self.catalog)
            leaves.append(self._render(tree, set(a.modified_ids), a, texts))
        for found in unknown_texts(a):
            ref = text_ref(found, self.catalog)
            texts.setdefault(ref, found)
            leaves.append(ref)
        if not leaves:
            return [{"license": _license(self.catalog.get(v), v, "declared", modified=False)}
                    for v in declared], [], []
        single = len(leaves) == 1 and not re.search(r" (AND|OR|WITH) ", leaves[0])
        if not single:
            expression = leaves[0] if len(leaves) == 1 else " AND ".join(
                f"({leaf})" if " " in leaf else leaf for leaf in leaves)
            evidence = [{"license": self._text_license(ref, found, "concluded")}
                        for ref, found in texts.items()]
            return [{"expression": expression, "acknowledgement": "concluded"}], evidence, \
                declared
        out: list[dict[str, Any]] = [
            {"license": _license(self.catalog.get(v), v, "declared", modified=False)}
            for v in declared]
        only = leaves[0]
        if only in texts:
            out.append({"license": self._text_license(only, texts[only], "concluded")})
        else:
            lid = a.license_ids[0]
            out.append({"license": _license(self.catalog.get(lid), lid, "concluded",
                                            modified=False)})
        return out, [], []

    def _render(self, node: Expression, modified: set[str], a: Assessment,
                texts: dict[str, FoundText]) -> str:
        """An SPDX expression: SPDX ids, catalog ``LicenseRef``s, and found texts' refs."""
        if isinstance(node, LicenseLeaf):
            text = self._leaf(node.entry, node.entry.id in modified, a, texts)
            if node.exception is not None:
                text += f" WITH {self._leaf(node.exception, False, a, texts)}"
            return text
        assert isinstance(node, (AllOf, AnyOf))
        joiner = " AND " if isinstance(node, AllOf) else " OR "
        return joiner.join(
            f"({self._render(c, modified, a, texts)})" if isinstance(c, (AllOf, AnyOf))
            else self._render(c, modified, a, texts) for c in node.children)

    def _leaf(self, entry: LicenseEntry, modified: bool, a: Assessment,
              texts: dict[str, FoundText]) -> str:
        if modified:
            found = modified_texts(a, entry.id, self.catalog)
            if found:
                refs = []
                for item in found:
                    ref = text_ref(item, self.catalog)
                    texts.setdefault(ref, item)
                    refs.append(ref)
                refs = list(dict.fromkeys(refs))
                return refs[0] if len(refs) == 1 else "(" + " AND ".join(refs) + ")"
            return f"LicenseRef-licscan-modified-{_slug(entry.id)}-unavailable"
        if _is_spdx_listed(entry.spdx):
            return entry.spdx
        return entry.spdx if entry.spdx.startswith("LicenseRef-") else \
            f"LicenseRef-licscan-{_slug(entry.id)}"

    def _text_license(self, ref: str, found: FoundText, acknowledgement: str) -> dict[str, Any]:
        """A license whose text is the one found in the repository, word for word."""
        return {"name": f"{ref}: {text_name(found, self.catalog)}",
                "text": {"contentType": "text/plain", "content": found.text},
                "acknowledgement": acknowledgement}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-") or "license"


def _license(entry: LicenseEntry | None, value: str, acknowledgement: str,
             modified: bool) -> dict[str, Any]:
    """An SPDX ``id`` when the entry has one CycloneDX knows, else a ``name``."""
    if entry is None:
        return {"name": value, "acknowledgement": acknowledgement}
    data: dict[str, Any]
    if modified:
        data = {"name": f"{entry.name} (modified copy)"}
    elif _is_spdx_listed(entry.spdx):
        data = {"id": entry.spdx}
    else:
        data = {"name": entry.name}
    if entry.source_url and entry.source_url.startswith(("http://", "https://")):
        data["url"] = entry.source_url
    data["acknowledgement"] = acknowledgement
    return data


def _is_spdx_listed(spdx_id: str) -> bool:
    """Whether an id is on the SPDX license list (CycloneDX validates ``id`` against it)."""
    if spdx_id.startswith("LicenseRef-"):
        return False
    from license_expression import get_spdx_licensing

    return spdx_id in _known_spdx(get_spdx_licensing())


_KNOWN: set[str] = set()


def _known_spdx(licensing: Any) -> set[str]:
    if not _KNOWN:
        for key, symbol in licensing.known_symbols.items():
            if not getattr(symbol, "is_exception", False):
                _KNOWN.add(key)
    return _KNOWN


def _props(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": k, "value": v} for k, v in pairs]

"""``licscan check`` as a CycloneDX 1.6 ML-BOM (JSON), formats notes B.4.

Why a hand-built dict: cyclonedx-python-lib would be a runtime dependency for a few dozen lines
of JSON, and it cannot express ``modelCard`` anyway; the tests validate the output with its
strict 1.6 JSON schema instead. Each checked model is a ``machine-learning-model`` component
(group and name from the repo id, version the commit, a ``pkg:huggingface`` purl, the model card
as an external reference) whose licenses say which were declared on the card and which licscan
concluded, and whose ``licscan:*`` properties carry the verdict, the effective license and each
rule that spoke. Base models are components too, linked by ``dependencies`` edges, so lineage
survives in tools that only read the BOM.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from licscan import __version__
from licscan.formats.report import CheckReport
from licscan.licenses.catalog import Catalog, load_catalog
from licscan.licenses.entry import LicenseEntry
from licscan.policy.evaluate import Verdict
from licscan.resolve import Assessment

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
        base_ref = f"model:{a.repo_id}@{a.commit or 'unknown'}"
        if verdict is None and base_ref in self.edges:
            return base_ref  # a base shared by several models (or a checked model itself)
        ref = self._unique_ref(base_ref)
        self.edges[ref] = set()
        group, _, name = a.repo_id.rpartition("/")
        component: dict[str, Any] = {"type": "machine-learning-model", "bom-ref": ref}
        if group:
            component["group"] = group
        component["name"] = name or a.repo_id
        if a.commit:
            component["version"] = a.commit
        on_hub = a.origin in ("hub", "cache") and a.error is None
        if on_hub and a.kind == "model":
            component["purl"] = f"pkg:huggingface/{a.repo_id}" + (
                f"@{a.commit}" if a.commit else "")
        licenses = self._licenses(a)
        if licenses:
            component["licenses"] = licenses
        if on_hub:
            path = f"datasets/{a.repo_id}" if a.kind == "dataset" else a.repo_id
            component["externalReferences"] = [{"type": "model-card", "url": f"{HUB}/{path}"}]
        props: list[tuple[str, str]] = []
        if verdict is not None:
            props.append(("licscan:verdict", verdict.status))
            if verdict.target != a.repo_id:
                props.append(("licscan:target", verdict.target))
        props.append(("licscan:effective-license", a.expression or "none established"))
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

    def _licenses(self, a: Assessment) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for value in a.declared:
            if value.lower() in ("other", "unknown"):
                continue
            entry = self.catalog.get(value)
            out.append({"license": _license(entry, value, "declared", modified=False)})
        for lid in a.license_ids:
            entry = self.catalog.get(lid)
            out.append({"license": _license(entry, lid, "concluded",
                                            modified=lid in a.modified_ids)})
        return out


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

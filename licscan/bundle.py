"""``licscan bundle``: the folder a release ships with the models of a check.

Why from the verdicts and not from a second reading: what must ship (NOTICE sentences, license
and acceptable-use-policy texts, display lines, name prefixes, duties to pass restrictions on) is
what the check found in force; a second reading could disagree with the verdict it ships beside.
Deterministic (sorted, no timestamps) so a release diff shows only what changed. A license whose
text licscan does not hold is no gap to paper over: the bundle is refused, naming it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licscan.errors import LicscanError
from licscan.licenses.catalog import Catalog, load_catalog
from licscan.licenses.entry import LicenseEntry
from licscan.model import TRAINED_ON, Assessment, Verdict

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class _Bundle:
    catalog: Catalog
    licenses: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # file -> ...
    notices: dict[str, list[str]] = field(default_factory=dict)  # notice text -> licenses
    models: list[dict[str, Any]] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def reference(self, entry: LicenseEntry) -> str:
        name = f"licenses/{_UNSAFE.sub('-', entry.id)}.txt"
        if name not in self.licenses:
            text = self.catalog.text(entry)
            if not text.strip():
                self.missing.append(f"{entry.id} ({entry.text_missing_reason or 'no text'})")
                return name
            self.licenses[name] = (text, {"license_id": entry.id, "source": "catalog reference",
                                          "provenance": dict(entry.provenance)})
        return name

    def found(self, a: Assessment, path: str, text: str, license_id: str | None) -> str:
        name = f"licenses/{_UNSAFE.sub('-', a.repo_id)}--{_UNSAFE.sub('-', path)}"
        self.licenses.setdefault(name, (text, {
            "license_id": license_id, "source": f"{a.repo_id}/{path}"
            + (f" at commit {a.commit}" if a.commit else ""),
            "note": "the text as found in the repository (it differs from any reference)"}))
        return name


def build_bundle(verdicts: Sequence[Verdict], catalog: Catalog | None = None) -> dict[str, str]:
    """Relative path -> content of every file of the bundle."""
    bundle = _Bundle(catalog or load_catalog())
    for verdict in sorted(verdicts, key=lambda v: v.target.lower()):
        a = verdict.assessment
        if a is None:
            raise LicscanError(f"{verdict.target} could not be evaluated, so nothing says what "
                               "must ship with it; no bundle was written.",
                               hint="Fix the cause the check reports and run again.")
        _model(bundle, verdict, a)
    if bundle.missing:
        raise LicscanError("licscan holds no text for " + ", ".join(sorted(set(bundle.missing)))
                           + "; a bundle without it would not carry the terms in force, so none "
                           "was written.",
                           hint="Add the license text from the licensor to the release by hand, "
                           "or choose a model whose licenses licscan holds.")
    files = {path: text for path, (text, _meta) in bundle.licenses.items()}
    files["NOTICE"] = _notice(bundle)
    files["ATTRIBUTION.md"] = "\n".join(["# Attribution and duties", "", *bundle.attribution])
    files["obligations.json"] = json.dumps(
        {"bundle_version": 1, "models": bundle.models,
         "licenses": {p: meta for p, (_t, meta) in sorted(bundle.licenses.items())}},
        indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return dict(sorted(files.items()))


def _model(bundle: _Bundle, verdict: Verdict, a: Assessment) -> None:
    catalog = bundle.catalog
    texts: list[str] = []
    display: list[str] = []
    modified = {f.license_id for f in a.found_texts if f.license_id}
    if any(f.license_id is None for f in a.found_texts):
        modified.add("unknown")  # the unknown text as found is what binds: it ships itself
    for found in a.found_texts:
        texts.append(bundle.found(a, found.path, found.text, found.license_id))
    for lid in a.license_ids:
        entry = catalog.lookup(lid)
        if lid not in modified:
            texts.append(bundle.reference(entry))
        for name in entry.companion:
            companion = catalog.get(name)
            if companion is not None:
                texts.append(bundle.reference(companion))
        terms = entry.ai_terms
        if terms is None:
            continue
        if terms.notice_text:
            bundle.notices.setdefault(terms.notice_text, []).append(entry.id)
        if terms.attribution_display:
            display.append(f'- Display "{terms.attribution_display}" prominently on products '
                           f"or services built with it ({entry.id}).")
        if terms.name_prefix:
            display.append(f'- Name any model derived from it that you distribute starting '
                           f'with "{terms.name_prefix}" ({entry.id}).')
        if terms.flow_down:
            display.append(f"- Pass {entry.id}'s use restrictions on to anyone you give the "
                           "model or its derivatives, as enforceable terms.")
        if terms.acceptable_use_policy is not None:
            aup = terms.acceptable_use_policy
            where = aup.document or aup.url or "the licensor's acceptable use policy"
            display.append(f"- Keep every use within {where}"
                           + ("; the licensor may update it" if aup.licensor_may_update else "")
                           + f" ({entry.id}).")
    data = [b for b in a.bases if b.relation == TRAINED_ON]
    bundle.attribution += [f"## {a.repo_id}", "",
                           f"Effective license: {a.expression or 'none established'}"
                           + (f" (commit {a.commit})" if a.commit else ""), ""]
    bundle.attribution += [*(display or ["- No display, naming or flow-down duty."]), ""]
    bundle.models.append({
        "target": verdict.target, "repo_id": a.repo_id, "commit": a.commit,
        "verdict": verdict.status, "effective_license": a.expression,
        "license_files": sorted(dict.fromkeys(texts)),
        "obligations": [{"rule": o.rule, "license_id": o.license_id, "text": o.text}
                        for o in verdict.obligations],
        "trained_on": [{"dataset": d.repo_id, "license": d.expression} for d in data],
    })


def _notice(bundle: _Bundle) -> str:
    if not bundle.notices:
        return ("No license in force requires a NOTICE sentence. Keep any NOTICE file the "
                "models' repositories ship (see obligations.json).\n")
    parts = [text.strip() for text in sorted(bundle.notices)]
    return "\n\n".join(parts) + "\n"


def write_bundle(files: dict[str, str], out: Path) -> None:
    """Into an empty or new folder only: files a previous bundle left would ship unchecked."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise LicscanError(f"{out} exists and is not an empty folder; no bundle was written.",
                           hint="Give --out a new or empty folder.")
    for rel, text in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

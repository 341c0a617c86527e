"""``licscan check`` as an SPDX 2.3 JSON document, written and validated by spdx-tools.

Why spdx-tools and not a hand-built dict: SBOM consumers reject documents that break SPDX rules
(a ``LicenseRef`` without extracted text, a bad SPDXID, a dangling relationship), and spdx-tools
is the reference implementation of those rules. The document is validated before it is returned;
an invalid one is a bug in licscan, raised as ``SpdxDocumentError`` (an internal error).

Mapping (formats notes B.3): one package per checked model (name the repo id, version the commit,
``primaryPackagePurpose`` OTHER because SPDX 2.3 has no "model" purpose, a
``pkg:huggingface/<id>@<commit>`` purl), ``licenseDeclared`` from the card and
``licenseConcluded`` from the effective license. licscan's catalog ids become each entry's
``spdx`` id; every ``LicenseRef-*`` used gets its name and the catalog's reference text (or a
sentence saying where the text is). A modified license text is not that license, so it gets a
``LicenseRef-licscan-modified-<id>-<hash>`` of its own whose extracted text is the text found in
the repository, word for word (no link to the unmodified text: that is not what binds); a
license file licscan cannot identify at all becomes a ``LicenseRef-licscan-text-<hash>`` with its
text, ANDed into the concluded license. Datasets get ``pkg:huggingface/datasets/...`` purls.
Base models are packages too, linked with ``DESCENDANT_OF`` (SPDX 2.3: A descends from B, which
came first), the relation in a comment.
"""

from __future__ import annotations

import io
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
from licscan.model import TRAINED_ON, Assessment, Verdict

HUB = "https://huggingface.co"
_REF_UNSAFE = re.compile(r"[^A-Za-z0-9.-]+")

NOT_ESTABLISHED = "LicenseRef-licscan-not-established"


class SpdxDocumentError(RuntimeError):
    """spdx-tools found the document licscan built invalid: a licscan bug, never user error."""


def render(report: CheckReport) -> str:
    """The SPDX 2.3 document as JSON text, validated by spdx-tools before it is returned."""
    from spdx_tools.spdx.model.actor import Actor, ActorType
    from spdx_tools.spdx.model.document import CreationInfo, Document
    from spdx_tools.spdx.model.relationship import Relationship, RelationshipType
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    from spdx_tools.spdx.writer.json.json_writer import write_document_to_stream

    builder = _Builder(load_catalog())
    described = [builder.package_for(v) for v in report.verdicts]
    created = report.created.replace(microsecond=0)
    seed = "|".join([report.policy.name, created.isoformat(),
                     *(f"{v.target}@{v.assessment.commit if v.assessment else ''}"
                       for v in report.verdicts)])
    namespace_id = uuid.uuid5(uuid.NAMESPACE_URL, f"licscan:{seed}")
    info = CreationInfo(
        spdx_version="SPDX-2.3", spdx_id="SPDXRef-DOCUMENT",
        name=f"licscan-report-{report.policy.name}",
        document_namespace=f"https://spdx.org/spdxdocs/licscan-{namespace_id}",
        creators=[Actor(ActorType.TOOL, f"licscan-{__version__}")], created=created,
        creator_comment=f"licscan check against the policy '{report.policy.name}' "
                        f"({report.policy.source}).",
    )
    relationships = [Relationship("SPDXRef-DOCUMENT", RelationshipType.DESCRIBES, spdx_id)
                     for spdx_id in dict.fromkeys(described)]
    relationships += builder.relationships
    document = Document(info, packages=builder.packages, relationships=relationships,
                        extracted_licensing_info=builder.extracted())
    problems = validate_full_spdx_document(document)
    if problems:
        raise SpdxDocumentError("licscan built an invalid SPDX document: "
                                + "; ".join(p.validation_message for p in problems[:5]))
    stream = io.StringIO()
    write_document_to_stream(document, stream, validate=False)
    return stream.getvalue() + "\n"


def sanitise_ref(text: str) -> str:
    """A ``LicenseRef-`` id SPDX accepts (``LicenseRef-[A-Za-z0-9.-]+``)."""
    body = text[len("LicenseRef-"):] if text.startswith("LicenseRef-") else text
    return "LicenseRef-" + (_REF_UNSAFE.sub("-", body).strip("-") or "unnamed")


@dataclass
class _Builder:
    """Packages, relationships and extracted license texts, each made once."""

    catalog: Catalog
    packages: list[Any] = field(default_factory=list)
    relationships: list[Any] = field(default_factory=list)
    # LicenseRef id -> (name, text, urls, comment)
    refs: dict[str, tuple[str, str, list[str], str | None]] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)  # repo@commit -> SPDXID

    def extracted(self) -> list[Any]:
        from spdx_tools.spdx.model.extracted_licensing_info import ExtractedLicensingInfo

        return [ExtractedLicensingInfo(license_id=ref, extracted_text=text, license_name=name,
                                       cross_references=urls, comment=comment)
                for ref, (name, text, urls, comment) in sorted(self.refs.items())]

    def package_for(self, verdict: Verdict) -> str:
        if verdict.assessment is not None:
            return self._package(verdict.assessment, verdict)
        from spdx_tools.spdx.model.package import Package, PackagePurpose
        from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion

        spdx_id = self._new_id(verdict.target)
        self.packages.append(Package(
            spdx_id=spdx_id, name=verdict.target, download_location=SpdxNoAssertion(),
            files_analyzed=False, primary_package_purpose=PackagePurpose.OTHER,
            license_concluded=SpdxNoAssertion(), license_declared=SpdxNoAssertion(),
            copyright_text=SpdxNoAssertion(),
            comment=f"licscan verdict: error (could not be evaluated: {verdict.error})"))
        return spdx_id

    def _new_id(self, name: str, kind: str = "model") -> str:
        slug = _REF_UNSAFE.sub("-", name).strip("-") or kind
        what = "Dataset" if kind == "dataset" else "Model"
        return f"SPDXRef-{what}-{len(self.packages) + 1}-{slug}"

    def _package(self, a: Assessment, verdict: Verdict | None) -> str:
        from spdx_tools.spdx.model.package import (
            ExternalPackageRef,
            ExternalPackageRefCategory,
            Package,
            PackagePurpose,
        )
        from spdx_tools.spdx.model.relationship import Relationship, RelationshipType
        from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion

        key = f"{a.repo_id.lower()}@{a.commit or ''}"
        if key in self.by_key and verdict is None:
            return self.by_key[key]
        spdx_id = self._new_id(a.repo_id, a.kind)
        self.by_key.setdefault(key, spdx_id)
        on_hub = a.origin in ("hub", "cache") and a.error is None
        path = f"datasets/{a.repo_id}" if a.kind == "dataset" else a.repo_id
        refs = []
        if on_hub:
            refs.append(ExternalPackageRef(ExternalPackageRefCategory.PACKAGE_MANAGER, "purl",
                                           purl(a)))
        comment = [f"{a.kind} from {a.origin}"]
        if verdict is not None:
            reasons = [f"{r.rule} {r.severity}: {r.message}" for r in verdict.reasons
                       if r.waived_by is None]
            comment.append(f"licscan verdict: {verdict.status}"
                           + (f"; reasons: {' | '.join(reasons)}" if reasons else ""))
            if verdict.obligations:
                comment.append("obligations: " + " | ".join(o.text for o in verdict.obligations))
        if a.error:
            comment.append(f"could not be read: {a.error}")
        declared = self._declared(a)
        self.packages.append(Package(
            spdx_id=spdx_id, name=a.repo_id, version=a.commit,
            download_location=f"{HUB}/{path}" if on_hub else SpdxNoAssertion(),
            files_analyzed=False, primary_package_purpose=PackagePurpose.OTHER,
            license_concluded=self._expression(a, concluded=True),
            license_declared=declared, copyright_text=SpdxNoAssertion(),
            license_comment=f"Effective license (licscan): {a.expression or 'none established'}"
                            f"; declared: {', '.join(a.declared) or 'nothing'}.",
            external_references=refs, comment="; ".join(comment)))
        for base in a.bases:
            base_id = self._package(base, None)
            if base.relation == TRAINED_ON:
                # SPDX 2.3 has no trained-on relationship (3.0's trainedOn): OTHER, said in words.
                self.relationships.append(Relationship(
                    spdx_id, RelationshipType.OTHER, base_id,
                    comment=f"{a.repo_id} was trained on dataset {base.repo_id}; the dataset's "
                    "license is judged by the policy's datasets section, not part of the "
                    "model's license"))
                continue
            self.relationships.append(Relationship(
                spdx_id, RelationshipType.DESCENDANT_OF, base_id,
                comment=f"{a.repo_id} is a {base.relation or 'derivative'} of {base.repo_id}"))
        return spdx_id

    # --- licenses -------------------------------------------------------------------------

    def _expression(self, a: Assessment, concluded: bool) -> Any:
        from spdx_tools.common.spdx_licensing import spdx_licensing
        from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion

        parts: list[str] = []
        if a.spdx_expression:
            tree = parse_expression(a.spdx_expression, self.catalog)
            parts.append(self._render(tree, set(a.modified_ids) if concluded else set(), a))
        if concluded:
            parts += [self._found(found, a) for found in unknown_texts(a)]
        if not parts or parts == [NOT_ESTABLISHED]:
            return SpdxNoAssertion()
        text = parts[0] if len(parts) == 1 else " AND ".join(f"({p})" for p in parts)
        return spdx_licensing.parse(text)

    def _found(self, found: Any, a: Assessment) -> str:
        """The ``LicenseRef`` for a text found in the repository, carrying that text."""
        ref = text_ref(found, self.catalog)
        where = f"{a.repo_id}" + (f" at commit {a.commit}" if a.commit else "")
        what = ("a modified copy of " + found.license_id if found.license_id
                else "a text licscan could not identify")
        self.refs.setdefault(ref, (text_name(found, self.catalog), found.text, [],
                                   f"The text of {found.path} in {where}, as found: {what}."))
        return ref

    def _declared(self, a: Assessment) -> Any:
        from spdx_tools.common.spdx_licensing import spdx_licensing
        from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion

        parts: list[str] = []
        for value in a.declared:
            if value.lower() in ("other", "unknown"):
                continue
            entry = self.catalog.get(value)
            if entry is not None:
                parts.append(self._id(entry, False, a))
            else:
                ref = sanitise_ref(f"LicenseRef-licscan-declared-{value}")
                self.refs.setdefault(ref, (
                    f"Declared on the model card as '{value}'",
                    f"The model card declares the license '{value}', which licscan does not "
                    "recognise. A license file licscan could not identify is given word for "
                    "word as a LicenseRef-licscan-text-* in the package's concluded license.",
                    [], None))
                parts.append(ref)
        if not parts:
            return SpdxNoAssertion()
        return spdx_licensing.parse(" AND ".join(dict.fromkeys(parts)))

    def _render(self, node: Expression, modified: set[str], a: Assessment) -> str:
        if isinstance(node, LicenseLeaf):
            text = self._id(node.entry, node.entry.id in modified, a)
            if node.exception is not None:
                text += f" WITH {self._id(node.exception, False, a)}"
            return text
        joiner = " AND " if isinstance(node, AllOf) else " OR "
        assert isinstance(node, (AllOf, AnyOf))
        return joiner.join(
            f"({self._render(c, modified, a)})" if isinstance(c, (AllOf, AnyOf))
            else self._render(c, modified, a) for c in node.children)

    def _id(self, entry: LicenseEntry, modified: bool, a: Assessment) -> str:
        """The SPDX id for a catalog entry, registering the extracted text a LicenseRef needs."""
        urls = [entry.source_url] if entry.source_url and entry.source_url.startswith(
            ("http://", "https://")) else []
        if modified:
            found = modified_texts(a, entry.id, self.catalog)
            if found:
                ids = list(dict.fromkeys(self._found(f, a) for f in found))
                return ids[0] if len(ids) == 1 else "(" + " AND ".join(ids) + ")"
            # The text was judged modified but is not at hand (e.g. a gating prompt): say so.
            ref = sanitise_ref(f"LicenseRef-licscan-modified-{entry.id}-unavailable")
            quotes = [f.quote for f in a.findings if f.kind == "modified" and f.quote]
            change = f" The change licscan found: \"{quotes[0]}\"." if quotes else ""
            self.refs.setdefault(ref, (
                f"{entry.name} (modified copy)",
                f"A modified copy of {entry.name} ({entry.spdx}) whose text licscan did not "
                f"keep; read it in the repository.{change}", [], None))
            return ref
        if entry.spdx.upper() == "NOASSERTION":
            # What licscan could not establish (a file it could not identify, terms it could not
            # read) is part of the license; SPDX allows NOASSERTION only alone, so inside an
            # expression it is a LicenseRef that says so.
            self.refs.setdefault(NOT_ESTABLISHED, (
                "License not established by licscan",
                "licscan could not establish this part of the license from the repository (a "
                "license file it could not identify, or terms it could not read). The findings "
                "of the licscan report name the files; any text found is given word for word as "
                "a LicenseRef-licscan-text-* in the same expression.", [], None))
            return NOT_ESTABLISHED
        if not entry.spdx.startswith("LicenseRef-"):
            return entry.spdx
        ref = sanitise_ref(entry.spdx)
        if ref not in self.refs:
            text = self.catalog.text(entry).strip()
            if not text:
                where = entry.source_url or "the licensor"
                why = f" ({entry.text_missing_reason})" if entry.text_missing_reason else ""
                text = (f"The text of {entry.name} is not bundled with licscan{why}. "
                        f"See {where}.")
            self.refs[ref] = (entry.name, text, urls, None)
        return ref

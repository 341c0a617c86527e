"""Resolution on snapshots built by hand: evidence, findings and lineage."""

from __future__ import annotations

from dataclasses import replace

import pytest

from licscan.engine import Resolver
from licscan.errors import SourceError
from licscan.licenses import load_catalog
from licscan.matching import identify_bytes
from licscan.model import BaseModelRef, FileReport, RepoFile, RepoSnapshot


def text(license_id: str) -> bytes:
    catalog = load_catalog()
    return catalog.text(catalog.lookup(license_id)).encode()


def snap(repo: str, license: str | None = None, files: dict[str, bytes] | None = None,
         bases: tuple[tuple[str, str | None], ...] = (), access: str = "granted",
         **card: object) -> RepoSnapshot:
    data: dict[str, object] = dict(card)
    if license is not None:
        data["license"] = license
    return RepoSnapshot(
        target=repo, repo_id=repo, commit="c" * 40, card=data, access=access,
        files=tuple(RepoFile(p, data=b, size=len(b)) for p, b in (files or {}).items()),
        base_models=tuple(BaseModelRef(b, r) for b, r in bases),
        gated="manual" if access == "denied" else None,
    )


def reports(s: RepoSnapshot) -> tuple[FileReport, ...]:
    return tuple(identify_bytes(f.data, f.path) for f in s.files if f.data is not None)


class Hub:
    """Snapshots by repo id, counting fetches (one per repo is the contract)."""

    def __init__(self, *snapshots: RepoSnapshot) -> None:
        self.repos = {s.repo_id: s for s in snapshots}
        self.calls: list[str] = []

    def __call__(self, repo_id: str) -> tuple[RepoSnapshot, tuple[FileReport, ...]]:
        self.calls.append(repo_id)
        if repo_id not in self.repos:
            raise SourceError(f"{repo_id} was not found")
        s = self.repos[repo_id]
        return s, reports(s)


def resolve(s: RepoSnapshot, hub: Hub | None = None):  # type: ignore[no-untyped-def]
    return Resolver(fetch=hub).resolve(s, reports(s))


def kinds(a) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.kind for f in a.findings]


def test_card_and_text_agree() -> None:
    a = resolve(snap("o/m", "mit", {"LICENSE": text("mit")}))
    assert a.license_ids == ("mit",) and not a.findings
    sources = {e.source for e in a.evidence}
    assert {"card", "file LICENSE"} <= sources


def test_text_beats_the_card_and_the_conflict_is_named() -> None:
    # Both bind until a person settles it: the card's license is not dropped for the text's.
    a = resolve(snap("o/m", "apache-2.0", {"LICENSE": text("mit")}))
    assert a.license_ids == ("mit", "apache-2.0")
    assert kinds(a) == ["conflict"]


def test_family_id_agrees_with_a_member_text() -> None:
    a = resolve(snap("o/m", "gemma", {"LICENSE": text("gemma-tou-2024-04-01")}))
    assert "conflict" not in kinds(a)


def test_nothing_is_unknown_and_other_without_text_is_unrecognized() -> None:
    assert kinds(resolve(snap("o/m"))) == ["unknown"]
    a = resolve(snap("o/m", "other", license_name="acme-license"))
    assert kinds(a) == ["unrecognized"]
    assert a.license_ids == ()


def test_other_with_a_known_license_name_and_text() -> None:
    a = resolve(snap("o/m", "other", {"LICENSE-MODEL": text("deepseek")}, license_name="deepseek",
                     license_link="LICENSE-MODEL"))
    assert a.license_ids == ("deepseek",) and not a.findings


def test_modified_text_is_marked_and_quoted() -> None:
    body = text("mit").decode()
    cut = body.index("conditions:") + len("conditions:")
    changed = body[:cut] + "\n\nThe Software shall not be used for commercial purposes.\n" \
        + body[cut:]
    a = resolve(snap("o/m", "mit", {"LICENSE": changed.encode()}))
    assert a.modified_ids == ("mit",) and a.expression == "mit (modified)"
    finding = next(f for f in a.findings if f.kind == "modified")
    assert "commercial purposes" in (finding.quote or "")


def test_gated_repo_is_unverifiable_but_judged_from_the_card() -> None:
    s = snap("meta-llama/x", "llama3.1", access="denied")
    s = RepoSnapshot(**{**s.__dict__, "files": (RepoFile("LICENSE", unavailable="gated: 401"),),
                        "access_reason": "401"})
    a = resolve(s)
    assert a.license_ids == ("llama3.1",)
    assert kinds(a) == ["unverifiable"]


def test_quantization_takes_its_base_terms() -> None:
    hub = Hub(snap("meta/base", "llama3.1", {"LICENSE": text("llama3.1")}))
    a = resolve(snap("q/gguf", "apache-2.0", bases=(("meta/base", "quantized"),)), hub)
    assert a.license_ids == ("llama3.1", "apache-2.0")  # the base's terms first, nothing dropped
    assert kinds(a) == ["lineage"]


def test_fine_tune_adds_its_base_terms() -> None:
    hub = Hub(snap("g/base", "gemma"))
    a = resolve(snap("a/ft", "mit", {"LICENSE": text("mit")}, bases=(("g/base", "finetune"),)),
                hub)
    assert a.license_ids == ("mit", "gemma")
    assert "lineage" in kinds(a)


def test_permissive_base_imposes_nothing() -> None:
    hub = Hub(snap("q/base", "apache-2.0", {"LICENSE": text("apache-2.0")}))
    a = resolve(snap("a/ft", "mit", bases=(("q/base", "finetune"),)), hub)
    # No lineage finding, but its conditions still come along: the conjunction is complete.
    assert a.license_ids == ("mit", "apache-2.0") and "lineage" not in kinds(a)


def test_merge_inherits_all_parents_and_each_repo_is_fetched_once() -> None:
    hub = Hub(snap("q/a", "apache-2.0"), snap("m/b", "llama3.1"),
              snap("c/mid", "llama3.1", bases=(("m/b", "finetune"),)))
    a = resolve(snap("x/merge", "apache-2.0",
                     bases=(("q/a", "merge"), ("m/b", "merge"), ("c/mid", "merge"))), hub)
    assert set(a.license_ids) == {"apache-2.0", "llama3.1"}
    assert sorted(hub.calls) == ["c/mid", "m/b", "q/a"]


def test_missing_base_could_not_be_evaluated() -> None:
    a = resolve(snap("a/ft", "mit", bases=(("gone/base", "finetune"),)), Hub())
    assert kinds(a) == ["could_not_evaluate"]
    assert "gone/base" in a.findings[0].message and "not found" in a.findings[0].message


def test_cycles_and_depth_are_bounded() -> None:
    hub = Hub(snap("a/one", "mit", bases=(("a/two", "finetune"),)),
              snap("a/two", "mit", bases=(("a/one", "finetune"),)))
    a = resolve(hub.repos["a/one"], hub)
    assert any("cycle" in f.message for f in a.findings)
    chain = [snap(f"c/{i}", "mit", bases=((f"c/{i + 1}", "finetune"),)) for i in range(20)]
    a = resolve(chain[0], Hub(*chain))
    assert any("deeper than" in f.message for f in a.findings)


@pytest.mark.parametrize(("pipeline", "expected"), [
    ("image-text-to-text", True), ("text-generation", False), (None, None),
])
def test_multimodal_from_the_pipeline_tag(pipeline: str | None, expected: bool | None) -> None:
    card = {"pipeline_tag": pipeline} if pipeline else {}
    assert resolve(snap("o/m", "mit", **card)).multimodal is expected


def test_the_named_steps_compose_to_what_the_resolver_gives() -> None:
    # Resolution is pure steps of the catalog and their inputs; the Resolver only fetches the
    # bases around them. Composed by hand, the steps give the Resolver's answer, and each step
    # answers the same twice (no memo, no state).
    from licscan.resolve import access_findings, declared_evidence, inherit, own_license

    catalog = load_catalog()
    base = snap("o/base", "llama3.1", {"LICENSE": text("llama3.1")})
    child = snap("o/quant", "apache-2.0", {"LICENSE": text("apache-2.0"), "NOTICE.bin": b"\0"},
                 bases=(("o/base", "quantized"),))
    own = own_license(child, reports(child), catalog, 0.9)
    assert own == own_license(child, reports(child), catalog, 0.9)
    assert own.license_ids == ("apache-2.0",) and not own.bases
    base_own = replace(own_license(base, reports(base), catalog, 0.9), relation="quantized")
    by_hand = inherit(own, (inherit(base_own, (), "quantized", catalog),), None, catalog)
    assert by_hand == resolve(child, Hub(base))
    assert by_hand.license_ids == ("llama3.1", "apache-2.0")
    assert "lineage" in kinds(by_hand)
    declared = declared_evidence(child, catalog)
    assert [e.id for e in declared.entries] == ["apache-2.0"]
    assert declared == declared_evidence(child, catalog)
    unread = access_findings(child, reports(child))
    assert [f.kind for f in unread] == ["unverifiable"] and "NOTICE.bin" in unread[0].message

"""License statements (notices, references, tags, URLs) and README license sections.

Every case is real text copied verbatim from a public repository: tests/statements/realworld.yml
(statements, each with repo, path, commit and lines) and tests/statements/sections.yml with the
files under tests/statements/sections/ (README license sections). Edited copies of those texts
check the fail-closed rules: a restriction next to a statement, a negated grant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from licscan.licenses.catalog import load_catalog
from licscan.matching.statements import CONFIDENCE, find_statements, license_sections
from licscan.model import Detection

DATA = Path(__file__).resolve().parent / "statements"
CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "realworld.yml").read_text("utf-8"))
SECTIONS: list[dict[str, Any]] = yaml.safe_load((DATA / "sections.yml").read_text("utf-8"))


def _case(case_id: str) -> str:
    return next(str(c["text"]) for c in CASES if c["id"] == case_id)


def _seen(text: str, detections: list[Detection]) -> list[tuple[str, str, str]]:
    return [(d.kind, d.license_id, text[d.span.start:d.span.end]) for d in detections]


# --- the real-world statements -----------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_real_statement(case: dict[str, Any]) -> None:
    text = case["text"]
    found = find_statements(text)
    got = [
        {"kind": d.kind, "license": d.license_id, "lines": [d.span.start_line, d.span.end_line],
         "span": text[d.span.start:d.span.end]}
        for d in found
    ]
    assert got == case["expect"], case["why"]
    catalog = load_catalog()
    for det in found:
        entry = catalog.get(det.license_id)
        assert entry is not None and entry.id == det.license_id and det.name == entry.name
        assert (det.status, det.matcher) == ("match", "statement")
        assert det.confidence == CONFIDENCE[det.kind]
        assert (det.coverage, det.similarity) == (0.0, 1.0)
        lines = text.split("\n")
        assert text[det.span.start:det.span.end] in "\n".join(
            lines[det.span.start_line - 1:det.span.end_line])


def test_the_corpus_covers_every_kind_and_non_grants() -> None:
    kinds = {e["kind"] for c in CASES for e in c["expect"]}
    assert kinds == {"tag", "notice", "reference", "url"}
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if not c["expect"]) >= 8  # texts that must state nothing
    for case in CASES:
        source = case["source"]
        assert source["repo"] and source["path"] and len(source["commit"]) == 40


# --- regions: the chain passes the parts no license text covers --------------------------------


def test_a_region_reports_only_its_statements_with_offsets_into_the_whole_text() -> None:
    first, second = _case("whisper-readme-license"), _case("audiocraft-code-and-weights")
    text = first + second
    found = find_statements(text, len(first), len(text))
    assert _seen(text, found) == [
        ("reference", "mit", "The code in this repository is released under the MIT license as "
         "found in the [LICENSE file](LICENSE)."),
        ("reference", "cc-by-nc-4.0", "The models weights in this repository are released under "
         "the CC-BY-NC 4.0 license as found in the [LICENSE_weights file](LICENSE_weights)."),
    ]
    first_lines = first.count("\n")
    assert [(d.span.start_line, d.span.end_line) for d in found] == [
        (first_lines + 2, first_lines + 2), (first_lines + 3, first_lines + 3)]
    assert all(d.span.start >= len(first) for d in found)


def test_a_statement_cut_by_the_region_end_is_not_reported() -> None:
    text = _case("imagebind-readme-license")
    cut = text.index("CC-BY-NC 4.0") + len("CC-BY")
    assert find_statements(text, 0, cut) == []
    assert [d.license_id for d in find_statements(text, 0, len(text))] == ["cc-by-nc-4.0"]


def test_an_empty_or_inverted_region_has_no_statements() -> None:
    text = _case("flux-spdx-tag")
    assert find_statements(text, 10, 10) == []
    assert find_statements(text, 50, 5) == []


# --- fail closed: edited real statements -------------------------------------------------------


def test_a_restriction_after_a_statement_is_not_part_of_its_span() -> None:
    real = _case("whisper-readme-license")
    sentence = "released under the MIT License."
    edited = real.replace(sentence, sentence[:-1] + ", for non-commercial research only.")
    (det,) = find_statements(edited)
    assert det.license_id == "mit"
    assert edited[det.span.start:det.span.end] == (
        "Whisper's code and model weights are released under the MIT License")


def test_a_restriction_before_a_statement_is_not_part_of_its_span() -> None:
    real = _case("mistral-inference-readme-license")
    edited = real.replace("This library is licensed",
                          "This library, for research only, is licensed")
    (det,) = find_statements(edited)
    assert edited[det.span.start:det.span.end] == "licensed under the Apache 2.0 License."


def test_a_negated_grant_states_nothing() -> None:
    real = _case("whisper-readme-license")
    edited = real.replace("are released under", "are not released under")
    assert find_statements(edited) == []


def test_a_contrast_states_nothing() -> None:
    real = _case("qwen25-readme-apache")
    edited = real.replace("All our open-weight models are licensed under Apache 2.0.",
                          "Unlike models licensed under Apache 2.0, ours are not.")
    assert find_statements(edited) == []


def test_a_second_unknown_license_in_a_notice_stays_unexplained() -> None:
    text = _case("paho-epl2-notice-with-edl")
    (notice, url) = find_statements(text)
    assert "Distribution" not in text[notice.span.start:notice.span.end]
    assert (url.kind, url.license_id) == ("url", "epl-2.0")


def test_an_unknown_id_in_a_tag_is_never_explained() -> None:
    text = _case("kcoreaddons-tag-with-unknown-licenseref")
    spans = [text[d.span.start:d.span.end] for d in find_statements(text)]
    assert all("LicenseRef" not in s and "SPDX" not in s for s in spans)
    only_unknown = text.replace("LGPL-2.1-only OR LGPL-3.0-only OR ", "")
    assert find_statements(only_unknown) == []


def test_or_later_only_when_the_notice_says_so() -> None:
    text = _case("coreutils-ls-gpl3-or-later-notice")
    only = text.replace(", or\n   (at your option) any later version", "")
    assert only != text
    assert [d.license_id for d in find_statements(only)] == ["gpl-3.0-only"]


# --- README license sections -------------------------------------------------------------------


@pytest.mark.parametrize("entry", SECTIONS, ids=[e["file"] for e in SECTIONS])
def test_license_sections_of_real_files(entry: dict[str, Any]) -> None:
    text = (DATA / "sections" / entry["file"]).read_text(encoding="utf-8")
    found = license_sections(text)
    got = [{"heading": text[a:b].split("\n", 1)[0],
            "next": text[b:].split("\n", 1)[0] if b < len(text) else None} for a, b in found]
    assert got == entry["sections"], entry["why"]
    statements = [d for a, b in found for d in find_statements(text, a, b)]
    assert [{"kind": d.kind, "license": d.license_id, "span": text[d.span.start:d.span.end]}
            for d in statements] == entry["statements"]


def test_front_matter_is_never_a_section() -> None:
    """A real card (huggingface_hub tests/fixtures/cards/sample_simple.md) with its 'license:'
    line moved to the end of the front matter: above the closing '---' it reads like a setext
    heading naming the license."""
    real = (DATA / "sections" / "hf-hub-sample_simple.md").read_text(encoding="utf-8")
    edited = real.replace("license: mit\n", "").replace("- acc\n---", "- acc\nlicense: mit\n---")
    assert "license: mit\n---" in edited
    assert license_sections(edited) == []
    assert license_sections(real) == []


def test_or_later_wording_after_a_name_in_prose() -> None:
    """The BUSL-1.1 reference text's own words (rules/licenses/busl-1.1.txt), in a grant."""
    catalog = load_catalog()
    busl = catalog.text(catalog.lookup("busl-1.1"))
    phrase = "GPL\n    Version 2.0 or a later version."
    assert phrase in busl
    text = "This file is licensed under " + phrase
    (det,) = find_statements(text)
    assert det.license_id == "gpl-2.0-or-later"
    assert text[det.span.start:det.span.end] == text


def test_words_inside_a_link_are_read_unless_the_link_only_names_a_file() -> None:
    real = _case("sam-readme-license")
    sentence = "The model is licensed under the [Apache 2.0 license](LICENSE)."
    assert sentence in real
    edited = real.replace(sentence, sentence[:-1] + " [for research use only](LICENSE).")
    (det,) = find_statements(edited)
    assert edited[det.span.start:det.span.end] == sentence[:-1]
    pointer = real.replace(sentence, sentence[:-1] + " ([LICENSE-APACHE](LICENSE-APACHE)).")
    (det,) = find_statements(pointer)
    assert pointer[det.span.start:det.span.end].endswith("([LICENSE-APACHE](LICENSE-APACHE)).")


def test_every_licensors_required_notice_states_its_own_license() -> None:
    """The notices AI licenses make redistributors display (quoted in rules/ front matter as
    ai_terms.notice_text, e.g. "Llama 3.1 is licensed under the Llama 3.1 Community License,
    ..."; "Gemma is provided under and subject to the Gemma Terms of Use found at ...")."""
    catalog = load_catalog()
    notices = [(e, e.ai_terms.notice_text) for e in catalog
               if e.ai_terms and e.ai_terms.notice_text]
    assert len(notices) >= 20
    for entry, notice in notices:
        found = find_statements(notice)
        assert found, entry.id
        named = catalog.get(found[0].license_id)
        assert named is not None
        assert named.id == entry.id or entry.id in named.family_versions, (entry.id, named.id)
        # The subject may be left out ("...Research Model is" holds a restrictive word).
        assert " under " in notice[found[0].span.start:found[0].span.end]


@pytest.mark.parametrize("version", ["gemma-tou-2024-04-01", "gemma-tou-2025-03-24"])
def test_a_family_link_beside_a_versions_text_names_that_version(tmp_path: Path,
                                                                 version: str) -> None:
    """A copy of the Gemma terms headed by a link to the family's page
    (ai.google.dev/gemma/terms) is that version, not that version and a vaguer 'gemma'."""
    from tests.helpers import run_cli

    catalog = load_catalog()
    path = tmp_path / "LICENSE"
    path.write_text("See https://ai.google.dev/gemma/terms\n\n"
                    + catalog.text(catalog.lookup(version)), encoding="utf-8")
    result = run_cli("identify", str(path), "--format", "json")
    named = {d["license"] for d in __import__("json").loads(result.out)["files"][0]
             ["detections"]}
    assert named == {version}, result.out[:400]
    # Without the version's text, the link still names the family.
    alone = tmp_path / "NOTICE"
    alone.write_text("See https://ai.google.dev/gemma/terms\n", encoding="utf-8")
    result = run_cli("identify", str(alone), "--format", "json")
    assert [d["license"] for d in __import__("json").loads(result.out)["files"][0]
            ["detections"]] == ["gemma"], result.out[:400]

"""Every span of a license file is accounted for (issue 10, items 1 and 3).

Each case edits a real reference text from rules/ inside the test: text added before, after or
inside a license, on a copyright line, in a title, in an HTML comment; words swapped for words of
another meaning; a placeholder filled with a clause. Each protection has a case that fails
without it, and a harmless variant that must stay clean.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from licscan.engine import identify_snapshot
from licscan.licenses.catalog import load_catalog
from licscan.matching import identify_bytes, identify_path, identify_text
from licscan.model import Detection, FileReport, RepoFile, RepoSnapshot
from tests.helpers import run_cli

RESTRICTION = "The Work may be used for non-commercial purposes only."


def reference(license_id: str) -> str:
    catalog = load_catalog()
    return catalog.text(catalog.lookup(license_id))


def unexplained(report: FileReport) -> list[str]:
    return [p.text for p in report.unexplained]


def only_detection(report: FileReport, license_id: str) -> Detection:
    assert report.status == "identified", report
    assert [d.license_id for d in report.detections] == [license_id], report.detections
    return report.detections[0]


def substantive(det: Detection) -> list[tuple[str, str, str]]:
    return [(d.reason, d.text, d.reference_text) for d in det.substantive_differences]


# --- text outside the license is unexplained -------------------------------------------------


@pytest.mark.parametrize("where", ["after", "before"])
def test_restriction_next_to_apache_is_unexplained(where: str) -> None:
    apache = reference("apache-2.0")
    text = apache + "\n\n" + RESTRICTION + "\n" if where == "after" else (
        RESTRICTION + "\n\n" + apache)
    report = identify_text(text)
    only_detection(report, "apache-2.0")
    assert unexplained(report) == [RESTRICTION.rstrip(".")]
    passage = report.unexplained[0]
    assert text[passage.span.start:passage.span.end] == RESTRICTION.rstrip(".")
    line = text.count("\n", 0, text.index(RESTRICTION)) + 1
    assert passage.span.start_line == passage.span.end_line == line


def test_passage_text_is_collapsed_to_single_spaces() -> None:
    text = reference("mit") + "\n\nThe   Software\n   may not be   used\tcommercially.\n"
    report = identify_text(text)
    assert unexplained(report) == ["The Software may not be used commercially"]
    assert report.unexplained[0].span.end_line == report.unexplained[0].span.start_line + 1


def test_sentence_after_a_copyright_statement_on_its_line_is_unexplained() -> None:
    line = "Copyright 2025 ACME. This Software may not be used for any commercial purpose."
    report = identify_text(line + "\n\n" + reference("mit"))
    only_detection(report, "mit")
    assert unexplained(report) == ["This Software may not be used for any commercial purpose"]


def test_copyright_holder_that_is_a_clause_is_unexplained() -> None:
    line = "Copyright 2025 ACME, which grants this Software for research use only"
    report = identify_text(line + "\n\n" + reference("mit"))
    assert unexplained(report) == [line]


def test_title_with_words_of_its_own_is_unexplained() -> None:
    report = identify_text("ACME Non-Commercial Research License\n\n" + reference("mit"))
    only_detection(report, "mit")
    assert unexplained(report) == ["ACME Non-Commercial Research License"]


def test_restriction_inside_an_html_comment_is_read() -> None:
    mit = reference("mit")
    cut = mit.index("conditions:") + len("conditions:")
    comment = "<!-- The Software shall not be used for commercial purposes. -->"
    report = identify_text(mit + "\n" + comment + "\n")
    assert unexplained(report) == ["The Software shall not be used for commercial purposes"]
    inside = identify_text(mit[:cut] + "\n\n" + comment + "\n" + mit[cut:])
    det = only_detection(inside, "mit")
    assert det.status == "modified"
    assert any("commercial purposes" in text for _r, text, _ref in substantive(det))


def test_unknown_file_keeps_status_unknown_and_quotes_its_text() -> None:
    report = identify_text("This model may be used for evaluation only.\n")
    assert report.status == "unknown"
    assert unexplained(report) == ["This model may be used for evaluation only"]


def test_title_alone_is_not_an_empty_file() -> None:
    report = identify_text("ACME Non-Commercial Research License\n")
    assert report.status == "unknown"
    assert unexplained(report) == ["ACME Non-Commercial Research License"]


def test_text_added_to_the_optional_appendix_is_substantive() -> None:
    """The appendix may be left out; words added to it are not thereby harmless."""
    apache = reference("apache-2.0")
    cut = apache.index("APPENDIX")
    det = only_detection(identify_text(apache[:cut] + RESTRICTION + "\n\n" + apache[cut:]),
                         "apache-2.0")
    assert det.status == "modified"
    assert substantive(det) == [("added text", RESTRICTION.rstrip("."), "")]


# --- changed words that change meaning are substantive ------------------------------------------


@pytest.mark.parametrize(("license_id", "old", "new"), [
    ("llama3.1", "700 million", "700 thousand"),
    ("llama3.1", "greater than", "less than"),
    ("apache-2.0", "worldwide", "domestic"),
])
def test_meaning_changing_word_swap_is_substantive(license_id: str, old: str, new: str) -> None:
    text = reference(license_id)
    assert old in text
    det = only_detection(identify_text(text.replace(old, new)), license_id)
    assert det.status == "modified"
    (new_word,) = set(new.split()) - set(old.split())
    (old_word,) = set(old.split()) - set(new.split())
    changed = substantive(det)
    assert changed == [("changed text", new_word, old_word)] * text.count(old)


def test_placeholder_filled_with_a_clause_is_substantive() -> None:
    apache = reference("apache-2.0")
    clause = "ACME, which grants this License for non-commercial use only"
    det = only_detection(identify_text(apache.replace("the copyright owner", clause, 1)),
                         "apache-2.0")
    assert det.status == "modified"
    assert substantive(det)[0][0] == "placeholder filled with more than a name"


# --- harmless variants stay clean ------------------------------------------------------------


@pytest.mark.parametrize("license_id", [
    "mit", "apache-2.0", "bsd-3-clause", "gpl-3.0-only", "llama3.1", "cc-by-4.0",
    "gemma-tou-2025-03-24", "deepseek", "mpl-2.0", "openrail++",
])
def test_reference_texts_have_nothing_unexplained(license_id: str) -> None:
    report = identify_text(reference(license_id))
    assert report.detections[0].status == "exact"
    assert report.unexplained == ()


@pytest.mark.parametrize("head", [
    "MIT License\n\nCopyright (c) 2025 ACME Corp. All rights reserved.\n\n",
    "The MIT License (MIT)\n\nCopyright (c) 2020-2025 J. Doe and contributors\n\n",
    "# LICENSE\n\nCopyright ACME Corp\n\n",
    "## License\n\n> Copyright 2024 The Example Team. All rights reserved.\n\n",
    "Copyright (C) 2007 Free Software Foundation, Inc.\n<https://fsf.org/>\n\n",
    "<!-- -->\nLicense\n\n",
])
def test_ordinary_headers_are_template_parts(head: str) -> None:
    report = identify_text(head + reference("mit"))
    det = only_detection(report, "mit")
    assert det.status in ("exact", "match"), substantive(det)
    assert report.unexplained == ()


def test_reformatted_copies_stay_clean() -> None:
    mit = reference("mit")
    paragraphs = [" ".join(p.split()) for p in mit.split("\n\n") if p.strip()]
    variants = {
        "one line per paragraph": "\n\n".join(paragraphs),
        "quoted": "\n".join("> " + line for line in mit.splitlines()),
        "bullets": "\n\n".join("- " + p for p in paragraphs),
        "markdown": "# MIT License\n\n" + "\n\n".join(f"**{p}**" for p in paragraphs),
    }
    for name, text in variants.items():
        report = identify_text(text)
        det = only_detection(report, "mit")
        assert det.status in ("exact", "match"), (name, substantive(det))
        assert report.unexplained == (), (name, unexplained(report))


@pytest.mark.parametrize(("old", "new"), [
    ("the copyright owner", "ACME Corp"),  # a name in a placeholder
    ("the copyright owner", "The Regents of the University of California"),
])
def test_name_in_a_placeholder_is_harmless(old: str, new: str) -> None:
    apache = reference("apache-2.0")
    report = identify_text(apache.replace(old, new, 1))
    det = only_detection(report, "apache-2.0")
    assert det.status == "match", substantive(det)
    assert any(d.reason == "name in a placeholder" for d in det.differences)


@pytest.mark.parametrize(("old", "new"), [
    ("a copy of this software", "copy of this software"),  # an article
    ("sublicense, and/or sell", "sublicense, or sell"),  # "and/or" style
    ("sublicense, and/or sell", "sub-license, and/or sell"),  # a word split
])
def test_equivalent_wording_is_harmless(old: str, new: str) -> None:
    mit = reference("mit")
    assert old in mit
    det = only_detection(identify_text(mit.replace(old, new, 1)), "mit")
    assert det.status == "match", substantive(det)


def test_a_changed_ordinary_word_is_no_longer_minor_wording() -> None:
    """Two words that carry no obvious legal weight still change what the text says."""
    mit = reference("mit")
    det = only_detection(identify_text(mit.replace("deal in the Software", "deal in the Model")),
                         "mit")
    assert det.status == "modified"


# --- statements explain their spans; README license sections --------------------------------


def test_statements_explain_their_spans() -> None:
    """A statement the statements stage recognises is a detection and explains its span; the
    same sentence with a restriction added keeps the restriction unexplained."""
    notice = "Licensed under the MIT License."
    text = reference("mit") + "\n\n" + notice + "\n"
    report = identify_text(text)
    assert report.unexplained == ()
    assert [d.kind for d in report.detections] == ["text", "reference"]
    restricted = reference("mit") + "\n\nLicensed under the MIT License for research only.\n"
    assert "research only" in " ".join(unexplained(identify_text(restricted)))


MODEL_CARD = """---
license: mit
---
# Example-Tiny-1B

Example-Tiny-1B is a small decoder-only model trained on public text.

## License

{license}
"""


def test_readme_description_is_never_unexplained() -> None:
    card = MODEL_CARD.format(license=reference("mit"))
    as_file = identify_text(card)
    assert "Example-Tiny-1B is a small decoder-only model" in " ".join(unexplained(as_file))
    as_readme = identify_text(card, "README.md", readme=True)
    only_detection(as_readme, "mit")
    assert as_readme.unexplained == ()


def test_readme_reports_unexplained_text_inside_its_license_section() -> None:
    card = MODEL_CARD.format(license=reference("mit") + "\n\n" + RESTRICTION)
    section = card.index("## License")
    report = identify_text(card, "README.md", readme=True)
    assert unexplained(report) == [RESTRICTION.rstrip(".")]
    assert all(p.span.start >= section for p in report.unexplained)


def test_identify_snapshot_reads_readmes_as_model_cards() -> None:
    card = MODEL_CARD.format(license=reference("mit")).encode()
    license_file = (reference("mit") + "\n\n" + RESTRICTION + "\n").encode()
    snapshot = RepoSnapshot("org/model", "org/model", files=(
        RepoFile("README.md", card, role="readme"), RepoFile("LICENSE", license_file)))
    readme, license_report = identify_snapshot(snapshot)
    assert readme.detections[0].license_id == "mit" and readme.unexplained == ()
    assert unexplained(license_report) == [RESTRICTION.rstrip(".")]


# --- reading: UTF-16 without a BOM ---------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(codec: str) -> None:
    data = reference("apache-2.0").replace("\n", "\r\n").encode(codec)
    report = identify_bytes(data, "LICENSE")
    assert report.encoding == codec
    det = only_detection(report, "apache-2.0")
    assert det.status == "exact"


def test_nul_bytes_that_are_not_text_are_still_binary() -> None:
    report = identify_bytes(bytes(range(256)) * 8, "weights.bin")
    assert report.status == "binary"


# --- the public file and CLI interfaces ------------------------------------------------------


def test_identify_path_and_cli_report_unexplained_passages(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text("ACME Non-Commercial Research License\n\n" + reference("mit"))
    assert unexplained(identify_path(path)) == ["ACME Non-Commercial Research License"]
    run = run_cli("identify", "--format", "json", str(path))
    assert run.code == 0, run.err
    (entry,) = json.loads(run.out)["files"]
    assert entry["unexplained"] == [{
        "text": "ACME Non-Commercial Research License",
        "span": {"start": 0, "end": 36, "start_line": 1, "end_line": 1},
    }]
    text = run_cli("identify", str(path))
    assert "UNEXPLAINED text (1 passage(s))" in text.out
    assert 'line 1: "ACME Non-Commercial Research License"' in text.out

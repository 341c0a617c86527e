"""Bundles, pointers and short fragments (issue 11, items 5 and 6), through the CLI.

Every bundle here is built inside the test from real reference texts in rules/ (concatenated,
or edited where a case needs a departure); nothing here is license text written by hand.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from licscan.licenses.catalog import load_catalog
from licscan.matching import identify_text
from tests.helpers import run_cli

RESTRICTION = "The Software may not be used for commercial purposes."


def reference(license_id: str) -> str:
    catalog = load_catalog()
    return catalog.text(catalog.lookup(license_id)).strip()


def bundle(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def identify_json(path: Path) -> dict:  # type: ignore[type-arg]
    run = run_cli("identify", "--format", "json", str(path))
    assert run.code == 0, run.err
    files = json.loads(run.out)["files"]
    assert len(files) == 1
    return files[0]  # type: ignore[no-any-return]


def text_detections(report: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(d["license"], d["status"]) for d in report["detections"] if d["kind"] == "text"]


# --- every license of a bundle ----------------------------------------------------------------

# Six licenses whose siblings crowd a shortlist (MIT and BSD each have dozens of near copies):
# a single shortlist of the whole file had room for only some of them.
SIX = ["mit", "bsd-3-clause", "apache-2.0", "bsd-2-clause", "isc", "gpl-3.0-only"]
SIX_SHORT = ["bsd-2-clause", "mit", "isc", "zlib", "bsd-3-clause", "apache-2.0"]


@pytest.mark.parametrize("ids", [SIX, SIX_SHORT], ids=["long", "short"])
def test_every_license_of_a_bundle_is_found_with_its_span(tmp_path: Path, ids: list[str]) -> None:
    texts = [reference(i) for i in ids]
    content = bundle(*texts)
    path = tmp_path / "LICENSE"
    path.write_text(content, encoding="utf-8")
    report = identify_json(path)
    assert text_detections(report) == [(i, "exact") for i in ids]
    assert report["unexplained"] == []
    # Each span is exactly where that license's text stands in the file.
    for det, text in zip(report["detections"], texts, strict=True):
        start = content.index(text)
        span = det["span"]
        assert span["start"] >= start and span["end"] <= start + len(text), det["license"]
        assert span["end"] - span["start"] >= 0.9 * len(text), det["license"]


def test_a_64_kib_bundle_of_six_licenses_yields_six_quickly(tmp_path: Path) -> None:
    ids = ["gpl-3.0-only", "apache-2.0", "mpl-2.0", "mit", "bsd-2-clause", "isc"]
    content = bundle(*(reference(i) for i in ids))
    assert len(content.encode()) >= 64 * 1024
    identify_text("warm the index up")
    start = time.perf_counter()
    report = identify_text(content)
    elapsed = time.perf_counter() - start
    assert [(d.license_id, d.status) for d in report.detections] == [(i, "exact") for i in ids]
    assert report.unexplained == ()
    assert elapsed < 1.0, f"a 64 KiB bundle took {elapsed:.2f} s"


def test_a_second_copy_of_a_license_is_reported_too(tmp_path: Path) -> None:
    mit = reference("mit")
    path = tmp_path / "LICENSE"
    path.write_text(bundle(reference("apache-2.0"), mit, reference("isc"), mit), encoding="utf-8")
    report = identify_json(path)
    # The second copy may be aligned by MIT's SPDX template, whose edges the ISC text before it
    # can pull aside: then it is a "match" (the same license, nothing left unexplained).
    found = text_detections(report)
    assert found[:3] == [("apache-2.0", "exact"), ("mit", "exact"), ("isc", "exact")]
    assert found[3] in {("mit", "exact"), ("mit", "match")}, found
    assert len(found) == 4 and report["unexplained"] == []


def test_a_modified_second_copy_of_mit_is_reported_modified(tmp_path: Path) -> None:
    mit = reference("mit")
    first, rest = mit.split("\n\n", 1)
    modified = f"{first} {RESTRICTION}\n\n{rest}"
    path = tmp_path / "LICENSE"
    path.write_text(bundle(reference("apache-2.0"), mit, modified), encoding="utf-8")
    report = identify_json(path)
    assert text_detections(report) == [("apache-2.0", "exact"), ("mit", "exact"),
                                       ("mit", "modified")]
    second = report["detections"][-1]
    quoted = " ".join(d["text"] for d in second["differences"] if not d["harmless"])
    assert "commercial purposes" in quoted
    # ... and a check of a folder holding it does not pass as plain MIT.
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n# m\n", encoding="utf-8")
    run = run_cli("check", str(tmp_path))
    assert run.code == 1, run.out
    assert "modified" in run.out.lower()


# --- short fragments (item 6) -----------------------------------------------------------------


def head(license_id: str, lines: int) -> str:
    return "\n".join(reference(license_id).split("\n")[:lines]) + "\n"


def folder(tmp_path: Path, license_text: str, card_license: str) -> Path:
    repo = tmp_path / "model"
    repo.mkdir()
    (repo / "LICENSE").write_text(license_text, encoding="utf-8")
    (repo / "README.md").write_text(f"---\nlicense: {card_license}\n---\n# A model\n",
                                    encoding="utf-8")
    return repo


def test_the_first_20_lines_of_cc_by_nc_are_a_partial_cc_by_nc(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(head("cc-by-nc-4.0", 20), encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "identified"
    [det] = report["detections"]
    assert (det["license"], det["status"], det["kind"]) == ("cc-by-nc-4.0", "partial", "text")
    assert 0 < det["coverage"] < 0.1
    assert report["unexplained"] == []
    text = run_cli("identify", str(path)).out
    assert "PARTIAL" in text and "cc-by-nc-4.0" in text


def test_a_truncated_cc_by_nc_never_passes_and_stays_non_commercial(tmp_path: Path) -> None:
    repo = folder(tmp_path, head("cc-by-nc-4.0", 20), "cc-by-nc-4.0")
    run = run_cli("check", str(repo))
    assert run.code == 1, run.out
    assert "LS304" in run.out and "cc-by-nc-4.0" in run.out
    assert "non-commercial" in run.out


def test_a_truncated_permissive_license_is_partial_and_not_a_pass(tmp_path: Path) -> None:
    repo = folder(tmp_path, head("apache-2.0", 25), "apache-2.0")
    run = run_cli("check", "--format", "json", str(repo))
    assert run.code == 1, run.out
    assert "LS304" in run.out
    report = identify_json(repo / "LICENSE")
    assert [(d["license"], d["status"]) for d in report["detections"]] == [
        ("apache-2.0", "partial")]


def test_a_model_license_cut_short_is_named_partial(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(head("llama2", 12), encoding="utf-8")
    report = identify_json(path)
    assert [(d["license"], d["status"]) for d in report["detections"]] == [("llama2", "partial")]


def test_the_title_decides_between_siblings_with_the_same_body(tmp_path: Path) -> None:
    # The CC 4.0 licenses share their opening paragraphs word for word; only the title says
    # which one a head is.
    for license_id in ("cc-by-4.0", "cc-by-nc-sa-4.0", "cc-by-nd-4.0"):
        path = tmp_path / f"{license_id}.txt"
        path.write_text(head(license_id, 20), encoding="utf-8")
        report = identify_json(path)
        assert [(d["license"], d["status"]) for d in report["detections"]] == [
            (license_id, "partial")], license_id


def test_a_fragment_without_its_title_is_not_named(tmp_path: Path) -> None:
    body = "\n".join(reference("cc-by-nc-4.0").split("\n")[2:20]) + "\n"
    path = tmp_path / "LICENSE"
    path.write_text(body, encoding="utf-8")
    report = identify_json(path)
    assert report["detections"] == []
    assert report["status"] == "unknown"


def test_a_fragment_is_named_by_the_title_it_states(tmp_path: Path) -> None:
    # The CC-BY-NC head with another variant's title is that variant's head (the title is the
    # only words in which they differ); with a version no CC-BY-NC text has, it is no license's
    # head at all and stays unknown, never the plain CC-BY-NC-4.0.
    original = head("cc-by-nc-4.0", 20)
    variant = original.replace("Attribution-NonCommercial 4.0",
                                "Attribution-NonCommercial-NoDerivatives 4.0", 1)
    version = original.replace("Attribution-NonCommercial 4.0", "Attribution-NonCommercial 3.0", 1)
    assert variant != original and version != original
    (tmp_path / "variant").write_text(variant, encoding="utf-8")
    (tmp_path / "version").write_text(version, encoding="utf-8")
    report = identify_json(tmp_path / "variant")
    assert [(d["license"], d["status"]) for d in report["detections"]] == [
        ("cc-by-nc-nd-4.0", "partial")]
    report = identify_json(tmp_path / "version")
    assert report["status"] == "unknown" and report["detections"] == []
    assert report["unexplained"]


# --- bundle headings, scopes, pointers (item 5) -----------------------------------------------

REALWORLD = Path(__file__).parent / "realworld" / "files"


def test_bundle_headings_say_what_each_text_covers() -> None:
    # Qwen's NOTICE (verbatim, tests/realworld): four third-party texts, each under a
    # "LICENSE FOR <component> code" heading. The headings are accounted for, and kept.
    report = identify_json(REALWORLD / "Qwen--NOTICE")
    assert not any("LICENSE FOR" in p["text"] for p in report["unexplained"]), report
    covers = [d["covers"] for d in report["detections"] if d["kind"] == "text"]
    assert covers == ["NVIDIA Megatron-LM code", "OpenAI tiktoken code",
                      "stanford_alpaca code", "PanQiWei AutoGPTQ code"]
    licenses = [d["license"] for d in report["detections"]]
    assert licenses[1:] == ["mit", "apache-2.0", "mit"]  # the second MIT copy is reported


def test_files_headings_are_paths(tmp_path: Path) -> None:
    # klauspost/compress's LICENSE (verbatim): "Files: snappy/*" lines above bundled texts.
    report = identify_json(REALWORLD / "containerd--klauspost--compress--LICENSE")
    assert report["unexplained"] == []
    covers = [d["covers"] for d in report["detections"] if d["covers"]]
    assert "snappy/*; internal/snapref/*" in covers
    assert "s2/cmd/internal/readahead/*" in covers


@pytest.mark.parametrize("heading", [
    "LICENSE FOR non-commercial use only",
    "LICENSE FOR research code, not for production",
])
def test_a_heading_that_restricts_is_not_a_heading(tmp_path: Path, heading: str) -> None:
    path = tmp_path / "NOTICE"
    path.write_text(bundle(reference("apache-2.0"), f"---- {heading} ----", reference("mit")),
                    encoding="utf-8")
    report = identify_json(path)
    assert [p["text"] for p in report["unexplained"]] == [heading]
    assert all(d["covers"] is None for d in report["detections"])


def test_a_heading_above_prose_is_not_a_bundle_heading(tmp_path: Path) -> None:
    lz4 = (REALWORLD / "lz4--LICENSE").read_text(encoding="utf-8")
    path = tmp_path / "LICENSE"
    path.write_text(bundle(reference("mit"), "LICENSE FOR the lz4 code", lz4), encoding="utf-8")
    report = identify_json(path)
    assert any("LICENSE FOR the lz4 code" in p["text"] for p in report["unexplained"])


DUAL = ("This project is dual licensed under the Apache License 2.0 or the BSD 3-Clause "
        "License, at your option. See LICENSE.APACHE and LICENSE.BSD for the full texts.\n")


def test_a_dual_license_pointer_states_a_choice_and_names_its_files(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(DUAL, encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "identified", report
    assert report["unexplained"] == []
    assert report["expression"] == "(apache-2.0 OR bsd-3-clause)"
    assert report["points_to"] == ["LICENSE.APACHE", "LICENSE.BSD"]
    text = run_cli("identify", str(path)).out
    assert "the file states: (apache-2.0 OR bsd-3-clause)" in text
    assert "it points at: LICENSE.APACHE, LICENSE.BSD" in text


def test_a_pointer_to_missing_files_is_a_finding_not_a_pass(tmp_path: Path) -> None:
    repo = folder(tmp_path, DUAL, "apache-2.0")
    run = run_cli("check", str(repo))
    assert run.code == 1, run.out
    assert "LICENSE.APACHE" in run.out and "LICENSE.BSD" in run.out and "LS306" in run.out
    # With the files it points at, holding the texts it names, the repo passes.
    (repo / "LICENSE.APACHE").write_text(reference("apache-2.0") + "\n", encoding="utf-8")
    run = run_cli("check", str(repo))
    assert run.code == 1 and "LICENSE.BSD" in run.out and "LICENSE.APACHE" not in run.out
    (repo / "LICENSE.BSD").write_text(reference("bsd-3-clause") + "\n", encoding="utf-8")
    run = run_cli("check", str(repo))
    assert run.code == 0, run.out


def test_a_pointed_at_file_cut_short_does_not_pass(tmp_path: Path) -> None:
    repo = folder(tmp_path, DUAL, "apache-2.0")
    (repo / "LICENSE.APACHE").write_text(head("apache-2.0", 25), encoding="utf-8")
    (repo / "LICENSE.BSD").write_text(reference("bsd-3-clause") + "\n", encoding="utf-8")
    run = run_cli("check", str(repo))
    assert run.code == 1 and "LS304" in run.out, run.out


def test_a_pointer_that_adds_a_condition_stays_unexplained(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(DUAL.replace("for the full texts.",
                                 "for the full texts, which apply to non-commercial use only."),
                    encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "unknown"
    assert any("non-commercial" in p["text"] for p in report["unexplained"])


def test_a_pointer_alone_names_nothing(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text("See LICENSE.APACHE and LICENSE.BSD for the full texts.\n", encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "unknown" and report["detections"] == []
    assert report["unexplained"]


def test_lz4_names_both_licenses_and_does_not_pass(tmp_path: Path) -> None:
    # lz4's LICENSE (verbatim): per-directory licenses, plus prose a person must read.
    run = run_cli("identify", str(REALWORLD / "lz4--LICENSE"))
    assert "bsd-2-clause" in run.out and "gpl-2.0-or-later" in run.out
    repo = folder(tmp_path, (REALWORLD / "lz4--LICENSE").read_text(encoding="utf-8"),
                  "gpl-2.0-or-later")
    assert run_cli("check", str(repo)).code == 1


def test_per_directory_licenses_are_both_kept_with_what_each_covers(tmp_path: Path) -> None:
    # lz4's first three lines, without its "unless explicitly stated otherwise" proviso.
    lines = (REALWORLD / "lz4--LICENSE").read_text(encoding="utf-8").split("\n")[:3]
    text = "\n".join(lines).replace(", unless explicitly stated otherwise", "") + "\n"
    path = tmp_path / "LICENSE"
    path.write_text(text, encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "identified" and report["unexplained"] == []
    assert [(d["license"], d["covers"]) for d in report["detections"]] == [
        ("bsd-2-clause", "all files in the lib directory"),
        ("gpl-2.0-or-later", "all other files")]
    assert report["expression"] == "bsd-2-clause AND gpl-2.0-or-later"
    assert "covers: all files in the lib directory" in run_cli("identify", str(path)).out


def test_records_of_a_bundled_licenses_list(tmp_path: Path) -> None:
    # numpy's LICENSES_bundled.txt (verbatim): Name / Files / License / "For license text, see"
    # records. Each record's fields and pointer are accounted for; only its two sentences of
    # prose are left for a person to read.
    whole = REALWORLD / "numpy--LICENSES_bundled.txt"
    report = identify_json(whole)
    assert [p["span"]["start_line"] for p in report["unexplained"]] == [1, 20]
    # Its records alone are fully understood, each license with the files it covers.
    lines = whole.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "LICENSES_bundled.txt"
    path.write_text("\n".join(lines[3:19]) + "\n", encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "identified" and report["unexplained"] == []
    assert [(d["license"], d["covers"]) for d in report["detections"]] == [
        ("bsd-3-clause", "numpy/linalg/lapack_lite/*"),
        ("mit", "numpy/_core/src/multiarray/dragon4.c"),
        ("zlib", "numpy/_core/include/numpy/libdivide/*")]
    assert report["expression"] == "bsd-3-clause AND mit AND zlib"
    assert report["points_to"] == ["numpy/linalg/lapack_lite/LICENSE.txt",
                                   "numpy/_core/src/multiarray/dragon4.c",
                                   "numpy/_core/include/numpy/libdivide/LICENSE.txt"]


def test_a_record_field_that_restricts_is_not_accounted(tmp_path: Path) -> None:
    lines = (REALWORLD / "numpy--LICENSES_bundled.txt").read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[3:7]).replace("Name: lapack-lite",
                                         "Name: lapack-lite, for non-commercial use only")
    path = tmp_path / "LICENSES_bundled.txt"
    path.write_text(text + "\n", encoding="utf-8")
    report = identify_json(path)
    assert any("non-commercial" in p["text"] for p in report["unexplained"])


def test_a_sentence_introducing_the_text_below_says_what_it_covers() -> None:
    # rhino's NOTICE-tools.txt (verbatim): "The files in <dir> (...) are available under the
    # following license:" above a BSD text; "See "LICENSE.txt" for the text of the license."
    report = identify_json(REALWORLD / "rhino--NOTICE-tools.txt")
    texts = [d for d in report["detections"] if d["kind"] == "text"]
    assert [d["covers"] for d in texts] == [
        "toolsrc/org/mozilla/javascript/tools/debugger/treetable"]
    assert report["points_to"] == ["LICENSE.txt"]
    assert not any("following license" in p["text"] or "LICENSE.txt" in p["text"]
                   for p in report["unexplained"])


def test_an_introducing_sentence_that_restricts_stays_unexplained(tmp_path: Path) -> None:
    intro = ("The files in tools/ (for non-commercial research only) are available under "
             "the following license:")
    path = tmp_path / "NOTICE"
    path.write_text(bundle(intro, reference("mit")), encoding="utf-8")
    report = identify_json(path)
    assert any("non-commercial" in p["text"] for p in report["unexplained"])
    assert all(d["covers"] is None for d in report["detections"])


def test_a_hub_repo_whose_license_points_at_a_missing_file_does_not_pass(
        hub_env: dict[str, str]) -> None:
    # fixtures/hub/bundlelab/dual-pointer: LICENSE only points at LICENSE.APACHE and LICENSE.BSD;
    # the repo ships LICENSE.APACHE (read, and found to be Apache-2.0) but not LICENSE.BSD.
    run = run_cli("check", "bundlelab/dual-pointer", "--format", "json", env=hub_env)
    assert run.code == 1, run.out
    reasons = json.dumps(json.loads(run.out))
    assert "LICENSE.BSD" in reasons and "is not in the repository" in reasons
    assert "LS306" in reasons
    assert "says its terms are in LICENSE.APACHE" not in reasons


def test_an_exception_bundled_after_its_license_is_a_with(tmp_path: Path) -> None:
    # numpy-style wheel bundles: a BSD project text, GPL-3.0 with the GCC runtime exception.
    path = tmp_path / "LICENSE.txt"
    path.write_text(bundle(reference("bsd-3-clause"), reference("gpl-3.0-or-later"),
                           reference("gcc-exception-3.1")), encoding="utf-8")
    report = identify_json(path)
    assert text_detections(report) == [("bsd-3-clause", "exact"), ("gpl-3.0-or-later", "exact"),
                                       ("gcc-exception-3.1", "exact")]
    assert report["expression"] == "bsd-3-clause AND gpl-3.0-or-later WITH gcc-exception-3.1"


def test_a_grant_by_reference_points_at_the_files_that_hold_the_terms(tmp_path: Path) -> None:
    # pyca/cryptography's LICENSE (verbatim, tests/realworld) opens with "made available under
    # the terms of *either* of the licenses found in LICENSE.APACHE or LICENSE.BSD".
    real = (REALWORLD / "cryptography--LICENSE").read_text(encoding="utf-8")
    first = real.split(" Contributions")[0] + "\n"
    assert first.endswith("LICENSE.APACHE or LICENSE.BSD.\n")
    path = tmp_path / "LICENSE"
    path.write_text(first, encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "identified" and report["detections"] == []
    assert report["unexplained"] == []
    assert report["points_to"] == ["LICENSE.APACHE", "LICENSE.BSD"]
    # check: without the files it points at, a finding; with them, judged by what they hold.
    repo = folder(tmp_path, first, "apache-2.0")
    run = run_cli("check", str(repo))
    assert run.code == 1 and "LICENSE.BSD" in run.out, run.out
    (repo / "LICENSE.APACHE").write_text(reference("apache-2.0") + "\n", encoding="utf-8")
    (repo / "LICENSE.BSD").write_text(reference("bsd-3-clause") + "\n", encoding="utf-8")
    assert run_cli("check", str(repo)).code == 0
    (repo / "LICENSE.BSD").write_text(reference("cc-by-nc-4.0") + "\n", encoding="utf-8")
    assert run_cli("check", str(repo)).code == 1
    # The whole real file says more (contributions, code under the PSF agreement): it is not
    # a pass on the pointer alone.
    repo.joinpath("LICENSE").write_text(real, encoding="utf-8")
    (repo / "LICENSE.BSD").write_text(reference("bsd-3-clause") + "\n", encoding="utf-8")
    assert run_cli("check", str(repo)).code == 1


def test_a_grant_by_reference_with_a_condition_is_not_a_pointer(tmp_path: Path) -> None:
    real = (REALWORLD / "cryptography--LICENSE").read_text(encoding="utf-8")
    first = real.split(" Contributions")[0].replace(
        "LICENSE.BSD.", "LICENSE.BSD, for non-commercial use only.") + "\n"
    path = tmp_path / "LICENSE"
    path.write_text(first, encoding="utf-8")
    report = identify_json(path)
    assert report["status"] == "unknown"
    assert any("non-commercial" in p["text"] for p in report["unexplained"])


def test_a_file_of_many_copies_is_bounded_and_what_is_not_searched_stays_unexplained() -> None:
    # A hostile file: 300 copies of one short license. The stretch searches are capped (each
    # finds one more copy); the copies never searched are unexplained text, never dropped.
    mit = reference("mit")
    content = bundle(*[mit] * 300)
    identify_text("warm the index up")
    start = time.perf_counter()
    report = identify_text(content)
    elapsed = time.perf_counter() - start
    assert 2 <= len(report.detections) < 300
    assert all(d.license_id == "mit" for d in report.detections)
    explained = sum(d.span.end - d.span.start for d in report.detections)
    unexplained = sum(p.span.end - p.span.start for p in report.unexplained)
    assert explained + unexplained >= 0.95 * len(content.strip())
    assert elapsed < 10, f"{elapsed:.1f} s"


def test_a_pointer_to_a_file_licscan_does_not_read_is_a_finding(tmp_path: Path) -> None:
    # numpy's records (verbatim lines): lapack-lite's text is in a LICENSE.txt (read); dragon4's
    # is in the source file dragon4.c, which is not a file licscan reads as terms.
    lines = (REALWORLD / "numpy--LICENSES_bundled.txt").read_text(encoding="utf-8").split("\n")
    repo = folder(tmp_path, "\n".join(lines[3:12]) + "\n", "bsd-3-clause")
    lapack = repo / "numpy" / "linalg" / "lapack_lite"
    lapack.mkdir(parents=True)
    (lapack / "LICENSE.txt").write_text(reference("bsd-3-clause") + "\n", encoding="utf-8")
    source = repo / "numpy" / "_core" / "src" / "multiarray"
    source.mkdir(parents=True)
    (source / "dragon4.c").write_text("int dragon4;\n", encoding="utf-8")
    run = run_cli("check", str(repo))
    assert run.code == 1, run.out
    assert "dragon4.c, which licscan did not read" in run.out
    assert "lapack_lite/LICENSE.txt" not in run.out


def test_files_that_only_point_at_each_other_leave_the_terms_nowhere(tmp_path: Path) -> None:
    real = (REALWORLD / "cryptography--LICENSE").read_text(encoding="utf-8")
    first = real.split(" Contributions")[0] + "\n"
    repo = folder(tmp_path, first.replace("LICENSE.APACHE or LICENSE.BSD", "LICENSE.A"),
                  "mit")
    (repo / "LICENSE.A").write_text(first.replace("LICENSE.APACHE or LICENSE.BSD", "LICENSE"),
                                    encoding="utf-8")
    run = run_cli("check", str(repo))
    assert run.code == 1, run.out
    assert "LS301" in run.out and "only points at" in run.out
    # A file pointing at itself is no better.
    (repo / "LICENSE.A").unlink()
    (repo / "LICENSE").write_text(first.replace("LICENSE.APACHE or LICENSE.BSD", "LICENSE"),
                                  encoding="utf-8")
    run = run_cli("check", str(repo))
    assert run.code == 1 and "only points at" in run.out, run.out


def test_a_files_heading_that_restricts_is_not_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "NOTICE"
    path.write_text(bundle(reference("apache-2.0"), "Files: all, except commercial use",
                           reference("mit")), encoding="utf-8")
    report = identify_json(path)
    assert [p["text"] for p in report["unexplained"]] == ["Files: all, except commercial use"]


def test_a_bundle_whose_second_license_is_cut_short_names_it_partial(tmp_path: Path) -> None:
    repo = folder(tmp_path, bundle(reference("apache-2.0"), head("cc-by-nc-4.0", 20).strip()),
                  "apache-2.0")
    report = identify_json(repo / "LICENSE")
    assert text_detections(report) == [("apache-2.0", "exact"), ("cc-by-nc-4.0", "partial")]
    run = run_cli("check", str(repo))
    assert run.code == 1 and "LS304" in run.out and "cc-by-nc-4.0" in run.out


def test_alternatives_of_a_choice_are_an_or() -> None:
    # stb's LICENSE (verbatim): "available under 2 licenses -- choose whichever you prefer",
    # then "ALTERNATIVE A - MIT License" and "ALTERNATIVE B - Public Domain (www.unlicense.org)".
    report = identify_json(REALWORLD / "stb--LICENSE")
    assert [d["license"] for d in report["detections"]] == ["mit", "unlicense"]
    assert report["unexplained"] == []
    assert report["expression"] == "(mit OR unlicense)"


def test_an_alternative_heading_must_name_the_text_below_it(tmp_path: Path) -> None:
    stb = (REALWORLD / "stb--LICENSE").read_text(encoding="utf-8")
    # The MIT alternative's heading now names the Apache License: it is not the text's title.
    path = tmp_path / "LICENSE"
    path.write_text(stb.replace("ALTERNATIVE A - MIT License",
                                "ALTERNATIVE A - Apache License 2.0"), encoding="utf-8")
    report = identify_json(path)
    assert any("ALTERNATIVE A" in p["text"] for p in report["unexplained"])
    assert report["expression"] != "(mit OR unlicense)"


def test_scope_headings_above_bundled_texts_and_notices() -> None:
    # sigs.k8s.io/json (verbatim): "Files other than internal/golang/* licensed under:" above
    # Apache-2.0 and "internal/golang/* files licensed under:" above Go's BSD text.
    report = identify_json(REALWORLD / "containerd--sigs.k8s.io--json--LICENSE")
    assert report["unexplained"] == []
    assert [d["covers"] for d in report["detections"]] == [
        "Files other than internal/golang/*", "internal/golang/* files"]
    # go.yaml.in/yaml/v3 (verbatim): "### Apache License ###" and "All the remaining project
    # files are covered by the Apache license:" above the Apache-2.0 notice.
    report = identify_json(REALWORLD / "containerd--go.yaml.in--yaml--v3--LICENSE")
    apache = [d for d in report["detections"] if d["license"] == "apache-2.0"]
    assert [d["covers"] for d in apache] == ["All the remaining project files"]
    assert not any("Apache License" in p["text"] for p in report["unexplained"])


def test_a_pointer_to_the_license_file_finds_it_under_its_extension(tmp_path: Path) -> None:
    # "See LICENSE for details" where the file is LICENSE.md: the way people name it.
    repo = folder(tmp_path, reference("mit") + "\n", "mit")
    (repo / "LICENSE").rename(repo / "LICENSE.md")
    (repo / "NOTICE").write_text(DUAL.replace("LICENSE.APACHE and LICENSE.BSD", "LICENSE")
                                 .replace("the Apache License 2.0 or the BSD 3-Clause License, "
                                          "at your option", "the MIT License"),
                                 encoding="utf-8")
    report = identify_json(repo / "NOTICE")
    assert report["points_to"] == ["LICENSE"], report
    run = run_cli("check", str(repo))
    assert run.code == 0, run.out
    (repo / "LICENSE.md").rename(repo / "COPYING.md")
    (repo / "COPYING.md").write_text(reference("mit") + "\n", encoding="utf-8")
    run = run_cli("check", str(repo))
    assert run.code == 1 and "says its terms are in LICENSE" in run.out, run.out

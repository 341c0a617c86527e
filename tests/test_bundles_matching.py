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
    assert text_detections(report) == [("apache-2.0", "exact"), ("mit", "exact"),
                                       ("isc", "exact"), ("mit", "exact")]
    assert report["unexplained"] == []


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

"""`licscan identify` through the real command line, on files built from reference texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from licscan.licenses import load_catalog
from tests.helpers import run_cli


def reference(license_id: str) -> str:
    catalog = load_catalog()
    return catalog.text(catalog.lookup(license_id))


@pytest.fixture
def files(tmp_path: Path) -> Path:
    mit = reference("mit")
    cut = mit.index("conditions:") + len("conditions:")
    (tmp_path / "MIT").write_text("Copyright (c) 2026 Example\n\n" + mit)
    (tmp_path / "MIT-NC").write_text(
        mit[:cut] + "\n\nThe Software shall not be used for commercial purposes.\n" + mit[cut:]
    )
    (tmp_path / "LICENSE-BOTH").write_text(mit + "\n\n" + reference("llama3.1"))
    (tmp_path / "UTF16").write_bytes(b"\xff\xfe" + reference("apache-2.0").encode("utf-16-le"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "notes.txt").write_text("Some notes about the training run.\n")
    return tmp_path


def test_text_report_names_versions_and_quotes_modifications(files: Path) -> None:
    run = run_cli("identify", *(str(files / n) for n in ("MIT", "MIT-NC", "LICENSE-BOTH")))
    assert run.code == 0, run.err
    assert "exactly MIT License [mit]" in run.out
    assert "MODIFIED version of MIT License [mit]" in run.out
    assert "The Software shall not be used for commercial purposes" in run.out
    both = run.out.split("LICENSE-BOTH:")[1]
    assert "[mit]" in both and "[llama3.1]" in both


def test_json_has_every_field(files: Path) -> None:
    run = run_cli("identify", "--format", "json", str(files / "MIT-NC"), str(files / "UTF16"))
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["schema_version"] == 1
    nc, utf16 = data["files"]
    det = nc["detections"][0]
    assert det["license"] == "mit" and det["status"] == "modified"
    assert {"confidence", "coverage", "similarity", "matcher", "span", "differences",
            "alternatives", "name"} <= det.keys()
    assert 0 < det["confidence"] < 1
    added = [d for d in det["differences"] if not d["harmless"]]
    assert added and added[0]["kind"] == "inserted" and added[0]["line"] == 9
    assert utf16["encoding"] == "utf-16-le"
    assert utf16["detections"][0]["license"] == "apache-2.0"


def test_binary_and_unrelated_files_are_said_so(files: Path) -> None:
    run = run_cli("identify", str(files / "image.png"), str(files / "notes.txt"))
    assert run.code == 0
    assert "binary content (NUL bytes); skipped" in run.out
    assert "notes.txt: no license text recognised" in run.out


def test_unreadable_file_exits_2_but_reports_the_others(files: Path) -> None:
    run = run_cli("identify", str(files / "MIT"), str(files / "missing"))
    assert run.code == 2
    assert "exactly MIT License" in run.out
    assert "could not be read" in run.err and str(files / "missing") in run.err
    assert "Traceback" not in run.err


def test_huge_file_is_capped_and_says_so(tmp_path: Path) -> None:
    big = tmp_path / "LICENSE"
    big.write_text(reference("mit") + "\n" + ("filler words here\n" * 80_000))
    run = run_cli("identify", str(big))
    assert run.code == 0
    assert "[mit]" in run.out
    assert "only the first 1,048,576 were read" in run.out


def test_escape_sequences_in_names_are_not_echoed_raw(tmp_path: Path) -> None:
    evil = tmp_path / "LICENSE\x1b[2J"
    evil.write_text(reference("mit"))
    run = run_cli("identify", str(evil))
    assert "\x1b" not in run.out
    assert "\\x1b[2J" in run.out

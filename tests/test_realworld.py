"""Real-world corpus: files copied byte for byte from public repositories (tests/realworld).

The synthetic golden corpus is generated from licscan's own reference texts; this one is what
users actually have, so it measures what the matcher gets right in the field.

"Right" for one file: the set of catalog ids licscan names in it (license texts and statements:
every detection, whatever its kind) equals the set the index expects, where an expected entry
"a|b" is one license that either id names; a file expected ``unknown`` is right only when
licscan names nothing in it. "Unsafe": a restrictive text (``restrictive: true``) named as a
permissive license it is not, or a modified text (``modified_of: X``) named as plain X. The
scoring itself lives in benchmarks/identify.py (``judge``), which reports the same figures.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

from licscan.licenses import load_catalog
from licscan.matching import identify_path
from licscan.matching.prose import document_kind

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld"
KINDS = {"license", "notice", "use-policy", "bundle", "header", "readme"}

# Measured share of right answers. It may only go up: raise it when the matcher improves,
# never lower it to make a change of licscan pass. Issue 11 wants at least 0.97. Only a change
# of the corpus re-measures it, in the same commit: 0.982 on 336 files became 0.976 when 39
# files chosen for SPDX template parts were added (330 of the first 336 are still right).
ACCURACY_FLOOR = 0.976


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_identify",
                                                  ROOT / "benchmarks" / "identify.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def test_realworld_corpus() -> None:
    bench = _bench()
    cases = bench.realworld_cases()
    catalog = load_catalog()

    # (c) The index and the files agree, and every file is still the byte-for-byte copy of
    # the git object the index names.
    names = [case["file"] for case in cases]
    assert len(names) == len(set(names)), "duplicate file names in the index"
    assert set(names) == {p.name for p in (REALWORLD / "files").iterdir()}
    for case in cases:
        assert {"repo", "path", "commit", "blob", "kind", "licenses"} <= case.keys(), case
        assert len(case["commit"]) == 40 and case["kind"] in KINDS, case
        data = (REALWORLD / "files" / case["file"]).read_bytes()
        assert _git_blob_id(data) == case["blob"], f"{case['file']} is not the recorded copy"
        assert len(data) <= 200_000, case["file"]
        for group in case["licenses"]:
            for lid in group.split("|"):
                assert lid == "unknown" or catalog.get(lid) is not None, (case["file"], lid)
                assert lid == "unknown" or catalog.get(lid).id == lid, (case["file"], lid)
        if "unknown" in case["licenses"]:
            assert case["licenses"] == ["unknown"], case

    right = 0
    unsafe: list[str] = []
    for case in cases:
        # The copy's name is not the file's own (repo--path): its kind comes from its path.
        kind = document_kind(case["path"], case["kind"] == "readme")
        report = identify_path(REALWORLD / "files" / case["file"], kind=kind)
        ok, why = bench.judge(case, report, catalog)
        right += ok
        if why:
            unsafe.append(f"{case['file']}: {why}")

    # (a) No restrictive text passes as permissive, no edited text as the plain one; (b) the
    # accuracy holds the measured floor. Both are checked before failing, so one failure does
    # not hide the other.
    accuracy = right / len(cases)
    failures = [f"UNSAFE {line}" for line in unsafe]
    if accuracy < ACCURACY_FLOOR:
        failures.append(f"real-world accuracy {accuracy:.3f} < floor {ACCURACY_FLOOR}")
    assert failures == [], "\n".join(failures)


def test_judge_catches_unsafe_answers() -> None:
    """The unsafe count can fail: a restrictive text reported as MIT, and an edited MIT text
    reported as plain MIT, are both caught (reports built from a real identification)."""
    bench = _bench()
    catalog = load_catalog()
    mit_file = next(p for p in (REALWORLD / "files").iterdir() if p.name == "whisper--LICENSE")
    report = identify_path(mit_file)
    assert bench.named_ids(report) == {"mit"}
    restrictive = {"file": "x", "licenses": ["llama2"], "restrictive": True}
    right, why = bench.judge(restrictive, report, catalog)
    assert right is False and "permissive mit" in (why or "")
    modified = {"file": "x", "licenses": ["moonshot-ai-modified-mit-2025"], "modified_of": "mit"}
    assert "plain mit" in (bench.judge(modified, report, catalog)[1] or "")
    plain = {"file": "x", "licenses": ["mit"]}
    assert bench.judge(plain, report, catalog) == (True, None)
    unknown = {"file": "x", "licenses": ["unknown"]}
    assert bench.judge(unknown, report, catalog)[0] is False

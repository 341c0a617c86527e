"""Class 3: every file that may carry terms is read, in any folder, however many there are
(issue 10, "What to build" 3).

Each case hides the CC-BY-NC-4.0 text (catalog) in a file licscan used not to read, beside an
apache-2.0 card and a real Apache LICENSE. Read, it makes the model non-commercial, which
``examples/corp.yaml`` denies: LS102 (category) or LS204 (term), or LS302 (the card contradicts
the text). The report must name the file it read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.conftest import OwnHub
from tests.adversarial.helpers import (
    NON_COMMERCIAL_READ,
    UNRECOGNIZED,
    UNVERIFIABLE,
    Answer,
    assert_fails,
    assert_passes,
    check,
    hub_repo,
    license_text,
    model_folder,
)

HIDING_PLACES = [
    "MODEL_LICENSE",  # ChatGLM's layout
    "TERMS_OF_USE.md",
    "weights/LICENSE",
    "model-LICENSE.md",
    "docs/terms_of_use.txt",
]


def read_file(answer: Answer, path: str) -> bool:
    """Whether the evidence names ``path`` and the license read from it."""
    return any(path in str(e.get("source")) and e.get("license_id") == "cc-by-nc-4.0"
               for e in answer.result.get("evidence", []))


@pytest.mark.parametrize("path", HIDING_PLACES)
def test_non_commercial_terms_in_a_file_beside_the_license_are_read(
        path: str, tmp_path: Path, env: dict[str, str]) -> None:
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"),
                           path: license_text("cc-by-nc-4.0")})
    answer = check(str(folder), env=env)
    assert_fails(answer, NON_COMMERCIAL_READ)
    assert read_file(answer, path), f"the report does not name {path}: {answer}"


@pytest.mark.parametrize("path", ["MODEL_LICENSE", "weights/LICENSE"])
def test_hub_repo_files_beside_the_license_are_read(path: str, own_hub: OwnHub) -> None:
    """The same through the Hub source: the repo's file listing, not a folder walk."""
    hub_repo(own_hub.root, "acme/hidden-terms", {"license": "apache-2.0"},
             {"LICENSE": license_text("apache-2.0"), path: license_text("cc-by-nc-4.0")})
    answer = check("acme/hidden-terms", env=own_hub.env)
    assert_fails(answer, NON_COMMERCIAL_READ)
    assert read_file(answer, path), f"the report does not name {path}: {answer}"


@pytest.mark.parametrize("count", [13, 20])
def test_the_license_file_past_the_cap_is_never_dropped_silently(
        count: int, tmp_path: Path, env: dict[str, str]) -> None:
    """``count`` license files, all MIT but the last (non-commercial): either the last is read
    (non-commercial) or the report says files were left unread (a failing finding)."""
    files: dict[str, str] = {f"LICENSE-{i:02d}": license_text("mit") for i in range(1, count)}
    files[f"LICENSE-{count:02d}"] = license_text("cc-by-nc-4.0")
    folder = model_folder(tmp_path, {"license": "mit"}, files)
    answer = check(str(folder), env=env)
    assert_fails(answer, NON_COMMERCIAL_READ | UNRECOGNIZED | {UNVERIFIABLE})


@pytest.mark.parametrize("name", ["LICENSE.png", "MODEL_LICENSE.zip", "TERMS_OF_USE.jpg"])
def test_terms_in_an_image_or_archive_are_not_skipped(tmp_path: Path, env: dict[str, str],
                                                      name: str) -> None:
    """A file named as the terms that licscan cannot read as text (a picture of a license, a
    zipped one) beside a clean apache copy: it cannot pass as if the file were not there."""
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"), name: b"\x89PNG\r\n\x1a\n"})
    answer = check(str(folder), env=env)
    assert_fails(answer, {UNVERIFIABLE})
    assert name in str(answer)


def test_an_ordinary_image_named_after_a_license_plate_is_not_terms(
        tmp_path: Path, env: dict[str, str]) -> None:
    """Control: the rule is about names that are the terms, not any name starting 'license'."""
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"),
                           "license_plate.png": b"\x89PNG\r\n\x1a\n"})
    assert_passes(check(str(folder), env=env))

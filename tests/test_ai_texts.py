"""AI licenses whose texts were added from the licensors' own repositories (issue 11 item 7).

Hunyuan-DiT's community license shares all but a few lines with HunyuanVideo's, and the Stable
Video Diffusion license is a sibling of Stability AI's non-commercial research license: each copy
must be named as the document it is, with its own terms, and an edited copy as a modified one of
that same document. Edited texts are made here from the reference texts in rules/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from licscan.licenses.catalog import split_rules_file
from licscan.matching import identify_path
from tests.helpers import run_cli

RULES = Path(__file__).resolve().parent.parent / "rules" / "licenses"
ADDED = "The licensee also agrees to send a postcard to the licensor every year.\n"


def _ref(license_id: str) -> str:
    meta, text = split_rules_file((RULES / f"{license_id}.txt").read_text(encoding="utf-8"))
    assert meta["text"] == "present", license_id
    assert meta["provenance"]["source"] == "licensor", license_id
    return text


def _texts(path: Path) -> list[tuple[str, str]]:
    report = identify_path(path)
    return [(d.license_id, d.status) for d in report.detections if d.kind == "text"]


SIBLINGS = [
    ("tencent-hunyuan-dit-cla", "tencent-hunyuan-video-cla"),
    ("tencent-hunyuan-video-cla", "tencent-hunyuan-dit-cla"),
    ("stable-video-diffusion-nc-community", "stability-ai-non-commercial"),
    ("coqui-public-model-license", "polyform-noncommercial-1.0.0"),
]


@pytest.mark.parametrize(("license_id", "sibling"), SIBLINGS)
def test_reference_is_named_as_itself(tmp_path: Path, license_id: str, sibling: str) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(_ref(license_id), encoding="utf-8")
    assert _texts(path)[:1] == [(license_id, "exact")]


@pytest.mark.parametrize(("license_id", "sibling"), SIBLINGS)
def test_edited_copy_is_a_modified_copy_of_the_same_document(
    tmp_path: Path, license_id: str, sibling: str
) -> None:
    # Inside the text: a sentence after it would be an unexplained passage beside an exact copy.
    lines = _ref(license_id).splitlines(keepends=True)
    middle = len(lines) // 2
    path = tmp_path / "LICENSE"
    path.write_text("".join(lines[:middle]) + ADDED + "".join(lines[middle:]), encoding="utf-8")
    found = _texts(path)
    assert found[:1] == [(license_id, "modified")], found
    assert sibling not in {lid for lid, _ in found}


def test_hunyuan_dit_territory_swapped_for_hunyuan_video_s_is_modified(tmp_path: Path) -> None:
    # The Territory clause is one of the few lines the two texts do not share.
    text = _ref("tencent-hunyuan-dit-cla").replace(
        "excluding the territory of the European Union.",
        "excluding the territory of the European Union, United Kingdom and South Korea.",
    )
    path = tmp_path / "LICENSE.txt"
    path.write_text(text, encoding="utf-8")
    assert _texts(path)[:1] == [("tencent-hunyuan-dit-cla", "modified")]


def test_svd_copy_granting_commercial_use_is_not_the_non_commercial_license(
    tmp_path: Path,
) -> None:
    text = _ref("stable-video-diffusion-nc-community")
    edited = text.replace(
        "for purposes other than commercial or production use",
        "for any purpose, including commercial or production use",
    )
    assert edited != text
    path = tmp_path / "LICENSE"
    path.write_text(edited, encoding="utf-8")
    assert _texts(path)[:1] == [("stable-video-diffusion-nc-community", "modified")]


def test_identify_cli_names_the_hunyuan_dit_license(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE.txt"
    path.write_text(_ref("tencent-hunyuan-dit-cla"), encoding="utf-8")
    run = run_cli("identify", str(path))
    assert run.code == 0, run.err
    assert "[tencent-hunyuan-dit-cla]" in run.out
    assert "tencent-hunyuan-video-cla" not in run.out


def test_explain_gives_each_text_its_own_terms() -> None:
    dit = run_cli("explain", "tencent-hunyuan-dit-cla")
    video = run_cli("explain", "tencent-hunyuan-video-cla")
    svd = run_cli("explain", "stable-video-diffusion-nc-community")
    assert (dit.code, video.code, svd.code) == (0, 0, 0)
    dit_territories = [ln for ln in dit.out.splitlines() if "Territorial exclusion" in ln]
    assert [ln.split(":")[1].split(",")[0].strip() for ln in dit_territories] == ["EU"]
    assert "Territorial exclusion: GB" in video.out
    assert "category: non-commercial" in svd.out
    assert "Stable Video Diffusion Research License, Copyright (c) Stability AI Ltd." in svd.out


def test_cpml_is_non_commercial_for_model_and_output() -> None:
    run = run_cli("explain", "coqui-public-model-license")
    assert run.code == 0, run.err
    assert "category: non-commercial" in run.out
    assert "Purpose limited to: non-commercial" in run.out

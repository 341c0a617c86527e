"""AI licenses whose texts were added from the licensors' own publications (issue 11 item 7).

Hunyuan-DiT's community license shares all but a few lines with HunyuanVideo's, and the Stable
Video Diffusion license is a sibling of Stability AI's non-commercial research license: each copy
must be named as the document it is, with its own terms, and an edited copy as a modified one of
that same document. Edited texts are made here from the reference texts in rules/.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

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
    # Mistral's two licenses share most clauses; the Gemma ToU of February and April 2024 differ
    # only in the date and one sentence; the 2024 Qwen research license follows the 2023 Tongyi
    # Qianwen one; the xAI license's warranty disclaimer is MIT's; both AUPs list banned uses.
    ("mistral-research", "mistral-non-production"),
    ("mistral-non-production", "mistral-research"),
    ("gemma-tou-2024-02-21", "gemma-tou-2024-04-01"),
    ("qwen-research", "tongyi-qianwen-research"),
    ("xai-community-2025-11-04", "mit"),
    ("c4ai-aup", "llama2-aup"),
    # OpenMDW 1.1 is 1.0 with "patent or copyright" in the litigation clause and a new title.
    ("openmdw-1.1", "openmdw-1.0"),
    # SDXL 0.9's research license is the DeepFloyd IF template with SDXL named in it.
    ("sdxl-0.9-research", "deepfloyd-if-license"),
    ("deepfloyd-if-license", "sdxl-0.9-research"),
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


# A restriction lifted from a research-only or non-production text must never leave it "exact":
# the edit is what a user would have to be told about.
LIFTED = [
    ("mistral-research", "for Research Purposes.", "for any purpose."),
    ("mistral-non-production",
     "for testing, research, Personal, or evaluation purposes in Non-Production Environments",
     "for any purpose"),
    ("qwen-research", " FOR NON-COMMERCIAL PURPOSES ONLY.", "."),
    ("xai-community-2025-11-04",
     "For commercial use solely if you and your affiliates abide by all of the guardrails",
     "For commercial use, whether or not you abide by the guardrails"),
    ("c4ai-aup", "generating synthetic data outputs for commercial purposes",
     "generating synthetic data outputs for non-commercial purposes"),
]


@pytest.mark.parametrize(("license_id", "old", "new"), LIFTED)
def test_a_lifted_restriction_is_a_modified_copy(
    tmp_path: Path, license_id: str, old: str, new: str
) -> None:
    text = _ref(license_id)
    assert text.count(old) == 1, old
    path = tmp_path / "LICENSE"
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert _texts(path)[:1] == [(license_id, "modified")]


def test_copies_start_at_the_text_not_at_a_page_header() -> None:
    # The Gemma copy opens with the copier's pointer to the archived page, the Cohere page with
    # its YAML front matter: neither is part of the reference text.
    assert _ref("gemma-tou-2024-02-21").startswith("Gemma Terms of Use")
    assert "[For the original copy" not in _ref("gemma-tou-2024-02-21")
    assert _ref("c4ai-aup").startswith("We believe that independent and open machine learning")
    assert "slug:" not in _ref("c4ai-aup")


def test_explain_names_the_copy_and_the_licensor_page_apart() -> None:
    run = run_cli("explain", "mistral-research")
    assert run.code == 0, run.err
    assert "category: research only" in run.out
    assert "Purpose limited to: research-only" in run.out
    assert '"Licensed by Mistral AI under the Mistral AI Research License"' in run.out
    assert "copied from: https://github.com/orsonteodoro/oiledmachine-overlay/" in run.out
    assert "licensor's page: https://mistral.ai/licenses/MRL-0.1.md" in run.out
    assert "Not the licensor's repository" in run.out


def test_explain_gives_the_new_texts_their_terms() -> None:
    mnpl = run_cli("explain", "mistral-non-production")
    xai = run_cli("explain", "xai-community-2025-11-04")
    c4ai = run_cli("explain", "c4ai-aup")
    assert (mnpl.code, xai.code, c4ai.code) == (0, 0, 0)
    assert "category: non-commercial" in mnpl.out
    assert "Powered by xAI" in xai.out
    assert "Governing law: Texas" in xai.out
    assert "Outputs may not train other models" in c4ai.out


def _model_folder(tmp_path: Path, card: str, license_id: str) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "README.md").write_text(f"---\n{card}\n---\n# Model\n", encoding="utf-8")
    (folder / "LICENSE").write_text(_ref(license_id), encoding="utf-8")
    return folder


PRESETS = Path(__file__).resolve().parent.parent / "rules" / "policies"


def test_check_fails_a_commercial_policy_on_the_mistral_research_license(tmp_path: Path) -> None:
    folder = _model_folder(tmp_path, "license: other\nlicense_name: mrl", "mistral-research")
    run = run_cli("check", str(folder), "--policy", str(PRESETS / "commercial-saas.yaml"))
    assert run.code == 1, (run.out, run.err)
    assert "effective license: mistral-research" in run.out
    assert "LS205" in run.out


def test_check_passes_internal_research_with_the_qwen_research_obligations(
    tmp_path: Path,
) -> None:
    folder = _model_folder(tmp_path, "license: other\nlicense_name: qwen-research",
                           "qwen-research")
    run = run_cli("check", str(folder), "--policy", str(PRESETS / "internal-research.yaml"))
    assert run.code == 0, (run.out, run.err)
    assert "effective license: qwen-research" in run.out
    assert "Qwen is licensed under the Qwen RESEARCH LICENSE AGREEMENT" in run.out


def test_openmdw_version_is_decided_by_the_litigation_clause(tmp_path: Path) -> None:
    # 1.1 with 1.0's narrower termination ("patent" only) is an edited 1.1 (its title says so),
    # neither an exact 1.1 nor a plain 1.0.
    text = _ref("openmdw-1.1").replace("infringe any patent or copyright, then",
                                       "infringe any patent, then")
    assert text != _ref("openmdw-1.1")
    path = tmp_path / "LICENSE"
    path.write_text(text, encoding="utf-8")
    assert _texts(path)[:1] == [("openmdw-1.1", "modified")]


def _import_rules() -> Any:
    spec = importlib.util.spec_from_file_location(
        "import_rules", Path(__file__).resolve().parent.parent / "scripts" / "import_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_rules", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_import_starts_a_copied_text_at_its_first_line_and_names_the_licensor(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text("[For the original copy, see https://example.org/terms]\n\nThe Terms\n\n"
                    "Body.\n", encoding="utf-8")
    item = {"id": "x-terms", "name": "X Terms", "category": "custom-ai",
            "text_source": {"file": str(copy), "url": "https://example.org/copy",
                            "licensor_url": "https://example.org/terms", "start": "The Terms",
                            "copy_note": "A licensee's copy."}}
    entry = _import_rules().curated_entry(item, {}, tmp_path / "x.yaml")
    assert entry.text == "The Terms\n\nBody.\n"
    assert entry.meta["provenance"]["licensor_url"] == "https://example.org/terms"
    assert "A licensee's copy." in entry.meta["provenance"]["notes"]


def test_import_refuses_a_start_line_the_copy_does_not_have(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text("Other Terms\n\nBody.\n", encoding="utf-8")
    item = {"id": "x-terms", "name": "X Terms", "category": "custom-ai",
            "text_source": {"file": str(copy), "url": "https://example.org/copy",
                            "start": "The Terms"}}
    with pytest.raises(ValueError, match="no line 'The Terms'"):
        _import_rules().curated_entry(item, {}, tmp_path / "x.yaml")

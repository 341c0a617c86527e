"""Class 6: terms are judged on the right thing (issue 10, "What to build" 6).

The EU clause of the Llama 3.2 AUP covers multimodal models, and a quantization is as
multimodal as its base whatever its own ``pipeline_tag`` says; territories in the catalog are
ISO codes (the EU expanded to its members), so Tencent Hunyuan's exclusion fires for ``DE``;
a family id in a policy (``gemma``) matches every member; an id the catalog does not know is a
policy error with a suggestion, not a rule that silently matches nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    APPROVED,
    LICENSE_LISTED,
    TERRITORY,
    assert_fails,
    check,
    license_text,
    model_folder,
    policy_file,
)
from tests.helpers import run_cli

VISION = "meta-llama/Llama-3.2-11B-Vision-Instruct"


def vision_quantization(parent: Path) -> Path:
    """A GGUF-style quantization of Llama 3.2 11B Vision, tagged text-generation, shipping
    Meta's license and AUP as it should."""
    card = {"license": "llama3.2", "base_model": VISION, "base_model_relation": "quantized",
            "pipeline_tag": "text-generation", "tags": ["gguf", "quantized"]}
    return model_folder(parent, card, {"LICENSE": license_text("llama3.2"),
                                       "USE_POLICY.md": license_text("llama3.2-aup")},
                        name="vision-gguf")


def test_quantization_of_a_multimodal_base_is_excluded_in_the_eu(
        tmp_path: Path, env: dict[str, str]) -> None:
    policy = policy_file(tmp_path, {"context.territories": ["DE"]})
    answer = check(str(vision_quantization(tmp_path)), env={**env, "HF_TOKEN": APPROVED},
                   policy=policy)
    assert_fails(answer, {TERRITORY})


def test_quantization_of_a_multimodal_base_outside_the_eu_has_no_exclusion(
        tmp_path: Path, env: dict[str, str]) -> None:
    """Control: the exclusion is about the territory, not fired for every Llama 3.2 model."""
    policy = policy_file(tmp_path, {"context.territories": ["US"]})
    answer = check(str(vision_quantization(tmp_path)), env={**env, "HF_TOKEN": APPROVED},
                   policy=policy)
    assert TERRITORY not in answer.rules, str(answer)


HUNYUAN = {
    "video, Germany": ("tencent-hunyuan-video-cla", "DE"),
    "3d, Italy": ("tencent-hunyuan-3d-2.0-cla", "IT"),
    "3d, United Kingdom": ("tencent-hunyuan-3d-2.0-cla", "GB"),
}


def hunyuan_model(parent: Path, license_id: str) -> Path:
    return model_folder(parent, {"license": "other", "license_name": "tencent-hunyuan-community",
                                 "license_link": "LICENSE"},
                        {"LICENSE": license_text(license_id)}, name="hunyuan")


@pytest.mark.parametrize("case", list(HUNYUAN))
def test_hunyuan_territory_exclusion_fires_for_an_iso_code(case: str, tmp_path: Path,
                                                           env: dict[str, str]) -> None:
    license_id, territory = HUNYUAN[case]
    policy = policy_file(tmp_path, {"context.territories": [territory]})
    answer = check(str(hunyuan_model(tmp_path, license_id)), env=env, policy=policy)
    assert_fails(answer, {TERRITORY})


def test_hunyuan_outside_its_excluded_territories_has_no_exclusion(
        tmp_path: Path, env: dict[str, str]) -> None:
    policy = policy_file(tmp_path, {"context.territories": ["US"]})
    answer = check(str(hunyuan_model(tmp_path, "tencent-hunyuan-video-cla")), env=env,
                   policy=policy)
    assert TERRITORY not in answer.rules, str(answer)


@pytest.mark.parametrize(("family", "text"), [
    ("gemma", "gemma-tou-2025-03-24"),
    ("gemma", "gemma-tou-2024-04-01"),
    ("llama", "llama3.1"),
])
def test_family_id_denies_every_member(family: str, text: str, tmp_path: Path,
                                       env: dict[str, str]) -> None:
    """``deny: [gemma]`` against a repo whose only license evidence is the Gemma terms text
    (no license in the card): the family id matches the member the text was identified as."""
    policy = policy_file(tmp_path, {"licenses": {"deny": [family]}})
    folder = model_folder(tmp_path, {"tags": ["text-generation"]},
                          {"LICENSE": license_text(text)})
    assert_fails(check(str(folder), env=env, policy=policy), {LICENSE_LISTED})


def test_family_id_does_not_deny_other_licenses(tmp_path: Path, env: dict[str, str]) -> None:
    policy = policy_file(tmp_path, {"licenses": {"deny": ["gemma"]}})
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")})
    answer = check(str(folder), env=env, policy=policy)
    assert LICENSE_LISTED not in answer.rules, str(answer)


@pytest.mark.parametrize(("key", "typo", "meant"), [
    ("deny", "llama-3-1", "llama3.1"),
    ("review", "apache2.0", "apache-2.0"),
    ("allow", "gemma3", "gemma"),
])
def test_policy_with_an_unknown_license_id_is_refused_with_a_suggestion(
        key: str, typo: str, meant: str, tmp_path: Path) -> None:
    policy = policy_file(tmp_path, {"licenses": {key: [typo]}})
    run = run_cli("policy", "validate", str(policy))
    assert run.code == 2, (run.code, run.out, run.err)
    assert typo in run.err and meant in run.err, run.err


def test_check_with_an_unknown_license_id_in_the_policy_judges_nothing(
        tmp_path: Path, env: dict[str, str]) -> None:
    policy = policy_file(tmp_path, {"licenses": {"deny": ["llama-3-1"]}})
    folder = model_folder(tmp_path, {"license": "llama3.1"},
                          {"LICENSE": license_text("llama3.1")})
    run = run_cli("check", str(folder), "--policy", str(policy), env=env)
    assert run.code == 2, (run.code, run.out, run.err)
    assert "llama3.1" in run.err, run.err

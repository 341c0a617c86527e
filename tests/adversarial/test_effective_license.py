"""Class 8: the effective license is the conjunction of everything a model inherits (issue 10,
"What to build" 8).

A quantization cannot relicense its base, and a base under two licenses binds both: dropping
one hides its terms (MIT's notice duty, or worse, a restriction) from the verdict. A card
license is not dropped either because a LICENSE-CODE file is present.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.adversarial.conftest import OwnHub
from tests.adversarial.helpers import (
    APPROVED,
    LINEAGE,
    NON_COMMERCIAL,
    Answer,
    assert_fails,
    check,
    hub_repo,
    license_text,
    model_folder,
)

BASE = "acme/mit-and-llama-base"


def conjunction(answer: Answer) -> set[str]:
    """The license ids of the effective expression, which must be an AND of them all."""
    expression = str(answer.result.get("effective_license") or "")
    assert " OR " not in expression, str(answer)
    ids = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9.+-]*", expression)) - {"AND", "WITH"}
    return ids | answer.license_ids


def base_under_mit_and_llama(own_hub: OwnHub) -> None:
    hub_repo(own_hub.root, BASE, {"license": ["mit", "llama3.1"]},
             {"LICENSE-CODE": license_text("mit"), "LICENSE-MODEL": license_text("llama3.1"),
              "USE_POLICY.md": license_text("llama3.1-aup")})


def derivative(parent: Path, declared: str, relation: str | None = "quantized") -> Path:
    card: dict[str, str] = {"license": declared, "base_model": BASE}
    if relation is not None:
        card["base_model_relation"] = relation
    return model_folder(parent, card, {"LICENSE": license_text(declared)}, name="derivative")


@pytest.mark.parametrize("relation", ["quantized", "finetune", "adapter", None])
def test_derivative_keeps_both_licenses_of_its_base(relation: str | None, tmp_path: Path,
                                                    own_hub: OwnHub) -> None:
    """Declared llama3.1 over a base under mit AND llama3.1: MIT's terms (keep the notice) are
    inherited too, whether the card names the relation or not."""
    base_under_mit_and_llama(own_hub)
    answer = check(str(derivative(tmp_path, "llama3.1", relation)), env=own_hub.env)
    assert {"mit", "llama3.1"} <= conjunction(answer), str(answer)


def test_quantization_declaring_only_mit_is_a_lineage_failure(tmp_path: Path,
                                                              own_hub: OwnHub) -> None:
    base_under_mit_and_llama(own_hub)
    answer = check(str(derivative(tmp_path, "mit")), env=own_hub.env)
    assert_fails(answer, {LINEAGE})
    assert {"mit", "llama3.1"} <= conjunction(answer), str(answer)


def test_nvidia_quantization_of_an_mit_base_is_under_both(tmp_path: Path,
                                                          env: dict[str, str]) -> None:
    card = {"license": "other", "license_name": "nvidia-open-model-license",
            "license_link": "LICENSE", "base_model": "deepseek-ai/DeepSeek-V4",
            "base_model_relation": "quantized"}
    folder = model_folder(tmp_path, card, {"LICENSE": license_text("nvidia-open-model")})
    answer = check(str(folder), env={**env, "HF_TOKEN": APPROVED})
    assert {"nvidia-open-model", "mit"} <= conjunction(answer), str(answer)


def test_card_license_survives_a_license_code_file(tmp_path: Path, env: dict[str, str]) -> None:
    """Card cc-by-nc-4.0 for the weights, LICENSE-CODE MIT for the code: the weights' license
    is not replaced by the code's, so the model fails as non-commercial."""
    folder = model_folder(tmp_path, {"license": "cc-by-nc-4.0"},
                          {"LICENSE-CODE": license_text("mit")})
    answer = check(str(folder), env=env)
    assert_fails(answer, NON_COMMERCIAL)
    assert "cc-by-nc-4.0" in conjunction(answer), str(answer)

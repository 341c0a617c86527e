"""Class 7: lineage is never dropped (issue 10, "What to build" 7).

Each derivative declares apache-2.0 and ships the Apache text, so on its own it passes. Its
``base_model`` is written in a way the old parser dropped silently. A Hub URL is parsed into the
id (Llama 3.1 on the fake Hub, so the derivative declares less than its base: LS307); a value
that cannot be read as an id is a lineage finding (LS307) of its own. Under
``examples/corp.yaml`` (``lineage: deny``) both fail with exit 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.adversarial.helpers import (
    APPROVED,
    LINEAGE,
    assert_fails,
    check,
    license_text,
    model_folder,
)

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"

BASES: dict[str, Any] = {
    "https url": f"https://huggingface.co/{LLAMA}",
    "short url": f"hf.co/{LLAMA}",
    "mapping": {"id": LLAMA},
    "empty string": "",
    "number in a list": ["Qwen/Qwen3.6-35B-A3B", 42],
    "not an id": "a model we trained ourselves",
}


@pytest.mark.parametrize("form", list(BASES))
def test_base_model_is_never_dropped(form: str, tmp_path: Path, env: dict[str, str]) -> None:
    card = {"license": "apache-2.0", "base_model": BASES[form]}
    folder = model_folder(tmp_path, card, {"LICENSE": license_text("apache-2.0")})
    answer = check(str(folder), env={**env, "HF_TOKEN": APPROVED})
    assert_fails(answer, {LINEAGE})


def test_base_model_given_as_a_url_is_followed(tmp_path: Path, env: dict[str, str]) -> None:
    """The URL is read as the id: the lineage names Llama 3.1, not a dropped or unknown base."""
    card = {"license": "apache-2.0", "base_model": f"https://huggingface.co/{LLAMA}"}
    folder = model_folder(tmp_path, card, {"LICENSE": license_text("apache-2.0")})
    answer = check(str(folder), env={**env, "HF_TOKEN": APPROVED})
    bases = [b.get("repo_id") for b in answer.result["lineage"]["bases"]]
    assert bases == [LLAMA], str(answer)
    assert "llama3.1" in str(answer.result.get("effective_license")), str(answer)

"""Class 7: lineage is never dropped (issue 10, "What to build" 7).

Each derivative declares apache-2.0 and ships the Apache text, so on its own it passes. Its
``base_model`` is written in a way the old parser dropped silently. A Hub URL is parsed into the
id (Llama 3.1 on the fake Hub, so the derivative declares less than its base: LS307); a value
that cannot be read as an id is a finding of its own (lineage LS307, or unverifiable LS306).
Under ``examples/corp.yaml`` both fail with exit 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.adversarial.helpers import (
    APPROVED,
    LINEAGE,
    UNVERIFIABLE,
    assert_fails,
    check,
    license_text,
    model_folder,
)

LLAMA = "meta-llama/Llama-3.1-8B-Instruct"

URLS = {
    "https url": f"https://huggingface.co/{LLAMA}",
    "short url": f"hf.co/{LLAMA}",
}
UNREADABLE: dict[str, Any] = {
    "mapping": {"id": LLAMA},
    "empty string": "",
    "number in a list": ["Qwen/Qwen3.6-35B-A3B", 42],
    "not an id": "a model we trained ourselves",
}


def derivative(parent: Path, base: Any) -> Path:
    card = {"license": "apache-2.0", "base_model": base}
    return model_folder(parent, card, {"LICENSE": license_text("apache-2.0")})


@pytest.mark.parametrize("form", list(URLS))
def test_base_model_url_is_read_as_the_id(form: str, tmp_path: Path,
                                          env: dict[str, str]) -> None:
    answer = check(str(derivative(tmp_path, URLS[form])), env={**env, "HF_TOKEN": APPROVED})
    assert_fails(answer, {LINEAGE})


@pytest.mark.parametrize("form", list(UNREADABLE))
def test_base_model_that_is_not_an_id_is_a_finding(form: str, tmp_path: Path,
                                                   env: dict[str, str]) -> None:
    """The base's terms cannot be checked: a lineage finding, or the lineage evidence is
    unverifiable (the issue leaves the kind open); either fails under corp.yaml."""
    answer = check(str(derivative(tmp_path, UNREADABLE[form])), env=env)
    assert_fails(answer, {LINEAGE, UNVERIFIABLE})


def test_base_model_given_as_a_url_is_followed(tmp_path: Path, env: dict[str, str]) -> None:
    """The URL is read as the id: the lineage names Llama 3.1, not a dropped or unknown base."""
    answer = check(str(derivative(tmp_path, URLS["https url"])),
                   env={**env, "HF_TOKEN": APPROVED})
    bases = [b.get("repo_id") for b in answer.result["lineage"]["bases"]]
    assert bases == [LLAMA], str(answer)
    assert "llama3.1" in str(answer.result.get("effective_license")), str(answer)

"""Doors in links, gating prompts and lists: terms put where a statement's words do not reach.

- A markdown link whose text names a license and whose target is another page ("licensed under
  the [MIT License](https://acme.example/nc-terms.html)") says the terms are that page, which
  licscan has not read: the name alone must not establish the license (``statements.
  _linked_elsewhere``). A link to the license's own page, to a file of the repository or to a
  license file in a repository on GitHub or the Hub goes where the name says, and passes.

Each case is a real MIT text in LICENSE and a card declaring MIT; the controls are the same
folder with an honest sentence in the same place.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    ADDED_TERMS,
    assert_fails,
    assert_passes,
    check,
    license_text,
    model_folder,
)

MIT = "mit"


def _mit_folder(tmp_path: Path, body: str,
                card_extra: Mapping[str, object] | None = None) -> Path:
    return model_folder(tmp_path, {"license": MIT, **(card_extra or {})},
                        {"LICENSE": license_text(MIT)}, body=body)


# --- a license's name linking to another page ---------------------------------------------------

ELSEWHERE = (
    "This model is licensed under the [MIT License](https://acme.example/nc-terms.html).",
    "Released under the [MIT](https://acme.example/terms) license.",
    "The weights are released under the [MIT License](<https://acme.example/terms> \"MIT\").",
    "License: [MIT](https://acme.example/model-terms)",
    "**License:** [MIT License](https://example.com/legal/mit)",
    # another license's own page: the name and the page disagree
    "This model is licensed under the [MIT License](https://www.apache.org/licenses/LICENSE-2.0).",
)
WHERE_THE_NAME_SAYS = (
    "This model is licensed under the [MIT License](LICENSE).",
    "This model is licensed under the [MIT License](./LICENSE).",
    "This model is licensed under the [MIT License](#license).",
    "This model is licensed under the [MIT License](https://opensource.org/licenses/MIT).",
    "This model is licensed under the [MIT License](https://choosealicense.com/licenses/mit/).",
    "This model is licensed under the "
    "[MIT License](https://huggingface.co/acme/base-model/blob/main/LICENSE).",
    "The code is released under [the MIT License](https://github.com/acme/code/blob/HEAD/LICENSE).",
    "License: [MIT](https://opensource.org/license/mit)",
    # choosealicense.com's texts as a Hub dataset (black-forest-labs/flux's README links there)
    "Released under [mit](https://huggingface.co/datasets/choosealicense/licenses/blob/main/"
    "markdown/mit.md).",
)


@pytest.mark.parametrize("sentence", ELSEWHERE)
def test_a_license_name_linking_to_another_page_fails(sentence: str, tmp_path: Path,
                                                      env: dict[str, str]) -> None:
    body = f"A small model.\n\n{sentence}\n"
    assert_fails(check(str(_mit_folder(tmp_path, body)), env=env), ADDED_TERMS)


@pytest.mark.parametrize("sentence", WHERE_THE_NAME_SAYS)
def test_control_a_license_name_linking_to_its_license_passes(sentence: str, tmp_path: Path,
                                                              env: dict[str, str]) -> None:
    body = f"A small model.\n\n{sentence}\n"
    assert_passes(check(str(_mit_folder(tmp_path, body)), env=env))


# --- the gating prompt: a statement qualified in time or place ---------------------------------

PROMPT_RIDERS = (
    "This model is released under the MIT License in the United States only.",
    "Released under the MIT License until 31 December 2025. Click below to proceed.",
    "Released under the MIT License outside the European Union.",
    "The weights are licensed under the MIT License for Acme customers. Click below.",
)
PROMPT_HONEST = (
    "Released under the MIT License. Click below to proceed.",
    "This model is released under the MIT License; see LICENSE for details.",
    "Released under the MIT License in 2024. Please log in or sign up to review the conditions.",
)


@pytest.mark.parametrize("prompt", PROMPT_RIDERS)
def test_a_qualifier_riding_on_a_gating_prompt_statement_fails(prompt: str, tmp_path: Path,
                                                               env: dict[str, str]) -> None:
    """The card's prose reads the rest of a statement's sentence as a qualifier (``statements.
    qualifies``); the prompt's unexplained passages were read alone ("in the United States
    only" bears no legal word), so the same rider passed in the prompt."""
    folder = _mit_folder(tmp_path, "A small model.\n", {"extra_gated_prompt": prompt})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


@pytest.mark.parametrize("prompt", PROMPT_HONEST)
def test_control_a_plain_gating_prompt_statement_passes(prompt: str, tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    folder = _mit_folder(tmp_path, "A small model.\n", {"extra_gated_prompt": prompt})
    assert_passes(check(str(folder), env=env))

"""Doors in links, gating prompts and lists: terms put where a statement's words do not reach.

- A time or place qualifier after a statement in the gating prompt ("Released under the MIT
  License in the United States only") is held to the card's rule (``statements.qualifies``).

- A markdown link whose text names a license and whose target is another page ("licensed under
  the [MIT License](https://acme.example/nc-terms.html)") says the terms are that page, which
  licscan has not read: the name alone must not establish the license (``statements.
  linked_elsewhere``). A link to the license's own page, to a file of the repository or to a
  license file in a repository on GitHub or the Hub goes where the name says, and passes.

- A restriction split across list items ("The model may be used by:" / "- Acme employees" /
  "- Acme partners") has its limiting words in the lead-in and its parties in the items; no
  item alone reads as a term. Each item is read with the line that introduces its list
  (``prose._bearing_with_lead_in``); a feature list or install steps under the same kind of
  lead-in stay description.

Each case is a real MIT text in LICENSE and a card declaring MIT; the controls are the same
folder with an honest sentence in the same place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    ADDED_TERMS,
    assert_fails,
    assert_passes,
    check,
    mit_folder,
    prose_answer,
)

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
    answer = prose_answer(tmp_path, sentence, env)
    assert_fails(answer, ADDED_TERMS)
    # The quote goes on through a link's target: the page is what a person must read.
    if "](https://" in sentence:
        target = sentence.split("](", 1)[1].split(")", 1)[0]
        assert any(target in r["message"] for r in answer.result["reasons"]), str(answer)


@pytest.mark.parametrize("sentence", WHERE_THE_NAME_SAYS)
def test_control_a_license_name_linking_to_its_license_passes(sentence: str, tmp_path: Path,
                                                              env: dict[str, str]) -> None:
    assert_passes(prose_answer(tmp_path, sentence, env))


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
    folder = mit_folder(tmp_path, "A small model.\n", card_extra={"extra_gated_prompt": prompt})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


@pytest.mark.parametrize("prompt", PROMPT_HONEST)
def test_control_a_plain_gating_prompt_statement_passes(prompt: str, tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n", card_extra={"extra_gated_prompt": prompt})
    assert_passes(check(str(folder), env=env))


# --- a restriction split across list items ------------------------------------------------------

SPLIT_LISTS = (
    "The model may be used by:\n\n- Acme employees\n- Acme partners\n",
    "Available to:\n\n- Acme employees\n- Acme partners\n",
    "Access is open to:\n\n1. Acme employees\n2. Acme partners\n",
    "This model is for:\n- Acme employees\n- Acme partners\n",
    "This model is for:\n- Acme contractors\n",
    "It can be deployed by:\n\n* Acme employees\n* Acme partners\n",
)
HONEST_LISTS = (
    "The model can be used for:\n\n- summarization\n- question answering\n",
    "Features:\n\n- fast inference\n- small memory footprint\n",
    "## Installation\n\n1. pip install transformers\n2. download the weights\n",
    # Qwen's README: an item naming a model that is also a license's name, after a lead-in
    # that is no label
    "In this repo, you can figure out:\n\n- Quickstart with Qwen, and enjoy the simple "
    "inference.\n- the evaluation scripts\n",
    "Supported languages:\n\n- English\n- German\n",
)


@pytest.mark.parametrize("block", SPLIT_LISTS)
def test_a_restriction_split_across_list_items_fails(block: str, tmp_path: Path,
                                                    env: dict[str, str]) -> None:
    body = "A small model.\n\n## Usage\n\n" + block
    assert_fails(check(str(mit_folder(tmp_path, body)), env=env), ADDED_TERMS)


@pytest.mark.parametrize("block", HONEST_LISTS)
def test_control_an_honest_list_under_a_lead_in_passes(block: str, tmp_path: Path,
                                                       env: dict[str, str]) -> None:
    body = "A small model.\n\n## Usage\n\n" + block
    assert_passes(check(str(mit_folder(tmp_path, body)), env=env))


@pytest.mark.parametrize("block", SPLIT_LISTS[:2])
def test_a_restriction_split_across_list_items_in_the_gating_prompt_fails(
        block: str, tmp_path: Path, env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n", card_extra={"extra_gated_prompt": block})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


@pytest.mark.parametrize("block", HONEST_LISTS[:2])
def test_control_an_honest_list_in_the_gating_prompt_passes(block: str, tmp_path: Path,
                                                            env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n", card_extra={"extra_gated_prompt": block})
    assert_passes(check(str(folder), env=env))

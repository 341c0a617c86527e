"""The prose doors: restrictions written where licscan reads only license-bearing sentences.

A model card outside its License sections, a NOTICE file and a gating prompt are held to their
license-bearing sentences (``matching.prose.license_bearing``). Each attack here is a real MIT or
Apache-2.0 text in LICENSE, a card declaring it, and one restriction phrased to dodge legal
vocabulary ("Deployment is reserved to Acme customers", "No production use", "Nur für
nicht-kommerzielle Nutzung") or hidden where a reader does not look (alt text, a table cell, a
YAML snippet, <details>, an HTML comment, a NOTICE's attribution line, a file whose name is not
LICENSE). Every one passed the gate before scope limits were license-bearing. Each family has a
control: the same folder with an honest sentence in the same place passes, so the restriction is
what blocks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    ADDED_TERMS,
    UNRECOGNIZED,
    assert_fails,
    assert_passes,
    check,
    license_text,
    mit_folder,
    model_folder,
    prose_answer,
)

MIT = "mit"

# Restrictions with no word of legal vocabulary: who may use the work, or how.
SCOPE_RESTRICTIONS = (
    "Deployment is reserved to Acme customers.",
    "Only for use by students.",
    "Production workloads require a paid agreement.",
    "You agree not to run this model in production.",
    "Use in production is not allowed.",
    "Not for production use.",
    "No production use.",
    "Only non-profit organisations may run the model.",
    "The weights are not for sale.",
    "Personal experimentation only.",
    "Businesses need to contact us before running the model.",
    "Usage by for-profit entities requires a separate agreement.",
    "This model is for students.",
    "Commercialisation is the exclusive right of Acme.",
    "Acme customers may deploy this model.",
    "Free below 1M requests a month; above that, pay us.",
    "The weights are available until June 2026.",
)
# The same, in the languages model cards are written in.
FOREIGN_RESTRICTIONS = (
    "Nur für nicht-kommerzielle Nutzung.",
    "Solo para uso no comercial.",
    "Este modelo es solo para estudiantes.",
    "Réservé aux étudiants.",
    "Cette version est réservée à un usage non commercial.",
    "仅供研究使用。",
    "研究目的のみ。",
    "상업적 사용 금지.",
    "Dieses Modell steht unter einer eigenen Lizenz.",
)
HONEST = "Run it with the transformers library; it needs about 4 GB of memory."


# --- plain prose outside the License section ---------------------------------------------------


@pytest.mark.parametrize("sentence", SCOPE_RESTRICTIONS + FOREIGN_RESTRICTIONS)
def test_a_scope_restriction_in_card_prose_fails(sentence: str, tmp_path: Path,
                                                 env: dict[str, str]) -> None:
    body = f"A small model.\n\n## Usage\n\n{sentence}\n"
    assert_fails(check(str(mit_folder(tmp_path, body)), env=env), ADDED_TERMS)


def test_control_plain_usage_prose_passes(tmp_path: Path, env: dict[str, str]) -> None:
    body = ("A small model.\n\n## Usage\n\n" + HONEST + "\n\n"
            "It was trained by researchers at Acme. A model fine-tuned for customer support.\n")
    assert_passes(check(str(mit_folder(tmp_path, body)), env=env))


# --- hiding places in the card ------------------------------------------------------------------

R = "Deployment is reserved to Acme customers"
HIDING_PLACES = {
    "markdown table": "| Use | Allowed |\n|---|---|\n| Production | No |\n| Research | Yes |\n",
    "image alt text": f'<img src="fig.png" alt="{R}">\n',
    "image title": f"<img src=\"fig.png\" title='{R}'>\n",
    "markdown image caption": f"![{R}](fig.png)\n",
    "code block": "```yaml\nusage: students only\n```\n",
    "json snippet": '```json\n{"allowed_use": "non-profit organisations only"}\n```\n',
    "details": f"<details><summary>More</summary>\n{R}.\n</details>\n",
    "html comment": f"<!-- {R}. -->\n",
    "files list": "Files: model.safetensors (students only), config.json\n",
}
HONEST_PLACES = {
    "markdown table": "| Size | Layers |\n|---|---|\n| Small | 12 |\n| Large | 24 |\n",
    "image alt text": '<img src="fig.png" alt="Loss curve of the training run">\n',
    "image title": "<img src=\"fig.png\" title='Loss curve of the training run'>\n",
    "markdown image caption": "![Loss curve of the training run](fig.png)\n",
    "code block": "```yaml\nmodel: small\n```\n",
    "json snippet": '```json\n{"hidden_size": 768}\n```\n',
    "details": f"<details><summary>More</summary>\n{HONEST}\n</details>\n",
    "html comment": "<!-- TODO: add evaluation numbers. -->\n",
    "files list": "Files: model.safetensors, config.json\n",
}


@pytest.mark.parametrize("place", sorted(HIDING_PLACES))
def test_a_restriction_hidden_in_card_markup_fails(place: str, tmp_path: Path,
                                                   env: dict[str, str]) -> None:
    body = "A small model.\n\n" + HIDING_PLACES[place]
    assert_fails(check(str(mit_folder(tmp_path, body)), env=env), ADDED_TERMS)


@pytest.mark.parametrize("place", sorted(HONEST_PLACES))
def test_control_the_same_markup_saying_nothing_passes(place: str, tmp_path: Path,
                                                       env: dict[str, str]) -> None:
    body = "A small model.\n\n" + HONEST_PLACES[place]
    assert_passes(check(str(mit_folder(tmp_path, body)), env=env))


def test_alt_text_in_a_license_file_is_read(tmp_path: Path, env: dict[str, str]) -> None:
    """normalize.strip_markup used to blank a tag with its attributes: alt text in a LICENSE.md
    was never read, so a restriction there passed as a pure MIT text."""
    text = license_text(MIT) + f'\n<img src="badge.svg" alt="{R}">\n'
    folder = model_folder(tmp_path, {"license": MIT}, {"LICENSE.md": text})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_control_an_image_tag_without_text_in_a_license_file_passes(
        tmp_path: Path, env: dict[str, str]) -> None:
    text = license_text(MIT) + '\n<img src="badge.svg" width="80">\n'
    folder = model_folder(tmp_path, {"license": MIT}, {"LICENSE.md": text})
    assert_passes(check(str(folder), env=env))


def test_a_restriction_outside_a_license_section_that_says_mit_fails(
        tmp_path: Path, env: dict[str, str]) -> None:
    body = ("A small model.\n\n## License\n\nMIT\n\n## Weights\n\n"
            "The weights are reserved to Acme customers.\n")
    assert_fails(check(str(mit_folder(tmp_path, body)), env=env), ADDED_TERMS)


# --- statements that a restriction rides on -----------------------------------------------------

RIDERS = (
    "Released under the MIT License until 31 December 2025.",
    "Released under the MIT License in the United States.",
    "Released under the MIT License outside the European Union.",
    "Released under the MIT License, version 0.9 draft.",
    "Released under the MIT License for Acme customers.",
    "It is licensed under MIT, except that production use needs a paid agreement.",
    "Released under the MIT License but deployment is reserved to Acme customers.",
    "It is licensed under MIT, except commercial use is prohibited.",
    # An exception that names no use: what it carves out of the grant is unlicensed.
    "This model is released under the MIT License, except the model weights.",
    "Released under the MIT License, excluding the model weights.",
    "Released under the MIT License, with the exception of the weights.",
    "Released under the MIT License apart from the checkpoints.",
)


@pytest.mark.parametrize("sentence", RIDERS)
def test_a_restriction_riding_on_a_license_statement_fails(sentence: str, tmp_path: Path,
                                                           env: dict[str, str]) -> None:
    body = f"A small model. {sentence}\n"
    assert_fails(check(str(mit_folder(tmp_path, body)), env=env), ADDED_TERMS)


@pytest.mark.parametrize("sentence", (
    "It is licensed under MIT.", "Released under the MIT License in 2024.",
    "Released under the MIT License; see LICENSE for details."))
def test_control_the_statement_alone_passes(sentence: str, tmp_path: Path,
                                            env: dict[str, str]) -> None:
    body = f"A small model. {sentence}\n"
    assert_passes(check(str(mit_folder(tmp_path, body)), env=env))


# --- NOTICE attribution lines -------------------------------------------------------------------


@pytest.mark.parametrize("notice", (
    "This product includes software developed by Acme, for students only.\n",
    "This product includes software developed by Acme.\n\n" + R + ".\n",
))
def test_a_restriction_in_a_notice_attribution_fails(notice: str, tmp_path: Path,
                                                     env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n", {"NOTICE": notice})
    assert_fails(check(str(folder), env=env), ADDED_TERMS | UNRECOGNIZED)


def test_control_a_plain_notice_attribution_passes(tmp_path: Path, env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n",
                         {"NOTICE": "This product includes software developed by Acme.\n"})
    assert_passes(check(str(folder), env=env))


# --- the gating prompt --------------------------------------------------------------------------


def test_a_scope_restriction_in_the_gating_prompt_fails(tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n",
                         card_extra={"extra_gated_prompt": f"{R}. Click below to proceed."})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_control_a_prompt_asking_to_accept_a_usage_license_passes(
        tmp_path: Path, env: dict[str, str]) -> None:
    """Gemma's and Llama's prompts name "Google's usage license" and the "Acceptable Use
    Policy": a document's name is no use it limits (``prose._USE_DOCUMENT``)."""
    prompt = ("To access this model, you're required to review and agree to Acme's usage "
              "license. The Acceptable Use Policy is in USE_POLICY.md.")
    folder = mit_folder(tmp_path, "A small model.\n", card_extra={"extra_gated_prompt": prompt})
    assert_passes(check(str(folder), env=env))


# --- files whose names carry terms --------------------------------------------------------------


@pytest.mark.parametrize("name", ("LICENSE.py", "NOTICE.js", "RESTRICTIONS.md", "AGREEMENT.md",
                                  "LEGAL.md", "MODEL_AGREEMENT.txt"))
def test_a_restriction_in_a_file_named_as_terms_is_read(name: str, tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    """sources.files read only LICENSE/NOTICE/TERMS-like names and never a program file: a
    restriction in LICENSE.py or RESTRICTIONS.md passed unread."""
    content = f"# {R}.\n" if name.endswith((".py", ".js")) else f"{R}.\n"
    if name.endswith(".js"):
        content = f"// {R}.\n"
    folder = mit_folder(tmp_path, "A small model.\n", {name: content})
    assert_fails(check(str(folder), env=env), ADDED_TERMS | UNRECOGNIZED)


def test_control_a_program_file_merely_about_licenses_is_not_read(
        tmp_path: Path, env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n",
                         {"license_utils.py": "def check():\n    return True\n"})
    assert_passes(check(str(folder), env=env))


# --- writing that a vocabulary cannot read -------------------------------------------------------

DISGUISED = {
    "zero-width spaces": "Deployment is res\u200berved to Acme cust\u200bomers.",
    "soft hyphens": "Deployment is res\u00aderved to Acme cust\u00adomers.",
    "cyrillic look-alikes": "D\u0435ployment is r\u0435served to Acm\u0435 custom\u0435rs.",
    "full-width letters": "\uff2e\uff4f\uff4e\uff0d\uff43\uff4f\uff4d\uff4d\uff45\uff52\uff43"
                          "\uff49\uff41\uff4c \uff55\uff53\uff45 \uff4f\uff4e\uff4c\uff59\uff0e",
    "elliptical negation": "The code is released under the MIT License. The weights are not.",
    "a part said to be a license": "The code is MIT. The weights are CC BY-NC 4.0.",
    "a question and its answer": "## FAQ\n\n**Can I deploy it at my company?**\n\nNo.",
    "a list under a who-may line": "Who may run it:\n\n- Acme customers\n- students",
    "an audience label": "Intended users: students",
}
HONEST_DISGUISES = {
    "zero-width spaces": "Run it with trans\u200bformers.",
    "full-width letters": "\uff32\uff55\uff4e it with transformers\uff0e",
    "cyrillic words": "\u041c\u043e\u0434\u0435\u043b\u044c \u0434\u043b\u044f "
                      "\u0442\u0435\u043a\u0441\u0442\u0430.",
    "negation that stands alone": "The weights are not quantized.",
    "a model described by its base": "The model is a Llama 3 fine-tune.",
    "a question about running it": "How do I load it in 8 bits?",
}


@pytest.mark.parametrize("case", sorted(DISGUISED))
def test_a_disguised_restriction_in_card_prose_fails(case: str, tmp_path: Path,
                                                     env: dict[str, str]) -> None:
    assert_fails(prose_answer(tmp_path, DISGUISED[case], env), ADDED_TERMS)


@pytest.mark.parametrize("case", sorted(HONEST_DISGUISES))
def test_control_the_same_forms_saying_nothing_pass(case: str, tmp_path: Path,
                                                    env: dict[str, str]) -> None:
    assert_passes(prose_answer(tmp_path, HONEST_DISGUISES[case], env))


def test_a_terms_file_the_card_points_at_is_read(tmp_path: Path, env: dict[str, str]) -> None:
    """WEIGHTS_TERMS.md was no terms name: the card's pointer is procedure, and the file it
    points at was never read."""
    folder = mit_folder(tmp_path, "A small model. Weights: see WEIGHTS_TERMS.md.\n",
                         {"WEIGHTS_TERMS.md": f"{R}.\n"})
    assert_fails(check(str(folder), env=env), ADDED_TERMS | UNRECOGNIZED)


# --- terms named, sections hidden, tails left on statements --------------------------------------

MORE_DOORS = {
    "an unknown license named": "The weights follow the Acme Research License.",
    "a known license said of the weights": "The weights follow the Llama 3 Community License.",
    "a license section in a collapsed block":
        "<details>\n<summary>License</summary>\n\nCC BY-NC 4.0\n</details>",
    "a license section under an html heading":
        "<h2>License</h2>\n<p>Weights: Acme Research License</p>",
    "chinese: weights not open to others": "模型权重不对外开放。",
    "chinese: companies must contact us": "企业用户请联系我们。",
    "japanese: refrain from corporate use": "企業での利用はご遠慮ください。",
    "korean: corporate use not allowed": "기업 사용은 허용되지 않습니다.",
}
HONEST_MORE = {
    "a known license mentioned": "We thank the authors of the MIT license.",
    "a collapsed block about training": "<details>\n<summary>Training</summary>\n\n"
                                        "Trained for 3 epochs.\n</details>",
    "an html heading about evaluation": "<h2>Evaluation</h2>\n<p>Accuracy: 81 %</p>",
    "chinese: a description": "本模型基于Transformer架构。",
}


@pytest.mark.parametrize("case", sorted(MORE_DOORS))
def test_a_named_or_sectioned_restriction_fails(case: str, tmp_path: Path,
                                                env: dict[str, str]) -> None:
    assert_fails(prose_answer(tmp_path, MORE_DOORS[case], env), ADDED_TERMS)


@pytest.mark.parametrize("case", sorted(HONEST_MORE))
def test_control_the_same_places_saying_nothing_pass(case: str, tmp_path: Path,
                                                     env: dict[str, str]) -> None:
    assert_passes(prose_answer(tmp_path, HONEST_MORE[case], env))


def test_a_scope_limit_after_a_lineage_statement_fails(tmp_path: Path,
                                                       env: dict[str, str]) -> None:
    """The statement's span took the rest of its sentence when statements' own list of
    restrictive words found none there: "for Acme customers" was explained with the grant."""
    body = ("A model derived from Foo, which is originally licensed under Apache-2.0, "
            "for Acme customers.\n")
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0")}, body=body)
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_control_the_lineage_statement_alone_passes(tmp_path: Path, env: dict[str, str]) -> None:
    body = "A model derived from Foo, which is originally licensed under Apache-2.0.\n"
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0")}, body=body)
    assert_passes(check(str(folder), env=env))


def test_a_notice_files_line_naming_unknown_terms_fails(tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n",
                         {"NOTICE": "Files: model.safetensors (Acme Research License)\n"})
    assert_fails(check(str(folder), env=env), ADDED_TERMS | UNRECOGNIZED)


# --- the card's front matter --------------------------------------------------------------------

METADATA_DOORS = {
    "a gating checkbox": {"extra_gated_fields": {
        "I will use this model for non-commercial purposes only": "checkbox"}},
    "a gating checkbox with a scope limit": {"extra_gated_fields": {R: "checkbox"}},
    "the gating heading": {"extra_gated_heading": R},
    "the gating description": {"extra_gated_description": R + "."},
    "a key of the uploader's own": {"restrictions": "non-commercial use only"},
    "another key of the uploader's own": {"terms": R},
    "a tag": {"tags": ["research-only"]},
}
HONEST_METADATA = {
    "a gating form like Llama's": {"extra_gated_fields": {
        "First Name": "text", "Country": "country",
        "Job title": {"type": "select", "options": ["Student", "AI researcher", "Other"]},
        "I accept the terms and conditions": "checkbox"}, "extra_gated_button_content": "Submit"},
    "a gating heading like Gemma's": {"extra_gated_heading": "Access Gemma on Hugging Face",
                                      "extra_gated_button_content": "Acknowledge license"},
    "a gating description like Mistral's": {"extra_gated_description": (
        "If you want to learn more about how your personal data is processed, please read "
        "the provider's privacy policy.")},
    "ordinary tags": {"tags": ["text-generation", "llama"], "language": ["en", "de"]},
}


@pytest.mark.parametrize("case", sorted(METADATA_DOORS))
def test_a_restriction_in_the_card_metadata_fails(case: str, tmp_path: Path,
                                                  env: dict[str, str]) -> None:
    """Only license, license_name, license_link and the gating prompt were read from the front
    matter: a checkbox the user must tick ("... non-commercial purposes only") passed unseen."""
    folder = mit_folder(tmp_path, "A small model.\n", card_extra=METADATA_DOORS[case])
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


@pytest.mark.parametrize("case", sorted(HONEST_METADATA))
def test_control_ordinary_card_metadata_passes(case: str, tmp_path: Path,
                                               env: dict[str, str]) -> None:
    folder = mit_folder(tmp_path, "A small model.\n", card_extra=HONEST_METADATA[case])
    assert_passes(check(str(folder), env=env))


# --- the card in another language ---------------------------------------------------------------


def test_a_restriction_in_a_translated_card_fails(tmp_path: Path, env: dict[str, str]) -> None:
    """Only README.md was read as the card: README_zh.md, the same card in Chinese, was never
    read, so what it adds passed unseen."""
    folder = mit_folder(tmp_path, "A small model.\n",
                         {"README_zh.md": "一个小模型。\n\n仅供研究使用。\n"})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_control_an_honest_translated_card_passes(tmp_path: Path, env: dict[str, str]) -> None:
    """(A Chinese license sentence, "本模型采用MIT许可证", is no statement licscan reads yet, in
    README.md or in a translation: it stays for a person, so the control describes only.)"""
    folder = mit_folder(tmp_path, "A small model. It is released under the MIT License.\n",
                         {"README_zh.md": "一个小模型。\n\n使用 transformers 加载。\n"})
    assert_passes(check(str(folder), env=env))


@pytest.mark.parametrize("name", ["LICENSE", "USE_POLICY.md", "LICENSE.txt"])
def test_an_empty_license_file_beside_the_card_is_a_finding(name: str, tmp_path: Path,
                                                            env: dict[str, str]) -> None:
    # Nothing hides in an empty LICENSE, but nothing backs `license: mit` either (it passed
    # quietly): a person should look.
    files = {"LICENSE": ""} if name == "LICENSE" else {name: "\n \n"}
    answer = check(str(mit_folder(tmp_path, "A small model.\n", files)), env=env)
    assert_fails(answer, UNRECOGNIZED)
    assert f"{name} is empty" in str(answer)


def test_control_an_empty_readme_section_file_is_no_license_file(tmp_path: Path,
                                                                 env: dict[str, str]) -> None:
    # An empty file that is not license-bearing by name changes nothing.
    answer = check(str(mit_folder(tmp_path, "A small model.\n", {"notes.txt": ""})), env=env)
    assert_passes(answer)

"""Terms stated on the card itself rather than in a license file: the gating prompt, a README
section about restrictions, and a ``license_name`` beside a concrete ``license``.

Each is something an uploader writes (or an attacker hides) next to a clean license file; a
gate that reads only the license file passes them. Controls show the ordinary forms still pass.
"""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.helpers import (
    ADDED_TERMS,
    assert_fails,
    assert_passes,
    check,
    license_text,
    model_folder,
)

CONFLICT = "LS302"
UNRECOGNIZED = "LS301"


def test_a_restriction_in_the_gating_prompt_fails(tmp_path: Path, env: dict[str, str]) -> None:
    card = {"license": "apache-2.0", "extra_gated_prompt":
            "You agree not to use this model for any commercial purpose."}
    folder = model_folder(tmp_path, card, {"LICENSE": license_text("apache-2.0")})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_a_gating_prompt_that_only_asks_for_access_passes(tmp_path: Path,
                                                          env: dict[str, str]) -> None:
    card = {"license": "apache-2.0", "extra_gated_prompt":
            "To access this model, please review and agree to the license. Please make sure "
            "you are logged in and click below. Requests are processed immediately."}
    folder = model_folder(tmp_path, card, {"LICENSE": license_text("apache-2.0")})
    assert_passes(check(str(folder), env=env))


def test_a_restriction_under_a_usage_restrictions_heading_fails(tmp_path: Path,
                                                                env: dict[str, str]) -> None:
    body = ("A small model.\n\n## Usage restrictions\n\n"
            "This model may be used for non-commercial research only.\n")
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")},
                          body=body)
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_an_unknown_license_name_beside_a_known_license_fails(tmp_path: Path,
                                                              env: dict[str, str]) -> None:
    folder = model_folder(tmp_path, {"license": "mit", "license_name": "acme-nc"},
                          {"LICENSE": license_text("mit")})
    assert_fails(check(str(folder), env=env), {UNRECOGNIZED})


def test_a_license_name_naming_another_license_is_a_conflict(tmp_path: Path,
                                                             env: dict[str, str]) -> None:
    folder = model_folder(tmp_path, {"license": "mit", "license_name": "cc-by-nc-4.0"},
                          {"LICENSE": license_text("mit")})
    assert_fails(check(str(folder), env=env), {CONFLICT})


def test_card_prose_naming_another_license_is_a_conflict(tmp_path: Path,
                                                         env: dict[str, str]) -> None:
    """Metadata says mit; the card's own words put the weights under Llama 3.1 terms. Both
    apply, and the disagreement goes to a person (under corp.yaml llama3.1 alone would pass)."""
    body = "A chat model. The weights are licensed under the Llama 3.1 Community License.\n"
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")},
                          body=body)
    answer = check(str(folder), env=env)
    assert_fails(answer, {CONFLICT})
    assert "llama3.1" in str(answer)


def test_card_prose_restating_its_license_passes(tmp_path: Path, env: dict[str, str]) -> None:
    body = "A small model. It is released under the MIT License.\n"
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")},
                          body=body)
    assert_passes(check(str(folder), env=env))

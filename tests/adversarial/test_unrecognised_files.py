"""Class 2: a file licscan cannot identify is never dropped so that the card wins (issue 10,
"What to build" 2).

A license-bearing file that is not a license licscan knows is an ``unrecognized`` finding
(LS301), or unexplained text (LS308) when it is read span by span; either fails under
``examples/corp.yaml``. The "unknown license" texts are real prose that is not a license (a
paragraph of this project's README), never an invented license.
"""

from __future__ import annotations

from pathlib import Path

from tests.adversarial.helpers import (
    UNRECOGNIZED,
    assert_fails,
    check,
    license_text,
    model_folder,
    readme_prose,
)

CONFLICT = "LS302"


def test_unknown_license_file_under_an_mit_card_fails(tmp_path: Path,
                                                       env: dict[str, str]) -> None:
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": readme_prose()})
    assert_fails(check(str(folder), env=env), UNRECOGNIZED)


def test_deepseek_v3_layout_with_an_unknown_model_license_fails(tmp_path: Path,
                                                                env: dict[str, str]) -> None:
    """``license: other`` + ``license_link: LICENSE-MODEL`` (unknown) beside an MIT
    LICENSE-CODE: the code license must not pass for the weights."""
    mit_code = "Copyright (c) 2023 DeepSeek\n\n" + license_text("mit")
    folder = model_folder(
        tmp_path,
        {"license": "other", "license_link": "LICENSE-MODEL"},
        {"LICENSE-CODE": mit_code, "LICENSE-MODEL": readme_prose()},
    )
    answer = check(str(folder), env=env)
    assert_fails(answer, UNRECOGNIZED)
    assert answer.result.get("effective_license") != "mit", str(answer)


def test_license_that_only_points_elsewhere_fails(tmp_path: Path, env: dict[str, str]) -> None:
    """The binding text is at a URL licscan did not read: nothing here says it is MIT."""
    folder = model_folder(tmp_path, {"license": "mit"},
                          {"LICENSE": "See https://example.com/license\n"})
    assert_fails(check(str(folder), env=env), UNRECOGNIZED)


def test_other_beside_mit_in_the_card_fails(tmp_path: Path, env: dict[str, str]) -> None:
    """``license: [other, mit]``: the ``other`` part is a license nobody identified."""
    folder = model_folder(tmp_path, {"license": ["other", "mit"]},
                          {"LICENSE": license_text("mit")})
    assert_fails(check(str(folder), env=env), {"LS301"})


def test_llama_use_policy_under_an_apache_card_does_not_pass_as_apache(
        tmp_path: Path, env: dict[str, str]) -> None:
    """USE_POLICY.md holds the Llama 3.1 acceptable-use policy: the card's apache-2.0 does not
    explain it; it is a conflict (or a file licscan cannot place), never a clean apache pass."""
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"),
                           "USE_POLICY.md": license_text("llama3.1-aup")})
    answer = check(str(folder), env=env)
    assert_fails(answer, UNRECOGNIZED | {CONFLICT})


def test_unknown_text_in_a_notice_beside_apache_fails(tmp_path: Path,
                                                      env: dict[str, str]) -> None:
    """A NOTICE file is license-bearing: text in it that licscan cannot place is a finding."""
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"),
                           "NOTICE": "This product may be used for non-commercial purposes "
                                     "only.\n"})
    assert_fails(check(str(folder), env=env), UNRECOGNIZED)

"""Class 1: text added to a known license is never ignored (issue 10, "What to build" 1).

Each case is a real reference text with one restriction added or one meaning-changing word
swapped, under a card that declares the license it resembles. licscan must fail it (exit 1) as
a modified license (LS303) or as unexplained text (LS308). The controls at the end are real
copies (plain, re-wrapped, with a real copyright line or a real title) that must still pass:
the gate must not be closed by refusing everything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    ADDED_TERMS,
    NC_SENTENCE,
    NC_SOFTWARE,
    UNRECOGNIZED,
    assert_fails,
    assert_passes,
    check,
    check_all,
    license_text,
    model_folder,
    replace_once,
    rewrapped,
)

MIT = "mit"
APACHE = "apache-2.0"
LLAMA = "llama3.1"


def mit() -> str:
    return license_text(MIT)


def apache() -> str:
    return license_text(APACHE)


def llama() -> str:
    return license_text(LLAMA)


# (declared license, LICENSE text) per attack; each text is a reference text plus one edit.
ATTACKS: dict[str, tuple[str, Callable[[], str]]] = {
    "appended to apache": (APACHE, lambda: apache() + "\n" + NC_SENTENCE + "\n"),
    "prepended to apache": (APACHE, lambda: NC_SENTENCE + "\n\n" + apache()),
    "prepended to mit": (MIT, lambda: NC_SOFTWARE + "\n\n" + mit()),
    "inserted mid-line in mit": (MIT, lambda: replace_once(
        mit(), "to deal in the Software without restriction",
        "to deal in the Software for non-commercial purposes only, without restriction")),
    "inside an html comment in mit": (MIT, lambda: replace_once(
        mit(), "the following conditions:\n",
        f"the following conditions:\n<!-- {NC_SOFTWARE} -->\n")),
    "html comment appended to apache": (APACHE, lambda: apache() + f"\n<!-- {NC_SENTENCE} -->\n"),
    "title over mit": (MIT, lambda: "ACME Non-Commercial Research License\n\n" + mit()),
    "copyright line over mit": (MIT, lambda: f"Copyright 2025 ACME. {NC_SOFTWARE}\n\n" + mit()),
    "copyright line inside mit": (MIT, lambda: replace_once(
        mit(), "\nThe above copyright notice",
        f"\nCopyright 2025 ACME. {NC_SOFTWARE}\n\nThe above copyright notice")),
    "llama 700 million to 700 thousand": (LLAMA, lambda: replace_once(
        llama(), "700 million", "700 thousand")),
    "llama greater to less": (LLAMA, lambda: replace_once(llama(), "greater than", "less than")),
    "apache worldwide to domestic": (APACHE, lambda: replace_once(
        apache(), "worldwide", "domestic")),
    "apache copyright owner to a non-commercial grant": (APACHE, lambda: replace_once(
        apache(), "the copyright owner",
        "ACME, which grants this License for non-commercial use only")),
    "mit may not sell": (MIT, lambda: replace_once(
        mit(), "and/or sell copies", "but not sell copies")),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_added_or_changed_text_fails(attack: str, tmp_path: Path, env: dict[str, str]) -> None:
    declared, text = ATTACKS[attack]
    folder = model_folder(tmp_path, {"license": declared}, {"LICENSE": text()})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_restriction_in_a_license_markdown_comment_fails(tmp_path: Path,
                                                          env: dict[str, str]) -> None:
    """LICENSE.md renders the comment invisible on the Hub: markup is read, not hidden."""
    text = replace_once(apache(), "   2. Grant of Copyright License.",
                        f"<!--\n{NC_SENTENCE}\n-->\n   2. Grant of Copyright License.")
    folder = model_folder(tmp_path, {"license": APACHE}, {"LICENSE.md": text})
    assert_fails(check(str(folder), env=env), ADDED_TERMS)


def test_restriction_in_the_readme_license_section_fails(tmp_path: Path,
                                                         env: dict[str, str]) -> None:
    """The README's license section is accounted for like a license file."""
    body = ("## License\n\nThis model is released under the MIT license. "
            f"{NC_SOFTWARE}\n")
    folder = model_folder(tmp_path, {"license": MIT}, {"LICENSE": mit()}, body=body)
    assert_fails(check(str(folder), env=env), ADDED_TERMS | UNRECOGNIZED)


# --- controls: real copies pass ---------------------------------------------------------------

CONTROLS: dict[str, tuple[str, Callable[[], str]]] = {
    "plain mit": (MIT, mit),
    "plain apache": (APACHE, apache),
    "plain llama 3.1": (LLAMA, llama),
    "re-wrapped mit": (MIT, lambda: rewrapped(mit(), 50)),
    "re-wrapped apache": (APACHE, lambda: rewrapped(apache(), 100)),
    "mit with a copyright line": (MIT, lambda: "Copyright (c) 2025 ACME Corp.\n\n" + mit()),
    "mit with its title and a copyright line": (
        MIT, lambda: "MIT License\n\nCopyright (c) 2025 ACME Corp.\n\n" + mit()),
}


def test_real_copies_pass(tmp_path: Path, env: dict[str, str]) -> None:
    """One run for all controls (cheap): exit 0 only if every one of them passes."""
    folders = [model_folder(tmp_path, {"license": declared}, {"LICENSE": text()},
                            name=name.replace(" ", "-"))
               for name, (declared, text) in CONTROLS.items()]
    folders.append(model_folder(
        tmp_path, {"license": MIT}, {"LICENSE": mit()}, name="plain-readme-section",
        body="## License\n\nThis model is released under the MIT license.\n"))
    answers = check_all(*(str(f) for f in folders), env=env)
    for answer in answers:
        assert answer.verdict == "pass", f"{answer.result.get('target')}: {answer}"
    assert_passes(answers[0])  # exit 0: the run as a whole passed


def test_model_named_after_license_plates_has_no_license_section(tmp_path: Path,
                                                                env: dict[str, str]) -> None:
    """A README whose title and prose say "license" (plates, not terms) is not a license
    section: its words are not unexplained license text."""
    folder = model_folder(tmp_path, {"license": MIT}, {"LICENSE": mit()},
                          name="license-plate-detector",
                          body="Detects and reads vehicle license plates in street images.\n")
    assert_passes(check(str(folder), env=env))

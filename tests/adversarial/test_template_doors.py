"""The template doors: SPDX templates let a copy put other words in a ``<<var>>`` part and leave
a ``<<beginOptional>>`` part out; a reference text's words the file lacks count against it.

Each attack edits a real reference text (rules/licenses) inside the test: a variable filled
with a restriction or with a "name" that is one, a condition that is no optional part removed,
rights dropped from a grant, clause 3 of BSD-3-Clause removed under a card that says BSD-3,
terms added in Apache's appendix. Each would pass the gate if template leniency reached it; the
controls (a real holder's name in the same variable, the optional part MIT's template really
has left out, clause numbers written in) pass, so the edit is what blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    ADDED_TERMS,
    assert_fails,
    assert_passes,
    card_and_license,
    check,
    license_text,
    model_folder,
    replace_once,
)
from tests.adversarial.test_spdx_template_doors import GATE_ATTACKS, GATE_CONTROLS

MIT = "mit"
BSD3 = "bsd-3-clause"
APACHE = "apache-2.0"
MODIFIED = "LS303"
CONFLICT = "LS302"
BLOCKED = ADDED_TERMS | {CONFLICT}


def _flexible(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced where it stands re-wrapped (its words, any whitespace)."""
    pattern = r"\s+".join(re.escape(word) for word in old.split())
    found = re.search(pattern, text)
    assert found, f"{old!r} is not in the reference text any more"
    return text[:found.start()] + new + text[found.end():]


def mit() -> str:
    return license_text(MIT)


def bsd3() -> str:
    return license_text(BSD3)


def apache() -> str:
    return license_text(APACHE)


CLAUSE3 = "Neither the name of the ORGANIZATION"
ATTACKS: dict[str, tuple[str, Callable[[], str]]] = {
    # a <<var>> filled with a limit on use, in words no legal vocabulary needs
    "bsd-3 clause-3 name holds a scope limit": (BSD3, lambda: replace_once(
        bsd3(), CLAUSE3, "Neither the name of ACME, reserved to its customers,")),
    "bsd-3 clause-3 name holds a foreign limit": (BSD3, lambda: replace_once(
        bsd3(), CLAUSE3, "Neither the name of ACME, nur für Studierende,")),
    "bsd-3 bullet holds a restriction": (BSD3, lambda: replace_once(
        bsd3(), "Neither the name", "Students only. Neither the name")),
    "mit holder named as a restriction": (MIT, lambda: _flexible(
        mit(), "THE AUTHORS OR COPYRIGHT HOLDERS", "THE NON-COMMERCIAL USERS")),
    "bsd-3 as-is party holds research-only": (BSD3, lambda: _flexible(
        bsd3(), "PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS",
        "PROVIDED BY ACME FOR RESEARCH ONLY")),
    "copyright line carries a limit": (MIT, lambda: (
        "Copyright (c) 2020 Acme Corp, deployment reserved to Acme customers\n\n" + mit())),
    "title says students only": (MIT, lambda: "MIT License (Students Only)\n\n" + mit()),
    # the copyright <<var>> (any 1000 characters) and the holder <<var>> in other scripts
    "copyright line carries a german limit": (MIT, lambda: (
        "Copyright (c) 2024 Acme, nur für Studierende\n\n" + mit())),
    "copyright line carries a limit in zero-width pieces": (MIT, lambda: (
        "Copyright (c) 2024 Acme, res\u200berved to Acme cust\u200bomers\n\n" + mit())),
    "mit holder with a cyrillic look-alike limit": (MIT, lambda: _flexible(
        mit(), "THE AUTHORS OR COPYRIGHT HOLDERS", "ACME, R\u0415SERVED TO CUSTOMERS,")),
    # a part removed that is no optional part: a condition, or rights from the grant
    "mit notice condition removed": (MIT, lambda: _flexible(
        mit(), "The above copyright notice and this permission notice shall be included in all "
        "copies or substantial portions of the Software.", "")),
    "mit right to sell removed": (MIT, lambda: _flexible(mit(), "and/or sell", "")),
    "mit grant narrowed to students": (MIT, lambda: _flexible(
        mit(), "to any person obtaining", "to any student obtaining")),
    # BSD-3 under a card that says BSD-3, with its third clause gone: BSD-2 is not what the
    # card declares, and a person should see that
    "bsd-3 third clause removed": (BSD3, lambda: _flexible(
        bsd3(), "Neither the name of the ORGANIZATION nor the names of its contributors may be "
        "used to endorse or promote products derived from this software without specific "
        "prior written permission.", "")),
    "bsd-3 third clause replaced by a restriction": (BSD3, lambda: _flexible(
        bsd3(), "Neither the name of the ORGANIZATION nor the names of its contributors may be "
        "used to endorse or promote products derived from this software without specific "
        "prior written permission.", "Production use is reserved to Acme customers.")),
    # Apache's appendix is the boilerplate a user copies: terms added there are terms
    "apache appendix boilerplate adds a limit": (APACHE, lambda: _flexible(
        apache(), "you may not use this file except in compliance with the License.",
        "you may not use this file except in compliance with the License and only for "
        "academic work.")),
    "apache appendix owner holds a limit": (APACHE, lambda: replace_once(
        apache(), "[name of copyright owner]", "Acme, reserved to its customers")),
    "apache text followed by a scope limit": (APACHE, lambda: (
        apache() + "\nAcme reserves deployment to its customers.\n")),
}

CONTROLS: dict[str, tuple[str, Callable[[], str]]] = {
    "bsd-3 clause-3 with a real name": (BSD3, lambda: replace_once(
        bsd3(), CLAUSE3, "Neither the name of the Regents of the University of California")),
    "bsd-3 with clause numbers and a copyright line": (BSD3, lambda: (
        "Copyright (c) 2020, Acme Corp\nAll rights reserved.\n\n" + replace_once(replace_once(
            replace_once(bsd3(), "Redistributions of source", "1. Redistributions of source"),
            "Redistributions in binary", "2. Redistributions in binary"),
            "Neither the name", "3. Neither the name"))),
    "copyright line with a non-english name": (MIT, lambda: (
        "Copyright (c) 2024 Zürich Modellwerk GmbH\n\n" + mit())),
    "copyright line of a company limited": (MIT, lambda: (
        "Copyright (c) 2024 Acme Corporation, all rights reserved\n\n" + mit())),
    "mit holder with a real name": (MIT, lambda: _flexible(
        mit(), "THE AUTHORS OR COPYRIGHT HOLDERS", "ACME CORP")),
    "mit with its optional title": (MIT, lambda: "MIT License\n\nCopyright (c) 2020 Acme\n\n"
                                    + mit()),
    "apache appendix filled in": (APACHE, lambda: replace_once(replace_once(
        apache(), "[name of copyright owner]", "Acme Corp"), "[yyyy]", "2024")),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS | GATE_ATTACKS))
def test_a_template_door_is_closed(attack: str, tmp_path: Path, env: dict[str, str]) -> None:
    folder = card_and_license(tmp_path, (ATTACKS | GATE_ATTACKS)[attack])
    assert_fails(check(str(folder), env=env), BLOCKED)


@pytest.mark.parametrize("control", sorted(CONTROLS | GATE_CONTROLS))
def test_control_what_a_template_allows_passes(control: str, tmp_path: Path,
                                               env: dict[str, str]) -> None:
    folder = card_and_license(tmp_path, (CONTROLS | GATE_CONTROLS)[control])
    assert_passes(check(str(folder), env=env))


def test_a_name_slot_filled_with_a_limit_is_reported_as_a_modification(
        tmp_path: Path, env: dict[str, str]) -> None:
    """Not merely blocked: named for what it is, a modified BSD-3-Clause (a person reads the
    changed clause, not an unknown file)."""
    _, make = ATTACKS["bsd-3 clause-3 name holds a scope limit"]
    folder = model_folder(tmp_path, {"license": BSD3}, {"LICENSE": make()})
    answer = check(str(folder), env=env)
    assert_fails(answer, {MODIFIED})
    assert "reserved" in str(answer.result).lower(), str(answer)

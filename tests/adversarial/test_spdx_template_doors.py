"""The doors the 289 SPDX templates opened, tried by someone who wants a model through the gate.

The matcher lets a copy of a license differ from its reference where the license's SPDX template
says it may: a ``<<var>>`` may hold other words that read as a name and fill the var's regex (a
regex that spells punctuation is also tried without it), an optional part may be left out whole,
and an optional ending may lose its head. Each attack edits a real reference text (rules/) inside
the test so that it says something the license does not -- a restriction written as a name, in
invisible or full-width letters, a condition cut out of a clause the copy keeps, a restrictive
license dressed in its permissive sibling's title -- and must come out as a finding: ``licscan
check`` failing the model (exit 1) under examples/corp.yaml, or ``identify`` naming the text
modified or leaving the words unexplained. The controls (honest copies with a name in the same
var, an optional part really left out) must pass, so each test can fail both ways.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from licscan.licenses.catalog import split_rules_file
from licscan.matching import identify_text
from licscan.matching.templates import Template, expand
from licscan.model import FileReport
from tests.adversarial.helpers import (
    ADDED_TERMS,
    NON_COMMERCIAL,
    assert_fails,
    check,
    license_text,
    model_folder,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "rules" / "templates"
BLOCKED = ADDED_TERMS | {"LS302", "LS304"} | NON_COMMERCIAL

# A research-only scope written as a name, and the same name in letters that read the same:
# zero-width spaces inside its words, full-width forms of its letters.
RESEARCH_ONLY = "ACME Research-Only Edition"
NON_COMMERCIAL_NAME = "the Non-Commercial Foundation"
ZERO_WIDTH = "ACME Rese\u200barch-Onl\u200by Edition"
FULL_WIDTH = ("ACME \uff32\uff45\uff53\uff45\uff41\uff52\uff43\uff48-"
              "\uff2f\uff4e\uff4c\uff59 Edition")
SOFT_HYPHEN = "ACME Non\u00adcommercial Edition"
# Words no vocabulary of grants needs: "alone" for "only", the adverb of "noncommercial".
HOBBYISTS_ALONE = "ACME, gratis to hobbyists alone"
NONCOMMERCIALLY = "ACME Noncommercially"
NAMES_THAT_LIMIT = (RESEARCH_ONLY, NON_COMMERCIAL_NAME, ZERO_WIDTH, FULL_WIDTH, SOFT_HYPHEN,
                    HOBBYISTS_ALONE, NONCOMMERCIALLY)


# --- texts -----------------------------------------------------------------------------------


def flexible(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced where it stands (its words, any whitespace between)."""
    pattern = r"\s+".join(re.escape(word) for word in old.split())
    found = re.search(pattern, text)
    assert found, f"{old!r} is not in the reference text any more"
    return text[:found.start()] + new + text[found.end():]


@cache
def template(license_id: str) -> Template:
    """A license's SPDX template written out (its vars hold their ``original`` values)."""
    _meta, body = split_rules_file(
        (TEMPLATES / f"{license_id}.template.txt").read_text(encoding="utf-8"))
    return expand(body)


def filled(written: Template, which: int, words: str) -> str:
    start, end, _regex = written.variables[which]
    return written.text[:start] + words + written.text[end:]


def plain(report: FileReport) -> bool:
    """The gate's green light: every text named exact or match, and nothing left unexplained."""
    texts = [d for d in report.detections if d.kind == "text"]
    return (bool(texts) and all(d.status in ("exact", "match") for d in texts)
            and not report.unexplained)


def assert_flagged(report: FileReport) -> None:
    """The text is reported modified, or its words are left unexplained: never plain."""
    named = [(d.license_id, d.status) for d in report.detections if d.kind == "text"]
    assert not plain(report), f"passed as {named}"


def mit_holder(holder: str) -> str:
    return flexible(license_text("mit"), "THE AUTHORS OR COPYRIGHT HOLDERS", holder.upper())


def apache_boilerplate(old: str, new: str) -> str:
    return flexible(license_text("apache-2.0"), old, new)


# --- 1. a restriction in a broad var, across the templates -------------------------------------

BROAD = frozenset({".+", ".*", ".{0,5000}", "[^.]+\\.", "[^.]+"})
COPYRIGHT_LINE = ".{0,5000}"


def broad_templates() -> list[str]:
    """Every license whose template has a var that accepts nearly any text (a holder, a
    copyright line): 146 of the 289. One test per license keeps each one quick."""
    out = []
    for path in sorted(TEMPLATES.glob("*.template.txt")):
        license_id = path.name.split(".template")[0]
        if any(regex in BROAD and end > start
               for start, end, regex in template(license_id).variables):
            out.append(license_id)
    return out


@pytest.mark.parametrize("license_id", broad_templates())
def test_a_name_that_limits_use_in_a_broad_var_is_never_plain(license_id: str) -> None:
    written = template(license_id)
    which = next(k for k, (start, end, regex) in enumerate(written.variables)
                 if regex in BROAD and end > start)
    regex = written.variables[which][2]
    for name in NAMES_THAT_LIMIT:
        words = f"Copyright 2024 {name}" if regex == COPYRIGHT_LINE else name
        report = identify_text(filled(written, which, words))
        assert not plain(report), (name, [(d.license_id, d.status) for d in report.detections])


def test_the_broad_vars_are_many() -> None:
    # The sweep above is the attack on "var regex .+ / .{0,5000} / [^.]+\." across the list;
    # if the templates shrink, it attacks nothing.
    assert len(broad_templates()) >= 100


# --- 2. restrictions as names, through the gate -------------------------------------------------

CardAndText = tuple[str, Callable[[], str]]

GATE_ATTACKS: dict[str, CardAndText] = {
    # names in MIT's liability var (.+) and BSD-3's clause-3 var
    "mit holder is a research-only edition": ("mit", lambda: mit_holder(RESEARCH_ONLY)),
    "mit holder is the non-commercial foundation": (
        "mit", lambda: mit_holder(NON_COMMERCIAL_NAME)),
    "mit holder research-only in zero-width pieces": ("mit", lambda: mit_holder(ZERO_WIDTH)),
    "mit holder research-only in full-width letters": ("mit", lambda: mit_holder(FULL_WIDTH)),
    "bsd-3 clause-3 name in zero-width pieces": ("bsd-3-clause", lambda: flexible(
        license_text("bsd-3-clause"), "Neither the name of the ORGANIZATION",
        f"Neither the name of {ZERO_WIDTH}")),
    "apache appendix owner in full-width letters": ("apache-2.0", lambda: apache_boilerplate(
        "[name of copyright owner]", FULL_WIDTH)),
    # a copyright line (every template's .{0,5000} var) that carries a scope in plain words
    "mit copyright line gratis to hobbyists alone": ("mit", lambda: (
        f"Copyright (c) 2024 {HOBBYISTS_ALONE}\n\n" + license_text("mit"))),
    "bsd-3 copyright line noncommercially": ("bsd-3-clause", lambda: (
        f"Copyright (c) 2024 {NONCOMMERCIALLY}\n\n" + license_text("bsd-3-clause"))),
    "isc holder gratis to hobbyists alone": ("isc", lambda: flexible(
        license_text("isc"), "THE AUTHOR", HOBBYISTS_ALONE.upper())),
    # an optional ending (Apache's appendix, after END OF TERMS AND CONDITIONS) with words cut
    # from inside the notice it keeps: "you may not use this file." is a prohibition
    "apache appendix without its except-in-compliance": ("apache-2.0", lambda: (
        apache_boilerplate("you may not use this file except in compliance with the License.",
                           "you may not use this file."))),
    "apache appendix without its unless-required": ("apache-2.0", lambda: apache_boilerplate(
        "Unless required by applicable law or agreed to in writing, software",
        "Software")),
    # an optional ending cut, and terms in its place
    "cc-by-4.0 trailer replaced by an audience": ("cc-by-4.0", lambda: (
        cc_by_without_trailer() + "\nStudents of Acme alone may Share the Licensed Material.\n")),
    # part of an optional part in the middle of a license: HPND's non-endorsement clause
    # without its "without specific, written prior permission" forbids what it let you ask for
    "hpnd non-endorsement without its permission clause": ("hpnd", lambda: flexible(
        license_text("hpnd"), "distribution of the software without specific, written prior "
        "permission.", "distribution of the software.")),
    # a restrictive license's text under its permissive sibling's title, and card
    "cc-by-nc-4.0 text titled cc-by-4.0": ("cc-by-4.0", lambda: license_text("cc-by-nc-4.0")
                                            .replace("Attribution-NonCommercial 4.0",
                                                     "Attribution 4.0")),
    "cc-by-nc-4.0 text under cc-by-4.0's preamble": ("cc-by-4.0", lambda: (
        _head(license_text("cc-by-4.0")) + _body(license_text("cc-by-nc-4.0")))),
    "cc-by-nc-nd-3.0 text titled cc-by-nd-3.0": ("cc-by-nd-3.0", lambda: _retitled(
        "cc-by-nc-nd-3.0", "cc-by-nd-3.0")),
    "cc-by-nc-3.0 text titled cc-by-3.0": ("cc-by-3.0", lambda: _retitled(
        "cc-by-nc-3.0", "cc-by-3.0")),
    # GNU: the GPL (copyleft: review) under the Lesser title and an LGPL card (weak copyleft:
    # allowed); SPDX keeps one template for -only and -or-later
    "gpl-2.0 text titled lesser under an lgpl-2.1-or-later card": ("lgpl-2.1-or-later", lambda: (
        license_text("gpl-2.0-only").replace("GNU GENERAL PUBLIC LICENSE",
                                             "GNU LESSER GENERAL PUBLIC LICENSE", 1))),
}


def cc_by_without_trailer() -> str:
    text = license_text("cc-by-4.0")
    return text[:text.index("Creative Commons is not a party")]


def _head(text: str) -> str:
    return text[:text.index("Section 1")]


def _body(text: str) -> str:
    return text[text.index("Section 1"):]


def _retitled(license_id: str, sibling: str) -> str:
    text, title = license_text(license_id), license_text(sibling).split("\n", 1)[0]
    return title + "\n" + text.split("\n", 1)[1]


GATE_CONTROLS: dict[str, CardAndText] = {
    "mit holder is a company": ("mit", lambda: mit_holder("ACME CORP")),
    "mit holder is a name in another script": ("mit", lambda: mit_holder(
        "株式会社エーシーエムイー")),
    "mit holder in full-width letters": ("mit", lambda: mit_holder(
        "\uff21\uff23\uff2d\uff25 Corp")),
    "apache appendix without its instructions, owner filled": ("apache-2.0", lambda: (
        _apache_notice_only().replace("[yyyy] [name of copyright owner]", "2024 Maplebear Inc."))),
}


def _apache_notice_only() -> str:
    """Apache-2.0 with its appendix's instructions left out and the notice kept, as many real
    copies are (the head of the optional ending)."""
    text = license_text("apache-2.0")
    return text[:text.index("APPENDIX:")] + text[text.index("Copyright [yyyy]"):]


# GATE_ATTACKS and GATE_CONTROLS go through the gate with the template doors' own
# (tests/adversarial/test_template_doors.py).


# --- 3. identify: what each text is, said plainly ---------------------------------------------

IDENTIFY_ATTACKS: dict[str, Callable[[], str]] = {
    # punctuation games against the punctuation-free retry of a var's regex
    "cc-by-4.0 CC-licensed made CC-NC-licensed": lambda: re.sub(
        r"CC-(\s*)licensed", r"CC-NC-\1licensed", license_text("cc-by-4.0"), count=1),
    "cc-by-4.0 licensors' link followed by an audience": lambda: license_text("cc-by-4.0")
    .replace("wiki.creativecommons.org/Considerations_for_licensors",
             "wiki.creativecommons.org/Considerations_for_licensors. Students of Acme alone", 1),
    "bsd-4.3tahoe one-sentence var holds two": lambda: filled(
        template("bsd-4.3tahoe"), _var("bsd-4.3tahoe", "[^.]+\\."),
        "Acme. Rese\u200barch-Onl\u200by Edition."),
    "bsd-4.3tahoe one-sentence var holds a full-width scope": lambda: filled(
        template("bsd-4.3tahoe"), _var("bsd-4.3tahoe", "[^.]+\\."), FULL_WIDTH + "."),
    # part of an optional part in the middle: IJG's ansi2knr paragraph without the sentence
    # that says its GNU terms do not limit you
    "ijg ansi2knr note without its reassurance": lambda: flexible(
        license_text("ijg"), "However, since ansi2knr.c is not needed as part of any program "
        "generated from the IJG code, this does not limit you more than the foregoing "
        "paragraphs do.", ""),
    "hpnd non-endorsement without its publicity words": lambda: flexible(
        license_text("hpnd"), "not be used in advertising or publicity pertaining to "
        "distribution of the software", "not be used"),
    # a var that is the text's last words
    "sgi-b-1.1 last var holds a scope": lambda: _last_var("sgi-b-1.1", ZERO_WIDTH),
    "x11-no-permit-persons last var holds a clause": lambda: _last_var(
        "x11-no-permit-persons", "Acme. Students of Acme alone"),
    "mit-open-group last var holds a full-width scope": lambda: _last_var(
        "mit-open-group", FULL_WIDTH),
    # a part of the license (below full coverage: measured against the published text, not
    # the template) with a scope in its holder's place
    "bsd-3 without its disclaimer, organisation in zero-width pieces": lambda: flexible(
        _bsd3_head(), "the ORGANIZATION", ZERO_WIDTH),
    "bsd-3 without its disclaimer, clause 3 turned into a permission": lambda: flexible(
        _bsd3_head(), "Neither the name of the ORGANIZATION nor the names of its contributors "
        "may be used", "The name of ACME may be used"),
    # GNU: a GPL text dressed in the Lesser title is not the LGPL (it says no such thing)
    "gpl-3.0 text titled lesser": lambda: license_text("gpl-3.0-only").replace(
        "GNU GENERAL PUBLIC LICENSE", "GNU LESSER GENERAL PUBLIC LICENSE", 1),
}


def _bsd3_head() -> str:
    text = license_text("bsd-3-clause")
    return text[:text.index("THIS SOFTWARE IS PROVIDED")]


def _var(license_id: str, regex: str) -> int:
    return next(k for k, v in enumerate(template(license_id).variables) if v[2] == regex)


def _last_var(license_id: str, words: str) -> str:
    written = template(license_id)
    which = max(range(len(written.variables)), key=lambda k: written.variables[k][1])
    return filled(written, which, words)


@pytest.mark.parametrize("attack", sorted(IDENTIFY_ATTACKS))
def test_identify_flags_a_template_door(attack: str) -> None:
    assert_flagged(identify_text(IDENTIFY_ATTACKS[attack]()))


def test_gpl_3_titled_lesser_is_not_the_lgpl() -> None:
    report = identify_text(IDENTIFY_ATTACKS["gpl-3.0 text titled lesser"]())
    assert not any(d.license_id.startswith("lgpl") for d in report.detections), report


def test_a_zero_width_scope_is_read_as_the_words_it_shows() -> None:
    """Named for what it is: the MIT text modified, and the difference quotes the scope."""
    report = identify_text(mit_holder(ZERO_WIDTH))
    (det,) = [d for d in report.detections if d.kind == "text"]
    assert (det.license_id, det.status) == ("mit", "modified"), det
    assert any("EDITION" in d.text.upper() for d in det.differences if not d.harmless), det


IDENTIFY_CONTROLS: dict[str, tuple[str, Callable[[], str]]] = {
    "bsd-4.3tahoe one-sentence var holds another university": ("bsd-4.3tahoe", lambda: filled(
        template("bsd-4.3tahoe"), _var("bsd-4.3tahoe", "[^.]+\\."),
        "the University of Maplebear, Springfield.")),
    "unicode-dfs-2016 with another holder's copyright line": ("unicode-dfs-2016", lambda: (
        template("unicode-dfs-2016").text.replace(
            "Copyright © 1991-2016 Unicode, Inc. All rights reserved. Distributed under the Terms "
            "of Use in http://www.unicode.org/copyright.html.",
            "Copyright © 2024 Maplebear Inc. All rights reserved."))),
    "apache appendix without its instructions": ("apache-2.0", _apache_notice_only),
    "mit holder with a zero-width joiner in a name": ("mit", lambda: mit_holder(
        "ACME\u200dCORP")),
    # (at the gate a warning: its confidence is 90 %, the policy floor)
    "hpnd without its optional non-endorsement clause": ("hpnd", lambda: flexible(
        license_text("hpnd"), ", and that the name of copyright holder or related entities not be "
        "used in advertising or publicity pertaining to distribution of the software without "
        "specific, written prior permission.", ".")),
}


@pytest.mark.parametrize("control", sorted(IDENTIFY_CONTROLS))
def test_control_identify_keeps_an_honest_copy_plain(control: str) -> None:
    license_id, make = IDENTIFY_CONTROLS[control]
    report = identify_text(make())
    assert plain(report), [(d.license_id, d.status) for d in report.detections]
    assert [d.license_id for d in report.detections if d.kind == "text"] == [license_id]


# --- 4. a var whose original is a clause, not a name ------------------------------------------
# Unicode-DFS-2016's copyright line ends "Distributed under the Terms of Use in <url>", IJG's
# "All Rights Reserved except as specified below.", BSD-3-Clause-LBNL's holder "(subject to
# receipt of any required approvals from the U.S. Dept. of Energy)": the original's own
# load-bearing words are not new words, so a name put in the clause's object repointed it.

CLAUSE_ATTACKS: dict[str, CardAndText] = {
    "unicode-dfs-2016 terms of use moved to another site": ("unicode-dfs-2016", lambda: (
        template("unicode-dfs-2016").text.replace(
            "http://www.unicode.org/copyright.html", "https://acme.example/tou.html"))),
    "unicode-dfs-2016 terms of use become acme's": ("unicode-dfs-2016", lambda: (
        template("unicode-dfs-2016").text.replace(
            "Distributed under the Terms of Use in http://www.unicode.org/copyright.html.",
            "Distributed under the Acme Terms of Use."))),
    "ijg rights reserved except as specified elsewhere": ("ijg", lambda: (
        template("ijg").text.replace("except as specified below.",
                                     "except as specified at acme.example."))),
    "ijg rights reserved except as specified (nowhere)": ("ijg", lambda: (
        template("ijg").text.replace("except as specified below.", "except as specified."))),
    "bsd-3-clause-lbnl approvals from another party": ("bsd-3-clause-lbnl", lambda: (
        template("bsd-3-clause-lbnl").text.replace("from the U.S. Dept. of Energy",
                                                   "from Acme Sales"))),
}

CLAUSE_CONTROLS: dict[str, tuple[str, Callable[[], str]]] = {
    "unicode-dfs-2016 with later years": ("unicode-dfs-2016", lambda: (
        template("unicode-dfs-2016").text.replace("1991-2016", "1991-2023").replace(
            "http://www.unicode.org/copyright.html", "https://www.unicode.org/copyright.html"))),
    "ijg with its later holders": ("ijg", lambda: template("ijg").text.replace(
        "1991-1998, Thomas G. Lane", "1991-2020, Thomas G. Lane, Guido Vollbeding")),
    "unicode-dfs-2016 with its own copyright line only": ("unicode-dfs-2016", lambda: (
        template("unicode-dfs-2016").text.replace(
            "Copyright © 1991-2016 Unicode, Inc. All rights reserved. Distributed under the Terms "
            "of Use in http://www.unicode.org/copyright.html.", "Copyright © 2016 Unicode, Inc."))),
    "bsd-3-clause-lbnl with a later year": ("bsd-3-clause-lbnl", lambda: (
        template("bsd-3-clause-lbnl").text.replace("Copyright (c) 2003,", "Copyright (c) 2016,"))),
    "apache-1.0 acknowledgement of another project": ("apache-1.0", lambda: (
        template("apache-1.0").text.replace(
            "Apache Group for use in the Apache HTTP server project (http://www.apache.org/)",
            "OpenSSL Project for use in the OpenSSL Toolkit (http://www.openssl.org/)", 1))),
}


@pytest.mark.parametrize("attack", sorted(CLAUSE_ATTACKS))
def test_a_clause_in_a_var_is_not_repointed_by_a_name(attack: str, tmp_path: Path,
                                                      env: dict[str, str]) -> None:
    declared, make = CLAUSE_ATTACKS[attack]
    assert_flagged(identify_text(make()))
    folder = model_folder(tmp_path, {"license": declared}, {"LICENSE": make()})
    assert_fails(check(str(folder), env=env), BLOCKED)


@pytest.mark.parametrize("control", sorted(CLAUSE_CONTROLS))
def test_control_a_clause_var_with_new_years_or_names_is_plain(control: str) -> None:
    license_id, make = CLAUSE_CONTROLS[control]
    report = identify_text(make())
    assert plain(report), [(d.license_id, d.status) for d in report.detections]
    assert [d.license_id for d in report.detections if d.kind == "text"] == [license_id]


# --- 5. still open -----------------------------------------------------------------------------


def test_a_reserved_font_name_line_makes_the_rfn_variant() -> None:
    # The copyright line declaring a Reserved Font Name makes OFL-1.1-RFN (was OFL-1.1).
    text = ('Copyright (c) 2024 Acme Type Foundry, with Reserved Font Name "Acme Sans".\n\n'
            + license_text("ofl-1.1"))
    report = identify_text(text)
    assert [d.license_id for d in report.detections if d.kind == "text"] == ["ofl-1.1-rfn"]
    plain = identify_text("Copyright (c) 2024 Acme Type Foundry.\n\n" + license_text("ofl-1.1"))
    assert [d.license_id for d in plain.detections if d.kind == "text"] == ["ofl-1.1"]

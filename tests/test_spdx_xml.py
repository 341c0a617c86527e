"""scripts/spdx_xml.py makes the SPDX template of a license from the License List's XML source
as SPDX's own tools do: checked against templates SPDX published, beside the XML revision each
was made from (tests/data/spdx-templates/, copied verbatim with their provenance)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from licscan.matching.templates import expand

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "spdx-templates"
sys.path.insert(0, str(ROOT / "scripts"))
import spdx_xml  # noqa: E402

RECORDS = yaml.safe_load((DATA / "SOURCES.yaml").read_text(encoding="utf-8"))
PAIRS = [r for r in RECORDS if r.get("xml_file")]
_WORD = re.compile(r"\w+")
# The copyright line's regex: SPDX's tools wrote ".{0,1000}" in 2019 and ".{0,5000}" since.
_COPYRIGHT = {".{0,1000}", spdx_xml.COPYRIGHT_MATCH}


def what_matching_reads(template: str) -> tuple[object, ...]:
    """The words of the template written out, each variable's words and regex, and each
    optional part's words: all the matcher takes from a template (layout aside)."""
    t = expand(template)

    def words(start: int, end: int) -> list[str]:
        return _WORD.findall(t.text[start:end].lower())

    return (words(0, len(t.text)),
            [(words(a, b), "copyright" if m in _COPYRIGHT else m) for a, b, m in t.variables],
            sorted(str(words(a, b)) for a, b in t.optional))


def test_every_published_template_but_one_has_its_xml() -> None:
    assert len(PAIRS) == len(RECORDS) - 1 >= 19


@pytest.mark.parametrize("record", PAIRS, ids=lambda r: r["spdx"])
def test_the_xml_gives_the_template_spdx_published(record: dict[str, str]) -> None:
    xml = (DATA / record["xml_file"]).read_text(encoding="utf-8")
    published = (DATA / record["file"]).read_text(encoding="utf-8")
    assert spdx_xml.license_id(xml) == record["spdx"]
    assert what_matching_reads(spdx_xml.template(xml)) == what_matching_reads(published)


def test_a_changed_xml_gives_another_template() -> None:
    # The comparison can fail: one word more in the XML, or an alternative made plain text.
    xml = (DATA / "BSD-3-Clause.xml").read_text(encoding="utf-8")
    published = (DATA / "BSD-3-Clause.template.txt").read_text(encoding="utf-8")
    worded = xml.replace("without specific prior", "without any specific prior")
    assert what_matching_reads(spdx_xml.template(worded)) != what_matching_reads(published)
    plain = re.sub(r'<alt match="[^"]*" name="copyrightHolderLiability">', "", xml, count=1)
    plain = plain.replace("COPYRIGHT HOLDER OR CONTRIBUTORS</alt>", "COPYRIGHT HOLDER OR "
                          "CONTRIBUTORS", 1)
    assert what_matching_reads(spdx_xml.template(plain)) != what_matching_reads(published)


def test_parts_of_the_xml_become_template_parts() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<SPDXLicenseCollection xmlns="http://www.spdx.org/license">
  <license licenseId="X-1.0" name="X">
    <notes>about the license, not part of it</notes>
    <text>
      <titleText><p>X License</p></titleText>
      <copyrightText><p>Copyright (c) &lt;year&gt; &lt;owner&gt;</p></copyrightText>
      <list><item><bullet>1.</bullet> Keep <alt name="what" match="this|that">this</alt>
        notice<optional> intact</optional>.</item></list>
      <p>By "<alt name="q" match='.+'>A "quoted" name</alt>"</p>
    </text>
  </license>
</SPDXLicenseCollection>"""
    made = spdx_xml.template(xml)
    assert "about the license" not in made
    assert made.startswith("<<beginOptional>>")
    assert '<<var;name="copyright";original="Copyright (c) <year> <owner>";match=".{0,5000}">>' \
        in made
    assert '<<var;name="bullet";original="1.";match=".{0,20}">>' in made
    assert '<<var;name="what";original="this";match="this|that">>' in made
    assert "<<beginOptional>> intact<<endOptional>>" in made
    expanded = expand(made)
    # a value with quotes in it is read whole (SPDX writes values unescaped)
    assert [expanded.text[a:b] for a, b, _m in expanded.variables][-1] == 'A "quoted" name'


def test_an_exception_is_not_a_license() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<SPDXLicenseCollection xmlns="http://www.spdx.org/license">
  <exception licenseId="X-exception"><text><p>words</p></text></exception>
</SPDXLicenseCollection>"""
    with pytest.raises(spdx_xml.NotALicense):
        spdx_xml.template(xml)


def test_one_template_for_licenses_the_text_cannot_tell_apart() -> None:
    # What tells these apart is stated outside the text (a GNU "or any later version" notice,
    # MPL's Exhibit B, OFL's Reserved Font Name): the text alone is the base license.
    have = {p.name.split(".template")[0] for p in (ROOT / "rules" / "templates").glob("*.txt")}
    for base, variants in [("gpl-3.0-only", ["gpl-3.0-or-later"]),
                           ("lgpl-2.1-only", ["lgpl-2.1-or-later"]),
                           ("mpl-2.0", ["mpl-2.0-no-copyleft-exception"]),
                           ("ofl-1.1", ["ofl-1.1-rfn", "ofl-1.1-no-rfn"]),
                           ("gfdl-1.3-only", ["gfdl-1.3-invariants-only", "gfdl-1.3-or-later"])]:
        assert base in have and not set(variants) & have, (base, variants)
    # and a template that adds nothing to the text (no part beyond its title and copyright
    # line) is left out
    assert "bsd-3-clause-open-mpi" not in have and "cc-by-4.0" in have


# --- the standard license header ---------------------------------------------------------------


def _header_of(name: str) -> str | None:
    return spdx_xml.header((DATA / name).read_text(encoding="utf-8"))


def test_a_header_beside_the_text_is_the_notice_alone() -> None:
    # GPL-2.0-only's <standardLicenseHeader> stands in <license>, beside <text>.
    header = _header_of("GPL-2.0-only.xml")
    assert header is not None
    t = expand(header)
    words = _WORD.findall(t.text.lower())
    assert words[:3] == ["copyright", "c", "yyyy"]
    assert "published by the free software foundation version 2 this program" in " ".join(words)
    assert "terms and conditions" not in " ".join(words)  # nothing of the license text
    assert [m for _a, _b, m in t.variables] == [".+", ".{54,64}"]


def test_a_header_inside_the_text_is_found_there() -> None:
    # Apache-2.0 and MPL-2.0 print their header inside <text> (the appendix, Exhibit A).
    apache = _header_of("Apache-2.0.xml")
    assert apache is not None and apache.startswith('Copyright <<var;name="copyright"')
    assert "Licensed under the Apache License, Version 2.0" in apache
    assert "TERMS AND CONDITIONS" not in apache
    mpl = _header_of("MPL-2.0.xml")
    assert mpl == ("This Source Code Form is subject to the terms of the Mozilla Public License, "
                   "v. 2.0. If a copy of the MPL was not distributed with this file, You can "
                   "obtain one at http://mozilla.org/MPL/2.0/.\n")


def test_a_license_without_a_header_has_none() -> None:
    assert _header_of("MIT.xml") is None
    xml = (DATA / "MPL-2.0.xml").read_text(encoding="utf-8")
    empty = re.sub(r"<standardLicenseHeader>.*?</standardLicenseHeader>",
                   "<standardLicenseHeader> </standardLicenseHeader>", xml, flags=re.DOTALL)
    assert spdx_xml.header(empty) is None

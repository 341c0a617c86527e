"""The standard headers SPDX publishes (issue 11 item 1): a file that carries a license's
standard notice (rules/headers/, made from the License List XML's <standardLicenseHeader>) is
under that license by a notice, never by its text.

The header words below are copied from spdx/license-list-XML at the commit rules/headers names
(src/APSL-2.0.xml, src/GPL-2.0-or-later.xml, src/GPL-2.0-only.xml), filled in the places the
header leaves to the licensor (a name, a year), and edited inside the test for the adversarial
cases; the hunspell file is a verbatim real-world copy (tests/realworld/index.yml).
"""

from __future__ import annotations

import json
from pathlib import Path

from licscan.licenses.catalog import load_catalog
from licscan.matching import identify_text
from licscan.model import Detection, FileReport
from tests.helpers import run_cli

REALWORLD = Path(__file__).resolve().parent / "realworld" / "files"
HUNSPELL = REALWORLD / "hunspell--license.hunspell"

# src/APSL-2.0.xml, <standardLicenseHeader> (its optional quotes left out)
APSL_HEADER = """\
Portions Copyright (c) 1999-2007 Apple Inc. All Rights Reserved.

This file contains Original Code and/or Modifications of Original Code as defined in and that
are subject to the Apple Public Source License Version 2.0 (the 'License'). You may not use
this file except in compliance with the License. Please obtain a copy of the License at
http://www.opensource.apple.com/apsl/ and read it before using this file.

The Original Code and all software distributed under the License are distributed on an 'AS IS'
basis, WITHOUT WARRANTY OF ANY KIND, EITHER EXPRESS OR IMPLIED, AND APPLE HEREBY DISCLAIMS ALL
SUCH WARRANTIES, INCLUDING WITHOUT LIMITATION, ANY WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
PARTICULAR PURPOSE, QUIET ENJOYMENT OR NON-INFRINGEMENT. Please see the License for the
specific language governing rights and limitations under the License.
"""

# src/GPL-2.0-or-later.xml and src/GPL-2.0-only.xml, <standardLicenseHeader>, filled in
GPL_LATER_HEADER = """\
frobnicate - turns widgets into gadgets
Copyright (C) 2019 Jane Doe

This program is free software; you can redistribute it and/or
modify it under the terms of the GNU General Public License
as published by the Free Software Foundation; either version
2 of the License, or (at your option) any later version.

This program is distributed in the hope that it will be
useful, but WITHOUT ANY WARRANTY; without even the implied
warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR
PURPOSE. See the GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with this program; if not, write to the Free Software Foundation,
51 Franklin Street, Fifth Floor, Boston, MA 02110-1301, USA.
"""

GPL_ONLY_HEADER = """\
Copyright (C) 2019 Jane Doe

This program is free software; you can redistribute it and/or
modify it under the terms of the GNU General Public License
as published by the Free Software Foundation; version 2.

This program is distributed in the hope that it will be
useful, but WITHOUT ANY WARRANTY; without even the implied
warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR
PURPOSE. See the GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with this program; if not, write to the Free Software Foundation,
Inc., 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301, USA.
"""


def as_c_comment(text: str) -> str:
    body = "".join(f" * {line}".rstrip() + "\n" for line in text.splitlines())
    return f"/*\n{body} */\n\n#include <stdio.h>\n\nint main(void) {{ return 0; }}\n"


def notices(report: FileReport) -> list[Detection]:
    return [d for d in report.detections if d.kind == "notice"]


def plain(report: FileReport) -> bool:
    """Whether the report names its licenses as they are, with nothing left unexplained."""
    return not report.unexplained and all(
        d.status in ("exact", "match") for d in report.detections)


def test_the_hunspell_mpl_header_is_a_notice_of_mpl_1_1_over_its_lines() -> None:
    # license.hunspell is the comment block hunspell's sources start with: read as such.
    text = HUNSPELL.read_text(encoding="utf-8")
    report = identify_text(text, "hunspell.cxx")
    mpl = [d for d in report.detections if d.license_id == "mpl-1.1"]
    assert len(mpl) == 1
    found = mpl[0]
    assert found.kind == "notice"  # a header, never the license's text
    assert (found.span.start_line, found.span.end_line) == (6, 14)
    assert text[found.span.start:found.span.end].startswith("The contents of this file are")
    # The file says MPL-1.1's first two paragraphs, then its own: the notice is partial, and
    # the file's own GPL/LGPL choice is still accounted for (here: left unexplained).
    assert found.status == "partial"
    assert not any(d.license_id == "mpl-1.0" for d in report.detections)
    assert any("Alternatively" in p.text for p in report.unexplained)


def test_a_license_file_holding_only_a_header_and_other_text_stays_unknown() -> None:
    # As a license file, every word counts: a notice inside text nobody recognises does not
    # make the file the license (as for any notice); the message names what it states.
    report = identify_text(HUNSPELL.read_text(encoding="utf-8"), str(HUNSPELL))
    assert report.status == "unknown" and report.detections == ()
    assert report.message is not None and "mpl-1.1" in report.message
    assert report.unexplained


def test_an_apsl_header_is_a_notice_of_apsl_2_0(tmp_path: Path) -> None:
    path = tmp_path / "main.c"
    path.write_text(as_c_comment(APSL_HEADER), encoding="utf-8")
    run = run_cli("identify", "--format", "json", str(path))
    assert run.code == 0, run.err
    report = json.loads(run.out)["files"][0]
    assert report["status"] == "identified"
    assert [(d["license"], d["kind"], d["status"]) for d in report["detections"]] == [
        ("apsl-2.0", "notice", "exact")]
    assert report["unexplained"] == []


def test_a_header_alone_in_a_file_is_a_notice() -> None:
    report = identify_text(APSL_HEADER, "NOTICE-apsl.txt", kind="license")
    assert [(d.license_id, d.kind) for d in report.detections] == [("apsl-2.0", "notice")]


def test_gpl_headers_keep_only_and_or_later_apart() -> None:
    later = identify_text(as_c_comment(GPL_LATER_HEADER), "frob.c")
    only = identify_text(as_c_comment(GPL_ONLY_HEADER), "frob.c")
    assert [(d.license_id, d.kind) for d in later.detections] == [("gpl-2.0-or-later", "notice")]
    assert [(d.license_id, d.kind) for d in only.detections] == [("gpl-2.0-only", "notice")]
    assert plain(later) and plain(only)


def test_a_header_with_a_restriction_is_never_plain() -> None:
    restricted = [
        APSL_HEADER.replace("read it before using this file.",
                            "read it before using this file. This file may be used for "
                            "non-commercial research purposes only."),
        GPL_LATER_HEADER.replace("modify it under the terms",
                                 "modify it, for non-commercial purposes only, under the terms"),
        GPL_ONLY_HEADER.replace("version 2.", "version 2, provided that you do not use it "
                                "in any military application."),
    ]
    for text in restricted:
        for path, kind in (("frob.c", None), ("LICENSE", "license")):
            source = as_c_comment(text) if path.endswith(".c") else text
            report = identify_text(source, path, kind=kind)
            assert report.detections or report.unexplained, (path, text[:40])
            assert not plain(report), (path, [(d.license_id, d.status)
                                              for d in report.detections])


def test_a_license_text_that_prints_its_header_stays_one_text() -> None:
    # Apache-2.0's appendix and MPL-2.0's Exhibit A print the header: the text is the license,
    # the header inside it is not a second, separate notice.
    catalog = load_catalog()
    for lid in ("apache-2.0", "mpl-2.0"):
        report = identify_text(catalog.text(catalog.lookup(lid)), "LICENSE")
        assert [(d.license_id, d.kind, d.status) for d in report.detections] == [
            (lid, "text", "exact")], lid


def test_check_never_passes_a_header_cut_short(tmp_path: Path) -> None:
    # APSL-2.0's header without its warranty paragraph: a notice, and only part of it.
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: apsl-2.0\n---\n# A model\n",
                                     encoding="utf-8")
    (model / "LICENSE").write_text(APSL_HEADER.split("The Original Code and")[0],
                                   encoding="utf-8")
    run = run_cli("check", str(model))
    assert run.code == 1, run.out + run.err
    assert "LS304" in run.out and "of the apsl-2.0 standard notice" in run.out
    (model / "LICENSE").write_bytes(HUNSPELL.read_bytes())
    run = run_cli("check", str(model))
    assert run.code == 1, run.out + run.err
    assert "LS301" in run.out and "LS308" in run.out  # a notice in unknown text: unknown


def test_a_gnu_notice_the_statements_read_whole_is_no_partial_header() -> None:
    # Many GPL notices leave out the header's last paragraph ("You should have received a
    # copy ..."): the statements read such a notice in full, so it is not a header cut short.
    short = GPL_LATER_HEADER.split("You should have")[0]
    report = identify_text(as_c_comment(short), "frob.c")
    assert [(d.license_id, d.kind, d.status) for d in report.detections] == [
        ("gpl-2.0-or-later", "notice", "match")]
    assert report.unexplained == ()


def test_headers_are_data_with_provenance(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    rules = tmp_path / "rules"
    for kind in ("licenses", "templates", "headers", "revisions"):
        shutil.copytree(repo / "rules" / kind, rules / kind)
    headers = sorted((rules / "headers").glob("*.header.txt"))
    assert len(headers) >= 60
    for path in headers:
        meta = path.read_text(encoding="utf-8").split("---\n")[1]
        assert "repo: spdx/license-list-XML" in meta and "commit: " in meta, path
        assert "standardLicenseHeader" in meta, path
    ran = subprocess.run([sys.executable, str(repo / "scripts" / "import_rules.py"), "--check",
                          "--out", str(rules / "licenses")], capture_output=True, text=True,
                         timeout=300, cwd=repo)
    assert ran.returncode == 0, ran.stderr
    edited = rules / "headers" / "gpl-2.0-only.header.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "Foundation; version 2.", "Foundation; version 2, for research only."), encoding="utf-8")
    (rules / "headers" / "osl-3.0.header.txt").unlink()
    done = subprocess.run([sys.executable, str(repo / "scripts" / "import_rules.py"), "--check",
                           "--out", str(rules / "licenses")], capture_output=True, text=True,
                          timeout=300, cwd=repo)
    assert done.returncode == 1
    assert "headers/gpl-2.0-only.header.txt: differs from its source" in done.stderr
    assert "headers/osl-3.0.header.txt: missing" in done.stderr

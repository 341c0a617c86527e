"""Files that are not license texts: model cards, program source files and NOTICE files, read
the way they are written (licscan/matching/prose.py), through ``licscan identify`` and
``licscan check``.

The source files, NOTICE files and model cards are real ones from tests/realworld/files
(copied verbatim from public repositories; see tests/realworld/index.yml), saved under the
name they have in their repository. Edited copies add a restriction where a reader would not
look for one: a comment of a source file, a model card outside its License section, a NOTICE.
Each must block a pass; the unedited files, and plain descriptions, must not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from licscan.matching import identify_text
from licscan.matching.prose import (
    bearing_sentences,
    code_ranges,
    document_kind,
    license_bearing,
)
from tests.adversarial.helpers import (
    ADDED_TERMS,
    assert_fails,
    assert_passes,
    check,
    license_text,
    model_folder,
)
from tests.helpers import run_cli

REALWORLD = Path(__file__).resolve().parent / "realworld" / "files"
UNEXPLAINED = "LS308"
CONFLICT = "LS302"
RESTRICTION = "This model may not be used for commercial purposes."


def real(name: str) -> str:
    return (REALWORLD / name).read_text(encoding="utf-8")


def identify(*paths: Path) -> list[dict[str, Any]]:
    """``licscan identify --format json``: one report per file."""
    run = run_cli("identify", "--format", "json", *(str(p) for p in paths))
    assert run.code == 0, run.err
    files: list[dict[str, Any]] = json.loads(run.out)["files"]
    return files


def named(report: dict[str, Any]) -> set[str]:
    return {d["license"] for d in report["detections"]}


def unexplained(report: dict[str, Any]) -> str:
    return " | ".join(p["text"] for p in report["unexplained"])


def saved(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- source files -----------------------------------------------------------------------------


def test_source_files_are_named_by_their_headers_and_their_code_is_not_prose(
        tmp_path: Path) -> None:
    """Real files whose license is stated in a comment: the statement names it, the program
    code and a program description ("rmdir -- remove directories", "Written by ...") are not
    license text, so nothing is left unexplained."""
    cases = {
        "loopback_handler_linux.go": ("containerd--core--mount--loopback_handler_linux.go",
                                      {"apache-2.0"}),
        "rmdir.c": ("coreutils--src--rmdir.c", {"gpl-3.0-or-later"}),
        "kcompositejob.cpp": ("kcoreaddons--src--lib--jobs--kcompositejob.cpp",
                              {"lgpl-2.0-or-later"}),
        "DefiningClassLoader.java": (
            "rhino--rhino--src--main--java--org--mozilla--javascript--DefiningClassLoader.java",
            {"mpl-2.0"}),
        "chat_completion.py": ("llama-models--models--llama3--scripts--chat_completion.py",
                               {"llama3"}),
    }
    paths = [saved(tmp_path, name, real(source)) for name, (source, _ids) in cases.items()]
    reports = identify(*paths)
    for report, (name, (_source, ids)) in zip(reports, cases.items(), strict=True):
        assert report["status"] == "identified", (name, report["message"])
        assert named(report) == ids, name
        if name != "chat_completion.py":  # it also points at "the LICENSE file": see below
            assert report["unexplained"] == [], (name, unexplained(report))
    # "This source code is licensed under the terms described in the LICENSE file" names no
    # license: it stays for a person to read.
    assert "licensed under the terms described" in unexplained(reports[-1])


def test_a_proprietary_header_names_nothing_and_its_prohibition_stays(tmp_path: Path) -> None:
    """NVIDIA's proprietary header ('#' comment lines, one sentence across them): no license
    licscan knows, and "any use ... without an express license agreement ... is strictly
    prohibited" stays whole for a person to read."""
    report = identify(saved(tmp_path, "gen_samples.py", real("eg3d--eg3d--gen_samples.py")))[0]
    assert report["status"] == "unknown" and named(report) == set()
    assert "without an express license agreement from NVIDIA CORPORATION" in unexplained(report)
    assert "import" not in unexplained(report)


def test_the_same_source_text_as_a_license_file_is_held_to_every_word(tmp_path: Path) -> None:
    """What makes code not prose is the file's type: the Go file saved as a .txt is a page of
    text nobody recognises, not an Apache-2.0 file."""
    text = real("containerd--core--mount--loopback_handler_linux.go")
    report = identify(saved(tmp_path, "loopback_handler_linux.txt", text))[0]
    assert report["status"] == "unknown"
    assert "func LoopbackHandler" in unexplained(report)


def test_code_that_reads_like_terms_is_still_code(tmp_path: Path) -> None:
    """Identifiers and expressions are not sentences even when their words are a license's
    ('restricted', 'commercial'): only comments and strings are read for terms."""
    text = real("containerd--core--mount--loopback_handler_linux.go")
    code = ("func LoopbackHandler() Handler {\n"
            "\tif restricted && commercial.Use(permitted) { return nil }\n")
    edited = text.replace("func LoopbackHandler() Handler {\n", code, 1)
    assert edited != text
    report = identify(saved(tmp_path, "loopback_handler_linux.go", edited))[0]
    assert named(report) == {"apache-2.0"}
    assert report["unexplained"] == []


def test_a_restriction_in_a_source_comment_stays_unexplained(tmp_path: Path) -> None:
    text = real("containerd--core--mount--loopback_handler_linux.go")
    edited = text.replace("package mount\n", f"package mount\n\n// {RESTRICTION}\n", 1)
    assert edited != text
    report = identify(saved(tmp_path, "loopback_handler_linux.go", edited))[0]
    assert named(report) == {"apache-2.0"}
    assert RESTRICTION.rstrip(".") in unexplained(report)


def test_a_restriction_in_a_python_string_stays_unexplained(tmp_path: Path) -> None:
    """A license can be kept in a string (a docstring, LICENSE = "..."): strings are prose."""
    text = real("llama-models--models--llama3--scripts--chat_completion.py")
    edited = text.replace("from io import BytesIO", f'USAGE = "{RESTRICTION}"\n'
                          "from io import BytesIO", 1)
    assert edited != text
    report = identify(saved(tmp_path, "chat_completion.py", edited))[0]
    assert RESTRICTION.rstrip(".") in unexplained(report)


def test_code_ranges_follow_the_comment_syntax_of_the_extension() -> None:
    c = 'int x = 1; /* a comment */ char *s = "// not a comment"; // tail\nint y;'
    code = "".join(c[a:b] for a, b in code_ranges(c, "f.c"))
    assert "int x = 1;" in code and "int y;" in code
    assert "a comment" not in code and "not a comment" not in code and "tail" not in code
    py = 'x = 1  # note\ns = """doc\nstring"""\ny = 2\n'
    code = "".join(py[a:b] for a, b in code_ranges(py, "m.py"))
    assert "x = 1" in code and "y = 2" in code and "note" not in code and "doc" not in code
    assert code_ranges(py, "LICENSE") == []


def test_the_lexer_errs_only_towards_prose() -> None:
    """A misread quote (a Rust lifetime) or an unclosed string runs on as prose, and a
    here-document a script prints is prose: never a term dropped as code."""
    rust = "fn f<'a>(x: &'a str) -> &'a str { x } // For research purposes only.\nfn g() {}\n"
    code = "".join(rust[a:b] for a, b in code_ranges(rust, "lib.rs"))
    assert "research" not in code
    script = "cat <<EOF\nFor research purposes only.\nEOF\necho done\n"
    code = "".join(script[a:b] for a, b in code_ranges(script, "download.sh"))
    assert "research" not in code and "echo done" in code
    unclosed = 'x = "never closed\nFor research purposes only.\n'
    assert "research" not in "".join(unclosed[a:b] for a, b in code_ranges(unclosed, "m.py"))


def test_files_whose_text_outside_comments_is_prose_are_not_program_sources() -> None:
    """HTML, TeX, YAML: what is outside their comments is text a reader reads, and a file
    named as terms (LICENSE.py, TERMS.yml) is held to every word whatever its extension."""
    for name in ("page.html", "paper.tex", "config.yaml", "LICENSE.py", "TERMS.go"):
        assert document_kind(name) == "license", name
        assert code_ranges("a = 1 # For research purposes only.", name) == []


# --- model cards ------------------------------------------------------------------------------


def test_real_model_cards_name_their_licenses(tmp_path: Path) -> None:
    """A model card's description is not license text: its License section and statements are
    what names the license."""
    cases = {"whisper": ("whisper--README.md", {"mit"}),
             "Qwen": ("Qwen--README.md", {"apache-2.0", "tongyi-qianwen",
                                          "tongyi-qianwen-research"}),
             "DeepSeek-V3": ("DeepSeek-V3--README.md", {"mit"}),
             # "License: RAIL License v1.0 ([link](https://huggingface.co/spaces/bigscience/
             # license))": the link on a License line is the license it names
             "bloom": ("model_card--README.md", {"bigscience-bloom-rail-1.0"}),
             # "本仓库的代码依照 [Apache-2.0](https://www.apache.org/licenses/LICENSE-2.0) 协议开源"
             # (the code is open-sourced under the Apache-2.0 license)
             "ChatGLM2-6B": ("ChatGLM2-6B--README.md", {"apache-2.0"}),
             # its License section links "[Databricks Open Source License](<the page>)"
             "dbrx": ("dbrx--README.md", {"databricks-open-model"}),
             # links titled as the licenses of the models it can download, outside its License
             # section, are not the library's license
             "mistral-inference": ("mistral-inference--README.md", {"apache-2.0"})}
    paths = []
    for folder, (source, _ids) in cases.items():
        (tmp_path / folder).mkdir()
        paths.append(saved(tmp_path / folder, "README.md", real(source)))
    for report, (folder, (_source, ids)) in zip(identify(*paths), cases.items(), strict=True):
        assert named(report) == ids, folder
    # Qwen's commercial terms ("For commercial use, please contact us") are not explained by
    # naming the licenses: they stay for a person to read.
    assert "commercial use" in unexplained(identify(paths[1])[0])
    # ... and ChatGLM2's weights "需要遵循 [Model License]" (must follow the Model License),
    # in Chinese, stay too.
    assert "Model License" in unexplained(identify(paths[-3])[0])


def test_a_restriction_outside_the_license_section_stays_unexplained(tmp_path: Path) -> None:
    text = real("whisper--README.md")
    anchor = "## Setup"
    assert anchor in text
    edited = text.replace(anchor, f"{RESTRICTION}\n\n{anchor}", 1)
    report = identify(saved(tmp_path, "README.md", edited))[0]
    assert named(report) == {"mit"}
    assert RESTRICTION.rstrip(".") in unexplained(report)
    (tmp_path / "unedited").mkdir()
    plain = identify(saved(tmp_path / "unedited", "README.md", text))[0]
    assert named(plain) == {"mit"}
    assert RESTRICTION.rstrip(".") not in unexplained(plain)


def test_a_statement_beside_unexplained_text_names_a_license_only_outside_license_files(
        tmp_path: Path) -> None:
    """A model card is no license text, so what it states is reported with its unexplained
    restriction (both reach the gate). A LICENSE file holding only that is a page licscan does
    not recognise: it stays unknown rather than become the license it mentions."""
    text = f"This model is released under the MIT License. {RESTRICTION}\n"
    card = identify(saved(tmp_path, "README.md", text))[0]
    assert card["status"] == "identified" and named(card) == {"mit"}
    assert RESTRICTION.rstrip(".") in unexplained(card)
    license_file = identify(saved(tmp_path, "LICENSE", text))[0]
    assert license_file["status"] == "unknown" and named(license_file) == set()
    assert "it states mit" in license_file["message"]


def test_the_licensors_page_on_a_license_line_names_its_license(tmp_path: Path) -> None:
    """dbrx's card links the Databricks Open Model License at databricks.com/legal/
    open-model-license; on a card's License line that page names it."""
    text = real("dbrx--README.md")
    url = "https://www.databricks.com/legal/open-model-license"
    assert url in text
    card = f"# A DBRX fine-tune\n\nLicense: [Databricks Open Model License]({url})\n"
    assert named(identify(saved(tmp_path, "README.md", card))[0]) == {"databricks-open-model"}


def test_a_restriction_hidden_in_an_html_comment_stays_unexplained(tmp_path: Path) -> None:
    """Markup is not prose, but an HTML comment's text is: a term hidden in one outside the
    License section is read like any other sentence."""
    text = real("whisper--README.md")
    anchor = "## Setup"
    edited = text.replace(anchor, f"<!-- {RESTRICTION.rstrip('.')} -->\n\n{anchor}", 1)
    report = identify(saved(tmp_path, "README.md", edited))[0]
    assert RESTRICTION.rstrip(".") in unexplained(report)


@pytest.mark.parametrize("mention", [
    "Unlike the Llama 2 license, this release has no monthly-active-user clause.",
    "Our tool reads many licenses, for example the MIT License, the Apache License 2.0 and "
    "the GNU General Public License v3.0.",
    "2024-05-01: we no longer use the CC BY-NC 4.0 license for our older checkpoints.",
])
def test_a_mention_that_grants_nothing_establishes_no_license(tmp_path: Path,
                                                              mention: str) -> None:
    """In a model card, a license named in contrast, in a list of what a tool supports, or in
    news about a change grants nothing: it names no license for the file."""
    card = f"# A model\n\nA small model for tests.\n\n{mention}\n"
    report = identify(saved(tmp_path, "README.md", card))[0]
    assert named(report) == set(), mention


def test_a_derivative_originally_licensed_under_its_base_license_names_it(
        tmp_path: Path) -> None:
    """"Derived from Llama 3.1, which is originally licensed under the Llama 3.1 license" is
    lineage: the base's terms bind the derivative. "Originally" alone is history, and grants
    nothing now."""
    text = real("DeepSeek-R1--README.md")
    report = identify(saved(tmp_path, "README.md", text))[0]
    assert named(report) == {"mit", "apache-2.0", "llama3.1", "llama3.3"}
    history = "# A model\n\nThe weights were originally licensed under CC BY-NC 4.0.\n"
    (tmp_path / "history").mkdir()
    report = identify(saved(tmp_path / "history", "README.md", history))[0]
    assert named(report) == set()
    assert "originally licensed" in unexplained(report)


def test_readme_kind_comes_from_the_name_unless_the_caller_says() -> None:
    assert document_kind("README.md") == "readme"
    assert document_kind("docs/README_zh.md") == "readme"
    assert document_kind("readme--mit.md") == "license"
    assert document_kind("README.md", readme=False) == "license"  # a card's license_link
    assert document_kind("LICENSE", readme=True) == "readme"
    assert document_kind("NOTICE") == document_kind("NOTICE.txt") == "notice"
    assert document_kind("src/x.go") == document_kind("Makefile") == "source"
    assert document_kind("LICENSE.md") == document_kind("COPYING") == "license"
    with pytest.raises(ValueError, match="kind must be one of"):
        identify_text("text", kind="poem")


# --- NOTICE files -----------------------------------------------------------------------------


def test_notice_files_name_what_they_state_and_keep_their_export_warning(
        tmp_path: Path) -> None:
    """Attribution lines are the NOTICE convention; the export-control paragraph grants
    nothing but restricts use and transfer, so it stays for a person to read."""
    (tmp_path / "docker").mkdir()
    (tmp_path / "spdy").mkdir()
    docker = identify(saved(tmp_path / "docker", "NOTICE", real("cli--NOTICE")))[0]
    assert named(docker) == {"mit"}
    assert "subject to certain restrictions" in unexplained(docker)
    assert "This product includes software developed" not in unexplained(docker)
    (tmp_path / "rhino").mkdir()
    rhino = identify(saved(tmp_path / "rhino", "NOTICE-tools.txt",
                           real("rhino--NOTICE-tools.txt")))[0]
    assert "mpl-2.0" in named(rhino)  # "Rhino is licensed subject to the terms of the MPL"
    spdy = identify(saved(tmp_path / "spdy", "NOTICE",
                          real("containerd--moby--spdystream--NOTICE")))[0]
    assert named(spdy) == {"bsd-3-clause"}
    assert "This product includes software developed" not in unexplained(spdy)


def test_a_restriction_inside_a_notice_stays_unexplained(tmp_path: Path) -> None:
    text = real("containerd--moby--spdystream--NOTICE")
    anchor = "Modifications Copyright"
    edited = text.replace(anchor, f"{RESTRICTION}\n\n{anchor}", 1)
    assert edited != text
    report = identify(saved(tmp_path, "NOTICE", edited))[0]
    assert RESTRICTION.rstrip(".") in unexplained(report)


# --- the one notion of a license-bearing sentence --------------------------------------------


@pytest.mark.parametrize("sentence", [
    RESTRICTION, "For research purposes only.", "You agree not to distribute the weights.",
    "The weights are released under the Acme Model License.", "License: Acme-NC",
    "Use and transfer may be subject to certain restrictions by the United States.",
    "Do not use this model for medical advice.", "This code is MIT-licensed.",
    "You will pay Acme 5% of the revenue of any product built with this model.",
    "Services with more than 700 million monthly active users need a separate agreement.",
    "本模型仅供学术研究使用，不得用于商业用途。",  # for academic research only, not commercial
    "Model weights: CC BY-NC 4.0",  # names a license, though in no grant licscan reads
])
def test_sentences_that_grant_or_restrict_are_license_bearing(sentence: str) -> None:
    assert license_bearing(sentence)


@pytest.mark.parametrize("sentence", [
    "You can use the following commands to create the environment.",
    "Detects and reads vehicle license plates in street images.",
    "See [LICENSE](https://example.org/LICENSE) for further details.",
    "To access it, please review and agree to the license and click below.",
    "Written by David MacKenzie.", "rmdir -- remove directories",
    "Written by David MacKenzie <djm@ai.mit.edu>.", "# plain-mit",  # 'mit' inside a word
])
def test_descriptions_and_pointers_are_not_license_bearing(sentence: str) -> None:
    assert not license_bearing(sentence)


def test_bearing_sentences_split_a_passage() -> None:
    passage = "Click below to ask for access. The model is for research purposes only."
    assert bearing_sentences(passage) == ["The model is for research purposes only."]


# --- licscan check on a model folder --------------------------------------------------------


def test_check_fails_on_a_restriction_outside_the_license_section(tmp_path: Path,
                                                                  hub_env: dict[str, str]) -> None:
    body = (f"A small model for tests. {RESTRICTION}\n\n## License\n\n"
            "The model is released under the MIT License.\n")
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")},
                          body=body)
    assert_fails(check(str(folder), env=hub_env), {UNEXPLAINED})


def test_check_passes_a_card_whose_prose_only_describes(tmp_path: Path,
                                                        hub_env: dict[str, str]) -> None:
    body = ("A small model for tests. You can use the following commands to run it.\n\n"
            "## License\n\nThe model is released under the MIT License.\n")
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")},
                          body=body)
    assert_passes(check(str(folder), env=hub_env))


def test_a_license_section_naming_another_license_is_a_conflict(tmp_path: Path,
                                                                hub_env: dict[str, str]) -> None:
    """Issue 11 item 4, through the README's License section: the card's metadata says mit,
    the section puts the weights under Llama 3.1 terms."""
    body = ("A chat model.\n\n## License\n\nThe code is released under the MIT License. The "
            "weights are licensed under the Llama 3.1 Community License.\n")
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")},
                          body=body)
    answer = check(str(folder), env=hub_env)
    assert_fails(answer, {CONFLICT})
    assert "llama3.1" in answer.license_ids


def test_a_section_that_names_a_license_and_keeps_a_restriction_never_passes(
        tmp_path: Path, hub_env: dict[str, str]) -> None:
    """The statement is reported and the restriction beside it is still unexplained: both
    findings, never a pass under the license the statement names."""
    body = ("A small model.\n\n## License\n\nThe weights are released under the MIT License. "
            "For commercial use, please contact us.\n")
    folder = model_folder(tmp_path, {"license": "mit"}, {"LICENSE": license_text("mit")},
                          body=body)
    answer = check(str(folder), env=hub_env)
    assert_fails(answer, ADDED_TERMS)
    assert answer.license_ids == {"mit"}


def test_check_fails_on_a_restriction_in_a_notice(tmp_path: Path, hub_env: dict[str, str]) -> None:
    notice = real("containerd--moby--spdystream--NOTICE") + f"\n{RESTRICTION}\n"
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"), "NOTICE": notice})
    assert_fails(check(str(folder), env=hub_env), {UNEXPLAINED})


def test_check_passes_a_notice_of_attributions(tmp_path: Path, hub_env: dict[str, str]) -> None:
    """The control: Docker's NOTICE without its export-control paragraph is attributions and
    the MIT statement of the code it names, which the policy allows beside Apache-2.0."""
    text = real("cli--NOTICE")
    cut = text.index("The following is courtesy of our legal counsel")
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"), "NOTICE": text[:cut]})
    answer = check(str(folder), env=hub_env)
    assert_passes(answer)
    assert answer.license_ids == {"apache-2.0", "mit"}


def test_check_fails_on_a_notice_that_points_at_an_unread_patent_grant(
        tmp_path: Path, hub_env: dict[str, str]) -> None:
    """The real spdystream NOTICE names BSD-3-Clause and says a patent grant is in a file
    licscan has not read: the statement is reported, the pointer goes to a person."""
    notice = real("containerd--moby--spdystream--NOTICE")
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"), "NOTICE": notice})
    answer = check(str(folder), env=hub_env)
    assert "bsd-3-clause" in answer.license_ids
    assert_fails(answer, {UNEXPLAINED})
    assert "patent grant" in str(answer)


def test_check_passes_a_notice_of_attributions_only(tmp_path: Path,
                                                    hub_env: dict[str, str]) -> None:
    """Apache Commons Lang's NOTICE names its project, its copyright and "This product includes
    software developed at The Apache Software Foundation": the convention, no terms, so it is
    no license licscan failed to recognise."""
    notice = real("commons-lang--NOTICE.txt")
    report = identify(saved(tmp_path, "NOTICE.txt", notice))[0]
    assert report["status"] == "copyright-only" and report["unexplained"] == []
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"), "NOTICE.txt": notice})
    answer = check(str(folder), env=hub_env)
    assert_passes(answer)
    assert answer.license_ids == {"apache-2.0"}


def test_check_keeps_a_copyright_file_without_a_license_a_finding(
        tmp_path: Path, hub_env: dict[str, str]) -> None:
    """The exemption is for NOTICE files: a COPYRIGHT file of copyright lines only is still a
    license-bearing file that names no license."""
    notice = real("commons-lang--NOTICE.txt")
    folder = model_folder(tmp_path, {"license": "apache-2.0"},
                          {"LICENSE": license_text("apache-2.0"), "COPYRIGHT": notice})
    assert_fails(check(str(folder), env=hub_env), {"LS301"})

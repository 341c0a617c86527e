"""Each normalisation step alone, and the whole pipeline's promises."""

from __future__ import annotations

import pytest

from licscan.matching.normalize import (
    TEXT_STEPS,
    strip_bullets_and_numbering,
    strip_copyright_lines,
    strip_headings,
    strip_markup,
    strip_title_line,
    tokenize,
    unify_quotes_and_dashes,
    unify_spelling,
)


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(("name", "step"), TEXT_STEPS)
def test_text_steps_keep_length_and_lines(name: str, step: object) -> None:
    sample = (
        "# The MIT License\n\n**Copyright (c) 2024 Foo**\n\n1. Definitions. <b>bold</b> "
        "[link](http://x.org) &amp; more\n  (a) sub-clause\n- bullet\n"
    )
    out = step(sample)  # type: ignore[operator]
    assert len(out) == len(sample), name
    assert out.count("\n") == sample.count("\n"), name


def test_strip_markup_removes_tags_entities_and_link_targets() -> None:
    out = strip_markup(
        '<p>Use <a href="x">the</a> [Software](https://example.org/x) &amp; docs</p>'
    )
    assert words(out) == ["Use", "the", "[Software]", "docs"]


def test_strip_headings_keeps_heading_words() -> None:
    assert words(strip_headings("## 2. Grant of License\n> quoted")) == [
        "2.",
        "Grant",
        "of",
        "License",
        "quoted",
    ]


def test_strip_bullets_and_numbering() -> None:
    text = "1. Definitions.\n  (a) first\nb) second\n- third\n* fourth\niv. fifth\n1.1 keep"
    out = strip_bullets_and_numbering(text)
    assert words(out) == [
        "Definitions.",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "1.1",
        "keep",
    ]


def test_numbers_inside_sentences_are_kept() -> None:
    assert "2.0" in strip_bullets_and_numbering("Apache License, Version 2.0")


def test_strip_copyright_lines() -> None:
    text = (
        "Copyright (c) 2024 Foo\n(C) 2020 Bar\n© Baz\nAll rights reserved.\nPermission is granted"
    )
    assert words(strip_copyright_lines(text)) == ["Permission", "is", "granted"]


def test_license_sentences_starting_with_copyright_are_kept() -> None:
    text = "copyright notice that is included in the work\n(c) You must retain notices"
    assert strip_copyright_lines(text) == text


def test_strip_title_line_removes_generic_titles_only() -> None:
    assert words(strip_title_line("MIT License\n\nPermission is")) == ["Permission", "is"]
    versioned = "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version"
    assert strip_title_line(versioned) == versioned, "a title with a version tells versions apart"


def test_quotes_and_dashes() -> None:
    assert (
        unify_quotes_and_dashes("“Licensor’s” — non‑exclusive") == '"Licensor\'s" - non-exclusive'
    )


def test_spelling_is_unified() -> None:
    assert unify_spelling("licence") == "license"
    assert unify_spelling("authorised") == "authorized"
    assert unify_spelling("https") == "http"
    assert unify_spelling("license") == "license"


def test_tokenize_keeps_versions_whole_and_offsets_true() -> None:
    text = "Llama 3.1 Version Release Date: July 23, 2024"
    tokens = tokenize(text)
    assert tokens.words == ("llama", "3.1", "version", "release", "date", "july", "23", "2024")
    for word, start, end in zip(tokens.words, tokens.starts, tokens.ends, strict=True):
        assert text[start:end].lower() == word


def test_same_license_in_different_dress_tokenises_the_same() -> None:
    plain = "Permission is hereby granted, free of charge, to any person obtaining a copy"
    dressed = (
        "## Permission  is hereby\r\ngranted, **free** of charge — to any person obtaining a copy"
    )
    assert (
        tokenize(plain).words
        == tokenize(dressed.replace("\r\n", "\n")).words[: len(tokenize(plain).words)]
    )

"""Property tests: what must hold for *any* input, not just the hand-picked ones.

Why: licscan reads text written by strangers (license files, model cards) and by users (policy
files, expressions). The example-based tests pin behaviour on known inputs; these generate
inputs to check the promises every module makes whatever it is given:

- normalisation never raises, keeps length and line count, and its token offsets point at
  the token's text;
- identification never raises, reports values in range with spans inside the text, and keeps
  a reference text identified under layout, case and line-ending changes;
- the policy loader answers a ``Policy`` or a ``PolicyError``, nothing else, and always loads
  a policy built from allowed values;
- expressions parse to the ids they were built from, and ``render()`` round-trips;
- model-card parsing never raises and refuses alias bombs and deep nesting with a problem.

Every test runs with ``derandomize=True`` and no example database, so CI sees the same inputs
on every run. The explicit examples are the bugs this file found (and that were then fixed):
PyYAML exceptions and RecursionError escaping the YAML loaders, mixed-type keys, NaN
thresholds, quadratic markup stripping, re-wrapped clause numbers read as modifications, and
empty parentheses in expressions.
"""

from __future__ import annotations

import json
import math
import re
import string
import textwrap
import time
from itertools import pairwise
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from licscan.errors import PolicyError, UnknownLicenseError
from licscan.licenses import LicenseLeaf, load_catalog, parse_expression
from licscan.licenses.expression import leaves
from licscan.matching import identify_bytes, identify_text
from licscan.matching.normalize import (
    TEXT_STEPS,
    as_read,
    normalize_text,
    tokenize,
    unify_quotes_and_dashes,
    unify_spelling,
)
from licscan.matching.reader import decode_bytes
from licscan.model import DETECTION_STATUSES, FILE_STATUSES, BaseModelRef, FileReport
from licscan.policy.loader import parse_policy
from licscan.policy.model import DEFAULT_FINDINGS, DEFAULT_TERMS, Policy
from licscan.sources.card import base_models, is_repo_id, parse_card


def _settings(examples: int) -> settings:
    """Deterministic, database-free settings; ``deadline=None`` because the first call of a
    matching test loads the reference index (seconds), which is not what is measured here."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        report_multiple_bugs=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _bug_settings(examples: int) -> settings:
    """For the strict-xfail tests of known bugs: the explicit examples, then a few generated
    ones, and no shrinking (a failure is expected; shrinking it would only cost time)."""
    return settings(_settings(examples), phases=[Phase.explicit, Phase.generate])


# --------------------------------------------------------------------------------------------
# Shared strategies
# --------------------------------------------------------------------------------------------

# Any character a Python str can hold and UTF-8 can encode: control characters included,
# surrogates excluded (they cannot come out of a decoder).
ANY_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs",))
# Characters the normalisation steps and the line logic single out.
SPECIAL_CHARS = st.sampled_from(
    list("\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00\ufeff\u00a0\u202f\u2009")
    + list("‘’‚‛′`´“”„″‐‑‒–—―−")
    + list("<>&;#*-+•·▪◦()[]{}/\\!_.,:'\"=|~^")
    + ["İ", "ß", "ﬁ", "Σ", "ǅ", "١", "²", "Ⅻ", "\u0301"]
)
MARKUP_FRAGMENTS = st.sampled_from([
    "<", ">", "</", "/>", "<b>", "</b>", "<a href='x'>", "<!--", "-->", "<p\n>", "<br/>",
    "&amp;", "&#169;", "&#x2014;", "&nbsp", "&", "[", "]", "](", "](http://x.org/(a))", ")",
    "(", "```", "~~~", "```python\n", "\n```\n", "#", "## ", "###### ", "> ", ">>> ", "- ",
    "* ", "+ ", "• ", "1. ", "1.1.2) ", "(a) ", "iv. ", "(iv) ", "\n", "\n\n", "\t", " ",
    "Copyright (c) 2024 Foo", "(c) 1999", "© ", "All rights reserved.", "copyright notice",
    "MIT License\n", "The Licence ", "LICENSE\n", "version 3.1", "v2", "licence", "Licences",
    "organisation", "https://", "http://example.org", "3.1.4", "x.5", "_", "__init__",
])
# Text that leans on what normalisation matches: markup, headings, numbering, copyright.
MARKUPISH_TEXT = st.lists(
    st.one_of(MARKUP_FRAGMENTS, st.text(ANY_CHAR, max_size=8), SPECIAL_CHARS), max_size=60
).map("".join)


# Long runs of one fragment: regexes that backtrack show up here as a hang.
MARKUP_RUNS = st.tuples(
    st.lists(MARKUP_FRAGMENTS, min_size=1, max_size=3).map("".join),
    st.integers(min_value=1_000, max_value=4_000),
).map(lambda pair: pair[0] * pair[1])
ARBITRARY_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=400), st.text(SPECIAL_CHARS, max_size=200), MARKUPISH_TEXT
)

CATALOG = load_catalog()
# Real licenses whose reference texts exist, of different shapes: short notices, long
# copyleft, AI model licenses with numbered clauses, Creative Commons.
REFERENCE_IDS = ("mit", "bsd-3-clause", "apache-2.0", "llama3.1", "cc-by-4.0", "gpl-3.0-only",
                 "deepseek")
REFERENCE_TEXTS = {lid: CATALOG.text(CATALOG.lookup(lid)) for lid in REFERENCE_IDS}
assert all(REFERENCE_TEXTS.values()), "every reference id must have its text in rules/"


@st.composite
def license_soup(draw: st.DrawFn) -> str:
    """Pieces of real license texts, cut anywhere, shuffled, mixed with noise: text that takes
    the matcher down its similarity path instead of the exact-hash shortcut."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["slice", "lines", "noise", "whole"]))
        text = REFERENCE_TEXTS[draw(st.sampled_from(REFERENCE_IDS))]
        if kind == "whole":
            parts.append(text)
        elif kind == "slice":
            a = draw(st.integers(0, len(text)))
            b = draw(st.integers(a, min(len(text), a + 6_000)))
            parts.append(text[a:b])
        elif kind == "lines":
            lines = text.splitlines()[:150]
            parts.append("\n".join(draw(st.permutations(lines))))
        else:
            parts.append(draw(ARBITRARY_TEXT))
    return draw(st.sampled_from(["\n", "\n\n", " ", ""])).join(parts)


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------


@_settings(300)
@given(st.one_of(ARBITRARY_TEXT, MARKUPISH_TEXT))
@example("a\rb\r\nc\u2028d\x85e")
@example("<a\nhref='x'>\n&amp;\n")
@example("Copyright\u00a9 2024\n(c) 1999 x\n  1. (a) iv) - * text")
def test_text_steps_keep_length_and_newlines(text: str) -> None:
    for name, step in TEXT_STEPS:
        out = step(text)
        assert len(out) == len(text), name
        assert out.count("\n") == text.count("\n"), name
    whole = normalize_text(text)
    assert len(whole) == len(text)
    assert whole.count("\n") == text.count("\n")
    unified = unify_quotes_and_dashes(text)
    assert len(unified) == len(text)
    assert unified.count("\n") == text.count("\n")


@_settings(15)
@given(MARKUP_RUNS)
def test_huge_markup_runs_normalise_quickly(text: str) -> None:
    start = time.perf_counter()
    for _name, step in TEXT_STEPS:
        assert len(step(text)) == len(text)
    tokenize(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"normalising {len(text):,} characters took {elapsed:.1f} s"


@pytest.mark.parametrize("text", ["<!--" * 8_000, "\n" * 12_000, " \n" * 8_000],
                         ids=["unclosed-comments", "blank-lines", "space-lines"])
def test_long_runs_of_blank_lines_and_unclosed_comments_are_linear(text: str) -> None:
    start = time.perf_counter()
    normalize_text(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.25, f"normalising {len(text):,} characters took {elapsed:.2f} s"


def _check_tokens(text: str) -> None:
    tokens = tokenize(text)
    assert len(tokens.words) == len(tokens.starts) == len(tokens.ends) == len(tokens)
    previous_end = 0
    for word, start, end in zip(tokens.words, tokens.starts, tokens.ends, strict=True):
        assert previous_end <= start < end <= len(text)
        assert word, "an empty token"
        # the word as it reads: invisible characters out, compatibility forms folded ("\ufb00")
        assert unify_spelling(as_read(text[start:end]).lower()) == word, (text[start:end], word)
        previous_end = end


@_settings(300)
@given(st.one_of(ARBITRARY_TEXT, MARKUPISH_TEXT))
@example("Licence LICENCES Organisation HTTPS://x 3.1.4 İstanbul ß")
@example("_a_b_ 1.2.3.x __init__")
def test_token_offsets_point_at_the_token(text: str) -> None:
    _check_tokens(text)


@_settings(15)
@given(license_soup())
def test_token_offsets_on_license_text(text: str) -> None:
    _check_tokens(text)


# --------------------------------------------------------------------------------------------
# Identification
# --------------------------------------------------------------------------------------------


def _in_unit(value: float) -> bool:
    return not math.isnan(value) and 0.0 <= value <= 1.0


def _check_report(report: FileReport, text: str) -> None:
    """Every value in range, every span and line inside ``text``."""
    assert report.status in FILE_STATUSES
    lines = text.count("\n") + 1
    if report.status != "identified":
        assert report.detections == ()
    else:
        assert report.detections
    for det in report.detections:
        assert det.status in DETECTION_STATUSES
        assert CATALOG.get(det.license_id) is not None
        for name in ("confidence", "coverage", "similarity"):
            assert _in_unit(getattr(det, name)), (name, getattr(det, name))
        span = det.span
        assert 0 <= span.start < span.end <= len(text), span
        assert 1 <= span.start_line <= span.end_line <= lines, span
        assert span.start_line == text.count("\n", 0, span.start) + 1
        assert span.end_line == text.count("\n", 0, span.end) + 1
        for diff in det.differences:
            assert diff.kind in ("inserted", "removed", "replaced")
            assert 1 <= diff.line <= lines, diff
    spans = [d.span for d in report.detections]
    assert all(a.start <= b.start for a, b in pairwise(spans)), "detections out of order"


@_settings(120)
@given(st.one_of(ARBITRARY_TEXT, license_soup()))
@example("")
@example("   \n\t ")
@example("Copyright (c) 2024 Foo\n(c) 2020 Bar\n")
def test_identify_text_never_raises_and_stays_in_range(text: str) -> None:
    _check_report(identify_text(text), text)


BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]


@st.composite
def arbitrary_bytes(draw: st.DrawFn) -> bytes:
    """Raw bytes, or license soup in some encoding, behind any (or no) byte-order mark."""
    kind = draw(st.sampled_from(["raw", "encoded"]))
    if kind == "raw":
        body = draw(st.binary(max_size=600))
    else:
        text = draw(st.one_of(license_soup(), ARBITRARY_TEXT))
        codec = draw(st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "latin-1",
                                      "cp1252"]))
        body = text.encode(codec, errors="replace")
        if draw(st.booleans()):
            body = body.replace(b"\n", b"\r\n")
        if draw(st.booleans()):
            body = body[: draw(st.integers(0, len(body)))]  # cut mid-character
    return draw(st.sampled_from(BOMS)) + body


@_settings(100)
@given(arbitrary_bytes(), st.sampled_from([None, 64, 4096]))
@example(b"\xff\xfe\x41", None)  # odd UTF-16 body
@example(b"\xef\xbb\xbf\xe2\x82", None)  # UTF-8 BOM then a cut character
@example(b"caf\xc3", 3)  # the cap cuts a character
def test_identify_bytes_never_raises_and_stays_in_range(data: bytes, limit: int | None) -> None:
    kwargs = {} if limit is None else {"limit": limit}
    report = identify_bytes(data, "x", **kwargs)
    decoded = decode_bytes(data, **kwargs)
    if decoded.text is None:
        assert report.status == "binary"
        return
    assert "\r" not in decoded.text
    _check_report(report, decoded.text)


# Layout changes that leave every word and its order alone.
def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else line for line in text.split("\n"))


def _rewrap(text: str, width: int) -> str:
    """Refill every paragraph (blank-line separated) to ``width`` columns."""
    paragraphs = re.split(r"\n[ \t]*\n", text)
    return "\n\n".join(textwrap.fill(p, width, break_on_hyphens=False, break_long_words=False)
                       for p in paragraphs)


LAYOUT_CHANGES = st.one_of(
    st.builds(lambda n: lambda t: t.replace("\n", "\n" * n), st.integers(2, 4)),
    st.builds(lambda p: lambda t: _indent(t, p), st.sampled_from(["  ", "    ", "\t", " \t "])),
    st.builds(lambda s: lambda t: "\n".join(line + s for line in t.split("\n")),
              st.sampled_from([" ", "   ", "\t"])),
    st.builds(lambda n: lambda t: "\n" * n + t + "\n" * n, st.integers(1, 5)),
    st.just(lambda t: re.sub(r"(?<=\S) (?=\S)", "  ", t)),
)
CASE_CHANGES = st.sampled_from([str.upper, str.lower])


def _identified_as(report: FileReport, license_id: str) -> None:
    assert report.status == "identified", (report.status, report.message)
    found = [(d.license_id, d.status) for d in report.detections]
    assert len(report.detections) == 1, found
    det = report.detections[0]
    assert (det.license_id, det.status in ("exact", "match")) == (license_id, True), [
        (d.kind, d.text, d.reference_text, d.reason) for d in det.substantive_differences
    ]


@_settings(40)
@given(st.sampled_from(REFERENCE_IDS), st.lists(LAYOUT_CHANGES, min_size=1, max_size=3))
def test_identity_survives_layout_changes(license_id: str, changes: list[Any]) -> None:
    text = REFERENCE_TEXTS[license_id]
    for change in changes:
        text = change(text)
    _identified_as(identify_text(text), license_id)


@_settings(30)
@given(st.sampled_from(REFERENCE_IDS), CASE_CHANGES, st.lists(LAYOUT_CHANGES, max_size=2))
def test_identity_survives_case_changes(license_id: str, case: Any, changes: list[Any]) -> None:
    text = case(REFERENCE_TEXTS[license_id])
    for change in changes:
        text = change(text)
    _identified_as(identify_text(text), license_id)


@_settings(30)
@given(st.sampled_from(REFERENCE_IDS), st.lists(LAYOUT_CHANGES, max_size=2),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_identity_survives_crlf(license_id: str, changes: list[Any], codec: str) -> None:
    text = REFERENCE_TEXTS[license_id]
    for change in changes:
        text = change(text)
    report = identify_bytes(text.replace("\n", "\r\n").encode(codec), "LICENSE")
    _identified_as(report, license_id)


@_bug_settings(30)
@given(st.sampled_from(REFERENCE_IDS),
       st.one_of(st.integers(40, 120), st.just(10**6)))  # 10**6: the whole paragraph on a line
@example("gpl-3.0-only", 60)
@example("apache-2.0", 10**6)
def test_identity_survives_rewrapping(license_id: str, width: int) -> None:
    text = _rewrap(REFERENCE_TEXTS[license_id], width)
    _identified_as(identify_text(text), license_id)


# --------------------------------------------------------------------------------------------
# Policy loader
# --------------------------------------------------------------------------------------------

YAML_FRAGMENTS = st.sampled_from([
    "version", "version: 1", "1", "1.0", "true", "null", "~", ".nan", ".inf", "-", "- ", ":",
    ": ", "[", "]", "{", "}", ",", "&a ", "*a", "*b", "&b ", "<<: ", "!!str ",
    "!!python/object ", "!!set ", "!!binary ", "!!omap ", "? ", "|", ">", "'", '"', "#", "\n",
    "\n  ", "\n    ", "  ", "\t", "---", "...", "%YAML 1.1\n", "context", "use", "commercial",
    "licenses", "allow", "deny", "mit", "categories", "permissive", "exceptions", "model",
    "waive", "expires", "2024-02-30", "2025-01-01", "min_confidence", "territories", "EU",
    "terms", "findings", "\x00", "\ufeff", "\u2028", "é",
])
YAMLISH_TEXT = st.one_of(
    st.lists(YAML_FRAGMENTS, max_size=40).map("".join),
    st.text(ANY_CHAR, max_size=200),
)

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(ANY_CHAR, max_size=12),
    st.sampled_from(["allow", "deny", "warn", "review", "obligation", "mit", "apache-2.0",
                     "commercial", "internal", "US", "EU", "2025-01-01", "LS100", "all"]),
)
POLICY_KEYS = st.sampled_from([
    "version", "name", "description", "context", "min_confidence", "findings", "categories",
    "licenses", "terms", "exceptions", "use", "distribution", "monthly_active_users",
    "monthly_revenue_usd", "annual_revenue_usd", "territories", "trains_on_outputs",
    "fields_of_use", "multimodal", "allow", "warn", "review", "deny", "model", "waive", "reason",
    "approved_by", "expires", "revision", "permissive", "unknown", "lineage",
    "user_threshold", "$schema",
])
STR_KEYS = st.one_of(POLICY_KEYS, st.text(ANY_CHAR, max_size=8))
ANY_KEYS = st.one_of(STR_KEYS, st.integers(), st.booleans(), st.none(), st.floats())


def json_like(keys: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda children: st.one_of(st.lists(children, max_size=4),
                                   st.dictionaries(keys, children, max_size=5)),
        max_leaves=25,
    )


def _policy_or_policy_error(text: str) -> Policy | None:
    """The loader's contract: a Policy or a PolicyError (returned as None), nothing else."""
    try:
        policy = parse_policy(text, "p.yaml")
    except PolicyError as exc:
        assert exc.message.startswith("p.yaml"), exc.message
        return None
    assert isinstance(policy, Policy)
    return policy


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


# Tags whose constructors PyYAML lets raise IndexError/ValueError/KeyError on odd scalars
# (exercised by test_tagged_scalars_are_yaml_errors).
BAD_TAG_SCALARS = st.tuples(
    st.sampled_from(["!!int", "!!float", "!!bool"]),
    st.sampled_from(["", " ''", " _", " 0x", " 0b", " 0o", " .", " :", " 1_", " -_"]),
).map("".join)


@_settings(300)
@given(YAMLISH_TEXT)
@example("version: 1\n<<: [*a]\n")
@example("&a {x: *a}")
@example("version: 1\nmin_confidence: !!float 1e400\n")
def test_policy_loader_on_yamlish_text(text: str) -> None:
    _policy_or_policy_error(text)


@_settings(200)
@given(json_like(STR_KEYS), st.booleans())
def test_policy_loader_on_json_like_values(value: Any, versioned: bool) -> None:
    if versioned and isinstance(value, dict):
        value = {"version": 1, **value}  # get past the first check into the schema
    _policy_or_policy_error(_dump(value))


@_bug_settings(60)
@given(st.dictionaries(ANY_KEYS, json_like(ANY_KEYS), max_size=5))
@example({"context": {1: "a", "foo": "b"}})
@example({"licenses": {"allow": ["mit"], 3: ["x"], "z": 1}})
def test_policy_loader_with_non_string_keys(value: dict[Any, Any]) -> None:
    _policy_or_policy_error(_dump({"version": 1, **value}))


@_bug_settings(30)
@given(BAD_TAG_SCALARS, st.sampled_from(["policy", "card"]))
@example("!!int", "policy")
@example("!!int 0x", "card")
@example("!!bool ''", "card")
def test_tagged_scalars_are_yaml_errors(scalar: str, where: str) -> None:
    """Odd tagged scalars either read ('!!int 1_' is 1 in YAML 1.1) or are a named problem;
    PyYAML's own ValueError/IndexError/KeyError never escape."""
    if where == "policy":
        _policy_or_policy_error(f"version: 1\nname: {scalar}\n")
    else:
        card, problem = _check_card(f"---\nlicense: mit\nx: {scalar}\n---\n")
        assert problem is not None or card.get("license") == "mit"


DEEP_YAML = st.tuples(
    st.sampled_from([("[", "]"), ("{a: ", "}"), ("[{a: ", "}]")]), st.integers(100, 3_000)
).map(lambda pair: f"version: 1\nx: {pair[0][0] * pair[1]}{pair[0][1] * pair[1]}\n")


@_bug_settings(10)
@given(DEEP_YAML)
@example("version: 1\nx: " + "[" * 1000 + "]" * 1000 + "\n")
def test_policy_loader_refuses_deep_nesting(text: str) -> None:
    assert _policy_or_policy_error(text) is None


@_bug_settings(60)
@given(st.dictionaries(st.sampled_from(["min_confidence", "context"]),
                       st.one_of(SCALARS, st.fixed_dictionaries(
                           {}, optional={"monthly_revenue_usd": SCALARS,
                                         "annual_revenue_usd": SCALARS,
                                         "monthly_active_users": SCALARS})),
                       max_size=2))
@example({"min_confidence": math.nan})
def test_loaded_policy_respects_schema_bounds(value: dict[str, Any]) -> None:
    policy = _policy_or_policy_error(_dump({"version": 1, **value}))
    if policy is None:
        return
    assert _in_unit(policy.min_confidence), policy.min_confidence
    for name in ("monthly_revenue_usd", "annual_revenue_usd", "monthly_active_users"):
        amount = getattr(policy.context, name)
        assert amount is None or amount >= 0, (name, amount)


DECISIONS = ["allow", "warn", "review", "deny"]
TERM_DECISIONS = ["allow", "obligation", "warn", "review", "deny"]
CATEGORIES = ["permissive", "public-domain", "weak-copyleft", "copyleft", "network-copyleft",
              "non-commercial", "research-only", "responsible-ai", "custom-ai",
              "source-available", "proprietary", "restricted", "unknown"]
FIELDS = ["military", "weapons", "surveillance", "law-enforcement", "justice-immigration",
          "medical-advice", "legal-advice", "automated-decisions", "discrimination",
          "disinformation", "harm-to-minors", "critical-infrastructure", "illegal-activity",
          "harassment", "privacy-violation", "impersonation", "vulnerable-groups",
          "regulated-professions", "biometrics"]
# What YAML can carry (its printable set has no C0/C1 controls, DEL or non-characters; JSON
# passes DEL through raw, which YAML then refuses, so neither form may contain them).
YAML_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co"),
                          include_characters="\t\n")
FREE_TEXT = st.text(YAML_CHAR, min_size=1, max_size=20)
DATES = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)
AMOUNTS = st.one_of(st.integers(0, 10**15), st.floats(0, 1e15))


def _subset(options: list[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(options), st.sampled_from(DECISIONS), max_size=5)


@st.composite
def valid_policies(draw: st.DrawFn) -> dict[str, Any]:
    """A policy whose every value is one the schema allows."""
    optional = {
        "name": FREE_TEXT,
        "description": st.text(YAML_CHAR, max_size=40),
        "context": st.fixed_dictionaries({}, optional={
            "use": st.sampled_from(["commercial", "non-commercial", "research"]),
            "distribution": st.sampled_from(["internal", "hosted-service",
                                             "redistribute-weights"]),
            "monthly_active_users": st.integers(0, 10**12),
            "monthly_revenue_usd": AMOUNTS,
            "annual_revenue_usd": AMOUNTS,
            "territories": st.lists(st.from_regex(r"[A-Z]{2}", fullmatch=True), unique=True,
                                    max_size=5),
            "trains_on_outputs": st.booleans(),
            "fields_of_use": st.lists(st.sampled_from(FIELDS), unique=True, max_size=4),
            "multimodal": st.booleans(),
        }),
        "min_confidence": st.floats(0, 1),
        "findings": _subset(list(DEFAULT_FINDINGS)),
        "categories": _subset(CATEGORIES),
        "licenses": st.fixed_dictionaries({}, optional={
            # Ids the catalog knows: an unknown id is a policy error (it would decide nothing).
            d: st.lists(st.sampled_from(["mit", "Apache-2.0", "llama3.1", "gemma", "llama",
                                         "cc-by-nc-4.0", "GPL-3.0-only", "deepseek"]),
                        unique=True, max_size=4)
            for d in DECISIONS
        }),
        "terms": st.dictionaries(st.sampled_from(list(DEFAULT_TERMS)),
                                 st.sampled_from(TERM_DECISIONS), max_size=5),
        "exceptions": st.lists(st.fixed_dictionaries(
            {
                "model": FREE_TEXT,
                "waive": st.lists(st.from_regex(r"all|LS[0-9]{3}|[a-z_]+", fullmatch=True),
                                  min_size=1, max_size=3, unique=True),
                "reason": st.sampled_from(["legal-approved", "license-acquired",
                                           "not-distributed", "research-only-use",
                                           "false-positive", "other"]),
                "approved_by": FREE_TEXT,
                "expires": DATES,
            },
            optional={"revision": FREE_TEXT, "justification": st.text(YAML_CHAR, max_size=30),
                      "ticket": st.text(YAML_CHAR, max_size=10)},
        ), max_size=3),
    }
    policy: dict[str, Any] = {"version": 1}
    for key, strategy in optional.items():
        if draw(st.booleans()):
            policy[key] = draw(strategy)
    return policy


@_settings(150)
@given(valid_policies(), st.sampled_from(["yaml", "json"]))
def test_valid_policy_always_loads(data: dict[str, Any], form: str) -> None:
    text = _dump(data) if form == "yaml" else json.dumps(data, ensure_ascii=False)
    policy = parse_policy(text, "valid.yaml")
    context = data.get("context", {})
    assert policy.context.use == context.get("use", "commercial")
    assert policy.context.territories == tuple(context.get("territories", ()))
    assert policy.min_confidence == data.get("min_confidence", 0.9)
    for decision, ids in data.get("licenses", {}).items():
        for lid in ids:
            assert lid.lower() in policy.licenses
            assert DECISIONS.index(policy.licenses[lid.lower()]) >= DECISIONS.index(decision)
    for key, decision in data.get("terms", {}).items():
        assert policy.terms[key] == decision
    assert [e.expires.isoformat() for e in policy.exceptions] == [
        e["expires"] for e in data.get("exceptions", [])
    ]


# --------------------------------------------------------------------------------------------
# License expressions
# --------------------------------------------------------------------------------------------

_SYMBOL_SAFE = re.compile(r"^[^\s()]+$")
LICENSE_NAMES = sorted(
    name for name, lid in CATALOG.index.items()
    if _SYMBOL_SAFE.match(name) and not CATALOG.lookup(lid).exception
    and name not in ("and", "or", "with")
)
EXCEPTION_NAMES = sorted(
    name for name, lid in CATALOG.index.items()
    if _SYMBOL_SAFE.match(name) and CATALOG.lookup(lid).exception
)


def _case(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.upper(), name.lower()])


@st.composite
def leaf_expr(draw: st.DrawFn) -> tuple[str, list[tuple[str, str | None]]]:
    name = draw(st.sampled_from(LICENSE_NAMES))
    text = draw(_case(name))
    exception = None
    if draw(st.integers(0, 4)) == 0:
        exception = draw(st.sampled_from(EXCEPTION_NAMES))
        text = f"{text} {draw(st.sampled_from(['WITH', 'with']))} {draw(_case(exception))}"
    return text, [(CATALOG.index[name], CATALOG.index[exception] if exception else None)]


def _combine(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    @st.composite
    def node(draw: st.DrawFn) -> tuple[str, list[tuple[str, str | None]]]:
        parts = draw(st.lists(children, min_size=2, max_size=3))
        op = draw(st.sampled_from(["AND", "OR", "and", "or"]))
        text = f" {op} ".join(f"({t})" for t, _ in parts)
        ids = [pair for _, found in parts for pair in found]
        return text, ids

    return node()


EXPRESSIONS = st.recursive(leaf_expr(), _combine, max_leaves=8)


def _leaf_ids(node: Any) -> list[tuple[str, str | None]]:
    return [(leaf.entry.id, leaf.exception.id if leaf.exception else None)
            for leaf in leaves(node)]


@_settings(300)
@given(EXPRESSIONS)
def test_expressions_parse_to_their_ids_and_round_trip(expr: Any) -> None:
    text, ids = expr
    parsed = parse_expression(text)
    assert _leaf_ids(parsed) == ids
    rendered = parsed.render()
    again = parse_expression(rendered)
    assert _leaf_ids(again) == ids
    assert again.render() == rendered


@_settings(200)
@given(st.sampled_from(LICENSE_NAMES))
def test_every_symbol_safe_name_parses_to_its_entry(name: str) -> None:
    parsed = parse_expression(name)
    assert isinstance(parsed, LicenseLeaf)
    assert parsed.entry.id == CATALOG.index[name]
    assert parse_expression(parsed.render()) == parsed


EXPRESSION_NOISE = st.lists(
    st.one_of(
        st.sampled_from(["AND", "OR", "WITH", "and", "with", "(", ")", " ", "+", "/", ",",
                         "mit", "MIT", "apache-2.0", "llama3.1", "GPL-2.0+", "gpl-2.0-or-later",
                         "classpath-exception-2.0", "LicenseRef-", "LicenseRef-x", "DocumentRef-",
                         ":", "\t", "\n", "Apache License 2.0", "other", "unknown", "\x00"]),
        st.text(ANY_CHAR, max_size=6),
    ),
    max_size=12,
).map("".join)




@_settings(300)
@given(st.one_of(EXPRESSION_NOISE, st.text(ANY_CHAR, max_size=40)))
@example("()")
@example("")
@example("mit WITH apache-2.0")
@example("classpath-exception-2.0")
@example("classpath-exception-2.0 WITH mit")
@example("mit AND")
@example("(mit")
@example("mit) OR (apache-2.0")
def test_arbitrary_expressions_parse_or_raise_unknown_license(text: str) -> None:
    try:
        parsed = parse_expression(text)
    except UnknownLicenseError:
        return
    assert leaves(parsed)
    for leaf in leaves(parsed):
        assert CATALOG.get(leaf.entry.id) == leaf.entry


@_bug_settings(20)
@given(st.sampled_from(["()", "(())", "() AND mit", "mit AND ()", "( )", "mit OR (())"]))
@example("()")
def test_empty_parentheses_raise_unknown_license(text: str) -> None:
    with pytest.raises(UnknownLicenseError):
        parse_expression(text)


# --------------------------------------------------------------------------------------------
# Model cards
# --------------------------------------------------------------------------------------------

CARD_WRAPPERS = st.sampled_from([
    "---\n{}\n---\n# body\n", "---\r\n{}\r\n---\r\n", "\ufeff---\n{}\n---", "  \n---  \n{}\n---",
    "{}", "---\n{}", "---\n{}\n---\n---\n", "---\n---\n{}",
])


def _card(wrapper: str, body: str) -> str:
    return wrapper.replace("{}", body, 1)


def _check_card(text: str) -> tuple[dict[str, Any], str | None]:
    result = parse_card(text)
    assert isinstance(result, tuple) and len(result) == 2
    card, problem = result
    assert isinstance(card, dict)
    assert problem is None or (isinstance(problem, str) and problem)
    assert all(isinstance(k, str) for k in card)
    if problem is not None:
        assert card == {}
    return card, problem


def _check_bases(card: dict[str, Any], tags: tuple[str, ...]) -> None:
    refs = base_models(card, tags)
    assert isinstance(refs, tuple)
    for ref in refs:
        assert isinstance(ref, BaseModelRef)
        assert is_repo_id(ref.repo_id)
        assert ref.relation in (None, "adapter", "merge", "quantized", "finetune")
        assert ref.source in ("card", "tags")
    keys = [ref.repo_id.lower() for ref in refs]
    assert len(keys) == len(set(keys)), "a base model listed twice"


TAGS = st.lists(st.one_of(
    st.text(ANY_CHAR, max_size=20),
    st.builds(lambda rel, rid: f"base_model:{rel}{rid}",
              st.sampled_from(["", "adapter:", "merge:", "quantized:", "finetune:", "other:"]),
              st.one_of(st.from_regex(r"[a-z]{1,5}/[a-z0-9.-]{1,8}", fullmatch=True),
                        st.text(ANY_CHAR, max_size=10))),
), max_size=6).map(tuple)


@_settings(300)
@given(CARD_WRAPPERS, YAMLISH_TEXT, TAGS)
@example("---\n{}\n---\n", "base_model: [a/b, a/b, A/B]\nbase_model_relation: merge", ())
@example("---\n{}\n---\n", "? [a]\n: 1", ())
@example("---\n{}\n---\n", "&a [*a]", ())
def test_card_text_never_raises(wrapper: str, body: str, tags: tuple[str, ...]) -> None:
    card, _problem = _check_card(_card(wrapper, body))
    _check_bases(card, tags)


CARD_VALUES = st.fixed_dictionaries({}, optional={
    "license": json_like(STR_KEYS),
    "base_model": st.one_of(json_like(STR_KEYS),
                            st.lists(st.from_regex(r"[a-z]{1,4}/[a-z]{1,4}", fullmatch=True))),
    "base_model_relation": st.one_of(st.sampled_from(["adapter", "merge", "quantized",
                                                      "finetune", "other"]), SCALARS),
    "tags": json_like(STR_KEYS),
})


@_settings(200)
@given(CARD_WRAPPERS, st.one_of(json_like(STR_KEYS), CARD_VALUES), TAGS)
def test_card_from_json_like_values_never_raises(wrapper: str, value: Any,
                                                  tags: tuple[str, ...]) -> None:
    card, _problem = _check_card(_card(wrapper, _dump(value).rstrip("\n")))
    _check_bases(card, tags)
    _check_bases(value if isinstance(value, dict) else {}, tags)  # values as the Hub gives them


def _alias_bomb(width: int, levels: int) -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines)


@_settings(25)
@given(st.integers(4, 12), st.integers(4, 12))
@example(9, 9)  # the "billion laughs": 9**10 items if expanded
def test_alias_bombs_are_refused_not_expanded(width: int, levels: int) -> None:
    if width**levels < 60_000:  # small enough to be an honest card
        levels += 6
    start = time.perf_counter()
    card, problem = _check_card(f"---\nlicense: mit\n{_alias_bomb(width, levels)}\n---\n")
    assert problem is not None and "too large" in problem
    assert card == {}
    assert time.perf_counter() - start < 5.0


@_settings(15)
@given(st.sampled_from([("[", "]"), ("{a: ", "}"), ("[{a: ", "}]")]), st.integers(41, 300))
def test_moderately_deep_cards_are_refused(pair: tuple[str, str], depth: int) -> None:
    opener, closer = pair
    card, problem = _check_card(f"---\nx: {opener * depth}{closer * depth}\n---\n")
    assert problem is not None and card == {}


@_bug_settings(10)
@given(st.sampled_from([("[", "]"), ("{a: ", "}")]), st.integers(1_000, 5_000))
@example(("[", "]"), 1_000)
def test_very_deep_cards_are_refused(pair: tuple[str, str], depth: int) -> None:
    opener, closer = pair
    card, problem = _check_card(f"---\nx: {opener * depth}{closer * depth}\n---\n")
    assert problem is not None and card == {}


@_settings(40)
@given(st.integers(1, 200), st.sampled_from(string.ascii_lowercase))
def test_block_style_cards_within_limits_parse(depth: int, key: str) -> None:
    body = "\n".join("  " * i + f"{key}{i}:" for i in range(depth)) + " 1"
    card, problem = _check_card(f"---\n{body}\n---\n")
    if depth <= 40:  # yamlsafe.MAX_DEPTH
        assert problem is None and f"{key}0" in card
    else:
        assert problem is not None

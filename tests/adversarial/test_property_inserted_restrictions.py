"""Class 9 (property): a restrictive sentence inserted anywhere in a common license never
passes (issue 10, "Tests").

Any sentence of a bank of restrictions, inserted between any two words or lines of any of 20
common reference texts, under a card declaring that license, must fail (or be unevaluable)
under the policy, because of the text: a modified, unexplained, unrecognised or conflicting
license. The control first shows every plain copy passes under the same policy, so a failure
can only come from the inserted sentence.

In-process (``licscan.engine.check_targets``) to stay cheap: a subprocess per example would
cost seconds each.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from licscan.engine import check_targets
from licscan.model import Verdict
from licscan.policy.loader import parse_policy
from licscan.policy.model import Policy
from licscan.sources import SourceOptions
from tests.adversarial.helpers import CORP, license_text, model_folder

# (card license, catalog text): the Hub id a card would carry, and the reference text's id.
LICENSES: tuple[tuple[str, str], ...] = (
    ("mit", "mit"),
    ("apache-2.0", "apache-2.0"),
    ("bsd-3-clause", "bsd-3-clause"),
    ("bsd-2-clause", "bsd-2-clause"),
    ("isc", "isc"),
    ("mpl-2.0", "mpl-2.0"),
    ("lgpl-3.0", "lgpl-3.0"),
    ("gpl-3.0", "gpl-3.0"),
    ("cc-by-4.0", "cc-by-4.0"),
    ("cc0-1.0", "cc0-1.0"),
    ("unlicense", "unlicense"),
    ("zlib", "zlib"),
    ("bsl-1.0", "bsl-1.0"),
    ("artistic-2.0", "artistic-2.0"),
    ("epl-2.0", "epl-2.0"),
    ("creativeml-openrail-m", "creativeml-openrail-m"),  # the catalog has no bare openrail-m
    ("llama3.1", "llama3.1"),
    ("gemma", "gemma-tou-2025-03-24"),  # the family's current terms text
    ("bigscience-openrail-m", "bigscience-openrail-m"),
    ("apache-1.1", "apache-1.1"),
)

RESTRICTIONS: tuple[str, ...] = (
    "This license permits non-commercial use only.",
    "The Software may be used for research purposes only.",
    "No use in the European Union is permitted.",
    "Use for any military purpose is prohibited.",
    "The licensor may revoke this license at any time.",
    "This license does not apply to companies with more than 50 employees.",
    "Commercial use requires a separate written agreement with the licensor.",
    "You may not use the outputs of this model to train other models.",
    "Redistribution of the model weights is not permitted.",
    "This license terminates automatically on 31 December 2026.",
)

# Failing because of the text: unrecognised, conflict, modified, partial, unexplained.
TEXT_RULES = frozenset({"LS301", "LS302", "LS303", "LS304", "LS308"})
_serial = itertools.count()


@pytest.fixture(scope="module")
def policy() -> Policy:
    return property_policy()


@lru_cache(maxsize=1)
def property_policy() -> Policy:
    """corp.yaml with copyleft allowed, so that every plain copy of the 20 passes."""
    data = yaml.safe_load(CORP.read_text(encoding="utf-8"))
    data["categories"]["copyleft"] = "allow"
    return parse_policy(yaml.safe_dump(data, sort_keys=False), "corp.yaml, copyleft allowed")


def judge(root: Path, policy: Policy, cases: list[tuple[str, str]]) -> list[Verdict]:
    """Verdicts for one folder per (card license, LICENSE text)."""
    folders = [model_folder(root, {"license": card}, {"LICENSE": text},
                            name=f"case-{next(_serial)}")
               for card, text in cases]
    return check_targets([str(f) for f in folders], SourceOptions(), policy, jobs=1)


def describe(verdict: Verdict) -> str:
    return f"{verdict.status}: " + "; ".join(f"{r.rule} {r.severity} {r.message[:120]}"
                                             for r in verdict.reasons)


def test_every_plain_copy_passes(tmp_path: Path, policy: Policy) -> None:
    verdicts = judge(tmp_path, policy, [(card, license_text(text)) for card, text in LICENSES])
    for (card, _), verdict in zip(LICENSES, verdicts, strict=True):
        assert verdict.status in ("pass", "warn"), f"{card}: {describe(verdict)}"


def gaps(text: str) -> list[int]:
    """Every place between two words or lines, plus the very start and end."""
    return [0, *(m.start() for m in re.finditer(r"\s+", text)), len(text)]


@st.composite
def edited_licenses(draw: st.DrawFn) -> tuple[str, str, str]:
    card, text_id = draw(st.sampled_from(LICENSES))
    text = license_text(text_id)
    where = draw(st.sampled_from(gaps(text)))
    sentence = draw(st.sampled_from(RESTRICTIONS))
    separator = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return card, text[:where] + separator + sentence + separator + text[where:], sentence


@pytest.fixture(scope="module")
def cases_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("inserted")


@settings(max_examples=50, deadline=None, derandomize=True, database=None,
          phases=(Phase.explicit, Phase.generate),  # no shrinking: each example costs a check
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=edited_licenses())
def test_inserted_restriction_never_passes(cases_root: Path,
                                           case: tuple[str, str, str]) -> None:
    card, text, sentence = case
    (verdict,) = judge(cases_root, property_policy(), [(card, text)])
    assert verdict.status in ("fail", "error"), f"{card} + {sentence!r}: {describe(verdict)}"
    if verdict.status == "fail":
        failing = {r.rule for r in verdict.reasons if r.severity == "error"}
        assert failing & TEXT_RULES, f"{card} + {sentence!r}: {describe(verdict)}"

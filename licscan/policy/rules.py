"""Stable rule ids: every reason licscan gives has one, and it never changes meaning.

Why stable ids: CI systems track alerts across runs by rule id (SARIF, JUnit), and policy
exceptions waive by id; renumbering would silently re-open or waive the wrong things.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import TypedDict


@dataclass(frozen=True)
class Rule:
    id: str
    name: str  # the policy key it answers to (terms.*, findings.*) or a short slug
    summary: str
    help: str  # what to do


def _load_rules() -> dict[str, Rule]:
    """The rule table, in the order reports list it. Why a data file: the summaries and the
    help are prose for people (SARIF and ``explain`` show them), not code."""
    text = resources.files("licscan.policy").joinpath("rules.json").read_text("utf-8")
    return {rule_id: Rule(rule_id, **fields) for rule_id, fields in json.loads(text).items()}


RULES: dict[str, Rule] = _load_rules()

BY_NAME = {rule.name: rule for rule in RULES.values()}

# The rule of every finding kind and every AI term. Why TypedDicts: mypy checks each lookup
# (``FINDING_RULES[finding.kind]``) against the ``FindingKind`` / ``TermName`` vocabularies and
# each table for a missing key, so a kind without a rule is a type error, not a KeyError (exit 3)
# in the middle of a run.
class FindingRules(TypedDict):
    unknown: Rule
    unrecognized: Rule
    conflict: Rule
    modified: Rule
    partial: Rule
    low_confidence: Rule
    unverifiable: Rule
    lineage: Rule
    unexplained: Rule
    could_not_evaluate: Rule
class TermRules(TypedDict):
    user_threshold: Rule
    output_training_ban: Rule
    territorial_exclusion: Rule
    field_of_use_ban: Rule
    non_commercial: Rule
    research_only: Rule
    naming_requirement: Rule
    attribution: Rule
    notice_file: Rule
    remote_restriction: Rule
    flow_down: Rule
    acceptable_use_policy: Rule
    license_copy: Rule
FINDING_RULES = FindingRules(
    unknown=RULES["LS300"], unrecognized=RULES["LS301"], conflict=RULES["LS302"],
    modified=RULES["LS303"], partial=RULES["LS304"], low_confidence=RULES["LS305"],
    unverifiable=RULES["LS306"], lineage=RULES["LS307"], unexplained=RULES["LS308"],
    could_not_evaluate=RULES["LS500"])
TERM_RULES = TermRules(
    user_threshold=RULES["LS200"], output_training_ban=RULES["LS201"],
    territorial_exclusion=RULES["LS202"], field_of_use_ban=RULES["LS203"],
    non_commercial=RULES["LS204"], research_only=RULES["LS205"],
    naming_requirement=RULES["LS206"], attribution=RULES["LS207"],
    remote_restriction=RULES["LS208"], flow_down=RULES["LS209"],
    acceptable_use_policy=RULES["LS210"], notice_file=RULES["LS211"], license_copy=RULES["LS212"])


"""Stable rule ids: every reason licscan gives has one, and it never changes meaning.

Why stable ids: CI systems track alerts across runs by rule id (SARIF, JUnit), and policy
exceptions waive by id; renumbering would silently re-open or waive the wrong things.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict


@dataclass(frozen=True)
class Rule:
    id: str
    name: str  # the policy key it answers to (terms.*, findings.*) or a short slug
    summary: str
    help: str  # what to do


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("LS100", "license_not_allowed", "The license is not allowed by the policy",
         "Use a model under an allowed license, or add the license or its category to the "
         "policy's allow list after legal review, or add an exception."),
    Rule("LS101", "license_listed", "The policy lists this license for denial or review",
         "Use a model under another license, or add an exception with an approver and expiry."),
    Rule("LS102", "category_decision", "The policy decides this license's category",
         "Use a model under an allowed category, or record a legal decision as an exception."),
    Rule("LS200", "user_threshold", "Our users or revenue reach the license's threshold",
         "Obtain a license from the licensor, or add an exception citing it."),
    Rule("LS201", "output_training_ban", "The license forbids training other models on outputs",
         "Stop using outputs to train other models, or choose another model."),
    Rule("LS202", "territorial_exclusion", "The license excludes our territory",
         "Do not use the model in the excluded territory, or obtain a grant from the licensor."),
    Rule("LS203", "field_of_use_ban", "The license bans one of our fields of use",
         "Do not use the model for that purpose, or choose another model."),
    Rule("LS204", "non_commercial", "The license forbids commercial use, and our use is",
         "Choose a model licensed for commercial use, or obtain a commercial license."),
    Rule("LS205", "research_only", "The license allows only research use, and ours is not",
         "Use it for research only, or obtain a commercial license."),
    Rule("LS206", "naming_requirement", "Derived models must carry the licensor's name",
         "Name any model you derive and distribute as the license requires."),
    Rule("LS207", "attribution", "The license requires a displayed attribution",
         "Display the required text where the license says (product, website, docs)."),
    Rule("LS208", "remote_restriction", "The licensor may restrict use remotely",
         "Accept the risk in the policy or choose a model without this term."),
    Rule("LS209", "flow_down", "Use restrictions must be passed on to recipients",
         "Include the use restrictions as enforceable terms in your terms of use."),
    Rule("LS210", "acceptable_use_policy", "An acceptable-use policy applies",
         "Review the use policy and keep uses within it; the licensor may update it."),
    Rule("LS211", "notice_file", "A NOTICE file with given text must ship with the model",
         "Ship a NOTICE file with the required text alongside the model."),
    Rule("LS212", "license_copy", "Recipients must get a copy of the license",
         "Ship the license text with the model or any derivative."),
    Rule("LS213", "include_copyright", "Copyright and license notices must be kept",
         "Keep the copyright and license notices in copies you distribute."),
    Rule("LS214", "document_changes", "Changes must be marked",
         "Mark the files you changed in copies you distribute."),
    Rule("LS215", "share_alike", "Derived works must stay under the same license",
         "Release derived works under the same license and offer their source."),
    Rule("LS300", "unknown", "Nothing establishes the license",
         "Ask the model's owner for a license, or do not use it: no license is no permission."),
    Rule("LS301", "unrecognized", "The declared license is not one licscan recognises",
         "Have the license text reviewed, then add an exception or a licenses entry."),
    Rule("LS302", "conflict", "The card, tags and files disagree about the license",
         "Find out which is right (the text binds) and ask the owner to fix the card."),
    Rule("LS303", "modified", "The license text is a known license with changes",
         "Read the quoted change: the license is not the one it resembles."),
    Rule("LS304", "partial", "Only part of a license text is present",
         "Get the full license text from the licensor or the repository's owner."),
    Rule("LS305", "low_confidence", "The license text was identified with low confidence",
         "Have a person confirm which license the file holds."),
    Rule("LS306", "unverifiable", "Part of the license evidence could not be read",
         "Provide a token with access (gated repos) or network access, and run again."),
    Rule("LS307", "lineage", "A derivative declares less than its base model imposes",
         "Treat the model as bound by its base's license; ask the owner to fix the card."),
    Rule("LS308", "unexplained", "A license-bearing file holds text licscan cannot account for",
         "Read the quoted passage: it may add terms. Have a person decide, then record the "
         "decision as an exception."),
    Rule("LS400", "exception_applied", "A policy exception waived a reason",
         "Nothing to do until the exception expires."),
    Rule("LS401", "expired_exception", "A policy exception for this model has expired",
         "Renew the exception with a new approval, or stop using the model."),
    Rule("LS600", "license_changed", "The effective license changed since the model was locked",
         "Review the new license; if it is acceptable, run 'licscan lock' to approve it."),
    Rule("LS601", "license_text_changed", "A license file or the card's license fields changed",
         "Read the changed file; if it is acceptable, run 'licscan lock' to approve it."),
    Rule("LS602", "base_changed", "The base models or their licenses changed since the lock",
         "Review the new lineage; if it is acceptable, run 'licscan lock' to approve it."),
    Rule("LS603", "not_locked", "The model is not in the lockfile",
         "Approve it with 'licscan lock', or remove it from the project."),
    Rule("LS700", "dataset_license", "The policy decides the license of training data",
         "Read the dataset's terms and decide whether the model may be used; record the "
         "decision as an exception (waive dataset_license), or choose another model."),
    Rule("LS701", "dataset_unknown", "Nothing establishes the license of training data",
         "Find out the dataset's terms (ask its owner); record the decision as an exception "
         "(waive dataset_unknown), or choose another model."),
    Rule("LS702", "dataset_non_commercial",
         "The model was trained on non-commercial data, and our use is commercial",
         "Have a person decide whether the data's terms reach the model; record the decision "
         "as an exception (waive dataset_non_commercial), or choose another model."),
    Rule("LS703", "dataset_research_only",
         "The model was trained on research-only data, and our use is not research",
         "Have a person decide whether the data's terms reach the model; record the decision "
         "as an exception (waive dataset_research_only), or choose another model."),
    Rule("LS500", "could_not_evaluate", "The model could not be evaluated",
         "Fix the cause in the message (network, token, repo id) and run again."),
)}

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


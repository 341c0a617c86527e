"""Model-card front matter and what it says about licenses and base models.

Why careful parsing: a card is written by anyone. Its YAML may not be a mapping, may nest
absurdly or use aliases to blow up when walked, and its keys may have the wrong types; the Hub's
own client passes all of that through. Here a card that cannot be used becomes an empty mapping
plus a ``card_problem`` sentence the report shows, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from licscan import yamlsafe
from licscan.model import BASE_RELATIONS, BaseModelRef, BaseRelation, SourceProblem, in_vocabulary

_FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def parse_card(text: str) -> tuple[dict[str, Any], str | None]:
    """(front matter, problem). No front matter is not a problem; a broken one is."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, None
    try:
        data = yamlsafe.load(match.group(1))
    except yaml.YAMLError as exc:
        line = yamlsafe.problem_line(exc)
        where = f" (line {line + 1})" if line is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, f"the model card's YAML front matter is invalid{where}: {problem}"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"the model card's front matter is a {type(data).__name__}, not a mapping"
    if not yamlsafe.within_bounds(data):
        return {}, "the model card's front matter is too large or too deeply nested to read"
    return {str(k): v for k, v in data.items()}, None


def base_models(card: dict[str, Any], tags: tuple[str, ...]) -> tuple[BaseModelRef, ...]:
    """Bases from the card's ``base_model`` (one or a list) and the Hub's ``base_model:`` tags."""
    return read_lineage(card, tags)[0]


def read_lineage(
    card: dict[str, Any], tags: tuple[str, ...]
) -> tuple[tuple[BaseModelRef, ...], tuple[SourceProblem, ...]]:
    """Bases, and every declared base that cannot be read as a repo id, as a problem.

    Why never drop one: a base's terms bind the derivative, so a ``base_model`` written as a
    Hub URL is read as the id it names, and one that is a mapping, empty, a number, or not a repo
    id is an 'unverifiable' problem; in a list, the good entries are kept and the bad reported.
    """
    ids, problems = _card_ids(card, "base_model", base_model_id, "base_model {entry} cannot be "
                              "read as a repo id: {why}; the terms of the model it derives from "
                              "cannot be checked")
    relation = in_vocabulary(card.get("base_model_relation"), BASE_RELATIONS)
    if relation is None:
        relation = "merge" if len(ids) > 1 else None
    found: dict[str, BaseModelRef] = {}
    for repo_id in ids:
        found.setdefault(repo_id.lower(), BaseModelRef(repo_id, relation, "card"))
    for tag in tags:
        if not tag.startswith("base_model:"):
            continue
        rest = tag[len("base_model:") :]
        tag_relation: BaseRelation | None = None
        head, _, tail = rest.partition(":")
        if tail and (word := in_vocabulary(head, BASE_RELATIONS)):
            tag_relation, rest = word, tail
        if not is_repo_id(rest):
            problems.append(SourceProblem(
                "unverifiable", f"the Hub tag {_shown(tag)} names a base that cannot be read as "
                "a repo id; the terms of the model it derives from cannot be checked"))
            continue
        key = rest.lower()
        if key in found:
            if found[key].relation is None and tag_relation:
                found[key] = BaseModelRef(found[key].repo_id, tag_relation, found[key].source)
            continue
        found[key] = BaseModelRef(rest, tag_relation, "tags")
    return tuple(found.values()), tuple(problems)


def read_datasets(card: dict[str, Any], tags: tuple[str, ...] = ()
                  ) -> tuple[tuple[str, ...], tuple[SourceProblem, ...]]:
    """The Hub datasets a model card says it was trained on (``datasets:``, one or a list, and
    the Hub's ``dataset:`` tags, which outlive a card whose front matter is broken), and every
    entry that cannot be read as a dataset id, as a problem.

    Why never drop one: data a model was trained on may come with terms (non-commercial,
    research-only) a person must see; an entry licscan cannot follow is 'unverifiable', so the
    model never passes as if it named no data. Hub URLs of dataset pages are read as their id.
    """
    found, problems = _card_ids(card, "datasets", dataset_id_of, "datasets entry {entry} cannot "
                                "be read as a dataset id: {why}; the terms of the data the model "
                                "was trained on cannot be checked")
    ids: dict[str, str] = {}
    for found_id in found:
        ids.setdefault(found_id.lower(), found_id)
    for tag in tags:
        if not tag.startswith("dataset:"):
            continue
        dataset_id, why = dataset_id_of(tag[len("dataset:"):])
        if dataset_id is None:
            problems.append(SourceProblem(
                "unverifiable", f"the Hub tag {_shown(tag)} names a dataset that cannot be read "
                f"as an id ({why}); the terms of the data the model was trained on cannot be "
                "checked"))
        else:
            ids.setdefault(dataset_id.lower(), dataset_id)
    return tuple(ids.values()), tuple(problems)


def _card_ids(card: dict[str, Any], key: str, read: Callable[[object], tuple[str | None, str]],
              problem: str) -> tuple[list[str], list[SourceProblem]]:
    """The ids a card's ``key`` names (one or a list), and each entry ``read`` cannot take as an
    id as an 'unverifiable' problem built from ``problem`` (with ``{entry}`` and ``{why}``)."""
    declared = card.get(key)
    entries = [] if declared is None else list(declared) if isinstance(declared, list) \
        else [declared]
    ids: list[str] = []
    problems: list[SourceProblem] = []
    for entry in entries:
        repo_id, why = read(entry)
        if repo_id is None:
            problems.append(SourceProblem("unverifiable",
                                          problem.format(entry=_shown(entry), why=why)))
        else:
            ids.append(repo_id)
    return ids, problems


def dataset_id_of(value: object) -> tuple[str | None, str]:
    """(dataset id, '') for a usable ``datasets`` entry, else (None, why it is not one)."""
    if not isinstance(value, str):
        return base_model_id(value)  # the same reasons: a number, a mapping, a list...
    text = value.strip()
    url = _HUB_MODEL_URL.match(text)
    if url:
        parts = [p for p in url.group("path").split("/") if p]
        if parts[:1] != ["datasets"]:
            return None, "the URL does not name a dataset page (https://huggingface.co/datasets/org/name)"
        parts = parts[1:]
        if len(parts) < 2 or (len(parts) > 2 and parts[2] not in _URL_TAILS):
            return None, "the URL does not name a dataset page (https://huggingface.co/datasets/org/name)"
        text = "/".join(parts[:2])
    elif text.lower().startswith("datasets/"):
        text = text[len("datasets/"):]
    if not text:
        return None, "it is empty"
    if "://" in text:
        return None, "it is a URL, but not one of the Hugging Face Hub"
    if not is_repo_id(text):
        return None, "it is not org/name"
    return text, ""


_HUB_MODEL_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(?P<path>[^?#]*)(?:[?#].*)?$",
    re.IGNORECASE)
# What may follow org/name in a Hub URL of a model page: a revision or file view.
_URL_TAILS = ("tree", "blob", "resolve", "commit", "commits")


def base_model_id(value: object) -> tuple[str | None, str]:
    """(repo id, '') for a usable ``base_model`` entry, else (None, why it is not one)."""
    if isinstance(value, (bool, int, float)):
        return None, f"it is a {type(value).__name__}, not an id"
    if isinstance(value, dict):
        return None, "it is a mapping, not an id"
    if isinstance(value, list):
        return None, "it is a list inside the list, not an id"
    if not isinstance(value, str):
        return None, f"it is a {type(value).__name__}, not an id"
    text = value.strip()
    if not text:
        return None, "it is empty"
    url = _HUB_MODEL_URL.match(text)
    if url:
        parts = [p for p in url.group("path").split("/") if p]
        if parts[:1] == ["models"]:
            parts = parts[1:]
        if parts[:1] == ["datasets"] or parts[:1] == ["spaces"]:
            return None, f"the URL names a {parts[0][:-1]}, not a model"
        if len(parts) < 2 or (len(parts) > 2 and parts[2] not in _URL_TAILS):
            return None, "the URL does not name a model page (https://huggingface.co/org/name)"
        text = "/".join(parts[:2])
    elif "://" in text:
        return None, "it is a URL, but not one of the Hugging Face Hub"
    if not is_repo_id(text):
        return None, "it is not org/name"
    return text, ""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


_REPO_ID = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,95}/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


def is_repo_id(value: str) -> bool:
    """A Hub repo id: 'name' or 'org/name', no '..', no '--' at the edges (Hub rules)."""
    return bool(_REPO_ID.match(value)) and ".." not in value and not value.endswith(".git")

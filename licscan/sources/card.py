"""Model-card front matter and what it says about licenses and base models.

Why careful parsing: a card is written by anyone. Its YAML may not be a mapping, may nest
absurdly or use aliases to blow up when walked, and its keys may have the wrong types; the Hub's
own client passes all of that through. Here a card that cannot be used becomes an empty mapping
plus a ``card_problem`` sentence the report shows, never an exception.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from licscan import yamlsafe
from licscan.model import BaseModelRef

_FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
RELATIONS = ("adapter", "merge", "quantized", "finetune")


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
    declared = card.get("base_model")
    ids: list[str] = []
    if isinstance(declared, str):
        ids = [declared]
    elif isinstance(declared, list):
        ids = [str(b) for b in declared if isinstance(b, str)]
    relation = card.get("base_model_relation")
    if relation not in RELATIONS:
        relation = "merge" if len(ids) > 1 else None
    found: dict[str, BaseModelRef] = {}
    for repo_id in ids:
        found.setdefault(repo_id.lower(), BaseModelRef(repo_id.strip(), relation, "card"))
    for tag in tags:
        if not tag.startswith("base_model:"):
            continue
        rest = tag[len("base_model:") :]
        tag_relation = None
        head, _, tail = rest.partition(":")
        if head in RELATIONS and tail:
            tag_relation, rest = head, tail
        key = rest.lower()
        if key in found:
            if found[key].relation is None and tag_relation:
                found[key] = BaseModelRef(found[key].repo_id, tag_relation, found[key].source)
            continue
        found[key] = BaseModelRef(rest, tag_relation, "tags")
    return tuple(ref for ref in found.values() if is_repo_id(ref.repo_id))


_REPO_ID = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,95}/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


def is_repo_id(value: str) -> bool:
    """A Hub repo id: 'name' or 'org/name', no '..', no '--' at the edges (Hub rules)."""
    return bool(_REPO_ID.match(value)) and ".." not in value and not value.endswith(".git")

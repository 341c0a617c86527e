"""The model manifest (``licscan.yaml``): which models a project uses, and under which policy.

Why a manifest: a gate in CI or pre-commit needs the list of models written down where a
reviewer sees it change. Why ``path:`` is the only way to name a folder: ``org/name`` always
means the Hub, so a folder of that name added by a pull request cannot stand in for the real
repository (see ``licscan.sources.parse_target``). Why this strict: like a policy, a manifest
is a control. A typo in a key or a repo id silently ignored would let a model through
unchecked, so the file is validated against ``manifest.schema.json`` and every problem names
the file, the line, the key and what to write instead. Each model keeps the line and column
where its id is written, so reports (SARIF in particular) can point a reviewer at the exact
line of the manifest."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from licscan.documents import (
    describe,
    key_lines,
    load_mapping,
    raise_first,
    read_document,
    schema_errors,
)
from licscan.errors import LicscanError
from licscan.sources.card import is_repo_id

MANIFEST_NAMES = ("licscan.yaml", "licscan.yml", ".licscan.yaml")
DATASET_PREFIX = "datasets/"
_SCHEMA_HINT = "See licscan/manifest.schema.json; a model is 'org/name', 'org/name@rev', " \
    "{id: org/name, revision: ..., notes: ...} or, for a local folder, {path: ./folder}."


class ManifestError(LicscanError):
    """A manifest is missing, unreadable, not YAML, or invalid (exit 2: nothing was checked)."""


@dataclass(frozen=True)
class ManifestModel:
    """One model of a manifest, with where its id is written (1-based line and column)."""

    id: str  # org/name, or datasets/org/name; for a folder, the path as written
    revision: str | None
    notes: str | None
    line: int
    column: int
    path: Path | None = None  # a local folder (``path:``), resolved against the manifest

    @property
    def target(self) -> str:
        """What ``licscan check`` takes: ``org/name@revision``, ``org/name``, or a folder
        written as an explicit path (``./x`` inside the working folder, else absolute)."""
        if self.path is not None:
            try:
                return "./" + self.path.relative_to(Path.cwd().resolve()).as_posix()
            except ValueError:
                return str(self.path)
        return f"{self.id}@{self.revision}" if self.revision else self.id


@dataclass(frozen=True)
class Manifest:
    """A validated manifest; ``policy`` is already resolved against the manifest's folder."""

    path: Path
    policy: Path | None
    models: tuple[ManifestModel, ...]


@lru_cache(maxsize=1)
def manifest_schema() -> dict[str, Any]:
    """The JSON Schema shipped next to this module (also usable by editors)."""
    text = resources.files("licscan").joinpath("manifest.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def find_manifest(start: Path) -> Path | None:
    """The manifest in ``start`` (first of licscan.yaml, licscan.yml, .licscan.yaml), if any.

    Only ``start`` itself is searched, not its parents: a gate must check the manifest of the
    folder it runs in, never one it happened to find higher up.
    """
    for name in MANIFEST_NAMES:
        candidate = start / name
        if candidate.is_file():
            return candidate
    return None


def load_manifest(path: Path) -> Manifest:
    """Read and validate a manifest; every problem is a ``ManifestError`` naming file:line."""
    text = read_document(path, _shown(path), error=ManifestError, noun="manifest",
                         missing_hint="Check the path, or write a licscan.yaml with "
                         "'version: 1' and a 'models:' list.")
    return parse_manifest(text, path)


def _shown(path: Path) -> str:
    """``path`` as a user would write it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def parse_manifest(text: str, path: Path) -> Manifest:
    """Validate ``text`` (the content of ``path``) and build the manifest."""
    name = _shown(path)
    data = load_mapping(text, name, error=ManifestError, noun="manifest", max_depth=8,
                        shape_hint="Start from:\nversion: 1\nmodels:\n  - org/name")
    errors = schema_errors(data, text, name, manifest_schema(), sentence=_sentence,
                           refine=_specific)
    raise_first(errors, ManifestError, _SCHEMA_HINT)
    positions = _id_positions(text)
    models = tuple(
        _model(item, index, positions, name, path) for index, item in enumerate(data["models"])
    )
    policy = _policy_path(data.get("policy"), path, name, key_lines(text))
    return Manifest(path=path, policy=policy, models=models)


def _model(item: Any, index: int, positions: dict[int, tuple[int, int]],
           name: str, manifest: Path) -> ManifestModel:
    """One item of ``models`` (already schema-valid) as a model, its repo id or folder checked."""
    line, column = positions.get(index, (1, 1))
    if isinstance(item, dict) and "path" in item:
        return _folder_model(item, index, line, column, name, manifest)
    if isinstance(item, str):
        repo, _, revision = item.partition("@")
        notes = None
        key = f"models.{index}"
    else:
        repo, revision, notes = item["id"], item.get("revision"), item.get("notes")
        key = f"models.{index}.id"
    bare = repo[len(DATASET_PREFIX):] if repo.startswith(DATASET_PREFIX) else repo
    if not is_repo_id(bare) or "/" not in bare:
        raise ManifestError(
            f"{name}:{line}: {key}: {repo!r} is not a Hugging Face repo id.",
            hint="Write org/name for a model or datasets/org/name for a dataset (letters, "
            "digits, '.', '_', '-'; no '..'; not ending in '.git').",
        )
    return ManifestModel(repo, revision or None, notes, line, column)


def _folder_model(item: dict[str, Any], index: int, line: int, column: int, name: str,
                  manifest: Path) -> ManifestModel:
    """A ``path:`` item: the folder, relative to the manifest's folder, must exist."""
    written = str(item["path"])
    folder = Path(written).expanduser()
    if not folder.is_absolute():
        folder = manifest.parent / folder
    folder = folder.resolve()
    if not folder.is_dir():
        raise ManifestError(
            f"{name}:{line}: models.{index}.path: the folder {_shown(folder)} does not exist.",
            hint="Give a folder relative to the manifest's folder (or absolute); a Hub repo is "
            "written 'id: org/name'.",
        )
    return ManifestModel(written, None, item.get("notes"), line, column, path=folder)


def _policy_path(value: Any, path: Path, name: str,
                 lines: dict[tuple[str, ...], int]) -> Path | None:
    """The policy path resolved against the manifest's folder; it must exist."""
    if value is None:
        return None
    policy = Path(value).expanduser()
    if not policy.is_absolute():
        policy = path.parent / policy
    if not policy.is_file():
        line = lines.get(("policy",), 1)
        raise ManifestError(
            f"{name}:{line}: policy: the policy file {_shown(policy)} does not exist.",
            hint="Give a path relative to the manifest's folder, or remove 'policy:' to use "
            "the built-in default.",
        )
    return policy


def _id_positions(text: str) -> dict[int, tuple[int, int]]:
    """Line and column (1-based) where each model's id is written, by index in ``models``."""
    positions: dict[int, tuple[int, int]] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return positions
    if not isinstance(root, yaml.MappingNode):
        return positions
    for key, value in root.value:
        if key.value != "models" or not isinstance(value, yaml.SequenceNode):
            continue
        for index, item in enumerate(value.value):
            node = item
            if isinstance(item, yaml.MappingNode):
                node = next((v for k, v in item.value if k.value in ("id", "path")), item)
            positions[index] = (node.start_mark.line + 1, node.start_mark.column + 1)
    return positions


def _specific(error: Any) -> Any:
    """For an item that is neither form, the error of the form it was meant to be.

    Why: 'is not valid under any of the given schemas' tells a user nothing; a string item
    was meant as a repo id and a mapping as ``{id: ...}``, so report that branch's problem.
    """
    if error.validator != "anyOf" or not error.context:
        return error
    meant = [e for e in error.context if e.validator != "type"]
    return _specific(meant[0]) if meant else error


def _sentence(error: Any) -> str:
    if error.validator == "pattern":
        return (f"{error.instance!r} is not a repo id; write org/name, org/name@revision or "
                "datasets/org/name (a pin in a mapping goes in 'revision:')")
    if error.validator == "anyOf":
        return (f"{error.instance!r} is neither a string nor a mapping; write a string "
                "'org/name' or a mapping {id: org/name, revision: ..., notes: ...}")
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        keys = set(error.instance)
        if {"id", "path"} <= keys:
            return "a model is either 'id: org/name' (the Hub) or 'path: ./folder', not both"
        if "path" in keys and "revision" in keys:
            return "'revision' pins a Hub repo; a folder given by 'path' has none"
        return ("a mapping needs 'id: org/name' for a Hub repo or 'path: ./folder' for a local "
                "folder")
    if error.validator == "minLength":
        return f"{error.instance!r} is empty; give a value or remove the key"
    return describe(error)

"""Finding the Hugging Face models a code base uses: calls in Python and keys in config files.

Why static analysis only: the gate runs on untrusted branches in CI and in pre-commit, so it
must never import or execute what it scans. Python is read with ``ast`` (exact line and column,
and comments or unrelated strings are never mistaken for a use); only string literals count,
because a variable's value is unknown without running the code. Configs are read as data.

Why so cautious about what counts: every reference found becomes a Hub lookup under
``scan-code --check``, and a false one ("output_dir" taken for a repo) would fail the gate for
nothing. So a value must look like ``org/name``, must not be a local path, and must not name a
file or folder that exists next to the file or in the working folder. Single-word legacy ids
("gpt2") are skipped for the same reason: they cannot be told apart from a local folder.

licscan's own files are skipped too: a policy's exception list, a manifest and a lockfile name
models in order to judge them, not to use them, and counting them would make the pre-commit hook
fail a commit that only edits the policy. They are recognised by name (``licscan.yaml``,
``licscan.lock``...), by being the policy in use, and by content: a YAML mapping whose top-level
keys are all policy keys, ``version`` among them.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from licscan.errors import InputFileError
from licscan.sources.card import is_repo_id

MAX_FILE_BYTES = 1024 * 1024
SKIPPED_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__",
                          "site-packages"})
PYTHON = frozenset({".py", ".pyi"})
NOTEBOOK = frozenset({".ipynb"})
YAML = frozenset({".yaml", ".yml"})
JSON = frozenset({".json"})
INI = frozenset({".toml", ".cfg", ".ini"})
SUPPORTED = PYTHON | NOTEBOOK | YAML | JSON | INI

# Config keys whose value names a model (or repo) by id.
CONFIG_KEYS = frozenset({
    "model_name_or_path", "model_name", "model_id", "base_model", "base_model_name_or_path",
    "pretrained_model_name_or_path", "tokenizer_name", "tokenizer_name_or_path", "hub_model_id",
    "model", "repo_id", "teacher_model", "reward_model", "ref_model",
})
REVISION_KEYS = ("revision", "model_revision")

OWN_FILE_NAMES = frozenset({"licscan.yaml", "licscan.yml", ".licscan.yaml", "licscan.lock"})
POLICY_KEYS = frozenset({"$schema", "version", "name", "description", "context", "min_confidence",
                         "findings", "categories", "licenses", "terms", "datasets",
                         "exceptions"})  # the schema's top-level keys (a test keeps them equal)

Note = Callable[[str], None]


@dataclass(frozen=True)
class ModelReference:
    """A repo id written in a file: where (1-based line, column, end column), how, which pin.

    ``repo_id`` is ``org/name`` for a model, ``datasets/org/name`` for a dataset, so ``target``
    can be handed to ``licscan check`` as it is.
    """

    repo_id: str
    path: str
    line: int
    column: int
    end_column: int
    kind: str
    revision: str | None

    @property
    def target(self) -> str:
        """``org/name@revision`` when a revision was written next to the id, else the id."""
        return f"{self.repo_id}@{self.revision}" if self.revision else self.repo_id


def _stderr_note(message: str) -> None:
    sys.stderr.write(f"note: {message}\n")


def find_references(paths: list[Path], on_note: Note | None = None,
                    skip: tuple[Path, ...] = ()) -> list[ModelReference]:
    """Every model reference in ``paths`` (files, or folders walked), sorted by place.

    A file that cannot be read or parsed is skipped with a note (to standard error unless
    ``on_note`` is given): one broken file must not hide the references in all the others. A
    path that does not exist is an error, since a typo would otherwise pass the gate silently.
    licscan's own files (``skip``: the policy and manifest in use; and any file named or shaped
    like a manifest, lockfile or policy) are not scanned: the models they name are not uses.
    """
    note = on_note or _stderr_note
    own = {p.resolve() for p in skip}
    found: list[ModelReference] = []
    for root in paths:
        if not root.exists():
            raise InputFileError(
                f"{root} does not exist, so it could not be scanned for model references.",
                hint="Check the path; give files or folders holding code and configs.",
            )
        files = list(_walk(root)) if root.is_dir() else [root]
        for file in files:
            if file.name in OWN_FILE_NAMES or file.resolve() in own:
                if file is root:
                    note(f"{file}: skipped, a licscan manifest, lockfile or policy (the models "
                         "it names are judged, not used).")
                continue
            found.extend(_scan_file(file, note, explicit=file is root))
    unique = {(r.path, r.line, r.column, r.repo_id): r for r in found}
    return sorted(unique.values(), key=lambda r: (r.path, r.line, r.column))


def _walk(root: Path) -> Iterator[Path]:
    """Supported files under ``root``, skipping environments, caches and hidden folders."""
    for folder, dirs, files in os.walk(root):  # symlinked folders are not followed
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() in SUPPORTED and not path.is_symlink():
                yield path


def _scan_file(path: Path, note: Note, explicit: bool) -> list[ModelReference]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        if explicit:
            note(f"{path}: skipped, not a file type licscan reads for model references "
                 f"({', '.join(sorted(SUPPORTED))}).")
        return []
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            note(f"{path}: skipped, larger than {MAX_FILE_BYTES // 1024} KiB.")
            return []
        data = path.read_bytes()
    except OSError as exc:
        note(f"{path}: skipped, could not be read ({exc.strerror or exc}).")
        return []
    if b"\0" in data[:8192]:
        note(f"{path}: skipped, binary content.")
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        note(f"{path}: skipped, not UTF-8 text.")
        return []
    scanner = _SCANNERS[suffix]
    try:
        return scanner(text, path)
    except _Unparsable as exc:
        note(f"{path}:{exc.line or 1}: skipped, could not be parsed ({exc.reason}); fix the "
             "syntax to have it scanned.")
        return []


class _Unparsable(Exception):
    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


# --- deciding what is a repo id -----------------------------------------------------------------


def _as_repo(value: str, path: Path, dataset: bool = False) -> str | None:
    """``value`` as a repo id (``datasets/`` prefixed for datasets), or None if it is not one."""
    text = value.strip()
    if not text or text != value or text.startswith(("./", "../", "/", "~", "\\")):
        return None
    if re.match(r"^[A-Za-z]:[\\/]", text) or "://" in text:
        return None
    if text.startswith("datasets/"):
        dataset, text = True, text[len("datasets/"):]
    if text.count("/") != 1 or not is_repo_id(text):
        return None
    if (path.parent / text).exists() or Path(text).exists():  # a local folder, not the Hub
        return None
    return f"datasets/{text}" if dataset else text


# --- Python -------------------------------------------------------------------------------------


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


@dataclass(frozen=True)
class _Literal:
    """A string literal argument: its text and where the literal (with quotes) is written."""

    value: str
    node: ast.Constant


def _string(node: ast.expr | None) -> _Literal | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _Literal(node.value, node)
    return None


def _argument(call: ast.Call, position: int | None, *names: str) -> _Literal | None:
    for keyword in call.keywords:
        if keyword.arg in names:
            return _string(keyword.value)
    if position is not None and len(call.args) > position:
        if any(isinstance(a, ast.Starred) for a in call.args[: position + 1]):
            return None
        return _string(call.args[position])
    return None


# call name -> (position of the id, keyword names of the id, dataset?)
_CALLS: dict[str, tuple[int | None, tuple[str, ...], bool]] = {
    "from_pretrained": (0, ("pretrained_model_name_or_path", "model_name_or_path", "model_id"),
                        False),
    "pipeline": (1, ("model",), False),
    "hf_hub_download": (0, ("repo_id",), False),
    "snapshot_download": (0, ("repo_id",), False),
    "SentenceTransformer": (0, ("model_name_or_path",), False),
    "CrossEncoder": (0, ("model_name", "model_name_or_path"), False),
    "load_dataset": (0, ("path",), True),
}


def _scan_python(text: str, path: Path, kind_prefix: str = "",
                 line_map: Callable[[int], tuple[int, str]] | None = None) -> list[ModelReference]:
    try:
        tree = ast.parse(text, filename=str(path))
    except (SyntaxError, ValueError) as exc:
        raise _Unparsable(f"{type(exc).__name__}: {getattr(exc, 'msg', exc)}",
                          getattr(exc, "lineno", None)) from exc
    lines = text.splitlines()
    refs: list[ModelReference] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node.func)
        if name not in _CALLS:
            continue
        position, keywords, dataset = _CALLS[name]
        literal = _argument(node, position, *keywords)
        if literal is None:
            continue
        if name in ("hf_hub_download", "snapshot_download"):
            repo_type = _argument(node, None, "repo_type")
            dataset = repo_type is not None and repo_type.value == "dataset"
        repo = _as_repo(literal.value, path, dataset)
        if repo is None:
            continue
        revision = _argument(node, None, "revision")
        line, column, end = _columns(literal, lines)
        shown = str(path)
        if line_map is not None:
            line, raw_line = line_map(line)
            column, end = _find_in(raw_line, literal.value, column, end)
        refs.append(ModelReference(repo, Path(shown).as_posix(), line, column, end,
                                   kind_prefix + name, revision.value if revision else None))
    return refs


def _columns(literal: _Literal, lines: list[str]) -> tuple[int, int, int]:
    """1-based line, column and exclusive end column of a literal (ast counts UTF-8 bytes)."""
    node = literal.node
    line = node.lineno
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    encoded = source.encode("utf-8")
    column = len(encoded[: node.col_offset].decode("utf-8", "replace")) + 1
    if node.end_lineno == line and node.end_col_offset is not None:
        end = len(encoded[: node.end_col_offset].decode("utf-8", "replace")) + 1
    else:
        end = column + len(literal.value) + 2
    return line, column, end


def _find_in(raw_line: str, value: str, column: int, end: int) -> tuple[int, int]:
    """Columns of ``value`` in a line of another file (a notebook's JSON), else the given ones."""
    at = raw_line.find(json.dumps(value)[1:-1])
    if at < 0:
        return column, end
    return at + 1, at + 1 + len(json.dumps(value)[1:-1])


_MAGIC = re.compile(r"^\s*[%!]")


def _scan_notebook(text: str, path: Path) -> list[ModelReference]:
    """Code cells of a notebook; lines and columns point into the .ipynb file itself."""
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unparsable(f"not JSON: {exc.msg}", exc.lineno) from exc
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise _Unparsable("not a Jupyter notebook: no 'cells' list")
    raw_lines = text.splitlines()
    cursor = 0
    refs: list[ModelReference] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        code_lines = ("".join(source) if isinstance(source, list) else str(source)).splitlines()
        # Where each code line sits in the .ipynb text (nbformat writes one per line).
        places: list[tuple[int, str]] = []
        for code_line in code_lines:
            needle = json.dumps(code_line)[1:-1]
            found = next((i for i in range(cursor, len(raw_lines))
                          if needle and needle in raw_lines[i]), None)
            if found is None:
                places.append((0, ""))
            else:
                places.append((found + 1, raw_lines[found]))
                cursor = found
        code = "\n".join("" if _MAGIC.match(line) else line for line in code_lines)

        def line_map(line: int, places: list[tuple[int, str]] = places,
                     number: int = number) -> tuple[int, str]:
            raw, raw_text = places[line - 1] if 0 < line <= len(places) else (0, "")
            return (raw, raw_text) if raw else (line, "")

        try:
            refs.extend(_scan_python(code, path, f"cell {number}: ", line_map))
        except _Unparsable:
            continue  # one cell with invalid Python (or IPython syntax) must not hide the rest
    return refs


# --- configs ------------------------------------------------------------------------------------


def _scan_yaml(text: str, path: Path) -> list[ModelReference]:
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _Unparsable(f"YAML: {getattr(exc, 'problem', None) or exc}",
                          mark.line + 1 if mark else None) from exc
    refs: list[ModelReference] = []
    if any(_is_policy(document) for document in documents):
        return refs

    def walk(node: yaml.Node, depth: int) -> None:
        if depth > 40:
            return
        if isinstance(node, yaml.MappingNode):
            revision = next((v.value for k, v in node.value if isinstance(v, yaml.ScalarNode)
                             and k.value in REVISION_KEYS and isinstance(v.value, str)), None)
            for key, value in node.value:
                if (isinstance(key, yaml.ScalarNode) and key.value in CONFIG_KEYS
                        and isinstance(value, yaml.ScalarNode)
                        and value.tag == "tag:yaml.org,2002:str"):
                    repo = _as_repo(value.value, path)
                    if repo is not None:
                        start, end = value.start_mark, value.end_mark
                        end_column = (end.column + 1 if end.line == start.line
                                      else start.column + 1 + len(value.value))
                        refs.append(ModelReference(
                            repo, path.as_posix(), start.line + 1, start.column + 1, end_column,
                            f"config {key.value}", revision or None))
                walk(value, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, depth + 1)

    for document in documents:
        if document is not None:
            walk(document, 0)
    return refs


def _is_policy(node: yaml.Node | None) -> bool:
    """A licscan policy: a mapping whose top-level keys are all policy keys, with ``version``."""
    if not isinstance(node, yaml.MappingNode):
        return False
    keys = {k.value for k, _v in node.value if isinstance(k, yaml.ScalarNode)}
    return "version" in keys and len(keys) == len(node.value) and keys <= POLICY_KEYS


def _key_pattern(quoted: bool) -> re.Pattern[str]:
    keys = "|".join(sorted(map(re.escape, CONFIG_KEYS), key=len, reverse=True))
    if quoted:  # JSON: "key": "value"
        return re.compile(rf'"({keys})"\s*:\s*"([^"\\\n]*)"')
    # TOML / INI: key = "value", key = 'value', key = value, key: value
    return re.compile(rf"""(?m)(?:^|[\s{{,])({keys})\s*[=:]\s*["']?([^"'\s,#;}}]+)["']?""")


_JSON_KEYS = _key_pattern(quoted=True)
_INI_KEYS = _key_pattern(quoted=False)


def _json_revisions(data: Any) -> dict[tuple[str, str], str]:
    """(key, value) -> revision written in the same JSON object."""
    found: dict[tuple[str, str], str] = {}
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            revision = next((item[k] for k in REVISION_KEYS if isinstance(item.get(k), str)),
                            None)
            for key, value in item.items():
                if revision and key in CONFIG_KEYS and isinstance(value, str):
                    found[(key, value)] = revision
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _scan_json(text: str, path: Path) -> list[ModelReference]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unparsable(f"not JSON: {exc.msg}", exc.lineno) from exc
    return _by_pattern(text, path, _JSON_KEYS, _json_revisions(data))


def _scan_ini(text: str, path: Path) -> list[ModelReference]:
    return _by_pattern(text, path, _INI_KEYS, {})


def _by_pattern(text: str, path: Path, pattern: re.Pattern[str],
                revisions: dict[tuple[str, str], str]) -> list[ModelReference]:
    refs: list[ModelReference] = []
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    for match in pattern.finditer(text):
        key, value = match.group(1), match.group(2)
        if text[: match.start(2)].rsplit("\n", 1)[-1].lstrip().startswith("#"):
            continue  # a commented-out line in TOML / INI
        repo = _as_repo(value, path)
        if repo is None:
            continue
        offset = match.start(2)
        line = _line_of(starts, offset)
        column = offset - starts[line - 1] + 1
        refs.append(ModelReference(repo, path.as_posix(), line, column, column + len(value),
                                   f"config {key}", revisions.get((key, value))))
    return refs


def _line_of(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1


_SCANNERS: dict[str, Callable[[str, Path], list[ModelReference]]] = {
    **dict.fromkeys(PYTHON, _scan_python),
    **dict.fromkeys(NOTEBOOK, _scan_notebook),
    **dict.fromkeys(YAML, _scan_yaml),
    **dict.fromkeys(JSON, _scan_json),
    **dict.fromkeys(INI, _scan_ini),
}


# --- output -------------------------------------------------------------------------------------


def render_references(refs: list[ModelReference], fmt: str) -> str:
    """``text``: one ``path:line:col  target  (kind)`` per reference; ``json``: schema 1."""
    if fmt == "json":
        targets = sorted({r.target for r in refs})
        document = {
            "schema_version": 1,
            "references": [
                {"repo_id": r.repo_id, "revision": r.revision, "target": r.target,
                 "kind": r.kind, "path": r.path, "line": r.line, "column": r.column,
                 "end_column": r.end_column}
                for r in refs
            ],
            "targets": targets,
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if not refs:
        return "No model references found.\n"
    out = [f"{r.path}:{r.line}:{r.column}  {r.target}  ({r.kind})" for r in refs]
    files = len({r.path for r in refs})
    repos = len({r.target for r in refs})
    out.append(f"{len(refs)} reference(s) to {repos} repo(s) in {files} file(s).")
    return "\n".join(out) + "\n"

"""Model references in code and configs: ``find_references`` on a small tree, then the CLI.

The tree holds each call form once, a notebook, YAML / JSON / TOML configs, and the traps a
static scanner must not fall into: a model named in a comment or an unrelated string, a local
path, a variable, a file that does not parse. ``scan-code --check`` then runs the real CLI
against the fake Hub.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from licscan.errors import InputFileError
from licscan.references import ModelReference, find_references, render_references
from tests.fakehub import FakeHub
from tests.helpers import Run, run_cli

PY = '''\
from transformers import AutoModel, AutoTokenizer, pipeline
from huggingface_hub import hf_hub_download, snapshot_download
from sentence_transformers import SentenceTransformer
from datasets import load_dataset

# AutoModel.from_pretrained("commented/out-model") must not be found
NOTE = "a string that is not an argument: acme/in-a-string"
model = AutoModel.from_pretrained("google/gemma-4-31b")
tok = AutoTokenizer.from_pretrained(
    "zai-org/GLM-5.1", revision="v1.0")
clf = pipeline("text-classification", "acme/pipe-positional")
gen = pipeline(task="text-generation", model="acme/pipe-keyword")
path = hf_hub_download(repo_id="acme/hub-download", filename="config.json")
path2 = hf_hub_download("acme/hub-positional", "x.bin", repo_type="dataset")
snap = snapshot_download("acme/snapshot")
st = SentenceTransformer("acme/sentence")
ds = load_dataset("acme/webtext-nc")
builtin = load_dataset("json", data_files="x.json")
local = AutoModel.from_pretrained("./checkpoints/best")
nested = AutoModel.from_pretrained("/abs/path/model")
name = "acme/variable"
from_var = AutoModel.from_pretrained(name)
legacy = AutoModel.from_pretrained("gpt2")
fstring = AutoModel.from_pretrained(f"acme/{name}")
'''

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {},
         "source": ["Uses `AutoModel.from_pretrained(\"acme/markdown-cell\")`"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["!pip install transformers\n", "from transformers import AutoModel\n",
                    "m = AutoModel.from_pretrained(\"acme/notebook-model\")"]},
    ],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
}

YAML = """\
# model_name_or_path: commented/yaml
model_name_or_path: acme/yaml-model
output_dir: ./out
training:
  base_model: acme/yaml-base
  revision: abc123
  tokenizer_name: ./local-tokenizer
"""

JSON = {"_name_or_path": "ignored/key", "model_id": "acme/json-model", "lr": 0.1,
        "nested": {"hub_model_id": "acme/json-nested", "revision": "v2"}}

TOML = """\
[tool.train]
model = "acme/toml-model"
# model = "acme/toml-commented"
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "code"
    (root / "src").mkdir(parents=True)
    (root / "src" / "train.py").write_text(PY, encoding="utf-8")
    (root / "src" / "broken.py").write_text("def broken(:\n    from_pretrained('acme/x')\n")
    (root / "nb.ipynb").write_text(json.dumps(NOTEBOOK, indent=1), encoding="utf-8")
    (root / "train.yaml").write_text(YAML, encoding="utf-8")
    (root / "config.json").write_text(json.dumps(JSON, indent=2), encoding="utf-8")
    (root / "pyproject.toml").write_text(TOML, encoding="utf-8")
    (root / "blob.py").write_bytes(b"\x00\x01from_pretrained('acme/binary')")
    for skipped in (".venv", "node_modules", ".hidden"):
        (root / skipped).mkdir()
        (root / skipped / "x.py").write_text("AutoModel.from_pretrained('acme/skipped')\n")
    (root / "local-org").mkdir()  # an existing folder shaped like org/name is local
    (root / "local-org" / "model").mkdir()
    (root / "uses_local.py").write_text("M.from_pretrained('local-org/model')\n")
    return root


def by_repo(refs: list[ModelReference]) -> dict[str, ModelReference]:
    return {r.repo_id: r for r in refs}


def test_finds_every_form_and_nothing_else(tree: Path) -> None:
    notes: list[str] = []
    refs = by_repo(find_references([tree], on_note=notes.append))
    assert set(refs) == {
        "google/gemma-4-31b", "zai-org/GLM-5.1", "acme/pipe-positional", "acme/pipe-keyword",
        "acme/hub-download", "datasets/acme/hub-positional", "acme/snapshot", "acme/sentence",
        "datasets/acme/webtext-nc", "acme/notebook-model", "acme/yaml-model", "acme/yaml-base",
        "acme/json-model", "acme/json-nested", "acme/toml-model",
    }
    assert any("broken.py:1: skipped, could not be parsed" in n for n in notes), notes
    assert any("blob.py: skipped, binary" in n for n in notes), notes


def test_positions_kinds_and_revisions(tree: Path) -> None:
    refs = by_repo(find_references([tree], on_note=lambda _: None))
    gemma = refs["google/gemma-4-31b"]
    assert (gemma.line, gemma.column, gemma.end_column) == (8, 35, 55)
    assert gemma.kind == "from_pretrained" and gemma.revision is None
    assert gemma.path.endswith("src/train.py")
    glm = refs["zai-org/GLM-5.1"]
    assert (glm.line, glm.column, glm.revision) == (10, 5, "v1.0")
    assert glm.target == "zai-org/GLM-5.1@v1.0"
    assert refs["acme/pipe-positional"].kind == "pipeline"
    assert refs["datasets/acme/webtext-nc"].kind == "load_dataset"
    assert refs["datasets/acme/hub-positional"].target == "datasets/acme/hub-positional"
    base = refs["acme/yaml-base"]
    assert (base.line, base.column, base.revision, base.kind) == (
        5, 15, "abc123", "config base_model")
    nested = refs["acme/json-nested"]
    assert nested.revision == "v2" and nested.kind == "config hub_model_id"
    toml = refs["acme/toml-model"]
    assert (toml.line, toml.column, toml.end_column) == (2, 10, 25)


def test_notebook_lines_point_into_the_ipynb(tree: Path) -> None:
    ref = by_repo(find_references([tree / "nb.ipynb"]))["acme/notebook-model"]
    raw = (tree / "nb.ipynb").read_text().splitlines()[ref.line - 1]
    assert raw[ref.column - 1: ref.end_column - 1] == "acme/notebook-model"
    assert ref.kind == "cell 2: from_pretrained"


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        find_references([tmp_path / "nope"])


def test_render_text_and_json(tree: Path) -> None:
    refs = find_references([tree / "src" / "train.py"])
    text = render_references(refs, "text")
    assert f"{tree / 'src' / 'train.py'}:8:35  google/gemma-4-31b  (from_pretrained)" in text
    assert text.endswith("9 reference(s) to 9 repo(s) in 1 file(s).\n")
    data = json.loads(render_references(refs, "json"))
    assert data["schema_version"] == 1 and len(data["references"]) == 9
    assert render_references([], "text") == "No model references found.\n"


# --- the CLI ------------------------------------------------------------------------------------


def cli(env: dict[str, str], cwd: Path, *args: str) -> Run:
    run = run_cli(*args, env=env, cwd=cwd)
    assert "Traceback" not in run.out + run.err, run.err
    return run


def test_scan_code_text_and_json(hub_env: dict[str, str], tree: Path) -> None:
    run = cli(hub_env, tree, "scan-code", ".")
    assert run.code == 0, run.err
    assert "src/train.py:8:35  google/gemma-4-31b  (from_pretrained)" in run.out
    assert "src/train.py:10:5  zai-org/GLM-5.1@v1.0  (from_pretrained)" in run.out
    assert "note: src/broken.py:1: skipped" in run.err
    run = cli(hub_env, tree, "scan-code", "src", "train.yaml", "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert "acme/yaml-model" in data["targets"] and "acme/json-model" not in data["targets"]


def write_app(folder: Path, *models: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    calls = "\n".join(f'm{i} = AutoModel.from_pretrained("{m}")' for i, m in enumerate(models))
    (folder / "app.py").write_text("from transformers import AutoModel\n" + calls + "\n")
    (folder / "config.yaml").write_text('model_name_or_path: zai-org/GLM-5.1\nrevision: v1.0\n')


def test_scan_code_check_verdicts(hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> None:
    good = tmp_path / "good"
    write_app(good, "google/gemma-4-31b")
    run = cli(hub_env, good, "scan-code", ".", "--check", "--format", "json")
    assert run.code == 0, (run.out, run.err)
    results = {r["target"]: r["verdict"] for r in json.loads(run.out)["results"]}
    assert set(results) == {"google/gemma-4-31b", "zai-org/GLM-5.1@v1.0"}
    assert "fail" not in results.values()
    assert any("/revision/v1.0" in r.path for r in hub.requests)

    bad = tmp_path / "bad"
    write_app(bad, "google/gemma-4-31b", "acme/apache-nc-modified")
    run = cli(hub_env, bad, "scan-code", ".", "--check")
    assert run.code == 1, (run.out, run.err)
    assert "acme/apache-nc-modified" in run.out and "google/gemma-4-31b" in run.out
    assert "failed the policy" in run.err and "acme/apache-nc-modified" in run.err


def test_scan_code_check_with_nothing_found(hub_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("print('no models here')\n")
    run = cli(hub_env, tmp_path, "scan-code", ".", "--check")
    assert run.code == 0 and "No model references found." in run.err


def test_scan_code_missing_path_exits_2(hub_env: dict[str, str], tmp_path: Path) -> None:
    run = cli(hub_env, tmp_path, "scan-code", "nope")
    assert run.code == 2 and "nope does not exist" in run.err and "hint:" in run.err

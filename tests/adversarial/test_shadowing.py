"""Class 5: a folder in the working directory never shadows a Hub id (issue 10, "What to
build" 5).

A pull request can add ``black-forest-labs/FLUX.1-dev/README.md`` saying apache-2.0. Whatever
the working directory holds, ``org/name`` (on the command line or in a manifest) is the Hub
repo, which the fake Hub serves as the real, non-commercial FLUX.1 [dev]. A folder is checked
only when given as a path (``./org/name``, absolute).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    APPROVED,
    CORP,
    NON_COMMERCIAL_READ,
    Answer,
    assert_fails,
    assert_not_evaluated,
    assert_passes,
    check,
    license_text,
    model_folder,
)
from tests.helpers import run_cli

FLUX = "black-forest-labs/FLUX.1-dev"
DATASET = "datasets/acme/webtext-nc"  # CC-BY-NC-4.0 on the fake Hub


def decoy(workdir: Path, name: str) -> Path:
    """A folder named like a Hub repo that declares apache-2.0 and ships the Apache text."""
    return model_folder(workdir, {"license": "apache-2.0"},
                        {"LICENSE": license_text("apache-2.0")}, name=name)


def with_token(env: dict[str, str]) -> dict[str, str]:
    return {**env, "HF_TOKEN": APPROVED}


def assert_judged_the_hub_repo(answer: Answer, repo_id: str) -> None:
    assert_fails(answer, NON_COMMERCIAL_READ)
    assert answer.result.get("origin") == "hub", str(answer)
    assert answer.result.get("repo_id") == repo_id, str(answer)


def test_hub_id_on_the_command_line_is_the_hub_repo(tmp_path: Path,
                                                     env: dict[str, str]) -> None:
    decoy(tmp_path, FLUX)
    answer = check(FLUX, env=with_token(env), cwd=tmp_path)
    assert_judged_the_hub_repo(answer, FLUX)


def test_hub_id_in_a_manifest_is_the_hub_repo(tmp_path: Path, env: dict[str, str]) -> None:
    decoy(tmp_path, FLUX)
    (tmp_path / "licscan.yaml").write_text(f"version: 1\nmodels:\n  - {FLUX}\n",
                                           encoding="utf-8")
    answer = check(env=with_token(env), cwd=tmp_path)
    assert_judged_the_hub_repo(answer, FLUX)


def test_hub_url_is_the_hub_repo(tmp_path: Path, env: dict[str, str]) -> None:
    """``https://huggingface.co/org/name`` is also a folder path once '//' collapses."""
    decoy(tmp_path, f"https:/huggingface.co/{FLUX}")
    answer = check(f"https://huggingface.co/{FLUX}", env=with_token(env), cwd=tmp_path)
    assert_judged_the_hub_repo(answer, FLUX)


def test_dataset_id_is_the_hub_dataset(tmp_path: Path, env: dict[str, str]) -> None:
    decoy(tmp_path, DATASET)
    answer = check(DATASET, env=env, cwd=tmp_path)
    assert_fails(answer, NON_COMMERCIAL_READ)
    assert answer.result.get("origin") == "hub", str(answer)


def test_hub_id_missing_from_the_hub_is_not_found_even_with_a_folder(
        tmp_path: Path, env: dict[str, str]) -> None:
    decoy(tmp_path, "acme/only-a-folder")
    assert_not_evaluated(check("acme/only-a-folder", env=env, cwd=tmp_path))


def test_explicit_path_is_the_folder(tmp_path: Path, env: dict[str, str]) -> None:
    """Control: written as a path, the same folder is checked (and its apache copy passes)."""
    decoy(tmp_path, FLUX)
    answer = check(f"./{FLUX}", env=env, cwd=tmp_path)
    assert_passes(answer)
    assert answer.result.get("origin") == "local", str(answer)


def test_manifest_path_entry_is_the_folder(tmp_path: Path, env: dict[str, str]) -> None:
    """Control: a manifest names a folder explicitly with ``path:``, and that folder is
    checked (the decoy's apache copy passes)."""
    decoy(tmp_path, FLUX)
    (tmp_path / "licscan.yaml").write_text(f"version: 1\nmodels:\n  - path: ./{FLUX}\n",
                                           encoding="utf-8")
    answer = check(env=env, cwd=tmp_path)
    assert_passes(answer)
    assert answer.result.get("origin") == "local", str(answer)


@pytest.mark.parametrize("spelling", [f"{FLUX}/", FLUX.replace("/", "//"), f"{FLUX}/.",
                                      FLUX.replace("/", "/./")])
def test_a_repo_id_spelt_like_a_path_reads_neither(tmp_path: Path, env: dict[str, str],
                                                   spelling: str) -> None:
    """'org/name/' or 'org//name' looks like the Hub id to a reviewer; read as the decoy folder
    it would reopen the shadow, read as the Hub it would be a guess: a usage error (exit 2)."""
    decoy(tmp_path, FLUX)
    run = run_cli("check", spelling, "--policy", str(CORP), env=env, cwd=tmp_path)
    assert run.code == 2, run.out + run.err
    assert f"./{FLUX}" in run.err and "PASS" not in run.out

"""Sources fail closed: every file that may carry terms is read or reported, targets mean one
thing, base models are never dropped, and what cannot be read offline or over the network is
exit 2 (issue 10 items 3, 4, 5, 7).

Everything goes through the real CLI; Hub repos are served by the fake Hub (the shared one over
fixtures/hub, or one over a test's tmp_path), and license files are reference texts from rules/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from licscan.licenses.catalog import split_rules_file
from tests.fakehub import FakeHub, client_env
from tests.fakehub.pytest_plugin import MakeHub
from tests.helpers import REPO, Run, run_cli

CORP = str(REPO / "examples" / "corp.yaml")
FLUX = "black-forest-labs/FLUX.1-dev"


def text_of(license_id: str) -> str:
    """A reference text from rules/licenses, exactly as stored (never typed here)."""
    raw = (REPO / "rules" / "licenses" / f"{license_id}.txt").read_text("utf-8")
    return split_rules_file(raw)[1]


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def card(**fields: object) -> str:
    lines = [f"{key}: {json.dumps(value)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n# A model\n"


def inspect(env: dict[str, str], *args: str, cwd: Path | None = None) -> tuple[Run, list[Any]]:
    run = run_cli("inspect", "--format", "json", *args, env=env, cwd=cwd)
    return run, json.loads(run.out)["targets"] if run.out.strip() else []


def snapshot(run: Run, targets: list[Any]) -> dict[str, Any]:
    assert targets and targets[0]["ok"], (run.code, run.err, targets)
    snap: dict[str, Any] = targets[0]["snapshot"]
    return snap


def roles(snap: dict[str, Any]) -> dict[str, str]:
    return {f["path"]: f["role"] for f in snap["files"]}


def problems(snap: dict[str, Any]) -> list[str]:
    assert all(p["kind"] == "unverifiable" for p in snap["problems"]), snap["problems"]
    return [p["message"] for p in snap["problems"]]


# Files that carry terms in real repositories' layouts, in folders too, and files that do not.
TERMS_LAYOUT: dict[str, str | bytes] = {
    "README.md": card(license="other", license_name="acme-model", license_link="LICENSE-MODEL"),
    "LICENSE-MODEL": text_of("apache-2.0"),
    "LICENSE-CODE": text_of("mit"),
    "MODEL_LICENSE": text_of("apache-2.0"),
    "TERMS_OF_USE.md": text_of("mit"),
    "weights/LICENSE": text_of("mit"),
    "LICENSES/BSD-3-Clause.txt": text_of("bsd-3-clause"),
    "USE_POLICY.md": text_of("mit"),
    "NOTICE": "Copyright 2025 ACME\n",
    "config.json": "{}\n",
    "src/license_utils.py": "print('not terms')\n",
}
EXPECTED_ROLES = {
    "README.md": "readme",
    "LICENSE-MODEL": "license-link",
    "LICENSE-CODE": "license",
    "MODEL_LICENSE": "license",
    "TERMS_OF_USE.md": "license",
    "NOTICE": "notice",
    "USE_POLICY.md": "use-policy",
    "weights/LICENSE": "license",
    "LICENSES/BSD-3-Clause.txt": "license",
}


def tmp_hub(make_hub: MakeHub, root: Path, repos: dict[str, dict[str, str | bytes]]) -> FakeHub:
    for repo_id, files in repos.items():
        write(root / repo_id, files)
    return make_hub(root)


# --- item 3: read every file that may carry terms --------------------------------------------


def test_a_folder_is_read_in_every_subfolder_with_roles(tmp_path: Path,
                                                        hub_env: dict[str, str]) -> None:
    folder = write(tmp_path / "model", TERMS_LAYOUT)
    run, targets = inspect(hub_env, str(folder))
    snap = snapshot(run, targets)
    assert run.code == 0, run.err
    assert roles(snap) == EXPECTED_ROLES
    assert problems(snap) == []
    weights = next(f for f in snap["files"] if f["path"] == "weights/LICENSE")
    assert weights["identification"]["detections"][0]["license"] == "mit"


def test_the_hub_is_read_in_every_subfolder_with_roles(tmp_path: Path,
                                                       make_hub: MakeHub) -> None:
    hub = tmp_hub(make_hub, tmp_path / "hub", {"acme/terms-everywhere": TERMS_LAYOUT})
    run, targets = inspect(client_env(hub.url, tmp_path / "home"), "acme/terms-everywhere")
    snap = snapshot(run, targets)
    assert snap["origin"] == "hub"
    assert roles(snap) == EXPECTED_ROLES
    assert problems(snap) == []
    asked = {r.path.split("/resolve/", 1)[1].split("/", 1)[1] for r in hub.requests
             if "/resolve/" in r.path and r.method == "GET"}
    assert "src/license_utils.py" not in asked and "config.json" not in asked


def over_the_cap(count: int) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"README.md": card(license="mit")}
    files.update({f"LICENSE-{n:02d}": text_of("mit") for n in range(1, count + 1)})
    return files


def test_files_over_the_cap_are_a_problem_in_a_folder(tmp_path: Path,
                                                      hub_env: dict[str, str]) -> None:
    folder = write(tmp_path / "many", over_the_cap(40))
    run, targets = inspect(hub_env, str(folder))
    snap = snapshot(run, targets)
    assert len(snap["files"]) == 33  # README.md and 32 license files
    [message] = problems(snap)
    assert message.startswith("8 more file(s) that may carry license terms were not read")
    assert all(f"'LICENSE-{n}'" in message for n in range(33, 41))


def test_files_over_the_cap_are_a_problem_on_the_hub_and_offline(
        tmp_path: Path, make_hub: MakeHub) -> None:
    hub = tmp_hub(make_hub, tmp_path / "hub", {"acme/many-licenses": over_the_cap(34)})
    env = client_env(hub.url, tmp_path / "home")
    run, targets = inspect(env, "acme/many-licenses")
    snap = snapshot(run, targets)
    assert len(snap["files"]) == 33
    assert problems(snap) == [
        "2 more file(s) that may carry license terms were not read (licscan reads at most 32 "
        "per repository besides README.md): 'LICENSE-33', 'LICENSE-34'"]
    run, targets = inspect({**env, "HF_HUB_OFFLINE": "1"}, "acme/many-licenses")
    offline = snapshot(run, targets)
    assert offline["origin"] == "cache"
    assert offline["problems"] == snap["problems"]
    assert len(offline["files"]) == 33


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("LICENSE.txt", ["the card's license_link names 'LICENSE.txt', which is not a file of the"
                         " repository: the terms it points to cannot be read"]),
        ("../LICENSE", ["the card's license_link '../LICENSE' is neither a URL nor a path inside "
                        "the repository: the terms it points to cannot be read"]),
        ("https://example.com/terms", []),  # a URL is resolve's to judge
    ],
)
def test_a_license_link_to_nothing_is_a_problem(tmp_path: Path, make_hub: MakeHub, link: str,
                                                expected: list[str]) -> None:
    files: dict[str, str | bytes] = {
        "README.md": card(license="other", license_name="acme", license_link=link),
        "LICENSE": text_of("mit"),
    }
    hub = tmp_hub(make_hub, tmp_path / "hub", {"acme/linked": files})
    run, targets = inspect(client_env(hub.url, tmp_path / "home"), "acme/linked")
    snap = snapshot(run, targets)
    assert problems(snap) == expected
    assert roles(snap) == {"README.md": "readme", "LICENSE": "license"}
    # The same card in a folder: 'the folder', same judgement.
    run, targets = inspect(client_env(hub.url, tmp_path / "home"),
                           str(write(tmp_path / "local", files)))
    assert [m.replace("folder", "repository") for m in problems(snapshot(run, targets))] \
        == expected


def test_unsafe_names_that_look_like_terms_are_a_problem(tmp_path: Path,
                                                         make_hub: MakeHub) -> None:
    siblings = [{"rfilename": n} for n in ("README.md", "LICENSE", "../MODEL_LICENSE",
                                           "/etc/TERMS_OF_USE", "../weights.bin")]
    files: dict[str, str | bytes] = {
        "README.md": card(license="mit"),
        "LICENSE": text_of("mit"),
        "_hub.json": json.dumps({"info_overrides": {"siblings": siblings}}),
    }
    hub = tmp_hub(make_hub, tmp_path / "hub", {"acme/unsafe": files})
    run, targets = inspect(client_env(hub.url, tmp_path / "home"), "acme/unsafe")
    snap = snapshot(run, targets)
    assert problems(snap) == [
        "2 file(s) that may carry license terms have names that are not safe paths ('..', "
        "absolute, NUL) and were not read: '../MODEL_LICENSE', '/etc/TERMS_OF_USE'"]
    assert not any(".." in r.path or "/etc/" in r.path for r in hub.requests)


# --- item 5: targets mean one thing -------------------------------------------------------------


@pytest.fixture
def shadow(tmp_path: Path) -> Path:
    """A working folder holding a folder named like the FLUX.1 [dev] repo, saying apache-2.0."""
    work = tmp_path / "work"
    write(work / FLUX, {"README.md": card(license="apache-2.0"), "LICENSE": text_of("apache-2.0")})
    return work


def test_org_name_is_the_hub_even_when_a_folder_shadows_it(
        hub: FakeHub, hub_env: dict[str, str], shadow: Path) -> None:
    run, targets = inspect(hub_env, FLUX, cwd=shadow)
    snap = snapshot(run, targets)
    assert snap["origin"] == "hub" and snap["license_link"] == "LICENSE.md"
    assert any(f"write ./{FLUX} to check the folder" in n for n in snap["notes"])
    check = run_cli("check", FLUX, "--policy", CORP, env=hub_env, cwd=shadow)
    assert check.code == 1, check.out + check.err
    assert "FAIL" in check.out and "flux-1-dev-non-commercial" in check.out


def test_a_folder_is_read_only_when_written_as_a_path(hub_env: dict[str, str],
                                                      shadow: Path) -> None:
    run, targets = inspect(hub_env, f"./{FLUX}", cwd=shadow)
    snap = snapshot(run, targets)
    assert snap["origin"] == "local"
    assert roles(snap) == {"README.md": "readme", "LICENSE": "license"}


def test_a_manifest_id_is_the_hub_and_path_is_the_folder(
        hub: FakeHub, hub_env: dict[str, str], shadow: Path) -> None:
    (shadow / "licscan.yaml").write_text(f"version: 1\nmodels:\n  - {FLUX}\n", "utf-8")
    run = run_cli("check", "--policy", CORP, env=hub_env, cwd=shadow)
    assert run.code == 1, run.out + run.err
    assert f"FAIL  {FLUX}  (commit" in run.out
    (shadow / "licscan.yaml").write_text(f"version: 1\nmodels:\n  - path: {FLUX}\n", "utf-8")
    hub.clear_requests()
    run = run_cli("check", "--policy", CORP, env=hub_env, cwd=shadow)
    assert f"./{FLUX}  (FLUX.1-dev" in run.out, run.out + run.err
    assert not any(r.path.startswith("/api/models/black-forest-labs") for r in hub.requests)


def test_a_manifest_path_is_relative_to_the_manifest(hub_env: dict[str, str], shadow: Path,
                                                     tmp_path: Path) -> None:
    (shadow / "sub").mkdir()
    (shadow / "sub" / "models.yaml").write_text(
        f"version: 1\nmodels:\n  - path: ../{FLUX}\n    notes: ours\n", "utf-8")
    run = run_cli("check", "--manifest", "sub/models.yaml", "--policy", CORP, "--format", "json",
                  env=hub_env, cwd=shadow)
    assert json.loads(run.out)["results"][0]["target"] == f"./{FLUX}", run.out + run.err
    (shadow / "sub" / "models.yaml").write_text(
        "version: 1\nmodels:\n  - path: ./nowhere\n", "utf-8")
    run = run_cli("check", "--manifest", "sub/models.yaml", env=hub_env, cwd=shadow)
    assert run.code == 2
    assert "sub/models.yaml:3: models.0.path: the folder sub/nowhere does not exist" in run.err


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("{id: a/b, path: x}", "a model is either 'id: org/name' (the Hub) or 'path: ./folder'"),
        ("{path: x, revision: main}", "'revision' pins a Hub repo; a folder given by 'path'"),
        ("{notes: x}", "a mapping needs 'id: org/name' for a Hub repo or 'path: ./folder'"),
    ],
)
def test_a_manifest_item_is_either_an_id_or_a_path(tmp_path: Path, item: str,
                                                   message: str) -> None:
    (tmp_path / "licscan.yaml").write_text(f"version: 1\nmodels:\n  - {item}\n", "utf-8")
    run = run_cli("check-manifest", "licscan.yaml", cwd=tmp_path)
    assert run.code == 2
    assert f"licscan.yaml:3: models.0: {message}" in run.err


def test_something_that_is_neither_is_a_usage_error(hub_env: dict[str, str],
                                                    tmp_path: Path) -> None:
    run = run_cli("inspect", "no/such/folder", env=hub_env, cwd=tmp_path)
    assert run.code == 2
    assert "'no/such/folder' is neither a Hugging Face repo id nor a folder" in run.out
    assert "write a folder as a path: ./name" in run.err


def test_a_bare_name_is_a_hub_id_and_the_error_says_how_to_write_the_folder(
        hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> None:
    write(tmp_path / "my-model", {"README.md": card(license="mit")})
    run = run_cli("inspect", "my-model", env=hub_env, cwd=tmp_path)
    assert run.code == 2
    assert "my-model was not found" in run.out
    assert "to check the local folder of that name, write ./my-model" in run.err


def test_a_path_that_cannot_be_a_repo_id_is_a_folder(hub_env: dict[str, str]) -> None:
    run, targets = inspect(hub_env, "fixtures/hub/google/gemma-4-31b")
    assert snapshot(run, targets)["origin"] == "local"


@pytest.mark.parametrize("url", ["https://huggingface.co/zai-org/GLM-5.1/tree/v1.0",
                                 "hf.co/zai-org/GLM-5.1@v1.0"])
def test_a_hub_url_with_a_revision_is_read_at_that_revision(
        hub: FakeHub, hub_env: dict[str, str], url: str) -> None:
    run, targets = inspect(hub_env, url)
    snap = snapshot(run, targets)
    assert (snap["repo_id"], snap["revision"]) == ("zai-org/GLM-5.1", "v1.0")


# --- item 7: base_model is never dropped --------------------------------------------------------


def test_base_model_urls_are_ids_and_the_rest_are_problems(tmp_path: Path,
                                                           hub_env: dict[str, str]) -> None:
    bases = [
        "https://huggingface.co/meta-llama/Llama-3.1-8B/tree/main",
        "hf.co/google/gemma-3-27b-it",
        "https://huggingface.co/models/acme/chain-a?x=1",
        {"id": "acme/chain-b"},
        "",
        42,
        "not an id!",
        "https://github.com/acme/model",
        "https://huggingface.co/datasets/acme/webtext-nc",
    ]
    folder = write(tmp_path / "derived", {"README.md": card(license="mit", base_model=bases)})
    run, targets = inspect(hub_env, str(folder))
    snap = snapshot(run, targets)
    assert [b["repo_id"] for b in snap["base_models"]] == [
        "meta-llama/Llama-3.1-8B", "google/gemma-3-27b-it", "acme/chain-a"]
    assert problems(snap) == [
        f"base_model {shown} cannot be read as a repo id: {why}; the terms of the model it "
        "derives from cannot be checked" for shown, why in [
            ("{'id': 'acme/chain-b'}", "it is a mapping, not an id"),
            ("''", "it is empty"),
            ("42", "it is a int, not an id"),
            ("'not an id!'", "it is not org/name"),
            ("'https://github.com/acme/model'", "it is a URL, but not one of the Hugging Face Hub"),
            ("'https://huggingface.co/datasets/acme/webtext-nc'",
             "the URL names a dataset, not a model"),
        ]]


@pytest.mark.parametrize("value", ["{}", "''", "7", "[[a/b]]"])
def test_a_single_unreadable_base_model_is_a_problem(tmp_path: Path, hub_env: dict[str, str],
                                                     value: str) -> None:
    folder = write(tmp_path / "m", {"README.md": f"---\nlicense: mit\nbase_model: {value}\n---\n"})
    run, targets = inspect(hub_env, str(folder))
    snap = snapshot(run, targets)
    assert snap["base_models"] == []
    [message] = problems(snap)
    assert message.startswith("base_model ") and "cannot be read as a repo id" in message


# --- item 4 (source side): could not evaluate is exit 2 ---------------------------------------


def test_an_unreachable_hub_cannot_pass_a_check(tmp_path: Path) -> None:
    env = client_env("http://127.0.0.1:9", tmp_path)
    run = run_cli("check", "acme/llama-3.1-8b-lora", "--policy", CORP, env=env)
    assert run.code == 2, run.out + run.err
    assert "http://127.0.0.1:9 could not be reached while reading acme/llama-3.1-8b-lora" \
        in run.out + run.err


def test_offline_with_an_empty_cache_cannot_pass_a_check(hub_env: dict[str, str]) -> None:
    run = run_cli("check", "acme/llama-3.1-8b-lora", "--policy", CORP,
                  env={**hub_env, "HF_HUB_OFFLINE": "1"})
    assert run.code == 2, run.out + run.err
    assert "acme/llama-3.1-8b-lora is not cached and offline mode is on" in run.out


def download_readme_only(env: dict[str, str], repo_id: str) -> None:
    """Fill the cache the way another tool would: the real client, README.md alone."""
    code = f"from huggingface_hub import hf_hub_download; hf_hub_download({repo_id!r}, 'README.md')"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)


def test_offline_with_only_a_readme_cached_cannot_pass(hub: FakeHub,
                                                       hub_env: dict[str, str]) -> None:
    download_readme_only(hub_env, "zai-org/GLM-5.1")
    offline = {**hub_env, "HF_HUB_OFFLINE": "1"}
    for command in (("inspect",), ("check", "--policy", CORP)):
        run = run_cli(*command, "zai-org/GLM-5.1", env=offline)
        assert run.code == 2, run.out + run.err
        assert "licscan has no record of the repository's file list at that commit" \
            in run.out + run.err
    run, targets = inspect(offline, "--cache")
    snap = snapshot(run, targets)
    assert snap["repo_id"] == "zai-org/GLM-5.1"
    assert any("no record of the repository's file list" in m for m in problems(snap))


def test_offline_with_a_license_file_gone_from_the_cache_cannot_pass(
        hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> None:
    run = run_cli("inspect", "zai-org/GLM-5.1", env=hub_env)
    assert run.code == 0, run.err
    offline = {**hub_env, "HF_HUB_OFFLINE": "1"}
    assert run_cli("check", "zai-org/GLM-5.1", "--policy", CORP, env=offline).code != 2
    [license_file] = (tmp_path / "hub").glob("models--zai-org--GLM-5.1/snapshots/*/LICENSE")
    license_file.unlink()
    run = run_cli("check", "zai-org/GLM-5.1", "--policy", CORP, env=offline)
    assert run.code == 2, run.out + run.err
    assert "the cache no longer holds LICENSE" in run.out + run.err


def test_a_gated_repo_never_read_is_not_in_the_cache_offline(
        hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> None:
    run, _ = inspect(hub_env, FLUX)
    assert run.code == 0, run.err
    # Nothing could be downloaded, so licscan left no half-made repo folder in the HF cache.
    assert not (tmp_path / "hub" / "models--black-forest-labs--FLUX.1-dev").exists()
    run = run_cli("check", FLUX, "--policy", CORP, env={**hub_env, "HF_HUB_OFFLINE": "1"})
    assert run.code == 2, run.out + run.err


def test_a_cache_snapshot_given_as_a_folder_says_it_may_be_incomplete(
        hub: FakeHub, hub_env: dict[str, str], tmp_path: Path) -> None:
    download_readme_only(hub_env, "zai-org/GLM-5.1")
    [folder] = (tmp_path / "hub").glob("models--zai-org--GLM-5.1/snapshots/*")
    run = run_cli("inspect", str(folder), env=hub_env)
    assert run.code == 0, run.err
    assert "problem (unverifiable): this folder is a Hugging Face cache snapshot, which holds " \
        "only the files that were downloaded" in run.out
    # Once licscan has read the repo from the Hub, the same folder is judged as it read it.
    assert run_cli("inspect", "zai-org/GLM-5.1", env=hub_env).code == 0
    run, targets = inspect(hub_env, str(folder))
    snap = snapshot(run, targets)
    assert snap["origin"] == "cache" and problems(snap) == []
    assert roles(snap) == {"README.md": "readme", "LICENSE": "license"}

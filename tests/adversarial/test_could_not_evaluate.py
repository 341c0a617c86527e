"""Class 4: what licscan could not evaluate is exit 2, never a pass (issue 10, "What to
build" 4), and what it can read it reads (UTF-16 without BOM).

The derivative in most cases is a LoRA labelled apache-2.0 with a real Apache LICENSE: on its
own it would pass, so only its base (unreadable here) can stop it. Through a working Hub it
fails (FLUX.1 [dev] is non-commercial), so a pass while the base is unreadable is a false pass.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.adversarial.conftest import OwnHub
from tests.adversarial.helpers import (
    APPROVED,
    HUB_FIXTURES,
    NON_COMMERCIAL_READ,
    UNVERIFIABLE,
    assert_fails,
    assert_not_evaluated,
    assert_passes,
    check,
    closed_port_url,
    hub_repo,
    license_text,
    model_folder,
)
from tests.fakehub import FakeHub

FLUX = "black-forest-labs/FLUX.1-dev"


def lora(parent: Path, base: str) -> Path:
    """An adapter of ``base`` that declares apache-2.0 and ships the Apache text."""
    return model_folder(parent, {"license": "apache-2.0", "base_model": base,
                                 "base_model_relation": "adapter"},
                        {"LICENSE": license_text("apache-2.0")}, name="lora")


def offline(env: dict[str, str], cache: Path) -> dict[str, str]:
    return {**env, "HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(cache)}


def test_base_that_answers_404_is_not_evaluated(tmp_path: Path, env: dict[str, str]) -> None:
    folder = lora(tmp_path, "acme/does-not-exist")
    assert_not_evaluated(check(str(folder), env=env))


def test_base_the_hub_fails_to_serve_is_not_evaluated(tmp_path: Path, hub: FakeHub,
                                                      env: dict[str, str]) -> None:
    hub.add_fault(r"^/api/models/black-forest-labs/FLUX\.1-dev", "status", status=500)
    folder = lora(tmp_path, FLUX)
    assert_not_evaluated(check(str(folder), env=env, extra=("--timeout", "2")))


def test_unreachable_hub_is_not_evaluated(tmp_path: Path, env: dict[str, str]) -> None:
    folder = lora(tmp_path, FLUX)
    unreachable = {**env, "HF_ENDPOINT": closed_port_url()}
    assert_not_evaluated(check(str(folder), env=unreachable, extra=("--timeout", "2")))


def test_chain_deeper_than_the_depth_limit_is_not_evaluated(own_hub: OwnHub) -> None:
    """30 fine-tunes, each of the next, all apache-2.0: licscan cannot see the top of the
    chain (beyond any sane depth limit), so it cannot say what the model is under."""
    links = 30
    for i in range(links):
        card = {"license": "apache-2.0", "base_model": f"acme/link-{i + 1}"}
        hub_repo(own_hub.root, f"acme/link-{i}", card, {"LICENSE": license_text("apache-2.0")})
    hub_repo(own_hub.root, f"acme/link-{links}", {"license": "apache-2.0"},
             {"LICENSE": license_text("apache-2.0")})
    assert_not_evaluated(check("acme/link-0", env=own_hub.env))


def test_offline_with_an_empty_cache_is_not_evaluated(tmp_path: Path,
                                                      env: dict[str, str]) -> None:
    empty = tmp_path / "empty-cache"
    empty.mkdir()
    assert_not_evaluated(check(FLUX, env=offline(env, empty)))


def test_offline_base_missing_from_the_cache_is_not_evaluated(tmp_path: Path,
                                                              env: dict[str, str]) -> None:
    empty = tmp_path / "empty-cache"
    empty.mkdir()
    folder = lora(tmp_path, FLUX)
    assert_not_evaluated(check(str(folder), env=offline(env, empty)))


def test_offline_cache_holding_only_the_readme_is_not_evaluated(tmp_path: Path,
                                                                env: dict[str, str]) -> None:
    """The cache has the card (apache-2.0) but not the LICENSE, which on the Hub is Apache with
    a non-commercial sentence added: the cache lacks what is needed to judge."""
    repo = "acme/apache-nc-modified"
    commit = hashlib.sha1(repo.encode()).hexdigest()
    cache = tmp_path / "hub-cache"
    entry = cache / ("models--" + repo.replace("/", "--"))
    (entry / "refs").mkdir(parents=True)
    (entry / "refs" / "main").write_text(commit)
    (entry / "snapshots" / commit).mkdir(parents=True)
    shutil.copy(HUB_FIXTURES / repo / "README.md", entry / "snapshots" / commit / "README.md")
    assert_not_evaluated(check(repo, env=offline(env, cache)))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_license_without_bom_is_read(encoding: str, tmp_path: Path,
                                           env: dict[str, str]) -> None:
    """A CC-BY-NC-4.0 text in UTF-16 without BOM under an apache-2.0 card is read (not skipped
    as binary), so the model fails as non-commercial."""
    data = license_text("cc-by-nc-4.0").encode(encoding)
    folder = model_folder(tmp_path, {"license": "apache-2.0"}, {"LICENSE": data})
    answer = check(str(folder), env=env)
    assert_fails(answer, NON_COMMERCIAL_READ)
    assert "cc-by-nc-4.0" in answer.license_ids, str(answer)


GATED = {"gated": "manual", "allowed_tokens": [APPROVED]}


def test_gated_files_without_a_token_do_not_pass(own_hub: OwnHub) -> None:
    """The card says apache-2.0, the LICENSE behind the gate cannot be read: unverifiable
    (LS306) fails by default under corp.yaml, and the answer says to pass a token."""
    hub_repo(own_hub.root, "acme/gated-apache", {"license": "apache-2.0"},
             {"LICENSE": license_text("apache-2.0")}, meta=GATED)
    answer = check("acme/gated-apache", env=own_hub.env)
    assert answer.code in (1, 2), str(answer)
    assert UNVERIFIABLE in answer.failing, str(answer)
    messages = " ".join(r["message"] for r in answer.result["reasons"]) + answer.run.err
    assert "token" in messages.lower(), str(answer)


def test_gated_files_with_a_token_pass(own_hub: OwnHub) -> None:
    """Control: the same repo read with an approved token is a clean apache-2.0 pass."""
    hub_repo(own_hub.root, "acme/gated-apache", {"license": "apache-2.0"},
             {"LICENSE": license_text("apache-2.0")}, meta=GATED)
    assert_passes(check("acme/gated-apache", env={**own_hub.env, "HF_TOKEN": APPROVED}))

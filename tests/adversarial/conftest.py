"""Fixtures of the attacker's suite: a client environment for the shared fake Hub, and a fake
Hub of the test's own for repos that exist only in that test."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakehub import FakeHub, client_env
from tests.fakehub.pytest_plugin import MakeHub


@dataclass(frozen=True)
class OwnHub:
    """A fake Hub over ``root`` (re-read on every request: write repos any time) and the
    environment of a client talking to it."""

    server: FakeHub
    root: Path
    env: dict[str, str]


@pytest.fixture
def env(hub_env: dict[str, str]) -> dict[str, str]:
    """Client environment for the shared fake Hub (fixtures/hub), own HF_HOME, no token."""
    return hub_env


@pytest.fixture
def own_hub(make_hub: MakeHub, tmp_path: Path) -> OwnHub:
    root = tmp_path / "hub"
    root.mkdir()
    server = make_hub(root)
    return OwnHub(server, root, client_env(server.url, tmp_path / "hf-home"))

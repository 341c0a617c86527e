"""Pytest fixtures for the fake Hub (loaded from ``tests/conftest.py``).

Why these shapes: one server per session keeps the suite fast, while the function-scoped
``hub`` fixture resets faults, logs and knobs so tests cannot leak failures into each other.
``hub_env`` is the environment a CLI run gets (licscan reads these settings at call time, so
the same dict serves an in-process run and a subprocess) instead of patching the library.

Fixtures:

- ``hub_server`` (session): a :class:`FakeHub` serving ``<repo>/fixtures/hub`` (may be empty).
- ``hub``: the same server, reset for this test.
- ``make_hub``: factory ``make_hub(root, **kwargs) -> FakeHub`` for any folder; closed after.
- ``hub_env``: ``dict`` of environment variables for a CLI run talking to ``hub``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from . import REPO_ROOT, client_env
from .server import FakeHub

HUB_FIXTURES = REPO_ROOT / "fixtures" / "hub"

MakeHub = Callable[..., FakeHub]


@pytest.fixture(scope="session")
def hub_server() -> Iterator[FakeHub]:
    """The shared fake Hub over ``fixtures/hub`` (a missing folder serves no repos)."""
    with FakeHub(HUB_FIXTURES) as server:
        yield server


@pytest.fixture
def hub(hub_server: FakeHub) -> Iterator[FakeHub]:
    """The shared fake Hub with no faults, empty request logs and default latency/page size."""
    hub_server.reset()
    yield hub_server
    hub_server.reset()


@pytest.fixture
def make_hub() -> Iterator[MakeHub]:
    """Factory for a fake Hub over an arbitrary folder, e.g. a test's own ``tmp_path``."""
    started: list[FakeHub] = []

    def _make(root: str | Path, **kwargs: Any) -> FakeHub:
        server = FakeHub(root, **kwargs).start()
        started.append(server)
        return server

    yield _make
    for server in started:
        server.close()


@pytest.fixture
def hub_env(hub: FakeHub, tmp_path: Path) -> dict[str, str]:
    """Environment for a CLI run: ``HF_ENDPOINT`` is ``hub``, ``HF_HOME`` is tmp_path."""
    return client_env(hub.url, tmp_path)

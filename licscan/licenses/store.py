"""Where the bundled rules live, and a cache of what is compiled from them.

Why a cache: parsing 800 rules files and tokenising their texts costs far more than the
half-second a pre-commit hook may take. The compiled forms are pickled once into the user cache
directory (never the work tree) under a fingerprint of the rules, so any change to the rules or
to licscan builds them afresh. A cache that cannot be read or written is only a slower start.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import TypeVar

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

from licscan import __version__
from licscan.atomic import replace_file
from licscan.errors import RulesError

T = TypeVar("T")



def _code_stamp() -> str:
    """The source of the modules whose values the catalog cache holds: a field added to a
    catalog entry changes this without anyone remembering to bump a number (an old pickle
    read by new code would be an AttributeError on the first run after an upgrade)."""
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(module.name.encode() + b":" + module.read_bytes())
    return digest.hexdigest()[:16]


def rules_root() -> Traversable:
    """The rules folder: ``licscan/_rules`` in a wheel, the checkout's ``rules/`` in development."""
    packaged = resources.files("licscan").joinpath("_rules")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise RulesError(
        "licscan's bundled rules/ folder is missing from this installation.",
        hint="Reinstall licscan (pip install --force-reinstall licscan).",
    )


def license_files(root: Traversable | None = None) -> Iterator[Traversable]:
    """Every rules file, in a stable order."""
    folder = (root or rules_root()).joinpath("licenses")
    return iter(
        sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    )


def fingerprint(root: Traversable | None = None) -> str:
    """A key that changes whenever a rules file, licscan's version or the catalog's code
    changes."""
    digest = hashlib.sha256(f"{__version__}:{_code_stamp()}".encode())
    for item in license_files(root):
        digest.update(item.name.encode())
        if isinstance(item, Path):
            stat = item.stat()
            digest.update(f":{stat.st_size}:{stat.st_mtime_ns}".encode())
        else:  # a zip or other non-filesystem resource: fall back to the bytes
            digest.update(hashlib.sha256(item.read_bytes()).digest())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    """The user cache directory (``LICSCAN_CACHE_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get("LICSCAN_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("licscan", appauthor=False)


def cached(kind: str, build: Callable[[], T], key: str | None = None) -> T:
    """Load ``kind`` compiled for the current rules from the cache, or build and store it."""
    path = cache_dir() / f"{kind}-{key or fingerprint()}.pickle"
    try:
        with path.open("rb") as handle:
            value: T = pickle.load(handle)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    value = build()
    _write_atomically(path, value)
    return value


def _write_atomically(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.pickle"):
            stale.unlink(missing_ok=True)
        replace_file(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return  # a read-only or full cache only costs speed


def packaged(name: str, kind: type[T]) -> T | None:
    """A compiled form the wheel build shipped in ``_rules`` (hatch_build.py), if this install
    has one made by its own version. A development checkout has none and uses ``cached``."""
    item = rules_root().joinpath(name)
    try:
        with item.open("rb") as handle:
            data = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("version") != __version__:
        return None
    value = data.get("value")
    return value if isinstance(value, kind) else None

"""A cache of repository snapshots in the user cache directory, revalidated by commit.

Why: a bulk audit of an organisation reads hundreds of repos; most have not changed since the
last run. A cached snapshot is reused when one metadata request shows the repo is still at the
same commit (revalidation), or with no request at all while it is younger than ``ttl`` seconds,
or offline. Keys include the endpoint and whether a token was used (a gated repo read with a
token must not answer a run without one); the token itself is never stored.

Keys also include licscan's version, the fingerprint of the rules and the shape of the snapshot
values, all computed, never bumped by hand: a snapshot written by another licscan (which may
choose other files, or lack a field this one reads) is never reused after an upgrade.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

from licscan import __version__
from licscan.atomic import replace_file
from licscan.errors import SourceError
from licscan.model import BaseModelRef, RepoFile, RepoKind, RepoSnapshot, SourceProblem


def writer_stamp() -> str:
    """What wrote a snapshot: licscan's version, the rules' fingerprint and every field of the
    snapshot values (a field added or renamed changes it without anyone remembering to)."""
    from licscan.licenses.store import fingerprint  # the rules are loaded only when caching
    shapes = ";".join(f"{cls.__name__}({','.join(f.name for f in fields(cls))})"
                      for cls in (RepoSnapshot, RepoFile, BaseModelRef, SourceProblem))
    return "|".join((__version__, fingerprint(), shapes))


@dataclass
class SnapshotCache:
    """Snapshots by (writer, endpoint, kind, repo, revision, token-or-not)."""

    folder: Path
    ttl: float | None = None  # seconds a snapshot is trusted without asking the Hub
    offline: bool = False  # answer only from the cache
    stamp: str = field(default_factory=writer_stamp)

    def key(self, endpoint: str, kind: RepoKind, repo_id: str, revision: str | None,
            token: str | None) -> Path:
        token_mark = "token" if token or os.environ.get("HF_TOKEN") else "anonymous"
        raw = "|".join((self.stamp, endpoint, kind, repo_id.lower(), revision or "main",
                        token_mark))
        return self.folder / (hashlib.sha256(raw.encode()).hexdigest()[:32] + ".pickle")

    def load(self, path: Path) -> tuple[float, RepoSnapshot] | None:
        try:
            with path.open("rb") as handle:
                stored_at, snapshot = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
                TypeError):
            return None
        if not isinstance(snapshot, RepoSnapshot):
            return None
        return float(stored_at), snapshot

    def store(self, path: Path, snapshot: RepoSnapshot) -> None:
        data = pickle.dumps((time.time(), snapshot), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            replace_file(path, data)
        except OSError:
            return  # a cache that cannot be written only costs speed

    def fresh(self, stored_at: float) -> bool:
        return self.ttl is not None and time.time() - stored_at < self.ttl

    def missing(self, repo_id: str) -> SourceError:
        return SourceError(f"{repo_id} is not in licscan's snapshot cache and --offline is set.",
                           hint="Run once without --offline to fill the cache.")

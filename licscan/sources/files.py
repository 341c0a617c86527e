"""Which files of a repository can carry license terms, and which names are safe to read.

Why not only LICENSE: model terms often sit in a NOTICE, a USE_POLICY.md (Llama's acceptable-use
policy, with its EU clause), a LICENSE-MODEL next to a LICENSE-CODE, or the model card itself.
And a file name comes from a stranger: one with '..', an absolute path or a NUL is never used.
"""

from __future__ import annotations

import posixpath
import re

LICENSE_FILE = re.compile(
    r"^(?:LICEN[CS]E|COPYING|NOTICE|USE[_-]?POLICY|ACCEPTABLE[_-]USE[_-]POLICY)"
    r"(?:[._-][A-Za-z0-9._-]*)?$",
    re.IGNORECASE,
)
MAX_LICENSE_FILES = 12
MAX_FILE_BYTES = 2 * 1024 * 1024  # larger "license" files are skipped, and the report says so


def role_of(path: str) -> str:
    name = posixpath.basename(path).upper()
    if name.startswith("NOTICE"):
        return "notice"
    if "POLICY" in name:
        return "use-policy"
    if name.startswith("README"):
        return "readme"
    return "license"


def is_safe_repo_path(path: str) -> bool:
    """A relative POSIX path inside the repository."""
    if not path or "\x00" in path or "\\" in path or path.startswith("/"):
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts) and ":" not in parts[0]


def license_bearing(siblings: list[str] | tuple[str, ...]) -> list[str]:
    """License-bearing files at the top level of the repo, README.md first, stable order."""
    chosen = [
        s for s in siblings if is_safe_repo_path(s) and "/" not in s and LICENSE_FILE.match(s)
    ]
    chosen.sort(key=str.lower)
    readme = [s for s in siblings if s.lower() == "readme.md"]
    return (readme + chosen)[: MAX_LICENSE_FILES + 1]


def link_target(link: object) -> tuple[str | None, str | None]:
    """(kind, value) of a card's ``license_link``: a repo ``file`` or an external ``url``."""
    if not isinstance(link, str) or not link.strip():
        return None, None
    link = link.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*://", link, re.IGNORECASE):
        return "url", link
    path = link.removeprefix("./")
    hub_blob = re.match(r"^/?(?:[^/]+/[^/]+/)?(?:blob|resolve)/[^/]+/(.+)$", path)
    if hub_blob:
        path = hub_blob.group(1)
    return ("file", path) if is_safe_repo_path(path) else ("url", link)

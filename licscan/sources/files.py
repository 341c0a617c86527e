"""Which files of a repository can carry license terms, and which names are safe to read.

Why not only LICENSE at the top: model terms sit in a NOTICE, a USE_POLICY.md (Llama's
acceptable-use policy, with its EU clause), a LICENSE-MODEL next to a LICENSE-CODE, ChatGLM's
MODEL_LICENSE, a TERMS_OF_USE.md, or a LICENSE inside ``weights/``. A gate that reads only some
of them passes what it never saw, so every such file in any folder is chosen, and every one that
is not read (over the cap, an unsafe name, a ``license_link`` to nothing) becomes a
``SourceProblem`` the verdict must answer for. A file name comes from a stranger: one with
'..', an absolute path or a NUL is never opened.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from licscan.model import FileRole, LinkKind, SourceProblem

# Matched against a file's own name (not its folder), case-insensitively.
_TERMS_NAME = re.compile(
    r"^(?:LICEN[CS]E|COPYING|COPYRIGHT|NOTICE|USE[_-]?POLICY|ACCEPTABLE[_-]?USE|TERMS|EULA"
    r"|AGREEMENT|RESTRICTIONS|LEGAL|DISCLAIMER|CONDITIONS|PERMISSIONS|RESPONSIBLE[_-]USE)"
    r"|[_-]LICEN[CS]E|[_-]AGREEMENT|[_-]TERMS(?![a-z])"
    r"|TERMS[_-]OF[_-](?:USE|SERVICE)"
    r"|ACCEPTABLE[_-]USE|USE[_-]POLICY"
    r"|\.LICEN[CS]E$",
    re.IGNORECASE,
)
# REUSE keeps one text per license in LICENSES/<id>.txt: every file there carries terms.
_TERMS_FOLDER = re.compile(r"^LICEN[CS]ES?$", re.IGNORECASE)
# Names that match the words above but can hold no prose terms: code, weights, media, archives.
# Anything else (no extension, .md, .txt, .pdf, .html, an unknown one) is read: a file read in
# vain costs a finding a person can dismiss; a file skipped may hide the terms.
_CODE_SUFFIXES = frozenset({
    "py", "pyi", "js", "mjs", "ts", "c", "cc", "cpp", "h", "hpp", "cu", "go", "rs", "java", "kt",
    "swift", "sh", "bat", "ps1", "rb", "pl"
})
_NOT_TERMS_SUFFIXES = _CODE_SUFFIXES | frozenset({
    "pyc", "ipynb", "safetensors", "bin", "pt", "pth", "ckpt", "gguf", "ggml", "onnx", "h5",
    "msgpack", "npz", "npy", "tflite", "mlmodel", "pb", "model", "png", "jpg", "jpeg", "gif",
    "webp", "svg", "ico", "bmp", "mp3", "wav", "flac", "mp4", "avi", "mov", "zip", "gz", "tgz",
    "bz2", "xz", "zst", "tar", "7z", "whl", "jar", "parquet", "arrow", "lock"
})
# A file named exactly as terms ("LICENSE.png", "MODEL_LICENSE.zip") in a form licscan cannot read
# as text: never read, never silently skipped either (an image or archive can hold the terms).
_UNREADABLE_TERMS = re.compile(
    r"^(?:LICEN[CS]ES?|COPYING|NOTICE|EULA|TERMS(?:[_-]OF[_-](?:USE|SERVICE))?"
    r"|(?:ACCEPTABLE[_-])?USE[_-]?POLICY|[\w.-]*[_-]LICEN[CS]E)"
    r"\.(?:png|jpe?g|gif|webp|svg|bmp|zip|gz|tgz|bz2|xz|zst|tar|7z)$",
    re.IGNORECASE,
)
# ...except a program file named exactly as terms ("LICENSE.py", "NOTICE.js", "TERMS.ts"): its
# name says it holds them, and it is read and held to every word like any license file.
_CODE_NAMED_AS_TERMS = re.compile(
    r"^(?:LICEN[CS]ES?|COPYING|NOTICE|EULA|TERMS(?:[_-]OF[_-](?:USE|SERVICE))?"
    r"|(?:ACCEPTABLE[_-])?USE[_-]?POLICY)$",
    re.IGNORECASE,
)
MAX_LICENSE_FILES = 32  # files read per repository besides README.md; the rest are reported
MAX_FILE_BYTES = 2 * 1024 * 1024  # larger "license" files are skipped, and the report says so
_LISTED = 10  # names quoted in one problem sentence


# The model card in another language (README_zh.md, README.ja.md, README-ko.md) at the top
# level: a card, read as the card is, where a term may be written as well as in README.md.
_CARD_TRANSLATION = re.compile(r"^README[._-][a-z]{2}(?:[-_][a-z]{2,4})?\.(?:md|markdown|rst|txt)$",
                               re.IGNORECASE)


def _card_translation(path: str) -> bool:
    return "/" not in path and bool(_CARD_TRANSLATION.match(path))


def is_terms_file(path: str) -> bool:
    """A file whose name (or folder, for LICENSES/) says it may carry license terms."""
    if _card_translation(path):
        return True
    name = posixpath.basename(path)
    stem, dot, suffix = name.rpartition(".")
    suffix = suffix.lower() if dot else ""
    if suffix in _NOT_TERMS_SUFFIXES and not (suffix in _CODE_SUFFIXES
                                              and _CODE_NAMED_AS_TERMS.match(stem)):
        return False
    folder = posixpath.basename(posixpath.dirname(path))
    return bool(_TERMS_NAME.search(name)) or bool(folder and _TERMS_FOLDER.match(folder))


def role_of(path: str) -> FileRole:
    """What the file is to a reader: the card, a notice, a use policy, or license terms."""
    name = posixpath.basename(path).upper()
    if path.lower() == "readme.md" or _card_translation(path):
        return "readme"
    if name.startswith(("NOTICE", "COPYRIGHT")):
        return "notice"
    if "POLICY" in name or "ACCEPTABLE" in name:
        return "use-policy"
    return "license"


def is_safe_repo_path(path: str) -> bool:
    """A relative POSIX path inside the repository."""
    if not path or "\x00" in path or "\\" in path or path.startswith("/"):
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts) and ":" not in parts[0]


def license_bearing(siblings: list[str] | tuple[str, ...]) -> list[str]:
    """Every safe file that may carry terms, in any folder: README.md, then the top level,
    then deeper folders, each by name. No cap here: see ``select_terms_files``."""
    chosen = [s for s in siblings if is_safe_repo_path(s) and is_terms_file(s)]
    chosen.sort(key=lambda s: (s.count("/"), s.lower(), s))
    readme = [s for s in siblings if s.lower() == "readme.md"]
    return readme[:1] + chosen


@dataclass
class Selection:
    """The files to read, with roles, and what could not be read before a byte was fetched."""

    wanted: list[str] = field(default_factory=list)
    roles: dict[str, FileRole] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    link_kind: LinkKind | None = None
    link_value: str | None = None


def select_terms_files(siblings: list[str] | tuple[str, ...], license_link: object,
                       where: str = "repository") -> Selection:
    """Choose the files to read from a repository listing and the card's ``license_link``.

    README.md (the card) always comes first and the ``license_link`` target second; the cap
    counts the rest. Files over the cap, unsafe names that look like terms, and a link to a file
    that is not there are problems ('unverifiable'), never silent drops.
    """
    chosen = license_bearing(siblings)
    readme = chosen[:1] if chosen and chosen[0].lower() == "readme.md" else []
    rest = chosen[len(readme):]
    sel = Selection()
    sel.link_kind, sel.link_value = link_target(license_link)
    link_file: list[str] = []
    if sel.link_kind == "file" and sel.link_value:
        if sel.link_value in siblings:
            link_file = [] if sel.link_value in readme else [sel.link_value]
        else:
            sel.problems.append(SourceProblem(
                "unverifiable",
                f"the card's license_link names '{sel.link_value}', which is not a file of the "
                f"{where}: the terms it points to cannot be read"))
    elif sel.link_kind == "url" and sel.link_value and "://" not in sel.link_value:
        sel.problems.append(SourceProblem(
            "unverifiable",
            f"the card's license_link {sel.link_value!r} is neither a URL nor a path inside the "
            f"{where}: the terms it points to cannot be read"))
    rest = [p for p in rest if p not in link_file]
    budget = MAX_LICENSE_FILES - len(link_file)
    rest, over = rest[:budget], rest[budget:]
    sel.wanted = readme + link_file + rest
    sel.roles = {p: role_of(p) for p in sel.wanted}
    for p in link_file:
        sel.roles[p] = "license-link"
    if over:
        sel.problems.append(SourceProblem(
            "unverifiable",
            f"{len(over)} more file(s) that may carry license terms were not read (licscan reads "
            f"at most {MAX_LICENSE_FILES} per repository besides README.md): {_names(over)}"))
    unreadable = [s for s in siblings if is_safe_repo_path(s)
                  and _UNREADABLE_TERMS.match(posixpath.basename(s))]
    if unreadable:
        sel.problems.append(SourceProblem(
            "unverifiable",
            f"{len(unreadable)} file(s) named as license terms are images or archives "
            f"licscan cannot read as text: {_names(unreadable)}; read them and record the "
            "decision as an exception"))
    unsafe = [s for s in siblings if not is_safe_repo_path(s)]
    unsafe_terms = [s for s in unsafe if is_terms_file(s.replace("\\", "/"))]
    if unsafe_terms:
        sel.problems.append(SourceProblem(
            "unverifiable",
            f"{len(unsafe_terms)} file(s) that may carry license terms have names that are not "
            f"safe paths ('..', absolute, NUL) and were not read: {_names(unsafe_terms)}"))
    if unsafe:
        sel.notes.append(f"{len(unsafe)} file name(s) in the listing are not safe paths "
                         "('..', absolute, NUL) and were not read")
    return sel


def _names(paths: list[str]) -> str:
    shown = ", ".join(repr(p) for p in paths[:_LISTED])
    return shown + (f" and {len(paths) - _LISTED} more" if len(paths) > _LISTED else "")


def link_target(link: object) -> tuple[LinkKind | None, str | None]:
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

"""A fake Hugging Face Hub that speaks the Hub's wire format over real loopback HTTP.

Why this exists: licscan must be tested against the *real* ``huggingface_hub`` client (never a
mock), but the real Hub cannot be reached from tests.  So this module serves repositories from a
folder exactly the way the Hub answers the client (``docs/hub-facts.md`` §2-5, §9):
model/dataset info JSON, tree listings with ``Link`` pagination, ``resolve`` downloads with
``X-Repo-Commit``/``ETag``, Hub error codes, gated/private/disabled/renamed repos, and a second
loopback port acting as the CDN for LFS files.  On top of that, tests can inject faults (status
codes, delays, slow bodies, dropped or truncated connections, redirect loops) per request path,
because licscan's error handling is only trustworthy if the client really sees those failures.

Folder layout served (``root`` is e.g. ``fixtures/hub``)::

    <root>/<org>/<name>/...               a model repo (every file is a repo file)
    <root>/datasets/<org>/<name>/...      a dataset repo
    <repo>/_hub.json                      API-only fields (never served as a file)

``_hub.json`` keys (all optional): ``sha``, ``gated``, ``private``, ``disabled``,
``lastModified``, ``createdAt``, ``tags``, ``library_name``, ``pipeline_tag``, ``refs``,
``renamed_to``, ``allowed_tokens``, ``extra_siblings``, ``downloads``, ``likes`` and
``info_overrides`` (a dict merged verbatim into the info JSON, for hostile fixtures).
The folder is re-read on every request, so tests may write repos after the server started.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import parse_qsl, quote, unquote, urlencode

import yaml

__all__ = [
    "FAULT_KINDS",
    "FakeHub",
    "Fault",
    "RequestRecord",
    "git_blob_sha1",
]

FaultKind = Literal["status", "delay", "drip", "drop", "truncate", "redirect_loop"]
FAULT_KINDS: tuple[FaultKind, ...] = (
    "status",
    "delay",
    "drip",
    "drop",
    "truncate",
    "redirect_loop",
)
RepoKind = Literal["model", "dataset"]
ServerRole = Literal["hub", "cdn"]

# Parameters each fault kind accepts: checked in add_fault so a typo fails loudly in the test
# that made it instead of silently injecting nothing.
_FAULT_PARAMS: dict[str, frozenset[str]] = {
    "status": frozenset(
        {"status", "headers", "error_code", "error_message", "body", "retry_after"}
    ),
    "delay": frozenset({"seconds"}),
    "drip": frozenset({"chunk_size", "interval"}),
    "drop": frozenset(),
    "truncate": frozenset({"keep", "fraction"}),
    "redirect_loop": frozenset({"status"}),
}

DEFAULT_TIMESTAMP = "2026-01-01T00:00:00.000Z"
HUB_WEB_URL = "https://huggingface.co"
_HEX40 = re.compile(r"^[0-9a-f]{40}$")
# Hub repo-name characters.  Anything else (``..``, ``%00``, backslashes) is "not found", which
# also keeps URL paths from ever escaping the served root.
_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,95}$")
# Same front-matter rule as huggingface_hub.repocard.REGEX_YAML_BLOCK.
_YAML_BLOCK = re.compile(r"^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))")
_TRUE = frozenset({"1", "true", "True", "yes"})
_META_FILE = "_hub.json"
_JSON_TYPE = "application/json; charset=utf-8"


class FixtureError(Exception):
    """A fixture folder is malformed; answered as a loud 500 so the fixture author notices."""


# --------------------------------------------------------------------------------------------
# Records and faults
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server saw it, so tests can assert on what the client really sent.

    ``path`` is the raw (still percent-encoded) path without the query string, ``headers`` has
    lower-cased names, and ``status`` is ``None`` when a ``drop`` fault sent no answer.
    ``duration`` runs until the answer was ready to send (it includes latency and delays, not
    the body transmission of a ``drip``).
    """

    server: ServerRole
    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    status: int | None
    fault: str | None
    started: float
    duration: float

    @property
    def authorization(self) -> str | None:
        """The Authorization header, because token leaks (e.g. to the CDN) are a test subject."""
        return self.headers.get("authorization")

    @property
    def target(self) -> str:
        """Path plus query string, as sent on the request line."""
        return f"{self.path}?{self.query}" if self.query else self.path


@dataclass
class Fault:
    """A fault rule: requests whose raw path matches ``pattern`` get ``kind`` applied.

    ``after`` skips that many matching requests first (e.g. "the second page fails"), ``times``
    limits how often it fires (then normal service resumes), ``hits`` counts firings.
    """

    pattern: re.Pattern[str]
    kind: FaultKind
    method: str | None
    times: int | None
    after: int
    server: ServerRole
    params: dict[str, Any]
    seen: int = 0
    hits: int = 0

    def _claim(self, role: ServerRole, method: str, path: str) -> bool:
        """Decide (under the hub's lock) whether this request triggers the fault."""
        if role != self.server or (self.method is not None and self.method != method):
            return False
        if self.pattern.search(path) is None:
            return False
        self.seen += 1
        if self.seen <= self.after:
            return False
        if self.times is not None and self.hits >= self.times:
            return False
        self.hits += 1
        return True

    @property
    def exhausted(self) -> bool:
        """True once a ``times``-limited fault has fired its last time."""
        return self.times is not None and self.hits >= self.times


# --------------------------------------------------------------------------------------------
# Repository model
# --------------------------------------------------------------------------------------------


def git_blob_sha1(data: bytes) -> str:
    """Git's blob id, which the Hub uses as ``oid`` and as the ETag of regular files."""
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()


@lru_cache(maxsize=256)
def _zeros_sha256(size: int) -> str:
    """sha256 of ``size`` zero bytes: the content the fake serves for LFS placeholders."""
    return hashlib.sha256(b"\x00" * size).hexdigest()


def _lfs_pointer(sha256: str, size: int) -> bytes:
    """The git-lfs pointer file, whose git oid is what the tree lists for an LFS file."""
    text = f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n"
    return text.encode()


@dataclass(frozen=True)
class _Entry:
    """A repo file: either stored on disk (``source``) or an LFS placeholder of zero bytes."""

    path: str
    size: int
    oid: str
    source: Path | None = None
    lfs_sha256: str | None = None
    pointer_size: int | None = None

    def content(self) -> bytes:
        """The bytes a download returns."""
        if self.source is not None:
            return self.source.read_bytes()
        return b"\x00" * self.size


def _jsonable(value: Any) -> Any:
    """Make arbitrary YAML output JSON-safe (dates, non-string keys, sets, bytes) like the Hub."""
    if isinstance(value, Mapping):
        return {
            (k if isinstance(k, str) else _jsonable_key(k)): _jsonable(v) for k, v in value.items()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def _jsonable_key(key: object) -> str:
    """YAML allows keys JSON does not: render them the way JavaScript would stringify them."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, (datetime, date)):
        return key.isoformat()
    return str(key)


def parse_card(data: bytes) -> dict[str, Any] | None:
    """README front matter as a dict, or None when absent, unparsable or not a mapping.

    The real Hub rejects such READMEs at push time; serving ``cardData`` as absent is the
    closest well-defined behaviour, and hostile fixtures need it.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff")
    match = _YAML_BLOCK.search(text)
    if match is None:
        return None
    try:
        loaded = yaml.safe_load(match.group(2))
    except yaml.YAMLError:
        return None
    except (ValueError, TypeError, RecursionError):
        return None
    if not isinstance(loaded, dict):
        return None
    result = _jsonable(loaded)
    return cast(dict[str, Any], result)


def _str_items(value: object) -> list[str]:
    """A card value that may be a string or a list, reduced to its string items."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _base_model_relation(card: Mapping[str, Any], bases: list[str]) -> str:
    """The relation the Hub records: the card's, else merge for 2+ bases, else finetune."""
    relation = card.get("base_model_relation")
    if isinstance(relation, str) and relation:
        return relation
    return "merge" if len(bases) >= 2 else "finetune"


def _dedupe(items: Iterable[str]) -> list[str]:
    """Order-preserving de-duplication (the Hub never repeats a tag)."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


@dataclass
class _Repo:
    """A repo folder plus its ``_hub.json``, loaded fresh for each request."""

    kind: RepoKind
    repo_id: str
    folder: Path
    meta: dict[str, Any]
    entries: dict[str, _Entry] = field(default_factory=dict)
    card: dict[str, Any] | None = None

    @property
    def org(self) -> str:
        """Namespace part of the id."""
        return self.repo_id.split("/", 1)[0]

    @property
    def sha(self) -> str:
        """Commit of ``main``: from ``_hub.json``, else stable per repo path."""
        sha = self.meta.get("sha")
        if isinstance(sha, str) and _HEX40.match(sha.lower()):
            return sha.lower()
        prefix = "datasets/" if self.kind == "dataset" else ""
        return hashlib.sha1(f"{prefix}{self.repo_id}".encode()).hexdigest()

    @property
    def refs(self) -> dict[str, str]:
        """Branches and tags to commits; ``main`` always maps to :attr:`sha`."""
        refs: dict[str, str] = {}
        raw = self.meta.get("refs") or {}
        if not isinstance(raw, dict):
            raise FixtureError(f"{self.repo_id}: _hub.json 'refs' must be an object")
        for name, commit in raw.items():
            if not (isinstance(commit, str) and _HEX40.match(commit.lower())):
                raise FixtureError(f"{self.repo_id}: ref {name!r} must map to 40 hex digits")
            refs[str(name)] = commit.lower()
        refs["main"] = self.sha
        return refs

    def resolve_revision(self, rev: str) -> str | None:
        """Commit for a branch/tag name or a known full commit sha, else None (like the Hub)."""
        refs = self.refs
        if rev in refs:
            return refs[rev]
        if _HEX40.match(rev.lower()) and rev.lower() in refs.values():
            return rev.lower()
        return None

    @property
    def gated(self) -> object:
        """``False``, ``"auto"`` or ``"manual"`` (passed through as given)."""
        return self.meta.get("gated", False)

    @property
    def private(self) -> bool:
        """Private repos look missing unless the token is in ``allowed_tokens``."""
        return bool(self.meta.get("private", False))

    @property
    def disabled(self) -> bool:
        """Disabled repos answer 403 "Access to this resource is disabled."."""
        return bool(self.meta.get("disabled", False))

    @property
    def renamed_to(self) -> str | None:
        """New id when the repo was renamed (the old id redirects with 307)."""
        value = self.meta.get("renamed_to")
        return value if isinstance(value, str) and value else None

    @property
    def allowed_tokens(self) -> frozenset[str]:
        """Tokens approved for a gated or private repo."""
        return frozenset(t for t in self.meta.get("allowed_tokens", []) if isinstance(t, str))

    def card_or_meta(self, key: str) -> object:
        """``_hub.json`` wins over the card, so fixtures can override what the card says."""
        if key in self.meta:
            return self.meta[key]
        return (self.card or {}).get(key)

    def base_models(self) -> tuple[str, list[str]] | None:
        """(relation, bases) when the card names a base model."""
        card = self.card or {}
        bases = _str_items(card.get("base_model"))
        if not bases:
            return None
        return _base_model_relation(card, bases), bases

    def tags(self) -> list[str]:
        """Tags derived the way the Hub derives them from the card and repo settings."""
        card = self.card or {}
        tags: list[str] = []
        library = self.card_or_meta("library_name")
        if isinstance(library, str):
            tags.append(library)
        tags.extend(_str_items(card.get("tags")))
        tags.extend(t for t in self.meta.get("tags", []) if isinstance(t, str))
        tags.extend(f"dataset:{d}" for d in _str_items(card.get("datasets")))
        base = self.base_models()
        if base is not None:
            relation, bases = base
            tags.extend(f"base_model:{b}" for b in bases)
            tags.extend(f"base_model:{relation}:{b}" for b in bases)
        tags.extend(f"license:{lic}" for lic in _str_items(card.get("license")))
        tags.append("region:us")
        return _dedupe(tags)

    def directories(self) -> list[str]:
        """Every folder that contains at least one file."""
        dirs: set[str] = set()
        for path in self.entries:
            parts = path.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                dirs.add("/".join(parts[:i]))
        return sorted(dirs)


class _OidCache:
    """Git blob ids keyed by (path, mtime, size): benchmarks list the same trees repeatedly."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, int, int], str] = {}

    def oid(self, path: Path, mtime_ns: int, size: int) -> str:
        key = (str(path), mtime_ns, size)
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None:
            return hit
        value = git_blob_sha1(path.read_bytes())
        with self._lock:
            self._cache[key] = value
        return value


def _load_meta(folder: Path, repo_id: str) -> dict[str, Any]:
    """Read ``_hub.json``; a broken one is a fixture bug and must fail loudly."""
    meta_path = folder / _META_FILE
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FixtureError(f"{repo_id}: unreadable {_META_FILE}: {exc}") from exc
    if not isinstance(meta, dict):
        raise FixtureError(f"{repo_id}: {_META_FILE} must hold a JSON object")
    return meta


def _walk_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Repo files under ``folder`` (posix relative path, real path), never leaving it.

    ``os.walk`` without following links, plus a containment check on each file, so neither a
    symlink loop nor a link to ``/etc`` in a hostile fixture can make the server read outside.
    """
    base = folder.resolve()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            rel = path.relative_to(folder).as_posix()
            if rel == _META_FILE or not path.is_file():
                continue
            real = path.resolve()
            if not real.is_relative_to(base):
                continue
            yield rel, real


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


@dataclass
class _Request:
    """The parts of a request the routing code needs."""

    role: ServerRole
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    @property
    def params(self) -> list[tuple[str, str]]:
        """Query parameters in order, repeated keys kept (``expand=a&expand=b``)."""
        return parse_qsl(self.query, keep_blank_values=True)

    def param(self, name: str) -> str | None:
        """Last value of a query parameter."""
        values = [v for k, v in self.params if k == name]
        return values[-1] if values else None

    def flag(self, name: str) -> bool:
        """Boolean query parameter as httpx encodes it (``true``)."""
        return self.param(name) in _TRUE

    @property
    def token(self) -> str | None:
        """Bearer token from the Authorization header."""
        auth = self.headers.get("authorization", "")
        scheme, _, value = auth.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            return None
        return value.strip()


@dataclass
class _Reply:
    """A response before transmission (faults may alter how it is transmitted)."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


def _json_reply(status: int, obj: object, headers: Iterable[tuple[str, str]] = ()) -> _Reply:
    """JSON body with the Hub's content type."""
    body = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    return _Reply(status, [("Content-Type", _JSON_TYPE), *headers], body)


def _error(
    status: int,
    message: str,
    code: str | None = None,
    headers: Iterable[tuple[str, str]] = (),
) -> _Reply:
    """A Hub error: ``X-Error-Code`` decides the client's exception, the message is shown."""
    extra: list[tuple[str, str]] = []
    if code is not None:
        extra.append(("X-Error-Code", code))
    extra.append(("X-Error-Message", message))
    return _json_reply(status, {"error": message}, [*extra, *headers])


def _header_safe(value: str) -> str:
    """Header values must be one latin-1 line; URL-derived text may be neither."""
    value = value.replace("\r", " ").replace("\n", " ")
    return value.encode("latin-1", "replace").decode("latin-1")


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its FakeHub and role, and skips the slow getfqdn()."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], hub: FakeHub, role: ServerRole) -> None:
        self.hub = hub
        self.role: ServerRole = role
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup, which can stall on some hosts."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients hanging up mid-fault is expected, not an error worth printing."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Turns HTTP requests into FakeHub calls and applies transmission faults."""

    protocol_version = "HTTP/1.1"
    server_version = "fakehub/1.0"

    def version_string(self) -> str:
        """``Server: fakehub/1.0`` without the Python version suffix."""
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet logging: the request log on the FakeHub replaces stderr noise."""

    def do_GET(self) -> None:
        """Dispatch."""
        self._dispatch()

    def do_HEAD(self) -> None:
        """Dispatch (HEAD answers like GET, without a body)."""
        self._dispatch()

    def do_POST(self) -> None:
        """Dispatch (only ``paths-info`` accepts POST)."""
        self._dispatch()

    def _dispatch(self) -> None:
        srv = cast(_Server, self.server)
        hub = srv.hub
        started = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        path, _, query = self.path.partition("?")
        req = _Request(
            role=srv.role,
            method=self.command,
            path=path,
            query=query,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        faults = hub._claim_faults(req)
        delay = hub.latency + sum(
            float(f.params.get("seconds", 1.0)) for f in faults if f.kind == "delay"
        )
        if delay > 0:
            time.sleep(delay)
        shaping = next((f for f in faults if f.kind != "delay"), None)
        fault_name = ",".join(f.kind for f in faults) or None
        status: int | None = None
        logged = False
        try:
            if shaping is not None and shaping.kind == "drop":
                self.close_connection = True
                return
            if shaping is not None and shaping.kind == "status":
                reply = _fault_status_reply(shaping.params)
            elif shaping is not None and shaping.kind == "redirect_loop":
                code = int(shaping.params.get("status", 302))
                reply = _Reply(code, [("Location", self.path)], b"Redirecting")
            else:
                reply = hub._handle(req)
            status = reply.status
            # Logged before the first byte goes out, so a client that has its answer can be
            # sure the log already holds the request (tests assert right after the call).
            hub._record(req, status, fault_name, started)
            logged = True
            self._send(reply, shaping)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        finally:
            if not logged:
                hub._record(req, status, fault_name, started)

    def _send(self, reply: _Reply, shaping: Fault | None) -> None:
        """Write the reply; ``truncate``/``drip`` faults change only how the body is sent."""
        self.send_response(reply.status)
        has_length = False
        for key, value in reply.headers:
            if key.lower() == "content-length":
                has_length = True
            self.send_header(key, _header_safe(value))
        if not has_length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        body = b"" if self.command == "HEAD" else reply.body
        if shaping is not None and shaping.kind == "truncate":
            if "keep" in shaping.params:
                keep = int(shaping.params["keep"])
            else:
                keep = int(len(body) * float(shaping.params.get("fraction", 0.5)))
            self.wfile.write(body[: max(0, min(keep, len(body) - 1))])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if shaping is not None and shaping.kind == "drip":
            chunk = max(1, int(shaping.params.get("chunk_size", 16)))
            interval = float(shaping.params.get("interval", 0.05))
            for start in range(0, len(body), chunk):
                self.wfile.write(body[start : start + chunk])
                self.wfile.flush()
                if start + chunk < len(body):
                    time.sleep(interval)
            return
        self.wfile.write(body)


def _fault_status_reply(params: Mapping[str, Any]) -> _Reply:
    """Build the answer of a ``status`` fault (e.g. 429 with Retry-After, 503, a coded 404)."""
    status = int(params.get("status", 500))
    message = params.get("error_message")
    headers: list[tuple[str, str]] = []
    if params.get("error_code") is not None:
        headers.append(("X-Error-Code", str(params["error_code"])))
    if message is not None:
        headers.append(("X-Error-Message", str(message)))
    if params.get("retry_after") is not None:
        headers.append(("Retry-After", str(params["retry_after"])))
    headers.extend((str(k), str(v)) for k, v in dict(params.get("headers") or {}).items())
    raw_body = params.get("body")
    if raw_body is None:
        text = str(message) if message is not None else f"fakehub injected {status}"
        body = json.dumps({"error": text}).encode()
        headers.insert(0, ("Content-Type", _JSON_TYPE))
    elif isinstance(raw_body, bytes):
        body = raw_body
    else:
        body = str(raw_body).encode("utf-8")
    return _Reply(status, headers, body)


# --------------------------------------------------------------------------------------------
# The fake Hub
# --------------------------------------------------------------------------------------------


class FakeHub:
    """Serve ``root`` as the Hugging Face Hub on 127.0.0.1, plus a fake CDN on a second port.

    Use as a context manager or call :meth:`start` / :meth:`close`.  Attributes tests may change
    at any time: ``latency`` (seconds added to every request) and ``page_size`` (tree/list
    pagination).  :meth:`reset` restores them and clears faults and request logs.
    """

    def __init__(
        self,
        root: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        cdn_port: int = 0,
        latency: float = 0.0,
        page_size: int = 1000,
    ) -> None:
        self.root = Path(root)
        self.latency = latency
        self.page_size = page_size
        self._defaults = (latency, page_size)
        self._host = host
        self._ports = (port, cdn_port)
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._requests: list[RequestRecord] = []
        self._cdn_requests: list[RequestRecord] = []
        self._cdn_blobs: dict[str, int] = {}
        self._oids = _OidCache()
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self._counter = 0

    # ---- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeHub:
        """Bind both ports and serve in daemon threads (idempotent)."""
        if self._servers:
            return self
        for role, port in zip(("hub", "cdn"), self._ports, strict=True):
            srv = _Server((self._host, port), self, cast(ServerRole, role))
            thread = threading.Thread(
                target=srv.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"fakehub-{role}",
                daemon=True,
            )
            thread.start()
            self._servers.append(srv)
            self._threads.append(thread)
        return self

    def close(self) -> None:
        """Stop serving and release the ports (handler threads still sleeping are daemons)."""
        for srv in self._servers:
            srv.shutdown()
            srv.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> FakeHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _address(self, index: int) -> str:
        if not self._servers:
            raise RuntimeError("FakeHub is not started")
        host, port = self._servers[index].server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        """Endpoint for ``HF_ENDPOINT`` / ``HfApi(endpoint=...)`` (no trailing slash)."""
        return self._address(0)

    @property
    def cdn_url(self) -> str:
        """Origin of the fake CDN that LFS downloads are redirected to."""
        return self._address(1)

    @property
    def port(self) -> int:
        """Hub port."""
        return int(self._servers[0].server_address[1])

    # ---- faults and logs -------------------------------------------------------------------

    def add_fault(
        self,
        path_regex: str,
        kind: FaultKind,
        method: str | None = None,
        times: int | None = None,
        *,
        after: int = 0,
        server: ServerRole = "hub",
        **params: Any,
    ) -> Fault:
        """Inject ``kind`` into requests whose raw URL path (no query) matches ``path_regex``.

        ``re.search`` is used, so anchor with ``^``/``$`` when needed.  Kinds and parameters:

        - ``status``: ``status`` (default 500), ``headers``, ``error_code``, ``error_message``,
          ``body``, ``retry_after`` -- answer that instead of the real response.
        - ``delay``: ``seconds`` (default 1.0) -- sleep, then answer normally (stacks).
        - ``drip``: ``chunk_size`` (16), ``interval`` (0.05 s) -- send the body slowly.
        - ``drop``: close the connection without answering.
        - ``truncate``: ``keep`` bytes or ``fraction`` (0.5) -- full Content-Length, partial
          body, then close.
        - ``redirect_loop``: ``status`` (302) -- redirect to the same URL.

        ``method`` limits it to one HTTP method, ``after`` skips the first N matches, ``times``
        limits firings, ``server="cdn"`` targets the CDN port instead of the Hub.
        """
        if kind not in _FAULT_PARAMS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        unknown = set(params) - _FAULT_PARAMS[kind]
        if unknown:
            raise TypeError(f"fault {kind!r} does not accept {sorted(unknown)}")
        if server not in ("hub", "cdn"):
            raise ValueError("server must be 'hub' or 'cdn'")
        fault = Fault(
            pattern=re.compile(path_regex),
            kind=kind,
            method=method.upper() if method else None,
            times=times,
            after=after,
            server=server,
            params=dict(params),
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def remove_fault(self, fault: Fault) -> None:
        """Withdraw one fault."""
        with self._lock:
            if fault in self._faults:
                self._faults.remove(fault)

    def clear_faults(self) -> None:
        """Withdraw all faults."""
        with self._lock:
            self._faults.clear()

    @property
    def faults(self) -> list[Fault]:
        """Snapshot of the active faults."""
        with self._lock:
            return list(self._faults)

    @property
    def requests(self) -> list[RequestRecord]:
        """Snapshot of the Hub request log, oldest first."""
        with self._lock:
            return list(self._requests)

    @property
    def cdn_requests(self) -> list[RequestRecord]:
        """Snapshot of the CDN request log, oldest first."""
        with self._lock:
            return list(self._cdn_requests)

    def clear_requests(self) -> None:
        """Empty both request logs."""
        with self._lock:
            self._requests.clear()
            self._cdn_requests.clear()

    def reset(self) -> None:
        """Back to a pristine state between tests: no faults, empty logs, default knobs."""
        with self._lock:
            self._faults.clear()
            self._requests.clear()
            self._cdn_requests.clear()
        self.latency, self.page_size = self._defaults

    def _claim_faults(self, req: _Request) -> list[Fault]:
        with self._lock:
            return [f for f in self._faults if f._claim(req.role, req.method, req.path)]

    def _record(self, req: _Request, status: int | None, fault: str | None, started: float) -> None:
        record = RequestRecord(
            server=req.role,
            method=req.method,
            path=req.path,
            query=req.query,
            headers=dict(req.headers),
            status=status,
            fault=fault,
            started=started,
            duration=time.monotonic() - started,
        )
        with self._lock:
            (self._requests if req.role == "hub" else self._cdn_requests).append(record)

    # ---- routing ---------------------------------------------------------------------------

    def _handle(self, req: _Request) -> _Reply:
        """Route one request; fixture bugs become a visible 500 instead of a hang."""
        with self._lock:
            self._counter += 1
            request_id = f"Root=1-fakehub-{self._counter:08d}"
        try:
            reply = self._cdn(req) if req.role == "cdn" else self._route(req)
        except FixtureError as exc:
            reply = _error(500, f"fakehub fixture error: {exc}")
        except Exception as exc:
            traceback.print_exc()
            reply = _error(500, f"fakehub internal error: {exc!r}")
        reply.headers.append(("X-Request-Id", request_id))
        return reply

    def _route(self, req: _Request) -> _Reply:
        if req.method not in ("GET", "HEAD", "POST"):
            return _error(405, "Method not allowed")
        segs = req.path.split("/")  # segs[0] == "" (the path starts with "/")
        if len(segs) > 1 and segs[1] == "api":
            return self._route_api(req, segs)
        kind: RepoKind = "model"
        first = 1
        if len(segs) > 1 and segs[1] == "datasets":
            kind, first = "dataset", 2
        tail = segs[first:]
        if len(tail) >= 4 and tail[2] == "resolve":
            repo = self._open_repo(req, kind, segs, first)
            if isinstance(repo, _Reply):
                return repo
            return self._resolve(req, repo, unquote(tail[3]), unquote("/".join(tail[4:])))
        if len(tail) >= 2 and tail[1] == "resolve":
            return self._repo_not_found(req)  # legacy single-segment ids do not exist here
        return _error(404, "Sorry, we can't find the page you are looking for.")

    def _route_api(self, req: _Request, segs: list[str]) -> _Reply:
        if len(segs) < 3 or segs[2] not in ("models", "datasets"):
            return _error(404, "Sorry, we can't find the page you are looking for.")
        kind: RepoKind = "model" if segs[2] == "models" else "dataset"
        if len(segs) == 3 or (len(segs) == 4 and segs[3] == ""):
            return self._list(req, kind)
        if len(segs) == 4:
            return self._repo_not_found(req)
        repo = self._open_repo(req, kind, segs, 3)
        if isinstance(repo, _Reply):
            return repo
        rest = segs[5:]
        if req.method == "POST":
            if len(rest) == 2 and rest[0] == "paths-info":
                return self._paths_info(req, repo, unquote(rest[1]))
            return _error(405, "Method not allowed")
        if not rest or rest == [""]:
            return self._info(req, repo, "main")
        if rest[0] == "revision" and len(rest) >= 2:
            return self._info(req, repo, unquote("/".join(rest[1:])))
        if rest[0] == "tree" and len(rest) >= 2:
            return self._tree(req, repo, unquote(rest[1]), unquote("/".join(rest[2:])))
        if rest[0] == "auth-check":
            denied = self._gate(req, repo)
            return denied or _json_reply(200, {"ok": True})
        return _error(404, "Sorry, we can't find the page you are looking for.")

    # ---- repo loading and access control ---------------------------------------------------

    def _repo_folder(self, kind: RepoKind, org: str, name: str) -> Path | None:
        """Folder of a repo id, or None when the id is invalid or the folder is missing."""
        if not (_NAME_RE.match(org) and _NAME_RE.match(name)) or ".." in org + name:
            return None
        if kind == "model" and org == "datasets":
            return None
        base = self.root / "datasets" if kind == "dataset" else self.root
        folder = base / org / name
        try:
            resolved = folder.resolve()
            if not resolved.is_relative_to(self.root.resolve()) or not folder.is_dir():
                return None
        except OSError:
            return None
        return folder

    def _load(self, kind: RepoKind, org: str, name: str) -> _Repo | None:
        folder = self._repo_folder(kind, org, name)
        if folder is None:
            return None
        repo_id = f"{org}/{name}"
        repo = _Repo(kind=kind, repo_id=repo_id, folder=folder, meta=_load_meta(folder, repo_id))
        if repo.renamed_to:
            return repo
        for rel, real in _walk_files(folder):
            stat = real.stat()
            repo.entries[rel] = _Entry(
                path=rel,
                size=stat.st_size,
                oid=self._oids.oid(real, stat.st_mtime_ns, stat.st_size),
                source=real,
            )
        extras = repo.meta.get("extra_siblings", [])
        if not isinstance(extras, list):
            raise FixtureError(f"{repo_id}: extra_siblings must be a list")
        for extra in extras:
            if not isinstance(extra, dict) or not isinstance(extra.get("rfilename"), str):
                raise FixtureError(f"{repo_id}: each extra_sibling needs an 'rfilename'")
            rel = extra["rfilename"]
            if rel in repo.entries or not _safe_repo_path(rel):
                continue
            size = int(extra.get("size", 0))
            sha256 = _zeros_sha256(size)
            pointer = _lfs_pointer(sha256, size)
            repo.entries[rel] = _Entry(
                path=rel,
                size=size,
                oid=git_blob_sha1(pointer),
                lfs_sha256=sha256,
                pointer_size=len(pointer),
            )
        repo.entries = dict(sorted(repo.entries.items()))
        readme = repo.entries.get("README.md")
        if readme is not None and readme.source is not None:
            repo.card = parse_card(readme.content())
        return repo

    def _repo_not_found(self, req: _Request) -> _Reply:
        """401 without a token, 404 with one -- the Hub's answer for missing *and* private."""
        return _error(404 if req.token else 401, "Repository not found", "RepoNotFound")

    def _open_repo(
        self, req: _Request, kind: RepoKind, segs: list[str], index: int
    ) -> _Repo | _Reply:
        """Checks every repo URL goes through, in the Hub's order; ``segs[index]`` is the org.

        Returns the repo, or the reply that ends the request (not found, renamed, disabled).
        """
        org, name = unquote(segs[index]), unquote(segs[index + 1])
        repo = self._load(kind, org, name)
        if repo is None:
            return self._repo_not_found(req)
        if repo.renamed_to is not None:
            new_id = [quote(part, safe="") for part in repo.renamed_to.split("/", 1)]
            location = "/".join([*segs[:index], *new_id, *segs[index + 2 :]])
            if req.query:
                location += "?" + req.query
            return _Reply(307, [("Location", location)], f"Redirecting to {location}".encode())
        if repo.private and req.token not in repo.allowed_tokens:
            return self._repo_not_found(req)
        if repo.disabled:
            return _error(403, "Access to this resource is disabled.")
        return repo

    def _gate(self, req: _Request, repo: _Repo) -> _Reply | None:
        """None when the request may read gated content, else the Hub's GatedRepo error."""
        if not repo.gated:
            return None
        label = f"{repo.kind} {repo.repo_id}"
        token = req.token
        if token is None:
            return _error(
                401,
                f"Access to {label} is restricted. You must have access to it and be "
                "authenticated to access it. Please log in.",
                "GatedRepo",
            )
        if token not in repo.allowed_tokens:
            prefix = "datasets/" if repo.kind == "dataset" else ""
            return _error(
                403,
                f"Access to {label} is restricted and you are not in the authorized list. "
                f"Visit {HUB_WEB_URL}/{prefix}{repo.repo_id} to ask for access.",
                "GatedRepo",
            )
        return None

    @staticmethod
    def _revision_not_found(rev: str) -> _Reply:
        return _error(404, f"Invalid rev id: {rev}", "RevisionNotFound")

    # ---- endpoints -------------------------------------------------------------------------

    def _info_json(self, repo: _Repo, commit: str, *, blobs: bool) -> dict[str, Any]:
        """The default info JSON, keys in the order the Hub sends them."""
        siblings: list[dict[str, Any]] = []
        for entry in repo.entries.values():
            sib: dict[str, Any] = {"rfilename": entry.path}
            if blobs:
                sib["blobId"] = entry.oid
                sib["size"] = entry.size
                if entry.lfs_sha256 is not None:
                    sib["lfs"] = {
                        "sha256": entry.lfs_sha256,
                        "size": entry.size,
                        "pointerSize": entry.pointer_size,
                    }
            siblings.append(sib)
        info: dict[str, Any] = {
            "_id": commit[:24],
            "id": repo.repo_id,
            "author": repo.org,
            "sha": commit,
            "lastModified": repo.meta.get("lastModified", DEFAULT_TIMESTAMP),
            "private": repo.private,
            "gated": repo.gated,
            "disabled": repo.disabled,
            "downloads": repo.meta.get("downloads", 0),
            "likes": repo.meta.get("likes", 0),
            "tags": repo.tags(),
        }
        if repo.kind == "model":
            info["modelId"] = repo.repo_id
            for key in ("library_name", "pipeline_tag"):
                value = repo.card_or_meta(key)
                if value is not None:
                    info[key] = value
        if repo.card is not None:
            info["cardData"] = repo.card
        base = repo.base_models()
        if base is not None:
            info["baseModels"] = {"relation": base[0], "models": [{"id": b} for b in base[1]]}
        info["siblings"] = siblings
        if repo.kind == "model":
            info["spaces"] = []
        info["createdAt"] = repo.meta.get("createdAt", DEFAULT_TIMESTAMP)
        info["usedStorage"] = sum(e.size for e in repo.entries.values())
        overrides = repo.meta.get("info_overrides", {})
        if isinstance(overrides, dict):
            info.update(overrides)
        return info

    def _info(self, req: _Request, repo: _Repo, rev: str) -> _Reply:
        commit = repo.resolve_revision(rev)
        if commit is None:
            return self._revision_not_found(rev)
        info = self._info_json(repo, commit, blobs=req.flag("blobs"))
        if req.flag("securityStatus"):
            info["securityRepoStatus"] = {"scansDone": True, "filesWithIssues": []}
        expand = [v for k, v in req.params if k in ("expand", "expand[]")]
        if expand:
            info = {k: v for k, v in info.items() if k in ("_id", "id") or k in expand}
        return _json_reply(200, info)

    def _tree_item(self, repo: _Repo, commit: str, path: str, *, expand: bool) -> dict[str, Any]:
        entry = repo.entries.get(path)
        item: dict[str, Any]
        if entry is None:
            tree_oid = hashlib.sha1(f"tree {commit} {path}".encode()).hexdigest()
            item = {"type": "directory", "oid": tree_oid, "size": 0, "path": path}
        else:
            item = {"type": "file", "oid": entry.oid, "size": entry.size, "path": path}
            if entry.lfs_sha256 is not None:
                item["lfs"] = {
                    "oid": entry.lfs_sha256,
                    "size": entry.size,
                    "pointerSize": entry.pointer_size,
                }
        if expand:
            item["lastCommit"] = {
                "id": commit,
                "title": "Upload folder",
                "date": repo.meta.get("lastModified", DEFAULT_TIMESTAMP),
            }
            if entry is not None:
                item["securityFileStatus"] = {
                    "status": "safe",
                    "avScan": {"virusFound": False, "virusNames": None},
                    "pickleImportScan": None,
                }
        return item

    def _tree(self, req: _Request, repo: _Repo, rev: str, path: str) -> _Reply:
        commit = repo.resolve_revision(rev)
        if commit is None:
            return self._revision_not_found(rev)
        path = path.strip("/")
        dirs = repo.directories()
        if path and path not in dirs:
            return _error(404, f'{path} does not exist on "{rev}"', "EntryNotFound")
        prefix = f"{path}/" if path else ""
        names = [p for p in [*dirs, *repo.entries] if p.startswith(prefix)]
        if not req.flag("recursive"):
            names = [p for p in names if "/" not in p[len(prefix) :]]
        names.sort()
        expand = req.flag("expand")
        page_size = min(self.page_size, 50) if expand else self.page_size
        items = [self._tree_item(repo, commit, p, expand=expand) for p in names]
        return self._paginated(req, items, page_size)

    def _paginated(self, req: _Request, items: list[Any], page_size: int) -> _Reply:
        """A page of ``items`` plus a GitHub-style ``Link: <abs url>; rel="next"`` header."""
        try:
            start = max(0, int(req.param("cursor") or 0))
        except ValueError:
            return _error(400, "Invalid cursor", "BadRequest")
        page_size = max(1, page_size)
        page = items[start : start + page_size]
        headers: list[tuple[str, str]] = []
        if start + page_size < len(items):
            params = [(k, v) for k, v in req.params if k != "cursor"]
            params.append(("cursor", str(start + page_size)))
            next_url = f"{self.url}{req.path}?{urlencode(params)}"
            headers.append(("Link", f'<{next_url}>; rel="next"'))
        return _json_reply(200, page, headers)

    def _paths_info(self, req: _Request, repo: _Repo, rev: str) -> _Reply:
        commit = repo.resolve_revision(rev)
        if commit is None:
            return self._revision_not_found(rev)
        ctype = req.headers.get("content-type", "")
        wanted: list[str]
        expand = False
        if "json" in ctype:
            payload = json.loads(req.body or b"{}")
            wanted = [str(p) for p in payload.get("paths", [])]
            expand = bool(payload.get("expand", False))
        else:
            form = parse_qsl(req.body.decode("utf-8", "replace"), keep_blank_values=True)
            wanted = [v for k, v in form if k in ("paths", "paths[]")]
            expand = any(k == "expand" and v in _TRUE for k, v in form)
        known = set(repo.entries) | set(repo.directories())
        items = [
            self._tree_item(repo, commit, p.strip("/"), expand=expand)
            for p in wanted
            if p.strip("/") in known
        ]
        return _json_reply(200, items)

    def _resolve(self, req: _Request, repo: _Repo, rev: str, path: str) -> _Reply:
        denied = self._gate(req, repo)
        if denied is not None:
            return denied
        commit = repo.resolve_revision(rev)
        if commit is None:
            return self._revision_not_found(rev)
        entry = repo.entries.get(path) if _safe_repo_path(path) else None
        if entry is None:
            return _error(404, "Entry not found", "EntryNotFound", [("X-Repo-Commit", commit)])
        if entry.lfs_sha256 is not None:
            with self._lock:
                self._cdn_blobs[entry.lfs_sha256] = entry.size
            location = f"{self.cdn_url}/blob/{entry.lfs_sha256}"
            return _Reply(
                302,
                [
                    ("Location", location),
                    ("X-Repo-Commit", commit),
                    ("X-Linked-Etag", f'"{entry.lfs_sha256}"'),
                    ("X-Linked-Size", str(entry.size)),
                    ("ETag", f'"{entry.oid}"'),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ],
                f"Found. Redirecting to {location}".encode(),
            )
        data = entry.content()
        return _ranged(
            req,
            data,
            [
                ("Content-Type", _content_type(data)),
                ("ETag", f'"{entry.oid}"'),
                ("X-Repo-Commit", commit),
                ("Accept-Ranges", "bytes"),
            ],
        )

    def _cdn(self, req: _Request) -> _Reply:
        """The fake CDN: serves LFS placeholders the Hub redirected to; ignores tokens."""
        if req.method not in ("GET", "HEAD"):
            return _Reply(405, [("Content-Type", "text/plain")], b"Method Not Allowed")
        match = re.fullmatch(r"/blob/([0-9a-f]{64})", req.path)
        with self._lock:
            size = self._cdn_blobs.get(match.group(1)) if match else None
        if match is None or size is None:
            return _Reply(404, [("Content-Type", "text/plain")], b"NoSuchKey")
        headers = [
            ("Content-Type", "application/octet-stream"),
            ("ETag", f'"{match.group(1)}"'),
            ("Accept-Ranges", "bytes"),
        ]
        return _ranged(req, b"\x00" * size, headers)

    def _list(self, req: _Request, kind: RepoKind) -> _Reply:
        """``GET /api/models`` / ``/api/datasets``: filter, sort by id, paginate with Link."""
        if req.method == "POST":
            return _error(405, "Method not allowed")
        author = (req.param("author") or "").lower()
        search = (req.param("search") or "").lower()
        wanted_tags = [v for k, v in req.params if k == "filter"]
        expand = [v for k, v in req.params if k in ("expand", "expand[]")]
        full, with_card = req.flag("full"), req.flag("cardData")
        items: list[dict[str, Any]] = []
        for repo in self._iter_repos(kind):
            if author and repo.org.lower() != author:
                continue
            if search and search not in repo.repo_id.lower():
                continue
            if repo.private and req.token not in repo.allowed_tokens:
                continue
            info = self._info_json(repo, repo.sha, blobs=False)
            if any(t not in info["tags"] for t in wanted_tags):
                continue
            items.append(_list_item(info, kind, full=full, with_card=with_card, expand=expand))
        limit = req.param("limit")
        if limit is not None and limit.isdigit():
            items = items[: int(limit)]
        return self._paginated(req, items, self.page_size)

    def _iter_repos(self, kind: RepoKind) -> Iterator[_Repo]:
        """All servable repos of a kind, sorted by id (renamed stubs are not listed)."""
        base = self.root / "datasets" if kind == "dataset" else self.root
        if not base.is_dir():
            return
        for org_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            if kind == "model" and org_dir.name == "datasets":
                continue
            for repo_dir in sorted(p for p in org_dir.iterdir() if p.is_dir()):
                repo = self._load(kind, org_dir.name, repo_dir.name)
                if repo is not None and repo.renamed_to is None:
                    yield repo


def _list_item(
    info: dict[str, Any], kind: RepoKind, *, full: bool, with_card: bool, expand: list[str]
) -> dict[str, Any]:
    """Shape one list entry the way the Hub's listing does for the given query flags."""
    if expand:
        return {k: v for k, v in info.items() if k in ("_id", "id") or k in expand}
    if full:
        keep = set(info) - {"cardData"}
    else:
        keep = {"_id", "id", "likes", "private", "downloads", "tags", "createdAt"}
        if kind == "model":
            keep |= {"pipeline_tag", "library_name", "modelId"}
        else:
            keep |= {"author", "sha", "lastModified", "gated", "disabled"}
    if with_card:
        keep.add("cardData")
    item = {k: v for k, v in info.items() if k in keep}
    item.setdefault("trendingScore", 0)
    return item


def _safe_repo_path(path: str) -> bool:
    """Reject traversal, absolute and empty paths before they touch the file system."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def _content_type(data: bytes) -> str:
    """Text files as ``text/plain; charset=utf-8`` (what the Hub sends), else octet-stream."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    return "text/plain; charset=utf-8"


def _ranged(req: _Request, data: bytes, headers: list[tuple[str, str]]) -> _Reply:
    """200, or 206 for a ``Range: bytes=a-[b]`` GET (the client resumes truncated downloads)."""
    spec = req.headers.get("range")
    if req.method != "GET" or not spec:
        return _Reply(200, headers, data)
    match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", spec)
    if match is None or not (match.group(1) or match.group(2)):
        return _Reply(200, headers, data)
    total = len(data)
    if match.group(1):
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else total - 1
    else:
        start, end = max(0, total - int(match.group(2))), total - 1
    end = min(end, total - 1)
    if start >= total or start > end:
        return _Reply(416, [("Content-Range", f"bytes */{total}")], b"")
    return _Reply(
        206, [*headers, ("Content-Range", f"bytes {start}-{end}/{total}")], data[start : end + 1]
    )

"""Reading a repository from the Hugging Face Hub (or a mirror) with the real client.

Why the care: ``model_info`` has no timeout and no retries by default, the download path
swallows some errors into ``LocalEntryNotFoundError``, and a gated repo answers its metadata to
anyone but its files only to approved tokens (hub-facts §5, §6, §8). So every call here has a
timeout; 429 and 5xx are retried within a bounded budget (Retry-After honoured); a gated repo
whose files cannot be read is a value (``access='denied'``) with its card metadata intact; and
every other failure becomes a ``SourceError`` that names the repo, the cause and what to do.

Files are downloaded at the resolved commit, so everything in one snapshot is from one commit.
The card is read first, because its ``license_link`` decides which file is read as the terms;
then every file that may carry terms (``files.select_terms_files``). What was read is recorded
in the HF cache (``listing``) so an offline run can tell a complete cache from a partial one.
"""

from __future__ import annotations

import email.utils
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from licscan.defaults import DEFAULT_TIMEOUT
from licscan.errors import SourceError
from licscan.model import GATINGS, FileRole, RepoFile, RepoKind, RepoSnapshot, in_vocabulary
from licscan.sources import hubconfig
from licscan.sources.collect import collect, too_large
from licscan.sources.files import MAX_FILE_BYTES
from licscan.sources.listing import repo_folder, write_record

if TYPE_CHECKING:
    from huggingface_hub import DatasetInfo, ModelInfo

T = TypeVar("T")

RETRY_BUDGET = 30.0  # seconds licscan will wait in total for rate limits and server errors
SERVER_RETRIES = 2
RETRY_STATUSES = (500, 502, 503, 504)
_EXPAND_WITHOUT_CARD = ("sha", "gated", "private", "disabled", "tags", "siblings", "lastModified")


def configure_client(timeout: float) -> None:
    """Make --timeout the client's download timeout too.

    huggingface_hub reads HF_HUB_DOWNLOAD_TIMEOUT once, at import; licscan sets it (unless the
    user did) before that first import, so a slow file GET is bounded like every other call.
    """
    if "huggingface_hub.constants" not in sys.modules:
        # huggingface_hub parses it with int(): whole seconds, rounded up.
        os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(max(1, math.ceil(timeout))))


def hub_endpoint() -> str:
    """The endpoint licscan passes to the client (``HF_ENDPOINT`` now, else huggingface.co)."""
    return hubconfig.endpoint()


def offline_mode() -> bool:
    """``HF_HUB_OFFLINE`` as the environment says now (not when huggingface_hub was imported)."""
    return hubconfig.offline()


def follow_offline_switch(offline: bool) -> None:
    """Set the client's offline switch to what the environment says now.

    huggingface_hub fixes ``HF_HUB_OFFLINE`` when it is first imported, and its request hook
    refuses every request while that import-time value is on; there is no per-call parameter.
    A process that imported it offline (a notebook, a service, a test calling the CLI
    in-process) and then went online would have every Hub read refused ("could not evaluate")
    although the environment says online, so the switch follows the environment, like every
    other setting licscan resolves per call (``hubconfig``)."""
    from huggingface_hub import constants

    constants.HF_HUB_OFFLINE = offline


class HubSource:
    """Fetches ``RepoSnapshot``s from one endpoint with one token."""

    def __init__(
        self,
        *,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        cache_dir: str | None = None,
        retry_budget: float = RETRY_BUDGET,
    ) -> None:
        from huggingface_hub import HfApi

        # Every setting the client would otherwise fix at its import is read now and passed.
        self.endpoint = hub_endpoint()
        self.timeout = timeout
        self.cache_dir = cache_dir or hubconfig.hub_cache()
        self.offline = offline_mode()
        follow_offline_switch(self.offline)
        self.retry_budget = retry_budget
        self._token = hubconfig.token(token)
        self._api = HfApi(endpoint=self.endpoint, token=self._token)

    def fetch(
        self,
        repo_id: str,
        *,
        kind: RepoKind = "model",
        revision: str | None = None,
        target: str | None = None,
        info: RepoInfo | None = None,
    ) -> RepoSnapshot:
        what = f"{'dataset ' if kind == 'dataset' else ''}{repo_id}"
        found = info or self.info(repo_id, kind=kind, revision=revision)
        meta = found.info
        siblings = [s for s in (meta.siblings or []) if isinstance(s.rfilename, str)]
        commit = meta.sha if isinstance(meta.sha, str) else None
        real_id = meta.id if isinstance(meta.id, str) else repo_id
        reader = _HubReader(self, real_id, kind, commit or revision, what,
                            {s.rfilename: s.size for s in siblings})
        snapshot = collect(RepoSnapshot(
            target=target or repo_id,
            repo_id=real_id,
            kind=kind,
            origin="hub",
            revision=revision,
            commit=commit,
            tags=tuple(t for t in (meta.tags or []) if isinstance(t, str)),
            gated=in_vocabulary(meta.gated, GATINGS),
            private=bool(meta.private),
            siblings=tuple(s.rfilename for s in siblings),
            renamed_from=repo_id if real_id.lower() != repo_id.lower() else None,
            endpoint=self.endpoint,
            last_modified=meta.last_modified.isoformat() if meta.last_modified else None,
            notes=found.notes,
        ), reader, unread_card=lambda _: (_api_card(meta), None))
        if reader.denied is not None:
            snapshot = replace(snapshot, access="denied", access_reason=reader.denied)
        if commit:
            write_record(repo_folder(self.cache_dir, real_id, kind), snapshot)
        return snapshot

    def info(self, repo_id: str, *, kind: RepoKind = "model", revision: str | None = None
             ) -> RepoInfo:
        """The repo's metadata (one request): enough to tell whether a cached snapshot is
        still the current commit."""
        what = f"{'dataset ' if kind == 'dataset' else ''}{repo_id}"
        at = f" at revision '{revision}'" if revision else ""
        return self._with_retries(what + at, lambda: self._info(repo_id, kind, revision))

    def list_models(self, author: str, limit: int = 10_000) -> list[str]:
        """Every model id of an author or organisation (paginated by the client)."""
        return self._with_retries(
            f"the models of {author}",
            lambda: [m.id for m in self._api.list_models(author=author, limit=limit)
                     if isinstance(m.id, str)])

    # --- calls ------------------------------------------------------------------------------

    def _info(self, repo_id: str, kind: RepoKind, revision: str | None) -> RepoInfo:
        call: Callable[..., ModelInfo | DatasetInfo] = (
            self._api.dataset_info if kind == "dataset" else self._api.model_info)
        try:
            return RepoInfo(call(repo_id, revision=revision, timeout=self.timeout,
                                 files_metadata=True))
        except (TypeError, ValueError, KeyError, AttributeError):
            # huggingface_hub could not build its ModelInfo from the card metadata (a stranger's
            # card with tags: 7, say). Ask again without the card: it is read from README.md.
            return RepoInfo(
                call(repo_id, revision=revision, timeout=self.timeout,
                     expand=list(_EXPAND_WITHOUT_CARD)),
                notes=("the Hub's card metadata could not be parsed by huggingface_hub; the card "
                       "was read from README.md instead",))

    def _download(self, repo_id: str, kind: RepoKind, revision: str | None, path: str) -> bytes:
        from huggingface_hub.errors import GatedRepoError, RemoteEntryNotFoundError

        try:
            local = self._api.hf_hub_download(
                repo_id,
                path,
                repo_type=kind,
                revision=revision,
                cache_dir=self.cache_dir,
                etag_timeout=self.timeout,
                local_files_only=self.offline,
            )
        except GatedRepoError as exc:
            raise _Gated(_gated_reason(exc)) from exc
        except RemoteEntryNotFoundError as exc:
            # Only the Hub saying "no such file" is a missing file. LocalEntryNotFoundError is
            # also an EntryNotFoundError, but it wraps server errors and timeouts on the HEAD
            # request: those must fail the target, never pass as "file absent".
            raise _Missing(path) from exc
        with Path(str(local)).open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)

    def _with_retries(self, what: str, call: Callable[[], T]) -> T:
        """Run a Hub call; wait out 429s (Retry-After) and retry 5xx within the budget."""
        from huggingface_hub.errors import HfHubHTTPError

        deadline = time.monotonic() + self.retry_budget
        server_errors = 0
        while True:
            try:
                return call()
            except (_Gated, _Missing):
                raise
            except HfHubHTTPError as exc:
                status = _status(exc)
                wait: float | None = None
                if status == 429:
                    wait = _retry_after(exc)
                elif status in RETRY_STATUSES and server_errors < SERVER_RETRIES:
                    server_errors += 1
                    wait = 0.5 * server_errors
                if wait is None or time.monotonic() + wait > deadline:
                    raise explain(exc, what, self.endpoint, waited=status == 429) from exc
                time.sleep(wait)
            except Exception as exc:
                raise explain(exc, what, self.endpoint) from exc


@dataclass(frozen=True)
class RepoInfo:
    """The Hub's metadata of one repository as the client returned it, and what licscan noted
    while asking for it (kept here: a library's object is never written to)."""

    info: ModelInfo | DatasetInfo
    notes: tuple[str, ...] = ()

    @property
    def commit(self) -> str | None:
        return self.info.sha if isinstance(self.info.sha, str) else None


class _HubReader:
    """Reads the chosen files of one repository at one commit (a ``collect.Reader``).

    Once the Hub answers that the files are gated for this token, nothing more is asked: every
    file after that is unavailable for the same reason, and ``denied`` says why.
    """

    def __init__(self, source: HubSource, repo_id: str, kind: RepoKind, revision: str | None,
                 what: str, sizes: dict[str, int | None]) -> None:
        self.source, self.repo_id, self.kind, self.revision = source, repo_id, kind, revision
        self.what, self.sizes = what, sizes
        self.denied: str | None = None

    def __call__(self, path: str, role: FileRole) -> RepoFile:
        if self.denied is not None:
            return RepoFile(path, role=role, unavailable=f"gated: {self.denied}")
        large = too_large(path, self.sizes.get(path), role)
        if large is not None:
            return large
        try:
            data = self.source._with_retries(f"{path} of {self.what}", partial(
                self.source._download, self.repo_id, self.kind, self.revision, path))
        except _Gated as gated:
            self.denied = gated.reason
            return RepoFile(path, role=role, unavailable=f"gated: {gated.reason}")
        except _Missing:
            return RepoFile(path, role=role, unavailable="listed by the Hub but not found")
        return RepoFile(path, data=data, size=len(data), role=role)


class _Gated(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Missing(Exception):
    pass


def _api_card(info: ModelInfo | DatasetInfo) -> dict[str, Any]:
    if info.card_data is None:
        return {}
    to_dict: Callable[[], object] = info.card_data.to_dict  # untyped in huggingface_hub
    try:
        raw = to_dict()
    except Exception:
        return {}
    return {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else {}


def _status(exc: Exception) -> int | None:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _retry_after(exc: Exception) -> float:
    """Seconds the server asked us to wait (integer or HTTP date); 1 s when it did not say."""
    response = getattr(exc, "response", None)
    value = response.headers.get("Retry-After") if response is not None else None
    if not value:
        return 1.0
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return 1.0
        return max(0.0, when.timestamp() - time.time())


def _gated_reason(exc: Exception) -> str:
    status = _status(exc)
    if status == 403:
        return "the token is not on the repository's approved list (403)"
    return "no approved token was sent (401); accept the terms on the Hub and pass --token"


def explain(exc: BaseException, what: str, endpoint: str, waited: bool = False) -> SourceError:
    """One precise, actionable error for a failed Hub call."""
    from huggingface_hub.errors import (
        DisabledRepoError,
        GatedRepoError,
        LocalEntryNotFoundError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    name = type(exc).__name__
    status = _status(exc) if isinstance(exc, Exception) else None
    for kind, message, hint in (  # in this order: a gated repo is also "not found"
        (GatedRepoError, "{what} is gated and its metadata could not be read.",
         "Accept the terms on the Hub and pass --token or set HF_TOKEN."),
        (RepositoryNotFoundError, "{what} was not found on {endpoint} (or it is private and the "
         "token has no access).",
         "Check the repo id (org/name; datasets/org/name for a dataset) and the token."),
        (RevisionNotFoundError, "{what}: that revision does not exist on {endpoint}.",
         "Use a branch, tag or commit sha that the repository has."),
        (DisabledRepoError, "{what} has been disabled on {endpoint}; its files cannot be read.",
         "Do not deploy it; ask its owner or the Hub what happened."),
        (OfflineModeIsEnabled, "{what} is not in the local cache and offline mode is on.",
         "Unset HF_HUB_OFFLINE, or download the repo first."),
    ):
        if isinstance(exc, kind):
            return SourceError(message.format(what=what, endpoint=endpoint), hint=hint)
    if status == 429:
        told = " after waiting as long as it allows" if waited else ""
        return SourceError(
            f"{endpoint} is rate-limiting requests for {what}{told}.",
            hint="Try again later, or pass a token (authenticated limits are higher).",
        )
    if status is not None and status >= 500:
        return SourceError(
            f"{endpoint} answered {status} (a server error) for {what}.",
            hint="The Hub or mirror is having trouble; try again later.",
        )
    if status is not None:
        return SourceError(
            f"{endpoint} refused the request for {what} ({status}).",
            hint="Check the repo id, the revision and the token.",
        )
    cause = exc.__cause__ or exc.__context__
    if isinstance(exc, LocalEntryNotFoundError) and cause is not None and cause is not exc:
        return explain(cause, what, endpoint)
    if "Timeout" in name or "timed out" in str(exc).lower():
        return SourceError(
            f"{endpoint} did not answer in time for {what}.",
            hint="Check the network, or raise --timeout.",
        )
    if name in (
        "ConnectError",
        "ConnectTimeout",
        "NetworkError",
        "RemoteProtocolError",
        "ReadError",
        "WriteError",
        "ProxyError",
        "TooManyRedirects",
    ) or isinstance(exc, ConnectionError):
        detail = "redirected in a loop" if name == "TooManyRedirects" else "could not be reached"
        return SourceError(
            f"{endpoint} {detail} while reading {what} ({name}).",
            hint="Check HF_ENDPOINT and the network, then try again.",
        )
    if isinstance(exc, OSError) and "Consistency check failed" in str(exc):
        return SourceError(
            f"the download of {what} from {endpoint} was cut short.",
            hint="Try again; a proxy or the network dropped the connection.",
        )
    return SourceError(
        f"reading {what} from {endpoint} failed ({name}).",
        hint="Try again; if it persists, run with HF_DEBUG=1 and report it.",
    )

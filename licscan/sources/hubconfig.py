"""The Hub client settings licscan reads from the environment at call time.

Why not leave them to huggingface_hub: the client reads ``HF_ENDPOINT``, ``HF_HOME``,
``HF_HUB_CACHE``, ``HF_HUB_OFFLINE`` and its token path once, when it is first imported. A
long-running Python process that sets ``HF_ENDPOINT`` later (a notebook, a service, a test run
calling the CLI in-process) would silently talk to huggingface.co, read the wrong cache and send
a token from the wrong file. So licscan resolves each setting itself, when it is needed, and
passes it explicitly (``HfApi(endpoint=, token=)``, ``hf_hub_download(cache_dir=,
local_files_only=)``, ``scan_cache_dir(cache_dir)``). The names and precedence follow
huggingface_hub's own ``constants.py``.

Still read at import by the client, with no per-call parameter: telemetry, Xet, progress bars,
``HF_HUB_ETAG_TIMEOUT`` (it overrides ``etag_timeout=``) and ``HF_HUB_DOWNLOAD_TIMEOUT`` (see
``hub.configure_client``).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_ENDPOINT = "https://huggingface.co"
STAGING_ENDPOINT = "https://hub-ci.huggingface.co"
_TRUE = {"1", "ON", "YES", "TRUE"}


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().upper() in _TRUE


def hf_home() -> Path:
    """``HF_HOME``, else ``$XDG_CACHE_HOME/huggingface``, else ``~/.cache/huggingface``."""
    home = os.environ.get("HF_HOME")
    if home:
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(xdg).expanduser() / "huggingface"


def endpoint() -> str:
    """``HF_ENDPOINT`` (trailing '/' stripped), else huggingface.co (staging when asked)."""
    value = os.environ.get("HF_ENDPOINT", "").strip().rstrip("/")
    if value:
        return value
    return STAGING_ENDPOINT if _flag("HUGGINGFACE_CO_STAGING") else DEFAULT_ENDPOINT


def hub_cache() -> str:
    """``HF_HUB_CACHE`` (legacy ``HUGGINGFACE_HUB_CACHE``), else ``<HF_HOME>/hub``."""
    value = os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE")
    return str(Path(value).expanduser()) if value else str(hf_home() / "hub")


def offline() -> bool:
    """``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) as the environment says now."""
    return _flag("HF_HUB_OFFLINE") or _flag("TRANSFORMERS_OFFLINE")


def token(explicit: str | None) -> str | bool | None:
    """The token to send: ``--token``, else ``HF_TOKEN``, else the saved token file; ``False``
    (send none) when there is none.

    ``None`` (the client's own lookup) only when ``HF_OIDC_RESOURCE`` asks for an OIDC exchange,
    which licscan does not do itself. The token file is ``HF_TOKEN_PATH``, else
    ``<HF_HOME>/token``, read now: the client's own lookup uses the path fixed at its import.
    """
    if explicit:
        return explicit
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    if _flag("HF_HUB_DISABLE_IMPLICIT_TOKEN"):
        return False
    path = Path(os.environ.get("HF_TOKEN_PATH") or hf_home() / "token").expanduser()
    try:
        saved = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        saved = ""
    if saved:
        return saved
    return None if os.environ.get("HF_OIDC_RESOURCE") else False

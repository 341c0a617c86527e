"""licscan: license compliance for open-weight AI models.

The public Python API is small on purpose: the CLI (``licscan.cli``) and the names in
``__all__``, re-exported here. Everything else is private to its package and may change.

>>> import licscan
>>> licscan.require_allowed("fixtures/hub/google/gemma-4-31b", policy="commercial-saas").status
'pass'

Why every name is loaded lazily: ``import licscan`` in a training script must not pay for the
policy engine, the license catalog or the Hub client before anything is checked.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing would double the cost of import licscan
if TYPE_CHECKING:
    from typing import Any

    from licscan.api import check, identify, load_policy, require_allowed
    from licscan.errors import (
        InputFileError,
        LicenseNotAllowed,
        LicscanError,
        PolicyError,
        SourceError,
        UsageError,
    )
    from licscan.formats.report import CheckReport as Report
    from licscan.model import FileReport, Obligation, Reason, Verdict
    from licscan.policy.model import Policy

__version__ = "0.1.0"

__all__ = [
    "FileReport",
    "InputFileError",
    "LicenseNotAllowed",
    "LicscanError",
    "Obligation",
    "Policy",
    "PolicyError",
    "Reason",
    "Report",
    "SourceError",
    "UsageError",
    "Verdict",
    "__version__",
    "check",
    "identify",
    "load_policy",
    "require_allowed",
]

# name -> (module, attribute), imported on first use (PEP 562), so that ``import licscan`` costs
# what it did before there was an API: ``from licscan import check`` works as usual.
_LAZY = {
    **{name: ("licscan.api", name)
       for name in ("check", "identify", "load_policy", "require_allowed")},
    **{name: ("licscan.errors", name)
       for name in ("InputFileError", "LicenseNotAllowed", "LicscanError", "PolicyError",
                    "SourceError", "UsageError")},
    "Report": ("licscan.formats.report", "CheckReport"),
    **{name: ("licscan.model", name)
       for name in ("FileReport", "Verdict", "Reason", "Obligation")},
    "Policy": ("licscan.policy.model", "Policy"),
}


if not TYPE_CHECKING:  # hidden from mypy, which would otherwise type any licscan.<typo> as Any
    def __getattr__(name: str) -> Any:
        if name not in _LAZY:
            raise AttributeError(f"module 'licscan' has no attribute {name!r}")
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

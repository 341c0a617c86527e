"""licscan: license compliance for open-weight AI models.

The public Python API is small on purpose: the CLI (`licscan.cli`) and the functions re-exported
here. Everything else is private to its package and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]

"""The defaults every door into the pipeline shares: the CLI's options, the Python API, the
engine and the Hub client read them here, so ``--help`` shows what actually runs.

Why a module of its own: the CLI needs these numbers to declare its options before any
command runs, and must not pay for importing the engine or the Hub client to learn them.
"""

from __future__ import annotations

DEFAULT_TIMEOUT = 10.0  # seconds to wait for each Hub request
DEFAULT_JOBS = 16  # repositories read at once

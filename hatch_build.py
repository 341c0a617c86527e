"""Wheel build hook: ship the compiled catalog and match index inside the wheel.

Why: tokenising ~800 reference texts takes about two seconds, and a fresh CI machine or
pre-commit environment would pay that on its first ``licscan identify``. Building the index
once, at wheel build time, makes every first run as fast as later ones. Editable installs skip
this and use the user cache instead.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class MatchIndexHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "licscan-match-index"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "editable":
            self._warm_user_cache()
            return
        if self.target_name != "wheel" or version != "standard":
            return
        # No user cache at build time: keep licscan's compile cache in a throwaway folder.
        os.environ["LICSCAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="licscan-build-cache-")
        sys.path.insert(0, self.root)
        try:
            from licscan import __version__
            from licscan.licenses.catalog import load_catalog
            from licscan.matching.index import build_index
        finally:
            sys.path.remove(self.root)
        folder = Path(tempfile.mkdtemp(prefix="licscan-compiled-"))
        compiled = {
            "catalog.pickle": list(load_catalog()),
            "match-index.pickle": build_index(),
        }
        for name, value in compiled.items():
            with (folder / name).open("wb") as handle:
                pickle.dump({"version": __version__, "value": value}, handle,
                            protocol=pickle.HIGHEST_PROTOCOL)
            build_data["force_include"][str(folder / name)] = f"licscan/_rules/{name}"

    def _warm_user_cache(self) -> None:
        """An editable install runs licscan from the checkout, so nothing is shipped; compile
        the catalog and index into the user cache now (the same fingerprinted files the first
        run would write), so that first run does not spend seconds building them. Best effort:
        a failure here only costs the first run that time, never the install."""
        sys.path.insert(0, self.root)
        try:
            from licscan.matching.index import load_index

            load_index()
        except Exception as exc:  # never fail an install over a cache
            print(f"licscan: match index not precompiled ({exc}); the first run builds it",
                  file=sys.stderr)
        finally:
            sys.path.remove(self.root)

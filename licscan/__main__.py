"""Allows ``python -m licscan`` where the console script is not on PATH (CI images, tox)."""

from licscan.cli import main

raise SystemExit(main())

"""Every report format by name: the one table ``CheckReport.render`` and the CLI's
``--format`` and ``--output`` render with.

Why a static table rather than modules found at run time: mypy checks that each entry renders a
``CheckReport`` to a string, and a format cannot be missing from one list and present in
another (``test_formats`` holds the table to ``REPORT_FORMATS``). It is imported only when a
report is rendered, so ``licscan identify`` never loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from licscan.formats import check, cyclonedx, html, junit, markdown, sarif, spdx
from licscan.formats.report import FormatName, Renderer

RENDERERS: Mapping[FormatName, Renderer] = MappingProxyType({
    "text": check.render,
    "json": check.render_json,
    "markdown": markdown.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "spdx": spdx.render,
    "cyclonedx": cyclonedx.render,
    "html": html.render,
})

"""License statements that are not license texts: notices, references in prose, tags, URLs.

Why: most real repositories state their license rather than copy it ("licensed under the
Apache License, Version 2.0", ``SPDX-License-Identifier: MIT``, a link to the Gemma terms), and
a model card's License section is evidence like any file. A statement explains its own span;
what no statement, license text or template part explains is unexplained text.

Interface (the identification chain calls these on the parts of a file no license text covers):
- ``find_statements(text, start, end)``: every statement in ``text[start:end]``, as Detections
  whose ``kind`` is notice | reference | tag | url and whose span points into ``text``.
- ``license_sections(text)``: character ranges of a README's license sections (a heading that
  names the license and what follows up to the next heading of the same or a higher level).
"""

from __future__ import annotations

from licscan.model import Detection


def find_statements(text: str, start: int = 0, end: int | None = None) -> list[Detection]:
    """Every license statement in ``text[start:end]`` (placeholder until statements land)."""
    del text, start, end
    return []


def license_sections(text: str) -> list[tuple[int, int]]:
    """Character ranges of a README's license sections (placeholder until statements land)."""
    del text
    return []


__all__ = ["find_statements", "license_sections"]

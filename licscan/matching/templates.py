"""SPDX License List templates: which parts of a license text may vary, and how.

Why: a reference text is one copy of a license, with one holder's name, one title, one wording
of the non-endorsement clause. The SPDX License List Matching Guidelines say which parts a copy
may change: ``<<var;name=...;original=...;match=REGEX>>`` parts (a copyright holder, "THE
REGENTS", "The name of X may not") may hold any text the regex accepts, and
``<<beginOptional>>...<<endOptional>>`` parts (a title, the OFL's "This Font Software is
licensed under..." header) may be left out. The templates are data with provenance
(``rules/templates/``, copied verbatim from SPDX's license-list-data by
``scripts/import_rules.py``). The index adds each template, expanded with its ``original``
values and optional parts, as one more reference of its license, and records which of its
tokens are variable or optional (``index.Reference.slots`` / ``optional``).

A variable is never a licence to say anything: the words a copy puts there must also read as a
name (``differences.is_a_name``) and the whole filled part must match the template's regex, so
"Neither the name of ACME, which grants research use only, nor..." stays a difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MARK = re.compile(r"<<(var;.*?|beginOptional(?:;[^>]*)?|endOptional)>>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"', re.DOTALL)


@dataclass(frozen=True)
class Template:
    """A template expanded to text, with the character spans of its parts."""

    text: str  # the template with every var's original and every optional part written out
    variables: tuple[tuple[int, int, str], ...]  # (start, end, match regex) in ``text``
    optional: tuple[tuple[int, int], ...]  # (start, end) in ``text``


def expand(template: str) -> Template:
    """Write a template out; nested optional parts are each recorded."""
    out: list[str] = []
    length = 0
    variables: list[tuple[int, int, str]] = []
    optional: list[tuple[int, int]] = []
    open_optional: list[int] = []
    pos = 0
    for mark in _MARK.finditer(template):
        literal = template[pos:mark.start()]
        out.append(literal)
        length += len(literal)
        pos = mark.end()
        body = mark.group(1)
        if body.startswith("var;"):
            attributes = dict(_ATTRIBUTE.findall(body))
            original = attributes.get("original", "")
            variables.append((length, length + len(original), attributes.get("match", ".+")))
            out.append(original)
            length += len(original)
        elif body.startswith("beginOptional"):
            open_optional.append(length)
        elif open_optional:
            optional.append((open_optional.pop(), length))
    out.append(template[pos:])
    return Template("".join(out), tuple(variables), tuple(sorted(optional)))


def token_spans(spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
                starts: tuple[int, ...]) -> Iterator[tuple[int, int]]:
    """Character spans as (first token, one past the last) over tokens starting at ``starts``;
    spans that hold no token are left out."""
    for start, end in spans:
        first = next((i for i, s in enumerate(starts) if s >= start), len(starts))
        last = first
        while last < len(starts) and starts[last] < end:
            last += 1
        if last > first:
            yield first, last


def fills(regex: str, text: str) -> bool:
    """Whether a copy's text for a variable is one the template accepts (SPDX matching is
    case-insensitive and ignores how whitespace runs)."""
    try:
        pattern = re.compile(regex, re.IGNORECASE | re.DOTALL)
    except re.error:
        return False  # a regex Python cannot read accepts nothing: fail closed
    return pattern.fullmatch(" ".join(text.split())) is not None


__all__ = ["Template", "expand", "fills", "token_spans"]

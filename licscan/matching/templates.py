"""SPDX License List templates: which parts of a license text may vary, and how.

Why: a reference text is one copy of a license, with one holder's name, one title, one wording
of the non-endorsement clause. The SPDX License List Matching Guidelines say which parts a copy
may change: ``<<var;name=...;original=...;match=REGEX>>`` parts (a copyright holder, "THE
REGENTS", "The name of X may not") may hold any text the regex accepts, and
``<<beginOptional>>...<<endOptional>>`` parts (a title, the OFL's "This Font Software is
licensed under..." header) may be left out. The templates are data with provenance
(``rules/templates/``, made from the SPDX License List's XML source by ``scripts/spdx_xml.py``
and ``scripts/import_rules.py``, in the template format SPDX publishes). The index adds each
template, expanded with its ``original`` values and optional parts, as one more reference of
its license, and records which of its tokens are variable or optional
(``index.Reference.slots`` / ``optional``).

A variable is never a licence to say anything: the words a copy puts there must also read as a
name (``differences.is_a_name``) and the whole filled part must match the template's regex, so
"Neither the name of ACME, which grants research use only, nor..." stays a difference.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

_MARK = re.compile(r"<<(var;.*?|beginOptional(?:;[^>]*)?|endOptional)>>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"', re.DOTALL)
_VAR = re.compile(r'var;name="(.*?)";original="(.*?)";match="(.*)"', re.DOTALL)


@dataclass(frozen=True)
class Template:
    """A template expanded to text, with the character spans of its parts."""

    text: str  # the template with every var's original and every optional part written out
    variables: tuple[tuple[int, int, str], ...]  # (start, end, match regex) in ``text``
    optional: tuple[tuple[int, int], ...]  # (start, end) in ``text``


def expand(template: str) -> Template:
    """Write a template out; nested optional parts are each recorded.

    A variable's edges are word edges: where the template runs a word into a variable
    ("the software is<<var...>>", as some License List sources are written), a space keeps
    the two words apart, as SPDX's whitespace-blind matching reads them."""
    out: list[str] = []
    length = 0
    variables: list[tuple[int, int, str]] = []
    optional: list[tuple[int, int]] = []
    open_optional: list[int] = []
    pos = 0
    after_variable = False

    def write(piece: str, variable: bool) -> None:
        nonlocal length
        last = out[-1][-1:] if out and out[-1] else ""
        if piece and last.isalnum() and piece[0].isalnum() and (variable or after_variable):
            out.append(" ")
            length += 1
        out.append(piece)
        length += len(piece)

    for mark in _MARK.finditer(template):
        write(template[pos:mark.start()], False)
        after_variable = False
        pos = mark.end()
        body = mark.group(1)
        if body.startswith("var;"):
            whole = _VAR.fullmatch(body)  # SPDX writes values unescaped: quotes and all
            attributes = (dict(zip(("name", "original", "match"), whole.groups(), strict=True))
                          if whole else dict(_ATTRIBUTE.findall(body)))
            original = attributes.get("original", "")
            if original:
                write(original, True)
                variables.append((length - len(original), length, attributes.get("match", ".+")))
                after_variable = True
            else:
                variables.append((length, length, attributes.get("match", ".+")))
        elif body.startswith("beginOptional"):
            open_optional.append(length)
        elif open_optional:
            optional.append((open_optional.pop(), length))
    write(template[pos:], False)
    return Template("".join(out), tuple(variables), tuple(sorted(optional)))


def token_spans(spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
                starts: tuple[int, ...]) -> Iterator[tuple[int, int]]:
    """Character spans as (first token, one past the last) over tokens starting at ``starts``;
    spans that hold no token are left out."""
    for start, end in spans:  # ``starts`` ascend: bisect (a CC template has 80 spans)
        first = bisect_left(starts, start)
        last = bisect_left(starts, end, first)
        if last > first:
            yield first, last


def fills(regex: str, text: str) -> bool:
    """Whether a copy's text for a variable is one the template accepts (SPDX matching is
    case-insensitive and ignores how whitespace runs)."""
    said = " ".join(text.split())
    for form in (regex, _without_punctuation(regex)):
        try:
            pattern = re.compile(form, re.IGNORECASE | re.DOTALL)
        except re.error:
            return False  # a regex Python cannot read accepts nothing: fail closed
        if pattern.fullmatch(said) is not None:
            return True
    return False


_LITERAL_PUNCTUATION = set("-:/,;'\"<>!&#=@%~`")


def _without_punctuation(regex: str) -> str:
    """``regex`` with each literal punctuation mark made optional: a copy's words reach the
    matcher without their punctuation ("CC- licensed" is the words "cc licensed", which SPDX's
    ``CC-[ \\t]{0,10}licensed`` means). Character classes and escapes that stand for a class
    (``\\s``, ``\\w``) stay as they are; the words the regex requires still must be there."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\" and i + 1 < len(regex):
            nxt = regex[i + 1]
            if not in_class and not nxt.isalnum() and nxt not in " ":
                out.append("[\\W_]*")
            else:
                out.append(regex[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "{" and re.match(r"\{\d*,?\d*\}", regex[i:]):  # a count: {0,10}
            count = re.match(r"\{\d*,?\d*\}", regex[i:])
            assert count is not None
            out.append(count.group())
            i += len(count.group())
            continue
        elif ch in _LITERAL_PUNCTUATION:
            out.append("[\\W_]*")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


__all__ = ["Template", "expand", "fills", "token_spans"]

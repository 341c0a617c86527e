"""SPDX License List XML (spdx/license-list-XML, ``src/<id>.xml``) to the SPDX template format.

Why: the SPDX License List publishes each license once, as XML that marks which parts of the
text may vary (``<alt name match>``), which may be left out (``<optional>``, ``<titleText>``),
and where the copyright line and list bullets go. SPDX's own tools turn that XML into the
``standardLicenseTemplate`` text (``<<var;name=...;original=...;match=...>>``,
``<<beginOptional>>...<<endOptional>>``) that licscan's matcher reads from ``rules/templates/``.
That published template data cannot be had here for every license, the XML source can; this
module makes the same template text from it, so the templates follow the current License List
rather than a years-old copy. ``tests/test_spdx_xml.py`` checks the conversion against templates
SPDX published.

The conversion follows the SPDX License List Matching Guidelines as the XML schema states them:
``<titleText>`` is optional as a whole, ``<copyrightText>`` is a variable holding any copyright
statement, a ``<bullet>`` is a variable holding any short list marker, ``<alt>`` is a variable
with its own regex, ``<optional>`` may be missing, and ``<standardLicenseHeader>`` inside the
text is text (outside it, like ``<notes>``, it is not part of the license text).

``header`` gives the ``<standardLicenseHeader>`` alone, in the same template format: the notice a
licensor puts at the top of each file ("Licensed under the Apache License, Version 2.0 ...",
"... either version 2 of the License, or (at your option) any later version"), which SPDX
publishes as the license's ``standardLicenseHeaderTemplate``. A file carrying that notice is
under the license without holding its text, so the notice is a reference of its own
(``rules/headers/``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

NS = "{http://www.spdx.org/license}"
COPYRIGHT_MATCH = ".{0,5000}"
BULLET_MATCH = ".{0,20}"
_SPACE = re.compile(r"\s+")


class NotALicense(ValueError):
    """The XML holds no ``<license>`` with a ``<text>`` (an exception, or a malformed file)."""


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(NS)


def _plain(element: ET.Element) -> str:
    """An element's words as one line: the ``original`` of a variable."""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def _attribute(value: str) -> str:
    """SPDX writes attribute values as they are, quotes and backslashes included; the reader
    (``licscan.matching.templates``) finds each value's end by the next attribute's name."""
    return value


def _var(name: str, original: str, match: str) -> str:
    return (f'<<var;name="{_attribute(name)}";original="{_attribute(original)}";'
            f'match="{_attribute(match)}">>')


def _render(element: ET.Element, out: list[str]) -> None:
    """Append the template text of ``element``'s content (its text, children and their tails)."""
    if element.text:
        out.append(_SPACE.sub(" ", element.text))
    for child in element:
        tag = _tag(child)
        if tag == "alt":
            out.append(_var(child.get("name", ""), _plain(child), child.get("match", ".+")))
        elif tag == "bullet":
            out.append(_var("bullet", _plain(child), BULLET_MATCH))
        elif tag == "copyrightText" and child.find(f".//{NS}alt") is None:
            out.append("\n\n" + _var("copyright", _plain(child), COPYRIGHT_MATCH) + "\n\n")
        elif tag in ("optional", "titleText"):
            out.append("<<beginOptional>>")
            _render(child, out)
            out.append("<<endOptional>>")
        elif tag == "br":
            out.append("\n")
        elif tag in ("p", "item", "list", "standardLicenseHeader", "copyrightText"):
            # a copyright line that marks its own variable parts is text with those parts
            out.append("\n\n" if tag == "p" else "\n")
            _render(child, out)
            out.append("\n\n" if tag == "p" else "\n")
        elif tag in ("notes", "crossRefs", "crossRef"):
            pass  # about the license, not part of its text
        else:
            raise ValueError(f"unknown SPDX XML element <{tag}>")
        if child.tail:
            out.append(_SPACE.sub(" ", child.tail))


def _tidy(text: str) -> str:
    """One space between words, blank lines between blocks, nothing at either end."""
    lines = [line.strip() for line in text.split("\n")]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return tidy.strip() + "\n"


def license_id(xml: str) -> str:
    root = ET.fromstring(xml)
    found = root.find(f"{NS}license")
    if found is None:
        raise NotALicense("no <license> element")
    return found.get("licenseId", "")


def template(xml: str) -> str:
    """The SPDX template text of the license in ``xml`` (the contents of one src/<id>.xml)."""
    root = ET.fromstring(xml)
    found = root.find(f"{NS}license")
    text = found.find(f"{NS}text") if found is not None else None
    if text is None:
        raise NotALicense("no <license> with a <text>")
    out: list[str] = []
    _render(text, out)
    return _tidy("".join(out))


def header(xml: str) -> str | None:
    """The SPDX template text of the ``<standardLicenseHeader>`` of the license in ``xml``, or
    None when it has none or an empty one. The element stands inside ``<license>`` (beside
    ``<text>``) or inside ``<text>`` (where the license prints it, as MPL's Exhibit A); either
    way it is the same notice."""
    root = ET.fromstring(xml)
    found = root.find(f"{NS}license")
    if found is None:
        raise NotALicense("no <license> element")
    element = found.find(f".//{NS}standardLicenseHeader")
    if element is None or not _plain(element):
        return None
    out: list[str] = []
    _render(element, out)
    return _tidy("".join(out))

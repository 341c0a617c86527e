"""Normalisation: a pipeline of small named steps that make two copies of a license comparable.

Why length-preserving steps: a detection must point at the span of the file it came from, so the
text-level steps blank out what they remove (replace it with spaces) instead of deleting it, and
every token keeps its offset in the original file. Token-level steps (case, spelling, URL scheme)
then rewrite the words themselves. The same pipeline runs over the reference texts and the
files being identified, so whatever it does cannot create a difference.

Version numbers are deliberately kept whole ("3.1" is one token) and titles that carry a version
are never removed: the version line is what tells Llama 3.1 from Llama 3.2.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

TextStep = Callable[[str], str]


def _blank(match: re.Match[str]) -> str:
    """Spaces in place of the match, newlines kept so line numbers stay right."""
    return "".join("\n" if ch == "\n" else " " for ch in match.group(0))


_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HTML_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,5}|#x[0-9A-Fa-f]{1,4});")
_MD_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_CODE_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.MULTILINE)


def _strip_html_comments(text: str) -> str:
    """Blank ``<!-- ... -->`` in one pass (a regex rescans from every unclosed ``<!--``)."""
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break  # an unclosed comment hides nothing: leave the rest as it is
        out.append(text[pos:start])
        out.append("".join("\n" if ch == "\n" else " " for ch in text[start:end + 3]))
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def strip_markup(text: str) -> str:
    """HTML tags and entities, markdown link targets and code fences carry no license words."""
    text = _strip_html_comments(text)
    text = _HTML_TAG.sub(_blank, text)
    text = _HTML_ENTITY.sub(_blank, text)
    text = _MD_LINK_TARGET.sub(_blank, text)
    return _MD_CODE_FENCE.sub(_blank, text)


_HEADING = re.compile(r"^[ \t]*(?:#{1,6}|>+)[ \t]+", re.MULTILINE)


def strip_headings(text: str) -> str:
    """Markdown heading and quote markers ('## 1. Definitions' reads as '1. Definitions')."""
    return _HEADING.sub(_blank, text)


_BULLET = re.compile(
    r"^[ \t]*(?:[-*+\u2022\u00b7\u25aa\u25e6]"  # bullets
    r"|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]"  # 1.  1.1.  2)
    r"|\([0-9]{1,3}(?:\.[0-9]{1,3})*\)"  # (1)
    r"|\(?[a-zA-Z][.)]"  # a.  (b)  c)
    r"|\(?(?:i{1,3}|iv|vi{0,3}|ix|x{1,3})[.)])"  # i.  (iv)
    r"(?=[ \t])",
    re.MULTILINE,
)


def strip_bullets_and_numbering(text: str) -> str:
    """List markers and clause numbers differ between copies of the same text."""
    return _BULLET.sub(_blank, text)


# A copyright *statement*: the word followed by a symbol or a year, or a symbol with a year.
# "copyright notice that is included..." in a re-wrapped license is license text, not a notice.
_COPYRIGHT_LINE = re.compile(
    r"^[ \t#*>/-]*(?:"
    r"copyright\s*(?:\(c\)|\u00a9|\[?(?:19|20)\d\d|\[yyyy\]|<year>|\{year\})"
    r"|\(c\)\s*(?:19|20)\d\d|\u00a9"
    r"|all rights reserved\.?\s*$"
    r")[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)


def strip_copyright_lines(text: str) -> str:
    """Copyright lines name the holder, not the license; templates leave them open."""
    return _COPYRIGHT_LINE.sub(_blank, text)


_TITLE_WORDS = re.compile(
    r"\A(\s*)((?:the\s+)?[A-Za-z][A-Za-z \t.,'()-]{0,60}\b(?:license|licence|copying)\b[^\n0-9]*)$",
    re.IGNORECASE | re.MULTILINE,
)


def strip_title_line(text: str) -> str:
    """A leading generic title ('MIT License', 'LICENSE') without a version number."""
    match = _TITLE_WORDS.match(text)
    if not match or len(match.group(2).split()) > 8:
        return text
    start, end = match.span(2)
    return text[:start] + " " * (end - start) + text[end:]


# Text-level steps, in order. Each keeps the text's length so offsets survive.
TEXT_STEPS: tuple[tuple[str, TextStep], ...] = (
    ("markup", strip_markup),
    ("headings", strip_headings),
    ("copyright", strip_copyright_lines),  # before bullets: "(c) 2024" is not clause (c)
    ("bullets", strip_bullets_and_numbering),
    ("title", strip_title_line),
)


def normalize_text(text: str) -> str:
    """Run every text-level step."""
    for _name, step in TEXT_STEPS:
        text = step(text)
    return text


# --- token-level steps -------------------------------------------------------------------------

_QUOTES_DASHES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\ufeff": " ",
})


def unify_quotes_and_dashes(text: str) -> str:
    """Typographic quotes, dashes and odd spaces become their plain forms (same length)."""
    return text.translate(_QUOTES_DASHES)


# British/American and other spelling variants seen across copies of the same licenses
# (licensee keeps a similar list). Keys are lower-case tokens.
SPELLING = {
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "licencing": "licensing", "licencee": "licensee", "licencor": "licensor",
    "authorise": "authorize", "authorised": "authorized", "authorisation": "authorization",
    "organisation": "organization", "organisations": "organizations",
    "behaviour": "behavior", "favour": "favor", "colour": "color", "honour": "honor",
    "recognise": "recognize", "recognised": "recognized", "offence": "offense",
    "defence": "defense", "judgement": "judgment", "programme": "program",
    "programmes": "programs", "analyse": "analyze", "centre": "center", "catalogue": "catalog",
    "labour": "labor", "practise": "practice", "fulfil": "fulfill", "whilst": "while",
    "acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
    "modelling": "modeling", "artefact": "artifact", "artefacts": "artifacts",
    "utilise": "utilize", "utilised": "utilized", "characterise": "characterize",
    "https": "http", "copyleft": "copyleft",
}


def unify_spelling(token: str) -> str:
    """One spelling per word, so 'licence' and 'license' compare equal."""
    return SPELLING.get(token, token)


_TOKEN = re.compile(r"[^\W_]+(?:\.[0-9]+)*")


@dataclass(frozen=True)
class Tokens:
    """Normalised words of a text with the character offset where each one starts and ends."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str) -> Tokens:
    """The full pipeline: text steps, then words with offsets into the original ``text``."""
    prepared = normalize_text(unify_quotes_and_dashes(text))
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _TOKEN.finditer(prepared):
        words.append(unify_spelling(match.group(0).lower()))
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(tuple(words), tuple(starts), tuple(ends))


def copyright_line_words(text: str) -> str:
    """The normalised words of every copyright line set aside, joined by spaces.

    A copyright line is set aside whole; in a copy with long lines it can carry license words
    too ("Copyright ... Inc. Everyone is permitted to copy..."), which then look removed.
    """
    lines = _COPYRIGHT_LINE.findall(unify_quotes_and_dashes(text))
    return " ".join(unify_spelling(w.lower()) for line in lines for w in _TOKEN.findall(line))


def had_copyright_lines(text: str) -> bool:
    """Whether the text holds at least one copyright line (for 'copyright only' files)."""
    return _COPYRIGHT_LINE.search(unify_quotes_and_dashes(text)) is not None

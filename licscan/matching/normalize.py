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
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

TextStep = Callable[[str], str]


def _blank(match: re.Match[str]) -> str:
    """Spaces in place of the match, newlines kept so line numbers stay right."""
    return "".join("\n" if ch == "\n" else " " for ch in match.group(0))


# Only real HTML element names: "<organization>", "<COPYRIGHT HOLDER>" and "<year>" are a
# template's placeholders, words the license says (and which a copy fills with a name).
_HTML_ELEMENTS = (
    "a|abbr|b|big|blockquote|body|br|center|cite|code|dd|del|details|div|dl|dt|em|font|"
    "h[1-6]|head|header|footer|hr|html|i|img|ins|kbd|li|link|main|meta|nav|ol|p|pre|q|s|"
    "samp|section|small|span|strike|strong|style|sub|summary|sup|table|tbody|td|tfoot|th|"
    "thead|title|tr|tt|u|ul|var|article|aside|caption|col|colgroup|figure|figcaption|"
    "picture|source|script|noscript|iframe|form|input|label|button|select|option|textarea|"
    "svg|path|mark|time|wbr|address"
)
_HTML_TAG = re.compile(
    rf"</?(?:{_HTML_ELEMENTS})(?=[\s/>])(?:\s[^<>]*)?/?>", re.IGNORECASE)
_HTML_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,5}|#x[0-9A-Fa-f]{1,4});")
_MD_LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_CODE_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.MULTILINE)


def _strip_html_comments(text: str) -> str:
    """Blank the ``<!--`` and ``-->`` delimiters and keep what is between them.

    Why not hide comments: a sentence in an HTML comment is still in the file, and a licence
    file is a legal text, not a rendered page; a restriction put there must be read.
    """
    return _COMMENT_DELIMITER.sub(_blank, text)


_COMMENT_DELIMITER = re.compile(r"<!--|--!?>")


# Attributes that hold addresses or layout, never words a reader sees. Every other attribute's
# value (alt, title, aria-label, a data- attribute...) is text a page shows or a tool reads: an
# image's alt text is a place to write a term, so it is kept where it stands.
_MARKUP_ATTRIBUTE = re.compile(
    r"(?:href|src|srcset|style|class|id|width|height|align|valign|rel|target|type|lang|dir|"
    r"loading|decoding|role|border|cellpadding|cellspacing|colspan|rowspan|frameborder|allow|"
    r"allowfullscreen|sizes|media|crossorigin|referrerpolicy|integrity|xmlns|viewbox|fill|"
    r"stroke|d)$", re.IGNORECASE)
_TAG_ATTRIBUTE = re.compile(r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def _blank_tag(match: re.Match[str]) -> str:
    """A tag blanked but for the values of its text attributes, each kept in place."""
    tag = match.group(0)
    out = list(_blank(match))
    for attribute in _TAG_ATTRIBUTE.finditer(tag):
        if _MARKUP_ATTRIBUTE.match(attribute.group(1)):
            continue
        group = 2 if attribute.group(2) is not None else 3
        out[attribute.start(group):attribute.end(group)] = attribute.group(group)
    return "".join(out)


def strip_markup(text: str) -> str:
    """HTML tags and entities, markdown link targets, code fences and comment delimiters carry
    no license words (a comment's contents do, and stay)."""
    text = _strip_html_comments(text)
    text = _HTML_TAG.sub(_blank_tag, text)
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


# A number a re-wrapped line starts with that ends the sentence above ("the Mozilla Public
# License, v." / "2.0. If a copy..."): a version, not a clause number.
_VERSION_BEFORE = re.compile(r"(?:\bv\.?|\bversion)[ \t]*\n\Z", re.IGNORECASE)


def strip_bullets_and_numbering(text: str) -> str:
    """List markers and clause numbers differ between copies of the same text."""
    def blank_unless_version(match: re.Match[str]) -> str:
        if match.group(0).strip()[:1].isdigit() and _VERSION_BEFORE.search(
                text, max(0, match.start() - 40), match.start()):
            return match.group(0)
        return _blank(match)

    return _BULLET.sub(blank_unless_version, text)


# A copyright *statement*: the word followed by a symbol or a year, or a symbol with a year.
# "copyright notice that is included..." in a re-wrapped license is license text, not a notice.
_COPYRIGHT_LINE = re.compile(
    r"^[ \t#*>/-]*(?:"
    r"copyright\s*(?:\(c\)|\u00a9|\[?(?:19|20)\d\d|\[(?:yyyy|year)\]|<year>|\{year\})"
    r"|\(c\)\s*(?:19|20)\d\d|\u00a9"
    r"|all rights reserved\.?\s*$"
    r")[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)


def strip_copyright_lines(text: str) -> str:
    """Copyright statements name the holder, not the license; templates leave them open.

    Only the statement itself is blanked (the word or symbol, years, a holder's name, "All
    rights reserved", a contact address): a further sentence on the same line, or a "holder"
    that is really a clause ("ACME, which grants this License for research only"), stays text
    and is matched or reported like any other.
    """
    out: list[str] = []
    pos = 0
    found = [*_COPYRIGHT_LINE.finditer(text),
             *(m for m in _NAMED_COPYRIGHT_LINE.finditer(text) if _alone(text, m))]
    for match in sorted(found, key=lambda m: m.start()):
        if match.start() < pos:
            continue  # already blanked as the rest of a wrapped placeholder
        end = copyright_statement_end(match.group(0))
        if end is None:
            continue
        end = match.start() + end
        end = _close_wrapped_placeholder(text, match.start(), end)
        out.append(text[pos:match.start()])
        out.append("".join("\n" if ch == "\n" else " " for ch in text[match.start():end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


# "Copyright The containerd Authors": the word and a name, no year or symbol. Inside a
# license's paragraphs "Copyright" may start a re-wrapped line of text ("copyright holder
# saying..."), so such a line is a statement only as a paragraph of its own, capitalised, and
# only when all of it reads as a name (``copyright_statement_end``).
_NAMED_COPYRIGHT_LINE = re.compile(r"^[ \t#*>/-]*Copyright[ \t]+[\[{<]?[A-Z][^\n]*$", re.MULTILINE)


def _alone(text: str, match: re.Match[str]) -> bool:
    """Whether the matched line has a blank line (or the text's edge) above and below it; a
    comment's markers ("#", " * ", "//") alone make a line blank."""
    start, end = match.start(), match.end()
    above = "" if start == 0 else text[text.rfind("\n", 0, start - 1) + 1:start - 1]
    below_end = text.find("\n", end + 1)
    below = text[end + 1:below_end if below_end >= 0 else len(text)]
    return not above.strip(" \t#*/") and not below.strip(" \t#*/")


def _close_wrapped_placeholder(text: str, start: int, end: int) -> int:
    """A statement that ends inside an open "[name of copyright" continues to the "owner]" a
    re-wrapped copy put on the next line, when what lies between is still only a name."""
    if text.count("[", start, end) <= text.count("]", start, end) or text[end:end + 1] != "\n":
        return end
    close = text.find("]", end, end + 80)
    if close < 0 or not _plain_statement(text[end:close]) or "\n\n" in text[end:close]:
        return end
    return close + 1


# Words a holder's name never holds: a "name" with one of these is a clause. Months and "free"
# are left out (they appear in dates and in "Free Software Foundation").
NOT_IN_A_NAME = frozenset({
    "not", "no", "non", "never", "none", "nor", "neither", "without", "except", "unless",
    "nobody", "nothing", "noone", "anyone", "anybody", "everyone", "everybody",
    "only", "solely", "exclusively", "alone", "commercial", "commercially", "noncommercial",
    "noncommercially", "research",
    "shall", "must", "may", "cannot", "prohibited", "forbidden", "restrict", "restricted",
    "restriction", "restrictions", "revocable", "irrevocable", "perpetual", "exclusive",
    "nonexclusive", "royalty", "fee", "fees", "sell", "sale", "resale", "resell", "military",
    "terminate", "terminated", "license", "licensed", "licenses", "licensing", "sublicense",
    "warranty", "liability", "patent", "patents", "derivative", "derivatives", "distribute",
    "distribution", "redistribute", "modify", "copy", "use", "used", "uses", "using", "usage",
    "which", "who", "whom", "whose", "that", "grant", "grants", "granted", "permit", "permits",
    "permitted", "permission", "allow", "allows", "allowed", "prohibit", "prohibits", "will",
    "can", "is", "are", "be", "been", "being", "was", "were", "provided", "subject", "terms",
    "term", "conditions", "condition", "agreement", "purpose", "purposes", "internal",
    "personal", "academic", "educational", "evaluation", "exclude", "excluded", "excluding",
    "this", "these", "if", "where", "when", "within", "outside", "limited", "limit", "limits",
    "territory", "territories", "country", "countries", "deploy", "deployment", "production",
    "you", "your", "should", "require", "requires", "required", "paid", "pay",
})

_COPYRIGHT_START = re.compile(r"^[^\w(\u00a9]*(?:copyright|\(c\)|\u00a9)", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.;:!?])\s+|(?<=[>)\]])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:inc|ltd|co|corp|llc|plc|gmbh|ag|sa|bv|nv|jr|sr|st|dr|mr|ms|mrs|pty|e\.v|s\.a|"
    r"s\.l|n\.v|b\.v|s\.p\.a|k\.k|vs|et al)|\b[A-Za-z])\.$",
    re.IGNORECASE,
)
_RIGHTS_RESERVED = re.compile(r"^\W*all\s+rights\s+reserved\W*$", re.IGNORECASE)
_CONTACT = re.compile(r"^\W*(?:<[^<>\s]+>|\([^()\s]+\)|https?://\S+|[\w.+-]+@[\w.-]+)\W*$")
_WORD = re.compile(r"[^\W_]+")
MAX_NAME_WORDS = 30


def copyright_statement_end(line: str) -> int | None:
    """How much of ``line`` (which starts with a copyright statement) is only that statement:
    its end offset, or None when the first sentence is not a plain statement.

    A plain statement is the word or symbol, years and a name with none of ``NOT_IN_A_NAME``;
    it may be followed by "All rights reserved.", a contact address, or another plain
    statement. Anything after that (a further sentence) is not part of it.
    """
    if not _COPYRIGHT_START.match(line):
        if _RIGHTS_RESERVED.match(line):
            return len(line.rstrip())
        return None
    pieces = _sentences(line)
    first_start, first_end = pieces[0]
    if not _plain_statement(line[first_start:first_end]):
        return None
    end = first_end
    for start, stop in pieces[1:]:
        piece = line[start:stop]
        if _RIGHTS_RESERVED.match(piece) or _CONTACT.match(piece) or (
                _COPYRIGHT_START.match(piece) and _plain_statement(piece)):
            end = stop
            continue
        break
    return end


def contact_after_copyright(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a contact address (a URL or e-mail, brackets included)
    that opens its line, right under a line that is a whole plain copyright statement: a
    re-wrapped "Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>"."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or not _CONTACT.match(text[start:end]) or line_start < 2:
        return False
    previous = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
    statement_end = copyright_statement_end(previous)
    return statement_end is not None and not previous[statement_end:].strip()


def _sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a line; a period after an abbreviation or an initial
    ("Inc.", "J. Doe") does not end one."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(line):
        if _ABBREVIATION.search(line[start:match.start()]):
            continue
        pieces.append((start, match.start()))
        start = match.end()
    if start < len(line.rstrip()) or not pieces:
        pieces.append((start, len(line.rstrip())))
    return pieces


def _plain_statement(sentence: str) -> bool:
    # prose's test of a limit on use reads what NOT_IN_A_NAME's words cannot ("Acme, nur für
    # Studierende", "reserved to Acme customers"); imported here, as prose imports this module's
    # readers
    from licscan.matching.prose import limits_use

    words = [unify_spelling(w.lower()) for w in _WORD.findall(unify_quotes_and_dashes(sentence))]
    return (len(words) <= MAX_NAME_WORDS and not NOT_IN_A_NAME.intersection(words)
            and not limits_use(sentence))


_TITLE_WORDS = re.compile(
    r"\A(\s*)((?:the\s+)?[A-Za-z][A-Za-z \t.,'()-]{0,60}\b(?:license|licence|copying)\b[^\n0-9]*)$",
    re.IGNORECASE | re.MULTILINE,
)


def title_range(text: str) -> tuple[int, int] | None:
    """Where a leading generic title ('MIT License', 'LICENSE') without a version number is."""
    match = _TITLE_WORDS.match(text)
    if not match or len(match.group(2).split()) > 8:
        return None
    return match.span(2)


def strip_title_line(text: str) -> str:
    """A leading title is not matched (copies carry all sorts of them); whether its words are
    the license's own is checked when the file is accounted for (``identify``)."""
    found = title_range(text)
    if found is None:
        return text
    start, end = found
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
    "https": "http", "copyleft": "copyleft", "&": "and",
}


def unify_spelling(token: str) -> str:
    """One spelling per word, so 'licence' and 'license' compare equal."""
    return SPELLING.get(token, token)


# "&" is the word "and" ("PERMISSION & CONDITIONS" in one copy of the OFL, "AND" in another).
# Characters that show nothing (zero-width spaces and joiners, the soft hyphen, direction marks)
# do not end a word: "Rese\u200barch" is read as the word a reader sees, "research".
_INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
              "\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff")
_TOKEN = re.compile(r"[^\W_]+(?:[" + _INVISIBLE + r"]+[^\W_]+)*(?:\.[0-9]+)*|&")
_INVISIBLE_CHARS = re.compile("[" + _INVISIBLE + "]")


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
    return read_words(text).matched


@dataclass(frozen=True)
class Reading:
    """A text's words two ways, from one pass: ``every`` word the file says (markup and list
    numbering are not words), and the ``matched`` ones the matcher compares (``every`` less
    plain copyright statements and a leading generic title, which templates leave open and
    which are accounted for on their own). ``title`` is where that leading title is."""

    every: Tokens
    matched: Tokens
    title: tuple[int, int] | None


def read_words(text: str) -> Reading:
    """Every word and the matched words of ``text``, in one tokenising pass (the same steps as
    ``normalize_text``; the copyright and title steps only decide which words are matched)."""
    prepared = strip_headings(strip_markup(unify_quotes_and_dashes(text)))
    every_text = strip_bullets_and_numbering(prepared)
    matched_text = strip_bullets_and_numbering(strip_copyright_lines(prepared))
    title = title_range(matched_text)
    every = _words(every_text)
    keep = [
        i for i, start in enumerate(every.starts)
        if matched_text[start] != " " and not (title is not None and title[0] <= start < title[1])
    ]
    if len(keep) == len(every.words):
        return Reading(every, every, title)
    matched = Tokens(tuple(every.words[i] for i in keep), tuple(every.starts[i] for i in keep),
                     tuple(every.ends[i] for i in keep))
    return Reading(every, matched, title)


def _words(prepared: str) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _TOKEN.finditer(prepared):
        words.append(unify_spelling(as_read(match.group(0)).lower()))
        starts.append(match.start())
        ends.append(match.end())
    return Tokens(tuple(words), tuple(starts), tuple(ends))


def as_read(word: str) -> str:
    """A word as it reads: invisible characters out, compatibility forms (full-width letters,
    ligatures) as their plain letters, so "\uff52\uff45\uff53\uff45\uff41\uff52\uff43\uff48"
    is the word "research" to every check that reads words."""
    if word.isascii():
        return word
    folded = unicodedata.normalize("NFKC", _INVISIBLE_CHARS.sub("", word))
    return folded if folded.isalnum() else word


def had_copyright_lines(text: str) -> bool:
    """Whether the text holds at least one copyright line (for 'copyright only' files)."""
    return _COPYRIGHT_LINE.search(unify_quotes_and_dashes(text)) is not None

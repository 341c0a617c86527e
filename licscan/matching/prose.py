"""Files that are not license texts: which of their words can carry terms.

Why: a model card, a program's source file and a NOTICE file state their license in a sentence
or a header and say a great deal else (how to run the model, program code, who wrote what).
Holding every word of them to the standard of a license text leaves every such file "unknown";
ignoring the rest would let "for research purposes only" in a model description pass unseen.
What each kind of file is held to (``identify_text`` applies it to what no license text,
statement or template part explains):

- ``license`` (LICENSE, COPYING, USE_POLICY, anything not named below): every word.
- ``readme`` (a model card): every word of its License sections (``statements.
  license_sections``); elsewhere, the sentences that are license-bearing.
- ``source`` (a program file, by its extension): program code is not prose; in its comments and
  string literals, the license-bearing sentences. A program's description or "Written by ..."
  carries no terms; a comment with grant or restriction language no statement explains stays.
- ``notice`` (NOTICE): the license-bearing sentences. The NOTICE convention is attribution
  ("This product includes software developed at ...", copyright lines, the project's name),
  which grants and restricts nothing. An export-control warning ("use and transfer may be
  subject to certain restrictions by the United States") is no license grant, but it
  restricts: it is license-bearing, so it stays unexplained for a person to read.

A **license-bearing sentence** (``license_bearing``) is one that grants, restricts or
conditions use: grant phrasing ("licensed under", "released under", "subject to", "governed
by", "the license is", a "License:" line), words only legal prose uses (warranty, liability,
patent, redistribution, proprietary), permission and restriction (commercial, research
purposes, prohibited, restricted, attribution, export control), or a modal that allows or
forbids using, sharing or changing the work ("must not be used", "you may redistribute"), a
limit on who may use the work or how in any words ("Deployment is reserved to Acme
customers", "No production use", "Nur für Studierende", "仅供研究使用": a use word and a limiting
word in one sentence, ``limits_use``), a license named as such that licscan does not know
("the Acme Research License"), a sentence that stops at its negation ("The weights are
not."), a question of permission, words written to be misread (invisible characters, look-
alike letters), the work given to a named party ("may be used by Acme employees", "available
to Acme partners"), or a label or table cell whose value names a license licscan knows
("Weights: CC BY-NC 4.0" grants in no words it reads, but it is no mere description). A
sentence that only points at a license or asks to accept it ("see LICENSE for details",
"review and agree to the license") is procedure: it names no terms, and the file it points
at is read on its own. It is the one notion licscan has of it: a gating prompt's terms are
read by the same test (``bearing_sentences``). A list item is also read with the line that
introduces its list ("The model may be used by:" / "- Acme employees"): a restriction split
across items carries its limit in the lead-in and its parties in the items. It errs towards
bearing: a sentence it keeps that grants nothing costs a review; one it drops could hide a term.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import PurePath

from licscan.matching.statements import license_sections, names_a_license, qualifies, sentences

DOCUMENT_KINDS = ("license", "readme", "source", "notice")

# A model card: README, README.md, README_zh.md, README.zh-CN.md (not "readme--mit.md").
_README = re.compile(r"^readme(?:[._-][a-z]{2}(?:[-_][a-z]{2,4})?)?"
                     r"(?:\.(?:md|markdown|rst|txt|adoc|org))?$", re.IGNORECASE)
_NOTICE = re.compile(r"^notice(?:s)?(?:[._-][\w.-]*)?$", re.IGNORECASE)

# How comments and strings are written, by extension: line-comment markers, block delimiters,
# string quotes, and whether ``<<WORD`` opens a here-document. Only languages whose every
# comment and string form is listed here: in any other file (HTML, TeX, YAML, Ruby...) text
# outside comments is read as prose, since treating it as code could drop a term.
_Syntax = tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...], bool]
_C_BLOCK = (("/*", "*/"),)
_C_QUOTES = ('"""', "'''", '"', "'", "`")
_SYNTAX: dict[str, _Syntax] = {
    **dict.fromkeys(("c", "h", "cc", "cpp", "cxx", "hpp", "hh", "hxx", "inl", "cu", "cuh",
                     "java", "kt", "kts", "scala", "groovy", "gradle", "cs", "swift", "dart",
                     "proto", "css", "scss", "less", "rs", "zig", "glsl", "hlsl", "metal", "go",
                     "js", "mjs", "cjs", "jsx", "ts", "tsx"),
                    (("//",), _C_BLOCK, _C_QUOTES, False)),
    "php": (("//", "#"), _C_BLOCK, _C_QUOTES, True),
    "tf": (("//", "#"), _C_BLOCK, ('"',), True),
    **dict.fromkeys(("py", "pyi", "pyx", "pxd", "bzl", "star"),
                    (("#",), (), ('"""', "'''", '"', "'"), False)),
    **dict.fromkeys(("sh", "bash", "zsh"), (("#",), (), ('"', "'"), True)),
    **dict.fromkeys(("r", "mk", "dockerfile", "tcl"), (("#",), (), ('"', "'"), False)),
    "jl": (("#",), (("#=", "=#"),), ('"""', '"'), False),
    "nim": (("#",), (("#[", "]#"),), ('"""', '"'), False),
    "cmake": (("#",), (("#[[", "]]"),), ('"',), False),
    "ps1": (("#",), (("<#", "#>"),), ('"', "'"), False),
    "lua": (("--",), (("--[[", "]]"),), ('"', "'", "[["), False),
    "sql": (("--",), _C_BLOCK, ('"', "'"), False),
    **dict.fromkeys(("hs", "elm"), (("--",), (("{-", "-}"),), ('"',), False)),
    **dict.fromkeys(("erl", "hrl"), (("%",), (), ('"', "'"), False)),
}
_NAMED_SOURCES = {"makefile": "mk", "cmakelists.txt": "cmake", "dockerfile": "dockerfile",
                  "build": "bzl", "build.bazel": "bzl", "workspace": "bzl"}
_CLOSING = {"[[": "]]"}  # a quote closed by another string (Lua's long strings)
_HEREDOC = re.compile(r"<<[-~]?[ \t]*(['\"]?)([A-Za-z_]\w*)\1")
# A file named as terms is held to every word whatever its extension (LICENSE.py, TERMS.yml).
_TERMS_NAME = re.compile(r"^(?:licen[cs]e|copying|copyright|eula|terms|use[_-]?policy|"
                         r"acceptable[_-]?use|patents?)", re.IGNORECASE)


def document_kind(path: str, readme: bool | None = None) -> str:
    """Which kind of file ``path`` is (one of ``DOCUMENT_KINDS``), by its name.

    ``readme`` True: the caller knows it is the model card; False: it knows it is not (a file
    a card's license_link names is held to every word even when called README); None: decide
    by the name."""
    name = PurePath(path).name
    if readme:
        return "readme"
    if readme is None and _README.match(name):
        return "readme"
    if _NOTICE.match(name):
        return "notice"
    if _syntax(name) is not None and not _TERMS_NAME.match(name):
        return "source"
    return "license"


def _syntax(name: str) -> _Syntax | None:
    lower = name.lower()
    if lower in _NAMED_SOURCES:
        return _SYNTAX[_NAMED_SOURCES[lower]]
    suffix = PurePath(lower).suffix.lstrip(".")
    return _SYNTAX.get(suffix)


def code_ranges(text: str, path: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are program code: everything outside comments, string
    literals and here-documents, by the syntax of the file's extension ([] for a file that is
    no program source).

    Why strings count as prose: a license can be kept in one (``LICENSE = \"\"\"...\"\"\"``, a
    docstring, a here-document a script prints). The lexer errs one way only: a quote it
    misreads (a Rust lifetime, an apostrophe) opens a string that runs to the next quote, even
    across lines, and an unclosed comment or string runs to the end: code read as prose, which
    is then judged sentence by sentence; never prose dropped as code.
    """
    name = PurePath(path).name
    syntax = _syntax(name)
    if syntax is None or _TERMS_NAME.match(name):
        return []
    lines, blocks, quotes, heredoc = syntax
    openers = sorted([*lines, *(b[0] for b in blocks), *quotes], key=len, reverse=True)
    alternatives = [re.escape(o) for o in openers]
    if heredoc:
        alternatives.insert(0, _HEREDOC.pattern)
    pattern = re.compile("|".join(alternatives))
    closers = dict(blocks)
    code: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        found = pattern.search(text, pos)
        if found is None:
            break
        opener = found.group()
        if found.start() > pos:
            code.append((pos, found.start()))
        here = _HEREDOC.match(opener) if heredoc else None
        if here is not None:
            word = re.escape(here.group(2))
            stop = re.compile(rf"^[ \t]*{word}[ \t]*$", re.MULTILINE).search(text, found.end())
            pos = n if stop is None else stop.end()
        elif opener in lines:
            stop_at = text.find("\n", found.end())
            pos = n if stop_at < 0 else stop_at
        elif opener in closers:
            stop_at = text.find(closers[opener], found.end())
            pos = n if stop_at < 0 else stop_at + len(closers[opener])
        else:
            pos = _string_end(text, found.end(), opener)
    if pos < n:
        code.append((pos, n))
    return code


@lru_cache(maxsize=32)
def _closing(quote: str) -> re.Pattern[str]:
    close = re.escape(_CLOSING.get(quote, quote))
    return re.compile(rf"(?:\\.|(?!{close})[^\\])*{close}", re.DOTALL)


def _string_end(text: str, pos: int, quote: str) -> int:
    """One past the closing quote (escaped quotes skipped), on any line; the end of the text
    when it is never closed."""
    found = _closing(quote).match(text, pos)
    return len(text) if found is None else found.end()


# --- license-bearing sentences -----------------------------------------------------------------

_USE_VERB = (r"(?:us(?:e|ed|es|ing)|distribut\w*|redistribut\w*|shar(?:e|ed|es|ing)|sell|sold|"
             r"modif\w*|deploy\w*|cop(?:y|ied|ies|ying)|host\w*|access\w*|publish\w*|"
             r"reverse[- ]engineer\w*|transfer\w*)")
_LICENSE_NOUN = r"licen[cs]e[s]?(?![\w-])"
_BEARING = re.compile(
    r"\b(?:"
    # granting: 'licensed' (also 'MIT-licensed'), licensing, licensee, licensor, sublicense,
    # a license said to be something ('the license is', 'License:', 'the license of X is')
    r"licen[cs](?:ed|ing|ee|ees|or|ors)(?![\w-])|sublicens\w*|"
    r"(?:the|our|this|its|their)\s+" + _LICENSE_NOUN + r"\s+(?:is|are)\s+(?!(?:in|at|here|"
    r"available|included|provided|located|found)\b)|"
    + _LICENSE_NOUN + r"\s+(?:of|for)\s+(?:[\w.-]+\s+){1,5}?(?:is|are)\b|"
    r"(?:released|distributed|made\s+available|available|provided|offered|published|shared)"
    r"\s+under|under\s+(?:the\s+)?terms|subject\s+to|governed\s+by|"
    r"in\s+(?:accordance|compliance)\s+with|compl(?:y|ies|ying)\s+with|"
    # what only legal prose says
    r"copyleft|warrant(?:y|ies)|merchantab\w*|liabilit\w*|liable|indemn\w*|royalt\w*|"
    r"patent\w*|trademark\w*|infring\w*|redistribut\w*|proprietary|eula|"
    r"all\s+rights\s+reserved|public\s+domain|"
    # money and thresholds: what a commercial term asks
    r"fees?|revenues?|pay\w*\s+(?:\w+\s+){0,3}?(?:royalt\w*|fees?|percent|\d+(?=\s*%))|"
    r"monthly\s+active\s+users?|"
    # permission and restriction
    r"non[- ]?commercial\w*|commercial\w*|permitted|permissible|prohibit\w*|forbid\w*|"
    r"(?:written|express|prior|explicit|without|with|no|obtain\w*|request\w*|seek\w*)\s+"
    r"(?:\w+\s+)?permission|permission\s+(?:to|from|of|is|for)|"
    r"restrict\w*|revoc\w*|revok\w*|grant(?:s|ed|ing)?|attribution|military|"
    r"export\s+(?:control|administration|regulation|law)\w*|sanction\w*|embargo\w*|"
    r"(?:research|academic|personal|internal|evaluation|educational|non[- ]?profit|scientific)"
    r"\s+(?:purposes?|uses?|only)|(?:for|to)\s+research|research[- ]only|shall|"
    # a modal that forbids, or allows, using, sharing or changing the work
    r"(?:must|may|will|should|shall|can)(?:\s+not|n't)\s+(?:\w+\s+){0,2}?" + _USE_VERB
    + r"|cannot\s+be\s+" + _USE_VERB + r"\s+(?:for|to|by|in|outside)"
    + r"|^\W*(?:do\s+not|don't|never)\s+" + _USE_VERB
    + r"|(?:only|solely|exclusively)\s+(?:be\s+)?" + _USE_VERB
    + r"(?:\s+[\w-]+){0,3}?\s+(?:for|by|in|within|under|on|as)"
    + r"|(?:you|users?|licensees?|anyone)\s+(?:may|are\s+free\s+to|are\s+allowed\s+to)\s+"
    + _USE_VERB + r"|free\s+(?:to|for)\s+(?:\w+\s+)?" + _USE_VERB
    + r"|agree\w*\s+(?:not\s+)?to\s+(?:not\s+)?(?:\w+\s+)?" + _USE_VERB
    + r"|(?:not\s+)?(?:allowed|authori[sz]ed|entitled)\s+to)\b"
    # 'License: X' as a line of its own
    + r"|^\W*(?:(?:model|code|weights?)\s+)?" + _LICENSE_NOUN + r"\W*[:：]"
    # Chinese, Japanese and Korean cards say the same without spaces between words: license,
    # agreement, authorisation, commercial, academic research, prohibited, must not, restricted,
    # terms, disclaimer; ライセンス / 利用規約; 라이선스, 상업, 금지
    + r"|许可|許可|协议|協議|授权|授權|商用|商业|商業|学术研究|學術研究|禁止|不得|限制|条款|條款"
    r"|免责|免責|ライセンス|利用規約|라이[선센]스|상업|금지",
    re.IGNORECASE,
)
# A limit on who may use the work, or how, in words no legal vocabulary needs ("Deployment is
# reserved to Acme customers", "Only for use by students", "No production use", "Nur für
# nicht-kommerzielle Nutzung", "仅供研究使用"): a sentence that speaks of using, running or
# selling the work, or of who uses it, and that also limits, negates or conditions. Both halves
# are broad on purpose: "this model does not run on a CPU" costs a review; a scope restriction
# read as description would pass unseen. English, French, German, Spanish, Italian, Portuguese;
# Chinese, Japanese and Korean write no spaces between words, so those are matched as written.
_SCOPE_USE = re.compile(
    r"\b(?:us(?:e|es|ed|ing|age)|utili[sz]\w*|deploy\w*|production|run|runs|running|"
    r"serv(?:e|es|ing)|host\w*|sale|sell\w*|sold|resell\w*|commerc\w*|profit\w*|monetiz\w*|"
    r"customers?|clients?|business\w*|compan(?:y|ies)|enterprises?|corporat\w*|"
    r"organi[sz]ations?|institutions?|governments?|students?|academi\w*|universit\w*|"
    r"research\w*|personal|hobby\w*|experiment\w*|evaluat\w*|workloads?|researchers|availab\w*|"
    r"academics|subscribers|members|partners|employees|contractors|non-?profits|hobbyists|"
    r"individuals|"
    # French, German, Spanish, Italian, Portuguese
    r"utilis\w*|usage|d[ée]ploi\w*|recherche|nutz\w*|benutz\w*|verwend\w*|einsatz|einsetz\w*|"
    r"kommerz\w*|gewerb\w*|forschung\w*|produktiv\w*|uso|usos|usar|utiliz\w*|comercial\w*|"
    r"commercial\w*|investigaci\w*|pesquisa|ricerca|producci\w*|produ[çz]\w*|estudiant\w*|"
    r"[ée]tudiant\w*|studierende\w*|studenten|clientes|kunden|investigador\w*|chercheu\w*|"
    r"forscher\w*|universi\w*|entreprises?|unternehm\w*|empresas?|aziend\w*)\b"
    r"|使用|用途|用于|用於|研究|商|営利|营利|利用|部署|目的|生产|生產|사용|이용|연구|상업|영리"
    r"|企业|企業|公司|会社|기업|회사|开放|開放|公开|公開|用户|用戶|ユーザー|사용자|상용|配布|배포"
    r"|分发|分發",
    re.IGNORECASE,
)
_SCOPE_LIMIT = re.compile(
    r"\b(?:only|exclusive|exclusively|solely|reserved|restricted|limited\s+to|not|never|cannot|"
    r"no(?=\s+(?:[\w-]+\s+){0,2}?(?:uses?|usage|deploy\w*|sales?|resale|hosting|production|"
    r"commercial\w*)\b)|"
    # an audience: "the weights are for students", "for non-profits"
    r"for(?=\s+(?:[\w-]+\s+){0,3}?(?:students|customers|clients|researchers|academics|"
    r"subscribers|members|partners|employees|contractors|non-?profits|hobbyists|individuals|"
    r"universities|"
    r"companies|businesses|enterprises|organi[sz]ations|institutions|governments)\b)|"
    # a need is a condition when it is for an agreement or a payment, not for memory or a GPU
    r"(?:requires?|required|requiring|need(?:s|ed)?)(?=\s+(?:[\w-]+\s+){0,3}?(?:agreements?|"
    r"contracts?|subscriptions?|licen[cs]es?|permission|approval|payment|plan|fees?|consent|"
    r"registration|authori[sz]ation|to\s+(?:contact|ask|apply|register|pay|purchase|"
    r"obtain|sign|request))\b)|must|agreements?|contracts?|subscriptions?|paid|"
    r"purchas\w*|permission|allowed|okay|ok|contact|ask|forbidden|banned|barred|excluded|"
    r"except\w*|unless|approv\w*|authori[sz]\w*|consent|intended|until|till|expir\w*|"
    r"outside|territor\w*|countr(?:y|ies)|"
    # French, German, Spanish, Italian, Portuguese
    r"uniquement|seulement|exclusivement|r[ée]serv[ée]\w*|interdit\w*|pas|ne|sauf|"
    r"n[ée]cessite\w*|nur|ausschlie(?:ß|ss)lich\w*|nicht|kein\w*|verboten|untersagt|"
    r"erfordert|vorbehalten|solo|s[óo]lo|solamente|[úu]nicamente|exclusivamente|"
    r"prohibid\w*|reservad\w*|requiere\w*|soltanto|esclusivamente|vietat\w*|riservat\w*|"
    r"non|apenas|somente|proibid\w*|n[ãa]o)\b"
    # (not 需 "needs" alone, 只 "only supports" or 有限 "limited": hardware talk)
    r"|仅|僅|只(?:能|可|限|允许|允許|供)|のみ|だけ|限于|限於|仅限|僅限|不可|不能|不允许|不允許|禁"
    r"|须|須|需(?:要)?(?:获得|獲得|取得|申请|申請)?(?:授权|授權|许可|許可|同意|付费|付費)|非|만|전용"
    r"|불가|금지"
    r"|不得|不对外|不對外|不开放|不開放|不提供|请联系|請聯繫|联系我们|聯繫我們|遠慮|できません"
    r"|않|허용|없습니다",
    re.IGNORECASE,
)
# The name of a document ("Acceptable Use Policy", "Google's usage license", "terms of use"):
# pointing at it, or asking to accept it, is procedure, not a use it limits.
_USE_DOCUMENT = re.compile(r"\b(?:acceptable\s+|fair\s+|responsible\s+)?us(?:e|age)\s+"
                           r"(?:licen[cs]es?|polic(?:y|ies)|terms|guidelines?|agreements?)\b|"
                           r"\bterms\s+of\s+use\b"
                           # formulas of a name or a copyright line, not limits on use: "Acme
                           # Company Limited", "Acme Corporation, all rights reserved"
                           r"|\b(?:compan(?:y|ies)|co\.?|corporation|pty|private|public)\s+limited\b"
                           r"|\ball\s+rights\s+reserved\b", re.IGNORECASE)
# A license's own name in another language is grant vocabulary as "licensed" is in English.
_FOREIGN_LICENSE = re.compile(r"\b(?:lizenz\w*|licencia\w*|licenza\w*|licen[çc]a\w*|"
                              r"licenci\w*)\b", re.IGNORECASE)
# What is not prose in a sentence: URLs and link targets (a 'license' badge), HTML comment
# markers and tags. A comment's text, and the words of a tag's attributes (alt, title), are
# kept: an HTML comment is a place to hide a term, not a reason to drop one.
_NOT_PROSE = re.compile(r"<!--|-->|\(?(?:https?://|www\.)[^\s)\]>]+\)?|(?<=\])\([^\s()]+\)")
_TAG = re.compile(r"<[A-Za-z/][^<>]*>")
_ATTRIBUTE_TEXT = re.compile(r"=\s*\"([^\"]*)\"|=\s*'([^']*)'")


# A value after a label or in a table cell ("Weights: CC BY-NC 4.0", "| weights | CC BY-NC |"):
# naming a license there states it, in a form no grant phrase reads. (A name in running prose
# is a mention or a pointer unless grant words go with it.)
_LABELLED = re.compile(r"[:：|]\s*(.+)$", re.DOTALL)
# A license name has a capital, a digit or a known lower-case id in it: values without one are
# not searched for names (the search costs a trie walk per word).
_MAY_NAME = re.compile(r"[A-Z0-9]|(?i:licen[cs]|\b(?:mit|bsd|isc|[al]?gpl|mpl|apache|gemma|llama|"
                       r"qwen|deepseek|openrail|unlicense|wtfpl|zlib|odbl|pddl)\b)")


def _tag_words(tag: re.Match[str]) -> str:
    return " ".join(a or b for a, b in _ATTRIBUTE_TEXT.findall(tag.group())) or " "


# Characters that show nothing (zero-width spaces and joiners, the soft hyphen, direction
# marks): "res\u200berved" reads as "reserved" and must be read so.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                        r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]")
# A word that mixes Latin letters with Greek or Cyrillic ones ("r\u0435served" with a Cyrillic
# e) is written to be misread: no honest word does it, and no vocabulary can read it.
_MIXED_SCRIPT = re.compile(r"[A-Za-z][\u0370-\u03ff\u0400-\u052f]|"
                           r"[\u0370-\u03ff\u0400-\u052f][A-Za-z]")
# A sentence that stops at its negation leans on the one before it ("The code is released
# under the MIT License. The weights are not."): what it withholds is a term.
_ELLIPTICAL = re.compile(r"\b(?:(?:is|are|was|were|does|do|did|has|have|can|may|will|shall|"
                         r"should)\s+not|\w+n't)\W*$", re.IGNORECASE)
# A question about what one may do ("Can I deploy it at my company?"): its answer, on a line of
# its own ("No."), is a term whatever words it uses.
_PERMISSION_QUESTION = re.compile(
    r"\b(?:can|may|could|am|are|is)\s+(?:i|we|you|one|users?|anyone|companies|businesses|"
    r"it|this(?:\s+model)?)\s+(?:\w+\s+){0,3}?" + _USE_VERB + r"\b[^?]*\?", re.IGNORECASE)
# A class of people allowed to use the work ("Acme customers may deploy this model"): a grant to
# some says the others may not. And money asked for it ("above that, pay us").
_AUDIENCE = (r"(?:customers|clients|students|researchers|academics|subscribers|members|partners|"
             r"employees|contractors|non-?profits|companies|businesses|enterprises|organi[sz]ations|"
             r"institutions|governments|universities|individuals)")
_CLASS_PERMITTED = re.compile(
    r"\b" + _AUDIENCE + r"\s+(?:\w+\s+){0,2}?(?:may|can|are\s+(?:allowed|permitted|free|"
    r"welcome|entitled)\s+to)\s+(?:\w+\s+){0,2}?" + _USE_VERB + r"\b"
    r"|\bpay\s+(?:us|acme|the\s+\w+)\b|\b(?:purchase|buy)\s+(?:an?\s+)?(?:\w+\s+)?"
    r"(?:licen[cs]e|subscription|plan|seat)s?\b", re.IGNORECASE)
# The work given to a party ("The model may be used by: Acme employees", "Available to: Acme
# partners"): naming who may use it says the others may not. (A party is a name or a class of
# people: "can be used by developers to build ...", "available to download" name none.)
_PARTY = r"\W*(?:the\s+)?(?:[A-Z]|(?i:" + _AUDIENCE + r")\b)"
_GIVEN_TO_PARTY = re.compile(
    r"\b(?i:(?:may|can|could|shall|is\s+to|are\s+to)\s+(?:only\s+)?be\s+(?:used|deployed|run|"
    r"accessed|operated|hosted)\s+(?:only\s+|solely\s+|exclusively\s+)?by)" + _PARTY
    + r"|\b(?i:(?:available|open|accessible|given|granted)\s+(?:only\s+|solely\s+|"
    r"exclusively\s+)?to)" + _PARTY)
# Labels that say who may use the work ("Intended users: students", "Availability: ...").
_AUDIENCE_LABEL = re.compile(r"^\W*(?:intended\s+(?:use|users?|audience)|users|audience|"
                             r"availability|eligib\w*|who\s+(?:may|can|is\s+allowed))\b",
                             re.IGNORECASE)
# A part of the model said to be a license ("The weights are CC BY-NC 4.0"): a statement in a
# form no grant phrase reads. "The model is a Llama 3 fine-tune" describes, so "a" stops it.
_PART_IS = re.compile(r"\b(?:weights?|checkpoints?|parameters|models?|code|data|datasets?|"
                      r"outputs?)\s+(?:is|are)\s+(?!an?\b)((?:\S+\s*){1,5})$", re.IGNORECASE)


# A name used as a license's ("the Acme Research License", "the Acme Model Agreement"):
# capitalised words ending in License, Agreement or Terms of Use. One licscan does not know is
# terms it cannot read; one it knows, said of the model's parts ("The weights follow the Llama 3
# Community License"), says which terms they carry. (A known name alone, "the full text of the
# Llama 3.1 Community License Agreement is in LICENSE", points: the file is read on its own.)
_MODEL_PART = re.compile(r"\b(?:weights?|checkpoints?|parameters|models?|code)\b", re.IGNORECASE)
# ("Acknowledge license", a button, is a verb and a noun: a lower-case "license" names only
# after two words of a name, as in "the CC BY-NC 4.0 license".)
_NAMED_TERMS = re.compile(r"\b(?:(?:[A-Z0-9][\w.+-]*\s+){1,6}(?:Licen[cs]e|LICEN[CS]E|"
                          r"Agreement|AGREEMENT|Terms\s+of\s+(?:Use|Service))|"
                          r"(?:[A-Z0-9][\w.+-]*\s+){2,6}(?:licen[cs]e|agreement))\b")


def _names_terms(sentence: str) -> bool:
    """A license named as such that licscan does not know, or one it knows said of a part of
    the model (``_NAMED_TERMS``)."""
    for match in _NAMED_TERMS.finditer(sentence):
        if not names_a_license(match.group()) or _MODEL_PART.search(sentence):
            return True
    return False


def _fold(sentence: str) -> str:
    """The sentence as it reads: invisible characters out, compatibility forms (full-width
    letters, ligatures) as their plain letters."""
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", sentence))


def license_bearing(sentence: str) -> bool:
    """Whether a sentence speaks of rights: grants, restricts or conditions use (see the module
    docstring for the vocabulary). A sentence that does not carries no terms."""
    if not sentence.isascii():
        if _MIXED_SCRIPT.search(sentence):
            return True
        sentence = _fold(sentence)
    if (_ELLIPTICAL.search(sentence) or _PERMISSION_QUESTION.search(sentence)
            or _AUDIENCE_LABEL.match(sentence) or _CLASS_PERMITTED.search(sentence)
            or _GIVEN_TO_PARTY.search(sentence)
            or _names_terms(sentence)):
        return True
    plain = None
    if _BEARING.search(sentence) is not None:  # most sentences: no need to strip anything
        plain = _NOT_PROSE.sub(" ", _TAG.sub(_tag_words, sentence))
        if _BEARING.search(plain.strip()) is not None:
            return True
    if limits_use(sentence):
        return True
    if not _MAY_NAME.search(sentence):
        return False
    plain = plain or _NOT_PROSE.sub(" ", _TAG.sub(_tag_words, sentence))
    value = _LABELLED.search(plain) or _PART_IS.search(plain.strip())
    return value is not None and names_a_license(value.group(1))


def limits_use(sentence: str) -> bool:
    """A sentence (or a few words) that limits who may use the work or how (``_SCOPE_USE`` and
    ``_SCOPE_LIMIT`` both in its prose), or names a license in another language. Also what a
    template's name slot may not hold: "ACME, reserved to its customers," is no name."""
    if not sentence.isascii():
        if _MIXED_SCRIPT.search(sentence):
            return True
        sentence = _fold(sentence)
    if not (_SCOPE_USE.search(sentence) or _FOREIGN_LICENSE.search(sentence)):
        return False
    plain = _USE_DOCUMENT.sub(" ", _NOT_PROSE.sub(" ", _TAG.sub(_tag_words, sentence)))
    if _FOREIGN_LICENSE.search(plain):
        return True
    return bool(_SCOPE_USE.search(plain)) and bool(_SCOPE_LIMIT.search(plain))


def bearing_sentences(text: str, lo: int = 0, hi: int | None = None) -> list[str]:
    """The license-bearing sentences of ``text[lo:hi]``, as written (the gating prompt's terms).

    Where the passage goes on a sentence a statement began ("Released under the MIT License| in
    the United States only"), its first sentence is also held to ``qualifies``, as a card's
    prose is (``bearing_only``), and a list item with the line that introduces its list: the
    prompt's terms meet the card's rule."""
    hi = len(text) if hi is None else hi
    tail = lo > 0 and _continues_sentence(text, lo)
    return [text[a:b] for n, (a, b) in enumerate(sentences(text, lo, hi))
            if license_bearing(text[a:b]) or (tail and n == 0 and qualifies(text[a:b]))
            or _bearing_with_lead_in(text, a, b)]


def prose_only(text: str, path: str, starts: Sequence[int], leftover: list[int]) -> list[int]:
    """``leftover`` (indices into ``starts``, the words' offsets) without the words that stand
    in program code; unchanged for a file that is no program source."""
    code = code_ranges(text, path)
    if not code:
        return leftover
    bounds = [a for a, _b in code]
    kept = []
    for i in leftover:
        at = bisect_right(bounds, starts[i]) - 1
        if at < 0 or starts[i] >= code[at][1]:
            kept.append(i)
    return kept


def bearing_only(text: str, kind: str, starts: Sequence[int], ends: Sequence[int],
                 leftover: list[int]) -> list[int]:
    """The words of ``leftover`` this kind of file is held to (see the module docstring): for a
    license, all of them; otherwise those in a README's License sections and those in the
    license-bearing sentences of what nothing else explains.

    Sentences are read within runs of consecutive unexplained words, so a sentence's words that
    a statement already explains do not make the rest of it bearing, and the rest of a sentence a
    statement left (its restriction) is judged on its own words."""
    if kind == "license" or not leftover:
        return leftover
    inside: set[int] = set()
    if kind == "readme":
        sections = license_sections(text)
        inside = {i for i in leftover if any(a <= starts[i] < b for a, b in sections)}
    kept: list[int] = []
    run_start = 0
    for k in range(1, len(leftover) + 1):
        if k < len(leftover) and leftover[k] == leftover[k - 1] + 1:
            continue
        run = leftover[run_start:k]
        run_start = k
        run = [i for i in run if i not in inside]
        if not run:
            continue
        lo, hi = starts[run[0]], ends[run[-1]]
        offsets = [starts[i] for i in run]
        tail = _continues_sentence(text, lo)
        for n, (a, b) in enumerate(sentences(text, lo, hi, comments=kind == "source")):
            if (license_bearing(text[a:b]) or (tail and n == 0 and qualifies(text[a:b]))
                    or (kind != "source" and _bearing_with_lead_in(text, a, b))):
                kept.extend(run[bisect_left(offsets, a):bisect_left(offsets, b)])
    return sorted(inside.union(kept))


_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_ATX_LINE = re.compile(r" {0,3}#{1,6}[ \t]")
_LEAD_IN_LINES = 60  # lines of a list walked up to find what introduces it
_LABEL_WORDS = 4  # a lead-in of at most this many words, ending in a colon, is a label


def _lead_in(text: str, pos: int) -> str | None:
    """The line that introduces the list whose item begins at ``pos``: the first line above
    its items (and their indented continuations) that ends with a colon or is a heading
    ("Permitted users:", "## Who may use this model"); None if ``pos`` begins no list item or
    the list has no such line."""
    line_start = text.rfind("\n", 0, pos) + 1
    item = _LIST_ITEM.match(text, line_start)
    if item is None or item.end() > pos or text[item.end():pos].strip(" \t*_`"):
        return None
    end = line_start - 1
    for _ in range(_LEAD_IN_LINES):
        if end < 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        if not line.strip() or _LIST_ITEM.match(line) or line[:1] in " \t":
            continue
        bare = line.strip().strip("*_` \t")
        if _ATX_LINE.match(line) or bare.endswith((":", "：")):
            # its last sentence: "InternLM3 is ... reasoning. It has these features:"
            bare = re.split(r"(?<=[.!?。])\s+", bare.lstrip("#").strip())[-1]
            return bare.strip("*_` \t")
        return None
    return None


def _bearing_with_lead_in(text: str, a: int, b: int) -> bool:
    """Whether a list item read with the line that introduces its list is license-bearing: a
    restriction split across items ("Permitted users:" / "- Acme employees" / "- Acme
    contractors") has its limiting words in the lead-in and its parties in the items, and
    neither alone reads as a term. (With and without the colon: "This model is for: Acme
    employees" reads as "This model is for Acme employees"; a short lead-in is a label, and an
    item naming a license after "Weights:" states it. A longer one, "In this repo you can figure
    out:", is no label: an item naming a model, "Quickstart with Qwen", states nothing.)"""
    lead = _lead_in(text, a)
    if lead is None:
        return False
    item = text[a:b]
    label = len(lead.split()) <= _LABEL_WORDS and lead.endswith((":", "："))
    return ((label and license_bearing(f"{lead} {item}"))
            or license_bearing(f"{lead.rstrip(':： ')} {item}"))


def _continues_sentence(text: str, pos: int) -> bool:
    """Whether the words at ``pos`` go on a sentence begun before them (a statement explained its
    head: "Released under the MIT License| until 31 December 2025"): no sentence end, line
    break or blank between them and the word before."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] not in ".!?\n。！？"


__all__ = ["DOCUMENT_KINDS", "bearing_only", "bearing_sentences", "code_ranges",
           "document_kind", "license_bearing", "limits_use", "prose_only"]

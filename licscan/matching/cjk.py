"""License statements written in Chinese, Japanese or Korean.

Why: bilingual model repositories (and their README_zh.md, README_ja.md) state their license
in words the English grammar of ``statements`` cannot read: "本项目遵循 Apache 2.0 协议",
"许可证：MIT", "本モデルはApache 2.0ライセンスの下で公開されています", "이 모델은 MIT 라이선스를
따릅니다". Those sentences are license-bearing (``prose.license_bearing`` knows the words), so
without this reader an honest card is reviewed.

What a statement is here (kind ``reference``; the license named as ``statements`` names one:
a catalog name, id or alias, with the same look-up):
- a grant verb right before the name (采用, 遵循, 依照, 按照 ... ; 使用, 以, 在, 基于 only with the
  word "license" or "agreement" right after the name: "基于 Qwen 架构" names no license);
- a label or copula before it ("许可证：MIT", "许可证为 MIT", "ライセンスは MIT", "라이선스: MIT");
- the name, the word "license" and a verb after it, as Japanese and Korean write a grant
  ("MIT ライセンスの下で公開", "MIT 라이선스를 따릅니다").

Fail closed, as in English: a sentence that negates, compares, supposes or tells history
before the name, or in its clause after it ("不是", "此前采用", "与...相比", "如果",
"ではありません", "아닙니다"), states nothing. The statement's span is its clause (up to "，" or
"。"); the words before the verb and after the name's tail are only counted when they hold
nothing that could restrict ("仅", "研究", "非商业" ...), so "仅限非商业用途" after a name is
left for the chain to report, never absorbed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from licscan.matching import statements as st
from licscan.model import Detection

# The word "license" or "agreement": Chinese (simplified, traditional), Japanese, Korean.
_NOUN = (r"(?:开源许可证|開源許可證|开源许可协议|開源許可協議|开源协议|開源協議|许可协议|許可協議|"
         r"授权协议|授權協議|许可证|許可證|许可|許可|协议|協議|授权|授權|ライセンス|라이선스|라이센스)")
# Verbs that say a license applies; the weak ones say so only with the word "license" after.
_STRONG_VERB = r"(?:采用|採用|遵循|遵守|遵照|依照|依据|依據|按照|适用|適用)"
_WEAK_VERB = r"(?:使用|以|在|基于|基於|根据|根據|通过|通過)"
_OPEN = r"[\s《「『“\"'*_`\[（(]*"
# A markdown link's target: a URL or a path, in ASCII (words in it would be prose)
_TARGET = r"\([!-'*-~]*\)"
# (a markdown link's target too, after its "]": "[Apache-2.0](https://...) 协议")
_CLOSE = r"[\s》」』”\"'*_`]*(?:\]" + _TARGET + r"|\])?[\s*_`》」』”\"']*"
_BEFORE_STRONG = re.compile(_STRONG_VERB + r"(?:的是|的)?" + _OPEN + r"$")
_BEFORE_WEAK = re.compile(_WEAK_VERB + _OPEN + r"$")
# ("许可证：MIT", "许可证为 MIT", a table row "| 许可证 | MIT |")
_BEFORE_LABEL = re.compile(_NOUN + r"[\s*_`]*(?:[:：|]|为|為|是|は|는|은|이|가)" + _OPEN + r"$")
# The name's tail: "license" and what says it is released under it.
_RELEASE_WORD = (r"(?:之下|下|发布|發布|开源|開源|授权|授權|公开|公開|开放|開放|提供|进行|進行|"
                 r"の下で|のもとで|に基づいて|に基づき|に従って|に従い|に準拠し|の|で|を|が|"
                 r"公開|配布|リリース|適用|ライセンス|"
                 r"されています|されております|されました|されます|しています|します|です|"
                 r"となります|となっています|ています|ます|"
                 r"를|을|에\s*따라|하에|으로|로|가|이|따릅니다|따름|따른다|따르며|따릅|적용됩니다|"
                 r"적용|배포됩니다|배포|공개됩니다|공개|제공됩니다|제공|됩니다|입니다)")
_RELEASE = r"(?:" + _RELEASE_WORD + r"|\s)*"
# "license" after the name in the card's language, or in English ("[Apache 2.0 License](...)
# の下で"), with a link's target after it
_ANY_NOUN = (r"(?:" + _NOUN + r"|(?i:licen[cs]es?|agreement)(?![a-z]))(?:\]" + _TARGET + r")?"
             r"[\s》」』”\"'*_`]*")
_VERB_LAST_WORDS = (r"(?:の下で|のもとで|に基づいて|に基づき|に従って|に従い|に準拠して"
                    r"|に準拠し|で|を|를|을|에\s*따라|하에|으로|로)\s*"
                    r"(?:公開|提供|配布|リリース|適用|ライセンス|따르|따릅|따름|적용|배포|공개|제공)")


def _tail(noun_optional: bool) -> re.Pattern[str]:
    """The words after a name that grant it: "license" and a verb of release. A name that is
    itself "... License Agreement" needs no second "license", but then a verb must follow."""
    noun = "(?:" + _ANY_NOUN + ")" + ("?" if noun_optional else "")
    release = (r"\s*" + _RELEASE_WORD + _RELEASE) if noun_optional else _RELEASE
    return re.compile(_CLOSE + r"(?:开源|開源)?\s*" + noun + release)


def _verb_last(noun_optional: bool) -> re.Pattern[str]:
    """Japanese and Korean put the verb last: the name, "license", and a verb of granting."""
    noun = "(?:" + _ANY_NOUN + ")" + ("?" if noun_optional else "")
    return re.compile(_CLOSE + noun + _VERB_LAST_WORDS)


_TAIL = _tail(False)
_TAIL_NAMED = _tail(True)
_VERB_LAST = _verb_last(False)
_VERB_LAST_NAMED = _verb_last(True)
_COPULA_END = re.compile(_CLOSE + r"(?:です|입니다|이다)?")
# What makes a sentence no grant: negation, history, comparison, supposition.
_NEGATES = re.compile(
    r"不是|不属于|不屬於|不采用|不採用|不遵循|不使用|不适用|不適用|不再|并非|並非|而非|非|未|没有|沒有|"
    r"无|無|曾|此前|以前|之前|先前|原先|原本|原来|原來|过去|過去|旧版|舊版|不同|不像|相比|比较|比較|"
    r"对比|對比|而是|如果|若|假如|是否|ではな|じゃな|ません|ない|かつて|比べ|異な|場合|아니|아닌|않|"
    r"이전|예전|대신|비교|달리|만약|경우|없"
    # a plan is no grant yet: "计划采用", "将来", "予定", "예정"
    r"|计划|計劃|打算|拟|擬|将会|將會|即将|即將|将来|將來|予定|検討|예정|계획")
# Words around a statement that may restrict or condition it (the chain reads them on their own).
_RESTRICTS = re.compile(
    r"仅|僅|只|限|非|不|禁|须|須|需|应|應|必|研究|学术|學術|商|除|但|然而|条件|條件|另|额外|額外|其他|"
    r"其它|同意|申请|申請|登记|登記|问卷|問卷|のみ|だけ|除|ただし|但し|条件|研究|商|営利|"
    r"同意|만|제외|단|연구|상업|상용|영리|조건|동의|허가|금지")
_CLAUSE_END = "，,；;。！？!?\n"
_SENTENCE_END = "。！？!?\n"
_ANCHORS = ("许可", "許可", "协议", "協議", "授权", "授權", "ライセンス", "라이선스", "라이센스",
            "采用", "採用", "遵循", "遵守", "遵照", "依照", "依据", "依據", "按照", "适用", "適用",
            "开源", "開源", "发布", "發布", "基于", "基於", "公開", "配布")
_PUNCTUATION = re.compile(r"[\s。．.！!？?，,；;、*_`)）\]》」』”\"'|]*")


def _back(text: str, pos: int, lo: int, stops: str) -> int:
    """Where the clause (or sentence) holding ``pos`` begins, never before ``lo``."""
    i = pos
    while i > lo:
        ch = text[i - 1]
        if ch in stops or (ch == "." and i < len(text) and text[i].isspace()):
            break
        i -= 1
    return i


def _forward(text: str, pos: int, hi: int, stops: str) -> int:
    i = pos
    while i < hi:
        ch = text[i]
        if ch in stops or (ch == "." and (i + 1 >= hi or text[i + 1].isspace())):
            break
        i += 1
    return i


def cjk_statements(text: str, lo: int, hi: int) -> Iterator[Detection]:
    """Every CJK license statement in ``text[lo:hi]`` (see the module docstring)."""
    if text[lo:hi].isascii():
        return
    done: set[int] = set()
    for a, _b in st.literal_windows(text, _ANCHORS, lo, hi, 0, 0):
        start = _back(text, a, lo, _CLAUSE_END)
        if start in done:
            continue
        done.add(start)
        end = _forward(text, a, hi, _CLAUSE_END)
        yield from _clause(text, lo, start, end)


def _clause(text: str, lo: int, start: int, end: int) -> Iterator[Detection]:
    tokens = st.name_tokens(text, start, end)
    sentence_start = _back(text, start, lo, _SENTENCE_END)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.start > 0 and text[token.start - 1] in "-_.@/":
            i += 1
            continue
        names = st.names_from(text, tokens, i)
        if names is None:
            i += 1
            continue
        ids, stop = names
        name_start, name_end = token.start, tokens[stop - 1].end
        i = stop
        if re.match(r"[-_@/.]\w", text[name_end:name_end + 2]):
            continue  # "Qwen-7B", "mit.edu": part of another word, as ``names_a_license`` reads
        found = _grant(text, start, end, name_start, name_end)
        if found is None:
            continue
        if any(st.linked_elsewhere(text, name_start, name_end, lid) for lid in ids):
            continue  # "[MIT 许可证](https://acme.example/terms)": the terms are that page
        grant_start, core_end = found
        before = st.without_urls(text[sentence_start:name_start])
        if _NEGATES.search(before) or st.NOT_A_GRANT.search(before) \
                or _NEGATES.search(st.without_urls(text[name_end:end])):
            continue
        span_start = start if _quiet(text[start:grant_start]) else grant_start
        rest = text[core_end:end]
        span_end = end if _PUNCTUATION.fullmatch(rest) else _word_start(text, core_end,
                                                                       span_start)
        if span_end < name_end:
            continue  # the qualifier is written into the name's own word: all of it stays
        for license_id in ids:
            det = st.statement_detection(text, license_id, "reference", span_start, span_end)
            if det is not None:
                yield det


# A name that says it is a license ("Tongyi Qianwen LICENSE AGREEMENT", "MIT License").
_NAMED_AS_LICENSE = re.compile(r"(?i:licen[cs]es?|agreement|terms)\W*$")


def _grant(text: str, start: int, end: int, name_start: int, name_end: int,
           ) -> tuple[int, int] | None:
    """Where the grant's words begin and the statement's core ends, or None when the words
    around the name do not grant it."""
    before = text[start:name_start]
    named = _NAMED_AS_LICENSE.search(text, name_start, name_end) is not None
    tail = (_TAIL_NAMED if named else _TAIL).match(text, name_end, end)
    strong = _BEFORE_STRONG.search(before)
    if strong is not None:
        if tail is not None:
            return start + strong.start(), tail.end()
        close = _COPULA_END.match(text, name_end, end)
        if close is not None and _PUNCTUATION.fullmatch(text[close.end():end]):
            return start + strong.start(), end
        return None
    weak = _BEFORE_WEAK.search(before)
    if weak is not None and tail is not None:
        return start + weak.start(), tail.end()
    label = _BEFORE_LABEL.search(before)
    if label is not None:
        close = tail or _COPULA_END.match(text, name_end, end)
        return start + label.start(), close.end() if close is not None else name_end
    verb_last = (_VERB_LAST_NAMED if named else _VERB_LAST).match(text, name_end, end)
    if verb_last is not None:
        return name_start, max(verb_last.end(), tail.end() if tail is not None else 0)
    return None


def _word_start(text: str, pos: int, floor: int) -> int:
    """``pos``, or the start of the word it falls inside. Why: CJK writes no spaces, so a whole
    clause ("采用MIT许可证仅供研究使用") is one word to the chain, and a span ending inside a word
    explains all of it: a statement cut before a qualifier must end before that word."""
    if pos >= len(text) or not _WORDCHAR.match(text, pos) or not _WORDCHAR.match(text, pos - 1):
        return pos
    while pos > floor and _WORDCHAR.match(text, pos - 1):
        pos -= 1
    return pos


_WORDCHAR = re.compile(r"[^\W_]")


def _quiet(fragment: str) -> bool:
    """Whether the words before a grant may count as part of it (the subject: "本项目", "本仓库的
    代码", "本モデルは"): nothing that restricts and no license named, in any language."""
    plain = st.without_urls(fragment)
    if _RESTRICTS.search(plain) or _NAMES_TERMS.search(plain) or st.names_a_license(plain):
        return False  # ... nor another license ("权重采用CC BY-NC许可证而代码采用MIT许可证")
    return not plain.strip() or st.harmless_around(fragment)


_NAMES_TERMS = re.compile(_NOUN)


__all__ = ["cjk_statements"]

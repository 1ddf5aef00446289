"""Compiled regular expressions: the candidate passes and the context matchers.

Candidate passes run over the raw text. Digit classes list Latin, Persian and
Arabic-Indic digits explicitly (an explicit class is several times faster in
``re`` than the Unicode ``\\d``), so a text is never folded as a whole; only a
candidate and its context window are folded for validation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ckanext.smarttehran.privacy import lexicon

D = "[0-9\u06f0-\u06f9\u0660-\u0669]"
_D_IN = "0-9\u06f0-\u06f9\u0660-\u0669"
# Characters allowed between digit groups: spaces (plain, NBSP, thin), ZWNJ,
# RLM, dashes, dots and brackets.
_SEP_IN = r"\- .()\u00a0\u202f\u2009\u200c\u200f\u2010-\u2015"
_LETTER_IN = "A-Za-z\u0600-\u06ff\u200c"


def trie_regex(words: Iterable[str], not_after: str | None = None) -> str:
    """An alternation of ``words`` factored into a prefix tree (fast in ``re``).

    ``not_after`` (the inside of a character class): no match right after such a
    character. It is checked by a lookbehind placed after each word's first character,
    so the pattern still opens with a literal and ``re`` skips to candidates in C;
    a leading lookbehind would be tried at every character. (Not with IGNORECASE,
    under which ``re`` cannot skip to the first characters.)
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie, not_after)


def _trie_to_regex(node: dict, not_after: str | None = None) -> str:
    ends = "" in node
    branches = [
        re.escape(ch)
        + (f"(?<![{not_after}]{re.escape(ch)})" if not_after else "")
        + _trie_to_regex(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def words_regex(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Match any of ``words`` (folded text) not inside a longer word."""
    # A leading lookbehind here: with IGNORECASE, ``re`` cannot skip to first letters,
    # and failing the lookbehind inside a word is the cheaper test.
    return re.compile(rf"(?<![{_LETTER_IN}])(?:{trie_regex(words)})(?![A-Za-z])", flags)


# Numbers of eight or more digits, separators allowed between groups. A plain decimal
# (35.712345: coordinates, amounts) is skipped inside ``re``: never after a digit or a
# decimal point, and not when the whole run is digits, one point, digits. The pattern
# opens with its first digit and looks back over it (a digit not after a digit, nor
# after digit and point): a leading class lets ``re`` skip to digits in C, a leading
# lookbehind would be tried at every character (twice as slow).
NUMBER = re.compile(
    rf"{D}(?<![{_D_IN}][{_D_IN}])(?<![{_D_IN}][.\u066b][{_D_IN}])"
    rf"(?!{D}*[.\u066b]{D}+(?![{_D_IN}{_SEP_IN}]))[{_D_IN}{_SEP_IN}]{{6,}}{D}"
)
# Ten digits, separators allowed: under a money or date header only such numbers can be
# an identifier (a column of dates and small amounts skips the number pass).
TEN_DIGITS = re.compile(rf"{D}(?:[{_SEP_IN}]{{0,3}}{D}){{9}}")
# Cheap whole-text tests that let a pass be skipped (searched in C, stop at the first hit).
ANY_DIGIT = re.compile(D)
ANY_LETTER = re.compile(r"[A-Za-z\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")
# Digit groups inside a folded candidate.
DIGIT_GROUPS = re.compile(r"[0-9]+")
# A coordinate with at least four decimals (about 11 m).
COORD = re.compile(
    rf"({D}{D})[.\u066b]{D}{{4,}}(?:[ \t,،;/|:=()A-Za-z\-]{{1,12}}?({D}{D})[.\u066b]{D}{{4,}})?"
)
COORD_ANY = re.compile(r"(-?[0-9]{1,3})[.\u066b]([0-9]+)")
COORD_NEXT = re.compile(rf"[\s,،;/|:=()A-Za-z\-]{{0,12}}?({D}{D}[.\u066b]{D}{{4,}})")
# Licence plate: 12 ب 345 [ایران|-] 67
PLATE = re.compile(
    rf"{D}{D}[ \u200c\u00a0\-]?([{lexicon.PLATE_LETTERS}يكا](?:لف)?)[ \u200c\u00a0\-]?"
    rf"{D}{D}{D}(?:[ \u200c\u00a0]*(?:-|ایران|ايران|[Ii][Rr]|\|)?[ \u200c\u00a0]*({D}{D}))?"
)
# The same typed in visual (left-to-right) order: 67 ایران 345 ب 12. The region code's
# marker is required: ایران/IR alone, - or | only with a vehicle word nearby.
PLATE_REVERSED = re.compile(
    rf"{D}{D}[ \u200c\u00a0]*(-|ایران|ايران|[Ii][Rr]|\|)[ \u200c\u00a0]*{D}{D}{D}"
    rf"[ \u200c\u00a0\-]?([{lexicon.PLATE_LETTERS}يكا](?:لف)?)[ \u200c\u00a0\-]?{D}{D}"
)
# Bounded repeats (RFC limits) keep the scan linear on long runs without an @.
EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}"
)

# Keyword-led pass: identifiers that are only recognisable by the word before them,
# address anchors and titles before names. Variant letters (ي/ك) are in classes.
# Keyword-led pass: identifiers recognisable only by the word before them, address
# anchors and titles before names. One trie (no groups at the top, so ``re`` can skip
# to the first letters); the kind is looked up from the folded match.
KEYWORD_KINDS: dict[str, str] = {
    "شناسنامه": "bc",
    "شناسنامة": "bc",
    "ش.ش": "bc",
    "گذرنامه": "pp",
    "پاسپورت": "pp",
    "پلاک": "addr",
    "آقای": "title",
    "خانم": "title",
    "جناب": "title",
    "سرکار": "title",
}
KEYWORD = re.compile(
    "(?:"
    + trie_regex(
        sorted({v for k in KEYWORD_KINDS for v in (k, k.replace("ی", "ي").replace("ک", "ك"))})
    )
    + ")"
)
# The same for Latin script; the leading class lets ``re`` skip to candidate letters.
KEYWORD_LATIN = re.compile(
    r"[BbPpNnM](?:(?<=[Bb])(?P<bc>irth [Cc]ert(?:ificate)?)"
    r"|(?<=[Pp])(?P<pp>assport)|(?<=P)(?P<pp2>ASSPORT)"
    r"|(?<=[Nn])(?P<addr>o\.)"
    r"|(?<=M)(?P<title>rs?\.?|s\.?|iss))"
)
# After a birth-certificate keyword (folded text).
AFTER_BC = re.compile(
    r"(?:[ \u200c]*(?:شماره|ش\.|no\.?|number|#))?[ \u200c]*[:：.\-]?[ \u200c]*([0-9]{1,10})(?![0-9])",
    re.IGNORECASE,
)
AFTER_PP = re.compile(
    r"(?:[ \u200c]*(?:شماره|no\.?|number|#))?[ \u200c]*[:：.\-]?[ \u200c]*"
    r"([A-Za-z][ ]?[0-9]{7,8}|[0-9]{8,9})(?![0-9])",
    re.IGNORECASE,
)
AFTER_PLATE_NO = re.compile(r"[ \u200c]*[:.]?[ \u200c]*([0-9]+(?:[/\-][0-9]+)?)(?![0-9])")
UNIT_TAIL = re.compile(
    r"[ \u200c]*[،,\-]?[ \u200c]*(?:"
    + "|".join(lexicon.ADDRESS_UNITS)
    + r"|unit|apt\.?|floor)[ \u200c]*[:.]?[ \u200c]*([0-9]+|[A-Za-z]|همکف|اول|دوم|سوم|چهارم)",
    re.IGNORECASE,
)
ADDRESS_OPENER = re.compile(
    "(?:" + trie_regex({*lexicon.ADDRESS_OPENERS, *lexicon.CITIES}, _LETTER_IN) + ")"
)
ADDRESS_STREET = re.compile("|".join(re.escape(w) for w in lexicon.ADDRESS_STREET_WORDS))
EN_STREET = re.compile(
    r"\b(?:Alley|St\.?|Street|Ave\.?|Avenue|Blvd\.?|Boulevard|Lane|Square|Sq\.)", re.IGNORECASE
)
# Sentence ends that stop a context window.
CONTEXT_BREAK = re.compile(r"\n|[.!?؟؛](?=\s)")
SENTENCE_BREAK = re.compile(r"[\n:؛!؟?\"«»|]|\.(?=\s)(?<![خک]\.)")

# Names: Persian given names as a trie; Latin ones title-case.
FIRST_NAME = re.compile(
    "(?:"
    + trie_regex(
        sorted(
            {
                *lexicon.FIRST_NAMES,
                *(n.replace("ی", "ي").replace("ک", "ك") for n in lexicon.FIRST_NAMES),
            }
        )
    )
    + ")"
)
LATIN_FIRST_NAME = re.compile("(?:" + trie_regex(lexicon.LATIN_FIRST_NAMES) + r")\b")
# One word of a name after the given name (folded text).
NAME_TOKEN = re.compile(
    r"[ \u200c]?([\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
    r"\u200c]{2,})"
)
NAME_GAP = re.compile(r"[ ]+")
LATIN_NAME_TOKEN = re.compile(r" ([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)")
LETTER = re.compile(f"[{_LETTER_IN}]")

# Context matchers over folded, lower-cased windows.
POSITIVE = {kind: words_regex(words) for kind, words in lexicon.POSITIVE_CONTEXT.items()}
NEGATIVE = words_regex(lexicon.NEGATIVE_CONTEXT)
PUBLIC_ORG = words_regex(lexicon.PUBLIC_ORG)
PUBLIC_ORG_STRICT = words_regex(w for w in lexicon.PUBLIC_ORG if w not in ("منطقه", "ناحیه"))
# Whole words: "پل" must not match "پلاک", nor "پارک" "پارکینگ" (listed itself).
PUBLIC_PLACE = re.compile(
    rf"(?<![{_LETTER_IN}])(?:{trie_regex(lexicon.PUBLIC_PLACE)})(?![A-Za-z\u0621-\u06ff])",
    re.IGNORECASE,
)
ATTRIBUTION_BEFORE = words_regex(lexicon.ATTRIBUTION_BEFORE)
ATTRIBUTION_AFTER = words_regex(lexicon.ATTRIBUTION_AFTER)
HOME = words_regex(lexicon.HOME_WORDS)

"""PERSON: private people's names, found from a given-name lexicon or a title.

A name is a known given name (optionally a second one, محمد امین) followed by
a surname that is a known surname or carries a surname ending (ـی، ـزاده،
ـپور ...), or any word after a title (آقای، خانم، Mr.). A name right after a
street or place word (خیابان، شهید، امام ...) is public and is skipped.
"""

from __future__ import annotations

import re

from ckanext.smarttehran.persian import fold
from ckanext.smarttehran.privacy import findings, lexicon, patterns
from ckanext.smarttehran.privacy.numbers import Hit, Locate

_FIRST = frozenset(lexicon.FIRST_NAMES)
_STOPWORDS = frozenset(
    [
        "خیلی",
        "یکی",
        "کسی",
        "چیزی",
        "وقتی",
        "جایی",
        "برای",
        "ولی",
        "یعنی",
        "حتی",
        "کمی",
        "بعضی",
        "تمامی",
        "همگی",
        "اینجایی",
        "آنجایی",
        "کجایی",
        "چطوری",
        "زیادی",
        "بسیاری",
        "دیگری",
        "قبلی",
        "بعدی",
        "اصلی",
        "کلی",
        "عالی",
        "خوبی",
        "بدی",
        "رفتی",
        "آمدی",
        "بودی",
        "هستی",
        "گفتی",
        "داری",
        "نداری",
        "کنی",
        "بکنی",
        "شدی",
        "می",
        "نمی",
        "هم",
        "همه",
        "این",
        "آن",
        "که",
        "در",
        "از",
        "با",
        "به",
        "تا",
        "را",
        "و",
        "یا",
        "اما",
        "اگر",
        "نیز",
        "هر",
        "چه",
        "چون",
        "پس",
        "بر",
        "سر",
        "زیر",
        "روی",
        "پیش",
    ]
)
_LETTER_CHARS = frozenset(
    "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهويپچژکگیۀ\u200cABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "abcdefghijklmnopqrstuvwxyz"
)


def scan_names(text: str, locate: Locate, out: list[Hit]) -> None:
    """Given name + surname, Persian or Latin."""
    for m in patterns.FIRST_NAME.finditer(text):
        start, end = m.span()
        if start > 0 and text[start - 1] in _LETTER_CHARS:
            continue
        if end < len(text) and text[end] in _LETTER_CHARS and text[end] != "\u200c":
            continue
        lo, hi, hint = locate(start)
        # A surname first (most given-name words in data have none), then the words
        # before, then attribution: cheapest test first, each one alone can refuse.
        span_end = _name_tail(text, end, hi, fold(m.group()), titled=False)
        if (
            span_end is not None
            and not _blocked(text, lo, start)
            and not _credited(text, lo, hi, start, span_end)
        ):
            out.append((findings.PERSON, start, span_end, 0.7, "lexicon"))
    for m in patterns.LATIN_FIRST_NAME.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start() - 1] in _HANDLE):
            continue
        lo, hi, _hint = locate(m.start())
        if _blocked(text, lo, m.start()):
            continue
        sur = patterns.LATIN_NAME_TOKEN.match(text, m.end(), hi)
        if (
            sur is not None
            and sur.group(1).lower() not in lexicon.NAME_BLOCKERS
            and not _credited(text, lo, hi, m.start(), sur.end(1))
        ):
            out.append((findings.PERSON, m.start(), sur.end(1), 0.6, "lexicon"))


def scan_titled_name(text: str, kw_start: int, kw_end: int, locate: Locate, out: list[Hit]) -> None:
    """The name after آقای / خانم / Mr. (the title itself is not in the span)."""
    if kw_start > 0 and text[kw_start - 1] in _LETTER_CHARS:
        return
    lo, hi, _hint = locate(kw_start)
    if text[kw_start].isascii():
        m = patterns.LATIN_NAME_TOKEN.match(text, kw_end, hi)
        if m is None:
            return
        end = m.end(1)
        nxt = patterns.LATIN_NAME_TOKEN.match(text, end, hi)
        if nxt is not None:
            end = nxt.end(1)
        if _credited(text, lo, hi, kw_start, end):
            return
        out.append((findings.PERSON, m.start(1), end, 0.75, "title"))
        return
    if kw_end < len(text) and text[kw_end] not in " \u00a0":
        return  # آقایان، خانم‌ها
    pos = kw_end
    # "جناب آقای", "سرکار خانم": skip the second title word.
    nxt = patterns.NAME_TOKEN.match(text, pos + 1, hi)
    if nxt is not None and fold(nxt.group(1)) in ("آقای", "خانم", "دکتر", "مهندس"):
        pos = nxt.end(1)
    tok = patterns.NAME_TOKEN.match(text, pos + 1, hi) if pos < hi else None
    if tok is None or text[pos] not in " \u00a0":
        return
    word = fold(tok.group(1))
    if word in lexicon.ROLE_WORDS or word in _STOPWORDS or word.startswith("ها"):
        return
    start = tok.start(1)
    if _credited(text, lo, hi, kw_start, tok.end(1)):
        return
    if word in _FIRST or word in lexicon.AMBIGUOUS_FIRST_NAMES:
        end = _name_tail(text, tok.end(1), hi, word, titled=True)
        out.append((findings.PERSON, start, end or tok.end(1), 0.8, "title"))
    else:
        out.append((findings.PERSON, start, tok.end(1), 0.75, "title"))


def _name_tail(text: str, pos: int, hi: int, first: str, titled: bool) -> int | None:
    """End of the surname after a given name ending at ``pos``, or None."""
    tok = patterns.NAME_TOKEN.match(text, pos, hi)
    if tok is None:
        return None
    word = fold(tok.group(1)).strip("\u200c")
    if word in lexicon.COMPOUND_NOUNS.get(first, ()):
        return None  # پروانه ساختمانی: a permit, not a person
    if word in _FIRST and word not in lexicon.SURNAMES:  # محمد امین کریمی
        second = patterns.NAME_TOKEN.match(text, tok.end(1), hi)
        if second is not None and _is_surname(fold(second.group(1)).strip("\u200c"), first, titled):
            return second.end(1)
        return tok.end(1) if titled else None
    if _is_surname(word, first, titled):
        return tok.end(1)
    return None


def _is_surname(word: str, first: str, titled: bool) -> bool:
    if word in lexicon.SURNAMES:
        return True
    if word in _STOPWORDS or word in lexicon.ROLE_WORDS or len(word) < 3:
        return False
    if not titled and word in lexicon.NOT_SURNAMES:
        return False
    if first in lexicon.AMBIGUOUS_FIRST_NAMES and not titled:
        return False
    return titled or word.endswith(lexicon.SURNAME_SUFFIXES)


def _blocked(text: str, lo: int, start: int) -> bool:
    """The two words before ``start`` make the name a place or a public figure."""
    before = fold(text[max(lo, start - 24) : start]).replace("\u200c", " ").replace(".", " ")
    words = before.split()[-2:]
    return any(w.lower() in lexicon.NAME_BLOCKERS for w in words)


# A name glued to these is part of a handle or a path (mohammad-shirzadi/AmlakNama).
_HANDLE = "/@-_."
# How far before a name an attribution word (©, مخزن, تهیه‌کننده ...) still credits it.
_CREDIT_BEFORE = 40
_CREDIT_AFTER = 24
_WORD = re.compile(r"\w+")


def _credited(text: str, lo: int, hi: int, start: int, end: int) -> bool:
    """The name is an attribution (author, copyright holder, source): public.

    An attribution word at most two words before the name in the same sentence
    (``© 2025 Name``, ``تهیه‌کننده: آقای Name``), a licence right after it, or the
    name glued to a handle or path.
    """
    if end < hi and text[end] in "/@_":
        return True
    if start > lo and text[start - 1] in "/@_":
        return True
    before = fold(text[max(lo, start - _CREDIT_BEFORE) : start]).lower()
    cut = 0
    for m in patterns.CONTEXT_BREAK.finditer(before):
        cut = m.end()
    before = before[cut:]
    last = None
    for last in patterns.ATTRIBUTION_BEFORE.finditer(before):  # noqa: B007 - the last one
        pass
    if last is not None and len(_WORD.findall(before, last.end())) <= 2:
        return True
    after = fold(text[end : min(hi, end + _CREDIT_AFTER)]).lower()
    stop = patterns.CONTEXT_BREAK.search(after)
    if stop is not None:
        after = after[: stop.start()]
    m = patterns.ATTRIBUTION_AFTER.search(after)
    return m is not None and len(_WORD.findall(after, 0, m.start())) <= 1

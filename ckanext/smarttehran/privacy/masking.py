"""Masked renderings of personal values: what reports may show a human.

``mask("09123456789")`` gives ``۰۹۱۲•••۶۷۸۹``. Long numbers keep four digits at
each end (the convention Iranian banks and operators use on receipts), shorter
ones keep fewer, text keeps the first letter of each word, an email keeps its
first letter and its domain.
"""

from __future__ import annotations

import re

from ckanext.smarttehran.persian import fold, to_persian_digits

BULLETS = "•••"

_NON_DIGIT = re.compile(r"[^0-9]")
_WORD = re.compile(r"[^\s\u200c،,]+")


def mask(value: object, *, persian_digits: bool = True) -> str:
    """A masked form of ``value`` that never reveals most of it."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    folded = fold(text)
    if "@" in folded:
        return _mask_email(folded)
    digits = _NON_DIGIT.sub("", folded)
    if len(digits) >= 7 and len(digits) * 2 >= len(_NON_DIGIT.sub("", folded.replace(" ", ""))):
        out = _mask_digits(digits)
        return to_persian_digits(out) if persian_digits else out
    if len(digits) >= 1 and len(digits) == len(folded):
        return BULLETS
    return " ".join(w[0] + BULLETS for w in _WORD.findall(folded)[:6])


def _mask_digits(digits: str) -> str:
    n = len(digits)
    keep = 4 if n >= 11 else 2 if n >= 8 else 1
    if n >= 24:
        keep = 4
    return digits[:keep] + BULLETS + digits[-keep:]


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return (local[:1] or "") + BULLETS + "@" + domain

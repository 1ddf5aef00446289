"""Masked renderings of personal values: what reports may show a human.

``mask("09123456789")`` gives ``۰۹۱۲•••••۸۹``: a long number keeps its first four and
last two digits and shows one bullet per hidden digit (how many it had tells the reader
which kind of number it was, a card or a mobile); numbers of 8 to 10 digits keep at most
two at each end, shorter ones one. Text keeps the first letter of each word, an email
its first letter and its domain.

How many digits a long number keeps is configurable
(``ckanext.smarttehran.privacy.mask_keep_start`` / ``mask_keep_end``): the plugin hands
:func:`configure` a function reading them at start-up, so this module imports nothing of
CKAN and follows the configuration it runs under.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ckanext.smarttehran.persian import fold, to_persian_digits

BULLET = "•"
BULLETS = BULLET * 3
KEEP_START = 4
KEEP_END = 2

Settings = Callable[[], tuple[int, int]]

_settings: list[Settings] = []
_NON_DIGIT = re.compile(r"[^0-9]")
_WORD = re.compile(r"[^\s\u200c،,]+")


def configure(settings: Settings | None = None) -> Settings | None:
    """Read how many leading and trailing digits a long number keeps from ``settings()``
    (None: the defaults, four and two). Returns the function used until now."""
    previous = _settings[0] if _settings else None
    _settings[:] = [settings] if settings else []
    return previous


def keep() -> tuple[int, int]:
    """The leading and trailing digits a masked long number shows."""
    start, end = _settings[0]() if _settings else (KEEP_START, KEEP_END)
    return max(0, start), max(0, end)


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
        out = mask_digits(digits)
        return to_persian_digits(out) if persian_digits else out
    if len(digits) >= 1 and len(digits) == len(folded):
        return BULLETS
    return " ".join(w[0] + BULLETS for w in _WORD.findall(folded)[:6])


def mask_digits(digits: str) -> str:
    """``digits`` (Latin) with all but a few at each end replaced by one bullet each."""
    n = len(digits)
    most = 4 if n >= 11 else 2 if n >= 8 else 1
    keep_start, keep_end = keep()
    start, end = min(keep_start, most), min(keep_end, most)
    hidden = max(n - start - end, 1)
    return digits[:start] + BULLET * hidden + (digits[n - end :] if end else "")


def _mask_email(text: str) -> str:
    local, _, domain = text.partition("@")
    return (local[:1] or "") + BULLETS + "@" + domain

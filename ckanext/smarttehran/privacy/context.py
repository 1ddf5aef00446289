"""The words around a candidate: what makes a valid-looking number personal or not.

A :class:`Window` is built lazily for one candidate: the folded, lower-cased text
up to ``BEFORE`` characters before it and ``AFTER`` characters after it, clipped
to the candidate's cell or document. A column ``hint`` (from a table header)
counts as a context word at distance zero.
"""

from __future__ import annotations

import re

from ckanext.smarttehran.persian import fold
from ckanext.smarttehran.privacy import patterns

BEFORE = 48
AFTER = 24
# An organisation word this close before a phone or email makes it the organisation's.
ORG_REACH = 32
# Hint values that are not finding types.
HINT_NEGATIVE = "NEGATIVE"
HINT_PUBLIC = "PUBLIC"
# Finding types whose context words are shared under one kind.
_HINT_KIND = {"PHONE_MOBILE": "PHONE", "PHONE_LANDLINE": "PHONE", "LICENSE_PLATE": "PLATE"}


class Window:
    """Context words around ``text[start:end]`` within ``[lo, hi)``."""

    __slots__ = ("before", "hint", "_after", "_tail")

    def __init__(self, text: str, start: int, end: int, lo: int, hi: int, hint: str | None) -> None:
        before = fold(text[max(lo, start - BEFORE) : start]).lower()
        cut = _last_break(before)
        if cut:
            before = before[cut:]
        self.before = before
        self.hint = hint
        # The words after are read only for negative(): taken then.
        self._tail = text[end : min(hi, end + AFTER)]
        self._after: str | None = None

    @property
    def after(self) -> str:
        """The folded, lower-cased text after the candidate, up to a sentence break."""
        if self._after is None:
            after = fold(self._tail).lower()
            m = patterns.CONTEXT_BREAK.search(after)
            self._after = after if m is None else after[: m.start()]
        return self._after

    def positive(self, kind: str) -> int | None:
        """Distance to the nearest word announcing ``kind`` (None if absent)."""
        if self.hint is not None and _HINT_KIND.get(self.hint, self.hint) == kind:
            return 0
        return _last_distance(patterns.POSITIVE[kind], self.before)

    def negative(self) -> int | None:
        """Distance to the nearest money, date or public-code word."""
        if self.hint in (HINT_NEGATIVE, HINT_PUBLIC):
            return 0
        dist = _last_distance(patterns.NEGATIVE, self.before)
        m = patterns.NEGATIVE.search(self.after, 0, 12)
        if m is not None and (dist is None or m.start() < dist):
            dist = m.start()
        return dist

    def says(self, kind: str) -> bool:
        """A word for ``kind`` is nearer than any negative word."""
        pos = self.positive(kind)
        if pos is None:
            return False
        neg = self.negative()
        return neg is None or pos <= neg

    def public_org(self, strict: bool = False) -> bool:
        """An organisation (municipality, office ...) owns the value."""
        if self.hint == HINT_PUBLIC:
            return True
        pat = patterns.PUBLIC_ORG_STRICT if strict else patterns.PUBLIC_ORG
        dist = _last_distance(pat, self.before)
        return dist is not None and dist <= ORG_REACH

    def public_place(self) -> bool:
        """A park, station or other public place is named nearby."""
        if self.hint == HINT_PUBLIC:
            return True
        place = _last_distance(patterns.PUBLIC_PLACE, self.before)
        if place is None:
            return False
        home = _last_distance(patterns.HOME, self.before)
        return home is None or place < home


_EMPTY: dict[str | None, Window] = {}


def window(text: str, start: int, end: int, lo: int, hi: int, hint: str | None) -> Window:
    """The :class:`Window` of ``text[start:end]``; one shared empty window per hint when
    the candidate fills its cell (a column of bare numbers reads no words around them)."""
    if start == lo and end == hi:
        empty = _EMPTY.get(hint)
        if empty is None:
            empty = _EMPTY[hint] = Window("", 0, 0, 0, 0, hint)
        return empty
    return Window(text, start, end, lo, hi, hint)


def _last_break(before: str) -> int:
    """Index just after the last sentence break in ``before`` (0 if none)."""
    cut = 0
    for m in patterns.CONTEXT_BREAK.finditer(before):
        cut = m.end()
    return cut


def _last_distance(pattern: re.Pattern[str], before: str) -> int | None:
    last = None
    for m in pattern.finditer(before):
        last = m
    return None if last is None else len(before) - last.end()

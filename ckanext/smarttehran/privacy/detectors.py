"""``scan_text``: every detector over one text, overlaps resolved.

Each pass is one compiled regex over the raw text whose first character class
lets ``re`` skip ahead quickly; the Python validators run only on candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace

from ckanext.smarttehran.persian import fold
from ckanext.smarttehran.privacy import findings, lexicon, patterns
from ckanext.smarttehran.privacy.context import HINT_NEGATIVE, Window
from ckanext.smarttehran.privacy.findings import Finding
from ckanext.smarttehran.privacy.masking import mask
from ckanext.smarttehran.privacy.names import scan_names, scan_titled_name
from ckanext.smarttehran.privacy.normalize import RLO, normalize
from ckanext.smarttehran.privacy.numbers import Hit, Locate, scan_numbers

_DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"


def scan_text(
    text: str,
    *,
    hint: str | None = None,
    types: Collection[str] | None = None,
) -> list[Finding]:
    """All personal-data spans in ``text``, sorted by start, never overlapping.

    The text is read through :func:`normalize.normalize` (invisible characters,
    digits of every script, reversed runs); the spans are offsets in ``text`` as
    given, the masked values are taken from what the detectors read.

    ``hint`` is what the surrounding structure says the text is (a finding type
    from a column header, ``"NEGATIVE"`` for money/date columns, ``"PUBLIC"``
    for a public body's record); ``types`` limits the result to those types.
    """
    if not text:
        return []
    norm = normalize(text)
    read = norm.text
    n = len(read)

    def locate(_pos: int) -> tuple[int, int, str | None]:
        return 0, n, hint

    found = to_findings(read, find_hits(read, locate, hint=hint), types)
    if not norm.identity:
        found = [replace(f, start=s, end=e) for f in found for s, e in [norm.span(f.start, f.end)]]
    if RLO in text:  # also as stored: an override slipped between digit groups
        stored = normalize(text, reverse=False)
        m = len(stored.text)

        def locate_stored(_pos: int) -> tuple[int, int, str | None]:
            return 0, m, hint

        for f in to_findings(stored.text, find_hits(stored.text, locate_stored, hint=hint), types):
            s, e = stored.span(f.start, f.end)
            if all(e <= g.start or s >= g.end for g in found):
                found.append(replace(f, start=s, end=e))
        found.sort(key=lambda f: f.start)
    return found


def find_hits(
    text: str,
    locate: Locate,
    cell_delim: str | None = None,
    hint: str | None = None,
) -> list[Hit]:
    """Raw, possibly overlapping hits of every pass over an already normalised text.

    ``text`` must come out of :func:`normalize.normalize` (``scan_text``, the table
    and CSV scans do it): this is the inner loop and does not normalise again.

    ``cell_delim`` is the delimiter when ``text`` is raw CSV: a lat/lon pair split by
    exactly it lies in two cells and is left to the columns' whole-cell rules.
    ``hint`` is given when the whole text has one hint (one column, one document).
    """
    hits: list[Hit] = []
    # Each pass needs digits, letters, a decimal point or an @: a column of dates or
    # of words skips most passes after one C-level search.
    digits = patterns.ANY_DIGIT.search(text) is not None
    letters = patterns.ANY_LETTER.search(text) is not None
    if digits:
        # Under a money or date header too: the values decide (numbers._classify
        # keeps only checksum and structure types there, all of ten digits or more).
        if hint != HINT_NEGATIVE or patterns.TEN_DIGITS.search(text) is not None:
            scan_numbers(text, locate, hits)
        if "." in text or "\u066b" in text:
            _scan_gps(text, locate, hits, cell_delim)
        if letters:
            _scan_plates(text, locate, hits)
    if letters:
        if "@" in text:
            _scan_emails(text, locate, hits)
        _scan_keywords(text, locate, hits)
        scan_names(text, locate, hits)
    return hits


def to_findings(text: str, hits: list[Hit], types: Collection[str] | None = None) -> list[Finding]:
    """Resolve overlaps (higher priority, then longer, wins) and mask values."""
    if types is not None:
        hits = [h for h in hits if h[0] in types]
    if not hits:
        return []
    hits.sort(key=lambda h: (-findings.PRIORITY[h[0]], h[1] - h[2], h[1]))
    kept: list[Hit] = []
    for hit in hits:
        if all(hit[2] <= k[1] or hit[1] >= k[2] for k in kept):
            kept.append(hit)
    kept.sort(key=lambda h: h[1])
    return [Finding(t, s, e, sc, basis, mask(text[s:e])) for t, s, e, sc, basis in kept]


def _scan_gps(text: str, locate: Locate, out: list[Hit], cell_delim: str | None = None) -> None:
    for m in patterns.COORD.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] in _DIGITS + ".-":
            continue
        kind = _coord_kind(m.group(1))
        if kind is None:
            continue
        second = m.group(2)
        if (
            cell_delim is not None
            and second is not None
            and text[_coord_end(text, m.end(1)) : m.start(2)] == cell_delim
        ):
            continue  # lat and lon in adjacent CSV cells
        lo, hi, hint = locate(start)
        if second is not None and m.end() <= hi and _coord_kind(second) not in (None, kind):
            end = m.end()
        elif hint == findings.GPS or second is not None:
            # One coordinate per cell (lat and lon columns): each counts under its header.
            if hint == findings.GPS:
                out.append((findings.GPS, start, _coord_end(text, m.end(1)), 0.8, "header"))
            if second is not None and locate(m.start(2))[2] == findings.GPS:
                out.append((findings.GPS, m.start(2), m.end(), 0.8, "header"))
            continue
        else:
            continue
        if hint != findings.GPS and Window(text, start, end, lo, hi, hint).public_place():
            continue
        out.append((findings.GPS, start, end, 0.85, "structure"))


def _coord_end(text: str, pos: int) -> int:
    """End of the decimals of a coordinate whose integer part ends at ``pos``."""
    end = pos + 1
    n = len(text)
    while end < n and text[end] in _DIGITS:
        end += 1
    return end


def _coord_kind(head: str) -> str | None:
    if not head.isascii():
        head = fold(head)
    if not head.isdigit():
        return None
    whole = int(head)
    if 24 <= whole <= 40:
        return "lat"
    if 44 <= whole <= 63:
        return "lon"
    return None


def _scan_plates(text: str, locate: Locate, out: list[Hit]) -> None:
    for m in patterns.PLATE.finditer(text):
        start, end = m.span()
        if start > 0 and text[start - 1] in _DIGITS:
            continue
        if end < len(text) and text[end] in _DIGITS:
            continue
        letter = fold(m.group(1))
        if letter == "ا":
            continue
        lo, hi, hint = locate(start)
        if m.group(2) is None and not Window(text, start, end, lo, hi, hint).says("PLATE"):
            continue
        out.append((findings.LICENSE_PLATE, start, end, 0.9, "structure"))
    for m in patterns.PLATE_REVERSED.finditer(text):
        start, end = m.span()
        if (start > 0 and text[start - 1] in _DIGITS) or (end < len(text) and text[end] in _DIGITS):
            continue
        if fold(m.group(2)) == "ا":
            continue
        if m.group(1) in "-|":
            lo, hi, hint = locate(start)
            if not Window(text, start, end, lo, hi, hint).says("PLATE"):
                continue
        out.append((findings.LICENSE_PLATE, start, end, 0.85, "structure"))


def _scan_emails(text: str, locate: Locate, out: list[Hit]) -> None:
    for m in patterns.EMAIL.finditer(text):
        local = m.group().split("@", 1)[0].lower()
        if local in lexicon.ROLE_MAILBOXES or local.rstrip("0123456789") in lexicon.ROLE_MAILBOXES:
            continue
        lo, hi, hint = locate(m.start())
        if Window(text, m.start(), m.end(), lo, hi, hint).public_org(strict=True):
            continue
        out.append((findings.EMAIL, m.start(), m.end(), 0.95, "structure"))


def _scan_keywords(text: str, locate: Locate, out: list[Hit]) -> None:
    kinds = patterns.KEYWORD_KINDS
    for m in patterns.KEYWORD.finditer(text):
        _keyword(text, kinds.get(fold(m.group())), m.start(), m.end(), locate, out)
    for m in patterns.KEYWORD_LATIN.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue
        kind = "pp" if m.lastgroup == "pp2" else m.lastgroup
        _keyword(text, kind, m.start(), m.end(), locate, out)


def _keyword(
    text: str, kind: str | None, start: int, end: int, locate: Locate, out: list[Hit]
) -> None:
    if kind == "bc":
        _after_keyword(text, end, patterns.AFTER_BC, findings.BIRTH_CERT, out)
    elif kind == "pp":
        _after_keyword(text, end, patterns.AFTER_PP, findings.PASSPORT, out)
    elif kind == "addr":
        _address(text, start, end, locate, out)
    elif kind == "title":
        scan_titled_name(text, start, end, locate, out)


def _after_keyword(text: str, pos: int, pattern: Callable, type_: str, out: list[Hit]) -> None:
    after = fold(text[pos : pos + 48])
    m = pattern.match(after)
    if m is not None:
        out.append((type_, pos + m.start(1), pos + m.end(1), 0.9, "context"))


def _address(text: str, kw_start: int, kw_end: int, locate: Locate, out: list[Hit]) -> None:
    lo, hi, hint = locate(kw_start)
    after = fold(text[kw_end : min(hi, kw_end + 80)])
    m = patterns.AFTER_PLATE_NO.match(after)
    if m is None:
        return
    end = kw_end + m.end(1)
    if patterns.PLATE.match(text, kw_end + m.start(1)):
        return  # a vehicle plate, not a house number
    pos = m.end()
    while (u := patterns.UNIT_TAIL.match(after, pos)) is not None:
        end, pos = kw_end + u.end(1), u.end()
    english = text[kw_start].lower() == "n"
    if english:
        _english_address(text, kw_start, end, hi, out)
        return
    before_lo = max(lo, kw_start - 160)
    before = fold(text[before_lo:kw_start])
    breaks = list(patterns.SENTENCE_BREAK.finditer(before))
    region = breaks[-1].end() if breaks else 0
    opener = patterns.ADDRESS_OPENER.search(before, region)
    if opener is None or patterns.ADDRESS_STREET.search(before, opener.start()) is None:
        return
    start = before_lo + opener.start()
    win = Window(text, start, end, lo, hi, hint)
    if win.public_org(strict=True) or patterns.PUBLIC_ORG_STRICT.search(before, region):
        return
    out.append((findings.ADDRESS, start, end, 0.8, "context"))


def _english_address(text: str, start: int, end: int, hi: int, out: list[Hit]) -> None:
    tail = text[end : min(hi, end + 90)]
    stop = patterns.SENTENCE_BREAK.search(tail)
    tail = tail[: stop.start()] if stop else tail
    last = None
    for m in patterns.EN_STREET.finditer(tail):
        last = m
    if last is None:
        return
    end = end + last.end()
    u = patterns.UNIT_TAIL.match(fold(text[end : min(hi, end + 30)]))
    if u is not None:
        end += u.end(1)
    out.append((findings.ADDRESS, start, end, 0.75, "context"))

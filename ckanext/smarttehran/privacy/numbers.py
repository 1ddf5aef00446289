"""Long numbers: national and legal IDs, phones, postal codes, cards, Sheba.

One regex (``patterns.NUMBER``) finds runs of eight or more digits with
separators; each run is folded, split into digit groups, and the whole run or
else its longest valid sub-runs are classified by length, prefix, check digit
and context.
"""

from __future__ import annotations

from collections.abc import Callable

from ckanext.smarttehran.persian import fold
from ckanext.smarttehran.privacy import checksums, findings, lexicon, patterns
from ckanext.smarttehran.privacy.context import HINT_NEGATIVE, Window, window

Locate = Callable[[int], tuple[int, int, "str | None"]]
# (type, start, end, score, basis)
Hit = tuple[str, int, int, float, str]

_LENGTHS = frozenset({8, 9, 10, 11, 12, 13, 14, 16, 24})
_MAX_GROUPS = 24


def scan_numbers(text: str, locate: Locate, out: list[Hit]) -> None:
    """Append a hit for every identifier-like number in ``text``."""
    for m in patterns.NUMBER.finditer(text):
        start = m.start()
        raw = m.group()
        if raw.count(".") == 1 and "-" not in raw and " " not in raw:
            continue  # a decimal number (amounts, coordinates)
        folded = raw if raw.isascii() else fold(raw)
        if folded.isdigit():  # the common case: one plain run
            if len(folded) in _LENGTHS:
                hit = _classify(folded, text, start, m.end(), locate, whole=True)
                if hit is not None:
                    out.append(hit)
            continue
        groups = [(g.start(), g.end()) for g in patterns.DIGIT_GROUPS.finditer(folded)]
        if len(groups) > _MAX_GROUPS:
            continue
        for run in _runs(folded, groups):
            _resolve_run(text, start, folded, run, locate, out)


def _runs(folded: str, groups: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split digit groups where the gap between them cannot be inside one number."""
    dotted = _is_dotted_number(folded, groups)
    runs: list[list[tuple[int, int]]] = [[groups[0]]]
    for prev, cur in zip(groups, groups[1:], strict=False):
        gap = folded[prev[1] : cur[0]]
        core = gap.replace(" ", "").replace("\u200c", "").replace("\u200f", "")
        hard = len(gap) > 3 or len(core) > 2 or ("." in core and not dotted)
        if hard:
            runs.append([cur])
        else:
            runs[-1].append(cur)
    return runs


def _is_dotted_number(folded: str, groups: list[tuple[int, int]]) -> bool:
    """0912.345.6789 style: at least three groups, all of three or more digits."""
    return len(groups) >= 3 and all(e - s >= 3 for s, e in groups) and "." in folded


def _resolve_run(
    text: str, base: int, folded: str, run: list[tuple[int, int]], locate: Locate, out: list[Hit]
) -> None:
    total = sum(e - s for s, e in run)
    if total < 8:
        return
    digits = "".join(folded[s:e] for s, e in run)
    if len(digits) in _LENGTHS:
        hit = _classify(digits, text, base + run[0][0], base + run[-1][1], locate, whole=True)
        if hit is not None:
            out.append(hit)
            return
    # Several numbers in a row: split only where whitespace separates groups.
    parts: list[list[tuple[int, int]]] = [[run[0]]]
    for prev, cur in zip(run, run[1:], strict=False):
        gap = folded[prev[1] : cur[0]]
        if gap.strip(" \u200c\u200f") == "" and gap != "\u200c":
            parts.append([cur])
        else:
            parts[-1].append(cur)
    if len(parts) < 2:
        return
    i = 0
    while i < len(parts):
        for j in range(len(parts) - 1, i - 1, -1):
            if i == 0 and j == len(parts) - 1:
                continue
            groups = [g for part in parts[i : j + 1] for g in part]
            digits = "".join(folded[s:e] for s, e in groups)
            if len(digits) not in _LENGTHS:
                continue
            start, end = base + groups[0][0], base + groups[-1][1]
            hit = _classify(digits, text, start, end, locate, whole=False)
            if hit is not None:
                out.append(hit)
                i = j + 1
                break
        else:
            i += 1


def _classify(
    digits: str, text: str, start: int, end: int, locate: Locate, whole: bool
) -> Hit | None:
    n = len(digits)
    if start > 0 and text[start - 1] in "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩":
        return None
    if n == 10:
        # Computed once: they decide plausibility here and the type in _ten_digits.
        nid, postal = checksums.is_national_id(digits), checksums.is_postal_code(digits)
        if not (nid or postal or (digits[0] == "9" and "+" in text[max(0, start - 3) : start])):
            return None
    elif not _plausible(digits):
        return None
    lo, hi, hint = locate(start)
    if hint == HINT_NEGATIVE:
        # A money, date or district header does not hide a value whose checksum or
        # structure names it: the cell's own words still count, the header does not.
        if not _may_be_under_negative_header(digits, text, start):
            return None
        hit = _classify_value(digits, text, start, end, lo, hi, None, whole)
        return hit if hit is not None and hit[0] in _UNDER_NEGATIVE_HEADER else None
    return _classify_value(digits, text, start, end, lo, hi, hint, whole)


# The types found under a money or date header (a column's share still decides
# NATIONAL_ID and BANK_CARD: about one random amount in eleven passes the mod-11 check).
_UNDER_NEGATIVE_HEADER = frozenset(
    {findings.IBAN, findings.BANK_CARD, findings.PHONE_MOBILE, findings.NATIONAL_ID}
)


def _may_be_under_negative_header(digits: str, text: str, start: int) -> bool:
    """Cheap shapes of the types read under a money or date header: most amounts and
    dates fail here (a 12-digit amount starting 98 is not a mobile without its +)."""
    n = len(digits)
    if n == 10:
        return not _looks_round(digits) and checksums.is_national_id(digits)
    if n == 11:
        return digits.startswith("09")
    if n in (12, 13):
        return "+" in text[max(0, start - 3) : start]
    if n == 14:
        return digits.startswith("0098")
    return n in (16, 24)


def _classify_value(
    digits: str,
    text: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    hint: str | None,
    whole: bool,
) -> Hit | None:
    n = len(digits)
    nid = postal = False
    if n == 10:
        nid, postal = checksums.is_national_id(digits), checksums.is_postal_code(digits)
    prefix = fold(text[max(lo, start - 4) : start])
    win: Window | None = None

    def ctx() -> Window:
        nonlocal win
        if win is None:
            win = window(text, start, end, lo, hi, hint)
        return win

    if n == 24:
        ir = prefix.rstrip(" \u200c").upper()
        if ir.endswith("IR") and checksums.is_iban("IR" + digits):
            ir_start = start - (len(prefix) - len(prefix.rstrip(" \u200c"))) - 2
            return (findings.IBAN, ir_start, end, 0.99, "checksum")
        if checksums.is_iban("IR" + digits) and ctx().says("IBAN"):
            return (findings.IBAN, start, end, 0.95, "checksum+context")
        return None
    if n == 16:
        if checksums.is_bank_card(digits) and (ctx().negative() is None or ctx().says("BANK_CARD")):
            return (findings.BANK_CARD, start, end, 0.97, "checksum")
        return None
    plus = prefix.rstrip(" ").endswith("+")
    phone = _phone_type(digits, plus)
    if phone is not None:
        if ctx().public_org():
            return None
        if plus:
            start = start - (len(prefix) - len(prefix.rstrip(" "))) - 1
        return (phone, start, end, 0.95, "structure")
    if n == 10:
        return _ten_digits(nid, postal, digits, start, end, ctx, hint)
    if n == 11:
        if checksums.is_legal_entity_id(digits) and (
            ctx().says("LEGAL_ENTITY_ID") or (digits[0] == "1" and ctx().negative() is None)
        ):
            return (findings.LEGAL_ENTITY_ID, start, end, 0.9, "checksum")
        return None
    if n == 8:
        if prefix[-1:].isascii() and prefix[-1:].isalpha() and ctx().says("PASSPORT"):
            return (findings.PASSPORT, start - 1, end, 0.85, "context")
        if whole and digits[0] in "2345678" and ctx().says("PHONE") and not ctx().public_org():
            return (findings.PHONE_LANDLINE, start, end, 0.8, "context")
    if n in (8, 9) and hint == findings.NATIONAL_ID and whole:
        padded = digits.zfill(10)
        if checksums.is_national_id(padded):
            return (findings.NATIONAL_ID, start, end, 0.9, "checksum+header")
    return None


def _plausible(digits: str) -> bool:
    """Cheap checks, before any context is read: most numbers in data fail here.

    (Ten digits are checked in ``_classify``, which keeps the results for their type.)
    """
    n = len(digits)
    if n == 11:
        return digits[0] == "0" or checksums.is_legal_entity_id(digits)
    if n == 16:
        return checksums.is_bank_card(digits)
    if n in (12, 13, 14):
        return digits.startswith(("98", "0098"))
    if n in (8, 9):
        return not digits.endswith("000")
    return True


def _phone_type(digits: str, plus: bool) -> str | None:
    n = len(digits)
    if n == 11 and digits.startswith("09"):
        return findings.PHONE_MOBILE
    national = None
    if n == 12 and digits.startswith("98"):
        national = digits[2:]
    elif n == 14 and digits.startswith("0098"):
        national = digits[4:]
    elif n == 11 and digits[0] == "0":
        national = digits[1:]
    elif n == 10 and plus:
        national = digits
    if national is None or len(national) != 10:
        return None
    if national[0] == "9":
        return findings.PHONE_MOBILE
    if national[:2] in lexicon.AREA_CODES and national[2] in "2345678":
        return findings.PHONE_LANDLINE
    return None


def _ten_digits(
    nid: bool,
    postal: bool,
    digits: str,
    start: int,
    end: int,
    ctx: Callable[[], Window],
    hint: str | None,
) -> Hit | None:
    if not nid and not postal:
        return None
    win = ctx()
    if postal and win.says("POSTAL_CODE"):
        return (findings.POSTAL_CODE, start, end, 0.9, "structure+context")
    if win.says("BIRTH_CERT") or win.says("LEGAL_ENTITY_ID"):
        return None  # the keyword pass owns these
    if nid:
        if win.says("NATIONAL_ID"):
            return (findings.NATIONAL_ID, start, end, 0.99, "checksum+context")
        if win.negative() is None and hint is None and not _looks_round(digits):
            return (findings.NATIONAL_ID, start, end, 0.85, "checksum")
    if postal and hint is None and end - start == 11 and win.negative() is None:
        return (findings.POSTAL_CODE, start, end, 0.7, "structure")  # 12345-67890
    return None


def _looks_round(digits: str) -> bool:
    """Amounts end in zeros; IDs almost never end in four."""
    return digits.endswith("0000")

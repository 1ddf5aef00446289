"""Check digits and structural rules of Iranian identifiers.

Every function takes a string of Latin digits (callers fold first) and never
raises on bad input: a wrong length or a non-digit simply fails the check. The
``*_check_digit(s)`` helpers compute the check part from the body; the
evaluation-set generator and the tests use them to make valid synthetic IDs.
"""

from __future__ import annotations

from operator import mul

_NATIONAL_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
_LEGAL_COEFFICIENTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def national_id_check_digit(body: str) -> int:
    """Check digit of a کد ملی from its first nine digits (mod 11)."""
    total = sum(map(mul, map(int, body[:9]), _NATIONAL_WEIGHTS))
    rem = total % 11
    return rem if rem < 2 else 11 - rem


def is_national_id(digits: str) -> bool:
    """Ten digits, not all the same, whose last digit is the mod-11 check digit."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    if digits == digits[0] * 10:
        return False
    return national_id_check_digit(digits) == int(digits[9])


def legal_entity_check_digit(body: str) -> int:
    """Check digit of a شناسه ملی (legal entity) from its first ten digits."""
    tens = int(body[9]) + 2
    total = sum((int(d) + tens) * c for d, c in zip(body[:10], _LEGAL_COEFFICIENTS, strict=False))
    rem = total % 11
    return 0 if rem == 10 else rem


def is_legal_entity_id(digits: str) -> bool:
    """Eleven digits whose last digit is the legal-entity check digit."""
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        return False
    if digits == digits[0] * 11:
        return False
    return legal_entity_check_digit(digits) == int(digits[10])


def luhn_check_digit(body: str) -> int:
    """The Luhn digit that completes ``body`` (used by bank cards)."""
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return (10 - total % 10) % 10


def is_luhn(digits: str) -> bool:
    """True when the string of digits passes the Luhn check."""
    if len(digits) < 2 or not digits.isascii() or not digits.isdigit():
        return False
    return luhn_check_digit(digits[:-1]) == int(digits[-1])


def is_bank_card(digits: str) -> bool:
    """Sixteen digits, an issuer prefix in 2-6 (Shetab cards start 5 or 6), Luhn-valid."""
    return (
        len(digits) == 16 and digits[0] in "23456" and digits != digits[0] * 16 and is_luhn(digits)
    )


def iban_check_digits(bban: str, country: str = "IR") -> str:
    """The two check digits of an IBAN (Sheba) for ``bban`` (22 digits for Iran)."""
    rearranged = bban + _letters_to_digits(country) + "00"
    return f"{98 - int(rearranged) % 97:02d}"


def is_iban(code: str) -> bool:
    """An Iranian Sheba: ``IR`` + 24 digits whose mod-97 remainder is 1."""
    code = code.upper()
    if len(code) != 26 or not code.startswith("IR"):
        return False
    rest = code[2:]
    if not rest.isascii() or not rest.isdigit():
        return False
    return int(rest[2:] + _letters_to_digits("IR") + rest[:2]) % 97 == 1


def _letters_to_digits(letters: str) -> str:
    return "".join(str(ord(c) - 55) for c in letters.upper())


def is_postal_code(digits: str) -> bool:
    """Iran Post's structure for a ten-digit code.

    The first five digits (the area part) contain no 0 and no 2, the fifth is
    not 5, the last five contain no 2, and the code does not start with four
    equal digits.
    """
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    head, tail = digits[:5], digits[5:]
    if "0" in head or "2" in head or head[4] == "5" or "2" in tail:
        return False
    return digits[:4] != digits[0] * 4

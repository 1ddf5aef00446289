"""Synthetic identifiers for the adversarial corpus: valid check digits, no real person.

The check digits are computed here, independently of the engine's ``checksums`` module
(a test checks that the two agree), so a bug there cannot make the corpus agree with it.
"""

from __future__ import annotations

import random

MOBILE_PREFIXES = ("0912", "0935", "0919", "0936", "0901", "0921", "0990")
CARD_BINS = ("603799", "589210", "627412", "610433", "603769")
BANK_CODES = ("017", "012", "055", "054", "016")

GIVEN = ("کاوه", "ترانه", "بردیا", "نیلوفر", "سامان", "پرستو", "آرش", "شیوا")
FAMILY = ("نیک‌سرشت", "پاک‌نهاد", "روشن‌دل", "مهرآیین", "کوهساری", "دریاکنار")
STREETS = ("خیابان بهار", "کوچه نسترن", "خیابان لاله", "کوچه سپیدار")


def national_id_check(body: str) -> int:
    """The 10th digit of an Iranian national id: sum of digit x (10..2), mod 11."""
    rem = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
    return rem if rem < 2 else 11 - rem


def luhn_check(body: str) -> int:
    """The digit that makes ``body`` + digit Luhn-valid."""
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def iban_check(bban: str) -> str:
    """The two check digits of ``IR`` + ?? + ``bban`` (ISO 13616, mod 97)."""
    # I = 18, R = 27
    return f"{98 - int(bban + '1827' + '00') % 97:02d}"


class Synth:
    """Seeded generator of synthetic personal values (Latin digits)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seen: set[str] = set()

    def _digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def _fresh(self, make) -> str:
        while True:
            value = make()
            if value not in self.seen:
                self.seen.add(value)
                return value

    def national_id(self) -> str:
        def make() -> str:
            while True:
                body = self._digits(9)
                value = body + str(national_id_check(body))
                if len(set(value)) > 2 and not value.endswith("0000"):
                    return value

        return self._fresh(make)

    def mobile(self) -> str:
        return self._fresh(lambda: self.rng.choice(MOBILE_PREFIXES) + self._digits(7))

    def card(self) -> str:
        def make() -> str:
            body = self.rng.choice(CARD_BINS) + self._digits(9)
            return body + str(luhn_check(body))

        return self._fresh(make)

    def iban(self) -> str:
        def make() -> str:
            bban = self.rng.choice(BANK_CODES) + "0" + self._digits(18)
            return "IR" + iban_check(bban) + bban

        return self._fresh(make)

    def name(self) -> str:
        return f"{self.rng.choice(GIVEN)} {self.rng.choice(FAMILY)}"

    def address(self) -> str:
        return f"تهران، {self.rng.choice(STREETS)}، پلاک {self.rng.randint(2, 90)}، واحد {self.rng.randint(1, 9)}"


# How a person would write each identifier in groups.
GROUPS = {
    "mobile": (4, 3, 4),
    "national_id": (3, 6, 1),
    "card": (4, 4, 4, 4),
    "iban": (4, 4, 4, 4, 4, 4, 2),
}


def grouped(value: str, kind: str, sep: str) -> str:
    """``value`` cut into its usual groups joined by ``sep``."""
    parts, pos = [], 0
    for size in GROUPS[kind]:
        parts.append(value[pos : pos + size])
        pos += size
    return sep.join(parts)


# Nd digit blocks: the zero of each script.
SCRIPTS = {
    "latin": 0x30,
    "persian": 0x06F0,
    "arabic-indic": 0x0660,
    "fullwidth": 0xFF10,
    "math-bold": 0x1D7CE,
    "math-double-struck": 0x1D7D8,
    "math-monospace": 0x1D7F6,
    "devanagari": 0x0966,
}


def in_script(text: str, script: str) -> str:
    """``text`` with its Latin digits written in ``script``."""
    zero = SCRIPTS[script]
    return "".join(chr(zero + int(c)) if c.isascii() and c.isdigit() else c for c in text)


def mixed_script(text: str) -> str:
    """Each digit in the next of Latin, Persian, Arabic-Indic and fullwidth."""
    order = ("latin", "persian", "arabic-indic", "fullwidth")
    out, i = [], 0
    for c in text:
        if c.isascii() and c.isdigit():
            out.append(chr(SCRIPTS[order[i % 4]] + int(c)))
            i += 1
        else:
            out.append(c)
    return "".join(out)

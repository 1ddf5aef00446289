"""The finding types and the one record every detector returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

NATIONAL_ID = "NATIONAL_ID"
LEGAL_ENTITY_ID = "LEGAL_ENTITY_ID"
PHONE_MOBILE = "PHONE_MOBILE"
PHONE_LANDLINE = "PHONE_LANDLINE"
POSTAL_CODE = "POSTAL_CODE"
BANK_CARD = "BANK_CARD"
IBAN = "IBAN"
LICENSE_PLATE = "LICENSE_PLATE"
BIRTH_CERT = "BIRTH_CERT"
PASSPORT = "PASSPORT"
EMAIL = "EMAIL"
ADDRESS = "ADDRESS"
GPS = "GPS"
PERSON = "PERSON"

ALL_TYPES: tuple[str, ...] = (
    NATIONAL_ID,
    LEGAL_ENTITY_ID,
    PHONE_MOBILE,
    PHONE_LANDLINE,
    POSTAL_CODE,
    BANK_CARD,
    IBAN,
    LICENSE_PLATE,
    BIRTH_CERT,
    PASSPORT,
    EMAIL,
    ADDRESS,
    GPS,
    PERSON,
)

# Types whose detector needs a structure or a context word, not a bare check digit: a
# single finding of one of them in a table is personal data, whatever its column's share
# (a note that quotes one citizen's mobile). The others count only through the column's
# share: a column of random 10-digit codes passes the mod-11 check about one time in
# eleven (NATIONAL_ID and the check-digit types), places and stations are named after
# people (PERSON), and the addresses of municipal properties and facilities, the
# coordinates of places and postal codes fill public tables (ADDRESS, GPS, POSTAL_CODE).
SPORADIC_TYPES: tuple[str, ...] = (
    PHONE_MOBILE,
    EMAIL,
    IBAN,
    LICENSE_PLATE,
    PASSPORT,
    BIRTH_CERT,
)

# Types whose validity rests on a check digit (the precision target applies).
CHECKSUM_TYPES: tuple[str, ...] = (NATIONAL_ID, LEGAL_ENTITY_ID, BANK_CARD, IBAN)

# When two candidate spans overlap, the higher priority keeps its span.
PRIORITY: dict[str, int] = {
    IBAN: 90,
    BANK_CARD: 85,
    BIRTH_CERT: 84,
    PASSPORT: 84,
    LICENSE_PLATE: 82,
    EMAIL: 80,
    NATIONAL_ID: 70,
    LEGAL_ENTITY_ID: 70,
    PHONE_MOBILE: 70,
    PHONE_LANDLINE: 60,
    POSTAL_CODE: 60,
    GPS: 60,
    ADDRESS: 50,
    PERSON: 40,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One span of personal data: ``text[start:end]`` is the value.

    ``masked`` is the only rendering of the value a finding carries; ``basis``
    says what the decision rested on (``checksum``, ``structure``, ``context``,
    ``header``, ``lexicon``) so a reviewer can judge it.
    """

    type: str
    start: int
    end: int
    score: float
    basis: str
    masked: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

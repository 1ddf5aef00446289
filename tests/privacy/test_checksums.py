"""Check digits and structural rules of Iranian identifiers."""

from __future__ import annotations

import random

from ckanext.smarttehran.privacy import checksums
from tests.privacy.helpers import make_national_id


def test_national_id_valid_and_invalid(rng: random.Random) -> None:
    """A generated کد ملی passes; changing only its check digit makes it fail."""
    for _ in range(200):
        nid = make_national_id(rng)
        assert checksums.is_national_id(nid)
        wrong = nid[:9] + str((int(nid[9]) + 1) % 10)
        assert not checksums.is_national_id(wrong)


def test_national_id_rejects_repeated_digits_and_bad_shapes() -> None:
    """1111111111 satisfies the formula but is not issued; wrong lengths and non-digits fail."""
    assert not checksums.is_national_id("1111111111")
    assert not checksums.is_national_id("049937089")
    assert not checksums.is_national_id("04993708990")
    assert not checksums.is_national_id("04993708a9")
    assert checksums.is_national_id("0499370899")


def test_legal_entity_id() -> None:
    """An 11-digit شناسه ملی passes with its check digit and fails with another."""
    body = "1038028479"
    good = body + str(checksums.legal_entity_check_digit(body))
    assert checksums.is_legal_entity_id(good)
    assert not checksums.is_legal_entity_id(body + str((int(good[-1]) + 1) % 10))
    assert not checksums.is_legal_entity_id("1038028479")


def test_luhn_bank_card() -> None:
    """Bank cards need 16 digits, an issuer prefix and a Luhn check digit."""
    body = "603799123456789"
    card = body + str(checksums.luhn_check_digit(body))
    assert checksums.is_bank_card(card)
    assert not checksums.is_bank_card(card[:-1] + str((int(card[-1]) + 1) % 10))
    assert not checksums.is_bank_card("0" + card[1:])  # no issuer starts with 0
    assert checksums.is_luhn("4111111111111111")


def test_iban_mod97() -> None:
    """A Sheba built with its check digits passes mod 97; one changed digit fails."""
    bban = "0170000000100324200001"
    iban = "IR" + checksums.iban_check_digits(bban) + bban
    assert checksums.is_iban(iban)
    assert checksums.is_iban(iban.lower())
    assert not checksums.is_iban(iban[:-1] + "2")
    assert not checksums.is_iban("DE" + iban[2:])


def test_postal_code_structure() -> None:
    """Postal codes have no 0 or 2 in the first five digits, no 5 fifth, no 2 after."""
    assert checksums.is_postal_code("1345678913")
    assert not checksums.is_postal_code("1045678913")  # 0 in the area part
    assert not checksums.is_postal_code("1345578913")  # fifth digit 5
    assert not checksums.is_postal_code("1345672913")  # 2 in the last five
    assert not checksums.is_postal_code("1111678913")  # four equal digits first

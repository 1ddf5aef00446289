"""Pure unit tests: the privacy engine needs no CKAN fixtures, database or config."""

from __future__ import annotations

import random

import pytest

from ckanext.smarttehran.privacy import checksums


@pytest.fixture(autouse=True)
def _plugins_from_test_ini():
    """Override the suite's autouse plugin loading: these tests need no CKAN at all."""
    yield


@pytest.fixture()
def rng() -> random.Random:
    """A seeded random generator, so failures reproduce."""
    return random.Random(1234)


def make_national_id(rng: random.Random) -> str:
    """A random ten-digit کد ملی with a valid check digit."""
    while True:
        body = "".join(rng.choice("0123456789") for _ in range(9))
        nid = body + str(checksums.national_id_check_digit(body))
        if checksums.is_national_id(nid) and not nid.endswith("0000"):
            return nid

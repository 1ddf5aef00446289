"""Pure unit tests: the privacy engine needs no CKAN fixtures, database or config."""

from __future__ import annotations

import random

import pytest


@pytest.fixture(autouse=True)
def _plugins_from_test_ini():
    """Override the suite's autouse plugin loading: these tests need no CKAN at all."""
    yield


@pytest.fixture()
def rng() -> random.Random:
    """A seeded random generator, so failures reproduce."""
    return random.Random(1234)

"""Helpers shared by the privacy tests."""

from __future__ import annotations

import random

from ckanext.smarttehran.privacy import checksums


def make_national_id(rng: random.Random) -> str:
    """A random ten-digit کد ملی with a valid check digit."""
    while True:
        body = "".join(rng.choice("0123456789") for _ in range(9))
        nid = body + str(checksums.national_id_check_digit(body))
        if checksums.is_national_id(nid) and not nid.endswith("0000"):
            return nid

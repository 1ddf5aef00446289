"""A refused file without a header row names its columns by position in both halves."""

from __future__ import annotations

import random

from ckanext.smarttehran.screening import verdict


def _mobiles(n: int) -> list[str]:
    rng = random.Random(11)
    return [f"0912{rng.randrange(10**7):07d}" for _ in range(n)]


def test_headerless_columns_are_named_by_position_in_persian_and_english(tmp_path):
    """No raw cell names a column; the Persian half says «ستون ۲», the English «column 2»."""
    path = tmp_path / "export.csv"
    path.write_text("".join(f"{i},{m},{i * 3}\n" for i, m in enumerate(_mobiles(40), 1)), "utf-8")
    result = verdict.screen_path(str(path), "export.csv")
    assert result.blocked
    fa, en = verdict.message_halves(verdict.describe(result.items, "sid"))
    assert "ستون ۲:" in fa
    assert "column 2:" in en
    assert "column 2" not in fa
    for mobile in _mobiles(40):
        assert mobile not in fa + en


def test_a_header_row_still_names_its_column(tmp_path):
    """With a header row the message quotes the header, as before."""
    path = tmp_path / "export.csv"
    path.write_text("id,mobile\n" + "".join(f"{i},{m}\n" for i, m in enumerate(_mobiles(40), 1)),
                    "utf-8")
    result = verdict.screen_path(str(path), "export.csv")
    fa, en = verdict.message_halves(verdict.describe(result.items, "sid"))
    assert "«mobile»" in fa
    assert '"mobile"' in en

"""mask(): what a report may show of a value."""

from __future__ import annotations

from ckanext.smarttehran.privacy import mask


def test_mobile_keeps_four_digits_each_side_in_persian() -> None:
    """The example from the issue: 09123456789 becomes ۰۹۱۲•••۶۷۸۹."""
    assert mask("09123456789") == "۰۹۱۲•••۶۷۸۹"
    assert mask("۰۹۱۲ ۳۴۵ ۶۷۸۹") == "۰۹۱۲•••۶۷۸۹"


def test_ten_digit_ids_reveal_little() -> None:
    """A کد ملی shows two digits at each end, never the middle six."""
    out = mask("0499370899")
    assert out == "۰۴•••۹۹"
    assert "۹۳۷۰۸" not in out


def test_text_email_and_short_values() -> None:
    """Names keep initials, emails their domain, short numbers nothing."""
    assert mask("علی رضایی") == "ع••• ر•••"
    assert mask("ali.rezaei@gmail.com") == "a•••@gmail.com"
    assert mask("1234") == "•••"
    assert mask("") == ""
    assert mask(None) == ""
    assert mask("09123456789", persian_digits=False) == "0912•••6789"

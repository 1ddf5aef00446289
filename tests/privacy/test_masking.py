"""mask(): what a report may show of a value."""

from __future__ import annotations

import pytest

from ckanext.smarttehran import config
from ckanext.smarttehran.privacy import mask, masking


def test_mobile_keeps_four_digits_then_two_in_persian() -> None:
    """The example from the issue: 09123456789 becomes ۰۹۱۲•••••۸۹ (one bullet per hidden digit)."""
    assert mask("09123456789") == "۰۹۱۲•••••۸۹"
    assert mask("۰۹۱۲ ۳۴۵ ۶۷۸۹") == "۰۹۱۲•••••۸۹"
    assert mask("09123456789", persian_digits=False) == "0912•••••89"


def test_ten_digit_ids_reveal_little() -> None:
    """A کد ملی shows two digits at each end, never the middle six."""
    out = mask("0499370899")
    assert out == "۰۴••••••۹۹"
    assert "۹۳۷۰۸" not in out


def test_cards_and_ibans_keep_the_same_ends_as_a_mobile() -> None:
    """A 16-digit card shows four and two digits, never the middle ten."""
    assert mask("6037991234567890", persian_digits=False) == "6037••••••••••90"
    assert mask("IR820540102680020817909002", persian_digits=False) == "8205" + "•" * 18 + "02"


def test_text_email_and_short_values() -> None:
    """Names keep initials, emails their domain, short numbers nothing."""
    assert mask("علی رضایی") == "ع••• ر•••"
    assert mask("ali.rezaei@gmail.com") == "a•••@gmail.com"
    assert mask("1234") == "•••"
    assert mask("") == ""
    assert mask(None) == ""


def test_configure_changes_the_digits_kept_and_never_widens_short_numbers() -> None:
    """Keeping (2, 0) shows two leading digits and no trailing one; ten digits keep at most two."""
    previous = masking.configure(lambda: (2, 0))
    try:
        assert mask("09123456789", persian_digits=False) == "09•••••••••"
        masking.configure(lambda: (8, 8))
        assert mask("09123456789", persian_digits=False) == "0912•••6789"
        assert mask("0499370899", persian_digits=False) == "04••••••99"
    finally:
        masking.configure(previous)


def test_config_defaults_are_four_and_two(ckan_config) -> None:
    """Without the options a mobile keeps four leading and two trailing digits."""
    assert (config.privacy_mask_keep_start(), config.privacy_mask_keep_end()) == (4, 2)


@pytest.mark.ckan_config("ckanext.smarttehran.privacy.mask_keep_start", "3")
@pytest.mark.ckan_config("ckanext.smarttehran.privacy.mask_keep_end", "1")
def test_the_options_reach_mask_through_the_plugin(app) -> None:
    """The plugin hands the options to the masker when CKAN starts (the app is made)."""
    assert mask("09123456789", persian_digits=False) == "091•••••••9"

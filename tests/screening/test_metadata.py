"""Dataset metadata is screened: findings name the field, nothing is saved."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.factories import Dataset
from tests.screening.conftest import MOBILE, MOBILE_MASKED


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestMetadata:
    def test_notes_with_a_mobile_block_the_dataset(self):
        """package_create with a mobile in notes raises on `notes` with a masked sample."""
        with pytest.raises(tk.ValidationError) as err:
            Dataset(name="with-mobile", notes=f"برای هماهنگی با {MOBILE} تماس بگیرید")
        message = err.value.error_dict["notes"][0]
        assert MOBILE_MASKED in message
        assert "فیلد «notes»" in message and 'field "notes"' in message
        assert "ستون" not in message and "column" not in message
        assert MOBILE not in str(err.value.error_dict)
        assert model.Package.get("with-mobile") is None

    def test_tags_and_extras_are_screened(self):
        """A tag or an extra holding an email address is refused and named."""
        with pytest.raises(tk.ValidationError) as err:
            Dataset(extras=[{"key": "owner", "value": "ali.rezaei@gmail.com"}])
        assert "extras__owner" in err.value.error_dict

    def test_keywords_with_a_mobile_are_refused_on_tag_string(self):
        """A mobile typed as a keyword is a bilingual error on tag_string (not a crash)."""
        with pytest.raises(tk.ValidationError) as err:
            Dataset(name="tagged-mobile", tag_string=f"هوا,{MOBILE}")
        assert MOBILE_MASKED in err.value.error_dict["tag_string"][0]
        assert MOBILE not in str(err.value.error_dict)
        assert model.Package.get("tagged-mobile") is None

    def test_patch_of_the_english_title_is_screened(self):
        """package_patch goes through package_update: a mobile in title_en is refused."""
        ds = Dataset()
        admin = {"user": factories.Sysadmin()["name"]}
        with pytest.raises(tk.ValidationError) as err:
            call_action("package_patch", dict(admin), id=ds["id"], title_en=f"Call {MOBILE}")
        assert "title_en" in err.value.error_dict
        assert call_action("package_show", id=ds["id"]).get("title_en") != f"Call {MOBILE}"

    def test_officer_override_approves_exactly_that_text(self):
        """After an officer overrides a metadata block, the same text saves; other text does not."""
        ds = Dataset()
        admin = {"user": factories.Sysadmin()["name"]}
        notes = f"برای هماهنگی با {MOBILE} تماس بگیرید"
        with pytest.raises(tk.ValidationError) as err:
            call_action("package_patch", dict(admin), id=ds["id"], notes=notes)
        assert "notes" in err.value.error_dict, err.value.error_dict
        sid = err.value.error_dict["notes"][0].rsplit(" ", 1)[-1].rstrip(".")
        officer = factories.Sysadmin()
        call_action("smarttehran_privacy_override", {"user": officer["name"]}, id=sid,
                    justification="شمارهٔ عمومی دفتر منطقه است، نه شخص.")
        assert call_action("package_patch", dict(admin), id=ds["id"], notes=notes)["notes"] == notes
        with pytest.raises(tk.ValidationError) as again:
            call_action("package_patch", dict(admin), id=ds["id"], notes=notes + " 09351234567")
        assert "notes" in again.value.error_dict

"""Everything a DataStore write would store is screened (every key of every record, the
field ids, the data dictionary), and CKAN's own DataStore errors never echo a value."""

from __future__ import annotations

import json

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action

from tests.screening.conftest import CLEAN_CSV, MOBILE, MOBILE_MASKED, upload

NATIONAL_ID = "0499370899"  # synthetic, valid check digit
ANONYMOUS = {"user": "", "ignore_auth": False}


@pytest.fixture
def table(publisher):
    res = call_action("resource_create", dict(publisher["context"]),
                      package_id=publisher["dataset"]["id"], upload=upload(CLEAN_CSV), format="CSV")
    return {**publisher, "resource": res, "rid": res["id"]}


def _text(err: pytest.ExceptionInfo) -> str:
    return json.dumps(err.value.error_dict, ensure_ascii=False)


def _nothing_stored(rid: str) -> None:
    """No DataStore table for the resource: neither anonymous users nor anyone can read it."""
    for context in (dict(ANONYMOUS), {}):
        with pytest.raises(tk.ObjectNotFound):
            call_action("datastore_search", context, resource_id=rid)
    assert not call_action("resource_show", id=rid).get("datastore_active")


@pytest.mark.usefixtures("with_plugins")
class TestKeysOutsideFields:
    @pytest.mark.parametrize(("raw", "masked"), [(MOBILE, MOBILE_MASKED), (NATIONAL_ID, "۰۴••••••۹۹")])
    def test_a_key_the_fields_do_not_name_is_screened(self, table, raw, masked):
        """fields=[a] and records with another key holding personal data: refused (CKAN
        would add that key as a column), masked, and nothing is stored or served."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                        force=True, fields=[{"id": "a"}],
                        records=[{"a": "1", "other": raw}, {"a": "2", "other": "-"}])
        assert masked in err.value.error_dict["records"][0]
        assert raw not in _text(err)
        _nothing_stored(table["rid"])

    def test_a_key_first_seen_late_is_screened(self, table):
        """A key that appears only in the 1,500th record is read as well."""
        records = [{"a": str(i)} for i in range(1500)] + [{"a": "x", "late": MOBILE}]
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                        force=True, fields=[{"id": "a", "type": "text"}], records=records)
        assert MOBILE not in _text(err)
        _nothing_stored(table["rid"])

    def test_a_key_that_is_personal_data_is_named_by_position(self, table):
        """A column named with a mobile is refused; the error names it by position only."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                        force=True, fields=[{"id": "a"}], records=[{"a": "1", MOBILE: "x"}])
        assert MOBILE not in _text(err)
        assert MOBILE_MASKED in _text(err)
        assert "fields__1" in err.value.error_dict
        _nothing_stored(table["rid"])

    def test_field_ids_and_the_data_dictionary_are_screened(self, table):
        """A field id, a label or a note holding personal data is refused before any table."""
        cases = [
            [{"id": f"tel {MOBILE}", "type": "text"}],
            [{"id": "a", "type": "text", "info": {"label": f"تماس {MOBILE}"}}],
            [{"id": "a", "type": "text", "info": {"notes": f"کد ملی {NATIONAL_ID}"}}],
        ]
        for fields in cases:
            with pytest.raises(tk.ValidationError) as err:
                call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                            force=True, fields=fields)
            assert MOBILE not in _text(err) and NATIONAL_ID not in _text(err)
            _nothing_stored(table["rid"])
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                        force=True, fields=cases[1])
        assert "fields__0__info__label" in err.value.error_dict

    @pytest.mark.parametrize("method", ["insert", "upsert", "update"])
    def test_upsert_of_any_method_is_screened(self, table, method):
        """datastore_upsert with a personal value, in a known or an unknown key: refused,
        the table unchanged."""
        rid = table["rid"]
        call_action("datastore_create", dict(table["context"]), resource_id=rid, force=True,
                    primary_key=["a"], fields=[{"id": "a", "type": "text"}, {"id": "b", "type": "text"}],
                    records=[{"a": "1", "b": "پارک"}])
        for record in ({"a": "1", "b": MOBILE}, {"a": "1", "c": MOBILE}):
            with pytest.raises(tk.ValidationError) as err:
                call_action("datastore_upsert", dict(table["context"]), resource_id=rid,
                            force=True, method=method, records=[record])
            assert MOBILE not in _text(err)
        found = call_action("datastore_search", dict(ANONYMOUS), resource_id=rid)
        assert [(r["a"], r["b"]) for r in found["records"]] == [("1", "پارک")]
        assert MOBILE not in json.dumps(found, ensure_ascii=False)

    def test_the_clean_twin_is_stored_and_served(self, table):
        """The same call shape without personal data stores every key and serves it."""
        call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                    force=True, fields=[{"id": "a", "info": {"label": "منطقه"}}],
                    records=[{"a": "1", "other": "پارک ملت"}, {"a": "2", "other": "پارک لاله"}])
        found = call_action("datastore_search", dict(ANONYMOUS), resource_id=table["rid"])
        assert [r["other"] for r in found["records"]] == ["پارک ملت", "پارک لاله"]


@pytest.mark.usefixtures("with_plugins")
class TestCkanErrorsAreMasked:
    def test_an_out_of_range_value_is_masked(self, table):
        """A value the column's type refuses: CKAN's error comes back without the value,
        masked, in Persian and English, and nothing is stored."""
        raw = "98765432109876"
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                        force=True, fields=[{"id": "amount", "type": "int"}],
                        records=[{"amount": raw}])
        text = _text(err)
        assert raw not in text
        assert "9876••••••••76" in text
        assert "DataStore" in text and " / " in text
        assert "INSERT" not in text and "parameters" not in text
        with pytest.raises(tk.ObjectNotFound):
            call_action("datastore_search", dict(ANONYMOUS), resource_id=table["rid"])

    def test_text_in_a_number_column_is_masked(self, table):
        """invalid input syntax for an int column names no raw text either (upsert too)."""
        rid = table["rid"]
        call_action("datastore_create", dict(table["context"]), resource_id=rid, force=True,
                    fields=[{"id": "n", "type": "int"}], records=[{"n": 1}])
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_upsert", dict(table["context"]), resource_id=rid, force=True,
                        method="insert", records=[{"n": "بوستان لاله"}])
        assert "بوستان لاله" not in _text(err)
        assert call_action("datastore_search", resource_id=rid)["total"] == 1

    def test_a_mobile_under_a_money_header_never_reaches_an_error(self, table):
        """A mobile typed into an int column named 'amount': refused by screening or by
        the DataStore, and the number is in neither answer; nothing is stored."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("datastore_create", dict(table["context"]), resource_id=table["rid"],
                        force=True, fields=[{"id": "amount", "type": "int"}],
                        records=[{"amount": MOBILE}])
        assert MOBILE not in _text(err)
        assert "9123456789" not in _text(err)
        _nothing_stored(table["rid"])

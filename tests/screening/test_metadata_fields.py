"""Every free-text field of datasets, resources, views, organisations, groups and users
is screened on create, update, patch and revise: a mobile or a national id is refused
(bilingual, field named, value masked, nothing saved) and the clean twin is saved."""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.factories import Dataset
from tests.screening.conftest import CLEAN_CSV, MOBILE, MOBILE_MASKED, upload

# Synthetic: valid check digits, nobody's.
NATIONAL_ID = "0499370899"
NATIONAL_ID_MASKED = "۰۴••••••۹۹"
PERSONAL = [(MOBILE, MOBILE_MASKED), (NATIONAL_ID, NATIONAL_ID_MASKED)]


def _refused(err: pytest.ExceptionInfo, field: str, masked: str, raw: str) -> None:
    """The refusal names ``field`` in both languages with the masked value, never the raw."""
    message = err.value.error_dict[field][0]
    assert f"«{field}»" in message and f'"{field}"' in message
    assert masked in message
    assert " / " in message  # Persian, then English
    assert raw not in json.dumps(err.value.error_dict, ensure_ascii=False)


def _editor_context(publisher: dict[str, Any]) -> dict[str, Any]:
    return dict(publisher["context"])


# Dataset fields and a text of each that holds the value.
DATASET_FIELDS = {
    "author": "{v}",
    "author_email": "{v}",
    "maintainer": "تماس {v}",
    "maintainer_email": "{v}",
    "version": "{v}",
    "url": "http://example.com/people/{v}/list",
    "contact_name": "واحد آمار {v}",
    "name": "dataset-{v}",
}
CLEAN_DATASET = {
    "author": "اداره آمار و اطلاعات",
    "author_email": "info@example.com",
    "maintainer": "مرکز تماس شهرداری ۱۳۷",
    "maintainer_email": "opendata@tehran.ir",
    "version": "1.4.2",
    "url": "http://example.com/air-quality?year=1403&district=6",
    "contact_name": "اداره کل آمار و اطلاعات",
    "name": "air-quality-1403",
}


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestDatasetFields:
    @pytest.mark.parametrize(("raw", "masked"), PERSONAL)
    def test_personal_value_in_each_field_is_refused(self, publisher, raw, masked):
        """package_create as an editor with a mobile or national id in any one of the
        fields: refused on that field, masked, and no dataset is saved."""
        for field, template in DATASET_FIELDS.items():
            with pytest.raises(tk.ValidationError) as err:
                call_action("package_create", _editor_context(publisher),
                            **{"name": "refused-dataset", "title": "کیفیت هوا",
                               "notes": "توضیحات", "owner_org": publisher["org"]["id"],
                               "smart_dimension": ["governance"], "update_frequency": "annual",
                               field: template.format(v=raw)})
            _refused(err, field, masked, raw)
            assert model.Package.get("refused-dataset") is None
        assert call_action("package_search", q=raw, include_private=True)["count"] == 0

    def test_the_clean_twin_is_saved(self, publisher):
        """The same fields with public contact points and no personal value are saved as typed."""
        ds = call_action("package_create", _editor_context(publisher), title="کیفیت هوا",
                         notes="توضیحات", owner_org=publisher["org"]["id"], smart_dimension=["governance"],
                         update_frequency="annual", **CLEAN_DATASET)
        shown = call_action("package_show", id=ds["id"])
        assert {f: shown[f] for f in CLEAN_DATASET} == CLEAN_DATASET

    @pytest.mark.parametrize(("raw", "masked"), PERSONAL)
    def test_update_patch_and_revise_are_screened(self, publisher, raw, masked):
        """package_update, package_patch and package_revise of author refuse the value and
        leave the stored dataset as it was."""
        ds = publisher["dataset"]
        ctx = _editor_context(publisher)
        full = call_action("package_show", id=ds["id"])
        with pytest.raises(tk.ValidationError) as err:
            call_action("package_update", dict(ctx), **{**full, "author": raw})
        _refused(err, "author", masked, raw)
        with pytest.raises(tk.ValidationError) as err:
            call_action("package_patch", dict(ctx), id=ds["id"], maintainer=raw)
        _refused(err, "maintainer", masked, raw)
        with pytest.raises(tk.ValidationError) as err:
            call_action("package_revise", dict(ctx), match={"id": ds["id"]},
                        update={"version": raw})
        _refused(err, "version", masked, raw)
        shown = call_action("package_show", id=ds["id"])
        assert raw not in json.dumps(shown, ensure_ascii=False)
        revised = call_action("package_revise", dict(ctx), match={"id": ds["id"]},
                              update={"version": "2.0"})
        assert revised["package"]["version"] == "2.0"

    @pytest.mark.parametrize(("raw", "masked"), PERSONAL)
    def test_extras_keys_and_values_are_screened(self, publisher, raw, masked):
        """An extra's value and an extra's key holding the value are both refused."""
        ctx = _editor_context(publisher)
        ds = publisher["dataset"]
        for extra in ({"key": "owner", "value": raw}, {"key": f"owner {raw}", "value": "x"}):
            with pytest.raises(tk.ValidationError) as err:
                call_action("package_patch", dict(ctx), id=ds["id"], extras=[extra])
            assert raw not in json.dumps(err.value.error_dict, ensure_ascii=False)
            assert masked in json.dumps(err.value.error_dict, ensure_ascii=False)
        patched = call_action("package_patch", dict(ctx), id=ds["id"],
                              extras=[{"key": "source", "value": "سرشماری ۱۳۹۵"}])
        assert patched["extras"] == [{"key": "source", "value": "سرشماری ۱۳۹۵"}]


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestContactPoints:
    """A department's public mailbox and phone are publishable; a person's are not."""

    @pytest.mark.parametrize("address", ["opendata@tehran.ir", "gis@region6.tehran.ir",
                                         "137@tehran.ir", "info@example.com",
                                         "support@gmail.com"])
    def test_office_mailboxes_are_saved(self, publisher, address):
        """A mailbox on a public body's domain naming no person, or a role mailbox, is saved."""
        ds = call_action("package_patch", _editor_context(publisher),
                         id=publisher["dataset"]["id"], maintainer_email=address,
                         author="روابط عمومی، تلفن ۰۲۱-۸۸۸۸۸۸۸۸")
        assert ds["maintainer_email"] == address

    @pytest.mark.parametrize("address", ["ali.rezaei@tehran.ir", "mohammadi@tehran.ir",
                                         "a_karimi@tehran.ir", "opendata@gmail.com",
                                         "rezaei1360@tehran.ir"])
    def test_personal_addresses_are_refused(self, publisher, address):
        """first.last, a given name, digits, or a private domain: a person's address."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("package_patch", _editor_context(publisher),
                        id=publisher["dataset"]["id"], maintainer_email=address)
        assert address not in json.dumps(err.value.error_dict, ensure_ascii=False)
        assert "maintainer_email" in err.value.error_dict

    def test_a_mobile_in_a_contact_field_is_refused(self, publisher):
        """A landline is the office's, a mobile is a person's even in a contact field."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("package_patch", _editor_context(publisher),
                        id=publisher["dataset"]["id"], author=f"همراه {MOBILE}")
        _refused(err, "author", MOBILE_MASKED, MOBILE)

    def test_the_same_office_address_in_notes_is_not_a_contact_point(self, publisher):
        """The contact rule is for contact fields only: notes keep the detectors' rule."""
        with pytest.raises(tk.ValidationError):
            call_action("package_patch", _editor_context(publisher),
                        id=publisher["dataset"]["id"], notes="نشانی ali.rezaei@tehran.ir")

    @pytest.mark.ckan_config("ckanext.smarttehran.privacy.public_email_domains", "city.example")
    def test_the_public_domains_are_configurable(self, publisher):
        """With the option set, only its domains hold office mailboxes."""
        ctx = _editor_context(publisher)
        ds_id = publisher["dataset"]["id"]
        assert call_action("package_patch", dict(ctx), id=ds_id,
                           maintainer_email="opendata@city.example")["maintainer_email"]
        with pytest.raises(tk.ValidationError):
            call_action("package_patch", dict(ctx), id=ds_id, maintainer_email="opendata@tehran.ir")


@pytest.mark.usefixtures("clean_db", "clean_index", "web")
class TestResourceFields:
    @pytest.mark.parametrize(("raw", "masked"), PERSONAL)
    def test_resource_create_refuses_each_field(self, publisher, raw, masked):
        """resource_create as an editor with the value in any one field: refused, no resource."""
        cases = [
            ("name_en", "Call {v}"),
            ("format", "{v}"),
            ("reporter_phone", "{v}"),
            ("url", "http://example.com/export/{v}/data.csv"),
            ("url", "http://example.com/export.csv?national_id={v}"),
            ("url", "http://example.com/export.csv?q=%D8%AA%D9%85%D8%A7%D8%B3+{v}"),
        ]
        for field, template in cases:
            with pytest.raises(tk.ValidationError) as err:
                call_action("resource_create", _editor_context(publisher),
                            package_id=publisher["dataset"]["id"],
                            **{"url": "http://example.com/clean.csv", field: template.format(v=raw)})
            _refused(err, field, masked, raw)
        assert call_action("package_show", id=publisher["dataset"]["id"])["resources"] == []

    def test_an_extra_key_holding_the_value_is_refused(self, publisher):
        """A resource key that is itself a mobile is screened like its value."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_create", _editor_context(publisher),
                        package_id=publisher["dataset"]["id"],
                        url="http://example.com/clean.csv", **{f"tel {MOBILE}": "x"})
        assert MOBILE not in json.dumps(err.value.error_dict, ensure_ascii=False)
        assert MOBILE_MASKED in json.dumps(err.value.error_dict, ensure_ascii=False)

    @pytest.mark.parametrize(("raw", "masked"), PERSONAL)
    def test_the_uploaded_file_name_is_screened(self, publisher, raw, masked):
        """An upload named after a person's number is refused: the name is in its URL."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_create", _editor_context(publisher),
                        package_id=publisher["dataset"]["id"],
                        upload=upload("district,parks\n1,2\n", f"list-{raw}.csv"))
        assert raw not in json.dumps(err.value.error_dict, ensure_ascii=False)
        assert masked in json.dumps(err.value.error_dict, ensure_ascii=False)
        assert call_action("package_show", id=publisher["dataset"]["id"])["resources"] == []

    def test_patch_is_screened_and_the_clean_twin_saved(self, publisher):
        """resource_patch (through resource_update) refuses name_en with a mobile and keeps
        the resource as it was; clean values of every field are saved as typed."""
        ctx = _editor_context(publisher)
        res = call_action("resource_create", dict(ctx), package_id=publisher["dataset"]["id"],
                          upload=upload(CLEAN_CSV, "parks-1403.csv"), name_en="Parks",
                          format="CSV", reporter_unit="اداره آمار")
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_patch", dict(ctx), id=res["id"], name_en=f"Parks {MOBILE}")
        _refused(err, "name_en", MOBILE_MASKED, MOBILE)
        shown = call_action("resource_show", id=res["id"])
        assert shown["name_en"] == "Parks" and shown["reporter_unit"] == "اداره آمار"
        assert shown["url"].endswith("/parks-1403.csv")

    def test_inline_resources_of_a_dataset_are_screened(self, publisher):
        """package_create with a resource whose name_en holds a national id: no dataset."""
        with pytest.raises(tk.ValidationError) as err:
            Dataset(name="inline-refused", owner_org=publisher["org"]["id"],
                    resources=[{"url": "http://example.com/a.csv", "name_en": NATIONAL_ID}])
        assert "resources__0__name_en" in err.value.error_dict
        assert NATIONAL_ID not in json.dumps(err.value.error_dict, ensure_ascii=False)
        assert model.Package.get("inline-refused") is None


@pytest.mark.usefixtures("clean_db", "clean_index", "web")
class TestViews:
    @pytest.mark.parametrize(("field", "raw", "masked"), [("title", *PERSONAL[0]),
                                                           ("description", *PERSONAL[1])])
    def test_view_create_and_update_are_screened(self, publisher, field, raw, masked):
        """resource_view_create and resource_view_update refuse the value; the view is
        not created, then not changed; a clean title is saved."""
        ctx = _editor_context(publisher)
        res = call_action("resource_create", dict(ctx), package_id=publisher["dataset"]["id"],
                          upload=upload("گزارش سالانه\n", "report.txt"), format="TXT")
        before = call_action("resource_view_list", id=res["id"])
        base = {"resource_id": res["id"], "view_type": "text_view", "title": "پیش‌نمایش"}
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_view_create", dict(ctx), **{**base, field: f"تماس {raw}"})
        _refused(err, field, masked, raw)
        assert call_action("resource_view_list", id=res["id"]) == before
        view = call_action("resource_view_create", dict(ctx), **{**base, "title": "متن"})
        with pytest.raises(tk.ValidationError) as err:
            call_action("resource_view_update", dict(ctx), **{**view, field: f"تماس {raw}"})
        _refused(err, field, masked, raw)
        assert call_action("resource_view_show", id=view["id"])["title"] == "متن"


@pytest.mark.usefixtures("clean_db", "clean_index")
class TestOrganizationsAndGroups:
    @pytest.mark.parametrize(("raw", "masked"), PERSONAL)
    def test_organization_create_is_screened(self, raw, masked):
        """organization_create with the value in its title or description: no organisation."""
        sysadmin = factories.Sysadmin()
        for field in ("title", "description"):
            with pytest.raises(tk.ValidationError) as err:
                call_action("organization_create", {"user": sysadmin["name"]}, name="refused-org",
                            **{"title": "سازمان فضای سبز", field: f"مسئول {raw}"})
            _refused(err, field, masked, raw)
            assert model.Group.get("refused-org") is None

    def test_organization_patch_is_refused_and_no_activity_holds_it(self, publisher):
        """An org admin's organization_patch with a mobile in the description is refused;
        neither the organisation's nor its datasets' activity records hold the number."""
        admin = factories.User()
        org = factories.Organization(users=[{"name": admin["name"], "capacity": "admin"}])
        ds = Dataset(owner_org=org["id"])
        with pytest.raises(tk.ValidationError) as err:
            call_action("organization_patch", {"user": admin["name"]}, id=org["id"],
                        description=f"تلفن همراه مدیر: {MOBILE}")
        _refused(err, "description", MOBILE_MASKED, MOBILE)
        assert MOBILE not in call_action("organization_show", id=org["id"])["description"]
        for action, ident in (("organization_activity_list", org["id"]),
                              ("package_activity_list", ds["id"])):
            activities = call_action(action, id=ident)
            assert MOBILE not in json.dumps(activities, ensure_ascii=False)
        call_action("package_patch", {"user": admin["name"]}, id=ds["id"], notes="به‌روز شد")
        assert MOBILE not in json.dumps(
            call_action("package_activity_list", id=ds["id"]), ensure_ascii=False)

    def test_an_organisation_publishes_its_office_phone_and_mailbox(self):
        """An organisation's description with its landline and office mailbox is saved."""
        sysadmin = factories.Sysadmin()
        text = "روابط عمومی: ۰۲۱-۸۸۸۸۸۸۸۸، opendata@tehran.ir"
        org = call_action("organization_create", {"user": sysadmin["name"]}, name="parks-org",
                          title="سازمان بوستان‌ها", description=text)
        assert org["description"] == text

    @pytest.mark.parametrize(("raw", "masked"), PERSONAL)
    def test_group_create_and_patch_are_screened(self, raw, masked):
        """group_create and group_patch refuse the value; the clean twin is saved."""
        sysadmin = {"user": factories.Sysadmin()["name"]}
        with pytest.raises(tk.ValidationError) as err:
            call_action("group_create", dict(sysadmin), name="refused-group", title=f"گروه {raw}")
        _refused(err, "title", masked, raw)
        assert model.Group.get("refused-group") is None
        group = call_action("group_create", dict(sysadmin), name="air", title="هوا",
                            description="داده‌های کیفیت هوا")
        with pytest.raises(tk.ValidationError) as err:
            call_action("group_patch", dict(sysadmin), id=group["id"], description=f"تماس {raw}")
        _refused(err, "description", masked, raw)
        assert call_action("group_show", id=group["id"])["description"] == "داده‌های کیفیت هوا"


@pytest.mark.usefixtures("clean_db")
class TestUsers:
    @pytest.mark.parametrize(("field", "raw", "masked"), [("fullname", *PERSONAL[0]),
                                                           ("about", *PERSONAL[1])])
    def test_user_create_update_and_patch_are_screened(self, field, raw, masked):
        """user_create, user_update and user_patch refuse the value in full name or about;
        a real name is the user's own and is saved."""
        with pytest.raises(tk.ValidationError) as err:
            call_action("user_create", name="refused-user", email="u@example.com",
                        password="Correct-Horse-9", **{field: f"علی رضایی {raw}"})
        _refused(err, field, masked, raw)
        assert model.User.get("refused-user") is None
        user = factories.User(fullname="علی رضایی", about="کارشناس داده")
        ctx = {"user": user["name"], "ignore_auth": False}
        with pytest.raises(tk.ValidationError) as err:
            call_action("user_patch", dict(ctx), id=user["id"], **{field: f"تماس {raw}"})
        _refused(err, field, masked, raw)
        shown = call_action("user_show", id=user["id"])
        assert (shown["fullname"], shown["about"]) == ("علی رضایی", "کارشناس داده")
        with pytest.raises(tk.ValidationError):
            call_action("user_update", dict(ctx), **{**shown, "email": "u2@example.com",
                                                     field: raw})

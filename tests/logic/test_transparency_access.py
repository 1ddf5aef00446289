"""Access classification: validation, and a restricted dataset's resources kept from
everyone who cannot edit it (package_show, package_search, resource_show, the index)."""

from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action, call_auth

from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index", "web")



RESTRICTED = {
    "access_level": "restricted",
    "access_reason": "privacy",
    "access_review_date": "1404/01/01",
}


def _errors(**fields):
    with pytest.raises(Exception) as info:
        Dataset(**fields)
    return info.value.error_dict


def _ctx(user=None):
    return {"user": user["name"] if user else "", "ignore_auth": False}


@pytest.fixture
def restricted():
    """A restricted dataset with one resource, its organization and its members."""
    org_admin, editor, member = factories.User(), factories.User(), factories.User()
    org = factories.Organization(users=[
        {"name": org_admin["name"], "capacity": "admin"},
        {"name": editor["name"], "capacity": "editor"},
        {"name": member["name"], "capacity": "member"},
    ])
    d = Dataset(
        owner_org=org["id"], license_id="other-closed",
        resources=[{"url": "http://example.com/secret-roster.csv", "name": "فهرست کارکنان", "format": "CSV"}],
        **RESTRICTED,
    )
    return {"dataset": d, "org": org, "admin": org_admin, "editor": editor, "member": member}


class TestValidation:
    def test_default_is_public(self):
        """A dataset without a classification is public, with no reason and no date."""
        shown = call_action("package_show", id=Dataset()["id"])
        assert shown["access_level"] == "public"
        assert not shown.get("access_reason") and not shown.get("access_review_date")

    def test_restricted_needs_reason_and_review_date(self):
        """Restricted without a reason or a review date: bilingual errors on each field."""
        errors = _errors(access_level="restricted")
        assert "دلیل قانونی" in errors["access_reason"][0]
        assert "legal reason" in errors["access_reason"][0]
        assert "review" in errors["access_review_date"][0]

    def test_unknown_reason_is_refused(self):
        """A reason outside the controlled list is refused on access_reason."""
        errors = _errors(**{**RESTRICTED, "access_reason": "embarrassing"})
        assert "embarrassing" in errors["access_reason"][0]

    def test_unknown_level_is_refused(self):
        """Only public and restricted are levels."""
        assert "access_level" in _errors(access_level="secret")

    def test_jalali_review_date_is_stored_iso(self):
        """The review date accepts a Jalali date and is stored as ISO 8601."""
        shown = call_action("package_show", id=Dataset(**RESTRICTED)["id"])
        assert shown["access_review_date"] == "2025-03-21"
        assert shown["access_reason"] == "privacy"

    def test_public_dataset_needs_an_open_licence(self):
        """A closed licence on a public dataset is refused, in both languages."""
        message = _errors(license_id="other-closed")["license_id"][0]
        assert "مجوز باز" in message and "open licence" in message

    def test_unknown_licence_on_a_public_dataset_is_refused(self):
        """A licence the register does not know cannot be shown to be open."""
        assert "license_id" in _errors(license_id="my-own-terms")

    def test_restricted_dataset_may_carry_a_closed_licence(self):
        """The open-licence rule binds public datasets only."""
        d = Dataset(license_id="other-closed", **RESTRICTED)
        assert d["license_id"] == "other-closed"

    def test_public_clears_reason_and_date(self):
        """Making a dataset public drops its stale reason and review date."""
        d = Dataset(**RESTRICTED, license_id="cc-by")
        call_action("package_patch", _ctx(factories.Sysadmin()), id=d["id"], access_level="public")
        shown = call_action("package_show", id=d["id"])
        assert shown["access_level"] == "public" and not shown.get("access_reason")


class TestHiding:
    def test_anonymous_sees_the_record_but_no_resources(self, restricted):
        """The metadata is public; the resources are withheld and counted."""
        shown = call_action("package_show", _ctx(), id=restricted["dataset"]["id"])
        assert shown["title"] == restricted["dataset"]["title"]
        assert shown["access_reason"] == "privacy"
        assert shown["resources"] == [] and shown["resources_withheld"] == 1
        assert "secret-roster" not in str(shown)

    @pytest.mark.parametrize("role,sees", [("member", False), ("editor", True), ("admin", True)])
    def test_organization_roles(self, restricted, role, sees):
        """Editors and admins of the publisher see the resources; members do not."""
        shown = call_action("package_show", _ctx(restricted[role]), id=restricted["dataset"]["id"])
        assert bool(shown["resources"]) is sees

    def test_sysadmin_sees_resources(self, restricted):
        """A sysadmin may edit anything, so sees the resources."""
        shown = call_action("package_show", _ctx(factories.Sysadmin()), id=restricted["dataset"]["id"])
        assert shown["resources"][0]["url"].endswith("secret-roster.csv")

    def test_resource_show_is_refused(self, restricted):
        """resource_show (and so download and DataStore) is refused to non-editors."""
        res_id = model.Package.get(restricted["dataset"]["id"]).resources[0].id
        for user in (None, restricted["member"]):
            with pytest.raises(Exception) as info:
                call_auth("resource_show", _ctx(user), id=res_id)
            assert "restricted" in str(info.value)
        assert call_auth("resource_show", _ctx(restricted["editor"]), id=res_id)

    def test_search_results_carry_no_resources(self, restricted):
        """package_search results (validated and raw data_dict) hold no resources."""
        found = call_action("package_search", _ctx(), q="*:*")
        assert found["results"][0]["resources"] == []
        raw = call_action("package_search", _ctx(), q="*:*", fl="id,data_dict,validated_data_dict")
        assert "secret-roster" not in str(raw)

    def test_index_has_no_resource_names_or_urls(self, restricted):
        """Searching a restricted resource's name or URL finds nothing; facets don't count it."""
        assert call_action("package_search", q="res_url:*secret-roster*")["count"] == 0
        assert call_action("package_search", q="کارکنان")["count"] == 0
        found = call_action("package_search", **{"facet.field": '["res_format"]'})
        assert "CSV" not in found["facets"].get("res_format", {})

    def test_public_dataset_resources_are_indexed(self):
        """The stripping is only for restricted datasets."""
        Dataset(resources=[{"url": "http://example.com/open.csv", "format": "CSV"}])
        assert call_action("package_search", q="res_url:*open.csv*")["count"] == 1

    def test_resource_search_skips_restricted(self, restricted):
        """Core's resource_search does not return a restricted dataset's resources."""
        found = call_action("resource_search", _ctx(), query="url:secret-roster")
        assert found == {"count": 0, "results": []}
        found = call_action("resource_search", _ctx(restricted["editor"]), query="url:secret-roster")
        assert found["count"] == 1

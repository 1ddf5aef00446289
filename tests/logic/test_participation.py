"""Citizen participation: data requests and ratings, actions and auth for every role."""

from __future__ import annotations

import datetime as dt

import pytest
from ckan import logic, model
from ckan.tests import factories
from ckan.tests.helpers import call_action, call_auth

from ckanext.smarttehran.model.participation import DataRequest
from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


def _ctx(user=None):
    return {"user": user["name"] if user else "", "ignore_auth": False}


@pytest.fixture
def dept():
    """A department with an admin, an editor and a member, and a citizen outside it."""
    users = {role: factories.User() for role in ("admin", "editor", "member", "citizen")}
    org = factories.Organization(users=[
        {"name": users[r]["name"], "capacity": r} for r in ("admin", "editor", "member")
    ])
    return {"org": org, **users, "sysadmin": factories.Sysadmin()}


def _ask(dept, **extra):
    return call_action("smarttehran_data_request_create", _ctx(dept["citizen"]),
                       title="فهرست ایستگاه‌های دوچرخه", description="با مختصات و ظرفیت هر ایستگاه",
                       organization_id=dept["org"]["name"], **extra)


class TestDataRequests:
    def test_citizen_asks_and_the_public_sees_it(self, dept):
        """A logged-in citizen's request is listed publicly, open, due in 10 days."""
        req = _ask(dept)
        assert req["status"] == "open" and not req["overdue"]
        due = dt.datetime.fromisoformat(req["due"]) - dt.datetime.fromisoformat(req["created"])
        assert due == dt.timedelta(days=10)
        listed = call_action("smarttehran_data_request_list", _ctx())
        assert listed["count"] == 1 and listed["results"][0]["title"] == "فهرست ایستگاه‌های دوچرخه"
        assert "user_id" not in listed["results"][0]  # the asker is not exposed

    def test_timestamps_carry_their_utc_offset(self, dept):
        """created and due are ISO 8601 with an offset (+00:00), as docs/api.md says."""
        req = _ask(dept)
        for key in ("created", "due"):
            moment = dt.datetime.fromisoformat(req[key])
            assert moment.utcoffset() == dt.timedelta(0), req[key]
            assert req[key].endswith("+00:00")

    def test_anonymous_cannot_ask(self, dept):
        """Asking needs a login."""
        with pytest.raises(logic.NotAuthorized):
            call_auth("smarttehran_data_request_create", _ctx())
        assert call_auth("smarttehran_data_request_list", _ctx())

    def test_personal_data_in_a_request_is_refused(self, dept):
        """A request holding a mobile number is refused with a bilingual message."""
        with pytest.raises(Exception) as info:
            call_action("smarttehran_data_request_create", _ctx(dept["citizen"]), title="درخواست",
                        description="با من تماس بگیرید: 09121234567")
        assert "personal data" in str(info.value.error_dict["description"])

    def test_text_is_stored_as_the_citizen_wrote_it(self, dept):
        """Tanwin, Arabic letters, Persian digits and spacing stay as typed; only the ends
        are trimmed and bidi overrides dropped."""
        title = "لطفاً فهرست كتابخانه‌هاي منطقه ۶"
        description = "سلام،  لطفاً\u202e جدول را بدهید"
        req = call_action("smarttehran_data_request_create", _ctx(dept["citizen"]),
                          title=f"  {title} ", description=description,
                          organization_id=dept["org"]["name"])
        shown = call_action("smarttehran_data_request_show", _ctx(), id=req["id"])
        assert shown["title"] == title
        assert shown["description"] == "سلام،  لطفاً جدول را بدهید"

    def test_personal_data_refusal_names_types_in_persian(self, dept):
        """The refusal names the type in Persian, not by its internal code, and also finds
        a number written in Persian digits."""
        with pytest.raises(logic.ValidationError) as info:
            call_action("smarttehran_data_request_create", _ctx(dept["citizen"]), title="درخواست",
                        description="شماره من ۰۹۱۲۱۲۳۴۵۶۷ است", organization_id=dept["org"]["name"])
        message = str(info.value.error_dict["description"])
        assert "تلفن همراه" in message and "PHONE_MOBILE" not in message

    @pytest.mark.parametrize("role,allowed", [
        ("admin", True), ("editor", True), ("member", False), ("citizen", False), ("sysadmin", True),
    ])
    def test_who_may_answer(self, dept, role, allowed):
        """Only the addressed department's editors and admins (and sysadmins) answer."""
        req = _ask(dept)
        if allowed:
            assert call_auth("smarttehran_data_request_update", _ctx(dept[role]), id=req["id"])
        else:
            with pytest.raises(logic.NotAuthorized):
                call_auth("smarttehran_data_request_update", _ctx(dept[role]), id=req["id"])

    def test_anonymous_may_not_answer(self, dept):
        """Anonymous users answer nothing."""
        req = _ask(dept)
        with pytest.raises(logic.NotAuthorized):
            call_auth("smarttehran_data_request_update", _ctx(), id=req["id"])

    def test_fulfilled_links_to_a_dataset(self, dept):
        """Fulfilling needs a dataset; the request then links to it."""
        req = _ask(dept)
        with pytest.raises(logic.ValidationError):
            call_action("smarttehran_data_request_update", _ctx(dept["editor"]), id=req["id"],
                        status="fulfilled", response="منتشر شد")
        d = Dataset(owner_org=dept["org"]["id"])
        done = call_action("smarttehran_data_request_update", _ctx(dept["editor"]), id=req["id"],
                           status="fulfilled", response="منتشر شد", package_id=d["name"])
        assert done["status"] == "fulfilled" and done["package_id"] == d["id"]

    def test_overdue_after_ten_days(self, dept):
        """An unanswered request past its due date is flagged and counted."""
        req = _ask(dept)
        row = model.Session.get(DataRequest, req["id"])
        row.due = dt.datetime(2020, 1, 1)
        model.Session.commit()
        assert call_action("smarttehran_data_request_show", _ctx(), id=req["id"])["overdue"] is True
        assert call_action("smarttehran_data_request_list", _ctx(), overdue=True)["count"] == 1
        stats = call_action("smarttehran_participation_stats", _ctx())
        assert stats["requests"]["overdue"] == 1
        assert stats["departments"][dept["org"]["name"]]["requests"] == 1


class TestRatings:
    def test_rate_once_and_change(self, dept):
        """One rating per user and dataset; rating again changes it."""
        d = Dataset(owner_org=dept["org"]["id"])
        call_action("smarttehran_rating_create", _ctx(dept["citizen"]), package_id=d["id"], rating=2)
        call_action("smarttehran_rating_create", _ctx(dept["citizen"]), package_id=d["id"], rating=4,
                    comment="داده مفیدی است")
        call_action("smarttehran_rating_create", _ctx(dept["member"]), package_id=d["id"], rating=5)
        shown = call_action("smarttehran_rating_show", _ctx(), package_id=d["name"])
        assert shown["count"] == 2 and shown["average"] == 4.5
        assert shown["comments"] == [{"rating": 4, "comment": "داده مفیدی است", "updated": shown["comments"][0]["updated"]}]
        stats = call_action("smarttehran_participation_stats", _ctx())
        assert stats["ratings"] == {"total": 2, "average": 4.5}
        assert stats["departments"][dept["org"]["name"]]["rating_average"] == 4.5

    @pytest.mark.parametrize("value", [0, 6, "x"])
    def test_out_of_range(self, dept, value):
        """Ratings are 1 to 5."""
        d = Dataset()
        with pytest.raises(Exception) as info:
            call_action("smarttehran_rating_create", _ctx(dept["citizen"]), package_id=d["id"], rating=value)
        assert "1 to 5" in str(info.value)

    def test_comment_with_personal_data_is_refused(self, dept):
        """A comment with an e-mail address is refused before it is ever shown."""
        d = Dataset()
        with pytest.raises(Exception) as info:
            call_action("smarttehran_rating_create", _ctx(dept["citizen"]), package_id=d["id"], rating=3,
                        comment="به من بنویسید ali.rezaei@example.com")
        assert "داده شخصی" in str(info.value.error_dict["comment"])
        assert call_action("smarttehran_rating_show", _ctx(), package_id=d["id"])["count"] == 0

    def test_private_dataset_cannot_be_rated_or_counted(self, dept):
        """Outsiders cannot rate a private dataset; its ratings never reach the stats."""
        d = Dataset(owner_org=dept["org"]["id"], private=True)
        with pytest.raises(logic.NotAuthorized):
            call_action("smarttehran_rating_create", _ctx(dept["citizen"]), package_id=d["id"], rating=5)
        call_action("smarttehran_rating_create", _ctx(dept["editor"]), package_id=d["id"], rating=5)
        assert call_action("smarttehran_participation_stats", _ctx())["ratings"]["total"] == 0

    def test_anonymous_cannot_rate(self, dept):
        """Rating needs a login; reading the average does not."""
        with pytest.raises(logic.NotAuthorized):
            call_auth("smarttehran_rating_create", _ctx())
        assert call_auth("smarttehran_rating_show", _ctx())

    def test_dashboard_shows_participation(self, dept):
        """The transparency stats carry the participation numbers."""
        _ask(dept)
        assert call_action("smarttehran_transparency_stats", _ctx())["participation"]["requests"]["total"] == 1

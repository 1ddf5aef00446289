"""package_search's "did you mean" and retry, and smarttehran_search_suggest, on the real
Solr core (logic/action/search.py, spelling.py)."""

from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.smarttehran import spelling
from tests.factories import Dataset

pytestmark = pytest.mark.usefixtures("clean_db", "clean_index")


@pytest.fixture
def catalog():
    Dataset(name="traffic", title="شمارش ترافیک", notes="حجم ترافیک در تقاطع‌ها")
    Dataset(name="traffic-zone", title="طرح ترافیک", notes="ورود به محدوده طرح ترافیک")
    Dataset(name="traffic-noise", title="صدای ترافیک", notes="ترافیک و صدا")
    Dataset(name="parks", title="بوستان‌های محله", notes="مساحت بوستان و فضای سبز")
    Dataset(name="air", title="کیفیت هوا", notes="شاخص هوا")
    Dataset(name="quake", title="پایگاه‌های مدیریت بحران", notes="اسکان پس از زلزله")
    Dataset(name="culture", title="فرهنگسراهای شهر", notes="مکان فرهنگسرا")
    Dataset(name="budget", title="بودجه مصوب", notes="بودجه سالانه شهرداری")


class TestDidYouMean:
    @pytest.mark.parametrize(
        "typed, fixed, expected",
        [
            ("ترافیگ", "ترافیک", "traffic"),  # ک/گ, neighbouring keys
            ("بوسطان", "بوستان", "parks"),  # ط/ت
            ("حوا", "هوا", "air"),  # ح/ه
            ("زلذله", "زلزله", "quake"),  # ز/ذ
            ("فرهنگصرا", "فرهنگسرا", "culture"),  # س/ص
            ("بودحه", "بودجه", "budget"),  # ح/ج, neighbouring keys
        ],
    )
    def test_nothing_found_is_retried_with_the_correction(self, catalog, typed, fixed, expected):
        """A typo that finds nothing shows the correction's results, and says so."""
        result = call_action("package_search", q=typed)
        assert result[spelling.DID_YOU_MEAN] == fixed
        assert result[spelling.CORRECTED] == typed
        assert expected in [r["name"] for r in result["results"]]
        assert result["count"] == len(result["results"]) > 0

    def test_few_results_get_a_suggestion_but_are_kept(self, catalog):
        """A query that finds one dataset keeps it and is offered the common spelling."""
        Dataset(name="misspelt", title="ترافیگ شبانه", notes="ترافیگ")
        result = call_action("package_search", q="ترافیگ")
        assert [r["name"] for r in result["results"]] == ["misspelt"]
        assert result[spelling.DID_YOU_MEAN] == "ترافیک"
        assert spelling.CORRECTED not in result

    def test_one_misspelt_word_of_two_keeps_results_and_suggests(self, catalog):
        """With one word of two right, the dataset is found and the whole fix is offered."""
        result = call_action("package_search", q="کیفیت حوا")
        assert [r["name"] for r in result["results"]] == ["air"]
        assert result[spelling.DID_YOU_MEAN] == "کیفیت هوا"

    def test_a_good_query_has_no_suggestion(self, catalog):
        """Enough results: no suggestion, no extra request."""
        result = call_action("package_search", q="ترافیک")
        assert result["count"] == 3
        assert result[spelling.DID_YOU_MEAN] is None
        assert spelling.CORRECTED not in result

    def test_nonsense_is_not_corrected_into_something(self, catalog):
        """A query far from every word finds nothing and offers nothing."""
        result = call_action("package_search", q="qqxxzzkk")
        assert result["count"] == 0
        assert result[spelling.DID_YOU_MEAN] is None

    def test_fielded_queries_are_left_alone(self, catalog):
        """q=name:... is CKAN's: no correction key."""
        result = call_action("package_search", q="name:traffic")
        assert [r["name"] for r in result["results"]] == ["traffic"]
        assert spelling.DID_YOU_MEAN not in result

    def test_the_retry_keeps_filters_and_privacy(self, catalog):
        """The corrected search keeps fq, and a private dataset stays hidden from others."""
        org = factories.Organization()
        Dataset(name="secret-traffic", title="ترافیک محرمانه", owner_org=org["id"], private=True)
        anonymous = call_action("package_search", context={"user": "", "ignore_auth": False}, q="ترافیگ")
        assert "secret-traffic" not in [r["name"] for r in anonymous["results"]]
        filtered = call_action("package_search", q="ترافیگ", fq="name:traffic-zone")
        assert [r["name"] for r in filtered["results"]] == ["traffic-zone"]


    def test_private_words_are_never_suggested_to_others(self):
        """A word only a private dataset has is not offered to anonymous users (nor to a
        search without include_private); with include_private, its members get it."""
        org = factories.Organization()
        Dataset(name="secret", title="کاروانسرا", owner_org=org["id"], private=True)
        anonymous = call_action("package_search", context={"user": "", "ignore_auth": False}, q="کاروانصرا")
        assert anonymous[spelling.DID_YOU_MEAN] is None and anonymous["count"] == 0
        public_only = call_action("package_search", q="کاروانصرا")
        assert public_only[spelling.DID_YOU_MEAN] is None
        with_private = call_action("package_search", q="کاروانصرا", include_private=True)
        assert with_private[spelling.DID_YOU_MEAN] == "کاروانسرا"
        assert [r["name"] for r in with_private["results"]] == ["secret"]


class TestSuggest:
    def test_titles_by_word_prefixes(self, catalog):
        """Half-typed words find the titles that start with them, in any letter form."""
        result = call_action("smarttehran_search_suggest", q="طرح تراف")
        assert [d["name"] for d in result["datasets"]] == ["traffic-zone"]
        assert result["datasets"][0]["title"] == "طرح ترافیک"
        arabic = call_action("smarttehran_search_suggest", q="فرهنگسراهاي")  # Arabic yeh
        assert [d["name"] for d in arabic["datasets"]] == ["culture"]

    def test_places_from_the_gazetteer(self, catalog):
        """A neighbourhood's name (Persian or Latin) and a district are suggested with their pages."""
        from ckanext.smarttehran import gazetteer

        n = gazetteer.neighborhood("601")
        result = call_action("smarttehran_search_suggest", q=n["name_fa"][:4])
        assert {"type": "neighborhood", "code": "601", "name_fa": n["name_fa"], "name_en": n["name_en"],
                "url": "/neighborhood/601"} in result["places"]
        latin = call_action("smarttehran_search_suggest", q=n["name_en"][:5].lower())
        assert "601" in [p["code"] for p in latin["places"]]
        district = call_action("smarttehran_search_suggest", q="منطقه ۶")
        assert district["places"][0]["url"] == "/district/6"

    def test_private_titles_are_not_suggested_to_others(self, catalog):
        """Suggestions come through package_search: what a user may not see is not suggested."""
        org = factories.Organization()
        Dataset(name="secret", title="طرح محرمانه", owner_org=org["id"], private=True)
        result = call_action("smarttehran_search_suggest", context={"user": "", "ignore_auth": False},
                             q="طرح")
        assert [d["name"] for d in result["datasets"]] == ["traffic-zone"]

    @pytest.mark.parametrize("q", ["", "   ", "***", "a:b", "{!lucene}x", "تر" * 200])
    def test_odd_input_is_harmless(self, catalog, q):
        """Empty text, Solr syntax and very long text give lists, never an error."""
        result = call_action("smarttehran_search_suggest", q=q)
        assert isinstance(result["datasets"], list) and isinstance(result["places"], list)

    def test_limit(self, catalog):
        """``limit`` bounds each list; a bad limit is a validation error."""
        import ckan.plugins.toolkit as tk

        result = call_action("smarttehran_search_suggest", q="ت", limit=1)
        assert len(result["datasets"]) <= 1 and len(result["places"]) <= 1
        with pytest.raises(tk.ValidationError):
            call_action("smarttehran_search_suggest", q="ت", limit="many")

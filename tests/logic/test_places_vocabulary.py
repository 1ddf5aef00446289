"""Vocabulary and gazetteer actions: open to everyone, stable codes, bilingual labels."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action, call_auth

ANON = {"user": "", "ignore_auth": False}


class TestVocabularyList:
    def test_lists_every_vocabulary_with_counts(self):
        """The list names each vocabulary the schema uses, with its number of codes."""
        result = {v["name"]: v for v in call_action("smarttehran_vocabulary_list", context=dict(ANON))}
        assert result["dimensions"]["count"] == 6
        assert result["axes"]["count"] == 5
        assert result["goals"]["count"] == 58
        assert result["neighborhoods"]["count"] == 375
        assert result["districts"]["count"] == 23
        assert result["dimensions"]["title"]["fa"]


class TestVocabularyShow:
    def test_goals_have_code_dimension_axes_and_labels(self):
        """Each goal has a stable code, its dimension, its axes and fa/en text."""
        goals = call_action("smarttehran_vocabulary_show", context=dict(ANON), name="goals")["items"]
        first = goals[0]
        assert first["code"] == "economy.01"
        assert first["dimension"] == "economy"
        assert first["axes"] and first["fa"] and first["en"]

    def test_neighborhoods_come_without_geometry(self):
        """The neighbourhood list carries codes, district, names and bbox, no boundary."""
        doc = call_action("smarttehran_vocabulary_show", context=dict(ANON), name="neighborhoods")
        item = next(i for i in doc["items"] if i["code"] == "601")
        assert item["district"] == 6 and len(item["bbox"]) == 4
        assert "geometry" not in item

    def test_unknown_vocabulary_is_not_found(self):
        """An unknown name is a 404 with a bilingual message."""
        with pytest.raises(tk.ObjectNotFound, match="unknown vocabulary"):
            call_action("smarttehran_vocabulary_show", context=dict(ANON), name="colours")


class TestPlaces:
    def test_neighborhood_show_has_boundary(self):
        """A neighbourhood comes with its GeoJSON boundary."""
        place = call_action("smarttehran_neighborhood_show", context=dict(ANON), code="601")
        assert place["geometry"]["type"] in ("Polygon", "MultiPolygon")

    def test_neighborhood_list_filters_by_district_and_name(self):
        """The list filters by district and finds names in any spelling."""
        in_six = call_action("smarttehran_neighborhood_list", context=dict(ANON), district="6")
        assert in_six and all(n["district"] == 6 for n in in_six)
        name = in_six[0]["name_fa"]
        arabic = name.replace("ی", "ي").replace("ک", "ك")
        found = call_action("smarttehran_neighborhood_list", context=dict(ANON), q=arabic)
        assert in_six[0]["code"] in {n["code"] for n in found}

    def test_district_show_lists_its_neighborhoods(self):
        """District 6 lists its neighbourhoods."""
        place = call_action("smarttehran_district_show", context=dict(ANON), district="6")
        assert {n["district"] for n in place["neighborhoods"]} == {6}

    @pytest.mark.parametrize("number", ["۶", "٦", "06", " 6 "])
    def test_district_show_reads_any_digits(self, number):
        """Persian, Arabic-Indic and zero-padded digits name the same district."""
        place = call_action("smarttehran_district_show", context=dict(ANON), district=number)
        assert place["code"] == call_action("smarttehran_district_show", context=dict(ANON), district="6")["code"]

    def test_neighborhood_show_reads_any_digits(self):
        """Neighbourhood ۶۰۱ is 601."""
        place = call_action("smarttehran_neighborhood_show", context=dict(ANON), code="۶۰۱")
        assert str(place["code"]) == "601"

    def test_neighborhood_list_honours_limit_and_offset(self):
        """limit and offset page through the whole list (they were ignored without q);
        without them every neighbourhood comes back."""
        every = call_action("smarttehran_neighborhood_list", context=dict(ANON))
        assert len(every) > 300
        first = call_action("smarttehran_neighborhood_list", context=dict(ANON), limit="۵")
        assert [n["code"] for n in first] == [n["code"] for n in every[:5]]
        page = call_action("smarttehran_neighborhood_list", context=dict(ANON), limit=5, offset=5)
        assert [n["code"] for n in page] == [n["code"] for n in every[5:10]]
        in_six = call_action("smarttehran_neighborhood_list", context=dict(ANON), district="6", limit=3)
        assert len(in_six) == 3 and {n["district"] for n in in_six} == {6}

    def test_unknown_district_is_not_found(self):
        """District 23 does not exist."""
        with pytest.raises(tk.ObjectNotFound):
            call_action("smarttehran_district_show", context=dict(ANON), district="23")


@pytest.mark.usefixtures("clean_db")
@pytest.mark.parametrize(
    "action",
    [
        "smarttehran_vocabulary_list", "smarttehran_vocabulary_show", "smarttehran_neighborhood_list",
        "smarttehran_neighborhood_show", "smarttehran_district_show", "smarttehran_slug_show",
    ],
)
def test_reads_are_open_to_everyone(action):
    """Anonymous users and any logged-in user may call the read actions."""
    user = factories.User()
    assert call_auth(action, context={"user": "", "model": None})
    assert call_auth(action, context={"user": user["name"], "model": None})

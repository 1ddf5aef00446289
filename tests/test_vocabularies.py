"""Tests for the smart-city vocabularies in ``schemas/vocabularies/`` (no database needed)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ckanext.smarttehran import persian
from ckanext.smarttehran import vocabularies as v

ZWNJ = persian.ZWNJ


def test_every_vocabulary_loads_with_bilingual_items():
    """Every vocabulary has items with a unique code and non-empty fa and en labels."""
    for name in v.NAMES:
        items = v.items(name)
        assert items, name
        assert len({i["code"] for i in items}) == len(items), name
        for item in items:
            assert item["fa"].strip() and item["en"].strip(), (name, item["code"])


def test_dimensions_and_axes():
    """Six dimensions and five axes, with the policy's Persian names."""
    assert v.codes("dimensions") == [
        "economy",
        "mobility",
        "environment",
        "infrastructure",
        "governance",
        "living",
    ]
    assert v.codes("axes") == [
        "sustainable_development",
        "urban_innovation",
        "citizen_satisfaction",
        "participation_transparency",
        "efficient_management",
    ]
    assert v.label("dimensions", "governance") == "حکمرانی هوشمند"
    assert v.label("axes", "efficient_management") == f"نظام{ZWNJ}های مدیریت و خدمات کارآمد"


def test_goal_counts_per_dimension():
    """The policy lists 58 goals: 11, 5, 9, 7, 14 and 12 per dimension."""
    counts = Counter(g["dimension"] for g in v.goals())
    assert counts == {
        "economy": 11,
        "mobility": 5,
        "environment": 9,
        "infrastructure": 7,
        "governance": 14,
        "living": 12,
    }
    assert len(v.goals()) == 58


def test_goal_codes_follow_the_scheme():
    """Goal codes are <dimension>.<NN>, numbered 01.. in list order within each dimension."""
    for g in v.goals():
        assert re.fullmatch(r"[a-z]+\.\d{2}", g["code"])
        assert g["code"] == f"{g['dimension']}.{g['order']:02d}"


def test_goals_have_existing_axes():
    """Every goal maps to at least one known axis, and each axis has goals."""
    axis_codes = set(v.codes("axes"))
    for g in v.goals():
        assert g["axes"] and set(g["axes"]) <= axis_codes, g["code"]
        assert g["axes_source"] in ("table", "inferred")
    for axis in axis_codes:
        assert v.goals(axis=axis), axis


def test_goals_missing_from_the_table_are_marked():
    """Only the four goals absent from the policy's table have editor-assigned axes."""
    inferred = [g["code"] for g in v.goals() if g["axes_source"] == "inferred"]
    assert inferred == ["economy.09", "economy.10", "economy.11", "mobility.03"]


def test_goal_lookup_and_filters():
    """goal() finds one goal by code and goals() filters by dimension and axis."""
    assert (
        v.goal("governance.09")["fa"]
        == f"توسعه رویکرد داده{ZWNJ}باز و به اشتراک{ZWNJ}گذاری اطلاعات"
    )
    assert v.goal("nope.01") is None
    both = v.goals(dimension="mobility", axis="efficient_management")
    assert [g["code"] for g in both] == ["mobility.02", "mobility.03"]


@pytest.mark.parametrize(
    "broken",
    [" ها ", " های ", "سیاستها", "میشود", "کسبوکار", "حملونقل", "بانگاه", "مینا", "ي", "ك", "|"],
)
def test_persian_text_is_cleaned(broken):
    """The seed's missing ZWNJs, Arabic letters and typos are fixed in every Persian label."""
    for name in v.NAMES:
        assert broken not in f" {v.vocabulary(name)['title']['fa']} ", name
        for item in v.items(name):
            assert broken not in f" {item['fa']} ", (name, item["code"])


def test_persian_text_is_normalised():
    """Persian goal labels are already in normalize() form and use ZWNJs where needed."""
    for g in v.goals():
        assert persian.normalize(g["fa"]) == g["fa"], g["code"]
    assert f"کسب{ZWNJ}وکار" in v.goal("economy.01")["fa"]
    assert f"حمل{ZWNJ}ونقل" in v.goal("mobility.02")["fa"]


def test_districts():
    """Districts are "1".."22" plus "citywide"."""
    assert v.codes("districts") == [str(n) for n in range(1, 23)] + ["citywide"]
    assert v.label("districts", "6", "en") == "District 6"
    # Stored like every Persian text (Latin digits, as the API returns them); pages show ۶.
    assert v.label("districts", "6", "fa") == "منطقه 6"
    for d in v.districts():
        assert persian.normalize(d["fa"]) == d["fa"], d["code"]


def test_frequencies_map_to_eu_uris_and_durations():
    """Each frequency has an EU frequency URI; regular ones have an ISO 8601 duration."""
    base = "http://publications.europa.eu/resource/authority/frequency/"
    for f in v.frequencies():
        assert f["uri"].startswith(base)
        assert f["duration"] is None or re.fullmatch(r"P(T\d+[HM]|\d+[DWMY])", f["duration"])
    assert v.frequency("daily")["uri"] == base + "DAILY"
    assert v.frequency("daily")["duration"] == "P1D"
    assert v.frequency("irregular")["duration"] is None


def test_indicators_name_their_edition_and_dimension():
    """Indicators are ISO 37120:2014 sections, each tied to a known dimension."""
    dims = set(v.codes("dimensions"))
    for i in v.indicators():
        assert i["standard"] == "ISO 37120:2014"
        assert i["code"] == f"iso37120-2014:{i['section']}"
        assert i["dimension"] in dims
    assert v.indicators("environment")[0]["section"] == "8.1"


def test_choices():
    """choices() gives scheming choices with both labels, or one language's string."""
    both = v.choices("dimensions")
    assert both[0] == {"value": "economy", "label": {"fa": "اقتصاد هوشمند", "en": "Smart economy"}}
    fa = v.choices("goals", "fa")
    assert len(fa) == 58
    assert fa[0]["value"] == "economy.01"
    assert fa[0]["label"] == v.label("goals", "economy.01", "fa")  # no code on pages
    assert "economy.01" not in fa[0]["label"]


def test_unknown_vocabulary():
    """Asking for a vocabulary that does not exist raises KeyError."""
    with pytest.raises(KeyError):
        v.vocabulary("colours")

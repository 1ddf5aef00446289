"""The dashboard's numbers (smarttehran_transparency_stats), overdue and the scores."""

from __future__ import annotations

import datetime as dt

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action, call_auth

from ckanext.smarttehran.transparency import overdue, scores
from tests.factories import Dataset


class TestOverdue:
    NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)

    def test_durations(self):
        """ISO 8601 durations add calendar months and clock time; rubbish is refused."""
        start = dt.datetime(2024, 1, 31, tzinfo=dt.UTC)
        assert overdue.add_duration(start, "P1M") == dt.datetime(2024, 2, 29, tzinfo=dt.UTC)
        assert overdue.add_duration(start, "P1Y") == dt.datetime(2025, 1, 31, tzinfo=dt.UTC)
        assert overdue.add_duration(start, "PT1H") == start + dt.timedelta(hours=1)
        assert overdue.add_duration(start, "P1W") == start + dt.timedelta(days=7)
        with pytest.raises(ValueError):
            overdue.parse_duration("monthly")

    def test_monthly_dataset_is_overdue_after_a_month(self):
        """Last update + frequency duration passed: overdue; before it: not."""
        pkg = {"update_frequency": "monthly", "metadata_modified": "2025-04-15T10:00:00"}
        assert overdue.next_update(pkg) == "2025-05-15T10:00:00+00:00"
        assert overdue.is_overdue(pkg, self.NOW)
        assert not overdue.is_overdue({**pkg, "update_frequency": "annual"}, self.NOW)

    def test_resources_give_the_last_update(self):
        """The latest resource change counts, not a later metadata edit."""
        pkg = {
            "update_frequency": "monthly", "metadata_modified": "2025-05-30T00:00:00",
            "resources": [{"last_modified": "2025-01-01T00:00:00", "created": "2024-01-01T00:00:00"}],
        }
        assert overdue.last_update(pkg).startswith("2025-01-01")
        assert overdue.is_overdue(pkg, self.NOW)

    def test_irregular_is_never_overdue(self):
        """A frequency without a duration expects no next update."""
        pkg = {"update_frequency": "irregular", "metadata_modified": "2000-01-01T00:00:00"}
        assert overdue.next_update(pkg) is None and not overdue.is_overdue(pkg, self.NOW)


class TestScores:
    @pytest.mark.parametrize("fmt,expected", [
        ("PDF", 1), ("XLSX", 2), ("CSV", 3), ("GeoJSON", 3), ("JSON-LD", 4), ("ttl", 4), ("", 1),
    ])
    def test_stars_by_format(self, fmt, expected):
        """The 5-star scheme by format (the fifth star is never guessed)."""
        assert scores.stars({"format": fmt, "url": "http://x/y"}) == expected

    def test_no_stars_without_an_open_licence(self):
        """Without an open licence a resource has no star."""
        assert scores.stars({"format": "CSV"}, license_open=False) == 0

    def test_completeness_names_what_is_missing(self):
        """Each criterion counts once; the missing ones are listed."""
        pkg = {"notes": "x", "license_id": "cc-by", "smart_dimension": ["mobility"],
               "resources": [{"id": "r", "format": "CSV"}]}
        result = scores.completeness(pkg, data_dictionary=False)
        assert result["met"] == ["description", "license", "dimension", "machine_readable"]
        assert result["score"] == 50
        assert "contact" in result["missing"] and "data_dictionary" in result["missing"]


@pytest.mark.usefixtures("clean_db", "clean_index", "web")
class TestStatsAction:
    def test_anonymous_may_read_the_stats(self):
        """Anyone, logged in or not, may call smarttehran_transparency_stats."""
        assert call_auth("smarttehran_transparency_stats", {"user": ""})

    def test_counts_only_what_the_public_sees(self):
        """Private datasets count nowhere; restricted ones count as restricted, with reason."""
        org = factories.Organization()
        Dataset(owner_org=org["id"], smart_dimension=["mobility"], strategic_axis=["sustainable_development"],
                smart_goal=["mobility.05"], district=["6"])
        Dataset(owner_org=org["id"], smart_dimension=["mobility"], access_level="restricted",
                access_reason="classified", access_review_date="2026-01-01", license_id="other-closed")
        Dataset(owner_org=org["id"], smart_dimension=["economy"], private=True, district=["6"])
        sysadmin = factories.Sysadmin()
        stats = call_action("smarttehran_transparency_stats", {"user": sysadmin["name"]})
        assert stats["datasets"] == 2
        assert stats["access"] == {**stats["access"], "public": 1, "restricted": 1}
        assert {"code": "classified", "article": "13", "datasets": 1} in stats["access"]["reasons"]
        assert stats["dimensions"]["mobility"] == 2 and stats["dimensions"]["economy"] == 0
        assert {"district": "6", "datasets": 1} in stats["districts"]
        assert len(stats["districts"]) == 22
        mobility = next(r for r in stats["dimension_axis"] if r["dimension"] == "mobility")
        cell = next(c for c in mobility["cells"] if c["axis"] == "sustainable_development")
        assert cell["datasets"] == 1
        assert {"code": "mobility.05", "datasets": 1} in cell["goals"]
        assert "mobility.05" not in stats["goals_without_datasets"]
        assert "economy.01" in stats["goals_without_datasets"]
        assert stats["departments"][0]["name"] == org["name"]
        assert stats["departments"][0]["datasets"] == 2

    def test_scorecard_per_department(self):
        """Completeness and openness averages per department come from the index."""
        org = factories.Organization()
        Dataset(owner_org=org["id"], resources=[{"url": "http://example.com/a.csv", "format": "CSV"}])
        Dataset(owner_org=org["id"], resources=[{"url": "http://example.com/a.pdf", "format": "PDF"}])
        dept = call_action("smarttehran_transparency_stats")["departments"][0]
        assert dept["openness"] == 2.0  # (3 + 1) / 2
        assert 0 < dept["completeness"] <= 100

    def test_overdue_list(self):
        """A dataset whose expected update has passed is listed and searchable as overdue."""
        d = Dataset(update_frequency="daily")
        from ckan import model
        pkg = model.Package.get(d["id"])
        pkg.metadata_modified = dt.datetime(2020, 1, 1)
        model.Session.commit()
        from ckan.lib.search import rebuild
        rebuild(d["id"])
        stats = call_action("smarttehran_transparency_stats")
        assert stats["overdue"]["count"] == 1
        assert stats["overdue"]["datasets"][0]["name"] == d["name"]
        assert call_action("package_search", fq="overdue:true")["count"] == 1

    def test_dataset_transparency_show(self):
        """One dataset's facts: access, schedule, completeness and openness."""
        d = Dataset(resources=[{"url": "http://example.com/a.csv", "format": "CSV"}])
        facts = call_action("smarttehran_dataset_transparency_show", {"user": ""}, id=d["name"])
        assert facts["access_level"] == "public" and facts["access_reason"] is None
        assert facts["next_update"] > facts["last_update"] and facts["overdue"] is False
        assert facts["openness"]["max"] == 3
        assert "machine_readable" in facts["completeness"]["met"]


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_reindex_overdue_command(cli):
    """`ckan smarttehran transparency reindex-overdue` flags a dataset that became overdue."""
    from ckan import model
    from ckan.lib.search import rebuild

    from ckanext.smarttehran.cli import smarttehran

    d = Dataset(update_frequency="daily")
    assert call_action("package_search", fq="overdue:true")["count"] == 0
    # The data ages in the database without a re-index: the flag is stale.
    pkg = model.Package.get(d["id"])
    pkg.metadata_modified = dt.datetime(2020, 1, 1)
    model.Session.commit()
    rebuild(d["id"])  # index with the old date: now overdue:true...
    from ckan.lib.search.index import PackageSearchIndex
    doc = call_action("package_show", id=d["id"])
    # ...then put back a stale "not overdue" document, as if indexed before the date passed.
    from ckanext.smarttehran.transparency import indexing as ti
    original = ti.before_index
    ti.before_index = lambda p: {**original(p), "overdue": "false"}
    try:
        PackageSearchIndex().index_package({**doc, "metadata_modified": "2020-01-01T00:00:00"})
    finally:
        ti.before_index = original
    assert call_action("package_search", fq="overdue:true")["count"] == 0
    result = cli.invoke(smarttehran, ["transparency", "reindex-overdue"])
    assert result.exit_code == 0, result.output
    assert "Re-indexed 1" in result.output
    assert call_action("package_search", fq="overdue:true")["count"] == 1

"""The seed catalog (seed_datasets/) and its loader (ckanext.smarttehran.seed)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from pathlib import Path

import ckan.lib.plugins as lib_plugins
import ckan.plugins.toolkit as tk
import pytest
import yaml
from ckan import model
from ckan.cli.cli import ckan as ckan_command
from ckan.lib import uploader
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.smarttehran import persian, seed, vocabularies

BLOCKED_DATASET = "citizen-requests-137"
OVERDUE_DATASET = "monthly-pollutants"


@pytest.fixture
def clean_datastore(clean_db, clean_index):
    """A fresh DataStore database too (as ckanext.datastore's own tests do)."""
    from ckanext.datastore.tests import helpers as ds_helpers

    engine = ds_helpers.db.get_write_engine()
    ds_helpers.rebuild_all_dbs(ds_helpers.orm.scoped_session(ds_helpers.orm.sessionmaker(bind=engine)))


@pytest.fixture
def storage(ckan_config, monkeypatch, tmp_path):
    monkeypatch.setitem(ckan_config, "ckan.storage_path", str(tmp_path))
    return tmp_path


def _run(names=None) -> seed.Summary:
    *_outcomes, summary = seed.load(names=names)
    return summary


class TestSeedFiles:
    def test_every_dimension_has_six_datasets(self):
        """At least 36 datasets, and each of the six dimensions is on at least six."""
        metas = seed.datasets()
        counts = Counter(d for m in metas for d in m["smart_dimension"])
        assert len(metas) >= 36
        assert set(counts) == set(vocabularies.codes("dimensions"))
        assert min(counts.values()) >= 6, counts

    def test_every_key_is_a_schema_field_and_every_field_is_used(self):
        """Seed files use only schema fields (no typo is silently dropped) and use them all."""
        fields = seed.schema_fields()
        used = set()
        for meta in seed.datasets():
            unknown = set(meta) - fields - seed.LOADER_KEYS
            assert not unknown, (meta["name"], unknown)
            used |= set(meta)
            for res in meta.get("resources") or []:
                assert set(res) <= seed.RESOURCE_FIELDS | seed.RESOURCE_LOADER_KEYS, res
                assert seed.file_path(res).is_file(), res["file"]
        assert fields - used == set(), "schema fields no seed dataset uses"

    def test_policy_cases_are_present(self):
        """Two restricted datasets with reasons, one back-dated monthly dataset, one blocked upload."""
        metas = {m["name"]: m for m in seed.datasets()}
        restricted = [m for m in metas.values() if m.get("access_level") == "restricted"]
        assert len(restricted) >= 2
        assert all(m.get("access_reason") and m.get("access_review_date") for m in restricted)
        today = dt.date.today()
        assert all(persian.parse_date(str(m["access_review_date"])) > today for m in restricted)
        overdue = metas[OVERDUE_DATASET]
        assert overdue["update_frequency"] == "monthly"
        assert any(r.get("last_modified") for r in overdue["resources"])
        blocked = [r for m in metas.values() for r in m.get("resources") or [] if r.get("expect")]
        assert [r["file"] for r in blocked] == ["citizen-requests-137/requests-137-raw-export.csv"]

    def test_metadata_passes_the_privacy_screening(self):
        """No title, description, keyword or resource text of a seed dataset reads as personal data."""
        from ckanext.smarttehran import privacy

        found = []
        for meta in seed.datasets():
            texts = [meta.get(k) for k in ("title", "title_en", "notes", "notes_en", "tag_string")]
            texts += [r.get(k) for r in meta.get("resources") or [] for k in ("name", "description")]
            found += [(meta["name"], f.type) for t in texts if t for f in privacy.scan_text(t)]
        assert found == []

    def test_only_the_personal_data_file_fails_the_file_screening(self):
        """Every seed file passes the privacy verdict except the one marked ``expect: blocked``."""
        from ckanext.smarttehran.screening import verdict

        statuses = {
            res["file"]: verdict.screen_path(str(seed.file_path(res)), res["file"]).status
            for meta in seed.datasets() for res in meta.get("resources") or []
        }
        blocked = sorted(f for f, status in statuses.items() if status != "pass")
        assert blocked == ["citizen-requests-137/requests-137-raw-export.csv"]

    def test_seed_folder_is_small(self):
        """The whole seed folder stays under 5 MB."""
        folder = seed.seed_folder()
        assert sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) < 5_000_000

    def test_generated_files_are_the_committed_ones(self, tmp_path, monkeypatch):
        """dev/make_seed_data.py is deterministic and its outputs are committed unchanged."""
        import importlib.util

        from ckanext.smarttehran import paths

        spec = importlib.util.spec_from_file_location(
            "make_seed_data", paths.seed_dir().parent / "dev" / "make_seed_data.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        monkeypatch.setattr(module, "OUT", tmp_path)
        module.main()
        committed = seed.seed_folder() / "files"
        for made in sorted(p for p in tmp_path.rglob("*") if p.is_file()):
            rel = made.relative_to(tmp_path)
            assert _sha(made) == _sha(committed / rel), rel


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.usefixtures("clean_db")
class TestSeedValidation:
    def test_every_seed_dataset_validates_against_the_schema(self):
        """Each seed dataset passes the scheming validation of package_create (no Solr needed)."""
        user = seed.site_user()
        seed.load_organizations(user)
        plugin = lib_plugins.lookup_package_plugin("dataset")
        failures = {}
        for meta in seed.datasets():
            data, _ignored = seed.package_fields(meta)
            context = {"user": user, "model": model, "session": model.Session}
            _data, errors = lib_plugins.plugin_validate(
                plugin, context, {**data, "type": "dataset"}, plugin.create_package_schema(),
                "package_create",
            )
            if errors:
                failures[meta["name"]] = errors
        assert failures == {}

    def test_utm_extent_is_stored_in_wgs84(self):
        """The dataset whose extent is given in UTM 39N is stored as WGS84 inside Tehran."""
        user = seed.site_user()
        seed.load_organizations(user)
        meta = next(m for m in seed.datasets() if m.get("spatial_crs") == "EPSG:32639")
        data, _ = seed.package_fields(meta)
        plugin = lib_plugins.lookup_package_plugin("dataset")
        context = {"user": user, "model": model, "session": model.Session}
        out, errors = lib_plugins.plugin_validate(
            plugin, context, {**data, "type": "dataset"}, plugin.create_package_schema(),
            "package_create",
        )
        assert not errors
        lon, lat = json.loads(out["spatial"])["coordinates"][0][0]
        assert 51 < lon < 52 and 35 < lat < 36


@pytest.mark.usefixtures("clean_datastore", "storage")
class TestSeedLoad:
    def test_loading_twice_gives_the_same_catalog(self):
        """A second load changes nothing: same ids, same metadata_modified, all unchanged."""
        first = _run()
        assert first.failed is False, [o.errors for o in first.outcomes if o.errors]
        assert first.count(seed.CREATED) == len(seed.datasets())
        before = {p["name"]: (p["id"], p["metadata_modified"]) for p in _all_packages()}
        assert len(before) == len(seed.datasets())
        # Every table in the DataStore has its preview, made after its load from the
        # dataset as stored (the search index's cached copy predates datastore_active).
        tables = [r for p in _all_packages() for r in p["resources"] if r.get("datastore_active")]
        assert len(tables) >= 20
        without = [r["name"] for r in tables if "datatables_view" not in
                   {v["view_type"] for v in call_action("resource_view_list", id=r["id"])}]
        assert without == []

        second = _run()
        assert second.count(seed.UNCHANGED) == len(seed.datasets())
        assert second.organizations["unchanged"] == len(seed.organizations())
        after = {p["name"]: (p["id"], p["metadata_modified"]) for p in _all_packages()}
        assert after == before

    def test_changed_seed_content_updates_the_dataset(self, monkeypatch):
        """When a seed file changes, only that dataset is updated, in place."""
        _run(["parks"])
        original = call_action("package_show", id="parks")
        changed = [
            {**m, "title_en": "Parks of Tehran"} if m["name"] == "parks" else m
            for m in seed.datasets()
        ]
        monkeypatch.setattr(seed, "datasets", lambda: changed)
        summary = _run(["parks"])
        assert [o.status for o in summary.outcomes] == [seed.UPDATED]
        updated = call_action("package_show", id="parks")
        assert updated["id"] == original["id"]
        assert updated["title_en"] == "Parks of Tehran"
        assert len(updated["resources"]) == 1

    def test_seeding_as_a_named_user_shows_in_the_activity_stream(self):
        """CKAN hides the site user's activity: loaded as the demo sysadmin (make demo's
        --user), a dataset's stream tells citizens it was created."""
        admin = factories.Sysadmin()
        _run(["parks"])
        assert call_action("package_activity_list", id="parks") == []
        *_, summary = seed.load(user=admin["name"], names=["metro-stations"])
        assert summary.failed is False
        stream = call_action("package_activity_list", id="metro-stations")
        assert "new package" in {a["activity_type"] for a in stream}
        assert {a["user_id"] for a in stream} == {admin["id"]}

    def test_upload_missing_from_storage_is_loaded_again(self):
        """Demo databases met by an empty storage folder (a new clone): the dataset whose
        file is gone is loaded again, and its file is back; the others stay unchanged."""
        _run(["parks", "metro-stations"])
        before = call_action("package_show", id="parks")
        upload = next(r for r in before["resources"] if r["url_type"] == "upload")
        path = Path(uploader.get_resource_uploader(upload).get_path(upload["id"]))
        path.unlink()

        summary = _run(["parks", "metro-stations"])

        assert {o.name: o.status for o in summary.outcomes} == {
            "parks": seed.UPDATED,
            "metro-stations": seed.UNCHANGED,
        }
        after = call_action("package_show", id="parks")
        assert after["id"] == before["id"]
        assert [r["name"] for r in after["resources"]] == [r["name"] for r in before["resources"]]
        for res in after["resources"]:
            assert Path(uploader.get_resource_uploader(res).get_path(res["id"])).is_file()

    def test_tabular_uploads_are_queryable_in_the_datastore(self):
        """A seeded CSV is an upload and its rows answer datastore_search."""
        summary = _run(["metro-stations"])
        assert summary.outcomes[0].datastore == ["metro-stations/tehran-metro-stations.csv"]
        pkg = call_action("package_show", id="metro-stations")
        csv_res = next(r for r in pkg["resources"] if r["format"] == "CSV")
        assert csv_res["url_type"] == "upload"
        assert pkg["license_id"] == "odc-odbl"
        found = call_action("datastore_search", resource_id=csv_res["id"], q="Tajrish")
        assert found["total"] >= 1
        sql = f'SELECT count(*) AS n FROM "{csv_res["id"]}" WHERE lines LIKE \'%1%\''
        rows = call_action("datastore_search_sql", sql=sql)["records"]
        assert int(rows[0]["n"]) > 20

    def test_utm_extent_survives_the_resource_uploads(self):
        """The extent entered in UTM 39N is still in Tehran after its files are added."""
        meta = next(m for m in seed.datasets() if m.get("spatial_crs") == "EPSG:32639")
        summary = _run([meta["name"]])
        assert summary.failed is False, summary.outcomes[0].errors
        pkg = call_action("package_show", id=meta["name"])
        lon, lat = json.loads(pkg["spatial"])["coordinates"][0][0]
        assert 51 < lon < 52 and 35 < lat < 36

    def test_overdue_dataset_keeps_its_old_last_update(self):
        """The back-dated monthly dataset's resource keeps its 2023 last_modified."""
        _run([OVERDUE_DATASET])
        pkg = call_action("package_show", id=OVERDUE_DATASET)
        assert pkg["resources"][0]["last_modified"].startswith("2023-03-15")

    def test_personal_data_upload_is_stopped(self):
        """The synthetic complaints export with national IDs never becomes a resource."""
        summary = _run([BLOCKED_DATASET])
        outcome = summary.outcomes[0]
        assert outcome.stopped == ["citizen-requests-137/requests-137-raw-export.csv"]
        assert outcome.errors == []
        pkg = call_action("package_show", id=BLOCKED_DATASET)
        assert [r["name"] for r in pkg["resources"]] == ["درخواست‌های ماهانه به تفکیک منطقه و موضوع"]
        # a second run leaves it as it is
        assert _run([BLOCKED_DATASET]).outcomes[0].status == seed.UNCHANGED

    def test_stopped_upload_report_is_visible_to_its_publisher(self):
        """An editor of the publishing organization reads the blocked screening; anonymous cannot."""
        outcome = _run([BLOCKED_DATASET]).outcomes[0]
        [screening_id] = outcome.screenings
        editor = factories.User()
        call_action("organization_member_create", id="tehran-ict", username=editor["name"], role="editor")
        report = call_action(
            "smarttehran_privacy_report_show", {"user": editor["name"], "ignore_auth": False}, id=screening_id
        )
        assert report["status"] == "blocked"
        assert "national_id" in json.dumps(report, ensure_ascii=False)
        with pytest.raises(tk.NotAuthorized):
            call_action("smarttehran_privacy_report_show", {"user": "", "ignore_auth": False}, id=screening_id)

    def test_cli_prints_the_summary(self, cli):
        """`ckan smarttehran seed --only NAME` loads that dataset and prints the counts."""
        result = cli.invoke(ckan_command, ["smarttehran", "seed", "--only", "parks"])
        assert result.exit_code == 0, result.output
        assert "Datasets: 1 created, 0 unchanged, 0 updated" in result.output
        result = cli.invoke(ckan_command, ["smarttehran", "seed", "--only", "parks"])
        assert "Datasets: 0 created, 1 unchanged, 0 updated" in result.output


def _all_packages() -> list[dict]:
    return call_action("package_search", rows=1000, include_private=True)["results"]


def test_restricted_seed_datasets_have_no_files():
    """Restricted datasets are metadata-only records in the seed."""
    for meta in seed.datasets():
        if meta.get("access_level") == "restricted":
            assert not meta.get("resources"), meta["name"]


def test_dataset_names_are_unique():
    """Each seed file names a distinct dataset."""
    names = [yaml.safe_load(p.read_text("utf-8"))["name"] for p in (seed.seed_folder() / "datasets").glob("*.yaml")]
    assert len(names) == len(set(names))

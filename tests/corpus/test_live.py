"""The corpus through the live API: an editor uploads each file with ``resource_create``;
the personal file ends refused (during the request, or by the background job), the clean
twin is published, and no anonymous read path shows any synthetic value.

Real PostgreSQL, Solr, Redis and DataStore; one fresh database per family.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action
from werkzeug.datastructures import FileStorage

from tests.conftest import MIGRATED_PLUGINS, _migrated_tables_exist
from tests.corpus import judge, passing
from tests.corpus.generator import PUBLISHED, REFUSED, UNSCREENABLE, Case, corpus
from tests.factories import Dataset

ROOT = Path(__file__).resolve().parents[2]
FAMILIES_RUN = sorted(passing.selected(passing.LIVE))
TABULAR = (".csv", ".tsv", ".xlsx")
CLEAN_PER_DATASET = 10


@pytest.fixture(scope="module")
def org(reset_db, reset_index, migrate_db_for) -> dict[str, Any]:
    """A fresh database and index (as ``clean_db`` and ``clean_index`` make them, once for
    the module: the corpus is large) and an organisation with an editor."""
    if not p.plugin_loaded("smarttehran"):
        p.load_all()
    reset_db()
    reset_index()
    if not model.repo.tables_created_and_initialised or not _migrated_tables_exist():
        for plugin in MIGRATED_PLUGINS:
            migrate_db_for(plugin)
    editor = factories.User()
    return {"editor": editor,
            "org": factories.Organization(users=[{"name": editor["name"], "capacity": "editor"}])}


def _anon() -> dict[str, Any]:
    return {"user": "", "ignore_auth": False}


def _run_worker() -> None:
    """`ckan jobs worker --burst smarttehran:privacy`, as in production."""
    subprocess.run(
        [str(Path(sys.executable).with_name("ckan")), "-c", tk.config["__file__"], "jobs", "worker",
         "--burst", "smarttehran:privacy"],
        check=True, cwd=ROOT, capture_output=True, timeout=600,
    )


def _records(dataset_id: str) -> list[dict[str, Any]]:
    return call_action("smarttehran_privacy_report_list", package_id=dataset_id, limit=1000)["results"]


def _visible(dataset_id: str) -> list[dict[str, Any]]:
    return call_action("package_show", _anon(), id=dataset_id)["resources"]


def _submit(editor: dict[str, Any], dataset_id: str, case: Case) -> dict[str, Any]:
    """Upload ``case`` as the editor: the refusal message, or the call's answer."""
    name = f"corpus {case.id}"
    try:
        out = call_action(
            "resource_create", {"user": editor["name"], "ignore_auth": False},
            package_id=dataset_id, name=name,
            upload=FileStorage(stream=io.BytesIO(case.data), filename=case.filename),
        )
    except tk.ValidationError as err:
        return {"name": name, "message": str(err.error_dict),
                "sid": (err.error_dict.get("privacy_screening_id") or [None])[0]}
    except Exception as exc:  # a crash is an outcome to report, not a reason to stop
        return {"name": name, "crash": f"{type(exc).__name__}: {str(exc)[:200]}"}
    # A resource saved held for background screening carries its record's summary.
    summary = out.get("privacy_screening") or {}
    return {"name": name, "message": "",
            "sid": summary.get("id") or (out.get("id") if "status" in out else None)}


def _resolve(sub: dict[str, Any], visible: dict[str, dict[str, Any]],
             records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What became of one upload once any background screening has run.

    ``published`` when an anonymous user sees the resource; else ``unscreenable`` or
    ``refused`` from its screening record (``refused`` also for a refusal that came
    before any screening, from the metadata).
    """
    if "crash" in sub:
        return {"outcome": "crash: " + sub["crash"], "types": set(), "message": ""}
    rec = records.get(sub.get("sid") or "")
    status = rec["status"] if rec else None
    if sub["name"] in visible:
        outcome = PUBLISHED
    elif status == "error":
        outcome = UNSCREENABLE
    elif sub["message"] or status == "blocked":
        outcome = REFUSED
    else:
        outcome = f"neither published nor refused (record {status})"
    types: set[str] = set()
    if rec:
        shown = call_action("smarttehran_privacy_report_show", id=rec["id"])
        types = {i["type"] for i in (shown.get("report") or {}).get("items") or []}
    return {"outcome": outcome, "types": types, "message": sub["message"], "status": status}


@pytest.fixture(scope="module")
def uploads(org) -> dict[str, Any]:
    """Every selected case uploaded by the editor: personal files into one public dataset,
    clean twins into another; background screening (if any) run; outcome per case id."""
    personal = Dataset(owner_org=org["org"]["id"], title="corpus personal")
    # Clean twins in datasets of a few resources each: every resource_create re-indexes
    # its dataset and copies it into the activity stream.
    clean: list[dict[str, Any]] = []
    submitted = {}
    for case in CASES:
        if case.twin == "personal":
            dataset = personal
        else:
            if not clean or len(clean[-1]["_cases"]) >= CLEAN_PER_DATASET:
                clean.append({**Dataset(owner_org=org["org"]["id"], title=f"corpus clean {len(clean)}"),
                              "_cases": []})
            dataset = clean[-1]
            dataset["_cases"].append(case.id)
        submitted[case.id] = (case, _submit(org["editor"], dataset["id"], case))
    target = {"personal": personal, **{f"clean {i}": d for i, d in enumerate(clean)}}
    if any(r["status"] in ("pending", "running") for d in target.values() for r in _records(d["id"])):
        _run_worker()
    visible = {r["name"]: r for d in target.values() for r in _visible(d["id"])}
    records = {r["id"]: r for d in target.values() for r in _records(d["id"])}
    outcomes = {cid: _resolve(sub, visible, records) for cid, (_c, sub) in submitted.items()}
    if os.environ.get("SMARTTEHRAN_CORPUS_OUT"):  # for tests/corpus/README.md's status run
        with open(os.environ["SMARTTEHRAN_CORPUS_OUT"], "w", encoding="utf-8") as out:
            json.dump({cid: {**o, "types": sorted(o["types"]), "message": o["message"][:300],
                             "expect": submitted[cid][0].expect,
                             "missing": sorted(submitted[cid][0].types - o["types"])}
                       for cid, o in outcomes.items()}, out, ensure_ascii=False, indent=1)
    return {"datasets": target, "outcomes": outcomes}


CASES = [c for c in corpus() if c.family in FAMILIES_RUN]


@pytest.mark.parametrize("family", FAMILIES_RUN)
def test_editor_upload_is_refused_and_the_clean_twin_published(family, uploads):
    """The personal file ends refused (naming its types when a screening report exists),
    the clean twin is published; no refusal message quotes a value."""
    for case in (c for c in CASES if c.family == family):
        got = uploads["outcomes"][case.id]
        assert got["outcome"] == case.expect, (case.id, got.get("status"), got["message"][:300])
        if case.expect == REFUSED and got["types"]:
            assert case.types <= got["types"], (case.id, got["types"])
        assert judge.leaked(case, [got["message"]]) + judge.partly_leaked(case, [got["message"]]) == [], case.id


def test_no_anonymous_read_path_shows_a_synthetic_value(uploads, app):
    """package_show, resource_show, package_search (index and answers), datastore_search,
    the dataset and resource pages, DCAT Turtle and the activity stream of the dataset the
    personal files were uploaded to, read anonymously, hold none of the corpus's values."""
    personal = [c for c in CASES if c.twin == "personal"]
    ds = uploads["datasets"]["personal"]
    texts = [str(call_action("package_show", _anon(), id=ds["id"]))]
    for res in _visible(ds["id"]):  # a personal file that got through (a failing case)
        texts.append(str(call_action("resource_show", _anon(), id=res["id"])))
        texts.append(app.get(f"/dataset/{ds['name']}/resource/{res['id']}").get_data(as_text=True))
        if res["url"].lower().endswith(TABULAR):
            from ckanext.smarttehran.screening import load_into_datastore

            load_into_datastore(res["id"])
            texts.append(str(call_action("datastore_search", _anon(), resource_id=res["id"], limit=1000)))
    texts.append(str(call_action("package_search", _anon(), q=f"id:{ds['id']}")))
    texts.append(app.get(f"/dataset/{ds['name']}").get_data(as_text=True))
    texts.append(app.get(f"/dataset/{ds['name']}.ttl").get_data(as_text=True))
    texts.append(str(call_action("package_activity_list", _anon(), id=ds["id"])))
    values = sorted({v for c in personal for v in c.values})
    for start in range(0, len(values), 200):
        query = " OR ".join(f'"{v}"' for v in values[start : start + 200])
        found = call_action("package_search", _anon(), q=query, include_private=True)
        assert found["count"] == 0, "a synthetic value is in the search index"
    leaks = {c.id: judge.leaked(c, texts) for c in personal}
    assert {cid: hit for cid, hit in leaks.items() if hit} == {}
    assert len(personal) == len(FAMILIES_RUN)

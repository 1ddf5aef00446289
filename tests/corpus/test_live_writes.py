"""The corpus's writes that are not files, through the live API as the user an attacker
would be: each personal write refused (a ValidationError, nothing saved), each clean twin
saved, and no anonymous read (API, pages, DCAT, activity, DataStore, requests) showing any
synthetic value. Real PostgreSQL, Solr and DataStore."""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.conftest import MIGRATED_PLUGINS, _migrated_tables_exist
from tests.corpus import judge, passing
from tests.corpus.generator import PUBLISHED, REFUSED, Case
from tests.corpus.writes import Write, writes
from tests.factories import Dataset

FAMILIES_RUN = sorted(passing.selected_writes(passing.LIVE_WRITES))
WRITES = [w for w in writes() if w.family in FAMILIES_RUN]


def _ctx(user: dict[str, Any] | None) -> dict[str, Any]:
    return {"user": user["name"] if user else "", "ignore_auth": False}


def _as_case(w: Write) -> Case:
    return Case(w.family, w.twin, "", b"", w.expect, values=w.values)


@pytest.fixture(scope="module")
def site(reset_db, reset_index, migrate_db_for) -> dict[str, Any]:
    """A fresh database (as ``clean_db`` makes it, once for the module), an organisation
    with an editor and an admin, a public dataset with a resource, a citizen, a sysadmin."""
    if not p.plugin_loaded("smarttehran"):
        p.load_all()
    reset_db()
    reset_index()
    if not model.repo.tables_created_and_initialised or not _migrated_tables_exist():
        for plugin in MIGRATED_PLUGINS:
            migrate_db_for(plugin)
    editor, admin, citizen = factories.User(), factories.User(), factories.User()
    org = factories.Organization(users=[{"name": editor["name"], "capacity": "editor"},
                                        {"name": admin["name"], "capacity": "admin"}])
    dataset = Dataset(owner_org=org["id"])
    resource = call_action("resource_create", _ctx(editor), package_id=dataset["id"], url="",
                           name="جدول")
    return {"editor": editor, "admin": admin, "citizen": citizen, "sysadmin": factories.Sysadmin(),
            "org": org, "dataset": dataset, "resource": resource, "groups": []}


def _apply(site: dict[str, Any], w: Write) -> None:
    """Run one write as the user who would make it."""
    d = dict(w.data)
    if w.kind == "dataset":
        call_action("package_patch", _ctx(site["editor"]), id=site["dataset"]["id"], **d)
    elif w.kind == "resource":
        call_action("resource_patch", _ctx(site["editor"]), id=site["resource"]["id"], **d)
    elif w.kind == "view":
        call_action("resource_view_create", _ctx(site["editor"]), resource_id=site["resource"]["id"],
                    view_type="datatables_view", **d)
    elif w.kind == "organization":
        call_action("organization_patch", _ctx(site["admin"]), id=site["org"]["id"], **d)
    elif w.kind == "group":
        name = f"corpus-group-{len(site['groups'])}"
        site["groups"].append(name)
        call_action("group_create", _ctx(site["sysadmin"]), name=name, **d)
    elif w.kind == "user":
        call_action("user_patch", _ctx(site["citizen"]), id=site["citizen"]["id"], **d)
    elif w.kind == "datastore":
        res = call_action("resource_create", _ctx(site["editor"]), package_id=site["dataset"]["id"],
                          url="", name=f"جدول {w.id}")
        call_action("datastore_create", _ctx(site["editor"]), resource_id=res["id"], force=True, **d)
    elif w.kind == "request":
        call_action("smarttehran_data_request_create", _ctx(site["citizen"]), organization_id=site["org"]["id"], **d)
    elif w.kind == "rating":
        call_action("smarttehran_rating_create", _ctx(site["citizen"]), package_id=site["dataset"]["id"],
                    rating=4, **d)
    else:  # pragma: no cover - a typo in writes.py
        raise AssertionError(w.kind)


@pytest.fixture(scope="module")
def outcomes(site) -> dict[str, dict[str, Any]]:
    """Every selected write applied in turn: ``refused`` (a ValidationError), ``published``
    or ``crash: ...``, and the refusal's text."""
    out = {}
    for w in WRITES:
        try:
            _apply(site, w)
        except tk.ValidationError as err:
            out[w.id] = {"outcome": REFUSED, "message": str(err.error_dict)}
        except Exception as exc:  # an outcome to report, not a reason to stop
            out[w.id] = {"outcome": f"crash: {type(exc).__name__}: {str(exc)[:200]}", "message": ""}
        else:
            out[w.id] = {"outcome": PUBLISHED, "message": ""}
    return out


@pytest.mark.parametrize("family", FAMILIES_RUN)
def test_personal_write_is_refused_and_the_clean_twin_saved(family, outcomes):
    """The personal write is refused, its message quoting no value; the clean one saved."""
    for w in (w for w in WRITES if w.family == family):
        got = outcomes[w.id]
        assert got["outcome"] == w.expect, (w.id, got["message"][:300])
        assert judge.leaked(_as_case(w), [got["message"]]) + judge.partly_leaked(_as_case(w), [got["message"]]) == [], w.id


def _read(fn, *args, **kwargs) -> str:
    try:
        return str(fn(*args, **kwargs))
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return ""


def test_no_anonymous_read_shows_a_refused_value(outcomes, site, app):
    """Read anonymously after every write: dataset, resources, views, DataStore tables,
    organisation, groups, user, activity, data requests, pages and DCAT hold none of the
    refused writes' values."""
    anon = _ctx(None)
    ds, org = site["dataset"], site["org"]
    texts = [_read(call_action, "package_show", anon, id=ds["id"])]
    for res in call_action("package_show", anon, id=ds["id"])["resources"]:
        texts.append(_read(call_action, "resource_show", anon, id=res["id"]))
        texts.append(_read(call_action, "resource_view_list", anon, id=res["id"]))
        texts.append(_read(call_action, "datastore_search", anon, resource_id=res["id"]))
        texts.append(_read(call_action, "datastore_info", anon, id=res["id"]))
    texts.append(_read(call_action, "organization_show", anon, id=org["id"]))
    texts.append(_read(call_action, "group_list", anon, all_fields=True))
    texts.append(_read(call_action, "user_show", anon, id=site["citizen"]["id"]))
    texts.append(_read(call_action, "package_activity_list", anon, id=ds["id"]))
    texts.append(_read(call_action, "organization_activity_list", anon, id=org["id"]))
    texts.append(_read(call_action, "smarttehran_data_request_list", anon))
    texts.append(_read(call_action, "package_search", anon, q="*:*", rows=100))
    for url in (f"/dataset/{ds['name']}", f"/dataset/{ds['name']}.ttl", f"/organization/{org['name']}",
                f"/user/{site['citizen']['name']}"):
        texts.append(app.get(url).get_data(as_text=True))
    refused = [w for w in WRITES if w.twin == "personal"]
    leaks = {w.id: judge.leaked(_as_case(w), texts) for w in refused}
    assert {wid: hit for wid, hit in leaks.items() if hit} == {}
    assert len(refused) == len(FAMILIES_RUN)

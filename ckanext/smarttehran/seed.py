"""Load the seed catalog (``seed_datasets/``) into CKAN: ``ckan smarttehran seed``.

- ``seed_datasets/organizations.yaml``: the publishing departments (CKAN organizations).
- ``seed_datasets/datasets/*.yaml``: one dataset each, with the fields of
  ``schemas/dataset.yaml`` plus ``resources``: a list of ``{file, name, name_en,
  description, format}`` where ``file`` is a path under ``seed_datasets/files/``. Two
  optional resource keys only the loader reads: ``expect: blocked`` marks the upload the
  privacy screening must stop, and ``last_modified`` back-dates the resource's last update
  (the overdue example: the transparency code takes a dataset's last update from it).

Files are uploaded like a browser upload (a werkzeug ``FileStorage``), so they are
screened, stored under ``ckan.storage_path`` and served by CKAN; tabular files that pass
are loaded into the DataStore. Loading is idempotent: each dataset carries the hash of
its seed content (metadata and file bytes) in the extra ``smarttehran_seed``; a dataset
whose hash matches is not touched (its ``metadata_modified`` stays), one whose hash
differs is updated and its files uploaded again. See docs/seed.md.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import mimetypes
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import yaml
from ckan import model
from ckan.lib import uploader
from werkzeug.datastructures import FileStorage

from ckanext.smarttehran import paths, persian

log = logging.getLogger(__name__)

SEED_EXTRA = "smarttehran_seed"
LOADER_KEYS = {"resources"}
RESOURCE_FIELDS = {"name", "name_en", "description", "format"}
RESOURCE_LOADER_KEYS = {"file", "expect", "last_modified"}
TABULAR = {".csv", ".xlsx"}
BLOCKED = "blocked"

CREATED, UNCHANGED, UPDATED = "created", "unchanged", "updated"


@dataclass
class Outcome:
    """What loading one dataset did."""

    name: str
    status: str = UNCHANGED
    stopped: list[str] = field(default_factory=list)  # uploads stopped by the screening
    screenings: list[str] = field(default_factory=list)  # their screening record ids
    not_stopped: list[str] = field(default_factory=list)  # expected to be stopped, were not
    datastore: list[str] = field(default_factory=list)  # resources loaded into the DataStore
    loaders: set[str] = field(default_factory=set)  # which DataStore loader(s) did it
    errors: list[str] = field(default_factory=list)


@dataclass
class Summary:
    organizations: dict[str, int] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    ignored_fields: set[str] = field(default_factory=set)

    @property
    def datastore_loaders(self) -> list[str]:
        """Which DataStore loaders were used: ``screening`` (issue 4's) and/or ``seed``."""
        return sorted({name for o in self.outcomes for name in o.loaders if name})

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return any(o.errors for o in self.outcomes)


# --- reading the seed folder ---------------------------------------------------------


def seed_folder() -> Path:
    return paths.seed_dir()


def organizations() -> list[dict[str, Any]]:
    return yaml.safe_load((seed_folder() / "organizations.yaml").read_text("utf-8"))


def datasets() -> list[dict[str, Any]]:
    """Every dataset file, ordered by file name."""
    return [
        yaml.safe_load(path.read_text("utf-8"))
        for path in sorted((seed_folder() / "datasets").glob("*.yaml"))
    ]


def schema_fields() -> set[str]:
    """The dataset field names of ``schemas/dataset.yaml``."""
    schema = yaml.safe_load((paths.schemas_dir() / "dataset.yaml").read_text("utf-8"))
    return {f["field_name"] for f in schema["dataset_fields"]}


def file_path(resource: dict[str, Any]) -> Path:
    return seed_folder() / "files" / resource["file"]


def package_fields(meta: dict[str, Any], fields: set[str] | None = None) -> tuple[dict, set[str]]:
    """The schema fields of a seed dataset, and the names of keys the schema lacks."""
    fields = schema_fields() if fields is None else fields
    keep = {k: v for k, v in meta.items() if k in fields}
    ignored = set(meta) - fields - LOADER_KEYS
    for key in ("smart_dimension", "strategic_axis", "smart_goal", "district", "neighborhood",
                "indicators"):
        if key in keep:
            keep[key] = [str(v) for v in keep[key]]
    for key in ("temporal_start", "temporal_end", "access_review_date"):
        if key in keep:
            keep[key] = str(keep[key])
    return keep, ignored


def content_hash(pkg: dict[str, Any], resources: list[dict[str, Any]]) -> str:
    """The hash of a dataset's seed content, written with the letters a-p only.

    Letters only, so that the privacy screening of extras never reads a run of its
    digits as an identifier.
    """
    digest = hashlib.sha256(json.dumps(pkg, sort_keys=True, ensure_ascii=False).encode())
    for res in resources:
        digest.update(json.dumps(res, sort_keys=True, ensure_ascii=False).encode())
        digest.update(hashlib.sha256(file_path(res).read_bytes()).digest())
    return digest.hexdigest()[:32].translate(str.maketrans("0123456789", "ghijklmnop"))


# --- loading -------------------------------------------------------------------------


def _context(user: str) -> dict[str, Any]:
    return {"user": user, "model": model, "session": model.Session}


def site_user() -> str:
    return tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]


_ORG_SHOW_LEAN = {
    "include_datasets": False, "include_users": False, "include_groups": False,
    "include_tags": False, "include_followers": False, "include_extras": True,
}


@contextmanager
def _one_search_commit() -> Iterator[None]:
    """Index without a Solr commit per dataset change, and commit once at the end."""
    from ckan.lib import search

    before = tk.config.get("ckan.search.solr_commit")
    tk.config["ckan.search.solr_commit"] = False
    try:
        yield
    finally:
        tk.config["ckan.search.solr_commit"] = before
        search.commit()


def load_organizations(user: str) -> dict[str, int]:
    """Create the organizations that are missing, update those that changed."""
    counts = {CREATED: 0, UNCHANGED: 0, UPDATED: 0}
    for org in organizations():
        wanted = {
            "name": org["name"],
            "title": org["title"],
            "description": f"{org['description']}\n\n{org['title_en']}: {org['description_en']}",
            "extras": [
                {"key": "title_en", "value": org["title_en"]},
                {"key": "description_en", "value": org["description_en"]},
            ],
        }
        try:
            found = tk.get_action("organization_show")(
                _context(user), {"id": org["name"], **_ORG_SHOW_LEAN}
            )
        except tk.ObjectNotFound:
            tk.get_action("organization_create")(_context(user), wanted)
            counts[CREATED] += 1
            continue
        extras = {e["key"]: e["value"] for e in found.get("extras") or []}
        same = (
            found["title"] == wanted["title"]
            and found["description"] == wanted["description"]
            and extras == {e["key"]: e["value"] for e in wanted["extras"]}
        )
        if same:
            counts[UNCHANGED] += 1
        else:
            tk.get_action("organization_patch")(_context(user), {"id": found["id"], **wanted})
            counts[UPDATED] += 1
    return counts


def load(user: str | None = None, names: list[str] | None = None) -> Iterator[Outcome | Summary]:
    """Load the organizations, then each dataset; yields an ``Outcome`` per dataset, then the ``Summary``.

    ``names`` restricts loading to those datasets (the organizations are always loaded).
    """
    user = user or site_user()
    summary = Summary()
    summary.organizations = load_organizations(user)
    fields = schema_fields()
    with _one_search_commit():
        for meta in datasets():
            if names is not None and meta["name"] not in names:
                continue
            outcome = load_dataset(meta, user, fields, summary)
            summary.outcomes.append(outcome)
            yield outcome
    yield summary


def load_dataset(
    meta: dict[str, Any], user: str, fields: set[str], summary: Summary
) -> Outcome:
    pkg, ignored = package_fields(meta, fields)
    summary.ignored_fields |= ignored
    resources = meta.get("resources") or []
    wanted_hash = content_hash(pkg, resources)
    outcome = Outcome(meta["name"])
    existing = _existing(meta["name"])
    if existing is not None and _seed_hash(existing) == wanted_hash and _complete(existing, resources):
        return outcome
    data = {**pkg, "extras": [{"key": SEED_EXTRA, "value": wanted_hash}], "resources": []}
    try:
        if existing is None:
            created = tk.get_action("package_create")(_context(user), data)
            outcome.status = CREATED
        else:
            created = tk.get_action("package_update")(_context(user), {**data, "id": existing["id"]})
            outcome.status = UPDATED
    except tk.ValidationError as e:
        model.Session.rollback()
        outcome.errors.append(f"dataset: {e.error_summary}")
        return outcome
    for res in resources:
        _load_resource(created["id"], res, user, outcome)
    return outcome


def _existing(name: str) -> dict[str, Any] | None:
    try:
        return tk.get_action("package_show")({"ignore_auth": True}, {"id": name})
    except tk.ObjectNotFound:
        return None


def _seed_hash(pkg: dict[str, Any]) -> str | None:
    for extra in pkg.get("extras") or []:
        if extra.get("key") == SEED_EXTRA:
            return extra.get("value")
    return pkg.get(SEED_EXTRA)


def _complete(pkg: dict[str, Any], resources: list[dict[str, Any]]) -> bool:
    """Every upload that should pass is there, its file too (a crash half-way, or demo
    databases met by a new clone whose storage folder is empty, is loaded again)."""
    have = {r.get("name") for r in pkg.get("resources") or []}
    return all(
        persian.normalize(r.get("name")) in have for r in resources if r.get("expect") != BLOCKED
    ) and all(_file_stored(r) for r in pkg.get("resources") or [] if r.get("url_type") == "upload")


def _file_stored(resource: dict[str, Any]) -> bool:
    path = uploader.get_resource_uploader(resource).get_path(resource["id"])
    return os.path.isfile(path)


def _load_resource(package_id: str, res: dict[str, Any], user: str, outcome: Outcome) -> None:
    path = file_path(res)
    data = {k: v for k, v in res.items() if k in RESOURCE_FIELDS}
    mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    with path.open("rb") as stream:
        upload = FileStorage(stream=stream, filename=path.name, content_type=mimetype)
        try:
            created = tk.get_action("resource_create")(
                _context(user), {**data, "package_id": package_id, "upload": upload}
            )
        except tk.ValidationError as e:
            model.Session.rollback()
            if res.get("expect") == BLOCKED:
                outcome.stopped.append(res["file"])
                outcome.screenings += e.error_dict.get("privacy_screening_id") or []
            else:
                outcome.errors.append(f"{res['file']}: {e.error_summary}")
            return
    if res.get("expect") == BLOCKED:
        outcome.not_stopped.append(res["file"])
        return
    if path.suffix.lower() in TABULAR and not created.get("datastore_active"):
        try:
            outcome.loaders.add(load_into_datastore(created, path, user))
            outcome.datastore.append(res["file"])
        except (tk.ValidationError, ValueError) as e:
            outcome.errors.append(f"{res['file']} (DataStore): {e}")
    if res.get("last_modified"):
        tk.get_action("resource_patch")(
            _context(user), {"id": created["id"], "last_modified": str(res["last_modified"])}
        )


# --- DataStore -----------------------------------------------------------------------


def _screening_loader():
    """The privacy screening's DataStore loader (loads only what passed), if it exists."""
    try:
        from ckanext.smarttehran.screening.datastore_load import load_into_datastore
    except ImportError:
        return None
    return load_into_datastore


def load_into_datastore(resource: dict[str, Any], path: Path, user: str) -> str:
    """Load a passed tabular resource into the DataStore (synchronously); returns the loader used.

    The screening's loader is used when it is there; if it fails on a file (it reads the
    stored upload itself), the seed's own loader loads the seed file the same way: every
    column as text, like the screening's loader does.
    """
    if not _datastore_enabled():
        return ""
    loader = _screening_loader()
    if loader is not None:
        try:
            loader(resource["id"])
            return "screening"
        except Exception as e:  # noqa: BLE001 - any failure of theirs falls back to ours
            if type(e).__name__ == "NotScreened":
                raise ValueError(str(e)) from e
            log.warning("screening DataStore loader failed on %s (%s); seed loader used",
                        resource["id"], type(e).__name__)
    header, rows = read_table(path)
    fields = [{"id": h, "type": "text"} for h in header]
    records = [dict(zip(header, r, strict=False)) for r in rows]
    tk.get_action("datastore_create")(
        _context(user),
        {"resource_id": resource["id"], "fields": fields, "records": records, "force": True},
    )
    return "seed"


def _datastore_enabled() -> bool:
    from ckan.plugins import plugin_loaded

    return plugin_loaded("datastore")


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV, or of the first sheet of an XLSX, as strings."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        rows = [["" if v is None else str(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
    else:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    return rows[0], rows[1:]

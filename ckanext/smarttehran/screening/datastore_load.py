"""Loading a screened CSV, TSV or XLSX resource into the DataStore.

``load_into_datastore(resource_id)`` is the one public entry point (the seed loader
calls it too). It refuses a resource whose latest screening is not ``pass`` or
``override``, and loads exactly the bytes that passed (their sha256 is on the screening
record): the stored upload after checking its hash, or a URL's screened copy. Every
column is loaded as text: types are left to the publisher's Data Dictionary, so a code
like ``01234`` keeps its leading zero.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import logging
import os
from collections.abc import Iterator
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.lib import uploader

from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.screening import quarantine, records

log = logging.getLogger(__name__)

BATCH = 5000
MAX_FIELD = 63


class NotScreened(Exception):
    """The resource has not passed privacy screening."""


def screening_passed(resource_id: str) -> bool:
    """Whether the resource's latest file screening is ``pass`` or ``override``."""
    latest = records.latest_for_resource(resource_id)
    return latest is not None and latest["status"] in records.PASSED


def load_into_datastore(resource_id: str) -> int:
    """Load a passed tabular resource into the DataStore; returns the rows loaded.

    Raises NotScreened when its screening has not passed, ValueError for a format
    that is not CSV, TSV or XLSX.
    """
    screening = records.latest_for_resource(resource_id)
    if screening is None or screening["status"] not in records.PASSED:
        raise NotScreened(
            bilingual(
                "این منبع هنوز از بررسی حریم خصوصی نگذشته است.",
                "This resource has not passed privacy screening.",
            )
        )
    from ckanext.smarttehran.screening.ingest import SKIP

    context = {"ignore_auth": True, "user": "", SKIP: True}
    resource = tk.get_action("resource_show")(context.copy(), {"id": resource_id})
    # A reload (an updated file, a queued job after a direct load) replaces the table.
    with contextlib.suppress(tk.ObjectNotFound):
        tk.get_action("datastore_delete")(context.copy(), {"resource_id": resource_id, "force": True})
    with _screened_file(resource, screening) as path:
        header, rows = _read(path, resource)
        fields = [{"id": f, "type": "text"} for f in header]
        total = 0
        first = True
        for batch in _batches(rows, header):
            action = "datastore_create" if first else "datastore_upsert"
            payload: dict[str, Any] = {"resource_id": resource_id, "records": batch,
                                       "force": True}
            if first:
                payload.update(fields=fields)
            else:
                payload["method"] = "insert"
            tk.get_action(action)(context.copy(), payload)
            first = False
            total += len(batch)
        if first:
            tk.get_action("datastore_create")(
                context.copy(), {"resource_id": resource_id, "fields": fields, "force": True}
            )
    log.info("datastore load %s: %d rows", resource_id, total)
    _create_table_views(context, resource)
    return total


def _create_table_views(context: dict[str, Any], resource: dict[str, Any]) -> None:
    """The default views that read the DataStore (a table preview), now that it has rows.

    CKAN creates default views when a resource is created, before its rows are loaded,
    so a view that needs the DataStore is made here (as ckanext-xloader does).
    """
    # Not the search index's cached copy of the dataset: it can predate datastore_active.
    fresh = {**context, "use_cache": False}
    loaded = tk.get_action("resource_show")(fresh.copy(), {"id": resource["id"]})
    package = tk.get_action("package_show")(fresh.copy(), {"id": loaded["package_id"]})
    # A view is recorded in the activity stream, which needs a real user: the site's.
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    tk.get_action("resource_create_default_resource_views")(
        {**context, "user": site_user},
        {"resource": loaded, "package": package, "create_datastore_views": True},
    )


@contextlib.contextmanager
def _screened_file(resource: dict[str, Any], screening: dict[str, Any]) -> Iterator[str]:
    """The exact bytes that passed: the stored upload, or the URL's screened copy, each
    checked against the screening's sha256. A URL is never fetched again here (a server
    may answer differently the second time): without its copy, it must be screened again.
    """
    if resource.get("url_type") == "upload":
        path = uploader.get_resource_uploader(dict(resource)).get_path(resource["id"])
    else:
        path = quarantine.screened_path(screening["id"])
    try:
        yield quarantine.verified(path, screening["sha256"])
    except quarantine.Mismatch:
        raise NotScreened(
            bilingual(
                "پروندهٔ این منبع همان پرونده‌ای نیست که از بررسی حریم خصوصی گذشت؛ "
                "دوباره بررسی شود (ckan smarttehran privacy rescan).",
                "This resource's file is not the one that passed privacy screening; "
                "screen it again (ckan smarttehran privacy rescan).",
            )
        ) from None


def _fmt(path: str, resource: dict[str, Any]) -> str:
    fmt = (resource.get("format") or "").lower().lstrip(".")
    if not fmt:
        fmt = os.path.splitext(resource.get("url") or "")[1].lower().lstrip(".")
    with open(path, "rb") as f:
        if f.read(4) == b"PK\x03\x04":
            return "xlsx"
    return fmt if fmt in ("csv", "tsv", "xlsx") else "csv"


def _read(path: str, resource: dict[str, Any]) -> tuple[list[str], Iterator[list[str]]]:
    fmt = _fmt(path, resource)
    if fmt == "xlsx":
        return _read_xlsx(path)
    return _read_csv(path, "\t" if fmt == "tsv" else ",")


def _encoding(path: str) -> str:
    with open(path, "rb") as f:
        head = f.read(65536)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1256"


def _read_csv(path: str, delimiter: str) -> tuple[list[str], Iterator[list[str]]]:
    stream = open(path, encoding=_encoding(path), errors="replace", newline="")  # noqa: SIM115
    reader = csv.reader(stream, delimiter=delimiter)
    header = _field_ids(next(reader, []))

    def rows() -> Iterator[list[str]]:
        try:
            yield from reader
        finally:
            stream.close()

    return header, rows()


def _read_xlsx(path: str) -> tuple[list[str], Iterator[list[str]]]:
    import openpyxl

    # A stream, not the path: CKAN stores uploads without an extension, and openpyxl
    # refuses a path that does not end in .xlsx.
    stream = open(path, "rb")  # noqa: SIM115 (closed with the workbook below)
    book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = _field_ids(["" if v is None else str(v) for v in next(values, ())])

    def rows() -> Iterator[list[str]]:
        try:
            for row in values:
                yield ["" if v is None else str(v) for v in row]
        finally:
            book.close()
            stream.close()

    return header, rows()


def _field_ids(names: list[str]) -> list[str]:
    """DataStore column ids: non-empty, unique, not starting with ``_``, at most 63 chars."""
    out: list[str] = []
    for i, name in enumerate(names):
        base = (name or "").strip().replace('"', "").lstrip("_")[:MAX_FIELD] or f"column_{i + 1}"
        candidate, n = base, 2
        while candidate in out:
            candidate = f"{base[: MAX_FIELD - 4]}_{n}"
            n += 1
        out.append(candidate)
    return out


def _batches(rows: Iterator[list[str]], header: list[str]) -> Iterator[list[dict[str, str]]]:
    batch: list[dict[str, str]] = []
    width = len(header)
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        batch.append(dict(zip(header, (row + [""] * width)[:width], strict=True)))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch

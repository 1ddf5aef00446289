"""Screening text that enters the catalog outside files: dataset metadata, resource
names and descriptions, DataStore records.

A finding raises ``tk.ValidationError`` on the named field with masked samples and a
record ``blocked`` is kept; an officer's override of that record approves exactly
that content (by its sha256) for that dataset.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.smarttehran import privacy
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.screening import records, verdict

log = logging.getLogger(__name__)

# Not screened: contact_email and contact_name are a public office's.
PACKAGE_TEXT_FIELDS = ("title", "title_en", "notes", "notes_en")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _approved(package_id: str | None, sha: str) -> bool:
    """An officer overrode a block of exactly this content for this dataset (or a new one)."""
    _total, found = records.search(statuses=["override"], sha256=sha, limit=20)
    return any(r["package_id"] in (package_id, None) for r in found)


def _user_id(context: dict[str, Any]) -> str | None:
    user = model.User.get(context.get("user") or "")
    return user.id if user else None


def package_texts(data_dict: dict[str, Any]) -> dict[str, str]:
    """The screened text of a dataset dict, by field name."""
    texts: dict[str, str] = {}
    for key in PACKAGE_TEXT_FIELDS:
        if isinstance(data_dict.get(key), str):
            texts[key] = data_dict[key]
    tags = [t.get("name", "") for t in data_dict.get("tags") or [] if isinstance(t, dict)]
    if isinstance(data_dict.get("tag_string"), str):
        tags.append(data_dict["tag_string"])
    if tags:  # named tag_string: CKAN's ValidationError rewrites a "tags" key as tag dicts
        texts["tag_string"] = "\n".join(tags)
    for extra in data_dict.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key"):
            texts[f"extras__{extra['key']}"] = f"{extra.get('value') or ''}"
    return texts


def check_fields(
    texts: dict[str, Any], package_id: str | None, context: dict[str, Any]
) -> None:
    """Raise ValidationError naming each field whose text holds personal data."""
    errors: dict[str, list[str]] = {}
    for name, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            continue
        found = privacy.scan_text(text)
        if not found or _approved(package_id, _sha(text)):
            continue
        counts = Counter(f.type for f in found)
        items = [
            {
                "type": t,
                "column": name,
                "rows": None,
                "count": n,
                "samples": [f.masked for f in found if f.type == t][:3],
            }
            for t, n in sorted(counts.items())
        ]
        rec = records.create(
            package_id=package_id,
            user_id=_user_id(context),
            source="metadata",
            filename=name,
            status="blocked",
            sha256=_sha(text),
            report={"items": items, "field": name},
        )
        log.info("privacy screening %s: metadata field %s blocked", rec["id"], name)
        errors[name] = [verdict.describe(items, rec["id"], fields=True)]
    if errors:
        raise tk.ValidationError(errors)


def check_package(data_dict: dict[str, Any], context: dict[str, Any]) -> None:
    """Screen a package_create/package_update dict's metadata and its resources' texts."""
    package_id = data_dict.get("id") or None
    if package_id:
        pkg = model.Package.get(package_id)
        package_id = pkg.id if pkg else None
    texts = package_texts(data_dict)
    for i, res in enumerate(data_dict.get("resources") or []):
        if isinstance(res, dict):
            for f in ("name", "description"):
                if isinstance(res.get(f), str):
                    texts[f"resources__{i}__{f}"] = res[f]
    check_fields(texts, package_id, context)


def check_records(
    data_dict: dict[str, Any], context: dict[str, Any], *, action: str
) -> None:
    """Screen the records of a datastore_create/datastore_upsert call."""
    rows_in = data_dict.get("records") or []
    if not isinstance(rows_in, list) or not rows_in:
        return
    fields = [f.get("id") for f in data_dict.get("fields") or [] if isinstance(f, dict)]
    if not fields:
        keys: dict[str, None] = {}
        for r in rows_in[:1000]:
            if isinstance(r, dict):
                keys.update(dict.fromkeys(r))
        fields = list(keys)
    rows = [
        [r.get(f) for f in fields] if isinstance(r, dict) else list(r)
        for r in rows_in
        if isinstance(r, dict | list)
    ]
    resource = model.Resource.get(data_dict.get("resource_id") or "")
    package_id = resource.package_id if resource else None
    result = verdict.table_verdict([str(f) for f in fields], rows, name=action)
    if not result.blocked:
        return
    payload = json.dumps(rows_in, sort_keys=True, ensure_ascii=False, default=str)
    sha = _sha(payload)
    if _approved(package_id, sha):
        return
    rec = records.create(
        package_id=package_id,
        resource_id=resource.id if resource else None,
        user_id=_user_id(context),
        source="datastore",
        status="blocked",
        sha256=sha,
        report={**result.report, "items": result.items, "action": action},
    )
    log.info("privacy screening %s: %s blocked", rec["id"], action)
    raise tk.ValidationError(
        {
            "records": [verdict.describe(result.items, rec["id"])],
            "privacy_screening_id": [rec["id"]],
        }
    )


def message_for_inline(index: int, message: str) -> dict[str, Any]:
    """CKAN's error shape for the ``index``-th resource of a dataset dict."""
    return {"resources": [{} for _ in range(index)] + [{"url": [message]}]}


NOTHING_SAVED = bilingual("چیزی ذخیره نشد.", "Nothing was saved.")

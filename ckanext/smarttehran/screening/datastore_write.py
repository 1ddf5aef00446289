"""Screening a ``datastore_create`` or ``datastore_upsert`` call: all it would store.

What the DataStore keeps of a call, and so what is screened:

- every key of every record, whether the call's ``fields`` name it or not (CKAN adds a
  column for each key of the first record it does not know; an upsert refuses others but
  quotes them in its error), and the field ids;
- every value of every record, as one table whose header is the union of all keys (a
  nested value is read as its JSON text);
- the data dictionary: each field's ``info`` (label, notes and any other string in it)
  and the aliases.

Keys, ids, info and aliases are screened as metadata fields first: a key that is itself
personal data is refused naming the key by position (``fields[2]``), never by its text.
The values are then screened as a table, as a file's rows are.

CKAN's own errors for a write that passed (a value the column's type refuses, an unknown
key, a missing row) quote the values they fail on; :func:`run` masks every value of the
call in them and drops the SQL text CKAN attaches, and says it in Persian too.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from sqlalchemy import exc as sa_exc

from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.privacy import mask
from ckanext.smarttehran.screening import metadata, records, verdict

log = logging.getLogger(__name__)

# CKAN's DataStore error keys whose text is SQL with the call's parameters.
_SQL_KEYS = ("data", "statement", "params")
# A run of digits in an error that is not one of the call's values (a value CKAN
# re-formatted): masked as well.
_LONG_DIGITS = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669]{7,}")
# Values shorter than this are not searched for in errors ("1" is in "row 1").
_MIN_MASKED = 3
WRITE_REFUSED_FA = "نوشتن در DataStore پذیرفته نشد و چیزی ذخیره نشد"


def _records(data_dict: dict[str, Any]) -> list[Any]:
    rows = data_dict.get("records")
    return rows if isinstance(rows, list) else []


def _fields(data_dict: dict[str, Any]) -> list[dict[str, Any]]:
    fields = data_dict.get("fields")
    return [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []


def keys(data_dict: dict[str, Any]) -> list[str]:
    """The field ids, then every other key of every record, each once, in order."""
    seen: dict[str, None] = {}
    for f in _fields(data_dict):
        if f.get("id") is not None:
            seen[str(f["id"])] = None
    for row in _records(data_dict):
        if isinstance(row, dict):
            for key in row:
                seen[str(key)] = None
    return list(seen)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def dictionary_texts(data_dict: dict[str, Any]) -> dict[str, str]:
    """Keys, field ids, data dictionary entries and aliases as named metadata texts.

    A key is named by its position (``fields__2``), never by its own text.
    """
    texts: dict[str, str] = {}
    for i, key in enumerate(keys(data_dict)):
        texts[f"fields__{i}"] = key
    for i, f in enumerate(_fields(data_dict)):
        for name, value in f.items():
            if name not in ("id", "type"):
                for path, text in metadata.strings(value, f"fields__{i}__{name}"):
                    texts[path] = f"{texts.get(path, '')}\n{text}".strip("\n")
    aliases = data_dict.get("aliases")
    if aliases:
        texts["aliases"] = "\n".join(aliases) if isinstance(aliases, list) else str(aliases)
    return texts


def check(data_dict: dict[str, Any], context: dict[str, Any], *, action: str) -> None:
    """Raise ValidationError if anything the call would store holds personal data."""
    resource = model.Resource.get(data_dict.get("resource_id") or data_dict.get("id") or "")
    package_id = resource.package_id if resource else None
    metadata.check_fields(dictionary_texts(data_dict), package_id, context)
    rows_in = _records(data_dict)
    if not rows_in:
        return
    header = keys(data_dict)
    rows = [
        [_cell(r.get(k)) for k in header] if isinstance(r, dict) else [_cell(v) for v in r]
        for r in rows_in
        if isinstance(r, dict | list)
    ]
    result = verdict.table_verdict(header, rows, name=action)
    if not result.blocked:
        return
    payload = json.dumps(rows_in, sort_keys=True, ensure_ascii=False, default=str)
    sha = metadata.sha(payload)
    if metadata.approved(package_id, sha):
        return
    rec = records.create(
        package_id=package_id,
        resource_id=resource.id if resource else None,
        user_id=metadata.user_id(context),
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


def values(data_dict: dict[str, Any]) -> list[str]:
    """Every value of the call's records and data dictionary, longest first."""
    found: set[str] = set()
    for row in _records(data_dict):
        cells = row.values() if isinstance(row, dict) else row if isinstance(row, list) else []
        for cell in cells:
            for _path, text in metadata.strings(cell, ""):
                found.add(text)
            if isinstance(cell, dict | list):
                found.add(_cell(cell))
    for f in _fields(data_dict):
        for path, text in metadata.strings(f.get("info"), ""):
            if not path.endswith("__key"):
                found.add(text)
    return sorted((v for v in found if len(v.strip()) >= _MIN_MASKED), key=len, reverse=True)


def mask_text(text: str, known: list[str]) -> str:
    """``text`` with each of ``known`` (and any long digit run) masked."""
    for value in known:
        if value in text:
            text = text.replace(value, mask(value, persian_digits=False))
    return _LONG_DIGITS.sub(lambda m: mask(m.group(), persian_digits=False), text)


def mask_errors(errors: Any, known: list[str]) -> Any:
    """CKAN's DataStore error dict with no value of the call in it, and no SQL."""
    if isinstance(errors, dict):
        out = {k: mask_errors(v, known) for k, v in errors.items() if k not in _SQL_KEYS}
        if not out and errors:
            out = {"records": [bilingual(WRITE_REFUSED_FA + ".", "The DataStore refused the write.")]}
        return out
    if isinstance(errors, list):
        return [mask_errors(v, known) for v in errors]
    if isinstance(errors, str):
        return mask_text(errors, known)
    return errors


def _bilingual_messages(errors: dict[str, Any]) -> dict[str, Any]:
    """Each top-level list of English messages gets its Persian half."""
    out: dict[str, Any] = {}
    for key, value in errors.items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            out[key] = [
                v if " / " in v else bilingual(f"{WRITE_REFUSED_FA}: {v}", v) for v in value
            ]
        else:
            out[key] = value
    return out


def run(original: Any, context: dict[str, Any], data_dict: dict[str, Any]) -> Any:
    """The core DataStore action; its errors come back with every value masked."""
    known = values(data_dict)
    try:
        return original(context, data_dict)
    except tk.ValidationError as err:
        errors = err.error_dict if isinstance(err.error_dict, dict) else {"records": [str(err)]}
        raise tk.ValidationError(_bilingual_messages(mask_errors(errors, known))) from None
    except sa_exc.DBAPIError as err:
        # CKAN re-raises some database errors as they are: their text carries the SQL
        # and its parameters. Only PostgreSQL's first line, masked, is answered.
        first = str(getattr(err, "orig", "") or "").split("\n", 1)[0]
        log.info("DataStore write refused by the database (%s)", type(err.orig).__name__)
        raise tk.ValidationError(
            _bilingual_messages({"records": [mask_text(first, known) or "database error"]})
        ) from None

"""Screening text that enters the catalog outside files: every free-text field of
datasets, resources, resource views, organisations, groups and users.

What is screened is every string a write would store, except the keys listed in
``*_NOT_SCREENED`` (ids, codes checked by the schema, dates, the embedded copies of
other objects a ``package_show`` round trip carries). Lists and nested values are read
string by string, URLs as their decoded host, path and query (the file name of an
upload is in its download URL).

A finding raises ``tk.ValidationError`` on the named field with masked samples and a
record ``blocked`` is kept; nothing is saved (the screening runs before the core
action). An officer's override of that record approves exactly that content (by its
sha256) for that dataset.

Contact points (``CONTACT_FIELDS``, and an organisation's own title and description)
are a public office's: a landline there is the office's phone, and an email address is
the office's when the detectors already take it for one (``info@``, ``support@`` ...)
or when it is on a public body's mail domain
(``ckanext.smarttehran.privacy.public_email_domains``) and its local part names no
person (no ``first.last``, no given name). A mobile, an ID number or a private
address is refused there as anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections import Counter
from collections.abc import Collection, Iterator
from typing import Any
from urllib.parse import unquote_plus, urlsplit

import ckan.plugins.toolkit as tk
from ckan import model
from werkzeug.datastructures import FileStorage

from ckanext.smarttehran import config, privacy
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.privacy import lexicon
from ckanext.smarttehran.privacy.findings import EMAIL, PERSON, PHONE_LANDLINE
from ckanext.smarttehran.screening import records, verdict

log = logging.getLogger(__name__)

# Dataset keys that hold no free text (or another object's copy): not screened.
PACKAGE_NOT_SCREENED = frozenset(
    {
        "id", "type", "state", "private", "owner_org", "organization", "groups",
        "license_id", "license_title", "license_url", "isopen", "metadata_created",
        "metadata_modified", "creator_user_id", "revision_id", "num_resources", "num_tags",
        "tracking_summary", "relationships_as_object", "relationships_as_subject",
        # validated codes, dates and geometry (coordinates are the dataset's coverage)
        "smart_dimension", "strategic_axis", "smart_goal", "district", "neighborhood",
        "spatial_crs", "spatial", "temporal_start", "temporal_end", "update_frequency",
        "access_level", "access_reason", "access_review_date", "indicators",
        # screened on their own below
        "resources", "tags", "tag_string", "extras",
    }
)
RESOURCE_NOT_SCREENED = frozenset(
    {
        "id", "package_id", "state", "position", "url_type", "datastore_active",
        "created", "last_modified", "metadata_modified", "cache_last_updated", "cache_url",
        "mimetype", "mimetype_inner", "size", "hash", "resource_type", "clear_upload",
        "tracking_summary", "datastore_contains_all_records_of_source",
    }
)
# Group and organisation keys screened (the others are names, members and ids).
GROUP_TEXT_FIELDS = ("name", "title", "description", "image_url")
VIEW_TEXT_FIELDS = ("title", "description")
USER_TEXT_FIELDS = ("name", "fullname", "about", "image_url")
# A dataset's contact points: a public office's phone and mailbox are publishable.
CONTACT_FIELDS = frozenset(
    {"author", "author_email", "maintainer", "maintainer_email", "contact_name", "contact_email"}
)
URL_FIELDS = frozenset({"url", "image_url", "page_url"})
_NAME_SEPARATOR = re.compile(r"[a-z][._][a-z]")
_TOKEN = re.compile(r"[a-z]+")
_LATIN_GIVEN = frozenset(n.lower() for n in lexicon.LATIN_FIRST_NAMES)


def sha(text: str) -> str:
    """The content's digest kept on a blocked record (an override approves that digest).

    Keyed with the site's secret (HMAC-SHA256): the record is shown to editors, and a
    plain hash of a short text (a field holding just a mobile) is reversed by trying
    every number.
    """
    key = str(tk.config.get("SECRET_KEY") or "").encode("utf-8")
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def approved(package_id: str | None, digest: str) -> bool:
    """An officer overrode a block of exactly this content for this dataset (or a new one)."""
    _total, found = records.search(statuses=["override"], sha256=digest, limit=20)
    return any(r["package_id"] in (package_id, None) for r in found)


def user_id(context: dict[str, Any]) -> str | None:
    user = model.User.get(context.get("user") or "")
    return user.id if user else None


def strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, text) of every string, number and key in a nested value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield f"{path}__key", str(k)
            yield from strings(v, f"{path}__{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from strings(v, f"{path}__{i}")
    elif isinstance(value, FileStorage):
        if value.filename:
            yield path, value.filename
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        yield path, str(value)


def url_text(url: str) -> str:
    """A URL as the detectors should read it: decoded host, path and query, one per line."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    pieces = [parts.netloc, unquote_plus(parts.path), unquote_plus(parts.query),
              unquote_plus(parts.fragment)]
    if not parts.scheme and not parts.netloc:
        pieces = [unquote_plus(url)]
    return "\n".join(p for p in pieces if p)


def _texts(
    data: dict[str, Any], prefix: str, *, skip: Collection[str] = (),
    only: Collection[str] | None = None,
) -> dict[str, str]:
    """Every screened text of one object's dict, keyed ``<prefix><field>``."""
    texts: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str) or key in skip or (only is not None and key not in only):
            continue
        if key.startswith("__"):
            continue
        if key in URL_FIELDS and isinstance(value, str):
            texts[prefix + key] = url_text(value)
            continue
        for path, text in strings(value, prefix + key):
            name = path.removesuffix("__key") if path.endswith("__key") else path
            texts[name] = f"{texts[name]}\n{text}" if name in texts else text
    return texts


def resource_texts(res: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """The screened texts of a resource dict: every field but ids and server values,
    the link URL as its decoded path and query, the upload's file name."""
    texts = _texts(res, prefix, skip=RESOURCE_NOT_SCREENED | {"upload"})
    upload = res.get("upload")
    if isinstance(upload, FileStorage) and upload.filename:
        texts[prefix + "upload"] = upload.filename
    elif isinstance(upload, str) and upload:
        texts[prefix + "upload"] = upload
    return texts


def package_texts(data_dict: dict[str, Any]) -> dict[str, str]:
    """The screened text of a dataset dict, by field name."""
    texts = _texts(data_dict, "", skip=PACKAGE_NOT_SCREENED)
    tags = [t.get("name", "") for t in data_dict.get("tags") or [] if isinstance(t, dict)]
    if isinstance(data_dict.get("tag_string"), str):
        tags.append(data_dict["tag_string"])
    if tags:  # named tag_string: CKAN's ValidationError rewrites a "tags" key as tag dicts
        texts["tag_string"] = "\n".join(str(t) for t in tags)
    for extra in data_dict.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key"):
            key = str(extra["key"])
            value = extra.get("value")
            texts[f"extras__{key}"] = "\n".join(
                [key, *(t for _p, t in strings(value, ""))]
            )
    return texts


def _public_mailbox(address: str) -> bool:
    """A public body's office address: on one of its mail domains, naming no person."""
    local, _, domain = address.strip().lower().rpartition("@")
    domains = config.privacy_public_email_domains()
    if not local or not any(domain == d or domain.endswith("." + d) for d in domains):
        return False
    if _NAME_SEPARATOR.search(local):
        return False
    if any(c.isdigit() for c in local) and not (local.isdigit() and len(local) <= 5):
        return False  # rezaei1360@ is a person's; 137@ a hotline's
    tokens = _TOKEN.findall(local)
    return not any(
        t in _LATIN_GIVEN or any(t.startswith(g) for g in _LATIN_GIVEN if len(g) >= 4)
        for t in tokens
    )


def _findings(text: str, *, contact: bool, names: bool) -> list[privacy.Finding]:
    found = privacy.scan_text(text)
    if not names:
        found = [f for f in found if f.type != PERSON]
    if contact:
        found = [
            f
            for f in found
            if f.type != PHONE_LANDLINE
            and not (f.type == EMAIL and _public_mailbox(text[f.start : f.end]))
        ]
    return found


def check_fields(
    texts: dict[str, Any],
    package_id: str | None,
    context: dict[str, Any],
    *,
    contact: Collection[str] = (),
    names: bool = True,
) -> None:
    """Raise ValidationError naming each field whose text holds personal data.

    ``contact``: fields that are a public office's contact point (see the module).
    ``names=False``: a person's name is not a finding (a user's own full name).
    """
    errors: dict[str, list[str]] = {}
    for index, (name, text) in enumerate(list(texts.items())):
        if not isinstance(text, str):
            continue
        if privacy.scan_text(name):
            # A key that is itself personal data (an extra named after a mobile) is
            # screened with its value and named by its position, never by its text.
            name, text = f"field_{index + 1}", f"{name}\n{text}"
        if not text.strip():
            continue
        found = _findings(text, contact=name in contact, names=names)
        if not found or approved(package_id, sha(text)):
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
            user_id=user_id(context),
            source="metadata",
            filename=name,
            status="blocked",
            sha256=sha(text),
            report={"items": items, "field": name},
        )
        log.info("privacy screening %s: metadata field %s blocked", rec["id"], name)
        errors[name] = [verdict.describe(items, rec["id"], fields=True)]
    if errors:
        raise tk.ValidationError(errors)


def _package_id(name_or_id: Any) -> str | None:
    pkg = model.Package.get(name_or_id) if isinstance(name_or_id, str) and name_or_id else None
    return pkg.id if pkg else None


def check_package(data_dict: dict[str, Any], context: dict[str, Any]) -> None:
    """Screen a package_create/package_update dict's metadata and its resources' texts."""
    package_id = _package_id(data_dict.get("id"))
    texts = package_texts(data_dict)
    for i, res in enumerate(data_dict.get("resources") or []):
        if isinstance(res, dict):
            texts.update(resource_texts(res, f"resources__{i}__"))
    check_fields(texts, package_id, context, contact=CONTACT_FIELDS)


def check_resource(data_dict: dict[str, Any], context: dict[str, Any], *, update: bool) -> None:
    """Screen a resource_create/resource_update dict (resource_patch's merged one too)."""
    package_id = None
    if update:
        res = model.Resource.get(data_dict.get("id") or "")
        package_id = res.package_id if res else None
    package_id = package_id or _package_id(data_dict.get("package_id"))
    check_fields(resource_texts(data_dict), package_id, context)


def check_view(data_dict: dict[str, Any], context: dict[str, Any]) -> None:
    """Screen a resource view's title, description and every string of its config."""
    texts = _texts(data_dict, "", skip={"id", "resource_id", "view_type", "package_id", "order"})
    res = model.Resource.get(data_dict.get("resource_id") or "")
    check_fields(texts, res.package_id if res else None, context)


def check_group(data_dict: dict[str, Any], context: dict[str, Any], *, organization: bool) -> None:
    """Screen an organisation's or group's name, title, description and extras.

    An organisation is a public body: its own title and description may carry its
    office phone and mailbox (the contact rule); a group's may not.
    """
    texts = _texts(data_dict, "", only=GROUP_TEXT_FIELDS)
    for extra in data_dict.get("extras") or []:
        if isinstance(extra, dict) and extra.get("key"):
            texts[f"extras__{extra['key']}"] = f"{extra['key']}\n{extra.get('value') or ''}"
    check_fields(texts, None, context, contact=texts.keys() if organization else ())


def check_user(data_dict: dict[str, Any], context: dict[str, Any]) -> None:
    """Screen a user's name, full name and about (their own name is not a finding)."""
    check_fields(_texts(data_dict, "", only=USER_TEXT_FIELDS), None, context, names=False)


def message_for_inline(index: int, message: str) -> dict[str, Any]:
    """CKAN's error shape for the ``index``-th resource of a dataset dict."""
    return {"resources": [{} for _ in range(index)] + [{"url": [message]}]}


NOTHING_SAVED = bilingual("چیزی ذخیره نشد.", "Nothing was saved.")

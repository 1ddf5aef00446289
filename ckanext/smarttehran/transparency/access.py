"""Access classification: public, or restricted for a legal reason until a review date.

A restricted dataset is a metadata-only record: anyone sees what is held, by which
department, why it is withheld and until when, but its resources are served only to
users who may edit the dataset. ``strip_*`` below remove them everywhere else.

The same mechanism holds back resources whose content has not passed privacy screening
(pending, running, refused: ``screening.records.held_resource_ids``): they too are shown
only to the dataset's editors, on every read path that goes through here (dataset show
and search, the search index itself, ``resource_show`` and so DataStore reads, downloads
and views, activity, DCAT).
"""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.smarttehran import vocabularies
from ckanext.smarttehran.errors import bilingual

PUBLIC = "public"
RESTRICTED = "restricted"
LEVELS = (PUBLIC, RESTRICTED)
# Solr fields CKAN fills from resources (lib/search/index.py).
_RESOURCE_INDEX_PREFIXES = ("res_", "urls")
# Stored copies of the dataset a search can return with ``fl``.
_RAW_FIELDS = ("data_dict", "validated_data_dict")


def level(pkg_dict: dict[str, Any]) -> str:
    """``restricted`` or ``public`` (a dataset without the field is public)."""
    value = pkg_dict.get("access_level")
    if value is None:
        value = next(
            (e["value"] for e in pkg_dict.get("extras") or [] if e.get("key") == "access_level"),
            None,
        )
    return RESTRICTED if value == RESTRICTED else PUBLIC


def is_restricted(pkg_dict: dict[str, Any]) -> bool:
    return level(pkg_dict) == RESTRICTED


def reason(code: str | None) -> dict[str, Any] | None:
    """The access reason item (code, article, fa, en), or ``None``."""
    return next((r for r in vocabularies.items("access_reasons") if r["code"] == code), None)


# Validation ---------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is tk.missing or value is None or value == ""


_REQUIRED_WHEN_RESTRICTED = {
    "access_reason": (
        "داده محدودشده باید دلیل قانونی محدودیت را داشته باشد",
        "a restricted dataset needs the legal reason for the restriction",
    ),
    "access_review_date": (
        "داده محدودشده باید تاریخ بازبینی محدودیت را داشته باشد",
        "a restricted dataset needs the date its restriction will be reviewed",
    ),
}


def check_restriction(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """On ``access_reason`` and ``access_review_date``: required when the dataset is
    restricted, emptied when it is public (navl validates keys in sorted order, so
    ``access_level`` is already converted)."""
    if data.get(("access_level",)) != RESTRICTED:
        data[key] = ""
        return
    if _blank(data.get(key)):
        errors[key].append(bilingual(*_REQUIRED_WHEN_RESTRICTED[key[-1]]))
        raise tk.StopOnError


def license_is_open(license_id: str) -> bool:
    """Whether CKAN's licence register marks ``license_id`` as open (OD or OSD approved)."""
    from ckan import model

    found = model.Package.get_license_register().get(license_id)
    return bool(found and found.isopen())


def check_open_license(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A public dataset carries an open licence (restricted ones may carry any)."""
    value = data.get(key)
    if errors[key] or _blank(value) or data.get(("access_level",)) == RESTRICTED:
        return
    if not license_is_open(str(value)):
        errors[key].append(
            bilingual(
                f"داده عمومی باید مجوز باز داشته باشد؛ «{value}» باز نیست",
                f"a public dataset needs an open licence; {value!r} is not open",
            )
        )


# Who sees resources --------------------------------------------------------------------


def can_edit(context: Context | None, pkg_id: str) -> bool:
    """Whether the user of ``context`` (or of the request) may update the dataset."""
    context = context or {}
    check: Context = {"user": context.get("user") or _current_user()}  # type: ignore[typeddict-item]
    if context.get("ignore_auth"):
        return True
    try:
        tk.check_access("package_update", check, {"id": pkg_id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def _current_user() -> str:
    try:
        user = tk.current_user
        return "" if user.is_anonymous else user.name
    except (RuntimeError, AttributeError):
        return ""


def withhold(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """The dataset without its resources.

    ``resources_withheld`` says how many there are and ``resources_last_modified`` when
    they last changed, so that the record still tells when the data was last updated.
    """
    from ckanext.smarttehran.transparency import overdue

    held = pkg_dict.get("resources") or []
    if held:
        pkg_dict["resources_last_modified"] = overdue.last_update(pkg_dict)
    pkg_dict["resources"] = []
    pkg_dict["num_resources"] = 0
    pkg_dict["resources_withheld"] = len(held)
    return pkg_dict


def held(resource_ids: list[str]) -> set[str]:
    """The resources whose content has not passed privacy screening."""
    from ckanext.smarttehran.screening import records

    return records.held_resource_ids(resource_ids)


def _ids(pkg_dict: dict[str, Any]) -> list[str]:
    return [r["id"] for r in pkg_dict.get("resources") or [] if isinstance(r, dict) and r.get("id")]


def hold_back(pkg_dict: dict[str, Any], ids: set[str]) -> dict[str, Any]:
    """The dataset without the resources ``ids`` (held by privacy screening)."""
    kept = [r for r in pkg_dict.get("resources") or [] if r.get("id") not in ids]
    pkg_dict["resources"] = kept
    pkg_dict["num_resources"] = len(kept)
    return pkg_dict


def _strip(context: Context | None, pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """A dataset dict as this user may see it: without a restricted dataset's resources,
    and without resources held by privacy screening, unless the user may edit it."""
    if is_restricted(pkg_dict):
        if not can_edit(context, pkg_dict["id"]):
            withhold(pkg_dict)
        return pkg_dict
    ids = held(_ids(pkg_dict))
    if ids and not can_edit(context, pkg_dict["id"]):
        hold_back(pkg_dict, ids)
    return pkg_dict


def strip_shown(context: Context, pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """``after_dataset_show``: drop restricted or held resources for non-editors."""
    return _strip(context, pkg_dict)


def _strip_raw(raw: str) -> str:
    """A stored JSON dataset without what the user may not see (CKAN nests one inside
    the other)."""
    inner = json.loads(raw)
    for field in _RAW_FIELDS:
        if isinstance(inner.get(field), str):
            inner[field] = _strip_raw(inner[field])
    return json.dumps(_strip(None, inner))


def strip_search_results(search_results: dict[str, Any]) -> dict[str, Any]:
    """``after_dataset_search``: the same for every result (also raw ``data_dict`` fields)."""
    for result in search_results.get("results") or []:
        for field in _RAW_FIELDS:
            if isinstance(result.get(field), str):
                result[field] = _strip_raw(result[field])
        if "resources" in result:
            _strip(None, result)
    return search_results


def strip_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """``before_dataset_index``: no resource names, descriptions or URLs of a restricted
    dataset in the search index (so no search or facet reveals them), nor of resources
    held by privacy screening (the dataset is indexed again when a screening passes)."""
    if is_restricted(pkg_dict):
        for field in [k for k in pkg_dict if k.startswith(_RESOURCE_INDEX_PREFIXES)]:
            pkg_dict.pop(field)
        return pkg_dict
    raw = pkg_dict.get("data_dict")
    resources = json.loads(raw).get("resources") or [] if isinstance(raw, str) else []
    ids = held([r.get("id") for r in resources if isinstance(r, dict)])
    if not ids:
        return pkg_dict
    positions = {i for i, r in enumerate(resources) if r.get("id") in ids}
    for field in [k for k in pkg_dict if k.startswith(_RESOURCE_INDEX_PREFIXES)]:
        if isinstance(pkg_dict[field], list) and len(pkg_dict[field]) == len(resources):
            pkg_dict[field] = [v for i, v in enumerate(pkg_dict[field]) if i not in positions]
        else:
            pkg_dict.pop(field)
    # The stored copies (data_dict, validated_data_dict) keep them: package_show reads
    # its dataset from there, for editors too; searches strip them (strip_search_results).
    return pkg_dict


def resource_visible(context: Context, resource_id: str) -> bool:
    """Whether this user may see the resource: its dataset is not restricted and its
    content has passed privacy screening, or the user may edit the dataset."""
    from ckan import model

    resource = model.Resource.get(resource_id)
    pkg = resource.package if resource else None
    if pkg is None:
        return True  # core answers "not found"
    extras = pkg.extras or {}
    if extras.get("access_level") != RESTRICTED and not held([resource.id]):
        return True
    return can_edit(context, pkg.id)


def _package_restricted_now(pkg_id: str) -> bool:
    from ckan import model

    pkg = model.Package.get(pkg_id)
    return bool(pkg and (pkg.extras or {}).get("access_level") == RESTRICTED)


def strip_activity(context: Context, activity: dict[str, Any]) -> dict[str, Any]:
    """An activity without the resources of a dataset that is restricted (now or then).

    Core's activity lists return the whole stored dataset in ``data.package`` to anyone
    who may see the dataset; ``public_activity_stream_detail`` only guards
    ``activity_show``/``activity_data_show`` with ``include_data``.
    """
    pkg = (activity.get("data") or {}).get("package")
    if not isinstance(pkg, dict) or not pkg.get("id"):
        return activity
    if (is_restricted(pkg) or _package_restricted_now(pkg["id"])) and not can_edit(context, pkg["id"]):
        withhold(pkg)
        return activity
    ids = held(_ids(pkg))  # held now (a resource refused later is hidden in old entries too)
    if ids and not can_edit(context, pkg["id"]):
        hold_back(pkg, ids)
    return activity

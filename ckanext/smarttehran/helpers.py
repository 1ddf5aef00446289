"""Template helpers (read-only). Registered by ``tk.blanket.helpers``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.smarttehran import config, gazetteer, persian, vocabularies
from ckanext.smarttehran.screening.helpers import (
    smarttehran_privacy_message_halves,
    smarttehran_privacy_quarantined,
)

__all__ = [
    "render_datetime",
    "get_translated",
    "dataset_display_name",
    "smarttehran_choices",
    "smarttehran_label",
    "smarttehran_facet_label",
    "smarttehran_is_persian",
    "smarttehran_persian_digits",
    "smarttehran_date",
    "smarttehran_map_config",
    "smarttehran_neighborhood_names",
    "smarttehran_dataset_transparency",
    "smarttehran_resource_stars",
    "smarttehran_dataset_rating",
    "smarttehran_home",
    "smarttehran_privacy_quarantined",
    "smarttehran_privacy_message_halves",
    "smarttehran_own_organization",
    "smarttehran_search_correction",
]

_SCHEMING_LANG = {"fa": "fa_IR", "en": "en"}


def smarttehran_is_persian() -> bool:
    """Whether the page is being rendered in Persian."""
    return tk.h.lang().startswith("fa")


@tk.chained_helper
def render_datetime(
    next_: Callable[..., str], datetime_: Any, date_format: str | None = None,
    with_hours: bool = False, with_seconds: bool = False,
) -> str:
    """Core's ``render_datetime``, but Jalali with Persian digits on Persian pages."""
    if not datetime_ or date_format or not smarttehran_is_persian():
        return next_(datetime_, date_format, with_hours, with_seconds)
    moment = datetime_
    if isinstance(moment, str):
        try:
            moment = dt.datetime.fromisoformat(moment)
        except ValueError:
            return next_(datetime_, date_format, with_hours, with_seconds)
    if isinstance(moment, dt.datetime) and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)  # CKAN stores naive UTC
    return persian.format_jalali(moment, with_time=with_hours)


# Fields with an English twin in the schema (title_en, notes_en).
_ENGLISH_TWINS = ("title", "notes")


def _english(data_dict: Any, field: str) -> str | None:
    """The English twin of ``field`` on an English page, when the dict has one."""
    if field in _ENGLISH_TWINS and isinstance(data_dict, dict) and tk.h.lang().startswith("en"):
        return data_dict.get(f"{field}_en") or None
    return None


@tk.chained_helper
def get_translated(next_: Callable[..., Any], data_dict: dict[str, Any], field: str) -> Any:
    """Core's ``get_translated``; on English pages ``title_en`` / ``notes_en`` when set."""
    return _english(data_dict, field) or next_(data_dict, field)


@tk.chained_helper
def dataset_display_name(next_: Callable[..., str], package: Any) -> str:
    """Core's ``dataset_display_name``; on English pages ``title_en`` when set."""
    return _english(package, "title") or next_(package)


def smarttehran_date(value: Any) -> str:
    """An ISO date from the API shown as the page's language wants it."""
    if not value:
        return ""
    if smarttehran_is_persian():
        try:
            return persian.format_jalali(value)
        except ValueError:
            return str(value)
    return str(value)


def smarttehran_persian_digits(value: Any) -> str:
    """Digits in Persian on Persian pages (a fraction with the Persian decimal
    separator, ۲٫۷), untouched otherwise."""
    text = str(value)
    if not smarttehran_is_persian():
        return text
    if isinstance(value, float):
        text = text.replace(".", "٫")
    return persian.to_persian_digits(text)


def smarttehran_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """Scheming choices of ``field['vocabulary']`` with {fa_IR, en} labels."""
    name = field["vocabulary"]
    if name == "neighborhoods":
        return [
            {
                "value": n["code"],
                "label": {
                    "fa_IR": f"{n['name_fa']} (منطقه {persian.to_persian_digits(str(n['district']))})",
                    "en": f"{n['name_en']} (District {n['district']})",
                },
            }
            for n in gazetteer.neighborhoods()
        ]
    return [
        {"value": c["value"], "label": {_SCHEMING_LANG[k]: v for k, v in c["label"].items()}}
        for c in vocabularies.choices(name)
    ]


def smarttehran_facet_label(item: dict[str, Any]) -> str:
    """A facet item's whole label (CKAN cuts labels at 22 characters)."""
    return item.get("display_name") or item.get("name") or ""


def smarttehran_label(name: str, code: str) -> str:
    """The label of a code in the page's language (the code itself when unknown)."""
    lang = "fa" if smarttehran_is_persian() else "en"
    if name == "neighborhoods":
        n = gazetteer.neighborhood(code)
        return (n["name_fa"] if lang == "fa" else n["name_en"]) if n else code
    return vocabularies.label(name, code, lang) or code


def smarttehran_map_config() -> dict[str, str]:
    """Tile URL and attribution for the boundary maps (empty: no tiles)."""
    return {"tile_url": config.map_tile_url(), "attribution": config.map_attribution()}


def smarttehran_neighborhood_names() -> list[dict[str, Any]]:
    """Every neighbourhood's code and names, for the finder's suggestions."""
    return [
        {"code": n["code"], "name_fa": n["name_fa"], "name_en": n["name_en"], "district": n["district"]}
        for n in gazetteer.neighborhoods()
    ]


def smarttehran_dataset_transparency(pkg: dict[str, Any], completeness: bool = True) -> dict[str, Any]:
    """Access, update schedule (overdue computed now) and completeness of a shown dataset."""
    from ckanext.smarttehran.transparency import access, overdue, scores

    restricted = access.is_restricted(pkg)
    return {
        "restricted": restricted,
        "reason": access.reason(pkg.get("access_reason")) if restricted else None,
        "review_date": pkg.get("access_review_date") if restricted else None,
        "withheld": pkg.get("resources_withheld", 0),
        **overdue.summary(pkg),
        "completeness": scores.completeness(pkg) if completeness else None,
    }


def smarttehran_resource_stars(resource: dict[str, Any], pkg: dict[str, Any]) -> int:
    """Openness stars of a resource (0..4) under its dataset's licence."""
    from ckanext.smarttehran.transparency import access, scores

    return scores.stars(resource, access.license_is_open(pkg.get("license_id") or ""))


def smarttehran_dataset_rating(package_id: str) -> dict[str, Any]:
    """Average rating and count of a dataset (empty when participation is unavailable)."""
    try:
        return tk.get_action("smarttehran_rating_show")({}, {"package_id": package_id})
    except (KeyError, tk.ObjectNotFound, tk.NotAuthorized):
        return {"average": None, "count": 0}


def smarttehran_home() -> dict[str, Any]:
    """What the home page shows: totals, datasets per dimension, recent datasets.

    Counted with the visitor's own permissions, so private data never shows.
    """
    lang = "fa" if smarttehran_is_persian() else "en"
    result = tk.get_action("package_search")(
        {}, {"rows": 5, "sort": "metadata_modified desc",
             "facet.field": ["smart_dimension", "organization"], "facet.limit": -1},
    )
    counts = {i["name"]: i["count"] for i in result["search_facets"].get("smart_dimension", {}).get("items", [])}
    return {
        "count": result["count"],
        "organizations": len(result["search_facets"].get("organization", {}).get("items", [])),
        "dimensions": [
            {"code": d["code"], "label": d[lang], "count": counts.get(d["code"], 0)}
            for d in vocabularies.dimensions()
        ],
        "recent": result["results"],
    }


def smarttehran_own_organization(available: list[dict[str, Any]]) -> str:
    """The id of the one organisation, of those ``available``, the user is a member of.

    Empty when there are none or several (a sysadmin may publish in every organisation
    and belongs to none): the dataset form then asks the publisher to choose.
    """
    user = tk.g.get("userobj")
    if not user:
        return ""
    ids = {o["id"] for o in available}
    own = [g.id for g in user.get_groups("organization") if g.id in ids]
    return own[0] if len(own) == 1 else ""


def smarttehran_search_correction() -> dict[str, Any] | None:
    """The search page's "did you mean": ``{"did_you_mean", "corrected_from"}`` of this
    request's dataset search (logic/action/search.py), or None."""
    return getattr(tk.g, "smarttehran_search_correction", None)

"""Tehran's districts and neighbourhoods (the gazetteer), readable through the API."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.smarttehran import gazetteer, persian
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.logic.schema import validated

__all__ = [
    "smarttehran_neighborhood_list",
    "smarttehran_neighborhood_show",
    "smarttehran_district_show",
]


def _latin_code(value: Any) -> str:
    """A district or neighbourhood code as the gazetteer keys it: Persian or Arabic digits
    read as Latin ones, no leading zeros (``۶``, ``٠٦`` and ``06`` are district ``6``)."""
    text = persian.to_latin_digits(str(value)).strip()
    return str(int(text)) if text.isdigit() else text


def _without_geometry(place: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in place.items() if k != "geometry"}


@tk.side_effect_free
@validated("smarttehran_neighborhood_list")
def smarttehran_neighborhood_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Neighbourhoods (without geometry), optionally of one district or matching a name.

    :param district: a district number 1..22 (optional; ``citywide`` is all of them)
    :param q: a name in any spelling, Persian or Latin (optional)
    :param limit: at most this many (default: 20 matches for ``q``, else all)
    :param offset: skip this many first (default 0), for paging through the list
    """
    tk.check_access("smarttehran_neighborhood_list", context, data_dict)
    district = _district(data_dict.get("district"))
    q = (data_dict.get("q") or "").strip()
    limit, offset = data_dict.get("limit"), data_dict.get("offset") or 0
    if q:
        places = gazetteer.find(q, district=district, limit=(limit or 20) + offset)
    else:
        places = gazetteer.neighborhoods(district)
    end = None if limit is None else offset + limit
    return [_without_geometry(n) for n in places[offset:end]]


def _district(value: Any) -> str | None:
    """A district filter: its number (any digits), or None for none or ``citywide``."""
    text = persian.to_latin_digits(str(value)).strip() if value is not None else ""
    if text in ("", "citywide"):
        return None
    if text.isdigit():
        text = str(int(text))
    if gazetteer.district(text) is None:
        raise tk.ValidationError(
            {"district": [bilingual(f"منطقهٔ ناشناخته: {value}", f"unknown district: {value}")]}
        )
    return text


@tk.side_effect_free
@validated("smarttehran_neighborhood_show")
def smarttehran_neighborhood_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One neighbourhood with its boundary (GeoJSON, WGS84).

    :param code: the neighbourhood code (district x 100 + number), e.g. ``601``
    """
    tk.check_access("smarttehran_neighborhood_show", context, data_dict)
    code = _latin_code(tk.get_or_bust(data_dict, "code"))
    place = gazetteer.neighborhood(code)
    if not place:
        raise tk.ObjectNotFound(bilingual(f"محله ناشناخته: {code}", f"unknown neighbourhood: {code}"))
    return place


@tk.side_effect_free
@validated("smarttehran_district_show")
def smarttehran_district_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One district with its boundary and its neighbourhoods' codes and names.

    :param district: the district number, 1..22
    """
    tk.check_access("smarttehran_district_show", context, data_dict)
    number = _latin_code(tk.get_or_bust(data_dict, "district"))
    place = gazetteer.district(number)
    if not place:
        raise tk.ObjectNotFound(bilingual(f"منطقه ناشناخته: {number}", f"unknown district: {number}"))
    return {**place, "neighborhoods": [_without_geometry(n) for n in gazetteer.neighborhoods(number)]}

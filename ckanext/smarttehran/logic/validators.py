"""Validators of the dataset schema (schemas/dataset.yaml).

Every error is in Persian and English, names the value at fault and leaves the
dataset unsaved (CKAN rolls the whole action back on a validation error).
"""

from __future__ import annotations

import contextlib
import json
from functools import cache
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.smarttehran import gazetteer, persian, vocabularies
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.logic import dataset_names

missing = tk.missing
Invalid = tk.Invalid

DEFAULT_LICENSE = "cc-by"
UTM_39N = gazetteer.UTM_39N
SUPPORTED_CRS = ("EPSG:4326", UTM_39N)


@cache
def _codes(name: str) -> frozenset[str]:
    if name == "neighborhoods":
        return frozenset(n["code"] for n in gazetteer.neighborhoods())
    return frozenset(vocabularies.codes(name))


def _as_list(value: Any) -> list[str]:
    """A stored multiple-choice value (JSON list, list, or one string) as a list."""
    if value is missing or value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            try:
                value = json.loads(value)
            except ValueError:
                return [value]
        else:
            value = [v for v in value.split(",")] if "," in value else [value]
    return [persian.to_latin_digits(str(v)).strip() for v in value if str(v).strip()]


def _scheming(fn):
    """Mark ``fn(field, schema)`` as a scheming validator factory."""
    from ckanext.scheming.validation import scheming_validator as mark

    return mark(fn)


@_scheming
def smarttehran_codes(field: dict[str, Any], schema: dict[str, Any]):
    """Zero or more codes of ``field['vocabulary']``, stored as a JSON list."""
    name = field["vocabulary"]

    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context):
        values = _as_list(data.get(key))
        if not values:
            if field.get("required"):
                errors[key].append(bilingual("این فیلد الزامی است", "Missing value"))
            else:
                data[key] = "[]"
            return
        known = _codes(name)
        unknown = [v for v in values if v not in known]
        if unknown:
            errors[key].append(
                bilingual(f"کد ناشناخته: {', '.join(unknown)}", f"unknown code: {', '.join(unknown)}")
            )
            return
        data[key] = json.dumps(list(dict.fromkeys(values)))

    return validator


@_scheming
def smarttehran_code(field: dict[str, Any], schema: dict[str, Any]):
    """One code of ``field['vocabulary']``."""
    name = field["vocabulary"]

    def validator(value: Any) -> Any:
        if value is missing or not value:
            return value
        if value not in _codes(name):
            raise Invalid(bilingual(f"کد ناشناخته: {value}", f"unknown code: {value}"))
        return value

    return validator


def smarttehran_goals_in_dimensions(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """Each chosen goal belongs to one of the chosen dimensions."""
    if errors[key]:
        return
    dimensions = set(_as_list(data.get(("smart_dimension",))))
    wrong = [
        code for code in _as_list(data.get(key))
        if (vocabularies.goal(code) or {}).get("dimension") not in dimensions
    ]
    if wrong:
        errors[key].append(
            bilingual(
                f"این هدف‌ها به بعدهای انتخاب‌شده تعلق ندارند: {', '.join(wrong)}",
                f"goals outside the chosen dimensions: {', '.join(wrong)}",
            )
        )


def smarttehran_neighborhood_districts(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """Add the districts of the chosen neighbourhoods (on ``district``).

    CKAN validates fields in key order, so ``district`` runs before ``neighborhood``
    and reads its raw value here; unknown neighbourhood codes are reported by the
    ``neighborhood`` field's own validator.
    """
    if errors[key]:
        return
    implied = []
    for code in _as_list(data.get(("neighborhood",))):
        place = gazetteer.neighborhood(code)
        if place:
            implied.append(str(place["district"]))
    if not implied:
        return
    districts = _as_list(data.get(key))
    merged = list(dict.fromkeys(districts + implied))
    if merged != districts:
        data[key] = json.dumps(sorted(merged, key=_district_order))


def _district_order(code: str) -> int:
    return int(code) if code.isdigit() else 0


def smarttehran_crs(value: Any) -> Any:
    if value in (missing, None, ""):
        return value
    value = str(value).strip().upper()
    if value not in SUPPORTED_CRS:
        raise Invalid(
            bilingual(
                f"دستگاه مختصات پشتیبانی نمی‌شود: {value}",
                f"unsupported coordinate system: {value} (use EPSG:4326 or EPSG:32639)",
            )
        )
    return value


def smarttehran_spatial(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A valid WGS84 GeoJSON geometry inside Tehran; derived from the place fields if empty.

    A geometry given in UTM 39N (``spatial_crs`` EPSG:32639, or a GeoJSON ``crs`` member
    naming it) is transformed to WGS84 first.
    """
    from ckanext.smarttehran import geometry

    value = data.get(key)
    if value in (missing, None, ""):
        if errors.get(("neighborhood",)) or errors.get(("district",)):
            return
        derived = geometry.from_places(
            _as_list(data.get(("neighborhood",))), _as_list(data.get(("district",)))
        )
        if not derived:
            data.pop(key, None)
            raise tk.StopOnError
        data[key] = json.dumps(derived)
        return
    crs = data.get(("spatial_crs",))
    if isinstance(crs, str) and crs.strip().upper() not in SUPPORTED_CRS and crs.strip():
        return  # an unsupported spatial_crs: smarttehran_crs refuses it (was a pyproj 500)
    try:
        data[key] = json.dumps(geometry.clean(value, crs if crs not in (missing, None, "") else None))
    except geometry.GeometryError as e:
        errors[key].append(str(e))
        return
    # What is stored is WGS84 now: say so, or the next update would transform it again.
    # (``spatial`` is validated before ``spatial_crs``, which then checks this value.)
    data[("spatial_crs",)] = geometry.WGS84


def smarttehran_date(value: Any) -> Any:
    """A Jalali or Gregorian date, stored as ISO 8601 (YYYY-MM-DD)."""
    if value in (missing, None, ""):
        return value
    try:
        return persian.parse_date(value).isoformat()
    except ValueError as e:
        raise Invalid(str(e)) from e


def smarttehran_end_after_start(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    start, end = data.get(("temporal_start",)), data.get(key)
    if errors[key] or start in (missing, None, "") or end in (missing, None, ""):
        return
    try:  # temporal_start is validated after temporal_end (key order): parse it here
        start_date = persian.parse_date(start)
    except ValueError:
        return  # temporal_start's own validator reports it
    if persian.parse_date(end) < start_date:
        errors[key].append(
            bilingual("تاریخ پایان پیش از تاریخ آغاز است", "the end date is before the start date")
        )


def smarttehran_persian_text(value: Any) -> Any:
    """The one Persian normalisation (persian.normalize) on free text."""
    if isinstance(value, str):
        return persian.normalize(value)
    return value


def smarttehran_persian_tags(value: Any) -> Any:
    if isinstance(value, str):
        return ",".join(persian.normalize(t) for t in value.split(",") if t.strip())
    if isinstance(value, list):
        return [persian.normalize(t) if isinstance(t, str) else t for t in value]
    return value


def smarttehran_default_license(value: Any) -> Any:
    """An empty licence becomes the default open licence."""
    return DEFAULT_LICENSE if value in (missing, None, "") else value


def smarttehran_slug_from_title(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """An empty URL name is transliterated from the Persian title."""
    if data.get(key) in (missing, None, ""):
        title = data.get(("title",))
        if isinstance(title, str) and title.strip():
            # A title too short to make a name of leaves it empty: not_empty reports it.
            with contextlib.suppress(ValueError):
                data[key] = dataset_names.name_for_title(title)


def smarttehran_access_restriction(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """Restricted: this field (legal reason, review date) is required (transparency.access)."""
    from ckanext.smarttehran.transparency import access

    access.check_restriction(key, data, errors, context)


def smarttehran_open_license(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A public dataset carries an open licence (transparency.access)."""
    from ckanext.smarttehran.transparency import access

    access.check_open_license(key, data, errors, context)


def smarttehran_max_length(maximum: int):
    """At most ``maximum`` characters (titles and other indexed text: Solr refuses a
    term over 32,766 bytes, and a 100,000-character title was a 500)."""
    maximum = int(maximum)

    def validator(value: Any) -> Any:
        if isinstance(value, str) and len(value) > maximum:
            raise Invalid(bilingual(
                f"بیش از اندازه بلند است ({persian.to_persian_digits(str(len(value)))} نویسه؛"
                f" بیشینه {persian.to_persian_digits(str(maximum))})",
                f"too long ({len(value)} characters; at most {maximum})",
            ))
        return value

    return validator

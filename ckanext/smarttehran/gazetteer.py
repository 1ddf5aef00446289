"""Tehran's 22 districts and 375 neighbourhoods, and the geometry helpers around them.

The data are ``schemas/gazetteer/{districts,neighborhoods}.geojson`` (WGS84), built by
``dev/build_gazetteer.py``; see ``schemas/gazetteer/SOURCES.md``. Everything is loaded
once and cached. Returned dicts are copies of the properties; their ``geometry`` is the
shared GeoJSON mapping and must not be modified.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from ckanext.smarttehran import paths, persian

UTM_39N = "EPSG:32639"  # the CRS of the municipality's neighbourhood layer
TEHRAN_MARGIN_DEG = 0.05  # about 5 km: how far outside the districts still counts


@cache
def _collection(name: str) -> dict[str, dict[str, Any]]:
    path = paths.schemas_dir() / "gazetteer" / f"{name}.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f for f in doc["features"]}


def _public(feature: dict[str, Any]) -> dict[str, Any]:
    return {**feature["properties"], "geometry": feature["geometry"]}


def neighborhood(code: str | int) -> dict[str, Any] | None:
    """One neighbourhood by code (district × 100 + n, e.g. ``"2005"``), or ``None``."""
    feature = _collection("neighborhoods").get(str(code).strip())
    return _public(feature) if feature else None


def neighborhoods(district: int | str | None = None) -> list[dict[str, Any]]:
    """All neighbourhoods, or those of one district, ordered by code."""
    out = [_public(f) for f in _collection("neighborhoods").values()]
    if district is not None:
        out = [n for n in out if n["district"] == int(district)]
    return out


def district(n: int | str) -> dict[str, Any] | None:
    """One district (1-22) with its geometry, or ``None``."""
    feature = _collection("districts").get(str(n).strip())
    return _public(feature) if feature else None


def districts() -> list[dict[str, Any]]:
    return [_public(f) for f in _collection("districts").values()]


# --- Search ------------------------------------------------------------------------------

_LATIN_KEY = re.compile(r"[^a-z0-9]+")


def _latin_key(text: str) -> str:
    return _LATIN_KEY.sub("", text.lower())


@cache
def _keys() -> list[tuple[str, str, str]]:
    """(code, Persian key, Latin key) for every neighbourhood."""
    return [
        (
            code,
            persian.search_key(f["properties"]["name_fa"]),
            _latin_key(f["properties"]["name_en"]),
        )
        for code, f in _collection("neighborhoods").items()
    ]


def find(query: str, district: int | str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Neighbourhoods whose name matches ``query`` in any common spelling.

    The query and names are compared by ``persian.search_key`` (ي/ك, ZWNJ, space or
    none, آ/ا, digits all fold together) or, for Latin queries, by the transliterated
    name. A code (``"2005"``) matches itself. Exact matches come first, then
    prefixes, then substrings; each group is ordered by code.
    """
    query = (query or "").strip()
    if not query:
        return []
    fa_key, latin_key = persian.search_key(query), _latin_key(persian.to_latin_digits(query))
    ranked: list[tuple[int, str]] = []
    for code, fa, latin in _keys():
        if persian.to_latin_digits(query) == code:
            rank = 0
        elif fa_key and fa == fa_key or latin_key and latin == latin_key:
            rank = 1
        elif fa_key and fa.startswith(fa_key) or latin_key and latin.startswith(latin_key):
            rank = 2
        elif fa_key and fa_key in fa or len(latin_key) > 2 and latin_key in latin:
            rank = 3
        else:
            continue
        ranked.append((rank, code))
    ranked.sort(key=lambda rc: (rc[0], int(rc[1])))
    out = [neighborhood(code) for _, code in ranked]
    if district is not None:
        out = [n for n in out if n["district"] == int(district)]
    return out[:limit]


# --- Geometry ----------------------------------------------------------------------------


@cache
def _shape(kind: str, code: str) -> BaseGeometry:
    return shape(_collection(kind)[code]["geometry"])


def geometry_for(
    neighborhoods: Iterable[str | int] = (), districts: Iterable[str | int] = ()
) -> dict[str, Any] | None:
    """The union of the named neighbourhoods and districts as a GeoJSON geometry.

    For deriving a dataset's spatial extent from its place fields. ``None`` when
    nothing is named; ``ValueError`` naming any unknown code.
    """
    wanted = [("neighborhoods", str(c).strip()) for c in neighborhoods]
    wanted += [("districts", str(c).strip()) for c in districts]
    unknown = [code for kind, code in wanted if code not in _collection(kind)]
    if unknown:
        raise ValueError(f"unknown neighbourhood or district codes: {', '.join(unknown)}")
    if not wanted:
        return None
    union = shapely.union_all([_shape(kind, code) for kind, code in wanted])
    return mapping(shapely.set_precision(union, 1e-6))


@cache
def tehran_extent() -> BaseGeometry:
    """All 22 districts as one (multi)polygon."""
    return shapely.union_all([_shape("districts", c) for c in _collection("districts")])


@cache
def _tehran_buffered(margin: float) -> BaseGeometry:
    return tehran_extent().buffer(margin)


def _as_shape(geom: dict[str, Any] | BaseGeometry) -> BaseGeometry:
    return geom if isinstance(geom, BaseGeometry) else shape(geom)


def within_tehran(geom: dict[str, Any] | BaseGeometry, margin: float = TEHRAN_MARGIN_DEG) -> bool:
    """Whether a WGS84 geometry lies within Tehran's districts widened by ``margin`` degrees.

    Catches swapped lat/lon, UTM metres passed as degrees and places outside the city.
    """
    return _tehran_buffered(margin).contains(_as_shape(geom))


@cache
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(crs), "EPSG:4326", always_xy=True)


def to_wgs84(geom: dict[str, Any] | BaseGeometry, crs: str = UTM_39N) -> dict[str, Any]:
    """A GeoJSON geometry in ``crs`` (default UTM 39N) transformed to WGS84 lon/lat."""
    transformer = _transformer(crs)
    moved = shapely.transform(
        _as_shape(geom),
        lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])),
    )
    return mapping(moved)

"""JSON, JSONL and GeoJSON: every key and every value, at any depth and position.

A list holding objects is a table: each object is a row, flattened (``a.b.c``
paths; the values a path has in one row, from nested lists, are joined by
`` ; ``), its columns added as they are first seen (a key first used after a
thousand objects is a column too); an item that is not an object is a row of
the column ``[item]``. GeoJSON features are rows of their ``properties``, ``id``
and other members, and a point's coordinates are the column ``coordinates``.
Values outside any such list (top-level members, metadata) are one row of the
table ``document``, each path a column. Every key is also a value of the table
``keys``. Each column's header hint is its last key (``location.lat`` is
``lat``): a numeric latitude in a nested object is a coordinate.

``\\uXXXX`` escapes are decoded by the parser; a file that does not parse is
read as text with its escapes decoded (:func:`unescape`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from ckanext.smarttehran.privacy import findings, headers
from ckanext.smarttehran.privacy.context import HINT_PUBLIC
from ckanext.smarttehran.privacy.detectors import scan_text
from ckanext.smarttehran.privacy.masking import mask
from ckanext.smarttehran.privacy.reports import TableReport
from ckanext.smarttehran.privacy.tabular import BATCH_ROWS, TableScan

ITEM = "[item]"
JOIN = " ; "
MAX_DEPTH = 64


# Keys whose values identify a person: their records are people, whatever else they name.
PERSONAL_KEYS = frozenset(
    {findings.NATIONAL_ID, findings.PHONE_MOBILE, findings.PASSPORT, findings.BIRTH_CERT}
)


class RecordTable:
    """Rows of flattened objects into one TableScan, columns added as first seen."""

    def __init__(self, name: str, options: dict[str, Any], check: Callable[[], None]) -> None:
        self.name = name
        self.options = options
        self.check = check
        self.index: dict[str, int] = {}
        self.table = TableScan(
            [], k=options.get("k", 5), quasi_identifiers=options.get("quasi_identifiers")
        )
        self.batch: list[list[str]] = []
        self.count = 0

    def add(self, flat: dict[str, list[str]]) -> None:
        row: list[str] = [""] * len(self.index)
        added = []
        for path in flat:
            if path not in self.index:
                self.index[path] = len(self.index)
                stats = self.table._column(self.index[path])
                stats.header = path
                stats.hint = _hint(path)
                added.append(stats)
                row.append("")
        if added:
            self._public_places(added)
        for path, values in flat.items():
            row[self.index[path]] = JOIN.join(values)
        self.batch.append(row)
        self.count += 1
        if len(self.batch) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.check()
            self.table.add_rows(self.batch)
            self.batch = []

    def report(self) -> TableReport | None:
        self.flush()
        if not self.count:
            return None
        return self.table.report(
            name=self.name,
            min_share=self.options.get("min_share", 0.5),
            header_min_share=self.options.get("header_min_share", 0.2),
        )


    def _public_places(self, added: list[Any]) -> None:
        """Coordinates of records that are public places (a ``station_id`` or ``park``
        key, as a table's header) are the places' own, unless a key of the same records
        names a personal identifier (a station *and* a caller's national id)."""
        names = list(self.index)
        if not headers.public_table(names):
            return
        hints = {c.hint for c in self.table.columns}
        if hints & PERSONAL_KEYS:
            return
        for stats in added:
            if stats.hint == findings.GPS:
                stats.hint = HINT_PUBLIC


def _hint(path: str) -> str | None:
    from ckanext.smarttehran.privacy.headers import header_hint  # noqa: PLC0415

    leaf = path.rsplit(".", 1)[-1]
    return header_hint(leaf) or header_hint(path.replace(".", " "))


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e17:
            return str(int(value))  # an id or a phone stored as a number keeps its digits
        text = repr(value)
        # 51.309999999999995 is 51.31 written by a float sum: not a precise coordinate.
        return f"{value:.12g}" if sum(c.isdigit() for c in text) > 15 else text
    return str(value)


@lru_cache(maxsize=65536)
def safe_key(key: str) -> str:
    """``key`` for a column's name, or its masked form when it holds personal data (the
    key itself is screened as a value of the table ``keys``)."""
    return f"[{mask(key)}]" if scan_text(key) else key


def flatten(
    value: Any, path: str, out: dict[str, list[str]], keys: set[str], depth: int = 0
) -> None:
    """Add the scalars of ``value`` under their paths to ``out``; keys to ``keys``."""
    if depth > MAX_DEPTH:
        out.setdefault(path or ITEM, []).append(json.dumps(value, ensure_ascii=False))
        return
    if isinstance(value, dict):
        for k, v in value.items():
            key = str(k)
            keys.add(key)
            key = safe_key(key)
            flatten(v, f"{path}.{key}" if path else key, out, keys, depth + 1)
    elif isinstance(value, list):
        for v in value:
            flatten(v, path, out, keys, depth + 1)
    else:
        out.setdefault(path or ITEM, []).append(_scalar(value))


def _feature_row(feature: dict[str, Any], keys: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in feature.items():
        key = str(k)
        keys.add(key)
        if key == "properties" and isinstance(v, dict):
            flatten(v, "", out, keys, 1)
        elif key == "geometry" and isinstance(v, dict):
            keys.update(str(g) for g in v)
            points = list(_points(v))
            if points:
                out["coordinates"] = points
            for gk, gv in v.items():
                if gk not in ("coordinates", "geometries"):
                    flatten(gv, f"geometry.{gk}", out, keys, 2)
        else:
            flatten(v, safe_key(key), out, keys, 1)
    return out


def _points(geometry: dict[str, Any]) -> Iterator[str]:
    """``lat, lon`` of a Point's or MultiPoint's positions (lines and areas are places)."""
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Point":
        coords = [coords]
    elif kind != "MultiPoint":
        if kind == "GeometryCollection":
            for g in geometry.get("geometries") or []:
                if isinstance(g, dict):
                    yield from _points(g)
        return
    for c in coords if isinstance(coords, list) else []:
        if isinstance(c, list) and len(c) >= 2:
            yield f"{_scalar(c[1])}, {_scalar(c[0])}"


def json_tables(
    data: Any, name: str, options: dict[str, Any], check: Callable[[], None]
) -> list[TableReport]:
    """The tables of a parsed JSON document (see the module docstring)."""
    keys: set[str] = set()
    doc: dict[str, list[str]] = {}
    tables: list[RecordTable] = []

    def walk(value: Any, path: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            doc.setdefault(path or ITEM, []).append(json.dumps(value, ensure_ascii=False)[:10000])
            return
        if isinstance(value, dict):
            for k, v in value.items():
                key = str(k)
                keys.add(key)
                walk(v, f"{path}.{safe_key(key)}" if path else safe_key(key), depth + 1)
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            table = RecordTable(f"{name}: {path}" if path else name, options, check)
            tables.append(table)
            for item in value:
                flat: dict[str, list[str]] = {}
                if isinstance(item, dict) and item.get("type") == "Feature":
                    flat = _feature_row(item, keys)
                elif isinstance(item, dict):
                    flatten(item, "", flat, keys, depth + 1)
                else:
                    flatten(item, ITEM, flat, keys, depth + 1)
                table.add(flat)
        elif isinstance(value, list):
            for v in value:
                walk(v, path, depth + 1)
        else:
            doc.setdefault(path or ITEM, []).append(_scalar(value))

    walk(data, "", 0)
    reports = [r for t in tables if (r := t.report()) is not None]
    if doc:
        table = RecordTable(f"{name}: document", options, check)
        table.add(doc)
        if (r := table.report()) is not None:
            reports.append(r)
    reports.extend(keys_table(keys, name, options, check))
    return reports


def keys_table(
    keys: Iterable[str], name: str, options: dict[str, Any], check: Callable[[], None]
) -> list[TableReport]:
    """Every distinct key, a value of the one-column table ``keys``."""
    table = RecordTable(f"{name}: keys", options, check)
    for key in sorted(keys):
        table.add({"key": [key]})
    r = table.report()
    return [r] if r is not None else []


def jsonl_tables(
    lines: Iterable[str], name: str, options: dict[str, Any], check: Callable[[], None]
) -> tuple[list[TableReport], list[str]]:
    """The tables of JSON Lines, and the lines that are not JSON (to be read as text)."""
    keys: set[str] = set()
    table = RecordTable(name, options, check)
    bad: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError:
            bad.append(line)
            continue
        flat: dict[str, list[str]] = {}
        if isinstance(value, dict) and value.get("type") == "Feature":
            flat = _feature_row(value, keys)
        elif isinstance(value, dict):
            flatten(value, "", flat, keys, 1)
        else:
            flatten(value, ITEM, flat, keys, 1)
        table.add(flat)
    reports = [r for r in [table.report()] if r is not None]
    return reports + keys_table(keys, name, options, check), bad


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[\"\\/bfnrt])")
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def unescape(text: str) -> str:
    """JSON string escapes decoded in raw text (surrogate pairs joined)."""
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        return chr(int(code[1:], 16)) if code[0] == "u" else _SIMPLE[code]

    out = _ESCAPE.sub(one, text)
    if any("\ud800" <= c <= "\udfff" for c in out):
        out = out.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return out

"""When a dataset is next expected to be updated, and whether it is overdue.

The last update is the latest ``last_modified`` (or ``created``) of its resources, or
the dataset's ``metadata_modified`` when it has none; the next expected update is that
plus the ISO 8601 ``duration`` of its update frequency (update_frequencies.json). A
frequency without a duration (irregular, never) is never overdue.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from ckanext.smarttehran import vocabularies

_DURATION = re.compile(
    r"^P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def parse_duration(text: str) -> dict[str, int]:
    """``P1Y2M``, ``P1W``, ``PT1H``... as a dict of their parts; ValueError otherwise."""
    found = _DURATION.match(text or "")
    if not found or text in ("P", "PT"):
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    return {k: int(v) for k, v in found.groupdict().items() if v}


def add_duration(moment: dt.datetime, duration: str) -> dt.datetime:
    """``moment`` + ``duration``; months and years are calendar months (31 Jan + P1M = 28/29 Feb)."""
    parts = parse_duration(duration)
    months = parts.get("years", 0) * 12 + parts.get("months", 0)
    if months:
        index = moment.month - 1 + months
        year, month = moment.year + index // 12, index % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        moment = moment.replace(year=year, month=month, day=day)
    return moment + dt.timedelta(
        weeks=parts.get("weeks", 0), days=parts.get("days", 0), hours=parts.get("hours", 0),
        minutes=parts.get("minutes", 0), seconds=parts.get("seconds", 0),
    )


def _moment(value: Any) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)  # CKAN stores naive UTC


def last_update(pkg_dict: dict[str, Any]) -> str | None:
    """ISO 8601 moment the data last changed (see the module docstring)."""
    moments = [
        _moment(r.get("last_modified") or r.get("created")) for r in pkg_dict.get("resources") or []
    ]
    moments = [m for m in moments if m]
    if not moments:
        withheld = _moment(pkg_dict.get("resources_last_modified"))
        moments = [withheld] if withheld else []
    if not moments:
        modified = _moment(pkg_dict.get("metadata_modified"))
        moments = [modified] if modified else []
    return max(moments).isoformat() if moments else None


def next_update(pkg_dict: dict[str, Any]) -> str | None:
    """ISO 8601 moment the next update is expected, or ``None`` when none is expected."""
    frequency = vocabularies.frequency(pkg_dict.get("update_frequency") or "")
    last = _moment(last_update(pkg_dict))
    if not frequency or not frequency.get("duration") or not last:
        return None
    return add_duration(last, frequency["duration"]).isoformat()


def is_overdue(pkg_dict: dict[str, Any], now: dt.datetime | None = None) -> bool:
    """Whether the next expected update has passed."""
    expected = _moment(next_update(pkg_dict))
    return bool(expected and expected < (now or dt.datetime.now(dt.UTC)))


def summary(pkg_dict: dict[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
    """Last update, next expected update and overdue flag, for pages and the API."""
    return {
        "update_frequency": pkg_dict.get("update_frequency"),
        "last_update": last_update(pkg_dict),
        "next_update": next_update(pkg_dict),
        "overdue": is_overdue(pkg_dict, now),
    }

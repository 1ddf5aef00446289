"""Our own tables (``smarttehran_*``), one module per concern; created by migrations only."""

from __future__ import annotations

import datetime


def utc_iso(value: datetime.datetime | None) -> str | None:
    """A stored moment (naive UTC, as CKAN stores them) as ISO 8601 with its offset:
    ``2026-12-02T16:40:00+00:00``, so that an API client never guesses the time zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.astimezone(datetime.UTC).isoformat()

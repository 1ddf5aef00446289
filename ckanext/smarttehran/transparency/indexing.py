"""What the transparency policy adds to a dataset's Solr document.

- ``access_level`` / ``access_reason``: facets for the dashboard.
- ``overdue`` (``true``/``false``), ``last_update_date``, ``next_update_date``: computed at
  index time; ``ckan smarttehran transparency reindex-overdue`` (run nightly) re-indexes
  the datasets whose expected update has passed since, so the flag stays true to the day.
- ``completeness`` (0..100) and ``openness`` (best stars); ``scorecard_completeness``
  ``<org>|<score>`` and ``scorecard_openness`` ``<org>|<stars>`` so that one facet query
  gives every department's averages (the catch-all Solr field is single-valued).
- A restricted dataset's resource fields (names, descriptions, URLs) are dropped.
"""

from __future__ import annotations

import json
from typing import Any

from ckanext.smarttehran.transparency import access, overdue, scores


def _full(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """The validated dataset with its resources (CKAN pops them before the hook)."""
    raw = pkg_dict.get("validated_data_dict")
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            pass
    return pkg_dict


def before_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    full = _full(pkg_dict)
    level = access.level(full) if full is not pkg_dict else access.level(pkg_dict)
    pkg_dict["access_level"] = level
    if level == access.RESTRICTED:
        pkg_dict["access_reason"] = full.get("access_reason") or pkg_dict.get("access_reason") or ""
    else:
        pkg_dict.pop("access_reason", None)
    when = overdue.summary(full)
    pkg_dict["overdue"] = "true" if when["overdue"] else "false"
    for key in ("last_update", "next_update"):
        if when[key]:
            pkg_dict[f"{key}_date"] = when[key].replace("+00:00", "Z")
    completeness = scores.completeness(full)["score"]
    openness = scores.openness(full)["max"] if level == access.PUBLIC else 0
    pkg_dict["completeness"] = str(completeness)
    pkg_dict["openness"] = str(openness)
    org = pkg_dict.get("organization") or ""
    pkg_dict["scorecard_completeness"] = f"{org}|{completeness}"
    pkg_dict["scorecard_openness"] = f"{org}|{openness}"
    return access.strip_index(pkg_dict)

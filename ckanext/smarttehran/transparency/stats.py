"""The transparency dashboard's numbers, from ``package_search`` as an anonymous user.

Every query runs with an empty user and without ``include_private``, so private
datasets, drafts and deleted ones never count, whoever asks.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.smarttehran import gazetteer, vocabularies
from ckanext.smarttehran.transparency import access

OVERDUE_ROWS = 50


def _search(**params: Any) -> dict[str, Any]:
    params.setdefault("rows", 0)
    params["include_private"] = False
    params["include_drafts"] = False
    # A fresh anonymous context: what the public sees, whoever calls the action.
    context = {"user": "", "ignore_auth": False}
    return tk.get_action("package_search")(context, params)


def _facet(result: dict[str, Any], field: str) -> dict[str, int]:
    return dict(result.get("facets", {}).get(field, {}))


def _dimension_axis_table(goal_counts: dict[str, int]) -> list[dict[str, Any]]:
    """The policy's table: per dimension, per axis, its goals and how many datasets."""
    rows = []
    for dim in vocabularies.dimensions():
        per_axis = _facet(
            _search(fq=f'smart_dimension:"{dim["code"]}"', **{"facet.field": ["strategic_axis"],
                    "facet.limit": -1}),
            "strategic_axis",
        )
        cells = []
        for axis in vocabularies.axes():
            goals = vocabularies.goals(dim["code"], axis["code"])
            cells.append({
                "axis": axis["code"],
                "goals": [{"code": g["code"], "datasets": goal_counts.get(g["code"], 0)} for g in goals],
                "datasets": per_axis.get(axis["code"], 0),
            })
        rows.append({"dimension": dim["code"], "cells": cells})
    return rows


def _departments(org_counts: dict[str, int], everything: dict[str, Any]) -> list[dict[str, Any]]:
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for kind in ("completeness", "openness"):
        for value, count in _facet(everything, f"scorecard_{kind}").items():
            org, _sep, score = value.rpartition("|")
            if score.isdigit():
                total = sums[(kind, org)]
                total[0] += int(score) * count
                total[1] += count
    titles = {}
    if org_counts:
        for org in tk.get_action("organization_list")(
            {"user": ""}, {"all_fields": True, "organizations": list(org_counts)}
        ):
            titles[org["name"]] = org.get("title") or org["name"]
    out = []
    for org, count in sorted(org_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        c, o = sums.get(("completeness", org), [0, 0]), sums.get(("openness", org), [0, 0])
        out.append({
            "name": org,
            "title": titles.get(org, org),
            "datasets": count,
            "completeness": round(c[0] / c[1]) if c[1] else None,
            "openness": round(o[0] / o[1], 1) if o[1] else None,
        })
    return out


def _overdue() -> dict[str, Any]:
    found = _search(fq="overdue:true", rows=OVERDUE_ROWS, sort="metadata_modified asc")
    return {
        "count": found["count"],
        "datasets": [
            {
                "name": d["name"],
                "title": d.get("title"),
                "organization": (d.get("organization") or {}).get("name"),
                "update_frequency": d.get("update_frequency"),
            }
            for d in found["results"]
        ],
    }


def compute(participation: dict[str, Any]) -> dict[str, Any]:
    """Everything on the dashboard, as plain JSON-able data (codes, counts, ISO dates)."""
    facets = [
        "smart_dimension", "strategic_axis", "smart_goal", "district", "neighborhood",
        "organization", "access_level", "access_reason", "scorecard_completeness",
        "scorecard_openness", "completeness",
        "openness", "overdue",
    ]
    everything = _search(**{"facet.field": facets, "facet.limit": -1, "facet.mincount": 1})
    goal_counts = _facet(everything, "smart_goal")
    district_counts = _facet(everything, "district")
    levels = _facet(everything, "access_level")
    return {
        "datasets": everything["count"],
        "access": {
            "public": levels.get(access.PUBLIC, 0),
            "restricted": levels.get(access.RESTRICTED, 0),
            "reasons": [
                {"code": r["code"], "article": r["article"],
                 "datasets": _facet(everything, "access_reason").get(r["code"], 0)}
                for r in vocabularies.items("access_reasons")
            ],
        },
        "dimensions": {d["code"]: _facet(everything, "smart_dimension").get(d["code"], 0)
                       for d in vocabularies.dimensions()},
        "dimension_axis": _dimension_axis_table(goal_counts),
        "goals_without_datasets": [
            g["code"] for g in vocabularies.goals() if not goal_counts.get(g["code"])
        ],
        "districts": [
            {"district": d["code"], "datasets": district_counts.get(d["code"], 0)}
            for d in gazetteer.districts()
        ],
        "citywide": district_counts.get("citywide", 0),
        "departments": _departments(_facet(everything, "organization"), everything),
        "completeness": _histogram(_facet(everything, "completeness")),
        "openness": _histogram(_facet(everything, "openness")),
        "overdue": _overdue(),
        "participation": participation,
    }


def _histogram(counts: dict[str, int]) -> dict[str, Any]:
    values = {int(k): v for k, v in counts.items() if k.isdigit()}
    total = sum(values.values())
    return {
        "counts": {str(k): values[k] for k in sorted(values)},
        "average": round(sum(k * v for k, v in values.items()) / total, 1) if total else None,
    }

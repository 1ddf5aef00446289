"""What goes into the Solr document of a dataset, and how our facets are labelled."""

from __future__ import annotations

import json
from typing import Any

from ckanext.smarttehran import gazetteer, persian, vocabularies

# Dataset field -> vocabulary it takes its codes from.
FACET_FIELDS = {
    "smart_dimension": "dimensions",
    "strategic_axis": "axes",
    "smart_goal": "goals",
    "district": "districts",
    "neighborhood": "neighborhoods",
}
MULTI_FIELDS = (*FACET_FIELDS, "indicators")


def as_list(value: Any) -> list[str]:
    """A multiple-choice value as stored (JSON text) or shown (list) as a list of codes."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def labels(vocabulary: str, code: str) -> list[str]:
    """Every label of a code (Persian and English), for full-text search."""
    if vocabulary == "neighborhoods":
        n = gazetteer.neighborhood(code)
        return [n["name_fa"], n["name_en"]] if n else []
    fa = vocabularies.label(vocabulary, code, "fa")
    return [fa, vocabularies.label(vocabulary, code, "en")] if fa else []


def before_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Our code fields as multi-valued Solr fields, their labels in the full text."""
    words: list[str] = []
    for field in MULTI_FIELDS:
        codes = as_list(pkg_dict.get(field) or pkg_dict.get(f"extras_{field}"))
        pkg_dict[field] = codes
        pkg_dict.pop(f"extras_{field}", None)
        vocabulary = FACET_FIELDS.get(field)
        if vocabulary:
            for code in codes:
                words.extend(labels(vocabulary, code))
    if words:
        pkg_dict["text"] = [*as_list(pkg_dict.get("text")), *words]
    return pkg_dict


def _page_lang() -> str:
    """``en`` on an English page, ``fa`` otherwise (also outside a request)."""
    import ckan.plugins.toolkit as tk

    try:
        return "en" if tk.h.lang().startswith("en") else "fa"
    except (RuntimeError, TypeError, AttributeError):
        return "fa"


def label_facets(search_results: dict[str, Any]) -> dict[str, Any]:
    """Give our facet items Persian (or English) display names; ``name`` stays the code."""
    lang = _page_lang()
    for field, vocabulary in FACET_FIELDS.items():
        facet = (search_results.get("search_facets") or {}).get(field)
        if not facet:
            continue
        for item in facet["items"]:
            found = labels(vocabulary, item["name"])
            if found:  # Latin digits, as everywhere in the API; pages show Persian ones
                item["display_name"] = persian.to_latin_digits(found[0] if lang == "fa" else found[1])
    return search_results


def facet_titles(facets: dict[str, Any]) -> dict[str, Any]:
    """Our facets first on the search page, titled in the page's language."""
    from ckan.plugins.toolkit import _

    ours = {
        "smart_dimension": _("Smart-city dimension"),
        "strategic_axis": _("Strategic axis"),
        "smart_goal": _("Qualitative goal"),
        "district": _("District"),
        "neighborhood": _("Neighbourhood"),
    }
    return {**ours, **{k: v for k, v in facets.items() if k not in ours}}


# CKAN's default query fields plus the English title, weighted like the Persian one.
QUERY_FIELDS = "name^4 title^4 title_en^4 tags^2 groups^2 text"


def before_search(search_params: dict[str, Any]) -> dict[str, Any]:
    """Search English titles as strongly as Persian ones (unless the caller sets ``qf``),
    and fold ``fq`` like stored text (``tags:ترافيك`` finds the tag ترافیک, ``district:"۶"``
    the district 6)."""
    search_params.setdefault("qf", QUERY_FIELDS)
    if isinstance(search_params.get("fq"), str):
        search_params["fq"] = persian.fold(search_params["fq"])
    return search_params

"""What goes into the Solr document of a dataset, and how our facets are labelled."""

from __future__ import annotations

import json
import re
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


PLACE_FIELDS = ("district", "neighborhood")


def before_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    """Our code fields as multi-valued Solr fields, their labels in the full text; the
    names of the dataset's districts and neighbourhoods also in ``places`` (weighted)."""
    words: list[str] = []
    places: list[str] = []
    for field in MULTI_FIELDS:
        codes = as_list(pkg_dict.get(field) or pkg_dict.get(f"extras_{field}"))
        pkg_dict[field] = codes
        pkg_dict.pop(f"extras_{field}", None)
        vocabulary = FACET_FIELDS.get(field)
        if vocabulary:
            for code in codes:
                found = labels(vocabulary, code)
                words.extend(found)
                if field in PLACE_FIELDS:
                    places.extend(found)
    if words:
        pkg_dict["text"] = [*as_list(pkg_dict.get("text")), *words]
    if places:
        # One text, not a list: a Solr still on the previous schema takes an unknown field
        # as its single-valued "*" string, and would refuse a list (every dataset with a
        # place could not be indexed until Solr was restarted with the new schema).
        pkg_dict["places"] = "\n".join(places)
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


# Free-text search (issue 17, docs/search.md): titles (Persian and English) weigh most,
# then tags and places, then the name; the catch-all text (notes, resources, labels)
# least. Phrase boosts (pf) are solrconfig.xml defaults: package_search cannot pass pf.
QUERY_FIELDS = "title^8 tags_text^5 places^3 text"
# Minimum should match: of two words one is enough, of three two, of four three, then
# 75%. Datasets matching every word still rank first (more matching clauses score higher,
# and pf rewards the words together).
MIN_MATCH = "1<-1 4<75%"


# edismax with q.op=OR, given in the query's local parameters: CKAN sends q.op=AND (and
# package_search cannot change it), under which edismax with sow=false (our /select
# default, needed for multi-word synonyms and joined affixes) makes every word required
# whatever mm says. CKAN allows this parser in q through solr_allowed_query_parsers.
EDISMAX = "{!edismax q.op=OR}"
_BRACES = re.compile(r"[{}]")


def allow_edismax(config: Any) -> None:
    """Let ``q`` start with ``{!edismax ...}``: CKAN refuses local parameters for a parser
    not in ``ckan.search.solr_allowed_query_parsers``."""
    allowed = list(config.get("ckan.search.solr_allowed_query_parsers") or [])
    if "edismax" not in allowed:
        config["ckan.search.solr_allowed_query_parsers"] = [*allowed, "edismax"]


def is_free_text(q: Any) -> bool:
    """A query typed into a search box (not ``*:*``, not a fielded Solr query)."""
    return isinstance(q, str) and bool(q.strip()) and ":" not in q and q.strip() not in ('""', "''")


def before_search(search_params: dict[str, Any]) -> dict[str, Any]:
    """Relaxed, weighted free-text search (edismax, ``mm``, our ``qf``) unless the caller
    chose a parser; ``fq`` folded like stored text (``tags:ترافيك`` finds the tag ترافیک,
    ``district:"۶"`` the district 6)."""
    search_params.setdefault("qf", QUERY_FIELDS)
    q = search_params.get("q")
    if is_free_text(q) and "defType" not in search_params:
        # Braces would end or open local parameters: they are never part of a word.
        search_params["q"] = EDISMAX + (" ".join(_BRACES.sub(" ", q).split()) or '""')
        search_params["defType"] = "lucene"
        search_params.setdefault("mm", MIN_MATCH)
    if isinstance(search_params.get("fq"), str):
        search_params["fq"] = persian.fold(search_params["fq"])
    return search_params

"""Dataset search as people type it: "did you mean" on package_search, suggestions while
typing (docs/search.md)."""

from __future__ import annotations

import copy
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict

from ckanext.smarttehran import gazetteer, indexing, persian, spelling
from ckanext.smarttehran.logic import params

__all__ = ["package_search", "smarttehran_search_suggest"]

_WORDS = re.compile(r"[\w\u200c]+")
SUGGEST_MAX_CHARS = 100


@tk.chained_action
@tk.side_effect_free
def package_search(up_func: Action, context: Context, data_dict: DataDict) -> dict[str, Any]:
    """CKAN's package_search, plus ``smarttehran_did_you_mean`` (a correction of ``q``
    when it finds fewer than three datasets, else null) and, when ``q`` found nothing but
    its correction did, the correction's results with ``smarttehran_corrected_from`` (the
    query as typed)."""
    q = data_dict.get("q")
    if not indexing.is_free_text(q):
        return up_func(context, data_dict)
    original = copy.deepcopy(dict(data_dict))  # package_search changes its data_dict

    def search(text: str) -> dict[str, Any]:
        return up_func(dict(context), {**copy.deepcopy(original), "q": text})

    filters = _visible_filters(context, original)
    result = spelling.with_correction(search, q, lambda p: spelling.ask_ckan_solr({**p, "fq": filters}))
    _remember_for_the_page(q, result)
    return result


def _visible_filters(context: Context, data_dict: DataDict) -> list[str]:
    """The filters package_search applies, for the spellcheck: a correction is kept only
    when it finds datasets this user may see in this search, so a private dataset's words
    are never suggested to others."""
    from ckan import authz
    from ckan.lib import plugins as lib_plugins
    from ckan.lib.search.query import solr_literal

    filters = [f"+site_id:{solr_literal(tk.config.get('ckan.site_id'))}", "+state:active"]
    if not tk.asbool(data_dict.get("include_private", False)):
        filters.append("+capacity:public")
    if isinstance(data_dict.get("fq"), str) and data_dict["fq"].strip():
        filters.append(persian.fold(data_dict["fq"]))
    user = context.get("user")
    if not (context.get("ignore_auth") or (user and authz.is_sysadmin(user))):
        labels = lib_plugins.get_permission_labels().get_user_dataset_labels(context.get("auth_user_obj"))
        allowed = " OR ".join(solr_literal(label) for label in labels)
        filters.append(f"+permission_labels:({allowed})")
    return filters


def _remember_for_the_page(q: str, result: dict[str, Any]) -> None:
    """The search page (CKAN's view passes on only results and facets) reads the
    correction of the search it asked for through ``h.smarttehran_search_correction``."""
    try:
        if tk.request.args.get("q") != q:
            return
        tk.g.smarttehran_search_correction = {
            "did_you_mean": result.get(spelling.DID_YOU_MEAN),
            "corrected_from": result.get(spelling.CORRECTED),
        }
    except (RuntimeError, AttributeError, TypeError):  # outside a request
        return


def _suggest_query(text: str) -> str | None:
    """Every word of ``text`` as a title prefix (the last one may be half typed)."""
    words = _WORDS.findall(persian.fold(text).replace("\u200c", ""))
    if not words:
        return None
    return " AND ".join(f"title_suggest:{w}" for w in words[:8])


def _place_matches(text: str, limit: int) -> list[dict[str, Any]]:
    key = persian.search_key(text)
    latin = persian.to_latin_digits(text).strip().lower()
    places = []
    for d in gazetteer.districts():
        if key and persian.search_key(d["name_fa"]).startswith(key) or latin and d["name_en"].lower().startswith(latin):
            places.append({"type": "district", "code": d["code"], "name_fa": d["name_fa"],
                           "name_en": d["name_en"], "url": f"/district/{d['code']}"})
    for n in gazetteer.find(text, limit=limit):
        places.append({"type": "neighborhood", "code": n["code"], "name_fa": n["name_fa"],
                       "name_en": n["name_en"], "url": f"/neighborhood/{n['code']}"})
    return places[:limit]


@tk.side_effect_free
def smarttehran_search_suggest(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Suggestions while typing in the search box: dataset titles whose words start with
    the typed words (only datasets the user may see), and districts and neighbourhoods
    whose names start with or contain the text.

    :param q: the text typed so far (at most 100 characters)
    :param limit: at most this many of each kind (default 6, at most 20)
    :returns: ``{"datasets": [{"name", "title", "title_en"}], "places": [{"type",
        "code", "name_fa", "name_en", "url"}]}``
    """
    tk.check_access("smarttehran_search_suggest", context, data_dict)
    text = " ".join(str(data_dict.get("q") or "").split())[:SUGGEST_MAX_CHARS]
    limit = min(params.integer(data_dict, "limit", 6, minimum=1), 20)
    query = _suggest_query(text)
    if not query:
        return {"datasets": [], "places": []}
    found = tk.get_action("package_search")(
        {"user": context.get("user"), "auth_user_obj": context.get("auth_user_obj")},
        {"q": query, "rows": limit, "fl": "name,title,title_en", "facet": "false"},
    )
    datasets = [{"name": r["name"], "title": r.get("title") or r["name"], "title_en": r.get("title_en") or ""}
                for r in found["results"]]
    return {"datasets": datasets, "places": _place_matches(text, limit)}

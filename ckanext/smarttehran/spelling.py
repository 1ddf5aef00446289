"""\"Did you mean\": Solr's spellcheck (the ``/spell`` handler, DirectSolrSpellChecker over
the ``spell`` field) for a search that finds little, and the retry of one that finds
nothing (docs/search.md).

A typo from a neighbouring key or a look-alike letter (ترافیگ, بوسطان, ح/ه, ک/گ, ط/ت,
ز/ذ/ض/ظ, س/ص/ث) is one or two edits from a word of the catalog; Solr proposes the
nearest words and keeps only corrections of the whole query that find datasets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ckanext.smarttehran import persian

log = logging.getLogger(__name__)

# package_search result keys (API) and what the search page reads.
DID_YOU_MEAN = "smarttehran_did_you_mean"
CORRECTED = "smarttehran_corrected_from"
# A search with at most this many results also offers a correction (a search that finds
# nothing is retried with it). More results: the query was understood, no extra request.
SUGGEST_BELOW = 3
MAX_QUERY = 200  # longer texts are not spell-checked (one request, bounded work)

Ask = Callable[[dict[str, Any]], dict[str, Any]]


def _pairs(flat: Any) -> list[tuple[Any, Any]]:
    """Solr's flat named lists ``[k1, v1, k2, v2]`` (json.nl=flat) as pairs."""
    if isinstance(flat, dict):
        return list(flat.items())
    if not isinstance(flat, list):
        return []
    return list(zip(flat[::2], flat[1::2], strict=False))


def best_collation(spellcheck: dict[str, Any]) -> str | None:
    """Solr's first correction of the whole query that finds datasets, if any (Solr
    orders them by closeness to what was typed, then by how common the words are)."""
    for key, value in _pairs(spellcheck.get("collations")):
        if key != "collation":
            continue
        if isinstance(value, str):
            return value or None
        if value.get("collationQuery") and int(value.get("hits") or 0) > 0:
            return value["collationQuery"]
    return None


def suggest(q: str, ask: Ask) -> str | None:
    """A corrected query for ``q`` (Persian letters, as a person writes it), or None.

    ``ask(params)`` sends the parameters to Solr's ``/spell`` handler and returns the
    response's ``spellcheck`` section.
    """
    text = persian.fold(" ".join((q or "").split()))
    if not text or len(text) > MAX_QUERY or ":" in text:
        return None
    try:
        spellcheck = ask({"q": text, "spellcheck.q": text}) or {}
    except Exception:  # a spellcheck failure never fails the search itself
        log.warning("spellcheck request failed", exc_info=True)
        return None
    fixed = best_collation(spellcheck)
    if not fixed:
        return None
    fixed = persian.fold(fixed)
    return fixed if fixed.lower() != text.lower() else None


def ask_ckan_solr(params: dict[str, Any]) -> dict[str, Any]:
    """Send a spellcheck request to CKAN's Solr core (``/spell`` handler)."""
    from ckan.lib.search.common import make_connection

    return make_connection().search(search_handler="spell", **params).spellcheck


def with_correction(search: Callable[[str], dict[str, Any]], q: str, ask: Ask = ask_ckan_solr) -> dict[str, Any]:
    """Run ``search(q)``; when it finds nothing, run it again with the correction.

    The result carries ``smarttehran_did_you_mean`` (a correction, or None) and, when the
    shown results are those of the correction, ``smarttehran_corrected_from`` (the query
    as typed)."""
    result = search(q)
    result[DID_YOU_MEAN] = None
    if result.get("count", 0) >= SUGGEST_BELOW:
        return result
    fixed = suggest(q, ask)
    if not fixed:
        return result
    if result.get("count", 0) == 0:
        retried = search(fixed)
        if retried.get("count", 0) > 0:
            retried[DID_YOU_MEAN] = fixed
            retried[CORRECTED] = q
            return retried
    result[DID_YOU_MEAN] = fixed
    return result

"""Cache headers of static files: CKAN's own after-request hook gives every response
``max-age=ckan.cache_expires`` (0 by default, and a long value there would also let
proxies keep dynamic pages). Webassets bundles have a content hash in their names, so
they are kept for a year (``immutable``); other public files (images, fonts, the
vocabulary files) for ``ckanext.smarttehran.static_max_age`` seconds."""

from __future__ import annotations

from typing import Any

from flask import request

from ckanext.smarttehran import config

WEBASSETS_ENDPOINT = "webassets.index"
STATIC_ENDPOINT = "static"
YEAR = 365 * 24 * 3600


def after_request(response: Any) -> Any:
    """Flask hook, run after CKAN's: long-lived caching for static files that answered 200."""
    endpoint = request.endpoint
    if response.status_code != 200 or endpoint not in (WEBASSETS_ENDPOINT, STATIC_ENDPOINT):
        return response
    cache = response.cache_control
    cache.public = True
    cache.must_revalidate = False
    cache.no_cache = None  # Flask's send_file sets it when no max age is configured
    if endpoint == WEBASSETS_ENDPOINT:
        cache.max_age = YEAR
        cache.immutable = True
    else:
        cache.max_age = config.static_max_age()
    return response


def register(app: Any) -> None:
    """Add the hook so that it runs after CKAN's (Flask runs after-request hooks last
    registered first, and CKAN registered its own before the plugins' middleware)."""
    app.after_request_funcs.setdefault(None, []).insert(0, after_request)

"""Cache headers of static files (``static_cache``) and of the production WSGI entry."""

from __future__ import annotations

import re

import pytest


def _webasset(app) -> str:
    page = app.get("/").get_data(as_text=True)
    found = re.search(r'(/webassets/[^"?]+\.css)', page)
    assert found, "the home page links no webassets stylesheet"
    return found.group(1)


class TestStaticCache:
    def test_webassets_kept_a_year(self, app):
        """A webassets bundle (content-hashed name): public, a year, immutable, no no-cache."""
        response = app.get(_webasset(app))
        assert response.status_code == 200
        cache = response.headers["Cache-Control"]
        assert "max-age=31536000" in cache
        assert "immutable" in cache and "public" in cache
        assert "no-cache" not in cache

    def test_public_files_default_a_day(self, app):
        """A file of a public folder (the CKAN logo): the default one day."""
        response = app.get("/base/images/ckan-logo.png")
        assert response.status_code == 200
        cache = response.headers["Cache-Control"]
        assert "max-age=86400" in cache and "no-cache" not in cache
        assert "immutable" not in cache

    @pytest.mark.ckan_config("ckanext.smarttehran.static_max_age", "60")
    def test_public_files_max_age_configurable(self, app):
        """ckanext.smarttehran.static_max_age changes the public files' max-age."""
        response = app.get("/base/images/ckan-logo.png")
        assert "max-age=60" in response.headers["Cache-Control"]

    def test_pages_keep_ckans_cache_control(self, app):
        """Dynamic pages are not given the static files' lifetime."""
        response = app.get("/api/3/action/status_show")
        assert "max-age=86400" not in response.headers.get("Cache-Control", "")
        assert "31536000" not in response.headers.get("Cache-Control", "")

    def test_missing_static_file_not_cached(self, app):
        """A 404 under /webassets gets no long lifetime."""
        response = app.get("/webassets/base/nope_missing.css", status=404)
        assert "31536000" not in response.headers.get("Cache-Control", "")

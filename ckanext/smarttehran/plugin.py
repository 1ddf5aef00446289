"""The Smart Tehran plugin: registrations only, the work is in the modules."""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckan.lib.plugins import DefaultTranslation

from ckanext.smarttehran import (
    api_guard,
    http_errors,
    indexing,
    map_view,
    page_digits,
    paths,
    required_plugins,
    static_cache,
)
from ckanext.smarttehran import config as settings
from ckanext.smarttehran.privacy import masking
from ckanext.smarttehran.transparency import access
from ckanext.smarttehran.transparency import indexing as transparency_index


@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.validators
@tk.blanket.helpers
@tk.blanket.blueprints
@tk.blanket.cli
@tk.blanket.config_declarations
class SmartTehranPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.ITranslation)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IMiddleware, inherit=True)
    p.implements(p.IResourceView, inherit=True)

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "smarttehran")
        indexing.allow_edismax(config)  # relaxed free-text search (docs/search.md)

    # IConfigurable
    def configure(self, config: CKANConfig) -> None:
        required_plugins.check()
        masking.configure(settings.privacy_mask_keep)

    # ITranslation
    def i18n_directory(self) -> str:
        return str(paths.i18n_dir())

    def i18n_domain(self) -> str:
        return "ckanext-smarttehran"

    # IMiddleware
    def make_middleware(self, app: Any, config: CKANConfig) -> Any:
        app.after_request(page_digits.after_request)
        static_cache.register(app)
        http_errors.register(app)
        api_guard.register(app)
        return app

    # IResourceView: GeoJSON on a map (map_view.py)
    def info(self) -> dict[str, Any]:
        return map_view.info()

    def can_view(self, data_dict: dict[str, Any]) -> bool:
        return map_view.can_view(data_dict)

    def setup_template_variables(self, context: Any, data_dict: dict[str, Any]) -> dict[str, Any]:
        return map_view.template_variables(data_dict)

    def view_template(self, context: Any, data_dict: dict[str, Any]) -> str:
        return "smarttehran/map_view.html"

    # IFacets
    def dataset_facets(self, facets_dict: dict[str, Any], package_type: str) -> dict[str, Any]:
        return indexing.facet_titles(facets_dict)

    # IPackageController
    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return transparency_index.before_index(indexing.before_index(pkg_dict))

    def before_dataset_search(self, search_params: dict[str, Any]) -> dict[str, Any]:
        return indexing.before_search(search_params)

    def after_dataset_search(self, search_results: dict[str, Any], search_params: dict[str, Any]):
        return access.strip_search_results(indexing.label_facets(search_results))

    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return access.strip_shown(context, pkg_dict)

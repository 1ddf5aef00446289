"""The Smart Tehran plugin: registrations only, the work is in the modules."""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckan.lib.plugins import DefaultTranslation

from ckanext.smarttehran import paths


@tk.blanket.config_declarations
@tk.blanket.cli
class SmartTehranPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)

    # IConfigurer
    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "smarttehran")

    # ITranslation
    def i18n_directory(self) -> str:
        return str(paths.i18n_dir())

    def i18n_domain(self) -> str:
        return "ckanext-smarttehran"

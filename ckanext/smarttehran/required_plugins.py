"""The plugins this extension builds on, checked once CKAN has loaded every plugin.

Without them the failure comes much later and far from its cause (a chained action with
no parent, a missing ``activity`` table, a schema that never applies), so start-up stops
with a plain sentence naming what to add to ``ckan.plugins``.
"""

from __future__ import annotations

import ckan.plugins as p

REQUIRED = ("scheming_datasets", "activity", "datastore")


class MissingPlugins(RuntimeError):
    """``ckan.plugins`` lacks a plugin this extension needs."""


def check() -> None:
    """Raise MissingPlugins naming every required plugin that is not loaded."""
    missing = [name for name in REQUIRED if not p.plugin_loaded(name)]
    if missing:
        raise MissingPlugins(
            "ckanext-smarttehran needs these plugins in ckan.plugins: "
            f"{', '.join(missing)} (it builds on {', '.join(REQUIRED)}). "
            "Add them to ckan.plugins; dev/demo-options.ini has the full list."
        )

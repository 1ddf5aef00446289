"""Actions, one module per concern; ``tk.blanket.actions`` registers ``__all__``."""

from __future__ import annotations

from ckanext.smarttehran.logic.action import (
    dcat,
    participation,
    places,
    privacy,
    queries,
    search,
    side_doors,
    transparency,
    vocabulary,
)

_MODULES = (vocabulary, places, transparency, privacy, participation, queries, dcat, search, side_doors)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(m, name) for m in _MODULES for name in m.__all__})

"""Blueprints, one module per concern; ``tk.blanket.blueprints`` registers ``__all__``."""

from __future__ import annotations

from ckanext.smarttehran.views import places as _places

_MODULES = (_places,)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(m, name) for m in _MODULES for name in m.__all__})

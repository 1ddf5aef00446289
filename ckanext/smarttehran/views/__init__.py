"""Blueprints, one module per concern; ``tk.blanket.blueprints`` registers ``__all__``."""

from __future__ import annotations

from ckanext.smarttehran.views import developers as _developers
from ckanext.smarttehran.views import participation as _participation
from ckanext.smarttehran.views import places as _places
from ckanext.smarttehran.views import privacy as _privacy
from ckanext.smarttehran.views import transparency as _transparency

_MODULES = (_places, _privacy, _transparency, _developers, _participation)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(m, name) for m in _MODULES for name in m.__all__})

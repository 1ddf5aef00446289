"""Auth functions, one module per concern; same names as the actions."""

from __future__ import annotations

from ckanext.smarttehran.logic.auth import participation, privacy, public, transparency

_MODULES = (public, transparency, privacy, participation)

__all__ = [name for module in _MODULES for name in module.__all__]
globals().update({name: getattr(m, name) for m in _MODULES for name in m.__all__})

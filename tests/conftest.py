"""Fixtures shared by the suite. CKAN's own pytest plugin supplies the rest."""

from __future__ import annotations

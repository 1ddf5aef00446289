"""The smart-city vocabularies: dimensions, axes, goals, districts, frequencies, indicators.

Each lives as a JSON file in ``schemas/vocabularies/`` (see ``docs/vocabularies.md``)
with a ``name``, a bilingual ``title`` and ``items``; every item has a ``code`` and
``fa``/``en`` labels. Files are read once and cached; treat what is returned as
read-only.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from ckanext.smarttehran import paths

NAMES = (
    "dimensions", "axes", "goals", "districts", "update_frequencies", "indicators",
    "access_reasons",
)
LANGS = ("fa", "en")


@cache
def vocabulary(name: str) -> dict[str, Any]:
    """The whole vocabulary document ``name`` (one of ``NAMES``), for the API."""
    if name not in NAMES:
        raise KeyError(f"unknown vocabulary {name!r}; known: {', '.join(NAMES)}")
    path = paths.schemas_dir() / "vocabularies" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def items(name: str) -> list[dict[str, Any]]:
    return vocabulary(name)["items"]


@cache
def _index(name: str) -> dict[str, dict[str, Any]]:
    return {item["code"]: item for item in items(name)}


def codes(name: str) -> list[str]:
    """The codes of vocabulary ``name``, in their file order."""
    return [item["code"] for item in items(name)]


def dimensions() -> list[dict[str, Any]]:
    return items("dimensions")


def axes() -> list[dict[str, Any]]:
    return items("axes")


def goals(dimension: str | None = None, axis: str | None = None) -> list[dict[str, Any]]:
    """The 58 qualitative goals, optionally those of one dimension and/or one axis."""
    return [
        g
        for g in items("goals")
        if (dimension is None or g["dimension"] == dimension)
        and (axis is None or axis in g["axes"])
    ]


def goal(code: str) -> dict[str, Any] | None:
    """One goal by code (``governance.09``), or ``None``."""
    return _index("goals").get(code)


def districts() -> list[dict[str, Any]]:
    """Districts ``"1"``..``"22"`` and ``"citywide"``."""
    return items("districts")


def frequencies() -> list[dict[str, Any]]:
    """Update frequencies with their EU frequency URI and ISO 8601 duration."""
    return items("update_frequencies")


def frequency(code: str) -> dict[str, Any] | None:
    return _index("update_frequencies").get(code)


def indicators(dimension: str | None = None) -> list[dict[str, Any]]:
    return [i for i in items("indicators") if dimension is None or i["dimension"] == dimension]


def label(name: str, code: str, lang: str = "fa") -> str | None:
    """The ``lang`` label of ``code`` in vocabulary ``name``, or ``None`` if unknown."""
    item = _index(name).get(code)
    return item[lang if lang in LANGS else "en"] if item else None


def choices(name: str, lang: str | None = None) -> list[dict[str, Any]]:
    """Scheming-style choices for vocabulary ``name``.

    Without ``lang`` each label is the ``{"fa": ..., "en": ...}`` dict scheming
    translates itself; with ``lang`` it is that language's string. Goals' codes
    (``environment.03``) are for the API, not in their labels: the form groups goals
    under their dimension, which tells similar wordings apart.
    """
    out = []
    for item in items(name):
        labels = {k: item[k] for k in LANGS}
        out.append({"value": item["code"], "label": labels[lang] if lang else labels})
    return out

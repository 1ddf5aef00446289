"""Latin URL names for datasets: the name the form previews is the name the dataset gets."""

from __future__ import annotations

from ckan import model

from ckanext.smarttehran import persian


def unused_name(name: str) -> str:
    """``name``, or ``name-2``, ``name-3`` ... when a dataset already uses it."""
    candidate, n = name, 1
    while model.Package.get(candidate) is not None:
        n += 1
        candidate = f"{name[: 100 - len(str(n)) - 1]}-{n}"
    return candidate


def name_for_title(title: str) -> str:
    """The unused Latin name transliterated from a Persian title (ValueError if too short)."""
    return unused_name(persian.slugify(title))

"""ckanext-dcat's RDF actions limited to the formats its pages can answer: the pages look
the content type up in ``CONTENT_TYPES``, so ``/dataset/<id>.nt`` (a format rdflib
writes but the table lacks) was a ``KeyError`` and a 500. Any other format is now a
validation error, which the dcat pages answer with 409 and this message."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict

from ckanext.smarttehran.errors import bilingual

_ACTIONS = ("dcat_dataset_show", "dcat_catalog_show", "dcat_catalog_search")
__all__ = list(_ACTIONS)


def _formats() -> tuple[str, ...]:
    from ckanext.dcat.utils import CONTENT_TYPES

    return tuple(CONTENT_TYPES)


def _check_format(data_dict: DataDict) -> None:
    value = data_dict.get("format")
    if value in (None, ""):
        return
    formats = _formats()
    if not isinstance(value, str) or value not in formats:
        listed = ", ".join(formats)
        raise tk.ValidationError({"format": [bilingual(
            f"قالب پشتیبانی نمی‌شود: {str(value)[:20]} (یکی از {listed})",
            f"unsupported format: {str(value)[:20]} (use one of {listed})",
        )]})


def _guarded(name: str) -> Action:
    @tk.chained_action
    @tk.side_effect_free
    def chained(next_action: Action, context: Context, data_dict: DataDict) -> Any:
        _check_format(data_dict)
        return next_action(context, data_dict)

    chained.__name__ = name
    chained.__doc__ = f"ckanext-dcat's {name}, for the formats its pages serve."
    return chained


globals().update({name: _guarded(name) for name in _ACTIONS})

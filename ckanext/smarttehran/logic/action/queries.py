"""Core's name searches, folded like stored text: a query typed with Arabic ي/ك or
Persian/Arabic-Indic digits finds the organisations, groups and tags stored with Persian
ی/ک and Latin digits (``persian.fold``). Dataset search does the same to ``fq``
(``indexing.before_search``); its ``q`` is left to Solr's Persian analysis."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict

from ckanext.smarttehran import persian
from ckanext.smarttehran.errors import bilingual

# Each action and the parameter holding its query text.
_QUERY_PARAMS = {
    "organization_list": "q",
    "group_list": "q",
    "organization_autocomplete": "q",
    "group_autocomplete": "q",
    "tag_list": "query",
    "tag_autocomplete": "query",
}

__all__ = list(_QUERY_PARAMS)


def _folding(name: str, param: str) -> Action:
    @tk.chained_action
    @tk.side_effect_free
    def chained(next_action: Action, context: Context, data_dict: DataDict) -> Any:
        value = data_dict.get(param)
        if isinstance(value, str):
            data_dict = {**data_dict, param: persian.fold(value)}
        elif name.endswith("_autocomplete") and value is None:  # core reads data_dict["q"]: a 500
            raise tk.ValidationError({param: [bilingual("این پارامتر لازم است", "Missing value")]})
        elif value is None and param in data_dict:  # ``"q": null`` was a 500 in the lists
            data_dict = {k: v for k, v in data_dict.items() if k != param}
        return next_action(context, data_dict)

    chained.__name__ = name
    chained.__doc__ = f"Core's {name}, its ``{param}`` folded (Arabic ي/ك, other digits)."
    return chained


globals().update({name: _folding(name, param) for name, param in _QUERY_PARAMS.items()})

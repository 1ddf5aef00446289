"""The controlled vocabularies of the schema, readable through the API."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.smarttehran import gazetteer, vocabularies
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.logic import dataset_names
from ckanext.smarttehran.logic.schema import validated

__all__ = ["smarttehran_vocabulary_list", "smarttehran_vocabulary_show", "smarttehran_slug_show"]

NEIGHBORHOODS = "neighborhoods"


def _neighborhoods_document() -> dict[str, Any]:
    return {
        "name": NEIGHBORHOODS,
        "title": {"fa": "محله‌های تهران", "en": "Neighbourhoods of Tehran"},
        "items": [
            {"code": n["code"], "district": n["district"], "fa": n["name_fa"], "en": n["name_en"],
             "bbox": n["bbox"]}
            for n in gazetteer.neighborhoods()
        ],
    }


@tk.side_effect_free
@validated("smarttehran_vocabulary_list")
def smarttehran_vocabulary_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The vocabularies the dataset schema uses: name, bilingual title, number of codes.

    Full lists: ``smarttehran_vocabulary_show``.
    """
    tk.check_access("smarttehran_vocabulary_list", context, data_dict)
    out = []
    for name in (*vocabularies.NAMES, NEIGHBORHOODS):
        doc = _neighborhoods_document() if name == NEIGHBORHOODS else vocabularies.vocabulary(name)
        out.append({"name": name, "title": doc["title"], "count": len(doc["items"])})
    return out


@tk.side_effect_free
@validated("smarttehran_vocabulary_show")
def smarttehran_vocabulary_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One vocabulary with all its codes and their Persian and English labels.

    :param name: one of the names ``smarttehran_vocabulary_list`` gives
    """
    tk.check_access("smarttehran_vocabulary_show", context, data_dict)
    name = tk.get_or_bust(data_dict, "name")
    if name == NEIGHBORHOODS:
        return _neighborhoods_document()
    if name not in vocabularies.NAMES:
        raise tk.ObjectNotFound(bilingual(f"واژگان ناشناخته: {name}", f"unknown vocabulary: {name}"))
    return vocabularies.vocabulary(name)


@tk.side_effect_free
@validated("smarttehran_slug_show")
def smarttehran_slug_show(context: Context, data_dict: DataDict) -> dict[str, str]:
    """The Latin URL name the catalog would give a dataset with this Persian title
    (``-2``, ``-3`` ... appended when a dataset already has the name).

    :param title: the title
    """
    tk.check_access("smarttehran_slug_show", context, data_dict)
    title = tk.get_or_bust(data_dict, "title")
    try:
        return {"name": dataset_names.name_for_title(title)}
    except ValueError as e:
        raise tk.ValidationError({"title": [str(e)]}) from e

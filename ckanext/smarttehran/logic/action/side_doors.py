"""Core reads that showed restricted or private metadata, and the DataStore reads
bounded in time for everyone but sysadmins (``transparency/side_doors.py``)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz
from ckan.types import Action, Context, DataDict

from ckanext.smarttehran import config, persian
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.transparency import side_doors

__all__ = ["member_list", "format_autocomplete", "datastore_search", "datastore_search_sql"]

# DataStore's message when PostgreSQL cancels a statement at its timeout.
_TOO_LONG = "Query took too long"


@tk.chained_action
@tk.side_effect_free
def member_list(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's member_list, without the private datasets the user may not read."""
    return side_doors.visible_members(context, next_action(context, data_dict))


@tk.chained_action
@tk.side_effect_free
def format_autocomplete(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """Core's format_autocomplete, from the resources of public, unrestricted datasets."""
    return side_doors.public_formats(context, next_action(context, data_dict))


def _bounded(context: Context) -> Context:
    """The context with our statement timeout, unless the user is a sysadmin."""
    if context.get("ignore_auth") or authz.is_sysadmin(context.get("user")):
        return context
    context["query_timeout"] = config.datastore_query_timeout()
    return context


def _timed_out(error: tk.ValidationError) -> bool:
    messages = (error.error_dict or {}).get("query") if isinstance(error.error_dict, dict) else None
    return isinstance(messages, list) and _TOO_LONG in messages


def _too_long() -> tk.ValidationError:
    seconds = config.datastore_query_timeout() / 1000
    shown = f"{seconds:g}"
    return tk.ValidationError({"query": [bilingual(
        f"پرسش بیش از {persian.to_persian_digits(shown)} ثانیه طول کشید و متوقف شد؛ آن را محدودتر کنید",
        f"the query took longer than {shown} s and was stopped; narrow it down",
    )]})


@tk.chained_action
@tk.side_effect_free
def datastore_search(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """DataStore search: ``_table_metadata`` for sysadmins only; bounded in time."""
    side_doors.check_table_metadata(context, data_dict.get("resource_id") or data_dict.get("id"))
    try:
        return next_action(_bounded(context), data_dict)
    except tk.ValidationError as e:
        if _timed_out(e):
            raise _too_long() from None
        raise


@tk.chained_action
@tk.side_effect_free
def datastore_search_sql(next_action: Action, context: Context, data_dict: DataDict) -> Any:
    """DataStore SQL: no ``_table_metadata`` but for sysadmins; a statement timeout of
    ``ckanext.smarttehran.datastore.query_timeout`` ms (CKAN's own is 60 s) and CKAN's
    ``ckan.datastore.search.rows_max``."""
    side_doors.check_sql(context, data_dict.get("sql"))
    try:
        return next_action(_bounded(context), data_dict)
    except tk.ValidationError as e:
        if _timed_out(e):
            raise _too_long() from None
        raise

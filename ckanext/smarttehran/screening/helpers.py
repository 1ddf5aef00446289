"""Template helpers for the screening notices (read-only), registered through
``ckanext/smarttehran/helpers.py``'s ``__all__``."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk


def smarttehran_privacy_quarantined(package_id: str) -> list[dict[str, Any]]:
    """The dataset's screenings waiting for a decision, for a user who may see them."""
    context = {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}
    try:
        found = tk.get_action("smarttehran_privacy_report_list")(
            context, {"package_id": package_id, "limit": 50}
        )
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return []
    return [r for r in found["results"] if r["status"] in ("blocked", "error", "pending", "running")]


def smarttehran_privacy_message_halves(message: str) -> tuple[str, str]:
    """A refusal message's Persian and English halves, to set each in its own direction;
    the English half names the types in words, not by their codes."""
    from ckanext.smarttehran.screening.verdict import english_type_names, message_halves

    fa, en = message_halves(message)
    return fa, english_type_names(en)

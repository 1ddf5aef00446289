"""Privacy screening pages: a dataset's screenings, one report, override and discard."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint

from ckanext.smarttehran.screening.verdict import type_label

__all__ = ["privacy"]

privacy = Blueprint("smarttehran_privacy", __name__)


def _context() -> dict[str, Any]:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _can(action: str, data: dict[str, Any]) -> bool:
    try:
        tk.check_access(action, _context(), data)
    except tk.NotAuthorized:
        return False
    return True


@privacy.route("/dataset/<id>/privacy")
def dataset(id: str):  # noqa: A002 - CKAN's route parameter name
    try:
        pkg = tk.get_action("package_show")(_context(), {"id": id})
        found = tk.get_action("smarttehran_privacy_report_list")(
            _context(), {"package_id": pkg["id"], "limit": 200}
        )
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Dataset not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Not authorized to see this dataset's privacy screenings"))
    return tk.render(
        "smarttehran/privacy/dataset.html",
        {"pkg": pkg, "pkg_dict": pkg, "screenings": found["results"], "type_label": type_label},
    )


@privacy.route("/privacy/<sid>")
def report(sid: str):
    try:
        rec = tk.get_action("smarttehran_privacy_report_show")(_context(), {"id": sid})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Screening not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Not authorized to see this privacy screening"))
    return _render_report(rec, {})


def _render_report(rec: dict[str, Any], errors: dict[str, Any]):
    pkg = None
    if rec.get("package_id"):
        try:
            pkg = tk.get_action("package_show")(_context(), {"id": rec["package_id"]})
        except (tk.ObjectNotFound, tk.NotAuthorized):
            pkg = None
    return tk.render(
        "smarttehran/privacy/report.html",
        {
            "rec": rec,
            "pkg": pkg,
            "errors": errors,
            "type_label": type_label,
            "can_override": rec["status"] in ("blocked", "error")
            and _can("smarttehran_privacy_override", {"id": rec["id"]}),
            "can_discard": rec["status"] in ("blocked", "error", "pending")
            and _can("smarttehran_privacy_discard", {"id": rec["id"]}),
        },
    )


@privacy.route("/privacy/<sid>/override", methods=["POST"])
def override(sid: str):
    return _decide(
        sid,
        "smarttehran_privacy_override",
        {"justification": tk.request.form.get("justification", "")},
        tk._("Only a privacy officer or a sysadmin may override"),
        tk._("The override was recorded."),
    )


@privacy.route("/privacy/<sid>/discard", methods=["POST"])
def discard(sid: str):
    return _decide(
        sid,
        "smarttehran_privacy_discard",
        {},
        tk._("Not authorized to see this privacy screening"),
        tk._("The quarantined file was deleted."),
    )


def _decide(sid: str, action: str, data: dict[str, Any], refused: str, done: str):
    """Run a decision on a screening: back to its report, with the errors if it failed."""
    try:
        tk.get_action(action)(_context(), {"id": sid, **data})
    except tk.NotAuthorized:
        return tk.abort(403, refused)
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Screening not found"))
    except tk.ValidationError as e:
        rec = tk.get_action("smarttehran_privacy_report_show")(_context(), {"id": sid})
        return _render_report(rec, e.error_dict)
    tk.h.flash_success(done)
    return tk.redirect_to("smarttehran_privacy.report", sid=sid)

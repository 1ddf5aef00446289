"""Data requests (``/requests``) and dataset ratings: pages over the participation actions."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from flask import Blueprint

from ckanext.smarttehran import http_errors

__all__ = ["participation"]

participation = Blueprint("smarttehran_participation", __name__)


def _context() -> dict:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


@participation.route("/requests", methods=["GET", "POST"])
def requests():
    """The public list of data requests; logged-in users add one with the form."""
    errors, form = {}, {}
    if tk.request.method == "POST":
        form = dict(tk.request.form)
        try:
            tk.get_action("smarttehran_data_request_create")(_context(), form)
            tk.h.flash_success(tk._("Your request was sent. The department has 10 days to answer."))
            return tk.redirect_to("smarttehran_participation.requests")
        except tk.NotAuthorized:
            return tk.abort(403)
        except tk.ValidationError as e:
            errors = e.error_dict
    try:
        found = tk.get_action("smarttehran_data_request_list")(_context(), {
            "status": tk.request.args.get("status") or None, "limit": 100,
        })
    except tk.ValidationError as e:  # ?status=bogus
        return tk.abort(400, http_errors.validation_text(e))
    orgs = tk.get_action("organization_list")({}, {"all_fields": True})
    return tk.render("smarttehran/participation/requests.html",
                     {"found": found, "errors": errors, "form": form, "orgs": orgs})


@participation.route("/requests/<id>", methods=["GET", "POST"])
def request_read(id: str):
    """One request; the addressed department answers it here."""
    errors = {}
    if tk.request.method == "POST":
        try:
            tk.get_action("smarttehran_data_request_update")(_context(), {**tk.request.form, "id": id})
            return tk.redirect_to("smarttehran_participation.request_read", id=id)
        except tk.NotAuthorized:
            return tk.abort(403)
        except tk.ValidationError as e:
            errors = e.error_dict
    try:
        req = tk.get_action("smarttehran_data_request_show")(_context(), {"id": id})
    except tk.ObjectNotFound:
        return tk.abort(404)
    try:
        tk.check_access("smarttehran_data_request_update", _context(), {"id": id})
        can_answer = True
    except tk.NotAuthorized:
        can_answer = False
    return tk.render("smarttehran/participation/request.html",
                     {"req": req, "errors": errors, "can_answer": can_answer})


@participation.route("/dataset/<id>/rate", methods=["POST"])
def rate(id: str):
    """Rate a dataset from its page."""
    try:
        tk.get_action("smarttehran_rating_create")(_context(), {**tk.request.form, "package_id": id})
        tk.h.flash_success(tk._("Thank you for your rating."))
    except tk.NotAuthorized:
        return tk.abort(403)
    except tk.ValidationError as e:
        tk.h.flash_error("; ".join(str(m) for msgs in e.error_dict.values() for m in msgs))
    return tk.redirect_to("dataset.read", id=id)

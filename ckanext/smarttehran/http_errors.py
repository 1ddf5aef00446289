"""Errors that escape a view answered as what they are, not as a 500.

CKAN's views catch most of the logic errors they expect, but some pages of core and of
the extensions do not: a restricted resource's DataTables view raises ``NotAuthorized``
from ``resource_view_show``, a DataTables request without a number raises ``ValueError``.
Registered on the Flask app (``IMiddleware``):

- ``NotAuthorized`` 403, ``ObjectNotFound`` 404 and ``ValidationError`` 409 anywhere,
  through CKAN's own error page, with a Persian and English message;
- the DataTables endpoints (JSON) also answer 400 for a malformed form, in JSON;
- a NUL character anywhere in the path, query or form is a 400 (``refuse_nul``).
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

import ckan.plugins.toolkit as tk
from flask import current_app, request
from werkzeug.exceptions import BadRequest, Conflict, Forbidden, HTTPException, NotFound

from ckanext.smarttehran.errors import bilingual

log = logging.getLogger(__name__)

FORBIDDEN = bilingual("اجازهٔ دیدن این را ندارید", "you are not allowed to see this")
NOT_FOUND = bilingual("یافت نشد", "not found")
INVALID = bilingual("درخواست نامعتبر است", "invalid request")

# Endpoints answering JSON to a script, whose errors are JSON too.
JSON_ENDPOINTS = ("datatablesview.ajax", "datatablesview.filtered_download")


def validation_text(error: tk.ValidationError) -> str:
    details = "; ".join(
        f"{key}: {' '.join(str(m) for m in (msgs if isinstance(msgs, list) else [msgs]))}"
        for key, msgs in (error.error_dict or {}).items()
    )
    return f"{INVALID}: {details}" if details else INVALID


def _as_http(error: Exception) -> HTTPException:
    if isinstance(error, tk.NotAuthorized):
        return Forbidden(FORBIDDEN)
    if isinstance(error, tk.ObjectNotFound):
        return NotFound(NOT_FOUND)
    if isinstance(error, tk.ValidationError):
        return Conflict(validation_text(error))
    return BadRequest(INVALID)


def _json(http: HTTPException) -> tuple[str, int, dict[str, str]]:
    return json.dumps({"error": http.description}), http.code or 400, {"Content-Type": "application/json"}


def handle(error: Exception) -> Any:
    """Flask error handler: the logic error as its HTTP error, CKAN's error page."""
    http = _as_http(error)
    log.info("%s %s: %s answered %s", request.method, request.path, type(error).__name__, http.code)
    if request.endpoint in JSON_ENDPOINTS:
        return _json(http)
    return current_app.handle_http_exception(http)


def _json_view(view: Any) -> Any:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError) as e:
            return _json(_as_http(e))
        except (ValueError, KeyError, IndexError, TypeError):
            # A form the DataTables script never sends (``draw=abc``, a column out of range).
            return _json(BadRequest(INVALID))

    return wrapped


def refuse_nul() -> Any:
    """Flask before-request hook: a NUL character in the path, the query or the form is
    a 400 (PostgreSQL refuses it in any text, which was a 500)."""
    values = [request.path, *request.args.values()]
    if request.method in ("POST", "PUT") and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        values += [v for v in request.form.values() if isinstance(v, str)]
    if any("\x00" in v for v in values):
        http = BadRequest(bilingual("نویسهٔ NUL در درخواست پذیرفته نیست", "a NUL character is not accepted"))
        if request.endpoint in JSON_ENDPOINTS or request.path.startswith("/api/"):
            return _json(http)
        return current_app.handle_http_exception(http)
    return None


def register(app: Any) -> None:
    app.before_request(refuse_nul)
    for error in (tk.NotAuthorized, tk.ObjectNotFound, tk.ValidationError):
        app.register_error_handler(error, handle)
    for endpoint in JSON_ENDPOINTS:
        if endpoint in app.view_functions:
            app.view_functions[endpoint] = _json_view(app.view_functions[endpoint])

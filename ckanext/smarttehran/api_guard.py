"""The action API's guard against hostile parameters, for every action (core's, the
extensions' and ours): CKAN's own actions read ``data_dict["q"]`` without checking it
is there, pass ``id=-1`` or ``id=["a"]`` to SQL, and turn ``offset=10^30`` into a
PostgreSQL error, each a 500. ``register`` wraps CKAN's ``api.action`` view so that,
before any action runs, identifiers and search words must be text (at most ``MAX_TEXT``
characters) and paging parameters whole numbers from 0 to ``MAX_NUMBER``; otherwise
the answer is CKAN's own 409 validation error, in Persian and English, naming them.
(CKAN's view turns any other exception into a 500 itself, so nothing can be caught
after the action.) Our own actions validate all their input with their schemas
(``logic/schema.py``).
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

from flask import request

from ckanext.smarttehran import persian
from ckanext.smarttehran.errors import bilingual

log = logging.getLogger(__name__)

ENDPOINT = "api.action"
# Parameters that are always one identifier or one query text in CKAN's actions.
TEXT_PARAMS = ("id", "resource_id", "package_id", "q", "query", "owner_org", "object", "user_id")
# Paging parameters.
NUMBER_PARAMS = ("limit", "offset", "rows", "start", "page")
MAX_TEXT = 10_000
MAX_NUMBER = 1_000_000


def _request_data() -> dict[str, Any]:
    from ckan.views.api import _get_request_data

    try:
        data = _get_request_data(try_url_params=True)
    except ValueError:
        return {}  # CKAN's view answers malformed bodies itself
    return data if isinstance(data, dict) else {}


def _problem(key: str, value: Any) -> str | None:
    if key in TEXT_PARAMS:
        if isinstance(value, bool) or not isinstance(value, str):
            return bilingual("باید یک متن باشد", "must be a single text value")
        if len(value) > MAX_TEXT:
            return bilingual("بیش از اندازه بلند است", "is too long")
        if "\x00" in value:
            return bilingual("نویسهٔ NUL پذیرفته نیست", "a NUL character is not accepted")
    if key in NUMBER_PARAMS:
        digits = persian.to_latin_digits(value).strip() if isinstance(value, str) else value
        if isinstance(digits, str) and digits.isascii() and digits.isdigit() and len(digits) <= 12:
            digits = int(digits)
        if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= MAX_NUMBER:
            return bilingual(
                f"باید یک عدد صحیح از ۰ تا {persian.to_persian_digits(str(MAX_NUMBER))} باشد",
                f"must be a whole number from 0 to {MAX_NUMBER}",
            )
    return None


def _conflict(errors: dict[str, list[str]]) -> tuple[str, int, dict[str, str]]:
    body = {"help": request.url, "success": False,
            "error": {"__type": "Validation Error", **errors}}
    return json.dumps(body), 409, {"Content-Type": "application/json;charset=utf-8"}


def _guarded(view: Any) -> Any:
    @functools.wraps(view)
    def wrapped(logic_function: str, *args: Any, **kwargs: Any) -> Any:
        data = _request_data()
        errors = {}
        for key in (*TEXT_PARAMS, *NUMBER_PARAMS):
            if key in data and data[key] not in (None, ""):
                problem = _problem(key, data[key])
                if problem:
                    errors[key] = [problem]
        if errors:
            log.info("%s: refused parameters %s", logic_function, sorted(errors))
            return _conflict(errors)
        return view(logic_function, *args, **kwargs)

    return wrapped


def register(app: Any) -> None:
    for endpoint in list(app.view_functions):
        if endpoint == ENDPOINT:
            app.view_functions[endpoint] = _guarded(app.view_functions[endpoint])

"""Input schemas of our actions: CKAN's navl validation (``tk.validate``) with
``tk.validator_args`` schema functions, one per action, and the few parameter validators
they need. Every error names the parameter in Persian and English, so that
``?limit=abc``, ``offset=10^30``, a list where a word belongs or a 100,000-character
title is a 409 the caller can read, never a 500. Digits may be Persian, Arabic or Latin.

``SCHEMAS`` maps each action to its schema; the no-500s test sends every parameter
named here bad values.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Action, Context, DataDict, Schema, Validator

from ckanext.smarttehran import persian
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.model.participation import STATUSES as REQUEST_STATUSES
from ckanext.smarttehran.model.privacy import STATUSES as SCREENING_STATUSES

Invalid = tk.Invalid
missing = tk.missing

# Far beyond any list of ours, far below PostgreSQL's bigint (offset=10^30 was a 500).
MAX_OFFSET = 1_000_000
# Identifiers (uuids, names, codes) and one-line texts; free text has its own limit.
MAX_ID = 200
MAX_LINE = 500
MAX_TEXT = 4000

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


def _fa(number: int) -> str:
    return persian.to_persian_digits(str(number))


def whole_number(minimum: int, maximum: int, clamp: bool = False, message: str | None = None) -> Validator:
    """A whole number from ``minimum`` to ``maximum`` (``clamp``: larger ones become
    ``maximum``, like CKAN's ``limit_to_configured_maximum``); ``message`` replaces the
    out-of-range messages."""

    def validator(value: Any) -> Any:
        if value is missing or value is None or value == "":
            return value
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise Invalid(message or bilingual("باید یک عدد صحیح باشد", "must be a whole number"))
        digits = persian.to_latin_digits(str(value)).strip()
        try:
            if not digits.lstrip("-").isascii() or not digits.lstrip("-").isdigit():
                raise ValueError(digits)
            number = int(digits)
        except ValueError:  # also more digits than Python converts (4,300)
            raise Invalid(message or bilingual("باید یک عدد صحیح باشد", "must be a whole number")) from None
        if message and not minimum <= number <= maximum:
            raise Invalid(message)
        if number < minimum:
            raise Invalid(bilingual(f"باید {_fa(minimum)} یا بیشتر باشد", f"must be {minimum} or more"))
        if number > maximum:
            if clamp:
                return maximum
            raise Invalid(bilingual(f"باید {_fa(maximum)} یا کمتر باشد", f"must be {maximum} or less"))
        return number

    return validator


def flag(value: Any) -> Any:
    """true or false (absent: false)."""
    if isinstance(value, bool):
        return value
    if value is missing or value is None:
        return False
    text = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Invalid(bilingual("باید true یا false باشد", "must be true or false"))


def choice(options: Collection[str]) -> Validator:
    listed = ", ".join(sorted(options))

    def validator(value: Any) -> Any:
        if value is missing or value is None or value == "":
            return None
        if not isinstance(value, str) or value not in options:
            raise Invalid(bilingual(f"باید یکی از این‌ها باشد: {listed}", f"must be one of: {listed}"))
        return value

    return validator


def text(maximum: int) -> Validator:
    """A string of at most ``maximum`` characters (numbers are taken as their text)."""

    def validator(value: Any) -> Any:
        if value is missing or value is None:
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise Invalid(bilingual("باید متن باشد", "must be text"))
        value = str(value)
        if len(value) > maximum:
            raise Invalid(bilingual(
                f"بیش از اندازه بلند است (بیشینه {_fa(maximum)} نویسه)",
                f"is too long (at most {maximum} characters)",
            ))
        return value

    return validator


def required() -> Callable[..., None]:
    """``not_empty`` with a bilingual message."""

    def validator(key: Any, data: Any, errors: Any, context: Any) -> None:
        value = data.get(key)
        if value is missing or value is None or (isinstance(value, str) and not value.strip()):
            errors[key].append(bilingual("این فیلد الزامی است", "Missing value"))
            raise tk.StopOnError

    return validator


def _id(ignore_missing: Validator) -> list[Validator]:
    """A required identifier (``ignore_missing`` unused: the same signature as _optional)."""
    return [required(), text(MAX_ID)]


def _optional(ignore_missing: Validator, *validators: Validator) -> list[Validator]:
    return [ignore_missing, *validators]


# ---------------------------------------------------------------- the schemas


@tk.validator_args
def id_only(ignore_missing: Validator) -> Schema:
    return {"id": _id(ignore_missing)}


@tk.validator_args
def no_params(ignore: Validator) -> Schema:
    return {"__extras": [ignore]}


@tk.validator_args
def package_id_only(ignore_missing: Validator) -> Schema:
    return {"package_id": _id(ignore_missing)}


@tk.validator_args
def vocabulary_show(ignore_missing: Validator) -> Schema:
    return {"name": _id(ignore_missing)}


@tk.validator_args
def slug_show(ignore_missing: Validator) -> Schema:
    return {"title": [required(), text(MAX_LINE)]}


@tk.validator_args
def neighborhood_list(ignore_missing: Validator) -> Schema:
    return {
        "district": _optional(ignore_missing, text(MAX_ID)),
        "q": _optional(ignore_missing, text(MAX_LINE)),
        # Absent: 20 matches for q, every neighbourhood without q (375 at most).
        "limit": _optional(ignore_missing, whole_number(1, 400, clamp=True)),
        "offset": _optional(ignore_missing, whole_number(0, 400, clamp=True)),
    }


@tk.validator_args
def neighborhood_show(ignore_missing: Validator) -> Schema:
    return {"code": _id(ignore_missing)}


@tk.validator_args
def district_show(ignore_missing: Validator) -> Schema:
    return {"district": _id(ignore_missing)}


@tk.validator_args
def data_request_create(ignore_missing: Validator) -> Schema:
    return {
        "title": _optional(ignore_missing, text(MAX_TEXT)),
        "description": _optional(ignore_missing, text(MAX_TEXT)),
        "organization_id": _optional(ignore_missing, text(MAX_ID)),
    }


@tk.validator_args
def data_request_list(ignore_missing: Validator, default: Callable[[Any], Validator]) -> Schema:
    return {
        "status": [choice(REQUEST_STATUSES)],
        "organization_id": _optional(ignore_missing, text(MAX_ID)),
        "overdue": [flag],
        "limit": [default(50), whole_number(1, 200, clamp=True)],
        "offset": [default(0), whole_number(0, MAX_OFFSET)],
    }


@tk.validator_args
def data_request_update(ignore_missing: Validator) -> Schema:
    return {
        "id": _id(ignore_missing),
        "status": _optional(ignore_missing, text(MAX_ID)),
        "response": _optional(ignore_missing, text(MAX_TEXT)),
        "package_id": _optional(ignore_missing, text(MAX_ID)),
    }


@tk.validator_args
def rating_create(ignore_missing: Validator) -> Schema:
    return {
        "package_id": _id(ignore_missing),
        "rating": [required(), whole_number(1, 5, message=bilingual(
            "امتیاز باید از ۱ تا ۵ باشد", "the rating is 1 to 5"))],
        "comment": _optional(ignore_missing, text(MAX_TEXT)),
    }


@tk.validator_args
def privacy_report_list(ignore_missing: Validator, default: Callable[[Any], Validator]) -> Schema:
    return {
        "package_id": _optional(ignore_missing, text(MAX_ID)),
        "status": [choice(SCREENING_STATUSES)],
        "limit": [default(100), whole_number(1, 1000, clamp=True)],
        "offset": [default(0), whole_number(0, MAX_OFFSET)],
    }


@tk.validator_args
def privacy_override(ignore_missing: Validator) -> Schema:
    return {"id": _id(ignore_missing), "justification": _optional(ignore_missing, text(MAX_TEXT))}


SCHEMAS: dict[str, Callable[[], Schema]] = {
    "smarttehran_vocabulary_list": no_params,
    "smarttehran_vocabulary_show": vocabulary_show,
    "smarttehran_slug_show": slug_show,
    "smarttehran_neighborhood_list": neighborhood_list,
    "smarttehran_neighborhood_show": neighborhood_show,
    "smarttehran_district_show": district_show,
    "smarttehran_transparency_stats": no_params,
    "smarttehran_dataset_transparency_show": id_only,
    "smarttehran_data_request_create": data_request_create,
    "smarttehran_data_request_list": data_request_list,
    "smarttehran_data_request_show": id_only,
    "smarttehran_data_request_update": data_request_update,
    "smarttehran_rating_create": rating_create,
    "smarttehran_rating_show": package_id_only,
    "smarttehran_participation_stats": no_params,
    "smarttehran_privacy_report_show": id_only,
    "smarttehran_privacy_report_list": privacy_report_list,
    "smarttehran_privacy_override": privacy_override,
    "smarttehran_privacy_discard": id_only,
}


def validated(name: str) -> Callable[[Action], Action]:
    """Validate the action's ``data_dict`` against ``SCHEMAS[name]``; the action gets
    the validated dict. Like ``tk.validate``, except that a ``schema`` a caller left in
    the context (core's package actions put theirs there) is not taken for ours."""

    def decorator(action: Action) -> Action:
        @functools.wraps(action)
        def wrapper(context: Context, data_dict: DataDict) -> Any:
            data, errors = tk.navl_validate(dict(data_dict or {}), SCHEMAS[name](), context)
            if errors:
                raise tk.ValidationError(errors)
            return action(context, data)

        return wrapper

    return decorator

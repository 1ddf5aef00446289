"""Query parameters of the read actions: numbers, flags and choices read from a data_dict.

Each reader returns the value or raises a ValidationError naming the parameter, in
Persian and English, so that ``?limit=abc`` is a 409 the caller can read, not a 500.
Digits may be Persian, Arabic or Latin.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.smarttehran import persian
from ckanext.smarttehran.errors import bilingual

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


def _fail(key: str, fa: str, en: str) -> tk.ValidationError:
    return tk.ValidationError({key: [bilingual(fa, en)]})


def integer(data_dict: dict[str, Any], key: str, default: int, minimum: int = 0) -> int:
    """``data_dict[key]`` as a whole number of at least ``minimum``, else ``default``."""
    raw = data_dict.get(key)
    if raw is None or raw == "":
        return default
    try:
        value = int(persian.to_latin_digits(str(raw)).strip())
    except ValueError:
        raise _fail(key, f"«{key}» باید یک عدد صحیح باشد", f"{key} must be a whole number") from None
    if value < minimum:
        raise _fail(
            key,
            f"«{key}» باید {persian.to_persian_digits(str(minimum))} یا بیشتر باشد",
            f"{key} must be {minimum} or more",
        )
    return value


def flag(data_dict: dict[str, Any], key: str) -> bool:
    """``data_dict[key]`` as true or false (absent: false)."""
    raw = data_dict.get(key)
    if isinstance(raw, bool):
        return raw
    text = "" if raw is None else str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _fail(key, f"«{key}» باید true یا false باشد", f"{key} must be true or false")


def choice(data_dict: dict[str, Any], key: str, options: Collection[str]) -> str | None:
    """``data_dict[key]`` if it is one of ``options`` (absent: None)."""
    raw = data_dict.get(key)
    if raw is None or raw == "":
        return None
    if str(raw) not in options:
        listed = ", ".join(sorted(options))
        raise _fail(key, f"«{key}» باید یکی از این‌ها باشد: {listed}", f"{key} must be one of: {listed}")
    return str(raw)

"""Fetching a resource URL for screening: streamed to a file, with size and time limits."""

from __future__ import annotations

import hashlib
import os
from urllib.parse import urlparse

import requests

from ckanext.smarttehran import config
from ckanext.smarttehran.errors import bilingual

CHUNK = 1 << 16


class FetchError(Exception):
    """The URL could not be fetched; the message is bilingual and names no content."""


class TooLarge(FetchError):
    """The body is larger than the limit given to ``to_file``."""


def to_file(url: str, path: str, max_bytes: int | None = None) -> tuple[int, str]:
    """Stream ``url`` into ``path``; returns (size, sha256). Raises FetchError."""
    limit = config.privacy_fetch_max_size() if max_bytes is None else max_bytes
    timeout = config.privacy_fetch_timeout()
    if urlparse(url).scheme not in ("http", "https"):
        raise FetchError(
            bilingual(
                "فقط نشانی‌های http و https برای بررسی حریم خصوصی دریافت می‌شوند.",
                "Only http and https URLs can be fetched for privacy screening.",
            )
        )
    digest = hashlib.sha256()
    size = 0
    try:
        with requests.get(url, stream=True, timeout=(timeout, timeout)) as response:
            if response.status_code >= 400:
                raise FetchError(
                    bilingual(
                        f"نشانی پاسخ خطا داد (کد {response.status_code}).",
                        f"The URL answered with an error (HTTP {response.status_code}).",
                    )
                )
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise TooLarge(_too_large(limit))
            with open(path, "wb") as out:
                os.chmod(path, 0o600)
                for block in response.iter_content(CHUNK):
                    size += len(block)
                    if size > limit:
                        raise TooLarge(_too_large(limit))
                    digest.update(block)
                    out.write(block)
    except requests.Timeout as exc:
        raise FetchError(
            bilingual(
                f"نشانی در {timeout} ثانیه پاسخ نداد.",
                f"The URL did not answer within {timeout} seconds.",
            )
        ) from exc
    except requests.RequestException as exc:
        raise FetchError(
            bilingual(
                "نشانی دریافت نشد؛ درستی آن را بررسی کنید.",
                f"The URL could not be fetched ({type(exc).__name__}); check it.",
            )
        ) from exc
    return size, digest.hexdigest()


def _too_large(limit: int) -> str:
    mb = limit / (1 << 20)
    return bilingual(
        f"پروندهٔ نشانی از {mb:.0f} مگابایت بزرگ‌تر است.",
        f"The URL's file is larger than {mb:.0f} MB.",
    )

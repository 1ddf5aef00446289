"""What one file's scan may spend: uncompressed bytes of its containers, and time.

A container (ZIP, GZIP, XLSX, an XLSX inside a ZIP ...) counts every member it
expands to against ``max_uncompressed`` (40 sheets of 1 MiB count 40 MiB); the
whole scan, however deep, must end within ``seconds``. Over either, the scan
stops with an ``error`` verdict: a file we cannot finish screening is not
published.
"""

from __future__ import annotations

import time

from ckanext.smarttehran.privacy.reports import Issue
from ckanext.smarttehran.privacy.textio import UnreadableFile

DEFAULT_MAX_UNCOMPRESSED = 256 * 1024 * 1024
DEFAULT_SECONDS = 300.0
# Nested containers deeper than this are not opened (a ZIP in a ZIP in a ZIP ...).
MAX_DEPTH = 4


class Budget:
    """The bytes and time left to one scan."""

    __slots__ = ("deadline", "remaining", "limit", "seconds")

    def __init__(
        self, max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED, seconds: float = DEFAULT_SECONDS
    ) -> None:
        self.limit = max_uncompressed
        self.remaining = max_uncompressed
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        """Raise UnreadableFile when the scan has run out of time."""
        if time.monotonic() > self.deadline:
            raise UnreadableFile(
                Issue(
                    "scan_timeout",
                    f"The file could not be screened within {self.seconds:g} seconds; "
                    "it was not published. Split it into smaller files.",
                    f"بررسی پرونده در {self.seconds:g} ثانیه به پایان نرسید و منتشر نشد؛ "
                    "آن را به پرونده‌های کوچک‌تر بخش کنید.",
                    {"seconds": self.seconds},
                )
            )

    def take(self, size: int) -> None:
        """Count ``size`` uncompressed bytes; raise UnreadableFile over the limit."""
        self.remaining -= max(0, size)
        if self.remaining < 0:
            raise UnreadableFile(
                Issue(
                    "too_large_uncompressed",
                    f"The file expands to more than {self.limit} bytes once uncompressed "
                    "(all its members and sheets together); it cannot be screened.",
                    f"پرونده پس از گشودن (همهٔ اجزا و برگه‌هایش روی هم) بیش از {self.limit} "
                    "بایت می‌شود؛ بررسی‌پذیر نیست.",
                    {"limit_bytes": self.limit},
                )
            )
        self.check()

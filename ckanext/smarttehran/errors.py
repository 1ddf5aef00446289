"""Messages users see, always in Persian and English."""

from __future__ import annotations


def bilingual(fa: str, en: str) -> str:
    """One message in both languages: Persian first, English after a slash."""
    return f"{fa} / {en}"

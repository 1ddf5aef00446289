"""``ckan smarttehran ...`` commands."""

from __future__ import annotations

import click

__all__ = ["smarttehran"]


@click.group(short_help="Smart Tehran catalog commands.")
def smarttehran() -> None:
    """Smart Tehran catalog commands."""

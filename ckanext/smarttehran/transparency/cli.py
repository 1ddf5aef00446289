"""``ckan smarttehran transparency ...``: keep the indexed overdue flags true to the day."""

from __future__ import annotations

import click


@click.group(short_help="Transparency policy commands.")
def transparency() -> None:
    """Transparency policy commands."""


@transparency.command("reindex-overdue", short_help="Re-index datasets that became overdue.")
def reindex_overdue() -> None:
    """Re-index the datasets whose next expected update has passed since they were indexed
    (``overdue:false`` but ``next_update_date`` in the past). Run it nightly (cron)."""
    import ckan.plugins.toolkit as tk
    from ckan.lib.search import rebuild

    search = tk.get_action("package_search")
    context = {"ignore_auth": True}
    fq = "overdue:false AND next_update_date:[* TO NOW]"
    ids: list[str] = []
    while True:
        found = search(context, {"fq": fq, "rows": 500, "start": len(ids), "fl": "id",
                                 "include_private": True, "include_drafts": True})
        ids.extend(r["id"] for r in found["results"])
        if len(ids) >= found["count"] or not found["results"]:
            break
    with click.progressbar(ids, label="Re-indexing overdue datasets",
                           file=click.get_text_stream("stderr")) as bar:
        for pkg_id in bar:
            rebuild(pkg_id)
    click.echo(f"Re-indexed {len(ids)} dataset(s) that became overdue.")

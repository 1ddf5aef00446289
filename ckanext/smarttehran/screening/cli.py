"""``ckan smarttehran privacy ...``: re-screening, and the sweep after dead jobs."""

from __future__ import annotations

import click

STATUS_WORDS = {
    "pass": "passed",
    "blocked": "BLOCKED: resource withdrawn, file quarantined",
    "error": "UNREADABLE: resource withdrawn, file quarantined",
    "unreachable": "URL unreachable (left as is)",
    "missing": "uploaded file missing (left as is)",
    "skipped": "no file or URL",
}


@click.group(short_help="Privacy screening commands.")
def privacy() -> None:
    """Privacy screening commands."""


@privacy.command()
@click.argument("dataset", required=False)
@click.option("--all", "all_", is_flag=True, help="Re-screen every active resource.")
def rescan(dataset: str | None, all_: bool) -> None:
    """Re-screen the resources of DATASET (or --all); withdraw those that now fail."""
    from ckanext.smarttehran.screening import rescan as rescanning

    if bool(dataset) == all_:
        raise click.UsageError("Give a DATASET or --all (not both).")
    resources = rescanning.resources_of(dataset)
    outcomes: list[dict[str, str]] = []
    with click.progressbar(resources, label="Screening resources", file=click.get_text_stream("stderr")) as bar:
        for res in bar:
            outcomes.append(rescanning.rescan_resource(res["id"]))
    withdrawn = 0
    for out in outcomes:
        if out["status"] in ("blocked", "error"):
            withdrawn += 1
        click.echo(f"{out['resource_id']}: {STATUS_WORDS.get(out['status'], out['status'])}"
                   + (f" (screening {out['screening_id']})" if out["screening_id"] else ""))
    click.echo(f"{len(outcomes)} resources screened, {withdrawn} withdrawn.")


@privacy.command()
def sweep() -> None:
    """End screenings left running by a dead job; delete orphaned quarantine files."""
    from ckanext.smarttehran.screening import sweep as sweeping

    ended = sweeping.end_orphans()
    removed = sweeping.remove_orphan_files()
    for sid in ended:
        click.echo(f"{sid}: left running by a dead job, now error")
    click.echo(f"{len(ended)} screenings ended, {len(removed)} orphaned files removed.")

"""``ckan smarttehran ...`` commands."""

from __future__ import annotations

import click

__all__ = ["smarttehran"]


@click.group(short_help="Smart Tehran catalog commands.")
def smarttehran() -> None:
    """Smart Tehran catalog commands."""


@smarttehran.command(short_help="Load the seed organizations and datasets (idempotent).")
@click.option("--user", default=None, help="Create as this user (default: the site user).")
@click.option("--only", multiple=True, help="Load only this dataset (repeatable).")
def seed(user: str | None, only: tuple[str, ...]) -> None:
    """Load seed_datasets/ into the catalog; running it again changes nothing."""
    from ckanext.smarttehran import seed as loader

    names = list(only) or None
    total = len([d for d in loader.datasets() if names is None or d["name"] in names])
    steps = loader.load(user=user, names=names)
    with click.progressbar(length=total, label="Seed datasets", show_pos=True) as bar:
        for step in steps:
            if isinstance(step, loader.Summary):
                summary = step
            else:
                bar.update(1)
    _print_summary(summary)
    if summary.failed:
        raise click.exceptions.Exit(1)


def _print_summary(summary) -> None:
    orgs = summary.organizations
    click.echo(
        f"Organizations: {orgs['created']} created, {orgs['unchanged']} unchanged, "
        f"{orgs['updated']} updated"
    )
    click.echo(
        f"Datasets: {summary.count('created')} created, {summary.count('unchanged')} unchanged, "
        f"{summary.count('updated')} updated"
    )
    stopped = [(o.name, f, o.screenings) for o in summary.outcomes for f in o.stopped]
    not_stopped = [(o.name, f) for o in summary.outcomes for f in o.not_stopped]
    loaded = sum(len(o.datastore) for o in summary.outcomes)
    click.echo(f"Uploads stopped by privacy screening (expected): {len(stopped)}")
    for name, f, ids in stopped:
        click.echo(f"  {name}: {f}; report for its publisher: smarttehran_privacy_report_show id={', '.join(ids)}")
    for name, f in not_stopped:
        click.secho(f"  NOT stopped (is the privacy screening on?): {name}: {f}", fg="yellow")
    loaders = ", ".join(summary.datastore_loaders) or "none"
    click.echo(f"Loaded into the DataStore: {loaded} resources (loader: {loaders})")
    if summary.ignored_fields:
        click.secho(f"Ignored, not in the schema: {', '.join(sorted(summary.ignored_fields))}", fg="yellow")
    for o in summary.outcomes:
        for error in o.errors:
            click.secho(f"  ERROR {o.name}: {error}", fg="red", err=True)


from ckanext.smarttehran.screening.cli import privacy  # noqa: E402

smarttehran.add_command(privacy)

from ckanext.smarttehran.transparency.cli import transparency  # noqa: E402

smarttehran.add_command(transparency)

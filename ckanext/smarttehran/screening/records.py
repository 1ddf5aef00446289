"""Reading and writing screening records, each write in its own committed transaction.

Records are written through a local session so that a decision is stored even when
the action that triggered it raises and CKAN rolls its own session back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from ckan import model
from sqlalchemy import orm

from ckanext.smarttehran.model.privacy import PrivacyScreening


@contextmanager
def _session() -> Iterator[orm.Session]:
    session = model.meta.create_local_session(bind=model.meta.engine)
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def create(**fields: Any) -> dict[str, Any]:
    """A new record; returns its dict."""
    with _session() as s:
        rec = PrivacyScreening(**fields)
        s.add(rec)
        s.flush()
        return rec.as_dict()


def update(id_: str, **fields: Any) -> dict[str, Any]:
    """Set fields of a record; returns its dict."""
    with _session() as s:
        rec = s.get(PrivacyScreening, id_)
        if rec is None:
            raise KeyError(id_)
        for key, value in fields.items():
            setattr(rec, key, value)
        s.flush()
        return rec.as_dict()


def delete(id_: str) -> None:
    with _session() as s:
        s.query(PrivacyScreening).filter_by(id=id_).delete()


def get(id_: str) -> dict[str, Any] | None:
    """The record's dict, with the server-only ``quarantine_path`` under ``_path``."""
    with _session() as s:
        rec = s.get(PrivacyScreening, id_)
        if rec is None:
            return None
        return {**rec.as_dict(), "_path": rec.quarantine_path}


def search(
    *,
    package_ids: list[str] | None = None,
    statuses: list[str] | None = None,
    sha256: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Records newest first; ``package_ids=None`` means every package."""
    with _session() as s:
        q = s.query(PrivacyScreening)
        if package_ids is not None:
            q = q.filter(PrivacyScreening.package_id.in_(package_ids))
        if statuses:
            q = q.filter(PrivacyScreening.status.in_(statuses))
        if sha256:
            q = q.filter(PrivacyScreening.sha256 == sha256)
        total = q.count()
        rows = q.order_by(PrivacyScreening.created.desc()).offset(offset).limit(limit).all()
        return total, [r.as_dict() for r in rows]


# Which screening governs a resource's current content -----------------------------------

FILE_SOURCES = ("upload", "url", "rescan")
PASSED = ("pass", "override")


def _latest_query(s: orm.Session, resource_ids: list[str]):  # type: ignore[no-untyped-def]
    """The newest file screening of each resource (rescans that could not reach a URL or
    find a file leave the resource as it was, so they do not count)."""
    return (
        s.query(PrivacyScreening)
        .filter(PrivacyScreening.resource_id.in_(resource_ids))
        .filter(PrivacyScreening.source.in_(FILE_SOURCES))
        .filter(
            ~sa.and_(
                PrivacyScreening.source == "rescan",
                PrivacyScreening.status == "error",
                PrivacyScreening.quarantine_path.is_(None),
            )
        )
        .distinct(PrivacyScreening.resource_id)
        .order_by(PrivacyScreening.resource_id, PrivacyScreening.created.desc())
    )


def held_resource_ids(resource_ids: list[str]) -> set[str]:
    """The resources whose current content has not passed screening (pending, running,
    blocked, error, discarded): shown to their dataset's editors only."""
    ids = [r for r in resource_ids if r]
    if not ids:
        return set()
    with _session() as s:
        return {r.resource_id for r in _latest_query(s, ids) if r.status not in PASSED}


def latest_for_resource(resource_id: str) -> dict[str, Any] | None:
    """The newest file screening of the resource (with ``_path``), or None."""
    with _session() as s:
        rec = _latest_query(s, [resource_id]).first()
        return {**rec.as_dict(), "_path": rec.quarantine_path} if rec else None

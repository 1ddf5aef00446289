"""Reading and writing screening records, each write in its own committed transaction.

Records are written through a local session so that a decision is stored even when
the action that triggered it raises and CKAN rolls its own session back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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

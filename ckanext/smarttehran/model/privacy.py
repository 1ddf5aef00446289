"""``smarttehran_privacy_screening``: one row per screening of data entering the catalog.

A row holds the decision (``status``), the engine's report with masked samples only,
the resource metadata waiting to be published and the path of the quarantined file.
It never holds a raw personal value.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from sqlalchemy.dialects.postgresql import JSONB

from ckanext.smarttehran.model import utc_iso

PENDING = "pending"
RUNNING = "running"
PASS = "pass"
BLOCKED = "blocked"
OVERRIDE = "override"
ERROR = "error"
DISCARDED = "discarded"
STATUSES = (PENDING, RUNNING, PASS, BLOCKED, OVERRIDE, ERROR, DISCARDED)
# Statuses whose file waits in quarantine for a decision.
QUARANTINED = (BLOCKED, ERROR)

SOURCES = ("upload", "url", "metadata", "datastore", "rescan")


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def _id() -> str:
    return str(uuid.uuid4())


class PrivacyScreening(tk.BaseModel):  # type: ignore[misc, valid-type]
    """One screening and its decision."""

    __tablename__ = "smarttehran_privacy_screening"

    id = sa.Column(sa.UnicodeText, primary_key=True, default=_id)
    package_id = sa.Column(sa.UnicodeText, nullable=True)
    resource_id = sa.Column(sa.UnicodeText, nullable=True)
    user_id = sa.Column(sa.UnicodeText, nullable=True)
    source = sa.Column(sa.UnicodeText, nullable=False)
    filename = sa.Column(sa.UnicodeText, nullable=True)
    size = sa.Column(sa.BigInteger, nullable=True)
    sha256 = sa.Column(sa.UnicodeText, nullable=True)
    status = sa.Column(sa.UnicodeText, nullable=False, default=PENDING)
    report = sa.Column(JSONB, nullable=True)
    pending_resource = sa.Column(JSONB, nullable=True)
    quarantine_path = sa.Column(sa.UnicodeText, nullable=True)
    justification = sa.Column(sa.UnicodeText, nullable=True)
    decided_by = sa.Column(sa.UnicodeText, nullable=True)
    created = sa.Column(sa.DateTime, nullable=False, default=_now)
    updated = sa.Column(sa.DateTime, nullable=False, default=_now, onupdate=_now)

    @classmethod
    def get(cls, id_: str) -> PrivacyScreening | None:
        return model.Session.get(cls, id_)

    def as_dict(self) -> dict[str, Any]:
        """API form: ISO 8601 dates; the quarantine path stays on the server."""
        return {
            "id": self.id,
            "package_id": self.package_id,
            "resource_id": self.resource_id,
            "user_id": self.user_id,
            "source": self.source,
            "filename": self.filename,
            "size": self.size,
            "sha256": self.sha256,
            "status": self.status,
            "report": self.report,
            "pending_resource": self.pending_resource,
            "quarantined": bool(self.quarantine_path),
            "justification": self.justification,
            "decided_by": self.decided_by,
            "created": utc_iso(self.created),
            "updated": utc_iso(self.updated),
        }

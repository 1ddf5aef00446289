"""``smarttehran_data_request`` and ``smarttehran_rating``: citizen participation.

A data request is answered by the department (organization) it is addressed to within
the response period of the Law on Publication and Free Access to Information (10 days
from the request); a fulfilled request links to its dataset. A rating is one user's 1..5
score of a dataset (one per user and dataset, changeable) with an optional comment.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa

from ckanext.smarttehran.model import utc_iso

OPEN = "open"
ANSWERED = "answered"
FULFILLED = "fulfilled"
REJECTED = "rejected"
STATUSES = (OPEN, ANSWERED, FULFILLED, REJECTED)
RESPONSE_DAYS = 10


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def _id() -> str:
    return str(uuid.uuid4())


def _iso(value: datetime.datetime | None) -> str | None:
    return utc_iso(value)


class DataRequest(tk.BaseModel):  # type: ignore[misc, valid-type]
    __tablename__ = "smarttehran_data_request"

    id = sa.Column(sa.UnicodeText, primary_key=True, default=_id)
    title = sa.Column(sa.UnicodeText, nullable=False)
    description = sa.Column(sa.UnicodeText, nullable=False)
    organization_id = sa.Column(sa.UnicodeText, nullable=True)
    user_id = sa.Column(sa.UnicodeText, nullable=False)
    status = sa.Column(sa.UnicodeText, nullable=False, default=OPEN)
    response = sa.Column(sa.UnicodeText, nullable=True)
    responded_by = sa.Column(sa.UnicodeText, nullable=True)
    responded = sa.Column(sa.DateTime, nullable=True)
    package_id = sa.Column(sa.UnicodeText, nullable=True)
    created = sa.Column(sa.DateTime, nullable=False, default=now)
    due = sa.Column(sa.DateTime, nullable=False)

    def overdue(self, at: datetime.datetime | None = None) -> bool:
        """Unanswered after the legal response period."""
        return self.status == OPEN and (at or now()) > self.due

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "description": self.description,
            "organization_id": self.organization_id, "status": self.status,
            "response": self.response, "responded": _iso(self.responded),
            "package_id": self.package_id, "created": _iso(self.created), "due": _iso(self.due),
            "overdue": self.overdue(),
        }


class Rating(tk.BaseModel):  # type: ignore[misc, valid-type]
    __tablename__ = "smarttehran_rating"
    __table_args__ = (sa.UniqueConstraint("package_id", "user_id", name="uq_smarttehran_rating_package_user"),)

    id = sa.Column(sa.UnicodeText, primary_key=True, default=_id)
    package_id = sa.Column(sa.UnicodeText, nullable=False)
    user_id = sa.Column(sa.UnicodeText, nullable=False)
    rating = sa.Column(sa.Integer, nullable=False)
    comment = sa.Column(sa.UnicodeText, nullable=True)
    created = sa.Column(sa.DateTime, nullable=False, default=now)
    updated = sa.Column(sa.DateTime, nullable=False, default=now)

    def as_dict(self) -> dict[str, Any]:
        return {"package_id": self.package_id, "rating": self.rating, "comment": self.comment,
                "updated": _iso(self.updated)}

"""Citizen participation: data requests (answered within the law's 10 days) and ratings."""

from __future__ import annotations

import datetime
import re
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan import model
from ckan.types import Context, DataDict

from ckanext.smarttehran import persian
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.logic.schema import validated
from ckanext.smarttehran.model.participation import (
    ANSWERED,
    FULFILLED,
    OPEN,
    RESPONSE_DAYS,
    STATUSES,
    DataRequest,
    Rating,
    now,
)

__all__ = [
    "smarttehran_data_request_create",
    "smarttehran_data_request_list",
    "smarttehran_data_request_show",
    "smarttehran_data_request_update",
    "smarttehran_rating_create",
    "smarttehran_rating_show",
    "smarttehran_participation_stats",
]

MAX_TEXT = 4000


# Bidi embeddings, overrides and isolates (they would reorder a page's text around the
# citizen's) and control characters other than tab and newline: dropped, nothing else.
_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f]")


def _text(data_dict: DataDict, field: str, required: bool = True) -> str | None:
    """Free text stored as the citizen wrote it (only trimmed, and unsafe controls
    dropped: «لطفاً» stays «لطفاً»); refused when it holds personal data, as written or
    once normalised (persian.normalize folds digits and letters for the detectors)."""
    from ckanext.smarttehran.privacy import scan_text
    from ckanext.smarttehran.screening.verdict import type_label

    value = _UNSAFE.sub("", str(data_dict.get(field) or "")).strip()
    if not value:
        if required:
            raise tk.ValidationError({field: [bilingual("این فیلد الزامی است", "Missing value")]})
        return None
    if len(value) > MAX_TEXT:
        raise tk.ValidationError({field: [bilingual("متن بیش از اندازه بلند است", "the text is too long")]})
    findings = scan_text(value) or scan_text(persian.normalize(value))
    if findings:
        types = sorted({f.type for f in findings})
        raise tk.ValidationError({field: [bilingual(
            f"متن داده شخصی دارد ({'، '.join(type_label(t) for t in types)})؛ آن را بردارید و دوباره بفرستید",
            f"the text holds personal data ({', '.join(t.replace('_', ' ').lower() for t in types)});"
            " remove it and send again",
        )]})
    return value


def _user_id(context: Context) -> str:
    user = model.User.get(context.get("user") or "")
    if not user:
        raise tk.NotAuthorized(bilingual("ابتدا وارد شوید", "log in first"))
    return user.id


def _org_id(value: Any) -> str | None:
    if not value:
        return None
    org = model.Group.get(str(value))
    if not org or not org.is_organization or org.state != "active":
        raise tk.ValidationError({"organization_id": [bilingual("سازمان ناشناخته", "unknown department")]})
    return org.id


def _request(context: Context, data_dict: DataDict) -> DataRequest:
    found = context["session"].get(DataRequest, str(tk.get_or_bust(data_dict, "id")))
    if not found:
        raise tk.ObjectNotFound(bilingual("درخواست یافت نشد", "data request not found"))
    return found


@validated("smarttehran_data_request_create")
def smarttehran_data_request_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Ask a department for data. The response is due in 10 days (the law's period).

    :param title: what is asked for
    :param description: why and in what form (no personal data)
    :param organization_id: the department addressed (optional)
    """
    tk.check_access("smarttehran_data_request_create", context, data_dict)
    created = now()
    request = DataRequest(
        title=_text(data_dict, "title"), description=_text(data_dict, "description"),
        organization_id=_org_id(data_dict.get("organization_id")), user_id=_user_id(context),
        status=OPEN, created=created, due=created + datetime.timedelta(days=RESPONSE_DAYS),
    )
    context["session"].add(request)
    context["session"].commit()
    return request.as_dict()


@tk.side_effect_free
@validated("smarttehran_data_request_show")
def smarttehran_data_request_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One data request, public with its status and answer.

    :param id: the request id
    """
    tk.check_access("smarttehran_data_request_show", context, data_dict)
    return _request(context, data_dict).as_dict()


@tk.side_effect_free
@validated("smarttehran_data_request_list")
def smarttehran_data_request_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Data requests, newest first.

    :param status: open, answered, fulfilled or rejected (optional)
    :param organization_id: one department (optional)
    :param overdue: ``true`` for unanswered requests past their due date (optional)
    :param limit: default 50, at most 200; :param offset: default 0
    """
    tk.check_access("smarttehran_data_request_list", context, data_dict)
    status, overdue = data_dict["status"], data_dict["overdue"]
    limit, offset = data_dict["limit"], data_dict["offset"]
    q = context["session"].query(DataRequest)
    if status:
        q = q.filter(DataRequest.status == status)
    if data_dict.get("organization_id"):
        q = q.filter(DataRequest.organization_id == _org_id(data_dict["organization_id"]))
    if overdue:
        q = q.filter(DataRequest.status == OPEN, DataRequest.due < now())
    rows = q.order_by(DataRequest.created.desc()).offset(offset).limit(limit).all()
    return {"count": q.count(), "results": [r.as_dict() for r in rows]}


@validated("smarttehran_data_request_update")
def smarttehran_data_request_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The department answers: a status, a response and, when fulfilled, the dataset.

    :param id: the request id
    :param status: answered, fulfilled or rejected
    :param response: the answer (required)
    :param package_id: the dataset that fulfils it (required when fulfilled)
    """
    request = _request(context, data_dict)
    tk.check_access("smarttehran_data_request_update", context, data_dict)
    status = data_dict.get("status") or ANSWERED
    if status not in STATUSES or status == OPEN:
        raise tk.ValidationError({"status": [bilingual(f"وضعیت نامعتبر: {status}", f"invalid status: {status}")]})
    package_id = None
    if status == FULFILLED:
        pkg = model.Package.get(str(data_dict.get("package_id") or ""))
        if not pkg or pkg.state != "active":
            raise tk.ValidationError({"package_id": [bilingual(
                "درخواست انجام‌شده باید به مجموعه‌داده‌ای پیوند بخورد", "a fulfilled request links to a dataset")]})
        package_id = pkg.id
    request.status, request.package_id = status, package_id
    request.response = _text(data_dict, "response")
    request.responded, request.responded_by = now(), _user_id(context)
    context["session"].commit()
    return request.as_dict()


@validated("smarttehran_rating_create")
def smarttehran_rating_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Rate a dataset 1..5 (once per user; rating again changes it), optional comment.

    :param package_id: the dataset's id or name
    :param rating: 1 to 5
    :param comment: optional; refused when it holds personal data
    """
    tk.check_access("smarttehran_rating_create", context, data_dict)
    pkg = tk.get_action("package_show")(context, {"id": tk.get_or_bust(data_dict, "package_id")})
    score = data_dict["rating"]  # 1 to 5 (schema)
    comment = _text(data_dict, "comment", required=False)
    user_id = _user_id(context)
    session = context["session"]
    rating = session.query(Rating).filter_by(package_id=pkg["id"], user_id=user_id).one_or_none()
    if rating is None:
        rating = Rating(package_id=pkg["id"], user_id=user_id, rating=score)
        session.add(rating)
    rating.rating, rating.comment, rating.updated = score, comment, now()
    session.commit()
    return rating.as_dict()


@tk.side_effect_free
@validated("smarttehran_rating_show")
def smarttehran_rating_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A dataset's average rating, count and latest comments (no names).

    :param package_id: the dataset's id or name
    """
    tk.check_access("smarttehran_rating_show", context, data_dict)
    pkg = tk.get_action("package_show")(context, {"id": tk.get_or_bust(data_dict, "package_id")})
    q = context["session"].query(Rating).filter(Rating.package_id == pkg["id"])
    count, average = q.with_entities(sa.func.count(Rating.id), sa.func.avg(Rating.rating)).one()
    comments = q.filter(Rating.comment.isnot(None)).order_by(Rating.updated.desc()).limit(20).all()
    return {
        "package_id": pkg["id"], "count": count,
        "average": round(float(average), 2) if average is not None else None,
        "comments": [{"rating": r.rating, "comment": r.comment, "updated": r.as_dict()["updated"]}
                     for r in comments],
    }


@tk.side_effect_free
@validated("smarttehran_participation_stats")
def smarttehran_participation_stats(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Requests and ratings in numbers, per department too; ratings of public datasets only."""
    tk.check_access("smarttehran_participation_stats", context, data_dict)
    session = context.get("session") or model.Session
    requests = session.query(DataRequest)
    public = session.query(Rating, model.Package).join(model.Package, model.Package.id == Rating.package_id).filter(
        model.Package.private.is_(False), model.Package.state == "active")
    ratings = [r for r, _p in public.all()]
    by_org: dict[str, dict[str, Any]] = {}
    orgs = {g.id: g.name for g in session.query(model.Group).filter(model.Group.is_organization.is_(True))}
    for r in requests.all():
        if r.organization_id in orgs:
            by_org.setdefault(orgs[r.organization_id], {"requests": 0, "ratings": []})["requests"] += 1
    for rating, pkg in public.all():
        if pkg.owner_org in orgs:
            by_org.setdefault(orgs[pkg.owner_org], {"requests": 0, "ratings": []})["ratings"].append(rating.rating)
    return {
        "requests": {
            "total": requests.count(),
            "open": requests.filter(DataRequest.status == OPEN).count(),
            "answered": requests.filter(DataRequest.status != OPEN).count(),
            "fulfilled": requests.filter(DataRequest.status == FULFILLED).count(),
            "overdue": requests.filter(DataRequest.status == OPEN, DataRequest.due < now()).count(),
        },
        "ratings": {
            "total": len(ratings),
            "average": round(sum(r.rating for r in ratings) / len(ratings), 2) if ratings else None,
        },
        "departments": {
            name: {"requests": v["requests"],
                   "rating_average": round(sum(v["ratings"]) / len(v["ratings"]), 2) if v["ratings"] else None}
            for name, v in by_org.items()
        },
    }

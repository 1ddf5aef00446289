"""What a column header says: a finding type, a public/negative column, a quasi-identifier."""

from __future__ import annotations

import re

from ckanext.smarttehran.persian import fold
from ckanext.smarttehran.privacy import findings, patterns
from ckanext.smarttehran.privacy.context import HINT_NEGATIVE, HINT_PUBLIC

# Checked in order: the first header pattern that matches decides.
_HEADER_RULES: list[tuple[str, str]] = [
    (findings.IBAN, r"شبا|sheba|shaba|iban"),
    (findings.NATIONAL_ID, r"کد ?\u200c?ملی|شماره ملی|national[ _-]?(?:id|code|no)|melli|^nid$"),
    (findings.LEGAL_ENTITY_ID, r"شناسه ?\u200c?ملی|شناسه حقوقی|legal[ _-]?(?:entity|id)"),
    (findings.BIRTH_CERT, r"شناسنامه|birth[ _-]?cert|^ش\.?ش$"),
    (findings.PASSPORT, r"گذرنامه|پاسپورت|passport"),
    (findings.POSTAL_CODE, r"کد ?\u200c?پستی|postal|post[ _-]?code|zip"),
    (findings.BANK_CARD, r"شماره کارت|کارت بانکی|card[ _-]?(?:no|number)?$|^card"),
    (findings.PHONE_MOBILE, r"موبایل|همراه|mobile|cell"),
    (findings.PHONE_LANDLINE, r"تلفن|phone|^tel|فکس|fax|نمابر"),
    (findings.EMAIL, r"ایمیل|رایانامه|پست ?\u200c?الکترونیک|e-?mail"),
    (findings.LICENSE_PLATE, r"پلاک خودرو|شماره پلاک|پلاک انتظامی|plate"),
    (
        findings.GPS,
        r"^(?:lat|lon|lng|latitude|longitude|y_?lat|x_?lon)$|عرض جغرافیایی|طول جغرافیایی|مختصات|موقعیت|coord|^location$",
    ),
    (findings.ADDRESS, r"نشانی|آدرس|address|محل سکونت"),
    (
        HINT_NEGATIVE,
        r"مبلغ|ریال|تومان|بودجه|هزینه|اعتبار|amount|budget|price|cost|تاریخ|date"
        r"|^سال|year|ایستگاه|station|district|منطقه|ناحیه|کد پروژه|project|ردیف|^id$|row",
    ),
    (
        findings.PERSON,
        r"^نام$|نام و نام|نام خانوادگی|نام کامل|نام متقاضی|نام مالک|نام پدر|نام شخص"
        r"|^name$|full ?name|first ?name|last ?name|surname|family|متقاضی|مالک|owner"
        r"|applicant|citizen|شهروند",
    ),
]
_COMPILED = [(t, re.compile(p, re.IGNORECASE)) for t, p in _HEADER_RULES]

_QI_RULES: list[tuple[str, str]] = [
    ("age", r"^سن|سن$|^age|سال تولد|تاریخ تولد|متولد|birth ?(?:year|date)|^dob$|year of birth"),
    ("sex", r"جنسیت|^جنس$|^sex$|gender"),
    ("area", r"محله|ناحیه|منطقه|neighbou?rhood|district|zone|محل سکونت"),
    ("occupation", r"شغل|occupation|^job"),
    ("education", r"تحصیلات|مدرک تحصیلی|education"),
    ("marital", r"تاهل|تأهل|marital"),
    ("nationality", r"ملیت|تابعیت|nationality"),
]
_QI_COMPILED = [(t, re.compile(p, re.IGNORECASE)) for t, p in _QI_RULES]


# Location quasi-identifiers from coarse to fine: columns describing the same place at
# several granularities (district code, neighbourhood code and name) are one
# quasi-identifier, the finest.
_AREA_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (3, re.compile(r"محل سکونت|نشانی|آدرس|address|block|بلوک", re.IGNORECASE)),
    (2, re.compile(r"محله|neighbou?rhood|mahalle", re.IGNORECASE)),
    (1, re.compile(r"ناحیه|sub[ -]?district|nahie", re.IGNORECASE)),
    (0, re.compile(r"منطقه|district|zone|region|mantaghe", re.IGNORECASE)),
]
# Quasi-identifier kinds and header types that say a table's rows are people.
PERSON_QI_KINDS = frozenset({"age", "sex", "occupation", "education", "marital", "nationality"})
PERSON_TYPES = frozenset(
    {
        findings.PERSON,
        findings.NATIONAL_ID,
        findings.BIRTH_CERT,
        findings.PASSPORT,
        findings.PHONE_MOBILE,
        findings.EMAIL,
        findings.BANK_CARD,
        findings.IBAN,
    }
)


def header_hint(header: object) -> str | None:
    """The finding type (or NEGATIVE / PUBLIC) a header announces, else None."""
    text = fold(str(header or "")).strip().lower().replace("_", " ")
    if not text:
        return None
    for type_, pattern in _COMPILED:
        if pattern.search(text):
            if type_ == findings.PERSON and patterns.PUBLIC_PLACE.search(text):
                return HINT_PUBLIC
            return type_
    return None


def quasi_identifier(header: object) -> str | None:
    """The quasi-identifier kind of a header (age, sex, area ...), else None."""
    text = fold(str(header or "")).strip().lower().replace("_", " ")
    for kind, pattern in _QI_COMPILED:
        if pattern.search(text):
            return kind
    return None


def public_table(headers: list[str]) -> bool:
    """The table lists public places (parks, stations ...): its coordinates are public."""
    return any(patterns.PUBLIC_PLACE.search(fold(str(h or "")).lower()) for h in headers)


def area_level(header: object) -> int:
    """How fine a location header is: 0 district ... 3 residence (-1 if none)."""
    text = fold(str(header or "")).strip().lower().replace("_", " ")
    for level, pattern in _AREA_LEVELS:
        if pattern.search(text):
            return level
    return -1

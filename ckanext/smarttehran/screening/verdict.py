"""From the engine's report to a decision and a bilingual message with masked samples only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ckanext.smarttehran import config, privacy
from ckanext.smarttehran.errors import bilingual
from ckanext.smarttehran.persian import normalize, to_latin_digits, to_persian_digits
from ckanext.smarttehran.privacy.reports import MAX_ROWS
from ckanext.smarttehran.privacy.tabular import position_name_fa

TYPE_LABELS_FA: dict[str, str] = {
    "NATIONAL_ID": "کد ملی",
    "LEGAL_ENTITY_ID": "شناسهٔ ملی اشخاص حقوقی",
    "PHONE_MOBILE": "شمارهٔ تلفن همراه",
    "PHONE_LANDLINE": "شمارهٔ تلفن ثابت",
    "POSTAL_CODE": "کد پستی",
    "BANK_CARD": "شمارهٔ کارت بانکی",
    "IBAN": "شمارهٔ شبا",
    "LICENSE_PLATE": "پلاک خودرو",
    "BIRTH_CERT": "شمارهٔ شناسنامه",
    "PASSPORT": "شمارهٔ گذرنامه",
    "EMAIL": "نشانی رایانامه",
    "ADDRESS": "نشانی محل سکونت",
    "GPS": "مختصات دقیق",
    "PERSON": "نام شخص",
    "K_ANONYMITY": "خطر بازشناسایی (k-گمنامی)",
}
# The same types' English names, for pages (API messages keep the codes).
TYPE_LABELS_EN: dict[str, str] = {
    "NATIONAL_ID": "national id",
    "LEGAL_ENTITY_ID": "legal entity id",
    "PHONE_MOBILE": "mobile number",
    "PHONE_LANDLINE": "landline number",
    "POSTAL_CODE": "postal code",
    "BANK_CARD": "bank card number",
    "IBAN": "IBAN (Sheba)",
    "LICENSE_PLATE": "licence plate",
    "BIRTH_CERT": "birth certificate number",
    "PASSPORT": "passport number",
    "EMAIL": "e-mail address",
    "ADDRESS": "home address",
    "GPS": "precise coordinates",
    "PERSON": "person's name",
    "K_ANONYMITY": "re-identification risk (k-anonymity)",
}
_TYPE_CODE = re.compile(r"\b(" + "|".join(TYPE_LABELS_EN) + r")\b")
MAX_ITEMS = 8
# How the English halves of the refusal messages begin (pages show each half apart).
EN_FOUND = "Personal data found, nothing was published: "
EN_UNSCREENED = "The file could not be screened and was not published"


@dataclass
class Verdict:
    """``blocked`` with ``items`` (masked), or ``error`` (bilingual) when unreadable."""

    blocked: bool
    report: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    @property
    def status(self) -> str:
        return "error" if self.error else "blocked" if self.blocked else "pass"


def type_label(code: str) -> str:
    """The Persian name of a finding type."""
    return _N(TYPE_LABELS_FA.get(code, code))


def screen_path(path: str, filename: str | None) -> Verdict:
    """Scan one file (streamed, flat memory) and decide."""
    report = privacy.scan_file(
        path,
        filename,
        k=config.privacy_k(),
        max_uncompressed_size=config.privacy_max_uncompressed_size(),
        time_budget=config.privacy_scan_time_budget(),
    )
    return from_report(report.to_dict())


def from_report(report: dict[str, Any]) -> Verdict:
    """The decision on a FileReport dict."""
    report = clean_report(report)
    error = report.get("error")
    if error:
        message = bilingual(
            _N(error.get("message_fa") or "پرونده خوانده نشد."),
            # an internal error's text may quote the file: only its code is shown
            "The scan failed." if error.get("code") == "internal_error" else error.get("message", ""),
        )
        return Verdict(True, {**report, "items": []}, error=message)
    items: list[dict[str, Any]] = []
    for table in report.get("tables") or []:
        items.extend(table_items(table))
    text = report.get("text") or {}
    for type_, count in sorted((text.get("counts") or {}).items()):
        listed = [f for f in text.get("findings", []) if f["type"] == type_]
        items.append({"type": type_, "column": None, "rows": None, "count": count,
                      "at": sorted({f["line"] for f in listed if "line" in f})[:MAX_ROWS],
                      "samples": [f["masked"] for f in listed][:3]})
    return Verdict(bool(items), {**report, "items": items}, items)


def table_items(table: dict[str, Any]) -> list[dict[str, Any]]:
    """Masked findings of one TableReport dict, plus a failing k-anonymity check.

    A column gives its type (by share) and each sporadic type found in it (one finding
    is enough: a note quoting a citizen's mobile).
    """
    items = []
    for col in table.get("columns") or []:
        pii_type = col.get("pii_type")
        for type_ in ([pii_type] if pii_type else []) + list(col.get("sporadic") or []):
            # The column's own samples for its type, each sporadic type's for the others.
            samples = col.get("samples") if type_ == pii_type else None
            items.append(
                {
                    "type": type_,
                    "column": col["header"],
                    # A file without a header row names its columns by position: in
                    # Persian too (ستون ۳), not the English "column 3".
                    **({"column_fa": position_name_fa(col["index"])}
                       if table.get("header_row") is False and "index" in col else {}),
                    "rows": table.get("rows"),
                    "count": col["counts"].get(type_, 0),
                    "at": list((col.get("rows_by_type") or {}).get(type_) or []),
                    "samples": list(samples or (col.get("samples_by_type") or {}).get(type_) or []),
                }
            )
    kanon = table.get("k_anonymity")
    min_qi = config.privacy_k_anonymity_min_qi()
    if (
        kanon
        and not kanon.get("passes")
        and min_qi > 0
        and len(kanon.get("quasi_identifiers") or []) >= min_qi
    ):
        items.append(
            {
                "type": "K_ANONYMITY",
                "column": "، ".join(kanon["quasi_identifiers"]),
                "rows": kanon.get("records"),
                "count": kanon.get("records_at_risk"),
                "at": list(kanon.get("rows_at_risk") or []),
                "samples": [],
            }
        )
    return items


def table_verdict(header: list[str], rows: list[list[Any]], name: str = "") -> Verdict:
    """Scan rows of a table (DataStore writes)."""
    report = privacy.scan_table(header, rows, name=name, k=config.privacy_k())
    table = report.to_dict()
    items = table_items(table)
    return Verdict(bool(items), {"tables": [table], "items": items}, items)


def describe(items: list[dict[str, Any]], screening_id: str | None, *, fields: bool = False) -> str:
    """The bilingual message naming types, columns, counts and masked samples.

    ``fields``: the items' ``column`` is a metadata field (notes, title_en ...), not a
    table's column.
    """
    unit_fa, unit_en = (_N("فیلد"), "field") if fields else (_N("ستون"), "column")
    fa_parts, en_parts = [], []
    for item in items[:MAX_ITEMS]:
        samples = ", ".join(to_latin_digits(sample) for sample in item["samples"][:2])
        # In the Persian half each masked sample is a left-to-right isolate (LRI ... PDI):
        # 0912•••4567 would otherwise show its digit groups swapped in right-to-left text.
        samples_fa = "، ".join(f"\u2066{sample}\u2069" for sample in item["samples"][:2])
        count_fa = to_persian_digits(str(item["count"]))
        if item.get("column_fa"):
            where_fa, where_en = f"{item['column_fa']}: ", f"{item['column']}: "
        else:
            where_fa = f"{unit_fa} «{item['column']}»: " if item["column"] else ""
            where_en = f'{unit_en} "{item["column"]}": ' if item["column"] else ""
        rows_fa = f" {_N('از')} {to_persian_digits(str(item['rows']))} {_N('ردیف')}" if item["rows"] else ""
        rows_en = f" of {item['rows']} rows" if item["rows"] else ""
        sample_fa = f" ({_N('نمونه')}: {samples_fa})" if samples else ""
        at = item.get("at") or []
        line = not item["column"]  # running text: line numbers, tables: row numbers
        at_fa = (
            f"، {_N(('سطر' if line else 'ردیف') + ('‌های' if len(at) > 1 else ''))} "
            f"{to_persian_digits('، '.join(map(str, at[:5])))}"
            + (" …" if len(at) > 5 else "")
            if at
            else ""
        )
        at_en = (
            f", {'line' if line else 'row'}{'s' if len(at) > 1 else ''} "
            + ", ".join(map(str, at[:5]))
            + (" …" if len(at) > 5 else "")
            if at
            else ""
        )
        fa_parts.append(
            f"{where_fa}{type_label(item['type'])} {_N('در')} {count_fa} {_N('مورد')}{rows_fa}"
            f"{at_fa}{sample_fa}"
        )
        en_parts.append(
            f"{where_en}{item['type']} in {item['count']}{rows_en}{at_en}"
            + (f" (sample: {samples})" if samples else "")
        )
    if len(items) > MAX_ITEMS:
        fa_parts.append(f"{_N('و')} {to_persian_digits(str(len(items) - MAX_ITEMS))} {_N('مورد دیگر')}")
        en_parts.append(f"and {len(items) - MAX_ITEMS} more")
    ref_fa = f" {_N('شناسهٔ بررسی')}: {screening_id}" if screening_id else ""
    ref_en = f" Screening id: {screening_id}" if screening_id else ""
    return bilingual(
        _N("داده‌های شخصی یافت شد و چیزی منتشر نشد") + ": " + "؛ ".join(fa_parts) + "." + ref_fa,
        EN_FOUND + "; ".join(en_parts) + "." + ref_en,
    )


def describe_error(message: str, screening_id: str | None) -> str:
    """The bilingual message for a file that could not be screened."""
    ref = f" ({screening_id})" if screening_id else ""
    return bilingual(
        _N("پرونده بررسی نشد و منتشر نشد؛ نسخهٔ بارگذاری‌شده نگه داشته شد") + ref + ".",
        EN_UNSCREENED + "; the upload is kept" + ref + ".",
    ) + " — " + message


def message_halves(message: str) -> tuple[str, str]:
    """The Persian and English halves of a refusal message ("" for a missing half)."""
    for opener in (EN_FOUND, EN_UNSCREENED):
        cut = message.find(" / " + opener)
        if cut != -1:
            return message[:cut], message[cut + 3 :]
    return message, ""


def english_type_names(text: str) -> str:
    """A message's English half with each type code (PHONE_MOBILE) named in words."""
    return _TYPE_CODE.sub(lambda m: TYPE_LABELS_EN[m.group(1)], text)


def _N(text: str) -> str:  # noqa: N802 - a marker for fixed Persian text
    return normalize(text) or ""


def clean_report(report: dict[str, Any]) -> dict[str, Any]:
    """The report as stored and shown: issues keep code and messages, never details.

    An issue's ``detail`` or an internal error's text may quote the file's content.
    """

    def issue(i: dict[str, Any] | None) -> dict[str, Any] | None:
        if not i:
            return i
        out = {k: v for k, v in i.items() if k != "detail"}
        if out.get("code") == "internal_error":
            out["message"] = "The scan failed."
        return out

    out = dict(report)
    out["error"] = issue(report.get("error"))
    out["issues"] = [issue(i) for i in report.get("issues") or []]
    out["tables"] = [
        {**t, "issues": [issue(i) for i in t.get("issues") or []]} for t in report.get("tables") or []
    ]
    return out

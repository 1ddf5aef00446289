"""Tables: column classification from header and values, and k-anonymity."""

from __future__ import annotations

import random
from collections import Counter

from ckanext.smarttehran.privacy import classify_column, header_hint, scan_table
from ckanext.smarttehran.privacy.kanonymity import KAnonCounter
from ckanext.smarttehran.privacy.tabular import classify
from tests.privacy.helpers import make_national_id


def test_header_hints() -> None:
    """Headers in Persian and English announce types; money and place headers do not."""
    assert header_hint("کد ملی") == "NATIONAL_ID"
    assert header_hint("national_id") == "NATIONAL_ID"
    assert header_hint("تلفن همراه") == "PHONE_MOBILE"
    assert header_hint("نام و نام خانوادگی") == "PERSON"
    assert header_hint("مبلغ (ریال)") == "NEGATIVE"
    assert header_hint("نام پارک") is None
    assert header_hint("نام") == "PERSON"
    assert header_hint("توضیحات") is None


def test_column_of_ids_without_header(rng: random.Random) -> None:
    """Values alone classify a column when most of them are valid IDs."""
    values = [make_national_id(rng) for _ in range(40)]
    assert classify_column("", values) == "NATIONAL_ID"
    assert classify_column("ستون ۳", values[:10] + ["-"] * 5) == "NATIONAL_ID"


def test_column_needs_valid_values(rng: random.Random) -> None:
    """A 'کد ملی' header over values that all fail the check digit is not flagged."""
    values = [v[:9] + str((int(v[9]) + 1) % 10) for v in (make_national_id(rng) for _ in range(30))]
    assert classify_column("کد ملی", values) is None


def test_header_lowers_the_share_needed() -> None:
    """With a matching header 20% suffices; without one the type needs half the values."""
    counts = {"PHONE_MOBILE": 3}
    assert classify("PHONE_MOBILE", Counter(counts), 10) == ("PHONE_MOBILE", 0.3)
    assert classify(None, Counter(counts), 10) == (None, 0.3)


def test_name_and_amount_columns() -> None:
    """A name column is PERSON through its header; an amount column is never an ID."""
    assert classify_column("نام متقاضی", ["زهرا قلی‌پور", "کامران شاکری", "آوا ملکی"]) == "PERSON"
    assert classify_column("نام پارک", ["پارک ملت", "بوستان لاله"]) is None
    amounts = ["1500000000", "2000000000", "1100000000", "9900000000"]
    assert classify_column("مبلغ (ریال)", amounts) is None


def test_leading_zeros_dropped_by_excel(rng: random.Random) -> None:
    """Under a national-ID header, 8-9 digit values that were IDs before Excel ate their zeros count."""
    ids = [make_national_id(rng) for _ in range(200)]
    short = [i.lstrip("0") for i in ids if i.startswith("0") and len(i.lstrip("0")) >= 8]
    assert short
    assert classify_column("کد ملی", short) == "NATIONAL_ID"


def test_scan_table_report(rng: random.Random) -> None:
    """scan_table reports per-column types, masked samples only, and k-anonymity."""
    header = ["کد ملی", "سن", "جنسیت", "محله", "توضیحات"]
    nids = [make_national_id(rng) for _ in range(30)]
    rows = [[nids[i], str(30 + i % 3), "زن" if i % 2 else "مرد", "ونک", "-"] for i in range(30)]
    report = scan_table(header, iter(rows), k=5)
    cols = {c.header: c for c in report.columns}
    assert cols["کد ملی"].pii_type == "NATIONAL_ID"
    assert report.pii_columns == ["کد ملی"]
    assert cols["سن"].quasi_identifier == "age"
    assert all(n not in str(report.to_dict()) for n in nids)
    k = report.k_anonymity
    assert k is not None and k.quasi_identifiers == ["سن", "جنسیت", "محله"]
    assert k.classes == 6 and k.min_class_size == 5 and k.passes


def test_k_anonymity_fails_on_unique_rows() -> None:
    """Unique combinations of quasi-identifiers fail k=5 and count as records at risk."""
    rows = [[str(20 + i), "زن", "تجریش"] for i in range(10)] + [["50", "مرد", "ونک"]] * 6
    report = scan_table(["سن", "جنسیت", "محله"], rows, k=5)
    k = report.k_anonymity
    assert k is not None and not k.passes
    assert (
        k.min_class_size == 1 and k.records_at_risk == 10 and k.share_at_risk == round(10 / 16, 4)
    )
    assert scan_table(["سن", "جنسیت", "محله"], rows, k=1).k_anonymity.passes


def test_k_anonymity_names_the_first_row_of_each_small_class(rng: random.Random) -> None:
    """Rows at risk: the first row of each class smaller than k, in order, the first
    ten, across batches (a class first seen in one batch and grown in the next)."""
    from ckanext.smarttehran.privacy.reports import MAX_ROWS
    from ckanext.smarttehran.privacy.tabular import BATCH_ROWS

    ages = [str(a) for a in range(20, 70)]
    rows = [[rng.choice(ages[:3]), "زن", "تجریش"] for _ in range(3 * BATCH_ROWS)]
    rare = {7: "81", BATCH_ROWS - 1: "82", BATCH_ROWS + 5: "82", 2 * BATCH_ROWS + 9: "83"}
    for i, age in rare.items():
        rows[i] = [age, "مرد", "ونک"]
    report = scan_table(["سن", "جنسیت", "محله"], rows, k=5)
    assert report.k_anonymity.rows_at_risk == [8, BATCH_ROWS, 2 * BATCH_ROWS + 10]
    many = [[str(i), "زن", "ونک"] for i in range(30)]
    assert scan_table(["سن", "جنسیت", "محله"], many, k=5).k_anonymity.rows_at_risk == list(
        range(1, MAX_ROWS + 1)
    )


def test_k_anonymity_cap_marks_truncated() -> None:
    """Past max_classes distinct combinations, counting stops and the check fails."""
    counter = KAnonCounter(["id"], max_classes=10)
    counter.update([(str(i),) for i in range(50)])
    report = counter.report(5)
    assert report.truncated and not report.passes


def test_explicit_quasi_identifiers() -> None:
    """Callers can name the quasi-identifier columns themselves."""
    rows = [["a", "x"], ["a", "y"]]
    report = scan_table(["col1", "col2"], rows, quasi_identifiers=["col1"], k=2)
    assert report.k_anonymity is not None
    assert report.k_anonymity.quasi_identifiers == ["col1"] and report.k_anonymity.passes


def test_repeated_values_scan_like_distinct_ones(rng: random.Random, monkeypatch) -> None:
    """A column whose values repeat (scanned once per distinct value and remembered
    across batches) gets the same counts and samples as a cell-by-cell scan, each
    occurrence counted; a "+" ending a cell turns the shortcut off."""
    from ckanext.smarttehran.privacy import tabular

    ids = [make_national_id(rng) for _ in range(6)]
    notes = ["متقاضی علی رضایی تماس 09121234567", "درخواست در دست بررسی است", ""]
    header = ["کد ملی", "توضیحات", "شماره"]
    rows = [
        [rng.choice(ids + [""]), rng.choice(notes), rng.choice(["+", "9121234567", ""])]
        for _ in range(5000)
    ]
    fast = scan_table(header, rows)
    monkeypatch.setattr(tabular, "_distinct", lambda values, joined: None)
    slow = scan_table(header, rows)
    assert fast == slow
    ids_col = fast.columns[0]
    assert ids_col.pii_type == "NATIONAL_ID"
    assert ids_col.counts["NATIONAL_ID"] == sum(1 for r in rows if r[0])
    assert fast.columns[1].counts["PERSON"] == sum(1 for r in rows if r[1] == notes[0])


def test_first_rows_name_where_findings_are(rng: random.Random) -> None:
    """Each column reports the first row numbers (1 = the row after the header) holding
    its type, in order and across batches, whether its values repeat (scanned once per
    distinct value, remembered across batches) or are all distinct."""
    from ckanext.smarttehran.privacy.reports import MAX_ROWS
    from ckanext.smarttehran.privacy.tabular import BATCH_ROWS

    ids = [make_national_id(rng) for _ in range(3)]
    rows = []
    for i in range(3 * BATCH_ROWS):
        # Findings only from near the end of the first batch on, a few per batch.
        hit = i >= BATCH_ROWS - 5 and i % 401 == 0
        mobile = f"0912{i:07d}" if i % 3 == 0 else ""
        rows.append([rng.choice(ids) if hit else "", mobile, f"note {i}"])
    report = scan_table(["کد ملی", "تلفن همراه", "یادداشت"], rows)
    ids_col, mobiles, notes = report.columns
    expected_ids = [i + 1 for i, r in enumerate(rows) if r[0]][:MAX_ROWS]
    assert expected_ids[0] > BATCH_ROWS and len(expected_ids) == MAX_ROWS
    assert ids_col.pii_type == "NATIONAL_ID"
    assert ids_col.first_rows == expected_ids
    assert mobiles.pii_type == "PHONE_MOBILE"
    assert mobiles.first_rows == [1, 4, 7, 10, 13, 16, 19, 22, 25, 28]
    assert notes.pii_type is None and notes.first_rows == []


def test_first_rows_of_a_repeated_value_column(rng: random.Random, monkeypatch) -> None:
    """A column of few repeated values (the distinct-value path, and values remembered
    from the first batch once the column has its samples) names the same first rows
    as a cell-by-cell count."""
    from ckanext.smarttehran.privacy import tabular
    from ckanext.smarttehran.privacy.reports import MAX_ROWS
    from ckanext.smarttehran.privacy.tabular import BATCH_ROWS

    nids = [make_national_id(rng) for _ in range(3)]
    rows = [[nids[i % 3] if i % 397 == 300 else ""] for i in range(3 * BATCH_ROWS)]
    expected = [i + 1 for i, r in enumerate(rows) if r[0]][:MAX_ROWS]
    col = scan_table(["کد ملی"], rows).columns[0]
    assert col.counts["NATIONAL_ID"] == sum(1 for r in rows if r[0]) > MAX_ROWS
    assert col.pii_type == "NATIONAL_ID" and len(col.samples) == 3
    assert col.first_rows == expected
    monkeypatch.setattr(tabular, "_distinct", lambda values, joined: None)
    assert scan_table(["کد ملی"], rows).columns[0] == col


def test_lat_lon_columns_skip_the_passes_without_changing_the_report(
    rng: random.Random, monkeypatch
) -> None:
    """A lat/lon column whose every cell is one decimal is counted by its cell rule
    alone; the report is the one every pass gives (a column with other text in some
    cells still runs them all)."""
    from ckanext.smarttehran.privacy import tabular

    def coordinate() -> str:
        return f"{rng.uniform(35.5, 35.8):.{rng.choice([2, 4, 6])}f}"

    header = ["شناسه", "lat", "lon", "عرض جغرافیایی"]
    rows = [
        [
            str(i),
            coordinate() if i % 9 else "",
            f"{rng.uniform(51.2, 51.6):.6f}",
            rng.choice([coordinate(), "پارک ملت 35.7731, 51.4102", "۳۵٫۷۱۲۳۴۵", "09121234567"]),
        ]
        for i in range(3000)
    ]
    fast = scan_table(header, rows)
    monkeypatch.setattr(tabular, "_rule_explains_all", lambda hint, found, filled: False)
    assert scan_table(header, rows) == fast
    assert [c.pii_type for c in fast.columns[1:3]] == ["GPS", "GPS"]
    assert fast.columns[1].counts["GPS"] == sum(
        1 for r in rows if r[1] and len(r[1].split(".")[1]) >= 4
    )


def test_one_mobile_in_a_free_text_column_makes_the_table_personal(rng: random.Random) -> None:
    """A mobile number quoted in one note of many is personal data, though its column's
    share is far below a type's: the column lists it as sporadic, with its row and a
    masked sample. A column of random ten-digit codes, some of which pass the national
    ID check digit by chance, is not."""
    notes = ["درخواست روشنایی معابر"] * 40
    notes[25] = "متقاضی تماس 09121234567 گرفت"
    codes = [f"{rng.randrange(10**9, 10**10)}" for _ in range(40)]
    report = scan_table(["توضیحات", "کد رهگیری"], list(zip(notes, codes, strict=True)))
    note, code = report.columns
    assert note.pii_type is None and note.sporadic == ["PHONE_MOBILE"]
    assert note.rows_by_type["PHONE_MOBILE"] == [26]
    assert note.samples_by_type["PHONE_MOBILE"] == ["۰۹۱۲•••••۶۷"]
    assert 0 < code.counts.get("NATIONAL_ID", 0) < 20, "some codes pass the check digit"
    assert code.pii_type is None and code.sporadic == []
    assert report.pii_columns == ["توضیحات"]


def test_rows_at_risk_keep_few_first_rows(monkeypatch) -> None:
    """Only classes still smaller than k keep a first row, and at most MAX_TRACKED of them:
    a class that reaches k is dropped, the earliest small classes are the ones named."""
    from ckanext.smarttehran.privacy import kanonymity

    monkeypatch.setattr(kanonymity, "MAX_TRACKED", 4)
    counter = KAnonCounter(["a"], k=2)
    counter.update([("x",), ("y",), ("z",), ("w",), ("v",), ("u",)], first_row=1)
    assert counter.first_row == {("x",): 1, ("y",): 2, ("z",): 3, ("w",): 4}
    counter.update([("x",), ("t",)], first_row=7)  # x reaches k; t finds room
    assert ("x",) not in counter.first_row and counter.first_row[("t",)] == 8
    assert counter.report().rows_at_risk == [2, 3, 4, 8]

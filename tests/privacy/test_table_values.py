"""Tables: the values decide, the header only helps (``tabular.py``, ``numbers.py``)."""

from __future__ import annotations

import io
import json
import random

import pytest

from ckanext.smarttehran.privacy import scan_file, scan_table
from tests.privacy import forms

NEGATIVE_HEADERS = ["مبلغ (ریال)", "تاریخ", "منطقه", "amount", "date", "district"]


@pytest.mark.parametrize("header", NEGATIVE_HEADERS)
@pytest.mark.parametrize("kind", ["national_id", "card", "iban", "mobile"])
def test_identifiers_under_money_date_or_district_headers(
    header: str, kind: str, rng: random.Random
) -> None:
    """IDs, cards, Shebas and mobiles are found whatever the header says the column is."""
    make = {
        "national_id": lambda: forms.nids(rng, 1)[0],
        "card": lambda: forms.card(rng),
        "iban": lambda: forms.iban(rng),
        "mobile": lambda: forms.mobile(rng),
    }[kind]
    report = scan_table([header], [[make()] for _ in range(20)])
    assert report.pii_columns == [header], (header, kind)


@pytest.mark.parametrize("header", NEGATIVE_HEADERS)
def test_clean_twin_amounts_and_dates_pass(header: str, rng: random.Random) -> None:
    """The same headers over amounts, dates and district numbers find nothing: a mod-11
    pass among random ten-digit amounts does not make a column of national ids."""
    rows = [[str(rng.randint(10**9, 10**10 - 1))] for _ in range(200)]
    rows += [["1402/05/12"], ["2024-03-01"], ["12"], ["12,500,000"]]
    assert scan_table([header], rows).pii_columns == []


def test_file_without_a_header_row(rng: random.Random) -> None:
    """A CSV whose first row is a record is screened from that row on; its columns are
    named by position in the report, never by a raw cell."""
    rows = [[f"محله {i}", forms.mobile(rng), str(i)] for i in range(10)]
    data = "\n".join(",".join(r) for r in rows).encode()
    report = scan_file(io.BytesIO(data), "no-header.csv")
    table = report.tables[0]
    assert table.header_row is False
    assert table.pii_columns == ["column 2"]
    assert table.rows == 10
    assert [c.header for c in table.columns] == ["column 1", "column 2", "column 3"]
    assert rows[0][1] not in json.dumps(report.to_dict(), ensure_ascii=False)


def test_headerless_clean_twin_stores_no_cell(rng: random.Random) -> None:
    """A headerless file of numbers passes, and its passing report holds no cell of it."""
    rows = [[str(1000 + i), str(rng.randint(1, 99)), f"{i}.5"] for i in range(10)]
    data = "\n".join(",".join(r) for r in rows).encode()
    report = scan_file(io.BytesIO(data), "numbers.csv")
    assert report.error is None and not report.has_pii
    assert report.tables[0].header_row is False
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    assert all(cell not in text for cell in rows[0])


def test_header_holding_personal_data_is_a_record(rng: random.Random) -> None:
    """A first row holding a mobile is not taken as a header (it would be stored raw)."""
    m = forms.mobile(rng)
    report = scan_table(["یادداشت " + m, "x"], [["سلام", "1"]])
    assert report.header_row is False and report.pii_columns == ["column 1"]


def test_a_real_header_is_kept(rng: random.Random) -> None:
    """A header row of words stays the header."""
    report = scan_table(["نام محله", "تلفن همراه"], [[f"محله {i}", forms.mobile(rng)] for i in range(5)])
    assert report.header_row is True and report.pii_columns == ["تلفن همراه"]


def test_passing_report_has_samples_only_masked(rng: random.Random) -> None:
    """A table that passes stores no sample of its cells (masked or raw)."""
    rows = [[str(rng.randint(10**9, 10**10 - 1))] for _ in range(100)]
    report = scan_table(["مبلغ"], rows)
    assert report.pii_columns == []
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    assert all(r[0] not in text for r in rows)


def test_first_row_with_a_number_is_a_record() -> None:
    """A first row holding a number (a park's count) is a record: no raw cell of it names a
    column (the clean twin of a headerless table)."""
    rows = [["بوستان لاله", "3", "515"], ["بوستان نرگس", "4", "220"]]
    data = "\n".join(",".join(r) for r in rows).encode()
    report = scan_file(io.BytesIO(data), "parks.csv")
    assert not report.has_pii and report.tables[0].header_row is False
    assert "بوستان لاله" not in json.dumps(report.to_dict(), ensure_ascii=False)


def test_names_holding_personal_data_are_masked_in_reports(rng: random.Random, tmp_path) -> None:
    """A JSON key, a sheet title or a file name that is personal data is found, and the
    report names it masked or by position, never raw."""
    import openpyxl  # noqa: PLC0415

    iban = forms.iban(rng)
    report = scan_file(io.BytesIO(json.dumps({iban: {"visits": 3}}).encode()), "k.json")
    assert report.has_pii and iban[2:] not in json.dumps(report.to_dict(), ensure_ascii=False)
    m = forms.mobile(rng)
    wb = openpyxl.Workbook()
    wb.active.title = m
    wb.active.append(["نام محله"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    report = scan_file(path)
    assert report.has_pii and m not in json.dumps(report.to_dict(), ensure_ascii=False)
    report = scan_file(io.BytesIO(b"a\n1\n"), f"tamas-{m}.csv")
    assert report.has_pii and m not in json.dumps(report.to_dict(), ensure_ascii=False)

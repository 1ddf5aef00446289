"""Every part of every container is read; each form has a clean twin that still passes.

Synthetic values only (``tests/privacy/forms.py``). "Refused" here means what the gate
refuses on: a report with personal data (``has_pii``) or an ``error`` (unscreenable).
"""

from __future__ import annotations

import gzip
import io
import json
import random
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from ckanext.smarttehran.privacy import scan_file
from ckanext.smarttehran.privacy.reports import FileReport
from tests.privacy import forms


def refused(report: FileReport) -> bool:
    """What the gate refuses: personal data found, or a file it cannot screen."""
    return report.error is not None or report.has_pii


def passes(report: FileReport) -> bool:
    return report.error is None and not report.has_pii


def scan_bytes(data: bytes, name: str, **kw: object) -> FileReport:
    return scan_file(io.BytesIO(data), name, **kw)  # type: ignore[arg-type]


# --- lines and encodings -------------------------------------------------------------


def test_value_after_the_first_mebibyte_of_a_line(rng: random.Random) -> None:
    """A mobile after 3 MiB of one line is found, in a text file and in a CSV cell; the
    same files without it pass."""
    pad = "x" * (3 << 20)
    m = forms.mobile(rng)
    text = scan_bytes(f"{pad} تلفن همراه {m} {pad}\nپایان\n".encode(), "long.txt")
    assert text.text.counts == {"PHONE_MOBILE": 1}
    csv = scan_bytes(f"شرح,مقدار\n{pad} {m},1\n".encode(), "long.csv")
    assert refused(csv) and csv.tables[0].columns[0].counts == {"PHONE_MOBILE": 1}
    assert passes(scan_bytes(f"{pad} سلام {pad}\nپایان\n".encode(), "long.txt"))
    assert passes(scan_bytes(f"شرح,مقدار\n{pad} سلام,1\n".encode(), "long.csv"))


def test_one_bad_byte_keeps_utf8(rng: random.Random) -> None:
    """A UTF-8 file with one stray byte is still read as UTF-8: its Persian-digit
    mobiles are found (read as cp1256 they would be missed)."""
    rows = "".join(
        f"{i},{forms.mobile(rng).translate(str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'))}\n"
        for i in range(20)
    )
    data = ("ردیف,تلفن همراه\n" + rows).encode() + b"\xff\n"
    report = scan_bytes(data, "people.csv")
    assert report.encoding == "utf-8"
    assert report.tables[0].pii_columns == ["تلفن همراه"]
    clean = ("ردیف,نام محله\n" + "".join(f"{i},محله {i}\n" for i in range(20))).encode()
    assert passes(scan_bytes(clean + b"\xff\n", "places.csv"))


def test_excel_unicode_text_is_a_table(rng: random.Random) -> None:
    """Excel's "Unicode text" (UTF-16LE with BOM, tab-separated, .txt) is read by columns."""
    ids = forms.nids(rng, 20)
    text = "نام محله\tکد ملی\r\n" + "".join(f"محله {i}\t{n}\r\n" for i, n in enumerate(ids))
    report = scan_bytes(b"\xff\xfe" + text.encode("utf-16-le"), "export.txt")
    assert report.format == "tsv"
    assert {c.header: c.pii_type for c in report.tables[0].columns}["کد ملی"] == "NATIONAL_ID"
    clean = "نام محله\tمساحت\r\n" + "".join(f"محله {i}\t{i * 10}\r\n" for i in range(20))
    assert passes(scan_bytes(b"\xff\xfe" + clean.encode("utf-16-le"), "export.txt"))


def test_utf7_and_mixed_encodings_are_unscreenable() -> None:
    """UTF-7 and a mix of UTF-8 and Windows-1256 cannot be read with confidence: refused
    with a bilingual message."""
    utf7 = "تلفن همراه ۰۹۱۲۳۴۵۶۷۸۹ و نشانی خیابان آزادی\n".encode("utf-7") * 3
    report = scan_bytes(utf7, "note.txt")
    assert report.error is not None and report.error.code == "unsure_encoding"
    assert report.error.message_fa
    mixed = ("سلام دنيا " * 50).encode() + ("سلام دنيا " * 50).encode("cp1256")
    assert scan_bytes(mixed, "note.txt").error.code == "unsure_encoding"
    assert passes(scan_bytes(("سلام دنيا " * 100).encode("cp1256"), "legacy.txt"))


# --- JSON ----------------------------------------------------------------------------


def test_json_escapes_and_every_position(rng: random.Random) -> None:
    """\\uXXXX-escaped values, a non-object item after many objects, a key first seen
    after a thousand objects, a top-level member and a feature id are all read."""
    records = [{"name": f"station {i}", "value": i} for i in range(1500)]
    escaped = json.dumps([{"tel": "تلفن " + forms.mobile(rng)}], ensure_ascii=True)
    assert "\\u" in escaped
    assert refused(scan_bytes(escaped.encode(), "a.json"))
    late_key = [*records, {"name": "x", "mobile": forms.mobile(rng)}]
    assert refused(scan_bytes(json.dumps(late_key).encode(), "b.json"))
    non_object = [*records, "تماس " + forms.mobile(rng)]
    assert refused(scan_bytes(json.dumps(non_object).encode(), "c.json"))
    top = {"contact": forms.mobile(rng), "data": records}
    assert refused(scan_bytes(json.dumps(top).encode(), "d.json"))
    geo = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": forms.mobile(rng), "properties": {"name": "park"},
             "geometry": {"type": "Polygon", "coordinates": []}}
        ],
    }
    assert refused(scan_bytes(json.dumps(geo).encode(), "e.geojson"))
    keyed = {forms.mobile(rng): {"visits": 3}}
    assert refused(scan_bytes(json.dumps(keyed).encode(), "f.json"))
    assert passes(scan_bytes(json.dumps({"meta": "x", "data": records}).encode(), "g.json"))


def test_nested_numeric_coordinates_are_gps() -> None:
    """Numeric lat/lng inside nested objects are coordinates; rounded ones are not."""
    rows = [
        {"owner": {"home": {"lat": 35.712345 + i / 1e5, "lng": 51.404321 + i / 1e5}}}
        for i in range(10)
    ]
    report = scan_bytes(json.dumps(rows).encode(), "homes.json")
    assert refused(report)
    assert "GPS" in {c.pii_type for t in report.tables for c in t.columns}
    rounded = [{"area": {"lat": 35.7, "lng": 51.4}} for _ in range(10)]
    assert passes(scan_bytes(json.dumps(rounded).encode(), "areas.json"))


def test_jsonl_every_line(rng: random.Random) -> None:
    """JSON Lines: a key first used on line 1001 and a line that is not JSON are read."""
    lines = [json.dumps({"n": i}) for i in range(1000)]
    late = "\n".join([*lines, json.dumps({"mobile": forms.mobile(rng)})])
    assert refused(scan_bytes(late.encode(), "a.jsonl"))
    broken = "\n".join([*lines, "{broken tel " + forms.mobile(rng)])
    assert refused(scan_bytes(broken.encode(), "b.jsonl"))
    assert passes(scan_bytes("\n".join(lines).encode(), "c.jsonl"))


# --- XLSX ----------------------------------------------------------------------------


def _book(path: Path, build) -> Path:  # noqa: ANN001 - a small callback
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "داده"
    ws.append(["نام محله", "تعداد"])
    for i in range(5):
        ws.append([f"محله {i}", i])
    build(wb)
    wb.save(path)
    return path


XLSX_FORMS = {
    "hidden sheet": lambda wb, v: _hidden(wb, v),
    "cell comment": lambda wb, v: setattr(wb.active["A2"], "comment", Comment("تماس " + v, "x")),
    "formula concatenation": lambda wb, v: wb.active.append(["x", f'="{v[:4]}"&"{v[4:]}"']),
    "number format": lambda wb, v: _formatted(wb, v),
    "header": lambda wb, v: setattr(wb.active.oddHeader.center, "text", "تماس " + v),
    "footer": lambda wb, v: setattr(wb.active.oddFooter.left, "text", "تماس " + v),
    "document property": lambda wb, v: setattr(wb.properties, "creator", "تماس " + v),
    "sheet name": lambda wb, v: setattr(wb.create_sheet(), "title", v),
    "defined name": lambda wb, v: wb.defined_names.add(DefinedName("tel", attr_text=f'"{v}"')),
}


def _hidden(wb, value: str) -> None:  # noqa: ANN001
    ws = wb.create_sheet("hidden")
    ws.sheet_state = "veryHidden"
    ws.append(["تلفن همراه"])
    ws.append([value])


def _formatted(wb, value: str) -> None:  # noqa: ANN001
    ws = wb.active
    ws.append(["y", int(value)])
    ws.cell(ws.max_row, 2).number_format = "0" * len(value)


@pytest.mark.parametrize("form", sorted(XLSX_FORMS))
def test_xlsx_part(form: str, tmp_path: Path, rng: random.Random) -> None:
    """A mobile in each part of a workbook is found; the workbook without it passes."""
    value = forms.mobile(rng)
    path = _book(tmp_path / "book.xlsx", lambda wb: XLSX_FORMS[form](wb, value))
    assert refused(scan_file(path)), form
    assert passes(scan_file(_book(tmp_path / "clean.xlsx", lambda wb: None)))


def test_csv_inside_an_xlsx_package(tmp_path: Path, rng: random.Random) -> None:
    """Any other member of the package is read: a CSV zipped into an .xlsx is a CSV."""
    path = _book(tmp_path / "book.xlsx", lambda wb: None)
    ids = forms.nids(rng, 10)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/extra/people.csv", "کد ملی\n" + "\n".join(ids) + "\n")
    report = scan_file(path)
    assert refused(report)
    assert any(c.pii_type == "NATIONAL_ID" for t in report.tables for c in t.columns)


def test_hostile_xlsx_of_forty_sheets_is_cut_off(tmp_path: Path) -> None:
    """40 sheets of 1 MiB in a small package count 40 MiB: refused in seconds, over the
    ratio or the configured uncompressed budget, never scanned for 40 s."""
    path = tmp_path / "hostile.xlsx"
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + '<row><c t="inlineStr"><is><t>a</t></is></c></row>' * 20000
        + "</sheetData></worksheet>"
    )[: 1 << 20]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(40):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", sheet)
    started = time.monotonic()
    report = scan_file(path)
    assert report.error is not None and report.error.code == "zip_bomb"
    small = scan_file(path, max_uncompressed_size=8 << 20)
    assert small.error is not None
    assert time.monotonic() - started < 10


def test_uncompressed_budget_counts_every_member(tmp_path: Path) -> None:
    """The budget is the sum of the members: over it, an error with both languages."""
    data = forms.zip_bytes({f"part{i}.csv": "a,b\n" + "".join(f"{j},x{j}\n" for j in range(3000))
                            for i in range(10)})
    report = scan_bytes(data, "parts.zip", max_uncompressed_size=100_000)
    assert report.error is not None and report.error.code == "too_large_uncompressed"
    assert report.error.message_fa
    assert passes(scan_bytes(data, "parts.zip"))


def test_time_budget(rng: random.Random) -> None:
    """A scan over its time budget ends in an error, not in a verdict."""
    data = ("a,b\n" + "".join(f"{i},{forms.mobile(rng)[:6]}\n" for i in range(200000))).encode()
    report = scan_bytes(data, "big.csv", time_budget=0.0)
    assert report.error is not None and report.error.code == "scan_timeout"


# --- archives ------------------------------------------------------------------------


def test_zip_and_gzip_members_are_screened(rng: random.Random) -> None:
    """A CSV in a ZIP or a GZIP is screened like the CSV; their clean twins pass."""
    ids = forms.nids(rng, 10)
    people = "کد ملی\n" + "\n".join(ids) + "\n"
    places = "نام محله\n" + "\n".join(f"محله {i}" for i in range(10)) + "\n"
    assert refused(scan_bytes(forms.zip_bytes({"people.csv": people}), "data.zip"))
    assert passes(scan_bytes(forms.zip_bytes({"places.csv": places}), "data.zip"))
    assert refused(scan_bytes(gzip.compress(people.encode()), "people.csv.gz"))
    assert passes(scan_bytes(gzip.compress(places.encode()), "places.csv.gz"))
    nested = forms.zip_bytes({"inner.zip": forms.zip_bytes({"people.csv": people})})
    assert refused(scan_bytes(nested, "nested.zip"))


def test_shapefile_zip_screens_its_dbf(rng: random.Random) -> None:
    """A shapefile zip: the DBF attribute table is screened (geometry is listed, not read)."""
    people = [[f"name{i}", forms.mobile(rng)] for i in range(10)]
    data = forms.zip_bytes(
        {
            "homes.shp": b"\x00\x00\x27\x0a" + b"\x00" * 96,
            "homes.shx": b"\x00" * 100,
            "homes.dbf": forms.dbf([("NAME", 20), ("MOBILE", 11)], people),
            "homes.cpg": "UTF-8",
        }
    )
    report = scan_bytes(data, "homes.zip")
    assert refused(report) and report.tables[0].pii_columns == ["MOBILE"]
    clean = forms.zip_bytes(
        {"parks.shp": b"\x00" * 100, "parks.dbf": forms.dbf([("NAME", 20)], [["park"]] * 5)}
    )
    assert passes(scan_bytes(clean, "parks.zip"))


def test_unreadable_member_refuses_the_archive() -> None:
    """A member that cannot be read (binary, an image) makes the archive unscreenable."""
    data = forms.zip_bytes({"a.csv": "a\n1\n", "scan.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 50})
    report = scan_bytes(data, "a.zip")
    assert report.error is not None and report.error.code == "unscreenable_member"
    assert report.error.message_fa


# --- markup and PDF ------------------------------------------------------------------


def test_xml_html_kml_entities_and_attributes(rng: random.Random) -> None:
    """Character references, DTD entities and attribute values are read."""
    m = forms.mobile(rng)
    refs = "".join(f"&#{ord(c)};" for c in m)
    assert refused(scan_bytes(f"<r><tel>{refs}</tel></r>".encode(), "a.xml"))
    assert refused(scan_bytes(f'<r><p tel="{m}"/></r>'.encode(), "b.xml"))
    dtd = f'<!DOCTYPE r [<!ENTITY t "{m}">]><r>تماس &t;</r>'
    assert refused(scan_bytes(dtd.encode(), "c.xml"))
    html = f"<html><body><p>تماس {refs}</p><a title='{m}'>x</a></body></html>"
    assert refused(scan_bytes(html.encode(), "d.html"))
    kml = (
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>منزل</name>'
        "<Point><coordinates>51.404321,35.712345,0</coordinates></Point></Placemark></kml>"
    )
    assert refused(scan_bytes(kml.encode(), "e.kml"))
    assert passes(scan_bytes(b"<r><p n='1402'>&#1587;&#1604;&#1575;&#1605;</p></r>", "f.xml"))
    assert passes(scan_bytes("<html><p>گزارش &amp; آمار ۱۴۰۲</p></html>".encode(), "g.html"))


def test_pdf_text_is_screened_and_scans_refused(rng: random.Random) -> None:
    """A PDF's compressed text is extracted and screened; a clean PDF passes; an
    image-only PDF cannot be screened."""
    report = scan_bytes(forms.pdf_with_text(["Mobile " + forms.mobile(rng)]), "r.pdf")
    assert report.format == "pdf" and report.text.counts == {"PHONE_MOBILE": 1}
    assert passes(scan_bytes(forms.pdf_with_text(["Annual report 2024", "Budget"]), "r.pdf"))
    scan = scan_bytes(forms.pdf_image_only(), "scan.pdf")
    assert scan.error is not None and scan.error.code == "pdf_no_text"
    assert "cannot be screened" in scan.error.message and scan.error.message_fa

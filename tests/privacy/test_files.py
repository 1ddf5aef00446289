"""scan_file: formats, encodings, malformed input and zip bombs give reports, not tracebacks."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ckanext.smarttehran.persian import fold
from ckanext.smarttehran.privacy import scan_file
from ckanext.smarttehran.privacy.textio import detect_encoding
from tests.privacy.helpers import make_national_id

CSV = "نام و نام خانوادگی,کد ملی,تلفن همراه,سن\n{rows}"


def people_csv(rng: random.Random, n: int = 20) -> str:
    rows = "".join(
        f"علی رضایی,{make_national_id(rng)},0912{rng.randint(1000000, 9999999)},{30 + i % 2}\n"
        for i in range(n)
    )
    return CSV.format(rows=rows)


def pii(report) -> dict[str, str]:
    """Header (folded, so Windows-1256 Arabic letters compare equal) -> type."""
    return {fold(c.header): c.pii_type for c in report.tables[0].columns if c.pii_type}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_encodings(tmp_path: Path, rng: random.Random, encoding: str) -> None:
    """UTF-8, UTF-8 with BOM, UTF-16 (with or without BOM) and Windows-1256 CSVs all scan."""
    path = tmp_path / "people.csv"
    text = people_csv(rng)
    if encoding == "cp1256":  # Windows-1256 files carry the Arabic ي and ك
        text = text.replace("ی", "ي").replace("ک", "ك")
    path.write_bytes(text.encode(encoding))
    report = scan_file(path)
    assert report.error is None
    assert pii(report) == {
        "نام و نام خانوادگی": "PERSON",
        "کد ملی": "NATIONAL_ID",
        "تلفن همراه": "PHONE_MOBILE",
    }
    assert report.tables[0].rows == 20


def test_detect_encoding() -> None:
    """BOMs, NUL patterns and invalid UTF-8 pick the right decoder."""
    assert detect_encoding("سلام".encode()) == "utf-8"
    assert detect_encoding("سلام".encode("utf-8-sig")) == "utf-8-sig"
    assert detect_encoding("سلام".encode("cp1256")) == "cp1256"
    assert detect_encoding("abc,def\n".encode("utf-16-be")) == "utf-16-be"


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    """A binary file gives an error object in English and Persian."""
    path = tmp_path / "data.csv"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    report = scan_file(path)
    assert report.error is not None and report.error.code == "binary"
    assert report.error.message_fa


def test_malformed_csv_unclosed_quote(tmp_path: Path) -> None:
    """An unterminated quoted field is reported as malformed CSV."""
    path = tmp_path / "bad.csv"
    path.write_text('a,b\n1,"unterminated\n2,3\n', encoding="utf-8")
    report = scan_file(path)
    assert report.error is None
    assert "malformed_csv" in {i.code for i in report.issues}


def test_enormous_line_is_capped(tmp_path: Path) -> None:
    """A line beyond the cap is cut, reported, and the rest of the file still scanned."""
    path = tmp_path / "long.txt"
    path.write_text("x" * 5000 + "\nتلفن همراه 09123456789\n", encoding="utf-8")
    report = scan_file(path, max_line_chars=1000)
    assert "line_too_long" in {i.code for i in report.issues}
    assert report.text is not None and report.text.counts == {"PHONE_MOBILE": 1}


def test_text_file_findings_have_file_offsets(tmp_path: Path) -> None:
    """Text findings carry offsets into the decoded file and masked values only."""
    text = "سلام\n" * 3 + "ایمیل: ali.rezaei@gmail.com\n"
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    report = scan_file(path)
    (finding,) = report.text.findings
    assert text[finding["start"] : finding["end"]] == "ali.rezaei@gmail.com"
    assert "ali.rezaei" not in json.dumps(report.to_dict())


def test_stream_input_and_tsv(rng: random.Random) -> None:
    """A binary stream with a .tsv filename is scanned as tab-separated."""
    data = people_csv(rng).replace(",", "\t").encode("utf-8")
    report = scan_file(io.BytesIO(data), "people.tsv")
    assert report.format == "tsv"
    assert pii(report)["کد ملی"] == "NATIONAL_ID"


def test_xlsx(tmp_path: Path, rng: random.Random) -> None:
    """XLSX sheets stream through openpyxl; integer IDs lose no detection."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["کد ملی", "تلفن همراه"])
    for _ in range(20):
        ws.append([int(make_national_id(rng)), "0912" + str(rng.randint(1000000, 9999999))])
    path = tmp_path / "people.xlsx"
    wb.save(path)
    report = scan_file(path)
    assert report.error is None and report.format == "xlsx"
    assert pii(report) == {"کد ملی": "NATIONAL_ID", "تلفن همراه": "PHONE_MOBILE"}


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    """An XLSX whose entries inflate far beyond their compressed size is never opened."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    report = scan_file(path)
    assert report.error is not None and report.error.code == "zip_bomb"
    assert report.error.detail["max_ratio"] > 100


def test_zip_that_is_not_xlsx(tmp_path: Path) -> None:
    """A zip named .xlsx without a workbook inside is read as the zip it is: its members
    are screened (a mobile in its text member is found)."""
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "تلفن همراه 09123456789")
    report = scan_file(path)
    assert report.error is None and report.format == "zip"
    assert report.text.counts == {"PHONE_MOBILE": 1}
    assert report.text.findings[0]["part"] == "hello.txt"


def test_geojson_points(tmp_path: Path) -> None:
    """GeoJSON properties become columns; precise Point coordinates are GPS."""
    feats = [
        {
            "type": "Feature",
            "properties": {"نام و نام خانوادگی": "مریم احمدی"},
            "geometry": {"type": "Point", "coordinates": [51.404321 + i / 1e5, 35.712345]},
        }
        for i in range(10)
    ]
    path = tmp_path / "homes.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    report = scan_file(path)
    assert report.format == "geojson"
    assert pii(report) == {"نام و نام خانوادگی": "PERSON", "coordinates": "GPS"}


def test_malformed_json_falls_back_to_text(tmp_path: Path) -> None:
    """Broken JSON is reported and still scanned as text."""
    path = tmp_path / "x.json"
    path.write_text('{"tel": "09123456789", ', encoding="utf-8")
    report = scan_file(path)
    assert "malformed_json" in {i.code for i in report.issues}
    assert report.text.counts == {"PHONE_MOBILE": 1}


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    """A path that does not exist gives an error object."""
    report = scan_file(tmp_path / "nope.csv")
    assert report.error is not None and report.error.code == "unreadable"


def test_chunked_csv_counts_every_row(tmp_path: Path, rng: random.Random) -> None:
    """A CSV larger than one chunk is counted across chunk boundaries."""
    from ckanext.smarttehran.privacy import textio

    path = tmp_path / "big.csv"
    path.write_text(people_csv(rng, 3000), encoding="utf-8")
    old = textio.CHUNK_CHARS
    try:
        textio.CHUNK_CHARS = 4096
        report = scan_file(path)
    finally:
        textio.CHUNK_CHARS = old
    table = report.tables[0]
    assert table.rows == 3000
    nid = next(c for c in table.columns if c.header == "کد ملی")
    assert nid.counts["NATIONAL_ID"] == 3000


def test_csv_lat_lon_columns(tmp_path: Path) -> None:
    """Precise lat and lon in adjacent CSV cells classify both columns as GPS."""
    rows = "".join(f"{i},35.71{i:04d},51.40{i:04d}\n" for i in range(20))
    path = tmp_path / "homes.csv"
    path.write_text("id,lat,lon\n" + rows, encoding="utf-8")
    assert pii(scan_file(path)) == {"lat": "GPS", "lon": "GPS"}
    parks = tmp_path / "parks.csv"
    parks.write_text("نام پارک,lat,lon\n" + rows, encoding="utf-8")
    assert pii(scan_file(parks)) == {}


def test_findings_name_their_rows_and_lines(tmp_path: Path) -> None:
    """A CSV column names the rows holding its findings (1 = the row after the header),
    also in a chunk the csv module rejects; a text finding names its line."""
    lines = ["نام,تلفن همراه"] + [f"x{i},{'09121234567' if i in (2, 5) else ''}" for i in range(9)]
    good = tmp_path / "good.csv"
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (col,) = [c for c in scan_file(good).tables[0].columns if c.pii_type]
    assert col.first_rows == [3, 6]
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + '\nx9,"unterminated\n', encoding="utf-8")
    report = scan_file(bad)
    assert "malformed_csv" in {i.code for i in report.issues}
    (col,) = [c for c in report.tables[0].columns if c.pii_type]
    assert col.first_rows == [3, 6]
    text = tmp_path / "note.txt"
    text.write_text("سلام\n\nتماس ۰۹۱۲۱۲۳۴۵۶۷\nو\nایمیل: ali.rezaei@gmail.com\n", encoding="utf-8")
    assert [(f["type"], f["line"]) for f in scan_file(text).text.findings] == [
        ("PHONE_MOBILE", 3),
        ("EMAIL", 5),
    ]


def test_long_line_check_matches_walking_the_lines(rng: random.Random) -> None:
    """The block test that spares most chunks a walk over their lines never misses a
    line over the cap (compared with measuring every line)."""
    from ckanext.smarttehran.privacy.textio import _has_long_line

    for _ in range(2000):
        cap = rng.randint(1, 40)
        chunk = "\n".join("x" * rng.choice([0, 1, cap - 1, cap, cap + 1, rng.randint(0, 3 * cap)])
                          for _ in range(rng.randint(1, 12)))
        longest = max(len(line) for line in chunk.split("\n"))
        if longest > cap:
            assert _has_long_line(chunk, cap), (cap, chunk)
        elif len(chunk) <= cap:
            assert not _has_long_line(chunk, cap)


def test_csv_rows_are_the_file_rows_whatever_the_line_breaks() -> None:
    """A chunk is parsed into the rows the csv module reads from a file: quoted fields
    keep their line breaks, and characters str.splitlines would break at (U+2028,
    form feed, U+0085) stay inside their cells."""
    from ckanext.smarttehran.privacy.csvscan import _ChunkScanner
    from ckanext.smarttehran.privacy.tabular import TableScan

    scanner = _ChunkScanner(TableScan(["a", "b"]), ",", [])
    for text in (
        'x,"two\nlines"\ny,z\n',
        'x,"quoted"\ny,"a\u2028b"\nw,c\x0cd\n',
        'x,"q"\ny,a\x85b\n',
        'x,"q"\r\ny,"a\rb"\r\nz,1\x0c',
        'x,"q"\ny,1\x0c',
        'x,"q"\ny,1\rz,2',
    ):
        try:
            expected = list(csv.reader(io.StringIO(text)))
        except csv.Error:
            expected = None  # scanned as raw text
        assert scanner._rows(text) == expected, text

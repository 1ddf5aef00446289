"""Writers for the corpus's binary forms: XLSX parts, PDF, shapefile, ZIP and GZIP.

Everything is built in memory from the values it is given; nothing is read from disk.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence

FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def csv_bytes(header: Sequence[str] | None, rows: Sequence[Sequence[object]], *,
              delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """A CSV (every cell quoted, so tabs and newlines may sit inside cells)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def zip_bomb(name: str, size: int) -> bytes:
    """A ZIP of one member of ``size`` zero bytes (a ratio of about 1000:1)."""
    return zip_bytes({name: bytes(size)})


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A deflated ZIP of ``members`` with fixed timestamps (deterministic bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def gzip_bytes(data: bytes, name: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def add_zip_member(package: bytes, name: str, data: bytes) -> bytes:
    """``package`` (a ZIP such as an XLSX) with one more member."""
    buf = io.BytesIO(package)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def xlsx_bytes(build: Callable[[object], None]) -> bytes:
    """A workbook made by ``build(workbook)`` with openpyxl, fixed timestamps."""
    import openpyxl  # noqa: PLC0415 - only the XLSX families need it

    wb = openpyxl.Workbook()
    stamp = datetime.datetime(2024, 1, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps the zip entries and docProps/core.xml's modified date with the
    # current time: both are rewritten fixed.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    members = {info.filename: src.read(info) for info in src.infolist()}
    members["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2024-01-01T00:00:00Z\g<2>",
        members["docProps/core.xml"])
    return zip_bytes(members)


# --- PDF -------------------------------------------------------------------------------


def _pdf_document(objects: list[bytes], info: bytes | None = None) -> bytes:
    """A PDF whose object i+1 is ``objects[i]``; object 1 is the catalog; ``info`` the
    document information dictionary (author, title ...), if any."""
    if info is not None:
        objects = [*objects, info]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    info_ref = b" /Info %d 0 R" % len(objects) if info is not None else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def pdf_with_text(lines: Sequence[str], author: str | None = None) -> bytes:
    """A one-page PDF whose Flate-compressed content stream shows ``lines`` (Latin text).

    Each line is a hex string (``<3039...> Tj``), so the digits are not even in the
    decompressed stream as ASCII: only a real text extraction finds them.
    """
    ops = [b"BT /F1 12 Tf 72 740 Td 16 TL"]
    for line in lines:
        ops.append(b"<" + line.encode("latin-1").hex().encode() + b"> Tj T*")
    ops.append(b"ET")
    return _pdf_document([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(b"\n".join(ops)),
    ], info=None if author is None else b"<< /Author <" + author.encode("latin-1").hex().encode() + b"> >>")


def pdf_image_only(seed: int) -> bytes:
    """A one-page PDF holding only a grey image (a scan): no text to extract."""
    pixels = bytes((x * 7 + y * 13 + seed) % 256 for y in range(32) for x in range(32))
    return _pdf_document([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width 32 /Height 32 "
                        b"/ColorSpace /DeviceGray /BitsPerComponent 8 "),
        _stream(b"q 400 0 0 400 100 300 cm /Im1 Do Q"),
    ])


# --- Shapefile -------------------------------------------------------------------------


def dbf_bytes(fields: Sequence[tuple[str, str, int]], records: Sequence[Sequence[str]]) -> bytes:
    """A dBase III table: ``fields`` are (name, type C or N, width); values UTF-8."""
    header_len = 32 + 32 * len(fields) + 1
    record_len = 1 + sum(width for _n, _t, width in fields)
    out = bytearray(struct.pack("<BBBBIHH20x", 3, 124, 1, 1, len(records), header_len, record_len))
    for name, kind, width in fields:
        out += struct.pack("<11sc4xBB14x", name.encode("ascii"), kind.encode("ascii"), width, 0)
    out += b"\r"
    for record in records:
        out += b" "
        for (_name, kind, width), value in zip(fields, record, strict=True):
            raw = str(value).encode("utf-8")[:width]
            out += raw.rjust(width) if kind == "N" else raw.ljust(width)
    out += b"\x1a"
    return bytes(out)


def shapefile_zip(stem: str, points: Sequence[tuple[float, float]],
                  fields: Sequence[tuple[str, str, int]], records: Sequence[Sequence[str]]) -> bytes:
    """A zipped point shapefile (.shp, .shx, .dbf, .prj, .cpg)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    bbox = struct.pack("<8d", min(xs), min(ys), max(xs), max(ys), 0, 0, 0, 0)

    def header(length_bytes: int) -> bytes:
        return struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_bytes // 2) + struct.pack("<2i", 1000, 1) + bbox

    shp_records, shx_records, offset = b"", b"", 100
    for number, (x, y) in enumerate(points, start=1):
        content = struct.pack("<i2d", 1, x, y)
        shp_records += struct.pack(">2i", number, len(content) // 2) + content
        shx_records += struct.pack(">2i", offset // 2, len(content) // 2)
        offset += 8 + len(content)
    shp = header(100 + len(shp_records)) + shp_records
    shx = header(100 + len(shx_records)) + shx_records
    prj = (b'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
           b'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]')
    return zip_bytes({f"{stem}.shp": shp, f"{stem}.shx": shx, f"{stem}.dbf": dbf_bytes(fields, records),
                      f"{stem}.prj": prj, f"{stem}.cpg": b"UTF-8"})

"""Builders of synthetic files in the forms the privacy engine must read (tests only).

Every value is synthetic: national ids get a valid check digit from the checksum
algorithm, mobiles are random 0912 numbers, cards are Luhn-valid, Shebas mod-97-valid.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

from ckanext.smarttehran.privacy import checksums
from tests.privacy.helpers import make_national_id


def mobile(rng: random.Random) -> str:
    """A fake 0912 mobile."""
    return "0912" + "".join(rng.choice("0123456789") for _ in range(7))


def card(rng: random.Random) -> str:
    """A Luhn-valid 16-digit card number with an Iranian issuer prefix."""
    body = "603799" + "".join(rng.choice("0123456789") for _ in range(9))
    return body + str(checksums.luhn_check_digit(body))


def iban(rng: random.Random) -> str:
    """A mod-97-valid Sheba (IR + 24 digits)."""
    bban = "".join(rng.choice("0123456789") for _ in range(22))
    return "IR" + checksums.iban_check_digits(bban) + bban


def nids(rng: random.Random, n: int) -> list[str]:
    return [make_national_id(rng) for _ in range(n)]


def pdf_with_text(lines: list[str], compress: bool = True) -> bytes:
    """A one-page PDF whose page shows ``lines`` (Latin text, Helvetica)."""
    ops = "BT /F1 12 Tf 72 720 Td " + " ".join(
        f"({line}) Tj 0 -16 Td" for line in lines
    ) + " ET"
    content = ops.encode("latin-1")
    stream = zlib.compress(content) if compress else content
    filt = b"/Filter /FlateDecode " if compress else b""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< " + filt + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n"
            + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_image_only() -> bytes:
    """A one-page PDF that only paints an image (a scan): no extractable text."""
    pixels = zlib.compress(b"\x80" * 16)
    content = b"q 100 0 0 100 72 600 cm /Im1 Do Q"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content
            + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length "
            + str(len(pixels)).encode() + b" >>\nstream\n" + pixels + b"\nendstream",
        ]
    )


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def dbf(fields: list[tuple[str, int]], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    """A dBASE III table of character fields ``(name, width)``."""
    header_size = 32 + 32 * len(fields) + 1
    record_size = 1 + sum(w for _, w in fields)
    out = io.BytesIO()
    out.write(struct.pack("<BBBBIHH20x", 3, 124, 1, 1, len(rows), header_size, record_size))
    for name, width in fields:
        out.write(struct.pack("<11sc4xBB14x", name.encode("ascii"), b"C", width, 0))
    out.write(b"\r")
    for row in rows:
        out.write(b" ")
        for (_, width), value in zip(fields, row, strict=True):
            out.write(value.encode(encoding)[:width].ljust(width, b" "))
    out.write(b"\x1a")
    return out.getvalue()


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    """A deflated zip of ``members``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()

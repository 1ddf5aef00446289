"""dBASE tables (a shapefile's ``.dbf``: its attribute table), read without a library.

The header gives the record count and size and the field descriptors (name,
type, width); each record is a deletion flag and fixed-width fields. Deleted
records are read too: their bytes are still in the file. Text is decoded with
the shapefile's ``.cpg`` code page when given, else UTF-8 when it decodes, else
Windows-1256.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from ckanext.smarttehran.privacy.reports import Issue
from ckanext.smarttehran.privacy.textio import UnreadableFile


def _bad(reason: str) -> UnreadableFile:
    return UnreadableFile(
        Issue(
            "bad_dbf",
            f"The DBF table could not be read ({reason}): it cannot be screened.",
            "جدول DBF خوانده نشد؛ بررسی‌پذیر نیست.",
            {"reason": reason},
        )
    )


def read_dbf(data: bytes, codepage: str | None = None) -> tuple[list[str], Iterator[list[str]]]:
    """The field names and an iterator of records (lists of stripped strings)."""
    if len(data) < 33:
        raise _bad("too short")
    records, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, str, int]] = []
    pos = 32
    while pos + 32 <= min(header_size, len(data)) and data[pos] != 0x0D:
        desc = data[pos : pos + 32]
        name = desc[:11].replace(b"\x00", b"").decode("latin-1").strip()
        fields.append((name, chr(desc[11]), desc[16]))
        pos += 32
    if not fields or record_size < 1 + sum(w for _, _, w in fields):
        raise _bad("no field descriptors")
    encoding = _encoding(data, header_size, codepage)
    names = [_decode(n.encode("latin-1"), encoding) for n, _, _ in fields]

    def rows() -> Iterator[list[str]]:
        start = header_size
        for i in range(records):
            rec = data[start + i * record_size : start + (i + 1) * record_size]
            if len(rec) < record_size:
                break
            out, p = [], 1
            for _name, _type, width in fields:
                out.append(_decode(rec[p : p + width], encoding).strip())
                p += width
            yield out

    return names, rows()


def _encoding(data: bytes, header_size: int, codepage: str | None) -> str:
    if codepage:
        name = codepage.strip().lower().replace("ansi ", "cp").replace("windows-", "cp")
        try:
            b"".decode(name)
            return name
        except LookupError:
            pass
    try:
        data[header_size:].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1256"


def _decode(raw: bytes, encoding: str) -> str:
    return raw.decode(encoding, errors="replace")  # a NUL hides nothing: normalising drops it

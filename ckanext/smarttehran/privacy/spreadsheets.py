"""XLSX: refuse zip bombs from the zip directory, then stream rows with openpyxl.

The central directory is checked before openpyxl opens anything: the number of
entries, the total uncompressed size and each entry's compression ratio. The
sizes it declares are binding, since ``zipfile`` stops at the declared size and
fails the CRC if an entry inflates beyond it.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from typing import IO, Any

from ckanext.smarttehran.privacy.reports import Issue, TableReport
from ckanext.smarttehran.privacy.tabular import BATCH_ROWS, TableScan
from ckanext.smarttehran.privacy.textio import UnreadableFile

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_BYTES = 1024 * 1024


def check_zip(source: str | IO[bytes]) -> None:
    """Raise UnreadableFile if ``source`` is not a sane XLSX zip."""
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(
            Issue(
                "bad_xlsx",
                f"Not a readable XLSX file ({exc}).",
                "پرونده XLSX خواندنی نیست.",
                {"error": str(exc)},
            )
        ) from None
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise UnreadableFile(
            Issue(
                "bad_xlsx",
                "The zip file is not an XLSX workbook.",
                "پرونده فشرده یک کارپوشه XLSX نیست.",
            )
        )
    total = sum(i.file_size for i in infos)
    worst = max(
        (i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > RATIO_MIN_BYTES),
        default=0.0,
    )
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or worst > MAX_RATIO:
        raise UnreadableFile(
            Issue(
                "zip_bomb",
                "The XLSX file expands to too much data (possible zip bomb); it was not opened.",
                "پرونده XLSX پس از گشودن بیش از اندازه بزرگ می‌شود (احتمال بمب فشرده)؛ باز نشد.",
                {
                    "entries": len(infos),
                    "uncompressed_bytes": total,
                    "max_ratio": round(worst, 1),
                    "limit_bytes": MAX_UNCOMPRESSED,
                    "limit_ratio": MAX_RATIO,
                },
            )
        )


def scan_xlsx(source: str | IO[bytes], issues: list[Issue], **options: Any) -> list[TableReport]:
    """One report per worksheet; the first non-empty row is the header."""
    check_zip(source)
    if not isinstance(source, str):
        source.seek(0)
    import openpyxl  # noqa: PLC0415 - only XLSX scans need it

    try:
        wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        raise UnreadableFile(
            Issue(
                "bad_xlsx",
                f"Not a readable XLSX file ({exc}).",
                "پرونده XLSX خواندنی نیست.",
                {"error": str(exc)},
            )
        ) from None
    reports = []
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header = next((r for r in rows if any(v is not None for v in r)), None)
            if header is None:
                continue
            table = TableScan(
                header, k=options.get("k", 5), quasi_identifiers=options.get("quasi_identifiers")
            )
            batch: list[list[str]] = []
            for row in rows:
                batch.append([_cell_text(v) for v in row])
                if len(batch) >= BATCH_ROWS:
                    table.add_rows(batch)
                    batch = []
            if batch:
                table.add_rows(batch)
            reports.append(
                table.report(
                    name=ws.title,
                    min_share=options.get("min_share", 0.5),
                    header_min_share=options.get("header_min_share", 0.2),
                )
            )
    finally:
        wb.close()
    return reports


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)

"""``scan_file``: any resource file in, one JSON-ready report out, never a traceback."""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from ckanext.smarttehran.privacy import csvscan, spreadsheets, textio
from ckanext.smarttehran.privacy.detectors import scan_text
from ckanext.smarttehran.privacy.reports import FileReport, Issue, TextReport
from ckanext.smarttehran.privacy.tabular import scan_table
from ckanext.smarttehran.privacy.textio import UnreadableFile

MAX_TEXT_FINDINGS = 1000
# JSON is parsed for its structure up to this size, and scanned as text beyond it.
JSON_MAX_BYTES = 64 * 1024 * 1024

_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "text",
    ".md": "text",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".geojson": "geojson",
    ".jsonl": "text",
    ".ndjson": "text",
}


def scan_file(
    source: str | os.PathLike[str] | IO[bytes],
    filename: str | None = None,
    *,
    k: int = 5,
    quasi_identifiers: list[str] | None = None,
    min_share: float = 0.5,
    header_min_share: float = 0.2,
    max_line_chars: int = textio.MAX_LINE_CHARS,
) -> FileReport:
    """Scan a CSV, TSV, XLSX, JSON/GeoJSON or text file, streamed in chunks.

    ``source`` is a path or a binary stream (seekable for XLSX); ``filename``
    gives the format by extension when ``source`` is a stream.
    """
    if isinstance(source, str | os.PathLike):
        filename = filename or os.fspath(source)
    name = os.path.basename(filename or "")
    report = FileReport(filename=name, format=None, encoding=None, size_bytes=None)
    options: dict[str, Any] = {
        "k": k,
        "quasi_identifiers": quasi_identifiers,
        "min_share": min_share,
        "header_min_share": header_min_share,
    }
    stream: IO[bytes] | None = None
    try:
        is_path = isinstance(source, str | os.PathLike)
        stream = open(source, "rb") if is_path else source  # noqa: SIM115 - closed below
        report.size_bytes = _size(stream)
        head = stream.read(textio.SAMPLE_BYTES)
        stream.seek(0)
        fmt = _FORMATS.get(os.path.splitext(name)[1].lower()) or _sniff(head)
        report.format = fmt
        if fmt == "xlsx" or head.startswith(b"PK\x03\x04"):
            report.format = "xlsx"
            report.tables = spreadsheets.scan_xlsx(stream, report.issues, **options)
        else:
            report.encoding = textio.detect_encoding(head)
            _scan_textual(stream, fmt, report, options, max_line_chars)
    except UnreadableFile as exc:
        report.error = exc.issue
    except OSError as exc:
        report.error = Issue(
            "unreadable",
            f"The file could not be read ({exc}).",
            "پرونده خوانده نشد.",
            {"error": str(exc)},
        )
    except Exception as exc:  # a report, never a traceback
        report.error = Issue(
            "internal_error",
            f"The scan failed: {type(exc).__name__}: {exc}",
            "بررسی پرونده با خطا روبه‌رو شد.",
            {"error": type(exc).__name__},
        )
    finally:
        if stream is not None and stream is not source:
            stream.close()
    report.has_pii = bool(
        any(t.pii_columns for t in report.tables) or (report.text and report.text.counts)
    )
    if report.error is not None:
        report.tables, report.text = [], None
    return report


def _size(stream: IO[bytes]) -> int | None:
    try:
        pos = stream.tell()
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        stream.seek(pos)
        return size
    except (OSError, ValueError):
        return None


def _sniff(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "json"
    first = head.split(b"\n", 1)[0]
    if first.count(b",") >= 2 or first.count(b"\t") >= 2:
        return "csv"
    return "text"


def _scan_textual(
    stream: IO[bytes], fmt: str, report: FileReport, options: dict[str, Any], max_line: int
) -> None:
    encoding = report.encoding or "utf-8"
    if fmt in ("json", "geojson") and (report.size_bytes or 0) <= JSON_MAX_BYTES:
        text = stream.read().decode(encoding, errors="replace")
        table = _json_table(text, report)
        if table is not None:
            header, rows = table
            report.tables = [scan_table(header, rows, name=report.filename, **options)]
            return
        report.text = _scan_chunks([text], report.issues)
        return
    chunks = textio.iter_chunks(
        stream, encoding, report.issues, max_line=max_line, quoted=fmt in ("csv", "tsv")
    )
    if fmt in ("csv", "tsv"):
        table = csvscan.scan_csv_chunks(
            chunks,
            report.issues,
            name=report.filename,
            delimiter="\t" if fmt == "tsv" else None,
            **options,
        )
        report.tables = [table] if table is not None else []
    else:
        report.text = _scan_chunks(chunks, report.issues)


def _scan_chunks(chunks: Iterable[str], issues: list[Issue]) -> TextReport:
    counts: Counter[str] = Counter()
    listed: list[dict[str, Any]] = []
    offset = 0
    lines = 1  # the line number at the start of the chunk
    for chunk in chunks:
        line, pos = lines, 0  # findings come by offset: lines are counted forward
        for f in scan_text(chunk):
            counts[f.type] += 1
            if len(listed) < MAX_TEXT_FINDINGS:
                line += chunk.count("\n", pos, f.start)
                pos = f.start
                listed.append(
                    {
                        "type": f.type,
                        "start": offset + f.start,
                        "end": offset + f.end,
                        "line": line,
                        "masked": f.masked,
                    }
                )
        offset += len(chunk)
        lines += chunk.count("\n")
    return TextReport(
        chars=offset,
        counts=dict(counts),
        findings=listed,
        truncated=sum(counts.values()) > len(listed),
    )


def _json_table(text: str, report: FileReport) -> tuple[list[str], list[list[Any]]] | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        report.issues.append(
            Issue(
                "malformed_json",
                f"Malformed JSON: {exc}; scanned as text.",
                "JSON نادرست است؛ به‌صورت متن بررسی شد.",
                {"error": str(exc)},
            )
        )
        return None
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        report.format = "geojson"
        feats = [f for f in data["features"] if isinstance(f, dict)]
        keys = _keys(f.get("properties") for f in feats)
        rows = [
            [_str((f.get("properties") or {}).get(key)) for key in keys] + [_point(f)]
            for f in feats
        ]
        return [*keys, "coordinates"], rows
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data[:100]):
        keys = _keys(data)
        return keys, [[_str(r.get(key)) for key in keys] for r in data if isinstance(r, dict)]
    return None


def _keys(records: Iterable[Any]) -> list[str]:
    keys: dict[str, None] = {}
    for i, rec in enumerate(records):
        if i >= 1000:
            break
        if isinstance(rec, dict):
            keys.update(dict.fromkeys(str(k) for k in rec))
    return list(keys)


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _point(feature: dict[str, Any]) -> str:
    geom = feature.get("geometry") or {}
    coords = geom.get("coordinates") if isinstance(geom, dict) else None
    if geom.get("type") == "Point" and isinstance(coords, list) and len(coords) >= 2:
        return f"{coords[1]}, {coords[0]}"
    return ""

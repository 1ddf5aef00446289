"""Command line: ``python -m ckanext.smarttehran.privacy scan-jsonl|scan-file``.

``scan-jsonl`` reads one JSON object a line from stdin: ``{"id", "text"}`` gives
``{"id", "entities": [{"type", "start", "end"}]}``; ``{"id", "header",
"values"}`` gives ``{"id", "column_pii_type"}``. A bad line gives ``{"id",
"error"}`` and the run goes on. ``scan-file PATH`` prints a file's report.
No CKAN import: this runs without a CKAN config.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from ckanext.smarttehran.privacy.detectors import scan_text
from ckanext.smarttehran.privacy.files import scan_file
from ckanext.smarttehran.privacy.tabular import classify_column


def scan_record(record: dict[str, Any]) -> dict[str, Any]:
    """The output line for one input record."""
    rid = record.get("id")
    if isinstance(record.get("text"), str):
        return {
            "id": rid,
            "entities": [
                {"type": f.type, "start": f.start, "end": f.end} for f in scan_text(record["text"])
            ],
        }
    if "values" in record and isinstance(record["values"], list):
        return {
            "id": rid,
            "column_pii_type": classify_column(record.get("header"), record["values"]),
        }
    return {"id": rid, "error": "expected 'text' or 'header' and 'values'"}


def scan_jsonl(src: TextIO, dst: TextIO) -> int:
    """Scan every line of ``src``; returns the number of lines that were not valid JSON."""
    bad = 0
    for line in src:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            bad += 1
            dst.write(json.dumps({"id": None, "error": f"invalid JSON line: {exc}"}) + "\n")
            continue
        dst.write(json.dumps(scan_record(record), ensure_ascii=False) + "\n")
    return bad


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m ckanext.smarttehran.privacy")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("scan-jsonl", help="JSONL records on stdin, findings on stdout")
    one = sub.add_parser("scan-file", help="print the JSON report of a file")
    one.add_argument("path")
    one.add_argument("--k", type=int, default=5, help="k for k-anonymity (default 5)")
    one.add_argument("--qi", action="append", help="a quasi-identifier column (repeatable)")
    args = parser.parse_args(argv)
    if args.command == "scan-jsonl":
        sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        scan_jsonl(sys.stdin, sys.stdout)
        return 0
    report = scan_file(args.path, k=args.k, quasi_identifiers=args.qi)
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 2 if report.error else 0

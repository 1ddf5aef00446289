"""The standalone command line, run as a subprocess without any CKAN config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CKAN_INI"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "ckanext.smarttehran.privacy", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_scan_jsonl_round_trip() -> None:
    """Text records give entities with offsets; column records give a column type."""
    text = "آقای علی رضایی، همراه ۰۹۱۲۳۴۵۶۷۸۹"
    lines = [
        {"id": 1, "text": text},
        {"id": "c", "header": "کد ملی", "values": ["0499370899", "0012345679", ""]},
        {"id": 3, "text": "بودجه ۱۵۰۰۰۰۰۰۰۰ ریال"},
    ]
    proc = run(
        ["scan-jsonl"], "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\nnot json\n"
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out[0]["id"] == 1
    spans = {(e["type"], text[e["start"] : e["end"]]) for e in out[0]["entities"]}
    assert spans == {("PERSON", "علی رضایی"), ("PHONE_MOBILE", "۰۹۱۲۳۴۵۶۷۸۹")}
    assert out[1] == {"id": "c", "column_pii_type": "NATIONAL_ID"}
    assert out[2] == {"id": 3, "entities": []}
    assert "error" in out[3]


def test_scan_file_prints_a_report(tmp_path: Path) -> None:
    """scan-file prints the JSON report; a refused file exits 2 with an error object."""
    csv_path = tmp_path / "people.csv"
    csv_path.write_text("تلفن همراه\n09123456789\n09351234567\n", encoding="utf-8")
    proc = run(["scan-file", str(csv_path)])
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["tables"][0]["pii_columns"] == ["تلفن همراه"]
    assert "09123456789" not in proc.stdout
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    proc = run(["scan-file", str(bad)])
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["code"] == "bad_zip"


def test_main_module_does_not_import_ckan() -> None:
    """Importing the CLI pulls in no ckan module (it must run without a CKAN config)."""
    code = (
        "import sys, ckanext.smarttehran.privacy.cli\n"
        "print([m for m in sys.modules if m == 'ckan' or m.startswith('ckan.')])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert proc.stdout.strip() == "[]", proc.stderr

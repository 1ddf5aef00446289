"""Throughput and memory of the privacy scanner; writes docs/benchmarks.md "Privacy screening".

    python bench/privacy/bench_throughput.py [--mb 100] [--big-mb 1000] [--presidio PYTHON]

Generates CSVs in /tmp (deleted afterwards), then measures on one core:
- our ``scan_file`` (decode, detect, classify columns, k-anonymity) in MB/s;
- one plain regex pass over the same decoded chunks (a union of naive patterns
  for the same types, no validation) in MB/s, the yardstick for "within 3x";
- Presidio's AnalyzerEngine with PatternRecognizers, on a sample, via
  ``presidio_runner.py`` under an interpreter that has presidio-analyzer;
- peak RSS of ``scan_file`` in a fresh process at two file sizes (flat memory
  means the same peak at both).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_data import write_csv  # noqa: E402

from ckanext.smarttehran.privacy import scan_file  # noqa: E402
from ckanext.smarttehran.privacy.textio import iter_chunks  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
D = "[0-9\u06f0-\u06f9\u0660-\u0669]"
PLAIN = re.compile(
    rf"{D}{{16}}|IR{D}{{24}}|(?:\+98|0)9{D}{{9}}|0{D}{{10}}|{D}{{10,11}}"
    rf"|[\w.]+@[\w.]+\.\w+|{D}{{2}}\.{D}{{4,}}|{D}{{2}} ?[آ-ی] ?{D}{{3}}"
)


def plain_pass(path: Path) -> float:
    """MB/s of decoding the file in chunks and one finditer of PLAIN over each."""
    size = path.stat().st_size
    t0 = time.process_time()
    n = 0
    with open(path, "rb") as fh:
        for chunk in iter_chunks(fh, "utf-8", [], quoted=True):
            for _ in PLAIN.finditer(chunk):
                n += 1
    return size / 1e6 / (time.process_time() - t0)


def ours(path: Path) -> tuple[float, dict]:
    size = path.stat().st_size
    t0 = time.process_time()
    report = scan_file(path)
    elapsed = time.process_time() - t0
    table = report.tables[0]
    summary = {c.header: c.pii_type for c in table.columns if c.pii_type}
    return size / 1e6 / elapsed, {
        "pii_columns": summary,
        "rows": table.rows,
        "k_anonymity_passes": table.k_anonymity.passes,
    }


def peak_rss_mb(path: Path) -> float:
    """Peak RSS of a fresh interpreter that scans ``path``."""
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from ckanext.smarttehran.privacy import scan_file\n"
        f"scan_file({str(path)!r})\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def baseline_rss_mb() -> float:
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "import ckanext.smarttehran.privacy\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def presidio(python: str, path: Path, sample_mb: int) -> dict:
    sample = Path("/tmp/privacy_bench_presidio_sample.csv")
    with open(path, encoding="utf-8") as src, open(sample, "w", encoding="utf-8") as dst:
        dst.write(src.read(sample_mb * 600_000))  # characters, about sample_mb MB
    runner = Path(__file__).resolve().parent / "presidio_runner.py"
    try:
        out = subprocess.run(
            [python, str(runner), str(sample)],
            capture_output=True,
            text=True,
            check=True,
            timeout=3600,
        )
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        err = getattr(exc, "stderr", "") or str(exc)
        return {"error": err.strip().splitlines()[-1] if err.strip() else str(exc)}
    finally:
        sample.unlink(missing_ok=True)


def write_doc(section: str) -> None:
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    start = text.find("## Privacy screening")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        nxt = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[nxt + 1 :] if nxt != -1 else "")
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--big-mb", type=int, default=1000)
    parser.add_argument(
        "--presidio", default=os.environ.get("PRESIDIO_PYTHON", "/tmp/presidio-venv/bin/python")
    )
    parser.add_argument("--presidio-mb", type=int, default=3)
    args = parser.parse_args()
    path = write_csv(Path(f"/tmp/privacy_bench_{args.mb}mb.csv"), args.mb)
    try:
        plain = plain_pass(path)
        our, summary = ours(path)
        plain2 = plain_pass(path)  # again, to see the machine's noise
        pres = presidio(args.presidio, path, args.presidio_mb)
        small = write_csv(Path("/tmp/privacy_bench_small.csv"), max(args.mb // 10, 5))
        rss_small = peak_rss_mb(small)
        small.unlink()
        rss_mid = peak_rss_mb(path)
    finally:
        path.unlink(missing_ok=True)
    rss_big = None
    if args.big_mb:
        big = write_csv(Path(f"/tmp/privacy_bench_{args.big_mb}mb.csv"), args.big_mb)
        try:
            rss_big = peak_rss_mb(big)
        finally:
            big.unlink(missing_ok=True)
    base = baseline_rss_mb()
    load = os.getloadavg()
    plain_best = max(plain, plain2)
    lines = [
        "## Privacy screening",
        "",
        "Generated by `python bench/privacy/bench_throughput.py`. MB/s are per second of"
        " process CPU time (`time.process_time`) on one core, because the"
        f" {os.cpu_count()}-CPU VM was shared with other jobs (load average {load[0]:.1f} at"
        " the end of the run) and wall-clock rates swung by 2x between runs; even CPU-time"
        " rates are below an idle core's (cache and SMT contention), so compare the ratios.",
        "",
        f"Input: a generated {args.mb} MB CSV of service requests (13 columns, Persian text,"
        " mixed Persian/Arabic/Latin digits, coordinates on every row, about one row in ten"
        " with a name, address, national ID and mobile number).",
        "",
        "| measure | MB/s | ratio to the plain regex pass |",
        "|---|---|---|",
        f"| one plain regex pass (decode + one union regex, no validation) | {plain_best:.1f} | 1.00 |",
        f"| `scan_file` (decode, all detectors, columns, k-anonymity) | {our:.1f} | "
        f"{our / plain_best:.2f} ("
        + (
            f"ours is {our / plain_best:.1f}x faster)"
            if our >= plain_best
            else f"plain is {plain_best / our:.1f}x faster)"
        )
        + " |",
    ]
    if "mb_per_s" in pres:
        lines.append(
            f"| Presidio AnalyzerEngine, PatternRecognizers, no-op NLP engine "
            f"({pres['bytes'] / 1e6:.1f} MB sample) | {pres['mb_per_s']:.2f} | "
            f"{pres['mb_per_s'] / plain_best:.3f} (ours is {our / pres['mb_per_s']:.0f}x faster) |"
        )
    else:
        lines.append(f"| Presidio | not measured: {pres.get('error')} | |")
    lines += [
        "",
        "Peak resident memory of a fresh process running `scan_file` (the interpreter with"
        f" the package imported alone is {base:.0f} MB):",
        "",
        "| file | peak RSS |",
        "|---|---|",
        f"| {max(args.mb // 10, 5)} MB CSV | {rss_small:.0f} MB |",
        f"| {args.mb} MB CSV | {rss_mid:.0f} MB |",
    ]
    if rss_big is not None:
        lines.append(f"| {args.big_mb} MB CSV | {rss_big:.0f} MB |")
    lines += [
        "",
        f"Columns found: {json.dumps(summary, ensure_ascii=False)}",
        "",
        "Presidio runs from its own virtualenv (`PRESIDIO_PYTHON`, default"
        " `/tmp/presidio-venv/bin/python`): installing presidio-analyzer into the project venv"
        " upgrades click, PyYAML and typing-extensions past the versions CKAN 2.11.6 pins.",
        "Its recognizers use plain regexes and context words but no check digits, so it is",
        "both slower and less precise than the scanner here; the comparison is of speed only.",
        "",
        "The plain pass and the scanner share the chunked decoder. The scanner parses each",
        "chunk with the C csv module and scans column by column, running a pass only over",
        "columns whose text can feed it (no number pass over money and date columns, lat/lon",
        "columns counted by one anchored regex, no name pass over digit columns). A column",
        "whose values repeat is scanned once per distinct value in a chunk, each finding",
        "counted for every row holding the value, and the types found in each value are",
        "remembered for the column (up to 20,000 values), so a value seen in an earlier chunk",
        "is not scanned again once the column has its samples (at once if it held nothing).",
        "Every pass reads only the cell a candidate lies in, so no result changes: the",
        "evaluation figures are identical and a test compares it with the cell-by-cell scan.",
        "What is left is the csv parse, the per-column joins and counts and the passes over",
        "columns of distinct values (ids, coordinates). That is why the scanner can beat the",
        "plain pass, which runs its union regex over every byte.",
        "",
        "This file repeats values heavily (its rows come from a pool of 5,000), as many",
        "exports do, and gains the most from it. With every row distinct (a pool as large as",
        "the file, 20 MB; the small-domain columns still repeat) the same code ran at 5.3-6.8",
        "MB/s against 4.6-5.1 before the change, with identical reports.",
        "",
        "History (same script, same VM, CPU time): before column-by-column scanning (commit",
        "79dbbf2) `scan_file` ran at 2.9 MB/s against a plain pass at 8.7 (ratio 0.33) and",
        "Presidio at 0.76 (ours 4x faster); with it, and before the visual-order plate pass,",
        "7.1 MB/s against 12.2 (ratio 0.58, Presidio 1.08, ours 7x faster); with the",
        "visual-order plate pass and before distinct-value scanning, 5.5 MB/s against 10.0",
        "(ratio 0.55, Presidio 0.64, ours 8x faster).",
        "",
        "",
    ]
    write_doc("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

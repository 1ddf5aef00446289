"""Throughput and memory of the privacy scanner; writes docs/benchmarks.md "Privacy screening".

    python bench/privacy/bench_throughput.py [--mb 100] [--big-mb 1000] [--presidio PYTHON]

Generates CSVs in /tmp (deleted afterwards), then measures on one core:
- our ``scan_file`` (decode, detect, classify columns, k-anonymity) in MB/s;
- one plain regex pass over the same decoded chunks (a union of naive patterns
  for the same types, no validation) in MB/s, the yardstick for "within 3x";
- a read pass: the same decoding, the C csv module over each chunk and the split into
  columns, with no detector: the floor under any scan of a CSV in Python;
- Presidio's AnalyzerEngine with PatternRecognizers, on a sample, via
  ``presidio_runner.py`` under an interpreter that has presidio-analyzer;
- peak RSS of ``scan_file`` in a fresh process at two file sizes (flat memory
  means the same peak at both).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
from itertools import zip_longest
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


def read_pass(path: Path) -> float:
    """MB/s of decoding the file in chunks, parsing each with csv and splitting columns."""
    size = path.stat().st_size
    t0 = time.process_time()
    with open(path, "rb") as fh:
        for chunk in iter_chunks(fh, "utf-8", [], quoted=True):
            columns = list(zip_longest(*csv.reader(chunk.splitlines(True)), fillvalue=""))
            for column in columns:
                "\n".join(column)
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
        "sporadic": {c.header: c.sporadic for c in table.columns if c.sporadic},
        "rows": table.rows,
        "k_anonymity_passes": table.k_anonymity.passes,
    }


# The peak RSS of this process's own address space (VmHWM). Not ru_maxrss: Linux carries
# that across fork and exec, so a child would report this benchmark's own size.
_PRINT_HWM = (
    "print(next(int(line.split()[1]) for line in open('/proc/self/status')"
    " if line.startswith('VmHWM')))\n"
)


def peak_rss_mb(path: Path | None) -> float:
    """Peak RSS of a fresh interpreter that scans ``path`` (only imports, if None)."""
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from ckanext.smarttehran.privacy import scan_file\n"
        + (f"scan_file({str(path)!r})\n" if path is not None else "")
        + _PRINT_HWM
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


def measure(path: Path, presidio_python: str, presidio_mb: int, rounds: int = 5) -> dict:
    """The read pass, the plain pass and ours in turn, ``rounds`` times each (the best of
    each counts: the machine's noise only slows a run down), and Presidio once on a sample."""
    read, plain, our = [], [], []
    for _ in range(rounds):
        read.append(read_pass(path))
        plain.append(plain_pass(path))
        rate, summary = ours(path)
        our.append(rate)
    return {
        "read": max(read),
        "plain": max(plain),
        "ours": max(our),
        "ours_all": our,
        "summary": summary,
        "presidio": presidio(presidio_python, path, presidio_mb),
    }


def rows(label: str, m: dict) -> list[str]:
    read, plain, our, pres = m["read"], m["plain"], m["ours"], m["presidio"]
    faster = (
        f"ours is {our / plain:.1f}x faster"
        if our >= plain
        else f"plain is {plain / our:.1f}x faster"
    )
    out = [
        f"| {label} | read pass (decode + csv module + split into columns, no detector) | "
        f"{read:.1f} | {read / plain:.2f} |",
        f"| {label} | one plain regex pass (decode + one union regex, no validation) | {plain:.1f} | 1.00 |",
        f"| {label} | `scan_file` (decode, all detectors, columns, k-anonymity) | **{our:.1f}** | "
        f"{our / plain:.2f} ({faster}) |",
    ]
    if "mb_per_s" in pres:
        out.append(
            f"| {label} | Presidio AnalyzerEngine, PatternRecognizers, no-op NLP engine "
            f"({pres['bytes'] / 1e6:.1f} MB sample) | {pres['mb_per_s']:.2f} | "
            f"{pres['mb_per_s'] / plain:.3f} (ours is {our / pres['mb_per_s']:.0f}x faster) |"
        )
    else:
        out.append(f"| {label} | Presidio | not measured: {pres.get('error')} | |")
    return out


def floor(m: dict, mb: int) -> str:
    """What the read pass leaves the detectors for 20 MB/s on the fresh file."""
    read_s, ours_s, goal_s = mb / m["read"], mb / m["ours"], mb / 20
    return (
        f"Where the fresh file's time goes: reading it (the read pass) takes {read_s:.1f} s"
        f" of CPU per {mb} MB and `scan_file` {ours_s:.1f} s, so the scan's own work is"
        f" {ours_s - read_s:.1f} s. At 20 MB/s the whole scan would have {goal_s:.1f} s,"
        f" leaving {goal_s - read_s:.1f} s for every detector, column count and k-anonymity"
        f" update: {(ours_s - read_s) / max(goal_s - read_s, 1e-9):.1f}x less than now."
    )


def targets(results: dict, rss: dict, big_mb: int) -> list[str]:
    """The issue's targets against this run's figures."""

    def mark(ok: bool) -> str:
        return "met" if ok else "**not met**"

    rep, fresh = results["repeating"], results["fresh"]

    def vs_presidio(m: dict) -> str:
        pres = m["presidio"].get("mb_per_s")
        return (
            f"{m['ours'] / pres:.0f}x, {mark(m['ours'] >= 10 * pres)}" if pres else "not measured"
        )

    big = [mb for name, mb in rss.items() if name.startswith(f"{big_mb} MB")]
    return [
        "| target | repeating records | fresh records |",
        "|---|---|---|",
        f"| at least 20 MB/s on one core | {rep['ours']:.2f}, {mark(rep['ours'] >= 20)} | "
        f"{fresh['ours']:.2f}, {mark(fresh['ours'] >= 20)} |",
        f"| at least 10x Presidio | {vs_presidio(rep)} | {vs_presidio(fresh)} |",
        f"| within 3x the plain pass (at least 0.33 of its rate) | "
        f"{rep['ours'] / rep['plain']:.2f}, {mark(rep['ours'] * 3 >= rep['plain'])} | "
        f"{fresh['ours'] / fresh['plain']:.2f}, {mark(fresh['ours'] * 3 >= fresh['plain'])} |",
        "| peak memory under 300 MB on a 1 GB file | "
        + (f"{big[0]:.0f} MB ({big_mb} MB file), {mark(big[0] < 300)}" if big else "not measured")
        + " | |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--big-mb", type=int, default=1000)
    parser.add_argument(
        "--presidio", default=os.environ.get("PRESIDIO_PYTHON", "/tmp/presidio-venv/bin/python")
    )
    parser.add_argument("--presidio-mb", type=int, default=3)
    args = parser.parse_args()
    results = {}
    rss = {}
    for kind, pool_size in (("repeating", 5000), ("fresh", None)):
        path = write_csv(
            Path(f"/tmp/privacy_bench_{kind}_{args.mb}mb.csv"), args.mb, pool_size=pool_size
        )
        try:
            results[kind] = measure(path, args.presidio, args.presidio_mb)
            rss[f"{args.mb} MB CSV, {kind} records"] = peak_rss_mb(path)
        finally:
            path.unlink(missing_ok=True)
    small = write_csv(Path("/tmp/privacy_bench_small.csv"), max(args.mb // 10, 5))
    try:
        rss[f"{max(args.mb // 10, 5)} MB CSV, repeating records"] = peak_rss_mb(small)
    finally:
        small.unlink(missing_ok=True)
    if args.big_mb:
        big = write_csv(Path(f"/tmp/privacy_bench_{args.big_mb}mb.csv"), args.big_mb)
        try:
            rss[f"{args.big_mb} MB CSV, repeating records"] = peak_rss_mb(big)
        finally:
            big.unlink(missing_ok=True)
    base = peak_rss_mb(None)
    load = os.getloadavg()
    lines = [
        "## Privacy screening",
        "",
        "Generated by `python bench/privacy/bench_throughput.py`. MB/s are per second of"
        " process CPU time (`time.process_time`) on one core, because the"
        f" {os.cpu_count()}-CPU VM was shared with other jobs (load average {load[0]:.1f} at"
        " the end of the run) and wall-clock rates swung by 2x between runs; even CPU-time"
        " rates are below an idle core's (cache and SMT contention), so compare the ratios."
        " The plain pass and `scan_file` run in turn five times on each file and the best"
        " of each is shown (all of ours: "
        + ", ".join(
            f"{kind} {' / '.join(f'{r:.1f}' for r in results[kind]['ours_all'])}"
            for kind in results
        )
        + ").",
        "",
        f"Input: two generated {args.mb} MB CSVs of service requests (13 columns, Persian"
        " text, mixed Persian/Arabic/Latin digits, coordinates on every row, about one row"
        " in ten with a name, an address, a national ID and a mobile number):",
        "",
        "- **repeating records**: rows drawn in turn from a pool of 5,000 (each row keeps a"
        " distinct id), as an export whose records repeat;",
        "- **fresh records**: every row generated afresh, so no personal value, note or"
        " coordinate repeats except by chance. This is the harder and more realistic case"
        " for personal data.",
        "",
        "| file | measure | MB/s | ratio to the plain regex pass |",
        "|---|---|---|---|",
        *rows("repeating", results["repeating"]),
        *rows("fresh", results["fresh"]),
        "",
        floor(results["fresh"], args.mb),
        "",
        *targets(results, rss, args.big_mb),
        "",
        "Peak resident memory of a fresh process running `scan_file` (the interpreter with"
        f" the package imported alone is {base:.0f} MB):",
        "",
        "| file | peak RSS |",
        "|---|---|",
        *[f"| {name} | {mb:.0f} MB |" for name, mb in rss.items()],
        "",
        "Columns found (repeating): "
        + json.dumps(results["repeating"]["summary"], ensure_ascii=False),
        "",
        "Columns found (fresh): " + json.dumps(results["fresh"]["summary"], ensure_ascii=False),
        "",
    ]
    write_doc("\n".join(lines + NOTES))
    print("\n".join(lines))


NOTES = [
    "Presidio runs from its own virtualenv (`PRESIDIO_PYTHON`, default"
    " `/tmp/presidio-venv/bin/python`): installing presidio-analyzer into the project venv"
    " upgrades click, PyYAML and typing-extensions past the versions CKAN 2.11.6 pins.",
    "Its recognizers use plain regexes and context words but no check digits, so it is",
    "both slower and less precise than the scanner here; the comparison is of speed only.",
    "",
    "The plain pass and the scanner share the chunked decoder. The scanner parses each",
    "chunk with the C csv module and scans column by column, running a pass only over",
    "columns whose text can feed it (no number pass over money and date columns, a lat/lon",
    "column whose every cell is one decimal counted by one anchored regex and nothing",
    "else, no name pass over digit columns). A column whose values repeat is scanned once",
    "per distinct value in a chunk, each finding counted for every row holding the value,",
    "and the types found in each value are remembered for the column (up to 20,000",
    "values), so a value seen in an earlier chunk is not scanned again once the column has",
    "its samples (at once if it held nothing). Every pass reads only the cell a candidate",
    "lies in, so no result changes: the evaluation figures are identical, and tests compare",
    "each shortcut with the scan it replaces.",
    "",
    "The fresh file's peak memory is higher because its distinct values fill the",
    "per-column memory of values already scanned (capped at 20,000 per column).",
    "",
    "What is left on the fresh file is the work itself: one row in ten holds five personal",
    "values (two ID columns; a name, an address and a mobile in its note) whose check",
    "digits, context words and name lexicon are read in Python, about 57,000 findings per",
    "20 MB. The read pass is the floor: on this VM, decoding the file and parsing it with",
    "the C csv module alone runs at about 30 MB/s, so 20 MB/s leaves the scan's own work a",
    "quarter of the CPU time it has now, less than one unvalidated regex union over the",
    "same text takes (the plain pass). Meeting 20 MB/s on fresh records means moving the",
    "validators and the per-column counting out of Python (a native scanner), not more",
    "shortcuts; on repeating records the scan already runs close to the read pass.",
    "",
    "History (same script, same VM, CPU time, repeating file): before column-by-column",
    "scanning (commit 79dbbf2) `scan_file` ran at 2.9 MB/s against a plain pass at 8.7",
    "(ratio 0.33) and Presidio at 0.76; with it, 7.1 MB/s; with the visual-order plate",
    "pass and before distinct-value scanning, 5.5 MB/s against 10.0; with distinct-value",
    "scanning (commit 1e54e98) 14.5 MB/s against 8.8. Then lat/lon columns counted by",
    "their cell rule alone, no line walk unless a line can be over the cap, list-table",
    "folding, the line-list csv parse, the NUMBER and address patterns opening with a",
    "literal, and a shared empty window for bare numbers (commits d55eaae to 9e7e0ea):",
    "old and new code run in turn on 20 MB samples went from 16.9 to 23.7 MB/s on",
    "repeating records and from 6.6 to 7.4 on fresh ones (best of 3-4 each), with",
    "identical reports.",
    "",
    "",
]


if __name__ == "__main__":
    main()

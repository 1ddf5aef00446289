"""Load test: many concurrent readers against the production server and against CKAN's
development server (``ckan run``), one after the other in the same run.

Each of ``--readers`` threads (default 20) requests, in turn from a random start, the
dataset list (``/dataset``), one dataset's page, a faceted ``package_search`` API call
and ``/transparency``, for ``--duration`` seconds (default 60) per server. It reports
requests per second, p50 and p95 latency and errors (non-200 answers and failed
connections) for each server, and the ratios production / development.

Bounded and loopback only: URLs must be 127.0.0.1 or localhost, every request has a
30 s timeout, each phase stops after its duration, and the servers the script starts it
stops again.

    # start both servers from a config (gunicorn via dev/serve.sh, then ckan run):
    .venv/bin/python bench/load.py --ini /tmp/my.ini [--prod-port 5051] [--dev-port 5052]
    # or measure servers already running:
    .venv/bin/python bench/load.py --prod-url http://127.0.0.1:5000 --dev-url http://127.0.0.1:5001

The config's portal needs datasets (``ckan -c INI smarttehran seed`` loads 44).
GUNICORN_WORKERS / GUNICORN_THREADS in the environment choose the production server's
workers (dev/gunicorn.conf.py). ``--json`` prints the figures as JSON as well.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = {"127.0.0.1", "localhost"}
TIMEOUT = 30
FACETS = ["organization", "tags", "res_format", "license_id", "smart_dimension", "district"]


def _loopback(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOOPBACK:
        sys.exit(f"refusing {url}: this benchmark only runs against 127.0.0.1 or localhost")
    return url.rstrip("/")


def _wait(url: str, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/api/3/action/status_show", timeout=5).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def _paths(url: str) -> list[str]:
    """The four reads: needs one dataset in the portal."""
    found = requests.get(f"{url}/api/3/action/package_search", params={"rows": 1}, timeout=TIMEOUT).json()
    if not found["result"]["results"]:
        raise SystemExit("the portal has no datasets: seed it first (ckan -c INI smarttehran seed)")
    name = found["result"]["results"][0]["name"]
    facets = urllib.parse.quote(json.dumps(FACETS))
    return [
        "/dataset",
        f"/dataset/{name}",
        f"/api/3/action/package_search?rows=10&facet.field={facets}&facet.limit=20",
        "/transparency",
    ]


def _reader(url: str, paths: list[str], stop: float, out: list[tuple[str, float, int]]) -> None:
    session = requests.Session()
    i = random.randrange(len(paths))
    while time.monotonic() < stop:
        path = paths[i % len(paths)]
        i += 1
        started = time.monotonic()
        try:
            status = session.get(url + path, timeout=TIMEOUT).status_code
        except requests.RequestException:
            status = 0
        out.append((path, time.monotonic() - started, status))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(url: str, readers: int, duration: float) -> dict:
    """``readers`` threads over the four reads for ``duration`` seconds."""
    paths = _paths(url)
    for path in paths:  # warm each worker's templates a little, not measured
        for _ in range(3):
            requests.get(url + path, timeout=TIMEOUT)
    results: list[tuple[str, float, int]] = []
    stop = time.monotonic() + duration
    started = time.monotonic()
    threads = [threading.Thread(target=_reader, args=(url, paths, stop, results)) for _ in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies = [r[1] for r in results]
    errors = sum(1 for r in results if r[2] != 200)
    per_path = {
        p: round(statistics.median([r[1] for r in results if r[0] == p]), 3)
        for p in paths if any(r[0] == p for r in results)
    }
    return {
        "url": url, "requests": len(results), "seconds": round(elapsed, 1),
        "throughput": round(len(results) / elapsed, 2),
        "p50": round(_percentile(latencies, 0.50), 3), "p95": round(_percentile(latencies, 0.95), 3),
        "max": round(max(latencies), 3), "errors": errors, "p50_by_path": per_path,
    }


class _Servers:
    """Starts gunicorn (dev/serve.sh) and ``ckan run`` on loopback ports; stops them."""

    def __init__(self, ini: str, prod_port: int, dev_port: int):
        self.ini, self.prod_port, self.dev_port = os.path.abspath(ini), prod_port, dev_port
        self.state = f"/tmp/smarttehran-bench-{os.getpid()}"
        self.dev: subprocess.Popen | None = None

    def start_prod(self) -> str:
        subprocess.run(["bash", str(ROOT / "dev/serve.sh"), "start", self.ini, "127.0.0.1", str(self.prod_port)],
                       check=True, env={**os.environ, "STATE_DIR": self.state})
        return f"http://127.0.0.1:{self.prod_port}"

    def stop_prod(self) -> None:
        subprocess.run(["bash", str(ROOT / "dev/serve.sh"), "stop", self.ini, "127.0.0.1", str(self.prod_port)],
                       check=False, env={**os.environ, "STATE_DIR": self.state})

    def start_dev(self) -> str:
        with open(f"{self.state}/ckan-run.log", "ab") as log:
            self.dev = subprocess.Popen(
                [str(ROOT / ".venv/bin/ckan"), "-c", self.ini, "run", "--host", "127.0.0.1",
                 "--port", str(self.dev_port), "--disable-reloader"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{self.dev_port}"
        _wait(url, 120)
        return url

    def stop_dev(self) -> None:
        if self.dev and self.dev.poll() is None:
            self.dev.terminate()
            try:
                self.dev.wait(20)
            except subprocess.TimeoutExpired:
                self.dev.kill()


def _table(prod: dict, dev: dict) -> str:
    def ratio(a: float, b: float) -> str:
        return f"{a / b:.2f}" if b else "-"
    rows = [
        ("requests per second", prod["throughput"], dev["throughput"], ratio(prod["throughput"], dev["throughput"])),
        ("p50 (s)", prod["p50"], dev["p50"], ratio(prod["p50"], dev["p50"])),
        ("p95 (s)", prod["p95"], dev["p95"], ratio(prod["p95"], dev["p95"])),
        ("slowest (s)", prod["max"], dev["max"], ratio(prod["max"], dev["max"])),
        ("requests", prod["requests"], dev["requests"], ""),
        ("errors", prod["errors"], dev["errors"], ""),
    ]
    lines = ["| measure | gunicorn | `ckan run` | ratio |", "| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ini", help="start both servers from this CKAN config")
    parser.add_argument("--prod-url", help="a production server already running")
    parser.add_argument("--dev-url", help="a `ckan run` server already running")
    parser.add_argument("--prod-port", type=int, default=5051)
    parser.add_argument("--dev-port", type=int, default=5052)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.ini and not (args.prod_url and args.dev_url):
        parser.error("give --ini, or both --prod-url and --dev-url")
    args.readers = max(1, min(args.readers, 100))
    args.duration = max(5.0, min(args.duration, 600.0))
    servers = _Servers(args.ini, args.prod_port, args.dev_port) if args.ini else None
    if servers:
        os.makedirs(servers.state, exist_ok=True)
    try:
        url = _loopback(args.prod_url) if args.prod_url else servers.start_prod()
        prod = measure(url, args.readers, args.duration)
        if servers:
            servers.stop_prod()
        url = _loopback(args.dev_url) if args.dev_url else servers.start_dev()
        dev = measure(url, args.readers, args.duration)
    finally:
        if servers:
            servers.stop_prod()
            servers.stop_dev()
    workers = os.environ.get("GUNICORN_WORKERS") or f"2 x {os.cpu_count()} + 1"
    threads = os.environ.get("GUNICORN_THREADS") or "1"
    print(f"{args.readers} readers, {args.duration:.0f} s each; gunicorn workers {workers}, threads {threads}; "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    print(_table(prod, dev))
    print("p50 by page (s): gunicorn", prod["p50_by_path"], "| ckan run", dev["p50_by_path"])
    if args.json:
        print(json.dumps({"gunicorn": prod, "ckan_run": dev}, indent=2))


if __name__ == "__main__":
    main()

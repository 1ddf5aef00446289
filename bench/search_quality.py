"""Search quality over the seed catalog: today's schema (the baseline commit) against ours.

Loads the seed catalog (seed_datasets/) as Solr documents, built the way CKAN and our
``indexing.before_index`` build them, into two cores of one Solr:

- ``sq_old``: the Solr config of ``BASELINE`` (``git show``), searched as CKAN did then
  (dismax, qf ``name^4 title^4 title_en^4 tags^2 groups^2 text``, mm ``2<-1 5<80%``);
- ``sq_new``: the config in the work tree (dev/solr/home/ckan/conf), searched through
  ``indexing.before_search`` and, when a search finds nothing, retried with the
  "did you mean" correction exactly as ``package_search`` does (``spelling.retry``).

Then runs the queries of ``bench/search_queries.yaml`` (graded relevance: 2 = what the
query asks for, 1 = also relevant) and prints recall@10, MRR, P@1 and nDCG@10 for both, by
kind of query. By default it starts a Solr of its own (dev/solr/start.sh on port 8990,
state in a temporary folder) and stops it at the end:

    .venv/bin/python bench/search_quality.py [--write] [--show-failures]

``--solr-url URL --solr-home DIR`` uses a running Solr started by dev/solr/start.sh
instead (DIR is its ``$STATE_DIR/solr/home``; the two cores are created there and removed).
``--write`` puts the table into docs/search.md between the BEGIN/END markers.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CONF = ROOT / "dev" / "solr" / "home" / "ckan" / "conf"
QUERIES = ROOT / "bench" / "search_queries.yaml"
DOC = ROOT / "docs" / "search.md"
# The commit whose Solr config and search parameters are "today's schema" (issue 17).
BASELINE = "a440d34"
OLD_PARAMS = {"defType": "dismax", "qf": "name^4 title^4 title_en^4 tags^2 groups^2 text",
              "mm": "2<-1 5<80%", "tie": "0.1", "q.op": "AND", "df": "text"}
CORES = ("sq_old", "sq_new")


def _git_conf(commit: str, dest: Path) -> None:
    files = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", commit,
                            "dev/solr/home/ckan/conf/"], check=True, capture_output=True,
                           text=True).stdout.split()
    dest.mkdir(parents=True, exist_ok=True)
    for path in files:
        blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                              capture_output=True).stdout
        (dest / Path(path).name).write_bytes(blob)


def documents() -> list[dict[str, Any]]:
    """The seed datasets as CKAN would index them (the fields search reads)."""
    from ckanext.smarttehran import indexing, persian, seed

    docs = []
    for meta in seed.datasets():
        tags = [persian.normalize(t.strip()) for t in (meta.get("tag_string") or "").split(",") if t.strip()]
        resources = meta.get("resources") or []
        doc: dict[str, Any] = {
            "id": meta["name"], "index_id": uuid.uuid5(uuid.NAMESPACE_URL, meta["name"]).hex,
            "site_id": "bench", "entity_type": "package", "dataset_type": "dataset",
            "state": "active", "capacity": "public", "name": meta["name"],
            "title": persian.normalize(meta["title"]), "title_en": meta.get("title_en") or "",
            "notes": persian.normalize(meta.get("notes") or ""), "notes_en": meta.get("notes_en") or "",
            "tags": tags, "organization": meta.get("owner_org"),
            "res_name": [persian.normalize(r.get("name") or "") for r in resources],
            "res_description": [persian.normalize(r.get("description") or "") for r in resources],
            "res_format": [r.get("format") or "" for r in resources],
        }
        for field in indexing.MULTI_FIELDS:
            if meta.get(field):
                doc[field] = meta[field]
        docs.append(indexing.before_index(doc))
    return docs


class Solr:
    def __init__(self, base: str, home: Path | None):
        self.base, self.home, self.started = base.rstrip("/"), home, None

    @classmethod
    def own(cls, port: int) -> Solr:
        state = Path(tempfile.mkdtemp(prefix="search-quality-"))
        env = {**os.environ, "SOLR_PORT": str(port), "STATE_DIR": str(state), "SOLR_CORES": "ckan"}
        subprocess.run(["bash", str(ROOT / "dev" / "solr" / "start.sh")], check=True, env=env,
                       stdout=sys.stderr)
        solr = cls(f"http://127.0.0.1:{port}/solr", state / "solr" / "home")
        solr.started = env
        return solr

    def stop(self) -> None:
        if self.started:
            subprocess.run(["bash", str(ROOT / "dev" / "solr" / "stop.sh")], env=self.started,
                           stdout=sys.stderr, check=False)
            shutil.rmtree(self.started["STATE_DIR"], ignore_errors=True)

    def create(self, core: str, conf: Path) -> None:
        self.drop(core)
        target = self.home / core
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(conf, target / "conf")
        r = requests.get(f"{self.base}/admin/cores", params={
            "action": "CREATE", "name": core, "instanceDir": str(target), "wt": "json"}, timeout=120)
        r.raise_for_status()

    def drop(self, core: str) -> None:
        requests.get(f"{self.base}/admin/cores", params={
            "action": "UNLOAD", "core": core, "deleteInstanceDir": "true", "wt": "json"}, timeout=60)

    def add(self, core: str, docs: list[dict[str, Any]]) -> None:
        r = requests.post(f"{self.base}/{core}/update?commit=true", json=docs, timeout=120)
        r.raise_for_status()

    def select(self, core: str, params: dict[str, Any]) -> dict[str, Any]:
        r = requests.get(f"{self.base}/{core}/select", params={**params, "wt": "json"}, timeout=60)
        r.raise_for_status()
        return r.json()


def search_old(solr: Solr, q: str) -> list[str]:
    params = {**OLD_PARAMS, "q": q, "fl": "name", "rows": 10, "fq": "+state:active"}
    return [d["name"] for d in solr.select("sq_old", params)["response"]["docs"]]


def search_new(solr: Solr, q: str) -> list[str]:
    """Our package_search path: before_search's parameters, CKAN's defaults under them,
    the "did you mean" retry when nothing is found."""
    from ckanext.smarttehran import indexing, spelling

    def run(text: str) -> tuple[list[str], int]:
        params = indexing.before_search({"q": text})
        params = {"tie": "0.1", "q.op": "AND", "df": "text", "mm": "2<-1 5<80%", **params,
                  "fl": "name", "rows": 10, "fq": "+state:active"}
        body = solr.select("sq_new", params)["response"]
        return [d["name"] for d in body["docs"]], body["numFound"]

    names, found = run(q)
    if found == 0:
        fix = spelling.suggest(q, lambda p: requests.get(
            f"{solr.base}/sq_new/spell", params={**p, "wt": "json"}, timeout=60).json().get("spellcheck", {}))
        if fix:
            names, _ = run(fix)
    return names


def metrics(ranked: list[str], grades: dict[str, int]) -> dict[str, float]:
    relevant = {n for n, g in grades.items() if g > 0}
    top = ranked[:10]
    first = next((i for i, n in enumerate(top, 1) if n in relevant), None)
    dcg = sum(grades.get(n, 0) / math.log2(i + 1) for i, n in enumerate(top, 1))
    ideal = sum(g / math.log2(i + 1) for i, g in enumerate(sorted(grades.values(), reverse=True)[:10], 1))
    return {"recall@10": len(relevant & set(top)) / len(relevant), "MRR": 1 / first if first else 0.0,
            "P@1": 1.0 if top and top[0] in relevant else 0.0, "nDCG@10": dcg / ideal if ideal else 0.0}


def average(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(sum(r[k] for r in rows) / len(rows), 3) for k in rows[0]}


def table(results: dict[str, dict[str, list[dict[str, float]]]]) -> str:
    kinds = sorted(results["new"])
    lines = ["| queries | n | recall@10 old → new | MRR old → new | P@1 old → new | nDCG@10 old → new |",
             "| --- | --- | --- | --- | --- | --- |"]
    every = {side: [r for k in kinds for r in results[side][k]] for side in results}
    for label, old, new in [("all", every["old"], every["new"]),
                            *[(k, results["old"][k], results["new"][k]) for k in kinds]]:
        a, b = average(old), average(new)
        cells = " | ".join(f"{a[m]:.2f} → **{b[m]:.2f}**" for m in ("recall@10", "MRR", "P@1", "nDCG@10"))
        lines.append(f"| {label} | {len(new)} | {cells} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solr-url", help="a running Solr (base URL ending in /solr)")
    parser.add_argument("--solr-home", type=Path, help="its Solr home (with --solr-url)")
    parser.add_argument("--port", type=int, default=8990, help="port of the Solr this script starts")
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--write", action="store_true", help="write the table into docs/search.md")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    docs = documents()
    names = {d["name"] for d in docs}
    for item in queries:
        unknown = set(item["relevant"]) - names
        if unknown:
            raise SystemExit(f"query {item['q']!r}: unknown datasets {sorted(unknown)}")

    solr = Solr(args.solr_url, args.solr_home) if args.solr_url else Solr.own(args.port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            _git_conf(args.baseline, Path(tmp) / "old")
            solr.create("sq_old", Path(tmp) / "old")
        solr.create("sq_new", CONF)
        solr.add("sq_old", [{k: v for k, v in d.items() if k != "places"} for d in docs])  # not in old schema
        solr.add("sq_new", docs)
        results: dict[str, dict[str, list[dict[str, float]]]] = {"old": defaultdict(list), "new": defaultdict(list)}
        failures = []
        start = time.perf_counter()
        for item in queries:
            for side, search in (("old", search_old), ("new", search_new)):
                ranked = search(solr, item["q"])
                row = metrics(ranked, item["relevant"])
                results[side][item["kind"]].append(row)
                if side == "new" and row["MRR"] < 1:
                    failures.append((item["q"], item["kind"], row["MRR"], ranked[:5], item["relevant"]))
        elapsed = time.perf_counter() - start
    finally:
        for core in CORES:
            solr.drop(core)
        solr.stop()

    text = table(results)
    print(text)
    print(f"\n{len(queries)} queries over {len(docs)} datasets, {elapsed:.1f} s", file=sys.stderr)
    if args.show_failures:
        for q, kind, rr, top, rel in failures:
            print(f"{kind:11} RR={rr:.2f} {q!r}: {top} want {rel}", file=sys.stderr)
    summary = {side: average([r for rows in results[side].values() for r in rows]) for side in results}
    print(json.dumps(summary))
    if args.write:
        body = DOC.read_text(encoding="utf-8")
        begin, end = "<!-- BEGIN search_quality -->", "<!-- END search_quality -->"
        head, rest = body.split(begin)
        _, tail = rest.split(end)
        DOC.write_text(f"{head}{begin}\n{text}\n{end}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

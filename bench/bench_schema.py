"""Benchmark: our dataset schema against stock CKAN, in the same process.

1. Create N datasets through the action API with stock CKAN (plugins: activity) and
   with our schema and plugins (test-ckan.ini), on the same PostgreSQL and Solr.
2. Fill Solr with M dataset documents (clones of one indexed dataset of each kind) and
   time package_search: stock CKAN with its default facets against ours with all facets.

It wipes the test database and the test Solr core. Run:
    .venv/bin/python bench/bench_schema.py [--datasets 1000] [--docs 10000] [--queries 300]
Results go to stdout as JSON and, with --write, into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STOCK_PLUGINS = "activity"
DEFAULT_FACETS = ["organization", "groups", "tags", "res_format", "license_id"]
OUR_FACETS = [*DEFAULT_FACETS, "smart_dimension", "strategic_axis", "smart_goal", "district", "neighborhood"]
WORDS = ["هوا", "ترافیک", "مترو", "بودجه", "بوستان", "آب", "پسماند", "دوچرخه", "پروانه", "جمعیت"]


def _setup(ini: str) -> str:
    from ckan.cli import load_config
    from ckan.config.environment import load_environment

    config = load_config(ini)
    load_environment(config)
    from ckan.common import config as live

    return live["ckan.plugins"]


def _use_plugins(names: str) -> None:
    import ckan.plugins as p
    from ckan.common import config

    p.unload_all()
    config["ckan.plugins"] = names
    p.load_all()


def _reset() -> None:
    import ckan.plugins as p
    from ckan import model
    from ckan.cli.db import _run_migrations
    from ckan.lib import search

    model.repo.rebuild_db()
    for plugin in ("activity", "smarttehran"):
        if p.plugin_loaded(plugin):
            _run_migrations(plugin)
    search.clear_all()


def _site_context():
    import ckan.plugins.toolkit as tk

    user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return lambda: {"user": user["name"], "ignore_auth": True}


def _stock_dataset(i: int, org: str) -> dict:
    return {"name": f"stock-{i}", "title": f"داده {random.choice(WORDS)} {i}",
            "notes": "توضیحات " + " ".join(random.sample(WORDS, 4)), "owner_org": org,
            "tags": [{"name": random.choice(WORDS)}]}


def _our_dataset(i: int, org: str, codes: dict) -> dict:
    dim = random.choice(codes["dimensions"])
    goals = [g for g in codes["goals"] if g.startswith(dim + ".")]
    return {**_stock_dataset(i, org), "name": f"ours-{i}", "title_en": f"Dataset {i}",
            "smart_dimension": [dim], "smart_goal": [random.choice(goals)],
            "strategic_axis": [random.choice(codes["axes"])],
            "neighborhood": [random.choice(codes["neighborhoods"])],
            "update_frequency": "monthly", "temporal_start": "1402/01/01", "temporal_end": "2024-03-19"}


def _create(n: int, make) -> float:
    import ckan.plugins.toolkit as tk

    ctx = _site_context()
    org = tk.get_action("organization_create")(ctx(), {"name": f"bench-{uuid.uuid4().hex[:8]}"})["name"]
    start = time.perf_counter()
    for i in range(n):
        tk.get_action("package_create")(ctx(), make(i, org))
    return time.perf_counter() - start


def _fill_solr(docs: int) -> None:
    """Clone the indexed documents into ``docs`` documents with varied codes and words."""
    from ckan.lib.search.common import make_connection

    conn = make_connection()
    seeds = conn.search("*:*", rows=50).docs
    batch = []
    for i in range(docs):
        doc = copy.deepcopy(random.choice(seeds))
        doc.pop("_version_", None)
        for key, value in doc.items():  # pysolr returns dates as datetimes
            if hasattr(value, "isoformat"):
                doc[key] = value.strftime("%Y-%m-%dT%H:%M:%SZ")
        doc["id"] = uuid.uuid4().hex
        doc["index_id"] = uuid.uuid4().hex
        doc["name"] = f"clone-{i}"
        doc["title"] = f"داده {random.choice(WORDS)} {i}"
        batch.append(doc)
        if len(batch) == 1000:
            conn.add(batch, commit=False)
            batch = []
    if batch:
        conn.add(batch, commit=False)
    conn.commit()


def _search_latencies(queries: int, facets: list[str]) -> list[float]:
    import ckan.plugins.toolkit as tk

    ctx = _site_context()
    times = []
    for _ in range(queries):
        params = {"q": random.choice(WORDS), "facet.field": facets, "rows": 20}
        start = time.perf_counter()
        tk.get_action("package_search")(ctx(), params)
        times.append(time.perf_counter() - start)
    return times


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ini", default=str(ROOT / "test-ckan.ini"))
    parser.add_argument("--datasets", type=int, default=1000)
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    random.seed(1404)

    ours = _setup(args.ini)
    from ckanext.smarttehran import gazetteer, vocabularies

    codes = {"dimensions": vocabularies.codes("dimensions"), "goals": vocabularies.codes("goals"),
             "axes": vocabularies.codes("axes"),
             "neighborhoods": [n["code"] for n in gazetteer.neighborhoods()]}
    result = {"datasets": args.datasets, "docs": args.docs, "queries": args.queries}

    for label, plugins, make in (("stock", STOCK_PLUGINS, _stock_dataset),
                                 ("ours", ours, lambda i, org: _our_dataset(i, org, codes))):
        _use_plugins(plugins)
        _reset()
        seconds = _create(args.datasets, make)
        result[f"create_{label}_s"] = round(seconds, 2)
        print(f"{label}: {args.datasets} package_create in {seconds:.1f} s", file=sys.stderr, flush=True)
        _fill_solr(args.docs)
        facets = DEFAULT_FACETS if label == "stock" else OUR_FACETS
        _search_latencies(20, facets)  # warm Solr caches and the JIT
        times = _search_latencies(args.queries, facets)
        result[f"search_{label}_p50_ms"] = round(_pct(times, 50), 1)
        result[f"search_{label}_p95_ms"] = round(_pct(times, 95), 1)
        print(f"{label}: search p50 {result[f'search_{label}_p50_ms']} ms, p95 {result[f'search_{label}_p95_ms']} ms",
              file=sys.stderr, flush=True)

    result["create_ratio"] = round(result["create_ours_s"] / result["create_stock_s"], 2)
    result["search_p50_ratio"] = round(result["search_ours_p50_ms"] / result["search_stock_p50_ms"], 2)
    result["search_p95_ratio"] = round(result["search_ours_p95_ms"] / result["search_stock_p95_ms"], 2)
    print(json.dumps(result, indent=2))
    _use_plugins(ours)
    _reset()
    return 0


if __name__ == "__main__":
    sys.exit(main())

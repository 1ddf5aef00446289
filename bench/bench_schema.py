"""Benchmark: our dataset schema against stock CKAN, in the same process.

1. Create N datasets through the action API with stock CKAN (plugins: activity) and
   N with our schema and plugins (test-ckan.ini), on the same PostgreSQL and Solr.
2. Fill Solr with M dataset documents (clones of the indexed datasets) and time
   package_search: stock CKAN with its default facets against ours with all facets.

Both kinds run in alternating blocks (stock, ours, ours, stock, ...) with the plugins
switched between blocks, so a change in machine load hits both sides alike.

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


def _create(make, first: int, count: int, org: str) -> float:
    import ckan.plugins.toolkit as tk

    ctx = _site_context()
    start = time.perf_counter()
    for i in range(first, first + count):
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
    parser.add_argument("--blocks", type=int, default=10,
                        help="alternate stock and ours in this many blocks, so load changes hit both")
    args = parser.parse_args()
    random.seed(1404)

    ours = _setup(args.ini)
    from ckanext.smarttehran import gazetteer, vocabularies

    codes = {"dimensions": vocabularies.codes("dimensions"), "goals": vocabularies.codes("goals"),
             "axes": vocabularies.codes("axes"),
             "neighborhoods": [n["code"] for n in gazetteer.neighborhoods()]}
    kinds = {
        "stock": (STOCK_PLUGINS, _stock_dataset, DEFAULT_FACETS),
        "ours": (ours, lambda i, org: _our_dataset(i, org, codes), OUR_FACETS),
    }
    _use_plugins(ours)
    _reset()
    import ckan.plugins.toolkit as tk

    org = tk.get_action("organization_create")(_site_context()(), {"name": "bench-org"})["name"]
    create = {"stock": 0.0, "ours": 0.0}
    per_block = args.datasets // args.blocks
    for block in range(args.blocks):
        for label in (("stock", "ours") if block % 2 == 0 else ("ours", "stock")):
            plugins, make, _ = kinds[label]
            _use_plugins(plugins)
            create[label] += _create(make, block * per_block, per_block, org)
        print(f"created {(block + 1) * per_block} of each", file=sys.stderr, flush=True)

    _fill_solr(args.docs)
    times: dict[str, list[float]] = {"stock": [], "ours": []}
    per_block_q = args.queries // args.blocks
    for block in range(args.blocks):
        for label in (("stock", "ours") if block % 2 == 0 else ("ours", "stock")):
            plugins, _, facets = kinds[label]
            _use_plugins(plugins)
            _search_latencies(5, facets)  # warm caches after the switch
            times[label] += _search_latencies(per_block_q, facets)

    n = per_block * args.blocks
    result = {"datasets_each": n, "docs": args.docs, "queries_each": len(times["ours"])}
    for label in ("stock", "ours"):
        result[f"create_{label}_s"] = round(create[label], 2)
        result[f"search_{label}_p50_ms"] = round(_pct(times[label], 50), 1)
        result[f"search_{label}_p95_ms"] = round(_pct(times[label], 95), 1)
    result["create_ratio"] = round(create["ours"] / create["stock"], 2)
    result["search_p50_ratio"] = round(result["search_ours_p50_ms"] / result["search_stock_p50_ms"], 2)
    result["search_p95_ratio"] = round(result["search_ours_p95_ms"] / result["search_stock_p95_ms"], 2)
    print(json.dumps(result, indent=2))
    _use_plugins(ours)
    _reset()
    return 0


if __name__ == "__main__":
    sys.exit(main())

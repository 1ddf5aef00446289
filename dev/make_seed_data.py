"""Write the resource files of the seed datasets (``seed_datasets/files/``).

    .venv/bin/python dev/make_seed_data.py           # the files
    .venv/bin/python dev/make_seed_data.py --docs    # the dataset table in docs/seed.md

Deterministic: one fixed random seed, fixed XLSX timestamps, sorted output, so running
it twice gives byte-identical files (they are committed; ``tests/test_seed.py`` checks
the checksum of one of each kind). Three kinds of file come out of it:

- real data whose licence allows republishing (see ``docs/seed.md``): Tehran's metro and
  BRT stations (ODbL 1.0, from ``/work/shared/data/tehran/mobility/``) and the district
  and neighbourhood boundaries (our gazetteer, MIT-licensed source);
- plausible **sample** data, generated here, for everything whose source has no licence
  or does not exist openly (air quality, housing prices, budgets, ...): every such
  dataset says so in its description;
- one synthetic file with personal data (citizen complaints with national IDs and mobile
  numbers that pass their checksums, names made up from common first and last names)
  that the privacy screening must stop. No real person is in it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ckanext.smarttehran.privacy.checksums import national_id_check_digit  # noqa: E402

OUT = ROOT / "seed_datasets" / "files"
GAZETTEER = ROOT / "schemas" / "gazetteer"
# Public inputs copied into the repository with their licence notes (dev/sources/SOURCES.md).
SOURCES = ROOT / "dev" / "sources"
SEED = 14020101
FIXED_TIME = dt.datetime(2024, 3, 19, 12, 0, 0)

rng = random.Random(SEED)
NEIGHBORHOODS = json.loads((GAZETTEER / "neighborhoods.geojson").read_text("utf-8"))["features"]
DISTRICTS = json.loads((GAZETTEER / "districts.geojson").read_text("utf-8"))["features"]
BY_DISTRICT: dict[int, list[dict]] = {}
for _f in NEIGHBORHOODS:
    BY_DISTRICT.setdefault(_f["properties"]["district"], []).append(_f)
JALALI_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]


# --- writers ------------------------------------------------------------------------


def _path(folder: str, name: str) -> Path:
    path = OUT / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_csv(folder: str, name: str, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    _path(folder, name).write_text(buf.getvalue(), encoding="utf-8")


def write_geojson(folder: str, name: str, features: list[dict]) -> None:
    doc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    _path(folder, name).write_text(text + "\n", encoding="utf-8")


def write_xlsx(folder: str, name: str, sheets: dict[str, tuple[list[str], list[list]]]) -> None:
    """An XLSX with fixed document properties and zip timestamps (byte-reproducible)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title)
        ws.sheet_view.rightToLeft = True
        ws.append(header)
        for row in rows:
            ws.append(row)
    wb.properties.creator = "Smart Tehran seed generator"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fixed_core_times(data)
            out = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            out.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(out, data)
    _path(folder, name).write_bytes(fixed.getvalue())


def _fixed_core_times(xml: bytes) -> bytes:
    import re

    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, xml)


# --- helpers ------------------------------------------------------------------------


def point_in(feature: dict, decimals: int = 5) -> tuple[float, float]:
    """A random point inside a neighbourhood or district polygon.

    Five decimals (about 1 m) by default; three (about 100 m) for sample places whose
    kind the privacy screening cannot tell from a column name, so that an approximate
    sample location is not mistaken for a precise private one.
    """
    poly = shape(feature["geometry"])
    minx, miny, maxx, maxy = poly.bounds
    for _ in range(200):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if poly.contains(Point(x, y)):
            return round(x, decimals), round(y, decimals)
    p = poly.representative_point()
    return round(p.x, decimals), round(p.y, decimals)


def pick_neighborhoods(n: int, districts: list[int] | None = None) -> list[dict]:
    pool = [f for f in NEIGHBORHOODS if districts is None or f["properties"]["district"] in districts]
    return sorted(rng.sample(pool, n), key=lambda f: int(f["properties"]["code"]))


def point_feature(props: dict, lon: float, lat: float) -> dict:
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def place(f: dict) -> dict:
    """The place columns of a feature: the neighbourhood code (its first digits are the
    district, the neighbourhood-boundaries dataset has its name) and its Persian name."""
    p = f["properties"]
    return {"neighborhood_code": p["code"], "neighborhood_fa": p["name_fa"]}


def jalali_months(start_year: int, end_year: int) -> list[tuple[int, int]]:
    return [(y, m) for y in range(start_year, end_year + 1) for m in range(1, 13)]


def district_numbers() -> list[int]:
    return list(range(1, 23))


# --- real data (licence allows republishing) ----------------------------------------


def metro_stations() -> None:
    """Tehran Metro stations: ODbL 1.0, mostafa-kheibary/tehran-metro-data."""
    src = json.loads((SOURCES / "mobility" / "stations.json").read_text("utf-8"))
    features, rows, access = [], [], []
    for key in sorted(src):
        s = src[key]
        lon, lat = round(float(s["longitude"]), 6), round(float(s["latitude"]), 6)
        lines = "|".join(str(n) for n in s["lines"])
        props = {
            "station_id": key, "name_fa": s["translations"]["fa"], "name_en": s["name"],
            "lines": lines, "disabled": bool(s.get("disabled")),
        }
        features.append(point_feature(props, lon, lat))
        rows.append([key, s["translations"]["fa"], s["name"], lines, int(bool(s.get("disabled"))), lon, lat])
        access.append([
            key, s["translations"]["fa"], lines,
            *(int(bool(s.get(k))) for k in ("elevator", "blindPath", "wc", "waitingChair", "bicycleParking", "freeWifi")),
        ])
    write_geojson("metro-stations", "tehran-metro-stations.geojson", features)
    write_csv("metro-stations", "tehran-metro-stations.csv",
              ["station_id", "name_fa", "name_en", "lines", "disabled", "longitude", "latitude"], rows)
    write_csv("metro-station-accessibility", "metro-station-accessibility.csv",
              ["station_id", "name_fa", "lines", "elevator", "tactile_path", "toilet",
               "waiting_seats", "bicycle_parking", "free_wifi"], access)


def brt_stations() -> None:
    """Tehran BRT stations (names and order only): ODbL 1.0, MohammadAmin-Andy/iran-public-transport."""
    src = json.loads((SOURCES / "mobility" / "tehran_brt_stations.json").read_text("utf-8"))
    rows = []
    for key, s in src.items():
        line = "|".join(str(n) for n in (s.get("line") or s.get("lines") or []))
        rows.append([line, key, s["translations"]["fa"], s["name"]])
    rows.sort(key=lambda r: (r[0], r[1]))
    write_csv("brt-stations", "tehran-brt-stations.csv", ["line", "station_id", "name_fa", "name_en"], rows)


def boundaries() -> None:
    """The gazetteer (MIT-licensed source, attributed in the datasets' notes)."""
    for name in ("neighborhoods", "districts"):
        doc = json.loads((GAZETTEER / f"{name}.geojson").read_text("utf-8"))
        for f in doc["features"]:
            f["properties"].pop("bbox", None)
        write_geojson(f"{name}-boundaries", f"tehran-{name}.geojson", doc["features"])


# --- sample data (generated) ---------------------------------------------------------


def economy() -> None:
    rows = []
    for d in district_numbers():
        base = 1_900_000 - d * 55_000 + rng.randint(-80_000, 80_000)
        if d in (1, 3):
            base *= 2.1
        for y, m in jalali_months(1400, 1402):
            growth = 1.035 ** ((y - 1400) * 12 + m)
            rows.append([y, m, d, int(base * growth * rng.uniform(0.97, 1.03)) * 10])
    write_csv("housing-prices", "housing-price-per-m2-1400-1402.csv",
              ["year", "month", "district", "avg_price_per_m2_rial"], rows)

    rows = []
    for f in NEIGHBORHOODS:
        p = f["properties"]
        level = 2.4 - p["district"] * 0.06 + rng.uniform(-0.3, 0.3)
        rows.append([p["code"], p["name_fa"], rng.randint(8, 140),
                     round(level * 1_000_000) * 10, round(level * 28) * 1_000_000 * 10])
    write_csv("rent-by-neighborhood", "rent-by-neighborhood-1402.csv",
              ["neighborhood_code", "neighborhood_fa", "listings",
               "median_monthly_rent_rial", "median_deposit_rial"], rows)

    sectors = [("فناوری اطلاعات", "IT"), ("سلامت دیجیتال", "Digital health"),
               ("حمل و نقل هوشمند", "Smart mobility"), ("انرژی پاک", "Clean energy"),
               ("گردشگری", "Tourism"), ("آموزش", "Education")]
    centres = [(1, "مرکز نوآوری تجریش"), (6, "کارخانه نوآوری آزادی"), (12, "مرکز نوآوری بهارستان"),
               (3, "مرکز نوآوری ونک"), (21, "مرکز نوآوری چیتگر")]
    rows = []
    for i in range(1, 61):
        d, centre = rng.choice(centres)
        fa, en = rng.choice(sectors)
        rows.append([f"ST-{i:03d}", centre, d, fa, en, rng.choice([1400, 1401, 1402]),
                     rng.randint(2, 45), rng.choice(["ایده", "رشد اولیه", "رشد", "بلوغ"])])
    write_csv("innovation-startups", "startups-in-innovation-centres.csv",
              ["startup_code", "centre_fa", "district", "sector_fa", "sector_en",
               "year_joined", "employees", "stage_fa"], rows)

    items = [("گوجه‌فرنگی", "Tomato"), ("سیب‌زمینی", "Potato"), ("پیاز", "Onion"),
             ("خیار", "Cucumber"), ("سیب", "Apple"), ("پرتقال", "Orange"), ("موز", "Banana")]
    markets = pick_neighborhoods(12)
    sq = []
    for i, f in enumerate(markets, 1):
        lon, lat = point_in(f)
        sq.append(point_feature({"market_square_id": f"M{i:02d}", "name_fa": f"میدان میوه و تره‌بار {f['properties']['name_fa']}", **place(f)}, lon, lat))
    write_geojson("fruit-markets", "fruit-vegetable-markets.geojson", sq)
    rows = []
    for week in range(1, 27):
        for fa, en in items:
            rows.append([1402, week, fa, en, rng.randint(25, 140) * 1000 * 10])
    write_csv("fruit-markets", "weekly-prices-1402.csv",
              ["year", "week", "item_fa", "item_en", "price_per_kg_rial"], rows)

    rows = []
    for d in district_numbers():
        for y in (1399, 1400, 1401, 1402):
            rows.append([y, d, round(rng.uniform(6, 14) - (y - 1399) * 0.4, 1),
                         round(rng.uniform(38, 46), 1)])
    write_csv("employment-by-district", "employment-by-district.csv",
              ["year", "district", "unemployment_rate_pct", "participation_rate_pct"], rows)

    kinds = [("ساخت، بهره‌برداری و انتقال (BOT)", "BOT"), ("مشارکت مدنی", "Civil partnership"),
             ("اجاره بلندمدت", "Long-term lease")]
    uses = [("تجاری", "Commercial"), ("پارکینگ طبقاتی", "Multi-storey car park"),
            ("فرهنگی ورزشی", "Culture and sport"), ("هتل و گردشگری", "Hotel and tourism")]
    rows = []
    for i, f in enumerate(pick_neighborhoods(24), 1):
        k, ken = rng.choice(kinds)
        u, uen = rng.choice(uses)
        rows.append([f"INV-{i:03d}", f["properties"]["district"], f["properties"]["code"], u, uen, k, ken,
                     rng.randint(1, 40) * 500, rng.randint(20, 300) * 10_000_000_000])
    write_xlsx("investment-opportunities", "investment-opportunities.xlsx",
               {"opportunities": (["project_code", "district", "neighborhood_code", "use_fa", "use_en",
                                   "contract_fa", "contract_en", "land_area_m2", "estimated_cost_rial"], rows)})


def mobility() -> None:
    lines = {1: 2_100_000, 2: 1_800_000, 3: 1_300_000, 4: 1_100_000, 5: 600_000, 6: 400_000, 7: 700_000}
    rows = []
    for y, m in jalali_months(1401, 1402):
        for line, base in lines.items():
            season = 0.75 if m in (1, 6) else 1.0
            rows.append([y, m, line, int(base * 30 * season * rng.uniform(0.92, 1.08))])
    write_csv("metro-ridership", "metro-ridership-monthly.csv", ["year", "month", "line", "passengers"], rows)

    junctions = pick_neighborhoods(16)
    rows = []
    for i, f in enumerate(junctions, 1):
        for day in range(1, 8):
            for hour in range(24):
                peak = 1.9 if hour in (7, 8, 9, 17, 18, 19) else (0.25 if hour < 6 else 1.0)
                rows.append([f"J{i:02d}", f["properties"]["district"], f"2024-03-{day:02d}", hour,
                             int(rng.randint(900, 2600) * peak)])
    write_csv("traffic-counts", "junction-hourly-counts-1402-12.csv",
              ["count_station_id", "district", "date", "hour", "vehicles"], rows)
    feats = []
    for i, f in enumerate(junctions, 1):
        lon, lat = point_in(f)
        feats.append(point_feature({"count_station_id": f"J{i:02d}", **place(f)}, lon, lat))
    write_geojson("traffic-counts", "junctions.geojson", feats)

    feats = []
    for i, f in enumerate(pick_neighborhoods(40, [1, 2, 3, 6, 7, 11, 12]), 1):
        lon, lat = point_in(f)
        feats.append(point_feature({"station_id": f"B{i:03d}", "docks": rng.choice([8, 10, 12, 16]), **place(f)}, lon, lat))
    write_geojson("bike-sharing", "bike-sharing-stations.geojson", feats)

    rows = []
    start = dt.date(2024, 1, 1)
    for k in range(60):
        day = start + dt.timedelta(days=k)
        weekend = day.weekday() == 4
        rows.append([day.isoformat(), 0 if weekend else rng.randint(52_000, 71_000),
                     0 if weekend else rng.randint(9_000, 15_000)])
    write_csv("traffic-zone-entries", "traffic-zone-daily-entries.csv",
              ["date", "entries_traffic_zone", "entries_low_emission_zone_only"], rows)

    feats = []
    for i, f in enumerate(pick_neighborhoods(30), 1):
        lon, lat = point_in(f)
        feats.append(point_feature({"car_park_id": f"P{i:03d}", "capacity": rng.randint(8, 90) * 10,
                                    "type_fa": rng.choice(["طبقاتی", "مکانیزه", "روباز"]), **place(f)}, lon, lat))
    write_geojson("public-parking", "public-parking.geojson", feats)

    feats = []
    for i, f in enumerate(pick_neighborhoods(18), 1):
        lon, lat = point_in(f)
        feats.append(point_feature({"charging_station_id": f"EV{i:02d}", "connectors": rng.choice([2, 4, 6]),
                                    "power_kw": rng.choice([22, 50, 120]), **place(f)}, lon, lat))
    write_geojson("ev-charging", "ev-charging-stations.geojson", feats)


def environment() -> None:
    stations = []
    for i, d in enumerate(range(1, 23), 1):
        f = rng.choice(BY_DISTRICT[d])
        lon, lat = point_in(f)
        stations.append((f"AQ{i:02d}", d, f, lon, lat))
    write_geojson("air-quality-stations", "air-quality-stations-sample.geojson", [
        point_feature({"station_id": sid, "name_fa": f"ایستگاه نمونه منطقه {d}", **place(f),
                       "pollutants": "PM2.5|PM10|O3|NO2|SO2|CO"}, lon, lat)
        for sid, d, f, lon, lat in stations
    ])
    rows = []
    start = dt.date(2023, 3, 21)
    for k in range(90):
        day = start + dt.timedelta(days=k)
        for sid, d, _f, _x, _y in stations[::2]:
            pm25 = rng.randint(40, 160) if d in (16, 17, 18, 19, 21) else rng.randint(25, 140)
            rows.append([day.isoformat(), sid, d, pm25, rng.randint(30, 120), rng.randint(20, 90)])
    write_csv("daily-aqi", "daily-aqi-sample.csv",
              ["date", "station_id", "district", "aqi_pm25", "aqi_pm10", "aqi_no2"], rows)
    rows = []
    for y, m in jalali_months(1400, 1401):
        for sid, d, _f, _x, _y in stations:
            rows.append([y, m, sid, d, round(rng.uniform(18, 55), 1), round(rng.uniform(45, 110), 1)])
    write_csv("monthly-pollutants", "monthly-pollutants-sample.csv",
              ["year", "month", "station_id", "district", "pm25_ugm3", "pm10_ugm3"], rows)

    feats = []
    for i, f in enumerate(pick_neighborhoods(45), 1):
        lon, lat = point_in(f)
        feats.append(point_feature({"park_id": f"PK{i:03d}", "name_fa": f"بوستان {f['properties']['name_fa']}",
                                    "area_m2": rng.randint(2, 400) * 500, **place(f)}, lon, lat))
    write_geojson("parks", "parks.geojson", feats)

    pops = {d: rng.randint(150, 900) * 1000 for d in district_numbers()}
    rows = [[d, pops[d], rng.randint(120, 2400) * 1000, 0] for d in district_numbers()]
    for r in rows:
        r[3] = round(r[2] / r[1], 1)
    write_csv("green-space-per-capita", "green-space-per-capita-1402.csv",
              ["district", "population", "green_space_m2", "green_space_m2_per_capita"], rows)

    rows = []
    for y, m in jalali_months(1401, 1402):
        for d in district_numbers():
            t = rng.randint(180, 520) * 30
            rows.append([y, m, d, t, round(t * rng.uniform(0.05, 0.14))])
    write_csv("waste-collection", "waste-collection-monthly.csv",
              ["year", "month", "district", "collected_tonnes", "recycled_tonnes"], rows)

    feats = []
    for i, f in enumerate(pick_neighborhoods(60), 1):
        lon, lat = point_in(f)
        feats.append(point_feature({"recycling_station_id": f"R{i:03d}", **place(f),
                                    "materials_fa": "کاغذ|پلاستیک|فلز|شیشه"}, lon, lat))
    write_geojson("recycling-booths", "recycling-booths.geojson", feats)

    rows = []
    for sid, d, _f, _x, _y in stations[:12]:
        for hour in range(24):
            rows.append(["2023-10-15", hour, sid.replace("AQ", "NS"), d,
                         round(rng.uniform(48, 60) + (12 if 7 <= hour <= 21 else 0), 1)])
    write_csv("noise-levels", "noise-levels-sample.csv", ["date", "hour", "station_id", "district", "leq_dba"], rows)


def infrastructure() -> None:
    feats = []
    for i, f in enumerate(pick_neighborhoods(50), 1):
        lon, lat = point_in(f, 3)
        feats.append(point_feature({"hotspot_id": f"W{i:03d}", "kind_fa": rng.choice(["بوستان", "ایستگاه مترو", "میدان"]),
                                    **place(f)}, lon, lat))
    write_geojson("public-wifi", "public-wifi-hotspots.geojson", feats)

    systems = [("تهران من", "Tehran Man"), ("سامانه ۱۳۷", "137 system"), ("شهرسازی الکترونیک", "e-Permits"),
               ("پرداخت عوارض", "Levy payments"), ("درگاه داده باز", "Open-data portal")]
    rows = []
    for y, m in jalali_months(1401, 1402):
        for fa, en in systems:
            rows.append([y, m, fa, en, round(rng.uniform(98.2, 99.98), 2), rng.randint(0, 6)])
    write_csv("eservices-availability", "eservices-availability-monthly.csv",
              ["year", "month", "system_fa", "system_en", "availability_pct", "incidents"], rows)

    feats = []
    for i, f in enumerate(pick_neighborhoods(25), 1):
        lon, lat = point_in(f, 3)
        feats.append(point_feature({"bridge_id": f"PB{i:02d}", "escalator": rng.choice([True, False]),
                                    "elevator": rng.choice([True, False]), **place(f)}, lon, lat))
    write_geojson("pedestrian-bridges", "pedestrian-bridges.geojson", feats)

    zones = [("R", "مسکونی", "Residential"), ("S", "خدماتی", "Services"), ("M", "مختلط", "Mixed"),
             ("G", "سبز و باز", "Green and open")]
    feats = []
    for n in BY_DISTRICT[6]:
        code, fa, en = rng.choice(zones)
        feats.append({"type": "Feature", "geometry": n["geometry"],
                      "properties": {"neighborhood_code": n["properties"]["code"], "land_use": code,
                                     "land_use_fa": fa, "land_use_en": en}})
    write_geojson("detailed-plan-zones", "detailed-plan-zones-district-6-sample.geojson", feats)


def governance() -> None:
    programs = [("حمل و نقل و ترافیک", "Transport and traffic"), ("محیط زیست و خدمات شهری", "Environment and urban services"),
                ("فرهنگی و اجتماعی", "Culture and society"), ("شهرسازی و معماری", "Urban planning"),
                ("فناوری اطلاعات و شهر هوشمند", "ICT and smart city"), ("مدیریت بحران", "Crisis management"),
                ("اداری و پشتیبانی", "Administration")]
    rows = [[fa, en, rng.randint(20, 900) * 1_000_000_000_000, 0] for fa, en in programs]
    for r in rows:
        r[3] = int(r[2] * rng.uniform(0.6, 0.95))
    revenue = [["عوارض ساختمانی", "Building levies", 0], ["عوارض نوسازی", "Renewal levies", 0],
               ["درآمدهای پایدار", "Sustainable revenue", 0], ["فروش اموال", "Asset sales", 0]]
    for r in revenue:
        r[2] = rng.randint(50, 1200) * 1_000_000_000_000
    write_xlsx("municipal-budget", "municipal-budget-1402-sample.xlsx", {
        "expenditure": (["program_fa", "program_en", "approved_rial", "spent_rial"], rows),
        "revenue": (["source_fa", "source_en", "approved_rial"], revenue),
    })

    rows = []
    for i in range(1, 181):
        d = rng.choice([1, 1, 1, 2, 3, 3, 4, 5, 22])
        rows.append([f"GP-{i:04d}", d, f"{rng.choice([1397, 1398])}/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}",
                     rng.choice([60, 80, 120, 150]), rng.randint(3, 12), rng.randint(5, 80) * 100])
    write_xlsx("garden-building-permits", "garden-building-permits-sample.xlsx",
               {"permits": (["permit_code", "district", "issue_date_jalali", "density_pct", "floors", "land_area_m2"], rows)})

    subjects = [("حمل و نقل", "Transport"), ("محیط زیست", "Environment"), ("شهر هوشمند", "Smart city"),
                ("مدیریت بحران", "Crisis management"), ("اجتماعی", "Social")]
    rows = []
    for i in range(1, 121):
        fa, en = rng.choice(subjects)
        rows.append([f"RC-{i:04d}", rng.choice([1399, 1400, 1401, 1402]), fa, en,
                     rng.choice(["دانشگاه", "پژوهشکده", "شرکت مشاور"]), rng.randint(3, 60) * 100_000_000 * 10])
    write_csv("research-contracts", "research-contracts-sample.csv",
              ["contract_code", "year", "subject_fa", "subject_en", "contractor_kind_fa", "amount_rial"], rows)

    categories = [("آسفالت و معابر", "Roads and pavements"), ("پسماند", "Waste"), ("فضای سبز", "Green space"),
                  ("ترافیک", "Traffic"), ("سد معبر", "Obstruction"), ("روشنایی", "Street lighting")]
    rows = []
    for y, m in jalali_months(1402, 1402):
        for d in district_numbers():
            for fa, en in categories:
                rows.append([y, m, d, fa, en, rng.randint(20, 900), round(rng.uniform(55, 97), 1)])
    write_csv("citizen-requests-137", "requests-137-monthly-1402.csv",
              ["year", "month", "district", "category_fa", "category_en", "requests", "resolved_pct"], rows)
    complaints_raw(categories)

    rows = []
    for y, m in jalali_months(1401, 1402):
        rows.append([y, m, rng.randint(1_800, 3_200) * 1000, rng.randint(400, 900) * 1000,
                     rng.randint(60, 140) * 1000])
    write_csv("eservices-usage", "tehran-man-usage-monthly.csv",
              ["year", "month", "active_users", "service_requests", "online_payments"], rows)

    rows = []
    for i in range(1, 81):
        rows.append([f"T-1402-{i:03d}", rng.choice(["مناقصه", "مزایده"]), rng.choice(["عمرانی", "خدماتی", "تجهیزات", "فناوری"]),
                     f"1402/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}", rng.randint(1, 500) * 1_000_000_000,
                     rng.randint(1, 9)])
    write_csv("tenders", "tenders-1402-sample.csv",
              ["tender_code", "kind_fa", "category_fa", "published_jalali", "estimated_value_rial", "bidders"], rows)


FIRST_NAMES = ["علی", "مریم", "رضا", "زهرا", "حسین", "فاطمه", "محمد", "سارا", "مهدی", "نرگس", "امیر", "لیلا"]
LAST_NAMES = ["احمدی", "کریمی", "رضایی", "موسوی", "حسینی", "محمدی", "جعفری", "صادقی", "نوری", "رحیمی"]


def fake_national_id() -> str:
    """Ten digits with a valid mod-11 check digit; a made-up number, not a person's."""
    body = f"{rng.randint(1, 999_999_999):09d}"
    return body + str(national_id_check_digit(body))


def complaints_raw(categories: list[tuple[str, str]]) -> None:
    """The synthetic personal-data file the privacy screening must stop."""
    rows = []
    for i in range(1, 41):
        f = rng.choice(NEIGHBORHOODS)
        mobile = f"09{rng.choice(['12', '19', '35', '36', '01', '21'])}{rng.randint(0, 9_999_999):07d}"
        fa, _en = rng.choice(categories)
        rows.append([f"137-{140200000 + i}", f"1402/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}",
                     f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", fake_national_id(), mobile,
                     f["properties"]["district"], f["properties"]["name_fa"], fa])
    write_csv("citizen-requests-137", "requests-137-raw-export.csv",
              ["tracking_no", "date_jalali", "full_name", "national_id", "mobile", "district",
               "neighborhood_fa", "category_fa"], rows)


def living() -> None:
    feats = []
    for i, d in enumerate(district_numbers() * 4, 1):
        f = rng.choice(BY_DISTRICT[d])
        lon, lat = point_in(f)
        feats.append(point_feature({"station_no": i, "name_fa": f"ایستگاه آتش‌نشانی {i}", **place(f),
                                    "vehicles": rng.randint(3, 9)}, lon, lat))
    feats.sort(key=lambda x: x["properties"]["station_no"])
    write_geojson("fire-stations", "fire-stations-sample.geojson", feats)

    kinds = [("حریق", "Fire"), ("حادثه (نجات)", "Rescue"), ("نشت گاز", "Gas leak"), ("حیوانات", "Animals")]
    rows = []
    for y, m in jalali_months(1401, 1402):
        for d in district_numbers():
            for fa, en in kinds:
                rows.append([y, m, d, fa, en, rng.randint(3, 160)])
    write_csv("fire-operations", "fire-operations-monthly.csv",
              ["year", "month", "district", "kind_fa", "kind_en", "operations"], rows)

    feats = []
    for i, f in enumerate(pick_neighborhoods(28), 1):
        lon, lat = point_in(f, 3)
        feats.append(point_feature({"centre_id": f"C{i:02d}", "name_fa": f"فرهنگسرای {f['properties']['name_fa']}", **place(f)}, lon, lat))
    write_geojson("cultural-centres", "cultural-centres.geojson", feats)

    sports = [("زمین چمن مصنوعی", "Artificial turf pitch"), ("سالن ورزشی", "Sports hall"),
              ("استخر", "Swimming pool"), ("ورزش همگانی در بوستان", "Outdoor gym")]
    feats = []
    for i, f in enumerate(pick_neighborhoods(60), 1):
        fa, en = rng.choice(sports)
        lon, lat = point_in(f, 3)
        feats.append(point_feature({"facility_id": f"SP{i:03d}", "kind_fa": fa, "kind_en": en, **place(f)}, lon, lat))
    write_geojson("sports-facilities", "sports-facilities.geojson", feats)

    feats = []
    for i, f in enumerate(pick_neighborhoods(70), 1):
        lon, lat = point_in(f, 3)
        feats.append(point_feature({"base_id": f"CB{i:03d}", "kind_fa": rng.choice(["پایگاه مدیریت بحران محله", "فضای اسکان اضطراری"]),
                                    "capacity_people": rng.randint(2, 40) * 100, **place(f)}, lon, lat))
    write_geojson("crisis-bases", "crisis-management-bases.geojson", feats)

    rows = []
    for d in district_numbers():
        pop = rng.randint(150, 900) * 1000
        rows.append([1395, d, pop, round(pop / rng.uniform(2.8, 3.4)), round(rng.uniform(48.5, 51.5), 1)])
    write_csv("population-by-district", "population-households-1395-sample.csv",
              ["census_year", "district", "population", "households", "female_pct"], rows)


REAL_LICENCES = {"odc-odbl": "real (ODbL 1.0)", "other-open": "real (MIT)"}
DOCS = ROOT / "docs" / "seed.md"
START, END = "<!-- datasets:start -->", "<!-- datasets:end -->"


def docs_table() -> str:
    """The Markdown table of the seed datasets for docs/seed.md."""
    import yaml

    orgs = {o["name"]: o["title_en"] for o in yaml.safe_load((ROOT / "seed_datasets" / "organizations.yaml").read_text("utf-8"))}
    lines = [
        "| name | title | English title | publisher | dimensions | frequency | data | files |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for path in sorted((ROOT / "seed_datasets" / "datasets").glob("*.yaml")):
        m = yaml.safe_load(path.read_text("utf-8"))
        resources = m.get("resources") or []
        if m.get("access_level") == "restricted":
            kind = f"restricted ({m['access_reason']}), metadata only"
        else:
            kind = REAL_LICENCES.get(m["license_id"], "sample")
        files = ", ".join(
            r["format"] + (" (stopped by screening)" if r.get("expect") else "") for r in resources
        ) or "-"
        lines.append(
            f"| `{m['name']}` | {m['title']} | {m['title_en']} | {orgs[m['owner_org']]} | "
            f"{', '.join(m['smart_dimension'])} | {m['update_frequency']} | {kind} | {files} |"
        )
    return "\n".join(lines)


def write_docs() -> None:
    text = DOCS.read_text("utf-8")
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    DOCS.write_text(f"{head}{START}\n{docs_table()}\n{END}{tail}", encoding="utf-8")
    print(f"wrote the dataset table in {DOCS}")


def main() -> None:
    if "--docs" in sys.argv[1:]:
        write_docs()
        return
    metro_stations()
    brt_stations()
    boundaries()
    economy()
    mobility()
    environment()
    infrastructure()
    governance()
    living()
    total = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote {sum(1 for p in OUT.rglob('*') if p.is_file())} files, {total / 1e6:.2f} MB, under {OUT}")


if __name__ == "__main__":
    main()

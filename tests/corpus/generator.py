"""The adversarial corpus of issue 11: every way personal data got past the gate, as data.

Each family yields two cases: the file (or upload) carrying synthetic personal data, and
its clean twin of the same shape, which must still publish. Values are synthetic (valid
check digits from ``synth``), made from a fixed seed: the corpus is the same on every run.

    python -m tests.corpus.generator OUTDIR   # writes every case's file to OUTDIR

``expect`` is what the gate must do: ``refused`` (personal data found, naming at least
``types``), ``unscreenable`` (refused because it cannot be read with confidence) or
``published``.
"""

from __future__ import annotations

import functools
import html
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.corpus import formats
from tests.corpus.synth import Synth, grouped, in_script, mixed_script

SEED = 20261202
REFUSED, UNSCREENABLE, PUBLISHED = "refused", "unscreenable", "published"
MOBILE, NID, CARD, IBAN = "PHONE_MOBILE", "NATIONAL_ID", "BANK_CARD", "IBAN"
ALL4 = frozenset({MOBILE, NID, CARD, IBAN})


@dataclass(frozen=True)
class Case:
    """One file of the corpus and what the gate must do with it."""

    family: str
    twin: str  # "personal" or "clean"
    filename: str
    data: bytes
    expect: str
    types: frozenset[str] = frozenset()
    # The synthetic values (Latin digits) and the strings as the file writes them:
    # none may appear on any read path or in any report.
    values: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    # Cells of the file that a report must not quote (a header-less table's first row).
    no_quote: tuple[str, ...] = ()
    # Only the live API sees it (the file name is screened there, not by scan_file).
    live_only: bool = False
    note: str = field(default="", compare=False)

    @property
    def id(self) -> str:
        return f"{self.family}/{self.twin}"


Builder = Callable[[Synth], Iterator[Case]]
FAMILIES: dict[str, Builder] = {}


def family(name: str) -> Callable[[Builder], Builder]:
    def register(fn: Builder) -> Builder:
        FAMILIES[name] = fn
        return fn

    return register


def _people(s: Synth, n: int = 6) -> list[dict[str, str]]:
    return [{"mobile": s.mobile(), "national_id": s.national_id(), "card": s.card(),
             "iban": s.iban(), "name": s.name()} for _ in range(n)]


def _vals(people: list[dict[str, str]], kinds=("mobile", "national_id", "card", "iban")) -> tuple[str, ...]:
    return tuple(p[k] for p in people for k in kinds)


NEUTRAL = ["ردیف", "الف", "ب", "ج", "د"]
KINDS = ("mobile", "national_id", "card", "iban")


def _amount(s: Synth, sep: str) -> str:
    """A small count or amount (at most six digits) split like the personal values."""
    return f"{s.rng.randint(1, 99)}{sep}{s.rng.randint(100, 999)}"


# --- Digits split by an invisible or space character ------------------------------------

SEPARATORS = {
    "lrm": "\u200e", "rlm": "\u200f", "zwsp": "\u200b", "zwj": "\u200d", "wj": "\u2060",
    "bom": "\ufeff", "soft-hyphen": "\u00ad", "cgj": "\u034f",
    "lre": "\u202a", "rle": "\u202b", "pdf": "\u202c", "lro": "\u202d", "rlo": "\u202e",
    "lri": "\u2066", "rli": "\u2067", "fsi": "\u2068", "pdi": "\u2069",
    "figure-space": "\u2007", "en-space": "\u2002", "thin-space": "\u2009",
    "nbsp": "\u00a0", "narrow-nbsp": "\u202f", "tatweel": "\u0640", "minus": "\u2212",
    "slash": "/", "underscore": "_", "arabic-thousands": "\u066c",
    "tab-in-cell": "\t", "newline-in-cell": "\n",
}


def _split_family(name: str, sep: str) -> Builder:
    def build(s: Synth) -> Iterator[Case]:
        people = _people(s)
        rows = [[i + 1, *(grouped(p[k], k, sep) for k in KINDS)] for i, p in enumerate(people)]
        yield Case(f"split-{name}", "personal", "split.csv", formats.csv_bytes(NEUTRAL, rows),
                   REFUSED, ALL4, _vals(people), tuple(c for r in rows for c in r[1:]))
        clean = [[i + 1, *(_amount(s, sep) for _ in KINDS)] for i in range(len(people))]
        yield Case(f"split-{name}", "clean", "split.csv", formats.csv_bytes(NEUTRAL, clean), PUBLISHED)

    return build


for _name, _sep in SEPARATORS.items():
    FAMILIES[f"split-{_name}"] = _split_family(_name, _sep)


@family("control-plain")
def _plain(s: Synth) -> Iterator[Case]:
    """The same table without any trick: proves the values themselves are detected."""
    people = _people(s)
    rows = [[i + 1, *(p[k] for k in KINDS)] for i, p in enumerate(people)]
    yield Case("control-plain", "personal", "plain.csv", formats.csv_bytes(NEUTRAL, rows),
               REFUSED, ALL4, _vals(people))
    clean = [[i + 1, *(_amount(s, "") for _ in KINDS)] for i in range(len(people))]
    yield Case("control-plain", "clean", "plain.csv", formats.csv_bytes(NEUTRAL, clean), PUBLISHED)


# --- Digits of other scripts, reversed text ---------------------------------------------


def _script_family(script: str) -> Builder:
    def build(s: Synth) -> Iterator[Case]:
        people = _people(s)
        write = mixed_script if script == "mixed" else (lambda t: in_script(t, script))
        rows = [[i + 1, *(write(p[k]) for k in KINDS)] for i, p in enumerate(people)]
        yield Case(f"digits-{script}", "personal", "digits.csv", formats.csv_bytes(NEUTRAL, rows),
                   REFUSED, ALL4, _vals(people), tuple(c for r in rows for c in r[1:]))
        clean = [[i + 1, *(write(_amount(s, "")) for _ in KINDS)] for i in range(len(people))]
        yield Case(f"digits-{script}", "clean", "digits.csv", formats.csv_bytes(NEUTRAL, clean), PUBLISHED)

    return build


for _script in ("persian", "arabic-indic", "fullwidth", "math-bold", "math-double-struck",
                "math-monospace", "devanagari", "mixed"):
    FAMILIES[f"digits-{_script}"] = _script_family(_script)


@family("rlo-reversed")
def _reversed(s: Synth) -> Iterator[Case]:
    """RLO ... PDF around the value typed backwards: it shows as the number."""
    people = _people(s)

    def rlo(text: str) -> str:
        return "\u202e" + text[::-1] + "\u202c"

    rows = [[i + 1, *(rlo(p[k]) for k in KINDS)] for i, p in enumerate(people)]
    yield Case("rlo-reversed", "personal", "reversed.csv", formats.csv_bytes(NEUTRAL, rows),
               REFUSED, ALL4, _vals(people), tuple(c for r in rows for c in r[1:]))
    clean = [[i + 1, *(rlo(_amount(s, "")) for _ in KINDS)] for i in range(len(people))]
    yield Case("rlo-reversed", "clean", "reversed.csv", formats.csv_bytes(NEUTRAL, clean), PUBLISHED)


# --- Long lines, encodings -------------------------------------------------------------

LONG = 1_200_000  # characters before the value: past the first MiB of the line


@family("long-line-text")
def _long_text(s: Synth) -> Iterator[Case]:
    filler = ("گزارش عملکرد سالانه " * (LONG // 19 + 1))[:LONG]
    mobile, nid = s.mobile(), s.national_id()
    tail = f" تماس با متقاضی: {mobile} کد ملی {nid} پایان."
    yield Case("long-line-text", "personal", "long.txt", (filler + tail + "\n").encode(), REFUSED,
               frozenset({MOBILE, NID}), (mobile, nid))
    yield Case("long-line-text", "clean", "long.txt",
               (filler + " تعداد درخواست‌ها: 1250 مورد پایان.\n").encode(), PUBLISHED)


@family("long-line-csv")
def _long_csv(s: Synth) -> Iterator[Case]:
    filler = ("شرح درخواست شهروندی " * (LONG // 20 + 1))[:LONG]
    mobile = s.mobile()
    rows = [[1, "3", filler + f" تماس {mobile}"], [2, "5", "درخواست روشنایی معابر"]]
    yield Case("long-line-csv", "personal", "long.csv", formats.csv_bytes(["ردیف", "منطقه", "شرح"], rows),
               REFUSED, frozenset({MOBILE}), (mobile,))
    clean = [[1, "3", filler + " پیگیری شد"], [2, "5", "درخواست روشنایی معابر"]]
    yield Case("long-line-csv", "clean", "long.csv", formats.csv_bytes(["ردیف", "منطقه", "شرح"], clean),
               PUBLISHED)


def _persian_table(s: Synth, people: list[dict[str, str]] | None) -> tuple[list[str], list[list[str]]]:
    header = ["نام", "تلفن همراه", "منطقه"] if people else ["محله", "تعداد", "منطقه"]
    if people:
        rows = [[p["name"], in_script(p["mobile"], "persian"), in_script(str(i % 22 + 1), "persian")]
                for i, p in enumerate(people)]
    else:
        rows = [[f"محله {i}", in_script(str(s.rng.randint(10, 900)), "persian"),
                 in_script(str(i % 22 + 1), "persian")] for i in range(1, 7)]
    return header, rows


@family("utf8-one-bad-byte")
def _bad_byte(s: Synth) -> Iterator[Case]:
    """A UTF-8 file with one stray byte: still UTF-8, its Persian digits still read."""
    for twin, people in (("personal", _people(s)), ("clean", None)):
        header, rows = _persian_table(s, people)
        data = formats.csv_bytes(header, rows)
        cut = data.index(b"\n") + 1
        data = data[:cut] + b"\xff" + data[cut:]
        if people:
            yield Case("utf8-one-bad-byte", twin, "bad-byte.csv", data, REFUSED, frozenset({MOBILE}),
                       _vals(people, ("mobile",)))
        else:
            yield Case("utf8-one-bad-byte", twin, "bad-byte.csv", data, PUBLISHED)


@family("utf16le-tsv-bom")
def _utf16(s: Synth) -> Iterator[Case]:
    for twin, people in (("personal", _people(s)), ("clean", None)):
        header, rows = _persian_table(s, people)
        data = b"\xff\xfe" + formats.csv_bytes(header, rows, delimiter="\t", encoding="utf-16-le")
        yield Case("utf16le-tsv-bom", twin, "table.tsv", data,
                   REFUSED if people else PUBLISHED, frozenset({MOBILE}) if people else frozenset(),
                   _vals(people, ("mobile",)) if people else ())


@family("utf7")
def _utf7(s: Synth) -> Iterator[Case]:
    """UTF-7 hides Persian text and digits in base64 runs: refused as unscreenable."""
    for twin, people in (("personal", _people(s)), ("clean", None)):
        header, rows = _persian_table(s, people)
        data = formats.csv_bytes(header, rows, encoding="utf-7")
        yield Case("utf7", twin, "table.csv", data, UNSCREENABLE,
                   values=_vals(people, ("mobile",)) if people else ())


@family("mixed-encoding")
def _mixed(s: Synth) -> Iterator[Case]:
    """Half the lines UTF-8, half Windows-1256: no one reading is right, unscreenable."""
    for twin, people in (("personal", _people(s, 8)), ("clean", None)):
        header = ["نام", "تلفن", "منطقه"]
        rows = ([[p["name"], p["mobile"], "منطقه سه"] for p in people] if people
                else [[f"محله شماره {i}", str(i * 10), "منطقه سه"] for i in range(8)])
        rows = [[c.replace("ی", "ي") for c in row] for row in rows]  # cp1256 has only ي
        top = formats.csv_bytes(header, rows[:4])
        bottom = formats.csv_bytes(None, rows[4:], encoding="cp1256")
        yield Case("mixed-encoding", twin, "mixed.csv", top + bottom, UNSCREENABLE,
                   values=_vals(people, ("mobile",)) if people else ())


# --- JSON, JSONL, GeoJSON ----------------------------------------------------------------


def _escaped(value: str) -> str:
    """``value`` as a JSON string literal of ``\\uXXXX`` escapes only."""
    return '"' + "".join(f"\\u{ord(c):04x}" for c in value) + '"'


@family("json-escapes")
def _json_escapes(s: Synth) -> Iterator[Case]:
    p = _people(s, 1)[0]
    body = ('{"report": "contacts", "contacts": {"mobile": ' + _escaped(p["mobile"])
            + ', "national_code": ' + _escaped(p["national_id"]) + ', "sheba": ' + _escaped(p["iban"]) + "}}")
    yield Case("json-escapes", "personal", "contacts.json", body.encode(), REFUSED,
               frozenset({MOBILE, IBAN}), (p["mobile"], p["national_id"], p["iban"]))
    clean = '{"report": "counts", "counts": {"trees": ' + _escaped("1250") + ', "parks": ' + _escaped("36") + "}}"
    yield Case("json-escapes", "clean", "contacts.json", clean.encode(), PUBLISHED)


@family("json-deep-nesting")
def _json_deep(s: Synth) -> Iterator[Case]:
    mobile = s.mobile()
    depth = 300
    for twin, leaf in (("personal", _escaped(mobile)), ("clean", _escaped("1250"))):
        body = '{"level": ' * depth + '{"value": ' + leaf + "}" + "}" * depth
        yield Case("json-deep-nesting", twin, "deep.json", body.encode(),
                   REFUSED if twin == "personal" else PUBLISHED,
                   frozenset({MOBILE}) if twin == "personal" else frozenset(),
                   (mobile,) if twin == "personal" else ())


def _district_rows(s: Synth, n: int) -> list[dict[str, object]]:
    return [{"district": i % 22 + 1, "count": s.rng.randint(1, 900)} for i in range(n)]


@family("json-non-object-after-many")
def _json_tail(s: Synth) -> Iterator[Case]:
    mobile, card = s.mobile(), s.card()
    rows = _district_rows(s, 150)
    personal = [*rows, f"تماس {mobile}", [card, mobile]]
    yield Case("json-non-object-after-many", "personal", "rows.json",
               json.dumps(personal, ensure_ascii=False).encode(), REFUSED, frozenset({MOBILE}), (mobile, card))
    clean = [*rows, "پایان فهرست", [12, 36]]
    yield Case("json-non-object-after-many", "clean", "rows.json",
               json.dumps(clean, ensure_ascii=False).encode(), PUBLISHED)


@family("json-late-key")
def _json_late_key(s: Synth) -> Iterator[Case]:
    mobile, iban = s.mobile(), s.iban()
    rows = _district_rows(s, 1001)
    personal = [*rows, {"district": 5, "count": 3, "contact": mobile, iban: "حساب"}]
    yield Case("json-late-key", "personal", "rows.json", json.dumps(personal, ensure_ascii=False).encode(),
               REFUSED, frozenset({MOBILE, IBAN}), (mobile, iban))
    clean = [*rows, {"district": 5, "count": 3, "note": "بازبینی شد", "source": "آمار"}]
    yield Case("json-late-key", "clean", "rows.json", json.dumps(clean, ensure_ascii=False).encode(), PUBLISHED)


def _features(s: Synth, ids: list[str] | None) -> list[dict[str, object]]:
    out = []
    for i in range(8):
        feat: dict[str, object] = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(51.3 + i / 100, 2), 35.7]},
            "properties": {"district": i + 1, "parks": s.rng.randint(3, 40)},
        }
        if ids:
            feat["id"] = ids[i]
        else:
            feat["id"] = i + 1
        out.append(feat)
    return out


@family("geojson-top-level-members")
def _geojson_top(s: Synth) -> Iterator[Case]:
    mobile, iban = s.mobile(), s.iban()
    personal = {"type": "FeatureCollection", "contact": f"تماس {mobile}", "owner": {"sheba": iban},
                "features": _features(s, None)}
    yield Case("geojson-top-level-members", "personal", "parks.geojson",
               json.dumps(personal, ensure_ascii=False).encode(), REFUSED, frozenset({MOBILE, IBAN}),
               (mobile, iban))
    clean = {"type": "FeatureCollection", "contact": "روابط عمومی شهرداری", "owner": {"unit": "منطقه ۳"},
             "features": _features(s, None)}
    yield Case("geojson-top-level-members", "clean", "parks.geojson",
               json.dumps(clean, ensure_ascii=False).encode(), PUBLISHED)


@family("geojson-feature-ids")
def _geojson_ids(s: Synth) -> Iterator[Case]:
    ids = [s.national_id() for _ in range(8)]
    personal = {"type": "FeatureCollection", "features": _features(s, ids)}
    yield Case("geojson-feature-ids", "personal", "homes.geojson",
               json.dumps(personal, ensure_ascii=False).encode(), REFUSED, frozenset({NID}), tuple(ids))
    clean = {"type": "FeatureCollection", "features": _features(s, None)}
    yield Case("geojson-feature-ids", "clean", "homes.geojson",
               json.dumps(clean, ensure_ascii=False).encode(), PUBLISHED)


@family("jsonl-escapes")
def _jsonl(s: Synth) -> Iterator[Case]:
    people = _people(s)
    lines = [f'{{"district": {i + 1}, "note": {_escaped("تماس " + p["mobile"])}}}' for i, p in enumerate(people)]
    yield Case("jsonl-escapes", "personal", "requests.jsonl", ("\n".join(lines) + "\n").encode(), REFUSED,
               frozenset({MOBILE}), _vals(people, ("mobile",)))
    clean = [f'{{"district": {i + 1}, "note": {_escaped("پیگیری شد")}}}' for i in range(6)]
    yield Case("jsonl-escapes", "clean", "requests.jsonl", ("\n".join(clean) + "\n").encode(), PUBLISHED)


# --- XLSX ------------------------------------------------------------------------------


def _base_sheet(ws, s: Synth) -> None:
    ws.title = "خلاصه"
    ws.append(["منطقه", "تعداد پارک", "مساحت"])
    for i in range(1, 7):
        ws.append([i, s.rng.randint(3, 40), s.rng.randint(1000, 90000)])


def _xlsx_family(name: str, add: Callable[[object, Synth, dict[str, str] | None], None],
                 types: frozenset[str], kinds: tuple[str, ...] = ("mobile",)) -> Builder:
    def build(s: Synth) -> Iterator[Case]:
        people = _people(s)

        def personal(wb) -> None:
            _base_sheet(wb.active, s)
            add(wb, s, people)

        def clean(wb) -> None:
            _base_sheet(wb.active, s)
            add(wb, s, None)

        yield Case(name, "personal", "book.xlsx", formats.xlsx_bytes(personal), REFUSED, types,
                   _vals(people, kinds))
        yield Case(name, "clean", "book.xlsx", formats.xlsx_bytes(clean), PUBLISHED)

    return build


def _hidden_sheet(wb, s: Synth, people) -> None:
    ws = wb.create_sheet("Sheet2")
    ws.sheet_state = "veryHidden"
    ws.append(["نام", "تلفن", "کد"])
    for i, p in enumerate(people or [None] * 6):
        ws.append([p["name"], p["mobile"], p["national_id"]] if p else [f"محله {i}", i * 11, i + 1])


def _comment(wb, s: Synth, people) -> None:
    from openpyxl.comments import Comment  # noqa: PLC0415

    text = f"تماس با {people[0]['name']}: {people[0]['mobile']}" if people else "منبع: سامانه آمار"
    wb.active["B2"].comment = Comment(text, "کاربر")


def _formula(wb, s: Synth, people) -> None:
    ws = wb.active
    ws["D1"] = "کد"
    for row, p in enumerate(people or [None] * 6, start=2):
        ws[f"D{row}"] = f'="{p["mobile"][:4]}"&"{p["mobile"][4:]}"' if p else f'="{row}"&"0"'


def _number_format(wb, s: Synth, people) -> None:
    ws = wb.active
    ws["D1"] = "کد"
    ws["E1"] = "شماره"
    for row, p in enumerate(people or [None] * 6, start=2):
        ws[f"D{row}"] = int(p["mobile"]) if p else row * 7
        ws[f"D{row}"].number_format = "00000000000"
        ws[f"E{row}"] = int(p["national_id"]) if p else row * 3
        ws[f"E{row}"].number_format = "0000000000"


def _header_footer(wb, s: Synth, people) -> None:
    ws = wb.active
    ws.oddHeader.center.text = f"تهیه‌کننده {people[0]['name']} {people[0]['mobile']}" if people else "معاونت آمار"
    ws.oddFooter.left.text = f"شبا {people[1]['iban']}" if people else "صفحه &P"


def _properties(wb, s: Synth, people) -> None:
    props = wb.properties
    props.creator = f"{people[0]['name']} {people[0]['mobile']}" if people else "معاونت آمار"
    props.description = f"کد ملی تهیه‌کننده {people[0]['national_id']}" if people else "خلاصه پارک‌ها"
    props.keywords = people[1]["iban"] if people else "پارک، منطقه"


def _sheet_name(wb, s: Synth, people) -> None:
    ws = wb.create_sheet(people[0]["mobile"] if people else "پیوست")
    ws.append(["منطقه", "تعداد"])
    ws.append([1, 10])


def _defined_name(wb, s: Synth, people) -> None:
    from openpyxl.workbook.defined_name import DefinedName  # noqa: PLC0415

    value = f'"{people[0]["mobile"]}"' if people else '"1250"'
    wb.defined_names["contact"] = DefinedName("contact", attr_text=value)


for _fam, _add, _types, _kinds in (
    ("xlsx-hidden-sheet", _hidden_sheet, frozenset({MOBILE, NID}), ("mobile", "national_id")),
    ("xlsx-cell-comment", _comment, frozenset({MOBILE}), ("mobile",)),
    ("xlsx-formula-concat", _formula, frozenset({MOBILE}), ("mobile",)),
    ("xlsx-number-format", _number_format, frozenset({MOBILE, NID}), ("mobile", "national_id")),
    ("xlsx-header-footer", _header_footer, frozenset({MOBILE, IBAN}), ("mobile",)),
    ("xlsx-doc-properties", _properties, frozenset({MOBILE, IBAN}), ("mobile",)),
    ("xlsx-sheet-name", _sheet_name, frozenset({MOBILE}), ("mobile",)),
    ("xlsx-defined-name", _defined_name, frozenset({MOBILE}), ("mobile",)),
):
    FAMILIES[_fam] = _xlsx_family(_fam, _add, _types, _kinds)


def _pii_csv(people: list[dict[str, str]] | None) -> bytes:
    if people:
        return formats.csv_bytes(["نام", "تلفن", "کد ملی"],
                                 [[p["name"], p["mobile"], p["national_id"]] for p in people])
    return formats.csv_bytes(["محله", "تعداد", "منطقه"], [[f"محله {i}", i * 12, i] for i in range(1, 7)])


@family("xlsx-csv-member")
def _xlsx_csv(s: Synth) -> Iterator[Case]:
    people = _people(s)
    for twin, ppl in (("personal", people), ("clean", None)):
        book = formats.xlsx_bytes(lambda wb: _base_sheet(wb.active, s))
        data = formats.add_zip_member(book, "xl/embeddings/people.csv", _pii_csv(ppl))
        yield Case("xlsx-csv-member", twin, "book.xlsx", data, REFUSED if ppl else PUBLISHED,
                   frozenset({MOBILE, NID}) if ppl else frozenset(),
                   _vals(people, ("mobile", "national_id")) if ppl else ())


# --- ZIP, GZIP, shapefile ----------------------------------------------------------------


@family("zip-csv-member")
def _zip(s: Synth) -> Iterator[Case]:
    people = _people(s)
    for twin, ppl in (("personal", people), ("clean", None)):
        data = formats.zip_bytes({"readme.txt": "داده‌های منطقه".encode(), "data/people.csv": _pii_csv(ppl)})
        yield Case("zip-csv-member", twin, "archive.zip", data, REFUSED if ppl else PUBLISHED,
                   frozenset({MOBILE, NID}) if ppl else frozenset(),
                   _vals(people, ("mobile", "national_id")) if ppl else ())


@family("gzip-csv")
def _gzip(s: Synth) -> Iterator[Case]:
    people = _people(s)
    for twin, ppl in (("personal", people), ("clean", None)):
        data = formats.gzip_bytes(_pii_csv(ppl), "people.csv")
        yield Case("gzip-csv", twin, "people.csv.gz", data, REFUSED if ppl else PUBLISHED,
                   frozenset({MOBILE, NID}) if ppl else frozenset(),
                   _vals(people, ("mobile", "national_id")) if ppl else ())


@family("shapefile-dbf")
def _shapefile(s: Synth) -> Iterator[Case]:
    """A zipped point shapefile whose attribute table holds national ids."""
    points = [(round(51.3 + i / 50, 2), round(35.7 + i / 80, 2)) for i in range(8)]
    ids = [s.national_id() for _ in range(8)]
    fields = [("DISTRICT", "N", 4), ("CODE", "C", 12), ("LABEL", "C", 40)]
    personal = [[str(i % 22 + 1), ids[i], "خانه"] for i in range(8)]
    clean = [[str(i % 22 + 1), f"P-{i + 1}", "بوستان"] for i in range(8)]
    yield Case("shapefile-dbf", "personal", "homes.zip", formats.shapefile_zip("homes", points, fields, personal),
               REFUSED, frozenset({NID}), tuple(ids))
    yield Case("shapefile-dbf", "clean", "homes.zip", formats.shapefile_zip("homes", points, fields, clean),
               PUBLISHED)


@family("zip-bomb")
def _bomb(s: Synth) -> Iterator[Case]:
    """A member that inflates a thousandfold: refused as unscreenable before it is read."""
    yield Case("zip-bomb", "personal", "data.zip", formats.zip_bomb("people.csv", 20 << 20), UNSCREENABLE)
    yield Case("zip-bomb", "clean", "data.zip", formats.zip_bomb("parks.csv", 20 << 20), UNSCREENABLE)


# --- XML, HTML, KML ----------------------------------------------------------------------


def _refs(value: str, hexa: bool = False) -> str:
    """``value`` as numeric character references."""
    return "".join(f"&#x{ord(c):x};" if hexa else f"&#{ord(c)};" for c in value)


@family("xml-charrefs")
def _xml(s: Synth) -> Iterator[Case]:
    people = _people(s, 3)

    def doc(ppl) -> bytes:
        recs = "".join(
            f'<record id="{i}"><name>{html.escape(p["name"])}</name><phone>{_refs(p["mobile"])}</phone>'
            f'<code>{_refs(p["national_id"], True)}</code></record>' if p else
            f'<record id="{i}"><name>بوستان {i}</name><phone>{_refs(str(1250 + i))}</phone>'
            f'<code>{_refs(str(36 + i), True)}</code></record>'
            for i, p in enumerate(ppl, start=1))
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<records>{recs}</records>\n'.encode()

    yield Case("xml-charrefs", "personal", "records.xml", doc(people), REFUSED, frozenset({MOBILE, NID}),
               _vals(people, ("mobile", "national_id")))
    yield Case("xml-charrefs", "clean", "records.xml", doc([None] * 3), PUBLISHED)


@family("xml-attributes")
def _xml_attrs(s: Synth) -> Iterator[Case]:
    people = _people(s, 3)

    def doc(ppl) -> bytes:
        recs = "".join(
            f'<record phone="{_refs(p["mobile"], True)}" sheba="{p["iban"][:2]}{_refs(p["iban"][2:])}"/>' if p
            else f'<record phone="{_refs(str(1250 + i), True)}" sheba="{_refs(str(36 + i))}"/>'
            for i, p in enumerate(ppl))
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<records>{recs}</records>\n'.encode()

    yield Case("xml-attributes", "personal", "records.xml", doc(people), REFUSED, frozenset({MOBILE, IBAN}),
               _vals(people, ("mobile", "iban")))
    yield Case("xml-attributes", "clean", "records.xml", doc([None] * 3), PUBLISHED)


@family("html-entities-attributes")
def _html(s: Synth) -> Iterator[Case]:
    """Named entities that are split characters (&shy; &lrm; &nbsp;) and attributes."""
    people = _people(s, 3)

    def doc(ppl) -> bytes:
        rows = "".join(
            f'<tr><td>{html.escape(p["name"])}</td><td>{p["mobile"][:4]}&shy;{p["mobile"][4:7]}&lrm;'
            f'{p["mobile"][7:]}</td><td><a href="tel:{_refs(p["mobile"], True)}" '
            f'data-code="{_refs(p["national_id"])}">تماس</a></td></tr>' if p else
            f'<tr><td>بوستان {i}</td><td>12&shy;5&lrm;0</td><td><a href="/parks/{i}" '
            f'data-code="{_refs(str(i))}">نقشه</a></td></tr>'
            for i, p in enumerate(ppl))
        return (f'<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
                f"<title>فهرست</title></head><body><table>{rows}</table></body></html>\n").encode()

    yield Case("html-entities-attributes", "personal", "list.html", doc(people), REFUSED,
               frozenset({MOBILE, NID}), _vals(people, ("mobile", "national_id")))
    yield Case("html-entities-attributes", "clean", "list.html", doc([None] * 3), PUBLISHED)


@family("kml-charrefs-attributes")
def _kml(s: Synth) -> Iterator[Case]:
    people = _people(s, 3)

    def doc(ppl) -> bytes:
        marks = "".join(
            f'<Placemark><name>{_refs(p["mobile"])}</name><ExtendedData>'
            f'<Data name="{_refs(p["national_id"], True)}"><value>خانه</value></Data></ExtendedData>'
            f"<Point><coordinates>51.{30 + i},35.{70 + i}</coordinates></Point></Placemark>" if p else
            f'<Placemark><name>بوستان {_refs(str(i))}</name><ExtendedData>'
            f'<Data name="{_refs("district", True)}"><value>{i}</value></Data></ExtendedData>'
            f"<Point><coordinates>51.{30 + i},35.{70 + i}</coordinates></Point></Placemark>"
            for i, p in enumerate(ppl))
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
                f"<Document>{marks}</Document></kml>\n").encode()

    yield Case("kml-charrefs-attributes", "personal", "homes.kml", doc(people), REFUSED,
               frozenset({MOBILE, NID}), _vals(people, ("mobile", "national_id")))
    yield Case("kml-charrefs-attributes", "clean", "homes.kml", doc([None] * 3), PUBLISHED)


@family("xml-dtd-entity")
def _xml_entity(s: Synth) -> Iterator[Case]:
    """The internal DTD's entities hold the value's halves: only an expanded reading has it."""
    mobile = s.mobile()

    def doc(a: str, b: str) -> bytes:
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE records [<!ENTITY a "{a}">'
                f'<!ENTITY b "{b}">]>\n<records><record><phone>&a;&b;</phone></record></records>\n').encode()

    yield Case("xml-dtd-entity", "personal", "records.xml", doc(mobile[:4], mobile[4:]), REFUSED,
               frozenset({MOBILE}), (mobile,))
    yield Case("xml-dtd-entity", "clean", "records.xml", doc("بوستان ", "لاله"), PUBLISHED)


# --- PDF -------------------------------------------------------------------------------


@family("pdf-text")
def _pdf(s: Synth) -> Iterator[Case]:
    p = _people(s, 1)[0]
    lines = ["Citizen request follow-up, district 3", f"Applicant mobile: {p['mobile']}",
             f"National code: {p['national_id']}", f"Refund to IBAN {p['iban']}"]
    yield Case("pdf-text", "personal", "report.pdf", formats.pdf_with_text(lines), REFUSED,
               frozenset({MOBILE, IBAN}), (p["mobile"], p["national_id"], p["iban"]))
    clean = ["Annual report, district 3", "Trees planted: 1250", "Parks renovated: 36",
             "Budget spent: 48 percent"]
    yield Case("pdf-text", "clean", "report.pdf", formats.pdf_with_text(clean), PUBLISHED)


@family("pdf-info-author")
def _pdf_info(s: Synth) -> Iterator[Case]:
    """Clean page text; the document information's author holds the mobile."""
    mobile = s.mobile()
    lines = ["Annual report, district 3", "Trees planted: 1250"]
    yield Case("pdf-info-author", "personal", "report.pdf", formats.pdf_with_text(lines, f"Prepared by {mobile}"),
               REFUSED, frozenset({MOBILE}), (mobile,))
    yield Case("pdf-info-author", "clean", "report.pdf", formats.pdf_with_text(lines, "Statistics office"),
               PUBLISHED)


@family("pdf-image-only")
def _pdf_scan(s: Synth) -> Iterator[Case]:
    """A scan: no text can be extracted, so it cannot be screened (both twins)."""
    yield Case("pdf-image-only", "personal", "scan.pdf", formats.pdf_image_only(1), UNSCREENABLE)
    yield Case("pdf-image-only", "clean", "scan.pdf", formats.pdf_image_only(2), UNSCREENABLE)


# --- Tables: misleading headers, no header ------------------------------------------------


def _header_family(name: str, header: list[str], clean_value: Callable[[Synth, int], str]) -> Builder:
    def build(s: Synth) -> Iterator[Case]:
        people = _people(s)
        rows = [[i + 1, *(p[k] for k in KINDS)] for i, p in enumerate(people)]
        yield Case(name, "personal", "table.csv", formats.csv_bytes(header, rows), REFUSED, ALL4,
                   _vals(people))
        clean = [[i + 1, *(clean_value(s, c) for c in range(4))] for i in range(len(people))]
        yield Case(name, "clean", "table.csv", formats.csv_bytes(header, clean), PUBLISHED)

    return build


FAMILIES["header-money"] = _header_family(
    "header-money", ["ردیف", "مبلغ (ریال)", "مبلغ کل", "هزینه", "بودجه"],
    lambda s, c: str(s.rng.randint(1, 900) * 1_000_000))
FAMILIES["header-date"] = _header_family(
    "header-date", ["ردیف", "تاریخ", "تاریخ ثبت", "سال", "date"],
    lambda s, c: f"14{s.rng.randint(0, 3):02d}/{s.rng.randint(1, 12):02d}/{s.rng.randint(1, 29):02d}")
FAMILIES["header-district"] = _header_family(
    "header-district", ["ردیف", "منطقه", "ناحیه", "محله", "district"],
    lambda s, c: str(s.rng.randint(1, 22)))


@family("table-no-header")
def _no_header(s: Synth) -> Iterator[Case]:
    """No header row: the first row is a person; reports name columns by position."""
    people = _people(s, 8)
    rows = [[p["name"], p["mobile"], p["national_id"], str(i % 22 + 1)] for i, p in enumerate(people)]
    yield Case("table-no-header", "personal", "people.csv", formats.csv_bytes(None, rows), REFUSED,
               frozenset({MOBILE, NID}), _vals(people, ("mobile", "national_id")),
               no_quote=tuple(rows[0][:3]))
    clean = [[f"بوستان {name}", str(s.rng.randint(3, 90)), str(s.rng.randint(100, 900)), str(i % 22 + 1)]
             for i, name in enumerate(("لاله", "ملت", "نهج‌البلاغه", "گفتگو", "آب و آتش", "جمشیدیه",
                                       "قیطریه", "پردیسان"))]
    yield Case("table-no-header", "clean", "people.csv", formats.csv_bytes(None, clean), PUBLISHED,
               no_quote=(clean[0][0],))


# --- The upload's own name (live only: the file name is in the download URL) ---------------


@family("upload-filename")
def _filename(s: Synth) -> Iterator[Case]:
    mobile = s.mobile()
    body = _pii_csv(None)
    yield Case("upload-filename", "personal", f"tamas-{mobile}.csv", body, REFUSED, frozenset({MOBILE}),
               (mobile,), live_only=True)
    yield Case("upload-filename", "clean", "parks-1402.csv", body, PUBLISHED, live_only=True)


def build_corpus(seed: int = SEED) -> list[Case]:
    """Every case of every family, the same for the same seed."""
    synth = Synth(seed)
    cases: list[Case] = []
    for name, builder in FAMILIES.items():
        built = list(builder(synth))
        assert {c.family for c in built} == {name}, name
        cases.extend(built)
    return cases


@functools.cache
def corpus() -> tuple[Case, ...]:
    """The corpus of the fixed seed, built once per process."""
    return tuple(build_corpus())


def write_corpus(outdir: str | Path, cases: list[Case] | None = None) -> dict[str, Path]:
    """Write each case's file under ``outdir/<family>/<twin>/<filename>``."""
    out: dict[str, Path] = {}
    for case in cases if cases is not None else build_corpus():
        path = Path(outdir) / case.family / case.twin / case.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.data)
        out[case.id] = path
    return out


if __name__ == "__main__":
    written = write_corpus(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    print(f"{len(written)} files")

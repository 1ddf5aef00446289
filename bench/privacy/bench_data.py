"""A synthetic open-data CSV for the throughput benchmark (written to /tmp, never the repo).

Rows look like a municipal service-request export: ids, dates, amounts, districts,
free-text descriptions, coordinates; about one row in ten carries personal data
(a national ID, a mobile number, a name, an address).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_values import Values  # noqa: E402

HEADER = (
    "شناسه,تاریخ,منطقه,محله,سن,جنسیت,نوع درخواست,توضیحات,مبلغ (ریال),کد ملی,تلفن همراه,lat,lon\n"
)
KINDS = ["سد معبر", "روشنایی معابر", "جمع‌آوری زباله", "آسفالت", "فضای سبز", "حمل و نقل"]
AREAS = ["تجریش", "ونک", "نارمک", "شهرری", "پونک", "سعادت‌آباد", "یوسف‌آباد", "تهرانپارس"]
NOTES = [
    "درخواست در دست بررسی است",
    "بازدید کارشناس انجام شد",
    "نیاز به پیگیری واحد خدمات شهری",
    "پارک ملت نیاز به روشنایی بیشتر دارد",
    "تماس با ۱۳۷ برقرار شد",
]


def write_csv(path: Path, megabytes: int, seed: int = 7, pool_size: int | None = 5000) -> Path:
    """Write about ``megabytes`` MB of rows to ``path``.

    Rows are drawn in turn from a pool of ``pool_size`` generated rows (ids keep them
    distinct), as an export whose records repeat; ``pool_size=None`` generates every
    row afresh, so no personal value, note or coordinate repeats except by chance.
    """
    rng = random.Random(seed)
    v = Values(rng, heldout=False)
    target = megabytes * 1_000_000

    def row() -> list[str]:
        pii = rng.random() < 0.1
        note = rng.choice(NOTES)
        if pii:
            note = f"متقاضی {v.person()} به نشانی {v.address()} تماس {v.mobile()}"
        return [
            v.jalali(),
            str(rng.randint(1, 22)),
            rng.choice(AREAS),
            str(rng.randint(18, 85)),
            rng.choice(["زن", "مرد"]),
            rng.choice(KINDS),
            '"' + note + '"',
            v.budget(),
            v.national_id() if pii else "",
            v.mobile() if pii else "",
            f"{35.6 + rng.random() * 0.2:.6f}",
            f"{51.2 + rng.random() * 0.3:.6f}",
        ]

    pool = [row() for _ in range(pool_size)] if pool_size else []
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        i = 0
        lines = []
        while written < target:
            cells = pool[i % len(pool)] if pool else row()
            line = f"{i}," + ",".join(cells) + "\n"
            lines.append(line)
            written += len(line.encode())
            i += 1
            if len(lines) >= 10000:
                fh.write("".join(lines))
                lines = []
        fh.write("".join(lines))
    return path

"""Generate the labelled privacy evaluation sets (synthetic; no real people).

``dev`` (seed 1, templates A) is what the detectors were tuned on; ``heldout``
(seed 2, templates B, extra names and surnames) was written separately and is
what docs/privacy-evaluation.md reports. Each line is ``{"id", "text",
"entities": [{"type", "start", "end"}]}`` or ``{"id", "header", "values",
"column_pii_type"}``.

    python bench/privacy/eval_generate.py   # writes bench/privacy/data/*.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_values import ORGS, PARKS, Values  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"

# {SLOT} is replaced by a value; slots in LABELS are gold entities, the rest are
# hard negatives or filler.
LABELS = {
    "NID": "NATIONAL_ID",
    "LEGAL": "LEGAL_ENTITY_ID",
    "MOB": "PHONE_MOBILE",
    "TEL": "PHONE_LANDLINE",
    "POST": "POSTAL_CODE",
    "CARD": "BANK_CARD",
    "IBAN": "IBAN",
    "PLATE": "LICENSE_PLATE",
    "BC": "BIRTH_CERT",
    "PASS": "PASSPORT",
    "EMAIL": "EMAIL",
    "ADDR": "ADDRESS",
    "GPS": "GPS",
    "NAME": "PERSON",
    "LNAME": "PERSON",
}

TEMPLATES_DEV = [
    "آقای {NAME} با کد ملی {NID} درخواست خود را ثبت کرد.",
    "خانم {NAME}، تلفن همراه: {MOB}",
    "متقاضی {NAME} به نشانی {ADDR} ساکن است.",
    "کد پستی منزل: {POST} و تلفن ثابت {TEL}",
    "شماره کارت {CARD} برای واریز اعلام شد.",
    "شماره شبا {IBAN} به نام {NAME}",
    "شماره شناسنامه {BC} صادره از تهران",
    "شماره گذرنامه: {PASS}",
    "ایمیل متقاضی: {EMAIL}",
    "خودرو با پلاک {PLATE} در محل متوقف شد.",
    "موقعیت منزل: {GPS}",
    "شناسه ملی شرکت پیمانکار {LEGAL} است.",
    "Applicant Mr. {LNAME}, phone {MOB}, national ID {NID}",
    "بودجه پروژه {BUDGET} ریال است.",
    "تاریخ جلسه {JALALI} اعلام شد و شماره تماس {HOTLINE} پاسخگوست.",
    "مختصات {PARK}: {GPS_PUBLIC}",
    "تلفن {ORG}: {TEL_PUBLIC} و ایمیل info@tehran.ir",
    "کد ایستگاه {CODE} در منطقه ۳ ثبت شد.",
    "شماره کارت {CARD_BAD} نامعتبر است و کد {NID_BAD} نیز.",
    "خیابان شهید {NAME_PUBLIC} از سمت میدان بسته است.",
    # Seed-catalog false positives: permits, attributions, facilities.
    "صدور {PERMIT} برای ملک {NAME} انجام شد.",
    "© 2024 {LNAME_PUBLIC}. MIT License.",
    "منبع: {NAME_PUBLIC}",
    "مختصات {FACILITY}: {GPS_PUBLIC}",
]

TEMPLATES_HELDOUT = [
    "پرونده مربوط به {NAME} (کدملی {NID}) بررسی شد.",
    "در صورت نیاز با {MOB} تماس بگیرید.",
    "نامه به آدرس {ADDR} ارسال گردید؛ کدپستی {POST}.",
    "جناب آقای {NAME}، شماره ثابت منزل {TEL} ثبت شد.",
    "مبلغ به کارت {CARD} به نام {NAME} واریز شود.",
    "حساب شبا: {IBAN}",
    "ش.ش {BC} - متولد ۱۳۶۵",
    "passport no. {PASS} issued in Tehran",
    "برای پیگیری به {EMAIL} نامه بزنید.",
    "پلاک {PLATE} مربوط به خودروی متقاضی است.",
    "lat/lon: {GPS}",
    "شرکت با شناسه‌ملی {LEGAL} ثبت شده است.",
    "Contact: {LNAME} <{EMAIL}>, mobile {MOB}",
    "{NAME} و همسرش در {ADDR} زندگی می‌کنند.",
    "هزینه نگهداری سالانه {BUDGET} تومان برآورد شد.",
    "جلسه در {JALALI} برگزار و شماره {HOTLINE} اعلام شد.",
    "{PARK} در {GPS_PUBLIC} قرار دارد.",
    "شماره تماس {ORG} {TEL_PUBLIC} است.",
    "کد ایستگاه پایش هوا {CODE} و جمعیت ناحیه {CODE}",
    "موقعیت تقریبی محله: {GPS_LOW}",
    "کد {NID_BAD} در سامانه پذیرفته نشد.",
    "بوستان {NAME_PUBLIC} بازگشایی شد.",
    # Seed-catalog false positives, phrased apart from the dev templates.
    "تعداد {PERMIT} صادرشده در سال گذشته افزایش یافت.",
    "داده‌ها از مخزن {HANDLE} برداشته شده است.",
    "Copyright (c) 2023 {LNAME_PUBLIC}, released under the MIT licence",
    "گردآورنده: {NAME_PUBLIC}",
    "{FACILITY} در مختصات {GPS_PUBLIC} واقع است.",
]

# Hard negatives for the seed catalog's false positives; each set written apart.
PERMITS_DEV = ["پروانه ساختمانی", "پروانه کسب", "پروانه بهداشتی", "پروانه کار"]
PERMITS_HELDOUT = [
    "پروانه‌های ساختمانی",
    "پروانه بهره\u200cبرداری",
    "پروانه اقامت",
    "پروانه صید",
    "پروانه تاکسیرانی",
    "پروانه فعالیت",
]
FACILITIES_DEV = ["پارکینگ عمومی", "مرکز بهداشت", "پل طبیعت", "کتابخانه عمومی", "bus stop"]
FACILITIES_HELDOUT = [
    "پارکینگ طبقاتی ولیعصر",
    "سرای محله امیرآباد",
    "درمانگاه شبانه\u200cروزی",
    "مسجد جامع",
    "ایستگاه دوچرخه ونک",
    "خانه سلامت نارمک",
    "Fire station No. 4",
    "پایانه غرب",
]


class Generator:
    def __init__(self, seed: int, heldout: bool) -> None:
        self.rng = random.Random(seed)
        self.v = Values(self.rng, heldout)
        self.templates = TEMPLATES_HELDOUT if heldout else TEMPLATES_DEV
        self.permits = PERMITS_HELDOUT if heldout else PERMITS_DEV
        self.facilities = FACILITIES_HELDOUT if heldout else FACILITIES_DEV

    def slot(self, name: str) -> str:
        v = self.v
        return {
            "NID": v.national_id,
            "LEGAL": v.legal_id,
            "MOB": v.mobile,
            "TEL": v.landline,
            "POST": v.postal,
            "CARD": v.card,
            "IBAN": v.iban,
            "PLATE": v.plate,
            "BC": v.birth_cert,
            "PASS": v.passport,
            "EMAIL": v.email,
            "ADDR": v.address,
            "GPS": v.gps,
            "NAME": v.person,
            "LNAME": v.latin_person,
            "BUDGET": v.budget,
            "JALALI": v.jalali,
            "HOTLINE": v.hotline,
            "CODE": v.code,
            "PARK": lambda: self.rng.choice(PARKS),
            "GPS_PUBLIC": v.gps,
            "ORG": lambda: self.rng.choice(ORGS),
            "TEL_PUBLIC": v.landline,
            "CARD_BAD": lambda: v.card(valid=False),
            "NID_BAD": lambda: v.national_id(valid=False),
            "NAME_PUBLIC": v.person,
            "GPS_LOW": v.low_precision_gps,
            "PERMIT": lambda: self.rng.choice(self.permits),
            "FACILITY": lambda: self.rng.choice(self.facilities),
            "LNAME_PUBLIC": v.latin_person,
            "HANDLE": self.handle,
        }[name]()

    def handle(self) -> str:
        """A repository path such as ``ali-rezaei/TehranData``."""
        first, last = self.v.latin_person().lower().split()
        sep = self.rng.choice(["-", "", "_"])
        repo = self.rng.choice(["TehranData", "AmlakNama", "open-data", "metro-stats"])
        return f"{first}{sep}{last}/{repo}"

    def sentence(self, template: str) -> tuple[str, list[dict]]:
        text, ents, pos = "", [], 0
        for piece in re.split(r"(\{[A-Z_]+\})", template):
            if piece.startswith("{"):
                name = piece[1:-1]
                value = self.slot(name)
                if name in LABELS:
                    ents.append({"type": LABELS[name], "start": pos, "end": pos + len(value)})
            else:
                value = self.arabic_letters(piece)
            text += value
            pos += len(value)
        return text, ents

    def arabic_letters(self, s: str) -> str:
        """Sometimes typed on an Arabic keyboard: ی→ي, ک→ك (same length)."""
        if self.rng.random() < 0.2:
            return s.replace("ی", "ي").replace("ک", "ك")
        return s

    def document(self, i: int) -> dict:
        text, ents = "", []
        for _ in range(self.rng.randint(1, 3)):
            sent, sent_ents = self.sentence(self.rng.choice(self.templates))
            if text:
                text += self.rng.choice([" ", "\n", " "])
            for e in sent_ents:
                ents.append({**e, "start": e["start"] + len(text), "end": e["end"] + len(text)})
            text += sent
        return {"id": f"t{i}", "text": text, "entities": ents}

    def column(self, i: int, heldout: bool) -> dict:
        from eval_columns import column_record  # noqa: PLC0415

        return column_record(self, i, heldout)


def generate(seed: int, heldout: bool, n_docs: int, n_columns: int) -> list[dict]:
    gen = Generator(seed, heldout)
    records = [gen.document(i) for i in range(n_docs)]
    records += [gen.column(i, heldout) for i in range(n_columns)]
    return records


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for name, seed, heldout in (("dev", 1, False), ("heldout", 2, True)):
        records = generate(seed, heldout, n_docs=1500, n_columns=300)
        with open(DATA / f"eval_{name}.jsonl", "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(name, len(records))


if __name__ == "__main__":
    main()

"""Synthetic values for the privacy evaluation set: valid IDs, names, addresses.

Every identifier is random with a valid (or, for hard negatives, deliberately
invalid) check digit; names and streets come from lists written here. Nothing
refers to a real person.
"""

from __future__ import annotations

import random

from ckanext.smarttehran.privacy import checksums

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC = "٠١٢٣٤٥٦٧٨٩"

# Two name pools: the tuning ("dev") pool overlaps the detector lexicon; the
# held-out pool adds given names and surnames the lexicon has never seen.
FIRST_DEV = [
    "علی",
    "محمد",
    "حسین",
    "رضا",
    "مهدی",
    "سعید",
    "مریم",
    "فاطمه",
    "زهرا",
    "نرگس",
    "لیلا",
    "سارا",
    "مینا",
    "آرش",
    "بابک",
    "نیما",
]
FIRST_HELDOUT = [
    "حمید",
    "مجید",
    "کامران",
    "شهرام",
    "الهام",
    "سمیرا",
    "شیرین",
    "پریسا",
    "ژاله",
    "مهسا",
    "پرهام",
    "سینا",
    "هانیه",
    "یاسمن",
    "بهنام",
    "کیارش",
    "رها",
    "ترنم",
    "آوا",
    "دلارام",
    "سامان",
    "فرامرز",
]
LAST_DEV = ["رضایی", "احمدی", "محمدی", "کریمی", "حسینی", "موسوی", "جعفری", "صادقی", "نوری", "اکبری"]
LAST_HELDOUT = [
    "فرهادی",
    "رحمانی",
    "شاکری",
    "دلاوری",
    "بهبهانی",
    "آقاجانی",
    "نیک\u200cنام",
    "کاظم\u200cزاده",
    "قلی\u200cپور",
    "تهرانی\u200cنژاد",
    "امیرخانی",
    "سلطانی",
    "ملکی",
    "پاکزاد",
    "شفیعی",
    "گودرزی",
]
LATIN_FIRST = ["Ali", "Reza", "Maryam", "Sara", "Hamid", "Neda", "Babak", "Shirin", "Kian", "Elham"]
LATIN_LAST = ["Rezaei", "Ahmadi", "Karimi", "Hosseini", "Farhadi", "Tehrani", "Soltani", "Moradi"]
STREETS = [
    "ولیعصر",
    "آزادی",
    "انقلاب",
    "شریعتی",
    "ستارخان",
    "پاسداران",
    "ملاصدرا",
    "جمهوری",
    "کارگر",
    "دماوند",
]
ALLEYS = ["گلستان", "بهار", "نسترن", "لاله", "یاس", "مریم", "اقاقیا", "سوم", "ششم", "دوازدهم"]
CITIES = ["تهران", "شهریار", "ری", "اسلامشهر"]
PARKS = ["پارک ملت", "بوستان لاله", "پارک شهر", "ایستگاه مترو تجریش", "بوستان جوانمردان"]
ORGS = ["شهرداری تهران", "سازمان فاوا", "روابط عمومی منطقه ۶", "اداره کل", "ستاد خبری"]
PLATE_LETTERS = ["ب", "ج", "د", "س", "ص", "ط", "ق", "ل", "م", "ن", "و", "ه", "ی"]
EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "chmail.ir", "outlook.com", "mail.ir"]
AREA = ["21", "26", "31", "41", "51", "71", "81"]


class Values:
    """Random values; ``style`` renders digits (Latin, Persian, Arabic, mixed)."""

    def __init__(self, rng: random.Random, heldout: bool) -> None:
        self.rng = rng
        self.first = FIRST_DEV + (FIRST_HELDOUT if heldout else [])
        self.last = LAST_DEV + (LAST_HELDOUT if heldout else [])
        self.heldout = heldout

    def digits(self, n: int, first: str = "0123456789") -> str:
        r = self.rng
        return r.choice(first) + "".join(r.choice("0123456789") for _ in range(n - 1))

    def render(self, s: str) -> str:
        """Latin digits to a random digit script (sometimes mixed per digit)."""
        r = self.rng
        mode = r.choice(["latin", "persian", "persian", "arabic", "mixed"])
        out = []
        for ch in s:
            if ch.isdigit():
                m = mode if mode != "mixed" else r.choice(["latin", "persian", "arabic"])
                ch = {"latin": ch, "persian": PERSIAN[int(ch)], "arabic": ARABIC[int(ch)]}[m]
            out.append(ch)
        return "".join(out)

    def group(self, s: str, sizes: list[int], seps: str) -> str:
        sep = self.rng.choice(seps)
        parts, i = [], 0
        for size in sizes:
            parts.append(s[i : i + size])
            i += size
        if i < len(s):
            parts.append(s[i:])
        return sep.join(p for p in parts if p)

    # -- identifiers -----------------------------------------------------
    def national_id(self, valid: bool = True) -> str:
        while True:
            body = self.digits(9)
            check = checksums.national_id_check_digit(body)
            if not valid:
                check = (check + self.rng.randint(1, 9)) % 10
            nid = body + str(check)
            if checksums.is_national_id(nid) == valid and not nid.endswith("0000"):
                break
        if self.rng.random() < 0.15:
            nid = self.group(nid, [3, 6], "-")
        return self.render(nid)

    def legal_id(self) -> str:
        body = "1" + self.digits(9)
        return self.render(body + str(checksums.legal_entity_check_digit(body)))

    def mobile(self) -> str:
        r = self.rng
        core = "9" + r.choice("0123") + self.digits(8)
        form = r.choice(["0", "0", "+98", "0098", "+98 "])
        s = ("0" + core) if form == "0" else form + core if form != "+98 " else "+98 " + core
        if r.random() < 0.5 and form == "0":
            s = self.group(s, [4, 3, 4], [" ", "-", "\u00a0", "\u200c", "."][r.randrange(5)])
        if form.startswith("+98") and r.random() < 0.5:
            s = "+98 " + self.group(core, [3, 3, 4], " -")
        return self.render(s)

    def landline(self) -> str:
        r = self.rng
        s = "0" + r.choice(AREA) + self.digits(8, "2345678")
        if r.random() < 0.6:
            s = self.group(s, [3, 8], "- ")
        return self.render(s)

    def postal(self) -> str:
        while True:
            s = self.digits(10, "13456789")
            if checksums.is_postal_code(s):
                break
        if self.rng.random() < 0.4:
            s = s[:5] + "-" + s[5:]
        return self.render(s)

    def card(self, valid: bool = True) -> str:
        body = self.rng.choice(["603799", "589210", "610433", "627353", "502229"]) + self.digits(9)
        check = checksums.luhn_check_digit(body)
        if not valid:
            check = (check + self.rng.randint(1, 9)) % 10
        s = body + str(check)
        if self.rng.random() < 0.6:
            s = self.group(s, [4, 4, 4, 4], " -")
        return self.render(s)

    def iban(self) -> str:
        bban = "0" + self.rng.choice(["12", "17", "55", "56", "62"]) + "0" + self.digits(18)
        s = "IR" + checksums.iban_check_digits(bban) + bban
        if self.rng.random() < 0.4:
            s = self.group(s, [4, 4, 4, 4, 4, 4], " ")
        return s[:2] + self.render(s[2:])

    def plate(self) -> str:
        r = self.rng
        return self.render(
            f"{self.digits(2, '123456789')} {r.choice(PLATE_LETTERS)} {self.digits(3, '123456789')}"
            f" ایران {self.digits(2, '123456789')}"
        )

    def birth_cert(self) -> str:
        return self.render(self.digits(self.rng.randint(1, 6), "123456789"))

    def passport(self) -> str:
        return self.rng.choice("ABKLPRUX") + self.render(self.digits(8))

    def email(self) -> str:
        r = self.rng
        user = (
            r.choice(LATIN_FIRST).lower() + r.choice([".", "_", ""]) + r.choice(LATIN_LAST).lower()
        )
        return (
            user
            + (str(r.randint(1, 99)) if r.random() < 0.4 else "")
            + "@"
            + r.choice(EMAIL_DOMAINS)
        )

    def gps(self) -> str:
        r = self.rng
        lat, lon = 35.6 + r.random() * 0.2, 51.2 + r.random() * 0.3
        d = r.randint(5, 6)
        return self.render(f"{lat:.{d}f}{r.choice([', ', ',', ' ، ', ' '])}{lon:.{d}f}")

    def person(self) -> str:
        return f"{self.rng.choice(self.first)} {self.rng.choice(self.last)}"

    def latin_person(self) -> str:
        return f"{self.rng.choice(LATIN_FIRST)} {self.rng.choice(LATIN_LAST)}"

    def address(self) -> str:
        r = self.rng
        parts = []
        if r.random() < 0.5:
            parts.append(r.choice(CITIES))
        parts.append(f"خیابان {r.choice(STREETS)}")
        if r.random() < 0.8:
            parts.append(f"کوچه {r.choice(ALLEYS)}")
        parts.append(f"پلاک {self.render(str(r.randint(1, 250)))}")
        if r.random() < 0.5:
            parts.append(f"واحد {self.render(str(r.randint(1, 20)))}")
        return r.choice(["، ", "، ", " - "]).join(parts)

    # -- hard negatives --------------------------------------------------
    def budget(self) -> str:
        return self.render(
            self.digits(self.rng.randint(1, 3), "123456789") + "0" * self.rng.randint(7, 9)
        )

    def jalali(self) -> str:
        r = self.rng
        return self.render(
            f"14{r.randint(0, 3)}{r.randint(0, 9)}/{r.randint(1, 12):02d}/{r.randint(1, 29):02d}"
        )

    def hotline(self) -> str:
        return self.render(self.rng.choice(["137", "1888", "125", "110", "115", "1817"]))

    def code(self) -> str:
        return self.render(self.digits(self.rng.choice([6, 8, 10, 12]), "123456789"))

    def low_precision_gps(self) -> str:
        r = self.rng
        return self.render(f"{35.6 + r.random() * 0.2:.2f}, {51.2 + r.random() * 0.3:.2f}")

"""Column records for the evaluation set: a header and values, labelled with a type or None."""

from __future__ import annotations

HEADERS_DEV = {
    "NATIONAL_ID": ["کد ملی", "national_id", ""],
    "PHONE_MOBILE": ["تلفن همراه", "mobile", ""],
    "POSTAL_CODE": ["کد پستی", "postal_code"],
    "BANK_CARD": ["شماره کارت", ""],
    "IBAN": ["شبا", "iban"],
    "EMAIL": ["ایمیل", "email", ""],
    "PERSON": ["نام و نام خانوادگی", "name"],
    "ADDRESS": ["نشانی", "address"],
    "GPS": ["lat", "موقعیت"],
    "BIRTH_CERT": ["شماره شناسنامه"],
}
HEADERS_HELDOUT = {
    "NATIONAL_ID": ["کدملی متقاضی", "NationalCode", "شناسه فرد"],
    "PHONE_MOBILE": ["شماره همراه", "cell_phone", "ستون ۴"],
    "POSTAL_CODE": ["کدپستی منزل", "zip"],
    "BANK_CARD": ["کارت بانکی", "col7"],
    "IBAN": ["شماره شبا", "IBAN"],
    "EMAIL": ["رایانامه", "E-mail", "contact"],
    "PERSON": ["نام متقاضی", "full_name", "نام خانوادگی"],
    "ADDRESS": ["آدرس محل سکونت", "Address"],
    "GPS": ["latitude", "مختصات"],
    "BIRTH_CERT": ["ش.ش"],
}
NEGATIVE_HEADERS = [
    "مبلغ (ریال)",
    "تاریخ",
    "کد ایستگاه",
    "جمعیت",
    "نام پارک",
    "budget",
    "ردیف",
    "توضیحات",
]


def column_record(gen, i: int, heldout: bool) -> dict:
    rng, v = gen.rng, gen.v
    headers = HEADERS_HELDOUT if heldout else HEADERS_DEV
    n = rng.randint(20, 60)
    if rng.random() < 0.35:
        header = rng.choice(NEGATIVE_HEADERS)
        maker = {
            "مبلغ (ریال)": v.budget,
            "budget": v.budget,
            "تاریخ": v.jalali,
            "کد ایستگاه": v.code,
            "جمعیت": v.code,
            "ردیف": lambda: str(rng.randint(1, 9999)),
            "نام پارک": lambda: rng.choice(["پارک ملت", "بوستان لاله", "پارک شهر"]),
            "توضیحات": lambda: rng.choice(["تکمیل شد", "در دست اقدام", "نیاز به بازدید"]),
        }[header]
        values = [maker() for _ in range(n)]
        if header == "کد ایستگاه":  # 10-digit codes, some of which pass the ID check
            values = [v.code() for _ in range(n)]
        return {"id": f"c{i}", "header": header, "values": values, "column_pii_type": None}
    type_ = rng.choice(sorted(headers))
    header = rng.choice(headers[type_])
    maker = {
        "NATIONAL_ID": v.national_id,
        "PHONE_MOBILE": v.mobile,
        "POSTAL_CODE": v.postal,
        "BANK_CARD": v.card,
        "IBAN": v.iban,
        "EMAIL": v.email,
        "PERSON": v.person,
        "ADDRESS": v.address,
        "GPS": lambda: v.gps().split(",")[0].split(" ")[0],
        "BIRTH_CERT": v.birth_cert,
    }[type_]
    values = [maker() if rng.random() > 0.1 else "" for _ in range(n)]
    return {"id": f"c{i}", "header": header, "values": values, "column_pii_type": type_}

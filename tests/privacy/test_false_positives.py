"""False positives found when loading the seed catalog, and the positives next to them.

Permits named like people (پروانه ساختمانی), attributions of a data set's source,
location columns of public-facility tables, and coordinates of facilities.
"""

from __future__ import annotations

import pytest

from ckanext.smarttehran.privacy import scan_table, scan_text


def types_in(text: str) -> list[tuple[str, str]]:
    """(type, covered text) of every finding."""
    return [(f.type, text[f.start : f.end]) for f in scan_text(text)]


@pytest.mark.parametrize(
    "text",
    [
        "صدور پروانه ساختمانی برای ملک مسکونی",
        "تعداد پروانه‌های ساختمانی صادرشده در سال ۱۴۰۲",
        "پروانه بهداشتی رستوران‌ها تمدید شد",
        "پروانه کسب واحدهای صنفی منطقه ۶",
        "پروانه بهره‌برداری پارکینگ عمومی",
        "آمار پروانه تجاری و اداری",
        "امید به زندگی در تهران افزایش یافت",
        "سیمای شهری محله بهبود یافت",
        "علی اصلی‌ترین گزینه نیست و محمد ملی",
    ],
)
def test_common_noun_phrases_are_not_people(text: str) -> None:
    """A given name heading an everyday noun phrase (a permit, life expectancy) is no person."""
    assert [t for t in types_in(text) if t[0] == "PERSON"] == []


def test_a_permit_word_with_a_real_surname_or_title_is_still_a_person() -> None:
    """پروانه with a known surname, or after خانم, is still a person's name."""
    assert ("PERSON", "پروانه کریمی") in types_in("درخواست پروانه کریمی ثبت شد")
    assert ("PERSON", "پروانه") in types_in("خانم پروانه، متقاضی، تماس گرفت")


def test_a_given_name_and_a_suffix_surname_is_still_a_person() -> None:
    """The surname-ending rule still works for names that are not everyday nouns."""
    assert ("PERSON", "محمد شیرزادی") in types_in("متقاضی محمد شیرزادی مراجعه کرد")


@pytest.mark.parametrize(
    "text",
    [
        "© 2025 Mohammad Shirzadi (MIT licence)",
        "Copyright (c) 2023 Reza Karimi",
        "Data by Ali Rezaei, MIT License",
        "داده از مخزن mohammad-shirzadi/AmlakNama گرفته شده است.",
        "داده از مخزن Mohammad-Shirzadi/AmlakNama",
        "https://github.com/Reza-Karimi/tehran-data",
        "تهیه‌کننده: محمد شیرزادی",
        "منبع: علی رضایی، مرکز آمار",
        "به کوشش مریم احمدی",
        "تهیه‌کننده: آقای علی رضایی",
    ],
)
def test_attributions_are_public(text: str) -> None:
    """Authors, copyright holders, repositories and sources credited in a description are public."""
    assert [t for t in types_in(text) if t[0] == "PERSON"] == []


def test_attribution_words_in_another_sentence_do_not_clear_a_name() -> None:
    """Only an attribution on the same line credits the name; a private person next line is found."""
    text = "منبع: سامانه ۱۳۷\nمتقاضی علی رضایی با شماره ثبت شد"
    assert ("PERSON", "علی رضایی") in types_in(text)


@pytest.mark.parametrize(
    "place",
    [
        "پارکینگ طبقاتی ونک",
        "سرای محله جردن",
        "مرکز بهداشت شماره ۲",
        "پل طبیعت",
        "ایستگاه آتش‌نشانی ۱۲",
        "کتابخانه عمومی",
        "پایانه شرق",
        "Fire station 12",
        "Health centre of District 3",
        "Tabiat bridge",
        "public parking",
        "Sports facility",
    ],
)
def test_facility_coordinates_are_public(place: str) -> None:
    """Coordinates named with a public facility (Persian or English) are not personal."""
    text = f"{place}: 35.712345, 51.404321"
    assert [t for t in types_in(text) if t[0] == "GPS"] == []


def test_short_place_words_match_whole_words_only() -> None:
    """«پل» (bridge) does not clear a home's coordinates because «پلاک» (house number) contains it."""
    text = "منزل متقاضی پلاک ۱۲: 35.712345, 51.404321"
    assert ("GPS", "35.712345, 51.404321") in types_in(text)


FACILITIES = ["کد منطقه", "کد محله", "نام محله", "نام بوستان", "مساحت", "lat", "lon"]


def facility_rows(n: int) -> list[list[str]]:
    """Parks: each in its own neighbourhood, so every location combination is unique."""
    return [
        [str(i % 22 + 1), str(100 + i), f"محله {i}", f"بوستان {i}", str(1000 + i),
         f"35.7{i:04d}", f"51.4{i:04d}"]
        for i in range(60)
    ]


def test_public_facility_tables_are_not_judged_by_k_anonymity() -> None:
    """A table of parks (no person columns) has no k-anonymity check and no personal columns."""
    report = scan_table(FACILITIES, facility_rows(60), k=5)
    assert report.rows_are_people is False
    assert report.k_anonymity is None
    assert report.pii_columns == []


def test_location_columns_count_once_as_the_finest() -> None:
    """District code, neighbourhood code and name are one location quasi-identifier."""
    header = ["سن", "جنسیت", "کد منطقه", "کد محله", "نام محله"]
    rows = [[str(30 + i % 2), "زن", str(i % 3 + 1), str(i % 3 + 10), f"محله {i % 3}"]
            for i in range(60)]
    report = scan_table(header, rows, k=5)
    kanon = report.k_anonymity
    assert report.rows_are_people is True
    assert kanon is not None and kanon.quasi_identifiers == ["سن", "جنسیت", "کد محله"]
    assert kanon.classes == 6 and kanon.passes


def test_people_are_recognised_by_an_identifier_column() -> None:
    """A table with a national-ID column and a neighbourhood is of people: k-anonymity applies."""
    header = ["کد ملی", "محله"]
    rows = [["", f"محله {i}"] for i in range(10)]
    report = scan_table(header, rows, k=5)
    assert report.rows_are_people is True
    assert report.k_anonymity is not None and not report.k_anonymity.passes


def test_explicit_quasi_identifiers_are_always_checked() -> None:
    """When the caller names the quasi-identifiers, k-anonymity is checked even for facilities."""
    report = scan_table(FACILITIES, facility_rows(60), k=5, quasi_identifiers=["کد محله", "کد منطقه"])
    assert report.k_anonymity is not None
    assert report.k_anonymity.quasi_identifiers == ["کد منطقه", "کد محله"]
    assert not report.k_anonymity.passes

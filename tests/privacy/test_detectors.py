"""scan_text: each finding type, the hard negatives, and offsets into the raw text."""

from __future__ import annotations

import json
import random

import pytest

from ckanext.smarttehran.privacy import checksums, scan_text
from tests.privacy.helpers import make_national_id

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def found(text: str) -> list[tuple[str, str]]:
    """(type, covered text) of every finding."""
    return [(f.type, text[f.start : f.end]) for f in scan_text(text)]


def card() -> str:
    body = "603799123456789"
    return body + str(checksums.luhn_check_digit(body))


def iban() -> str:
    bban = "0170000000100324200001"
    return "IR" + checksums.iban_check_digits(bban) + bban


def legal_id() -> str:
    body = "1038028479"
    return body + str(checksums.legal_entity_check_digit(body))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("کد ملی: 0499370899", ("NATIONAL_ID", "0499370899")),
        ("شماره موبایل 09123456789 است", ("PHONE_MOBILE", "09123456789")),
        ("call +98 912 345 6789 now", ("PHONE_MOBILE", "+98 912 345 6789")),
        ("همراه: 00989123456789", ("PHONE_MOBILE", "00989123456789")),
        ("تلفن منزل ۰۲۱-۸۸۷۷۶۶۵۵", ("PHONE_LANDLINE", "۰۲۱-۸۸۷۷۶۶۵۵")),
        ("کد پستی ۱۳۴۵۶-۷۸۹۱۳", ("POSTAL_CODE", "۱۳۴۵۶-۷۸۹۱۳")),
        ("پلاک خودرو ۱۲ ب ۳۴۵ ایران ۶۷", ("LICENSE_PLATE", "۱۲ ب ۳۴۵ ایران ۶۷")),
        ("شماره شناسنامه ۱۲۳۴ صادره از تهران", ("BIRTH_CERT", "۱۲۳۴")),
        ("شماره گذرنامه: K12345678", ("PASSPORT", "K12345678")),
        ("ایمیل: ali.rezaei@gmail.com", ("EMAIL", "ali.rezaei@gmail.com")),
        ("موقعیت منزل: 35.712345, 51.404321", ("GPS", "35.712345, 51.404321")),
    ],
)
def test_each_type_is_found_with_its_span(text: str, expected: tuple[str, str]) -> None:
    """Every finding type is detected and its offsets cover exactly the value."""
    assert expected in found(text)


def test_checksum_types_in_text() -> None:
    """Bank card, Sheba and legal-entity ID are found when their check digits hold."""
    text = f"کارت {card()} و شبا {iban()} و شناسه ملی شرکت {legal_id()}"
    types = {t for t, _ in found(text)}
    assert {"BANK_CARD", "IBAN", "LEGAL_ENTITY_ID"} <= types


def test_invalid_check_digits_are_not_findings() -> None:
    """The same shapes with a wrong check digit are not personal data."""
    bad_card = card()[:-1] + str((int(card()[-1]) + 1) % 10)
    bad_iban = iban()[:-1] + "9"
    text = f"کد ملی 0499370890، کارت {bad_card}، شبا {bad_iban}"
    assert found(text) == []


def test_address_and_person() -> None:
    """A private street address and a titled person's name are found."""
    text = "آقای علی رضایی ساکن تهران، خیابان ولیعصر، کوچه ۱۲، پلاک ۴، واحد ۳ است."
    result = found(text)
    assert ("PERSON", "علی رضایی") in result
    assert ("ADDRESS", "تهران، خیابان ولیعصر، کوچه ۱۲، پلاک ۴، واحد ۳") in result


def test_person_from_lexicon_and_latin_title() -> None:
    """Given name + surname without a title, and Mr. + Latin name, are people."""
    assert ("PERSON", "مریم احمدی") in found("درخواست مریم احمدی ثبت شد")
    assert ("PERSON", "Reza Karimi") in found("Contact Mr. Reza Karimi today")


@pytest.mark.parametrize(
    "text",
    [
        "بودجه سال ۱۴۰۲ مبلغ ۱۵۰۰۰۰۰۰۰۰ ریال است",  # passes mod 11, but an amount
        "هزینه 2750000000 تومان برآورد شد",
        "جلسه در تاریخ ۱۴۰۲/۰۵/۱۲ برگزار شد",  # Jalali date
        "با سامانه ۱۳۷ یا ۱۸۸۸ تماس بگیرید",  # public hotlines
        "کد ایستگاه 1500000000 در منطقه ۳",  # station code
        "پارک ملت در 35.712345, 51.404321 قرار دارد",  # a park's coordinates
        "مختصات تقریبی: 35.71, 51.40",  # too coarse to point at a home
        "تلفن روابط عمومی شهرداری: ۰۲۱-۶۱۹۳۰۰۰۰",  # public office phone
        "برای اطلاعات با info@tehran.ir مکاتبه کنید",  # role mailbox
        "خیابان شهید علی رضایی بسته است",  # a street named after a person
        "بوستان مریم احمدی بازگشایی شد",
        "جمعیت منطقه ۱۲۳۴۵۶۷۸۹۰ نفر نیست",
        "خانم‌ها و آقایان خوش آمدید",
    ],
)
def test_hard_negatives(text: str) -> None:
    """Money, dates, hotlines, codes, public places and offices are not personal data."""
    assert found(text) == []


def test_offsets_with_mixed_digits_zwnj_and_nbsp() -> None:
    """Offsets index the original text when digits mix scripts and ZWNJ/NBSP separate groups."""
    phone = "۰۹۱٢\u200c345\u00a0٦٧۸۹"
    text = f"شماره تماس متقاضي: {phone} (همراه)"
    (finding,) = scan_text(text)
    assert finding.type == "PHONE_MOBILE"
    assert text[finding.start : finding.end] == phone


def test_every_digit_script_gives_the_same_finding(rng: random.Random) -> None:
    """A کد ملی is found in Latin, Persian, Arabic-Indic and mixed digits, with Arabic ي/ك."""
    nid = make_national_id(rng)
    mixed = "".join(c.translate(PERSIAN if i % 2 else ARABIC) for i, c in enumerate(nid))
    for value in (nid, nid.translate(PERSIAN), nid.translate(ARABIC), mixed):
        text = f"كد ملي متقاضي {value} است"
        assert found(text) == [("NATIONAL_ID", value)]


def test_two_numbers_in_one_run_are_split() -> None:
    """Two mobiles separated only by a space are two findings, not one 22-digit number."""
    text = "شماره‌ها: 09121234567 09351234567"
    assert found(text) == [("PHONE_MOBILE", "09121234567"), ("PHONE_MOBILE", "09351234567")]


def test_findings_hold_no_raw_value() -> None:
    """A finding serialises to JSON with offsets and a masked value only."""
    text = "تلفن همراه 09123456789"
    data = json.dumps([f.to_dict() for f in scan_text(text)], ensure_ascii=False)
    assert "09123456789" not in data
    assert "۰۹۱۲•••••۸۹" in data


def test_types_filter_and_hint() -> None:
    """``types`` limits the result; a header hint makes a bare value count; a money or
    date header no longer hides a checksum-valid national id, only context-only types."""
    text = "تلفن همراه 09123456789 و ali@gmail.com"
    assert [f.type for f in scan_text(text, types={"EMAIL"})] == ["EMAIL"]
    assert scan_text("1345678913") == []
    assert [f.type for f in scan_text("1345678913", hint="POSTAL_CODE")] == ["POSTAL_CODE"]
    assert [f.type for f in scan_text("0499370899", hint="NEGATIVE")] == ["NATIONAL_ID"]
    assert scan_text("1345678913", hint="NEGATIVE") == []


def test_long_runs_stay_linear() -> None:
    """A megabyte of word characters with one @, or of digits, is scanned (no quadratic regex).

    With an unbounded e-mail local part this input backtracks for hours; the test then
    never finishes (timings themselves are measured in bench/, not asserted here).
    """
    blob = "a" * 1_000_000 + " x@y.ir " + "9" * 1_000_000
    assert [f.type for f in scan_text(blob)] == ["EMAIL"]


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("پلاک خودرو ۶۷ ایران ۳۴۵ ب ۱۲ دیده شد", "۶۷ ایران ۳۴۵ ب ۱۲"),
        ("خودرو 67-345ج12 متوقف شد", "67-345ج12"),
        ("۶۷ایران۳۴۵الف۱۲", "۶۷ایران۳۴۵الف۱۲"),
    ],
)
def test_reversed_visual_order_plates(text: str, plate: str) -> None:
    """A plate typed in visual order (region code first) is found, with its whole span."""
    assert ("LICENSE_PLATE", plate) in found(text)


def test_reversed_plate_with_a_dash_needs_a_vehicle_word() -> None:
    """«67 - 345 ب 12» without a vehicle word is numbers around a letter, not a plate."""
    assert found("تعداد 67 - 345 ب 12 مورد") == []


def test_number_pattern_matches_its_readable_form() -> None:
    """NUMBER, written to open with a digit (fast in ``re``), finds exactly the spans of
    the readable form whose lookbehinds come first, on texts of digits in three
    scripts, separators, points and letters."""
    import re

    from ckanext.smarttehran.privacy import patterns as p

    readable = re.compile(
        rf"(?<![{p._D_IN}])(?<![{p._D_IN}][.\u066b])(?!{p.D}+[.\u066b]{p.D}+(?![{p._D_IN}{p._SEP_IN}]))"
        rf"{p.D}[{p._D_IN}{p._SEP_IN}]{{6,}}{p.D}"
    )
    rng = random.Random(5)
    alphabet = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩.٫- ()\u00a0\u200c\u200fab\n,+"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert [m.span() for m in p.NUMBER.finditer(text)] == [
            m.span() for m in readable.finditer(text)
        ], text


def test_guarded_trie_matches_a_leading_lookbehind() -> None:
    """ADDRESS_OPENER, a trie whose words are checked against a letter before them
    after their first character, finds the spans of the readable longest-first
    alternation behind a leading lookbehind."""
    import re

    from ckanext.smarttehran.privacy import lexicon
    from ckanext.smarttehran.privacy import patterns as p

    words = sorted({*lexicon.ADDRESS_OPENERS, *lexicon.CITIES}, key=len, reverse=True)
    readable = re.compile(
        rf"(?<![{p._LETTER_IN}])(?:" + "|".join(re.escape(w) for w in words) + ")"
    )
    rng = random.Random(9)
    glue = ["", " ", "\u200c", "a", "ب", "ی", "۱", ".", "\n", "-"]
    for _ in range(20000):
        text = "".join(rng.choice(glue) + rng.choice(words) for _ in range(rng.randint(1, 3)))
        assert [m.span() for m in p.ADDRESS_OPENER.finditer(text)] == [
            m.span() for m in readable.finditer(text)
        ], text


def test_shared_empty_window_answers_like_a_built_one() -> None:
    """A candidate filling its cell gets the shared empty window of its hint, which
    answers every question as a window built over the same cell does."""
    from ckanext.smarttehran.privacy import context, lexicon

    text = "x\n09123456789\ny"
    for hint in (None, "NATIONAL_ID", "PHONE_MOBILE", "NEGATIVE", "PUBLIC", "GPS"):
        shared = context.window(text, 2, 13, 2, 13, hint)
        built = context.Window(text, 2, 13, 2, 13, hint)
        assert shared is context.window(text, 2, 13, 2, 13, hint)
        for kind in lexicon.POSITIVE_CONTEXT:
            assert shared.positive(kind) == built.positive(kind)
            assert shared.says(kind) == built.says(kind)
        assert shared.negative() == built.negative()
        assert shared.public_org() == built.public_org()
        assert shared.public_org(strict=True) == built.public_org(strict=True)
        assert shared.public_place() == built.public_place()
    assert context.window(text, 2, 13, 0, 13, None) is not context.window(text, 2, 13, 2, 13, None)

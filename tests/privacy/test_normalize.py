"""The one normalisation before every detector: invisible characters, digits of every
script, reversed runs, separators between digits (``privacy/normalize.py``)."""

from __future__ import annotations

import random

import pytest

from ckanext.smarttehran.privacy import normalize as N
from ckanext.smarttehran.privacy import scan_table, scan_text
from tests.privacy.helpers import make_national_id

MOBILE = "09123456789"
# Every character an editor can slip between two digits without a reader seeing it.
SPLITTERS = {
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "ZWSP": "\u200b",
    "ZWJ": "\u200d",
    "ZWNJ": "\u200c",
    "WJ": "\u2060",
    "BOM": "\ufeff",
    "soft hyphen": "\u00ad",
    "CGJ": "\u034f",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "figure space": "\u2007",
    "en space": "\u2002",
    "thin space": "\u2009",
    "no-break space": "\u00a0",
    "narrow no-break space": "\u202f",
    "tatweel": "\u0640",
    "minus sign": "\u2212",
    "slash": "/",
    "underscore": "_",
    "Arabic thousands separator": "\u066c",
    "tab": "\t",
    "variation selector": "\ufe0f",
}


def _split(value: str, sep: str) -> str:
    """``value`` with ``sep`` after every digit but the last (the worst case)."""
    return sep.join(value)


@pytest.mark.parametrize("name", sorted(SPLITTERS))
def test_split_mobile_is_found(name: str) -> None:
    """A mobile split by any invisible, space or separator character is still found, and
    its span covers the whole value in the original text."""
    sep = SPLITTERS[name]
    for value in (_split(MOBILE, sep), "0912" + sep + "345" + sep + "6789"):
        text = "شماره تماس " + value + " است"
        found = scan_text(text)
        assert [f.type for f in found] == ["PHONE_MOBILE"], name
        start = text.index("0")
        assert (found[0].start, found[0].end) == (start, start + len(value))
        assert found[0].masked == "۰۹۱۲•••••۸۹"


@pytest.mark.parametrize("name", sorted(SPLITTERS))
def test_split_clean_twin_passes(name: str) -> None:
    """The same characters between the digits of a date and a short number find nothing."""
    sep = SPLITTERS[name]
    text = f"گزارش سال {_split('1402', sep)} با {_split('345', sep)} بازدید"
    assert scan_text(text) == []


def test_national_id_split_by_bidi_marks(rng: random.Random) -> None:
    """A national id with an LRM after every digit is found as a national id."""
    nid = make_national_id(rng)
    found = scan_text("کد ملی: " + _split(nid, "\u200e"))
    assert [f.type for f in found] == ["NATIONAL_ID"]


@pytest.mark.parametrize(
    "digits",
    [
        "０１２３４５６７８９",  # fullwidth
        "".join(chr(0x1D7CE + i) for i in range(10)),  # mathematical bold
        "".join(chr(0x1D7D8 + i) for i in range(10)),  # double-struck
        "".join(chr(0x1D7F6 + i) for i in range(10)),  # monospace
        "".join(chr(0x0966 + i) for i in range(10)),  # Devanagari
        "۰۱۲۳۴۵۶۷۸۹",  # Persian
        "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    ],
)
def test_digits_of_every_script(digits: str) -> None:
    """A mobile written in any script's digits is found."""
    value = "".join(digits[int(d)] for d in MOBILE)
    assert [f.type for f in scan_text("موبایل " + value)] == ["PHONE_MOBILE"]


def test_right_to_left_override_is_read_in_display_order() -> None:
    """A number stored reversed inside RLO ... PDF (shown the right way round) is found;
    its span covers the override's content; Persian letters under it are kept in order."""
    text = "تماس: \u202e" + MOBILE[::-1] + "\u202c."
    found = scan_text(text)
    assert [f.type for f in found] == ["PHONE_MOBILE"]
    start = text.index("\u202e") + 1
    assert (found[0].start, found[0].end) == (start, start + len(MOBILE))
    assert N.normalize("\u202eسلام 21\u202c").text == "سلام 12"
    email = "ali.rezaei@example.com"
    assert [f.type for f in scan_text("\u202e" + email[::-1] + "\u202c")] == ["EMAIL"]


def test_reversed_clean_twin_passes() -> None:
    """A short reversed number under RLO is nothing."""
    assert scan_text("سال \u202e2041\u202c") == []


def test_text_without_such_characters_is_returned_as_is() -> None:
    """The fast path: Persian text with ZWNJs inside words and ASCII text are unchanged."""
    for text in ("می‌روم به کتاب‌خانه", "plain ascii a_b c/d 12 34", "۱۴۰۲ و ۲٫۵"):
        norm = N.normalize(text)
        assert norm.identity and norm.text is text
    assert N.normalize("1402/05/12").text == "1402-05-12"


def test_cell_mode_joins_lines_inside_a_cell() -> None:
    """In one table cell a newline or tab splitting a number is a space; running text
    keeps its lines."""
    assert N.normalize("0912\n3456789", cell=True).text == "0912 3456789"
    assert N.normalize("0912\n3456789").text == "0912\n3456789"
    report = scan_table(["یادداشت"], [["0912\n3456789"], ["0912\r\n345\t6789"]])
    assert report.columns[0].pii_type == "PHONE_MOBILE"


def test_table_cells_are_normalised() -> None:
    """Table cells go through the same normalisation (a ZWSP-split mobile column)."""
    rows = [["09" + "\u200b".join("12345678") + str(i % 10)] for i in range(10)]
    assert scan_table(["تماس"], rows).columns[0].pii_type == "PHONE_MOBILE"


def test_offsets_map_back_through_drops_and_expansions() -> None:
    """``span`` maps a normalised span to the original one (drops, NFKC expansions)."""
    text = "a\u200bb\ufdfa c"  # U+FDFA expands to many letters under NFKC
    norm = N.normalize(text)
    assert norm.text.startswith("ab")
    assert norm.span(0, 2) == (0, 3)
    c = norm.text.index("c")
    assert norm.span(c, c + 1) == (text.index("c"), text.index("c") + 1)


def test_the_character_class_matches_the_unicode_database() -> None:
    """The precomputed class of characters to map is what this Python's Unicode data gives
    (regenerate ``_CLASS`` with ``build_class()`` when it changes)."""
    assert N.build_class() == N._CLASS


def test_override_slipped_between_digit_groups(rng: random.Random) -> None:
    """An RLO used as an invisible separator (no PDF): the value is read as stored too."""
    nid = make_national_id(rng)
    value = nid[:4] + "\u202e" + nid[4:9] + "\u202e" + nid[9:]
    assert [f.type for f in scan_text("کد ملی " + value)] == ["NATIONAL_ID"]
    assert scan_table(["کد ملی"], [[value]] * 5).pii_columns == ["کد ملی"]

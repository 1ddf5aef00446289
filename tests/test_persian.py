"""Unit tests for ``ckanext.smarttehran.persian`` (no CKAN database needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from ckanext.smarttehran import persian

ZWNJ = persian.ZWNJ


class TestFoldAndNormalize:
    def test_fold_keeps_length(self):
        """fold maps one character to one, so offsets in its output are offsets in the input."""
        text = "كيفيت ۱۲۳\u00a0هوا"
        assert len(persian.fold(text)) == len(text)
        assert persian.fold(text) == "کیفیت 123 هوا"

    def test_char_maps_change_only_their_characters(self):
        """fold and the digit maps change exactly their listed characters, across all of
        Unicode (the list tables end early; a code point past them stays as it is)."""
        folded = {"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه", "\u00a0": " ", "\u202f": " ",
                  "\u2009": " ", "\u200f": ZWNJ, "٫": ".", "٬": ","}
        folded |= {d: str(i) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")}
        folded |= {d: str(i) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩")}
        every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
        assert persian.fold(every) == every.translate(str.maketrans(folded))
        latin = {k: v for k, v in folded.items() if v.isdigit()}
        assert persian.to_latin_digits(every) == every.translate(str.maketrans(latin))
        to_fa = {str(i): d for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")}
        to_fa |= {a: d for a, d in zip("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", strict=True)}
        assert persian.to_persian_digits(every) == every.translate(str.maketrans(to_fa))
        assert persian.fold("abc") == "abc" and persian.to_persian_digits(7) == "۷"

    def test_normalize_tidies_spaces_and_zwnj(self):
        """normalize folds letters, drops diacritics and collapses spaces and stray ZWNJs."""
        assert persian.normalize(f"  تهرانِ   {ZWNJ}{ZWNJ}هوشمند ") == "تهران هوشمند"

    def test_to_latin_digits_changes_only_digits(self):
        """to_latin_digits leaves Arabic ي/ك alone and converts both digit sets."""
        assert persian.to_latin_digits("ي۱٢3") == "ي123"

    def test_to_persian_digits(self):
        """to_persian_digits writes Latin and Arabic-Indic digits as Persian digits."""
        assert persian.to_persian_digits("1403/٠1") == "۱۴۰۳/۰۱"


class TestSearchKey:
    @pytest.mark.parametrize(
        "variant",
        ["سعادت آباد", f"سعادت{ZWNJ}آباد", "سعادتآباد", "سعادت اباد", "  سعادت‌ آباد "],
    )
    def test_spelling_variants_share_a_key(self, variant):
        """Spaces, ZWNJ and آ/ا variants of one name give the same key."""
        assert persian.search_key(variant) == "سعادتاباد"

    def test_arabic_letters_fold(self):
        """Arabic ي and ك fold into Persian ی and ک."""
        assert persian.search_key("شهرك غرب") == persian.search_key("شهرک غرب")

    def test_digits_and_punctuation(self):
        """Digits become Latin and underscores or dashes disappear."""
        assert persian.search_key("منطقه_۱۲") == "منطقه12"

    def test_empty(self):
        """An empty or missing text has an empty key."""
        assert persian.search_key(None) == ""
        assert persian.search_key("") == ""


class TestTransliterate:
    def test_lexicon_words(self):
        """Common words whose vowels cannot be guessed come from the lexicon."""
        assert persian.transliterate("کیفیت هوای تهران") == "keyfiyat havaye tehran"

    def test_rules_write_long_vowels(self):
        """Words outside the lexicon keep their written long vowels."""
        assert persian.transliterate("نیاوران") == "niavaran"  # lexicon
        assert persian.transliterate("توحید") == "tuhid"
        assert persian.transliterate("ایران") == "iran"

    def test_final_he(self):
        """A final silent ه after a consonant or ی is written eh."""
        assert persian.transliterate("محمودیه") == "mahmudiyeh"

    def test_output_is_ascii(self):
        """The result is plain lower-case ASCII words for any Persian text."""
        out = persian.transliterate("حصاربوعلی، ژاله و غیاثی ۱۴۰۳")
        assert out.isascii()
        assert out == out.lower()
        assert out.endswith("1403")

    def test_zwnj_joins_parts(self):
        """A word with a ZWNJ stays one Latin word."""
        assert " " not in persian.transliterate(f"داده{ZWNJ}ها")


class TestSlugify:
    def test_persian_title(self):
        """A Persian title becomes a CKAN-valid name."""
        assert persian.slugify("کیفیت هوای تهران") == "keyfiyat-havaye-tehran"

    def test_mixed_title(self):
        """Latin words, digits and punctuation are kept or turned into single dashes."""
        assert persian.slugify("AQI: ایستگاه‌های  مترو (1403)") == "aqi-istgahhaye-metro-1403"

    def test_length_limit(self):
        """Long titles are cut to at most 100 characters, at a dash, without a trailing dash."""
        slug = persian.slugify(" ".join(["تهران"] * 40))
        assert len(slug) <= 100
        assert not slug.endswith("-")
        assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_")

    @pytest.mark.parametrize("text", ["", "؟!", "x"])
    def test_too_short(self, text):
        """Titles with fewer than two usable characters raise ValueError."""
        with pytest.raises(ValueError):
            persian.slugify(text)


class TestParseDate:
    @pytest.mark.parametrize(
        "value", ["2024-03-20", "1403/01/01", "۱۴۰۳-۰۱-۰۱", "1403/1/1", "2024-03-20T08:00:00"]
    )
    def test_formats(self, value):
        """ISO Gregorian, Jalali with / or - and Persian digits all give the same date."""
        assert persian.parse_date(value) == dt.date(2024, 3, 20)

    def test_last_day_of_leap_jalali_year(self):
        """1403 is a Jalali leap year, so Esfand 30 exists."""
        assert persian.parse_date("1403/12/30") == dt.date(2025, 3, 20)

    def test_date_objects_pass_through(self):
        """A date stays itself and a datetime gives its date."""
        assert persian.parse_date(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)
        assert persian.parse_date(dt.datetime(2020, 1, 2, 3, 4)) == dt.date(2020, 1, 2)

    @pytest.mark.parametrize(
        "value", ["1403/13/01", "1402/12/30", "2024-02-30", "20240320", "", None, 1403]
    )
    def test_malformed(self, value):
        """Impossible or malformed dates raise ValueError in Persian and English."""
        with pytest.raises(ValueError) as err:
            persian.parse_date(value)
        assert "تاریخ نامعتبر" in str(err.value)
        assert "Invalid date" in str(err.value)


class TestFormatJalali:
    def test_date(self):
        """A Gregorian date is written as a Jalali date with Persian digits and month name."""
        assert persian.format_jalali(dt.date(2024, 3, 20)) == "۱ فروردین ۱۴۰۳"

    def test_iso_string(self):
        """An ISO string is accepted too."""
        assert persian.format_jalali("2023-01-24") == "۴ بهمن ۱۴۰۱"

    def test_with_time_naive(self):
        """A naive datetime keeps its clock time."""
        out = persian.format_jalali(dt.datetime(2024, 3, 20, 9, 5), with_time=True)
        assert out == "۱ فروردین ۱۴۰۳، ساعت ۰۹:۰۵"

    def test_with_time_aware_converts_to_tehran(self):
        """An aware UTC time is shown in Tehran time (UTC+3:30)."""
        out = persian.format_jalali("2024-03-20T22:00:00+00:00", with_time=True)
        assert out == "۲ فروردین ۱۴۰۳، ساعت ۰۱:۳۰"

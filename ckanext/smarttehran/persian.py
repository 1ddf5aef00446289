"""Persian text: one normalisation for the whole extension.

``fold`` maps characters one to one (the result has the same length, so offsets
found in it are offsets into the original); ``normalize`` also tidies spacing and
zero-width non-joiners, and is what every stored Persian text goes through.
``search_key`` is the aggressive key for matching spelling variants, ``transliterate``
and ``slugify`` make Latin names, and ``parse_date``/``format_jalali`` handle Jalali dates.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

ZWNJ = "\u200c"

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_LATIN_DIGITS = "0123456789"


def _char_map(mapping: dict[str, str]) -> tuple[list[int], re.Pattern[str]]:
    """A one-to-one character map for ``str.translate``, and a pattern of its keys.

    ``translate`` looks every character up in its table: a list indexed by code point
    is about twice as fast as the dict ``str.maketrans`` builds, and a code point past
    the list's end (an IndexError, so a LookupError) is left as it is. The pattern
    lets a text with nothing to change be returned after one search in C.
    """
    changed = {ord(k): ord(v) for k, v in mapping.items() if k != v}
    table = list(range(max(changed) + 1))
    for k, v in changed.items():
        table[k] = v
    return table, re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(changed)) + "]")


# One character in, one character out.
_FOLD_MAP, _FOLD_NEEDED = _char_map(
    {
        **dict(zip(_PERSIAN_DIGITS, _LATIN_DIGITS, strict=True)),
        **dict(zip(_ARABIC_DIGITS, _LATIN_DIGITS, strict=True)),
        "ي": "ی",  # ARABIC LETTER YEH
        "ى": "ی",  # ALEF MAKSURA
        "ئ": "ئ",
        "ك": "ک",  # ARABIC LETTER KAF
        "ە": "ه",
        "ۀ": "ۀ",
        "\u00a0": " ",  # NO-BREAK SPACE
        "\u202f": " ",  # NARROW NO-BREAK SPACE
        "\u2009": " ",  # THIN SPACE
        "\u200f": ZWNJ,  # RLM sometimes typed for ZWNJ by old keyboards
        "٫": ".",  # ARABIC DECIMAL SEPARATOR
        "٬": ",",  # ARABIC THOUSANDS SEPARATOR
    }
)
_TO_PERSIAN_MAP, _TO_PERSIAN_NEEDED = _char_map(
    dict(zip(_LATIN_DIGITS + _ARABIC_DIGITS, _PERSIAN_DIGITS * 2, strict=True))
)
_TO_LATIN_MAP, _TO_LATIN_NEEDED = _char_map(
    dict(zip(_PERSIAN_DIGITS + _ARABIC_DIGITS, _LATIN_DIGITS * 2, strict=True))
)

_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, superscript alef, tatweel
_SPACES = re.compile(r"[ \t]+")
_ZWNJ_RUNS = re.compile(ZWNJ + "{2,}")
_ZWNJ_AT_SPACE = re.compile(rf" ?{ZWNJ} ?")


def fold(text: str) -> str:
    """Same-length fold: Latin digits, Persian ی/ک, plain spaces."""
    return text if _FOLD_NEEDED.search(text) is None else text.translate(_FOLD_MAP)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to Latin; nothing else changes."""
    if not text or _TO_LATIN_NEEDED.search(text) is None:
        return text
    return text.translate(_TO_LATIN_MAP)


def to_persian_digits(text: str) -> str:
    """Latin and Arabic-Indic digits to Persian digits (for pages)."""
    text = str(text)
    return text if _TO_PERSIAN_NEEDED.search(text) is None else text.translate(_TO_PERSIAN_MAP)


def normalize(text: str | None) -> str | None:
    """The one normalisation for stored Persian text.

    Folds Arabic ي/ك to ی/ک and all digits to Latin, drops diacritics and
    tatweel, collapses repeated spaces and ZWNJs, removes a ZWNJ next to a space
    and trims each line.
    """
    if not text:
        return text
    out = fold(text)
    out = _DIACRITICS.sub("", out)
    out = _ZWNJ_RUNS.sub(ZWNJ, out)
    out = _ZWNJ_AT_SPACE.sub(lambda m: " " if " " in m.group(0) else ZWNJ, out)
    out = "\n".join(_SPACES.sub(" ", line).strip() for line in out.split("\n"))
    return out.strip(ZWNJ).strip()


# --- Matching keys -------------------------------------------------------------------

_KEY_FOLD = str.maketrans(
    {
        "آ": "ا",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "ئ": "ی",
        "ء": None,
    }
)
_KEY_DROP = re.compile(r"[\s\u200c\u200d\u200e\u200f_\-–—.,،؛;:!?؟'\"«»()\[\]/\\]+")


def search_key(text: str | None) -> str:
    """An aggressive key for matching spelling variants, never for display.

    Normalises, folds the alef and hamza forms (آ أ إ → ا, ئ → ی, ؤ → و, ة/ۀ → ه),
    lower-cases Latin letters and removes ZWNJs, spaces and punctuation, so that
    «سعادت‌آباد», «سعادت آباد», «سعادتاباد» and «سعادت آباد» share one key.
    """
    if not text:
        return ""
    out = normalize(text).translate(_KEY_FOLD).lower()
    return _KEY_DROP.sub("", out)


# --- Transliteration -----------------------------------------------------------------

# Words whose short vowels rules cannot guess. Keys are search_key() forms.
# fmt: off
_LEXICON = {
    "تهران": "tehran", "شهر": "shahr", "شهرک": "shahrak", "اباد": "abad", "کوی": "kuy",
    "باغ": "bagh", "امام": "emam", "زاده": "zadeh", "امامزاده": "emamzadeh",
    "شهید": "shahid", "میدان": "meydan", "خیابان": "khiaban", "پارک": "park",
    "دره": "darreh", "نو": "now", "شرقی": "sharghi", "غربی": "gharbi", "شمالی": "shomali",
    "جنوبی": "jonubi", "منطقه": "mantagheh", "مناطق": "manategh", "محله": "mahalleh",
    "محلات": "mahallat", "ناحیه": "nahiyeh", "قلعه": "ghaleh", "سعادت": "saadat",
    "ده": "deh", "دولت": "dowlat", "حسن": "hasan", "حسین": "hosein", "علی": "ali",
    "محمد": "mohammad", "احمد": "ahmad", "قاسم": "ghasem", "عباس": "abbas",
    "مهدی": "mahdi", "رضا": "reza", "اسلام": "eslam", "ونک": "vanak", "تجریش": "tajrish",
    "نیاوران": "niavaran", "ولنجک": "velenjak", "درکه": "darakeh", "اوین": "evin",
    "دربند": "darband", "زعفرانیه": "zafaraniyeh", "جماران": "jamaran", "نفت": "naft",
    "پونک": "punak", "صادقیه": "sadeghiyeh", "قلهک": "gholhak", "یوسف": "yusef",
    "نارمک": "narmak", "تهرانپارس": "tehranpars", "کیفیت": "keyfiyat", "هوا": "hava",
    "هوای": "havaye", "الودگی": "aludegi", "ایستگاه": "istgah", "ایستگاههای": "istgahhaye",
    "مترو": "metro", "اتوبوس": "otobus", "ترافیک": "terafik", "بودجه": "budjeh",
    "داده": "dadeh", "دادههای": "dadehhaye", "باز": "baz", "جمعیت": "jamiyat",
    "فضای": "fazaye", "سبز": "sabz", "اب": "ab", "پسماند": "pasmand", "انرژی": "energy",
    "حمل": "haml", "نقل": "naghl", "حملونقل": "hamlonaghl", "عمومی": "omumi",
    "گزارش": "gozaresh", "سال": "sal", "ماه": "mah", "پروانه": "parvaneh",
    "ساختمان": "sakhteman", "قرارداد": "gharardad", "قراردادهای": "gharardadhaye",
    "شهرداری": "shahrdari", "امار": "amar", "سلامت": "salamat", "مدرسه": "madreseh",
    "بیمارستان": "bimarestan", "قیمت": "gheymat", "مسکن": "maskan", "اجاره": "ejareh",
    "ها": "ha", "های": "haye", "هایی": "hai", "تر": "tar", "ترین": "tarin",
    "و": "va", "در": "dar", "از": "az", "به": "be", "با": "ba", "برای": "baraye",
    "هوشمند": "hooshmand", "نوآوری": "noavari", "نواوری": "noavari", "مشارکت": "mosharekat",
    "شفافیت": "shafafiyat", "خدمات": "khadamat", "شهروندان": "shahrvandan",
    "مهران": "mehran", "کرمان": "kerman", "خمینی": "khomeini", "جنت": "jannat",
    "مدیریت": "modiriyat", "اول": "avval", "دوم": "dovom", "سوم": "sevom",
    "مرکزی": "markazi", "ارامنه": "arameneh", "هرندی": "harandi", "زاهد": "zahed",
    "مقدم": "moghaddam", "منیریه": "moniriyeh", "نصرت": "nosrat", "اهن": "ahan",
    "امیر": "amir", "کریم": "karim", "جعفر": "jafar", "نواب": "navvab",
    "انقلاب": "enghelab", "ازادی": "azadi", "بهار": "bahar", "فردوس": "ferdows",
    "پیروزی": "piruzi", "مجیدیه": "majidiyeh", "یافت": "yaft", "اباذر": "abuzar",
}
# fmt: on

# fmt: off
_CONSONANTS = {
    "ب": "b", "پ": "p", "ت": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "z", "ر": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh", "ص": "s",
    "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "gh", "ک": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "",
}
# fmt: on
_PERSIAN_LETTER = re.compile(r"[\u0600-\u06ff]")
_WORD = re.compile(r"[\u0600-\u06ff\u200c]+|[A-Za-z0-9]+")


def _segments(word: str) -> list[tuple[str, str]]:
    """Split one Persian word (key form) into (latin, 'C'|'V') segments."""
    out: list[tuple[str, str]] = []
    n = len(word)
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        prev_kind = out[-1][1] if out else ""
        if ch == "ا":
            if i == 0 and nxt == "ی":
                continue  # «ای» at the start reads i: the ی below becomes the vowel
            if i == 0 and nxt == "و":
                out.append(("o", "V"))
                continue
            out.append(("a", "V"))
        elif ch == "و":
            if i == 0 or nxt in "ا" and nxt or prev_kind == "V":
                if prev == "خ" and nxt == "ا":
                    continue  # «خوا» reads kha
                out.append(("v", "C"))
            elif prev == "ا" and i == 1:
                continue  # «او» at the start, already written as o
            else:
                out.append(("u", "V"))
        elif ch == "ی":
            if i == 1 and prev == "ا":
                out.append(("i", "V"))
            elif i == 0 or prev_kind == "V":
                out.append(("y", "C"))
            elif (nxt in ("ا", "و") and nxt) or (nxt == "ه" and i + 2 == n):
                out.append(("iy", "V"))
            else:
                out.append(("i", "V"))
        elif ch == "ه" and i == n - 1 and i > 0:
            if prev == "ی" or prev_kind != "V":
                out.append(("eh", "V"))  # final silent he: «دره» darreh, «محمودیه» -iyeh
            else:
                out.append(("h", "C"))  # «راه», «کوه»
        elif ch in _CONSONANTS:
            out.append((_CONSONANTS[ch], "C"))
        elif ch.isascii() and ch.isalnum():
            out.append((ch, "V"))  # Latin letters and digits pass through as they are
    return out


# Two-consonant word endings that need no vowel between them.
# fmt: off
_FINAL_CLUSTERS = {
    "st", "sht", "nd", "rd", "rt", "ft", "kht", "rg", "rz", "rs", "rm", "rk", "rf", "rb",
    "nj", "ng", "sk", "zd", "shk", "hr", "ms", "bz", "fs",
}
# fmt: on


def _transliterate_word(word: str) -> str:
    key = search_key(word)
    if key in _LEXICON:
        return _LEXICON[key]
    segs = _segments(key)
    out: list[str] = []
    run = 0  # consonants in a row since the last vowel
    for i, (latin, kind) in enumerate(segs):
        if kind == "V":
            out.append(latin)
            run = 0
            continue
        nxt_kind = segs[i + 1][1] if i + 1 < len(segs) else ""
        if run == 2 or (i == 0 and nxt_kind == "C"):
            if run == 2:
                out.append("a")
                run = 0
            out.append(latin)
            run += 1
            if i == 0:
                out.append("a")
                run = 0
            continue
        if (
            run == 1
            and i == len(segs) - 1
            and len(segs) > 2
            and segs[i - 2][1] == "V"
            and segs[i - 1][0] + latin not in _FINAL_CLUSTERS
        ):
            out.append("a")  # «کاشانک» kashanak, «چیذر» chizar, but «دوست» dust
        out.append(latin)
        run += 1
    return "".join(out)


def transliterate(text: str | None) -> str:
    """Persian text to readable lower-case Latin ASCII, word by word.

    A small lexicon covers common words whose short vowels cannot be guessed
    («تهران» → tehran); other words follow rules that write the long vowels and
    put an «a» where a cluster of consonants needs a vowel. The result is a
    readable approximation for slugs and Latin labels, not a standard
    romanisation. Latin letters and digits are kept; other characters become spaces.
    """
    if not text:
        return ""
    words = []
    for token in _WORD.findall(to_latin_digits(normalize(text))):
        if _PERSIAN_LETTER.search(token):
            parts = [_transliterate_word(p) for p in token.split(ZWNJ) if p]
            words.append("".join(parts))
        else:
            words.append(token.lower())
    return " ".join(w for w in words if w)


# --- Slugs ---------------------------------------------------------------------------

_SLUG_BAD = re.compile(r"[^a-z0-9_-]+")
_SLUG_DASHES = re.compile(r"-{2,}")
SLUG_MIN, SLUG_MAX = 2, 100


def slugify(text: str | None, max_length: int = SLUG_MAX) -> str:
    """A CKAN ``name`` from any title: lower-case a-z, 0-9, ``-`` and ``_``, 2-100 chars.

    Persian is transliterated first. Long results are cut at a dash where
    possible. Raises ``ValueError`` when fewer than two usable characters remain.
    """
    latin = transliterate(text)
    slug = _SLUG_BAD.sub("-", latin.lower())
    slug = _SLUG_DASHES.sub("-", slug).strip("-_")
    max_length = min(max_length, SLUG_MAX)
    if len(slug) > max_length:
        cut = slug[:max_length]
        dash = cut.rfind("-")
        slug = (cut[:dash] if dash >= SLUG_MIN else cut).strip("-_")
    if len(slug) < SLUG_MIN:
        raise ValueError(
            f"نمی‌توان از «{text}» نام نشانی ساخت. / Cannot make a URL name from {text!r}."
        )
    return slug


# --- Dates ---------------------------------------------------------------------------

# fmt: off
JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
# fmt: on
TEHRAN = ZoneInfo("Asia/Tehran")
JALALI_YEAR_LIMIT = 1700  # years below this are Jalali, from it Gregorian
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")


def _bad_date(value: object) -> ValueError:
    return ValueError(
        f"تاریخ نامعتبر است: {value!r}؛ قالب درست ۱۴۰۳/۰۱/۰۱ (خورشیدی) یا 2024-03-20 (میلادی)."
        f" / Invalid date: {value!r}; expected 1403/01/01 (Jalali) or 2024-03-20 (Gregorian)."
    )


def parse_date(value: str | dt.date | None) -> dt.date:
    """A Gregorian ``date`` from ISO Gregorian or Jalali text, in any digits.

    ``2024-03-20``, ``1403/01/01`` and ``۱۴۰۳-۰۱-۰۱`` all give 2024-03-20: a year
    below 1700 is read as Jalali. A trailing time (``T10:00``) is ignored; a
    ``date`` or ``datetime`` passes through as its date. Anything else, including
    an impossible day, raises ``ValueError`` with a Persian and English message.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise _bad_date(value)
    match = _DATE.match(to_latin_digits(value.strip()))
    if not match:
        raise _bad_date(value)
    year, month, day = (int(g) for g in match.groups())
    try:
        if year < JALALI_YEAR_LIMIT:
            import jdatetime  # lazily: the privacy CLI imports this module on a bare Python

            return jdatetime.date(year, month, day).togregorian()
        return dt.date(year, month, day)
    except ValueError:
        raise _bad_date(value) from None


def _as_datetime(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = to_latin_digits(value.strip())
        match = _DATE.match(text)
        if match and int(match.group(1)) >= JALALI_YEAR_LIMIT and len(text) > 10:
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError:
                pass
    return parse_date(value)


def format_jalali(value: str | dt.date, with_time: bool = False) -> str:
    """A date for Persian pages: «۱ فروردین ۱۴۰۳», with Persian digits and month names.

    Takes a ``date``, a ``datetime`` or a string ``parse_date`` accepts (an ISO
    datetime string keeps its time). With ``with_time`` a time is added as
    «، ساعت ۱۰:۳۰»; aware datetimes are first converted to Tehran time, naive ones
    are shown as they are.
    """
    moment = _as_datetime(value)
    if isinstance(moment, dt.datetime) and moment.tzinfo is not None:
        moment = moment.astimezone(TEHRAN)
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    import jdatetime

    jalali = jdatetime.date.fromgregorian(date=day)
    text = f"{jalali.day} {JALALI_MONTHS[jalali.month - 1]} {jalali.year}"
    if with_time:
        hour, minute = (moment.hour, moment.minute) if isinstance(moment, dt.datetime) else (0, 0)
        text += f"، ساعت {hour:02d}:{minute:02d}"
    return to_persian_digits(text)

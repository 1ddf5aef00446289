"""Persian text: one normalisation for the whole extension.

``fold`` maps characters one to one (the result has the same length, so offsets
found in it are offsets into the original); ``normalize`` also tidies spacing and
zero-width non-joiners, and is what every stored Persian text goes through.
"""

from __future__ import annotations

import re

ZWNJ = "\u200c"

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_LATIN_DIGITS = "0123456789"

# One character in, one character out.
_FOLD = str.maketrans(
    {
        **{a: l for a, l in zip(_PERSIAN_DIGITS, _LATIN_DIGITS)},
        **{a: l for a, l in zip(_ARABIC_DIGITS, _LATIN_DIGITS)},
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

_TO_PERSIAN_DIGITS = str.maketrans(
    {**{l: p for l, p in zip(_LATIN_DIGITS, _PERSIAN_DIGITS)},
     **{a: p for a, p in zip(_ARABIC_DIGITS, _PERSIAN_DIGITS)}}
)

_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, superscript alef, tatweel
_SPACES = re.compile(r"[ \t]+")
_ZWNJ_RUNS = re.compile(ZWNJ + "{2,}")
_ZWNJ_AT_SPACE = re.compile(rf" ?{ZWNJ} ?")


def fold(text: str) -> str:
    """Same-length fold: Latin digits, Persian ی/ک, plain spaces."""
    return text.translate(_FOLD)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to Latin; nothing else changes."""
    return text.translate(_FOLD) if text else text


def to_persian_digits(text: str) -> str:
    """Latin and Arabic-Indic digits to Persian digits (for pages)."""
    return str(text).translate(_TO_PERSIAN_DIGITS)


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

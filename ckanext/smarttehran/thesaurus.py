"""The search thesaurus (``schemas/thesaurus.txt``) and the Solr synonyms file made from it.

The thesaurus is written in ordinary Persian spelling. Solr's SynonymGraphFilter sits in
the query analyser of ``text_fa`` after the letters are normalised (Arabic ي/ك, alef
without madda, Latin digits, no ZWNJ, affixes joined), and it compares its entries with
the tokens as they are at that point. ``solr_lines`` folds every term the same way, so
the file Solr reads (``dev/solr/home/ckan/conf/synonyms_fa.txt``) is generated, never
written by hand:

    .venv/bin/python -m ckanext.smarttehran.thesaurus --write
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ckanext.smarttehran import paths, persian

SOLR_FILE = Path(__file__).resolve().parents[2] / "dev" / "solr" / "home" / "ckan" / "conf" / "synonyms_fa.txt"
HEADER = (
    "# Generated from schemas/thesaurus.txt by `python -m ckanext.smarttehran.thesaurus --write`.\n"
    "# Do not edit: edit the thesaurus and run that again. Terms are folded to the letters of\n"
    "# text_fa's query analyser at the synonym filter (ي ك, ا for آ, Latin digits, no ZWNJ).\n"
)


class ThesaurusError(ValueError):
    """A line of the thesaurus that cannot be read."""


@dataclass(frozen=True)
class Entry:
    line: int
    terms: tuple[str, ...]  # the left side (all terms of an equivalence line)
    targets: tuple[str, ...] = ()  # the right side of "=>", empty for an equivalence

    @property
    def one_way(self) -> bool:
        return bool(self.targets)


def source() -> Path:
    return paths.schemas_dir() / "thesaurus.txt"


def _terms(text: str, line: int) -> tuple[str, ...]:
    terms = tuple(" ".join(t.split()) for t in text.split(","))
    if any(not t for t in terms):
        raise ThesaurusError(f"line {line}: an empty term (two commas, or a comma at an end)")
    return terms


def parse(text: str) -> list[Entry]:
    """The entries of a thesaurus text; ``ThesaurusError`` names the first bad line."""
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.count("=>") > 1:
            raise ThesaurusError(f"line {number}: more than one '=>'")
        if "=>" in line:
            left, right = line.split("=>")
            entries.append(Entry(number, _terms(left, number), _terms(right, number)))
        else:
            terms = _terms(line, number)
            if len(terms) < 2:
                raise ThesaurusError(f"line {number}: one term only; a line needs two or more")
            entries.append(Entry(number, terms))
    return entries


def entries() -> list[Entry]:
    return parse(source().read_text(encoding="utf-8"))


# The query analyser's char filters and normalisation filters, in its order.
_AFFIX_BEFORE = re.compile(
    r"(?<=[\w])[\s\u00a0\u200c]+(?=(?:ها(?:[یيى](?:[یيى]|م|ت|ش|مان|تان|شان)?)?|تر(?:[یيى]ن)?)(?!\w))"
)
_PREFIX_AFTER = re.compile(r"(?<!\w)(ن?م[یيى])[\s\u00a0\u200c]+(?=\w)")
_ANALYSER_LETTERS = str.maketrans({
    "آ": "ا", "أ": "ا", "إ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ۀ": "ه", "ە": "ه",
})
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u0654]")  # harakat, superscript alef, tatweel, hamza above


def fold(term: str) -> str:
    """A term as text_fa's query analyser has it when it reaches the synonym filter."""
    text = unicodedata.normalize("NFC", term)
    text = _AFFIX_BEFORE.sub("", text)
    text = _PREFIX_AFTER.sub(r"\1", text)
    text = text.replace(persian.ZWNJ, "")
    text = persian.to_latin_digits(text).lower()
    text = _MARKS.sub("", text.translate(_ANALYSER_LETTERS))
    return " ".join(text.split())


def _dedupe(terms: list[str]) -> list[str]:
    return list(dict.fromkeys(terms))


_PERSIAN_WORD = re.compile(r"^[\u0600-\u06ff]+$")


def _with_plurals(terms: list[str]) -> list[str]:
    """Folded terms, each one-word Persian term also with ها / های joined (the query
    analyser joins a typed plural before the synonym filter: "ماشین ها" -> ماشينها)."""
    out = []
    for term in terms:
        out.append(term)
        if _PERSIAN_WORD.match(term) and not term.endswith("ها"):
            out.extend((term + "ها", term + "هاي"))
    return _dedupe(out)


def solr_lines(items: list[Entry]) -> list[str]:
    """Solr synonym lines: equivalences as they are, one-way rules widened to the
    equivalence lines their targets belong to; one-word Persian terms also in the plural."""
    groups = [_dedupe([fold(t) for t in e.terms]) for e in items if not e.one_way]
    group_of = {term: group for group in groups for term in group}
    lines = [", ".join(_with_plurals(group)) for group in groups if len(group) > 1]
    for e in items:
        if e.one_way:
            targets = _dedupe([w for t in e.targets for w in group_of.get(fold(t), [fold(t)])])
            lines.append(", ".join(_with_plurals([fold(t) for t in e.terms])) + " => " + ", ".join(targets))
    return lines


def solr_text(items: list[Entry] | None = None) -> str:
    return HEADER + "\n".join(solr_lines(entries() if items is None else items)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate Solr's synonyms_fa.txt from the thesaurus.")
    parser.add_argument("--write", action="store_true", help=f"write {SOLR_FILE}")
    parser.add_argument("--check", action="store_true", help="exit 1 when the Solr copy is stale")
    args = parser.parse_args(argv)
    text = solr_text()
    if args.check:
        same = SOLR_FILE.exists() and SOLR_FILE.read_text(encoding="utf-8") == text
        print("synonyms_fa.txt is up to date" if same else "synonyms_fa.txt is stale: run with --write")
        return 0 if same else 1
    if args.write:
        SOLR_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {SOLR_FILE} ({text.count(chr(10)) - HEADER.count(chr(10))} lines)")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

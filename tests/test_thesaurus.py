"""The search thesaurus (schemas/thesaurus.txt): every line parses, Solr's copy is
generated from it, and every term of every entry reaches the others through the real
Solr core's query analyser."""

from __future__ import annotations

import pytest
import requests
from ckan.lib.search.common import make_connection

from ckanext.smarttehran import thesaurus


def _core_url() -> str:
    return make_connection().url.rstrip("/")


def _analyse(text: str) -> set[str]:
    """The tokens text_fa's query analyser makes of ``text`` (Solr's /analysis/field)."""
    response = requests.get(
        f"{_core_url()}/analysis/field",
        params={"analysis.fieldtype": "text_fa", "analysis.query": text, "wt": "json"},
        timeout=30,
    )
    response.raise_for_status()
    stages = response.json()["analysis"]["field_types"]["text_fa"]["query"]
    return {t["text"] for t in stages[-1]}


def _index_tokens(text: str) -> set[str]:
    response = requests.get(
        f"{_core_url()}/analysis/field",
        params={"analysis.fieldtype": "text_fa", "analysis.fieldvalue": text, "wt": "json"},
        timeout=30,
    )
    response.raise_for_status()
    stages = response.json()["analysis"]["field_types"]["text_fa"]["index"]
    return {t["text"] for t in stages[-1]}


class TestFile:
    def test_every_line_parses(self):
        """The packaged thesaurus reads without error and has entries of both kinds."""
        entries = thesaurus.entries()
        assert len(entries) >= 100
        assert any(e.one_way for e in entries) and any(not e.one_way for e in entries)

    def test_solr_copy_is_generated_from_the_thesaurus(self):
        """dev/solr/.../synonyms_fa.txt is exactly what the generator makes of the thesaurus
        (run `python -m ckanext.smarttehran.thesaurus --write` after an edit)."""
        assert thesaurus.SOLR_FILE.read_text(encoding="utf-8") == thesaurus.solr_text()

    @pytest.mark.parametrize(
        "text, error",
        [
            ("a, , b", "empty term"),
            ("a => b => c", "more than one"),
            ("lonely", "one term only"),
            ("a, b =>", "empty term"),
        ],
    )
    def test_bad_lines_are_named(self, text, error):
        """A malformed line is refused with its line number and the reason."""
        with pytest.raises(thesaurus.ThesaurusError, match=f"line 2: .*{error}"):
            thesaurus.parse(f"# comment\n{text}\n")

    def test_fold_matches_the_analyser_letters(self):
        """Terms are folded as the analyser has them at the synonym filter: ي ك, ا for آ,
        Latin digits, no ZWNJ, the plural joined."""
        assert thesaurus.fold("آتش‌نشانی") == "اتشنشاني"
        assert thesaurus.fold("سامانه ۱۳۷") == "سامانه 137"
        assert thesaurus.fold("کتاب ها") == "كتابها"
        assert thesaurus.fold("Wi-Fi") == "wi-fi"

    def test_one_way_targets_are_widened_to_their_line(self):
        """`x => y` also finds the other terms of y's line."""
        lines = thesaurus.solr_lines(thesaurus.parse("خانه, مسکن\nخونه => خانه\n"))
        assert lines[-1].startswith("خونه") and lines[-1].endswith("=> خانه, مسكن")


class TestEveryEntryInSolr:
    @pytest.mark.parametrize("entry", thesaurus.entries(), ids=lambda e: f"line{e.line}")
    def test_terms_reach_each_other(self, entry):
        """Each term analyses to something, and a query for it also looks for what each
        other term of its entry (or its target) is indexed as."""
        terms = entry.targets or entry.terms
        for term in entry.terms:
            tokens = _analyse(term)
            assert tokens, f"{term!r} analyses to nothing"
            for other in terms:
                indexed = _index_tokens(other)
                assert tokens & indexed, f"{term!r} does not reach {other!r} ({tokens} / {indexed})"

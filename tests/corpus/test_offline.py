"""The corpus through ``scan_file``, the engine behind ``python -m ckanext.smarttehran.privacy
scan-file``: each personal file refused naming its types, each clean twin passing, and no
report quoting a synthetic value. No CKAN, database or config."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ckanext.smarttehran.privacy import checksums
from ckanext.smarttehran.privacy.files import scan_file
from tests.corpus import judge, passing
from tests.corpus.generator import (
    FAMILIES,
    REFUSED,
    UNSCREENABLE,
    build_corpus,
    corpus,
    write_corpus,
)

FAMILIES_RUN = passing.selected(passing.OFFLINE)
CASES = [c for c in corpus() if not c.live_only and c.family in FAMILIES_RUN]


@pytest.fixture(autouse=True)
def _plugins_from_test_ini():
    """Override the suite's plugin loading: the engine needs no CKAN."""
    yield


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    """The corpus written to a temporary directory: case id -> path."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), list(corpus()))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_scan_file_decides_as_expected(case, paths):
    """Personal file: refused, naming at least the family's types; clean twin: passes;
    unscreenable file: an error, never a pass. No report quotes a value."""
    report = scan_file(paths[case.id]).to_dict()
    outcome = judge.offline_outcome(report)
    assert outcome == case.expect, (outcome, judge.found_types(report), report.get("error"))
    if case.expect == REFUSED:
        assert case.types <= judge.found_types(report)
    assert judge.report_leaks(case, report) == []


def test_scan_file_command_gives_the_same_decision(tmp_path):
    """``python -m ckanext.smarttehran.privacy scan-file`` refuses a personal file (exit 0,
    findings in the report) and an unscreenable one (exit 2, an error)."""
    chosen = [c for c in corpus() if c.twin == "personal" and c.family in ("control-plain", "pdf-image-only")]
    for case, path in zip(chosen, write_corpus(tmp_path, chosen).values(), strict=True):
        run = subprocess.run([sys.executable, "-m", "ckanext.smarttehran.privacy", "scan-file", str(path)],
                             capture_output=True, timeout=120, check=False)
        report = json.loads(run.stdout)
        assert run.returncode == (2 if case.expect == UNSCREENABLE else 0)
        assert judge.offline_outcome(report) == case.expect
        assert judge.leaked(case, [run.stdout.decode(), run.stderr.decode()]) == []


def test_corpus_is_deterministic_and_complete():
    """The same seed gives the same bytes; every family has a personal file and its clean
    twin; every refused case names the values it hides."""
    again = build_corpus()
    assert [(c.id, c.data) for c in again] == [(c.id, c.data) for c in corpus()]
    for name in FAMILIES:
        twins = sorted(c.twin for c in again if c.family == name)
        assert twins == ["clean", "personal"], name
    for case in again:
        if case.expect == REFUSED:
            assert case.values and case.types, case.id
        if case.twin == "clean":
            assert case.values == (), case.id


def test_synthetic_values_have_valid_check_digits():
    """The generator's own check digits agree with the engine's validators."""
    values = {v for c in corpus() for v in c.values}
    kinds = {"nid": 0, "card": 0, "iban": 0, "mobile": 0}
    for v in values:
        if v.startswith("IR"):
            assert checksums.is_iban(v), v
            kinds["iban"] += 1
        elif len(v) == 16:
            assert checksums.is_bank_card(v), v
            kinds["card"] += 1
        elif len(v) == 11:
            assert v.startswith("09"), v
            kinds["mobile"] += 1
        else:
            assert len(v) == 10 and checksums.is_national_id(v), v
            kinds["nid"] += 1
    assert all(n >= 20 for n in kinds.values()), kinds

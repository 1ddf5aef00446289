"""Every corpus case through ``scan_file``, failures first: what to fix next.

    python -m tests.corpus.report            # a Markdown table on stdout
    python -m tests.corpus.report --passing  # only the names of the families that pass

A family passes when both its twins do what ``expect`` says (see ``generator``).
"""

from __future__ import annotations

import sys
import tempfile
import time

from ckanext.smarttehran.privacy.files import scan_file
from tests.corpus import judge
from tests.corpus.generator import REFUSED, Case, corpus, write_corpus


def check(case: Case, path) -> str:
    """"" when the case behaves as expected, else what went wrong."""
    started = time.monotonic()
    report = scan_file(path).to_dict()
    took = time.monotonic() - started
    outcome = judge.offline_outcome(report)
    found = judge.found_types(report)
    problems = []
    if outcome != case.expect:
        error = (report.get("error") or {}).get("code")
        problems.append(f"{outcome} (expected {case.expect})" + (f", error {error}" if error else "")
                        + (f", found {sorted(found)}" if found else ""))
    elif case.expect == REFUSED and not case.types <= found:
        problems.append(f"refused but missed {sorted(case.types - found)} (found {sorted(found)})")
    leaks = judge.report_leaks(case, report)
    if leaks:
        problems.append(f"report quotes {len(leaks)} raw value(s)/cell(s)")
    if took > 5:
        problems.append(f"took {took:.1f} s")
    return "; ".join(problems)


def main(argv: list[str]) -> int:
    cases = [c for c in corpus() if not c.live_only]
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(tmp, cases)
        results = {case.id: check(case, paths[case.id]) for case in cases}
    families = list(dict.fromkeys(c.family for c in cases))
    failing = {f for f in families if any(results[c.id] for c in cases if c.family == f)}
    if "--passing" in argv:
        print("\n".join(f for f in families if f not in failing))
        return 0
    print(f"{len(families) - len(failing)} of {len(families)} families pass offline (scan_file).\n")
    print("| family | twin | what happens |\n| --- | --- | --- |")
    for case in sorted(cases, key=lambda c: (c.family not in failing, c.family, c.twin)):
        if case.family in failing:
            print(f"| {case.family} | {case.twin} | {results[case.id] or 'ok'} |")
    print("\nPassing: " + ", ".join(f for f in families if f not in failing))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

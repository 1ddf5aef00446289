"""What the gate did with a corpus case, and whether a text leaks its synthetic values."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from typing import Any

from tests.corpus.generator import PUBLISHED, REFUSED, UNSCREENABLE, Case

_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def found_types(report: dict[str, Any]) -> set[str]:
    """Finding types a FileReport dict flags, wherever they sit (tables, text, members)."""
    out: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "pii_type" in node and "header" in node:  # a column
                if node.get("pii_type"):
                    out.add(node["pii_type"])
                out.update(node.get("sporadic") or [])
            elif "chars" in node and "counts" in node and "findings" in node:  # running text
                out.update(t for t, n in (node.get("counts") or {}).items() if n)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(report)
    return out


def offline_outcome(report: dict[str, Any]) -> str:
    """``unscreenable`` (error), ``refused`` (personal data) or ``published``."""
    if report.get("error"):
        return UNSCREENABLE
    return REFUSED if report.get("has_pii") else PUBLISHED


def forms(case: Case) -> list[str]:
    """Every way a case's values could show up: Latin, Persian, Arabic-Indic, as written."""
    out: list[str] = []
    for value in case.values:
        out += [value, value.translate(_PERSIAN), value.translate(_ARABIC)]
    out += [w for w in case.written if len(w) >= 8]
    return list(dict.fromkeys(out))


def _visible(text: str) -> str:
    """``text`` without format characters (LRM, ZWSP ...): a split value joined again."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def leaked(case: Case, texts: Iterable[str]) -> list[str]:
    """The value forms of ``case`` found in any of ``texts`` (raw or without Cf chars)."""
    wanted = forms(case)
    hits = []
    for text in texts:
        for candidate in (text, _visible(text)):
            hits += [w for w in wanted if w in candidate]
    return sorted(set(hits))


# A mask keeps at most four leading and two trailing digits: seven digits of a value in a
# row are more than any mask shows.
PARTIAL = 7


def partly_leaked(case: Case, texts: Iterable[str]) -> list[str]:
    """Runs of ``PARTIAL`` digits of a value (in Latin, Persian or Arabic-Indic digits)
    found in ``texts``: for short texts (messages, reports), where chance matches are rare."""
    digits = [v[2:] if v.startswith("IR") else v for v in case.values]
    wanted = {w[i : i + PARTIAL] for w in digits for i in range(len(w) - PARTIAL + 1)}
    wanted |= {w.translate(_PERSIAN) for w in wanted} | {w.translate(_ARABIC) for w in wanted}
    hits = []
    for text in texts:
        visible = _visible(text)
        hits += [w for w in wanted if w in visible]
    return sorted(set(hits))


def report_leaks(case: Case, report: dict[str, Any]) -> list[str]:
    """Value forms, runs of a value's digits, or unquotable cells that a report quotes."""
    text = json.dumps(report, ensure_ascii=False)
    return leaked(case, [text]) + partly_leaked(case, [text]) + [c for c in case.no_quote if c in text]

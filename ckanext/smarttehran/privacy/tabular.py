"""Tables: classify each column, and feed the k-anonymity check (``kanonymity``).

Rows are processed in batches; each column of a batch is joined with newlines
and scanned as one text (one regex pass per column, not per cell), with the
column's header as context. Memory is bounded by the batch size and by the
number of distinct quasi-identifier combinations (capped by ``max_classes``).
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import accumulate, islice, zip_longest

from ckanext.smarttehran.persian import to_persian_digits
from ckanext.smarttehran.privacy import findings, headers
from ckanext.smarttehran.privacy.context import HINT_PUBLIC
from ckanext.smarttehran.privacy.detectors import find_hits, scan_text
from ckanext.smarttehran.privacy.kanonymity import (
    DEFAULT_K,
    DEFAULT_MAX_CLASSES,
    KAnonCounter,
    quasi_identifier_columns,
    rows_are_people,
)
from ckanext.smarttehran.privacy.masking import mask
from ckanext.smarttehran.privacy.normalize import (
    column_needs_normalizing,
    needs_normalizing,
    normalize,
    normalize_cell,
    reshapes,
)
from ckanext.smarttehran.privacy.numbers import Hit
from ckanext.smarttehran.privacy.reports import MAX_ROWS, ColumnReport, TableReport

# A column is of a type when this share of its non-empty values are findings of it ...
DEFAULT_MIN_SHARE = 0.5
# ... or this share when its header already announces the type.
DEFAULT_HEADER_MIN_SHARE = 0.2
BATCH_ROWS = 2000
MAX_SAMPLES = 3
# Distinct values per column whose findings are remembered across batches.
MAX_MEMO = 20_000

_L = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
# Whole-cell shapes for types that have no checksum: trusted only under a header.
_CELL_RULES: dict[str, re.Pattern[str]] = {
    findings.PERSON: re.compile(
        rf"^[ \t]*([{_L}]{{2,}}(?:[ \u200c][{_L}]{{2,}}){{1,3}}|[A-Z][a-z]+(?: [A-Z][a-z]+){{1,2}})[ \t]*$",
        re.MULTILINE,
    ),
    findings.ADDRESS: re.compile(
        r"^[ \t]*([^\n]*(?:خیابان|خ\.|کوچه|بلوار|پلاک|میدان|street|alley|st\.|ave)[^\n]*?)[ \t]*$",
        re.MULTILINE | re.IGNORECASE,
    ),
    findings.GPS: re.compile(r"^[ \t]*([0-9۰-۹٠-٩]{2}[.٫][0-9۰-۹٠-٩]{4,})[ \t]*$", re.MULTILINE),
    findings.BIRTH_CERT: re.compile(r"^[ \t]*([0-9۰-۹٠-٩]{1,10})[ \t]*$", re.MULTILINE),
    findings.PASSPORT: re.compile(r"^[ \t]*([A-Za-z][0-9۰-۹]{8})[ \t]*$", re.MULTILINE),
}


class ColumnStats:
    """Running counts for one column."""

    __slots__ = (
        "index",
        "header",
        "hint",
        "qi",
        "values",
        "counts",
        "samples",
        "first_rows",
        "type_samples",
    )

    def __init__(self, index: int, header: str, hint: str | None) -> None:
        self.index = index
        self.header = header
        self.hint = hint
        self.qi = headers.quasi_identifier(header)
        self.values = 0
        self.counts: Counter[str] = Counter()
        self.samples: list[str] = []
        # Per type: the first row numbers (1 = the first row after the header) holding it.
        self.first_rows: dict[str, list[int]] = {}
        # Per type: masked samples (the column's own ``samples`` mix its types).
        self.type_samples: dict[str, list[str]] = {}

    def add(self, type_: str, rows: int, sample: str | None) -> None:
        """Count ``rows`` values holding a finding of ``type_``."""
        self.counts[type_] += rows
        if sample is not None and len(self.samples) < MAX_SAMPLES and sample not in self.samples:
            self.samples.append(sample)
        if sample is not None:
            kept = self.type_samples.setdefault(type_, [])
            if len(kept) < MAX_SAMPLES and sample not in kept:
                kept.append(sample)

    def wants_rows(self, type_: str) -> int:
        """How many more row numbers of ``type_`` are kept."""
        return MAX_ROWS - len(self.first_rows.get(type_, ()))

    def add_rows(self, type_: str, rows: Iterable[int]) -> None:
        """Keep the first row numbers (ascending, after those already kept) of ``type_``."""
        kept = self.first_rows.setdefault(type_, [])
        for row in rows:
            if len(kept) >= MAX_ROWS:
                break
            kept.append(row)

    def report(self, min_share: float, header_min_share: float) -> ColumnReport:
        """The column's verdict."""
        pii_type, share = classify(self.hint, self.counts, self.values, min_share, header_min_share)
        sporadic = [t for t in findings.SPORADIC_TYPES if self.counts.get(t) and t != pii_type]
        return ColumnReport(
            index=self.index,
            header=self.header,
            pii_type=pii_type,
            header_hint=self.hint,
            values=self.values,
            counts=dict(self.counts),
            share=round(share, 4),
            quasi_identifier=self.qi,
            samples=list(self.samples) if pii_type else [],
            sporadic=sporadic,
            rows_by_type={t: list(rows) for t, rows in self.first_rows.items()},
            samples_by_type={t: list(s) for t, s in self.type_samples.items()},
        )


def classify(
    hint: str | None,
    counts: Counter[str],
    values: int,
    min_share: float = DEFAULT_MIN_SHARE,
    header_min_share: float = DEFAULT_HEADER_MIN_SHARE,
) -> tuple[str | None, float]:
    """A column's type from its header hint and its findings counts."""
    if values <= 0:
        return None, 0.0
    if hint in findings.ALL_TYPES and counts.get(hint, 0) / values >= header_min_share:
        return hint, counts[hint] / values
    if not counts:
        return None, 0.0
    best, count = counts.most_common(1)[0]
    share = count / values
    if share >= min_share:
        return best, share
    return None, share


def scan_table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    name: str = "",
    k: int = DEFAULT_K,
    quasi_identifiers: Sequence[str] | None = None,
    min_share: float = DEFAULT_MIN_SHARE,
    header_min_share: float = DEFAULT_HEADER_MIN_SHARE,
    max_classes: int = DEFAULT_MAX_CLASSES,
) -> TableReport:
    """Classify each column of a table and check k-anonymity; rows are streamed."""
    table = TableScan(header, k=k, quasi_identifiers=quasi_identifiers, max_classes=max_classes)
    batch: list[Sequence[object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_ROWS:
            table.add_rows(batch)
            batch = []
    if batch:
        table.add_rows(batch)
    return table.report(name=name, min_share=min_share, header_min_share=header_min_share)


class TableScan:
    """Incremental table scan: feed row batches, then ask for the report."""

    def __init__(
        self,
        header: Sequence[object],
        *,
        k: int = DEFAULT_K,
        quasi_identifiers: Sequence[str] | None = None,
        max_classes: int = DEFAULT_MAX_CLASSES,
        detect_header: bool = True,
    ) -> None:
        """``detect_header=False``: ``header`` is a header whatever it holds."""
        cells = ["" if h is None else str(h) for h in header]
        # A first row that holds personal data, or only numbers, is a record, not a
        # header: it is scanned as the first row, and columns are named by position
        # (a raw cell never names a column in a report).
        self.header_row = detect_header is False or not looks_like_data(cells)
        self._pending: list[Sequence[object]] = []
        if self.header_row:
            names = cells
        else:
            names = [position_name(i) for i in range(len(cells))]
            self._pending = [cells]
        public = headers.public_table(names)
        self.columns: list[ColumnStats] = []
        for i, h in enumerate(names):
            hint = headers.header_hint(h)
            if public and hint == findings.GPS:
                hint = HINT_PUBLIC
            self.columns.append(ColumnStats(i, h, hint))
        self.explicit_qi = quasi_identifiers is not None
        if quasi_identifiers is None:
            self.qi_index = quasi_identifier_columns(self.columns)
        else:
            wanted = set(quasi_identifiers)
            self.qi_index = [c.index for c in self.columns if c.header in wanted]
        self.k = k
        self.kanon = (
            KAnonCounter([names[i] for i in self.qi_index], max_classes, k)
            if self.qi_index
            else None
        )
        self.rows = 0
        # Per column: the types found in each distinct value already scanned.
        self._memo: dict[int, dict[str, frozenset[str]]] = {}

    def _column(self, index: int) -> ColumnStats:
        while index >= len(self.columns):
            self.columns.append(ColumnStats(len(self.columns), position_name(len(self.columns)), None))
        return self.columns[index]

    def add_rows(self, rows: list[Sequence[object]]) -> None:
        """Scan one batch of rows (lists of cell values)."""
        if self._pending:
            rows = [*self._pending, *rows]
            self._pending = []
        first_row = self.rows + 1
        self.rows += len(rows)
        cols = list(zip_longest(*rows, fillvalue=""))
        texts: list[Sequence[str]] = []
        for index, col in enumerate(cols):
            values, joined = _column_text(col)
            texts.append(values)
            self.scan_column(index, values, joined, first_row)
        if self.kanon is not None:
            picked = [texts[i] if i < len(texts) else [""] * len(rows) for i in self.qi_index]
            self.kanon.update(list(zip(*picked, strict=False)), first_row)

    def scan_column(
        self, index: int, values: Sequence[str], joined: str | None = None, first_row: int = 1
    ) -> None:
        """Count findings among one batch of one column's values (``joined`` by newlines).

        ``first_row`` is the row number of ``values[0]`` (1 = the first row after the header).
        """
        stats = self._column(index)
        filled = len(values) - values.count("")
        stats.values += filled
        if joined is None:
            joined = "\n".join(values)
        if column_needs_normalizing(joined):
            if reshapes(joined):  # characters dropped: only the cells holding them
                values = [
                    normalize_cell(v) if needs_normalizing(v, cell=True) else v for v in values
                ]
                joined = "\n".join(values)
            else:  # one-for-one replacements: the whole column at once, breaks kept
                joined = normalize(joined, cell=True, keep="\n").text
                values = joined.split("\n")
        hint = stats.hint
        rule = _CELL_RULES.get(hint or "")
        # The cells matching the header's whole-cell rule (their values, not match objects:
        # a lat/lon column has one per row).
        found: list[str] = rule.findall(joined) if rule is not None else []
        only_rule = _rule_explains_all(hint, found, filled)
        # Every pass reads only the cell a candidate lies in, so a column whose values
        # repeat is scanned once per distinct value and each hit counted per occurrence.
        distinct = _distinct(values, joined)
        if distinct is not None:
            self._scan_distinct(stats, rule, found, only_rule, *distinct, values, first_row)
            return
        ends: list[int] = []

        def line_ends() -> list[int]:
            if not ends:
                ends.extend(accumulate(len(v) + 1 for v in values))
            return ends

        def locate(pos: int) -> tuple[int, int, str | None]:
            e = line_ends()
            row = bisect.bisect_right(e, pos)
            lo = e[row - 1] if row else 0
            return lo, e[row] - 1 if row < len(e) else len(joined), hint

        hits: list[Hit] = [] if only_rule else find_hits(joined, locate, hint=hint)
        if found and not any(h[0] == hint for h in hits):
            # One match per line: count them without locating each.
            for value in found[: max(0, MAX_SAMPLES - len(stats.samples))]:
                stats.add(hint, 0, mask(value))  # type: ignore[arg-type]
            stats.add(hint, len(found), None)  # type: ignore[arg-type]
            need = stats.wants_rows(hint)  # type: ignore[arg-type]
            if need > 0:
                e = line_ends()
                firsts = islice(rule.finditer(joined), need)  # type: ignore[union-attr]
                stats.add_rows(hint, (first_row + bisect.bisect_right(e, m.start()) for m in firsts))  # type: ignore[arg-type]
        elif found:
            hits += [(hint, m.start(1), m.end(1), 0.7, "header") for m in rule.finditer(joined)]  # type: ignore[misc, union-attr]
        if hits:
            seen = self.count_hits(stats, joined, hits, line_ends())
            for type_, lines in seen.items():
                need = stats.wants_rows(type_)
                if need > 0:
                    stats.add_rows(type_, (first_row + r for r in heapq.nsmallest(need, lines)))

    def _scan_distinct(
        self,
        stats: ColumnStats,
        rule: re.Pattern[str] | None,
        found: list[str],
        only_rule: bool,
        cells: list[str],
        weights: list[int],
        values: Sequence[str],
        first_row: int,
    ) -> None:
        """``scan_column`` over distinct values, each standing for ``weights[i]`` rows.

        The types found in a value are remembered for the column (``_memo``): a value
        seen before is not scanned again when it holds nothing, or when the column
        has all its samples (then only counts are left to take from it).
        """
        hint = stats.hint
        memo = self._memo.setdefault(stats.index, {})
        full = len(stats.samples) >= MAX_SAMPLES
        known: Counter[str] = Counter()
        # Per type still wanting row numbers: the values holding it (asked once per batch).
        located: dict[str, set[str]] = {
            t: set() for t in findings.ALL_TYPES if stats.wants_rows(t) > 0
        }
        todo: list[str] = []
        todo_w: list[int] = []
        for value, w in zip(cells, weights, strict=True):
            types = memo.get(value)
            if types is None or (types and not full):
                todo.append(value)
                todo_w.append(w)
            else:
                for type_ in types:
                    known[type_] += w
                    if type_ in located:
                        located[type_].add(value)
        for type_, n in known.items():
            stats.add(type_, n, None)
        if not todo:
            _add_first_rows(stats, values, located, first_row)
            return
        text = "\n".join(todo)
        ends = list(accumulate(len(v) + 1 for v in todo))

        def locate(pos: int) -> tuple[int, int, str | None]:
            row = bisect.bisect_right(ends, pos)
            lo = ends[row - 1] if row else 0
            return lo, ends[row] - 1 if row < len(ends) else len(text), hint

        hits: list[Hit] = [] if only_rule else find_hits(text, locate, hint=hint)
        ruled = (
            [bisect.bisect_right(ends, m.start()) for m in rule.finditer(text)]  # type: ignore[union-attr]
            if found
            else []
        )
        if ruled and not any(h[0] == hint for h in hits):
            # Samples as the whole column's scan takes them: the first rows' matches.
            for value in found[: max(0, MAX_SAMPLES - len(stats.samples))]:
                stats.add(hint, 0, mask(value))  # type: ignore[arg-type]
            stats.add(hint, sum(todo_w[r] for r in ruled), None)  # type: ignore[arg-type]
            seen = self.count_hits(stats, text, hits, ends, todo_w) if hits else {}
            seen.setdefault(hint, set()).update(ruled)  # type: ignore[arg-type]
        else:
            hits += [
                (hint, m.start(1), m.end(1), 0.7, "header")  # type: ignore[misc]
                for m in (rule.finditer(text) if ruled else ())  # type: ignore[union-attr]
            ]
            seen = self.count_hits(stats, text, hits, ends, todo_w) if hits else {}
        for type_, lines in seen.items():
            if stats.wants_rows(type_) > 0:
                located.setdefault(type_, set()).update(todo[r] for r in lines)
        _add_first_rows(stats, values, located, first_row)
        if len(memo) < MAX_MEMO:
            types_of: list[set[str]] = [set() for _ in todo]
            for type_, rows in seen.items():
                for r in rows:
                    types_of[r].add(type_)
            for value, types in zip(todo, types_of, strict=True):
                memo[value] = frozenset(types)

    @staticmethod
    def count_hits(
        stats: ColumnStats,
        text: str,
        hits: list[Hit],
        ends: list[int],
        weights: list[int] | None = None,
    ) -> dict[str, set[int]]:
        """Add hits to a column's counts: one per (row, type); ``weights[row]`` rows
        when the lines of ``text`` are distinct values standing for several rows.
        Returns the rows (lines) each type was found in."""
        seen: dict[str, set[int]] = {}
        for type_, start, end, _score, _basis in hits:
            row = bisect.bisect_right(ends, start)
            rows = seen.setdefault(type_, set())
            if row in rows:
                continue
            rows.add(row)
            if len(stats.samples) < MAX_SAMPLES:
                stats.add(type_, 0, mask(text[start:end]))
        for type_, rows in seen.items():
            n = len(rows) if weights is None else sum(weights[r] for r in rows)
            stats.add(type_, n, None)
        return seen

    def report(
        self,
        *,
        name: str = "",
        min_share: float = DEFAULT_MIN_SHARE,
        header_min_share: float = DEFAULT_HEADER_MIN_SHARE,
    ) -> TableReport:
        """The table's verdict so far."""
        if self._pending:
            self.add_rows([])
        columns = [c.report(min_share, header_min_share) for c in self.columns]
        people = self.explicit_qi or rows_are_people(columns)
        return TableReport(
            name=name,
            rows=self.rows,
            columns=columns,
            k_anonymity=self.kanon.report(self.k) if self.kanon is not None and people else None,
            pii_columns=[c.header for c in columns if c.pii_type or c.sporadic],
            rows_are_people=people,
            header_row=self.header_row,
        )


def position_name(index: int) -> str:
    """The name of a column without a header: ``column 3`` (``ستون ۳`` in Persian:
    :func:`position_name_fa`)."""
    return f"column {index + 1}"


def position_name_fa(index: int) -> str:
    """The Persian name of a column without a header."""
    return "ستون " + to_persian_digits(str(index + 1))


# A header cell this long is a record's cell.
_MAX_HEADER_CHARS = 200
_NUMERIC_CELL = re.compile(r"[\d\s.,/:+\-٫٬()]+")


def looks_like_data(cells: Sequence[str]) -> bool:
    """A first row that is a record: a cell holds a finding, is very long, or is a
    number or a date."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return False
    if any(len(c) > _MAX_HEADER_CHARS for c in filled):
        return True
    norm = [normalize_cell(c) for c in filled]
    if any(_NUMERIC_CELL.fullmatch(c) for c in norm):
        return True  # a header names columns; a number in the first row is a value
    return bool(scan_text("\n".join(norm)))


def _rule_explains_all(hint: str | None, found: list[str], filled: int) -> bool:
    """Every cell of a lat/lon column is one plain decimal: the cell rule has counted
    them all, and no pass finds anything in digits, points and spaces alone."""
    return hint == findings.GPS and len(found) == filled


def _add_first_rows(
    stats: ColumnStats, values: Sequence[str], located: dict[str, set[str]], first_row: int
) -> None:
    """Row numbers of the first ``values`` holding each type's values, as many as are kept."""
    for type_, wanted in located.items():
        if not wanted:
            continue
        need = stats.wants_rows(type_)
        rows: list[int] = []
        for i, value in enumerate(values):
            if value in wanted:
                rows.append(first_row + i)
                if len(rows) >= need:
                    break
        stats.add_rows(type_, rows)


def classify_column(
    header: object,
    values: Sequence[object],
    *,
    min_share: float = DEFAULT_MIN_SHARE,
    header_min_share: float = DEFAULT_HEADER_MIN_SHARE,
) -> str | None:
    """The PII type of one column (header and values), or None."""
    table = TableScan([header], k=DEFAULT_K, quasi_identifiers=[], detect_header=False)
    cells = ["" if v is None else str(v).replace("\n", " ") for v in values]
    table.scan_column(0, cells)
    return table.report(min_share=min_share, header_min_share=header_min_share).columns[0].pii_type


def _column_text(col: Sequence[object]) -> tuple[Sequence[str], str]:
    """A column's cells as strings without line breaks, and joined by newlines.

    The common case (all strings, none with a line break) costs one ``join``.
    """
    try:
        joined = "\n".join(col)  # type: ignore[arg-type]
        if joined.count("\n") == len(col) - 1:
            return col, joined  # type: ignore[return-value]
    except TypeError:
        pass
    values = [v if isinstance(v, str) else "" if v is None else str(v) for v in col]
    values = [v.replace("\n", " ") if "\n" in v else v for v in values]
    return values, "\n".join(values)


# A "+" in a cell's last two characters is read by the plausibility check of a number
# starting the next cell (``numbers._classify``): such a column is scanned whole.
_PLUS_AT_CELL_END = re.compile(r"\+[^\n]?\n")
_MIN_DISTINCT_ROWS = 32


def _distinct(values: Sequence[str], joined: str) -> tuple[list[str], list[int]] | None:
    """The column's distinct values and how many rows each stands for.

    None when fewer than half the rows repeat a value, or when a cell's end can
    affect the next cell's scan.
    """
    if (
        len(values) < _MIN_DISTINCT_ROWS
        or len(set(values[:_MIN_DISTINCT_ROWS])) == _MIN_DISTINCT_ROWS
    ):
        return None  # too short, or the first rows all differ (ids, coordinates)
    counts = Counter(values)
    if len(counts) * 2 > len(values) or _PLUS_AT_CELL_END.search(joined) is not None:
        return None
    return list(counts), list(counts.values())

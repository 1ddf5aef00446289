"""CSV and TSV, a decoded chunk at a time.

Each chunk is parsed by the C ``csv`` module (or split, when it has no quotes)
and scanned column by column (``TableScan.add_rows``): each column's cells are
joined into one text and only the passes that text can feed run over it, with
the column's header as context, so money and date columns cost one search and
lat/lon columns one anchored regex. A chunk the csv module rejects is scanned
as raw text, each hit's line read to find its column.
"""

from __future__ import annotations

import bisect
import csv
import heapq
import io
from collections.abc import Iterable, Iterator

from ckanext.smarttehran.privacy.detectors import find_hits
from ckanext.smarttehran.privacy.masking import mask
from ckanext.smarttehran.privacy.normalize import normalize
from ckanext.smarttehran.privacy.reports import Issue, TableReport
from ckanext.smarttehran.privacy.tabular import MAX_SAMPLES, TableScan
from ckanext.smarttehran.privacy.textio import LineWindow

DELIMITERS = (",", "\t", ";", "|", "،")
csv.field_size_limit(1 << 24)


def sniff_delimiter(first_line: str) -> str:
    """The commonest candidate delimiter in the header line (comma if none)."""
    best = max(DELIMITERS, key=first_line.count)
    return best if first_line.count(best) else ","


def scan_csv_chunks(
    chunks: Iterable[str],
    issues: list[Issue],
    *,
    name: str = "",
    delimiter: str | None = None,
    k: int = 5,
    quasi_identifiers: list[str] | None = None,
    min_share: float = 0.5,
    header_min_share: float = 0.2,
) -> TableReport | None:
    """Scan a CSV given as decoded chunks (each ending at a row boundary)."""
    it: Iterator[str] = iter(chunks)
    first = next(it, "")
    if not first.strip():
        return None
    if isinstance(first, LineWindow):  # a first line too long to be a header
        table = TableScan([], k=k, quasi_identifiers=quasi_identifiers)
        scanner = _ChunkScanner(table, delimiter or sniff_delimiter(first[:4096]), issues)
        scanner.scan(first)
        for chunk in it:
            scanner.scan(chunk)
        return table.report(name=name, min_share=min_share, header_min_share=header_min_share)
    head_end = _header_end(first)
    header_line = first[:head_end]
    delim = delimiter or sniff_delimiter(header_line)
    try:
        header = next(csv.reader(io.StringIO(header_line), delimiter=delim), [])
    except csv.Error as exc:
        issues.append(_malformed(str(exc)))
        header = header_line.split(delim)
    table = TableScan(header, k=k, quasi_identifiers=quasi_identifiers)
    scanner = _ChunkScanner(table, delim, issues)
    scanner.scan(first[head_end:])
    for chunk in it:
        scanner.scan(chunk)
    if scanner.ragged:
        issues.append(
            Issue(
                "ragged_rows",
                f"{scanner.ragged} rows do not have as many fields as the header.",
                f"{scanner.ragged} سطر به اندازه سرستون‌ها فیلد ندارد.",
                {"rows": scanner.ragged},
            )
        )
    return table.report(name=name, min_share=min_share, header_min_share=header_min_share)


def _lines(text: str) -> list[str] | io.StringIO:
    """The lines a file of ``text`` has, ends kept (a quoted field may span lines).

    The C csv reader is faster over a list than over a StringIO. splitlines also breaks
    at a lone carriage return, a form feed, U+2028 ...: each such break adds a line
    without a newline, so when the counts agree every break is a newline (CR LF is one
    line either way) and the two lists are the same.
    """
    lines = text.splitlines(True)
    if len(lines) == text.count("\n") + (not text.endswith("\n")):
        return lines
    return io.StringIO(text)


def _header_end(text: str) -> int:
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl == -1:
            return len(text)
        if text.count('"', 0, nl) % 2 == 0:
            return nl + 1
        pos = nl + 1


class _ChunkScanner:
    def __init__(self, table: TableScan, delim: str, issues: list[Issue]):
        self.table = table
        self.delim = delim
        self.issues = issues
        self.ragged = 0
        self.hints = [c.hint for c in table.columns]
        self._window_column = 0

    def scan(self, text: str) -> None:
        """Parse the chunk and scan it column by column; raw text if it does not parse."""
        if not text:
            return
        if isinstance(text, LineWindow):
            self._scan_window(text)
            return
        rows = self._rows(text)
        if rows is None:
            self._scan_raw(text)
            return
        width = len(self.table.columns)
        self.ragged += sum(1 for r in rows if len(r) != width)
        self.table.add_rows(rows)

    def _rows(self, text: str) -> list[list[str]] | None:
        try:
            if '"' in text or "\r" in text:
                return list(csv.reader(_lines(text), delimiter=self.delim))
            rows = [line.split(self.delim) for line in text.split("\n")]
        except csv.Error as exc:
            self.issues.append(_malformed(str(exc)))
            return None
        if rows and rows[-1] == [""]:
            rows.pop()
        return rows

    def _scan_window(self, window: LineWindow) -> None:
        """One window of a line too long to parse: detectors over it, cells by delimiter.

        The column of a hit is the number of delimiters before it on the line (quotes
        are not followed inside a line this long); a hit wholly inside the overlap was
        counted with the previous window.
        """
        table = self.table
        if window.overlap == 0:
            self._window_column = 0
            table.rows += 1
        text = normalize(window, keep=self.delim).text
        overlap = normalize(window[: window.overlap], keep=self.delim).text
        skip = len(overlap)
        base = self._window_column - window.count(self.delim, 0, window.overlap)
        delim = self.delim
        hints = self.hints

        def locate(pos: int) -> tuple[int, int, str | None]:
            lo = text.rfind(delim, 0, pos) + 1
            hi = text.find(delim, pos)
            col = base + text.count(delim, 0, pos)
            return lo, len(text) if hi == -1 else hi, hints[col] if 0 <= col < len(hints) else None

        seen: set[tuple[int, str]] = set()
        for type_, start, end, _score, _basis in find_hits(text, locate, delim):
            if end <= skip:
                continue
            col = max(0, base + text.count(delim, 0, start))
            if (col, type_) in seen:
                continue
            seen.add((col, type_))
            stats = table._column(col)
            stats.add(type_, 1, mask(text[start:end]) if len(stats.samples) < MAX_SAMPLES else None)
            stats.add_rows(type_, [table.rows])
        self._window_column = base + text.count(delim)
        if window.last:
            for stats in table.columns:
                stats.values += 1

    def _scan_raw(self, text: str) -> None:
        """A chunk the csv module rejects: detectors over the raw text, cells located by line."""
        text = normalize(text, keep=self.delim).text  # line breaks and delimiters kept
        rows = text.count("\n") + (0 if text.endswith("\n") else 1)
        table = self.table
        first_row = table.rows + 1
        table.rows += rows
        delim = self.delim
        hints = self.hints

        lines: dict[int, list[int]] = {}

        cells: dict[int, tuple[int, int, int]] = {}

        def locate(pos: int) -> tuple[int, int, str | None]:
            cell = cells.get(pos)
            if cell is None:
                cell = cells[pos] = _cell(text, pos, delim, lines)
            col, lo, hi = cell
            return lo, hi, hints[col] if col < len(hints) else None

        seen: set[tuple[int, int, str]] = set()
        # Per (column, type): the line starts of the hits, for row numbers.
        lines_at: dict[tuple[int, str], list[int]] = {}
        for type_, start, end, _score, _basis in find_hits(text, locate, delim):
            cell = cells.get(start)
            col = (cell or _cell(text, start, delim, lines))[0]
            line = text.rfind("\n", 0, start)
            key = (col, line, type_)
            if key in seen:
                continue
            seen.add(key)
            stats = table._column(col)
            stats.add(type_, 1, mask(text[start:end]) if len(stats.samples) < MAX_SAMPLES else None)
            lines_at.setdefault((col, type_), []).append(line + 1)
        for (col, type_), starts in lines_at.items():
            stats = table._column(col)
            need = stats.wants_rows(type_)
            if need > 0:
                stats.add_rows(
                    type_,
                    (first_row + text.count("\n", 0, s) for s in heapq.nsmallest(need, starts)),
                )
        for stats in table.columns:
            stats.values += rows

def _cell(text: str, pos: int, delim: str, lines: dict[int, list[int]]) -> tuple[int, int, int]:
    """(column index, cell start, cell end) of the character at ``pos``.

    ``lines`` caches the delimiter positions of quoted lines already seen.
    """
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    if le == -1:
        le = len(text)
    cuts = lines.get(ls)
    if cuts is None and text.find('"', ls, le) == -1:
        col = text.count(delim, ls, pos)
        lo = text.rfind(delim, ls, pos) + 1 or ls
        hi = text.find(delim, pos, le)
        return col, max(lo, ls), le if hi == -1 else hi
    # Quoted fields: delimiters outside quotes, found by one regex pass over the line.
    if cuts is None:
        cuts = []
        offset = ls
        for i, part in enumerate(text[ls:le].split('"')):
            if i % 2 == 0 and delim in part:
                start = 0
                while (j := part.find(delim, start)) != -1:
                    cuts.append(offset + j)
                    start = j + 1
            offset += len(part) + 1
        lines[ls] = cuts
    col = bisect.bisect_left(cuts, pos)
    lo = cuts[col - 1] + 1 if col else ls
    hi = cuts[col] if col < len(cuts) else le
    return col, lo, hi


def _malformed(detail: str) -> Issue:
    return Issue(
        "malformed_csv",
        f"Malformed CSV: {detail}.",
        f"CSV نادرست: {detail}.",
        {"error": detail},
    )

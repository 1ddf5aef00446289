"""k-anonymity over quasi-identifier columns: which columns, whether rows are people,
and the equivalence classes (counted up to a cap, with each class's first row)."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from ckanext.smarttehran.privacy import headers
from ckanext.smarttehran.privacy.reports import MAX_ROWS, ColumnReport, KAnonymity

DEFAULT_K = 5
DEFAULT_MAX_CLASSES = 1_000_000
# Classes smaller than k whose first row is kept at once: rows at risk are exact unless
# more than this many combinations are rarer than k at the same time.
MAX_TRACKED = 100_000


class _Column(Protocol):
    index: int
    header: str
    qi: str | None


class KAnonCounter:
    """Counts equivalence classes of quasi-identifier tuples, up to a cap.

    Each class smaller than ``k`` keeps its first row, for up to ``MAX_TRACKED`` classes
    at once (a class reaching ``k`` can no longer be at risk and is dropped), so the
    rows named at risk cost little memory even when every row is its own class.
    """

    def __init__(
        self, names: list[str], max_classes: int = DEFAULT_MAX_CLASSES, k: int = DEFAULT_K
    ) -> None:
        self.names = names
        self.max_classes = max_classes
        self.k = k
        self.classes: Counter[tuple[str, ...]] = Counter()
        # The first row of classes still smaller than k (the earliest found, up to a cap).
        self.first_row: dict[tuple[str, ...], int] = {}
        self.records = 0
        self.truncated = False

    def update(self, tuples: Sequence[tuple[str, ...]], first_row: int = 1) -> None:
        """Add one batch of rows' quasi-identifier tuples; ``tuples[0]`` is row ``first_row``."""
        batch = Counter(tuples)
        self.records += len(tuples)
        if self.truncated:
            for key, n in batch.items():
                if key in self.classes:
                    self.classes[key] += n
            return
        tracked = self.first_row
        new = [key for key in batch if key not in self.classes]  # in order of first row
        self.classes.update(batch)
        for key in [key for key in batch if key in tracked and self.classes[key] >= self.k]:
            del tracked[key]
        if new and len(tracked) < MAX_TRACKED:
            # Built backwards, so each key keeps its first row (in C).
            rows = range(first_row + len(tuples) - 1, first_row - 1, -1)
            firsts = dict(zip(reversed(tuples), rows, strict=True))
            for key in new[: MAX_TRACKED - len(tracked)]:
                if self.classes[key] < self.k:
                    tracked[key] = firsts[key]
        if len(self.classes) > self.max_classes:
            self.truncated = True

    def report(self, k: int | None = None) -> KAnonymity:
        """k-anonymity figures for threshold ``k`` (the counter's own by default; the rows
        at risk are known only for it)."""
        k = self.k if k is None else k
        sizes = self.classes.values()
        at_risk = sum(n for n in sizes if n < k)
        if self.truncated:
            at_risk = max(at_risk, self.records - sum(sizes) + at_risk)
        smallest = min(sizes) if self.classes else 0
        small = heapq.nsmallest(
            MAX_ROWS, (row for key, row in self.first_row.items() if self.classes[key] < k)
        )
        return KAnonymity(
            quasi_identifiers=self.names,
            k=k,
            records=self.records,
            classes=len(self.classes),
            min_class_size=smallest,
            records_at_risk=at_risk,
            share_at_risk=round(at_risk / self.records, 4) if self.records else 0.0,
            passes=bool(self.records) and smallest >= k and not self.truncated,
            truncated=self.truncated,
            rows_at_risk=small,
        )


def quasi_identifier_columns(columns: Sequence[_Column]) -> list[int]:
    """Quasi-identifier columns found by header; locations count once, the finest."""
    picked = [c.index for c in columns if c.qi and c.qi != "area"]
    areas = [c for c in columns if c.qi == "area"]
    if areas:
        finest = max(areas, key=lambda c: headers.area_level(c.header))  # first on ties
        picked.append(finest.index)
    return sorted(picked)


def rows_are_people(columns: Sequence[ColumnReport]) -> bool:
    """Each row is a person: some column is a personal attribute (age, sex ...) or
    holds a personal identifier by header or by content. A table of parks or
    stations is not, and k-anonymity (about records of people) does not apply."""
    for c in columns:
        if c.quasi_identifier in headers.PERSON_QI_KINDS:
            return True
        if c.header_hint in headers.PERSON_TYPES or c.pii_type in headers.PERSON_TYPES:
            return True
    return False

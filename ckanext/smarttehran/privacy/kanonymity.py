"""k-anonymity over quasi-identifier columns: which columns, whether rows are people,
and the equivalence classes (counted up to a cap, with each class's first row)."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from ckanext.smarttehran.privacy import headers
from ckanext.smarttehran.privacy.reports import MAX_ROWS, ColumnReport, KAnonymity

DEFAULT_MAX_CLASSES = 1_000_000


class _Column(Protocol):
    index: int
    header: str
    qi: str | None


class KAnonCounter:
    """Counts equivalence classes of quasi-identifier tuples, up to a cap."""

    def __init__(self, names: list[str], max_classes: int = DEFAULT_MAX_CLASSES) -> None:
        self.names = names
        self.max_classes = max_classes
        self.classes: Counter[tuple[str, ...]] = Counter()
        # Each class's first row number.
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
        new = [key for key in batch if key not in self.first_row]
        if new:
            # Built backwards, so each key keeps its first row (all in C).
            rows = range(first_row + len(tuples) - 1, first_row - 1, -1)
            firsts = dict(zip(reversed(tuples), rows, strict=True))
            self.first_row.update((key, firsts[key]) for key in new)
        self.classes.update(batch)
        if len(self.classes) > self.max_classes:
            self.truncated = True

    def report(self, k: int) -> KAnonymity:
        """k-anonymity figures for threshold ``k``."""
        sizes = self.classes.values()
        at_risk = sum(n for n in sizes if n < k)
        if self.truncated:
            at_risk = max(at_risk, self.records - sum(sizes) + at_risk)
        smallest = min(sizes) if self.classes else 0
        small = heapq.nsmallest(
            MAX_ROWS, (self.first_row[key] for key, n in self.classes.items() if n < k)
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

"""The plain, JSON-ready records scans return. None holds a raw value."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Row numbers a report names per column and type (and per k-anonymity check): where
# the publisher should look first.
MAX_ROWS = 10


@dataclass(slots=True)
class Issue:
    """A problem with the input, in English and Persian (``code`` is stable)."""

    code: str
    message: str
    message_fa: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ColumnReport:
    """One column: what its header suggests and what share of its values are findings."""

    index: int
    header: str
    pii_type: str | None
    header_hint: str | None
    values: int
    counts: dict[str, int]
    share: float
    quasi_identifier: str | None
    samples: list[str]
    # Types found here that make the table personal whatever their share
    # (``findings.SPORADIC_TYPES``), besides ``pii_type``.
    sporadic: list[str] = field(default_factory=list)
    # Per type found: the first row numbers holding it (1 = the first row after the
    # header), and masked samples.
    rows_by_type: dict[str, list[int]] = field(default_factory=dict)
    samples_by_type: dict[str, list[str]] = field(default_factory=dict)

    @property
    def first_rows(self) -> list[int]:
        """The first row numbers holding ``pii_type`` (none without a type)."""
        return self.rows_by_type.get(self.pii_type, []) if self.pii_type else []


@dataclass(slots=True)
class KAnonymity:
    """Equivalence classes over the quasi-identifier columns.

    ``min_class_size`` is the k the data achieves; ``passes`` says whether it
    reaches ``k``. ``truncated`` means more than ``max_classes`` distinct
    combinations were seen and counting stopped (the data is then treated as
    failing).
    """

    quasi_identifiers: list[str]
    k: int
    records: int
    classes: int
    min_class_size: int
    records_at_risk: int
    share_at_risk: float
    passes: bool
    truncated: bool = False
    # The first row of each class smaller than k, the first ten: where to start
    # generalising (1 = the first row after the header).
    rows_at_risk: list[int] = field(default_factory=list)


@dataclass(slots=True)
class TableReport:
    """A table's verdict: per-column types, k-anonymity, masked samples."""

    name: str
    rows: int
    columns: list[ColumnReport]
    k_anonymity: KAnonymity | None
    pii_columns: list[str]
    issues: list[Issue] = field(default_factory=list)
    # Whether rows are records of people (k-anonymity is judged only then).
    rows_are_people: bool = True
    # False when the first row was a record: columns are then named by position.
    header_row: bool = True

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass(slots=True)
class TextReport:
    """Findings in running text: counts, and the first findings by offset."""

    chars: int
    counts: dict[str, int]
    findings: list[dict[str, Any]]
    truncated: bool


@dataclass(slots=True)
class FileReport:
    """A file's verdict. ``error`` is set (and nothing else is) when it could not be read."""

    filename: str
    format: str | None
    encoding: str | None
    size_bytes: int | None
    has_pii: bool = False
    tables: list[TableReport] = field(default_factory=list)
    text: TextReport | None = None
    issues: list[Issue] = field(default_factory=list)
    error: Issue | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

"""Privacy screening: find personal data in texts, tables and files.

Pure Python, no CKAN import. The public API:

- ``scan_text(text, *, hint=None, types=None) -> list[Finding]``
- ``scan_table(header, rows, *, k=5, quasi_identifiers=None, ...) -> TableReport``
- ``scan_file(path_or_stream, filename=None, *, k=5, ...) -> FileReport``
- ``mask(value) -> str``

Every result is a dataclass with ``to_dict()``; none holds a raw value, only
offsets and masked samples.
"""

from __future__ import annotations

from ckanext.smarttehran.privacy.detectors import scan_text
from ckanext.smarttehran.privacy.files import scan_file
from ckanext.smarttehran.privacy.findings import ALL_TYPES, CHECKSUM_TYPES, Finding
from ckanext.smarttehran.privacy.headers import header_hint
from ckanext.smarttehran.privacy.masking import mask
from ckanext.smarttehran.privacy.reports import (
    ColumnReport,
    FileReport,
    Issue,
    KAnonymity,
    TableReport,
    TextReport,
)
from ckanext.smarttehran.privacy.tabular import classify_column, scan_table

__all__ = [
    "ALL_TYPES",
    "CHECKSUM_TYPES",
    "ColumnReport",
    "FileReport",
    "Finding",
    "Issue",
    "KAnonymity",
    "TableReport",
    "TextReport",
    "classify_column",
    "header_hint",
    "mask",
    "scan_file",
    "scan_table",
    "scan_text",
]

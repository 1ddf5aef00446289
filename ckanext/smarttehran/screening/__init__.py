"""Privacy screening inside CKAN: the gate every ingest path passes before publication.

The detection engine is ``ckanext.smarttehran.privacy``; this package wires it into
CKAN (chained actions, quarantine, records, background jobs, DataStore loading,
rescans). Public functions other modules may call:

- ``load_into_datastore(resource_id) -> int``: load a CSV/TSV/XLSX resource whose
  screening passed into the DataStore (all columns as text); raises ``NotScreened``.
- ``screening_passed(resource_id) -> bool``.
- ``QUEUE``: the RQ queue name, ``smarttehran:privacy``.
"""

from __future__ import annotations

from ckanext.smarttehran.screening.datastore_load import (
    NotScreened,
    load_into_datastore,
    screening_passed,
)
from ckanext.smarttehran.screening.jobs import QUEUE

__all__ = ["QUEUE", "NotScreened", "load_into_datastore", "screening_passed"]

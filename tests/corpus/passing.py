"""Which corpus families the gate handles today, so ``make test`` runs only those.

A family is listed once both its twins behave as ``expect`` says (the personal file
refused with the named types, the clean twin published). ``SMARTTEHRAN_CORPUS=all``
runs every family: the way to see what still fails (``tests/corpus/README.md``).
"""

from __future__ import annotations

import os

from tests.corpus.generator import FAMILIES

ALL = os.environ.get("SMARTTEHRAN_CORPUS") == "all"

# scan_file (python -m ckanext.smarttehran.privacy scan-file)
OFFLINE: frozenset[str] = frozenset({
    "split-lrm",
    "split-rlm",
    "split-zwsp",
    "split-zwj",
    "split-wj",
    "split-bom",
    "split-soft-hyphen",
    "split-cgj",
    "split-lre",
    "split-rle",
    "split-pdf",
    "split-lro",
    "split-rlo",
    "split-lri",
    "split-rli",
    "split-fsi",
    "split-pdi",
    "split-figure-space",
    "split-en-space",
    "split-thin-space",
    "split-nbsp",
    "split-narrow-nbsp",
    "split-tatweel",
    "split-minus",
    "split-slash",
    "split-underscore",
    "split-arabic-thousands",
    "split-tab-in-cell",
    "split-newline-in-cell",
    "control-plain",
    "digits-persian",
    "digits-arabic-indic",
    "digits-fullwidth",
    "digits-math-bold",
    "digits-math-double-struck",
    "digits-math-monospace",
    "digits-devanagari",
    "digits-mixed",
    "rlo-reversed",
    "long-line-text",
    "long-line-csv",
    "utf8-one-bad-byte",
    "utf16le-tsv-bom",
    "utf7",
    "mixed-encoding",
    "json-escapes",
    "json-deep-nesting",
    "json-non-object-after-many",
    "json-late-key",
    "geojson-top-level-members",
    "geojson-feature-ids",
    "jsonl-escapes",
    "xlsx-hidden-sheet",
    "xlsx-cell-comment",
    "xlsx-formula-concat",
    "xlsx-number-format",
    "xlsx-header-footer",
    "xlsx-doc-properties",
    "xlsx-sheet-name",
    "xlsx-defined-name",
    "xlsx-csv-member",
    "zip-csv-member",
    "gzip-csv",
    "shapefile-dbf",
    "zip-bomb",
    "xml-attributes",
    "html-entities-attributes",
    "kml-charrefs-attributes",
    "xml-charrefs",
    "xml-dtd-entity",
    "pdf-text",
    "pdf-info-author",
    "pdf-image-only",
    "header-money",
    "header-date",
    "header-district",
    "table-no-header",
})

# resource_create through the API as an editor, then every anonymous read path
LIVE: frozenset[str] = OFFLINE | {"upload-filename"}


def selected(families: frozenset[str]) -> frozenset[str]:
    """The families a run covers: the listed ones, or all of them."""
    unknown = families - set(FAMILIES)
    assert not unknown, f"unknown corpus families: {sorted(unknown)}"
    return frozenset(FAMILIES) if ALL else families

# Writes that are not files (tests/corpus/writes.py), through the live API
LIVE_WRITES: frozenset[str] = frozenset({
    "dataset-author",
    "dataset-maintainer",
    "dataset-version",
    "dataset-contact_name",
    "dataset-url-query",
    "dataset-extra-key",
    "dataset-notes-split-lrm",
    "dataset-title-fullwidth",
    "resource-name_en",
    "resource-format",
    "resource-extra-key",
    "view-title-description",
    "organization-description",
    "group-title-description",
    "user-fullname-about",
    "datastore-keys-outside-fields",
    "datastore-field-id",
    "datastore-values-split-zwsp",
    "datastore-field-info",
    "datastore-type-error-masked",
    "request-split-zwj",
    "rating-comment-persian-digits",
})


def selected_writes(families: frozenset[str]) -> frozenset[str]:
    """The write families a run covers: the listed ones, or all of them."""
    from tests.corpus.writes import writes  # noqa: PLC0415 - writes imports the generator

    known = {w.family for w in writes()}
    assert families <= known, f"unknown write families: {sorted(families - known)}"
    return frozenset(known) if ALL else families

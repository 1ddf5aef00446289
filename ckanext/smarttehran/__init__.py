"""Smart Tehran open-data catalog: a Persian-first CKAN extension."""

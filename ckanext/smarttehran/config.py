"""One getter per config option declared in ``config_declaration.yaml``."""

from __future__ import annotations

import os

import ckan.plugins.toolkit as tk


def map_tile_url() -> str:
    return tk.config["ckanext.smarttehran.map_tile_url"]


def map_attribution() -> str:
    return tk.config["ckanext.smarttehran.map_attribution"]


def privacy_quarantine_path() -> str:
    """The quarantine folder; defaults to ``<ckan.storage_path>/smarttehran_quarantine``."""
    path = tk.config["ckanext.smarttehran.privacy.quarantine_path"]
    if path:
        return path
    storage = tk.config.get("ckan.storage_path") or ""
    return os.path.join(storage, "smarttehran_quarantine")


def privacy_async_threshold() -> int:
    return tk.config["ckanext.smarttehran.privacy.async_threshold"]


def privacy_officers() -> list[str]:
    return list(tk.config["ckanext.smarttehran.privacy.officers"])


def privacy_fetch_timeout() -> int:
    return tk.config["ckanext.smarttehran.privacy.fetch_timeout"]


def privacy_fetch_max_size() -> int:
    return tk.config["ckanext.smarttehran.privacy.fetch_max_size"]


def privacy_k() -> int:
    return tk.config["ckanext.smarttehran.privacy.k"]


def privacy_k_anonymity_min_qi() -> int:
    return tk.config["ckanext.smarttehran.privacy.k_anonymity_min_qi"]


def privacy_datastore_load() -> bool:
    return tk.config["ckanext.smarttehran.privacy.datastore_load"]


def privacy_mask_keep_start() -> int:
    return max(0, tk.config["ckanext.smarttehran.privacy.mask_keep_start"])


def privacy_mask_keep_end() -> int:
    return max(0, tk.config["ckanext.smarttehran.privacy.mask_keep_end"])


def privacy_mask_keep() -> tuple[int, int]:
    """Leading and trailing digits a masked number shows (both options)."""
    return privacy_mask_keep_start(), privacy_mask_keep_end()


def static_max_age() -> int:
    return max(0, tk.config["ckanext.smarttehran.static_max_age"])


def privacy_fetch_allowed_hosts() -> list[str]:
    return tk.aslist(tk.config["ckanext.smarttehran.privacy.fetch_allowed_hosts"])


def privacy_fetch_deadline() -> int:
    return max(1, int(tk.config["ckanext.smarttehran.privacy.fetch_deadline"]))


def privacy_fetch_max_redirects() -> int:
    return max(0, int(tk.config["ckanext.smarttehran.privacy.fetch_max_redirects"]))


def privacy_max_uncompressed_size() -> int:
    return max(0, int(tk.config["ckanext.smarttehran.privacy.max_uncompressed_size"]))


def privacy_scan_time_budget() -> int:
    return max(1, int(tk.config["ckanext.smarttehran.privacy.scan_time_budget"]))


def privacy_public_email_domains() -> list[str]:
    domains = tk.aslist(tk.config["ckanext.smarttehran.privacy.public_email_domains"])
    return [d.lower().lstrip(".") for d in domains if d.strip(".")]


def privacy_job_timeout() -> int:
    return max(1, int(tk.config["ckanext.smarttehran.privacy.job_timeout"]))


def privacy_job_retries() -> int:
    return max(0, int(tk.config["ckanext.smarttehran.privacy.job_retries"]))


def datastore_query_timeout() -> int:
    """Milliseconds, at least 100."""
    return max(100, tk.config["ckanext.smarttehran.datastore.query_timeout"])

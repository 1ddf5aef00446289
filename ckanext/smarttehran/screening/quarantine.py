"""The quarantine folder: files that failed (or wait for) screening, never served."""

from __future__ import annotations

import hashlib
import os
import shutil
from typing import IO

from ckanext.smarttehran import config

CHUNK = 1 << 20


def root() -> str:
    path = config.privacy_quarantine_path()
    os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def path_for(screening_id: str) -> str:
    """Where a screening's file lives: ``<root>/<id[:2]>/<id>``."""
    folder = os.path.join(root(), screening_id[:2])
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, screening_id)


class TooLarge(Exception):
    """An upload is larger than ``ckan.max_resource_size``; nothing of it was kept."""


def store_stream(
    stream: IO[bytes], screening_id: str, max_bytes: int | None = None
) -> tuple[str, int, str]:
    """Copy a binary stream into quarantine; returns (path, size, sha256).

    Past ``max_bytes`` the copy stops and what was written is deleted (TooLarge).
    """
    path = path_for(screening_id)
    digest = hashlib.sha256()
    size = 0
    stream.seek(0)
    with open(path, "wb") as out:
        os.chmod(path, 0o600)
        while block := stream.read(CHUNK):
            size += len(block)
            if max_bytes is not None and size > max_bytes:
                break
            digest.update(block)
            out.write(block)
    if max_bytes is not None and size > max_bytes:
        remove(path)
        raise TooLarge(screening_id)
    stream.seek(0)
    return path, size, digest.hexdigest()


def move_in(source: str, screening_id: str) -> tuple[str, int, str]:
    """Move a file (from CKAN's storage) into quarantine; returns (path, size, sha256)."""
    path = path_for(screening_id)
    shutil.move(source, path)
    return path, os.path.getsize(path), sha256_of(path)


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def remove(path: str | None) -> None:
    if path and os.path.exists(path):
        os.remove(path)


# Screened copies: the exact bytes of a URL that passed, for every later step -------------

SCREENED = "screened"


class Mismatch(Exception):
    """A file is not (or no longer) the one that passed screening."""


def screened_path(screening_id: str) -> str:
    """Where the passed bytes of a URL screening are kept: ``<root>/screened/<id[:2]>/<id>``.

    Like quarantine, never served; the DataStore loader reads them instead of fetching
    the URL again (a server could answer differently the second time).
    """
    folder = os.path.join(root(), SCREENED, screening_id[:2])
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, screening_id)


def keep_screened(path: str, screening_id: str) -> str:
    """Move a passed file from quarantine to the screened copies; returns its new path."""
    target = screened_path(screening_id)
    if os.path.abspath(path) != os.path.abspath(target):
        shutil.move(path, target)
    return target


def verified(path: str, sha256: str | None) -> str:
    """``path`` if it exists and its sha256 is ``sha256``; raises Mismatch otherwise."""
    if not sha256 or not os.path.exists(path) or sha256_of(path) != sha256:
        raise Mismatch(path)
    return path

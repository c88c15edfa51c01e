"""Where the caches live: ``ROOT/.dossier-cache/`` (``extract/``, ``pdf/``), a folder of our own.

They used to live in ``ROOT/.cache/dossier/``. ``.cache/`` is a folder other tools own: Zensical (the
successor of mkdocs-material) deletes it on ``build --clean``, which would silently throw away every
parsed article. A build that finds the old folder and no new one moves it (one rename, the entries are
kept); when both exist the old one is left alone and the new one is used.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR = ".dossier-cache"
LEGACY_CACHE_DIR = Path(".cache") / "dossier"


def cache_root(root: Path) -> Path:
    return root / CACHE_DIR


def migrate_legacy_cache(root: Path) -> Path | None:
    """Move ``ROOT/.cache/dossier`` to ``ROOT/.dossier-cache`` if only the old one exists.

    Returns the new folder when something was moved. Never raises: a cache that cannot be moved is
    only slower (the build parses again into the new place)."""
    old, new = root / LEGACY_CACHE_DIR, cache_root(root)
    if not old.is_dir() or new.exists():
        return None
    try:
        os.replace(old, new)
    except OSError:
        return None
    try:
        (root / ".cache").rmdir()  # only if nothing else lives there
    except OSError:
        pass
    return new

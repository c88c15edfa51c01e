"""Writing generated pages into ``docs/``: safely, minimally, and never outside it.

* Every path is checked to stay inside ``docs/`` (no absolute paths, no ``..``), and two pages may not
  claim one path (the renderer returns a dict, so this cannot happen silently).
* Pages whose content did not change are not touched (their timestamps stay, so ``mkdocs build
  --dirty`` and CI diffs stay small).
* Changed pages are first written to a staging folder (``docs/.staging-*``, so on docs/'s own file
  system), then renamed into place: a failure while staging leaves the previous ``docs/`` as it was.
* Generated pages from an earlier build that are no longer produced are removed; the list of generated
  pages is kept in ``docs/.generated.json`` so hand-written pages are never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MANIFEST = ".generated.json"
STAGING_PREFIX = ".staging-"


class UnsafePath(ValueError):
    pass


def safe_relpath(rel: str) -> PurePosixPath:
    p = PurePosixPath(rel)
    if p.is_absolute() or not p.parts or any(part in ("..", "", ".") for part in p.parts) or "\\" in rel or "\0" in rel:
        raise UnsafePath(f"refusing to write outside docs/: {rel!r}")
    return p


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def write_pages(docs: Path, pages: Mapping[str, str]) -> WriteReport:
    docs.mkdir(parents=True, exist_ok=True)
    rels = {str(safe_relpath(k)): v for k, v in pages.items()}
    manifest_path = docs / MANIFEST
    try:
        old = set(json.loads(manifest_path.read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        old = set()

    changed = {}
    for rel, text in rels.items():
        target = docs / rel
        data = text.encode("utf-8")
        try:
            if target.read_bytes() == data:
                continue
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            pass
        changed[rel] = data

    # Staging inside docs/ itself: same file system as the targets even when docs/ is a mount of its own
    # (beside it, the renames failed with EXDEV). MkDocs skips dot-folders; one a killed build left is
    # removed here (the caller holds the build lock, so it is nobody's current staging).
    for stale in docs.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(dir=docs, prefix=STAGING_PREFIX))
    try:
        for rel, data in changed.items():
            p = staging / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        for rel in sorted(changed):
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    removed = 0
    for rel in sorted(old - set(rels)):
        try:
            target = docs / safe_relpath(rel)
        except UnsafePath:
            continue
        if target.is_file():
            target.unlink()
            removed += 1
            # prune empty folders up to docs/
            parent = target.parent
            while parent != docs and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    new_manifest = json.dumps(sorted(rels), indent=0) + "\n"
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != new_manifest:
        manifest_path.write_text(new_manifest, encoding="utf-8")
    return WriteReport(len(changed), len(rels) - len(changed), removed)

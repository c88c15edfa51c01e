"""The PDF cache (``.dossier-cache/pdf/``): each PDF under the sha256 of its HTML and the engine version,
verified on every hit as extraction entries are.

An entry is ``<key>.pdf`` plus ``<key>.json`` = ``{"bytes": n, "sha256": ..., "pages": p}``, written
after the PDF (both by temporary file and rename). A hit is used only when the record parses, the PDF
has exactly ``bytes`` bytes with that sha256, ends with ``%%EOF`` after a ``startxref`` offset that lies
inside the file, and had at least one page when it was written (the page count itself sits in a
compressed object stream; the sha256 of the whole file proves these are the bytes that were counted).
Anything else -- truncated, edited, a record missing -- is rejected with the reason, removed and the PDF
rendered again. A cache that cannot be read or written (read-only, full disk) only costs time: every
problem goes to ``notes`` and the build goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")


class PdfCache:
    def __init__(self, folder: Path | None, notes: list[str] | None = None) -> None:
        self.folder = Path(folder) if folder else None
        self.notes = notes if notes is not None else []
        self.used: set[str] = set()
        self.rejected = 0
        self._write_failed = False

    def get(self, key: str) -> bytes | None:
        """The verified PDF for ``key``, or None (absent, or rejected and removed)."""
        if self.folder is None:
            return None
        self.used.add(key)
        pdf, record = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        if not pdf.is_file():
            return None
        try:
            data = pdf.read_bytes()
            meta = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return self._reject(key, f"unreadable ({type(exc).__name__})")
        why = verify(data, meta)
        if why:
            return self._reject(key, why)
        return data

    def put(self, key: str, data: bytes, pages: int) -> None:
        if self.folder is None or self._write_failed:
            return
        self.used.add(key)
        record = json.dumps({"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "pages": pages})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, body in ((f"{key}.pdf", data), (f"{key}.json", record.encode())):
                tmp = self.folder / f".{name}.{os.getpid()}.tmp"
                tmp.write_bytes(body)
                tmp.replace(self.folder / name)
        except OSError as exc:
            self._write_failed = True  # one note, not one per PDF
            self.notes.append(f"PDF cache not written ({exc.strerror or exc}); the next build renders the PDFs again")

    def prune(self) -> None:
        """Remove entries this build did not use (the folder holds one build's PDFs at most)."""
        if self.folder is None or not self.folder.is_dir():
            return
        try:
            for entry in self.folder.iterdir():
                stem = entry.name.split(".", 1)[0]
                if entry.suffix in (".pdf", ".json", ".tmp") and (stem not in self.used or entry.suffix == ".tmp"):
                    entry.unlink()
        except OSError:
            pass  # read-only: stale entries stay, which costs disk space only

    def _reject(self, key: str, why: str) -> None:
        self.rejected += 1
        self.notes.append(f"PDF cache entry {key[:12]} rejected ({why}); rendered again")
        for suffix in (".pdf", ".json"):
            try:
                (self.folder / f"{key}{suffix}").unlink()
            except OSError:
                pass
        return None


def verify(data: bytes, meta: object) -> str | None:
    """Why ``data`` is not the PDF ``meta`` records, or None when it is."""
    if not isinstance(meta, dict) or not {"bytes", "sha256", "pages"} <= set(meta):
        return "no record of its length, hash and pages"
    if len(data) != meta["bytes"]:
        return f"{len(data):,} bytes, {meta['bytes']:,} expected"
    if hashlib.sha256(data).hexdigest() != meta["sha256"]:
        return "sha256 differs"
    m = _STARTXREF.search(data[-64:])
    if not data.startswith(b"%PDF-") or m is None:
        return "no %PDF- header or no startxref/%%EOF trailer"
    if int(m.group(1)) >= len(data):
        return "startxref points past the end"
    if not isinstance(meta["pages"], int) or meta["pages"] < 1:
        return "no pages"
    return None

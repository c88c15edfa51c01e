"""What every page's HTML depends on besides its own Markdown: when any of it changes, a full build.

The MkDocs configuration file, the versions of MkDocs, the theme and Markdown, the theme overrides
(``custom_dir``), the page templates of the generator (``generator/render/templates``), this package's
code and the tool's version, and the search engine chosen (``search.engine``).
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
DISTS = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "dossier")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if folder.is_dir() else []


def fingerprint(config_file: Path, custom_dir: Path | None, search: str = "") -> str:
    h = hashlib.sha256(f"search={search}\n".encode())
    for dist in DISTS:
        try:
            h.update(f"{dist}=={version(dist)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{dist}==?\n".encode())
    h.update(Path(config_file).read_bytes())
    roots = [HERE, HERE.parent / "render" / "templates"] + ([custom_dir] if custom_dir else [])
    for root in roots:
        for p in _files(root):
            h.update(str(p.relative_to(root)).encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()[:20]

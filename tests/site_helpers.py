"""Helpers shared by the render and browser tests: build a site from rendered pages, serve it.

``build_site`` reproduces what ``dossier build`` does after rendering (write docs/, run
``mkdocs build --strict``) in a temporary folder, with the project's own ``mkdocs.yml`` and
hand-written ``docs/`` assets, so the tests check the real configuration.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAND_WRITTEN = ("assets", "stylesheets", "javascripts")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def fixture_pages() -> dict[str, str]:
    from fixtures_dossier import build

    from generator.render import render

    dossier, articles, extractions = build()
    return render(dossier, articles, extractions, site_title="Russia and Syria (fixture)", built_at=None)


def write_docs(pages: Mapping[str, str], root: Path) -> Path:
    """``root/mkdocs.yml`` + ``root/docs`` (hand-written assets copied, generated pages written)."""
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    for name in HAND_WRITTEN:
        src = ROOT / "docs" / name
        if src.is_dir():
            shutil.copytree(src, docs / name)
    for rel, text in pages.items():
        p = docs / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides", dirs_exist_ok=True)
    return docs


def build_site(pages: Mapping[str, str], root: Path) -> Path:
    """Write the pages and run ``mkdocs build --strict``; raise with MkDocs' output on failure."""
    write_docs(pages, root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )
    if proc.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

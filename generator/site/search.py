"""Which search a site gets, and Pagefind's side of it.

Two engines, chosen by the number of pages (``engine``), because neither serves every case:

- **Material's search** (lunr): one index, inlined by the ``offline`` plugin so it works from
  ``file://``, and merged page by page in incremental builds (``incremental.py``). But the browser
  downloads and builds the whole index before the first result: BBC (21.7k pages) 14.6 MB, about 4.5 s
  (``bench/search.py``); Reuters (97k pages) 63 MB, about 90 s.
- **Pagefind** (``pagefind[extended]``, its binary on PyPI): an index split into small fragments loaded per
  query (under 1 MB a query, first result well under a second on a large site), but only over HTTP
  (browsers refuse its fetches to ``file://`` pages) and rebuilt whole after every build.

So up to ``LUNR_MAX_PAGES`` (BBC's size with room to grow) a site keeps Material's search -- it opens
from a file, and an incremental rebuild costs nothing extra -- and above it Pagefind replaces it, with
the same search box (``overrides/partials/pagefind-search.html``). ``extra.search_engine`` in
``mkdocs.yml`` (``auto``, ``lunr`` or ``pagefind``) forces one. What Material's search leaves out is
left out of Pagefind's too: pages with ``search: exclude`` get no ``data-pagefind-body``, sections under
a heading marked ``data-search-exclude`` are wrapped in ``data-pagefind-ignore`` (``PagefindMarks``),
and ``search: boost`` becomes ``data-pagefind-weight``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from mkdocs.plugins import BasePlugin

LUNR_MAX_PAGES = 30_000
ENGINES = ("auto", "lunr", "pagefind")
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>")


def engine(docs_dir: Path, setting: str = "auto") -> str:
    if setting not in ENGINES:
        raise ValueError(f"extra.search_engine: {setting!r} is none of {', '.join(ENGINES)}")
    if setting != "auto":
        return setting
    pages = sum(1 for _ in Path(docs_dir).rglob("*.md"))
    return "lunr" if pages <= LUNR_MAX_PAGES else "pagefind"


def ignore_excluded_sections(html: str) -> str:
    """Wrap every section whose heading carries ``data-search-exclude`` (up to the next heading of the
    same or a higher level) in ``<div data-pagefind-ignore="all">``."""
    heads = [(m.start(), int(m.group(1)), "data-search-exclude" in m.group(2)) for m in _HEADING.finditer(html)]
    out, pos, i = [], 0, 0
    while i < len(heads):
        start, level, excluded = heads[i]
        i += 1
        if not excluded:
            continue
        while i < len(heads) and heads[i][1] > level:
            i += 1
        end = heads[i][0] if i < len(heads) else len(html)
        out += [html[pos:start], '<div data-pagefind-ignore="all">', html[start:end], "</div>"]
        pos = end
    out.append(html[pos:])
    return "".join(out)


class PagefindMarks(BasePlugin):
    """Marks each page's content for Pagefind as Material's search would index it."""

    def on_page_content(self, html, *, page, config, files):
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return html
        weight = f' data-pagefind-weight="{min(float(search["boost"]), 10.0):g}"' if "boost" in search else ""
        return f"<div data-pagefind-body{weight}>{ignore_excluded_sections(html)}</div>"


def index(site_dir: Path) -> dict:
    """Pagefind's index of a built site into ``SITE/pagefind/`` (its own process: Rust, all cores)."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--keep-index-url",
           "--exclude-selectors", "[data-search-exclude]"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pagefind failed: {(proc.stderr or proc.stdout).strip()[-2000:]}")
    m = re.search(r"Indexed (\d+) pages", proc.stdout)
    return {"pagefind_pages": int(m.group(1)) if m else None}

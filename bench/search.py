"""How usable the site search is at scale: time from opening a page to the first search result.

    python bench/search.py SITE_DIR QUERY [QUERY ...]
    python bench/search.py --pagefind-api SITE_DIR QUERY [QUERY ...]

Serves ``SITE_DIR`` (a built ``site/``) on 127.0.0.1, opens its home page in Debian's headless Chromium
(Playwright, the flags of the browser tests) and, for each query, types it into the search box and
waits for the first result. The first query includes what a reader waits for on a first visit:
with Material's search, downloading the whole index and building it in its worker; with Pagefind
(``site/pagefind/``, generator/site/search.py), its script, its WebAssembly and the index pieces the
query needs. Prints one line per query with the bytes downloaded for it (the first: since opening the
page, page included), and the index size. ``--pagefind-api`` times Pagefind's own API in the page (``pagefind.search`` and the top ten
results' data) on any site with a ``pagefind/`` folder, e.g. one indexed by hand with ``python -m
pagefind --site SITE``, to compare both engines on one site. Used for the figures in the scale issue's
closing note (not a test: timings).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from site_helpers import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    if argv and argv[0] == "--pagefind-api":
        return api(Path(argv[1]), argv[2:] or ["minister"])
    site, queries = Path(argv[0]), argv[1:] or ["minister"]
    pagefind = (site / "pagefind").is_dir() and not (site / "search" / "search_index.json").exists()
    if pagefind:
        files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
        print(f"Pagefind index {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files):,} files")
    else:
        index = site / "search" / "search_index.json"
        print(f"Material search index {index.stat().st_size / 1e6:.1f} MB ({index})")
    sizes: list[int] = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
        t0 = time.perf_counter()
        page.goto(base + "index.html")
        page.wait_for_load_state("load")
        print(f"home page loaded in {time.perf_counter() - t0:.1f} s")
        for i, q in enumerate(queries):
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("")
            before = len(sizes) if i else 0  # the first query: everything since the page was opened
            t = time.perf_counter()
            box.press_sequentially(q, delay=20)
            first = page.locator("li.md-search-result__item a").first
            # results come as soon as one letter is typed: wait for those of the whole query
            if pagefind:
                page.wait_for_function("q => document.querySelector('.md-search-result__list')?.dataset.query === q"
                                       " && document.querySelector('li.md-search-result__item a')", arg=q, timeout=600_000)
            else:
                want = "h=" + quote_plus(q.lower())
                page.wait_for_function(
                    "w => { const a = document.querySelector('li.md-search-result__item a');"
                    " return a && a.href.includes(w); }", arg=want, timeout=600_000)
            took = time.perf_counter() - t
            page.wait_for_timeout(200)  # responses finishing after the first result still count
            print(f"{q!r}: first result after {took:.2f} s (from opening the page: {time.perf_counter() - t0:.1f} s),"
                  f" {sum(sizes[before:]) / 1e3:,.0f} kB downloaded -> {first.get_attribute('href')}")
        browser.close()
    return 0


API = """async q => {
  const t0 = performance.now();
  window.__pf = window.__pf || await import(new URL("pagefind/pagefind.js", location.href).href);
  const res = await window.__pf.search(q);
  const data = await Promise.all(res.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - t0, n: res.results.length, first: data.length ? data[0].url : null};
}"""


def api(site: Path, queries: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    print(f"Pagefind index {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files):,} files")
    sizes: list[int] = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
        page.goto(base + "404.html")  # a small page of the site: the cost measured is the search's
        page.wait_for_load_state("load")
        for i, q in enumerate(queries):
            before = len(sizes)
            r = page.evaluate(API, q)
            page.wait_for_timeout(200)
            print(f"{q!r}: {r['n']} results, top ten ready after {r['ms'] / 1000:.2f} s"
                  f"{' (first query: loads pagefind.js and its WebAssembly)' if not i else ''},"
                  f" {sum(sizes[before:]) / 1e3:,.0f} kB downloaded -> {r['first']}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Pagefind search (large sites, generator/site/search.py) in a real browser, on the fixture site
built as a large site would be (``extra.search_engine: pagefind``) and served over HTTP: the same
searches as Material's search answers (a name, an alias alone, a claim's words), what Material's search
leaves out stays out, a query downloads little, and from file:// the box says why it cannot search."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from generator.publish import mkdocs_build
from site_helpers import CHROMIUM, CHROMIUM_ARGS, fixture_pages, serve, write_docs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); browser tests need Debian's Chromium")
    root = tmp_path_factory.mktemp("pagefind-site")
    write_docs(fixture_pages(), root)
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("search_engine: auto", "search_engine: pagefind"))
    stats = mkdocs_build(cfg, root / "site")
    assert stats["search"] == "pagefind" and stats["pagefind_pages"] > 0
    return root / "site"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    outside, errors, sizes = [], [], []

    def guard(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https") and parts.hostname not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    ctx.route("**/*", guard)
    p = ctx.new_page()
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: m.type == "error" and errors.append(m.text))
    p.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    p.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    p.outside, p.errors, p.sizes = outside, errors, sizes
    yield p
    ctx.close()


def search(page, words: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(words)
    page.wait_for_function("q => document.querySelector('.md-search-result__list')?.dataset.query === q",
                           arg=words, timeout=30_000)
    return [a.get_attribute("href") for a in page.locator("li.md-search-result__item a").all()]


def test_pagefind_answers_names_aliases_and_claim_words_over_http(site, page):
    assert not (site / "search" / "search_index.json").exists()  # Material's index is not built
    with serve(site) as base:
        page.goto(base + "index.html")
        hrefs = search(page, "Lavrov")
        assert hrefs and "/actors/sergei-lavrov/" in hrefs[0], hrefs
        assert "/actors/sergei-lavrov/" in search(page, "Sergey")[0]  # an alias alone
        assert any("/claims/lavrov-outcome-not-predetermined/" in h for h in search(page, "bloodshed predetermined"))
        page.locator("li.md-search-result__item a").first.click()
        page.wait_for_load_state()
        assert "/claims/" in page.url
    assert not page.outside and not page.errors, (page.outside, page.errors)


def test_excluded_pages_and_sections_stay_out(site, page):
    """Index pages and the tags page are excluded (search: exclude); so are the sections that repeat
    other pages (headings marked data-search-exclude): a claim's 'Reported by' list names its
    sources, but searching a source's outlet finds source pages, never a claim page through that list."""
    html = (site / "claims" / "lavrov-outcome-not-predetermined" / "index.html").read_text()
    assert 'data-pagefind-ignore="all"><h2 data-search-exclude' in html
    with serve(site) as base:
        page.goto(base + "index.html")
        hrefs = search(page, "Lavrov")
        assert not [h for h in hrefs if h.endswith(("/actors/index.html", "/tags.html", "/claims/index.html"))], hrefs


def test_a_query_downloads_little(site, page):
    with serve(site) as base:
        page.goto(base + "index.html")
        page.wait_for_load_state("networkidle")
        before = len(page.sizes)
        search(page, "Lavrov")
        fetched = sum(n for _, n in page.sizes[before:])
        assert 0 < fetched < 1_000_000, page.sizes[before:]
        assert any("/pagefind/" in u for u, _ in page.sizes[before:])


def test_from_file_the_box_explains_why_it_cannot_search(site, page):
    page.goto((site / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    meta = page.locator(".md-search-result__meta")
    assert "served over HTTP" in meta.inner_text()
    # Material itself fetches sitemap.xml (instant navigation), which file:// refuses; that is not the
    # search box's doing, and the box still answers. Any other console error fails.
    errors = list(page.errors)
    if any("sitemap.xml" in e for e in errors):
        errors = [e for e in errors if "sitemap.xml" not in e]
        if "Failed to load resource: net::ERR_FAILED" in errors:
            errors.remove("Failed to load resource: net::ERR_FAILED")  # the same refused request
    assert not errors, errors

"""The built site in a real browser (Debian's Chromium driven by Playwright).

Each test runs against two sites: one built from the hand-made fixture dossier
(tests/fixtures_dossier.py, hostile article text included) with the project's mkdocs.yml, and the
one ``dossier build`` makes from seeds/ (conftest's ``seeds_site``). ``DOSSIER_SITE=path/to/site``
checks that built site instead. The site is served on 127.0.0.1 by a thread; every request to
any other host is recorded and aborted, so "no outside request" is checked, not assumed.

What is checked:
- search for "Lavrov" reaches his actor page;
- an actor page links to a claim, and the claim to the exact sentence on its source page (the
  anchor exists and contains the claim's highlighted words);
- every page: no broken link or anchor (static pass over all HTML files), no console error, no
  uncaught exception, no request to another host (browser pass over all pages);
- the site opened from file:// shows the search box and finds "Lavrov".
"""

from __future__ import annotations

import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from site_helpers import CHROMIUM, CHROMIUM_ARGS, build_site, fixture_pages, serve

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _require_browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); browser tests need Debian's Chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright (Python) is not installed: pip install -r requirements/dev.txt")


SITES = ["given"] if os.environ.get("DOSSIER_SITE") else ["fixture", "seeds"]


@pytest.fixture(scope="module", params=SITES)
def site(request, tmp_path_factory) -> Path:
    """The hand-made fixture site (hostile text included) and the site ``dossier build`` makes from
    seeds/ (conftest's ``seeds_site``), or the one named by ``DOSSIER_SITE``."""
    _require_browser()
    if request.param == "given":
        path = Path(os.environ["DOSSIER_SITE"]).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"DOSSIER_SITE={path} has no index.html")
        return path
    if request.param == "seeds":
        return request.getfixturevalue("seeds_site")
    return build_site(fixture_pages(), tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Recorder:
    """Console errors, page errors and requests of one browser context."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []

    def attach(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.page_errors.append(f"{page.url}: {e}"))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("file", "data", "blob", "about"):
            return
        if parts.hostname not in LOCAL_HOSTS:
            self.outside.append(request.url)


@pytest.fixture
def context(browser):
    rec = Recorder()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if urlsplit(route.request.url).scheme in ("http", "https") and host not in LOCAL_HOSTS:
            rec.outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    ctx.route("**/*", guard)
    ctx.recorder = rec
    yield ctx
    ctx.close()


def _new_page(context):
    page = context.new_page()
    context.recorder.attach(page)
    return page


def _search(page, words: str):
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(words, delay=20)
    first = page.locator("li.md-search-result__item a").first
    first.wait_for(state="visible", timeout=30_000)
    return first


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# ---------------------------------------------------------------------------------------------


def test_search_finds_lavrov(context, base_url):
    page = _new_page(context)
    page.goto(base_url + "index.html")
    first = _search(page, "Lavrov")
    first.click()
    page.wait_for_load_state()
    assert "/actors/" in page.url, f"first search result for Lavrov is {page.url}, not an actor page"
    assert "Lavrov" in page.locator("article h1").inner_text()
    rec = context.recorder
    assert not rec.outside and not rec.console_errors and not rec.page_errors, vars(rec)


def test_search_by_alias_and_by_claim_words(request, context, base_url):
    """Fixture site only (its names are known): an alias alone finds the actor, a claim's words
    find the claim."""
    if request.node.callspec.params.get("site") != "fixture":
        pytest.skip("needs the fixture site's known aliases and claims")
    page = _new_page(context)
    page.goto(base_url + "index.html")
    first = _search(page, "Sergey")  # only an alias: the page is titled "Sergei Lavrov"
    assert "actors/sergei-lavrov/" in first.get_attribute("href")
    page.goto(base_url + "claims/index.html")
    _search(page, "bloodshed predetermined")
    hrefs = [a.get_attribute("href") for a in page.locator("li.md-search-result__item a").all()]
    assert any("claims/lavrov-outcome-not-predetermined/" in h for h in hrefs), hrefs


def test_actor_to_claim_to_sentence(context, base_url):
    page = _new_page(context)
    page.goto(base_url + "actors/index.html")
    page.locator("article a", has_text="Lavrov").first.click()
    page.wait_for_load_state()
    assert "/actors/" in page.url

    page.locator('article a[href*="claims/"]').first.click()
    page.wait_for_load_state()
    assert "/claims/" in page.url
    words = _norm(page.locator("article mark").first.inner_text())
    assert len(words) > 10, "the claim page highlights the claim's words in their sentence"

    link = page.locator('article a[href*="sources/"][href*="#s-"]').first
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_load_state()
    assert "/sources/" in page.url and page.url.endswith("#" + anchor)
    sentence = page.locator(f'[id="{anchor}"]')
    assert sentence.count() == 1, f"anchor #{anchor} missing on {page.url}"
    assert words in _norm(sentence.inner_text()), f"#{anchor} does not contain {words!r}"
    assert sentence.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # :target shown


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (attribute, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key) is not None and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.links.append((f"{tag}.{key}", a[key]))


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_no_broken_links(site):
    """Static pass over every HTML file: every local href/src exists, every #fragment is an id there."""
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for path, parsed in pages.items():
        for attr, url in parsed.links:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                if attr != "a.href":
                    problems.append(f"{path.relative_to(site)}: {attr} loads {url} from outside")
                continue
            if parts.scheme in ("data", "mailto") or url.startswith("javascript"):
                if url.startswith("javascript"):
                    problems.append(f"{path.relative_to(site)}: {attr}={url}")
                continue
            if not parts.path:
                target = path
            elif parts.path.startswith("/"):  # only 404.html (served at any depth) uses root paths
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{path.relative_to(site)}: {url} -> missing {posixpath.relpath(target, site)}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{path.relative_to(site)}: {url} -> no #{parts.fragment}")
    assert not problems, "\n".join(problems[:50])


def test_every_page_loads_cleanly(context, base_url, site):
    """Browser pass: every page loads without console errors, exceptions or outside requests."""
    page = _new_page(context)
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert paths, "no page built"
    for rel in paths:
        response = page.goto(base_url + rel)
        assert response is not None and response.ok, f"{rel}: HTTP {response.status if response else '?'}"
        page.wait_for_load_state("load")
    rec = context.recorder
    assert not rec.outside, f"requests to other hosts: {rec.outside[:10]}"
    assert not rec.console_errors, rec.console_errors[:10]
    assert not rec.page_errors, rec.page_errors[:10]


def test_opens_from_file_url(context, site):
    page = _new_page(context)
    page.goto((site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    assert box.is_visible(), "search box hidden from file:// (offline plugin + local iframe-worker shim needed)"
    first = _search(page, "Lavrov")
    assert "Lavrov" in first.inner_text()
    # Links work from the file system (index.html, not directory URLs).
    page.goto((site / "actors/index.html").as_uri())
    page.locator("article a", has_text="Lavrov").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("/index.html")
    assert "Lavrov" in page.locator("article h1").inner_text()
    rec = context.recorder
    assert not rec.outside, rec.outside
    assert not rec.page_errors, rec.page_errors


def test_screenshots_for_review(context, base_url, tmp_path_factory):
    """Not an assertion of looks: saves PNGs of key pages (for a human) and checks the SVGs render."""
    out = Path(os.environ.get("DOSSIER_SCREENSHOTS", tmp_path_factory.mktemp("screenshots")))
    out.mkdir(parents=True, exist_ok=True)
    page = _new_page(context)
    page.goto(base_url + "timeline/index.html")
    svgs = page.locator("svg.dossier-svg")
    assert svgs.count() >= 1
    box = svgs.first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 40
    labels = page.locator("svg.dossier-timeline text")
    assert labels.count() >= 1 and re.search(r"\w", labels.first.text_content())
    for name, rel in (("home", "index.html"), ("timeline", "timeline/index.html")):
        page.goto(base_url + rel)
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)


def test_the_checks_can_fail(context, tmp_path):
    """Guard against vacuous passes: a page that errs and calls out to the web is caught."""
    (tmp_path / "bad.html").write_text(
        '<html><body><img src="https://example.org/x.png"><script>console.error("boom"); undefined_fn();</script>'
        "</body></html>",
        encoding="utf-8",
    )
    page = _new_page(context)
    with serve(tmp_path) as url:
        page.goto(url + "bad.html")
        page.wait_for_load_state("load")
    rec = context.recorder
    assert set(rec.outside) == {"https://example.org/x.png"}
    assert any("boom" in e for e in rec.console_errors)
    assert any("undefined_fn" in e for e in rec.page_errors)

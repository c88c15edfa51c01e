"""What an analyst does with the seeds site, in a real browser (issue 15):

- the Questions pages: "who says Assad must go, and who does not" answered from the home page in two
  clicks, every name in the answer leading to the claim and its sentence;
- exports and citation: the Data page's files download, "Copy citation" puts the citation on the
  clipboard, headings have permalinks;
- dark scheme: followed from the system preference, a toggle, diagrams recoloured from the scheme;
- phones (390 px): wide tables and diagrams scroll and say so, no date wraps, table text >= 14 px.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import serve
import test_browser as tb
from test_browser import _new_page, _norm, _require_browser

browser = tb.browser  # the shared fixtures (Chromium, a context recording errors and outside requests)
context = tb.context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeds_url(seeds_site):
    _require_browser()
    with serve(seeds_site) as url:
        yield url


def _answer_row(page, label: str) -> str:
    row = page.locator("table tr", has=page.locator("td strong", has_text=label)).first
    return _norm(row.inner_text())


def test_question_page_says_who_wants_assad_gone_and_who_does_not(context, seeds_url):
    page = _new_page(context)
    page.goto(f"{seeds_url}/index.html")
    summary = page.locator("h2#what-the-sides-say + ul li").first
    assert "Should Bashar al-Assad leave power?" in _norm(summary.inner_text())
    # every sentence of the summary links to claims (and its question)
    for li in page.locator("h2#what-the-sides-say + ul li").all():
        hrefs = [a.get_attribute("href") for a in li.locator("a").all()]
        assert any("questions/" in h for h in hrefs) and any("claims/" in h for h in hrefs), hrefs
    summary.locator("a", has_text="Should Bashar al-Assad leave power?").click()
    page.wait_for_load_state()
    assert _norm(page.locator("h1").inner_text()).rstrip("¶") == "Should Bashar al-Assad leave power?"
    yes, no = _answer_row(page, "Yes"), _answer_row(page, "No")
    assert "United Kingdom" in yes and "Western governments" in yes
    assert "Vladimir Putin" in no and "Bashar al-Assad" in no and "Russia" in no
    assert "Putin" not in yes and "United Kingdom" not in no
    # Putin's "no" leads to his claim, which says "has not urged", and to the question back
    page.locator("table tr", has=page.locator("td strong", has_text="No")).first.locator("a", has_text="Vladimir Putin").click()
    page.wait_for_load_state()
    body = _norm(page.locator("article").inner_text())
    assert "has not urged" in body and "Should Bashar al-Assad leave power?" in body
    assert not context.recorder.console_errors and not context.recorder.page_errors and not context.recorder.outside


def test_questions_reachable_from_nav_and_actor_pages(context, seeds_url):
    page = _new_page(context)
    page.goto(f"{seeds_url}/actors/vladimir-putin/index.html")
    positions = page.locator("h2#positions").locator("xpath=following-sibling::*[1]")
    assert "Should Bashar al-Assad leave power?" in _norm(positions.inner_text())
    page.goto(f"{seeds_url}/questions/index.html")
    rows = [_norm(r.inner_text()) for r in page.locator("article table tbody tr").all()]
    assert any(r.startswith("Should Bashar al-Assad leave power?") and "Western governments" in r for r in rows), rows


def test_copy_citation_and_permalinks(browser, seeds_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=seeds_url)
    try:
        page = ctx.new_page()
        page.goto(f"{seeds_url}/claims/vladimir-putin-syrian-president-bashar-assad-to-leave/index.html")
        shown = _norm(page.locator(".dossier-cite__text").inner_text())
        button = page.get_by_role("button", name="Copy citation")
        button.click()
        page.wait_for_function("document.querySelector('.dossier-cite__copy').dataset.copied === 'true'")
        copied = _norm(page.evaluate("navigator.clipboard.readText()"))
        assert copied == shown and "Vladimir Putin" in copied and "has not urged" in copied
        link = page.locator("h2#in-context a.headerlink")
        assert link.get_attribute("href") == "#in-context"
        page.goto(f"{seeds_url}/data/index.html")
        for name in ("dossier.json", "actors.csv", "claims.csv"):
            href = page.locator("article a", has_text=name).first.get_attribute("href")
            response = page.request.get(f"{seeds_url}/data/{href}")
            assert response.ok, href
    finally:
        ctx.close()


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(x)) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])


def _luminance(rgb) -> float:
    return sum(w * c for w, c in zip((0.2126, 0.7152, 0.0722), rgb, strict=True)) / 255


def test_dark_scheme_and_toggle(browser, seeds_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = ctx.new_page()
        page.goto(f"{seeds_url}/timeline/index.html")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        bg = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        label = page.locator("svg.dossier-svg text").first
        ink = _rgb(label.evaluate("e => getComputedStyle(e).fill"))
        assert _luminance(bg) < 0.3 and _luminance(ink) > 0.6, (bg, ink)  # light text on a dark page
        page.locator("label[title='Switch to light mode']").first.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        ink = _rgb(label.evaluate("e => getComputedStyle(e).fill"))
        assert _luminance(ink) < 0.3  # dark text again
    finally:
        ctx.close()


def test_phone_tables_scroll_with_hint_dates_do_not_wrap(browser, seeds_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        found = 0
        for path in ("questions/should-bashar-al-assad-leave-power/index.html", "timeline/index.html", "claims/index.html"):
            page.goto(f"{seeds_url}/{path}")
            page.wait_for_load_state("load")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path  # the page itself never scrolls sideways
            wide = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap, .dossier-figure')]
                .filter(b => b.scrollWidth > b.clientWidth + 2)
                .map(b => !!(b.previousElementSibling && b.previousElementSibling.classList.contains('dossier-scroll-hint')))""")
            assert all(wide), (path, wide)  # every box that overflows says it scrolls
            broken = page.evaluate(r"""() => {
                const out = [], found = [], walk = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
                const date = /(\d{1,2}\u00a0)?(January|February|March|April|May|June|July|August|September|October|November|December)\u00a0\d{4}/g;
                for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                    for (const m of n.textContent.matchAll(date)) {
                        found.push(m[0]);
                        const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
                        if (r.getClientRects().length > 1) out.push(m[0]);
                    }
                }
                return {found: found.length, broken: out}; }""")
            assert broken["broken"] == [], (path, broken)
            found += broken["found"]
            sizes = page.evaluate("""() => [...document.querySelectorAll('article td')]
                .map(td => parseFloat(getComputedStyle(td).fontSize))""")
            assert sizes and min(sizes) >= 14, (path, min(sizes))
        assert found > 10  # the dates are written unbreakable (no-break spaces), so the check sees them
        page.goto(f"{seeds_url}/timeline/index.html")
        hint = page.locator(".dossier-scroll-hint").first
        assert "scroll sideways" in hint.inner_text()
        figure = page.locator(".dossier-figure").first
        figure.evaluate("f => f.scrollLeft = f.scrollWidth")
        assert figure.evaluate("f => f.scrollLeft") > 0  # the whole period is reachable by scrolling
    finally:
        ctx.close()


def _rows_text(page):
    return [_norm(r.inner_text()) for r in page.locator("article table tbody tr:not([hidden])").all()]


@pytest.mark.parametrize("mode", ["http", "file"])
def test_index_pages_sort_and_filter(browser, seeds_url, seeds_site, mode):
    base = seeds_url if mode == "http" else seeds_site.resolve().as_uri()
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/sources/index.html")
        header = page.locator("article table thead th", has_text="Claims").first
        header.focus()
        page.keyboard.press("Enter")  # keyboard reaches the sort
        first = [int(r.split()[-2]) for r in _rows_text(page)]
        assert header.get_attribute("aria-sort") in ("ascending", "descending")
        assert first == sorted(first) or first == sorted(first, reverse=True), first
        header.click()
        again = [int(r.split()[-2]) for r in _rows_text(page)]
        assert again == first[::-1] or sorted(set(again)) != sorted(set(first)) or len(set(first)) == 1
        page.goto(f"{base}/claims/index.html")
        total = len(_rows_text(page))
        page.get_by_label("Filter rows").fill("Lavrov 2012")
        rows = _rows_text(page)
        assert 0 < len(rows) < total and all("Lavrov" in r and "2012" in r for r in rows), rows
        assert "rows" in page.locator(".dossier-filter__count").inner_text()
        assert errors == []
    finally:
        ctx.close()


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"  # from npm, see SOURCE.txt there


def _page_types(site: Path) -> list[str]:
    """One page of each type: home, indexes, report, tags, data, timeline, and the first entity of
    each section (actor, event, claim, source, question)."""
    pages = ["index.html", "report.html", "tags.html", "data/index.html", "timeline/index.html"]
    for section in ("actors", "events", "claims", "sources", "questions"):
        pages.append(f"{section}/index.html")
        first = sorted(p.parent.name for p in (site / section).glob("*/index.html"))
        assert first, f"no {section} page to check"
        pages.append(f"{section}/{first[0]}/index.html")
    return pages


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 1280), ("light", 390)])
def test_axe_no_serious_or_critical_violations(browser, seeds_url, seeds_site, scheme, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = ctx.new_page()
        found = []
        for path in _page_types(seeds_site) + ["sources/004-ef1a346737207dae/index.html"]:
            page.goto(f"{seeds_url}/{path}")
            page.wait_for_load_state("load")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found += [f"{path}: {v['id']} ({v['impact']}) at {v['nodes'][0]['target']}"
                      for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert found == []
    finally:
        ctx.close()


def test_axe_catches_a_real_violation(browser, tmp_path):
    """The check can fail: a page with an unnamed image link and faint text is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text('<html lang="en"><body><a href="x"><img src="data:,"></a>'
                   '<p style="color:#eee;background:#fff">faint</p></body></html>', encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(bad.as_uri())
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        ids = {v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")}
        assert {"link-name", "color-contrast"} <= ids, ids
    finally:
        page.close()


def test_diagram_links_reachable_by_keyboard_and_named(context, seeds_url):
    page = _new_page(context)
    page.goto(f"{seeds_url}/timeline/index.html")
    svg = page.locator("svg.dossier-timeline")
    assert svg.get_attribute("role") != "img"
    assert svg.locator("title").count() == 1 and svg.locator("desc").count() == 1
    links = svg.locator("a")
    assert links.count() > 0
    # the first SVG link is in the tab order, and the accessibility tree exposes it as a link
    links.first.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    tree = svg.aria_snapshot()  # what a screen reader is given: the links, not one opaque image
    assert tree.count("- link ") >= links.count() > 0, tree


def _texts(locator) -> list[str]:
    return locator.evaluate_all("els => els.map(e => e.textContent)")  # SVG text has no innerText


def test_graph_page_and_ego_graphs(context, seeds_url):
    page = _new_page(context)
    page.goto(f"{seeds_url}/timeline/index.html")
    page.locator("article a", has_text="graph page").click()
    page.wait_for_load_state()
    svg = page.locator("svg.dossier-graph")
    names = _texts(svg.locator("a text"))
    assert 2 <= len(names) <= 16 and "Vladimir Putin" in names  # top actors only
    tips = " ".join(_texts(svg.locator("title")))
    assert "David Cameron met Vladimir Putin: 3 events" in tips  # weighted, labelled edges
    assert "agrees with" in tips and "disagrees with" in tips  # from the questions
    legend = " ".join(_texts(page.locator("svg.dossier-legend text")))
    for word in ("met", "spoke about", "agree on a question", "disagree on a question", "person", "state"):
        assert word in legend
    rows = [_norm(r.inner_text()) for r in page.locator("article table tbody tr").all()]
    assert any("disagrees with" in r and "Should Bashar al-Assad leave power?" in r for r in rows), rows[:5]
    page.goto(f"{seeds_url}/actors/vladimir-putin/index.html")
    ego = page.locator("h2#connections").locator("xpath=following-sibling::div[contains(@class,'dossier-figure')][1]")
    labels = _texts(ego.locator("svg a text"))
    assert "Vladimir Putin" in labels and 2 < len(labels) <= 9
    ego.locator("svg a", has_text="David Cameron").click()
    page.wait_for_load_state()
    assert "David Cameron" in page.locator("h1").inner_text()

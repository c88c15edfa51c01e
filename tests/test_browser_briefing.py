"""What an analyst does with the seeds site, in a real browser (issue 15):

- the Questions pages: "who says Assad must go, and who does not" answered from the home page in two
  clicks, every name in the answer leading to the claim and its sentence;
- exports and citation: the Data page's files download, "Copy citation" puts the citation on the
  clipboard, headings have permalinks.
"""

from __future__ import annotations

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

"""What changed since the last build, through real builds of the seeds (generator/changes, the What's
new page, the marks, the Atom feed, the PDF's "Since the last briefing").

The seeds are built once (build 1, the baseline); then two articles are added and one is edited
(build 2): the report must list exactly the two new sources, the edited one, the actors, claims and
events that the new text brings (checked against the two builds' dossier.json) and nothing else.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from conftest import copy_project
from generator.cachedir import cache_root
from generator.changes import HISTORY_FILE
from generator.pipeline import Paths, build

ATOM = "{http://www.w3.org/2005/Atom}"
ADDED = {
    "zz_talks.txt": "Minister Says Talks Will Resume\n\nGENEVA — Foreign Minister Anna Berg said on Monday that the talks on "
                    "Syria would resume next week. \"We are ready,\" she told reporters in Geneva.\n",
    "zz_envoy.txt": "Envoy Meets Rebels in Cairo\n\nCAIRO — United Nations envoy Tomas Reid met rebel leaders in Cairo on "
                    "Tuesday. Reid said the meeting was useful.\n",
}
EDIT = "\n\nPresident Vladimir Putin said on Friday that Russia would host a peace conference in Moscow.\n"
DAY1, DAY2 = "1700000000", "1700100000"  # 2023-11-14, 2023-11-16


def quiet(s):
    pass


def model(root: Path) -> dict:
    """The build's dossier.json, with ``actors`` cut to those with a page (what the site shows and
    what the change report is about: an actor named once in passing has no page to announce)."""
    m = json.loads((root / "docs" / "dossier.json").read_text(encoding="utf-8"))
    paged = {p.name for p in (root / "docs" / "actors").iterdir() if p.is_dir()}
    m["actors"] = [a for a in m["actors"] if a["id"] in paged]
    return m


def ids(m: dict, kind: str) -> set[str]:
    return {x["id"] for x in m[kind]}


def history(root: Path) -> dict:
    return json.loads((cache_root(root) / HISTORY_FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """(root, dossier.json of build 1, of build 2, report 2): seeds, then 2 added + 1 edited, with the site."""
    root = copy_project(tmp_path_factory.mktemp("whatsnew"))
    mp = pytest.MonkeyPatch()
    try:
        mp.setenv("SOURCE_DATE_EPOCH", DAY1)
        build(Paths.at(root), site=False, pdf=False, log=quiet)
        first = model(root)
        for name, text in ADDED.items():
            (root / "seeds" / name).write_text(text, encoding="utf-8")
        edited = sorted((root / "seeds").glob("0*.txt"))[-1]
        edited.write_text(edited.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
        mp.setenv("SOURCE_DATE_EPOCH", DAY2)
        report = build(Paths.at(root), site=True, pdf=False, log=quiet)
    finally:
        mp.undo()
    return root, first, model(root), report, edited


def reported(root: Path, number: int) -> dict[tuple[str, str], set[str]]:
    entry = next(b for b in history(root)["builds"] if b["number"] == number)
    out: dict[tuple[str, str], set[str]] = {}
    for kind, id_, change, _label, _detail in entry["changes"]:
        out.setdefault((kind, change), set()).add(id_)
    return out


def test_added_and_edited_articles_are_reported_exactly(two_builds):
    root, first, second, report, edited = two_builds
    got = reported(root, 2)
    new_sources = ids(second, "sources") - ids(first, "sources")
    assert new_sources == {"zz-talks", "zz-envoy"}
    edited_id = next(s["id"] for s in second["sources"] if s["path"].endswith(edited.name))
    assert got.pop(("sources", "new")) == new_sources
    assert got.pop(("sources", "updated")) == {edited_id}
    # every other new entity is one the new or edited text brought, and all of them are reported
    for kind in ("actors", "claims", "events"):
        new = got.pop((kind, "new"), set())
        assert new == ids(second, kind) - ids(first, kind), kind
        assert new, kind
        for x in second[kind]:
            if x["id"] in new:
                assert set(x["sources"]) <= new_sources | {edited_id}, (kind, x["id"])
    assert got == {}, f"nothing else may be reported: {got}"  # nothing removed, no other update
    page = (root / "docs" / "whatsnew.md").read_text(encoding="utf-8").replace("&nbsp;", " ")  # dates do not wrap
    assert "Anna Berg" in page and "Tomas Reid" in page and "peace conference in Moscow" in page
    assert "## Build 2 · 16 November 2023" in page and "## Build 1 · 14 November 2023" in page
    assert page.index("## Build 2") < page.index("## Build 1")  # latest first
    assert "changes: build 2: 2 new sources, 1 edited source" in "\n".join(report.lines())


def test_new_actors_are_the_new_names(two_builds):
    root, first, second, _, _ = two_builds
    got = reported(root, 2)
    names = {a["id"]: a["name"] for a in second["actors"]}
    new = {names[i] for i in got.get(("actors", "new"), set())}
    assert {"Anna Berg", "Tomas Reid"} <= new
    assert not new & {a["name"] for a in first["actors"]}


def test_pages_carry_the_marks_and_index_tables_a_sortable_column(two_builds):
    root = two_builds[0]
    docs = root / "docs"
    berg = (docs / "actors" / "anna-berg" / "index.md").read_text(encoding="utf-8")
    assert re.search(r'\[New · 16 November 2023\]\(\.\./\.\./whatsnew\.md#build-2\)\{: \.dossier-mark \.dossier-mark-new data-changed="2023-11-16" \}', berg)
    edited = (docs / "sources" / "index.md").read_text(encoding="utf-8")
    assert "| Changed |" in edited and "[2023-11-16 updated](../whatsnew.md#build-2)" in edited
    assert "[2023-11-16 new](../whatsnew.md#build-2)" in edited
    old = next(p for p in (docs / "actors").glob("*/index.md") if "assad" in p.parent.name)
    assert "dossier-mark" not in old.read_text(encoding="utf-8")  # in build 1 only: no mark
    html = (root / "site" / "actors" / "anna-berg" / "index.html").read_text(encoding="utf-8")
    assert 'class="dossier-mark dossier-mark-new"' in html and 'data-changed="2023-11-16"' in html


def test_feed_is_valid_atom_and_linked_from_every_page(two_builds):
    root = two_builds[0]
    site = root / "site"
    raw = (site / "feed.xml").read_bytes()
    tree = ET.fromstring(raw)  # well-formed
    assert tree.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert tree.find(f"{ATOM}{required}") is not None, required
    entries = tree.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for e in entries:
        for required in ("id", "title", "updated", "link", "content", "summary"):
            assert e.find(f"{ATOM}{required}") is not None, required
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", e.find(f"{ATOM}id").text)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e.find(f"{ATOM}updated").text)
    parsed = feedparser.parse(raw, response_headers={"content-location": "https://example.org/site/feed.xml", "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.updated == "2023-11-16T00:00:00Z"
    latest = parsed.entries[0]
    assert latest.title.startswith("Build 2, 16 November 2023: 2 new sources")
    assert latest.link == "https://example.org/site/whatsnew.html#build-2"
    content = latest.content[0].value
    assert 'href="https://example.org/site/actors/anna-berg/index.html"' in content and "Anna Berg" in content
    assert len({e.id for e in parsed.entries}) == 2
    for target in re.findall(r'href="https://example\.org/site/([^"#]+)', content):
        assert (site / target).is_file(), target
    pages = list(site.rglob("*.html"))
    assert len(pages) > 100
    for p in pages:
        if p.parent.name == "assets" or "404" in p.name:
            continue
        text = p.read_text(encoding="utf-8")
        m = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', text)
        assert m, p
        assert (p.parent / m.group(1)).resolve() == (site / "feed.xml").resolve(), (p, m.group(1))


def test_rebuilding_the_same_input_changes_nothing(two_builds, tmp_path, monkeypatch):
    root = tmp_path / "again"
    shutil.copytree(two_builds[0], root, symlinks=True)
    before = {p: (root / "docs" / p).read_bytes() for p in ("whatsnew.md", "feed.xml")}
    hist = history(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY2)
    assert build(Paths.at(root), site=False, pdf=False, log=quiet).pages_written == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700300000")  # another day, same articles
    report = build(Paths.at(root), site=False, pdf=False, log=quiet)
    assert report.pages_written == 2  # the home and report pages show the build date; nothing else changes
    assert {p: (root / "docs" / p).read_bytes() for p in before} == before
    assert history(root) == hist
    assert "nothing changed since the last build" in "\n".join(report.lines())


def test_removed_article_is_reported_with_what_only_it_held(two_builds, tmp_path, monkeypatch):
    root = tmp_path / "removed"
    shutil.copytree(two_builds[0], root, symlinks=True)
    before = model(root)
    (root / "seeds" / "zz_envoy.txt").unlink()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700300000")
    build(Paths.at(root), site=False, pdf=False, log=quiet)
    after = model(root)
    got = reported(root, 3)
    assert got.pop(("sources", "removed")) == {"zz-envoy"}
    for kind in ("actors", "claims", "events"):
        assert got.pop((kind, "removed"), set()) == ids(before, kind) - ids(after, kind)
    assert "tomas-reid" in ids(before, "actors") - ids(after, "actors")
    assert got == {}, got
    page = (root / "docs" / "whatsnew.md").read_text(encoding="utf-8")
    assert "### Removed sources (1)\n\n- Envoy Meets Rebels in Cairo\n" in page  # named, not linked (no page left)


@pytest.mark.parametrize("junk", ["{not json", '{"format": 1}', ""])
def test_corrupt_history_is_a_first_build_with_a_warning(two_builds, tmp_path, monkeypatch, junk):
    root = tmp_path / "corrupt"
    shutil.copytree(two_builds[0], root, symlinks=True)
    (cache_root(root) / HISTORY_FILE).write_text(junk, encoding="utf-8")
    (root / "docs" / "dossier.json").write_text("{truncated", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700300000")
    report = build(Paths.at(root), site=False, pdf=False, log=quiet)
    warnings = [p for p in report.problems if p.severity == "warning" and "treated as a first build" in p.reason]
    assert len(warnings) == 1 and HISTORY_FILE in warnings[0].path
    page = (root / "docs" / "whatsnew.md").read_text(encoding="utf-8")
    assert "The previous build could not be read" in page and "This was the first build" in page
    assert history(root)["builds"][0]["first"] is True  # a sound history from here on


def test_briefing_has_a_since_section_only_after_a_previous_build(two_builds):
    from generator.changes import Previous, compute_changes, load_previous
    from generator.config import load_curation
    from generator.pdf.context import Texts, briefing_context
    from generator.pdf.html import briefing_html
    from generator.pipeline import collect
    from generator.views import build_views

    root = two_builds[0]
    paths = Paths.at(root)
    articles, extractions, dossier, _ = collect(paths, load_curation(paths.config), log=quiet)
    views = build_views(dossier, {a.id: a for a in articles}, extractions)
    texts = Texts({a.id: a for a in articles}, extractions)
    first = compute_changes(Previous(None), views.dossier, "2023-11-14")
    html = briefing_html(briefing_context(views.dossier, texts, title="T", built_at="2023-11-14", rel=views.ix, changes=first))
    assert "Since the last briefing" not in html
    # build 2 compared with build 1 again (the history of the fixture holds build 2 already)
    previous = load_previous(None, None)
    assert previous.state is None
    hist = history(root)
    b1 = dict(hist, builds=[b for b in hist["builds"] if b["number"] == 1])
    two = compute_changes(Previous(_state_of(two_builds[1]), tuple(b1["builds"]), {}, "history"), views.dossier, "2023-11-16")
    ctx = briefing_context(views.dossier, texts, title="T", built_at="2023-11-16", rel=views.ix, changes=two)
    html = briefing_html(ctx)
    assert '<section id="since"' in html and '<a href="#since">Since the last briefing</a>' in html
    assert "Changes since the briefing of 14 November 2023 (this one: 16 November 2023): 2 new sources, 1 edited source" in html
    assert "Anna Berg" in html and "New sources (2)" in html


def _state_of(dossier_json: dict) -> dict:
    from generator.changes.state import state_of

    return state_of(dossier_json)


@pytest.mark.browser
def test_browser_finds_the_feed_and_follows_a_mark(two_builds):
    """In Chromium, from file:// as a reader opens the site: the head announces the feed, the mark
    on a new actor's page leads to its build on the What's new page, whose links lead to pages."""
    from site_helpers import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    site = two_builds[0] / "site"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = b.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / "actors" / "anna-berg" / "index.html").as_uri())
        feed = page.eval_on_selector('link[rel="alternate"][type="application/atom+xml"]', "l => l.href")
        assert feed == (site / "feed.xml").as_uri()
        mark = page.locator("a.dossier-mark")
        assert mark.inner_text() == "New · 16 November 2023" and mark.is_visible()
        mark.click()
        page.wait_for_load_state()
        assert page.url.endswith("whatsnew.html#build-2")
        assert page.locator("#build-2").is_visible() and page.locator("#build-1").count() == 1
        page.locator("#build-2 ~ ul a", has_text="Tomas Reid").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("actors/tomas-reid/index.html") and "Tomas Reid" in page.title()
        b.close()
    assert errors == []


def test_dossier_pdf_alone_keeps_the_since_section(two_builds, tmp_path, monkeypatch):
    """``dossier pdf`` (no site build) prints the same "Since the last briefing" as the build did."""
    import subprocess

    from generator.pipeline import pdf_only

    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler-utils (pdftotext)")
    root = tmp_path / "pdf"
    shutil.copytree(two_builds[0], root, symlinks=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY2)
    files, _ = pdf_only(Paths.at(root), log=quiet)
    text = subprocess.run(["pdftotext", str(root / "site" / "briefing.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Since the last briefing" in text and "Anna Berg: the talks on Syria would resume" in text
    assert "Changes since the briefing of 14 November 2023" in text

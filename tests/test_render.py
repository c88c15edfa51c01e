"""Stage 4 (render): golden pages, determinism, escaping of hostile article text, links, SVG.

Golden pages live in tests/golden/ (one file per rendered page). After an intended change, refresh
them with ``UPDATE_GOLDEN=1 pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import html
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixtures_dossier import build
from generator.model import Dossier, PubDate, Source
from generator.render import render
from generator.render.escape import clean, heading, md_escape, tag_text, truncate
from generator.views.fmt import date_text, short_date
from generator.render.links import check_id, page_path, relative
from generator.views.charts import date_range
from site_helpers import build_site

GOLDEN = Path(__file__).parent / "golden"
TITLE = "Russia and Syria (fixture)"
# The Markdown extensions of mkdocs.yml (kept in step by test_extensions_match_mkdocs_yml).
EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition"]


@pytest.fixture(scope="module")
def fixture():
    return build()


@pytest.fixture(scope="module")
def pages(fixture):
    """Every generated file: the Markdown pages and the data files beside them (CSV, JSON)."""
    dossier, articles, extractions = fixture
    return render(dossier, articles, extractions, site_title=TITLE, built_at=None)


def _markdown_only(pages: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in pages.items() if k.endswith(".md")}


def _md(text: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter (MkDocs strips it)
    return markdown.markdown(body, extensions=EXTENSIONS)


def _plain(text: str) -> str:
    """The page as a reader sees it: Markdown rendered, tags dropped, whitespace folded."""
    return " ".join(html.unescape(" ".join(_tags(_md(text)).text)).split())


# ---------------------------------------------------------------------------------------------
# Golden pages


def test_golden_pages(pages):
    """Every page equals its golden copy (UPDATE_GOLDEN=1 rewrites them)."""
    pages = _markdown_only(pages)
    if os.environ.get("UPDATE_GOLDEN"):
        if GOLDEN.exists():
            for old in sorted(GOLDEN.rglob("*"), reverse=True):
                old.unlink() if old.is_file() else old.rmdir()
        for rel, text in pages.items():
            p = GOLDEN / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected), "page list changed: UPDATE_GOLDEN=1 after review"
    for rel, text in pages.items():
        assert text == expected[rel], f"{rel} differs from tests/golden/{rel} (UPDATE_GOLDEN=1 after review)"


def test_page_paths_are_stable_urls(pages):
    for section in ("actors", "events", "claims", "sources"):
        assert f"{section}/index.md" in pages
    assert "timeline/index.md" in pages and "index.md" in pages and "report.md" in pages
    assert "actors/sergei-lavrov/index.md" in pages
    assert "sources/000_g8-leaders/index.md" in pages
    assert page_path("claims", "x-1") == "claims/x-1/index.md"


# ---------------------------------------------------------------------------------------------
# Determinism


def _shuffled(dossier: Dossier) -> Dossier:
    """The same dossier with every collection in reverse order."""
    return dataclasses.replace(
        dossier,
        sources=dossier.sources[::-1],
        actors=tuple(dataclasses.replace(a, sources=a.sources[::-1], aliases=a.aliases) for a in dossier.actors[::-1]),
        events=tuple(dataclasses.replace(e, participants=e.participants[::-1], refs=e.refs[::-1]) for e in dossier.events[::-1]),
        claims=dossier.claims[::-1],
        problems=dossier.problems[::-1],
    )


def test_same_input_same_bytes(fixture, pages):
    dossier, articles, extractions = fixture
    again = render(dossier, articles, extractions, site_title=TITLE, built_at=None)
    assert again == pages
    reordered = render(
        _shuffled(dossier),
        dict(reversed(list(articles.items()))),
        dict(reversed(list(extractions.items()))),
        site_title=TITLE,
        built_at=None,
    )
    # the data files too (dossier.json is the model as given: resolve sorts it, see test_determinism)
    assert {k: v for k, v in reordered.items() if k != "dossier.json"} == {k: v for k, v in again.items() if k != "dossier.json"}


def test_built_at_only_on_home_and_report(fixture, pages):
    dossier, articles, extractions = fixture
    stamped = render(dossier, articles, extractions, site_title=TITLE, built_at="2024-05-01T12:00:00Z")
    changed = {k for k in pages if pages[k] != stamped[k]}
    assert changed == {"index.md", "report.md"}
    assert "Built 2024-05-01T12:00:00Z." in _plain(stamped["index.md"])


def test_briefs_flag_adds_pdf_links(fixture, pages):
    dossier, articles, extractions = fixture
    assert "briefs/" not in "".join(pages.values())
    with_briefs = render(dossier, articles, extractions, site_title=TITLE, built_at=None, briefs={"sergei-lavrov"})
    assert '<a href="../../briefs/sergei-lavrov.pdf"' in with_briefs["actors/sergei-lavrov/index.md"]
    assert "briefs/" not in with_briefs["actors/vladimir-putin/index.md"]
    assert '<a href="briefing.pdf"' in with_briefs["index.md"]


# ---------------------------------------------------------------------------------------------
# Hostile input stays inert


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _tags(html_text: str) -> _Tags:
    p = _Tags()
    p.feed(html_text)
    return p


def test_hostile_text_is_inert_in_every_page(pages):
    for rel, text in _markdown_only(pages).items():
        out = _md(text)
        parsed = _tags(out)
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "img", "iframe", "object", "embed", "style", "b"), f"{rel}: <{tag}> from article text"
            for name, value in attrs.items():
                assert not name.startswith("on"), f"{rel}: event handler {name}"
                assert not (value or "").strip().lower().startswith("javascript"), f"{rel}: {name}={value}"
            if tag == "a":
                href = attrs.get("href", "")
                assert href.startswith(("../", "#", "./")) or "/" not in href.split("#")[0] or href.endswith(
                    ".md"
                ) or href.startswith("https://"), f"{rel}: unexpected link {href}"
        assert sum(1 for t, _ in parsed.tags if t == "h1") == 1, f"{rel}: exactly one h1"
        assert "<em>Star</em>" not in out and "<hr" not in out, rel
        # The only elements carrying classes are ours or Material's admonitions.
        for _tag, attrs in parsed.tags:
            cls = attrs.get("class")
            if cls:
                assert cls.split()[0].startswith(("dossier-", "admonition")) or cls == "admonition-title", f"{rel}: class {cls}"


def test_hostile_source_page_shows_the_text_verbatim(pages):
    out = _md(pages["sources/002_hostile/index.md"])
    text = html.unescape(" ".join(_tags(out).text))
    for needle in (
        '<script>alert("title")</script> {{ config }} Lavrov [x](javascript:alert(1))',
        "Evil <b>Outlet</b> & {{ outlet }}",
        "# Not a heading, * not a list, | not | a table |, {% raw %}{{ 7*7 }}{% endraw %}.",
        "<img src=x onerror=alert(1)>",
        "{: .x} !!!",
    ):
        assert needle in " ".join(text.split()), needle


def test_heading_cannot_close_title(pages):
    """MkDocs' page title comes from the h1; Material unescapes it into <title>: no < or > there."""
    h1 = next(line for line in pages["sources/002_hostile/index.md"].splitlines() if line.startswith("# "))
    assert "<" not in h1 and ">" not in h1 and "&lt;" not in h1 and "&gt;" not in h1
    assert "‹script›" in h1


def test_tags_are_safe(pages):
    front = pages["sources/002_hostile/index.md"].split("---\n")[1]
    assert front == 'tags:\n  - "outlet: Evil b Outlet b and outlet"\n'


# ---------------------------------------------------------------------------------------------
# Escaping, properties

_ALPHABET = st.characters(blacklist_categories=("Cs",))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=80))
def test_md_escape_round_trips_through_markdown(s):
    """Whatever the text, Markdown renders it as exactly that text in one paragraph, no markup."""
    out = markdown.markdown("x " + md_escape(s), extensions=EXTENSIONS)
    parsed = _tags(out)
    assert [t for t, _ in parsed.tags] == ["p"], out
    assert "".join(parsed.text).strip() == ("x " + clean(s)).strip()


_MARKDOWNISH = st.text(st.sampled_from(list("-+*#>=.)([]!|`_{}\\<&:0123456789 ab\n")), min_size=1, max_size=40)


@settings(max_examples=400, deadline=None)
@given(_MARKDOWNISH)
def test_md_escape_at_a_line_start(s):
    """Where an escaped string starts a line (a paragraph or a list item), it opens no block either."""
    if not clean(s):
        return
    for prefix, tags in (("", ["p"]), ("- ", ["ul", "li"]), ("1. ", ["ol", "li"])):
        out = markdown.markdown(prefix + md_escape(s), extensions=EXTENSIONS)
        parsed = _tags(out)
        assert [t for t, _ in parsed.tags] == tags, (prefix, s, out)
        assert "".join(parsed.text).strip() == clean(s), (prefix, s, out)


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_md_escape_in_table_cell(s):
    out = markdown.markdown(f"| a | b |\n|---|---|\n| {md_escape(s)} | z |", extensions=EXTENSIONS)
    parsed = _tags(out)
    assert [t for t, _ in parsed.tags] == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"], out
    cells = re.findall(r"<td>(.*?)</td>", out, flags=re.S)
    assert html.unescape(cells[0]) == clean(s) and cells[1] == "z"


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_heading_round_trips(s):
    out = markdown.markdown("# " + heading("T " + s), extensions=EXTENSIONS)
    parsed = _tags(out)
    assert [t for t, _ in parsed.tags] == ["h1"], out
    text = "".join(parsed.text)
    assert "<" not in text and ">" not in text
    assert text == clean("T " + s).replace("<", "‹").replace(">", "›")


def test_escape_examples():
    assert md_escape("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert md_escape("inter-Syrian talks (Mr. Lavrov)") == "inter-Syrian talks (Mr. Lavrov)"
    assert md_escape("- not a bullet") == r"\- not a bullet"
    assert md_escape("1986. Not a list") == r"1986\. Not a list"
    assert md_escape("3) nor this", strip=False) == r"3\) nor this"
    assert md_escape("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert md_escape("a\n\n# b   c") == r"a \# b c"
    assert md_escape("x = y") == "x &#61; y"
    assert md_escape(None) == ""
    assert tag_text("Evil <b>Outlet</b> & {{ x }}") == "Evil b Outlet b and x"
    assert tag_text("   ") == "unknown"
    assert truncate("one two three four", 10) == "one two…"
    assert truncate("short", 10) == "short"


def test_unsafe_ids_are_refused():
    for bad in ("../x", "a/b", "", ".hidden", "a b", "x..y"):
        with pytest.raises(ValueError):
            check_id(bad)
    assert check_id("000_8831fdf32968016e") == "000_8831fdf32968016e"


def test_relative_links():
    assert relative("actors/a/index.md", "claims/b/index.md") == "../../claims/b/index.md"
    assert relative("index.md", "actors/a/index.md", "s-1") == "actors/a/index.md#s-1"
    assert relative("sources/s/index.md", "sources/s/index.md", "s-3") == "#s-3"


# ---------------------------------------------------------------------------------------------
# Dates


def test_dates_show_their_precision():
    assert date_text("2013-06-17", "day") == "17 June 2013"
    assert date_text("2013-06", "month") == "June 2013 (month)"
    assert date_text("2013", "year") == "2013 (year)"
    assert date_text(None, None) == "date unknown"
    assert date_text("2013-W25", "week") == "week of 17 June 2013 (week)"
    assert date_text("2013-06-17", "reported") == "by 17 June 2013 (date of the report)"
    assert short_date("2013-06-17", "reported") == "by 2013-06-17"
    assert date_text("2013-06-17", None) == "17 June 2013"
    assert date_text("2013-06-17", "month") == "June 2013 (month)"
    assert date_text("garbage", "day") == "garbage"
    assert short_date("2013-06-17", "month") == "2013-06"
    assert short_date(None) == "–"
    assert date_range("2013-02") == (date_range("2013-02-01")[0], date_range("2013-03-01")[0])
    assert date_range("2013-13") is None


# ---------------------------------------------------------------------------------------------
# Links and content


_LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)(?: \"[^\"]*\")?\)")  # an escaped \] ends no link
_RAW_HREF = re.compile(r'href="([^"]+)"')


def test_every_markdown_link_resolves(pages):
    """Links point at rendered pages and existing sentence anchors (MkDocs checks this too)."""
    anchors = {rel: set(re.findall(r'id="(s-\d+)"', text)) for rel, text in pages.items()}
    for rel, text in _markdown_only(pages).items():
        for url in _LINK.findall(text):
            path, _, anchor = url.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)) if path else rel
            assert target in pages, f"{rel}: link to missing page {url}"
            if anchor:
                assert anchor in anchors[target], f"{rel}: missing anchor {url}"
        for url in _RAW_HREF.findall(text):
            if url.startswith(("../../briefs/", "https://")):  # PDFs written after MkDocs; other sites
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), url))
            assert target.replace("index.html", "index.md") in pages, f"{rel}: raw link to missing page {url}"


def test_links_both_ways(pages):
    lavrov = pages["actors/sergei-lavrov/index.md"]
    assert "../../claims/lavrov-outcome-not-predetermined/index.md" in lavrov
    assert "../../events/lavrov-assad-meeting-2012-12/index.md" in lavrov
    assert "../../sources/001_lavrov-talks/index.md" in lavrov
    assert "evil-star-script" in lavrov  # a claim about him by someone else
    claim = pages["claims/lavrov-outcome-not-predetermined/index.md"]
    assert "../../actors/sergei-lavrov/index.md" in claim
    assert "../../sources/001_lavrov-talks/index.md#s-1" in claim
    assert "../../sources/002_hostile/index.md#s-5" in claim  # corroborating report
    # corroboration recorded on one claim only shows on both
    assert "lavrov-assad-vice-president" in claim
    assert "cameron-decided-by-syrians" in claim
    source = pages["sources/001_lavrov-talks/index.md"]
    assert 'id="s-1"' in source and "../../claims/lavrov-outcome-not-predetermined/index.md" in source
    assert "[Sergei Lavrov](../../actors/sergei-lavrov/index.md)" in source


def test_claim_page_shows_sentence_in_context(pages):
    claim = pages["claims/lavrov-outcome-not-predetermined/index.md"]
    assert "<mark>the outcome of any talks on ending the bloodshed in Syria must not be predetermined</mark>" in claim
    assert "Russia's Lavrov Says Syria Talks Must Not Be Predetermined" in claim  # sentence before
    assert "Lavrov told a news conference" in claim  # sentence after


def test_event_page(pages):
    ev = _plain(pages["events/lavrov-assad-meeting-2012-12/index.md"])
    assert "Date December 2012 (month)" in ev
    assert "Place Damascus" in ev
    assert "Next: Lavrov news conference (2013 (year))" in ev
    assert "Previous: none — this is the earliest event" in ev
    undated = pages["events/syria-peace-talks/index.md"]
    assert "date unknown" in undated and "Not placed on the timeline" in undated
    assert "lavrov-outcome-not-predetermined" in undated  # claim from the same sentence


def test_actor_page(pages):
    source = pages["actors/vladimir-putin/index.md"]
    putin = _plain(source)
    assert "person · also known as Mr. Putin, Putin, Russia's leader" in putin  # aliases in the text (search)
    assert "Prime Minister of Russia — 8 May 2008 to 7 May 2012 (from the curation file)" in putin
    assert "What others said about Vladimir Putin" in putin and "a senior German official (unnamed)" in putin
    assert "| [David Cameron](../david-cameron/index.md) | person |" in source
    assert "tags:\n  - \"actor: person\"" in source and "boost: 10" in source


def test_source_page(pages):
    src = pages["sources/000_g8-leaders/index.md"]
    assert "<details class=\"dossier-removed\" data-search-exclude>" in src and "donation appeal" in src
    assert "Support The Moscow Times" not in _plain(src.split("<details")[0])  # removed text not in the article
    text = _plain(src)
    assert "Duplicates seeds/000_copy.txt (same content, published once)" in text
    assert "Published 14 June 2013 (from the dateline)" in text


def test_home_and_report(pages):
    home = pages["index.md"]
    assert home.startswith("# Russia and Syria (fixture)")
    assert "2 articles skipped and 1 warning" in _plain(home)
    report = _plain(pages["report.md"])
    assert "seeds/003_empty.txt empty file (0 bytes)" in report
    assert "not text: <binary> | bytes 0x00" in report
    assert "Articles read 6 " in report  # 3 sources + 1 duplicate + 2 skipped


def test_timeline_page(pages):
    tl = pages["timeline/index.md"]
    assert tl.index("Lavrov meets Assad in Damascus") < tl.index("G8 summit in Enniskillen")
    assert "## Undated events" in tl
    assert tl.count('<div class="dossier-figure" markdown="0">') == 2  # timeline, one series
    assert "[graph page](../graph/index.md)" in tl
    graph = pages["graph/index.md"]  # the relationships have a page of their own (issue 15)
    assert graph.count('<div class="dossier-figure" markdown="0">') == 1
    assert "| [Vladimir Putin](../actors/vladimir-putin/index.md) | spoke about | [Bashar Assad]" in graph


def test_svg_is_well_formed_and_bounded(pages):
    tl = pages["timeline/index.md"] + pages["graph/index.md"] + pages["actors/vladimir-putin/index.md"]
    for svg in re.findall(r"<svg.*?</svg>", tl, flags=re.S):
        ET.fromstring(svg)  # raises on malformed XML
        assert "\n\n" not in svg


def test_missing_article_text_degrades_gracefully(fixture):
    dossier, articles, extractions = fixture
    partial = {k: v for k, v in articles.items() if k != "001_lavrov-talks"}
    pages = render(dossier, partial, extractions, site_title=TITLE, built_at=None)
    assert "The text of this article is not available." in pages["sources/001_lavrov-talks/index.md"]
    claim = pages["claims/lavrov-outcome-not-predetermined/index.md"]
    assert "001_lavrov-talks/index.md#" not in claim  # no link to an anchor that does not exist
    test_every_markdown_link_resolves(pages)


def test_empty_dossier():
    empty = Dossier("Empty", (), (), (), (), (), (), ())
    pages = render(empty, {}, {}, site_title="Empty", built_at=None)
    assert set(pages) == {
        "index.md", "report.md", "tags.md", "timeline/index.md", "whatsnew.md",
        "actors/index.md", "events/index.md", "claims/index.md", "sources/index.md", "questions/index.md",
        "data/index.md", "data/actors.csv", "data/claims.csv", "data/events.csv", "data/sources.csv",
        "data/positions.csv", "dossier.json", "dossier.schema.json", "graph/index.md", "feed.xml",
    }  # fmt: skip


def test_dangling_ids_are_not_links():
    src = Source("s1", "a.txt", "T", None, None, PubDate(None, None, "unknown"), "0" * 64)
    d = Dossier("D", (src,), (), (), (), (), (), ())
    pages = render(d, {}, {}, site_title="D", built_at=None)
    assert "[T](../../sources/s1/index.md)" not in pages["sources/s1/index.md"]
    assert "[T](s1/index.md)" in pages["sources/index.md"]


# ---------------------------------------------------------------------------------------------
# The real MkDocs build


def test_extensions_match_mkdocs_yml():
    import yaml

    cfg = yaml.safe_load((Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text())
    names = [e if isinstance(e, str) else next(iter(e)) for e in cfg["markdown_extensions"]]
    assert names == EXTENSIONS, "escape.py neutralises exactly these extensions' syntax; update both"


@pytest.fixture(scope="module")
def site(pages, tmp_path_factory):
    return build_site(pages, tmp_path_factory.mktemp("fixture-site"))


def test_fixture_site_builds_strict(site):
    """mkdocs build --strict passes: every link and sentence anchor resolves."""
    assert (site / "actors/sergei-lavrov/index.html").is_file()
    assert (site / "sources/000_g8-leaders/index.html").is_file()
    assert (site / "search/search_index.js").is_file()  # offline search (file://)


def test_site_titles_and_search_index_are_safe(site):
    page = (site / "sources/002_hostile/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page, flags=re.S).group(1)
    assert "<" not in title
    assert len(re.findall(r"<script\b", page)) == len(
        re.findall(r"<script\b", (site / "sources/001_lavrov-talks/index.html").read_text(encoding="utf-8"))
    )
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Sergey Lavrov" in index and "Bashar al-Assad" in index  # aliases are searchable


def test_site_loads_nothing_from_outside(site):
    for f in site.rglob("*.html"):
        text = f.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="([^"]+)"', text):
            assert not re.match(r"^(https?:)?//", url), f"{f.relative_to(site)} loads {url}"
    assert (site / "assets/javascripts/iframe-worker/shim.js").is_file()


def test_entity_pages_not_in_nav(site):
    page = (site / "actors/sergei-lavrov/index.html").read_text(encoding="utf-8")
    nav = page.split('class="md-nav__list"', 1)[1].split("</nav>", 1)[0]
    assert "claims/lavrov-outcome-not-predetermined" not in nav
    assert "vladimir-putin" not in nav


def test_briefs_true_asks_the_pdf_stage(fixture):
    from generator.views.select import brief_actors

    dossier, articles, extractions = fixture
    pages = render(dossier, articles, extractions, site_title=TITLE, built_at=None, briefs=True)
    linked = {rel.split("/")[1] for rel, text in pages.items() if rel.startswith("actors/") and "/briefs/" in text}
    assert linked == {a.id for a in brief_actors(dossier)}


def test_series_chart_labels_stay_readable_with_many_points():
    from generator.views.charts import SeriesPointView, series_svg

    points = [SeriesPointView(f"2013-{m:02d}-{d:02d}", 1000 * m + d, f"{1000 * m + d:,}") for m in range(1, 13) for d in (1, 10, 20)]
    svg = series_svg("many", points)
    ET.fromstring(svg)
    value_labels = re.findall(r'paint-order="stroke">([\d,]+)</text>', svg)
    assert 2 <= len(value_labels) <= 4
    assert series_svg("many", points) == svg  # deterministic

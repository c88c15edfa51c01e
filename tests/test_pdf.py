"""PDF briefings (generator.pdf): built from the hand-made fixture dossier (hostile strings included),
from a synthetic large dossier (bounded size), and from the seeds via the pipeline.

What is checked on the PDFs themselves: poppler's ``pdfinfo`` opens them; page counts in range; A4;
an outline (bookmarks) exists with the expected titles; ``pdftotext`` finds actor names, claim words
and source titles, and hostile markup as literal text; every link annotation is internal and points
at a named destination that exists; the table of contents carries the right page numbers; no word
lies outside the page's text area (nothing overflows); same input gives the same bytes.

The PDF structure is read by a small reader below (uncompressed objects, Flate streams, object
streams: what WeasyPrint/pydyf writes), so no PDF library is needed. Tests skip when poppler-utils is
missing. No timing assertions.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures_dossier import build as build_fixture  # noqa: E402

from generator.model import Actor, Claim, Dossier, Event, PubDate, Ref, Role, Source  # noqa: E402
from generator.pdf import brief_actors, brief_html, briefing_html, build_pdfs  # noqa: E402
from generator.pdf import caps as S  # noqa: E402
from generator.views import select as V  # noqa: E402
from generator.pdf.engine import LocalOnlyFetcher  # noqa: E402

POPPLER = all(shutil.which(t) for t in ("pdfinfo", "pdftotext"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdfinfo, pdftotext): apt-get install poppler-utils")

TITLE = 'Fixture <b>briefing</b> & "{{ title }}"'
BUILT = "2024-05-01"
LONG_URL = "https://example.org/" + "verylongpathsegment" * 8  # with LONG_WORD, under the 400-character excerpt
LONG_WORD = "Supercalifragilistic" * 8


# ---------------------------------------------------------------------------------------------
# A minimal PDF reader


_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_LEN = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_STR = rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"
_NAME = rb"(/[^\s/\[\]()<>{}%]+)"
_REF = rb"(\d+)\s+\d+\s+R"


def read_objects(data: bytes) -> dict[int, bytes]:
    """{object number: its text}; Flate streams decoded; objects inside object streams unpacked."""
    objs: dict[int, bytes] = {}
    streams: dict[int, tuple[bytes, bytes]] = {}
    pos = 0
    while m := _OBJ.search(data, pos):
        num, start = int(m.group(1)), m.end()
        end_obj = data.find(b"endobj", start)
        s = data.find(b"stream", start)
        if s != -1 and (end_obj == -1 or s < end_obj):
            head, body_start = data[start:s], s + 6
            body_start += 2 if data[body_start : body_start + 2] == b"\r\n" else 1
            lm = _LEN.search(head)
            end = body_start + int(lm.group(1)) if lm else data.find(b"endstream", body_start)
            body = data[body_start:end]
            if b"/FlateDecode" in head:
                body = zlib.decompress(body)
            streams[num] = (head, body)
            objs[num] = head
            nxt = data.find(b"endobj", end)
            pos = end if nxt == -1 else nxt + 6
        else:
            objs[num] = data[start : end_obj if end_obj != -1 else len(data)]
            pos = end_obj + 6 if end_obj != -1 else len(data)
    for head, body in streams.values():
        if re.search(rb"/Type\s*/ObjStm", head):
            n = int(re.search(rb"/N\s+(\d+)", head).group(1))
            first = int(re.search(rb"/First\s+(\d+)", head).group(1))
            nums = list(map(int, body[:first].split()))
            pairs = [(nums[2 * i], nums[2 * i + 1]) for i in range(n)]
            for i, (onum, off) in enumerate(pairs):
                end = first + pairs[i + 1][1] if i + 1 < n else len(body)
                objs[onum] = body[first + off : end]
    return objs


def pdf_string(tok: bytes) -> str:
    if tok.startswith(b"<"):
        raw = bytes.fromhex(re.sub(rb"\s", b"", tok[1:-1]).decode())
    else:
        s, out, i = tok[1:-1], bytearray(), 0
        esc = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
        while i < len(s):
            c = s[i : i + 1]
            if c != b"\\":
                out += c
                i += 1
                continue
            nxt = s[i + 1 : i + 2]
            if nxt in esc:
                out += esc[nxt]
                i += 2
            elif nxt.isdigit():
                j = i + 1
                while j < min(i + 4, len(s)) and s[j : j + 1].isdigit():
                    j += 1
                out.append(int(s[i + 1 : j], 8) & 0xFF)
                i = j
            else:
                out += nxt
                i += 2
        raw = bytes(out)
    return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")


@dataclasses.dataclass
class PdfFacts:
    links: list[str]  # named destinations of internal links
    other_links: list[bytes]  # link annotations that are not named-destination GoTo links
    dests: set[str]
    outline: list[str]


def pdf_facts(path: Path) -> PdfFacts:
    objs = read_objects(path.read_bytes())
    links, other, outline = [], [], []
    for body in objs.values():
        if re.search(rb"/Subtype\s*/Link\b", body):
            m = re.search(rb"/Dest\s*" + _STR, body) or re.search(rb"/S\s*/GoTo\s*/D\s*" + _STR, body)
            mn = re.search(rb"/Dest\s*" + _NAME, body)
            if m:
                links.append(pdf_string(m.group(1)))
            elif mn:
                links.append(mn.group(1)[1:].decode("latin-1"))
            else:
                other.append(body)
        if re.search(rb"/Parent\s+\d+\s+\d+\s+R", body) and (t := re.search(rb"/Title\s*" + _STR, body)):
            outline.append(pdf_string(t.group(1)))
    return PdfFacts(links, other, named_destinations(objs), outline)


def named_destinations(objs: dict[int, bytes]) -> set[str]:
    """Names in the catalog's /Dests dictionary or its /Names -> /Dests name tree (inline or not)."""
    cat = next((o for o in objs.values() if re.search(rb"/Type\s*/Catalog\b", o)), b"")
    out: set[str] = set()
    if m := re.search(rb"/Dests\s*" + _REF, cat):
        out |= {n.group(1)[1:].decode("latin-1") for n in re.finditer(_NAME + rb"\s*(?:\[|\d+\s+\d+\s+R)", objs.get(int(m.group(1)), b""))}
    if m := re.search(rb"/Names\s*(?:" + _REF + rb"|<<)", cat):
        nd = objs.get(int(m.group(1)), b"") if m.group(1) else cat[m.end() :]
        root = re.search(rb"/Dests\s*(?:" + _REF + rb"|<<)", nd)
        todo: list = [int(root.group(1)) if root.group(1) else nd[root.end() :]] if root else []
        seen: set[int] = set()
        while todo:
            n = todo.pop()
            if isinstance(n, int):
                if n in seen:
                    continue
                seen.add(n)
                n = objs.get(n, b"")
            if kids := re.search(rb"/Kids\s*\[(.*?)\]", n, re.S):
                todo += [int(k) for k in re.findall(_REF, kids.group(1))]
            if arr := re.search(rb"/Names\s*\[(.*)\]", n, re.S):
                out |= {pdf_string(x.group(1)) for x in re.finditer(_STR + rb"\s*(?:\d+\s+\d+\s+R|\[)", arr.group(1))}
    return out


def pdfinfo(path: Path) -> dict[str, str]:
    proc = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return dict(line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line)


def pages(path: Path) -> int:
    return int(pdfinfo(path)["Pages"].strip())


def text(path: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    cmd += ["-f", str(first)] if first else []
    cmd += ["-l", str(last)] if last else []
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(s: str) -> str:
    """pdftotext breaks lines (and hyphenates nothing): compare with whitespace folded."""
    return " ".join(s.split())


# ---------------------------------------------------------------------------------------------
# Fixtures


def fixture_dossier():
    """The shared fixture, plus: the hostile actor as a person (so it gets a brief), and a claim with
    an unbreakable word and a long URL (overflow)."""
    d, articles, extractions = build_fixture()
    actors = tuple(dataclasses.replace(a, kind="person") if a.id == "evil-star" else a for a in d.actors)
    base = next(c for c in d.claims if c.id == "putin-not-protecting-assad")
    long_claim = dataclasses.replace(
        base, id="putin-long-words", text=f"the address is {LONG_URL} and the word is {LONG_WORD} indeed", direct=True
    )
    return dataclasses.replace(d, actors=actors, claims=d.claims + (long_claim,)), articles, extractions


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d, articles, extractions = fixture_dossier()
    site = tmp_path_factory.mktemp("pdf-site")
    (site / "briefs").mkdir()
    (site / "briefs" / "stale-actor.pdf").write_bytes(b"%PDF-1.7 stale")
    paths = build_pdfs(d, articles, extractions, site, title=TITLE, built_at=BUILT)
    return d, articles, site, paths


# ---------------------------------------------------------------------------------------------
# Files and selection


def test_paths_written_sorted_and_stale_briefs_removed(built):
    d, _a, site, paths = built
    expected = [site / "briefing.pdf"] + [site / "briefs" / f"{a.id}.pdf" for a in brief_actors(d)]
    assert paths == sorted(expected)
    assert all(p.is_file() and p.read_bytes().startswith(b"%PDF-") for p in paths)
    assert not (site / "briefs" / "stale-actor.pdf").exists()


def test_which_actors_get_a_brief(built):
    d = built[0]
    ids = {a.id for a in brief_actors(d)}
    # speakers, event participants and actors named by 2+ sources; persons/organisations/states/armed groups
    assert {"vladimir-putin", "sergei-lavrov", "david-cameron", "united-nations", "g8", "bashar-assad", "evil-star"} <= ids
    plain = build_fixture()[0]  # there, the hostile actor is a "group": groups get no brief
    assert "evil-star" not in {a.id for a in brief_actors(plain)}


# ---------------------------------------------------------------------------------------------
# The PDFs as a reader opens them


@needs_poppler
def test_pdfinfo_opens_every_pdf_a4_with_sane_page_counts(built):
    _d, _a, site, paths = built
    for p in paths:
        info = pdfinfo(p)
        w, h = map(float, re.match(r"\s*([\d.]+) x ([\d.]+) pts", info["Page size"]).groups())
        assert (round(w), round(h)) == (595, 842), (p, info["Page size"])  # A4
        assert info["Producer"].strip().startswith("WeasyPrint")
    assert 8 <= pages(site / "briefing.pdf") <= 25
    for p in paths[1:]:
        assert 1 <= pages(p) <= 6, p
    assert pdfinfo(site / "briefing.pdf")["Title"].strip() == f"{TITLE} — briefing"


@needs_poppler
def test_briefing_outline_has_every_section_and_key_items(built):
    facts = pdf_facts(built[2] / "briefing.pdf")
    for title in ("Contents", "Overview", "Timeline", "Key actors", "Key events", "Most corroborated claims",
                  "Most divergent claims", "Sources cited", "About this briefing"):
        assert title in facts.outline
    assert "Vladimir Putin" in facts.outline and "G8 summit in Enniskillen" in facts.outline
    assert "Mr. <Evil> *Star*" in facts.outline  # a hostile name is a title, not markup
    assert TITLE not in facts.outline  # the cover title is not a bookmark


@needs_poppler
def test_brief_outline_and_sections(built):
    site = built[2]
    facts = pdf_facts(site / "briefs" / "sergei-lavrov.pdf")
    assert facts.outline[0] == "Sergei Lavrov"
    for title in ("Roles over time", "In their own words", "Events", "Sources"):
        assert title in facts.outline


@needs_poppler
def test_every_link_is_internal_and_resolves(built):
    for p in built[3]:
        facts = pdf_facts(p)
        assert not facts.other_links, (p, facts.other_links[:2])  # no URI, no launch, no explicit page
        missing = sorted(set(facts.links) - facts.dests)
        assert not missing, (p, missing)
    briefing = pdf_facts(built[2] / "briefing.pdf")
    assert len(briefing.links) >= 40  # TOC, citations, actors, events
    assert {"overview", "actors", "sources"} <= set(briefing.links)
    assert any(x.startswith("source-") for x in briefing.links)
    assert any(x.startswith("actor-") for x in briefing.links)
    assert any(x.startswith("event-") for x in briefing.links)


@needs_poppler
def test_toc_page_numbers_point_at_the_sections(built):
    pdf = built[2] / "briefing.pdf"
    toc = text(pdf, 2, 2, layout=True)
    entries = dict(re.findall(r"^\s*([A-Z][A-Za-z ]+?)\s*(?:\. )+\.?\s*(\d+)\s*$", toc, re.M))
    assert set(entries) >= {"Overview", "Timeline", "Key actors", "Key events", "Sources cited"}, toc
    for section, page in entries.items():
        body = text(pdf, int(page), int(page))
        assert section in body, (section, page)


@needs_poppler
def test_briefing_text_names_actors_claims_sources_and_cover_facts(built):
    d, _a, site, _p = built
    body = flat(text(site / "briefing.pdf"))
    cover = flat(text(site / "briefing.pdf", 1, 1))
    assert "Fixture <b>briefing</b>" in cover and "2024-05-01" in cover
    assert "3 articles from 3 outlets" in cover
    assert "January 2013" in cover and "14 June 2013" in cover  # date range covered
    for name in ("Vladimir Putin", "Sergei Lavrov", "David Cameron", "United Nations"):
        assert name in body
    assert "must not be predetermined" in body  # the divergent pair
    assert "decided by the Syrians" in body
    assert "G8 Leaders to Press Russia on Syria" in body  # a citation / source list entry
    assert "CONTRADICTED BY" in body  # (uppercase by CSS)


@needs_poppler
def test_hostile_strings_print_as_text(built):
    site = built[2]
    body = flat(text(site / "briefing.pdf")) + flat(text(site / "briefs" / "evil-star.pdf"))
    assert '<script>alert("title")</script>' in body  # a source title
    assert "Evil <b>Outlet</b> & {{ outlet }}" in body
    assert "</span><script>alert(2)</script>" in body  # a claim
    assert "# not a heading <script>alert(6)</script>" in body  # an actor description


@needs_poppler
def test_brief_has_roles_claims_with_citations_events_and_sources(built):
    site = built[2]
    putin = flat(text(site / "briefs" / "vladimir-putin.pdf"))
    assert "Prime Minister of Russia" in putin and "2008-05-08 – 2012-05-07" in putin
    assert "President of Russia" in putin and "since 2012-05-07" in putin
    assert "Russia is not protecting Assad" in putin
    assert "Q7747" in putin
    assert "G8 summit in Enniskillen" in putin  # an event
    lavrov = flat(text(site / "briefs" / "sergei-lavrov.pdf"))
    assert "Associated Press" in lavrov and "Russia's Lavrov Says Syria Talks Must Not Be Predetermined" in lavrov


def test_every_claim_carries_a_citation_to_a_listed_source():
    d, articles, _x = fixture_dossier()
    docs = [briefing_html(d, articles, title=TITLE, built_at=BUILT)]
    docs += [brief_html(d, articles, a.id, title=TITLE) for a in brief_actors(d)]
    for html in docs:
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        claims = re.findall(r'<div class="claim.*?<p class="src">(.*?)</p>', html, re.S)
        assert claims or "No statement" in html
        for src in claims:
            targets = re.findall(r'class="cite" href="#([^"]+)"', src)
            assert targets, src
            assert set(targets) <= ids
        # the citation reads "outlet, “title”, date"
        assert re.search(r'class="cite" href="#source-[^"]+">[^<]+, “[^”]+”, [^<]+</a>', html)


@needs_poppler
def test_nothing_overflows_the_text_area(built, tmp_path):
    """Every word (pdftotext -bbox) lies inside the page's text area: long words and URLs wrap."""
    for p in built[3]:
        html = subprocess.run(["pdftotext", "-bbox", str(p), "-"], capture_output=True, text=True, check=True).stdout
        page_w = None
        for m in re.finditer(r'<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html):
            if m.group(1):
                page_w = float(m.group(1))
                continue
            x0, x1 = float(m.group(2)), float(m.group(3))
            # margins: 21 mm left, 19 mm right (59.5 / 53.9 pt); the cover bleeds but its text has 24 mm
            assert x0 >= 59.5 - 2 and x1 <= page_w - 53.9 + 2, (p.name, x0, x1)
    body = flat(text(built[2] / "briefs" / "vladimir-putin.pdf")).replace(" ", "")
    assert LONG_WORD in body and LONG_URL in body  # wrapped, not cut


def test_html_is_escaped_and_asks_for_no_remote_resource():
    d, articles, _x = fixture_dossier()
    html = briefing_html(d, articles, title=TITLE, built_at=BUILT)
    assert "<script" not in html.replace("<script>", "")  # no element, whatever the case
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert not re.findall(r'\b(?:src|href)="(?!#)', html)  # only in-document links, no fetched resource
    assert "@import" not in html and not re.findall(r"url\((?!#)", html)  # url(#marker) only
    fetcher = LocalOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://fonts.googleapis.com/css")
    assert fetcher.refused == ["https://fonts.googleapis.com/css"]


def test_same_input_same_bytes(built, tmp_path):
    d, articles, extractions = fixture_dossier()
    again = build_pdfs(d, articles, extractions, tmp_path, title=TITLE, built_at=BUILT)
    first = {p.relative_to(built[2]): p.read_bytes() for p in built[3]}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in again}
    assert first == second


def test_cache_reuses_unchanged_pdfs_and_prunes(tmp_path, monkeypatch):
    import generator.pdf as pdf

    monkeypatch.setattr(V, "MAX_BRIEFS", 2)  # the briefing and two briefs are enough here
    d, articles, extractions = fixture_dossier()
    cache = tmp_path / "cache"
    calls = []
    real = pdf.write_pdf
    monkeypatch.setattr(pdf, "write_pdf", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    first = build_pdfs(d, articles, extractions, tmp_path / "site1", title=TITLE, built_at=BUILT, cache=cache)
    assert len(calls) == len(first) and len(list(cache.glob("*.pdf"))) == len(first)
    calls.clear()
    second = build_pdfs(d, articles, extractions, tmp_path / "site2", title=TITLE, built_at=BUILT, cache=cache)
    assert calls == []
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    build_pdfs(d, articles, extractions, tmp_path / "site3", title=TITLE, built_at="2024-05-02", cache=cache)
    assert [p.name for p in calls] == ["briefing.pdf"]  # a new build date: only the briefing shows it
    assert len(list(cache.glob("*.pdf"))) == len(first)  # yesterday's briefing pruned
    calls.clear()
    lavrov = next(a for a in d.actors if a.id == "sergei-lavrov")
    d2 = dataclasses.replace(d, actors=tuple(dataclasses.replace(a, mention_count=a.mention_count + 1) if a is lavrov else a for a in d.actors))
    assert "sergei-lavrov" in {a.id for a in brief_actors(d2)}
    build_pdfs(d2, articles, extractions, tmp_path / "site4", title=TITLE, built_at="2024-05-02", cache=cache)
    assert sorted(p.name for p in calls) == ["briefing.pdf", "sergei-lavrov.pdf"]  # only what changed


# ---------------------------------------------------------------------------------------------
# Bounded size


def synthetic(n_sources: int) -> Dossier:
    """A large dossier (many actors, claims, events): the briefing must not grow with it."""
    sources = tuple(
        Source(f"s{i:05d}", f"seeds/s{i:05d}.txt", f"Article number {i}", f"Outlet {i % 17}", None,
               PubDate(f"201{2 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}", "day", "dateline"), f"{i:064x}")
        for i in range(n_sources)
    )
    kinds = ("person", "organisation", "state", "armed_group")
    actors = tuple(
        Actor(f"actor-{i:04d}", f"Actor {i}", kinds[i % 4], (), (Role("Envoy", "2012-03-01", None, (), "text"),),
              tuple(sorted({sources[i % n_sources].id, sources[(i * 7 + 1) % n_sources].id})), 2 + i % 5)
        for i in range(n_sources)
    )
    claims = []
    for i in range(3 * n_sources):
        src = sources[i % n_sources].id
        ref = Ref(src, 0, 0, 1)
        claims.append(Claim(
            f"c{i:05d}", actors[i % n_sources].id, f"Actor {i % n_sources}", None, f"statement {i} about the talks", i % 2 == 0,
            "said", "say", sources[i % n_sources].published.value, "day", src, ref,
            tuple(sorted({src, sources[(i + 1) % n_sources].id})), (ref,), (actors[(i + 3) % n_sources].id,),
            corroborating=(f"c{(i + 1) % (3 * n_sources):05d}",) if i % 3 == 0 else (),
            diverging=(f"c{(i + 2) % (3 * n_sources):05d}",) if i % 4 == 0 else (),
        ))
    events = tuple(
        Event(f"e{i:04d}", f"Meeting {i}", "meeting", sources[i % n_sources].published.value, "day", "Geneva",
              (actors[i % n_sources].id, actors[(i + 1) % n_sources].id), (sources[i % n_sources].id,), ())
        for i in range(n_sources // 2)
    )
    return Dossier("Synthetic", sources, actors, events, tuple(claims), (), (), ())


@needs_poppler
def test_briefing_stays_bounded_on_a_large_corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(V, "MAX_BRIEFS", 2)  # only the briefing matters here
    d = synthetic(400)
    paths = build_pdfs(d, {}, {}, tmp_path, title="Synthetic", built_at=BUILT)
    assert len(paths) == 3
    n = pages(tmp_path / "briefing.pdf")
    assert 10 <= n <= 45
    body = flat(text(tmp_path / "briefing.pdf"))
    assert f"{S.BRIEFING_ACTORS} of 400 actors worth a brief shown; 370 more in the site." in body
    assert "more in the site" in body.split("Key events", 2)[2]
    assert "Actor briefs 2 (files briefs/<actor>.pdf next to this one); 398 more actors in the site" in body
    facts = pdf_facts(tmp_path / "briefing.pdf")
    assert not set(facts.links) - facts.dests
    # the source list holds the cited sources only
    listed = len(re.findall(r"sha256 [0-9a-f]{12}", body))
    assert listed < 200


# ---------------------------------------------------------------------------------------------
# The seeds, through the pipeline


@needs_poppler
def test_seeds_pipeline_writes_briefing_and_briefs(seeds_site):
    briefing = seeds_site / "briefing.pdf"
    assert briefing.is_file()
    briefs = sorted((seeds_site / "briefs").glob("*.pdf"))
    assert 5 <= len(briefs) <= V.MAX_BRIEFS
    assert 8 <= pages(briefing) <= 40
    body = flat(text(briefing))
    for name in ("Vladimir Putin", "Sergei Lavrov", "Bashar al-Assad"):
        assert name in body
    assert {"vladimir-putin.pdf", "sergei-lavrov.pdf"} <= {p.name for p in briefs}
    for p in [briefing, *briefs]:
        facts = pdf_facts(p)
        assert facts.outline
        assert not set(facts.links) - facts.dests, p
        assert not facts.other_links, p

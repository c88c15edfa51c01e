"""Incremental rebuilds and bounded memory.

* A rebuild with nothing changed rewrites no page (timestamps stay); adding one article rewrites the
  pages it touches and no other; ``mkdocs build --dirty`` on top of that works.
* Extraction streams: Docs are dropped batch by batch (only extractions are kept), batches are bounded
  by characters as well as by count, and a text longer than a batch is parsed in paragraph pieces
  whose reassembled Doc is the whole text's parse.
* A failing batch does not parse again the articles already handed out.

No timings here (see bench/run.py for figures).
"""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

import generator.extract as extract_mod
from conftest import ROOT, copy_project
from generator.cache import ExtractionCache
from generator.extract import MAX_BATCH_CHARS, _batches, _cut, _parse_long
from generator.ingest import read_corpus
from generator.pipeline import Paths, build, extract_corpus

NEW_ARTICLE = (
    "Minister Says Talks Will Resume\n\nGENEVA — Foreign Minister Anna Berg said on Monday that the talks on Syria "
    "would resume next week. \"We are ready,\" she told reporters in Geneva.\n"
)

PEOPLE = ["Anna Berg", "Tomas Reid", "Maria Lopez", "Kenji Sato", "Olga Petrova", "David Okafor", "Lena Fischer"]
PLACES = ["Geneva", "Vienna", "Cairo", "Oslo", "Lima", "Accra", "Hanoi"]


def generated_article(i: int) -> str:
    """A short, distinct news article (for tests that need many articles, not realistic ones)."""
    who, other = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 3 + 1) % len(PEOPLE)]
    where = PLACES[(i // len(PEOPLE)) % len(PLACES)]
    return (
        f"Talks in {where}, round {i}\n\n{where.upper()} — {who} said on Tuesday that round {i} of the talks would "
        f"open in {where} next month. \"We expect progress,\" {who} told reporters. {other} welcomed the plan, "
        f"according to officials.\n"
    )


def mtimes(docs: Path) -> dict[str, int]:
    return {str(p.relative_to(docs)): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds built once (docs/ and site/, no PDF), to copy per test."""
    root = copy_project(tmp_path_factory.mktemp("incremental"))
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        build(Paths.at(root), site=True, pdf=False, log=lambda s: None)
    finally:
        mp.undo()
    return root


@pytest.fixture
def project(built, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "p"
    shutil.copytree(built, root, symlinks=True)
    return root


# ---------------------------------------------------------------------------------------------
# Pages


def test_rebuild_with_nothing_changed_rewrites_nothing(project):
    before = mtimes(project / "docs")
    report = build(Paths.at(project), site=False, pdf=False, log=lambda s: None)
    assert report.pages_written == 0 and report.pages_removed == 0 and report.cache_misses == 0
    assert mtimes(project / "docs") == before


def test_adding_one_article_rewrites_only_the_pages_it_touches(project):
    docs = project / "docs"
    before = mtimes(docs)
    pages_before = json.loads((docs / ".generated.json").read_text())
    (project / "seeds" / "zz_added.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    report = build(Paths.at(project), site=False, pdf=False, log=lambda s: None)
    after = mtimes(docs)
    rewritten = {p for p in before if p in after and after[p] != before[p]}
    added = set(after) - set(before)
    assert report.cache_misses == 1
    assert any(p.startswith("sources/zz-added") for p in added), added
    assert "sources/index.md" in rewritten  # the list of sources
    # most pages are untouched: the new article mentions none of the seeds' claims
    untouched = [p for p in pages_before if p not in rewritten]
    assert len(untouched) > 0.7 * len(pages_before), sorted(rewritten)
    assert report.pages_written == len(rewritten - {".generated.json"}) + len(added - {".generated.json"})
    # and a rebuild right after rewrites nothing
    again = build(Paths.at(project), site=False, pdf=False, log=lambda s: None)
    assert again.pages_written == 0 and again.cache_misses == 0


def test_removing_an_article_removes_its_pages(project):
    docs = project / "docs"
    first = sorted((project / "seeds").glob("*.txt"))[0]
    first.unlink()
    report = build(Paths.at(project), site=False, pdf=False, log=lambda s: None)
    assert report.pages_removed >= 1 and report.cache_misses == 0
    sources = [p.name for p in (docs / "sources").iterdir() if p.is_dir()]
    assert len(sources) == len(list((project / "seeds").glob("*.txt")))


def html_pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*.html")}


def test_mkdocs_dirty_build_after_adding_an_article(project, tmp_path):
    """``mkdocs build --dirty`` rebuilds only pages whose Markdown is newer than their HTML: since
    unchanged pages keep their timestamps, that is exactly the pages this build rewrote. Good for a
    quick preview; CI should publish a clean build (the default), see the limits below."""
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, symlinks=True)
    for root in (project, clean):
        (root / "seeds" / "zz_added.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    stamp_before = mtimes(project / "site")
    build(Paths.at(project), site=False, pdf=False, log=lambda s: None)
    # --no-strict: MkDocs warns about every dirty build, and strict mode (mkdocs.yml) makes that a failure
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site"),
                        "--dirty", "--no-strict"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    build(Paths.at(clean), site=True, pdf=False, dirty=False, log=lambda s: None)
    dirty_pages, clean_pages = html_pages(project / "site"), html_pages(clean / "site")
    assert dirty_pages.keys() == clean_pages.keys()  # the new pages are there, none is missing
    new_source = next(p for p in clean_pages if p.startswith("sources/zz-added"))
    page = dirty_pages[new_source].decode()
    assert "Minister Says Talks Will Resume" in page and "We are ready" in page
    assert new_source.split("/")[1] in dirty_pages["sources/index.html"].decode()  # listed, linked
    # Known limits of MkDocs' dirty builds (why they are for previews only): tags on rebuilt pages are
    # not linked (the tags page was not rebuilt), and the search index covers the rebuilt pages only.
    # pages whose Markdown did not change were not rebuilt
    stamps = mtimes(project / "site")
    kept = [p for p in stamp_before if p.endswith(".html") and stamps.get(p) == stamp_before[p]]
    assert len(kept) > len(stamp_before) // 4, "a dirty build should leave unchanged pages alone"


def test_dossier_build_dirty_succeeds(project):
    (project / "seeds" / "zz_added.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    build(Paths.at(project), site=True, pdf=False, dirty=True, log=lambda s: None)
    assert any(p.name.startswith("zz-added") for p in (project / "site" / "sources").iterdir())


def index_copies(root: Path) -> tuple[float, dict[str, float]]:
    """How many times, on average, a sentence of the articles is in the search index (and by section)."""
    import re
    from collections import Counter

    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [" ".join(re.sub(r"<[^>]+>", " ", d["text"]).split()) for d in index["docs"]]
    sections = [d["location"].split("/")[0].split("#")[0] for d in index["docs"]]
    articles, _ = read_corpus(root / "seeds")
    total, copies, by = 0, 0, Counter()
    for a in articles:
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", a.clean_text):
            sentence = " ".join(sentence.split())
            if len(sentence) < 40:
                continue
            hits = [i for i, t in enumerate(texts) if sentence in t]
            total += len(sentence)
            copies += len(sentence) * len(hits)
            for i in hits:
                by[sections[i]] += len(sentence)
    return copies / total, {k: v / total for k, v in by.items()}


def test_search_index_does_not_repeat_the_articles_much(built):
    """The index grows with the corpus; what it holds per article must stay a small constant: each
    article's text once (its source page), claim pages only their own words (the "In context",
    "Reported by" and related sections are excluded from search), no article text on actor or event
    pages, no index pages (they list titles that the entity pages hold). Seeds today: 1.14 copies
    (it was 4.3 before the exclusions)."""
    copies, by_section = index_copies(built)
    assert copies <= 1.5, by_section
    assert 0.95 <= by_section.get("sources", 0) <= 1.05, by_section
    assert by_section.get("claims", 0) <= 0.3, by_section
    assert by_section.get("actors", 0) <= 0.1 and by_section.get("events", 0) <= 0.1, by_section
    index = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    for excluded in ("actors/index.html", "claims/index.html", "sources/index.html", "tags.html"):
        assert not any(loc.startswith(excluded) for loc in locations), excluded
    assert not any(loc.endswith(("#in-context", "#reported-by")) for loc in locations)
    # what must stay searchable: actors' names and aliases, claim words, article text
    assert any(loc.startswith("actors/sergei-lavrov/") for loc in locations)
    assert sum(loc.startswith("claims/") for loc in locations) >= 10


# ---------------------------------------------------------------------------------------------
# Bounded memory: streaming, batches, long texts


def _articles(tmp_path: Path, n: int):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(n):
        (seeds / f"a{i:03d}.txt").write_text(generated_article(i), encoding="utf-8")
    articles, problems = read_corpus(seeds)
    assert len(articles) == n, problems
    return articles


def test_extract_corpus_keeps_no_docs(tmp_path, monkeypatch):
    """Docs are dropped as soon as their extraction is made: at most one batch is alive."""
    articles = _articles(tmp_path, 40)
    refs: list[weakref.ref] = []
    live: list[int] = []
    real_parse, real_extract = extract_mod.parse, extract_mod.extract_article

    def tracking_parse(arts, batch_size=16):
        for a, doc in real_parse(arts, batch_size=batch_size):
            refs.append(weakref.ref(doc))
            yield a, doc

    def counting_extract(a, doc):
        gc.collect()
        live.append(sum(r() is not None for r in refs))
        return real_extract(a, doc)

    monkeypatch.setattr(extract_mod, "parse", tracking_parse)
    monkeypatch.setattr(extract_mod, "extract_article", counting_extract)
    out = extract_corpus(articles, ExtractionCache(None), batch_size=8)
    assert len(out) == 40 and len(refs) == 40
    assert max(live) <= 8, live
    gc.collect()
    assert sum(r() is not None for r in refs) == 0


def test_batches_are_bounded_by_count_and_characters(tmp_path):
    articles = _articles(tmp_path, 30)
    sizes = [len(a.clean_text) for a in articles]
    limit = sum(sizes[:5])  # about five articles
    batches = list(_batches(articles, 8, limit))
    assert [a for b in batches for a in b] == list(articles)
    for b in batches:
        assert len(b) <= 8
        assert len(b) == 1 or sum(len(a.clean_text) for a in b) <= limit
    assert len(batches) >= 6
    assert MAX_BATCH_CHARS >= 30_000  # a long news article still fits one batch


@pytest.mark.parametrize("limit", [50, 300, 5000])
def test_cut_pieces_rebuild_the_text_and_end_at_breaks(limit):
    text = "\n\n".join(generated_article(i) for i in range(40)) + "  tail without break " * 30
    pieces = _cut(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= limit for p in pieces)
    for p in pieces[:-1]:
        assert p[-1].isspace() or len(p) == limit  # cut after a break, or hard only when no break fits
    if limit >= 300:
        para_ends = sum(p.endswith("\n\n") or p.endswith("\n") for p in pieces[:-1])
        assert para_ends >= len(pieces[:-1]) // 2


def test_long_text_parsed_in_pieces_equals_whole_parse():
    from generator.extract.nlp import load_nlp

    nlp = load_nlp()
    articles, _ = read_corpus(ROOT / "seeds")
    text = "\n\n".join(a.clean_text.strip() for a in articles)
    whole = nlp(text)
    pieced = _parse_long(nlp, text, 4000)
    assert pieced.text == text
    a = [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in whole]
    b = [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in pieced]
    assert len(a) == len(b)
    same = sum(x == y for x, y in zip(a, b, strict=True))
    # tagger and NER see a few tokens of context across a cut: allow a handful of differences
    assert same >= len(a) - 10, [(x, y) for x, y in zip(a, b, strict=True) if x != y][:10]
    assert [s.start_char for s in whole.sents] == [s.start_char for s in pieced.sents]


def test_long_article_goes_through_parse_in_pieces(monkeypatch):
    """parse() routes a text longer than a batch through _parse_long, and offsets still hold."""
    from dataclasses import replace

    from generator.model import OffsetMap

    articles, _ = read_corpus(ROOT / "seeds")
    text = "\n\n".join(a.clean_text.strip() for a in articles)
    long = replace(articles[0], raw_text=text, clean_text=text, offsets=OffsetMap(((0, 0, len(text)),)))
    monkeypatch.setattr(extract_mod, "MAX_BATCH_CHARS", 5000)
    calls = []
    real = extract_mod._parse_long
    monkeypatch.setattr(extract_mod, "_parse_long", lambda nlp, t, limit: calls.append(limit) or real(nlp, t, limit))
    [(a, doc)] = list(extract_mod.parse([long]))
    assert calls == [5000] and doc.text == text
    ex = extract_mod.extract_article(a, doc)
    assert ex.mentions and all(text[m.span.start:m.span.end] == m.span.text for m in ex.mentions)


def test_failed_batch_does_not_parse_again_what_was_handed_out(tmp_path, monkeypatch):
    articles = _articles(tmp_path, 12)
    bad = articles[6].id
    real = extract_mod.parse
    handed: list[str] = []

    def flaky(arts, batch_size=16):
        arts = list(arts)
        for a, doc in real(arts, batch_size=batch_size):
            if a.id == bad:
                raise RuntimeError("parser crashed")
            handed.append(a.id)
            yield a, doc

    monkeypatch.setattr(extract_mod, "parse", flaky)
    problems = []
    out = extract_corpus(articles, ExtractionCache(None), batch_size=4, on_problem=problems.append)
    assert sorted(handed) == sorted(a.id for a in articles if a.id != bad)
    assert len(handed) == len(set(handed))  # nobody parsed twice
    assert set(out) == {a.id for a in articles} - {bad}
    assert [p.path for p in problems] == [articles[6].path] and "parser crashed" in problems[0].reason

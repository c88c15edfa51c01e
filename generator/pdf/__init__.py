"""PDF briefings: ``site/briefing.pdf`` (a bounded summary) and ``site/briefs/<actor-id>.pdf``.

What is in them: the briefing has a cover (title, build date, number of sources and outlets, period
covered), a table of contents with page numbers, PDF bookmarks, a running header (title, section)
and "Page n of m" footer, then: overview (figures, outlets, the site's relationship graph and numeric
series), timeline (the site's timeline picture + a chronology table), key actors, key events, the
most corroborated and the most divergent claims, and the list of the sources cited. Every claim and
event cites its source (outlet, "title", date) as a link to that source's entry in the list; every
cross-reference is an in-document link. Each actor brief has: who (name, kind, aliases, description,
Wikidata id), roles over time (chart + table), the actor's claims in their own words with citations,
claims by others about them, their events, their sources. The briefing is a *bounded* summary and
briefs are capped too: see :mod:`generator.views.select` for which actors get a brief (at most
``MAX_BRIEFS`` = 100) and :mod:`generator.pdf.caps` for every cap; the PDF says "N more in the site"
wherever it cuts. The PDFs read the same views as the site (:mod:`generator.views`): the same
actors, the same counts, the same diagrams.

Engine: WeasyPrint (70.0, pinned), not headless Chromium. Both printed the same self-contained HTML
(the seeds briefing + 20 actor briefs, 59 A4 pages; Chromium 156 driven by Playwright 1.65 with
``page.pdf(outline=True, tagged=True, prefer_css_page_size=True)``):

- WeasyPrint: about 9 s CPU for the 21 files (7.5-28 s wall: the 2-vCPU machine was shared, load 4-8),
  122 MB. Chromium: about 2 s CPU in the browser plus 1 s in Python (4-7 s wall), 214 MB in the
  browser process. Chromium is ~3-4x faster.
- Both: all internal links resolve (503 / 511 link annotations, 0 broken) and an outline (190 / 191
  entries).
- Only WeasyPrint: table-of-contents page numbers (``target-counter()``; Chromium printed the
  entries without numbers), the running header (``string-set``: Chromium left it empty) and
  ``bookmark-level: none`` (Chromium put the cover title in the outline). Chromium does draw
  ``@page`` margin boxes and ``counter(page)``.

Speed is bounded where it matters: the briefing stays ~30 pages and 5-6 s CPU whether the corpus has
200 or 2,000 sources (synthetic dossiers), a brief costs 0.2-1 s and there are at most 100, and an
optional cache (``cache=``) skips PDFs whose HTML did not change. So WeasyPrint's slower pages cost
less than a browser as a build dependency: WeasyPrint is a pinned pip package, and ``make site``
needs no Chromium, no Playwright and no ``--no-sandbox`` flag. Output is byte-identical for the
same input (no PDF identifier, dates from the build date).

Offline by construction: the HTML inlines its stylesheet and SVG, fonts are the system's DejaVu
(and Liberation Sans for the site's charts, via fontconfig), and the URL fetcher refuses anything
that is not ``file:`` or ``data:`` (:class:`generator.pdf.engine.LocalOnlyFetcher`).

Public API: :func:`build_pdfs` (called by the pipeline after the MkDocs build), plus
:func:`briefing_html` / :func:`brief_html` for tools and tests that want the HTML.
Which actors get a brief: :mod:`generator.views.select`; every cap on what is shown: :mod:`generator.pdf.caps`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from ..changes import ChangeSet
from ..model import Article, ArticleExtraction, Dossier
from ..views import Views, build_views
from ..views.select import brief_actors
from . import html as _html
from ..faults import checkpoint
from .cache import PdfCache
from .context import Texts, brief_context, briefing_context
from .engine import PDF_VARIANT, LocalOnlyFetcher, write_pdf

__all__ = ["build_pdfs", "briefing_html", "brief_html", "brief_actors", "BRIEFS_DIR", "BRIEFING"]

BRIEFING = "briefing.pdf"
BRIEFS_DIR = "briefs"


def _engine_key() -> str:
    import pydyf
    import weasyprint

    return f"weasyprint {weasyprint.__version__} pydyf {pydyf.__version__} {PDF_VARIANT}"


def briefing_html(
    dossier: Dossier, articles: Mapping[str, Article], *, title: str, built_at: str, extractions: Mapping[str, ArticleExtraction] | None = None
) -> str:
    """The briefing's HTML (what :func:`build_pdfs` prints), for tools and tests."""
    v = build_views(dossier, articles, extractions or {})
    return _html.briefing_html(briefing_context(v.dossier, Texts(articles, extractions or {}), title=title, built_at=built_at, rel=v.ix))


def brief_html(
    dossier: Dossier,
    articles: Mapping[str, Article],
    actor_id: str,
    *,
    title: str,
    extractions: Mapping[str, ArticleExtraction] | None = None,
) -> str:
    """One actor brief's HTML (the actor need not be among those :func:`build_pdfs` writes, but must
    have a page)."""
    v = build_views(dossier, articles, extractions or {})
    briefs = {a.id for a in brief_actors(v.dossier, v.ix)}
    texts = Texts(articles, extractions or {})
    return _html.brief_html(brief_context(v.dossier, texts, v.ix.actors[actor_id], title=title, rel=v.ix, briefs=briefs))


def build_pdfs(
    dossier: Dossier,
    articles: Mapping[str, Article],
    extractions: Mapping[str, ArticleExtraction],
    site: Path,
    *,
    title: str,
    built_at: str,
    cache: Path | None = None,
    views: Views | None = None,
    changes: ChangeSet | None = None,
    notes: list[str] | None = None,
) -> list[Path]:
    """Write ``site/briefing.pdf`` and one ``site/briefs/<actor-id>.pdf`` per actor with a brief.

    Returns the paths written, sorted. Stale briefs (actors that no longer get one) are removed, so
    ``site/briefs/`` always matches the dossier. The PDFs are built from the resolved model (through
    ``views``, the same :func:`generator.views.build_views` the site was rendered from, made here
    when not given); ``articles`` and ``extractions`` supply the sentence an event was found in.

    ``cache``: optional folder (e.g. ``.dossier-cache/pdf``) keeping each PDF under the sha256 of its
    HTML and the engine's version. A PDF whose HTML did not change is copied instead of rendered, once
    verified (:mod:`generator.pdf.cache`); what the cache refused or could not store goes to ``notes``.
    Briefs carry no build date (only the date of the latest article), so after adding articles only
    the briefs of the actors they touch are rendered again; the briefing, which shows the build date,
    is rendered on every new day. Entries not used by this build are deleted, so the folder holds one
    build's PDFs at most.
    """
    site = Path(site)
    texts = Texts(articles, extractions)
    views = views or build_views(dossier, articles, extractions)
    dossier, rel = views.dossier, views.ix
    actors = brief_actors(dossier, rel)
    briefs = {a.id for a in actors}
    fetcher = LocalOnlyFetcher()
    written: list[Path] = []
    pdf_cache = PdfCache(cache, notes)

    def render(html: str, target: Path) -> None:
        key = hashlib.sha256((_engine_key() + "\0" + html).encode("utf-8")).hexdigest()
        data = pdf_cache.get(key)
        if data is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
            return
        pages = write_pdf(html, target, base_url=site, fetcher=fetcher)
        if cache is not None:
            pdf_cache.put(key, target.read_bytes(), pages)

    ctx = briefing_context(dossier, texts, title=title, built_at=built_at, rel=rel, changes=changes)
    target = site / BRIEFING
    render(_html.briefing_html(ctx), target)
    written.append(target)
    checkpoint("pdf")

    out_dir = site / BRIEFS_DIR
    for actor in actors:
        bctx = brief_context(dossier, texts, actor, title=title, rel=rel, briefs=briefs)
        target = out_dir / f"{actor.id}.pdf"
        render(_html.brief_html(bctx), target)
        written.append(target)
    pdf_cache.prune()
    if out_dir.is_dir():
        keep = {p.name for p in written}
        for stale in out_dir.glob("*.pdf"):
            if stale.name not in keep:
                stale.unlink()
    if fetcher.refused:  # cannot happen with our templates; fail loudly rather than print a gap
        raise RuntimeError(f"PDF asked for non-local resources: {fetcher.refused[:5]}")
    return sorted(written)

"""PDF briefings: ``site/briefing.pdf`` (a bounded summary) and ``site/briefs/<actor-id>.pdf``.

ENGINE_DECISION_PLACEHOLDER

Public API: :func:`build_pdfs` (called by the pipeline after the MkDocs build), plus
:func:`briefing_html` / :func:`brief_html` for tools and tests that want the HTML.
Which actors get a brief and every cap on what is shown: :mod:`generator.pdf.select`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from ..model import Article, ArticleExtraction, Dossier
from . import html as _html
from .context import brief_context, briefing_context
from .engine import LocalOnlyFetcher, write_pdf
from .select import Relations, Texts, brief_actors

__all__ = ["build_pdfs", "briefing_html", "brief_html", "brief_actors", "BRIEFS_DIR", "BRIEFING"]

BRIEFING = "briefing.pdf"
BRIEFS_DIR = "briefs"


def _engine_key() -> str:
    import pydyf
    import weasyprint

    return f"weasyprint {weasyprint.__version__} pydyf {pydyf.__version__}"


def briefing_html(
    dossier: Dossier, articles: Mapping[str, Article], *, title: str, built_at: str, extractions: Mapping[str, ArticleExtraction] | None = None
) -> str:
    """The briefing's HTML (what :func:`build_pdfs` prints), for tools and tests."""
    return _html.briefing_html(briefing_context(dossier, Texts(articles, extractions or {}), title=title, built_at=built_at))


def brief_html(
    dossier: Dossier,
    articles: Mapping[str, Article],
    actor_id: str,
    *,
    title: str,
    built_at: str,
    extractions: Mapping[str, ArticleExtraction] | None = None,
) -> str:
    """One actor brief's HTML (the actor need not be among those :func:`build_pdfs` writes)."""
    rel = Relations.of(dossier)
    briefs = {a.id for a in brief_actors(dossier, rel)}
    texts = Texts(articles, extractions or {})
    return _html.brief_html(brief_context(dossier, texts, rel.actors[actor_id], title=title, built_at=built_at, rel=rel, briefs=briefs))


def build_pdfs(
    dossier: Dossier,
    articles: Mapping[str, Article],
    extractions: Mapping[str, ArticleExtraction],
    site: Path,
    *,
    title: str,
    built_at: str,
    cache: Path | None = None,
) -> list[Path]:
    """Write ``site/briefing.pdf`` and one ``site/briefs/<actor-id>.pdf`` per actor with a brief.

    Returns the paths written, sorted. Stale briefs (actors that no longer get one) are removed, so
    ``site/briefs/`` always matches the dossier. ``extractions`` is accepted for the pipeline's
    The PDFs are built from the resolved model; ``articles`` and ``extractions`` supply the sentence
    an event was found in.

    ``cache``: optional folder (e.g. ``.cache/dossier/pdf``) keeping each PDF under the sha256 of its
    HTML and the engine's version. A PDF whose HTML did not change is copied instead of rendered
    (the HTML holds the build date, so this pays off for rebuilds on the same day or with
    ``SOURCE_DATE_EPOCH``). Entries not used by this build are deleted, so the folder holds one
    build's PDFs at most.
    """
    site = Path(site)
    texts = Texts(articles, extractions)
    rel = Relations.of(dossier)
    actors = brief_actors(dossier, rel)
    briefs = {a.id for a in actors}
    fetcher = LocalOnlyFetcher()
    written: list[Path] = []
    used: set[str] = set()

    def render(html: str, target: Path) -> None:
        if cache is None:
            write_pdf(html, target, base_url=site, fetcher=fetcher)
            return
        key = hashlib.sha256((_engine_key() + "\0" + html).encode("utf-8")).hexdigest()
        used.add(key)
        hit = Path(cache) / f"{key}.pdf"
        if hit.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(hit, tmp)
            tmp.replace(target)
            return
        write_pdf(html, target, base_url=site, fetcher=fetcher)
        Path(cache).mkdir(parents=True, exist_ok=True)
        tmp = hit.with_name(f".{hit.name}.{os.getpid()}.tmp")
        shutil.copyfile(target, tmp)
        tmp.replace(hit)

    ctx = briefing_context(dossier, texts, title=title, built_at=built_at, rel=rel)
    target = site / BRIEFING
    render(_html.briefing_html(ctx), target)
    written.append(target)

    out_dir = site / BRIEFS_DIR
    for actor in actors:
        bctx = brief_context(dossier, texts, actor, title=title, built_at=built_at, rel=rel, briefs=briefs)
        target = out_dir / f"{actor.id}.pdf"
        render(_html.brief_html(bctx), target)
        written.append(target)
    if cache is not None and Path(cache).is_dir():
        for entry in Path(cache).glob("*.pdf"):
            if entry.stem not in used:
                entry.unlink()
    if out_dir.is_dir():
        keep = {p.name for p in written}
        for stale in out_dir.glob("*.pdf"):
            if stale.name not in keep:
                stale.unlink()
    if fetcher.refused:  # cannot happen with our templates; fail loudly rather than print a gap
        raise RuntimeError(f"PDF asked for non-local resources: {fetcher.refused[:5]}")
    return sorted(written)

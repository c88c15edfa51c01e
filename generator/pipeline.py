"""The whole job, stage by stage (see ARCHITECTURE.md). First everything is read and resolved, then
written: a bad curation file or a crash in any stage before writing leaves ``docs/`` and ``site/`` as
they were.
"""

from __future__ import annotations

import datetime as dt
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache
from .cachedir import cache_root, migrate_legacy_cache
from .config import Curation, load_curation
from .ingest import MAX_ARTICLE_CHARS
from .model import Article, ArticleExtraction, Dossier, Problem
from .render import TOP_LEVEL
from .write import MANIFEST

# Every name at the top of docs/ that a build writes (and may remove); the rest is hand-written.
GENERATED = (*TOP_LEVEL, MANIFEST)


@dataclass(frozen=True)
class Paths:
    root: Path
    seeds: Path
    docs: Path
    site: Path
    config: Path  # dossier.yml
    mkdocs: Path  # mkdocs.yml
    cache: Path | None

    @classmethod
    def at(cls, root: Path, *, seeds: Path | None = None, cache: Path | None | bool = True) -> Paths:
        root = root.resolve()
        cache_dir = cache_root(root) / "extract" if cache is True else (cache or None)
        return cls(root, (seeds or root / "seeds"), root / "docs", root / "site", root / "dossier.yml", root / "mkdocs.yml", cache_dir)


@dataclass
class BuildReport:
    articles_read: int = 0
    published: int = 0
    problems: list[Problem] = field(default_factory=list)
    actors: int = 0
    events: int = 0
    claims: int = 0
    pages_written: int = 0
    pages_unchanged: int = 0
    pages_removed: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    pdfs: list[str] = field(default_factory=list)
    site: dict = field(default_factory=dict)  # pages rendered / reused by MkDocs (generator/site)
    changes: str = ""  # what this build changed since the previous one (generator/changes)

    def lines(self) -> list[str]:
        out = [
            f"articles: {self.articles_read} read, {self.published} published, "
            f"{sum(p.severity == 'error' for p in self.problems)} skipped",
        ]
        for p in self.problems:
            out.append(f"  {p.severity}: {p.path}: {p.reason}")
        out.append(f"actors: {self.actors}, events: {self.events}, claims: {self.claims}")
        out.append(f"pages: {self.pages_written} written, {self.pages_unchanged} unchanged, {self.pages_removed} removed")
        out.append(f"cache: {self.cache_hits} hits, {self.cache_misses} parsed")
        if self.site:
            why = f" (full build: {self.site['full_build']})" if self.site.get("full_build") else ""
            out.append(f"site: {self.site['rendered']} pages rendered, {self.site['reused']} reused{why}")
        if self.changes:
            out.append(f"changes: {self.changes}")
        if self.pdfs:
            out.append(f"pdf: {len(self.pdfs)} files ({', '.join(self.pdfs[:2])}{', …' if len(self.pdfs) > 2 else ''})")
        out.append("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items()))
        return out


# The longest text parsed as one article: about 330,000 words, over a minute of parsing. A news article is
# a few thousand words; a larger file is a dump of many articles or not an article, and parsing it would
# hold up every build for tens of minutes. It is reported instead, with the advice to split it.
MAX_PARSE_CHARS = MAX_ARTICLE_CHARS


def extract_corpus(
    articles: Sequence[Article], cache: ExtractionCache, *, batch_size: int = 32, on_problem: Callable[[Problem], None] | None = None
) -> dict[str, ArticleExtraction]:
    """Extraction for every article, from the cache or by parsing (streamed in batches).

    An article whose extraction crashes is reported and left out; the others go on.
    """
    from .extract import extract_article

    out: dict[str, ArticleExtraction] = {}
    todo = []
    for a in articles:
        if len(a.clean_text) > MAX_PARSE_CHARS:
            if on_problem:
                on_problem(Problem(a.path, f"too long for one article: {len(a.clean_text):,} characters of text "
                                   f"(the limit is {MAX_PARSE_CHARS:,}); split it into separate articles"))
            continue
        hit = cache.get(a)
        if hit is not None:
            out[a.id] = hit
        else:
            todo.append(a)
    for a, doc in _safe_parse(todo, batch_size, on_problem):
        try:
            ex = extract_article(a, doc)
        except Exception as exc:  # one broken article never stops the others
            if on_problem:
                on_problem(Problem(a.path, f"extraction failed: {type(exc).__name__}: {exc}"))
            traceback.print_exc()
            continue
        cache.put(a, ex)
        out[a.id] = ex
    return out


def _safe_parse(articles: Sequence[Article], batch_size: int, on_problem) -> Iterable:
    from .extract import parse

    done: set[str] = set()  # articles already handed out: not parsed twice after a failure
    try:
        for a, doc in parse(articles, batch_size=batch_size):
            done.add(a.id)
            yield a, doc
    except Exception:
        # A batch failed: fall back to one article at a time to find the culprit.
        for a in articles:
            if a.id in done:
                continue
            try:
                yield from parse([a], batch_size=1)
            except Exception as exc:
                if on_problem:
                    on_problem(Problem(a.path, f"could not be parsed: {type(exc).__name__}: {exc}"))
            done.add(a.id)


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _migrate_cache(paths: Paths, log: Callable[[str], None]) -> None:
    if paths.cache == cache_root(paths.root) / "extract" and (moved := migrate_legacy_cache(paths.root)):
        log(f"cache moved from .cache/dossier to {moved.relative_to(paths.root)}/")


def collect(paths: Paths, curation: Curation, *, log: Callable[[str], None] = print) -> tuple[
    list[Article], dict[str, ArticleExtraction], Dossier, BuildReport
]:
    """Stages 1-3: read, extract, resolve. Writes nothing but cache entries."""
    from .ingest import read_corpus
    from .ingest.quality import article_warnings
    from .resolve import resolve

    report = BuildReport()
    t0 = time.perf_counter()
    articles, problems = read_corpus(paths.seeds, curation.article_overrides())
    problems = list(problems)
    unreadable = sum(p.severity == "error" for p in problems)
    for a in articles:
        problems.extend(article_warnings(a))
    report.timings["ingest"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    _migrate_cache(paths, log)
    cache = ExtractionCache(paths.cache)
    extractions = extract_corpus(articles, cache, on_problem=problems.append)
    for r in cache.stats.rebuilt:
        problems.append(Problem(r.split(": ", 1)[0], r.split(": ", 1)[-1], "warning"))
    if cache.stats.write_errors:  # not fatal: the next build parses these articles again
        first = cache.stats.write_errors[0]
        problems.append(Problem(str(paths.cache), f"{len(cache.stats.write_errors)} cache entries not written, e.g. {first}", "warning"))
    cache.prune()  # older pipeline versions' entries are stale by construction
    report.timings["extract"] = time.perf_counter() - t0
    report.cache_hits, report.cache_misses = cache.stats.hits, cache.stats.misses

    published = [a for a in articles if a.id in extractions]
    t0 = time.perf_counter()
    dossier = resolve(published, extractions, curation, problems)
    report.timings["resolve"] = time.perf_counter() - t0
    report.articles_read = len(articles) + unreadable
    report.published = len(published)
    report.problems = list(dossier.problems)
    report.actors, report.events, report.claims = len(dossier.actors), len(dossier.events), len(dossier.claims)
    return published, extractions, dossier, report


def build(paths: Paths, *, site: bool = True, pdf: bool = True, dirty: bool = False, wait: bool = True,
          log: Callable[[str], None] = print) -> BuildReport:
    """The main job: seeds/ -> docs/ -> site/ (+ dossier.json, PDF briefings), one build at a time per
    project (``lock.build_lock``; ``wait=False`` raises ``BuildLocked`` instead of waiting)."""
    from .lock import build_lock
    from .publish import recover

    _migrate_cache(paths, log)  # before the lock file is made in the new cache folder
    with build_lock(cache_root(paths.root), root=paths.root, wait=wait, log=log):
        recover(paths.site, log)
        return _build(paths, site=site, pdf=pdf, dirty=dirty, log=log)


def _build(paths: Paths, *, site: bool, pdf: bool, dirty: bool, log: Callable[[str], None]) -> BuildReport:
    from .publish import mkdocs_into, staged
    from .render import render
    from .views import build_views
    from .write import write_pages

    t_all = time.perf_counter()
    curation = load_curation(paths.config)  # raises with every error listed, before anything is written
    articles, extractions, dossier, report = collect(paths, curation, log=log)

    t0 = time.perf_counter()
    built_at = build_time()
    by_id = {a.id: a for a in articles}
    views = build_views(dossier, by_id, extractions)
    changes = _changes(paths, views.dossier, built_at, report)
    pages = dict(render(dossier, by_id, extractions, site_title=curation.title, built_at=built_at, briefs=pdf, views=views,
                        changes=changes, site_url=curation.site_url))
    report.timings["render"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    w = write_pages(paths.docs, pages)
    report.pages_written, report.pages_unchanged, report.pages_removed = w.written, w.unchanged, w.removed
    report.timings["write"] = time.perf_counter() - t0

    if site:  # MkDocs and the PDFs into one staging folder, swapped in as site/ once (publish.py)
        with staged(paths.site, start_from="copy" if dirty else None) as stage:
            if pdf:  # first, so that the model and extractions are given back before MkDocs runs
                t0 = time.perf_counter()
                notes: list[str] = []
                # a hidden folder: MkDocs empties its site folder first but leaves hidden entries alone
                held = stage / ".pdf-stage"
                files = write_pdfs(paths, curation, dossier, by_id, extractions, built_at=built_at, views=views,
                                   target=held, notes=notes, changes=changes)
                report.pdfs = [str((paths.site / p.relative_to(held)).relative_to(paths.root)) for p in files]
                where = _shown(paths.cache.parent / "pdf", paths.root) if paths.cache else "pdf"
                report.problems += [Problem(where, n, "warning") for n in notes]
                report.timings["pdf"] = time.perf_counter() - t0
            # MkDocs runs in a child process beside this one, which needs nothing more of the model
            del pages
            articles = extractions = dossier = views = by_id = None  # noqa: F841 (released, not used)
            release_memory()
            t0 = time.perf_counter()
            report.site = mkdocs_into(paths.mkdocs, stage, previous=paths.site, dirty=dirty)
            report.timings["mkdocs"] = time.perf_counter() - t0
            if pdf:
                _move_into(held, stage)
    if (failed := _save_history(paths, changes)) is not None:  # only once the build has succeeded
        report.problems.append(Problem(str(_history_path(paths)), failed, "warning"))
    report.timings["total"] = time.perf_counter() - t_all
    return report


def pdf_only(paths: Paths, *, wait: bool = True, log: Callable[[str], None] = print) -> tuple[list[Path], list[str]]:
    """``dossier pdf``: the PDFs again, into a staging copy of ``site/`` (hard links: the PDF writer
    replaces files by rename, so the live site is never written into), swapped in once. Returns the
    PDFs (as under ``site/``) and the cache notes."""
    from .lock import build_lock
    from .publish import recover, staged
    from .views import build_views

    _migrate_cache(paths, log)
    with build_lock(cache_root(paths.root), root=paths.root, wait=wait, log=log):
        recover(paths.site, log)
        curation = load_curation(paths.config)
        articles, extractions, dossier, report = collect(paths, curation, log=log)
        by_id = {a.id: a for a in articles}
        views = build_views(dossier, by_id, extractions)
        changes = _changes(paths, views.dossier, build_time(), report)  # the briefing's "Since the last briefing"
        notes: list[str] = []
        with staged(paths.site, start_from="link") as stage:
            files = write_pdfs(paths, curation, dossier, by_id, extractions, built_at=build_time(),
                               target=stage, notes=notes, views=views, changes=changes)
        return [paths.site / f.relative_to(stage) for f in files], notes


def write_pdfs(paths: Paths, curation: Curation, dossier: Dossier, articles: dict[str, Article],
               extractions: dict[str, ArticleExtraction], *, built_at: str, views=None, target: Path | None = None,
               notes: list[str] | None = None, changes=None) -> list[Path]:
    """The PDF briefings into ``target`` (the staging folder of the next site; default ``site/``), through
    the PDF cache beside the extraction cache; cache problems (a rejected entry, a cache that cannot be
    written) go to ``notes``: they never fail the build."""
    from .pdf import build_pdfs

    pdf_cache = paths.cache.parent / "pdf" if paths.cache else None
    return build_pdfs(dossier, articles, extractions, target or paths.site, title=curation.title, built_at=built_at,
                      cache=pdf_cache, views=views, notes=notes, changes=changes)


def _history_path(paths: Paths) -> Path | None:
    """The build history sits in the cache folder, beside the extraction cache (CI keeps it)."""
    from .changes import HISTORY_FILE

    return paths.cache.parent / HISTORY_FILE if paths.cache else None


def _changes(paths: Paths, shown: Dossier, built_at: str, report: BuildReport):
    """What this build changes since the previous one (the history, else the last dossier.json)."""
    from .changes import compute_changes, load_previous
    from .views.changes import summary

    t0 = time.perf_counter()
    previous = load_previous(_history_path(paths), paths.docs / "dossier.json")
    changes = compute_changes(previous, shown, built_at)
    if previous.warning:
        report.problems.append(Problem(str(_history_path(paths) or paths.docs / "dossier.json"),
                                       f"{previous.warning}: treated as a first build", "warning"))
    elif previous.origin == "none":
        report.changes = "no previous build found: this is a first build"
    latest = changes.latest
    if not report.changes:
        report.changes = (f"build {latest.number}: {summary(latest)}" if changes.recorded and latest
                          else "nothing changed since the last build")
    report.timings["changes"] = time.perf_counter() - t0
    return changes


def _save_history(paths: Paths, changes) -> str | None:
    from .changes import save_history

    path = _history_path(paths)
    return save_history(path, dict(changes.history)) if path is not None else None


def _move_into(src: Path, dest: Path) -> None:
    """Every file under ``src`` renamed to the same place under ``dest`` (same file system), then ``src``
    removed."""
    import os
    import shutil

    for p in sorted(src.rglob("*")):
        if p.is_file():
            target = dest / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(p, target)
    shutil.rmtree(src)


def release_memory() -> None:
    """Give back what this process no longer needs before MkDocs starts beside it: the spaCy model (about
    a quarter of the parent's memory at BBC scale), unreachable objects, and the free pages malloc keeps."""
    import gc
    import sys

    nlp = sys.modules.get(f"{__package__}.extract.nlp")
    if nlp is not None:
        nlp.load_nlp.cache_clear()
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused by this process instead
        pass


def build_time() -> str:
    """Build date shown on the site: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%d")
    return dt.date.today().isoformat()

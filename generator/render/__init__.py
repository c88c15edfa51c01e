"""Stage 4, render: Dossier -> ``{path under docs/: Markdown text}``. Pure; writes nothing.

Python only chooses a template and passes a typed context (the model objects, a :class:`Linker` for
the page, the derived :class:`Index` and small formatting helpers); layout lives in
``templates/*.md.j2``. Article text is data, never a template: the Jinja2 environment uses
``StrictUndefined`` (a typo in a template fails loudly) and a ``finalize`` hook that escapes every
``{{ ... }}`` output for Markdown and HTML unless it is an :class:`~.escape.Md` built by our own
helpers (links, the annotated article, SVG). Templates avoid ``{% macro %}`` because a macro's
result would be escaped a second time; shared pieces are Python helpers instead.

Pages (URLs are stable: they depend only on each entity's id)::

    index.md  report.md  tags.md  timeline/index.md  whatsnew.md  feed.xml (Atom, from ``changes``)
    actors/index.md   actors/<id>/index.md
    events/index.md   events/<id>/index.md
    claims/index.md   claims/<id>/index.md
    sources/index.md  sources/<id>/index.md

Output is deterministic: the same input gives byte-identical pages (everything is sorted; the build
time appears only when ``built_at`` is given).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from pathlib import Path

import jinja2

from ..changes import HISTORY_LIMIT, Change, ChangeSet
from ..model import Actor, Article, ArticleExtraction, Claim, Dossier, Event, Source
from ..views import Views, build_views, fmt
from ..views import changes as change_views
from ..views.charts import GraphNode, SeriesPointView, TimelineItem, graph_legend, graph_svg, series_svg, timeline_svg
from ..views.graph import ego, relationships
from ..views.index import Index, newest_first, on_timeline, refs_in
from ..views.questions import STANCE_LABEL, TOPIC_LABEL, by_actor, by_claim, question_view
from ..views.select import brief_actors
from ..serialize import dossier_json
from .article import article_markdown, removed_block, sentence_context
from .csvs import COLUMNS, csv_files
from .escape import Md, heading, html_escape, md_escape, tag_text, truncate
from .links import Linker, page_path

__all__ = ["render", "TEMPLATES_DIR", "TOP_LEVEL"]

TEMPLATES_DIR = Path(__file__).parent / "templates"
# Everything render writes at the top of docs/ (sections and pages); ``generator.pipeline.GENERATED``
# adds dossier.json and the write manifest. Hand-written files in docs/ are everything else.
TOP_LEVEL = ("actors", "claims", "data", "events", "graph", "questions", "sources", "timeline", "index.md", "report.md", "tags.md",
             "dossier.json", "dossier.schema.json", "whatsnew.md", "feed.xml")
SCHEMA_FILE = Path(__file__).parent.parent / "data" / "dossier.schema.json"  # kept current by tests/test_build.py
WHATSNEW_GROUP_LIMIT = 100  # items of one group (e.g. new claims) listed per build on the What's new page

LIST_LIMIT = 100  # longest list of claims/sources on one entity page (keeps pages small at scale)
RELATION_LIMIT = 40  # rows of the relationship table (strongest first; actor pages have the rest)
CO_ACTOR_LIMIT = 12  # rows of "often mentioned with" on an actor page
GRAPH_PAGE_LIMIT = 16  # actors drawn on the graph page: more than this and the circle gets unreadable
EGO_LIMIT = 8  # neighbours in an actor page's own graph
TIMELINE_LIMIT = 60  # events drawn on the timeline picture (the table below lists all)
HOME_LIMIT = 8
HOME_QUESTIONS = 4  # questions summed up at the top of the home page
# Search: an actor's page must come first for any of its names, ahead of the claims quoting it
# (whose titles carry the speaker's name too). Material multiplies the page's score by this.
ACTOR_BOOST = 10


def _finalize(value: object) -> Md:
    """Every ``{{ ... }}`` output: escaped (see escape.py), spaces at its ends kept (``{{ " —" }}``)."""
    return md_escape(value, strip=False)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # escaping is Markdown-aware and done by ``finalize``
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


_TRAILING_WS = re.compile(r"[ \t]+\n")
_BLANKS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    """Trailing spaces off (no accidental hard breaks), at most one blank line, one final newline."""
    text = _TRAILING_WS.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip("\n") + "\n"


def front_matter(tags: list[str] = (), boost: float | None = None, hide: list[str] = ()) -> Md:
    """YAML front matter; values are JSON strings (valid YAML), tags made safe by :func:`tag_text`."""
    lines = ["---"]
    if tags:
        lines.append("tags:")
        lines += [f"  - {json.dumps(tag_text(t), ensure_ascii=False)}" for t in tags]
    if boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    if hide:
        lines.append("hide:")
        lines += [f"  - {h}" for h in hide]
    lines.append("---")
    return Md("\n".join(lines) if len(lines) > 2 else "")


PLAIN_CUES = {"said", "says", "say", "told", "tells", "added", "adds", "according to", "saying"}


class _Helpers:
    """Formatting helpers available to every template as ``h``; each returns escaped :class:`Md`."""

    def __init__(self, ix: Index, L: Linker, briefs: frozenset[str], briefing: bool, positions: tuple[dict, dict],
                 site: tuple[str, str | None] = ("Dossier", None), changes: ChangeSet | None = None) -> None:
        self.ix = ix
        self.site_title, self.site_url = site
        self._by_claim, self._by_actor = positions
        self.L = L
        self.briefs = briefs
        self.briefing = briefing
        self.changes = changes
        self.marks = bool(changes and changes.any_marks)  # index tables get a "Changed" column

    # -- plain formatting (escaped by finalize) ------------------------------------------------
    @staticmethod
    def date(value: str | None, precision: str | None = None) -> Md:
        """``8&nbsp;February&nbsp;2012``: a date never wraps inside (narrow screens)."""
        return Md(html_escape(fmt.date_text(value, precision)).replace(" ", "&nbsp;"))

    @staticmethod
    def short_date(value: str | None, precision: str | None = None) -> Md:
        return Md(html_escape(fmt.short_date(value, precision)).replace(" ", "&nbsp;"))
    status = staticmethod(fmt.status_text)
    event_date = staticmethod(fmt.event_date)
    event_short_date = staticmethod(fmt.event_short_date)
    status_note = staticmethod(fmt.status_note)
    on_timeline = staticmethod(on_timeline)
    plural = staticmethod(fmt.plural)
    truncate = staticmethod(truncate)
    refs = staticmethod(refs_in)
    heading = staticmethod(heading)

    def kind(self, kind: str | None) -> str:
        return _kind(kind)

    # -- markup ---------------------------------------------------------------------------
    def speaker(self, c: Claim) -> Md:
        """The speaker as a link, or the unnamed speaker's description (marked as unnamed)."""
        if c.speaker and c.speaker in self.ix.actors:
            return self.L.actor(c.speaker)
        text = c.speaker_description or c.speaker_text or "unknown speaker"
        return Md(f"{md_escape(text)} *(unnamed)*" if not c.speaker else md_escape(text))

    def cue(self, c: Claim) -> str:
        """``insisted``, plus the cue's kind when it says more than the verb (``accused (accuse)``)."""
        kind = (c.cue_kind or "").replace("_", " ")
        if not kind or kind == "say" or kind[:4] in c.cue.casefold():
            return c.cue
        return f"{c.cue} ({kind})"

    def speaker_name(self, c: Claim) -> str:
        """The speaker's name, or the unnamed speaker's words with a capital (it opens a line)."""
        if c.speaker and c.speaker in self.ix.actors:
            return self.ix.actors[c.speaker].name
        text = (c.speaker_description or c.speaker_text or "").strip() or "Unknown speaker"
        return text[0].upper() + text[1:]

    def quote(self, c: Claim, limit: int = 240) -> Md:
        """The claim's words as a link to its page: “...” when verbatim, plain when reported; led by
        the cue when it says more than "said" ("*blamed*", "*has not urged*"), so a stance or a
        negation is never lost when the claim is shown out of its sentence."""
        text = truncate(c.text, limit)
        label = f"“{text}”" if c.direct else text
        link = self.L.claim(c.id, label)
        lead = self._cue_lead(c)
        return Md(f"{lead} {link}") if lead else link

    def cued(self, c: Claim, limit: int = 160) -> Md:
        """The claim's words as table text (no link: the claim's own page), led by the cue as in
        :meth:`quote`, so "This claim" never drops "has not urged"."""
        text = truncate(c.text, limit)
        cell = self.cell(f"“{text}”" if c.direct else text)  # already cut to ``limit``
        lead = self._cue_lead(c)
        return Md(f"{lead} {cell}") if lead else cell

    def _cue_lead(self, c: Claim) -> str:
        cue = " ".join(c.cue.split())
        return f"*{md_escape(cue)}*" if c.negated or cue.lower() not in PLAIN_CUES else ""

    def join(self, items: list, sep: str = ", ") -> Md:
        return Md(sep.join(md_escape(i) for i in items))

    def actors(self, ids, sep: str = ", ") -> Md:
        return Md(sep.join(self.L.actor(i) for i in ids))

    def cite(self, source_id: str, sentence: int | None = None, date: bool = True) -> Md:
        """``[Title](../../sources/x/index.md#s-4) (Outlet, 14 June 2013)``; ``date=False`` leaves the
        publication date out where another date (the claim's) is already shown."""
        src = self.ix.sources.get(source_id)
        if src is None:
            return md_escape(source_id)
        meta = [src.outlet] if src.outlet else []
        if date:
            meta.append(fmt.date_text(src.published.value, src.published.precision))
        link = self.L.source(source_id, sentence=sentence)
        return Md(f"{link} ({md_escape(', '.join(meta))})") if meta else link

    @staticmethod
    def by_source(refs, sources=()) -> list[tuple[str, list[int]]]:
        """Refs grouped per source, in source-id order: ``[(source, [sentence, ...]), ...]``; sources
        without a ref (``sources``) are listed with no sentence."""
        grouped: dict[str, set[int]] = {s: set() for s in sources}
        for r in refs:
            grouped.setdefault(r.source, set()).add(r.sentence)
        return [(s, sorted(grouped[s])) for s in sorted(grouped)]

    @staticmethod
    def latest_events(events: list[Event], limit: int) -> list[Event]:
        """At most ``limit`` events, the most recent dated ones, still in timeline order."""
        if len(events) <= limit:
            return events
        dated = [e for e in events if on_timeline(e)]
        keep = set(id(e) for e in dated[-limit:])
        return [e for e in events if id(e) in keep]

    @staticmethod
    def roles(a: Actor) -> list:
        """Roles in time order (undated first), then by title."""
        return sorted(a.roles, key=lambda r: (r.start or "", r.end or "", r.title, r.evidence, r.sources))

    def figure_value(self, p) -> str:
        """``almost 93,000``: the value with its qualifier."""
        return " ".join(x for x in (p.qualifier, f"{p.value:,}") if x)

    def sentence_link(self, source_id: str, sentence: int) -> Md:
        return self.L.sentence(source_id, sentence)

    def brief_link(self, actor_id: str) -> Md:
        """Raw HTML link to the actor's PDF brief, when that actor has one.

        Raw HTML because the PDF is written into site/ after MkDocs has built it (a Markdown link
        would fail the strict build); the page is ``actors/<id>/index.html`` in both URL modes, so
        ``../../briefs/`` is right either way. The browser tests check the file exists."""
        if actor_id not in self.briefs:
            return Md("")
        return Md(f'<a href="../../briefs/{actor_id}.pdf" class="dossier-brief">PDF brief</a>')

    # -- changes since earlier builds (generator/changes) -----------------------------------------
    def _mark_link(self, kind: str, entity_id: str, text: str, cls: str) -> Md:
        m = self.changes.mark(kind, entity_id) if self.changes else None
        if m is None:
            return Md("")
        label = text.format(change=m.change, Change=m.change.capitalize(), date=fmt.date_text(m.built_at, "day"), iso=m.built_at)
        url = self.L.url("whatsnew.md", f"build-{m.number}")
        return Md(f'[{md_escape(label)}]({url}){{: .{cls} .dossier-mark-{m.change} data-changed="{m.built_at}" }}')

    def mark(self, kind: str, entity_id: str) -> Md:
        """The *new* / *updated* mark under an entity page's title, linking to the build's changes."""
        return self._mark_link(kind, entity_id, "{Change} · {date}", "dossier-mark")

    def changed(self, kind: str, entity_id: str) -> Md:
        """An index table's "Changed" cell: ``2026-12-02 new``, date first so that it sorts by date."""
        return self._mark_link(kind, entity_id, "{iso} {change}", "dossier-changed")

    def change_link(self, c: Change) -> Md:
        """One change of the What's new page: a link to the entity while it has a page."""
        link = {"actors": self.L.actor, "events": self.L.event, "claims": self.L.claim, "sources": self.L.source,
                "questions": self.L.question}.get(c.kind)
        if link is not None and c.change != "removed" and c.id in self.L.names.get(c.kind, {}):
            if c.kind == "claims" and c.id in self.ix.claims:  # who said it, then the words
                return Md(f"{md_escape(self.speaker_name(self.ix.claims[c.id]))}: {link(c.id)}")
            return link(c.id)
        return md_escape(truncate(c.label, 110))

    held = staticmethod(change_views.held)

    def summary(self, build) -> str:
        text = change_views.summary(build)
        return text[:1].upper() + text[1:]

    def questions_of_claim(self, claim_id: str) -> list:
        return self._by_claim.get(claim_id, [])

    def questions_of_actor(self, actor_id: str) -> list:
        return self._by_actor.get(actor_id, [])

    @staticmethod
    def topics(topic: str) -> str:
        return ", ".join(TOPIC_LABEL.get(t, t) for t in topic.split(","))

    @staticmethod
    def stance(stance: str) -> str:
        return STANCE_LABEL.get(stance, stance)

    @staticmethod
    def period(q) -> str:
        """``February 2012 – June 2013``: the dates of a question's positions."""
        dated = [p for p in q.positions if p.date]
        if not dated:
            return "–"
        first, last = dated[0].date[:7], dated[-1].date[:7]
        a, b = (fmt.date_text(x, "month" if len(x) == 7 else "year").split(" (")[0] for x in (first, last))
        return a if a == b else f"{a} – {b}"

    def said_by(self, positions) -> Md:
        """Each holder's name linked to its first claim, further claims as ``[2]``: every name a
        reader sees leads to what was said."""
        by_holder: dict[str, list] = {}
        for p in positions:
            by_holder.setdefault(p.holder or "", []).append(p)
        parts = []
        for holder, ps in by_holder.items():
            c = self.ix.claims[ps[0].claim]
            name = self.ix.actors[holder].name if holder in self.ix.actors else self.speaker_name(c)
            more = "".join(f" {self.L.claim(p.claim, f'({i})')}" for i, p in enumerate(ps[1:], start=2))
            parts.append(f"{self.L.claim(ps[0].claim, name)}{more}")
        return Md(", ".join(parts))

    def group_said(self, v, g, stance: str) -> Md:
        """``**Western governments** (United Kingdom)``: a camp and who in it said so, each name a link
        to the claim; a side outside any camp is just its speakers."""
        said = self.said_by(v.positions(g, stance))
        return Md(f"**{md_escape(g.label)}** ({said})") if g.camp else said

    @staticmethod
    def external(url: str, text: object | None = None) -> Md:
        """A link to another site (raw HTML, never Markdown-parsed); only http(s) addresses are links,
        anything else (``javascript:``...) stays visible text."""
        if not re.match(r"https?://[^\s<>\"']+$", url or ""):
            return md_escape(text if text is not None else url)
        return Md(f'<a href="{html_escape(url)}" rel="noopener">{html_escape(text if text is not None else url)}</a>')

    def permalink(self, page: str) -> str:
        """The page's address: absolute with ``site.url`` in dossier.yml, else relative to the site."""
        path = page.removesuffix("index.md")
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else path

    def citation(self, page: str, c: Claim | None = None, source_id: str | None = None) -> Md:
        """The copy-citation block of a claim page (speaker, date, words, outlet, title, date, URL) or
        a source page; the text is shown too, so it prints and works without script."""
        s = self.ix.sources.get(c.ref.source if c else source_id)
        parts = []
        if c is not None:
            when = fmt.date_text(c.date, c.date_precision) if c.date else None
            words = f"“{c.text}”" if c.direct else c.text
            parts.append(f"{self.speaker_name(c)}{f' ({when})' if when else ''}, {c.cue}: {words}.")
        if s is not None:
            meta = [x for x in (s.outlet, f"“{s.title}”" if s.title else None,
                                fmt.date_text(s.published.value, s.published.precision) if s.published.value else None, s.url) if x]
            parts.append(("Reported in " if c is not None else "") + ", ".join(meta) + ".")
        parts.append(f"{self.site_title}: {self.permalink(page)}")
        # character references for [ ] too: the block is raw HTML, but no Markdown link may form even so
        text = html_escape(" ".join(parts)).replace("[", "&#91;").replace("]", "&#93;")
        return Md(
            '<div class="dossier-cite" markdown="0">\n'
            f'<p class="dossier-cite__text">{text}</p>\n'
            '<button type="button" class="dossier-cite__copy md-button">Copy citation</button>\n'
            "</div>"
        )

    def cell(self, value: object, limit: int | None = None) -> Md:
        """A table cell: escaped (``|`` included), optionally truncated."""
        s = "" if value is None else str(value)
        return md_escape(truncate(s, limit) if limit else s)


def _names(dossier: Dossier) -> dict[str, dict[str, str]]:
    return {
        "actors": {a.id: a.name for a in dossier.actors},
        "events": {e.id: e.title for e in dossier.events},
        "claims": {c.id: c.text for c in dossier.claims},
        "sources": {s.id: s.title or s.id for s in dossier.sources},
        "questions": {q.id: q.title for q in dossier.questions},
    }


def render(
    dossier: Dossier,
    articles: Mapping[str, Article],
    extractions: Mapping[str, ArticleExtraction],
    *,
    site_title: str,
    built_at: str | None,
    briefs: bool | Collection[str] = False,
    views: Views | None = None,
    changes: ChangeSet | None = None,
    site_url: str | None = None,
) -> dict[str, str]:
    """Every generated page of the site: ``{relative path under docs/: Markdown text}``.

    ``articles``/``extractions`` are keyed by source id; a source without them gets a page without
    its text (and links to its sentences fall back to the page). ``built_at`` (an ISO timestamp) is
    shown on the home and report pages; leave it None for reproducible output.

    ``briefs`` says which PDFs will sit beside the site: a collection of actor ids links
    ``briefs/<id>.pdf`` on those actors' pages (and ``briefing.pdf`` on the home page); ``True``
    links the actors :func:`generator.views.select.brief_actors` gives a brief; ``False`` links no PDF.
    ``views`` is what :func:`generator.views.build_views` made of the same input, when the caller
    already has it (the PDF stage reads the same views). ``changes`` (:mod:`generator.changes`) adds
    the What's new page's builds, the Atom feed ``feed.xml`` (absolute links under ``site_url``
    when given) and the new/updated marks; without it the What's new page says there is no history.
    """
    env = _environment()
    full = dossier
    views = views or build_views(dossier, articles, extractions)
    dossier, ix, minor, full_count = views.dossier, views.ix, views.minor, views.actors_named
    brief_ids = _brief_ids(dossier, ix, briefs)
    names = _names(dossier)
    pages: dict[str, str] = {}
    templates: dict[str, jinja2.Template] = {}
    positions = (by_claim(dossier), by_actor(dossier))

    def emit(path: str, template: str, **ctx: object) -> None:
        if path in pages:
            raise ValueError(f"two pages would be written to docs/{path}")
        L = Linker(path, names, ix.has_sentence)
        h = _Helpers(ix, L, brief_ids, briefs is not False, positions, (site_title, site_url), changes)
        if template not in templates:
            templates[template] = env.get_template(template)
        text = templates[template].render(
            ix=ix, L=L, h=h, d=dossier, site_title=site_title, built_at=built_at, limit=LIST_LIMIT,
            co_limit=CO_ACTOR_LIMIT, actors_named=full_count, minor=minor, page=path, **ctx
        )
        pages[path] = _tidy(text)

    rel = relationships(dossier, ix.actors)
    for a in sorted(dossier.actors, key=lambda a: a.id):
        emit(page_path("actors", a.id), "actor.md.j2", a=a, ego_pic=_ego_picture(a.id, rel, ix, names), front=front_matter([f"actor: {_kind(a.kind)}"], boost=ACTOR_BOOST))
    for e in sorted(dossier.events, key=lambda e: e.id):
        emit(page_path("events", e.id), "event.md.j2", e=e, front=front_matter([f"event: {_kind(e.kind)}"]))
    for c in sorted(dossier.claims, key=lambda c: c.id):
        emit(page_path("claims", c.id), "claim.md.j2", c=c, ctx=_claim_context(c, ix, articles, extractions), front=Md(""))
    for s in sorted(dossier.sources, key=lambda s: s.id):
        emit(
            page_path("sources", s.id),
            "source.md.j2",
            s=s,
            body=_source_body(s, ix, articles, extractions, names),
            removed=removed_block(articles[s.id]) if s.id in articles else Md(""),
            article=articles.get(s.id),
            front=front_matter([f"outlet: {s.outlet}"] if s.outlet else ["outlet: unknown"]),
        )

    actor_names = names["actors"]
    qviews = [question_view(q, dossier, actor_names) for q in dossier.questions]
    for v in qviews:
        emit(page_path("questions", v.question.id), "question.md.j2", v=v, stances=("for", "against", "neutral"),
             front=front_matter(["question"]))
    emit("questions/index.md", "questions_index.md.j2", views=qviews)
    emit("actors/index.md", "actors_index.md.j2", groups=_actor_groups(dossier))
    emit("events/index.md", "events_index.md.j2")
    emit("claims/index.md", "claims_index.md.j2", claims=newest_first(dossier.claims))
    emit("sources/index.md", "sources_index.md.j2", sources=_sources_by_date(dossier.sources))
    emit("timeline/index.md", "timeline.md.j2", **_timeline_context(dossier, ix, names))
    emit("graph/index.md", "graph.md.j2", **_graph_context(rel, ix, names))
    emit("index.md", "home.md.j2", questions=qviews[:HOME_QUESTIONS], **_home_context(dossier, ix))
    emit("report.md", "report.md.j2", sources=_sources_by_date(dossier.sources), articles=articles)
    emit("tags.md", "tags.md.j2")
    emit("whatsnew.md", "whatsnew.md.j2", changes=changes, groups=change_views.groups, history_limit=HISTORY_LIMIT,
         group_limit=WHATSNEW_GROUP_LIMIT, feed_url=Md("feed.xml"))
    from ..changes import ChangeSet
    from .feed import atom_feed

    # every page's head links feed.xml: without a change set (a render outside a build) it has no entry
    feed_changes = changes if changes is not None else ChangeSet((), False, "none", None)
    pages["feed.xml"] = atom_feed(feed_changes, names, title=site_title, site_url=site_url)
    tables = csv_files(dossier, ix)
    emit("data/index.md", "data.md.j2", columns=COLUMNS,
         counts={n: tables[f"data/{n}.csv"].count("\n") - 1 for n in COLUMNS})
    pages.update(tables)
    pages["dossier.json"] = dossier_json(full)
    pages["dossier.schema.json"] = SCHEMA_FILE.read_text(encoding="utf-8")
    stray = sorted({p.split("/", 1)[0] for p in pages} - set(TOP_LEVEL))
    if stray:
        raise ValueError(f"pages outside render.TOP_LEVEL: {stray}")
    return dict(sorted(pages.items()))


def _brief_ids(dossier: Dossier, ix: Index, briefs: bool | Collection[str]) -> frozenset[str]:
    if briefs is False:
        return frozenset()
    if briefs is True:
        return frozenset(a.id for a in brief_actors(dossier, ix))
    return frozenset(briefs)


def _figure(svg: str) -> Md:
    """SVG wrapped in a block-level ``<div>``: Python-Markdown does not know ``<svg>`` as a block
    element and would otherwise parse the picture's text as Markdown inside a paragraph."""
    return Md(f'<div class="dossier-figure" markdown="0">\n{svg}\n</div>')


def _kind(kind: str | None) -> str:
    return fmt.kind_label(kind)


def _actor_groups(dossier: Dossier) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = {}
    for a in dossier.actors:
        groups.setdefault(_kind(a.kind), []).append(a)
    return [
        (k, sorted(v, key=lambda a: (a.name.casefold(), a.id)))
        for k, v in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def _sources_by_date(sources) -> list[Source]:
    by_id = sorted(sources, key=lambda s: s.id)
    return sorted(by_id, key=lambda s: (s.published.value is not None, s.published.value or ""), reverse=True)


def _claim_context(c: Claim, ix: Index, articles, extractions) -> dict:
    """The exact sentence in context for the claim's first report."""
    ref = c.ref
    ctx: dict[str, object] = {"context": None}
    art, ex = articles.get(ref.source), extractions.get(ref.source)
    if art is not None and ex is not None and 0 <= ref.sentence < len(ex.sentences):
        prev, main, nxt = sentence_context(art, ex, ref.sentence, (ref.start, ref.end))
        ctx["context"] = {"prev": prev, "main": main, "next": nxt}
    related = []
    for rel, ids in (("corroborates", ix.corroborating.get(c.id, ())), ("diverges from", ix.diverging.get(c.id, ()))):
        for other in ids:
            related.append((rel, ix.claims[other]))
    ctx["related"] = related
    ctx["reports"] = [
        (sid, refs_in(c, sid)) for sid in sorted(set(c.sources) | {c.source}, key=lambda s: (s != c.source, s))
    ]
    return ctx


def _source_body(s: Source, ix: Index, articles, extractions, names) -> Md:
    art = articles.get(s.id)
    if art is None:
        return Md("")
    L = Linker(page_path("sources", s.id), names, ix.has_sentence)
    marks: dict[int, list[Md]] = {}
    for c in ix.claims_by_source.get(s.id, []):
        for ref in refs_in(c, s.id):
            label = "quote" if c.direct else "claim"
            marks.setdefault(ref.sentence, [])
            link = Md(f"{L.claim(c.id, label)}{_marker_name(c, ix)}")
            if link not in marks[ref.sentence]:
                marks[ref.sentence].append(Md(f"<sup>{link}</sup>"))
    return article_markdown(
        art,
        extractions.get(s.id),
        ix.mention_spans.get(s.id, []),
        lambda actor_id, text: L.actor(actor_id, text),
        marks,
    )


def _marker_name(c: Claim, ix: Index) -> Md:
    """The accessible name of a claim marker on a source page (its visible text is only "claim"):
    ``{ aria-label="claim by Sergei Lavrov: the outcome of any talks…" }`` (attr_list). Only plain
    characters go into the attribute, so article text cannot break out of it."""
    who = ix.actors[c.speaker].name if c.speaker in ix.actors else (c.speaker_description or c.speaker_text or "an unnamed speaker")
    text = f"{'quote' if c.direct else 'claim'} by {who}: {truncate(c.text, 70)}"  # starts with the visible word
    safe = re.sub(r"[^\w\s,.;:'’()-]", "", text, flags=re.UNICODE)
    return Md(f'{{ aria-label="{" ".join(safe.split())}" }}')


def _timeline_context(dossier: Dossier, ix: Index, names) -> dict:
    L = Linker("timeline/index.md", names, ix.has_sentence)
    shown = ix.timeline
    left_out = 0
    if len(shown) > TIMELINE_LIMIT:
        best = sorted(shown, key=lambda e: (-len(e.sources), e.date, e.id))[:TIMELINE_LIMIT]
        left_out = len(shown) - TIMELINE_LIMIT
        shown = [e for e in ix.timeline if e in best]
    items = [
        TimelineItem(e.id, f"{fmt.short_date(e.date, e.date_precision)} · {e.title}", e.date, L.html_url("events", e.id))
        for e in shown
    ]
    timeline_pic = _figure(timeline_svg(items)) if items else Md("")

    series = []
    for s in sorted(dossier.series, key=lambda s: s.id):
        pts = sorted(s.points, key=lambda p: (p.date or "9999", p.value, p.ref.source, p.ref.sentence))
        views = [
            SeriesPointView(p.date, p.value, " ".join(x for x in (p.qualifier, f"{p.value:,}") if x))  # noqa: E501
            for p in pts
            if p.date
        ]
        pic = series_svg(s.title, views)
        series.append({"s": s, "points": pts, "svg": _figure(pic) if pic else Md("")})

    by_year: dict[str, list[Event]] = {}
    for e in ix.timeline:
        by_year.setdefault(e.date[:4], []).append(e)
    return {
        "timeline_pic": timeline_pic,
        "timeline_left_out": left_out,
        "years": sorted(by_year.items()),
        "series": series,
    }


def _graph_context(rel, ix: Index, names) -> dict:
    """The graph page: the most connected actors drawn, every relationship in the table."""
    L = Linker("graph/index.md", names, ix.has_sentence)
    in_graph = rel.top(GRAPH_PAGE_LIMIT)
    nodes = [GraphNode(a, ix.actors[a].name, ix.actors[a].kind, L.html_url("actors", a)) for a in sorted(in_graph)]
    graph_edges = [e for e in rel.edges if e.a in in_graph and e.b in in_graph]
    graph_pic = _figure(graph_svg(nodes, graph_edges) + "\n" + graph_legend()) if nodes else Md("")
    relations = sorted(
        [("met", a, b, sorted(v)) for (a, b), v in rel.met.items()]
        + [("spoke about", a, b, sorted(v)) for (a, b), v in rel.about.items()]
        + [("agrees with", a, b, sorted(v)) for (a, b), v in rel.agree.items()]
        + [("disagrees with", a, b, sorted(v)) for (a, b), v in rel.disagree.items()],
        key=lambda r: (-len(r[3]), r[0], ix.actors[r[1]].name.casefold(), ix.actors[r[2]].name.casefold()),
    )
    return {
        "graph_pic": graph_pic,
        "graph_left_out": max(0, len(rel.degree) - len(in_graph)),
        "graph_limit": GRAPH_PAGE_LIMIT,
        "relations": relations[:RELATION_LIMIT],
        "relations_left_out": max(0, len(relations) - RELATION_LIMIT),
    }


def _ego_picture(actor: str, rel, ix: Index, names) -> Md:
    """An actor page's own graph: the actor and its strongest neighbours."""
    keep, edges = ego(rel, actor, EGO_LIMIT)
    if len(keep) < 2:
        return Md("")
    L = Linker(page_path("actors", actor), names, ix.has_sentence)
    nodes = [GraphNode(a, ix.actors[a].name, ix.actors[a].kind, L.html_url("actors", a)) for a in sorted(keep)]
    return _figure(graph_svg(nodes, edges, width=560, centre=actor))


def _home_context(dossier: Dossier, ix: Index) -> dict:
    key_actors = sorted(
        dossier.actors, key=lambda a: (-len(set(a.sources)), -a.mention_count, a.name.casefold(), a.id)
    )[:12]
    # Latest claims: named speakers first (a briefing leads with who said what), others fill up.
    dated = [c for c in newest_first(dossier.claims) if c.date]
    named = [c for c in dated if c.speaker in ix.actors]
    latest = (named + [c for c in dated if c.speaker not in ix.actors])[:HOME_LIMIT]
    latest = [c for c in dated if c in latest]
    corroborated = sorted(
        dossier.claims,
        key=lambda c: (-len(set(c.sources)), -len(c.corroborating), c.date is None, c.id),
    )
    corroborated = [c for c in corroborated if len(set(c.sources)) > 1 or c.corroborating][:HOME_LIMIT]
    highlights = sorted(ix.timeline, key=lambda e: (-len(set(e.sources)), e.date, e.id))[:10]
    highlights = sorted(highlights, key=lambda e: (e.date, e.id))
    return {
        "key_actors": key_actors,
        "latest": latest,
        "corroborated": corroborated,
        "highlights": highlights,
        "recent_sources": _sources_by_date(dossier.sources)[:30],
        "errors": [p for p in dossier.problems if p.severity == "error"],
        "warnings": [p for p in dossier.problems if p.severity != "error"],
    }

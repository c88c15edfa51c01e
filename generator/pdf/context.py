"""Typed contexts for the PDF templates: Python chooses and orders, templates only lay out.

A context is built for one document (the briefing or one actor's brief). Links inside a document
are only made to items that document contains: :class:`_Doc` knows which actors, events and claims
are included and collects every source cited, so that the source list at the end holds exactly the
cited sources and every citation is a working internal link (tests check the PDF's link targets).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..changes import ChangeSet
from ..model import Actor, Article, ArticleExtraction, Claim, Dossier, Event, Ref, Role, Source
from ..views import charts
from ..views import select as V
from ..views.charts import GraphNode, SeriesPointView, TimelineItem, graph_legend, graph_svg, roles_chart, series_svg, timeline_svg
from ..views.fmt import date_text, event_date, kind_label, plural, short_date
from ..views.graph import GRAPH_LIMIT, relationships
from ..views.index import Index, date_order, on_timeline
from ..views.text import excerpt as _excerpt
from . import caps as S
from .since import SinceView, since_view


def excerpt(text: str, limit: int = S.EXCERPT) -> str:
    """A claim or an evidence sentence as the PDFs quote it: cut with " …" past ``limit`` characters."""
    return _excerpt(text, limit)


@dataclass(frozen=True)
class Texts:
    """The articles and their extractions, to quote the sentence a fact comes from."""

    articles: Mapping[str, Article]
    extractions: Mapping[str, ArticleExtraction] = field(default_factory=dict)

    def evidence(self, ref: Ref) -> str | None:
        """The sentence holding ``ref`` (from the extraction), else the raw span itself."""
        ex = self.extractions.get(ref.source)
        if ex is not None and 0 <= ref.sentence < len(ex.sentences):
            sent = ex.sentences[ref.sentence]
            if sent.text.strip() and sent.start <= ref.start < max(sent.end, ref.start + 1):
                return excerpt(sent.text)
        a = self.articles.get(ref.source)
        if a is None or not 0 <= ref.start < ref.end <= len(a.raw_text):
            return None
        return excerpt(a.raw_text[ref.start : ref.end])

# --- views ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    anchor: str | None  # None: the target is not in this PDF (plain text)


@dataclass(frozen=True)
class Cite:
    anchor: str
    outlet: str
    title: str
    date: str


@dataclass(frozen=True)
class ClaimView:
    id: str
    anchor: str | None
    speaker: Link
    text: str
    direct: bool
    cue: str
    date: str  # "17 June 2013", "date unknown"
    cites: tuple[Cite, ...]
    more_sources: int  # reports not cited inline
    n_sources: int
    partners: tuple[ClaimView, ...] = ()  # corroborating or diverging claims shown beneath
    more_partners: int = 0


@dataclass(frozen=True)
class RoleView:
    title: str
    start: str
    end: str
    evidence: str
    n_sources: int
    span: str  # "since 2000-07-17", "2008-05-08 – 2012-05-07", "seen 2012-05-10"


@dataclass(frozen=True)
class ActorView:
    id: str
    anchor: str | None
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str | None
    wikidata: str | None
    roles: tuple[RoleView, ...]
    n_sources: int
    mentions: int
    n_claims: int
    n_events: int
    brief: str | None  # "briefs/<id>.pdf" when the actor has a brief
    quote: ClaimView | None = None  # the actor's most reported claim (briefing only)


@dataclass(frozen=True)
class EventView:
    id: str
    anchor: str | None
    title: str
    kind: str
    date: str
    place: str | None
    participants: tuple[Link, ...]
    evidence: str | None
    cites: tuple[Cite, ...]
    more_sources: int
    n_sources: int
    status: str = "happened"  # as reported; the template marks every other status


@dataclass(frozen=True)
class TimelineRow:
    date: str
    what: Link
    kind: str  # "event" | "claim"
    detail: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class SourceView:
    anchor: str
    outlet: str
    title: str
    date: str
    path: str
    url: str | None
    hash: str


@dataclass(frozen=True)
class Capped:
    """A capped list and the number of items the site holds beyond it."""

    items: tuple
    more: int
    total: int


@dataclass(frozen=True)
class Figure:
    svg: str  # markup built by generator.views.charts (every text in it escaped)
    caption: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "svg", for_print(self.svg))


def for_print(svg: str) -> str:
    """The site's SVG, fixed for WeasyPrint: its label halo (a white stroke drawn *under* the glyphs
    with ``paint-order: stroke``) is dropped, because WeasyPrint 70 ignores ``paint-order`` and
    paints the white stroke over the text, which then disappears."""
    halo = getattr(charts, "HALO", None)
    return svg.replace(" " + halo, "").replace(halo, "") if halo else svg


@dataclass(frozen=True)
class BriefingContext:
    title: str
    built_at: str
    n_sources: int
    n_outlets: int
    date_range: str
    n_actors: int
    n_events: int
    n_claims: int
    n_briefs: int
    n_eligible: int  # actors that would deserve a brief before the MAX_BRIEFS cap
    n_problems: int
    summary: tuple[str, ...]  # overview paragraphs (plain text)
    outlets: tuple[tuple[str, int], ...]
    more_outlets: int
    figures: tuple[Figure, ...]  # overview: the relationship graph
    timeline_figure: Figure | None
    series_figures: tuple[Figure, ...]  # timeline chapter: numbers reported over time
    timeline: Capped  # TimelineRow
    actors: Capped  # ActorView
    events: Capped  # EventView
    corroborated: Capped  # ClaimView
    divergent: Capped  # ClaimView
    sources: tuple[SourceView, ...]  # the cited ones
    caps: Mapping[str, int]
    since: SinceView | None = None  # "Since the last briefing" (generator/changes), when there was one


@dataclass(frozen=True)
class BriefContext:
    """No build date here on purpose: a brief is a function of the actor's data (and of the latest
    article's date), so an unchanged brief can be reused from the cache on later builds."""

    title: str  # the dossier's title
    as_of: str  # date of the latest article in the dossier
    actor: ActorView
    roles_figure: Figure | None
    claims: Capped  # ClaimView, the actor's own
    about: Capped  # ClaimView, by others about the actor
    events: Capped  # EventView
    sources: tuple[SourceView, ...]
    more_sources: int


# --- anchors -------------------------------------------------------------------------------------


def anchor(kind: str, id_: str) -> str:
    """Fragment ids: ``actor-<id>`` etc. Entity ids are slugs ([A-Za-z0-9._-]), valid in HTML ids."""
    return f"{kind}-{id_}"


class _Doc:
    """What one PDF contains, and the sources it cites (in first-cited order)."""

    def __init__(self, rel: Index, briefs: set[str], *, actors=(), events=(), claims=()):
        self.rel = rel
        self.briefs = briefs
        self.actors, self.events, self.claims = set(actors), set(events), set(claims)
        self.cited: dict[str, None] = {}
        self.partners_shown: set[str] = set()

    # links
    def anchor_of(self, kind: str, id_: str) -> str | None:
        """Anchor of an entity printed in this PDF (kind: actors | events | claims), else None."""
        shown = {"actors": self.actors, "events": self.events, "claims": self.claims}.get(kind, ())
        return anchor(kind[:-1], id_) if id_ in shown else None

    def label_of(self, kind: str, id_: str) -> str | None:
        """A claim as "Speaker: words" (for lists that name claims out of their context), else None."""
        c = self.rel.claims.get(id_) if kind == "claims" else None
        return f"{self.speaker(c).text}: {c.text}" if c is not None else None

    def actor_link(self, actor_id: str | None, fallback: str) -> Link:
        a = self.rel.actors.get(actor_id) if actor_id else None
        if a is None:
            return Link(fallback, None)
        return Link(a.name, anchor("actor", a.id) if a.id in self.actors else None)

    def speaker(self, c: Claim) -> Link:
        words = c.speaker_description or c.speaker_text or "unattributed"
        return self.actor_link(c.speaker, words)

    # citations
    def cite(self, source_ids, limit: int = S.CITATIONS_PER_ITEM) -> tuple[tuple[Cite, ...], int, int]:
        ids = _by_date(self.rel.sources, source_ids)
        cites = []
        for sid in ids[:limit]:
            s = self.rel.sources[sid]
            self.cited[sid] = None
            cites.append(Cite(anchor("source", sid), s.outlet or "outlet unknown", s.title, _pub(s)))
        return tuple(cites), max(0, len(ids) - limit), len(ids)

    # views
    def claim(self, c: Claim, partners: tuple[str, ...] = (), *, link: bool = True) -> ClaimView:
        cites, more, n = self.cite([c.source, *c.sources])
        shown = [self.rel.claims[p] for p in partners if p in self.rel.claims]
        # Partners not yet printed under another claim first: the same three quotations repeated under
        # every headline would say nothing new.
        shown.sort(key=lambda o: (o.id in self.partners_shown, -len(set(o.sources)), o.id))
        pv = tuple(self.claim(o, link=False) for o in shown[: S.PARTNERS_PER_CLAIM])
        self.partners_shown.update(o.id for o in shown[: S.PARTNERS_PER_CLAIM])
        return ClaimView(
            c.id,
            anchor("claim", c.id) if link and c.id in self.claims else None,
            self.speaker(c),
            excerpt(c.text),
            c.direct,
            c.cue,
            date_text(c.date, c.date_precision) if c.date else "date not stated",
            cites,
            more,
            n,
            pv,
            max(0, len(shown) - len(pv)),
        )

    def event(self, e: Event, texts: Texts) -> EventView:
        cites, more, n = self.cite(e.sources)
        ev = None
        for ref in sorted(e.refs, key=lambda r: (self.rel.sources[r.source].published.value or "") if r.source in self.rel.sources else ""):
            ev = texts.evidence(ref)
            if ev:
                break
        parts = [self.actor_link(p, p) for p in sorted(set(e.participants), key=lambda p: self._name(p))]
        return EventView(
            e.id,
            anchor("event", e.id) if e.id in self.events else None,
            e.title,
            e.kind.replace("_", " "),
            event_date(e.date, e.date_precision, e.status),
            e.place,
            tuple(parts),
            ev,
            cites,
            more,
            n,
            e.status,
        )

    def actor(self, a: Actor, *, quote: bool = False) -> ActorView:
        own = self.rel.claims_by_speaker.get(a.id, [])
        q = None
        if quote and own:
            best = min(own, key=lambda c: (-len(set(c.sources)), not c.direct, c.id))
            q = self.claim(best, link=False)
        return ActorView(
            a.id,
            anchor("actor", a.id) if a.id in self.actors else None,
            a.name,
            kind_label(a.kind, capital=True),
            tuple(x for x in a.aliases if x != a.name),
            a.description,
            a.wikidata,
            tuple(_role(r) for r in _roles(a.roles)),
            len(set(a.sources)),
            a.mention_count,
            len(own),
            len(self.rel.events_by_actor.get(a.id, ())),
            f"briefs/{a.id}.pdf" if a.id in self.briefs else None,
            q,
        )

    def source_list(self, extra=()) -> tuple[SourceView, ...]:
        ids = _by_date(self.rel.sources, [*self.cited, *extra])
        return tuple(_source(self.rel.sources[s]) for s in ids)

    def _name(self, actor_id: str) -> str:
        a = self.rel.actors.get(actor_id)
        return (a.name if a else actor_id).casefold()


def _by_date(sources: Mapping[str, Source], ids) -> list[str]:
    """Known source ids, unique, oldest first (undated last), ties by id."""
    uniq = sorted({i for i in ids if i in sources})
    return sorted(uniq, key=lambda i: (sources[i].published.value is None, sources[i].published.value or "", i))


def _pub(s: Source) -> str:
    return date_text(s.published.value, s.published.precision)


def _source(s: Source) -> SourceView:
    return SourceView(anchor("source", s.id), s.outlet or "outlet unknown", s.title, _pub(s), s.path, s.url, s.content_hash[:12])


def _roles(roles: tuple[Role, ...]) -> list[Role]:
    """Roles merged by title (curation and text may both attest one), by start date."""
    merged: dict[str, Role] = {}
    for r in roles:
        m = merged.get(r.title)
        if m is None:
            merged[r.title] = r
            continue
        starts = [x for x in (m.start, r.start) if x]
        ends = [x for x in (m.end, r.end) if x]
        merged[r.title] = Role(
            r.title,
            min(starts) if starts else None,
            max(ends) if ends else None,
            tuple(sorted(set(m.sources) | set(r.sources))),
            _merge_evidence(m.evidence, r.evidence),
        )
    return sorted(merged.values(), key=lambda r: (r.start or "", r.title))


def _merge_evidence(a: str, b: str) -> str:
    parts = set(a.split("+")) | set(b.split("+"))
    return "+".join(p for p in ("curation", "text") if p in parts) or a


EVIDENCE_LABEL = {"curation": "analyst (curation)", "curation+text": "analyst and article text", "text": "article text"}


def _role(r: Role) -> RoleView:
    start, end = (short_date(r.start) if r.start else None), (short_date(r.end) if r.end else None)
    if "curation" in r.evidence:
        span = f"{start} – {end}" if start and end else f"since {start}" if start else f"until {end}" if end else "dates not given"
    else:
        span = f"seen {start} – {end}" if start and end and end != start else f"seen {start}" if start else "undated"
    return RoleView(
        r.title,
        short_date(r.start) if r.start else "–",
        short_date(r.end) if r.end else ("open" if "curation" in r.evidence else "–"),
        EVIDENCE_LABEL.get(r.evidence, r.evidence),
        len(set(r.sources)),
        span,
    )


def _capped(items: list, cap: int, total: int | None = None) -> Capped:
    total = len(items) if total is None else total
    shown = tuple(items[:cap])
    return Capped(shown, max(0, total - len(shown)), total)


def _latest(dossier: Dossier) -> str | None:
    """The latest publication date: where open-ended roles stop on the chart."""
    dated = [s.published.value for s in dossier.sources if s.published.value]
    return max(dated) if dated else None


def _date_range(sources) -> str:
    dated = sorted(s.published.value for s in sources if s.published.value)
    if not dated:
        return "publication dates unknown"
    first, last = dated[0], dated[-1]
    undated = len(sources) - len(dated)
    rng = date_text(first) if first == last else f"{date_text(first)} – {date_text(last)}"
    return rng + (f" ({plural(undated, 'source')} undated)" if undated else "")


# --- the briefing ---------------------------------------------------------------------------------


def briefing_context(
    dossier: Dossier, texts: Texts, *, title: str, built_at: str, rel: Index | None = None, changes: ChangeSet | None = None
) -> BriefingContext:
    rel = rel or Index.of(dossier)
    ranked_actors = V.eligible_actors(dossier, rel)
    briefs = {a.id for a in V.brief_actors(dossier, rel)}
    key_actors = ranked_actors[: S.BRIEFING_ACTORS]
    ranked_events = sorted(dossier.events, key=V.event_rank)
    key_events = ranked_events[: S.BRIEFING_EVENTS]
    corr = V.most_corroborated(dossier, rel, S.PARTNERS_PER_CLAIM)
    div = V.most_divergent(dossier, S.PARTNERS_PER_CLAIM)
    shown_claims = corr[: S.BRIEFING_CLAIMS] + div[: S.BRIEFING_CLAIMS]

    doc = _Doc(rel, briefs, actors=[a.id for a in key_actors], events=[e.id for e in key_events], claims=[c.id for c in shown_claims])

    actors_v = [doc.actor(a, quote=True) for a in key_actors]
    events_v = [doc.event(e, texts) for e in sorted(key_events, key=lambda e: (not on_timeline(e), date_order(e)))]
    corr_v = [doc.claim(c, c.corroborating) for c in corr[: S.BRIEFING_CLAIMS]]
    div_v = [doc.claim(c, c.diverging) for c in div[: S.BRIEFING_CLAIMS]]

    # Chronology: the key events and the dated headline claims, by date.
    rows = []
    for e in key_events:
        if on_timeline(e):
            cites, _, _ = doc.cite(e.sources, 1)
            rows.append((date_order(e)[1].isoformat(), e.id, TimelineRow(short_date(e.date, e.date_precision), Link(e.title, anchor("event", e.id)), "event", e.place or "", cites)))
    for c in shown_claims:
        if c.date:
            cites, _, _ = doc.cite([c.source, *c.sources], 1)
            sp = doc.speaker(c)
            rows.append((c.date, c.id, TimelineRow(short_date(c.date, c.date_precision), Link(excerpt(c.text, 110), anchor("claim", c.id)), "claim", sp.text, cites)))
    rows = sorted(set(rows), key=lambda r: (r[0], r[1]))
    dated_events = sum(1 for e in dossier.events if on_timeline(e))
    timeline = _capped([r[2] for r in rows], S.BRIEFING_TIMELINE, total=len(rows) + max(0, dated_events - sum(1 for e in key_events if on_timeline(e))))

    outlets = Counter(s.outlet or "outlet unknown" for s in dossier.sources)
    outlet_list = sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))

    in_pdf = {a.id for a in key_actors}
    figures = []
    graph = relationship_figure(dossier, rel, lambda a: f"#{anchor('actor', a)}" if a in in_pdf else "")
    if graph:
        figures.append(graph)
    series_figs: list[Figure] = []
    for series in sorted(dossier.series, key=lambda s: (-len(s.points), s.id))[: S.SERIES_CHARTS]:
        pts = sorted((p for p in series.points if p.date), key=lambda p: (p.date, p.value, p.ref.source, p.ref.sentence))
        pic = series_svg(series.title, [SeriesPointView(p.date, p.value, " ".join(x for x in (p.qualifier, f"{p.value:,}") if x)) for p in pts])
        if pic:
            series_figs.append(Figure(pic, f"{series.title}: figures reported in the articles, by the date they refer to."))

    dated_key = sorted((e for e in key_events if on_timeline(e)), key=date_order)
    tl_fig = None
    pic = timeline_svg([TimelineItem(e.id, f"{short_date(e.date, e.date_precision)} · {e.title}", e.date, f"#{anchor('event', e.id)}") for e in dated_key])
    if pic:
        tl_fig = Figure(pic, f"The {len(dated_key)} dated key events. A dot is a day; a bar a month or a year in which the article does not say the day.")

    top_names = ", ".join(a.name for a in ranked_actors[:5])
    summary = [
        f"This briefing summarises {plural(len(dossier.sources), 'news article')} from "
        f"{plural(len(outlets), 'outlet')}, published {_date_range(dossier.sources)}.",
        f"The articles name {plural(len(dossier.actors), 'actor')}, report {plural(len(dossier.events), 'event')} "
        f"and attribute {plural(len(dossier.claims), 'claim')} to their speakers; "
        f"{sum(1 for c in dossier.claims if len(set(c.sources)) >= 2 or c.corroborating)} claims are corroborated "
        f"by more than one report and {sum(1 for c in dossier.claims if c.diverging)} contradict another.",
    ]
    if top_names:
        summary.append(f"The most present actors are {top_names}.")
    summary.append(
        "Everything here was extracted automatically from the articles and every statement cites the article it "
        "comes from: check important points against the source before relying on them."
    )

    return BriefingContext(
        title=title,
        built_at=built_at,
        n_sources=len(dossier.sources),
        n_outlets=len(outlets),
        date_range=_date_range(dossier.sources),
        n_actors=len(dossier.actors),
        n_events=len(dossier.events),
        n_claims=len(dossier.claims),
        n_briefs=len(briefs),
        n_eligible=len(ranked_actors),
        n_problems=sum(1 for p in dossier.problems if p.severity == "error"),
        summary=tuple(summary),
        outlets=tuple(outlet_list[: S.OUTLETS_SHOWN]),
        more_outlets=max(0, len(outlet_list) - S.OUTLETS_SHOWN),
        figures=tuple(figures),
        timeline_figure=tl_fig,
        series_figures=tuple(series_figs),
        timeline=timeline,
        actors=_capped(actors_v, S.BRIEFING_ACTORS, len(ranked_actors)),
        events=_capped(events_v, S.BRIEFING_EVENTS, len(dossier.events)),
        corroborated=_capped(corr_v, S.BRIEFING_CLAIMS, len(corr)),
        divergent=_capped(div_v, S.BRIEFING_CLAIMS, len(div)),
        sources=doc.source_list(),
        caps={**{k: getattr(S, k) for k in ("BRIEFING_ACTORS", "BRIEFING_EVENTS", "BRIEFING_CLAIMS", "BRIEFING_TIMELINE", "CITATIONS_PER_ITEM")},
              "MAX_BRIEFS": V.MAX_BRIEFS},
        since=since_view(changes, doc.anchor_of, doc.label_of),
    )


def relationship_figure(dossier: Dossier, rel: Index, href) -> Figure | None:
    """The site's relationship graph (:mod:`generator.views.graph`): "met" = took part in the same
    events, "about" = a claim by one names the other; the ``GRAPH_LIMIT`` actors with the most
    links. ``href(actor_id)`` gives in-PDF anchors."""
    graph = relationships(dossier, rel.actors)
    keep = graph.top(GRAPH_LIMIT)
    if len(keep) < 2:
        return None
    nodes = [GraphNode(a, rel.actors[a].name, rel.actors[a].kind, href(a)) for a in sorted(keep)]
    pic = graph_svg(nodes, [e for e in graph.edges if e.a in keep and e.b in keep])
    left = len(graph.degree) - len(keep)
    return Figure(
        pic + graph_legend(),
        f"Relations between {len(keep)} actors: a solid line joins actors taking part in the same events, a dashed "
        f"arrow points from a speaker to an actor their claims name; thicker means more often."
        + (f" {left} more actors with links are left out (see the site's timeline page)." if left else ""),
    )


# --- one actor's brief ----------------------------------------------------------------------------


def brief_context(
    dossier: Dossier, texts: Texts, actor: Actor, *, title: str, rel: Index, briefs: set[str]
) -> BriefContext:
    own = sorted(rel.claims_by_speaker.get(actor.id, []), key=lambda c: (c.date is None, c.date or "", c.id))
    about = sorted(rel.claims_about.get(actor.id, []), key=lambda c: (-len(set(c.sources)), c.id))[: S.BRIEF_ABOUT]
    about.sort(key=lambda c: (c.date is None, c.date or "", c.id))
    n_about = len(rel.claims_about.get(actor.id, []))
    events = sorted(rel.events_by_actor.get(actor.id, []), key=lambda e: (not on_timeline(e), date_order(e)))
    own_shown, ev_shown = own[: S.BRIEF_CLAIMS], events[: S.BRIEF_EVENTS]

    doc = _Doc(rel, briefs, actors=[actor.id], events=[e.id for e in ev_shown], claims=[c.id for c in own_shown + about])
    av = doc.actor(actor)
    claims_v = [doc.claim(c) for c in own_shown]
    about_v = [doc.claim(c) for c in about]
    events_v = [doc.event(e, texts) for e in ev_shown]
    mentioned = _by_date(rel.sources, actor.sources)
    extra = [s for s in mentioned if s not in doc.cited][: max(0, S.BRIEF_SOURCES - len(doc.cited))]
    sources = doc.source_list(extra)
    roles = _roles(actor.roles)
    fig = None
    if any(r.start for r in roles):
        fig = Figure(roles_chart([(r.title, r.start, r.end, "curation" in r.evidence) for r in roles], until=_latest(dossier)), "Roles over time: solid bars are date ranges given by the analyst (an arrow: still held at the date of the latest article), hatched bars the dates on which articles use the title.")
    return BriefContext(
        title=title,
        as_of=date_text(_latest(dossier)) if _latest(dossier) else "an unknown date",
        actor=av,
        roles_figure=fig,
        claims=_capped(claims_v, S.BRIEF_CLAIMS, len(own)),
        about=_capped(about_v, S.BRIEF_ABOUT, n_about),
        events=_capped(events_v, S.BRIEF_EVENTS, len(events)),
        sources=sources,
        more_sources=max(0, len(set(mentioned) | set(doc.cited)) - len(sources)),
    )

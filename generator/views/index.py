"""Lookups by id and the reverse relations the site and the PDFs need, derived once from the Dossier
(the model stores each link one way).

Everything here is sorted explicitly so that the rendered pages are byte-identical for the same
input, whatever order the resolver produced.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..isodate import interval
from ..model import Actor, Article, ArticleExtraction, Claim, Dossier, Event


def newest_first(claims: Iterable[Claim]) -> list[Claim]:
    """Dated claims newest first, then undated ones; ties by id (stable sorts)."""
    by_id = sorted(claims, key=lambda c: c.id)
    return sorted(by_id, key=lambda c: (c.date is not None, c.date or ""), reverse=True)


def on_timeline(e: Event) -> bool:
    """An event is placed on the timeline when it happened (as reported) and the text dates it; a
    date that is only when it was first reported ("reported") is no date of the event."""
    return e.status == "happened" and bool(interval(e.date)) and e.date_precision != "reported"


def date_order(e: Event) -> tuple:
    """By the days a date covers: its first day, then its last (``2013-06`` before ``2013-06-17``,
    the week ``2013-W25`` among the days of 17-23 June), ties by id; undated last."""
    span = interval(e.date)
    return (span is None, span[0] if span else dt.date.min, span[1] if span else dt.date.min, e.id)


def timeline_order(events: Iterable[Event]) -> list[Event]:
    """The events on the timeline (:func:`on_timeline`) in date order (:func:`date_order`)."""
    return sorted((e for e in events if on_timeline(e)), key=date_order)


STATUS_ORDER = ("planned", "hypothetical", "prevented", "negated")


@dataclass(frozen=True)
class CoActor:
    actor: str
    sentences: int  # sentences mentioning both (0 when mention refs are unavailable)
    sources: int  # sources mentioning both


@dataclass
class Index:
    """Lookups by id and reverse relations. Built by :func:`build_index`; read-only afterwards."""

    dossier: Dossier
    actors: dict[str, Actor]
    events: dict[str, Event]
    claims: dict[str, Claim]
    sources: dict
    claims_by_speaker: dict[str, list[Claim]]
    claims_about: dict[str, list[Claim]]
    events_by_actor: dict[str, list[Event]]
    claims_by_source: dict[str, list[Claim]]
    events_by_source: dict[str, list[Event]]
    actors_by_source: dict[str, list[Actor]]
    claims_by_event: dict[str, list[Claim]]
    events_by_claim: dict[str, list[Event]]
    co_actors: dict[str, list[CoActor]]
    timeline: list[Event]  # happened and dated, in date order
    undated_events: list[Event]  # happened, no date of its own
    unhappened_events: list[Event]  # planned, hypothetical, prevented, negated: by status, then date
    prev_event: dict[str, Event | None]
    next_event: dict[str, Event | None]
    mention_spans: dict[str, list[tuple[int, int, str]]]  # source -> (raw start, raw end, actor id)
    corroborating: dict[str, list[str]]  # claim -> claim ids, both directions of the model's links
    diverging: dict[str, list[str]]
    sentence_counts: dict[str, int]  # source -> number of sentences with an anchor

    def has_sentence(self, source_id: str, sentence: int) -> bool:
        return 0 <= sentence < self.sentence_counts.get(source_id, 0)

    @classmethod
    def of(
        cls,
        dossier: Dossier,
        articles: Mapping[str, Article] | None = None,
        extractions: Mapping[str, ArticleExtraction] | None = None,
    ) -> Index:
        """The index of ``dossier``; without the articles and extractions, no sentence anchors."""
        return build_index(dossier, articles or {}, extractions or {})


def _claims_for_events(dossier: Dossier) -> dict[str, list[Claim]]:
    """A claim belongs to an event when it comes from a sentence that reports the event, or when it
    was made on the event's (day-precise) date by one of its participants."""
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for claim in dossier.claims:
        for ref in claim.refs or (claim.ref,):
            by_sentence[(ref.source, ref.sentence)].add(claim.id)
    by_day_speaker: dict[tuple[str, str], set[str]] = defaultdict(set)
    for claim in dossier.claims:
        if claim.date and claim.speaker:
            by_day_speaker[(claim.date, claim.speaker)].add(claim.id)
    claims = {c.id: c for c in dossier.claims}
    out: dict[str, list[Claim]] = {}
    for event in dossier.events:
        ids: set[str] = set()
        for ref in event.refs:
            ids |= by_sentence.get((ref.source, ref.sentence), set())
        if event.date and event.date_precision == "day":
            for p in set(event.participants):
                ids |= by_day_speaker.get((event.date, p), set())
        out[event.id] = newest_first(claims[i] for i in ids)
    return out


def _co_actors(dossier: Dossier) -> dict[str, list[CoActor]]:
    """Co-occurrence: shared sentences (from mention refs) and shared sources, strongest first."""
    in_source: dict[str, set[str]] = defaultdict(set)
    in_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for actor in dossier.actors:
        for src in actor.sources:
            in_source[src].add(actor.id)
        for ref in actor.mentions:
            in_sentence[(ref.source, ref.sentence)].add(actor.id)
    by_sources: Counter[tuple[str, str]] = Counter()
    by_sentences: Counter[tuple[str, str]] = Counter()
    for members in in_source.values():
        for a in members:
            for b in members:
                if a != b:
                    by_sources[(a, b)] += 1
    for members in in_sentence.values():
        for a in members:
            for b in members:
                if a != b:
                    by_sentences[(a, b)] += 1
    out: dict[str, list[CoActor]] = defaultdict(list)
    for (a, b) in set(by_sources) | set(by_sentences):
        out[a].append(CoActor(b, by_sentences[(a, b)], by_sources[(a, b)]))
    return {
        a: sorted(lst, key=lambda c: (-c.sentences, -c.sources, c.actor)) for a, lst in out.items()
    }


def _mention_spans(
    dossier: Dossier,
    extractions: Mapping[str, ArticleExtraction],
) -> dict[str, list[tuple[int, int, str]]]:
    """Where each actor is named in each source: the resolver's mention refs when it recorded them,
    else extraction mentions whose normalised name is the actor's name or one of its aliases
    (unambiguous names only)."""
    spans: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
    with_refs = set()
    for actor in dossier.actors:
        for ref in actor.mentions:
            spans[ref.source].add((ref.start, ref.end, actor.id))
            with_refs.add(ref.source)
    names: dict[str, set[str]] = defaultdict(set)
    for actor in dossier.actors:
        for name in (actor.name, *actor.aliases):
            names[name.casefold()].add(actor.id)
    for source_id, ex in extractions.items():
        if source_id in with_refs:
            continue
        for m in ex.mentions:
            ids = names.get(m.name.casefold(), set())
            if len(ids) == 1:
                spans[source_id].add((m.span.start, m.span.end, next(iter(ids))))
    return {k: sorted(v) for k, v in spans.items()}


def build_index(
    dossier: Dossier,
    articles: Mapping[str, Article],
    extractions: Mapping[str, ArticleExtraction],
) -> Index:
    actors = {a.id: a for a in dossier.actors}
    events = {e.id: e for e in dossier.events}
    claims = {c.id: c for c in dossier.claims}
    sources = {s.id: s for s in dossier.sources}

    by_speaker: dict[str, list[Claim]] = defaultdict(list)
    about: dict[str, list[Claim]] = defaultdict(list)
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for c in dossier.claims:
        if c.speaker:
            by_speaker[c.speaker].append(c)
        for a in sorted(set(c.about)):
            if a != c.speaker:
                about[a].append(c)
        for s in sorted(set(c.sources) | {c.source}):
            by_source[s].append(c)

    ev_by_actor: dict[str, list[Event]] = defaultdict(list)
    ev_by_source: dict[str, list[Event]] = defaultdict(list)
    for e in dossier.events:
        for a in sorted(set(e.participants)):
            ev_by_actor[a].append(e)
        for s in sorted(set(e.sources)):
            ev_by_source[s].append(e)

    act_by_source: dict[str, list[Actor]] = defaultdict(list)
    for a in dossier.actors:
        for s in sorted(set(a.sources)):
            act_by_source[s].append(a)

    timeline = timeline_order(dossier.events)
    undated = sorted((e for e in dossier.events if e.status == "happened" and not on_timeline(e)), key=lambda e: e.id)
    unhappened = sorted((e for e in dossier.events if e.status != "happened"),
                        key=lambda e: (STATUS_ORDER.index(e.status) if e.status in STATUS_ORDER else 9, date_order(e)))
    prev_e: dict[str, Event | None] = {}
    next_e: dict[str, Event | None] = {}
    for i, e in enumerate(timeline):
        prev_e[e.id] = timeline[i - 1] if i > 0 else None
        next_e[e.id] = timeline[i + 1] if i + 1 < len(timeline) else None

    claims_by_event = _claims_for_events(dossier)
    events_by_claim: dict[str, list[Event]] = defaultdict(list)
    for e in timeline + undated + unhappened:
        for c in claims_by_event.get(e.id, []):
            events_by_claim[c.id].append(e)

    def ev_key(e: Event) -> tuple:
        return (not on_timeline(e), date_order(e))

    sentence_counts = {
        sid: len(extractions[sid].sentences)
        for sid in sources
        if sid in extractions and sid in articles
    }

    corroborating: dict[str, set[str]] = defaultdict(set)
    diverging: dict[str, set[str]] = defaultdict(set)
    for c in dossier.claims:
        for rel, ids in ((corroborating, c.corroborating), (diverging, c.diverging)):
            for other in ids:
                if other in claims and other != c.id:
                    rel[c.id].add(other)
                    rel[other].add(c.id)

    return Index(
        dossier=dossier,
        actors=actors,
        events=events,
        claims=claims,
        sources=sources,
        claims_by_speaker={k: newest_first(v) for k, v in by_speaker.items()},
        claims_about={k: newest_first(v) for k, v in about.items()},
        events_by_actor={k: sorted(v, key=ev_key) for k, v in ev_by_actor.items()},
        claims_by_source={k: sorted(v, key=lambda c: (_first_sentence(c, k), c.id)) for k, v in by_source.items()},
        events_by_source={k: sorted(v, key=ev_key) for k, v in ev_by_source.items()},
        actors_by_source={k: sorted(v, key=lambda a: (-a.mention_count, a.name.casefold(), a.id)) for k, v in act_by_source.items()},
        claims_by_event=claims_by_event,
        events_by_claim=dict(events_by_claim),
        co_actors=_co_actors(dossier),
        timeline=timeline,
        undated_events=undated,
        unhappened_events=unhappened,
        prev_event=prev_e,
        next_event=next_e,
        mention_spans=_mention_spans(dossier, extractions),
        corroborating={k: sorted(v) for k, v in corroborating.items()},
        diverging={k: sorted(v) for k, v in diverging.items()},
        sentence_counts=sentence_counts,
    )


def _first_sentence(claim: Claim, source_id: str) -> int:
    """The sentence where ``claim`` is reported in ``source_id`` (orders a source's claims as read)."""
    for ref in (claim.ref, *claim.refs):
        if ref.source == source_id:
            return ref.sentence
    return 1 << 30


def refs_in(claim: Claim, source_id: str) -> list:
    """Every report of ``claim`` in one source, in reading order, without repeats."""
    seen = {}
    for ref in (claim.ref, *claim.refs):
        if ref.source == source_id:
            seen[(ref.sentence, ref.start, ref.end)] = ref
    return [seen[k] for k in sorted(seen)]

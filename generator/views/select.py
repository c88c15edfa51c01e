"""What the site and the PDFs choose to show: which actors get a page, which get a PDF brief, and
the rankings both use (most present actors, most reported events, most corroborated and most
divergent claims). Bounded, deterministic selections: every sort ends in the id.

Which actors get a brief (:func:`brief_actors`): persons, organisations, states and armed groups
(not places, not loose groups such as "activists") that speak at least one claim, take part in at
least one event, or are mentioned by at least two sources -- and of those, the ``MAX_BRIEFS`` most
present (by sources, mentions, claims). One-off names mentioned by a single article and never quoted
are left to the site. The cap keeps the PDF stage bounded: a brief costs 0.2-1 s of WeasyPrint, so
2,000 briefs of a large corpus would take longer than everything else in the build. Every actor
with a brief has a page (:func:`actors_with_pages` keeps speakers, participants and actors named
twice), so the PDFs and the site count the same actors.
"""

from __future__ import annotations

from ..model import ACTOR_KINDS, Actor, Claim, Dossier, Event
from .index import Index

BRIEF_KINDS = ACTOR_KINDS
MAX_BRIEFS = 100  # actor briefs written, most present first


def actors_with_pages(dossier: Dossier) -> frozenset[str]:
    """Ids of the actors that get a page of their own (and may appear in the PDFs).

    An actor gets a page when any of these holds: it is named at least twice (in one article or
    several), it is a state, it speaks in a claim (or is a speaker's organisation), it takes part in
    an event, or something is known of it beyond the text (a role, a Wikidata id, a description --
    from the curation file or the text). The others -- a name mentioned once in passing, half of the
    names of a news corpus (5,100 of 10,900 for the 2,225 BBC articles) -- get no page: a page that
    says "named once, in article X" tells nothing the article does not, and those pages were a fifth
    of the site's pages and of MkDocs' time. They stay in ``dossier.json``, in the article text on
    their source page (as text, not links) and in the source page's list of names.
    """
    speaking = {c.speaker for c in dossier.claims} | {c.speaker_affiliation for c in dossier.claims}
    taking_part = {p for e in dossier.events for p in e.participants}
    return frozenset(
        a.id
        for a in dossier.actors
        if a.mention_count >= 2 or a.kind == "state" or a.id in speaking or a.id in taking_part
        or a.roles or a.wikidata or a.description
    )


def minor_by_source(dossier: Dossier, paged: frozenset[str]) -> dict[str, list[str]]:
    """Names of the actors without a page, by source id (for the source pages' lists)."""
    out: dict[str, list[str]] = {}
    for a in dossier.actors:
        if a.id not in paged:
            for sid in sorted(set(a.sources)):
                out.setdefault(sid, []).append(a.name)
    return {k: sorted(set(v), key=lambda s: (s.casefold(), s)) for k, v in out.items()}


def eligible_actors(dossier: Dossier, ix: Index) -> list[Actor]:
    """Actors worth a brief before the cap, most present first."""
    return sorted(
        (
            a
            for a in dossier.actors
            if a.kind in BRIEF_KINDS
            and (ix.claims_by_speaker.get(a.id) or ix.events_by_actor.get(a.id) or len(set(a.sources)) >= 2)
        ),
        key=lambda a: actor_rank(a, ix),
    )


def brief_actors(dossier: Dossier, ix: Index | None = None, limit: int | None = None) -> list[Actor]:
    """Actors that get ``briefs/<id>.pdf`` (see the module docstring), sorted by id."""
    ix = ix or Index.of(dossier)
    cap = MAX_BRIEFS if limit is None else limit
    return sorted(eligible_actors(dossier, ix)[:cap], key=lambda a: a.id)


def actor_rank(a: Actor, ix: Index) -> tuple:
    """Most present first: sources, mentions, own claims; ties by id."""
    return (-len(set(a.sources)), -a.mention_count, -len(ix.claims_by_speaker.get(a.id, ())), a.id)


def event_rank(e: Event) -> tuple:
    """Key events first: those that happened, then by sources and participants."""
    return (e.status != "happened", -len(set(e.sources)), -len(e.participants), e.date or "9999", e.id)


def corroboration(c: Claim, ix: Index) -> int:
    """Distinct sources behind a claim: its own reports plus those of corroborating claims."""
    srcs = set(c.sources) | {c.source}
    for o in c.corroborating:
        if o in ix.claims:
            srcs |= set(ix.claims[o].sources) | {ix.claims[o].source}
    return len(srcs)


def most_corroborated(dossier: Dossier, ix: Index, partners_shown: int) -> list[Claim]:
    """Claims reported by 2+ sources or corroborated by another claim, strongest first.

    A claim already shown as another's corroboration (among its first ``partners_shown``) is not
    shown again as a headline.
    """
    cands = [c for c in dossier.claims if len(set(c.sources)) >= 2 or c.corroborating]
    cands.sort(key=lambda c: (-corroboration(c, ix), -len(c.corroborating), c.id))
    return _dedupe_pairs(cands, lambda c: c.corroborating, partners_shown)


def most_divergent(dossier: Dossier, partners_shown: int) -> list[Claim]:
    """Claims contradicted by others, most contradicted first (each pair shown once)."""
    cands = [c for c in dossier.claims if c.diverging]
    cands.sort(key=lambda c: (-len(set(c.diverging)), -len(set(c.sources)), c.id))
    return _dedupe_pairs(cands, lambda c: c.diverging, partners_shown)


def _dedupe_pairs(cands: list[Claim], partners, partners_shown: int) -> list[Claim]:
    shown: set[str] = set()
    out = []
    for c in cands:
        if c.id in shown:
            continue
        out.append(c)
        shown.add(c.id)
        shown.update(list(partners(c))[:partners_shown])
    return out

"""What goes into the PDFs: bounded, deterministic selections from the Dossier.

The briefing is a summary whose size must stay flat as the corpus grows (printing the whole site
took 637 s and 4 GB at 2,000 pages, see ARCHITECTURE.md), so every list in it has a cap and the PDF
says how many more items the site holds. The per-actor briefs carry the detail, but each is capped
too, so that one very central actor (a state mentioned in every article) cannot produce a 300-page
brief.

Which actors get a brief (:func:`brief_actors`): persons, organisations, states and armed groups
(not places, not loose groups such as "activists") that speak at least one claim, take part in at
least one event, or are mentioned by at least two sources -- and of those, the ``MAX_BRIEFS`` most
present (by sources, mentions, claims). One-off names mentioned by a single article and never quoted
are left to the site. The cap keeps the PDF stage bounded too: a brief costs 0.2-1 s of WeasyPrint,
so 2,000 briefs of a large corpus would take longer than everything else in the build.

Everything is sorted by explicit keys ending in the id, so the same Dossier gives the same PDFs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Actor, Article, ArticleExtraction, Claim, Dossier, Event, Ref, Source

# --- caps (the PDF states every cut: "N more in the site") -------------------------------------
BRIEF_KINDS = ("person", "organisation", "state", "armed_group")
MAX_BRIEFS = 100  # actor briefs written, most present first
BRIEFING_ACTORS = 30  # key actors, by number of sources then mentions
BRIEFING_EVENTS = 30  # key events, by number of sources
BRIEFING_CLAIMS = 15  # each of "most corroborated" and "most divergent"
BRIEFING_TIMELINE = 40  # rows of the chronology
CITATIONS_PER_ITEM = 3  # sources cited inline for one claim or event ("and 4 more sources")
PARTNERS_PER_CLAIM = 3  # corroborating / diverging claims shown under one claim
SERIES_CHARTS = 3
OUTLETS_SHOWN = 10
BRIEF_CLAIMS = 60  # an actor's own claims
BRIEF_ABOUT = 20  # claims by others about the actor
BRIEF_EVENTS = 40
BRIEF_SOURCES = 60
EXCERPT = 400  # characters of a claim or an evidence sentence before it is cut with "…"

KIND_LABEL = {
    "person": "Person",
    "organisation": "Organisation",
    "state": "State",
    "armed_group": "Armed group",
    "group": "Group",
    "place": "Place",
}


# --- relations the model stores one way ---------------------------------------------------------


@dataclass
class Relations:
    """Lookups by id and reverse relations, built once per build (linear in the dossier)."""

    actors: dict[str, Actor]
    sources: dict[str, Source]
    claims: dict[str, Claim]
    events: dict[str, Event]
    claims_by_speaker: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    claims_about: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))
    events_by_actor: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, dossier: Dossier) -> Relations:
        r = cls(
            {a.id: a for a in dossier.actors},
            {s.id: s for s in dossier.sources},
            {c.id: c for c in dossier.claims},
            {e.id: e for e in dossier.events},
        )
        for c in sorted(dossier.claims, key=lambda c: c.id):
            if c.speaker:
                r.claims_by_speaker[c.speaker].append(c)
            for a in sorted(set(c.about) - {c.speaker}):
                r.claims_about[a].append(c)
        for e in sorted(dossier.events, key=lambda e: e.id):
            for a in sorted(set(e.participants)):
                r.events_by_actor[a].append(e)
        return r


def eligible_actors(dossier: Dossier, rel: Relations) -> list[Actor]:
    """Actors worth a brief before the cap, most present first."""
    return sorted(
        (
            a
            for a in dossier.actors
            if a.kind in BRIEF_KINDS
            and (rel.claims_by_speaker.get(a.id) or rel.events_by_actor.get(a.id) or len(set(a.sources)) >= 2)
        ),
        key=lambda a: actor_rank(a, rel),
    )


def brief_actors(dossier: Dossier, rel: Relations | None = None, limit: int | None = None) -> list[Actor]:
    """Actors that get ``briefs/<id>.pdf`` (see the module docstring), sorted by id."""
    rel = rel or Relations.of(dossier)
    cap = MAX_BRIEFS if limit is None else limit
    return sorted(eligible_actors(dossier, rel)[:cap], key=lambda a: a.id)


# --- ranking ------------------------------------------------------------------------------------


def actor_rank(a: Actor, rel: Relations) -> tuple:
    """Most present first: sources, mentions, own claims; ties by id."""
    return (-len(set(a.sources)), -a.mention_count, -len(rel.claims_by_speaker.get(a.id, ())), a.id)


def event_rank(e: Event) -> tuple:
    return (-len(set(e.sources)), -len(e.participants), e.date or "9999", e.id)


def corroboration(c: Claim, rel: Relations) -> int:
    """Distinct sources behind a claim: its own reports plus those of corroborating claims."""
    srcs = set(c.sources) | {c.source}
    for o in c.corroborating:
        if o in rel.claims:
            srcs |= set(rel.claims[o].sources) | {rel.claims[o].source}
    return len(srcs)


def most_corroborated(dossier: Dossier, rel: Relations) -> list[Claim]:
    """Claims reported by 2+ sources or corroborated by another claim, strongest first.

    A claim already shown as another's corroboration is not shown again as a headline.
    """
    cands = [c for c in dossier.claims if len(set(c.sources)) >= 2 or c.corroborating]
    cands.sort(key=lambda c: (-corroboration(c, rel), -len(c.corroborating), c.id))
    return _dedupe_pairs(cands, lambda c: c.corroborating)


def most_divergent(dossier: Dossier, rel: Relations) -> list[Claim]:
    """Claims contradicted by others, most contradicted first (each pair shown once)."""
    cands = [c for c in dossier.claims if c.diverging]
    cands.sort(key=lambda c: (-len(set(c.diverging)), -len(set(c.sources)), c.id))
    return _dedupe_pairs(cands, lambda c: c.diverging)


def _dedupe_pairs(cands: list[Claim], partners) -> list[Claim]:
    shown: set[str] = set()
    out = []
    for c in cands:
        if c.id in shown:
            continue
        out.append(c)
        shown.add(c.id)
        shown.update(list(partners(c))[:PARTNERS_PER_CLAIM])
    return out


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """Whitespace folded; cut at a word boundary with "…" past ``limit`` characters."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[:limit]) + " …"


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

"""The relationship graph the site's timeline page and the PDF briefing both draw.

Four kinds of link between actors: "met" (they take part in the same events), "about" (a claim by
one names the other), "agrees" and "disagrees" (their claims take the same, or the opposite, stance on
a question of ``dossier.questions``; neutral positions count for neither). Only actors in ``actors`` (those with a page) are joined. The graph shows the
``GRAPH_LIMIT`` actors with the most links (weighted by how often); the rest are listed as left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Actor, Dossier
from .charts import GraphEdge

GRAPH_LIMIT = 30  # actors drawn in the relationship graph


@dataclass(frozen=True)
class Relationships:
    met: dict[tuple[str, str], set[str]]  # (a, b) with a < b -> ids of the events both take part in
    about: dict[tuple[str, str], set[str]]  # (speaker, named) -> ids of the claims
    agree: dict[tuple[str, str], set[str]]  # (a, b) with a < b -> ids of the questions they answer alike
    disagree: dict[tuple[str, str], set[str]]  # (a, b) with a < b -> ids of the questions they answer oppositely
    edges: tuple[GraphEdge, ...]  # "met" edges, then "about" edges, in the order found
    degree: dict[str, int]  # actor -> sum of its edges' weights
    ranked: tuple[str, ...]  # most linked first (then most mentioned, then id)

    def top(self, limit: int = GRAPH_LIMIT) -> set[str]:
        return set(self.ranked[:limit])


def relationships(dossier: Dossier, actors: Mapping[str, Actor]) -> Relationships:
    met: dict[tuple[str, str], set[str]] = {}
    for e in dossier.events:
        parts = sorted(set(p for p in e.participants if p in actors))
        for i, a in enumerate(parts):
            for b in parts[i + 1 :]:
                met.setdefault((a, b), set()).add(e.id)
    about: dict[tuple[str, str], set[str]] = {}
    for c in dossier.claims:
        if c.speaker in actors:
            for b in sorted(set(c.about)):
                if b in actors and b != c.speaker:
                    about.setdefault((c.speaker, b), set()).add(c.id)
    agree: dict[tuple[str, str], set[str]] = {}
    disagree: dict[tuple[str, str], set[str]] = {}
    for q in dossier.questions:
        stances: dict[str, set[str]] = {}
        for p in q.positions:
            if p.holder in actors and p.stance != "neutral":
                stances.setdefault(p.holder, set()).add(p.stance)
        held = sorted(stances)
        for i, a in enumerate(held):
            for b in held[i + 1 :]:
                if stances[a] & stances[b]:
                    agree.setdefault((a, b), set()).add(q.id)
                if stances[a] ^ stances[b] == {"for", "against"} or (stances[a] | stances[b] == {"for", "against"} and not stances[a] & stances[b]):
                    disagree.setdefault((a, b), set()).add(q.id)
    edges = [GraphEdge(a, b, "met", len(v)) for (a, b), v in met.items()]
    edges += [GraphEdge(a, b, "about", len(v)) for (a, b), v in about.items()]
    edges += [GraphEdge(a, b, "agrees", len(v)) for (a, b), v in sorted(agree.items())]
    edges += [GraphEdge(a, b, "disagrees", len(v)) for (a, b), v in sorted(disagree.items())]
    degree: dict[str, int] = {}
    for e in edges:
        degree[e.a] = degree.get(e.a, 0) + e.weight
        degree[e.b] = degree.get(e.b, 0) + e.weight
    ranked = sorted(degree, key=lambda a: (-degree[a], -actors[a].mention_count, a))
    return Relationships(met, about, agree, disagree, tuple(edges), degree, tuple(ranked))


def ego(rel: Relationships, actor: str, limit: int = 8) -> tuple[set[str], list[GraphEdge]]:
    """An actor and its ``limit`` strongest neighbours, with the edges that touch the actor."""
    weight: dict[str, int] = {}
    for e in rel.edges:
        if actor in (e.a, e.b):
            other = e.b if e.a == actor else e.a
            weight[other] = weight.get(other, 0) + e.weight
    keep = {actor, *sorted(weight, key=lambda o: (-weight[o], o))[:limit]}
    return keep, [e for e in rel.edges if actor in (e.a, e.b) and e.a in keep and e.b in keep]

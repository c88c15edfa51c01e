"""The questions as shown: each question's positions grouped by camp, what each camp answers, and
the reverse lookups (the questions a claim or an actor takes a position on). Read by the site and
the PDF; the questions and camps themselves come from ``generator/resolve/questions.py``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import Camp, Dossier, Position, Question

STANCE_LABEL = {"for": "yes", "against": "no", "neutral": "no clear stance"}
STANCE_ORDER = ("for", "against", "neutral")
TOPIC_LABEL = {
    "leader-leaves": "a leader leaving power", "chemical-weapons": "chemical weapons", "arms-supply": "arms supplies",
    "sanctions": "sanctions", "un-resolution": "a UN resolution", "intervention": "foreign intervention",
}


@dataclass(frozen=True)
class Group:
    """The positions of one camp (or of one side outside any camp, or of unnamed speakers)."""

    key: str  # camp id, side actor id, or "" for unnamed speakers
    label: str
    camp: Camp | None
    positions: tuple[Position, ...]  # by date

    @property
    def stances(self) -> tuple[str, ...]:
        """Distinct stances in the group, yes before no before neutral."""
        seen = {p.stance for p in self.positions}
        return tuple(s for s in STANCE_ORDER if s in seen)


@dataclass(frozen=True)
class QuestionView:
    question: Question
    groups: tuple[Group, ...]  # camps first (in the dossier's camp order), then other sides, unnamed last
    sides: int  # distinct sides with a named speaker

    def answer(self, stance: str) -> tuple[Group, ...]:
        """The named groups holding ``stance`` (the unnamed left out: a briefing says who)."""
        return tuple(g for g in self.groups if g.key and stance in g.stances)

    def positions(self, group: Group, stance: str) -> tuple[Position, ...]:
        return tuple(p for p in group.positions if p.stance == stance)


def camp_of(dossier: Dossier) -> dict[str, Camp]:
    return {m: c for c in dossier.camps for m in c.members}


def question_view(q: Question, dossier: Dossier, names: dict[str, str]) -> QuestionView:
    camps = camp_of(dossier)
    order = {c.id: i for i, c in enumerate(dossier.camps)}
    grouped: dict[str, list[Position]] = defaultdict(list)
    for p in q.positions:
        if not p.holder:
            grouped[""].append(p)
        elif p.side in camps:
            grouped[camps[p.side].id].append(p)
        else:
            grouped[p.side or p.holder].append(p)
    by_id = {c.id: c for c in dossier.camps}
    groups = []
    for key, pos in grouped.items():
        camp = by_id.get(key)
        label = camp.name if camp else (names.get(key, key) if key else "Unnamed speakers")
        groups.append(Group(key, label, camp, tuple(pos)))
    groups.sort(key=lambda g: (not g.key, g.camp is None, order.get(g.key, 0), g.label.casefold(), g.key))
    sides = len({p.side for p in q.positions if p.holder and p.side})
    return QuestionView(q, tuple(groups), sides)


def by_claim(dossier: Dossier) -> dict[str, list[tuple[Question, Position]]]:
    out: dict[str, list[tuple[Question, Position]]] = defaultdict(list)
    for q in dossier.questions:
        for p in q.positions:
            out[p.claim].append((q, p))
    return dict(out)


def by_actor(dossier: Dossier) -> dict[str, list[tuple[Question, Position]]]:
    """Positions an actor holds, or that count for it (its officials' and state media's)."""
    out: dict[str, list[tuple[Question, Position]]] = defaultdict(list)
    for q in dossier.questions:
        for p in q.positions:
            for a in {p.holder, p.side} - {None}:
                out[a].append((q, p))
    return dict(out)

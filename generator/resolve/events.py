"""Events across the corpus, and numeric series.

Two event mentions are the same event when their kinds belong to the same family (meetings: meeting,
talks, summit, conference, visit; votes: vote, veto; violence: offensive, shelling, attack, bombing; ...)
and their dates agree at the coarser of the two precisions, and they share an anchor: the same place,
a participant, or a name ("G8" in "G8 summit" / "G-8 summit"). Without a date on either side, the name
or place *and* a participant must agree. Distinct events therefore stay distinct even when they share a
kind ("talks in Sochi" in May, "talks in London" in June).

The title is made from the event's name words or its participants, its kind and place; the slug adds
the year-month so that it stays stable as articles are added.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..model import Article, ArticleExtraction, Event, Ref, Series, SeriesPoint
from ..urls import slugify
from .actors import ActorIndex

FAMILIES = {
    "meeting": "meet", "talks": "meet", "summit": "meet", "conference": "meet", "visit": "meet",
    "negotiations": "meet", "vote": "vote", "veto": "vote", "resolution": "vote",
    "offensive": "violence", "shelling": "violence", "attack": "violence", "bombing": "violence",
    "sanctions": "sanctions", "announcement": "announcement", "agreement": "agreement",
}
KIND_RANK = ["summit", "conference", "talks", "meeting", "visit", "veto", "vote"]


def _family(kind: str) -> str:
    return FAMILIES.get(kind, kind)


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """'2013' / '2013-06' / '2013-W25' / '2013-06-17' -> first and last day covered."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6)
        d = dt.date.fromisoformat(value[:10])
        return d, d
    except ValueError:
        return None


def _date_agrees(a: str | None, b: str | None) -> bool | None:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return None
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _name_words(trigger_sentence: str, trigger: str) -> set[str]:
    """Name-like words just before the trigger: 'G8' in 'the G8 summit', 'Geneva' in 'Geneva talks'."""
    m = re.search(r"((?:[A-Z][\w-]*\s+){1,3})" + re.escape(trigger), trigger_sentence)
    if not m:
        return set()
    words = {w.replace("-", "").casefold() for w in m.group(1).split() if w[:1].isupper()}
    return words - {"the", "a", "this", "that", "next", "last", "two-day", "twoday"}


def resolve_events(
    articles: Sequence[Article], extractions: Mapping[str, ArticleExtraction], idx: ActorIndex
) -> tuple[Event, ...]:
    items = []
    for art in articles:
        ex = extractions.get(art.id)
        if ex is None:
            continue
        for e in ex.events:
            participants = set()
            for p in e.participants:
                a = idx.by_name.get((art.id, p.casefold().removeprefix("the ").rstrip("'s"))) or idx.global_names.get(p.casefold())
                if a:
                    participants.add(a)
            sent = ex.sentences[e.sentence].text if 0 <= e.sentence < len(ex.sentences) else ""
            names = _name_words(sent, e.trigger.text)
            items.append((art, e, participants, names))

    groups: list[list[int]] = []
    for i, (art, e, parts, names) in enumerate(items):
        placed = False
        for g in groups:
            for j in g:
                art2, e2, parts2, names2 = items[j]
                if _family(e.kind) != _family(e2.kind):
                    continue
                d = _date_agrees(e.date, e2.date)
                if d is False:
                    continue
                place_eq = bool(e.place and e2.place and (e.place == e2.place or e.place in e2.place or e2.place in e.place))
                shared = bool(parts & parts2)
                named = bool(names & names2)
                strong_name = any(any(c.isdigit() for c in n) or len(n) > 3 for n in names & names2)
                if (d and (place_eq or shared or named)) or (d is None and (strong_name or place_eq and shared)):
                    g.append(i)
                    placed = True
                    break
            if placed:
                break
        if not placed:
            groups.append([i])

    events = []
    taken: set[str] = set()
    for g in groups:
        members = [items[i] for i in g]
        kinds = [m[1].kind for m in members]
        kind = min(kinds, key=lambda k: (KIND_RANK.index(k) if k in KIND_RANK else 99, k))
        dated = sorted((m[1].date, m[1].date_precision) for m in members if m[1].date)
        # the most precise date wins
        date, precision = max(dated, key=lambda d: len(d[0])) if dated else (None, None)
        places = sorted({m[1].place for m in members if m[1].place}, key=lambda p: (-len(p), p))
        place = places[-1] if places else None
        participants = sorted(set().union(*(m[2] for m in members)))
        names = sorted(set().union(*(m[3] for m in members)))
        name_word = next((n for n in names if any(c.isdigit() for c in n) or n.isupper()), None)
        title = _title(kind, name_word, participants, idx, place)
        span = interval(date)
        base = slugify(f"{title} {span[0].strftime('%Y-%m') if span else ''}")
        eid = base
        n = 2
        while eid in taken:
            eid = f"{base}-{n}"
            n += 1
        taken.add(eid)
        refs = tuple(Ref(m[0].id, m[1].sentence, m[1].trigger.start, m[1].trigger.end) for m in members)
        events.append(
            Event(
                id=eid,
                title=title,
                kind=kind,
                date=date,
                date_precision=precision,
                place=place,
                participants=tuple(participants),
                sources=tuple(dict.fromkeys(r.source for r in refs)),
                refs=refs,
            )
        )
    events.sort(key=lambda e: (e.date or "9999", e.id))
    return tuple(events)


def _title(kind: str, name_word: str | None, participants: list[str], idx: ActorIndex, place: str | None) -> str:
    names = {a.id: a for a in idx.actors}
    label = kind.capitalize()
    if name_word:
        label = f"{name_word.upper()} {kind}"
    else:
        people = [names[p] for p in participants if p in names and names[p].kind == "person"][:2]
        if len(people) == 2:
            label = f"{people[0].name.split()[-1]}–{people[1].name.split()[-1]} {kind}"
        elif len(people) == 1:
            label = f"{kind.capitalize()} with {people[0].name}"
    if place:
        label += f" in {place}"
    return label


def resolve_series(articles: Sequence[Article], extractions: Mapping[str, ArticleExtraction]) -> tuple[Series, ...]:
    """Numeric facts over time: one series per quantity; one point per article and figure."""
    points: dict[str, list[SeriesPoint]] = defaultdict(list)
    for art in articles:
        ex = extractions.get(art.id)
        if ex is None:
            continue
        seen = set()
        for n in ex.numbers:
            if (n.quantity, n.value) in seen:
                continue
            seen.add((n.quantity, n.value))
            points[n.quantity].append(
                SeriesPoint(n.date, n.date_precision, n.value, n.qualifier, Ref(art.id, n.sentence, n.span.start, n.span.end))
            )
    titles = {"killed": "People reported killed", "wounded": "People reported wounded", "displaced": "People reported displaced",
              "refugees": "Refugees reported", "arrested": "People reported arrested"}
    out = []
    for q in sorted(points):
        pts = sorted(points[q], key=lambda p: (p.date or "9999", p.value, p.ref.source))
        out.append(Series(q, titles.get(q, q), tuple(pts)))
    return tuple(out)

"""Events across the corpus, and numeric series.

Two event mentions are the same event when their kinds belong to the same family (meetings: meeting,
talks, summit, conference, visit; votes: vote, veto; violence: offensive, shelling, attack, bombing; ...)
and their dates agree at the coarser of the two precisions, and they share an anchor: the same place,
a participant, or a name ("G8" in "G8 summit" / "G-8 summit"). Without a date on either side, the name
or place *and* a participant must agree. Distinct events therefore stay distinct even when they share a
kind ("talks in Sochi" in May, "talks in London" in June).

Within one article, two mentions of the same kind ("next week's summit", "the G8 summit in Northern
Ireland") are one event unless their dates, places, names or participants differ. An event whose
articles give no date is dated by its first report, with precision "reported" (it happened, or was
announced, by that date); such report dates never count as agreement when merging.

The title is made from the event's name words or its participants, its kind and place; the slug adds
the year-month so that it stays stable as articles are added.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..isodate import interval
from ..model import Article, ArticleExtraction, Event, Ref, Series, SeriesPoint
from ..urls import slugify, take_id
from .groups import UnionFind
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


def _date_agrees(a: str | None, b: str | None) -> bool | None:
    """True/False when both dates are known (intervals overlap or not); None when one is missing."""
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
                key = p.casefold().removeprefix("the ")
                key = key[:-2] if key.endswith(("'s", "’s")) else key
                a = idx.by_name.get((art.id, key)) or idx.global_names.get(key)
                if a:
                    participants.add(a)
            sent = ex.sentences[e.sentence].text if 0 <= e.sentence < len(ex.sentences) else ""
            names = _name_words(sent, e.trigger.text)
            items.append((art, e, participants, names))

    # Union of every pair that is the same event (order independent).
    same: UnionFind[int] = UnionFind()
    for i in range(len(items)):
        same.find(i)
    for i, j in sorted(_candidate_pairs(items)):
        if _same(items[i], items[j]):
            same.union(i, j)
    find = same.find
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)

    events = []
    taken: set[str] = set()
    for root in sorted(groups):
        members = [items[i] for i in groups[root]]
        kinds = [m[1].kind for m in members]
        kind = min(kinds, key=lambda k: (KIND_RANK.index(k) if k in KIND_RANK else 99, k))
        dated = sorted((m[1].date, m[1].date_precision) for m in members if m[1].date)
        # the most precise date wins; without one, the event is dated by its first report
        if dated:
            date, precision = max(dated, key=lambda d: (len(d[0]) if "W" not in d[0] else 8.5, d[0]))
        else:
            reported = sorted(m[0].published.value for m in members if m[0].published.value)
            date, precision = (reported[0], "reported") if reported else (None, None)
        places = sorted({m[1].place for m in members if m[1].place}, key=lambda p: (-len(p), p))
        place = places[-1] if places else None
        participants = sorted(set().union(*(m[2] for m in members)))
        names = sorted(set().union(*(m[3] for m in members)))
        name_word = next((n for n in names if any(c.isdigit() for c in n) or n.isupper()), None)
        title = _title(kind, name_word, participants, idx, place)
        span = interval(date)
        base = slugify(f"{title.replace('–', ' ')} {span[0].strftime('%Y-%m') if span else ''}")
        eid = take_id(taken, base)
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
    events.sort(key=sort_key)
    return tuple(events)


def sort_key(e: Event) -> tuple:
    """Timeline order: by the first day the date covers; undated last."""
    span = interval(e.date)
    return (span[0].isoformat() if span else "9999", span[1].isoformat() if span else "", e.id)


MAX_BLOCK = 200


def _candidate_pairs(items) -> set[tuple[int, int]]:
    """Pairs worth comparing: mentions of one family that share an article, a participant, a name or
    a place (``_same`` needs one of these). A block larger than MAX_BLOCK (a participant in thousands
    of events) is split by month, so the work stays near linear in the number of mentions."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, (art, e, parts, names) in enumerate(items):
        fam = _family(e.kind)
        keys = [("article", art.id)] + [("actor", p) for p in parts] + [("name", n) for n in names]
        if e.place:
            keys.append(("place", e.place.casefold()))
        for k in keys:
            blocks[(fam, *k)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            by_month: dict[str | None, list[int]] = defaultdict(list)
            for i in members:
                span = interval(items[i][1].date)
                by_month[span[0].strftime("%Y-%m") if span else None].append(i)
            chunks = [m[-MAX_BLOCK:] for m in by_month.values()]
        else:
            chunks = [members]
        for chunk in chunks:
            for x in range(len(chunk)):
                for y in range(x + 1, len(chunk)):
                    a, b = chunk[x], chunk[y]
                    pairs.add((a, b) if a < b else (b, a))
    return pairs


def _same(a, b) -> bool:
    """Do two event mentions tell of the same event? (See the module docstring.)"""
    art, e, parts, names = a
    art2, e2, parts2, names2 = b
    if _family(e.kind) != _family(e2.kind):
        return False
    d = _date_agrees(e.date, e2.date)
    if d is False:
        return False
    if e.place and e2.place and not (e.place == e2.place or e.place in e2.place or e2.place in e.place):
        return False
    if names and names2 and not names & names2:
        return False
    place_eq = bool(e.place and e2.place)
    shared = bool(parts & parts2)
    strong_name = any(any(c.isdigit() for c in n) or len(n) > 3 for n in names & names2)
    if art.id == art2.id:
        # One article naming the same participants or name twice tells of one event; a bare second
        # mention ("next week's summit": no name, place or participant) is the same-kind event it
        # tells of elsewhere.
        if parts and parts2 and not shared:
            return False
        bare = not (parts or names or e.place) or not (parts2 or names2 or e2.place)
        return strong_name or shared or (e.kind == e2.kind and bare) or bool(d and place_eq)
    if d:
        return place_eq or shared or bool(names & names2)
    return strong_name or (place_eq and shared)


def _title(kind: str, name_word: str | None, participants: list[str], idx: ActorIndex, place: str | None) -> str:
    names = {a.id: a for a in idx.actors}
    actors = [names[p] for p in participants if p in names]
    people = [a for a in actors if a.kind == "person"]
    noun = kind.capitalize()
    if name_word:
        label = f"{name_word.upper()} {kind}"
    elif _family(kind) == "meet":
        if len(people) >= 2:
            label = f"{people[0].name.split()[-1]}–{people[1].name.split()[-1]} {kind}"
        elif people:
            label = f"{noun} with {people[0].name}"
        elif len(actors) >= 2:
            label = f"{actors[0].name}–{actors[1].name} {kind}"
        else:
            label = noun
    elif actors:
        label = f"{noun} by {actors[0].name}" if kind in {"veto", "vote", "sanctions", "announcement"} else f"{noun} ({actors[0].name})"
    else:
        label = noun
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

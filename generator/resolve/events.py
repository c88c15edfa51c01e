"""Events across the corpus, and numeric series.

Event mentions are grouped in two passes, precision first (a false merge is worse than a miss):

1. **Within one article**, in text order, a mention joins an earlier group of the same family
   (meetings: meeting, talks, summit, conference, visit; votes: vote, veto; violence: offensive,
   shelling, attack; ...) and the same status when nothing tells them apart -- dates agree, places
   are compatible, participants overlap when both have some -- and something ties them: a shared
   participant, name or place, or the later mention is bare ("the attack").
2. **Across articles**, two groups are one event when their family and status agree, both are
   dated and their dates overlap, their places are compatible (``places.Places``: the same place,
   or one within the other: town in province in country) and they share a place or a participant
   or a name ("G8"); an undated group joins another only through a shared name with compatible
   places and participants. Different places or different dates are never merged, and a group is
   checked against everything already merged into it, so no chain of near matches fuses them.

An event keeps the status its mentions give (happened, planned, hypothetical, negated, prevented);
planned and happened mentions can be one event (announced, then held), and then the latest report
decides.
An event whose articles give no date is dated by its first report, with precision "reported" (it
happened, or was announced, by that date); such report dates never count as agreement when merging.

The title is the words naming it and where ("Chemical attack in Khan Sheikhoun", "Air strikes on
Aleppo", "Cameron–Putin talks in Sochi"); the slug adds the year-month so that it stays stable as
articles are added.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..isodate import interval, month_name
from ..model import Article, ArticleExtraction, Event, EventMention, Ref, Series, SeriesPoint
from ..urls import slugify, take_id
from .actors import ActorIndex
from .groups import UnionFind
from .places import Places, place_key

FAMILIES = {
    "meeting": "meet", "talks": "meet", "summit": "meet", "conference": "meet", "visit": "meet",
    "negotiations": "meet", "vote": "vote", "veto": "vote", "resolution": "vote",
    "offensive": "violence", "shelling": "violence", "attack": "violence", "bombing": "violence",
    "sanctions": "sanctions", "agreement": "agreement", "ceasefire": "ceasefire",
}  # fmt: skip
KIND_RANK = ["summit", "conference", "talks", "meeting", "visit", "veto", "vote", "attack", "shelling", "offensive"]
_TARGETED = {"attack", "shelling", "offensive"}  # kinds whose place is a target: "on Aleppo"


def _family(kind: str) -> str:
    return FAMILIES.get(kind, kind)


def _date_agrees(a: str | None, b: str | None) -> bool | None:
    """True/False when both dates are known (intervals overlap or not); None when one is missing."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return None
    return ia[0] <= ib[1] and ib[0] <= ia[1]


_ANNOUNCED = {"planned", "happened"}  # what was planned in one report may have happened by the next


def _statuses_agree(a: set[str], b: set[str]) -> bool:
    """One event can be planned in one report and have happened in a later one; never hypothetical,
    prevented or denied in one and happened in another."""
    return a == b or (a | b) <= _ANNOUNCED


def _name_words(trigger_sentence: str, trigger: str) -> set[str]:
    """Name-like words just before the trigger: 'G8' in 'the G8 summit', 'Geneva' in 'Geneva talks'."""
    m = re.search(r"((?:[A-Z][\w-]*\s+){1,3})" + re.escape(trigger), trigger_sentence)
    if not m:
        return set()
    words = {w.replace("-", "").casefold() for w in m.group(1).split() if w[:1].isupper()}
    return words - {"the", "a", "this", "that", "next", "last", "two-day", "twoday"}


@dataclass
class _Item:
    """One event mention with what resolving needs."""

    art: Article
    e: EventMention
    parts: frozenset[str]
    names: frozenset[str]

    @property
    def family(self) -> str:
        return _family(self.e.kind)


@dataclass
class _Group:
    """What is known of a group of mentions being merged: every date, place, participant, name."""

    family: str
    statuses: set[str]
    articles: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)

    def add(self, it: _Item) -> None:
        self.articles.add(it.art.id)
        if it.e.date:
            self.dates.add(it.e.date)
        if it.e.place:
            self.places.add(it.e.place)
        if it.e.place_in:
            self.places.add(it.e.place_in)  # "Jameliaiah in West Aleppo" is not in East Aleppo
        self.parts |= it.parts
        self.names |= it.names

    def absorb(self, other: "_Group") -> None:
        self.articles |= other.articles
        self.statuses |= other.statuses
        self.dates |= other.dates
        self.places |= other.places
        self.parts |= other.parts
        self.names |= other.names

    def fits(self, other: "_Group", places: Places) -> bool:
        """Nothing tells the two apart: family, status, every date and every place agree."""
        if self.family != other.family or not _statuses_agree(self.statuses, other.statuses):
            return False
        if any(_date_agrees(a, b) is False for a in self.dates for b in other.dates):
            return False
        if any(not places.compatible(a, b) for a in self.places for b in other.places):
            return False
        return not (self.names and other.names and not self.names & other.names)


def _not_places(idx: ActorIndex) -> set[str]:
    """Names of actors that are no places (armed groups, organisations, persons): NER takes "Daesh"
    for a place, an event "on Daesh" is against it."""
    return {k for a in idx.actors if a.kind != "state" for k in (place_key(n) for n in (a.name, *a.aliases)) if k}


def _items(articles, extractions, idx: ActorIndex) -> list[_Item]:
    not_places = _not_places(idx)
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
            if place_key(e.place) in not_places:
                e = replace(e, place=None, place_in=None)
            items.append(_Item(art, e, frozenset(participants), frozenset(_name_words(sent, e.trigger.text))))
    return items


def resolve_events(
    articles: Sequence[Article], extractions: Mapping[str, ArticleExtraction], idx: ActorIndex
) -> tuple[Event, ...]:
    items = _items(articles, extractions, idx)
    states = [a.name for a in idx.actors if a.kind == "state"]
    places = Places(((it.e.place, it.e.place_in) for it in items), states)
    uf: UnionFind[int] = UnionFind()
    groups: dict[int, _Group] = {}
    for i, it in enumerate(items):
        uf.find(i)
        groups[i] = _Group(it.family, {it.e.status})
        groups[i].add(it)

    def join(i: int, j: int) -> bool:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            return True
        if not groups[ri].fits(groups[rj], places):
            return False
        if groups[ri].articles & groups[rj].articles and len(groups[ri].articles | groups[rj].articles) > 1:
            return False  # two groups an article keeps apart stay apart
        uf.union(ri, rj)
        root, other = (ri, rj) if uf.find(ri) == ri else (rj, ri)
        groups[root].absorb(groups.pop(other))
        return True

    # pass 1: within each article, in text order
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_article[it.art.id].append(i)
    for members in by_article.values():
        for x, i in enumerate(members):
            # the nearest first: "the attack" tells of the one just named; at most MAX_EARLIER back, so an
            # article of thousands of event words costs linear time (bench/bigarticle.py), not quadratic
            earlier = members[max(0, x - MAX_EARLIER):x][::-1]
            ties = [(j, _tie_in_article(items[j], items[i], places)) for j in earlier]
            for j, t in ties:
                if t == "strong":
                    join(j, i)
            weak = next((j for j, t in ties if t == "weak"), None)
            if weak is not None:
                join(weak, i)
    # pass 2: across articles, the closest pairs first (same kind, same place, both dated)
    def closeness(pair: tuple[int, int]) -> tuple:
        a, b = items[pair[0]].e, items[pair[1]].e
        return (a.kind != b.kind, not (a.place and b.place and place_key(a.place) == place_key(b.place)),
                not (a.date and b.date), pair)

    for i, j in sorted(_candidate_pairs(items), key=closeness):
        if items[i].art.id != items[j].art.id and _same_across(items[i], items[j], places):
            join(i, j)

    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        members_of[uf.find(i)].append(i)
    events = []
    taken: set[str] = set()
    for root in sorted(members_of):
        events.append(_event([items[i] for i in members_of[root]], idx, places, taken))
    events.sort(key=sort_key)
    return tuple(events)


def _event(members: list[_Item], idx: ActorIndex, places: Places, taken: set[str]) -> Event:
    kinds = [m.e.kind for m in members]
    kind = min(kinds, key=lambda k: (KIND_RANK.index(k) if k in KIND_RANK else 99, k))
    dated = sorted((m.e.date, m.e.date_precision) for m in members if m.e.date)
    # the most precise date wins; without one, the event is dated by its first report
    if dated:
        date, precision = max(dated, key=lambda d: (len(d[0]) if "W" not in d[0] else 8.5, d[0]))
    else:
        reported = sorted(m.art.published.value for m in members if m.art.published.value)
        date, precision = (reported[0], "reported") if reported else (None, None)
    place = _most_specific(sorted({m.e.place for m in members if m.e.place}), places)
    participants = sorted(set().union(*(m.parts for m in members)))
    names = sorted(set().union(*(m.names for m in members)))
    name_word = next((n for n in names if any(c.isdigit() for c in n) or n.isupper()), None)
    labels = Counter(m.e.label for m in members if m.e.label)
    label = max(labels, key=lambda w: (len(w.split()), labels[w], w)) if labels else kind
    title = _title(kind, label, name_word, participants, idx, place, date, precision)
    span = interval(date)
    stem = re.sub(r", (\d+ )?[A-Z][a-z]+ \d{4}$", "", title)  # the slug has the year-month already
    base = slugify(f"{stem.replace('–', ' ')} {span[0].strftime('%Y-%m') if span else ''}")
    eid = take_id(taken, base)
    refs = tuple(Ref(m.art.id, m.e.sentence, m.e.trigger.start, m.e.trigger.end) for m in members)
    return Event(
        id=eid,
        title=title,
        kind=kind,
        date=date,
        date_precision=precision,
        place=place,
        participants=tuple(participants),
        sources=tuple(dict.fromkeys(r.source for r in refs)),
        refs=refs,
        status=_status(members),
    )


def _status(members: list[_Item]) -> str:
    """What the latest report says (a summit planned in one article, held in the next); among its
    mentions the most frequent status, "happened" on a tie."""
    latest = max(m.art.published.value or "" for m in members)
    votes = Counter(m.e.status for m in members if (m.art.published.value or "") == latest)
    return max(votes, key=lambda s: (votes[s], s == "happened", s))


def _most_specific(names: list[str], places: Places) -> str | None:
    """The place lying within all others (a town rather than its province), else the most named."""
    if not names:
        return None
    inner = [n for n in names if all(n == o or places.more_specific(n, o) or place_key(n) == place_key(o)
                                     for o in names)]
    pool = inner or names
    return min(pool, key=lambda p: (-len(p), p)) if inner else sorted(pool, key=lambda p: (len(p), p))[0]


def sort_key(e: Event) -> tuple:
    """Timeline order: by the first day the date covers; undated last."""
    span = interval(e.date)
    return (span[0].isoformat() if span else "9999", span[1].isoformat() if span else "", e.id)


MAX_BLOCK = 200
# Mentions of one article an event word is compared with, nearest first (a news article has a few dozen).
MAX_EARLIER = 200


def _candidate_pairs(items: list[_Item]) -> set[tuple[int, int]]:
    """Pairs worth comparing across articles: mentions of one family and status that share a
    participant, a name or a place (``_same_across`` needs one of these). A block larger than
    MAX_BLOCK (a participant in thousands of events) is split by month, so the work stays near
    linear in the number of mentions."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        keys = [("actor", p) for p in it.parts] + [("name", n) for n in it.names]
        if it.e.place:
            keys.append(("place", place_key(it.e.place)))
        if it.e.place_in:
            keys.append(("place", place_key(it.e.place_in)))
        if it.e.date_precision == "day" and _distinctive(it):
            keys.append(("day", it.e.date))
        status = "announced" if it.e.status in _ANNOUNCED else it.e.status
        for k in keys:
            blocks[(it.family, status, *k)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            by_month: dict[str | None, list[int]] = defaultdict(list)
            for i in members:
                span = interval(items[i].e.date)
                by_month[span[0].strftime("%Y-%m") if span else None].append(i)
            chunks = [m[-MAX_BLOCK:] for m in by_month.values()]
        else:
            chunks = [members]
        for chunk in chunks:
            for x in range(len(chunk)):
                for y in range(x + 1, len(chunk)):
                    a, b = chunk[x], chunk[y]
                    if items[a].art.id != items[b].art.id:  # pass 2 joins across articles only
                        pairs.add((a, b) if a < b else (b, a))
    return pairs


def _apart(a: _Item, b: _Item, places: Places) -> bool:
    """Something tells two mentions apart: family, status, date or place."""
    e, e2 = a.e, b.e
    if a.family != b.family or not _statuses_agree({e.status}, {e2.status}):
        return True
    if _date_agrees(e.date, e2.date) is False:
        return True
    return bool(e.place and e2.place and not places.compatible(e.place, e2.place))


def _strong(names: frozenset[str]) -> bool:
    return any(any(c.isdigit() for c in n) or len(n) > 3 for n in names)


def _head(it: _Item) -> str:
    """The noun naming the mention ("strikes" in "air strikes"), singular."""
    word = (it.e.label or it.e.kind).split()[-1].casefold()
    if word.endswith(("shes", "ches", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# What kind of violence a mention's noun names: bombardment from afar, or fighting on the ground;
# "attack", "massacre", "blast" can be either.
_BOMBARDMENT = {"strike", "airstrike", "raid", "bombing", "bombardment", "shelling", "shell", "barrage",
                "bomb", "missile", "rocket"}
_FIGHTING = {"clash", "battle", "offensive", "assault", "capture", "recapture", "siege", "counterattack",
             "counteroffensive", "incursion", "invasion", "operation", "fighting"}


def _heads_agree(a: _Item, b: _Item) -> bool:
    ha, hb = _head(a), _head(b)
    if ha == hb:
        return True
    ca = "b" if ha in _BOMBARDMENT else "f" if ha in _FIGHTING else None
    cb = "b" if hb in _BOMBARDMENT else "f" if hb in _FIGHTING else None
    return ca is None or cb is None or ca == cb


def _bare(it: _Item, places: Places) -> bool:
    """Nothing names which event it is: no participant, name or place."""
    return not (it.parts or it.names or it.e.place)


# Words that make an attack's name distinctive enough that two reports of it on the same day are one
# attack even when neither says where ("a chemical attack" on 4 April); "air strikes" are not.
_DISTINCTIVE = {"chemical", "gas", "sarin", "chlorine", "toxic", "poison", "nerve", "suicide", "massacre"}


def _distinctive(it: _Item) -> set[str]:
    return set((it.e.label or "").casefold().split()) & _DISTINCTIVE


def _tie_in_article(a: _Item, b: _Item, places: Places) -> str | None:
    """How two mentions in one article (``b`` after ``a``) are tied into one event: "strong" (a
    shared name, place or participant), "weak" (one of them is bare -- "the attack" -- and names the
    same thing), or None (nothing ties them, or something tells them apart)."""
    if _apart(a, b, places):
        return None
    if a.names and b.names and not a.names & b.names:
        return None
    if a.parts and b.parts and not a.parts & b.parts:
        return None
    if _strong(a.names & b.names) or (places.identical(a.e.place, b.e.place) and _heads_agree(a, b)):
        return "strong"
    if a.parts & b.parts and a.e.kind == b.e.kind and not (a.e.place and b.e.place):
        return "strong"
    if a.e.date and b.e.date and a.e.date != b.e.date:
        return None  # "earlier this week" and "on Thursday" may overlap, yet tell two days apart
    if (_bare(a, places) or _bare(b, places)) and _head(a) == _head(b) and not b.e.indefinite:
        return "weak"  # "the attack" after "a chemical attack in Khan Sheikhoun"
    return None


def _same_across(a: _Item, b: _Item, places: Places) -> bool:
    """Two mentions in different articles tell of one event (see the module docstring)."""
    if _apart(a, b, places):
        return False
    e, e2 = a.e, b.e
    if a.names and b.names and not a.names & b.names:
        return False
    dated = _date_agrees(e.date, e2.date) is True
    if (e.date is None) != (e2.date is None) and places.same(e.place, e2.place) and _heads_agree(a, b):
        return _reported_within_week(a, b) if e.date else _reported_within_week(b, a)
    if not dated:  # only a name says so: one with a figure ("G8"), or a name and a participant
        shared = a.names & b.names
        return bool(shared) and places.compatible(e.place, e2.place) and (
            any(any(c.isdigit() for c in n) for n in shared) or (_strong(shared) and bool(a.parts & b.parts)))
    if places.same(e.place, e2.place) and _heads_agree(a, b):
        return True
    same_day = e.date == e2.date and e.date_precision == e2.date_precision == "day"
    if same_day and e.place and e2.place and _heads_agree(a, b):
        return True  # one place within the other (compatible, or _apart would have said so)
    if a.family == "violence":
        # attacks happen every day: only the place, or a distinctive name on the same day, says two
        # reports are one
        return same_day and bool(_distinctive(a) & _distinctive(b))
    return bool(a.parts & b.parts) or bool(a.names & b.names)


def _reported_within_week(dated: _Item, undated: _Item) -> bool:
    """An undated report of an event at the same place is the dated one when that date falls in
    the week before the undated article was published (it reports it as past)."""
    span, pub = interval(dated.e.date), interval(undated.art.published.value)
    if span is None or pub is None:
        return False
    return 0 <= (pub[0] - span[1]).days <= 7


def _title(kind: str, label: str, name_word: str | None, participants: list[str], idx: ActorIndex,
           place: str | None, date: str | None, precision: str | None) -> str:
    names = {a.id: a for a in idx.actors}
    actors = [names[p] for p in participants if p in names]
    people = [a for a in actors if a.kind == "person"]
    if name_word:
        text = f"{name_word.upper()} {kind}"
    elif _family(kind) == "meet":
        if len(people) >= 2:
            text = f"{people[0].name.split()[-1]}–{people[1].name.split()[-1]} {kind}"
        elif people:
            text = f"{_upper_first(label)} with {people[0].name}"
        elif len(actors) >= 2:
            text = f"{actors[0].name}–{actors[1].name} {kind}"
        else:
            text = _upper_first(label)
    else:
        text = _upper_first(label)
    if place:
        prep = "on" if kind in _TARGETED and not _is_region(place) else "in"
        return f"{text} {prep} {place}"
    if actors and _family(kind) != "meet":
        return f"{text} by {actors[0].name}" if kind in {"veto", "vote", "sanctions"} else f"{text} involving {actors[0].name}"
    if date and precision in ("day", "month") and not name_word:
        span = interval(date)
        if span:
            day = f"{span[0].day} " if precision == "day" else ""
            return f"{text}, {day}{month_name(span[0].month)} {span[0].year}"
    return text


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


_REGION_WORDS = ("province", "region", "countryside", "governorate", "north", "south", "east", "west", "syria")


def _is_region(place: str) -> bool:
    low = place.casefold()
    return any(w in low for w in _REGION_WORDS)


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

"""Which claims disagree, and on what question. Precision first: a "diverges from" link a reader
follows must lead to a real disagreement, so a pair diverges only when both claims answer the same
question, and the link carries that question.

Three kinds of disagreement, each needing an anchor that makes the two claims about the same thing:

* **Figures.** Both claims give a count of the same quantity (killed, injured, children killed...)
  for the same incident -- the same place named in their sentences, on the same day -- and the
  counts differ: "58 killed" (the Observatory) vs "at least 70"
  (the WHO). Counts at different times or in different places are not a disagreement.
* **Denials.** One speaker denies or rejects something ("Russia denies involvement", "has not carried
  out any strikes") and another speaker says something about that speaker on the same incident
  ("Russian jets were behind the strikes"): same day, and a place one of the two sentences names.
* **Stances on a topic.** Two speakers take opposite stances (one negated, denying or opposing) on a
  specific topic (the leader stepping down, chemical weapons, arms supplies, sanctions, a UN
  resolution, intervention) about the same target actor.

Never: the same speaker (a change of mind is not a dispute between two sides), two unnamed speakers
(who disagrees with whom would be unknown; one side may be unnamed in a dispute over figures, where
the other side is named), pairs with nothing in common but a topic word.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..isodate import interval
from ..model import Article, ArticleExtraction, Claim

# --- figures ----------------------------------------------------------------------------------

_NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_NUMBER = r"(?P<n>\d[\d,.]*(?:\s*(?:thousand|million))?|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_VICTIMS = "children|civilians|people|rebels|fighters|soldiers|militants|troops|members|persons|women|officers|medics|staff|police|policemen|pilots|workers"


def _who(name: str) -> str:
    return rf"(?:(?P<{name}>{_VICTIMS})\b)?"

# Who was counted: civilians, people and persons are one count; children, fighters, soldiers each another.
_SAME_COUNT = {"civilians": "people", "persons": "people", "": "people", "troops": "soldiers", "policemen": "police"}
_QUALIFIER = re.compile(r"(?P<q>at least|more than|over|upwards of|nearly|almost|up to|about|around|some|roughly|approximately)\s+$", re.I)
_KILLED = r"(?:killed|dead|died|deaths|lives|killing|martyred|dying)"
_INJURED = r"(?:injured|wounded|injuring|wounding|hurt)"
_QUAL = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to)\s+)?"
_ADJ = r"(?:(?!and\b|or\b|including\b|with\b|among\b)[a-z-]+\s+){0,2}?"
FIGURE = re.compile(
    # "58 people were killed", "at least 400 injured", "31 civilians dead"
    rf"\b{_NUMBER}\s+{_ADJ}{_who('who')}\s*(?:(?:were|was|have been|had been|are|been|reportedly|reported|confirmed|believed)\s+)*(?P<q>{_KILLED}|{_INJURED})\b"
    # "killed more than 100 people", "wounding 20"
    rf"|\b(?P<q3>killed|killing|kills|wounded|wounding|injured|injuring|left)\s+{_QUAL}(?P<n3>\d[\d,]*|"
    + "|".join(_NUM_WORDS) + rf")\s+{_ADJ}{_who('who3')}"
    # "put the death toll at 58", "the toll rose to 70"
    rf"|\b(?P<toll>death toll|toll)\b[^.]{{0,40}}?\b(?:at|to|of|reached|stands at)\s+{_QUAL}(?P<n2>\d[\d,]*)",
    re.I,
)


# A count of part of the victims ("four other victims", "another 39") or a running total ("since 2011",
# "in the six-year conflict", "over the last 15 days") is no toll of one incident.
_PARTIAL = re.compile(r"\b(?:other|another|more|further|additional)\s*$", re.I)
_CUMULATIVE = re.compile(r"\b(?:since|conflict|war|so far this|in total|over the (?:last|past)|this year|last year)\b", re.I)


def figures(text: str) -> dict[str, tuple[float, float]]:
    """Counts a claim gives for one incident, as ranges its wording allows:
    ``{"people killed": (58, 58), "children killed": (11, 11), "people injured": (200, inf)}`` for
    "at least 200 injured"."""
    out: dict[str, tuple[float, float]] = {}
    if _CUMULATIVE.search(text):
        return out
    for m in FIGURE.finditer(text):
        if _PARTIAL.search(text[max(0, m.start() - 12):m.start()]) or re.search(r"\b(?:other|another|additional|further)\b", m.group(0), re.I):
            continue
        raw = m.group("n") or m.group("n2") or m.group("n3")
        value = _value(raw)
        if value is None or value < 2:
            continue
        if m.group("toll"):
            quantity = "people killed"
            start = m.start("n2")
        elif m.group("q3"):
            if m.group("q3").lower() == "left" and not m.group("who3"):
                continue  # "left 20" alone says nothing of whom
            who = (m.group("who3") or "").lower()
            hurt = m.group("q3").lower().startswith(("wound", "injur"))
            quantity = f"{_SAME_COUNT.get(who, who)} {'injured' if hurt else 'killed'}"
            start = m.start("n3")
        else:
            who = (m.group("who") or "").lower()
            quantity = f"{_SAME_COUNT.get(who, who)} {'injured' if re.fullmatch(_INJURED, m.group('q'), re.I) else 'killed'}"
            start = m.start("n")
        qual = _QUALIFIER.search(text[max(0, start - 14):start])
        out.setdefault(quantity, _range(value, qual.group("q").lower() if qual else None))
    return out


def _range(value: int, qualifier: str | None) -> tuple[float, float]:
    if qualifier in ("at least", "more than", "over", "upwards of"):
        return (value, float("inf"))
    if qualifier in ("nearly", "almost", "up to"):
        return (value * 0.8, value)
    if qualifier in ("about", "around", "some", "roughly", "approximately"):
        return (value * 0.9, value * 1.1)
    return (value, value)


def disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def _value(raw: str) -> int | None:
    low = raw.lower().strip()
    if low in _NUM_WORDS:
        return _NUM_WORDS[low]
    mult = 1000 if low.endswith("thousand") else 1_000_000 if low.endswith("million") else 1
    digits = re.sub(r"[^\d.]", "", low.split()[0]).rstrip(".")
    if not digits or digits.count(".") > 1:
        return None
    if "." in digits and mult == 1:
        digits = digits.replace(".", "")
    try:
        return int(float(digits) * mult)
    except ValueError:
        return None


# --- incidents: where and when a claim is about -------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What anchors a claim: the places its sentence names, the place its article is mostly about,
    and its day."""

    places: frozenset[str]
    main: str | None  # the non-state place the article names most
    source: str
    day: int | None  # ordinal of the claim's date (or its report's)


def place_key(name: str, states: set[str]) -> str | None:
    """A place's key, folding spellings: particles ("al-"), a state or its possessive in front
    ("Syria's Idlib", "Syrias Idlib"), vowels and doubled letters ("Khan Sheikhoun" / "Khan Sheikhun" /
    "Khan Shaykhun" -> "khn shkhn")."""
    toks = [t for t in re.split(r"[\s\-'’]+", name.casefold()) if t and t not in ("al", "el", "ad", "as", "the")]
    while len(toks) > 1 and (toks[0] in states or (toks[0].endswith("s") and toks[0][:-1] in states)):
        toks = toks[1:]
    skel = " ".join(re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", t)) or t for t in toks)
    return skel or None


def contexts(
    claims: Sequence[Claim], articles: Mapping[str, Article], extractions: Mapping[str, ArticleExtraction], states: set[str]
) -> tuple[dict[str, Context], dict[str, str]]:
    """Each claim's context, and the name to show for each place key."""
    main_place: dict[str, str | None] = {}
    shown: dict[str, Counter] = defaultdict(Counter)
    for ex in extractions.values():
        for m in ex.mentions:
            if m.kind == "place":
                shown[place_key(m.name, states) or ""][m.name] += 1
    for sid, ex in extractions.items():
        counts = Counter(place_key(m.name, states) for m in ex.mentions if m.kind == "place" and m.name.casefold() not in states)
        main_place[sid] = min(counts, key=lambda p: (-counts[p], p)) if counts else None
    # places by (source, sentence), made once: a scan of the article's mentions per claim was quadratic
    by_sentence: dict[tuple[str, int], set] = defaultdict(set)
    for sid, ex in extractions.items():
        for m in ex.mentions:
            if m.kind == "place" and m.name.casefold() not in states:
                by_sentence[(sid, m.sentence)].add(place_key(m.name, states))
    out = {}
    for c in claims:
        places = by_sentence.get((c.ref.source, c.ref.sentence), set()) - {None}
        art = articles.get(c.ref.source)
        date = c.date if c.date_precision == "day" else (art.published.value if art and art.published.precision == "day" else None)
        span = interval(date)
        out[c.id] = Context(frozenset(places), main_place.get(c.ref.source), c.ref.source, span[0].toordinal() if span else None)
    names = {k: min(v, key=lambda n: (-v[n], n)) for k, v in shown.items() if v}
    return out, names


def same_incident(a: Context, b: Context) -> str | None:
    """The place two claims are both about, on the same day (within one), or None. In one article
    their sentences must name it (an article may report several incidents); across articles, the
    place each article is mostly about counts too (the report of one incident by two outlets)."""
    if a.day is None or b.day is None or abs(a.day - b.day) > 1:
        return None
    if a.source == b.source:
        shared = a.places & b.places
    else:  # a place the sentence names, else the place its article is about
        shared = set(a.places or {a.main}) & set(b.places or {b.main})
        shared.discard(None)
    return min(shared) if shared else None


# --- the pairs ------------------------------------------------------------------------------------

NEGATION = re.compile(r"\b(not|no|never|n't|nor|without|against|reject\w*|oppos\w*|den(y|ies|ied)|refus\w*)\b", re.I)
TOPICS = {
    "leader-leaves": ("step down", "leave power", "cede power", "quit", "must go", "should leave", "stand down", "resign"),
    "chemical-weapons": ("chemical weapon", "chemical attack", "poison gas", "sarin", "nerve agent", "chlorine"),
    "arms-supply": ("weapon supplies", "arms", "embargo", "s-300", "supply of", "supplies of", "missile"),
    "sanctions": ("sanction",),
    "un-resolution": ("resolution",),
    "intervention": ("interven", "interfere", "foreign help", "invasion"),
}
# The question a topic asks, about its target: how the divergence link reads.
QUESTIONS = {
    "leader-leaves": "Should {target} leave power?",
    "chemical-weapons": "Chemical weapons: is {target} responsible?",
    "arms-supply": "Arms for {target}?",
    "sanctions": "Sanctions on {target}?",
    "un-resolution": "A UN resolution on {target}?",
    "intervention": "Intervention in {target}?",
}


def topics(text: str) -> set[str]:
    low = text.lower()
    return {k for k, pats in TOPICS.items() if any(p in low for p in pats)}


def denies(c: Claim) -> bool:
    return c.negated or c.cue_kind == "deny" or bool(NEGATION.search(c.cue))


def polarity(c: Claim, topic: str) -> bool:
    """False when the claim speaks against the topic: a negated or denying cue, or a negation just
    before the topic's words in the content ("Assad should not step down")."""
    if denies(c):
        return False
    low = c.text.lower()
    for pat in TOPICS[topic]:
        k = low.find(pat)
        if k >= 0 and NEGATION.search(low[max(0, k - 30):k]):
            return False
    return True


def question_for(a: Claim, b: Claim, ctx: Mapping[str, Context], names: Mapping[str, str],
                 figs: Mapping[str, dict], place_names: Mapping[str, str]) -> str | None:
    """The question two claims disagree on, or None when they do not disagree (module docstring)."""
    if not (a.speaker or b.speaker) or (a.speaker or a.speaker_text) == (b.speaker or b.speaker_text):
        return None  # one side at least must be named, and the two sides must differ
    ca, cb = ctx[a.id], ctx[b.id]
    incident = same_incident(ca, cb)
    if incident:
        for q in sorted(set(figs[a.id]) & set(figs[b.id])):
            if disjoint(figs[a.id][q], figs[b.id][q]):
                return f"How many {q} in {place_names.get(incident, incident)}?"
    for x, y in ((a, b), (b, a)):
        if denies(x) and not denies(y) and x.speaker in y.about and incident and incident in (ca.places | cb.places):
            return f"Is {names.get(x.speaker, x.speaker)} responsible, as {names.get(y.speaker, y.speaker)} says?"
    targets = (set(a.about) & set(b.about)) - {a.speaker, b.speaker}
    if targets:
        for t in sorted(topics(a.text) & topics(b.text)):
            if polarity(a, t) != polarity(b, t):
                return QUESTIONS[t].format(target=names.get(sorted(targets)[0], sorted(targets)[0]))
    return None


def disagreements(
    claims: Sequence[Claim], articles: Mapping[str, Article], extractions: Mapping[str, ArticleExtraction],
    names: Mapping[str, str], states: set[str],
) -> dict[str, list[tuple[str, str]]]:
    """claim id -> [(other claim id, question)], both directions. Candidate pairs come from blocks
    (same place, same target actor) so the cost follows the corpus, not its square."""
    ctx, place_names = contexts(claims, articles, extractions, states)
    figs = {c.id: figures(f"{c.cue} {c.text}") for c in claims}  # "put the death toll at" 58
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if figs[c.id]:
            for p in ctx[c.id].places | {ctx[c.id].main}:
                blocks[("place", p)].append(i)
        if not c.speaker:
            continue
        for a in c.about:
            blocks[("about", a)].append(i)
        blocks[("about", c.speaker)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        members = members[-300:]  # a target named in thousands of claims: its latest ones
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for i, j in sorted(pairs):
        a, b = claims[i], claims[j]
        q = question_for(a, b, ctx, names, figs, place_names)
        if q:
            out[a.id].append((b.id, q))
            out[b.id].append((a.id, q))
    return out

"""The questions the corpus argues about, each actor's position on them, and the camps they form.

Built on the claims' topics and about-targets (the same topics as :mod:`.disagreement`, whose
divergence links carry the same question titles):

* **Questions.** A question is a topic about one target actor ("Should Bashar al-Assad leave power?":
  the topic *leader-leaves* about Assad). A claim on a topic asks it about one of the actors its
  content names (a person for a leader leaving, else a state first); a claim on a topic that names
  no target joins the question on that topic whose target its article names. A question is published
  when named speakers of at least two sides take a position on it, or when the curation file names it.
* **Stances.** *against* when the speaker denies or opposes (a negated or denying cue, a negation or
  an opposing verb -- veto, block, halt, protect from -- in the clause before the topic's words);
  *neutral* when the claim reports someone else's view ("Western leaders still maintain that Assad
  should leave") or, for chemical weapons, blames no one; else *for*.
* **Sides.** A position counts for a state when its holder is that state, one of its officials (a
  role "... of <state>", or a description naming the state) or its state media (``STATE_MEDIA``);
  else for the holder itself.
* **Camps.** Sides join one camp when they take the same stance on some question and opposite
  stances on none (greedy, most agreement first); the curation file can set camps instead.

The curation file (``questions:``/``camps:`` in ``dossier.yml``) renames, merges and adds questions
and sets camps; a name it gives that matches no actor or question is reported as a warning with its
file and line.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from ..config import Curation
from ..model import Actor, Camp, Claim, Position, Problem, Question, Source
from ..urls import slugify, unique_slug
from ..extract.actors import canonical_state
from .disagreement import QUESTIONS, TOPICS, denies

# Outlets owned by a state: what they publish in their own voice counts for it.
STATE_MEDIA = {
    "rt": "Russia", "russia today": "Russia", "sputnik": "Russia", "tass": "Russia", "itar-tass": "Russia",
    "ria novosti": "Russia", "rossiya": "Russia", "sana": "Syria", "syrian arab news agency": "Syria",
    "press tv": "Iran", "irna": "Iran", "xinhua": "China", "xinhua news agency": "China", "cctv": "China",
    "anadolu": "Turkey", "anadolu agency": "Turkey", "trt": "Turkey",
}
# Which kind of actor a topic's question is about, in order of preference.
TARGET_KINDS = {"leader-leaves": ("person",), "chemical-weapons": ("person", "armed_group", "state")}
DEFAULT_TARGET_KINDS = ("state", "organisation", "armed_group", "person")

_CLAUSE = re.compile(r"[.;:!?—–]|\bbut\b", re.I)
_OPPOSE = re.compile(
    r"\b(?:not|no|never|nor|without|against|reject\w*|oppos\w*|den(?:y|ies|ied)|refus\w*|veto\w*|block\w*|halt\w*|stop\w*)\b"
    r"|n't\b|\b(?:protect|defend|shield|save)\w*\s[^.;]{0,40}\bfrom\b",
    re.I,
)
# Someone else's view reported inside the content ("Western leaders maintain that ...").
_REPORTED = re.compile(r"\b(?!we\b|i\b)(\w+)\s+(?:still\s+)?(?:maintain|insist|argue|believe|claim|demand)s?\b", re.I)
_BLAME = re.compile(r"\b(?:us(?:e|ed|ing)|behind|responsible|carried out|launch\w*|fired|dropped)\b", re.I)


def stance(c: Claim, topic: str) -> str:
    """``for`` / ``against`` / ``neutral``: the claim's stance on ``topic`` (module docstring)."""
    low = c.text.lower()
    hits = [low.find(p) for p in TOPICS.get(topic, ()) if p in low]
    k = min(hits) if hits else 0
    starts = [m.end() for m in _CLAUSE.finditer(low, 0, k)]
    before = low[starts[-1] if starts else 0:k]
    if denies(c):
        return "against"
    if _REPORTED.search(before):
        return "neutral"
    if _OPPOSE.search(before):
        return "against"
    if topic == "chemical-weapons" and c.cue_kind != "accuse" and not _BLAME.search(before):
        return "neutral"
    return "for"


def sides(actors: Sequence[Actor]) -> dict[str, str]:
    """actor id -> the actor it counts for (module docstring); actors counting for themselves omitted."""
    state_ids = {a.name.casefold(): a.id for a in actors if a.kind == "state"}

    def state_of(name: str | None) -> str | None:
        canon = canonical_state(name) if name else None
        return state_ids.get((canon or name or "").casefold()) if (canon or name) else None

    out: dict[str, str] = {}
    for a in actors:
        if a.kind == "state":
            continue
        found = state_of(STATE_MEDIA.get(a.name.casefold()))
        for r in sorted(a.roles, key=lambda r: (r.start or "", r.title), reverse=True):
            if not found and " of " in r.title:
                found = state_of(r.title.rsplit(" of ", 1)[1])
        if not found and a.description:
            found = next((sid for name, sid in sorted(state_ids.items()) if re.search(rf"\b{re.escape(name)}\b", a.description.casefold())), None)
        if found and found != a.id:
            out[a.id] = found
    return out


def _target(c: Claim, topic: str, kinds: Mapping[str, str], own_side: str | None, popular: Counter) -> str | None:
    cands = [a for a in sorted(set(c.about)) if a in kinds and a not in (c.speaker, own_side)]
    for kind in TARGET_KINDS.get(topic, DEFAULT_TARGET_KINDS):
        of_kind = [a for a in cands if kinds[a] == kind]
        if of_kind:
            return min(of_kind, key=lambda a: (-popular[(topic, a)], a))
    return None


def resolve_questions(
    claims: Sequence[Claim], actors: Sequence[Actor], sources: Sequence[Source], curation: Curation,
) -> tuple[tuple[Question, ...], tuple[Camp, ...], list[Problem]]:
    """The questions (those argued about, and the curated ones), the camps and curation warnings."""
    problems: list[Problem] = []
    kinds = {a.id: a.kind for a in actors}
    names = {a.id: a.name for a in actors}
    by_name = {n.casefold(): a.id for a in actors for n in (a.name, *a.aliases)}
    in_source = {a.id: set(a.sources) for a in actors}
    side_of = sides(actors)
    published = {s.id: s.published for s in sources}

    def side(actor: str | None) -> str | None:
        return side_of.get(actor, actor) if actor else None

    def warn(line: int, key: str, msg: str) -> None:
        problems.append(Problem(f"{curation.path or 'dossier.yml'}:{line}", f"{key}: {msg}", "warning"))

    popular: Counter = Counter()
    on_topic = [(c, t) for c in claims for t in sorted((c.topic or "").split(",")) if t in TOPICS]
    for c, t in on_topic:
        for a in set(c.about) - {c.speaker}:
            popular[(t, a)] += 1
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    loose = []
    for c, t in on_topic:
        tgt = _target(c, t, kinds, side(c.speaker), popular)
        if tgt:
            members[(t, tgt)].add(c.id)
        elif c.speaker:
            loose.append((c, t))
    for c, t in loose:  # a claim naming no target: the question on its topic its article is about
        keys = [k for k in members if k[0] == t and c.source in in_source.get(k[1], ())]
        if keys:
            members[min(keys, key=lambda k: (-len(members[k]), k))].add(c.id)

    def title_of(t: str, tgt: str) -> str:
        return QUESTIONS[t].format(target=names.get(tgt, tgt))

    found = {title_of(t, tgt): (t, tgt, ids) for (t, tgt), ids in members.items()}
    by_id = {c.id: c for c in claims}
    chosen: list[tuple[str, str | None, str | None, set[str], str]] = []  # title, topic, target, claims, evidence
    used: set[str] = set()
    for q in curation.questions:
        ids: set[str] = set()
        topic = q.topic
        target = by_name.get(q.target.casefold()) if q.target else None
        if q.target and not target:
            warn(q.line, "questions.target", f"no actor named {q.target!r}")
        for old in q.replaces:
            if old in found:
                t, tgt, more = found[old]
                ids |= more
                used.add(old)
                topic, target = topic or t, target or tgt
            else:
                warn(q.line, "questions.from", f"no discovered question {old!r} (known: {', '.join(sorted(found)) or 'none'})")
        if q.topic and q.topic not in TOPICS:
            warn(q.line, "questions.topic", f"unknown topic {q.topic!r} (expected one of: {', '.join(TOPICS)})")
        words = [w.casefold() for w in q.words]
        for c in claims:
            low = c.text.casefold()
            on = (q.topic in (c.topic or "").split(",")) if q.topic and not words else (not words or any(w in low for w in words))
            if (q.topic or words) and on and (not target or target in c.about or c.speaker == target):
                ids.add(c.id)
        if not ids:
            warn(q.line, "questions", f"{q.title!r} matches no claim; left out")
            continue
        chosen.append((q.title, topic if topic in TOPICS else None, target, ids, "curation"))
    for title, (t, tgt, ids) in sorted(found.items()):
        if title not in used and len({side(by_id[i].speaker) for i in ids if by_id[i].speaker}) >= 2:
            chosen.append((title, t, tgt, ids, "discovered"))

    questions = []
    taken: set[str] = set()
    for title, topic, target, ids, evidence in chosen:
        qid = unique_slug(slugify(title), taken, key=title)
        taken.add(qid)
        pos = []
        for i in sorted(ids):
            c = by_id[i]
            date, prec = (c.date, c.date_precision) if c.date else (published[c.source].value, published[c.source].precision) if c.source in published else (None, None)
            pos.append(Position(c.id, c.speaker, side(c.speaker), stance(c, topic) if topic else ("against" if denies(c) else "for"), date, prec))
        pos.sort(key=lambda p: (p.date is None, p.date or "", p.claim))
        questions.append(Question(qid, title, topic, target, tuple(pos), evidence))
    questions.sort(key=lambda q: (-len({p.side for p in q.positions if p.side}), -len(q.positions), q.id))
    camps = _camps(questions, curation, by_name, names, warn)
    return tuple(questions), camps, problems


def _camps(questions: Sequence[Question], curation: Curation, by_name, names, warn) -> tuple[Camp, ...]:
    """Curated camps first; then camps discovered among the sides no curated camp holds."""
    out: list[Camp] = []
    taken: set[str] = set()
    for cc in curation.camps:
        ids = []
        for m in cc.members:
            if m.casefold() in by_name:
                ids.append(by_name[m.casefold()])
            else:
                warn(cc.line, "camps.members", f"no actor named {m!r}")
        cid = unique_slug(slugify(cc.name), taken, key=cc.name)
        taken.add(cid)
        out.append(Camp(cid, cc.name, tuple(sorted(set(ids))), "curation"))
    curated = {m for c in out for m in c.members}
    agree: Counter = Counter()
    oppose: set[frozenset] = set()
    for q in questions:
        st = {}
        for p in q.positions:
            if p.side and p.holder and p.stance != "neutral" and p.side not in curated:
                st.setdefault(p.side, set()).add(p.stance)
        for a in st:
            for b in st:
                if a < b:
                    if st[a] & st[b]:
                        agree[(a, b)] += 1
                    if ("for" in st[a] and "against" in st[b]) or ("against" in st[a] and "for" in st[b]):
                        oppose.add(frozenset((a, b)))
    group = {p.side: {p.side} for q in questions for p in q.positions if p.side and p.holder and p.side not in curated}
    for (a, b), _n in sorted(agree.items(), key=lambda kv: (-kv[1], kv[0])):
        ga, gb = group[a], group[b]
        if ga is gb or any(frozenset((x, y)) in oppose for x in ga for y in gb):
            continue
        merged = ga | gb
        for s in merged:
            group[s] = merged
    seen: set[str] = set()
    for g in sorted({frozenset(g) for g in group.values()}, key=lambda g: (-len(g), sorted(g))):
        if len(g) < 2 or g & seen:
            continue
        seen |= g
        name = " and ".join(names.get(s, s) for s in sorted(g, key=lambda s: names.get(s, s)))
        cid = unique_slug(slugify(name), taken, key=name)
        taken.add(cid)
        out.append(Camp(cid, name, tuple(sorted(g))))
    return tuple(out)

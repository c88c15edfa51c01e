"""Event mentions: summits, talks, visits, vetoes, sanctions, offensives... in one parsed article.

An event mention is a trigger word plus what the sentence's syntax ties to it: a date (one of the
``RawDate`` found by ``dates.find_dates``), a place and participants. The rules aim at precision
rather than recall, because every event becomes a page and a point on the timeline:

* **Triggers** are matched by lemma and part of speech: nouns ("summit", "talks", "meeting",
  "conference", "visit", "veto", "offensive", "shelling", "sanctions", "ceasefire", ...) and verbs
  ("meet", "visit", "veto", "shell", "bomb", "invade", "negotiate"; "block" only with a resolution-like
  object). Verbs whose object is itself a trigger noun ("impose sanctions", "hold talks", "attend
  the summit", "sign an agreement") do not make a second event: the noun is the trigger and the
  verb lends its subject and its date. "agreement"/"deal" count only when something is signed,
  reached or struck; "talks" only in the plural ("talk" is speech); press conferences are not
  events.
* **Skipped**: negated triggers ("did not meet", "no talks"), hypothetical ones (a modal other than
  will/shall: "could meet"; "any talks"; "possible talks"; a trigger that is the object of a wish
  or a demand: "called for talks", "wants to meet", "refused to attend the summit").
* **Date**: a resolved date attached to the trigger ("Wednesday's shelling", "the summit on
  Monday", "next week's summit") or to the verb that governs it ("held talks on Tuesday", "met
  Monday"). A date elsewhere in the sentence is not taken: in "X and Y met in Geneva, officials
  said Thursday" Thursday is when it was said.
* **Place**: a GPE/LOC/FAC entity in an "in/at/near X" phrase on the trigger or its verb (searched
  a little way down the trigger's own phrase too: "talks with Cameron in Sochi"), the destination
  of a visit ("visited Damascus", "a visit to Moscow"), the target of an attack when it is a place
  ("the shelling of Homs"), or a place name compounded with the trigger ("the Geneva conference").
* **Participants**: PERSON/ORG/GPE/NORP entities that take part: subject and object of a verb
  trigger, "with X", "between X and Y", "by X", a possessive or compound on the noun ("Putin's
  visit", "EU sanctions", "Russian-US talks"), the target of sanctions or an attack ("sanctions on
  Syria"), and the subject of the verb that holds, attends or imposes the trigger noun. Conjuncts
  are followed ("between Russia and the United States").
* Only events with an anchor (a date, a place or at least one participant) are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .dates import RawDate

__all__ = ["RawEvent", "find_events", "NOUN_TRIGGERS", "VERB_TRIGGERS"]


@dataclass(frozen=True)
class RawEvent:
    """An event mention; all offsets are character offsets into ``doc.text``."""

    trigger: tuple[int, int]
    kind: str
    date: str | None
    precision: str | None
    date_span: tuple[int, int] | None
    place: str | None
    participants: tuple[tuple[int, int], ...]
    sentence: int


NOUN_TRIGGERS = {
    "summit": "summit", "talks": "talks", "negotiations": "talks", "negotiation": "talks",
    "meeting": "meeting", "conference": "conference", "visit": "visit", "trip": "visit",
    "veto": "veto", "offensive": "offensive", "shelling": "shelling", "bombardment": "shelling",
    "bombing": "attack", "airstrike": "attack", "air strike": "attack", "attack": "attack",
    "assault": "attack", "raid": "attack", "massacre": "attack", "sanctions": "sanctions",
    "embargo": "sanctions", "vote": "vote", "referendum": "vote", "election": "election",
    "ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "ceasefire",
    "agreement": "agreement", "deal": "agreement", "accord": "agreement", "treaty": "agreement",
    "announcement": "announcement", "invasion": "offensive",
}  # fmt: skip
VERB_TRIGGERS = {
    "meet": "meeting", "visit": "visit", "veto": "veto", "shell": "shelling", "bomb": "attack",
    "attack": "attack", "invade": "offensive", "negotiate": "talks", "block": "veto",
    "announce": "announcement", "vote": "vote",
}  # fmt: skip

# "block" is a veto only when what is blocked is a text put to a vote.
_BLOCKABLE = {"resolution", "draft", "measure", "motion", "bill", "proposal", "statement", "text"}
# "agreement"/"deal"... are events only when something happens to them.
_AGREEMENT_VERBS = {"sign", "reach", "strike", "conclude", "seal", "broker", "clinch", "agree", "ink", "finalize",
                    "finalise"}
# Verbs that make the trigger noun their own event ("hold talks") and lend subject and date.
_SUPPORT_VERBS = {
    "hold", "attend", "host", "have", "impose", "slap", "launch", "stage", "conduct", "carry",
    "open", "convene", "chair", "join", "begin", "start", "resume", "make", "pay", "sign", "reach",
    "strike", "conclude", "seal", "broker", "clinch", "cast", "announce", "approve", "adopt",
    "extend", "tighten", "lift", "ease", "expand", "order", "mount", "unleash", "step", "declare",
    "agree", "use", "wrap", "end", "finish", "complete", "organise", "organize", "arrange", "lead",
    "go", "come", "travel", "arrive", "return",
}  # fmt: skip
# A trigger under one of these is wished for, demanded or refused: not (yet) an event.
_HYPOTHETICAL_GOVERNORS = {
    "want", "hope", "wish", "try", "seek", "refuse", "decline", "reject", "propose", "suggest",
    "urge", "call", "demand", "consider", "offer", "fail", "ask", "press", "push", "favour",
    "favor", "oppose", "rule", "avoid", "threaten", "need", "encourage", "advocate", "support",
    "back", "insist", "prefer", "envisage", "contemplate", "discuss", "exhort", "persuade",
    "convince", "implore", "beg",
}  # fmt: skip
_OPEN_MODALS = {"would", "could", "might", "may", "should", "can", "ca", "must", "'d"}
_HYPOTHETICAL_DETS = {"no", "any", "every", "each"}
_HYPOTHETICAL_AMODS = {"possible", "potential", "hypothetical", "eventual", "future", "proposed"}
_PARTY_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "on"}
_TARGET_PREPS = {"on", "against", "of"}
_WITH_PREPS = {"with", "between", "among", "by", "of", "from"}


def find_events(doc: Doc, dates: list[RawDate]) -> list[RawEvent]:
    """Event mentions in ``doc`` in text order; ``dates`` are ``find_dates(doc, ...)``'s result."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    date_tokens = _date_token_map(doc, dates)
    out: list[RawEvent] = []
    for tok in doc:
        kind = _trigger_kind(tok)
        if kind is None or _is_negated_or_hypothetical(tok):
            continue
        gov = _governing_verb(tok)
        date = _attached_date(tok, gov, date_tokens)
        place_tok = _place(tok, gov, kind)
        place = _ent_text(place_tok) if place_tok is not None else None
        parts = _participants(tok, gov, kind, exclude=place_tok)
        if date is None and place is None and not parts:
            continue
        out.append(
            RawEvent(
                trigger=(tok.idx, tok.idx + len(tok.text)),
                kind=kind,
                date=date.value if date else None,
                precision=date.precision if date else None,
                date_span=(date.start, date.end) if date else None,
                place=place,
                participants=parts,
                sentence=sent_index.get(tok.sent.start, 0),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Triggers


def _trigger_kind(tok: Token) -> str | None:
    low, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("PERSON", "ORG", "GPE", "DATE"):
        if low == "talks" or (lemma == "talk" and tok.tag_ == "NNS"):
            return "talks"
        if low in ("conference", "conferences") and any(
            c.lower_ in ("news", "press") for c in tok.children if c.dep_ in ("compound", "amod")
        ):
            return None  # a press conference is where things are said, not an event of the story
        if lemma in ("sanction", "sanctions") and low.endswith("s"):
            return "sanctions"
        key = lemma if lemma in NOUN_TRIGGERS else low if low in NOUN_TRIGGERS else None
        if key is None:
            if low == "strike" and any(c.lower_ in ("air", "missile", "drone") for c in tok.children):
                return "attack"
            return None
        kind = NOUN_TRIGGERS[key]
        if kind == "sanctions" and key != "embargo" and not low.endswith("s"):
            return None
        if kind == "agreement" and not _agreement_happens(tok):
            return None
        if kind == "vote" and tok.dep_ == "compound":
            return None  # "vote count", "vote rigging"
        if kind == "attack" and key in ("attack", "assault", "raid") and not _violent(tok):
            return None  # "attacks on a rival" in politics are words
        return kind
    if tok.pos_ == "VERB":
        kind = VERB_TRIGGERS.get(lemma)
        if kind is None:
            return None
        if lemma == "block":
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            if not any(o.lemma_.lower() in _BLOCKABLE for o in objs):
                return None
        if lemma == "attack" and not _violent(tok):
            return None
        if lemma == "meet" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("demand", "need", "target",
                                                                            "requirement", "criteria",
                                                                            "condition", "standard",
                                                                            "expectation", "deadline")
                                   for c in tok.children):
            return None  # "meet the demands"
        if _object_is_trigger(tok):
            return None  # "announced sanctions": the noun is the event
        return kind
    return None


_VIOLENT_MODIFIERS = {
    "terrorist", "terror", "suicide", "chemical", "air", "rocket", "missile", "military", "bomb",
    "gas", "mortar", "armed", "deadly", "militant", "drone", "insurgent", "rebel", "artillery",
    "gun", "knife", "car", "truck", "grenade", "sniper", "ground", "naval", "nuclear", "bloody",
    "fatal", "lethal", "violent", "coordinated", "jihadist", "islamist", "guerrilla", "police",
}  # fmt: skip
_ARMED_SUBJECTS = {
    "troops", "forces", "army", "soldiers", "rebels", "militants", "fighters", "jets", "warplanes",
    "gunmen", "insurgents", "militia", "militias", "aircraft", "planes", "helicopters", "tanks",
    "police", "jihadists", "bombers", "drones", "artillery", "navy", "military",
}  # fmt: skip


def _violent(tok: Token) -> bool:
    """An attack that is physical, not verbal: a violent modifier ("suicide attack"), an armed
    subject ("troops attacked"), or a place where it happened ("the attack in Kabul")."""
    kids = list(tok.children)
    if any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in _VIOLENT_MODIFIERS for c in kids):
        return True
    if tok.pos_ == "VERB":
        subj = [c for c in kids if c.dep_ == "nsubj"]
        if any(s.lower_ in _ARMED_SUBJECTS or any(c.lower_ in _ARMED_SUBJECTS for c in s.children) for s in subj):
            return True
        if any(c.dep_ == "dobj" and c.ent_type_ in _PLACE_LABELS for c in kids):
            return True
    elif tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and any(
            c.lower_ in _ARMED_SUBJECTS for c in tok.head.children if c.dep_ == "nsubj"):
        return True  # "rebels launched an attack"
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("in", "near", "at"):
            if any(p.ent_type_ in _PLACE_LABELS for p in c.children if p.dep_ == "pobj"):
                return True
    return False


def _agreement_happens(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _AGREEMENT_VERBS:
        return True
    if tok.dep_ == "pobj" and head.head.lemma_.lower() in _AGREEMENT_VERBS:
        return True  # "agreed on a deal"
    return any(c.lemma_.lower() in ("sign", "reach", "seal", "conclude") for c in tok.children if c.dep_ in ("acl", "relcl"))


def _object_is_trigger(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "dobj" and (c.lower_ in NOUN_TRIGGERS or c.lemma_.lower() in NOUN_TRIGGERS):
            return True
    return False


# ---------------------------------------------------------------------------------------------
# Negation and hypotheticals


def _is_negated_or_hypothetical(tok: Token) -> bool:
    kids = list(tok.children)
    if any(c.dep_ == "neg" for c in kids):
        return True
    if any(c.dep_ == "det" and c.lower_ in _HYPOTHETICAL_DETS for c in kids):
        return True
    if any(c.dep_ == "amod" and c.lower_ in _HYPOTHETICAL_AMODS for c in kids):
        return True
    verb = tok if tok.pos_ == "VERB" else _governing_verb(tok)
    seen = 0
    while verb is not None and seen < 4:
        vk = list(verb.children)
        if any(c.dep_ == "neg" for c in vk):
            return True
        modals = {c.lower_ for c in vk if c.dep_ == "aux" and c.lower_ in _OPEN_MODALS}
        if modals and not (modals <= {"would", "'d"} and _reported_future(verb)):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in vk):
            return True
        if verb is not tok and verb.lemma_.lower() in _HYPOTHETICAL_GOVERNORS:
            return True
        # an infinitive or complement clause: look at the verb it depends on ("wants to meet")
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i and (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in vk) or verb.dep_ == "xcomp"
        ):
            verb = verb.head
            seen += 1
            if verb.lemma_.lower() in _HYPOTHETICAL_GOVERNORS:
                return True
            continue
        break
    return False


_REPORTING = {"say", "agree", "announce", "decide", "confirm", "state", "report", "add", "tell", "promise",
              "pledge", "indicate", "expect", "predict", "vow"}


def _reported_future(verb: Token) -> bool:
    """'would' as the future of a reported statement ("agreed the meeting would take place in
    Oslo"), not a conditional ("would have meant", "would veto any resolution if ...")."""
    if any(c.lower_ == "have" and c.dep_ == "aux" for c in verb.children):
        return False
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _REPORTING


# ---------------------------------------------------------------------------------------------
# Structure helpers


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose argument (directly or through one preposition) the trigger noun is."""
    if tok.pos_ == "VERB":
        return tok
    cur, steps = tok, 0
    while cur.head.i != cur.i and steps < 3:
        if cur.dep_ not in ("dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "conj", "appos", "oprd", "dative",
                            "npadvmod", "agent"):
            return None
        cur = cur.head
        steps += 1
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ != "conj":
            return None  # the trigger sits inside another noun's phrase ("the outcome of talks")
    return None


def _date_token_map(doc: Doc, dates: list[RawDate]) -> dict[int, RawDate]:
    """Token index -> the resolved date covering it (unresolved dates and durations are ignored)."""
    out: dict[int, RawDate] = {}
    for d in dates:
        if d.value is None:
            continue
        sp = doc.char_span(d.start, d.end, alignment_mode="expand")
        if sp is None:
            continue
        for t in sp:
            out[t.i] = d
    return out


# When the trigger is the subject, only a verb saying that it happens lends its date and place
# ("the summit opens Monday"; not "the conference was agreed this week").
_OCCURRENCE_VERBS = {
    "take", "hold", "begin", "start", "open", "end", "conclude", "close", "happen", "occur",
    "resume", "convene", "continue", "last", "run", "be", "go", "kick", "get", "wrap", "break",
    "come", "fall", "hit", "kill", "strike", "target", "leave", "destroy", "pound",
}  # fmt: skip
_MEETING_KINDS = {"meeting", "talks", "summit", "conference", "visit"}
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}

_DATE_LINK_PREPS = {"on", "in", "at", "during", "since", "until", "till", "by", "from", "for", "over", "through",
                    "before", "after", "as", "of", "throughout"}
_DATE_LINK_VERBS = {"start", "begin", "end", "schedule", "plan", "set", "due", "slate", "open", "close"}


def _anchors(tok: Token, gov: Token | None) -> list[Token]:
    """The tokens whose dates and places are the event's: the trigger, the verb it is an argument
    of (for a subject trigger only a verb of occurrence), and a relative clause of occurrence on a
    trigger noun ("the conference, which will take place by the end of the month")."""
    out = [tok]
    if gov is not None and gov is not tok:
        if tok.dep_ not in ("nsubj", "nsubjpass") or gov.lemma_.lower() in _OCCURRENCE_VERBS:
            out.append(gov)
    if tok.pos_ != "VERB":
        for c in tok.children:
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _OCCURRENCE_VERBS | _DATE_LINK_VERBS:
                out.append(c)
    return out


def _attached_date(tok: Token, gov: Token | None, date_tokens: dict[int, RawDate]) -> RawDate | None:
    """A resolved date syntactically attached to the trigger (first) or its governing verb."""
    if not date_tokens:
        return None
    anchors = _anchors(tok, gov)
    best: tuple[int, int, RawDate] | None = None
    for i, d in date_tokens.items():
        t = tok.doc[i]
        if t.sent.start != tok.sent.start:
            continue
        # walk from the date token up to a verb or to an anchor
        cur, steps = t, 0
        while steps < 4:
            for rank, a in enumerate(anchors):
                if cur.i == a.i and cur.i != t.i:
                    cand = (rank, abs(t.i - tok.i), d)
                    if best is None or cand[:2] < best[:2]:
                        best = cand
            if cur.head.i == cur.i:
                break
            nxt = cur.head
            if nxt.pos_ in ("VERB", "AUX") and all(nxt.i != a.i for a in anchors):
                # a participle in the trigger's phrase ("the summit starting Monday") passes on
                if nxt.lemma_.lower() in _DATE_LINK_VERBS and nxt.dep_ in ("acl", "relcl") and (
                    nxt.head.i in {a.i for a in anchors}
                ):
                    cur = nxt
                    steps += 1
                    continue
                break
            if cur.dep_ == "pobj" and cur.head.lower_ not in _DATE_LINK_PREPS:
                break
            cur = nxt
            steps += 1
    return best[2] if best else None


def _ent_of(tok: Token) -> Span | None:
    """The entity holding ``tok``, read off the IOB tags around it (``doc.ents`` rebuilds every
    entity of the document on each access: per token that was quadratic in the article)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type)


def _ent_text(tok: Token) -> str | None:
    e = _ent_of(tok)
    if e is None:
        return None
    text = e.text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return text or None


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in _PLACE_LABELS


def _is_party(tok: Token) -> bool:
    return tok.ent_type_ in _PARTY_LABELS


def _with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conjuncts(c))
    return out


# ---------------------------------------------------------------------------------------------
# Place


def _place(tok: Token, gov: Token | None, kind: str) -> Token | None:
    # destination of a visit
    if kind == "visit":
        for c in tok.children:
            if c.dep_ == "dobj" and _is_place(c):
                return c
            if c.dep_ == "prep" and c.lower_ in ("to", "in"):
                for p in c.children:
                    if p.dep_ == "pobj" and _is_place(p):
                        return p
    # target of an attack or a shelling that is a place ("the shelling of Homs")
    if kind in ("attack", "shelling", "offensive"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS | {"in"}:
                for p in c.children:
                    if p.dep_ == "pobj" and _is_place(p):
                        return p
            if c.dep_ == "dobj" and _is_place(c):
                return c
    # compound place name: "the Geneva conference", "the Sochi talks" (a state in that position
    # says who takes part or what it is about: "the Syria talks")
    for c in tok.children:
        if c.dep_ == "compound" and _is_place(c) and not _is_state(c):
            return c
    # "in/at X" on the trigger, its verb, or a little way down the trigger's phrase
    for anchor in _anchors(tok, gov):
        for p in _prep_objects(anchor, _PLACE_PREPS - {"on"}):
            if _is_place(p):
                return p
    # "Washington, where he is scheduled to meet Obama"
    cur = tok if tok.pos_ == "VERB" else gov
    for _ in range(3):
        if cur is None or cur.head.i == cur.i:
            break
        if cur.dep_ == "relcl" and any(c.lower_ == "where" for c in cur.children) and _is_place(cur.head):
            return cur.head
        if cur.dep_ not in ("xcomp", "ccomp", "advcl", "relcl"):
            break
        cur = cur.head
    for p in _prep_objects_deep(tok, _PLACE_PREPS - {"on"}, depth=3):
        if _is_place(p):
            return p
    return None


def _is_state(tok: Token) -> bool:
    """Whether a GPE names a sovereign state (the actors module's table), not a city or region."""
    if tok.ent_type_ != "GPE":
        return False
    try:
        from .actors import state_table

        names, _ = state_table()
    except Exception:  # the table is optional for this module: without it no GPE is a state
        return False
    text = _ent_text(tok) or ""
    return text.casefold() in names


_PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "capital", "port", "state",
                "county", "area", "suburb", "neighbourhood", "neighborhood", "island", "enclave", "governorate"}


def _prep_objects(anchor: Token, preps: set[str]) -> list[Token]:
    """Objects of ``preps`` on ``anchor``, with conjuncts; "the city of Homs" gives Homs."""
    out = []
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    for x in _with_conjuncts(p):
                        out.append(_named_place(x))
    return out


def _named_place(tok: Token) -> Token:
    if tok.ent_type_ or tok.lemma_.lower() not in _PLACE_NOUNS:
        return tok
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ in _PLACE_LABELS:
                    return p
    return tok


def _prep_objects_deep(tok: Token, preps: set[str], depth: int) -> list[Token]:
    """pobj of ``preps`` in the trigger's own phrase, not crossing clauses."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "appos"):
                    continue
                if c.dep_ == "prep" and c.lower_ in preps:
                    out.extend(p for p in c.children if p.dep_ == "pobj")
                nxt.append(c)
        frontier = nxt
    return out


# ---------------------------------------------------------------------------------------------
# Participants


def _participants(tok: Token, gov: Token | None, kind: str, exclude: Token | None) -> tuple[tuple[int, int], ...]:
    found: list[Token] = []

    def add(t: Token) -> None:
        for x in _with_conjuncts(t):
            found.extend(_party_tokens(x))

    if tok.pos_ == "VERB":
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.lower_ in _RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    add(tok.head)  # "Russia, which vetoed ..."
                else:
                    add(c)
            elif c.dep_ == "dobj" and not (kind == "visit" and _is_place(c)):
                add(c)
            elif c.dep_ == "prep" and c.lower_ in _WITH_PREPS | {"agent"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(p)
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(p)
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "travelled to Sochi to meet Cameron", "After meeting Putin, Cameron will ...": the
            # subject of the clause the trigger hangs on takes part
            cur = tok
            for _ in range(4):
                if cur.dep_ not in ("xcomp", "advcl", "pcomp", "prep", "acomp") or cur.head.i == cur.i:
                    break
                cur = cur.head
                subj = [c for c in cur.children if c.dep_ == "nsubj"]
                if subj:
                    add(subj[0])
                    break
    else:
        for c in tok.children:
            if c.dep_ == "poss":
                add(c)
            elif c.dep_ in ("compound", "amod") and c.ent_type_ in _PARTY_LABELS:
                add(c)
            elif c.dep_ == "prep" and (c.lower_ in _WITH_PREPS or (c.lower_ in _TARGET_PREPS and kind in (
                    "sanctions", "attack", "shelling", "offensive", "veto"))):
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(p)
        # the subject of the verb that holds/attends/imposes the trigger noun
        if gov is not None and gov.lemma_.lower() in _SUPPORT_VERBS and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
            for c in gov.children:
                if c.dep_ in ("nsubj", "agent"):
                    add(c if c.dep_ == "nsubj" else next((p for p in c.children if p.dep_ == "pobj"), c))
                if c.dep_ == "prep" and c.lower_ == "with" and c.i != tok.i:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            add(p)
        # "X said after/during talks with Y": X took part
        if (kind in _MEETING_KINDS and tok.dep_ == "pobj" and gov is not None
                and tok.head.lower_ in ("after", "during", "at", "following", "in")):
            for c in gov.children:
                if c.dep_ == "nsubj":
                    add(c)
    spans: list[tuple[int, int]] = []
    for t in found:
        if exclude is not None and _ent_of(t) is not None and _ent_of(t) == _ent_of(exclude):
            continue
        e = _ent_of(t)
        if e is None:
            continue
        sp = _trim_ent(e)
        if sp not in spans:
            spans.append(sp)
    return tuple(sorted(spans))


def _party_tokens(t: Token) -> list[Token]:
    """The entity named by a participant phrase: its head, or a name in apposition / of-phrase
    ("the leaders of Russia and China", "British Prime Minister David Cameron")."""
    if _is_party(t):
        return [t]
    out = []
    for c in t.children:
        if c.dep_ in ("compound", "appos", "poss") and _is_party(c):
            out.append(c)
        if c.dep_ == "amod" and c.ent_type_ == "NORP" and t.tag_ == "NNS":
            out.append(c)  # "Syrian troops", "Russian diplomats" (not "the Democratic candidate")
    return out


def _trim_ent(e: Span) -> tuple[int, int]:
    """Character span of an entity without a leading 'the' or a trailing possessive."""
    start, end = e.start_char, e.end_char
    text = e.text  # the span's own text (doc.text would be rebuilt from every token)
    if text.lower().startswith("the "):
        start += 4
        text = text[4:]
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            end -= len(suffix)
            text = text[: -len(suffix)]
    return start, end

"""The arguments of an event mention: the verb that governs a trigger noun, its date, its place and
its participants.

* **Date**: a resolved date attached to the trigger ("Wednesday's shelling", "the summit on
  Monday", "next week's summit") or to the verb that governs it ("held talks on Tuesday", "met
  Monday"). A date elsewhere in the sentence is not taken: in "X and Y met in Geneva, officials
  said Thursday" Thursday is when it was said.
* **Place**: a GPE/LOC/FAC entity in an "in/at/near X" phrase on the trigger or its verb (searched
  a little way down the trigger's own phrase too: "talks with Cameron in Sochi"), the destination
  of a visit ("visited Damascus", "a visit to Moscow"), the target of an attack when it is a place
  ("the shelling of Homs", "pounded Aleppo"), "the town of X", or a place name compounded with the
  trigger ("the Geneva conference").
* **Participants**: PERSON/ORG/GPE/NORP entities that take part: subject and object of a verb
  trigger, "with X", "between X and Y", "by X", a possessive or compound on the noun ("Putin's
  visit", "EU sanctions", "Russian-US talks"), the target of sanctions or an attack ("sanctions on
  Syria"), and the subject of the verb that holds, attends or imposes the trigger noun. Conjuncts
  are followed ("between Russia and the United States").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

import datetime as dt

from ...isodate import WEEKDAY_NAMES
from ..dates import RawDate
from ..dates.normalise import normalise
from . import lexicon as L

_WEEKDAY_POSSESSIVES = {f"{d.casefold()}s": d for d in WEEKDAY_NAMES}

# ---------------------------------------------------------------------------------------------
# Structure helpers


def governing_verb(tok: Token) -> Token | None:
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


def _plausible_year(value: str, published: dt.date | None) -> bool:
    try:
        year = int(value[:4])
    except ValueError:
        return False
    latest = (published.year if published else dt.date.today().year) + 5
    return 1900 <= year <= latest


def weekday_possessive(tok: Token, published: dt.date | None) -> RawDate | None:
    """ "Thursdays air raids", "Tuesdays attack": a weekday's possessive written without its apostrophe
    (the NER does not take it for a date), resolved like "Thursday's"."""
    if tok.pos_ == "VERB":
        return None
    for c in tok.children:
        day = _WEEKDAY_POSSESSIVES.get(c.lower_)
        if day and c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < tok.i:
            value, precision, note = normalise(day, published)
            if value:
                return RawDate(c.idx, c.idx + len(c.text), c.text, value, precision, note or "weekday possessive")
    return None


def date_token_map(doc: Doc, dates: list[RawDate], published: dt.date | None = None) -> dict[int, RawDate]:
    """Token index -> the resolved date covering it (unresolved dates and durations are ignored, and
    so is a year far from the publication: "Get short URL 3214" dates nothing)."""
    out: dict[int, RawDate] = {}
    for d in dates:
        if d.value is None or not _plausible_year(d.value, published):
            continue
        sp = doc.char_span(d.start, d.end, alignment_mode="expand")
        if sp is None:
            continue
        for t in sp:
            out[t.i] = d
    return out




def _anchors(tok: Token, gov: Token | None) -> list[Token]:
    """The tokens whose dates and places are the event's: the trigger, the verb it is an argument
    of (for a subject trigger only a verb of occurrence), and a relative clause of occurrence on a
    trigger noun ("the conference, which will take place by the end of the month")."""
    out = [tok]
    if gov is not None and gov is not tok:
        if tok.dep_ not in ("nsubj", "nsubjpass") or gov.lemma_.lower() in L.OCCURRENCE_VERBS:
            out.append(gov)
    if tok.pos_ != "VERB":
        for c in tok.children:
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in L.OCCURRENCE_VERBS | L.DATE_LINK_VERBS:
                out.append(c)
    return out


def attached_date(tok: Token, gov: Token | None, date_tokens: dict[int, RawDate]) -> RawDate | None:
    """A resolved date syntactically attached to the trigger (first) or its governing verb."""
    if not date_tokens:
        return None
    anchors = _anchors(tok, gov)
    best: tuple[int, int, RawDate] | None = None
    sent = tok.sent
    # only the trigger's sentence: looking through every date token of the article for each trigger
    # was quadratic (a 200,000-character article: 49 s of 70; bench/bigarticle.py)
    if sent.end - sent.start < len(date_tokens):
        near = [(i, date_tokens[i]) for i in range(sent.start, sent.end) if i in date_tokens]
    else:
        near = [(i, d) for i, d in date_tokens.items() if sent.start <= i < sent.end]
    for i, d in near:
        t = tok.doc[i]
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
                if nxt.lemma_.lower() in L.DATE_LINK_VERBS and nxt.dep_ in ("acl", "relcl") and (
                    nxt.head.i in {a.i for a in anchors}
                ):
                    cur = nxt
                    steps += 1
                    continue
                break
            if cur.dep_ == "pobj" and cur.head.lower_ not in L.DATE_LINK_PREPS:
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


def ent_text(tok: Token) -> str | None:
    e = _ent_of(tok)
    if e is None:
        if not _named_by_noun(tok):
            return None
        words = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
        e = tok.doc[(words[0].i if words else tok.i) : tok.i + 1]
    text = e.text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return text or None


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in L.PLACE_LABELS or _named_by_noun(tok)


def _named_by_noun(tok: Token) -> bool:
    """A proper name a place noun introduces ("the town of Khan Sheikhun"): a place whatever the
    entity recogniser calls it."""
    if tok.pos_ != "PROPN":
        return False
    if tok.dep_ == "appos":
        return tok.head.lemma_.lower() in L.PLACE_NOUNS  # "Syrian city Aleppo"
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    return tok.head.head.lemma_.lower() in L.PLACE_NOUNS


def _is_party(tok: Token) -> bool:
    return tok.ent_type_ in L.PARTY_LABELS


def _with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conjuncts(c))
    return out


# ---------------------------------------------------------------------------------------------
# Place


def place(tok: Token, gov: Token | None, kind: str) -> Token | None:
    # destination of a visit
    if kind == "visit":
        for c in tok.children:
            if c.dep_ == "dobj" and _is_place(c):
                return c
            if c.dep_ == "prep" and c.lower_ in ("to", "in"):
                for p in c.children:
                    if p.dep_ == "pobj" and _is_place(p):
                        return p
    # target of an attack or a shelling that is a place ("the shelling of Homs", "pounded the town of X")
    if kind in ("attack", "shelling", "offensive", "evacuation"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in L.TARGET_PREPS | {"in", "near", "from"}:
                for p in c.children:
                    if p.dep_ == "pobj" and _is_place(_named_place(p)):
                        return _named_place(p)
            if c.dep_ in ("dobj", "nsubjpass") and _is_place(_named_place(c)):
                return _named_place(c)
    # compound place name: "the Geneva conference", "the Sochi talks" (a state in that position
    # says who takes part or what it is about: "the Syria talks")
    for c in tok.children:
        if c.dep_ == "compound" and _is_place(c) and not _is_state(c):
            return c
    # "in/at X" on the trigger, its verb, or a little way down the trigger's phrase
    for anchor in _anchors(tok, gov):
        for p in _prep_objects(anchor, L.PLACE_PREPS - {"on"}):
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
    for p in _prep_objects_deep(tok, L.PLACE_PREPS - {"on"}, depth=3):
        if _is_place(p):
            return p
    # "air strikes killed 20 people in the city of Idlib", "killed in a blast at a checkpoint in Azaz":
    # where the casualties were is where the attack was
    if kind in ("attack", "shelling") and gov is not None and gov.lemma_.lower() in L.CASUALTY_VERBS:
        for p in _prep_objects_deep(gov, {"in", "at", "near"}, depth=5):
            if _is_place(p):
                return p
    return None


def place_in(tok: Token) -> Token | None:
    """The place a place is said to be in: "Khan Sheikhoun in Idlib province", "Douma, east of
    Damascus" (gives the province, the city)."""
    ent = _ent_of(tok)
    toks = list(ent) if ent is not None else [tok]
    for c in (c for t in toks for c in t.children if c.i < toks[0].i or c.i > toks[-1].i):
        if c.dep_ == "prep" and c.lower_ in ("in", "of", "near", "outside"):
            for p in c.children:
                if p.dep_ == "pobj":
                    q = _named_place(p)
                    if _is_place(q):
                        return q
                    for cc in p.children:  # "east of Damascus", "Idlib province"
                        if cc.dep_ == "compound" and _is_place(cc):
                            return cc
    return None


def _is_state(tok: Token) -> bool:
    """Whether a GPE names a sovereign state (the actors module's table), not a city or region."""
    if tok.ent_type_ != "GPE":
        return False
    try:
        from ..actors import state_table

        names, _ = state_table()
    except Exception:  # the table is optional for this module: without it no GPE is a state
        return False
    text = ent_text(tok) or ""
    return text.casefold() in names




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
    """The name of a place noun: "the city of Homs" and "Idlib province" give Homs and Idlib."""
    if tok.ent_type_ or tok.lemma_.lower() not in L.PLACE_NOUNS:
        return tok
    for c in tok.children:
        if c.dep_ == "compound" and c.ent_type_ in L.PLACE_LABELS:
            return c
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            return c  # "Syrian city Aleppo"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and (p.ent_type_ in L.PLACE_LABELS or _named_by_noun(p)):
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
                    out.extend(_named_place(p) for p in c.children if p.dep_ == "pobj")
                nxt.append(c)
        frontier = nxt
    return out


# ---------------------------------------------------------------------------------------------
# Participants


def participants(tok: Token, gov: Token | None, kind: str, exclude: Token | None) -> tuple[tuple[int, int], ...]:
    found: list[Token] = []

    def add(t: Token) -> None:
        for x in _with_conjuncts(t):
            found.extend(_party_tokens(x))

    if tok.pos_ == "VERB":
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.lower_ in L.RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                    add(tok.head)  # "Russia, which vetoed ..."
                else:
                    add(c)
            elif c.dep_ == "dobj" and not (kind == "visit" and _is_place(c)):
                add(c)
            elif c.dep_ == "prep" and c.lower_ in L.WITH_PREPS | {"agent"}:
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
            elif c.dep_ in ("compound", "amod") and c.ent_type_ in L.PARTY_LABELS:
                add(c)
            elif c.dep_ == "prep" and (c.lower_ in L.WITH_PREPS or (c.lower_ in L.TARGET_PREPS and kind in (
                    "sanctions", "attack", "shelling", "offensive", "veto"))):
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(p)
        # the subject of the verb that holds/attends/imposes the trigger noun
        if gov is not None and gov.lemma_.lower() in L.SUPPORT_VERBS and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
            for c in gov.children:
                if c.dep_ in ("nsubj", "agent"):
                    add(c if c.dep_ == "nsubj" else next((p for p in c.children if p.dep_ == "pobj"), c))
                if c.dep_ == "prep" and c.lower_ == "with" and c.i != tok.i:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            add(p)
        # "X said after/during talks with Y": X took part
        if (kind in L.MEETING_KINDS and tok.dep_ == "pobj" and gov is not None
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

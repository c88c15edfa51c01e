"""Trigger words: which token of a parse names an event, and of which kind.

Nouns and verbs are matched by lemma and part of speech (``lexicon.NOUN_TRIGGERS``,
``lexicon.VERB_TRIGGERS``). Some words are events only in a certain company: "strike" and
"operation" need a modifier saying what kind ("air strikes", "a military operation"); "attack",
"assault", "raid" and the verbs of taking ground ("seized", "pounded") need something violent about
them (a violent modifier, an armed subject, a place as object or location) -- "attacks on a rival" in
politics are words; "agreement"/"deal" count only when signed, reached or struck; "talks" only in
the plural; a press conference is where things are said, not an event. A verb whose object is itself
a trigger noun ("hold talks", "launched an offensive") leaves the event to the noun.

:func:`label` gives the words a title can be made of ("chemical attack", "air strikes").
"""

from __future__ import annotations

from spacy.tokens import Token

from . import lexicon as L

_NOUN_POS = ("NOUN", "PROPN")


def trigger_kind(tok: Token) -> str | None:
    """The event kind ``tok`` names, or None."""
    if tok.pos_ in _NOUN_POS and tok.ent_type_ not in ("PERSON", "ORG", "GPE", "DATE", "NORP"):
        return _noun_kind(tok)
    if tok.pos_ == "VERB":
        return _verb_kind(tok)
    return None


def _noun_kind(tok: Token) -> str | None:
    low, lemma = tok.lower_, tok.lemma_.lower()
    if low == "talks" or (lemma == "talk" and tok.tag_ == "NNS"):
        return "talks"
    if low in ("conference", "conferences") and any(
        c.lower_ in ("news", "press") for c in tok.children if c.dep_ in ("compound", "amod")
    ):
        return None
    if lemma in ("sanction", "sanctions") and low.endswith("s"):
        return "sanctions"
    key = lemma if lemma in L.NOUN_TRIGGERS else low if low in L.NOUN_TRIGGERS else None
    if key is None:
        return _modified_kind(tok, low, lemma)
    kind = L.NOUN_TRIGGERS[key]
    if kind == "sanctions" and key != "embargo" and not low.endswith("s"):
        return None
    if kind == "agreement" and not _agreement_happens(tok):
        return None
    if kind == "vote" and tok.dep_ == "compound":
        return None  # "vote count", "vote rigging"
    if tok.dep_ == "compound" and kind not in ("attack", "shelling"):
        return None  # "the summit agenda", "the siege lines": the head noun is what is spoken of
    if key in ("attack", "assault", "raid", "blast", "explosion") and not violent(tok):
        return None
    return kind


def _modified_kind(tok: Token, low: str, lemma: str) -> str | None:
    for word in (low, lemma):
        if word in L.MODIFIED_NOUN_TRIGGERS:
            kind, modifiers = L.MODIFIED_NOUN_TRIGGERS[word]
            if not modifiers:
                return kind if tok.tag_ == "NNS" or word == "battle" else None
            mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
            if mods & modifiers or (word == "strike" and violent(tok)):
                return kind
            if word == "operation" and any(c.dep_ == "compound" and c.ent_type_ for c in tok.children):
                return None
    return None


def _verb_kind(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    kind = L.VERB_TRIGGERS.get(lemma)
    if kind is None:
        return None
    kids = list(tok.children)
    if lemma == "block" and not any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in L.BLOCKABLE for c in kids
    ):
        return None
    if (lemma == "attack" or lemma in L.ARMED_VERBS) and not violent(tok):
        return None
    if kind == "offensive" and lemma not in ("invade", "besiege") and not _takes_ground(tok):
        return None  # "captured gas masks" is no capture of a place
    if lemma == "meet" and any(c.dep_ == "dobj" and c.lemma_.lower() in L.MEET_NON_EVENT_OBJECTS for c in kids):
        return None
    if any(c.dep_ == "dobj" and (c.lower_ in L.NOUN_TRIGGERS or c.lemma_.lower() in L.NOUN_TRIGGERS) for c in kids):
        return None  # "launched an offensive": the noun is the event
    return kind


def violent(tok: Token) -> bool:
    """An attack that is physical, not verbal: a violent modifier ("suicide attack"), an armed
    subject ("troops attacked"), a place as object ("pounded Aleppo"), or a place where it happened
    ("the attack in Kabul")."""
    kids = list(tok.children)
    if any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in L.VIOLENT_MODIFIERS for c in kids):
        return True
    if tok.pos_ == "VERB":
        subj = [c for c in kids if c.dep_ in ("nsubj", "agent")]
        subj += [p for c in kids if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if any(_armed(s) for s in subj):
            return True
        if any(c.dep_ in ("dobj", "nsubjpass") and _place_like(c) for c in kids):
            return True
    elif tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and any(
            _armed(c) for c in tok.head.children if c.dep_ == "nsubj"):
        return True  # "rebels launched an attack"
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("in", "near", "at", "on", "against", "by"):
            if any(_place_like(p) or _armed(p) for p in c.children if p.dep_ == "pobj"):
                return True
    return False


def _takes_ground(tok: Token) -> bool:
    """A verb of taking ground whose object (or passive subject) is a place or a piece of ground."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objs:
        return any(c.dep_ == "agent" for c in tok.children)  # "seized by rebels earlier this month"
    return any(_place_like(o) or o.lemma_.lower() in L.GROUND or o.lower_ in L.GROUND for o in objs)


def _armed(t: Token) -> bool:
    if t.lower_ in L.ARMED_SUBJECTS or t.lemma_.lower() in L.ARMED_SUBJECTS:
        return True
    if t.ent_type_ == "NORP" and t.dep_ == "nsubj":
        return False
    return any(c.lower_ in L.ARMED_SUBJECTS for c in t.children if c.dep_ in ("compound", "amod"))


def _place_like(t: Token) -> bool:
    if t.ent_type_ in L.PLACE_LABELS:
        return True
    if t.lemma_.lower() in L.PLACE_NOUNS:
        return True
    return False


def _agreement_happens(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in L.AGREEMENT_VERBS:
        return True
    if tok.dep_ == "pobj" and head.head.lemma_.lower() in L.AGREEMENT_VERBS:
        return True  # "agreed on a deal"
    return any(c.lemma_.lower() in ("sign", "reach", "seal", "conclude") for c in tok.children if c.dep_ in ("acl", "relcl"))


def indefinite(tok: Token) -> bool:
    """A mention that brings in an event ("an attack", "a deadly raid", "air strikes killed"), not
    one referring back to an event already named ("the attack", "Tuesday's strike", "it")."""
    if tok.pos_ == "VERB":
        return False
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    if dets:
        return dets[0] in ("a", "an", "another", "some", "several", "two", "three")
    return tok.tag_ == "NNS" and not any(c.dep_ == "nummod" or c.ent_type_ == "DATE" for c in tok.children)


def label(tok: Token, kind: str) -> str:
    """Words naming the event (lower case but for acronyms: "UN sanctions") in a title: the trigger with the modifiers that say what
    kind it is ("chemical attack", "air strikes", "suicide bombing"); a verb gives its noun."""
    if tok.pos_ == "VERB":
        return _VERB_LABEL.get(tok.lemma_.lower(), kind)
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i
            and c.lower_ in L.LABEL_MODIFIERS]
    words = [c.text if c.is_upper and len(c.text) > 1 else c.lower_ for c in sorted(mods, key=lambda c: c.i)[-2:]]
    head = {"airstrike": "air strike", "airstrikes": "air strikes"}.get(tok.lower_, tok.lower_)
    if words and words[-1] == "air" and head.startswith("air "):
        words = words[:-1]
    return " ".join(words + [head])


_VERB_LABEL = {
    "meet": "meeting", "visit": "visit", "veto": "veto", "shell": "shelling", "bomb": "bombing",
    "attack": "attack", "invade": "invasion", "negotiate": "talks", "block": "veto", "vote": "vote",
    "pound": "bombardment", "strike": "strike", "besiege": "siege", "capture": "capture",
    "seize": "capture", "recapture": "recapture", "retake": "recapture", "storm": "assault",
    "evacuate": "evacuation",
}  # fmt: skip

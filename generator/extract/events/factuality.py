"""Factuality: did the event an article mentions happen, as the article tells it?

Every event mention gets one status: ``happened``, ``planned`` (scheduled, expected, postponed),
``hypothetical`` (conditional, wished for, called for, threatened, proposed), ``negated`` ("did not
meet", "no talks took place", "failed to capture") or ``prevented`` (cancelled, blocked, "shielded
from sanctions"). It is read off the parse, walking from the trigger up through the words that
govern it, and the nearest marker decides:

* on the trigger itself: "no"/"any" ("no talks", "any attack"), a status adjective ("the planned
  offensive", "a possible strike", "the cancelled summit");
* on each governing verb: a negation, an open modal ("could", "would" -- unless it is the future of
  a reported decision: "agreed the meeting would take place"), the future ("will meet"), a
  condition ("if ... attacked"), "was to"; and the verb's meaning (``lexicon.PREVENTING``,
  ``PLANNING``, ``WISHING``, ``FAILING``);
* on a governing noun: "calls for talks", "the threat of an attack", "plans for a summit".

The walk stops at the content clause of a reporting verb ("officials said the summit ...": what
was said is judged on its own), at a preposition of time or circumstance ("has not changed its
stance following his meeting": the meeting took place) and at another noun's phrase ("the process
of peace talks"). A verb the trigger is the subject or a prepositional object of lends its meaning
("called for talks") but its negation and modals only when it says whether the event takes place
("the talks did not take place"; not "the attack cannot be tolerated", "would not comment on the
attack"). Finally, an event dated after the article was published is planned.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from ...isodate import interval
from . import lexicon as L

STATUSES = ("happened", "planned", "hypothetical", "negated", "prevented")

_UP_DEPS = {"dobj", "pobj", "prep", "xcomp", "nsubjpass", "nsubj", "attr", "conj", "pcomp", "acomp", "oprd",
            "agent", "dative", "appos", "compound", "advcl", "ccomp", "npadvmod"}


def status(tok: Token, date: str | None = None, published: dt.date | None = None) -> str:
    """The factual status of the event mention triggered by ``tok`` (see the module docstring)."""
    found = _local(tok)
    weak = found == "weak"
    if found is None or weak:
        found = _governors(tok)
    if found is None and weak:
        found = "hypothetical"
    if found is None and tok.pos_ == "VERB" and _bare_infinitive(tok):
        found = "planned"  # "Kerry and Lavrov to meet in Switzerland"
    if found is None:
        found = "happened"
        span = interval(date)
        if span and published and span[0] > published:
            found = "planned"
    return found


def _local(tok: Token) -> str | None:
    kids = list(tok.children)
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "to") and tok.head.head.lower_ in ("ahead", "prior"):
        return "planned"  # "ahead of the summit"
    if tok.pos_ != "VERB":
        for c in kids:
            low = c.lower_
            if c.dep_ == "det" and low == "no":
                return "negated"
            if c.dep_ in ("amod", "compound", "advmod"):
                if low in L.PREVENTED_AMODS:
                    return "prevented"
                if low in L.PLANNED_AMODS:
                    return "planned"
                if low in L.HYPOTHETICAL_AMODS:
                    return "hypothetical"
        if any(c.dep_ == "det" and c.lower_ in L.HYPOTHETICAL_DETS for c in kids):
            return "weak"
    return None


def _verb_marker(verb: Token, own: bool) -> str | None:
    """What the auxiliaries and markers of ``verb`` say ("did not", "could", "will", "if")."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return "negated"
    auxes = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    modals = auxes & L.OPEN_MODALS
    if modals:
        if modals <= {"would", "'d"} and _reported_future(verb):
            return "planned"
        if modals <= {"would", "'d"} and any(c.lower_ == "have" for c in kids if c.dep_ == "aux"):
            return "hypothetical"
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in L.CONDITIONAL_MARKS for c in kids):
        return "hypothetical"
    if auxes & L.FUTURE_AUX:
        return "planned"
    if "to" in auxes and auxes & {"was", "were", "is", "are"}:
        return "hypothetical"  # "if the area were to fall"
    if "going" in auxes and "to" in auxes:
        return "planned"
    return None


def _meaning(word: Token, via_infinitive: bool) -> str | None:
    lemma = word.lemma_.lower()
    if lemma in L.FAILING:
        return "negated"
    if lemma in L.PREVENTING:
        return "prevented"
    if lemma in L.PLANNING or (via_infinitive and lemma in L.PLANNING_INFINITIVE):
        return "planned"
    if lemma in L.WISHING or word.lower_ in L.WISHING:
        return "hypothetical"
    if word.pos_ in ("NOUN", "PROPN") and (lemma in L.PLANNING_NOUNS or word.lower_ in L.PLANNING_NOUNS):
        return "planned"
    return None


def _governors(tok: Token) -> str | None:
    cur, steps = tok, 0
    came_by = None
    while steps < 6:
        if cur.pos_ in ("VERB", "AUX") and (came_by not in ("nsubj", "nsubjpass", "prep")
                                            or cur.lemma_.lower() in L.HAPPENING_VERBS):
            m = _verb_marker(cur, cur is tok)
            if m:
                return m
        if cur is not tok and came_by not in ("nsubj", "conj", "advcl"):
            m = _meaning(cur, came_by == "xcomp")
            if m:
                return m
            if cur.pos_ in ("NOUN", "PROPN") and came_by in ("pobj", "prep", "compound"):
                return None  # inside another noun's phrase: "the process of peace talks" is not the talks
        if cur.head.i == cur.i or cur.dep_ not in _UP_DEPS:
            return None
        if cur.dep_ == "prep" and cur.lower_ in L.ADJUNCT_PREPS:
            return None
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in L.SPEECH:
            return None  # what was said is judged on its own
        if cur.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ in L.CONDITIONAL_MARKS for c in cur.children):
            return None
        if cur.dep_ == "compound" and cur.head.pos_ not in ("NOUN", "PROPN"):
            return None
        came_by = cur.dep_
        cur = cur.head
        steps += 1
    return None


def _bare_infinitive(verb: Token) -> bool:
    """A to-infinitive on its own (a headline's future, "X to meet Y"), not the complement or the
    purpose of another verb ("agreed to meet", "travelled to Sochi to meet")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.dep_ in ("ROOT", "ccomp", "relcl", "acl", "parataxis")


def _reported_future(verb: Token) -> bool:
    """'would' as the future of a reported statement ("agreed the meeting would take place in
    Oslo"), not a conditional ("would have meant", "would veto any resolution if ...")."""
    if any(c.lower_ == "have" and c.dep_ == "aux" for c in verb.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in L.CONDITIONAL_MARKS for c in verb.children):
        return False
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in L.REPORTING

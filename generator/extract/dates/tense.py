"""The tense of the verb governing a date span: it decides the direction of an underspecified date.

"Wednesday" or "in May" written in an article of Monday 17 June 2013 is the most recent one
(12 June, May 2013) unless the verb governing it is future ("will meet on Wednesday" -> 19 June).
A simple present, an open modal, a planning verb in the past, a deadline cue ("by", "until",
"payable", "effective") or no verb at all reads the *nearest* such date ("the rights expire
Nov. 21", "the Jan. 14 deadline"); "since" always reads the past (``normalise``). On TempEval-3
this policy is worth six points of value accuracy over "always past" (0.864 against 0.802, see
``tests/eval/tempeval.py``). The cue words are in ``lexicon.py``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import (
    DEADLINE_CUES, FORWARD_VERBS, FUTURE_ADJ, FUTURE_GOVERNORS, FUTURE_MODALS, FUTURE_WORDS, OPEN_MODALS,
    PRESENT_AUX,
)  # fmt: skip


def tense_of(span: Span) -> str:
    """``"future"``, ``"present"``, ``"past"`` or ``"none"`` for the verb governing a date span.

    * future: a modal will/shall/'ll on the verb or on the verb whose infinitive complement it is
      ("will travel to Berlin to meet Merkel on Wednesday"), "going to", "is to", "due/set to",
      a governing verb of planning in the present ("plans a rally on Saturday", "set for May"),
      a verb that moves a date ("postponed until July"), or a present progressive ("is meeting
      on Monday") unless the date only modifies a noun;
    * present (read as the nearest date): a simple present ("the rights expire Nov. 21",
      headlines), an open modal (would/could/may...: reported plans), a planning verb in the past
      ("planned a rally on Saturday": either side of publication);
    * past: a past-tense verb or participle without any of the above;
    * none: no verb governs the span (a caption, "the Jan. 14 deadline", "payable Dec. 15").
    """
    tok = span.root
    steps = 0
    via_noun = False  # the date modifies a noun ("the June agreement", "Thursday's price")
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 8:
        if tok.pos_ == "ADJ" and tok.lower_ in FUTURE_ADJ:
            return "future"
        if steps > 0 and tok.pos_ in ("NOUN", "PROPN") and tok.i not in range(span.start, span.end):
            via_noun = True
        tok = tok.head
        steps += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return "none"
    t = _verb_tense(tok)
    if via_noun and t == "future:progressive":
        return "past"  # "is raising questions about Monday's debate": the noun's time, not the verb's
    return t.split(":")[0]


def _verb_tense(tok: Token) -> str:
    """Tense of a verb token, climbing from infinitives to their governor (see tense_of)."""
    for _ in range(5):
        kids = list(tok.children)
        auxes = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
        if set(auxes) & FUTURE_MODALS:
            return "future"
        if tok.lemma_ in FORWARD_VERBS and any(c.dep_ == "prep" and c.lower_ in ("to", "until", "till")
                                                 for c in kids):
            return "future"
        if tok.lemma_ in ("set", "slate", "schedule") and any(c.dep_ == "prep" and c.lower_ == "for" for c in kids):
            return "future"  # "a summit set for April"
        if tok.lemma_ in FUTURE_GOVERNORS:
            # "plans/will schedule a vote on Monday" looks ahead; "planned a rally on Friday" or
            # "set Friday as the deadline" may be either side of publication: the nearest.
            if tok.tag_ in ("VBD", "VBN") and not set(auxes) & PRESENT_AUX:
                return "present"
            return "future"
        if set(auxes) & OPEN_MODALS:
            return "present"
        if tok.tag_ == "VBG" and tok.lemma_ == "go" and any(c.dep_ == "xcomp" for c in kids):
            return "future"  # "is going to meet"
        infinitive = "to" in auxes or tok.tag_ == "VB"
        if infinitive and tok.dep_ in ("xcomp", "advcl", "ccomp", "conj", "acl", "relcl") and tok.head.i != tok.i:
            head = tok.head
            if head.lemma_ in FUTURE_GOVERNORS or head.lower_ in FUTURE_ADJ:
                return "future"
            tok = head  # "agreed to meet on Monday": the tense is the governor's
            continue
        if tok.tag_ == "VBG":
            if {"was", "were", "been"} & set(auxes):
                return "past"
            if set(auxes) & PRESENT_AUX:
                return "future:progressive"
            if tok.dep_ in ("xcomp", "advcl", "acl", "conj", "ccomp") and tok.head.i != tok.i:
                # "the meeting starting Monday will ...": the tense of the clause around it
                tok = tok.head
                steps = 0
                while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
                    tok = tok.head
                    steps += 1
                if tok.pos_ not in ("VERB", "AUX"):
                    return "none"
                continue
            return "none"
        if tok.tag_ in ("VBD", "VBN"):
            if tok.tag_ == "VBN" and set(auxes) & PRESENT_AUX:
                return "present"  # "is expected", "is scheduled" handled above; passive present
            return "past"
        if tok.tag_ in ("VBZ", "VBP"):
            if tok.lemma_ == "be" and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in kids):
                return "future"  # "is to meet"
            return "present"
        if tok.tag_ == "VB":
            return "present"  # imperative or bare infinitive
        if tok.tag_ == "MD":
            return "future" if tok.lower_ in FUTURE_MODALS else "present"
        break
    return "past"


def _deadline_cue(span: Span) -> bool:
    doc = span.doc
    before = doc[max(0, span.start - 3) : span.start]
    words = [t.lower_ for t in before]
    if words and words[-1] in DEADLINE_CUES:
        return True
    if " ".join(words[-3:]) in DEADLINE_CUES or " ".join(words[-2:]) in DEADLINE_CUES:
        return True
    head = span.root.head
    return head.i != span.root.i and head.lower_ in DEADLINE_CUES


def span_tense(span: Span) -> str:
    """Tense used to resolve ``span``: explicit future words, then the governing verb, then
    deadline cues that turn a past reading into the nearest one."""
    low = span.text.lower()
    if FUTURE_WORDS.search(low):
        return "future"
    t = tense_of(span)
    if t == "past" and _deadline_cue(span):
        return "present"
    if t == "none" and _deadline_cue(span):
        return "present"
    return t


_POLICY = {"past": "past", "future": "future", "present": "present", "none": "present"}


def policy(tense: str) -> str:
    """How each verb tense reads an underspecified date (measured on TempEval-3, see tests/eval):
    a simple present or no verb at all reads the nearest date, past the most recent, future the
    next one."""
    return _POLICY.get(tense, "past")

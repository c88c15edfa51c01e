"""Cues that open a claim: "according to X" and the reporting/stance verbs of the lexicon."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import _EVIDENCE_HEADS, _LEX
from .names import _Actors
from .patterns import _adjacent_quote
from .quotes import _Quotes
from .records import _Cand
from .clauses import _clause_before, _content, _cue_span, _subject, _trim, _undateline


# Verbs of criticism that are as often physical ("attacked the convoy"): speech only when the object
# is an actor (a person, an organisation, a people) or something said or decided.
_PHYSICAL_TOO = {"attack", "slam"}
_VERBAL_OBJECTS = set(
    "policy policies decision decisions remark remarks statement statements plan plans stance position "
    "comment comments approach idea proposal proposals move moves report claim claims resolution "
    "government administration leadership regime president minister critics west bill law laws record ad ads "
    "campaign speech deal agreement budget tax taxes program programme strategy rhetoric opponent rival".split()
)


def _verbal_object(verb: Token) -> bool:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return any(o.ent_type_ in ("PERSON", "ORG", "NORP") or o.pos_ in ("PRON", "PROPN") or o.lemma_.lower() in _VERBAL_OBJECTS
               or any(c.dep_ == "poss" for c in o.children) for o in objs)


def _is_according_to(doc: Doc, tok: Token) -> bool:
    return tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"


def _according_to(doc: Doc, tok: Token, quotes: _Quotes, actors: _Actors) -> _Cand | None:
    """'according to X': X speaks; the longer side of the sentence is the content."""
    to = doc[tok.i + 1]
    if quotes.at(tok.idx) >= 0:
        return None
    pobj = [c for c in to.children if c.dep_ == "pobj"]
    if not pobj:
        nxt = tok.i + 2
        if nxt < len(doc) and doc[nxt].pos_ in ("PROPN", "NOUN", "PRON"):
            pobj = [doc[nxt]]
        else:
            return None
    src = pobj[0]
    sent = actors.sents[actors.sent_of[tok.i]]
    phrase_a = tok.i
    phrase_b = max(src.right_edge.i, to.i)
    before = _trim(doc, sent.start, phrase_a - 1) if phrase_a > sent.start else None
    after = _trim(doc, phrase_b + 1, sent.end - 1) if phrase_b + 1 < sent.end else None
    if before and after:
        content = before if (before[1] - before[0]) >= (after[1] - after[0]) else after
    else:
        content = before or after
    if content is None:
        return None
    return _Cand(tok, _cue_span(tok, [to]), "according_to", src, content, False)


def _verb_claim(doc: Doc, tok: Token, quotes: _Quotes, actors: _Actors) -> _Cand | None:
    """A cue verb of the lexicon (or "made clear") with its subject as speaker and its content."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
        return None
    lemma = tok.lemma_.lower()
    entry = _LEX.get(lemma)
    extra_cue: list[Token] = []
    if entry is None:
        if lemma == "make":  # "made clear (that ...)"
            clear = [c for c in tok.children if c.lower_ in ("clear", "plain")]
            if not clear:
                return None
            entry = ("say", "C", ())
            extra_cue = clear
        else:
            return None
    if quotes.at(tok.idx, closed_only=True) >= 0:
        # speech reported inside a quotation belongs to the quoted speaker (a quotation
        # never closed does not count: its end is a guess)
        return None
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "amod"):
        return None  # "the plan backed by ...", "a group called ..."
    kind, modes, preps = entry
    subj = _subject(tok, actors.sents[actors.sent_of[tok.i]].start)
    if subj is None:
        return None
    subj = _undateline(subj)
    if subj.lower_ in ("that", "which", "what", "this", "there"):
        return None
    if subj.pos_ == "NUM" and not any(c.dep_ == "prep" for c in subj.children):
        return None  # "Six in 10 say ..." is a speaker; a bare number is not
    if "E" in modes and subj.lemma_.lower() not in _EVIDENCE_HEADS:
        return None
    content = None
    for c in extra_cue:  # "made clear that": the clause may hang on "clear"
        if content is None:
            content, _ = _content(doc, c, "C", (), quotes, set())
    extra: list[Token] = []
    if content is None:
        content, extra = _content(doc, tok, modes, preps, quotes, {c.i for c in extra_cue})
    extra_cue = extra_cue + extra
    via_quote = False
    if content is None and "C" in modes:
        content = _clause_before(doc, tok)
    if content is None and ("C" in modes or "Q" in modes):
        content = _adjacent_quote(doc, tok, subj, quotes, actors)
        via_quote = content is not None
    if content is None:
        return None
    if lemma in ("think", "believe", "feel", "hope", "expect", "fear", "doubt", "want"):
        if subj.lower_ in ("i", "we", "you"):
            return None  # the writer's or an unnamed voice's aside
    if lemma == "call" and not extra:
        kind = "describe"  # "called him a liar"
    if lemma in _PHYSICAL_TOO and not _verbal_object(tok):
        return None  # "rebels attacked the convoy", "jets slammed into the building": no speech
    return _Cand(tok, _cue_span(tok, extra_cue), kind, subj, content, False, via_quote)

"""Spans over the parse: subjects, content clauses, cue spans, trimming and noun-phrase bounds."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .lexicon import _LEX
from .quotes import _QUOTE_BOTH, _QUOTE_CLOSE, _QUOTE_OPEN, _Quotes


def _subject(v: Token, sent_start: int = 0) -> Token | None:
    """The verb's subject, inherited along conj / xcomp / participle advcl chains."""
    seen = 0
    first = v
    while seen < 4:
        subs = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if subs:  # "LONDON (Reuters) - Donald Trump said": the one nearest the verb
            return min(subs, key=lambda c: abs(c.i - v.i))
        for c in v.children:
            if c.dep_ == "nsubjpass":
                return None
        if v is first and v.dep_ == "ROOT":
            # "As part of his plea, Marcel Lazar, 44, said": the name hangs elsewhere
            k = v.i - 1
            while k >= sent_start and (v.doc[k].is_punct or v.doc[k].dep_ == "appos"
                                         and v.doc[k].pos_ == "NUM" or v.doc[k].dep_ == "advmod"
                                         and v.doc[k].head.i == v.i):
                k -= 1
            if k >= sent_start and k < v.i:
                t = v.doc[k]
                while t.dep_ in ("appos",) and t.pos_ == "NUM":
                    t = t.head
                if t.pos_ in ("PROPN", "NOUN") and t.dep_ in ("appos", "pobj", "npadvmod"):
                    return t
            return None
        if v.dep_ in ("conj", "xcomp") and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
        elif v.dep_ == "advcl" and v.tag_ == "VBG" and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
        else:
            return None
        seen += 1
    return None


def _span_of(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok.text)


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    """Token range [a, b] without edge punctuation or a leading complementizer."""
    while a <= b and (doc[a].is_punct and doc[a].text not in _QUOTE_OPEN + _QUOTE_BOTH
                      or doc[a].is_space or doc[a].lower_ == "that" and doc[a].dep_ == "mark"):
        a += 1
    while b >= a and (doc[b].is_punct and doc[b].text not in _QUOTE_CLOSE + _QUOTE_BOTH
                      or doc[b].is_space):
        b -= 1
    if a > b:
        return None
    return doc[a].idx, doc[b].idx + len(doc[b].text)


def _cue_span(v: Token, extra: list[Token]) -> tuple[int, int]:
    toks = [v] + extra
    return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def _content(doc: Doc, v: Token, modes: str, preps: tuple[str, ...], quotes: _Quotes,
             skip: set[int]) -> tuple[tuple[int, int] | None, list[Token]]:
    """Content span (chars) of cue verb ``v`` and any extra cue tokens (particles)."""
    extra: list[Token] = []
    parts: list[Token] = []
    kids = list(v.children)  # spaCy walks the subtree for every .children: once per verb
    ccomp = [c for c in kids if c.i not in skip and (
        c.dep_ == "ccomp" or c.dep_ == "csubj" and c.i > v.i and v.pos_ == "ADJ")]
    if "C" not in modes and "O" not in modes:
        ccomp = []
    if "C" in modes and ccomp:
        parts = ccomp[-1:] if ccomp[-1].i > v.i else ccomp[:1]
        if "O" in modes:  # "reiterated Russia's support for X that ...": the object leads
            objs = [c for c in kids if c.dep_ == "dobj" and v.i < c.i < parts[0].i]
            parts = objs[:1] + parts
    if "C" in modes and not parts:
        # "added the UK, Russia and the US should ...": a clause the parser split in two
        objs = [c for c in kids if c.dep_ == "dobj" and c.i > v.i]
        if objs:
            cl = [c for c in kids if c.dep_ in ("advcl", "conj") and c.i > objs[0].i
                  and c.pos_ in ("VERB", "AUX")
                  and any(g.dep_ == "aux" and g.tag_ == "MD" for g in c.children)
                  and not any(g.dep_ == "mark" for g in c.children)]
            if cl:
                parts = [objs[0], cl[0]]
    if not parts and "X" in modes:
        xs = [c for c in kids if c.dep_ == "xcomp"]
        if xs:
            objs = [c for c in kids if c.dep_ == "dobj"]
            parts = objs + xs
    if not parts and "O" in modes:
        objs = [c for c in kids if c.dep_ in ("dobj", "ccomp")]
        if objs:
            parts = objs
            for c in kids:
                if c.dep_ == "prep" and c.lower_ in preps:
                    parts.append(c)
    if not parts and "P" in modes:
        for c in kids:
            if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in preps:
                extra.append(c)
                pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if pobj:
                    parts = pobj
                else:
                    # "called on X to do": the object hangs on the verb
                    parts = [g for g in kids if g.dep_ in ("dobj", "xcomp", "ccomp")]
                break
    if not parts and "N" in modes:
        objs = [c for c in kids if c.dep_ == "dobj" and c.i > v.i]
        if objs:
            pred = [c for c in kids if c.i > objs[0].i and (
                c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp", "npadvmod", "dobj")
                or c.dep_ == "prep" and c.lower_ in preps)]
            if not pred:  # "called Clinton a liar" parsed as dobj + appos / nested
                pred = [c for c in objs[0].children if c.dep_ in ("appos", "oprd")]
            if pred:
                parts = [objs[0]] + pred
    if not parts and "L" in modes:
        objs = [c for c in kids if c.dep_ == "dobj" and c.i > v.i]
        if objs and objs[0].right_edge.i - objs[0].left_edge.i >= 3 and any(
                t.pos_ in ("VERB", "AUX") for t in objs[0].subtree):
            parts = objs[:1]
    if not parts and "P" in modes and not any(m in modes for m in "CXO"):
        return None, extra
    if parts:
        a = min(p.left_edge.i for p in parts)
        b = max(p.right_edge.i for p in parts)
        # "... , while 22 percent said ..." / "... as activists reported ...": a trailing
        # contrast clause is the writer's, not the speaker's
        last = max(parts, key=lambda p: p.i)
        for c in last.children:
            if c.dep_ == "advcl" and c.i > last.i and any(
                    g.dep_ == "mark" and g.lower_ in ("while", "whereas", "as") for g in c.children):
                if c.lower_ != "as" and any(g.dep_ == "mark" and g.lower_ == "as"
                                            for g in c.children) and not _has_cue(c):
                    continue
                b = min(b, c.left_edge.i - 1)
        # keep the cue and subject out (e.g. an xcomp spanning back over the verb)
        if a <= v.i <= b:
            a = v.i + 1
        return _trim(doc, a, b), extra
    return None, extra


def _has_cue(tok: Token) -> bool:
    return any(t.lemma_.lower() in _LEX and t.pos_ == "VERB" for t in tok.subtree)


def _clause_before(doc: Doc, v: Token) -> tuple[int, int] | None:
    """'<content>, the official said' / '<content>, experts claim, <content>': the reporting
    clause hangs on the content's verb. The content is that verb's clause; a reporting clause in
    the middle stays inside the span (one span per claim)."""
    h = v.head
    if h.i == v.i:
        return None
    if v.dep_ == "conj":
        # '<content>, a senior official said' parsed as a coordinated clause: only with a
        # subject of its own ("X said A, but made clear B" shares one and is not this)
        if h.i > v.i or not any(c.dep_ == "nsubj" for c in v.children):
            return None
    elif v.dep_ not in ("parataxis", "ccomp"):
        return None
    a = h.left_edge.i
    if h.i < v.i:
        b = v.left_edge.i - 1
    elif v.left_edge.i > a:  # a parenthetical reporting clause inside its content
        b = h.right_edge.i
    else:
        return None
    if b - a < 2:
        return None
    return _trim(doc, a, b)


def _undateline(subj: Token) -> Token:
    """'LONDON (Reuters) - Donald Trump said': the parser makes the dateline the subject and the
    real subject its apposition."""
    if len(subj.text) > 1 and subj.text.isupper():
        app = [c for c in subj.children if c.dep_ == "appos" and c.i > subj.i]
        dash = any(t.text in ("-", "—", "–", "--") for t in subj.subtree)
        if app and dash:
            return app[-1]
    return subj


_GAP_RE = re.compile(r"^[\s,.;:—–-]*$")


def _is_attribution_gap(gap: str) -> bool:
    # only punctuation, or the cue sentence itself ("," he said. ") already covered by end
    if _GAP_RE.match(gap):
        return True
    # '"...," Cameron said Thursday. "..."': a date or place after the cue
    g = gap.strip()
    return len(g.split()) <= 3 and g[-1:] in ".,:;" and not any(q in g for q in "\"“”")


# ---------------------------------------------------------------------------------------------
# Speakers


def _np_bounds(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``tok`` without relative clauses/appositions."""
    a = tok.i
    b = tok.i
    for c in tok.children:
        if c.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj", "advmod", "prep") and c.i > tok.i:
            if c.dep_ == "prep" and c.lower_ == "of":
                b = max(b, c.right_edge.i)
            if c.dep_ == "conj":
                b = max(b, c.i)
            continue
        if c.i < tok.i:
            if c.dep_ in ("punct",):
                continue
            a = min(a, c.left_edge.i)
        else:
            b = max(b, c.right_edge.i)
    doc = tok.doc
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].ent_type_ in ("DATE", "TIME")):
        a += 1
    while b > a and (doc[b].is_punct or doc[b].is_space):
        b -= 1
    return a, b

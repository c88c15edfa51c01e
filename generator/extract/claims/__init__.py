"""Claim attribution: who said (or wants, denies, accuses...) what, found in one parsed article.

``find_claims(doc)`` reads a spaCy ``Doc`` (parsed once by ``load_nlp()``; no second ``nlp()`` call)
and returns ``RawClaim`` objects whose offsets are CHARACTER offsets into ``doc.text``.

How it works, and why this way (measured on PolNeAR, see ``tests/eval/polnear.py``):

1. Quotations are found on the characters, paragraph by paragraph, before looking at the parse:
   curly quotes open/close, a straight ``"`` toggles, a closing mark with no opener starts the
   quote at the paragraph start, and an opener never closed runs to the paragraph end (the press
   convention for a quotation continued in the next paragraph). The parser is unreliable inside
   long quotations; the characters are not.
2. Cues are verbs from a small lexicon (by lemma) plus a few fixed phrases ("according to",
   "made clear", "called for", "spoken against"), each with the kinds of content it can take: a
   reporting verb needs a clause or a quotation ("added 200 jobs" is not speech), a stance verb
   takes its object ("backed the idea"), "called" needs "for"/"on" ("a group called X" is not a
   claim). A cue inside a quotation or inside another claim's content is not reported on its
   own: its words belong to the outer speaker's claim (PolNeAR annotates no nesting either).
3. The speaker is the subject (also after the verb: "said the official"), inherited along
   ``conj`` / ``xcomp`` / participle ``advcl`` ("..., saying ..."), or the object of "according to".
4. Pronoun and role speakers are resolved without a coreference model and without gender:
   he/she -> the person who spoke last (recent sentences), else the last person named;
   "it"/"they" -> the last organisation or group that spoke; a role ("the British PM",
   "the Russian leader") -> the person introduced with a compatible title (head noun and
   nationality agree; "leader"/"head" match any title of that nationality), else the most recent
   person with no conflicting title; "the official" -> an earlier anonymous official, which
   stays anonymous.

Everything is one or two linear passes over tokens (subtree bounds come from
``left_edge``/``right_edge``, which spaCy precomputes), so the cost is small next to parsing.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .cues import _according_to, _is_according_to, _verb_claim
from .names import _Actors
from .patterns import _colon_claims, _dash_claims, _drop_nested, _headline_claims, _quote_content, _tail_claims
from .quotes import _in_open_quote, _quote_spans, _Quotes
from .records import RawClaim, _Cand
from .speakers import _resolve

__all__ = ["RawClaim", "find_claims"]


def find_claims(doc: Doc) -> list[RawClaim]:
    """Every attribution in ``doc``: speaker, cue and content as character offsets into doc.text.

    Claims come in text order of their cue. Nested reported speech stays inside the outer claim.
    """
    actors = _Actors(doc)
    text = actors.text
    # '' and `` (typewriter quotes, e.g. the New York Times archive) count as one double quote
    qtext = text.replace("''", '"\u2060').replace("``", '"\u2060') if (
        "''" in text or "``" in text) else text
    quotes = _Quotes(_quote_spans(qtext))
    cands: list[_Cand] = []

    for tok in doc:
        if _is_according_to(doc, tok):
            cand = _according_to(doc, tok, quotes, actors)
        else:
            cand = _verb_claim(doc, tok, quotes, actors)
        if cand is not None:
            cands.append(cand)

    cands.extend(_tail_claims(doc, {c.verb.i for c in cands}, actors))
    cands.extend(_colon_claims(doc, quotes, actors))
    cands.extend(_headline_claims(doc, {c.verb.i for c in cands}, actors))
    cands.extend(_dash_claims(doc, qtext, quotes, actors))
    cands.sort(key=lambda c: c.cue[0])
    cands = _drop_nested(cands)
    cands = _quote_content(qtext, cands, quotes)
    # a quotation left open by a stray mark can stretch over the reporting verb itself: such a claim
    # would report the wrong words and is dropped (a closed quotation split by "he said" is fine)
    cands = [c for c in cands if not (c.content[0] < c.cue[1] and c.cue[0] < c.content[1] and _in_open_quote(quotes, c.cue[0]))]
    return _resolve(doc, cands, actors)

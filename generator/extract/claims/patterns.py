"""Claim patterns beyond the cue verb: tail attributions ("..., X said"), colon and dash quotations,
headline claims, quotations next to their cue, and dropping claims nested in another claim."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from .lexicon import _EVIDENCE_HEADS, _LEX, _SAY, _TITLE_WORDS
from .names import _Actors
from .quotes import _quotation_above, _Quotes, _strip_quote
from .records import _Cand
from .clauses import _is_attribution_gap, _span_of, _trim

_TAIL_NP_POS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "PRON"}


def _tail_claims(doc: Doc, taken: set[int], actors: _Actors) -> list[_Cand]:
    """'<content>, the poll found.' / '..., records show.' / '..., said the official.' when the
    parser did not make the reporting verb the head (a relative clause, a noun "show").

    A token pattern on the tail of the sentence after its last comma: a short noun phrase and a
    reporting verb (either order), then at most a few adverbial words.
    """
    out: list[_Cand] = []
    for sent in actors.sents:
        if sent.end - sent.start < 6:
            continue
        toks = [t for t in sent[-16:] if not t.is_space]
        first = sent[0]
        end = len(toks)
        while end and (toks[end - 1].is_punct or toks[end - 1].is_space):
            end -= 1
        comma = -1
        for k in range(end - 1, max(-1, end - 12), -1):
            if toks[k].text == ",":
                comma = k
                break
        if comma < 0:
            cand = _tail_without_comma(doc, toks[:end], first, taken)
            if cand is not None:
                out.append(cand)
            continue
        if toks[comma].i - first.i < 3:
            continue
        tail = toks[comma + 1:end]
        cue_at = -1
        for k, t in enumerate(tail):
            entry = _LEX.get(t.lemma_.lower()) or _LEX.get(t.lower_.rstrip("s"))
            if entry and ("C" in entry[1]) and t.tag_ not in ("VBG",):
                cue_at = k
                break
        if cue_at < 0 or tail[cue_at].i in taken:
            continue
        cue = tail[cue_at]
        np_toks = tail[:cue_at]
        if not np_toks:  # inverted: "said the official"
            np_toks = []
            for t in tail[cue_at + 1:]:
                if t.pos_ in _TAIL_NP_POS or t.text in ("'s", "’s", "-"):
                    np_toks.append(t)
                else:
                    break
            rest = tail[cue_at + 1 + len(np_toks):]
        else:
            rest = tail[cue_at + 1:]
        if not np_toks or len(np_toks) > 8 or not all(
                t.pos_ in _TAIL_NP_POS or t.text in ("'s", "’s", "-") for t in np_toks):
            continue
        if len(rest) > 5 or any(t.pos_ in ("VERB", "AUX") for t in rest):
            continue
        heads = [t for t in np_toks if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if not heads:
            continue
        head = heads[-1]
        if "E" in _LEX[cue.lemma_.lower() if cue.lemma_.lower() in _LEX else cue.lower_.rstrip("s")][1] \
                and head.lemma_.lower() not in _EVIDENCE_HEADS:
            continue
        content = _trim(doc, first.i, toks[comma - 1].i)
        if content is None:
            continue
        kind = (_LEX.get(cue.lemma_.lower()) or _LEX[cue.lower_.rstrip("s")])[0]
        out.append(_Cand(cue, _span_of(cue), kind, head, content, False,
                         speaker_span=(np_toks[0].idx, np_toks[-1].idx + len(np_toks[-1].text))))
    return out


_SAY_TAIL = {"say", "tell", "report", "add", "confirm", "announce", "state", "claim", "write", "tweet", "warn", "note"}


def _tail_without_comma(doc: Doc, toks: list[Token], first: Token, taken: set[int]) -> _Cand | None:
    """'<content> the World Health Organization said on Wednesday.' with the comma lost (scraped text
    that dropped its punctuation): a reporting verb at the end of the sentence with no object or
    clause of its own, right after its subject -- a name or a noun phrase -- which closes the content.
    """
    for k in range(len(toks) - 1, max(-1, len(toks) - 6), -1):
        cue = toks[k]
        if cue.pos_ != "VERB" or cue.lemma_.lower() not in _SAY_TAIL or cue.i in taken or cue.tag_ == "VBG":
            continue
        if any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative") for c in cue.children):
            return None
        if any(t.pos_ in ("VERB", "AUX") for t in toks[k + 1:]):
            return None
        subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
        if subj is None or subj.pos_ not in ("PROPN", "NOUN") or subj.i != cue.i - 1 - sum(
                1 for t in doc[subj.i + 1:cue.i] if t.dep_ in ("advmod", "aux", "neg")):
            return None
        np_start = subj.left_edge.i
        if np_start - first.i < 4 or doc[np_start - 1].pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "DET"):
            return None
        content = _trim(doc, first.i, np_start - 1)
        if content is None:
            return None
        kind = (_LEX.get(cue.lemma_.lower()) or (_SAY, "", ()))[0]
        return _Cand(cue, _span_of(cue), kind, subj, content, False,
                     speaker_span=(doc[np_start].idx, subj.idx + len(subj.text)))
    return None


def _lex_word(word: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Lexicon entry of an inflected form without the tagger ("Says", "Denies", "Told")."""
    w = word.lower()
    irregular = {"said": "say", "told": "tell", "thought": "think", "sought": "seek"}
    for cand in (irregular.get(w), w, w[:-1] if w.endswith("s") else None,
                 w[:-3] + "y" if w.endswith("ies") else None,
                 w[:-2] if w.endswith("es") else None, w[:-1] if w.endswith("ed") else None,
                 w[:-2] if w.endswith("ed") else None):
        if cand and cand in _LEX:
            return _LEX[cand]
    return None


def _headline_claims(doc: Doc, taken: set[int], actors: _Actors) -> list[_Cand]:
    """Title-case headlines: 'Glenn Beck Says Trump Poses A Threat To Democracy'. The tagger
    reads such lines as strings of proper nouns, so the cue is found by its word form."""
    out: list[_Cand] = []
    text = actors.text
    for sent in actors.sents:
        if sent.end - sent.start > 45 or (sent.start_char and text[sent.start_char - 1] != "\n"):
            continue
        toks = [t for t in sent if not t.is_space]
        words = [t for t in toks if t.is_alpha]
        if not 3 <= len(words) <= 25:
            continue
        if sum(t.text[0].isupper() for t in words) < 0.75 * len(words):
            continue
        line_start = text.rfind("\n", 0, toks[0].idx) + 1
        if line_start != toks[0].idx:
            continue
        for k, t in enumerate(toks[1:6], start=1):
            entry = _lex_word(t.text) if t.is_alpha and t.text[0].isupper() else None
            if entry is None or t.i in taken or entry[0] == "describe":
                continue
            spk = toks[:k]
            if not any(x.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for x in spk):
                break
            rest = toks[k + 1:]
            while rest and rest[-1].is_punct:
                rest = rest[:-1]
            if len(rest) < 2:
                break
            content = (rest[0].idx, rest[-1].idx + len(rest[-1].text))
            out.append(_Cand(t, _span_of(t), entry[0], spk[-1], content, False,
                             speaker_span=(spk[0].idx, spk[-1].idx + len(spk[-1].text))))
            break
    return out


def _colon_claims(doc: Doc, quotes: _Quotes, actors: _Actors) -> list[_Cand]:
    """'Bernie Sanders: I'm Not Much Of A Socialist' (headlines) and 'pollster Daron Shaw:
    “...”': a named speaker, a colon, then what they said."""
    out: list[_Cand] = []
    text = actors.text
    for ent in actors.ents:
        if ent.label_ not in ("PERSON", "ORG") or ent.end >= len(doc):
            continue
        colon = doc[ent.end]
        if colon.text != ":":
            continue
        line_start = text.rfind("\n", 0, ent.start_char) + 1
        before = doc.char_span(line_start, ent.start_char, alignment_mode="expand")
        at_line_start = line_start == ent.start_char or (
            before is not None and len(before) <= 4 and all(
                t.is_title or t.is_upper or t.is_punct for t in before))
        nxt = colon.i + 1
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt >= len(doc):
            continue
        q = quotes.at(doc[nxt].idx + 1)
        if q >= 0 and quotes.spans[q][0] == doc[nxt].idx:
            content = quotes.spans[q][:2]
        elif at_line_start and ent.label_ == "PERSON":
            end = text.find("\n", colon.idx)
            end = len(text) if end < 0 else end
            content = (doc[nxt].idx, end)
            if len(text[content[0]:content[1]].split()) < 3:
                continue
        else:
            continue
        spk_start = line_start if at_line_start else ent.start_char
        head = ent.root
        out.append(_Cand(colon, _span_of(colon), "say", head, content, False,
                         speaker_span=(spk_start, ent.end_char)))
    return out


_DASHES = {"-", "--", "—", "–", "―"}


def _dash_claims(doc: Doc, text: str, quotes: _Quotes, actors: _Actors) -> list[_Cand]:
    """Signature lines: '"...quotation..."' then '- Bernie Sanders.' on its own line, or a
    tweet ending '... — Paul Ryan (@SpeakerRyan) July 5, 2016'."""
    out: list[_Cand] = []
    for ent in actors.ents:
        if ent.label_ != "PERSON":
            continue
        i = ent.start - 1
        while i >= 0 and doc[i].lower_ in _TITLE_WORDS and doc[i].is_title:
            i -= 1
        if i < 0:
            continue
        dash = doc[i]
        if dash.text not in _DASHES and not (dash.text[:1] in _DASHES and len(dash.text) == 1):
            continue
        line_start = text.rfind("\n", 0, dash.idx) + 1
        line_end = text.find("\n", ent.end_char)
        line_end = len(text) if line_end < 0 else line_end
        tail = text[ent.end_char:line_end]
        if len(tail) > 45 or re.search(r"\b(?:said|says|who|and)\b", tail):
            continue
        if not text[line_start:dash.idx].strip():
            # the signature line follows a quotation paragraph
            content = _quotation_above(text, quotes, line_start)
            if content is None:
                continue
        else:
            a = max(line_start, text.rfind(">", line_start, dash.idx) + 1)
            content = (a, dash.idx)
            if len(text[a:dash.idx].split()) < 4:
                continue
        content = (content[0], content[1])
        while content[1] > content[0] and text[content[1] - 1].isspace():
            content = (content[0], content[1] - 1)
        if not any(c.cue == _span_of(dash) for c in out):
            out.append(_Cand(dash, _span_of(dash), "say", ent.root, content, False,
                             speaker_span=(ent.start_char, ent.end_char)))
    # a signature line the NER did not label: "- Sanders." under a quotation paragraph
    for m in _SIGNATURE.finditer(text):
        if any(c.cue[0] == m.start(1) for c in out):
            continue
        above = _quotation_above(text, quotes, m.start())
        if above is None:
            continue
        qs, qe = above
        span = doc.char_span(m.start(2), m.end(2), alignment_mode="contract")
        dash = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or dash is None or not len(span):
            continue
        out.append(_Cand(dash[0], (m.start(1), m.end(1)), "say", span.root, (qs, qe), False,
                         speaker_span=(m.start(2), m.end(2))))
    return out


_SIGNATURE = re.compile(
    r"(?m)^[ \t]*(--|[-—–―])[ \t]*((?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w'’-]+)(?=[ \t]*(?:[,.(]|$))")


def _adjacent_quote(doc: Doc, v: Token, subj: Token, quotes: _Quotes,
                    actors: _Actors) -> tuple[int, int] | None:
    """A quotation in the cue's sentence, or right before/after its reporting clause.

    The reporting clause is the subject and the verb ("..., he said."); the quotation may have
    been cut into a sentence of its own by the parser.
    """
    text = actors.text
    sent = actors.sents[actors.sent_of[v.i]]
    if quotes.at(subj.idx) >= 0:
        return None
    clause_a = min(subj.left_edge.idx, v.idx)
    if doc[subj.left_edge.i].is_punct:
        clause_a = min(subj.idx, v.idx)
    clause_b = max(v.idx + len(v.text), subj.idx + len(subj.text))
    lo = max(0, sent.start_char - 3)
    hi = min(len(text), sent.end_char + 3)
    best = None
    for qi in quotes.overlapping(lo, hi):
        s, e, _ = quotes.spans[qi]
        if s <= v.idx < e or s <= subj.idx < e:
            continue
        if e <= clause_a:
            gap = text[e:clause_a]
        elif s >= clause_b:
            gap = text[clause_b:s]
            # a quotation after the clause: "X said: “...”" / "X said, “...”"
            if gap.strip() and gap.strip()[-1] not in ":,":
                if not (s < sent.end_char):
                    continue
        else:
            continue
        if "\n" in gap:
            continue
        if best is None or len(gap) < best[0]:
            best = (len(gap), (s, e))
    if best is None or best[0] > 60:
        return None
    return best[1]


def _drop_nested(cands: list[_Cand]) -> list[_Cand]:
    """Keep outer claims; a cue inside another claim's content is part of that content."""
    order = sorted(cands, key=lambda c: -(c.content[1] - c.content[0]))
    kept: list[_Cand] = []
    for c in order:
        inside = False
        for k in kept:
            if k.content[0] <= c.cue[0] < k.content[1]:
                inside = True
                break
            if c.content[0] <= k.cue[0] < c.content[1]:
                inside = True
                break
        if not inside:
            kept.append(c)
    kept.sort(key=lambda c: c.cue[0])
    return kept


def _quote_content(text: str, cands: list[_Cand], quotes: _Quotes) -> list[_Cand]:
    """Widen contents to whole quotations, carry them across '"…," he said. "…"', set direct."""
    claimed_quotes: set[int] = set()
    for c in cands:
        qs = quotes.overlapping(*c.content)
        if not qs:
            continue
        s, e = c.content
        for qi in qs:
            qs_, qe, _ = quotes.spans[qi]
            # a quotation cut by the parse is widened to its marks
            if qs_ < s and qe > s:
                s = qs_
            if qe > e and qs_ < e and quotes.spans[qi][2]:
                e = qe
            claimed_quotes.add(qi)
        c.content = (s, e)
    # consecutive quotations of one speaker: extend to following quotes with no cue between
    cue_starts = sorted(c.cue[0] for c in cands)
    out = []
    for c in cands:
        qs = quotes.overlapping(*c.content)
        quoted = sum(min(quotes.spans[q][1], c.content[1]) - max(quotes.spans[q][0], c.content[0])
                     for q in qs)
        direct = quoted >= 0.8 * (c.content[1] - c.content[0]) and bool(qs) and (
            quotes.spans[qs[0]][0] <= c.content[0] + 1)
        if direct and qs:
            last = qs[-1]
            end = max(c.content[1], c.cue[1])
            k = bisect_right(cue_starts, end - 1)
            while k < len(cue_starts) and cue_starts[k] < end:
                k += 1
            nxt_cue = cue_starts[k] if k < len(cue_starts) else len(text) + 1
            q = last + 1
            while q < len(quotes.spans) and q not in claimed_quotes:
                s2, e2, _ = quotes.spans[q]
                gap = text[end:s2]
                if s2 > nxt_cue or "\n" in gap or len(gap) > 80:
                    # a new paragraph continues the quotation only when the last one was left open
                    if not ("\n" in gap and not quotes.spans[q - 1][2] and gap.strip() == ""
                            and s2 < nxt_cue):
                        break
                if quotes.spans[q][1] - s2 < 3:
                    break
                if gap.strip() and not _is_attribution_gap(gap):
                    break
                c.content = (c.content[0], e2)
                claimed_quotes.add(q)
                end = e2
                q += 1
            s, e = _strip_quote(text, *c.content)
            if s < e:
                c.content = (s, e)
        c.direct = direct
        out.append(c)
    return out

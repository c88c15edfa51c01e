"""Who speaks: named, pronoun, role, anonymous or organisation speakers resolved in text order
(he/she to the last person who spoke, roles to a person with a compatible title, back-references)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..actors import canonical_state, entity_label
from .lexicon import (
    _ANON_HEADS,
    _BACK_NOUNS,
    _DESCRIBED_ORG_NOUNS,
    _EVIDENCE_HEADS,
    _GENERIC_HEADS,
    _GENERIC_ORG_NOUNS,
    _GOVERNMENT_WORDS,
    _ORG_HEADS,
    _OWNED_DOCUMENTS,
    _PRONOUNS,
    _RELATION_NOUNS,
    _ROLE_NOUNS,
    _TITLE_WORDS,
)
from .names import _Actors, _clean_name, _nation, _Person
from .records import RawClaim, _Cand
from .clauses import _np_bounds, _span_of


@dataclass
class _State:
    last_person_speaker: list[tuple[int, str]]  # (sentence start, person key)
    last_org_speaker: str | None
    anon: list[tuple[str, str]]  # (head noun, description)
    last_speaker: tuple[str, str | None, str | None, int] | None  # kind, name, description, at
    last_org_at: int | None = None  # sentence index where the last organisation spoke


def _resolve(doc: Doc, cands: list[_Cand], actors: _Actors) -> list[RawClaim]:
    state = _State([], None, [], None)
    out: list[RawClaim] = []
    sent_starts = [s.start_char for s in actors.sents]
    for c in cands:
        subj = c.subj
        assert subj is not None
        kind, name, desc, span = _speaker(doc, subj, c, actors, state, sent_starts)
        if kind is None:
            continue
        if c.speaker_span is not None:
            span = c.speaker_span
        out.append(RawClaim(span, kind, name, desc, c.cue, c.kind, c.content, c.direct))
        if kind == "named" and name and name.split()[-1].lower() not in actors.persons:
            # a name the NER missed, used as a speaker: a person for later "he"/"she"
            actors.persons[name.split()[-1].lower()] = _Person(name, set(), c.cue[0])
        if kind in ("named", "pronoun", "role") and name is not None:
            key = name.split()[-1].lower()
            if key in actors.persons:
                state.last_person_speaker.append((c.cue[0], key))
            elif kind != "named":
                state.last_org_speaker = name
                state.last_org_at = actors.sent_of[c.verb.i]
        elif kind == "organisation" and name:
            state.last_org_speaker = name
            state.last_org_at = actors.sent_of[c.verb.i]
        elif kind == "anonymous" and desc:
            state.anon.append((_head_word(desc), desc))
        if kind != "organisation":
            state.last_speaker = (kind, name, desc, c.cue[0])
    return _described_orgs(actors, out)


def _described_orgs(actors: _Actors, claims: list[RawClaim]) -> list[RawClaim]:
    """Unnamed descriptions of an organisation resolved over the whole article (a second pass: the
    name often comes after the description, "a monitoring group said. ... the Syrian Observatory for
    Human Rights confirmed"). A generic description ("a monitoring group", "the Britain-based group")
    -> the one non-government organisation that speaks by name in the article; when several do, the
    one that spoke last within the six sentences before, else the first one that speaks within the two
    after; else it stays unnamed. "the statement" -> the organisation that spoke last before it."""
    text = actors.text
    named = {re.sub(r"^(?:the|The)\s+", "", _clean_name(n)) for _, n, kind in actors.mentions if kind == "org"}
    starts = [s.start_char for s in actors.sents]

    def proper(c: RawClaim) -> bool:
        return c.speaker_kind == "organisation" and c.speaker_name in named

    def civil(c: RawClaim) -> bool:  # an organisation outside government (a state is never "the group")
        return proper(c) and not set(re.findall(r"[a-z]+", c.speaker_name.lower())) & _GOVERNMENT_WORDS and not (
            canonical_state(c.speaker_name))

    sent = [bisect_right(starts, c.cue[0]) - 1 for c in claims]
    speaking = sorted({c.speaker_name for c in claims if civil(c)})
    out, last_org = [], None
    for i, c in enumerate(claims):
        words = re.findall(r"[\w-]+", text[c.speaker[0]:c.speaker[1]]) if c.speaker else []
        low = [w.lower() for w in words]
        described = (c.speaker_kind in ("organisation", "anonymous") and not proper(c) and len(low) >= 2
                     and low[0] in ("a", "an", "the") and all(w == w.lower() or "-" in w for w in words[1:-1]))
        target = None
        if described and low[-1] in _DESCRIBED_ORG_NOUNS and speaking:
            before = [j for j in range(i) if civil(claims[j]) and sent[i] - sent[j] <= 6]
            after = [j for j in range(i + 1, len(claims)) if civil(claims[j]) and sent[j] - sent[i] <= 2]
            if len(speaking) == 1:
                target = speaking[0]
            elif before:
                target = claims[before[-1]].speaker_name
            elif after:
                target = claims[after[0]].speaker_name
        elif described and low[0] == "the" and len(low) == 2 and low[-1] in _OWNED_DOCUMENTS:
            target = last_org
        if target is not None:
            c = RawClaim(c.speaker, "organisation", target, None, c.cue, c.cue_kind, c.content, c.direct)
        if proper(c):
            last_org = c.speaker_name
        out.append(c)
    return out


def _head_word(desc: str) -> str:
    words = re.findall(r"[\w.-]+", desc.lower())
    return words[-1] if words else ""


def _speaker(doc: Doc, subj: Token, c: _Cand, actors: _Actors, state: _State,
             sent_starts: list[int]):
    """(kind, name, description, span) for the subject token of a claim."""
    text = actors.text
    low = subj.lower_
    acronym = subj.text.isupper() and len(subj.text) >= 2  # "WHO said", "IT" is no pronoun
    # relative pronoun: "Elmendorf, who supports ..." -> the noun the clause hangs on
    if low in ("who", "whom") and subj.head.dep_ == "relcl" and not acronym:
        ante = subj.head.head
        k, n, d, _ = _speaker(doc, ante, c, actors, state, sent_starts)
        if k is None:  # "those who said ..."
            a, b = _np_bounds(ante)
            k, n, d = "anonymous", None, text[doc[a].idx:doc[b].idx + len(doc[b].text)]
        return k, n, d, _span_of(subj)
    if (subj.pos_ == "PRON" or low in _PRONOUNS) and not acronym:
        return _pronoun_speaker(doc, subj, c, actors, state)
    a, b = _np_bounds(subj)
    span = (doc[a].idx, doc[b].idx + len(doc[b].text))
    np_text = text[span[0]:span[1]]
    if acronym and low in _PRONOUNS:
        return "organisation", subj.text, None, span
    if low in _RELATION_NOUNS:
        return "anonymous", None, np_text, span  # "a staunch Assad ally": not Assad speaking
    if low in _EVIDENCE_HEADS:
        owner = _owner(subj, actors)
        if owner is not None:
            return "organisation", owner, None, span  # "a UN report", "IS's statement"
    if low in _BACK_NOUNS and any(ch.dep_ == "det" and ch.lower_ in ("the", "this") for ch in subj.children):
        back = _named_before(subj, low, actors, state)
        if back is not None:
            return "organisation", back, None, span  # "the Observatory", "the ministry", "the monitor"
    # a named person anywhere in the head's name (compound chain included)
    key = actors.person_at(subj)
    if key is None:
        for t in doc[a:b + 1]:
            if t.i in actors.person_tokens and (t.head.i == subj.i or t.i == subj.i or
                                                t.head.head.i == subj.i and t.dep_ == "compound"):
                if t.dep_ not in ("poss",) and t.head.dep_ != "poss":
                    key = actors.person_tokens[t.i]
                    break
    if key is not None:
        return "named", actors.persons[key].name, None, span
    # "Russia's foreign minister, Sergey Lavrov, ..." / a dateline parsed as the subject
    for ch in subj.children:
        if ch.dep_ == "appos":
            akey = actors.person_at(ch)
            if akey is not None:
                aa, ab = _np_bounds(ch)
                return "named", actors.persons[akey].name, None, (
                    doc[aa].idx, doc[ab].idx + len(doc[ab].text))
    ent = entity_label(actors.ent_of[subj.i]) if subj.i in actors.ent_of else subj.ent_type_
    head_low = subj.lower_
    has_det = any(ch.dep_ == "det" for ch in subj.children)
    det = next((ch.lower_ for ch in subj.children if ch.dep_ == "det"), None)
    if ent in ("ORG", "GPE", "NORP") and subj.pos_ == "PROPN":
        ent_span = actors.ent_of.get(subj.i)
        name = _clean_name(ent_span.text) if ent_span is not None else subj.text
        name = re.sub(r"^(?:the|The)\s+", "", name)
        return "organisation", name, None, span
    if subj.pos_ == "PROPN" and subj.is_title and not has_det:
        # an unlabelled proper name: a person when titled or surname-like
        name = _clean_name(np_text)
        return "named", name, None, span
    if head_low in _ROLE_NOUNS or head_low in _ANON_HEADS or head_low in ("doctor", "resident"):
        near = _adjacent_person(doc, a, b, actors, c.content)
        if near is not None:  # "the UN's special envoy Staffan de Mistura said", "X a spokesman for Y said"
            return "named", actors.persons[near].name, None, span
    if head_low in _ROLE_NOUNS and (det in ("the", "this", "that") or _has_poss(subj)):
        name, anon_desc = _resolve_role(doc, subj, a, b, actors, state)
        if name is not None:
            return "role", name, None, span
        if anon_desc is not None:
            return "anonymous", None, anon_desc, span
        return "role", None, None, span
    if head_low in _ORG_HEADS or ent in ("ORG", "GPE", "NORP"):
        name = re.sub(r"^(?:the|The)\s+", "", np_text)
        return "organisation", name, None, span
    # anything else: an unnamed speaker ("a senior German official", "activists", "polls")
    desc = np_text
    return "anonymous", None, desc, span


def _adjacent_person(doc: Doc, a: int, b: int, actors: _Actors, content: tuple[int, int]) -> str | None:
    """A person named right next to a singular role phrase, as an apposition the parser (or a text with
    its commas lost) did not attach: the name just after the phrase, else just before an indefinite
    one ("X a spokesman for Y said"; never "... from Putin, the official said", where the name is
    the content's)."""
    if doc[b].tag_ in ("NNS", "NNPS"):
        return None  # "officials", "residents": not one person
    after = b + 1 + (b + 1 < len(doc) and doc[b + 1].text == ",")
    if after < len(doc) and after in actors.person_tokens:
        return actors.person_tokens[after]
    before = a - 1 - (a >= 1 and doc[a - 1].text == ",")
    if (before >= 0 and before in actors.person_tokens and doc[a].lower_ in ("a", "an")
            and not content[0] <= doc[before].idx < content[1]):
        return actors.person_tokens[before]
    return None


def _pronoun_speaker(doc: Doc, subj: Token, c: _Cand, actors: _Actors, state: _State):
    """A pronoun subject: he/she -> the last person who spoke (or an anonymous singular speaker),
    it/they -> the last organisation, I/we/you -> nobody named; "another", "many" -> unnamed people."""
    text = actors.text
    low = subj.lower_
    span = _span_of(subj)
    if low in ("he", "she", "him", "her"):
        last = state.last_speaker
        if last is not None and c.cue[0] - last[3] < 1200:
            if last[0] == "anonymous" and last[2] and _singular(last[2]) and (
                    _head_word(last[2]) in _ANON_HEADS):
                return "anonymous", None, last[2], span
        return "pronoun", _resolve_he(doc, c, actors, state), None, span
    if low in ("it", "they"):
        name = state.last_org_speaker
        if low == "they" and state.last_speaker and state.last_speaker[0] == "anonymous":
            return "anonymous", None, state.last_speaker[2], span
        return "pronoun", name, None, span
    if low in ("i", "we", "you"):
        return "pronoun", None, None, span
    if low in ("that", "which", "what", "this", "there", "it", "itself", "something",
               "nothing", "anything"):
        return None, None, None, None
    # "another", "many", "some of them", "those surveyed": unnamed people
    a, b = _np_bounds(subj)
    return "anonymous", None, text[doc[a].idx:doc[b].idx + len(doc[b].text)], (
        doc[a].idx, doc[b].idx + len(doc[b].text))


def _owner(head: Token, actors: _Actors) -> str | None:
    """The organisation or state a report or statement belongs to: a name as its compound or
    possessor ("a UN report", "the ministry's statement" after the ministry was named)."""
    for ch in head.children:
        if ch.dep_ in ("compound", "poss", "nmod", "amod") and ch.i < head.i:
            ent = actors.ent_of.get(ch.i)
            if ent is not None and ent.label_ in ("ORG", "GPE", "NORP"):
                return re.sub(r"^(?:the|The)\s+|['’]s?$", "", _clean_name(ent.text))
    return None


def _named_before(head: Token, noun: str, actors: _Actors, state: _State) -> str | None:
    """What "the <noun>" refers back to: the last organisation named before it whose name holds that
    noun ("the Observatory" -> "Syrian Observatory for Human Rights", "the ministry" -> "Russian
    Defence Ministry"); for a generic noun ("the group", "the monitor"), the organisation that spoke
    last, when it spoke in the last two sentences. None when nothing fits: the speaker stays unnamed."""
    here = head.idx
    best = None
    for at, name, kind in actors.mentions:
        if at >= here:
            break
        if kind == "org" and noun in re.findall(r"[a-z]+", name.lower()) and len(name.split()) >= 2:
            best = name
    if best is not None:
        return re.sub(r"^(?:the|The)\s+", "", _clean_name(best))
    if noun in _GENERIC_ORG_NOUNS and state.last_org_speaker and state.last_org_at is not None:
        sent_here = actors.sent_of[head.i]
        if sent_here - state.last_org_at <= 2 and not canonical_state(state.last_org_speaker):
            return state.last_org_speaker  # (a state is never "the group", "the body", "the monitor")
    return None


def _singular(desc: str) -> bool:
    w = _head_word(desc)
    return not (w.endswith("s") and not w.endswith("ss")) and w not in ("people", "police")


def _has_poss(tok: Token) -> bool:
    return any(ch.dep_ == "poss" for ch in tok.children)


def _resolve_he(doc: Doc, c: _Cand, actors: _Actors, state: _State) -> str | None:
    """he/she: the person who spoke last, when recent; else the last person named before."""
    here = c.cue[0]
    if state.last_person_speaker:
        at, key = state.last_person_speaker[-1]
        # recent: the last three paragraphs' worth of text
        if here - at < 1200:
            return actors.persons[key].name
    best = None
    for i in sorted(actors.person_tokens):
        t = doc[i]
        if t.idx >= here:
            break
        best = actors.person_tokens[i]
    return actors.persons[best].name if best else None


def _resolve_role(doc: Doc, subj: Token, a: int, b: int, actors: _Actors, state: _State):
    """A role noun phrase -> (person name, None) or (None, anonymous description) or (None, None)."""
    words = [t.lower_ for t in doc[a:b + 1] if t.dep_ != "det" and not t.is_punct]
    words = [w for w in words if w not in ("the", "of", "'s", "’s")]
    head = subj.lower_
    if head == "pm":
        heads = {"prime", "minister"}
    elif head in ("premier",):
        heads = {"prime", "minister", "premier"}
    else:
        heads = {head}
    mods = {n for w in words if w != head and w not in _ROLE_NOUNS and w not in _TITLE_WORDS
            for n in [_nation(w)] if n}
    here = subj.idx
    if head in ("official", "officials", "source", "sources", "diplomat", "aide", "spokesman",
                "spokeswoman", "spokesperson", "adviser", "advisor"):
        for h, desc in reversed(state.anon):
            if h.rstrip("s") == head.rstrip("s"):
                return None, desc
        return None, None
    best_titled = None
    best_free = None
    for key, p in actors.persons.items():
        if p.first >= here:
            continue
        tnations = {n for w in p.title for n in [_nation(w)] if n and w not in _ROLE_NOUNS
                    and w not in _TITLE_WORDS}
        nation_ok = not mods or not tnations or bool(mods & tnations)
        if not nation_ok:
            continue
        if p.title & (_ROLE_NOUNS | {"prime"}):
            if head in _GENERIC_HEADS:
                ok = bool(mods & tnations)
            else:
                ok = heads <= p.title or (head == "premier" and {"prime", "minister"} <= p.title)
            if ok and (best_titled is None or _last_mention(actors, key, here) >
                       _last_mention(actors, best_titled, here)):
                best_titled = key
        elif head not in ("official", "officials"):
            if best_free is None or _last_mention(actors, key, here) > _last_mention(
                    actors, best_free, here):
                best_free = key
    key = best_titled or best_free
    return (actors.persons[key].name if key else None), None


def _last_mention(actors: _Actors, key: str, before: int) -> int:
    best = -1
    for at, k, _kind in actors.mentions:
        if at >= before:
            break
        if k == key:
            best = at
    return best

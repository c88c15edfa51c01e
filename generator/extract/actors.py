"""Named mentions of actors (people, organisations, states, armed groups) and places in one article.

spaCy's NER proposes the spans; these rules decide what they are:

* names are normalised (titles, honorifics, possessives and a leading "the" are taken out of the name
  and kept apart as the mention's title: "Russian President Vladimir Putin" -> name "Vladimir Putin",
  title "Russian President"); appositions give titles too ("Sergei Markov, vice president of ...");
* GPEs are states when they name a sovereign state (``data/states.json``), otherwise places -- except a
  capital city that is the subject of a speech or stance verb, which stands for its government
  ("Moscow has said" -> Russia);
* organisations whose name says they fight (front, army, brigade, militia, ...) are armed groups;
* anything with a digit is never a person ("G8" is a forum), and strings that do not look like names
  (lower-case words, long runs without vowels, one letter) are dropped.

Corpus-level decisions (aliases, curated kinds, a surname labelled ORG that is a known person) are made
in ``resolve``; this module only looks at one document.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from .nlp import doc_text

LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}

TITLE_WORDS = {
    "president", "president-elect", "vice", "prime", "minister", "premier", "pm", "chancellor",
    "secretary", "secretary-general", "general", "gen.", "king", "queen", "prince", "emir", "sheikh",
    "colonel", "col.", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "leader",
    "chairman", "chairwoman", "chair", "chief", "commander", "senator", "sen.", "rep.", "representative",
    "governor", "mayor", "director", "head", "official", "adviser", "advisor", "writer", "analyst",
    "journalist", "correspondent", "editor", "professor", "prof.", "dr.", "pope", "patriarch", "elect",
    "deputy", "foreign", "defense", "defence", "interior", "finance", "state", "mediator", "negotiator",
    "ayatollah", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "sir", "lord", "lady", "dame", "rev.",
    "archbishop", "bishop", "cardinal", "justice", "judge", "lieutenant", "captain", "major", "marshal",
    "admiral", "sergeant", "officer", "activist", "founder", "ceo", "executive", "economist", "expert",
}
HONORIFICS = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "sir", "prof.", "gen.", "col.", "sen.", "rep.", "rev."}
TITLE_HEADS = TITLE_WORDS - {"vice", "prime", "foreign", "defense", "defence", "interior", "finance", "state", "elect", "deputy"} - HONORIFICS
ARMED_WORDS = {
    "army", "front", "brigade", "brigades", "militia", "militias", "battalion", "rebels", "jihad",
    "qaeda", "qaida", "taliban", "hezbollah", "hizbollah", "hamas", "guard", "guards", "forces",
    "mujahideen", "isis", "isil", "shabaab", "jabhat", "nusra", "legion", "corps", "regiment",
}


@functools.lru_cache(maxsize=1)
def state_table() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name or variant -> canonical state name, lower-case capital -> state)."""
    data = json.loads((Path(__file__).parent.parent / "data" / "states.json").read_text(encoding="utf-8"))
    names = {k.casefold(): k for k in data["states"]}
    for variant, canon in data["variants"].items():
        names[variant.casefold()] = canon
    capitals = {cap.casefold(): state for state, cap in data["states"].items()}
    return names, capitals


def canonical_state(name: str) -> str | None:
    names, _ = state_table()
    return names.get(name.casefold().removeprefix("the "))


@dataclass(frozen=True)
class RawMention:
    start: int  # char offsets into doc.text
    end: int
    name: str
    label: str
    kind: str
    title: str | None = None


_WS = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def normalise_name(text: str) -> str:
    """Fold whitespace, drop possessives, brackets and a leading 'the'."""
    s = _WS.sub(" ", text.replace("[", "").replace("]", "")).strip(" ,.;:-–—\"'“”‘’()")
    s = _POSSESSIVE.sub("", s).strip()
    if s.lower().startswith("the "):
        s = s[4:]
    return s


def looks_like_name(name: str) -> bool:
    """Reject strings NER calls names but that are not (icon-font garbage, lower-case runs, codes)."""
    if len(name) < 2 or len(name) > 80:
        return False
    words = name.split()
    if not any(w[:1].isupper() for w in words):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2:
        return False
    # Glued garbage such as "editicon v-expandicon": a long lower-case token.
    if any(len(w) > 14 and w.islower() for w in words):
        return False
    if len(words) > 8:
        return False
    return True


def _title_before(ent: Span) -> Span | None:
    """Title phrase immediately before a name: 'Russian Prime Minister', 'U.S. Secretary of State'."""
    doc = ent.doc
    i = ent.start - 1
    start = ent.start
    while i >= 0 and ent.start - i <= 6:
        tok = doc[i]
        low = tok.lower_
        if tok.is_space or "\n" in tok.text:
            break
        if low in TITLE_WORDS or (low in {"of", "-", "'s", "’s"} and start < ent.start) or (
            tok.ent_type_ in {"NORP", "GPE"} and start < ent.start
        ):
            start = i
            i -= 1
            continue
        if tok.is_title and start < ent.start and doc[start].lower_ in {"of"}:
            start = i
            i -= 1
            continue
        break
    if start == ent.start:
        return None
    span = doc[start:ent.start]
    # Must hold a head title word, and must not start with a connector.
    while len(span) and span[0].lower_ in {"of", "-", "'s", "’s"}:
        span = doc[span.start + 1:span.end]
    if not any(t.lower_ in TITLE_HEADS for t in span):
        return None
    return span


def _title_appos(ent: Span) -> Span | None:
    """Apposition giving a title: 'Sergei Markov, vice president of X' / 'its foreign minister, Sergey Lavrov'."""
    root = ent.root
    doc = ent.doc
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end and child.lower_ in TITLE_HEADS | {"president", "minister"}:
            # the title noun with its modifiers and its first "of ..." phrase, not conjuncts or places
            keep = [child]
            for t in child.children:
                if t.dep_ in {"compound", "amod", "det", "poss"} and t.i < child.i:
                    keep.extend(t.subtree)
                elif t.dep_ == "prep" and t.lower_ == "of" and t.i > child.i:
                    for x in t.subtree:  # "of the Plekhanov Economic University", up to "in"/"and"/","
                        if x is not t and x.dep_ in {"cc", "conj", "prep", "punct", "relcl", "acl", "appos"}:
                            break
                        keep.append(x)
            idx = sorted(x.i for x in keep)
            s, e = idx[0], min(idx[-1] + 1, idx[0] + 10)
            return doc[s:e]
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.lower_ in TITLE_HEADS:
        head = root.head
        sub = [t for t in head.subtree if t.i < ent.start]
        if sub:
            s = sub[0].i
            e = head.i + 1
            span = doc[s:e]
            return span if len(span) <= 8 else doc[head.i - 2:head.i + 1]
    return None


def _strip_leading_titles(doc: Doc, ent: Span) -> tuple[Span, Span | None]:
    """NER sometimes includes the title in a PERSON span ('President Bashar Assad')."""
    i = ent.start
    while i < ent.end - 1 and (doc[i].lower_ in TITLE_WORDS or doc[i].ent_type_ == "NORP" and doc[i + 1].lower_ in TITLE_WORDS):
        i += 1
    if i == ent.start:
        return ent, None
    return doc[i:ent.end], doc[ent.start:i]


PLACE_NOUNS = {"city", "town", "village", "region", "province", "district", "neighborhood", "neighbourhood", "capital", "port", "suburb", "governorate", "county", "state of"}
EVENT_NOUNS = {"summit", "conference", "talks", "meeting", "games", "olympics", "forum", "war", "election", "elections"}


def _place_context(ent: Span) -> bool:
    """'the city of Homs', a dateline 'ENNISKILLEN, Northern Ireland —': a place whatever NER says."""
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in PLACE_NOUNS:
        return True
    text = ent.text
    first = ent.start == ent.sent.start or doc[ent.start - 1].is_space
    if first and text.isupper() and len(text) > 5 and ent.end < len(doc) and doc[ent.end].text in {",", "—", "–", "-"}:
        return True
    return False


def _kind(label: str, name: str, ent: Span) -> str | None:
    names, capitals = state_table()
    low = name.casefold()
    words = set(re.findall(r"[a-z]+", low))
    if label in {"PERSON", "ORG"}:
        if _place_context(ent):
            return "place"
        if words & EVENT_NOUNS or low in TITLE_WORDS:
            return None  # an event's name ("Group of Eight Summit") or a bare title ("State")
    if label == "PERSON":
        if words & ARMED_WORDS - {"forces", "guard", "guards"}:
            return "armed_group"
        if any(c.isdigit() for c in name):
            return "organisation"
        return "person"
    if label == "ORG":
        toks = set(re.findall(r"[a-z]+", low))
        if toks & ARMED_WORDS:
            return "armed_group"
        return "organisation"
    if label == "GPE":
        if low in names:
            return "state"
        if low in capitals and _is_speaking_subject(ent):
            return "state"
        return "place"
    if label in {"LOC", "FAC"}:
        return "place"
    if label == "NORP":
        return "group"
    return None


SPEECH_LEMMAS = {
    "say", "tell", "add", "insist", "accuse", "stress", "warn", "announce", "deny", "claim", "want",
    "speak", "back", "support", "oppose", "reject", "call", "urge", "demand", "argue", "believe",
    "condemn", "agree", "refuse", "veto", "block", "shield", "propose", "suggest", "hope",
}


def _is_speaking_subject(ent: Span) -> bool:
    root = ent.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in SPEECH_LEMMAS


def find_mentions(doc: Doc) -> list[RawMention]:
    """Every named actor or place mention in the document, in text order."""
    out: list[RawMention] = []
    _, capitals = state_table()
    full = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        span, inner_title = _strip_leading_titles(doc, ent) if ent.label_ == "PERSON" else (ent, None)
        name = normalise_name(span.text)
        if not looks_like_name(name):
            continue
        kind = _kind(ent.label_, name, ent)
        if kind is None:
            continue
        if kind == "state" and ent.label_ == "GPE":
            low = name.casefold()
            name = canonical_state(name) or capitals.get(low, name)
        title = None
        if kind == "person":
            t = inner_title or _title_before(span) or _title_appos(span)
            if t is not None:
                title = _WS.sub(" ", t.text).strip(" ,")
        # The span reported is the name's own words, without a possessive ending.
        start, end = span.start_char, span.end_char
        text = full[start:end]
        m = _POSSESSIVE.search(text)
        if m and kind != "group":
            end -= len(m.group(0))
        while end > start and full[end - 1] in " ,.;:":
            end -= 1
        if full[start:end].lower().startswith("the "):
            start += 4
        out.append(RawMention(start, end, name, ent.label_, kind, title))
    return out

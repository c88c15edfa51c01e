"""The named people and organisations of one document, in text order, for speaker resolution."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..actors import entity_label, titled_person
from ..nlp import doc_text
from .lexicon import _NATION_ALIASES, _ROLE_NOUNS, _TITLE_WORDS

# ---------------------------------------------------------------------------------------------
# Actors seen in the document (for names, titles and resolution)


@dataclass
class _Person:
    name: str  # fullest form seen
    title: set[str]  # lowercased title words ("british", "prime", "minister")
    first: int  # char offset of first mention


def _nation(word: str) -> str | None:
    w = word.lower().rstrip("'s").rstrip("’")
    if w in _NATION_ALIASES:
        return _NATION_ALIASES[w]
    if len(w) >= 4 and w[0].isalpha():
        return w[:4]
    return None


def _title_tokens(ent: Span) -> list[Token]:
    """Title words written in front of a person's name, inside the same noun phrase."""
    doc = ent.doc
    toks: list[Token] = []
    i = ent.start - 1
    while i >= 0:
        t = doc[i]
        low = t.lower_
        if low in _TITLE_WORDS or (t.ent_type_ in ("NORP", "GPE") and t.pos_ in ("ADJ", "PROPN")):
            toks.append(t)
            i -= 1
            continue
        if t.tag_ == "POS" and toks == [] and i > 0:  # "Russia's foreign minister Lavrov"
            break
        break
    toks.reverse()
    return toks


_TITLE_STRIP = re.compile(
    r"^(?:(?:former|acting|deputy|vice|then|u\.?s\.?|president|prime|minister|foreign|secretary|"
    r"of|state|sen\.?|rep\.?|gov\.?|mr\.?|mrs\.?|ms\.?|dr\.?|gen\.?|senator|governor|"
    r"chancellor|premier|king|queen|prince|sheikh|general|president-elect)\s+)+",
    re.I,
)


def _clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    stripped = _TITLE_STRIP.sub("", text)
    return stripped if stripped else text


class _Actors:
    """People and organisations named in the document, with the titles they were given."""

    def __init__(self, doc: Doc):
        self.persons: dict[str, _Person] = {}  # key: last name token, lowercased
        self.mentions: list[tuple[int, str, str]] = []  # (char, key or org name, "person"|"org")
        self.person_tokens: dict[int, str] = {}  # token index -> person key
        # doc.text, doc.ents and doc.sents are rebuilt on every access in spaCy: read them once
        self.text: str = doc_text(doc)
        self.ents: list[Span] = list(doc.ents)
        self.sents: list[Span] = list(doc.sents)
        self.sent_of: list[int] = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            self.sent_of[sent.start:sent.end] = [k] * (sent.end - sent.start)
        self.ent_of: dict[int, Span] = {}
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        head_end = self.text.find("\n\n") if "\n\n" in self.text[:400] else 0  # the title paragraph
        body_forms: dict[str, list[str]] = {}
        for ent in self.ents:
            if ent.label_ == "PERSON" or titled_person(ent):
                name = _clean_name(ent.text)
                if not name or not name[0].isupper():
                    continue
                key = name.split()[-1].lower()
                p = self.persons.get(key)
                # the fullest form names the person; a headline's run-together words ("Blaming Assad
                # Trump says ...") never do when the body names them
                if ent.start_char >= head_end:
                    body_forms.setdefault(key, []).append(name)
                if p is None:
                    p = self.persons[key] = _Person(name, set(), ent.start_char)
                elif len(name.split()) > len(p.name.split()):
                    p.name = name
                for t in _title_tokens(ent):
                    p.title.add(t.lower_)
                for t in ent:
                    self.person_tokens[t.i] = key
                self.mentions.append((ent.start_char, key, "person"))
            elif entity_label(ent) in ("ORG", "GPE", "NORP"):
                self.mentions.append((ent.start_char, ent.text, "org"))
        for key, forms in body_forms.items():
            if self.persons[key].name not in forms:
                self.persons[key].name = max(forms, key=lambda n: (len(n.split()), -forms.index(n)))
        # A name the NER labelled ORG/GPE but whose last word is a known person's surname
        # ("Lavrov told ...") is that person.
        for ent in self.ents:
            if ent.label_ in ("ORG", "GPE") and len(ent) <= 3:
                key = _clean_name(ent.text).split()[-1].lower() if _clean_name(ent.text) else ""
                if key in self.persons:
                    for t in ent:
                        self.person_tokens[t.i] = key
        # Appositive titles: "Russia's foreign minister, Sergey Lavrov" / "Sergei Markov, vice
        # president of ..." give the person a title too.
        for i, key in self.person_tokens.items():
            t = doc[i]
            if t.dep_ == "appos" and t.head.lower_ in _ROLE_NOUNS:
                self._add_title(key, t.head)
            for c in t.children:
                if c.dep_ == "appos" and c.lower_ in _ROLE_NOUNS:
                    self._add_title(key, c)

    def _add_title(self, key: str, head: Token) -> None:
        p = self.persons[key]
        p.title.add(head.lower_)
        for c in head.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod"):
                for t in c.subtree:
                    if t.is_alpha or "." in t.text:
                        p.title.add(t.lower_)

    def person_at(self, tok: Token) -> str | None:
        return self.person_tokens.get(tok.i)

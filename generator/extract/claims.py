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

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .actors import entity_label
from .nlp import doc_text

__all__ = ["RawClaim", "find_claims"]


@dataclass(frozen=True)
class RawClaim:
    """One attribution in one document; all offsets are character offsets into ``doc.text``."""

    speaker: tuple[int, int] | None  # words naming the speaker ("he", "the official", "Lavrov")
    speaker_kind: str  # named | pronoun | role | anonymous | organisation
    speaker_name: str | None  # resolved named person/organisation, titles stripped
    speaker_description: str | None  # anonymous speakers: "a senior German official"
    cue: tuple[int, int]
    cue_kind: str  # say | tell | ask | accuse | announce | deny | agree | warn | promise | ...
    content: tuple[int, int]
    direct: bool  # verbatim quotation


# ---------------------------------------------------------------------------------------------
# Lexicon. For each lemma: the cue kind and which content it may take.
#   C = a clause (ccomp) or a quotation;  O = a direct object;  X = an xcomp ("wants X to go",
#   "urged X to go");  P = the preposition(s) whose object is the content ("called for");
#   N = naming: object plus predicate ("called him a liar", "described it as a mistake");
#   Q = a quotation only; L = a long direct object is the content ("says the plan that ... works"
#   parsed as an object); E = evidence verbs, only with a document/poll as subject.

_SAY = "say"
_LEX: dict[str, tuple[str, str, tuple[str, ...]]] = {}


def _add(kind: str, modes: str, lemmas: str, preps: tuple[str, ...] = ()) -> None:
    for lemma in lemmas.split():
        _LEX[lemma] = (kind, modes, preps)


_add(_SAY, "CL", "say add state note explain comment remark reply respond answer write tweet "
     "recall repeat mention observe quip joke conclude insist stress "
     "emphasize emphasise underline maintain assert contend argue claim allege suggest predict "
     "estimate declare testify posit speculate caution complain boast brag concede "
     "acknowledge admit signal indicate hint muse wonder")
_add(_SAY, "Q", "continue")  # "continued to ..." is rarely speech: a quotation only
_add(_SAY, "CO", "reiterate")
_add("tell", "CX", "tell inform assure remind")
_add("ask", "CXO", "ask", ("about", "for"))
_add("announce", "CO", "announce unveil proclaim disclose reveal")
_add("report", "COX", "report")
_add("deny", "CO", "deny reject dismiss dispute")
_add("agree", "C", "agree confirm")
_add("warn", "CX", "warn", ("of", "against", "about"))
_add("promise", "CX", "promise pledge vow vowed threaten")
_add("accuse", "O", "accuse blame criticize criticise condemn slam attack denounce",
     ("of", "for", "over"))
_add("stance", "O", "support back endorse oppose favor favour welcome praise defend applaud "
     "propose demand")
_add("stance", "CXO", "want")
_add("stance", "CX", "hope believe think expect fear doubt")
_add("stance", "OX", "urge")
_add("stance", "PN", "call", ("for", "on"))
_add("describe", "NO", "describe", ("as",))
_add("describe", "N", "label brand dub", ("as",))
_add("stance", "P", "speak", ("against", "out", "about"))
_add("stance", "P", "push", ("for",))
_add(_SAY, "CL", "argue", ("for", "against"))
_add(_SAY, "CO", "recall cite")
_add(_SAY, "P", "point", ("to", "out"))
_add(_SAY, "P", "refer", ("to",))
_add(_SAY, "P", "talk", ("about",))
_add("deny", "X", "decline refuse")
_add("stance", "O", "question express voice")
_add("report", "COE", "show find")

# Words naming roles (the head noun of a role speaker).
_ROLE_NOUNS = set(
    "president minister pm premier chancellor secretary official officials spokesman spokeswoman "
    "spokesperson leader head chief ambassador envoy senator governor candidate nominee diplomat "
    "diplomats source sources aide aides adviser advisor advisers advisors general commander mayor "
    "king queen prince emperor monarch dictator ruler representative congressman congresswoman "
    "lawmaker lawmakers director chairman chairwoman chair negotiator mediator foreign "
    "president-elect strongman".split()
)
_GENERIC_HEADS = {"leader", "head", "chief", "ruler", "strongman"}
_ANON_HEADS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "aide", "aides",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "advisers", "advisors",
    "activist", "activists", "expert", "experts", "analyst", "analysts", "witness", "witnesses",
    "resident", "residents", "observer", "observers", "critic", "critics", "lawmaker", "lawmakers",
    "people", "someone", "insider", "insiders", "officer", "officers", "researcher", "researchers",
    "monitor", "monitors", "member", "members", "supporter", "supporters", "opponent", "opponents",
    "rebel", "rebels", "leaders", "voters", "protesters", "demonstrators",
}
# Subjects that make "show"/"find" an attribution ("the poll found", "records show").
_EVIDENCE_HEADS = set(
    "poll polls survey surveys study studies report reports data analysis records record "
    "documents document figures numbers results investigation audit review research memo "
    "filing filings estimate estimates statement letter email emails census count tally "
    "exit model forecast projection projections analyses polling average".split()
)
# "the <noun>" naming an organisation named before ("the Observatory", "the ministry", "the monitor").
_BACK_NOUNS = set(
    "observatory ministry center centre monitor group body organisation organization agency council "
    "committee commission coalition directorate network watchdog outfit charity alliance movement "
    "front army office department authority service".split()
)
# Of those, the ones any organisation may be called: they refer to the one that spoke last.
_GENERIC_ORG_NOUNS = {"monitor", "group", "body", "organisation", "organization", "watchdog", "outfit", "agency"}
# Someone named by their relation to an actor: that actor does not speak ("a staunch Assad ally").
_RELATION_NOUNS = {"ally", "allies", "opponent", "opponents", "critic", "critics", "enemy", "enemies", "rival",
                   "rivals", "foe", "foes", "backer", "backers", "detractor", "detractors"}
_ORG_HEADS = set(
    "government ministry office agency department council court party administration police "
    "military army committee commission campaign company firm organization organisation union "
    "regime kremlin embassy parliament congress senate house cabinet coalition alliance group "
    "team network newspaper agency bank board authority authorities opposition white "
    "media press service forces".split()
)
# Title words that may precede a name ("Russian President Vladimir Putin").
_TITLE_WORDS = set(
    "president prime minister pm premier chancellor secretary foreign defense defence "
    "interior state senator sen. sen gov. gov governor rep. rep representative mr. mr mrs. mrs "
    "ms. ms dr. dr general gen. gen adm. admiral lt. col. colonel king queen prince sheikh "
    "ambassador envoy spokesman spokeswoman leader chief deputy vice former acting "
    "president-elect candidate nominee mayor judge justice speaker chairman chairwoman "
    "director commander minister-president first lady sir lord".split()
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
_QUOTE_OPEN = "“„«"
_QUOTE_CLOSE = "”»"
_QUOTE_BOTH = '"'
_NATION_ALIASES = {
    "u.s.": "us", "us": "us", "american": "us", "america": "us", "united": "us",
    "uk": "uk", "u.k.": "uk", "britain": "uk", "british": "uk", "england": "uk", "english": "uk",
    "french": "fr", "france": "fr", "dutch": "nl", "netherlands": "nl", "swiss": "ch",
    "switzerland": "ch", "chinese": "cn", "china": "cn", "german": "de", "germany": "de",
}


# ---------------------------------------------------------------------------------------------
# Quotations on the characters


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, closed)`` of every double-quoted stretch, quote marks included.

    Scanned per paragraph (a line break ends any open quotation), so one stray mark cannot
    swallow the rest of the article.
    """
    out: list[tuple[int, int, bool]] = []
    para_start = 0
    open_at = -1
    for m in _QUOTE_OR_NL.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            if open_at >= 0:
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                out.append((open_at, end, False))
                open_at = -1
            para_start = i + 1
            continue
        if open_at >= 0 and open_at == i - 1 and text[open_at] == ch:
            continue  # a doubled mark (scraping debris: ""unconscionable ...") opens once
        if ch in _QUOTE_OPEN or (ch in _QUOTE_BOTH and open_at < 0):
            if open_at >= 0:  # a second opener: the first one was never closed
                out.append((open_at, i, False))
            open_at = i
        elif ch in _QUOTE_CLOSE or ch in _QUOTE_BOTH:
            if open_at >= 0:
                out.append((open_at, i + 1, True))
                open_at = -1
            else:  # a closer with no opener: the quotation started with the paragraph
                start = max(para_start, out[-1][1] if out else 0)
                while start < i and text[start].isspace():
                    start += 1
                if i - start > 0:
                    out.append((start, i + 1, False))
    if open_at >= 0:
        end = len(text)
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        out.append((open_at, end, False))
    return out


_QUOTE_OR_NL = re.compile("[\n" + _QUOTE_OPEN + _QUOTE_CLOSE + _QUOTE_BOTH + "]")


class _Quotes:
    def __init__(self, spans: list[tuple[int, int, bool]]):
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def at(self, char: int, closed_only: bool = False) -> int:
        """Index of the quotation holding ``char`` (between its marks), or -1."""
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and self.spans[i][0] < char < self.spans[i][1]:
            if closed_only and not self.spans[i][2]:
                return -1
            return i
        return -1

    def overlapping(self, start: int, end: int) -> list[int]:
        i = max(0, bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                out.append(i)
            i += 1
        return out


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
        for ent in self.ents:
            if ent.label_ == "PERSON":
                name = _clean_name(ent.text)
                if not name or not name[0].isupper():
                    continue
                key = name.split()[-1].lower()
                p = self.persons.get(key)
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


# ---------------------------------------------------------------------------------------------
# The pass over the parse


@dataclass
class _Cand:
    verb: Token
    cue: tuple[int, int]
    kind: str
    subj: Token | None
    content: tuple[int, int]
    direct: bool
    via_quote: bool = False
    speaker_span: tuple[int, int] | None = None  # forced speaker words (colon claims)


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


def _strip_quote(text: str, s: int, e: int) -> tuple[int, int]:
    """Quotation span without its marks and without a trailing comma inside them."""
    if s < e and text[s] in _QUOTE_OPEN + _QUOTE_BOTH:
        s += 1
    if s < e and text[s] == "\u2060":
        s += 1
    if e > s and text[e - 1] in _QUOTE_CLOSE + _QUOTE_BOTH:
        e -= 1
    while e > s and (text[e - 1] in ",;: " or text[e - 1].isspace()):
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


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
        # "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            if quotes.at(tok.idx) >= 0:
                continue
            pobj = [c for c in to.children if c.dep_ == "pobj"]
            if not pobj:
                nxt = tok.i + 2
                if nxt < len(doc) and doc[nxt].pos_ in ("PROPN", "NOUN", "PRON"):
                    pobj = [doc[nxt]]
                else:
                    continue
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
                continue
            cands.append(_Cand(tok, _cue_span(tok, [to]), "according_to", src, content,
                               False))
            continue
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
            continue
        lemma = tok.lemma_.lower()
        entry = _LEX.get(lemma)
        extra_cue: list[Token] = []
        if entry is None:
            if lemma == "make":  # "made clear (that ...)"
                clear = [c for c in tok.children if c.lower_ in ("clear", "plain")]
                if not clear:
                    continue
                entry = ("say", "C", ())
                extra_cue = clear
            else:
                continue
        if quotes.at(tok.idx, closed_only=True) >= 0:
            # speech reported inside a quotation belongs to the quoted speaker (a quotation
            # never closed does not count: its end is a guess)
            continue
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "amod"):
            continue  # "the plan backed by ...", "a group called ..."
        kind, modes, preps = entry
        subj = _subject(tok, actors.sents[actors.sent_of[tok.i]].start)
        if subj is None:
            continue
        subj = _undateline(subj)
        if subj.lower_ in ("that", "which", "what", "this", "there"):
            continue
        if subj.pos_ == "NUM" and not any(c.dep_ == "prep" for c in subj.children):
            continue  # "Six in 10 say ..." is a speaker; a bare number is not
        if "E" in modes and subj.lemma_.lower() not in _EVIDENCE_HEADS:
            continue
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
            continue
        if lemma in ("think", "believe", "feel", "hope", "expect", "fear", "doubt", "want"):
            if subj.lower_ in ("i", "we", "you"):
                continue  # the writer's or an unnamed voice's aside
        if lemma == "call" and not extra:
            kind = "describe"  # "called him a liar"
        cands.append(_Cand(tok, _cue_span(tok, extra_cue), kind, subj, content, False, via_quote))

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


def _in_open_quote(quotes: _Quotes, char: int) -> bool:
    """Whether ``char`` lies in a quotation whose closing mark was never found."""
    q = quotes.at(char)
    return q >= 0 and not quotes.spans[q][2]


def _undateline(subj: Token) -> Token:
    """'LONDON (Reuters) - Donald Trump said': the parser makes the dateline the subject and the
    real subject its apposition."""
    if len(subj.text) > 1 and subj.text.isupper():
        app = [c for c in subj.children if c.dep_ == "appos" and c.i > subj.i]
        dash = any(t.text in ("-", "—", "–", "--") for t in subj.subtree)
        if app and dash:
            return app[-1]
    return subj


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


def _quotation_above(text: str, quotes, pos: int) -> tuple[int, int] | None:
    """The quotation paragraph that ends right above ``pos`` (a signature line under a quote), as
    (start, end), or None: the quote must reach the end of the text before ``pos`` and lie on one
    paragraph."""
    k = pos
    while k > 0 and text[k - 1].isspace():
        k -= 1
    q = quotes.overlapping(k - 1, k)
    if not q:
        return None
    qs, qe, _ = quotes.spans[q[-1]]
    if qe < k - 1 or text.rfind("\n", 0, k) >= qs:
        return None
    return qs, qe


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
    for idx, c in enumerate(cands):
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
        if sent_here - state.last_org_at <= 2:
            return state.last_org_speaker
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
    for at, k, kind in actors.mentions:
        if at >= before:
            break
        if k == key:
            best = at
    return best

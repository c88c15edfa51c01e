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
from .titles import HONORIFICS, NAME_TITLE_WORDS

LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}

TITLE_WORDS = NAME_TITLE_WORDS
TITLE_HEADS = TITLE_WORDS - {"vice", "prime", "foreign", "defense", "defence", "interior", "finance", "state", "elect", "deputy"} - HONORIFICS
ARMED_WORDS = {
    "army", "front", "brigade", "brigades", "militia", "militias", "battalion", "rebels", "jihad",
    "qaeda", "qaida", "taliban", "hezbollah", "hizbollah", "hamas", "guard", "guards", "forces",
    "mujahideen", "isis", "isil", "shabaab", "jabhat", "nusra", "legion", "corps", "regiment",
    # Arabic names of fighting groups: army, free men, banner, battalions, soldiers, supporters, movement
    "jaish", "jaysh", "ahrar", "liwa", "kataib", "katibat", "jund", "ansar", "harakat", "faylaq", "daesh",
    "ypg", "ypj", "pkk", "peshmerga", "houthis", "houthi", "sham", "fateh",
}
# Political bodies whose names hold a fighting word ("National Coalition for ... Opposition Forces").
POLITICAL_WORDS = {"coalition", "council", "committee", "party", "union", "congress", "parliament", "assembly",
                   "government", "commission", "ministry"}
ARMED_PHRASES = ("islamic state",)
# A state's own forces are part of the state, not an armed group: "the Syrian Army", "Russian Air Force".
NATIONAL_FORCES = re.compile(r"^(?P<owner>[a-z.' -]+?)\s+(?:arab\s+)?(?:army|armed forces|air force|navy|aerospace forces|"
                             r"military|forces|national guard|republican guard)$")


@functools.lru_cache(maxsize=1)
def state_table() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name or variant -> canonical state name, lower-case capital -> state)."""
    data = json.loads((Path(__file__).parent.parent / "data" / "states.json").read_text(encoding="utf-8"))
    names = {k.casefold(): k for k in data["states"]}
    for variant, canon in data["variants"].items():
        names[variant.casefold()] = canon
    capitals = {cap.casefold(): state for state, cap in data["states"].items()}
    return names, capitals


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-case demonym ("syrian") -> state name."""
    data = json.loads((Path(__file__).parent.parent / "data" / "states.json").read_text(encoding="utf-8"))
    return {k.casefold(): v for k, v in data.get("demonyms", {}).items()}


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


_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # "U.S.", "U.N.": the final dot is the name's


def normalise_name(text: str) -> str:
    """Fold whitespace, drop possessives, brackets and a leading 'the'."""
    s = _WS.sub(" ", text.replace("[", "").replace("]", "")).strip(" ,;:-–—\"'“”‘’()")
    if not _ABBREVIATION.search(s):
        s = s.rstrip(".").rstrip(" ,;:-–—\"'“”‘’()")
    if re.fullmatch(r"[A-Z]{2,6}s", s):
        s = s[:-1]  # "EUs", "UNs": a possessive whose apostrophe was lost
    if " the " in s:
        s = s.rsplit(" the ", 1)[1]  # "Idlib the Security Council": two phrases run together
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


def titled_person(ent: Span, name: str | None = None) -> bool:
    """A name NER tagged ORG with a person's title before it ("UN envoy Staffan de Mistura") and no
    organisation word in it: a person (used by actors and by the claims' speaker finder)."""
    name = name if name is not None else ent.text
    return ent.label_ == "ORG" and _title_before(ent) is not None and not set(
        re.findall(r"[a-z]+", name.casefold())) & ORG_WORDS


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


def _state_word(word: str) -> bool:
    """'Syria', 'Jordan's', 'Jordans' (a possessive whose apostrophe a scraper dropped)."""
    w = _POSSESSIVE.sub("", word)
    return bool(canonical_state(w) or (w.endswith("s") and len(w) > 4 and canonical_state(w[:-1])))


@functools.lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    return frozenset(demonyms())


def _strip_trailing_words(doc: Doc, span: Span) -> Span:
    """A person's name run into what follows once commas are lost ("Igor Konashenkov Russian Defence
    Ministry spokesman" tagged "Igor Konashenkov Russian"): a trailing demonym or title word is cut."""
    while len(span) >= 2 and (span[-1].lower_ in _demonym_words() or span[-1].lower_ in TITLE_WORDS):
        span = doc[span.start:span.end - 1]
    return span


def _strip_leading_titles(doc: Doc, ent: Span) -> tuple[Span, Span | None]:
    """NER sometimes includes the title in a PERSON span ('President Bashar Assad'), or the country
    before it once commas are lost ('envoy for Syria Staffan de Mistura', 'Jordans King Abdullah')."""
    i = ent.start
    while i < ent.end - 1 and (doc[i].lower_ in TITLE_WORDS or doc[i].ent_type_ == "NORP" and doc[i + 1].lower_ in TITLE_WORDS
                               or (ent.end - i >= 3 and doc[i].is_title and _state_word(doc[i].text))):
        i += 1
    if i == ent.start:
        return ent, None
    return doc[i:ent.end], doc[ent.start:i]


PLACE_NOUNS = {"city", "town", "village", "region", "province", "district", "neighborhood", "neighbourhood", "capital", "port", "suburb", "governorate", "county", "state of"}
# Nouns after a name that make it a place or a site: "the Atmeh border crossing", "Zaatari camp".
SITE_NOUNS = PLACE_NOUNS | {"crossing", "camp", "airport", "airbase", "base", "border", "road", "highway", "square",
                            "market", "valley", "mountain", "mountains", "river", "dam", "bridge", "checkpoint",
                            "countryside", "outskirts", "area", "quarter", "refinery", "field", "fields"}
DIRECTION_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "center",
                   "centre", "outskirts", "heart", "edge", "suburbs", "entrance", "site", "countryside"}
PLACE_NAME_ENDINGS = {"suburb", "suburbs", "countryside", "province", "governorate", "district", "village", "city",
                      "street", "road", "square", "highway", "bridge",
                      "town", "valley", "mountains", "plain", "desert", "neighborhood", "neighbourhood", "camp",
                      "crossing", "airport", "airbase", "region"}
# Prepositions of place: a name they govern is a place, not a person ("in Khan Sheikhoun").
LOCATIVE_PREPS = {"in", "near", "at", "around", "outside", "inside", "across", "into", "towards", "toward"}
# Platforms a statement is posted on, never actors themselves ("said on Twitter").
PLATFORMS = {"twitter", "facebook", "youtube", "telegram", "instagram", "whatsapp", "tiktok", "x.com", "vkontakte"}
# News organisations: an actor of the story only when the story reports what they said or reported
# ("Sputnik reported", "according to AFP"); as the recipient of a quote ("told Reuters"), a credit
# ("(TRT World and Agencies)") or a byline they are the press, not a party.
NEWS_AGENCIES = {"reuters", "afp", "ap", "associated press", "agence france-presse", "agence france presse",
                 "anadolu", "anadolu agency", "sputnik", "tass", "ria novosti", "interfax", "xinhua", "sana",
                 "irna", "fars", "tasnim", "cnn", "bbc", "al jazeera", "al-jazeera", "al arabiya", "al-arabiya",
                 "trt", "trt world", "rt", "dpa", "efe", "ansa", "kyodo", "yonhap", "upi", "bloomberg", "asharq al-awsat",
                 "al-manar", "al manar", "al mayadeen", "al-mayadeen", "press tv", "hawar", "smart news agency",
                 "fna", "fars news agency", "al masdar news", "al-masdar news", "ani", "xinhua news agency"}
NEWS_WORDS = {"news", "agency", "agencies", "press", "tv", "television", "radio", "times", "post", "herald",
              "gazette", "newspaper", "daily", "channel", "broadcaster", "magazine", "journal", "tribune", "wire"}
SOURCE_PREPS = {"according", "by", "from", "quoting", "citing"}


def is_media(name: str) -> bool:
    """A news organisation's name: a known agency or outlet, or a name with a news word."""
    low = name.casefold()
    if low in NEWS_AGENCIES or low.removesuffix(" english") in NEWS_AGENCIES:
        return True
    words = set(re.findall(r"[a-z]+", low))
    return bool(words & NEWS_WORDS) and not words & {"ministry", "council", "committee"}


def _as_source(ent: Span) -> bool:
    """Whether a name is the source of what is reported: the subject of a verb ("Sputnik reported"),
    or "according to / quoted by / citing X"."""
    root = ent.root
    if root.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if root.dep_ == "pobj":
        prep = root.head
        return prep.lower_ in SOURCE_PREPS or prep.head.lower_ in {"according"} or prep.dep_ == "agent"
    if root.dep_ == "conj":
        head = root.head
        return head.dep_ in {"nsubj", "nsubjpass"}
    return False


# Words that make a name an organisation even when NER calls it a person.
ORG_WORDS = {"observatory", "ministry", "council", "agency", "committee", "center", "centre", "organization",
             "organisation", "coalition", "network", "institute", "union", "office", "commission", "command",
             "association", "society", "foundation", "authority", "directorate", "programme", "program",
             "department", "court", "assembly", "parliament", "bank", "fund", "university", "news", "tv",
             "television", "radio", "service", "services", "company", "corporation", "group",
             "movement", "party", "federation", "alliance", "crescent", "cross", "helmets", "defence", "defense"}
EVENT_NOUNS = {"summit", "conference", "talks", "meeting", "games", "olympics", "forum", "war", "election", "elections"}


def _place_context(ent: Span) -> bool:
    """'the city of Homs', 'the towns of Azaz and nearby Marea', 'the Atmeh border crossing', a
    dateline 'ENNISKILLEN, Northern Ireland —': a place whatever NER says."""
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and (
            doc[ent.start - 2].lower_ in PLACE_NOUNS or doc[ent.start - 2].lemma_.lower() in PLACE_NOUNS):
        return True
    root = ent.root
    head = root
    while head.dep_ == "conj" and head.head.i != head.i:  # "Azaz and nearby Marea": the first conjunct
        head = head.head
    if ent.label_ == "PERSON" and head is not root and (
            head.ent_type_ in {"LOC", "FAC"} or (head.ent_type_ == "GPE" and not canonical_state(head.text))
            or head.lemma_.lower() in PLACE_NOUNS):
        return True  # a person is not listed among towns ("Russia and the United Nations" is no place)
    if head is not root and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    nxt = [t for t in doc[ent.end: ent.end + 2]]
    if nxt and nxt[0].is_lower and (nxt[0].lemma_.lower() in SITE_NOUNS or (
            len(nxt) > 1 and nxt[1].is_lower and nxt[1].lemma_.lower() in SITE_NOUNS and nxt[0].pos_ in ("NOUN", "ADJ"))):
        return True  # "the Atmeh border crossing", "the Atmeh refugee camp"
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in DIRECTION_WORDS:
        return True  # "south of Idlib", "the outskirts of Ramussa", "the center of Khan Sheikhoun"
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ in {"is", "was"} and doc[ent.end + 1].lower_ == "located":
        return True
    text = ent.text
    first = ent.start == ent.sent.start or doc[ent.start - 1].is_space
    if first and text.isupper() and len(text) > 5 and ent.end < len(doc) and doc[ent.end].text in {",", "—", "–", "-"}:
        return True
    return False


# What a side calls the other, written before a group's name ("Takfiri Daesh", "terrorist Jabhat al-Nusra"):
# no part of the name, and alone no actor.
EPITHETS = {"takfiri", "takfiris", "terrorist", "terrorists", "jihadist", "jihadists", "jihadi", "extremist",
            "extremists", "militant", "militants", "radical", "radicals"}
TIME_ZONES = {"gmt", "utc", "est", "edt", "cet", "cest", "bst", "msk", "pst", "pdt", "eet", "eest", "ast", "cst", "cdt"}
# A maker's or model's name flying or driving in the story: "Tupolev bombers", "two Belgian F-16 fighter
# jets", "Sukhoi Su-24": no actor. One-word names before a vehicle noun, and names with a model code.
VEHICLE_NOUNS = {"bomber", "bombers", "jet", "jets", "warplane", "warplanes", "plane", "planes", "aircraft",
                 "helicopter", "helicopters", "drone", "drones", "missile", "missiles", "tank", "tanks"}
_MODEL_CODE = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z\d]{0,3}$")  # F-16, Su-24, MiG-29, S-400; not G8


def _machine(name: str, ent: Span) -> bool:
    if any(_MODEL_CODE.match(w) for w in name.split()):
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return len(name.split()) == 1 and nxt is not None and nxt.lower_ in VEHICLE_NOUNS


def _kind(label: str, name: str, ent: Span) -> str | None:
    names, capitals = state_table()
    low = name.casefold()
    words = set(re.findall(r"[a-z]+", low))
    if label in {"PERSON", "ORG"}:
        if low in PLATFORMS:
            return None
        if low in TIME_ZONES:
            return None  # "from 0700 GMT Tuesday"
        if _machine(name, ent):
            return None  # "Tupolev bombers", "Belgian F-16 jets": an aircraft, not an actor
        if len(words) >= 2 and re.search(r"[a-z]+$", low) and re.search(r"[a-z]+$", low).group() in PLACE_NAME_ENDINGS:
            return "place"  # "Harasta Suburb", "Damascus Countryside", "Idlib Province"
        if low.endswith("s") and len(low) > 4 and low[:-1] in names:
            return "state"  # "Russias", "Syrias": a state's possessive without its apostrophe
        if _place_context(ent):
            return "place"
        if words & EVENT_NOUNS or low in TITLE_WORDS:
            return None  # an event's name ("Group of Eight Summit") or a bare title ("State")
    if label == "PERSON":
        if words & ARMED_WORDS - {"forces", "guard", "guards"} or any(p in low for p in ARMED_PHRASES):
            return _org_kind(low)
        if any(c.isdigit() for c in name) or words & ORG_WORDS:
            return "organisation"
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS:
            return "place"  # "in Khan Sheikhoun": NER often calls an unknown place name a person
        return "person"
    if label == "ORG":
        return _org_kind(low)
    if label == "GPE":
        if low in names:
            return "state"
        if low.endswith("s") and low[:-1] in names and len(low) > 4:
            return "state"  # "Syrias army": a possessive whose apostrophe was lost
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


def _org_kind(low: str) -> str:
    """armed_group for a fighting group's name ("Jaish al-Islam", "Free Syrian Army", "Islamic State"),
    organisation for anything else, a state's own army included ("the Syrian Arab Army")."""
    m = NATIONAL_FORCES.match(low.removeprefix("the "))
    if m:
        owner = m.group("owner").removesuffix("'s").removesuffix("s'")
        if canonical_state(owner) or owner in demonyms():
            return "organisation"
    words = set(re.findall(r"[a-z]+", low))
    if words & POLITICAL_WORDS:
        return "organisation"
    if words & ARMED_WORDS or any(p in low for p in ARMED_PHRASES):
        return "armed_group"
    return "organisation"


def entity_label(ent: Span) -> str:
    """spaCy's label, except that a name holding an organisation word ("The Syrian Observatory for
    Human Rights" tagged WORK_OF_ART, "the Syrian Observatory" tagged GPE, "Syrian Civil Defense"
    tagged PRODUCT) is an ORG."""
    if ent.label_ in {"WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "FAC", "GPE", "LOC"} and set(re.findall(r"[a-z]+", ent.text.lower())) & ORG_WORDS \
            and any(t.is_title or t.is_upper for t in ent):
        return "ORG"
    return ent.label_


def _is_speaking_subject(ent: Span) -> bool:
    root = ent.root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in SPEECH_LEMMAS


def find_mentions(doc: Doc) -> list[RawMention]:
    """Every named actor or place mention in the document, in text order."""
    out: list[RawMention] = []
    _, capitals = state_table()
    full = doc_text(doc)
    for ent in doc.ents:
        label = entity_label(ent)
        if label not in LABELS:
            continue
        span, inner_title = _strip_leading_titles(doc, ent) if label == "PERSON" else (ent, None)
        if label == "PERSON":
            span = _strip_trailing_words(doc, span)
        name = normalise_name(span.text)
        while name.split(" ", 1)[0].casefold() in EPITHETS and span.start < span.end - 1:
            span = doc[span.start + 1:span.end]  # "Takfiri Daesh", "terrorist Nusra Front": the name is the rest
            name = normalise_name(span.text)
        if name.casefold() in EPITHETS or not looks_like_name(name):
            continue
        kind = _kind(label, name, ent)
        if kind is None:
            continue
        if full[ent.end_char:ent.end_char + 6].lower() == "-based":
            continue  # "the Britain-based Observatory": where it sits, not an actor of the story
        if kind in {"person", "organisation"} and is_media(name) and not _as_source(ent):
            continue  # the press as recipient, credit or byline (see NEWS_AGENCIES)
        if kind == "state":
            low = name.casefold()
            state = canonical_state(name) or (canonical_state(name[:-1]) if name.endswith("s") else None)
            name = state or capitals.get(low, name)
        if kind == "organisation" and titled_person(span, name):
            kind = "person"  # "UN envoy Staffan de Mistura" tagged ORG: a title makes a person
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
        while end > start and full[end - 1] in " ,.;:" and not (full[end - 1] == "." and _ABBREVIATION.search(full[start:end])):
            end -= 1
        if full[start:end].lower().startswith("the "):
            start += 4
        out.append(RawMention(start, end, name, label, kind, title))
    return out

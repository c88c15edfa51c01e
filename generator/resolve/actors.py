"""Actors across the corpus: which mentions name the same actor, what it is, which offices it held.

Merging, in order (each step is explained by what it guards against):

1. Curation first: a name or alias in ``dossier.yml`` maps to its curated actor; ``ignore`` drops names.
2. In one article, a bare surname ("Putin") means the full name given earlier or later in that article
   ("Vladimir Putin"): newspapers introduce a person once in full.
3. Across articles, full names that share a surname and whose first names are spelling variants
   ("Sergei"/"Sergey": same initial, edit distance <= 2) are one person; a bare surname left over
   joins the only full name with that surname, and stays alone when two people share it.
4. A name labelled ORG or GPE that equals a known person's surname is that person (NER often tags
   "Lavrov" or "Cameron" as ORG).
5. Organisations: an acronym joins the name it abbreviates ("UN" / "United Nations"); two names of
   groups sharing a distinctive word ("Al-Nusra Front" / "Jabhat Al-Nusra": "nusra"; spelling variants
   "Qaida"/"Qaeda" count as shared) are one group.

The display name is the curated name, else the most frequent multi-word form (ties: alphabetical), so it
does not change when an unrelated article arrives. Roles come from title phrases in the text, dated by
the article's publication date, plus curated roles with date ranges.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..config import Curation
from ..extract.actors import TITLE_HEADS, TITLE_WORDS, canonical_state, state_table
from ..extract.titles import COURTESY_TITLES
from ..model import ACTOR_KINDS, Actor, Article, ArticleExtraction, Mention, Ref, Role
from ..urls import slugify, take_id
from .groups import UnionFind

GENERIC_ORG_WORDS = {
    "al", "the", "of", "and", "front", "jabhat", "army", "party", "group", "movement", "council",
    "national", "united", "nations", "union", "international", "organization", "organisation", "committee",
    "forces", "force", "brigade", "brigades", "islamic", "state", "republic", "democratic", "people",
    "peoples", "popular", "liberation", "free", "new", "security", "ministry", "office", "agency",
    "department", "government", "news", "times", "post", "press", "association", "league", "arab",
    "european", "american", "syrian", "russian", "world", "human", "rights", "bank", "house", "for",
    # Arabic: army, movement, brigade(s), battalion, legion, soldiers
    "jaish", "jaysh", "harakat", "liwa", "kataib", "katibat", "faylaq", "jund",
}


def edit_distance(a: str, b: str) -> int:
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# Arabic definite-article particles, written attached, hyphenated or apart ("al-Assad", "al Assad",
# "Assad"; "Abdel Rahman"): a name's key leaves them out, so the spellings meet.
PARTICLES = {"al", "el", "ad", "as", "ash", "at", "ar", "az", "an", "ul"}
_KEY_SPLIT = re.compile(r"[\s\-‐‑–'’`]+")


def name_key(name: str) -> str:
    """The key two spellings of one name share: case folded, hyphens and apostrophes as spaces, the
    particles left out ("Bashar al-Assad" / "Bashar Assad" / "Bashar al Assad" -> "bashar assad")."""
    toks = [t for t in _KEY_SPLIT.split(name.casefold()) if t]
    kept = [t for t in toks if t not in PARTICLES]
    return " ".join(kept or toks)


# Owners written several ways in front of an organisation's name: "U.N." / "UN" / "United Nations".
_OWNER_FORMS = [
    (re.compile(r"^(?:u\.n\.|united nations)(?=\s)"), "un"), (re.compile(r"^(?:u\.s\.|united states)(?=\s)"), "us"),
    (re.compile(r"^(?:e\.u\.|european union)(?=\s)"), "eu"), (re.compile(r"^(?:u\.k\.|united kingdom)(?=\s)"), "uk"),
]
_SPELLING = [(re.compile(r"isation"), "ization"), (re.compile(r"defence"), "defense"), (re.compile(r"centre"), "center")]


def org_key(name: str) -> str:
    """An organisation's key: ``name_key`` with its owner written one way ("UN Security Council" /
    "U.N. Security Council" / "United Nations Security Council"), a state's possessive or demonym as
    the state ("Russia's" / "Russias" / "Russian Defence Ministry"), and British and American spelling
    folded ("Organisation" / "Organization")."""
    low = re.sub(r"'s\b", "", name.casefold().replace("’", "'"))
    for rx, repl in _OWNER_FORMS:
        low = rx.sub(repl, low)
    for rx, repl in _SPELLING:
        low = rx.sub(repl, low)
    toks = name_key(low).split()
    if len(toks) >= 2:
        first = toks[0].removesuffix("'s")
        state = canonical_state(first) or (canonical_state(first[:-1]) if first.endswith("s") else None)
        state = state or state_table_demonyms().get(first)
        if state:
            toks[0] = state.casefold().replace(" ", "-")
    return " ".join(toks)


def _tokens(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", name.casefold())


def _initials(name: str) -> str:
    return "".join(t[0] for t in _tokens(name) if t not in {"of", "the", "and", "for"})


def _acronym(name: str) -> str | None:
    s = name.replace(".", "").replace(" ", "")
    if 2 <= len(s) <= 6 and s.isupper() and s.isalpha():
        return s.lower()
    return None


@dataclass(frozen=True)
class ActorIndex:
    """Result of actor resolution."""

    actors: tuple[Actor, ...]
    by_mention: Mapping[tuple[str, int], str]  # (article id, mention index) -> actor id
    by_name: Mapping[tuple[str, str], str]  # (article id, casefolded name) -> actor id
    global_names: Mapping[str, str]  # casefolded name or alias -> actor id (unambiguous only)


def resolve_actors(
    articles: Sequence[Article], extractions: Mapping[str, ArticleExtraction], curation: Curation
) -> ActorIndex:
    """The actors of the corpus: mentions grouped into actors (steps in the module docstring)."""
    ks = _Keys(curation)
    items = _candidates(articles, extractions, curation, ks.curated)
    ks.key_mentions(items)
    _merge_parenthesised(articles, items, ks)
    keys = sorted(set(ks.mention_key.values()))
    _merge_persons(keys, ks)
    _merge_orgs(keys, ks)
    clusters: dict[str, list[str]] = defaultdict(list)
    for k in set(ks.mention_key.values()):
        clusters[ks.find(k)].append(k)
    actors_data, actor_id_of_root = _name_clusters(clusters, ks)
    by_mention = {mk: actor_id_of_root[ks.find(k)] for mk, k in ks.mention_key.items()}
    return _index(articles, extractions, actors_data, by_mention)


class _Keys:
    """Working state of actor resolution: one key per mention before merging (a string naming a
    cluster), the union-find over keys, and each key's kinds and written forms."""

    def __init__(self, curation: Curation) -> None:
        self.curation = curation
        self.curated: dict[str, int] = {}
        for i, ca in enumerate(curation.actors):
            for alias in (ca.name, *ca.aliases):
                self.curated[alias.casefold()] = i
        self.groups: UnionFind[str] = UnionFind()
        self.find, self.union = self.groups.find, self.groups.union
        self.kinds: dict[str, Counter] = defaultdict(Counter)
        self.forms: dict[str, Counter] = defaultdict(Counter)
        self.mention_key: dict[tuple[str, int], str] = {}

    def key_of(self, name: str, kind: str) -> str:
        low = name.casefold()
        if low in self.curated:
            return f"cur:{self.curated[low]}"
        if kind == "state":
            return f"state:{(canonical_state(name) or name).casefold()}"
        if kind in ("organisation", "armed_group"):
            return f"name:{org_key(name)}"
        return f"name:{name_key(name)}"

    def kind_of(self, k: str) -> str:
        if k.startswith("cur:"):
            ck = self.curation.actors[int(k[4:])].kind
            if ck:
                return ck
        if k.startswith("state:"):
            return "state"
        c = self.kinds[self.find(k)] if self.find(k) in self.kinds else self.kinds[k]
        return c.most_common(1)[0][0] if c else "organisation"

    def key_mentions(self, items: list[tuple[str, int, Mention]]) -> None:
        """Step 2: a key per mention; in one article a bare surname (or an organisation's head word,
        "the Observatory") takes the key of the only full name it shortens."""
        full_by_article: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        orgs_by_article: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for aid, _i, m in items:
            if m.name.casefold() in self.curated:
                continue
            toks = name_key(m.name).split()
            if m.kind == "person" and len(toks) >= 2:
                full_by_article[aid][toks[-1]].add(self.key_of(m.name, m.kind))
            otoks = org_key(m.name).split()
            if m.kind in ("organisation", "armed_group") and len(otoks) >= 2:
                orgs_by_article[aid][_head_word(otoks)].add(self.key_of(m.name, m.kind))
        for aid, i, m in items:
            k = self.key_of(m.name, m.kind)
            toks = name_key(m.name).split()
            if k.startswith("name:") and len(toks) == 1:
                fulls = full_by_article[aid].get(toks[0])
                if m.kind in ("organisation", "armed_group") and not (fulls and len(fulls) == 1):
                    heads = orgs_by_article[aid].get(toks[0])
                    fulls = heads if toks[0] not in GENERIC_ORG_WORDS or len(heads or ()) == 1 else None
                if fulls and len(fulls) == 1:
                    k = next(iter(fulls))
            self.mention_key[(aid, i)] = k
            self.find(k)
            self.kinds[k][m.kind] += 1
            self.forms[k][m.name] += 1


_GROUP_KINDS = {"organisation", "armed_group"}


def _merge_parenthesised(articles: Sequence[Article], items: list[tuple[str, int, Mention]], ks: _Keys) -> None:
    """A name followed by other names in brackets gives its other names: "the Islamic State (ISIS,
    Daesh)", "Jaish al-Islam (Army of Islam)", "the Syrian Democratic Forces (SDF)". Organisations and
    armed groups only (a person's bracket holds a party or an outlet: "Lavrov (Reuters)"), and never a
    name of another kind."""
    text_of = {a.id: a.raw_text for a in articles}
    by_article: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    for aid, i, m in items:
        by_article[aid].append((i, m))
    for aid, ms in by_article.items():
        text = text_of.get(aid, "")
        ms.sort(key=lambda im: im[1].span.start)
        for n, (i, m) in enumerate(ms):
            if m.kind not in _GROUP_KINDS:
                continue
            opening = re.match(r"\s?\(", text[m.span.end:m.span.end + 3])
            if opening is None:
                continue
            start = m.span.end + opening.end()
            close = text.find(")", start, start + 80)
            if close < 0:
                continue
            for j, other in ms[n + 1:]:
                if other.span.start >= close:
                    break
                if other.kind in _GROUP_KINDS:
                    ks.union(ks.mention_key[(aid, i)], ks.mention_key[(aid, j)])


def _candidates(articles: Sequence[Article], extractions: Mapping[str, ArticleExtraction], curation: Curation,
                curated: Mapping[str, int]) -> list[tuple[str, int, Mention]]:
    """The mentions that can name an actor: actor kinds, not ignored, not a name the corpus mostly
    uses as a place (NER tags an unknown town PERSON or ORG here and there)."""
    ignore = {n.casefold() for n in curation.ignore}
    places: Counter = Counter()  # names used as places somewhere in the corpus
    as_kind: Counter = Counter()  # (name, kind) -> mentions
    titled: set[str] = set()  # names given a title somewhere ("President Assad"): people
    for art in articles:
        ex = extractions.get(art.id)
        if ex is not None:
            places.update(m.name.casefold() for m in ex.mentions if m.kind == "place")
            as_kind.update((m.name.casefold(), m.kind) for m in ex.mentions)
            titled.update(m.name.casefold() for m in ex.mentions if m.kind == "person" and m.title)

    def mostly_place(name: str, kind: str) -> bool:
        low = name.casefold()
        if low in curated or (kind == "person" and low in titled):
            return False
        return places[low] * 2 >= as_kind[(low, kind)]

    items: list[tuple[str, int, Mention]] = []
    for art in articles:
        ex = extractions.get(art.id)
        if ex is None:
            continue
        for i, m in enumerate(ex.mentions):
            if m.kind not in ACTOR_KINDS or m.name.casefold() in ignore:
                continue
            if m.kind in ("organisation", "person") and mostly_place(m.name, m.kind):
                continue  # "Homs" / "Khan Sheikhoun" tagged ORG / PERSON here, a place elsewhere
            items.append((art.id, i, m))
    return items


def _merge_persons(keys: list[str], ks: _Keys) -> None:
    """Step 3: full names sharing a surname with first-name spelling variants are one person; a bare
    surname (also tagged ORG/GPE) that only one known person bears is that person."""
    curation = ks.curation
    person_full = [k for k in keys if k.startswith("name:") and ks.kinds[k]["person"] and len(k[5:].split()) >= 2]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in person_full:
        by_surname[k[5:].split()[-1]].append(k)
    for i, ca in enumerate(curation.actors):  # curated persons take part in surname matching too
        if (ca.kind or "person") == "person" and len(ca.name.split()) >= 2:
            by_surname[ca.name.split()[-1].casefold()].append(f"cur:{i}")

    def first_name(k: str) -> str:
        return (curation.actors[int(k[4:])].name.casefold() if k.startswith("cur:") else k[5:]).split()[0]

    for group in by_surname.values():
        group = sorted(set(group))
        for a_i, a in enumerate(group):
            for b in group[a_i + 1:]:
                if a.startswith("cur:") and b.startswith("cur:"):
                    continue
                fa, fb = first_name(a), first_name(b)
                if fa[0] == fb[0] and edit_distance(fa, fb) <= 2:
                    ks.union(a, b)
    _spelling_merges(keys, ks.kinds, ks.union, ks.find)
    for k in keys:
        if not k.startswith("name:"):
            continue
        toks = k[5:].split()
        if len(toks) == 1 and toks[0] in by_surname:
            roots = {ks.find(x) for x in by_surname[toks[0]]}
            if len(roots) == 1:
                ks.union(next(iter(roots)), k)


def _merge_orgs(keys: list[str], ks: _Keys) -> None:
    """Step 5: an acronym joins the one name it abbreviates; owners written two ways meet; armed
    groups merge on their distinctive words."""
    orgs = [k for k in keys if k.startswith("name:") and ks.kind_of(k) in {"organisation", "armed_group"}]
    by_initials: dict[str, list[str]] = defaultdict(list)
    for k in orgs:
        name = ks.forms[k].most_common(1)[0][0]
        if len(_tokens(name)) >= 2 and not _acronym(name):  # "U.N." is an acronym, not two words
            by_initials[_initials(name)].append(k)
    for k in orgs:
        acr = _acronym(ks.forms[k].most_common(1)[0][0])
        if acr and len(set(ks.find(x) for x in by_initials.get(acr, []))) == 1:
            ks.union(by_initials[acr][0], k)
    _owner_merges(orgs, ks.union, ks.find)
    _merge_armed_groups([k for k in orgs if ks.kind_of(k) == "armed_group"], ks.union)


def _merge_armed_groups(groups: list[str], union) -> None:
    """Armed groups merge when one name's distinctive words are all in the other; a name holding two
    other groups' words ("Jaish al-Islam al-Nusra Front", "al Qaeda's Nusra Front" once punctuation
    is lost) runs two names together and joins neither."""
    distinct: dict[str, set[str]] = {k: {t for t in _tokens(k[5:]) if t not in GENERIC_ORG_WORDS and len(t) >= 4} for k in groups}
    vocab = set().union(*distinct.values()) if distinct else set()
    for k, ws in distinct.items():  # "al Qaedas Nusra Front": a possessive without its apostrophe
        distinct[k] = {w[:-1] if w.endswith("s") and w[:-1] in vocab else w for w in ws}
    by_word: dict[str, set[str]] = defaultdict(set)
    for k in groups:
        for w in distinct[k]:
            by_word[w].add(k)
    fused = set()
    for k in groups:
        parts = sorted({x for w in distinct[k] for x in by_word[w] if x != k and distinct[x] < distinct[k]})
        if any(not distinct[x] & distinct[y] for i, x in enumerate(parts) for y in parts[i + 1:]):
            fused.add(k)
    plain = [k for k in groups if k not in fused]
    for i, a in enumerate(plain):
        for b in plain[i + 1:]:
            if _same_group(distinct[a], distinct[b]):
                union(a, b)


def _name_clusters(clusters: Mapping[str, list[str]], ks: _Keys):
    """Each cluster's display name, kind, aliases and id.

    Ids are handed out curated actors first, then states, then the rest: when two actors share a
    name, the plain slug goes to the curated one or the state ("argentina", not "argentina-state"
    while a one-mention organisation called Argentina takes "argentina"). A rule by kind, not by
    counts, so a URL does not move when another article changes the counts."""
    actor_id_of_root: dict[str, str] = {}
    actors_data = []
    taken: set[str] = set()
    for root in sorted(clusters, key=lambda r: (0 if r.startswith("cur:") else 1 if r.startswith("state:") else 2, r)):
        members = clusters[root]
        cur = next((ks.curation.actors[int(k[4:])] for k in sorted(members) if k.startswith("cur:")), None)
        all_forms: Counter = Counter()
        kind_votes: Counter = Counter()
        for k in members:
            all_forms.update(ks.forms[k])
            kind_votes.update(ks.kinds[k])
        if cur is not None:
            name = cur.name
        elif root.startswith("state:"):
            name = canonical_state(next(iter(all_forms))) or all_forms.most_common(1)[0][0]
        else:
            multi = [(n, c) for n, c in all_forms.items() if len(n.split()) >= 2]
            pool = multi or list(all_forms.items())
            name = sorted(pool, key=lambda nc: (-nc[1], nc[0]))[0][0]
        kind = (cur.kind if cur and cur.kind else None) or ("state" if root.startswith("state:") else None)
        if kind is None:
            # A person needs to be called a person somewhere; a group word in the name wins for groups.
            if kind_votes["armed_group"]:
                kind = "armed_group"
            elif kind_votes["person"] and (kind_votes["person"] >= kind_votes["organisation"] or len(name.split()) >= 2):
                kind = "person"
            else:
                kind = kind_votes.most_common(1)[0][0]
        aid = take_id(taken, slugify(name), slugify(f"{name}-{kind}"))
        actor_id_of_root[root] = aid
        aliases = set(all_forms) | (set(cur.aliases) if cur else set())
        aliases.discard(name)
        actors_data.append((aid, name, kind, aliases, cur))
    return actors_data, actor_id_of_root


def _index(articles: Sequence[Article], extractions: Mapping[str, ArticleExtraction], actors_data,
           by_mention: Mapping[tuple[str, int], str]) -> ActorIndex:
    """The actors with their mentions and roles, and the name lookups later stages use."""
    art_by_id = {a.id: a for a in articles}
    refs: dict[str, list[Ref]] = defaultdict(list)
    role_obs: dict[str, dict[str, list[tuple[str | None, str]]]] = defaultdict(lambda: defaultdict(list))
    by_name: dict[tuple[str, str], str] = {}
    for (art_id, i), actor in sorted(by_mention.items()):
        m = extractions[art_id].mentions[i]
        refs[actor].append(Ref(art_id, m.sentence, m.span.start, m.span.end))
        by_name[(art_id, m.name.casefold())] = actor
        if m.title:
            title = normalise_role(m.title)
            if title:
                role_obs[actor][title].append((art_by_id[art_id].published.value, art_id))

    global_names: dict[str, str] = {}
    ambiguous: set[str] = set()
    actors = []
    for aid, name, kind, aliases, cur in actors_data:
        for n in (name, *aliases):
            low = n.casefold()
            if low in global_names and global_names[low] != aid:
                ambiguous.add(low)
            global_names.setdefault(low, aid)
            toks = n.split()
            if kind == "person" and len(toks) >= 2:
                sl = toks[-1].casefold()
                if sl in global_names and global_names[sl] != aid:
                    ambiguous.add(sl)
                global_names.setdefault(sl, aid)
        rs = refs[aid]
        actors.append(
            Actor(
                id=aid,
                name=name,
                kind=kind,
                aliases=tuple(sorted(aliases, key=lambda s: (s.casefold(), s))),
                roles=_roles(role_obs[aid], cur),
                sources=tuple(sorted({r.source for r in rs})),
                mention_count=len(rs),
                wikidata=cur.wikidata if cur else None,
                description=cur.description if cur else None,
                mentions=tuple(rs),
            )
        )
    for low in ambiguous:
        global_names.pop(low, None)
    actors.sort(key=lambda a: a.id)
    return ActorIndex(tuple(actors), by_mention, by_name, global_names)


def _same_group(a: set[str], b: set[str]) -> bool:
    """Two armed groups' names are one group when the distinctive words of one are all in the other
    ("Al-Nusra Front" / "Jabhat al-Nusra": nusra; "Qaida"/"Qaeda" count as one word). Sharing one word
    is not enough: "Jaish al-Islam" and "Jaish al-Fath", "Ahrar al-Sham" and "Fateh al-Sham" are
    different groups (precision first: a false merge fuses enemies)."""
    if not a or not b:
        return False

    def same(x: str, y: str) -> bool:
        return x == y or (len(x) >= 5 and x[:3] == y[:3] and edit_distance(x, y) <= 1)

    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(same(x, y) for y in big) for x in small)


def _head_word(toks: list[str]) -> str:
    """The head of an organisation's name: its last word before "for/of/on/in" ("Syrian Observatory for
    Human Rights" -> observatory, "Russian Defence Ministry" -> ministry)."""
    for n, t in enumerate(toks):
        if n and t in ("for", "of", "on", "in"):
            return toks[n - 1]
    return toks[-1]


def _owner_merges(orgs: list[str], union, find) -> None:
    """"Security Council" is the "UN Security Council" when that is the only longer name ending so
    whose extra words are an owner (UN, US, EU, UK or a state): "Defence Ministry" stays apart
    when the corpus has both Russia's and Syria's. And "Syrian Observatory" is the "Syrian
    Observatory for Human Rights" when no other name starts so before its "for/of"."""
    owners = {"un", "us", "eu", "uk"}
    states = {canon.casefold().replace(" ", "-") for canon in state_table()[0].values()}
    longer: dict[str, set[str]] = defaultdict(set)
    for k in orgs:
        toks = k[5:].split()
        for n in range(1, min(3, len(toks))):
            prefix = toks[:n]
            if all(t in owners or t in states for t in prefix):
                longer[" ".join(toks[n:])].add(k)
    for k in orgs:
        if k[5:] in longer:
            roots = {find(x) for x in longer[k[5:]]}
            if len(roots) == 1:
                union(next(iter(roots)), k)
    # "Syrian Observatory" / "National Coalition": the name before "for/of ..." of exactly one longer name
    cut: dict[str, set[str]] = defaultdict(set)
    for k in orgs:
        toks = k[5:].split()
        for n, t in enumerate(toks):
            if n >= 2 and t in ("for", "of"):
                cut[" ".join(toks[:n])].add(k)
                break
    for k in orgs:
        if len(k[5:].split()) >= 2 and k[5:] in cut:
            roots = {find(x) for x in cut[k[5:]]}
            if len(roots) == 1:
                union(next(iter(roots)), k)


def _spelling_merges(keys: list[str], kinds, union, find) -> None:
    """Spellings of one name that the key does not fold (precision first: each needs a unique match).

    - "Abdelrahman" / "Abdel Rahman": the same letters without spaces, for names of 2+ words or
      against one;
    - "Assads" / "Assad": a possessive whose apostrophe a scraper dropped, when the name without the
      "s" is known and its last word has five letters or more;
    - "Abdel Rahman" / "Rami Abdel Rahman": a two-word person name that ends exactly one longer one.
    """
    names = [k for k in keys if k.startswith("name:")]
    persons = {k for k in names if kinds[k]["person"]}
    glued: dict[str, set[str]] = defaultdict(set)
    for k in names:
        glued[k[5:].replace(" ", "")].add(k)
    for ks in glued.values():
        if len(ks) > 1 and any(" " in k[5:] for k in ks):
            first, *rest = sorted(ks)
            for k in rest:
                union(first, k)
    known = set(names)
    for k in names:
        last = k[5:].split()[-1]
        if last.endswith("s") and len(last) >= 6 and k[:-1] in known and (k in persons) == (k[:-1] in persons):
            union(k[:-1], k)
    longer: dict[str, set[str]] = defaultdict(set)
    for k in persons:
        toks = k[5:].split()
        for n in range(2, len(toks)):
            longer[" ".join(toks[-n:])].add(k)
    for k in persons:
        tail = k[5:]
        if len(tail.split()) >= 2 and tail in longer:
            roots = {find(x) for x in longer[tail]}
            if len(roots) == 1:
                union(next(iter(roots)), k)


def normalise_role(title: str) -> str | None:
    """'Russian Prime Minister' -> 'Prime Minister of Russia'; 'Mr.' -> None."""
    words = title.replace("’", "'").split()
    words = [w for w in words if w.casefold() not in COURTESY_TITLES]
    if not words:
        return None
    states, _ = state_table()
    demonyms = state_table_demonyms()
    country = None
    first = words[0].casefold()
    if first.endswith("'s") and canonical_state(words[0][:-2]):
        country = canonical_state(words[0][:-2])
        words = words[1:]
    elif first in demonyms:
        country = demonyms[first]
        words = words[1:]
    elif canonical_state(words[0]):
        country = canonical_state(words[0])
        words = words[1:]
    if not words or not any(w.casefold() in TITLE_HEADS for w in words):
        return None
    small = {"of", "the", "and", "in", "for", "at", "on"}
    role = " ".join(
        w.casefold() if w.casefold() in small and i else w[:1].upper() + w[1:] if w.casefold() in TITLE_WORDS or i == 0 else w
        for i, w in enumerate(words)
    )
    role = role.replace("Pm", "Prime Minister")
    if country and " of " not in role:
        role = f"{role} of {country}"
    return role


def state_table_demonyms() -> dict[str, str]:
    import json
    from pathlib import Path

    global _DEMONYMS
    try:
        return _DEMONYMS
    except NameError:
        pass
    data = json.loads((Path(__file__).parent.parent / "data" / "states.json").read_text(encoding="utf-8"))
    _DEMONYMS = data.get("demonyms", {})
    return _DEMONYMS


def _bare(title: str) -> tuple[str, str | None]:
    """'President of Russia' -> ('president', 'russia'); 'President-elect' -> ('president-elect', None)."""
    low = title.casefold()
    if " of " in low:
        head, _, rest = low.partition(" of ")
        if canonical_state(rest):
            return head, rest
    return low, None


def _matches(text_title: str, curated_title: str) -> bool:
    a, ca = _bare(text_title)
    b, cb = _bare(curated_title)
    return a == b and (ca is None or cb is None or ca == cb)


def _roles(obs: Mapping[str, list[tuple[str | None, str]]], cur) -> tuple[Role, ...]:
    """Text roles are dated by the articles that use the title; a curated role with the same office
    (same title, compatible country) takes the curated date range and keeps the text's sources."""
    curated = list(cur.roles) if cur else []
    merged: dict[str, tuple[str | None, str | None, set[str], str]] = {}
    for title, seen in sorted(obs.items()):
        dates = sorted(d for d, _ in seen if d)
        srcs = {s for _, s in seen}
        match = next((c for c in curated if c.title.casefold() == title.casefold()), None) or next(
            (c for c in curated if _matches(title, c.title)), None
        )
        if match is not None:
            prev = merged.get(match.title)
            merged[match.title] = (match.start, match.end, (prev[2] if prev else set()) | srcs, "curation+text")
        else:
            prev = merged.get(title)
            ds = sorted([*(dates), *([prev[0], prev[1]] if prev and prev[0] else [])])
            merged[title] = (ds[0] if ds else None, ds[-1] if ds else None, (prev[2] if prev else set()) | srcs, "text")
    for c in curated:
        merged.setdefault(c.title, (c.start, c.end, set(), "curation"))
    roles = [Role(t, s, e, tuple(sorted(src)), ev) for t, (s, e, src, ev) in merged.items()]
    roles.sort(key=lambda r: (r.start or "9999", r.title))
    return tuple(roles)

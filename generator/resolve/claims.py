"""Claims across the corpus: who said it (an actor, or an anonymous source), and who else said the same.

* Speaker: the actor whose mention lies inside the speaker's words ("the United Nations' human rights
  office" -> United Nations), else the resolved antecedent name of a pronoun or role ("he" -> Lavrov),
  looked up first in the same article, then corpus-wide by unambiguous name. Anonymous speakers keep
  their description and have no actor.
* The same assertion reported by several sources is one claim with several sources: the same speaker
  (an actor: two unnamed sources are never taken for one) and similar content -- content-word overlap
  (Jaccard >= 0.5), or the same figure (a number >= 100) with at least two other content words in
  common, and never two different counts of one thing.
* Links between claims (:func:`_relate`): *corroborating* -- the same speaker saying the same again;
  *diverging* -- two speakers answering one question differently, with the question
  (:mod:`.disagreement`); *related* -- other speakers on the same subject (a shared specific topic or
  four content words).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from ..model import Article, ArticleExtraction, Claim, ClaimMention, Divergence, Ref
from ..urls import slugify, take_id
from ..extract.actors import state_table
from .actors import ActorIndex, state_table_demonyms
from .disagreement import disagreements, disjoint, figures, topics

STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being has have had do does
    did not no nor so than that this these those it its it's they them their there here he she his her him we us our
    you your i me my will would shall should can could may might must also only just very more most less such any all
    some both each either neither other another what which who whom whose when where why how about into over under
    after before between during through against without within while because since until up down out off again
    further then once said says say told tell added according one two s""".split()
)
MAX_RELATED = 6
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{3,}\b")


def content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z'-]+|\d[\d,]*", text.lower())
    out = set()
    for w in words:
        if w in STOP or len(w) < 3 and not w[0].isdigit():
            continue
        # crude stemming so "weapons"/"weapon", "killed"/"killing" meet
        for suf in ("ing", "ed", "es", "s"):
            if len(w) > len(suf) + 3 and w.endswith(suf):
                w = w[: -len(suf)]
                break
        out.add(w)
    return out


def _similar(a: set[str], b: set[str], ta: str, tb: str) -> bool:
    """Similar content: word overlap (Jaccard >= 0.5), or the same figure with two more words in
    common; never two different counts of the same thing ("58 killed" / "70 killed"), never a content
    of fewer than three content words."""
    if len(a) < 3 or len(b) < 3:
        return False  # "denied any involvement": too short to tell one statement from another on another day
    fa, fb = figures(ta), figures(tb)
    if any(disjoint(fa[q], fb[q]) for q in set(fa) & set(fb)):
        return False
    j = len(a & b) / len(a | b)
    if j >= 0.5:
        return True
    na, nb = set(NUMBER.findall(ta)), set(NUMBER.findall(tb))
    return bool(na & nb) and len((a & b) - na) >= 2


def _starting_in(starts: Sequence[tuple[int, int]], lo: int, hi: int) -> list[int]:
    """Indexes of the mentions starting in ``[lo, hi)``, ascending; ``starts`` = sorted (start, index).
    A bisection, not a scan of every mention of the article per claim (quadratic: bench/bigarticle.py)."""
    i = bisect_left(starts, (lo, -1))
    out = []
    while i < len(starts) and starts[i][0] < hi:
        out.append(starts[i][1])
        i += 1
    return sorted(out)


def _speaker_actor(art_id: str, c: ClaimMention, ex: ArticleExtraction, idx: ActorIndex,
                   starts: Sequence[tuple[int, int]]) -> str | None:
    sp = c.speaker
    if sp.kind == "anonymous":
        return None
    if sp.span is not None and not (sp.kind in ("role", "pronoun") and sp.name):
        # (a role or a pronoun resolved to a person is that person: "The U.S. president" is Obama)
        inside = [
            (i, ex.mentions[i]) for i in _starting_in(starts, sp.span.start, sp.span.end) if (art_id, i) in idx.by_mention
        ]  # a name may run past the speaker's words ("the Syrian Observatory [for Human Rights]")
        chosen = _speaker_mention(inside, sp)
        if chosen is not None:
            return idx.by_mention[(art_id, chosen)]
    if sp.name:
        key = sp.name.casefold().removeprefix("the ")
        capital = state_table()[1].get(key)  # "Ankara said": the government seated there
        if capital and capital.casefold() in idx.global_names:
            return idx.global_names[capital.casefold()]
        if (art_id, key) in idx.by_name:
            return idx.by_name[(art_id, key)]
        if key in idx.global_names:
            return idx.global_names[key]
        last = key.split()[-1] if key.split() else key
        if (art_id, last) in idx.by_name:
            return idx.by_name[(art_id, last)]
        if sp.kind == "named" and last in idx.global_names and all(w.islower() for w in sp.name.split()[:-1]):
            return idx.global_names[last]  # "de Mistura": the one person of the corpus with that surname
        # "United Nations' human rights office" -> the longest leading words that name an actor
        toks = re.sub(r"['’]s?(?=\s|$)", "", key).split()
        for k in range(len(toks) - 1, 0, -1):
            head = " ".join(toks[:k])
            if (art_id, head) in idx.by_name:
                return idx.by_name[(art_id, head)]
            if head in idx.global_names:
                return idx.global_names[head]
    return None


def _named_in(art_id: str, c: ClaimMention, starts: Sequence[tuple[int, int]], idx: ActorIndex, actor: str | None) -> bool:
    """Whether the speaker's own words name ``actor`` (else the speaker was inferred); ``starts`` are
    the article's (mention start, mention index), sorted."""
    sp = c.speaker.span
    if sp is None or actor is None:
        return False
    return any(idx.by_mention.get((art_id, i)) == actor for i in _starting_in(starts, sp.start, sp.end))


def _speaker_mention(inside: list, sp) -> int | None:
    """Which actor named inside the speaker's words speaks: for a named person, the mention of that
    name ("Ibrahim Alhaj of the Syrian Civil Defense" is Alhaj); for an organisation, the name at the
    head of the phrase, not a modifier ("the Britain-based Syrian Observatory" is the Observatory,
    not Britain); of coordinated names, the first."""
    if not inside:
        return None
    if sp.kind == "named":
        want = (sp.name or "").casefold()
        for i, m in inside:
            if want and (m.name.casefold() == want or want.endswith(m.name.casefold())):
                return i
        people = [i for i, m in inside if m.kind == "person"]
        return people[0] if people else inside[-1][0]
    text = sp.span.text
    pool = [(i, m) for i, m in inside if not text[m.span.end - sp.span.start:].lstrip().startswith(("-based", "based"))]
    if not pool:
        return None  # "the Britain-based group": Britain is where it sits, not who speaks
    for (i, m), (_, n) in zip(pool, pool[1:], strict=False):
        # "The US and France said": coordinated speakers, credited to the first (as one credits a
        # joint statement to the first signatory); the others stay in the speaker's words
        if text[m.span.end - sp.span.start:n.span.start - sp.span.start].strip(" ,").casefold() in ("and", "&"):
            return i
    if sp.kind == "organisation":
        at_end = [i for i, m in pool if m.span.end >= sp.span.end - 1]
        if at_end:
            return at_end[0]
    return pool[0][0]


def _affiliation(art_id: str, c: ClaimMention, ex: ArticleExtraction, idx: ActorIndex,
                 starts: Sequence[tuple[int, int]]) -> str | None:
    """The organisation or state an anonymous speaker belongs to, when their words say so:
    "a senior EU official" -> European Union, "a senior German official" -> Germany,
    "a recent U.N. estimate" -> United Nations."""
    sp = c.speaker
    if sp.span is None:
        return None
    if _head_of(sp.description or sp.span.text) in RELATION_NOUNS:
        return None  # "opponents of X", "a staunch ally of X": not X's people
    for i in _starting_in(starts, sp.span.start, sp.span.end + 1):
        m = ex.mentions[i]
        if sp.span.start <= m.span.start and m.span.end <= sp.span.end and m.kind in {"organisation", "state", "armed_group"}:
            a = idx.by_mention.get((art_id, i))
            if a:
                return a
    demonyms = state_table_demonyms()
    for word in re.findall(r"[A-Za-z.]+", sp.span.text):
        state = demonyms.get(word.casefold())
        if state and state.casefold() in idx.global_names:
            return idx.global_names[state.casefold()]
    return None


# Nouns naming someone by their relation to an actor: that actor does not speak through them.
RELATION_NOUNS = {"ally", "allies", "opponent", "opponents", "critic", "critics", "enemy", "enemies", "rival",
                  "rivals", "foe", "foes", "backer", "backers", "supporter", "supporters", "detractor", "detractors"}


def _head_of(words: str) -> str:
    """The head noun of a speaker phrase: its last word before "of" ("opponents of Assad" -> opponents)."""
    toks = re.findall(r"[\w-]+", words.casefold().split(" of ")[0])
    return toks[-1] if toks else ""


def _mentioned(art_id: str, c: ClaimMention, ex: ArticleExtraction, idx: ActorIndex, speaker: str | None,
               starts: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    about = []
    for i in _starting_in(starts, c.content.start, c.content.end + 1):
        m = ex.mentions[i]
        if c.content.start <= m.span.start and m.span.end <= c.content.end:
            a = idx.by_mention.get((art_id, i))
            if a and a != speaker and a not in about:
                about.append(a)
    return tuple(sorted(about))


# A word in more claims than this says little about which claims belong together.
RARE_DF = 50
# Largest bucket compared pair by pair; a larger one is split by the actors the claims are about.
MAX_BUCKET = 150


def _who(report, i: int) -> str:
    """Who speaks, for grouping reports of one statement: the actor. An unnamed speaker is nobody
    but themself (two "activists said" in two articles are not one source): a key of their own."""
    return report[3] or f"unnamed:{i}"


def _rare_words(words_of: Sequence[set[str]]) -> list[set[str]]:
    df = Counter(w for ws in words_of for w in ws)
    limit = max(RARE_DF, len(words_of) // 200)
    return [{w for w in ws if df[w] <= limit} or set(sorted(ws, key=lambda w: (df[w], w))[:3]) for ws in words_of]


def _candidate_pairs(claims: Sequence[Claim], words: Sequence[set[str]], tops: Sequence[set[str]]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()

    def add_bucket(members: list[int]) -> None:
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                pairs.add((a, b) if a < b else (b, a))

    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(tops):
        for t in ts:
            by_topic[t].append(i)
    for members in by_topic.values():
        if len(members) <= MAX_BUCKET:
            add_bucket(members)
            continue
        by_subject: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for a in claims[i].about:
                by_subject[a].append(i)
        for sub in by_subject.values():
            add_bucket(sub[-MAX_BUCKET:])  # the latest claims on a very common subject
    # rare shared words: count co-occurrences through the index; 4 or more make a candidate
    rare = _rare_words(words)
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(rare):
        for w in ws:
            by_word[w].append(i)
    shared: Counter = Counter()
    for members in by_word.values():
        if len(members) > RARE_DF:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    pairs.update(p for p, n in shared.items() if n >= 2)
    return pairs


def resolve_claims(
    articles: Sequence[Article], extractions: Mapping[str, ArticleExtraction], idx: ActorIndex
) -> tuple[Claim, ...]:
    # Gather every report, in source order.
    reports = []
    for art in articles:
        ex = extractions.get(art.id)
        if ex is None:
            continue
        starts = sorted((m.span.start, i) for i, m in enumerate(ex.mentions))
        for c in ex.claims:
            speaker = _speaker_actor(art.id, c, ex, idx, starts)
            affiliation = _affiliation(art.id, c, ex, idx, starts) if speaker is None else None
            inferred = speaker is not None and not _named_in(art.id, c, starts, idx, speaker)
            reports.append((art, ex, c, speaker, affiliation, inferred, starts))

    # Group reports of the same assertion (same speaker, similar content, another source). Candidates
    # come from an index of (speaker, rare content word), so the cost grows with the corpus, not its square.
    words_of = [content_words(r[2].content.text) for r in reports]
    rare_of = _rare_words(words_of)
    groups: list[list[int]] = []
    index: dict[tuple[str, str], list[int]] = defaultdict(list)  # (who, word) -> group numbers
    for i, r in enumerate(reports):
        who = _who(r, i)
        candidates = sorted({gno for w in rare_of[i] for gno in index.get((who, w), ())})
        for gno in candidates:
            j0 = groups[gno][0]
            r0 = reports[j0]
            if r0[0].id != r[0].id and _similar(words_of[j0], words_of[i], r0[2].content.text, r[2].content.text):
                groups[gno].append(i)
                break
        else:
            groups.append([i])
            for w in rare_of[i]:
                index[(who, w)].append(len(groups) - 1)

    claims = []
    sentence_of: list[tuple[str, int, str, int, int]] = []  # (source, sentence, text, content start, end)
    taken: set[str] = set()
    for g in groups:
        art, ex, c, speaker, affiliation, inferred, starts = reports[g[0]]
        refs = tuple(
            Ref(reports[i][0].id, reports[i][2].sentence, reports[i][2].content.start, reports[i][2].content.end) for i in g
        )
        speaker_text = c.speaker.span.text if c.speaker.span else (c.speaker.description or "unnamed source")
        base = slugify(f"{speaker or 'anonymous'} {' '.join(re.findall(r'[A-Za-z0-9]+', c.content.text)[:6])}")[:60].strip("-")
        # same words from the same place (two cues for one quotation) go on to -2, -3, ...
        cid = take_id(taken, base, f"{base}-{hashlib.sha256(f'{art.id}:{c.content.start}'.encode()).hexdigest()[:6]}")
        sent = ex.sentences[c.sentence] if 0 <= c.sentence < len(ex.sentences) else None
        sentence_of.append((art.id, c.sentence, sent.text if sent else "", c.cue.start - (sent.start if sent else 0),
                            c.content.end - (sent.start if sent else 0)))
        dates = [(reports[i][2].date, reports[i][2].date_precision) for i in g if reports[i][2].date]
        date, precision = min(dates) if dates else (None, None)
        claims.append(
            Claim(
                id=cid,
                speaker=speaker,
                speaker_text=" ".join(speaker_text.split()),
                speaker_description=c.speaker.description,
                text=" ".join(c.content.text.split()),
                direct=c.direct,
                cue=" ".join(c.cue.text.split()),
                cue_kind=c.cue_kind,
                date=date,
                date_precision=precision,
                source=art.id,
                ref=refs[0],
                sources=tuple(dict.fromkeys(r.source for r in refs)),
                refs=refs,
                about=_mentioned(art.id, c, ex, idx, speaker, starts),
                negated=c.negated,
                speaker_affiliation=affiliation,
                speaker_inferred=inferred,
            )
        )

    return _relate(claims, {a.id: a for a in articles}, extractions, idx)


def _relate(claims: list[Claim], articles: Mapping[str, Article], extractions: Mapping[str, ArticleExtraction],
            idx: ActorIndex) -> tuple[Claim, ...]:
    """Links between claims: *corroborating* (the same speaker saying the same again, in a claim of
    its own), *diverging* (:mod:`.disagreement`: two speakers answering one question differently, with
    the question) and *related* (other speakers on the same subject: a shared specific topic or four
    content words). Only pairs that share a topic or rare words are compared (inverted indexes)."""
    words = [content_words(c.text) for c in claims]
    tops = [topics(c.text) for c in claims]
    corro: dict[int, list[str]] = defaultdict(list)
    rel_scored: dict[int, list[tuple[int, str]]] = defaultdict(list)
    names = {a.id: a.name for a in idx.actors}
    states = {a.name.casefold() for a in idx.actors if a.kind == "state"}
    div = disagreements(claims, articles, extractions, names, states)
    for i, j in sorted(_candidate_pairs(claims, words, tops)):
        a, b = claims[i], claims[j]
        if any(o == b.id for o, _q in div.get(a.id, ())):
            continue
        if a.speaker and a.speaker == b.speaker:
            # said again in another article; twice in one article is a repetition, not a corroboration
            if not set(a.sources) & set(b.sources) and _similar(words[i], words[j], a.text, b.text):
                corro[i].append(b.id)
                corro[j].append(a.id)
            continue
        shared_topics = tops[i] & tops[j]
        shared = words[i] & words[j]
        if shared_topics or len(shared) >= 4:
            score = 10 * len(shared_topics) + len(shared)
            rel_scored[i].append((score, b.id))
            rel_scored[j].append((score, a.id))
    out = []
    for i, c in enumerate(claims):
        divs = tuple(sorted({Divergence(o, q) for o, q in div.get(c.id, ())}, key=lambda d: (d.claim, d.question)))
        related = [cid for _s, cid in sorted(rel_scored[i], key=lambda x: (-x[0], x[1]))[:MAX_RELATED]]
        out.append(
            Claim(**{**c.__dict__, "corroborating": tuple(sorted(set(corro[i]))),
                     "diverging": tuple(dict.fromkeys(d.claim for d in divs)), "divergences": divs,
                     "related": tuple(sorted(set(related))), "topic": ",".join(sorted(tops[i])) or None})
        )
    out.sort(key=lambda c: c.id)
    return tuple(out)

"""Claims across the corpus: who said it (an actor, or an anonymous source), and who else said the same.

* Speaker: the actor whose mention lies inside the speaker's words ("the United Nations' human rights
  office" -> United Nations), else the resolved antecedent name of a pronoun or role ("he" -> Lavrov),
  looked up first in the same article, then corpus-wide by unambiguous name. Anonymous speakers keep
  their description and have no actor.
* The same assertion reported by several sources is one claim with several sources: same speaker (or
  both anonymous) and similar content -- content-word overlap (Jaccard >= 0.5), or the same figure
  (a number >= 100) with at least two other content words in common.
* Related claims: other speakers, same subject (at least two shared content words, or a shared topic
  key such as the leader stepping down or chemical weapons); *diverging* when one side is negated or
  says the views differ, *corroborating* when both are affirmative and closely similar, otherwise
  merely *related* (same subject, no stance compared). Two speakers set against each other in one
  sentence by a contrast word ("Cameron accuses ..., while the UN voiced concerns ...") diverge.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from ..model import Article, ArticleExtraction, Claim, ClaimMention, Ref
from ..urls import slugify
from .actors import ActorIndex, state_table_demonyms

STOP = set(
    """a an the and or but if of to in on at by for with from as is are was were be been being has have had do does
    did not no nor so than that this these those it its it's they them their there here he she his her him we us our
    you your i me my will would shall should can could may might must also only just very more most less such any all
    some both each either neither other another what which who whom whose when where why how about into over under
    after before between during through against without within while because since until up down out off again
    further then once said says say told tell added according one two s""".split()
)
TOPICS = {
    "leader-leaves": ("step down", "leave power", "cede power", "quit", "must go", "should leave", "stand down", "resign"),
    "chemical-weapons": ("chemical weapon", "chemical attack", "poison gas", "sarin", "nerve agent"),
    "arms-supply": ("weapon", "arms", "embargo", "s-300", "supply of", "supplies of", "missile"),
    "talks": ("talks", "dialogue", "negotiat", "peace conference", "peace process", "political transition", "political means"),
    "violence": ("violence", "bloodshed", "fighting"),
    "sanctions": ("sanction",),
    "un-resolution": ("resolution", "security council"),
    "intervention": ("interven", "interfere", "foreign help", "invasion"),
}
NEGATION = re.compile(r"\b(not|no|never|n't|nor|without|against|reject\w*|oppos\w*|den(y|ies|ied)|refus\w*)\b", re.I)
# Topics specific enough to compare stances on ("talks" and "violence" are in nearly every claim).
SPECIFIC = {"leader-leaves", "chemical-weapons", "arms-supply", "sanctions", "un-resolution", "intervention"}
MAX_RELATED = 6


def polarity(claim: Claim, topic: str) -> bool:
    """False when the claim speaks against the topic: a negated or denying cue ("has not urged",
    "denied", "spoke against"), or a negation just before the topic's words in the content."""
    if claim.negated or claim.cue_kind == "deny" or NEGATION.search(claim.cue):
        return False
    low = claim.text.lower()
    for pat in TOPICS[topic]:
        k = low.find(pat)
        if k >= 0 and NEGATION.search(low[max(0, k - 30):k]):
            return False
    return True
CONTRAST = re.compile(r"\b(while|whereas|but|however|on the contrary|in contrast|instead)\b", re.I)
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


def topics(text: str) -> set[str]:
    low = text.lower()
    return {k for k, pats in TOPICS.items() if any(p in low for p in pats)}


def _similar(a: set[str], b: set[str], ta: str, tb: str) -> bool:
    if not a or not b:
        return False
    j = len(a & b) / len(a | b)
    if j >= 0.5:
        return True
    na, nb = set(NUMBER.findall(ta)), set(NUMBER.findall(tb))
    return bool(na & nb) and len((a & b) - na) >= 2


def _speaker_actor(art_id: str, c: ClaimMention, ex: ArticleExtraction, idx: ActorIndex) -> str | None:
    sp = c.speaker
    if sp.kind == "anonymous":
        return None
    if sp.span is not None and not (sp.kind in ("role", "pronoun") and sp.name):
        # (a role or a pronoun resolved to a person is that person: "The U.S. president" is Obama)
        inside = [
            (i, m) for i, m in enumerate(ex.mentions)
            if (art_id, i) in idx.by_mention and sp.span.start <= m.span.start < sp.span.end
        ]  # a name may run past the speaker's words ("the Syrian Observatory [for Human Rights]")
        chosen = _speaker_mention(inside, sp)
        if chosen is not None:
            return idx.by_mention[(art_id, chosen)]
    if sp.name:
        key = sp.name.casefold().removeprefix("the ")
        if (art_id, key) in idx.by_name:
            return idx.by_name[(art_id, key)]
        if key in idx.global_names:
            return idx.global_names[key]
        last = key.split()[-1] if key.split() else key
        if (art_id, last) in idx.by_name:
            return idx.by_name[(art_id, last)]
        # "United Nations' human rights office" -> the longest leading words that name an actor
        toks = re.sub(r"['’]s?(?=\s|$)", "", key).split()
        for k in range(len(toks) - 1, 0, -1):
            head = " ".join(toks[:k])
            if (art_id, head) in idx.by_name:
                return idx.by_name[(art_id, head)]
            if head in idx.global_names:
                return idx.global_names[head]
    return None


def _speaker_mention(inside: list, sp) -> int | None:
    """Which actor named inside the speaker's words speaks: for a named person, the mention of that
    name ("Ibrahim Alhaj of the Syrian Civil Defense" is Alhaj); for an organisation, the name at the
    head of the phrase, not a modifier ("the Britain-based Syrian Observatory" is the Observatory,
    not Britain)."""
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
    if sp.kind == "organisation":
        at_end = [i for i, m in pool if m.span.end >= sp.span.end - 1]
        if at_end:
            return at_end[0]
    return pool[0][0]


def _affiliation(art_id: str, c: ClaimMention, ex: ArticleExtraction, idx: ActorIndex) -> str | None:
    """The organisation or state an anonymous speaker belongs to, when their words say so:
    "a senior EU official" -> European Union, "a senior German official" -> Germany,
    "a recent U.N. estimate" -> United Nations."""
    sp = c.speaker
    if sp.span is None:
        return None
    if _head_of(sp.description or sp.span.text) in RELATION_NOUNS:
        return None  # "opponents of X", "a staunch ally of X": not X's people
    for i, m in enumerate(ex.mentions):
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


def _mentioned(art_id: str, c: ClaimMention, ex: ArticleExtraction, idx: ActorIndex, speaker: str | None) -> tuple[str, ...]:
    about = []
    for i, m in enumerate(ex.mentions):
        if c.content.start <= m.span.start and m.span.end <= c.content.end:
            a = idx.by_mention.get((art_id, i))
            if a and a != speaker and a not in about:
                about.append(a)
    return tuple(sorted(about))


# A word in more claims than this says little about which claims belong together.
RARE_DF = 50
# Largest bucket compared pair by pair; a larger one is split by the actors the claims are about.
MAX_BUCKET = 150


def _who(report) -> str:
    """Who speaks, for grouping: the actor, else the anonymous speaker's organisation, else 'anonymous'."""
    return report[3] or report[4] or "anonymous"


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
    for t, members in by_topic.items():
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
        for c in ex.claims:
            speaker = _speaker_actor(art.id, c, ex, idx)
            affiliation = _affiliation(art.id, c, ex, idx) if speaker is None else None
            reports.append((art, ex, c, speaker, affiliation))

    # Group reports of the same assertion (same speaker, similar content, another source). Candidates
    # come from an index of (speaker, rare content word), so the cost grows with the corpus, not its square.
    words_of = [content_words(r[2].content.text) for r in reports]
    rare_of = _rare_words(words_of)
    groups: list[list[int]] = []
    index: dict[tuple[str, str], list[int]] = defaultdict(list)  # (who, word) -> group numbers
    for i, r in enumerate(reports):
        who = _who(r)
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
        art, ex, c, speaker, affiliation = reports[g[0]]
        refs = tuple(
            Ref(reports[i][0].id, reports[i][2].sentence, reports[i][2].content.start, reports[i][2].content.end) for i in g
        )
        speaker_text = c.speaker.span.text if c.speaker.span else (c.speaker.description or "unnamed source")
        base = slugify(f"{speaker or 'anonymous'} {' '.join(re.findall(r'[A-Za-z0-9]+', c.content.text)[:6])}")[:60].strip("-")
        cid = base
        if cid in taken:
            cid = f"{base}-{hashlib.sha256(f'{art.id}:{c.content.start}'.encode()).hexdigest()[:6]}"
        stem, n = cid, 2
        while cid in taken:  # same words from the same place (two cues for one quotation): -2, -3, ...
            cid, n = f"{stem}-{n}", n + 1
        taken.add(cid)
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
                about=_mentioned(art.id, c, ex, idx, speaker),
                negated=c.negated,
                speaker_affiliation=affiliation,
            )
        )

    # Related claims by other speakers: corroborating, diverging or merely related. Only pairs that share
    # a specific topic (within the same subject actor when a topic is very common) or rare words are
    # compared, through inverted indexes.
    words = [content_words(c.text) for c in claims]
    tops = [topics(c.text) & SPECIFIC for c in claims]
    corro: dict[int, list[str]] = defaultdict(list)
    div: dict[int, list[str]] = defaultdict(list)
    rel_scored: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for i, j in sorted(_candidate_pairs(claims, words, tops)):
        a, b = claims[i], claims[j]
        who_a, who_b = a.speaker or a.speaker_affiliation, b.speaker or b.speaker_affiliation
        if (who_a or a.speaker_text) == (who_b or b.speaker_text):
            continue
        shared_topics = tops[i] & tops[j]
        shared = words[i] & words[j]
        if any(polarity(a, t) != polarity(b, t) for t in shared_topics):
            div[i].append(b.id)
            div[j].append(a.id)
        elif _similar(words[i], words[j], a.text, b.text):
            corro[i].append(b.id)
            corro[j].append(a.id)
        elif shared_topics or len(shared) >= 4:
            score = 10 * len(shared_topics) + len(shared)
            rel_scored[i].append((score, b.id))
            rel_scored[j].append((score, a.id))
    rel = defaultdict(list, {i: [cid for _s, cid in sorted(v, key=lambda x: (-x[0], x[1]))[:MAX_RELATED]] for i, v in rel_scored.items()})
    # Two speakers set against each other in one sentence ("X accuses A, while Y says B") diverge.
    by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (src, sno, _t, _a, _b) in enumerate(sentence_of):
        by_sentence[(src, sno)].append(i)
    for ids in by_sentence.values():
        for x in ids:
            for y in ids:
                if x >= y or (claims[x].speaker or claims[x].speaker_text) == (claims[y].speaker or claims[y].speaker_text):
                    continue
                first, second = sorted((x, y), key=lambda k: sentence_of[k][3])
                text = sentence_of[first][2]
                between = text[sentence_of[first][3]:max(sentence_of[second][3], sentence_of[first][3])]
                if CONTRAST.search(between):
                    div[x].append(claims[y].id)
                    div[y].append(claims[x].id)
                    rel[x] = [r for r in rel[x] if r != claims[y].id]
                    rel[y] = [r for r in rel[y] if r != claims[x].id]
    out = []
    for i, c in enumerate(claims):
        out.append(
            Claim(**{**c.__dict__, "corroborating": tuple(sorted(set(corro[i]))), "diverging": tuple(sorted(set(div[i]))),
                     "related": tuple(sorted(set(rel[i]))),
                     "topic": ",".join(sorted(tops[i])) or None})
        )
    out.sort(key=lambda c: c.id)
    return tuple(out)

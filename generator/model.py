"""The data model: plain frozen dataclasses passed between the pipeline stages.

Stage by stage (see ARCHITECTURE.md):

    ingest   -> Article
    extract  -> ArticleExtraction   (all offsets are character offsets into Article.raw_text)
    resolve  -> Dossier             (actors, events, claims, sources with links both ways)

Every span carries raw-text offsets so that ``article.raw_text[span.start:span.end] == span.text``
always holds: a reader can find every fact in the article exactly as it was delivered.
Containers are tuples so that the objects stay hashable and immutable.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# Offsets


# Kinds, one source for every stage: an actor is one of ACTOR_KINDS (what curation accepts, what
# resolve makes pages for, what the briefs cover); a mention may also name a nationality or ethnic
# group (NER's NORP: "Syrians", "Kurds") or a place, which are never actors on their own.
ACTOR_KINDS = ("person", "organisation", "state", "armed_group")
MENTION_KINDS = (*ACTOR_KINDS, "group", "place")


@dataclass(frozen=True)
class Span:
    """A piece of the original text: ``raw[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in the cleaned text back to the raw text (and the other way).

    The cleaned text is made of runs copied one character for one character from the raw text
    (a character may be replaced, e.g. a non-breaking space by a space); whatever lies between two
    runs was dropped. ``segments`` holds ``(clean_start, raw_start, length)`` per run, in order and
    increasing in both coordinates, so both directions are a binary search.

    ``replacements`` (optional) holds ``(clean_start, clean_length, raw_start, raw_length)`` for
    cleaned pieces that stand for a raw piece *as a whole* and cannot be mapped character by
    character: an HTML entity (``&amp;`` -> ``&``), or the paragraph break written for HTML block
    markup (``</p><p>`` -> ``"\n\n"``). Any cleaned offset inside such a piece maps to the raw
    piece's start, a span ending inside it maps to the raw piece's end, so a raw span never cuts an
    entity in half. Segments and replacements never overlap and together stay increasing in both
    coordinates. Plain-text articles need no replacements; code that only reads ``segments`` sees
    the same 1:1 runs as before.
    """

    segments: tuple[tuple[int, int, int], ...]
    replacements: tuple[tuple[int, int, int, int], ...] = ()

    def to_raw(self, clean: int) -> int:
        """Raw offset of the character at cleaned offset ``clean`` (for span starts)."""
        runs = self._runs
        if not runs:
            return 0
        i = bisect_right(self._clean_starts, clean) - 1
        if i < 0:
            return runs[0][1]
        cs, rs, cn, rn, atomic = runs[i]
        if clean - cs < cn:
            return rs if atomic else rs + (clean - cs)
        return rs + rn

    def to_raw_end(self, clean_end: int) -> int:
        """Raw offset just after the character before cleaned offset ``clean_end`` (span ends)."""
        runs = self._runs
        if clean_end <= 0 or not runs:
            return self.to_raw(0)
        clean = clean_end - 1
        i = bisect_right(self._clean_starts, clean) - 1
        if i < 0:
            return runs[0][1]
        cs, rs, cn, rn, atomic = runs[i]
        if clean - cs < cn:
            return rs + rn if atomic else rs + (clean - cs) + 1
        return rs + rn

    def to_clean(self, raw: int) -> int:
        """Cleaned offset of raw offset ``raw``; a dropped raw position maps to the next kept one."""
        runs = self._runs
        if not runs:
            return 0
        i = bisect_right(self._raw_starts, raw) - 1
        if i < 0:
            return 0
        cs, rs, cn, rn, atomic = runs[i]
        if raw - rs < rn:
            return cs if atomic else cs + (raw - rs)
        return cs + cn

    @property
    def _runs(self) -> list[tuple[int, int, int, int, bool]]:
        """Segments and replacements merged in cleaned order: (cs, rs, clean_len, raw_len, atomic)."""
        cache = self.__dict__.get("_merged")
        if cache is None:
            cache = [(cs, rs, n, n, False) for cs, rs, n in self.segments]
            if self.replacements:
                cache += [(cs, rs, cn, rn, True) for cs, cn, rs, rn in self.replacements]
                cache.sort(key=lambda r: (r[0], r[1]))
            object.__setattr__(self, "_merged", cache)
        return cache

    @property
    def _clean_starts(self) -> list[int]:
        cache = self.__dict__.get("_cs")
        if cache is None:
            cache = [r[0] for r in self._runs]
            object.__setattr__(self, "_cs", cache)
        return cache

    @property
    def _raw_starts(self) -> list[int]:
        cache = self.__dict__.get("_rs")
        if cache is None:
            cache = [r[1] for r in self._runs]
            object.__setattr__(self, "_rs", cache)
        return cache


# ---------------------------------------------------------------------------------------------
# Stage 1: ingest


@dataclass(frozen=True)
class Removed:
    """A span of the raw text that cleaning removed, and why (shown folded on the source page)."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True)
class PubDate:
    """When an article was published, how precisely, and where that came from.

    ``value`` is ISO (``2013-06-17``, ``2013-06`` or ``2013``) or None when unknown;
    ``precision`` is ``day``/``month``/``year`` or None; ``evidence`` is ``dateline``, ``sidecar``,
    ``meta`` (an HTML page's meta tags), ``curation``, ``cli`` or ``unknown`` -- never a silent guess.
    """

    value: str | None
    precision: str | None
    evidence: str


@dataclass(frozen=True)
class Article:
    """One input article after decoding and cleaning."""

    id: str  # slug, unique in the corpus; the source page is sources/<id>/
    path: str  # path as given (relative to the seeds folder's parent where possible)
    raw_text: str  # decoded original text; every offset in the model points into this
    clean_text: str  # boilerplate removed, whitespace normalised; paragraphs separated by "\n\n"
    offsets: OffsetMap  # clean -> raw
    removed: tuple[Removed, ...]
    title: str
    outlet: str | None
    url: str | None
    published: PubDate
    content_hash: str  # sha256 of the raw bytes
    encoding: str = "utf-8"  # how the bytes were decoded
    duplicates: tuple[str, ...] = ()  # other file names with the same content (published once)


@dataclass(frozen=True)
class Problem:
    """An article that could not be published, or a warning about one. Shown on the build report."""

    path: str
    reason: str
    severity: str = "error"  # "error": the article was skipped; "warning": published with a caveat


# ---------------------------------------------------------------------------------------------
# Stage 2: extract (per article, pure, cached)


@dataclass(frozen=True)
class Sentence:
    start: int  # raw offsets
    end: int
    text: str  # raw slice


@dataclass(frozen=True)
class Mention:
    """A named mention of a possible actor (or place) in one article."""

    span: Span
    name: str  # normalised surface form: whitespace folded, titles and possessives stripped
    label: str  # spaCy/ruler label: PERSON, ORG, GPE, NORP, LOC, FAC, ...
    kind: str  # one of MENTION_KINDS
    sentence: int  # index into ArticleExtraction.sentences
    title: str | None = None  # title phrase in front of the name ("Russian President")


@dataclass(frozen=True)
class Speaker:
    span: Span | None  # the words naming the speaker in this sentence ("he", "the official", "Lavrov")
    name: str | None  # the named antecedent when resolved ("Sergei Lavrov"), else None
    kind: str  # named | pronoun | role | anonymous | organisation
    description: str | None = None  # for anonymous speakers: "a senior German official"


@dataclass(frozen=True)
class ClaimMention:
    speaker: Speaker
    cue: Span
    content: Span
    direct: bool  # verbatim quotation
    sentence: int
    cue_kind: str = "say"  # say | accuse | announce | deny | stance | according_to | ...
    date: str | None = None  # ISO value of the date the claim was made, when the sentence says
    date_precision: str | None = None
    negated: bool = False  # "has not urged": the cue span then includes the negation


@dataclass(frozen=True)
class DateMention:
    span: Span
    value: str | None  # ISO date/month/year, or None when it cannot be resolved
    precision: str | None  # day | week | month | year | None
    note: str = ""  # why unresolved, or how it was resolved ("relative to publication date")
    sentence: int = -1


@dataclass(frozen=True)
class EventMention:
    trigger: Span
    kind: str  # summit | meeting | talks | visit | conference | vote | veto | sanctions | ...
    date: str | None
    date_precision: str | None
    place: str | None
    participants: tuple[str, ...]  # mention names
    sentence: int
    date_span: Span | None = None
    status: str = "happened"  # happened | planned | hypothetical | negated | prevented
    label: str = ""  # the words naming it ("chemical attack", "air strikes")
    place_in: str | None = None  # the place its place is said to be in ("Idlib" for Khan Sheikhoun)
    indefinite: bool = False  # "an attack", "air strikes": brings in an event, does not refer back


@dataclass(frozen=True)
class NumberMention:
    """A figure worth a series, e.g. a casualty count."""

    span: Span
    quantity: str  # e.g. "killed"
    value: int
    date: str | None
    date_precision: str | None
    sentence: int
    qualifier: str = ""  # "at least", "almost", "more than"


@dataclass(frozen=True)
class ArticleExtraction:
    article_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[ClaimMention, ...]
    dates: tuple[DateMention, ...]
    events: tuple[EventMention, ...]
    numbers: tuple[NumberMention, ...] = ()


# ---------------------------------------------------------------------------------------------
# Stage 3: resolve (whole corpus)


@dataclass(frozen=True)
class Role:
    """An office held. With evidence "text", start/end are the first and last dates on which an
    article calls the actor by this title; with "curation", the analyst's date range."""

    title: str  # "President", "Prime Minister", "President-elect", "Foreign Minister"
    start: str | None  # ISO date from which the role is attested (or curated start)
    end: str | None  # curated end, when known
    sources: tuple[str, ...]  # source ids attesting it
    evidence: str = "text"  # text | curation


@dataclass(frozen=True)
class Ref:
    """A pointer to a place in a source: the sentence a fact came from."""

    source: str  # source id
    sentence: int  # sentence index in the source
    start: int  # raw offsets of the evidence
    end: int


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    sources: tuple[str, ...]  # ids of every source that mentions it
    mention_count: int
    wikidata: str | None = None
    description: str | None = None
    mentions: tuple[Ref, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    title: str
    outlet: str | None
    url: str | None
    published: PubDate
    content_hash: str
    duplicates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Divergence:
    """Another claim this one disagrees with, and the question they answer differently."""

    claim: str  # claim id
    question: str  # "How many killed in Khan Sheikhoun?", "Should Bashar al-Assad leave power?"


@dataclass(frozen=True)
class Claim:
    id: str
    speaker: str | None  # actor id
    speaker_text: str  # the speaker's words in the text ("he", "a senior German official")
    speaker_description: str | None  # anonymous speaker's description
    text: str  # content
    direct: bool
    cue: str
    cue_kind: str
    date: str | None
    date_precision: str | None
    source: str  # first report
    ref: Ref
    sources: tuple[str, ...]  # every source reporting it
    refs: tuple[Ref, ...]  # every report
    about: tuple[str, ...] = ()  # actor ids mentioned in the content
    topic: str | None = None
    corroborating: tuple[str, ...] = ()  # claim ids
    diverging: tuple[str, ...] = ()  # claim ids
    related: tuple[str, ...] = ()  # claim ids: same subject, other speaker, stance not compared
    negated: bool = False  # the speaker did NOT say/urge/back this ("he has not urged ...")
    speaker_affiliation: str | None = None  # anonymous speaker's organisation or state, when the text says
    divergences: tuple[Divergence, ...] = ()  # the diverging claims with the question of each (ids as in diverging)
    # the speaker's words do not name the speaker actor ("he", "the monitor", "the British PM"): it was
    # inferred from the sentences around, and the site says so
    speaker_inferred: bool = False


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    kind: str
    date: str | None
    date_precision: str | None
    place: str | None
    participants: tuple[str, ...]  # actor ids
    sources: tuple[str, ...]
    refs: tuple[Ref, ...]
    status: str = "happened"  # happened | planned | hypothetical | negated | prevented (as reported)


@dataclass(frozen=True)
class SeriesPoint:
    date: str | None
    date_precision: str | None
    value: int
    qualifier: str
    ref: Ref


@dataclass(frozen=True)
class Series:
    id: str
    title: str  # "People killed in the Syrian conflict"
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True)
class Position:
    """One actor's position on a question, from one claim (``generator/resolve/questions.py``)."""

    claim: str  # claim id
    holder: str | None  # actor id of the speaker; None for an unnamed speaker
    side: str | None  # the actor it counts for: a state for its officials and state media, else the holder
    stance: str  # for | against | neutral (neutral: no clear stance, or another's view reported)
    date: str | None  # the claim's date, else its report's
    date_precision: str | None


@dataclass(frozen=True)
class Question:
    """A question the corpus argues about, with every position taken on it."""

    id: str  # page questions/<id>/
    title: str  # "Should Bashar al-Assad leave power?"
    topic: str | None  # disagreement.TOPICS key; None for a curated question found by its words
    target: str | None  # actor id the question is about
    positions: tuple[Position, ...]  # by date, then claim id
    evidence: str = "discovered"  # discovered | curation


@dataclass(frozen=True)
class Camp:
    """Sides that take the same positions: discovered from who agrees with whom, or curated."""

    id: str
    name: str
    members: tuple[str, ...]  # actor ids of the sides (states, organisations, persons)
    evidence: str = "discovered"  # discovered | curation


@dataclass(frozen=True)
class Dossier:
    title: str
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]
    series: tuple[Series, ...]
    problems: tuple[Problem, ...]
    built_from: tuple[str, ...]  # content hashes, in source order
    questions: tuple[Question, ...] = ()
    camps: tuple[Camp, ...] = ()

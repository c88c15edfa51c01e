"""A small but rich hand-made Dossier (with its Articles and ArticleExtractions) for render tests.

Three sources: two ordinary news articles and one hostile one whose title, outlet, text, actor
names and claim carry HTML, Markdown, Jinja and YAML syntax that must come out as inert text.
Offsets are computed from the texts (never typed by hand), so ``raw[start:end] == text`` holds.
Independent of ingest/extract/resolve: render is developed and golden-tested against this.
"""

from __future__ import annotations

import hashlib
import re

from generator.model import (
    Actor,
    Article,
    ArticleExtraction,
    Claim,
    Dossier,
    Event,
    Mention,
    OffsetMap,
    Problem,
    PubDate,
    Ref,
    Removed,
    Role,
    Sentence,
    Series,
    SeriesPoint,
    Source,
    Span,
)

# ---------------------------------------------------------------------------------------------
# Texts

RAW_A = """Support The Moscow Times!

G8 Leaders to Press Russia on Syria

BERLIN \u2014 Britain and Germany aim to use next week's summit to press Russia's leader to use his leverage with the government of President Bashar Assad.

Leaders at the G8 meeting starting Monday will push President Vladimir Putin, "who has a special responsibility and a particular influence to contribute to a de-escalation," a senior German official said Thursday.

Syria's violence has resulted in the confirmed killings of almost 93,000 people since March 2011, the United Nations said Thursday.

British Prime Minister David Cameron will be meeting Putin in London on Sunday for talks on Syria, ahead of the two-day G8 summit in Enniskillen.

"We will also take advantage that the open and honest format of discussion at the G8 has to discuss Syria," Cameron said Thursday.

Share this article on Facebook
"""

RAW_B = """Russia's Lavrov Says Syria Talks Must Not Be Predetermined

MOSCOW \u2014 Foreign Minister Sergei Lavrov insisted Wednesday that the outcome of any talks on ending the bloodshed in Syria must not be predetermined.

Lavrov told a news conference in Moscow, a day after returning from a meeting with Assad in Damascus in December, that more than 60,000 people have died.

Lavrov also said Assad wants his vice president to hold talks with the opposition groups.

Putin said Russia is not protecting Assad.
"""

RAW_C = """<script>alert("title")</script> {{ config }} Lavrov [x](javascript:alert(1))

---
title: injected
---

# Not a heading, * not a list, | not | a table |, {% raw %}{{ 7*7 }}{% endraw %}.

Lavrov said the outcome of talks on Syria must not be predetermined <img src=x onerror=alert(1)>.

Mr. <Evil> *Star* said "</span><script>alert(2)</script> [click](javascript:alert(3)) {: .x} !!! note" loudly.

Cameron said the outcome of the talks must be decided by the Syrians.
"""


# ---------------------------------------------------------------------------------------------
# Builders (a tiny stand-in for ingest + extract)


def _article(
    aid: str,
    path: str,
    raw: str,
    title: str,
    outlet: str | None,
    published: PubDate,
    boilerplate: list[tuple[str, str]],
    duplicates: tuple[str, ...] = (),
    url: str | None = None,
) -> Article:
    """Remove whole boilerplate paragraphs (recorded), keep the rest with an offset map."""
    cut: list[tuple[int, int, str]] = []
    for text, reason in boilerplate:
        start = raw.index(text)
        end = start + len(text)
        while end < len(raw) and raw[end] == "\n":
            end += 1
        cut.append((start, end, reason))
    cut.sort()
    segments = []
    clean = []
    pos = 0
    clen = 0
    for start, end, _ in cut + [(len(raw), len(raw), "")]:
        if start > pos:
            piece = raw[pos:start]
            segments.append((clen, pos, len(piece)))
            clean.append(piece)
            clen += len(piece)
        pos = end
    clean_text = "".join(clean).rstrip("\n")
    removed = tuple(Removed(s, e, r, raw[s:e].strip()) for s, e, r in cut)
    return Article(
        id=aid,
        path=path,
        raw_text=raw,
        clean_text=clean_text,
        offsets=OffsetMap(tuple(segments)),
        removed=removed,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        content_hash=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        duplicates=duplicates,
    )


_SENT = re.compile(r"[^\n]+?(?:[.!?][\"\u201d]?(?=\s)|$)", re.M)


def _sentences(article: Article) -> tuple[Sentence, ...]:
    """Sentences of the kept text (raw offsets); a removed paragraph contributes none."""
    out = []
    kept = [(rs, rs + n) for _, rs, n in article.offsets.segments]
    for m in _SENT.finditer(article.raw_text):
        a, b = m.start(), m.end()
        while a < b and article.raw_text[a] == " ":
            a += 1
        if b > a and any(ks <= a and b <= ke for ks, ke in kept):
            out.append(Sentence(a, b, article.raw_text[a:b]))
    return tuple(out)


def _span(article: Article, text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = article.raw_text.index(text, start + 1)
    return Span(start, start + len(text), text)


def _sentence_of(sentences: tuple[Sentence, ...], offset: int) -> int:
    for i, s in enumerate(sentences):
        if s.start <= offset < s.end:
            return i
    raise AssertionError(f"offset {offset} is in no sentence")


def _ref(article: Article, sentences, text: str, nth: int = 0) -> Ref:
    sp = _span(article, text, nth)
    return Ref(article.id, _sentence_of(sentences, sp.start), sp.start, sp.end)


# ---------------------------------------------------------------------------------------------
# The fixture


def build():
    """(dossier, articles, extractions), all keyed by source id."""
    a = _article(
        "000_g8-leaders",
        "seeds/000_g8-leaders.txt",
        RAW_A,
        "G8 Leaders to Press Russia on Syria",
        "The Moscow Times",
        PubDate("2013-06-14", "day", "dateline"),
        [("Support The Moscow Times!", "donation appeal"), ("Share this article on Facebook", "share buttons")],
        duplicates=("seeds/000_copy.txt",),
        url="https://www.themoscowtimes.com/2013/06/14/g8-leaders-a25000",
    )
    b = _article(
        "001_lavrov-talks",
        "seeds/001_lavrov-talks.txt",
        RAW_B,
        "Russia's Lavrov Says Syria Talks Must Not Be Predetermined",
        "Associated Press",
        PubDate("2013-01", "month", "sidecar"),
        [],
    )
    c = _article(
        "002_hostile",
        "seeds/002_hostile.txt",
        RAW_C,
        '<script>alert("title")</script> {{ config }} Lavrov [x](javascript:alert(1))',
        "Evil <b>Outlet</b> & {{ outlet }}",
        PubDate(None, None, "unknown"),
        [],
        url="javascript:alert(4)",
    )
    articles = {x.id: x for x in (a, b, c)}
    sents = {x.id: _sentences(x) for x in (a, b, c)}

    # Actor mentions (extraction) and resolver refs.
    mention_names = {
        a.id: [
            ("Bashar Assad", "bashar-assad", "PERSON", "person"),
            ("Vladimir Putin", "vladimir-putin", "PERSON", "person"),
            ("United Nations", "united-nations", "ORG", "organisation"),
            ("David Cameron", "david-cameron", "PERSON", "person"),
            ("Putin", "vladimir-putin", "PERSON", "person"),
            ("Cameron", "david-cameron", "PERSON", "person"),
            ("G8", "g8", "ORG", "organisation"),
            ("Russia", "russia", "GPE", "state"),
        ],
        b.id: [
            ("Sergei Lavrov", "sergei-lavrov", "PERSON", "person"),
            ("Lavrov", "sergei-lavrov", "PERSON", "person"),
            ("Assad", "bashar-assad", "PERSON", "person"),
            ("Putin", "vladimir-putin", "PERSON", "person"),
            ("Russia", "russia", "GPE", "state"),
        ],
        c.id: [
            ("Lavrov", "sergei-lavrov", "PERSON", "person"),
            ("Mr. <Evil> *Star*", "evil-star", "PERSON", "group"),
            ("Cameron", "david-cameron", "PERSON", "person"),
        ],
    }
    mentions: dict[str, list[Mention]] = {k: [] for k in articles}
    actor_refs: dict[str, list[Ref]] = {}
    for sid, items in mention_names.items():
        art = articles[sid]
        for name, actor_id, label, kind in items:
            for m in re.finditer(re.escape(name), art.raw_text):
                if any(mm.span.start <= m.start() < mm.span.end for mm in mentions[sid]):
                    continue  # "Putin" inside "Vladimir Putin"
                try:
                    si = _sentence_of(sents[sid], m.start())
                except AssertionError:
                    continue  # inside removed boilerplate or the headline
                sp = Span(m.start(), m.end(), name)
                mentions[sid].append(Mention(sp, name, label, kind, si))
                actor_refs.setdefault(actor_id, []).append(Ref(sid, si, sp.start, sp.end))
    extractions = {
        sid: ArticleExtraction(
            article_id=sid,
            sentences=sents[sid],
            mentions=tuple(sorted(mentions[sid], key=lambda m: m.span.start)),
            claims=(),
            dates=(),
            events=(),
        )
        for sid in articles
    }

    def srcs(actor_id: str) -> tuple[str, ...]:
        return tuple(sorted({r.source for r in actor_refs.get(actor_id, [])}))

    def actor(actor_id, name, kind, aliases=(), roles=(), wikidata=None, description=None):
        refs = tuple(sorted(actor_refs.get(actor_id, []), key=lambda r: (r.source, r.start)))
        return Actor(actor_id, name, kind, tuple(aliases), tuple(roles), srcs(actor_id), len(refs), wikidata, description, refs)

    actors = (
        actor(
            "vladimir-putin", "Vladimir Putin", "person", ("Putin", "Mr. Putin", "Russia's leader"),
            (
                Role("Prime Minister of Russia", "2008-05-08", "2012-05-07", (), "curation"),
                Role("President of Russia", "2012-05-07", None, (a.id,), "curation"),
            ),
            wikidata="Q7747",
        ),
        actor(
            "sergei-lavrov", "Sergei Lavrov", "person", ("Lavrov", "Sergey Lavrov"),
            (Role("Foreign Minister", "2013-01", None, (b.id,), "text"),),
        ),
        actor("david-cameron", "David Cameron", "person", ("Cameron",), (Role("Prime Minister", "2013-06-14", None, (a.id,), "text"),)),
        actor("bashar-assad", "Bashar Assad", "person", ("Assad", "Bashar al-Assad"), (Role("President", None, None, (a.id,), "text"),)),
        actor("united-nations", "United Nations", "organisation", ("UN", "U.N.")),
        actor("g8", "G8", "organisation", ("Group of Eight",)),
        actor("russia", "Russia", "state", ("Moscow",)),
        actor(
            "evil-star", "Mr. <Evil> *Star*", "group", ("{{ alias }}", "<b>bold</b>", "[link](javascript:alert(5))"),
            description="# not a heading <script>alert(6)</script>",
        ),
    )

    sa, sb, sc = sents[a.id], sents[b.id], sents[c.id]
    ra = lambda t, n=0: _ref(a, sa, t, n)  # noqa: E731
    rb = lambda t, n=0: _ref(b, sb, t, n)  # noqa: E731
    rc = lambda t, n=0: _ref(c, sc, t, n)  # noqa: E731

    def claim(cid, speaker, speaker_text, text, direct, cue, date, precision, refs, about=(), desc=None,
              cue_kind="say", corroborating=(), diverging=(), topic=None):
        refs = tuple(refs)
        first = refs[0]
        return Claim(
            id=cid, speaker=speaker, speaker_text=speaker_text, speaker_description=desc, text=text,
            direct=direct, cue=cue, cue_kind=cue_kind, date=date, date_precision=precision,
            source=first.source, ref=first, sources=tuple(sorted({r.source for r in refs})), refs=refs,
            about=tuple(about), topic=topic, corroborating=tuple(corroborating), diverging=tuple(diverging),
        )

    lavrov_text = "the outcome of any talks on ending the bloodshed in Syria must not be predetermined"
    claims = (
        claim(
            "german-official-putin-special-responsibility", None, "a senior German official",
            "who has a special responsibility and a particular influence to contribute to a de-escalation",
            True, "said", "2013-06-13", "day",
            [ra("who has a special responsibility and a particular influence to contribute to a de-escalation")],
            about=("vladimir-putin",), desc="a senior German official",
        ),
        claim(
            "un-93000-killed", "united-nations", "the United Nations",
            "Syria's violence has resulted in the confirmed killings of almost 93,000 people since March 2011",
            False, "said", "2013-06-13", "day",
            [ra("Syria's violence has resulted in the confirmed killings of almost 93,000 people since March 2011")],
        ),
        claim(
            "cameron-open-and-honest-format", "david-cameron", "Cameron",
            "We will also take advantage that the open and honest format of discussion at the G8 has to discuss Syria",
            True, "said", "2013-06-13", "day",
            [ra("We will also take advantage that the open and honest format of discussion at the G8 has to discuss Syria")],
            about=("g8",),
        ),
        claim(
            "lavrov-outcome-not-predetermined", "sergei-lavrov", "Sergei Lavrov", lavrov_text,
            False, "insisted", "2013-01", "month",
            [rb(lavrov_text), rc("the outcome of talks on Syria must not be predetermined")],
            cue_kind="insist", corroborating=(), diverging=("cameron-decided-by-syrians",), topic="Syria talks",
        ),
        claim(
            "lavrov-assad-vice-president", "sergei-lavrov", "Lavrov",
            "Assad wants his vice president to hold talks with the opposition groups",
            False, "said", "2013-01", "month",
            [rb("Assad wants his vice president to hold talks with the opposition groups")],
            about=("bashar-assad",), corroborating=("lavrov-outcome-not-predetermined",),
        ),
        claim(
            "putin-not-protecting-assad", "vladimir-putin", "Putin", "Russia is not protecting Assad",
            False, "said", None, None, [rb("Russia is not protecting Assad")], about=("russia", "bashar-assad"),
        ),
        claim(
            "evil-star-script", "evil-star", "Mr. <Evil> *Star*",
            '</span><script>alert(2)</script> [click](javascript:alert(3)) {: .x} !!! note',
            True, "said", None, None,
            [rc('</span><script>alert(2)</script> [click](javascript:alert(3)) {: .x} !!! note')],
            about=("sergei-lavrov",),
        ),
        claim(
            "cameron-decided-by-syrians", "david-cameron", "Cameron",
            "the outcome of the talks must be decided by the Syrians",
            False, "said", None, None, [rc("the outcome of the talks must be decided by the Syrians")],
            diverging=("lavrov-outcome-not-predetermined",),
        ),
    )

    events = (
        Event(
            "g8-summit-2013-06-17", "G8 summit in Enniskillen", "summit", "2013-06-17", "day", "Enniskillen",
            ("vladimir-putin", "david-cameron", "g8"), (a.id,),
            (ra("G8 meeting starting Monday"), ra("two-day G8 summit in Enniskillen")),
        ),
        Event(
            "cameron-putin-talks-2013-06-16", "Cameron–Putin talks in London", "talks", "2013-06-16", "day", "London",
            ("david-cameron", "vladimir-putin"), (a.id,), (ra("meeting Putin in London on Sunday"),),
        ),
        Event(
            "lavrov-assad-meeting-2012-12", "Lavrov meets Assad in Damascus", "meeting", "2012-12", "month", "Damascus",
            ("sergei-lavrov", "bashar-assad"), (b.id,), (rb("a meeting with Assad in Damascus"),),
        ),
        Event(
            "lavrov-news-conference-2013", "Lavrov news conference", "press_conference", "2013", "year", "Moscow",
            ("sergei-lavrov",), (b.id,), (rb("Lavrov told a news conference in Moscow"),),
        ),
        Event(
            "syria-peace-talks", "Talks on ending the bloodshed in Syria", "talks", None, None, None,
            ("sergei-lavrov", "evil-star"), (b.id, c.id), (rb(lavrov_text),),
        ),
    )

    series = (
        Series(
            "people-killed-syria", "People killed in the Syrian conflict",
            (
                SeriesPoint("2013-06-13", "day", 93000, "almost", ra("almost 93,000 people")),
                SeriesPoint("2013-01", "month", 60000, "more than", rb("more than 60,000 people")),
                SeriesPoint(None, None, 100, "", rc("7*7")),
            ),
        ),
    )

    sources = tuple(
        Source(x.id, x.path, x.title, x.outlet, x.url, x.published, x.content_hash, x.duplicates)
        for x in (a, b, c)
    )
    problems = (
        Problem("seeds/003_empty.txt", "empty file (0 bytes)", "error"),
        Problem("seeds/004_binary.bin", "not text: <binary> | bytes 0x00", "error"),
        Problem("seeds/002_hostile.txt", "no publication date found", "warning"),
    )
    dossier = Dossier(
        title="Russia and Syria (fixture)",
        sources=sources,
        actors=actors,
        events=events,
        claims=claims,
        series=series,
        problems=problems,
        built_from=tuple(x.content_hash for x in (a, b, c)),
    )
    return dossier, articles, extractions

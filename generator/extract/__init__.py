"""Stage 2, extract: one article's parsed document -> ``ArticleExtraction``, all offsets in raw text.

The rule modules (actors, claims, dates, events, numbers) work in the coordinates of the spaCy Doc,
i.e. of the cleaned text; this module is the one place that maps them back to the article's raw text
through ``Article.offsets``, so ``raw[start:end] == text`` holds for every span by construction.

``generator.pipeline.extract_corpus`` streams articles through :func:`parse` (``nlp.pipe`` in
batches, bounded memory) and uses the per-article cache (``generator.cache``) so that only new or
changed articles are parsed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ..model import (
    Article,
    ArticleExtraction,
    ClaimMention,
    DateMention,
    EventMention,
    Mention,
    NumberMention,
    Sentence,
    Span,
    Speaker,
)
from .actors import find_mentions
from .claims import find_claims
from .dates import find_dates
from .events import find_events
from .numbers import find_numbers

# Bump when a rule changes what extraction returns: part of the cache key.
EXTRACTION_VERSION = "4"


def published_date(article: Article) -> dt.date | None:
    """The publication date as a base for relative dates, only when known to the day."""
    p = article.published
    if p.value and p.precision == "day":
        return dt.date.fromisoformat(p.value)
    return None


class _Mapper:
    """Clean-text (doc) offsets -> raw spans, and sentence lookup."""

    def __init__(self, article: Article, doc: Doc):
        self.raw = article.raw_text
        self.offsets = article.offsets
        self.sent_starts = [s.start_char for s in doc.sents]

    def span(self, start: int, end: int) -> Span:
        rs = self.offsets.to_raw(start)
        re_ = max(rs, self.offsets.to_raw_end(end))
        return Span(rs, re_, self.raw[rs:re_])

    def sentence(self, clean_start: int) -> int:
        return max(0, bisect_right(self.sent_starts, clean_start) - 1)


def extract_article(article: Article, doc: Doc) -> ArticleExtraction:
    """Run every rule over one parsed article."""
    m = _Mapper(article, doc)
    sentences = []
    for s in doc.sents:
        text = s.text.strip()
        if not text:
            # keep indexes aligned with doc.sents
            sentences.append(Sentence(*_triple(m.span(s.start_char, s.start_char))))
            continue
        lead = len(s.text) - len(s.text.lstrip())
        sp = m.span(s.start_char + lead, s.start_char + lead + len(text))
        sentences.append(Sentence(sp.start, sp.end, sp.text))

    heads = _headline_spans(article)  # read once: mentions and claims both leave the headline out
    tags = _tag_runs(article.clean_text)
    mentions = tuple(
        Mention(m.span(r.start, r.end), r.name, r.label, r.kind, m.sentence(r.start), r.title)
        for r in _story_mentions(article, doc, find_mentions(doc), heads, tags)
    )
    base = published_date(article)
    raw_dates = find_dates(doc, base)
    dates = tuple(
        DateMention(m.span(d.start, d.end), d.value, d.precision, d.note, m.sentence(d.start)) for d in raw_dates
    )
    claims = []
    date_index = _claim_date_index(raw_dates, doc)
    for c in find_claims(doc):
        if _in_headline(doc, c.cue[0]) or any(s <= c.cue[0] < e for s, e in heads):
            continue  # a headline sums up a statement the body reports in full (and runs words together)
        for s, e in tags:  # a tag list run into the sentence is no part of what was said
            if c.content[0] <= s < c.content[1] and e < c.content[1] and not s <= c.cue[0] < e:
                c = dataclasses.replace(c, content=(e, c.content[1]))
        cue, negated = _negated_cue(doc, c.cue)
        speaker_span = m.span(*c.speaker) if c.speaker else None
        sent = m.sentence(c.cue[0])
        date, precision = _claim_date(raw_dates, date_index, doc, c.cue, base)
        claims.append(
            ClaimMention(
                speaker=Speaker(speaker_span, c.speaker_name, c.speaker_kind, c.speaker_description),
                cue=m.span(*cue),
                content=m.span(*c.content),
                direct=c.direct,
                sentence=sent,
                cue_kind=c.cue_kind,
                date=date,
                date_precision=precision,
                negated=negated,
            )
        )
    events = tuple(
        EventMention(
            trigger=m.span(*e.trigger),
            kind=e.kind,
            date=e.date,
            date_precision=e.precision,
            place=e.place,
            participants=tuple(article.clean_text[s:t] for s, t in e.participants),  # == doc.text, which spaCy rebuilds per access
            sentence=m.sentence(e.trigger[0]),
            date_span=m.span(*e.date_span) if e.date_span else None,
            status=e.status,
            label=e.label,
            place_in=e.place_in,
            indefinite=e.indefinite,
        )
        for e in find_events(doc, raw_dates, base)
        if not _headline_event(article, doc, e.trigger[0])
    )
    numbers = tuple(
        NumberMention(
            m.span(n.start, n.end), n.quantity, n.value, article.published.value, article.published.precision,
            m.sentence(n.start), n.qualifier,
        )
        for n in find_numbers(doc)
    )
    return ArticleExtraction(article.id, tuple(sentences), mentions, tuple(claims), dates, events, numbers)


_CREDIT_WORDS = {"and", "by", "with", "reporting", "editing", "writing", "additional", "contributed", "report"}


def _credit_lines(doc: Doc) -> list[tuple[int, int]]:
    """Sentences that are only names ("Youssef Diab Paula Astih and Najla Habriri", "Reporting by ...
    Editing by ..."): the writers' credit, not the story."""
    out = []
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha]
        if len(words) < 2 or not any(t.ent_type_ == "PERSON" for t in words):
            continue
        if all(t.ent_type_ in ("PERSON", "ORG") or t.lower_ in _CREDIT_WORDS for t in words):
            out.append((sent.start_char, sent.end_char))
    return out


_WORD_RUN = re.compile(r"[\w-]+")


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _story_mentions(article: Article, doc: Doc, found: list, heads: list[tuple[int, int]],
                    tags: list[tuple[int, int]]) -> list:
    """The mentions that name something in the story, not words of the page around it:

    * a name only in the headline (the first paragraph when it is the article's title, or a Title Case
      run such as a list of other stories' headlines) is dropped:
      headlines run words together ("Blaming Assad Trump says ..." once commas are lost) and
      capitalise every word ("Suspected Gas Attack"), so a name there counts only when the body
      names it too (a state, found in a table, counts anyway);
    * a one-word name that the article also writes in lower case is a common word capitalised at a
      sentence start or in a headline ("Regime forces ...", "Chemical"), not a name;
    * the outlet naming itself ("Asharq Al-Awsat", "TRT World and Agencies") is the publisher, and a
      line of writers' names is a credit (:func:`_credit_lines`).
    """
    text = article.clean_text
    # ``heads``: :func:`_headline_spans`; ``tags``: :func:`_tag_runs`
    # a Title Case run in the body is a headline too: teaser lists of other stories ("Syrian Army Gains
    # Control of ... Pentagon Calls ... Daesh Ridiculous Syrian Army Encircles Daesh in ...")
    titled = {r.start for r in found if _in_headline(doc, r.start, min_words=8)}
    body_names = {r.name.casefold() for r in found if r.start not in titled and not any(s <= r.start < e for s, e in heads)}
    outlet = (article.outlet or "").casefold().removeprefix("the ")
    credits = _merged(_credit_lines(doc) + tags)
    credit_starts = [c[0] for c in credits]
    words: set[str] | None = None  # the text's maximal [\w-] runs, made on first need
    written_lower: dict[str, bool] = {}

    def in_lower_case(low: str) -> bool:  # once per name, and by set lookup: was a scan of the text per mention
        nonlocal words
        if low not in written_lower:
            if _WORD_RUN.fullmatch(low):
                words = words if words is not None else set(_WORD_RUN.findall(text))
                written_lower[low] = low in words
            else:
                written_lower[low] = re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text) is not None
        return written_lower[low]

    out = []
    for r in found:
        low = r.name.casefold()
        k = bisect_right(credit_starts, r.start) - 1  # credits: merged, in order (a bisection, not a scan per mention)
        if k >= 0 and r.start < credits[k][1]:
            continue
        if (r.start in titled or any(s <= r.start < e for s, e in heads)) and low not in body_names and r.kind != "state":
            continue
        if " " not in r.name and not r.name.isupper() and in_lower_case(low):
            continue
        if outlet and (low == outlet or (len(low) > 4 and (low in outlet or outlet in low))):
            continue
        out.append(r)
    return out


def _headline_spans(article: Article) -> list[tuple[int, int]]:
    """Where the headline stands: the title paragraph, and the title repeated at the start of one of
    the next paragraphs (scraped pages print it twice: "Strike kills 15 in Idlib Monitor\n\nStrike kills
    15 in Idlib Monitor An air strike killed ...")."""
    text, title = article.clean_text, (article.title or "").strip()
    if not title:
        return []
    out = [(0, len(title))] if text.startswith(title) else []
    at = 0
    for _ in range(3):
        at = text.find("\n\n", at)
        if at < 0:
            break
        at += 2
        if text[at:at + len(title)].casefold() == title.casefold():
            out.append((at, at + len(title)))
    return out


# A page's tag list run into the text once its markup is gone ("Tags Syria Damascus Rebels Douma At
# least 19 ..."): every capitalised word after "Tags" but the last, which opens the next sentence.
_TAGS = re.compile(r"\bTags:?\s+((?:[A-Z][\w'’.-]*\s+){2,15})")


def _tag_runs(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _TAGS.finditer(text):
        words = list(re.finditer(r"\S+", m.group(1)))
        out.append((m.start(), m.start(1) + words[-1].start()))
    return out


def _headline_event(article: Article, doc: Doc, char: int) -> bool:
    """An event word in the headline (the first paragraph when it is the title) or a Title Case line
    repeating it: headlines are no event mentions (their verbs are nouns, their tenses present)."""
    text = article.clean_text
    head_end = len(article.title) if article.title and text.startswith(article.title) else 0
    return char < head_end or _in_headline(doc, char)


def _in_headline(doc: Doc, char: int, min_words: int = 3) -> bool:
    """Headlines are Title Case ("Russia Pressing for Talks to End Syria Bloodshed"); the parser reads
    their nouns as verbs, so claims found in them are not trusted."""
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    if tok is None:
        return False
    words = [t for t in tok.sent if t.is_alpha and len(t) > 3]
    return len(words) >= min_words and sum(t.text[0].isupper() for t in words) / len(words) >= 0.8


def _negated_cue(doc: Doc, cue: tuple[int, int]) -> tuple[tuple[int, int], bool]:
    """Extend the cue over its negation ("has not urged", "did not say") so the claim keeps its
    polarity when shown out of context."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None:
        return cue, False
    head = span.root
    neg = [t for t in head.children if t.dep_ == "neg" and t.i < head.i]
    if not neg:
        return cue, False
    first = min([neg[0].i, *(t.i for t in head.children if t.dep_ in {"aux", "auxpass"} and neg[0].i - 2 <= t.i < head.i)])
    return (doc[first].idx, cue[1]), True


def _triple(sp: Span) -> tuple[int, int, str]:
    return sp.start, sp.end, sp.text


def _claim_date_index(raw_dates, doc: Doc) -> dict[int, int]:
    """Token index -> the first day-precise date (its index in ``raw_dates``) attached to that token:
    its head, or the head of its preposition. Made once per article, so dating a claim costs its cue's
    tokens, not every date of the article (that loop was quadratic: bench/bigarticle.py)."""
    out: dict[int, int] = {}
    for k, d in enumerate(raw_dates):
        if not (d.value and d.precision == "day"):
            continue
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root.head
        out.setdefault(head.i, k)
        if head.dep_ == "prep":
            out.setdefault(head.head.i, k)
    return out


def _claim_date(raw_dates, index: dict[int, int], doc: Doc, cue: tuple[int, int],
                base: dt.date | None) -> tuple[str | None, str | None]:
    """The date a claim was made: a day-precise date attached to the cue verb ("said Thursday",
    "on Tuesday, Lavrov said"), else the publication date (what a report says was said by then).
    ``index``: :func:`_claim_date_index` of the article."""
    cue_span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if cue_span is not None:
        found = [index[t.i] for t in cue_span if t.i in index]
        if found:
            d = raw_dates[min(found)]
            return d.value, d.precision
    if base is not None:
        return base.isoformat(), "day"
    return None, None


# The parser's peak memory grows with the characters in one ``nlp.pipe`` batch, whatever the number of
# documents (measured with en_core_web_sm 3.8: +90 MB for 19,000 characters, +280 MB for 75,000,
# +1.5 GB for 500,000, +6.3 GB for one 2,000,000-character text), while speed is flat from about
# 8 documents a batch. So batches are bounded by characters as well as by count, and a text longer
# than a batch is parsed in pieces cut after paragraph (else line, else word) breaks.
MAX_BATCH_CHARS = 60_000


def parse(articles: Iterable[Article], batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    """Stream (article, doc) pairs through the model in batches of at most ``batch_size`` articles
    and ``MAX_BATCH_CHARS`` characters: memory stays bounded whatever the corpus or article size."""
    from .nlp import load_nlp

    nlp = load_nlp()
    for batch in _batches(articles, batch_size, MAX_BATCH_CHARS):
        if len(batch) == 1 and len(batch[0].clean_text) > MAX_BATCH_CHARS:
            yield batch[0], _parse_long(nlp, batch[0].clean_text, MAX_BATCH_CHARS)
            continue
        yield from zip(batch, nlp.pipe([a.clean_text for a in batch], batch_size=len(batch)), strict=True)


def _batches(articles: Iterable[Article], max_docs: int, max_chars: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    size = 0
    for a in articles:
        n = len(a.clean_text)
        if batch and (len(batch) >= max_docs or size + n > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(a)
        size += n
    if batch:
        yield batch


def _parse_long(nlp, text: str, limit: int) -> Doc:
    """One Doc for a text longer than ``limit``, parsed in pieces of at most ``limit`` characters.

    Pieces end after a paragraph break where possible; ``paragraph_breaks`` starts a sentence there
    anyway, so no dependency crosses a cut and the tokens are those of the whole text. (The tagger and
    NER see a few tokens of context across a cut; a text this long is not a news article.)
    ``Doc.from_docs`` keeps every annotation and gives back exactly ``text``."""
    pieces = _cut(text, limit)
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    if doc.text != text:  # cannot happen: the pieces concatenate to the text; guard the offsets anyway
        raise ValueError("text changed while parsing in pieces")
    return doc


def _cut(text: str, limit: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters, each ending after the last
    paragraph break, line break, or space that fits (in that order of preference), else cut hard."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        for sep in ("\n\n", "\n", " "):
            k = window.rfind(sep)
            if k > 0:
                end = start + k + len(sep)
                # take the whole run of whitespace, so that the next piece starts on a word
                while end < len(text) and end - start < limit and text[end] in " \n\t\r":
                    end += 1
                break
        else:
            end = start + limit
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces

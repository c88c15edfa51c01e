"""Date spans in a parsed article, resolved against the publication date.

Detection uses spaCy's DATE entities (plus TIME entities that name a day, such as "last night" or
"Monday morning"). ``dateparser.search_dates`` over whole text is not used: it reads "We" as
Wednesday and "may" as May.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...isodate import MONTHS
from ..nlp import doc_text
from .lexicon import AGE, CONTEXT_PREPS, DAY_WORDS, HOLIDAY_RE, MILITARY_TIME, ZONE_AFTER
from .normalise import clean, normalise, normalise_timeml
from .tense import policy, span_tense


@dataclass(frozen=True)
class RawDate:
    """A date expression found in a document (offsets are into ``doc.text``)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None  # day | week | month | year | None
    note: str


def find_dates(doc: Doc, published: dt.date | None) -> list[RawDate]:
    """Every DATE entity (and TIME entity naming a day) in ``doc``, resolved against ``published``.

    Offsets are character offsets into ``doc.text``; spans are trimmed of whitespace, punctuation
    and a possessive ("next week's" -> "next week") and take in a day number the model left out
    ("10 May, 2013"). Ages ("45 years old") are not dates and are left out; durations, recurring
    expressions and holiday names used as modifiers ("Christmas trees") are kept with value None
    and a note, so that the caller can show them but never attaches an event to them.
    """
    out: list[RawDate] = []
    full = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        text = ent.text
        if ent.label_ == "TIME" and not DAY_WORDS.search(text):
            continue
        if AGE.search(text) or AGE.search(full[ent.end_char : ent.end_char + 8]):
            continue
        if MILITARY_TIME.fullmatch(text.strip()) and ZONE_AFTER.match(full, ent.end_char):
            continue  # "0227 GMT", "1430 hours": a clock time, not a year
        span = _adjust(ent)
        value, precision, note = resolve_span(span, published)
        if (value is not None and span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN"
                and re.fullmatch(HOLIDAY_RE, clean(span.text))):
            value, precision, note = None, None, "modifier, not a date"  # "Christmas trees"
        start, end = _trim(full, span.start_char, span.end_char)
        out.append(RawDate(start, end, full[start:end], value, precision, note))
    return out


def resolve_span(span: Span, published: dt.date | None, *, timeml: bool = False) -> tuple[str | None, str | None, str]:
    """Normalise a date span of a parsed document, using its sentence (tense, preposition).

    ``timeml=True`` returns TimeML values (:func:`normalise_timeml`); otherwise :func:`normalise`.
    This is the one path used both by :func:`find_dates` and by the TempEval evaluation.
    """
    tense = policy(span_tense(span))
    fn = normalise_timeml if timeml else normalise
    return fn(context_text(span), published, tense=tense)


def context_text(ent: Span) -> str:
    """The span's text with the preposition in front of it ("since", "until", "in"...) and a
    trailing "at the earliest/latest": they change the note or the direction, not the span."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    text = ent.text
    if prev is not None and prev.lower_ in CONTEXT_PREPS:
        text = prev.text + " " + text
    nxt = doc[ent.end : ent.end + 3].text.lower()
    if nxt.startswith("at the earliest") or nxt.startswith("at the latest"):
        text += " " + doc[ent.end : ent.end + 3].text
    return text


def _adjust(ent: Span) -> Span:
    """Take in a day number the model left out in front of a month ("10 May, 2013")."""
    doc = ent.doc
    start = ent.start
    if (start > 0 and doc[start - 1].like_num and doc[start - 1].text.isdigit()
            and 1 <= int(doc[start - 1].text) <= 31 and ent[0].lower_.rstrip(".") in MONTHS):
        start -= 1
    return doc[start : ent.end]


_TRIM = " \t\r\n,;:.\"'()[]\u201c\u201d\u2018\u2019"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Whitespace, punctuation and a possessive off the ends of a span (the value is unchanged)."""
    for suffix in ("'s", "\u2019s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    while end > start and text[end - 1] in _TRIM and not (text[end - 1] == "." and
                                                           re.search(r"[A-Za-z]{2,4}\.$", text[start:end])):
        end -= 1
    while start < end and text[start] in _TRIM:
        start += 1
    return start, end

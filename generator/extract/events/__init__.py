"""Event mentions in one parsed article: attacks, offensives, summits, talks, visits, vetoes,
sanctions, ceasefires, evacuations... each with its factual status.

An event mention is a trigger word (``triggers``) plus what the sentence's syntax ties to it
(``arguments``): a date (one of the ``RawDate`` found by ``dates.find_dates``), a place (and the
place it is said to be in) and participants; and a status (``factuality``): happened, planned,
hypothetical, negated or prevented. Every mention is kept with its status -- the site shows only
what happened on the timeline and lists the rest apart -- provided it has an anchor (a date, a
place or at least one participant). The word lists are ``lexicon``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from ..dates import RawDate
from . import arguments as A
from .factuality import STATUSES, status
from .lexicon import NOUN_TRIGGERS, VERB_TRIGGERS
from .triggers import indefinite, label, trigger_kind

__all__ = ["RawEvent", "find_events", "NOUN_TRIGGERS", "VERB_TRIGGERS", "STATUSES"]


@dataclass(frozen=True)
class RawEvent:
    """An event mention; all offsets are character offsets into ``doc.text``."""

    trigger: tuple[int, int]
    kind: str
    date: str | None
    precision: str | None
    date_span: tuple[int, int] | None
    place: str | None
    participants: tuple[tuple[int, int], ...]
    sentence: int
    status: str = "happened"
    label: str = ""
    place_in: str | None = None
    indefinite: bool = False


def _video_title(tok) -> bool:
    """An embedded video's title line ("Suspected gas attack on Idlib kills 58 - YouTube"): a
    headline, not the article's report."""
    text = tok.sent.text
    return any(m in text for m in (" - YouTube", " – YouTube", " | YouTube"))


def find_events(doc: Doc, dates: list[RawDate], published: dt.date | None = None) -> list[RawEvent]:
    """Event mentions in ``doc`` in text order; ``dates`` are ``find_dates(doc, published)``'s result."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    date_tokens = A.date_token_map(doc, dates, published)
    out: list[RawEvent] = []
    for tok in doc:
        kind = trigger_kind(tok)
        if kind is None or _video_title(tok):
            continue
        gov = A.governing_verb(tok)
        date = A.attached_date(tok, gov, date_tokens) or A.weekday_possessive(tok, published)
        place_tok = A.place(tok, gov, kind)
        place = A.ent_text(place_tok) if place_tok is not None else None
        within = A.place_in(place_tok) if place_tok is not None else None
        parts = A.participants(tok, gov, kind, exclude=place_tok)
        if date is None and place is None and not parts:
            continue
        out.append(
            RawEvent(
                trigger=(tok.idx, tok.idx + len(tok.text)),
                kind=kind,
                date=date.value if date else None,
                precision=date.precision if date else None,
                date_span=(date.start, date.end) if date else None,
                place=place,
                participants=parts,
                sentence=sent_index.get(tok.sent.start, 0),
                status=status(tok, date.value if date else None, published),
                label=label(tok, kind),
                place_in=A.ent_text(within) if within is not None else None,
                indefinite=indefinite(tok),
            )
        )
    return out

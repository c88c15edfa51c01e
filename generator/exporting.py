"""The JSON of ``dossier extract`` (ARCHITECTURE.md): one object per file, raw-text offsets."""

from __future__ import annotations

from typing import Any

from .model import Article, ArticleExtraction, Span
from .urls import slugify


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def extraction_json(article: Article, ex: ArticleExtraction) -> dict[str, Any]:
    """Actor ids here are per-file guesses (slug of the mention's name); the site's ids come from
    corpus-wide resolution in ``dossier build``."""
    return {
        "source": article.path,
        "title": article.title,
        "outlet": article.outlet,
        "published": {"value": article.published.value, "precision": article.published.precision, "evidence": article.published.evidence},
        "encoding": article.encoding,
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason} for r in article.removed],
        "sentences": [{"start": s.start, "end": s.end} for s in ex.sentences],
        "mentions": [
            {**_span(m.span), "name": m.name, "actor": slugify(m.name), "kind": m.kind, "label": m.label, "title": m.title}
            for m in ex.mentions
        ],
        "claims": [
            {
                "speaker": ({**_span(c.speaker.span)} if c.speaker.span else {"text": None})
                | {"name": c.speaker.name, "kind": c.speaker.kind, "description": c.speaker.description,
                   "actor": slugify(c.speaker.name) if c.speaker.name else None},
                "cue": {**_span(c.cue), "kind": c.cue_kind},
                "content": _span(c.content),
                "direct": c.direct,
                "negated": c.negated,
                "date": c.date,
            }
            for c in ex.claims
        ],
        "dates": [{**_span(d.span), "value": d.value, "precision": d.precision, "note": d.note} for d in ex.dates],
        "events": [
            {
                "trigger": _span(e.trigger),
                "kind": e.kind,
                "date": e.date,
                "precision": e.date_precision,
                "place": e.place,
                "participants": [slugify(p) for p in e.participants],
            }
            for e in ex.events
        ],
        "numbers": [{**_span(n.span), "quantity": n.quantity, "value": n.value, "qualifier": n.qualifier} for n in ex.numbers],
    }

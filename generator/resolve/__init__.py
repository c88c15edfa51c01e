"""Stage 3, resolve: the whole corpus's extractions + curation -> one ``Dossier``.

Pure: no I/O. Every list in the result is sorted, so the same input gives the same dossier whatever
the order in which files were listed or parsed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import Curation
from ..model import Article, ArticleExtraction, Dossier, Problem, Source
from .actors import ActorIndex, resolve_actors
from .claims import resolve_claims
from .events import resolve_events, resolve_series
from .questions import resolve_questions

__all__ = ["resolve", "ActorIndex"]


def resolve(
    articles: Sequence[Article],
    extractions: Mapping[str, ArticleExtraction],
    curation: Curation,
    problems: Sequence[Problem] = (),
) -> Dossier:
    articles = sorted(articles, key=lambda a: a.id)
    idx = resolve_actors(articles, extractions, curation)
    claims = resolve_claims(articles, extractions, idx)
    events = resolve_events(articles, extractions, idx)
    series = resolve_series(articles, extractions)
    sources = tuple(
        Source(a.id, a.path, a.title, a.outlet, a.url, a.published, a.content_hash, a.duplicates) for a in articles
    )
    questions, camps, warnings = resolve_questions(claims, idx.actors, sources, curation)
    problems = [*problems, *warnings]
    return Dossier(
        title=curation.title,
        sources=sources,
        actors=idx.actors,
        events=events,
        claims=claims,
        series=series,
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.reason))),
        built_from=tuple(a.content_hash for a in articles),
        questions=questions,
        camps=camps,
    )

"""Stage 4, views: what the site (``generator.render``) and the PDFs (``generator.pdf``) show,
derived once from the resolved Dossier. Both read this layer; neither imports the other.

- :mod:`.index` -- lookups by id and the reverse relations the model stores one way.
- :mod:`.select` -- which actors get a page and a PDF brief; rankings (most present actors, most
  reported events, most corroborated and divergent claims).
- :mod:`.graph` -- the relationship graph (met / spoke about).
- :mod:`.fmt` -- dates with their precision and counts, as a reader reads them.
- :mod:`.charts` -- the static SVG diagrams (timeline, graph, series, roles).
- :mod:`.text` -- plain-text cleaning and cutting shared by both.

:func:`build_views` is called once per build; the site and the PDFs show the same actors (those
with a page) and therefore the same counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import Article, ArticleExtraction, Dossier
from .index import Index
from .select import actors_with_pages, minor_by_source

__all__ = ["Views", "build_views", "Index"]


@dataclass(frozen=True)
class Views:
    dossier: Dossier  # the resolved model with only the actors that have a page
    ix: Index  # lookups over ``dossier``
    actors_named: int  # every actor found, those without a page included
    minor: dict[str, list[str]]  # source id -> names of the actors without a page


def build_views(
    dossier: Dossier, articles: Mapping[str, Article], extractions: Mapping[str, ArticleExtraction]
) -> Views:
    paged = actors_with_pages(dossier)
    minor = minor_by_source(dossier, paged)
    shown = dataclasses.replace(dossier, actors=tuple(a for a in dossier.actors if a.id in paged))
    return Views(shown, Index.of(shown, articles, extractions), len(dossier.actors), minor)

"""Caps on what the PDFs print: the briefing is a summary whose size must stay flat as the corpus
grows (printing the whole site took 637 s and 4 GB at 2,000 pages, see ARCHITECTURE.md), so every
list in it has a cap and the PDF says how many more items the site holds. The per-actor briefs
carry the detail, but each is capped too, so that one very central actor (a state mentioned in
every article) cannot produce a 300-page brief. Which actors get a brief: :mod:`generator.views.select`.
"""

from __future__ import annotations

__all__ = [
    "BRIEFING_ACTORS", "BRIEFING_EVENTS", "BRIEFING_CLAIMS", "BRIEFING_TIMELINE", "CITATIONS_PER_ITEM",
    "PARTNERS_PER_CLAIM", "SERIES_CHARTS", "OUTLETS_SHOWN", "BRIEF_CLAIMS", "BRIEF_ABOUT", "BRIEF_EVENTS",
    "BRIEF_SOURCES", "EXCERPT", "SINCE_ITEMS",
]

BRIEFING_ACTORS = 30  # key actors, by number of sources then mentions
BRIEFING_EVENTS = 30  # key events, by number of sources
BRIEFING_CLAIMS = 15  # each of "most corroborated" and "most divergent"
BRIEFING_TIMELINE = 40  # rows of the chronology
CITATIONS_PER_ITEM = 3  # sources cited inline for one claim or event ("and 4 more sources")
PARTNERS_PER_CLAIM = 3  # corroborating / diverging claims shown under one claim
SERIES_CHARTS = 3
OUTLETS_SHOWN = 10
BRIEF_CLAIMS = 60  # an actor's own claims
BRIEF_ABOUT = 20  # claims by others about the actor
BRIEF_EVENTS = 40
BRIEF_SOURCES = 60
SINCE_ITEMS = 8  # items of one group (new claims, new actors...) in "Since the last briefing"
EXCERPT = 400  # characters of a claim or an evidence sentence before it is cut with "…"

"""Date expressions: find them in a parsed article and resolve them against the publication date.

Values are ISO 8601 strings with a precision (:mod:`generator.isodate`):

====================  =========  =====================================================
value                 precision  examples
====================  =========  =====================================================
``2013-06-17``        day        "Monday", "yesterday", "Feb. 4", "June 17, 2013"
``2013-W25``          week       "this week", "next week's summit" (ISO week numbers)
``2013-06``           month      "in May", "last November", "this month", "since March 2011"
``2013``              year       "two years ago", "earlier this year", "the third quarter"
====================  =========  =====================================================

Weeks are ISO weeks (``YYYY-Www``, the same notation as TimeML) rather than their Monday, so that a
week is never mistaken for a known day. Quarters, halves and seasons are coarsened to their year by
:func:`normalise` (the note keeps what was said, e.g. "third quarter"); :func:`normalise_timeml`
keeps TimeML's finer values (``1989-Q3``, ``1998-FA``, ``1998-W32-WE``, ``199`` for the 1990s,
``PRESENT_REF``...) and is what the TempEval evaluation scores.

Why this shape was measured: see ARCHITECTURE.md, "Measured choices". The modules, in the order a date
goes through them:

* ``spans.py``: ``find_dates`` over a spaCy Doc (``RawDate``), ``resolve_span``;
* ``tense.py``: the tense of the governing verb, which decides the direction of "Wednesday";
* ``normalise.py``: ``normalise`` / ``normalise_timeml`` of one expression, absolute dates, the
  dateparser fallback; ``relative.py``: the rules relative to the publication date;
* ``lexicon.py``: the rules' words and patterns; ``values.py``: the result type and calendar helpers.
"""

from __future__ import annotations

from .normalise import normalise, normalise_timeml
from .spans import RawDate, context_text, find_dates, resolve_span
from .tense import tense_of

__all__ = [
    "RawDate",
    "normalise",
    "normalise_timeml",
    "tense_of",
    "resolve_span",
    "context_text",
    "find_dates",
]

"""Article metadata: title, outlet, publication date -- each from the best evidence available.

Priority, highest first (a curated value is the analyst's deliberate correction, so it beats what
came with the file; the command line beats both because it is given for this run only):

* published: ``--published`` (evidence ``cli``) > curation override (``curation``) > sidecar or
  Markdown front matter (``sidecar``) > HTML ``article:published_time``-style meta (``meta``) >
  a dateline in the article's first lines (``dateline``) > unknown. Never guessed.
* title: curation > sidecar/front matter > HTML ``<h1>``, ``og:title``, ``<title>`` > the headline
  unit found by the cleaning rules > the first sentence of the text (cut at 100 characters) >
  the file name.
* outlet: curation > sidecar/front matter > HTML ``og:site_name``/``application-name`` > the
  article's self-references (below) > None.

Outlet self-references (an outlet names itself where it asks for something):

1. a whole line "Support The Moscow Times!" (a donation appeal, removed from the text);
2. inside a unit removed as a donation or subscription appeal: "X, an independent news source /
   newspaper / news site...", "the journalists of X";
3. a whole line "Published by X" or "© 2013 X" / "Copyright X".

Measured and rejected: "told X" ("told RT") and the same descriptive patterns anywhere in the text.
On PolNeAR (924 articles with known publishers) "told X" named the right outlet about 1 time in 4 --
outlets quote each other ("told CNN" in a Washington Post story) -- and "X, a conservative magazine"
names the outlet being quoted. An unknown outlet is better than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import isodate
from ..model import PubDate
from .clean import SUPPORT_OUTLET, words

_W = r"(?:[\w'’&-]|\.(?=\w))*"  # a word's tail; a dot only inside ("U.S.")
_NAME = rf"(?:[Tt]he )?[A-Z]{_W}(?:\s+(?:of |the |and |& )?[A-Z]{_W}){{0,5}}"
_INDEPENDENT = re.compile(
    rf"(?P<outlet>{_NAME}),\s+(?:an?|the)\s+(?:(?:independent|leading|award-winning|online|daily|weekly|english-language|russian|national|local)\s+)*"
    r"(?:news(?:\s|-)?(?:source|outlet|site|website|organi[sz]ation|agency|publication|service|channel)|newspaper|magazine|broadcaster|publication)\b"
)
_JOURNALISTS_OF = re.compile(rf"\b(?:the )?journalists (?:of|at) (?P<outlet>{_NAME})")
_PUBLISHED_BY = re.compile(rf"^(?i:published|produced|brought to you) (?i:by) (?P<outlet>{_NAME})\.?$")
_COPYRIGHT = re.compile(rf"^(?:©|\([cC]\)|(?i:copyright))\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*)?(?P<outlet>{_NAME})")
_MAX_OUTLET = 60


def _clean_name(name: str) -> str | None:
    name = re.sub(r"[\s.,;:!?'’]+$", "", name.strip())
    name = re.sub(r"(?:'s|’s)$", "", name)
    if not name or len(name) > _MAX_OUTLET or not any(c.isalpha() for c in name):
        return None
    return name


APPEALS = frozenset({"donation appeal", "subscription promo"})


def outlet_from_text(texts: Sequence[str], reasons: Sequence[str | None] = ()) -> str | None:
    """The outlet an article names itself by, or None (rules in the module docstring)."""
    reasons = list(reasons) or [None] * len(texts)
    for t, r in zip(texts, reasons, strict=False):
        if len(t) <= 160:
            for rx in (SUPPORT_OUTLET, _PUBLISHED_BY, _COPYRIGHT):
                m = rx.match(t.strip())
                if m and (name := _clean_name(m.group("outlet"))):
                    if not re.search(r"journalism|reporting|media\b|^us$|^our\b|rights reserved", name, re.I):
                        return name
        if r in APPEALS:
            for rx in (_INDEPENDENT, _JOURNALISTS_OF):
                m = rx.search(t[:3000])
                if m and (name := _clean_name(m.group("outlet"))):
                    return name
    return None


_TITLE_SUFFIX = re.compile(r"\s*\(\+?(?:video|videos|photos?|audio|gallery|pictures|infographic|map)\)\s*$", re.I)


def tidy_title(title: str, outlet: str | None = None) -> str:
    """Strip "(+video)"-style suffixes and a trailing " | Outlet" / " - Outlet"; cap the length."""
    t = " ".join(title.split())
    t = _TITLE_SUFFIX.sub("", t)
    if outlet:
        for sep in (" | ", " - ", " — ", " – ", " :: "):
            if t.endswith(sep + outlet) and len(t) > len(sep + outlet) + 3:
                t = t[: -len(sep + outlet)]
    if len(t) > 200:
        cut = t[:200].rsplit(" ", 1)[0]
        t = cut + "…"
    return t


def title_from_text(text: str) -> str:
    """First sentence of the cleaned text, at most ~100 characters (a fallback, not a headline)."""
    first = text.split("\n", 1)[0]
    m = re.search(r"[.!?](?:\s|$)", first)
    if m:
        first = first[: m.start() + 1]
    if len(first) > 100:
        first = first[:100].rsplit(" ", 1)[0] + "…"
    return first if words(first) else ""


def parse_iso(value: object) -> PubDate | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` (or a date object) -> PubDate(evidence "?"), else None
    (:func:`generator.isodate.parse`)."""
    found = isodate.parse(value)
    return PubDate(*found, "?") if found else None


def meta_date(value: str) -> PubDate | None:
    """An HTML meta date ("2013-06-17T15:39:00+00:00", "2013-06-17") at day precision."""
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value or "")
    if not m:
        return None
    return parse_iso(m.group(1))

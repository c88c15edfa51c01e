"""Publication dates written in the article itself: datelines such as

    Published 3:39pm Monday, June 17, 2013        10 May, 2013 18:20
    Updated: 2013-06-17T15:39:00Z                  Wed 05 Apr 2017 Syria attack ...

    Posted on April 4 2017 by Asharq Al-Awsat     Date of publication 19 August 2016 ...
    Air strikes kill 11 in Idlib AFP Wednesday 13 Jul 2016 ...      Last updated at Jan 202015

Only explicit, complete dates count: a day needs day, month and year; a month needs month and
year ("June 2013", accepted only on a line that is nothing but a dateline). Slashed numeric dates
such as ``06/07/2013`` are ambiguous (US or European order) and are used only when one number is
over 12; dotted ``17.06.2013`` is read day first, and so is a dashed one opening a dateline
(``05-02-2015``): the US writes numeric dates with slashes, the press elsewhere day first. A day
fused with its year by a scraper (``Jan 202015``) is read as day and year. A weekday that does not
match the date is reported, not silently corrected.

Where: a line that is nothing but a dateline (:func:`dateline`), or a paragraph near the top that
opens with a date, possibly after a lead-in ("Published", "Posted on"), the repeated headline and a
credit of up to three capitalised words ("AFP") (:func:`leading_date`). A date after running text
is an event's date, not the article's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..isodate import MONTH_PATTERN, MONTHS, WEEKDAYS, month_value

MONTH = r"(?P<{n}>" + MONTH_PATTERN + r")\.?"  # the month words of isodate.MONTHS: "June", "Jun.", "Sept."
# a weekday, full or abbreviated ("Tues.", "Thurs"); looser than isodate.WEEKDAYS, as datelines are
WEEKDAY = r"(?:(?P<wd>mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday|s|t|r|rs)?\.?,?\s+)"
DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<{n}>(?:19|20)\d\d)"
TIME = r"(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|(?:at\s+)?\d{1,2}\s*[ap]\.?m\.?|at\s+\d{4})(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?"

_DATE_FORMS = "|".join((
    # June 17, 2013 / June 17th 2013 / Jun. 17, 2013
    MONTH.format(n="m1") + r"\s+" + DAY.format(n="d1") + r",?\s+" + YEAR.format(n="y1"),
    # 17 June 2013 / 10 May, 2013 / 17th of June, 2013
    DAY.format(n="d2") + r"\s+(?:of\s+)?" + MONTH.format(n="m2") + r",?\s+" + YEAR.format(n="y2"),
    # 2013-06-17, 2013-06-17T15:39:00Z, 2013/06/17
    YEAR.format(n="y3") + r"(?P<sep>[-/])(?P<m3>[01]\d)(?P=sep)(?P<d3>[0-3]\d)(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    # 17.06.2013 (European order; dots are not used for US dates)
    r"(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>(?:19|20)\d\d)",
    # 21-02-2016 or 02/21/2016: only when unambiguous (one of the first two numbers is over 12),
    # or day first for a dashed dateline (see the module docstring)
    r"(?P<a6>[0-3]?\d)(?P<sep6>[-/])(?P<b6>[0-3]?\d)(?P=sep6)(?P<y6>(?:19|20)\d\d)",
    # Jan 202015: a two-digit day fused with its year
    MONTH.format(n="m7") + r"\s+(?P<d7>[0-3]\d)(?P<y7>(?:19|20)\d\d)",
    # June 2013 (month precision)
    MONTH.format(n="m5") + r",?\s+" + YEAR.format(n="y5"),
))
_DATE = re.compile(rf"(?<![\w-])(?:{WEEKDAY})?(?:{_DATE_FORMS})(?![\w-])", re.I)
_TIME = re.compile(TIME, re.I)
# Words a dateline may hold besides the date and time.
_FILLER = re.compile(
    r"\b(?:published|posted|updated|last|first|modified|date|dated|on|at|created|issued|am|pm|"
    r"gmt|utc|msk|est|edt|cet|cest|bst|time|local|mon|tue|wed|thu|fri|sat|sun|[a-z]+day)\b|[|:,.·•–—()\[\]-]",
    re.I,
)


@dataclass(frozen=True)
class FoundDate:
    value: str  # ISO: YYYY-MM-DD or YYYY-MM
    precision: str  # day | month
    start: int  # offsets of the match in the searched text
    end: int
    weekday_mismatch: str | None = None  # e.g. "Monday" when the date is not a Monday


def _iso(m: re.Match, day_first: bool = False) -> tuple[str, str] | None:
    g = m.groupdict()
    if g.get("y6"):
        a, b = int(g["a6"]), int(g["b6"])
        if day_first and g["sep6"] == "-" and a <= 31 and b <= 12:
            day, month = a, b
        elif (a > 12) == (b > 12):  # both or neither could be the day: ambiguous, not used
            return None
        else:
            day, month = (a, b) if a > 12 else (b, a)
        try:
            return dt.date(int(g["y6"]), month, day).isoformat(), "day"
        except ValueError:
            return None
    for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3"), ("d4", "m4", "y4"), ("d7", "m7", "y7"),
                     (None, "m5", "y5")):
        if g.get(y):
            month = g[mo]
            month_n = int(month) if month.isdigit() else MONTHS[month[:3].lower()]
            year = int(g[y])
            if d is None:
                if not 1 <= month_n <= 12:
                    return None
                return month_value(year, month_n), "month"
            try:
                date = dt.date(year, month_n, int(g[d]))
            except ValueError:
                return None
            return date.isoformat(), "day"
    return None


def find_dates(text: str, limit: int = 400, *, day_first: bool = False) -> list[FoundDate]:
    """Every explicit date in the first ``limit`` characters of ``text`` (``day_first``: read a
    dashed numeric date day first, as datelines write it)."""
    out = []
    for m in _DATE.finditer(text[:limit]):
        iso = _iso(m, day_first)
        if iso is None:
            continue
        mismatch = None
        wd = m.group("wd")
        if wd and iso[1] == "day":
            if dt.date.fromisoformat(iso[0]).weekday() != WEEKDAYS[wd[:3].lower()]:
                mismatch = m.group(0).split()[0].strip(",.")
        out.append(FoundDate(iso[0], iso[1], m.start(), m.end(), mismatch))
    return out


def dateline(text: str) -> FoundDate | None:
    """The date of a line that is only a dateline ("Published 3:39pm Monday, June 17, 2013")."""
    if len(text) > 100 or (text.endswith(".") and not text.lower().endswith("m.")):
        return None  # a dateline is not a sentence ("December 1986." ends a wrapped note)
    found = find_dates(text)
    if len(found) != 1:
        return None
    f = found[0]
    rest = text[: f.start] + " " + text[f.end:]
    rest = _TIME.sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    words = rest.split()
    # allow a place or an author name of up to three capitalised words ("Moscow", "By John Smith")
    if len(words) > 3 or any(not (w[:1].isupper() or w.lower() == "by") for w in words):
        return None
    return f


_LEAD_IN = re.compile(
    r"^(?:(?:last\s+)?(?:published|posted|updated|modified|created|issued)(?:\s+(?:on|at))?|date\s+of\s+publication|"
    r"dated?|on)\b[\s:,]*", re.I)
_PUNCT = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Words only, lower case: "Syria's Idlib -- monitor" -> "syria s idlib monitor"."""
    return " ".join(_PUNCT.sub(" ", text).casefold().split())


def _words(text: str) -> list[str]:
    return _PUNCT.sub(" ", _LEAD_IN.sub("", text.strip())).split()


def _lead_only(before: str, title: str | None) -> bool:
    """Whether ``before`` (what precedes a date) is a lead-in, the headline (a headline may itself
    start with "Updated") and a credit of at most three capitalised words."""
    headline = _fold(title or "").split()
    for words in (_PUNCT.sub(" ", before).split(), _words(before)):
        if headline and [w.casefold() for w in words[: len(headline)]] == headline:
            words = _words(" ".join(words[len(headline):]))
        words = [w for w in words if not _FILLER.fullmatch(w)]
        if not words or (len(words) <= 3 and all(w[:1].isupper() for w in words)):
            return True
    return False


def leading_date(text: str, title: str | None = None, limit: int = 300) -> FoundDate | None:
    """A day-precision date opening a paragraph near the top: "Wed 05 Apr 2017 Syria attack...",
    "Published April 6 2017 ...", or after the repeated headline and a short credit ("<title> AFP
    Tuesday 20 Sep 2016 ..."). What stands before the date must be a lead-in, the headline or at most
    three capitalised words: a date after running text belongs to the story."""
    text = text.lstrip()
    for f in find_dates(text, limit=limit, day_first=True):
        if f.precision != "day":
            continue
        if _lead_only(text[: f.start], title):
            return f
        return None  # only the first date can be the dateline
    return None

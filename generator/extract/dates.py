"""Date expressions: find them in a parsed article and resolve them against the publication date.

Why this shape (measured, see ARCHITECTURE.md "Extraction"):

* **Detection** uses spaCy's DATE entities (plus TIME entities that name a day, such as "last
  night" or "Monday morning"). ``dateparser.search_dates`` over whole text is not used: it reads
  "We" as Wednesday and "may" as May.
* **Resolution** is done by our own rules first (weekdays, "last/next/this", "N units ago",
  quarters, seasons, "earlier this year", prefixes such as "since" or "until ... at the earliest"),
  because those are exactly the cases where a generic parser guesses wrong or not at all. Whatever
  the rules do not know but that looks like a calendar date (a month name or digits) goes to
  dateparser's ``DateDataParser`` with the publication date as base; it reports the precision.
* **Tense** decides the direction of an underspecified expression: "Wednesday" or "in May" written
  in an article of Monday 17 June 2013 is the most recent one (12 June, May 2013) unless the verb
  governing it is future ("will meet on Wednesday" -> 19 June). The publication weekday itself is
  that very day. A simple present, an open modal, a planning verb in the past, a deadline cue
  ("by", "until", "payable", "effective") or no verb at all reads the *nearest* such date
  ("the rights expire Nov. 21", "the Jan. 14 deadline"); "since" always reads the past. On
  TempEval-3 this tense policy is worth six points of value accuracy over "always past"
  (0.864 against 0.802, see ``tests/eval/tempeval.py``).

Values are ISO 8601 strings with a precision:

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

Durations ("the past five days", "two years") are not points in time: they come back unresolved
with the note ``"duration"``. Expressions anchored to another date in the text ("the next day",
"a week later") are left unresolved too (``"relative to another date"``): resolving them against
the publication date would be wrong more often than right.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .nlp import doc_text

__all__ = [
    "RawDate",
    "normalise",
    "normalise_timeml",
    "tense_of",
    "resolve_span",
    "context_text",
    "find_dates",
]

# ---------------------------------------------------------------------------------------------
# Result types


@dataclass(frozen=True)
class RawDate:
    """A date expression found in a document (offsets are into ``doc.text``)."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None  # day | week | month | year | None
    note: str


@dataclass(frozen=True)
class _Res:
    """Internal result: a TimeML-style value with a fine precision (quarter, season, ...)."""

    value: str | None
    precision: str | None  # day|week|weekend|month|quarter|half|season|year|decade|century|ref
    note: str = ""


# ---------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a hundred": 100, "one hundred": 100, "a couple of": 2, "a couple": 2,
    "half a": 0.5, "a half": 0.5,
}  # fmt: skip
_NUMBER_RE = (
    r"\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|"
    r"six|seven|eight|nine)|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
)
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# first month of each season (winter starts in December of the year it is named after)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "month": "month", "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade", "quarter": "quarter", "quarters": "quarter", "weekend": "weekend",
    "weekends": "weekend", "century": "century", "centuries": "century",
}  # fmt: skip
_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))

# Leading words that do not change the value but may matter for the note.
_LEADING = [
    "as early as", "as late as", "no later than", "not before", "not until", "as of", "up to",
    "up until", "prior to", "some time", "sometime", "since", "until", "till", "til", "through",
    "throughout", "from", "during", "before", "after", "by", "on", "in", "at", "of", "for",
    "around", "about", "circa", "between", "to", "over", "within", "beginning", "starting",
    "effective", "already", "as", "late on", "early on", "only", "just", "even", "more than",
    "less than", "fewer than", "at least", "nearly", "almost", "roughly", "approximately",
    "some", "barely", "well over", "just over", "just under", "under",
]  # fmt: skip
_NOTE_PREFIXES = {
    "since": "since", "until": "until", "till": "until", "til": "until", "up to": "until",
    "up until": "until", "not until": "not before", "not before": "not before",
    "no later than": "by", "by": "by", "before": "before", "prior to": "before", "after": "after",
    "as early as": "as early as", "as late as": "as late as", "from": "from",
    "beginning": "from", "starting": "from",
}  # fmt: skip
_TRAILING = [
    "at the earliest", "at the latest", "or so", "or later", "or earlier", "or more",
    "and beyond", "onwards", "onward", "on", "alone", "itself", "already", "so far", "to date", "at",
]  # fmt: skip
_MODIFIERS = [
    ("the end of", "end"), ("the close of", "end"), ("end of", "end"), ("the beginning of", "start"),
    ("the start of", "start"), ("the outset of", "start"), ("start of", "start"),
    ("beginning of", "start"), ("the middle of", "mid"), ("the rest of", "rest"),
    ("the remainder of", "rest"), ("the turn of", "turn"), ("the course of", ""),
    ("the first days of", "start"), ("the last days of", "end"), ("the early part of", "early"),
    ("the latter part of", "late"), ("the later part of", "late"), ("early", "early"),
    ("late", "late"), ("mid-", "mid"), ("mid", "mid"), ("late-", "late"), ("early-", "early"),
    ("the early", "early"), ("the late", "late"), ("the mid-", "mid"), ("the mid", "mid"), ("later", "later"), ("earlier", "earlier"),
    ("sometime", ""), ("the whole of", ""), ("all of", ""), ("all", ""), ("the entire", ""),
    ("the full", ""), ("the whole", ""),
]  # fmt: skip

_REFS = {
    # TimeML's non-calendar values; normalise() leaves them unresolved.
    "PRESENT_REF": {
        "now", "right now", "currently", "current", "at present", "presently", "nowadays",
        "these days", "today's", "the present", "present", "at the moment", "the moment",
        "this time", "at this time", "the current period", "this point", "at this point",
        "this stage", "the time being", "yet", "immediately", "still", "any longer",
    },
    "PAST_REF": {
        "recently", "recent", "lately", "the past", "previously", "formerly", "once", "before",
        "earlier", "in the past", "the recent past", "recent years", "recent months",
        "recent weeks", "recent days", "recent times", "years ago", "long ago", "ago",
        "in recent years", "a while ago", "some time ago", "ever", "historically", "former",
        "last", "then", "back then", "the old days", "already",
    },
    "FUTURE_REF": {
        "soon", "the future", "future", "in the future", "eventually", "shortly", "the near future",
        "the coming years", "the coming months", "coming years", "coming months", "the coming weeks",
        "coming weeks", "the coming days", "coming days", "later", "the years ahead", "years ahead",
        "one day", "someday", "some day", "tomorrow's", "the long term", "the long run", "next",
        "upcoming", "forthcoming", "ahead",
    },
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Small date helpers

_MIN_YEAR, _MAX_YEAR = 1, 9999


def _ok_year(y: int) -> bool:
    return _MIN_YEAR <= y <= _MAX_YEAR


def _day(d: dt.date, note: str = "") -> _Res:
    return _Res(d.isoformat(), "day", note)


def _week(d: dt.date, note: str = "") -> _Res:
    y, w, _ = d.isocalendar()
    return _Res(f"{y:04d}-W{w:02d}", "week", note)


def _month(y: int, m: int, note: str = "") -> _Res:
    while m < 1:
        m += 12
        y -= 1
    while m > 12:
        m -= 12
        y += 1
    if not _ok_year(y):
        return _Res(None, None, "year out of range")
    return _Res(f"{y:04d}-{m:02d}", "month", note)


def _year(y: int, note: str = "") -> _Res:
    if not _ok_year(y):
        return _Res(None, None, "year out of range")
    return _Res(f"{y:04d}", "year", note)


def _quarter(y: int, q: int, note: str = "") -> _Res:
    while q < 1:
        q += 4
        y -= 1
    while q > 4:
        q -= 4
        y += 1
    if not _ok_year(y):
        return _Res(None, None, "year out of range")
    return _Res(f"{y:04d}-Q{q}", "quarter", note)


def _add_days(d: dt.date, n: float) -> dt.date | None:
    try:
        return d + dt.timedelta(days=round(n))
    except OverflowError:
        return None


def _to_number(word: str) -> float | None:
    word = word.strip().replace("-", " ")
    if word.isdigit():
        return int(word)
    if word in _NUMBERS:
        return _NUMBERS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        return _NUMBERS[parts[0]] + _NUMBERS[parts[1]]
    return None


def _year_of_two_digits(yy: int, base: dt.date | None) -> int:
    """'98 -> 1998 or 2098, whichever is nearer the base (1900s with no base)."""
    ref = base.year if base else 1950
    candidates = [c * 100 + yy for c in (ref // 100 - 1, ref // 100, ref // 100 + 1)]
    return min(candidates, key=lambda y: (abs(y - ref), y))


def _pick_year_for(month: int, day: int | None, base: dt.date, tense: str) -> int:
    """Year of an underspecified 'June 17' / 'June' relative to ``base`` given the tense.

    Past: the most recent such date not after the base (the base month itself counts for a bare
    month); future: the next one not before the base; present: the nearest of the two.
    """
    y = base.year
    key = (month, day if day is not None else 0)
    now = (base.month, base.day if day is not None else 0)
    past = y if key <= now else y - 1
    future = y if key >= now else y + 1
    if tense == "future":
        return future
    if tense == "present":
        if past == future:
            return past

        def dist(year: int) -> int:
            try:
                d = dt.date(year, month, min(day or 15, 28))
            except ValueError:
                return 10**9
            return abs((d - base).days)

        return past if dist(past) <= dist(future) else future
    return past


# ---------------------------------------------------------------------------------------------
# Text clean-up


_WS = re.compile(r"\s+")
_ABBR_DOT = re.compile(r"(?<=[a-z])\.(?=\s|,|$)")
# clock times and zones inside a date expression ("June 17, 2013 18:20 GMT", "3:39pm Monday")
_CLOCK = re.compile(r"(?:\bat )?(?:\b\d{1,2}:\d{2}(?::\d{2})?(?![.:]?\d)\s*(?:[ap]\.?m\b\.?)?|\b\d{1,2}(?:\.\d{2})?\s*"
                    r"[ap]\.?m\b\.?)(?:\s*(?:gmt|utc|bst|cet|msk|est|edt|pst|pdt)\b)?")


def _clean(text: str) -> str:
    s = text.lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = s.replace("\u2013", "-").replace("\u2014", " - ").replace("\u2212", "-")
    s = _ABBR_DOT.sub("", s)
    s = _CLOCK.sub(" ", s)
    s = re.sub(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)", "", s)  # possessives: "next week's" -> "next week"
    s = s.strip(" \t\r\n\"'`()[]{}<>,;:!?.")
    s = _WS.sub(" ", s)
    return s


def _strip_words(s: str, words: list[str], *, leading: bool) -> tuple[str, list[str]]:
    """Repeatedly remove any of ``words`` from the start (or end) of ``s``."""
    removed: list[str] = []
    changed = True
    while changed and s:
        changed = False
        for w in words:
            if leading and (s == w or s.startswith(w + " ")):
                s = s[len(w) :].strip(" ,")
                removed.append(w)
                changed = True
                break
            if not leading and (s == w or s.endswith(" " + w)):
                s = s[: len(s) - len(w)].strip(" ,")
                removed.append(w)
                changed = True
                break
    return s, removed


# ---------------------------------------------------------------------------------------------
# Core resolution


def _resolve_core(s: str, base: dt.date | None, tense: str, lead: list[str]) -> _Res | None:
    """Resolve a cleaned expression without leading prepositions/modifiers. None = no rule."""
    if s == "9/11":
        return _Res("2001-09-11", "day", "the September 11 attacks")

    # -- pure years ---------------------------------------------------------------------------
    m = re.fullmatch(r"(?:(?:the )?(?:fiscal|calendar|financial|model|school|academic)(?: year)? |"
                     r"(?:the )?year )?([1-9]\d{3})(?: fiscal year| financial year| year)?", s)
    if m:
        return _year(int(m.group(1)))
    m = re.fullmatch(r"(?:the )?(?:fiscal |calendar )?(\d{4})(?:-| to |/)(\d{2}|\d{4})", s)
    if m:  # 2011-2013, fiscal 1990/91: the start year
        return _year(int(m.group(1)), "range start")
    m = re.fullmatch(r"(?:fiscal |the )?'(\d{2})", s)
    if m:
        return _year(_year_of_two_digits(int(m.group(1)), base))

    # -- decades / centuries --------------------------------------------------------------------
    m = re.fullmatch(r"(?:the )?(\d{3})0'?s", s)
    if m:
        return _Res(m.group(1), "decade")
    m = re.fullmatch(r"(?:the )?'?(\d)0'?s", s)
    if m and base is None:
        return _Res(f"19{m.group(1)}", "decade", "assumed 20th century")
    if m and base:
        dec = int(m.group(1))
        c = base.year // 100
        start = c * 100 + dec * 10
        if start > base.year:
            start -= 100
        return _Res(f"{start // 10:03d}", "decade")
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", s)
    if m:
        return _Res(f"{int(m.group(1)) - 1:02d}", "century")

    # -- month names with day and/or year ------------------------------------------------------
    r = _month_day_year(s, base, tense)
    if r is not None:
        return r

    # -- numeric dates ---------------------------------------------------------------------------
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return _safe_day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m and 1 <= int(m.group(2)) <= 12:
        return _month(int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", s)
    if m:  # US style, as in the news this tool reads; day/month when the first number > 12
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y = _year_of_two_digits(y, base)
        mo, d = (a, b) if a <= 12 else (b, a)
        return _safe_day(y, mo, d)
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s)
    if m:  # European style
        return _safe_day(int(m.group(3)), int(m.group(2)), int(m.group(1)))

    # Everything below is relative to the base date.
    rel = _relative(s, base, tense, lead)
    if rel is not None:
        return rel
    return None


def _safe_day(y: int, m: int, d: int, note: str = "") -> _Res:
    try:
        return _day(dt.date(y, m, d), note)
    except ValueError:
        return _Res(None, None, "invalid date")


_MDY = re.compile(
    rf"(?:(?P<wd1>{_WEEKDAY_RE}),? )?(?:the )?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m1>{_MONTH_RE})"
    rf"|(?P<m2>{_MONTH_RE}) (?:the )?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<m3>{_MONTH_RE}))"
    rf"(?:(?:,| of|,? in)? (?P<y>\d{{4}}|'\d{{2}}|(?:this|last|next) year))?"
    rf"(?:,? (?P<wd2>{_WEEKDAY_RE}))?"
)
_MONTH_REL = re.compile(rf"(?P<rel>last|next|this|this past|this coming|past|coming|previous)"
                        rf" (?P<m>{_MONTH_RE})(?: (?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?")


def _month_day_year(s: str, base: dt.date | None, tense: str) -> _Res | None:
    m = _MDY.fullmatch(s)
    if m:
        mon = _MONTHS[m.group("m1") or m.group("m2") or m.group("m3")]
        dtext = m.group("d1") or m.group("d2")
        day = int(dtext) if dtext else None
        ytext = m.group("y")
        wd = m.group("wd1") or m.group("wd2")
        if ytext and ytext.endswith(" year"):
            if base is None:
                return _Res(None, None, "no publication date")
            year = base.year + {"this": 0, "last": -1, "next": 1}[ytext.split()[0]]
        elif ytext:
            year = int(ytext) if not ytext.startswith("'") else _year_of_two_digits(int(ytext[1:]), base)
        elif base is None:
            return _Res(None, None, "no year and no publication date")
        else:
            year = _pick_year_for(mon, day, base, tense)
            if wd and day is not None:
                # "Monday, Oct. 26": the year in which that date is that weekday, nearest first
                for y in (year, base.year, base.year + 1, base.year - 1):
                    try:
                        if dt.date(y, mon, day).weekday() == _WEEKDAYS[wd]:
                            year = y
                            break
                    except ValueError:
                        break
        if day is None:
            return _month(year, mon)
        return _safe_day(year, mon, day)
    m = _MONTH_REL.fullmatch(s)
    if m:
        if base is None:
            return _Res(None, None, "no publication date")
        mon = _MONTHS[m.group("m")]
        day = int(m.group("d")) if m.group("d") else None
        rel = m.group("rel")
        if rel in ("last", "past", "this past", "previous"):
            # the most recent such month strictly before the current one
            year = base.year if mon < base.month else base.year - 1
        elif rel in ("next", "coming", "this coming"):
            year = base.year if mon > base.month else base.year + 1
        else:  # "this May": this year's
            year = base.year
        if day is None:
            return _month(year, mon)
        return _safe_day(year, mon, day)
    m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)", s)
    if m and base is not None:
        d = int(m.group(1))
        y, mo = base.year, base.month
        if tense != "future" and d > base.day:
            mo -= 1
        elif tense == "future" and d < base.day:
            mo += 1
        if mo < 1:
            y, mo = y - 1, 12
        if mo > 12:
            y, mo = y + 1, 1
        return _safe_day(y, mo, d)
    return None


_PARTS_OF_DAY = r"(?: (?:morning|afternoon|evening|night|overnight|noon|midday|lunchtime|at dawn))?"


def _relative(s: str, base: dt.date | None, tense: str, lead: list[str]) -> _Res | None:
    """Expressions whose value depends on the publication date."""
    if s in ("", "the"):
        return None

    # -- days ----------------------------------------------------------------------------------
    days = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "this day": 0, "earlier today": 0, "later today": 0, "today's": 0, "overnight": 0,
        "yesterday": -1, "last night": -1, "last evening": -1, "the day before yesterday": -2,
        "tomorrow": 1, "tomorrow night": 1, "the day after tomorrow": 2,
        "yesterday morning": -1, "yesterday afternoon": -1, "yesterday evening": -1,
        "tomorrow morning": 1, "tomorrow afternoon": 1, "tomorrow evening": 1,
        "earlier yesterday": -1, "later yesterday": -1, "late yesterday": -1,
        "early yesterday": -1, "early today": 0, "late today": 0, "early tomorrow": 1,
    }  # fmt: skip
    if s in days:
        if base is None:
            return _Res(None, None, "no publication date")
        d = _add_days(base, days[s])
        return _day(d) if d else None

    # -- weekdays --------------------------------------------------------------------------------
    m = re.fullmatch(rf"(?:(?P<rel>last|next|this|this past|this coming|past|coming|previous) )?"
                     rf"(?P<wd>{_WEEKDAY_RE}){_PARTS_OF_DAY}", s)
    if m:
        if base is None:
            return _Res(None, None, "no publication date")
        return _weekday(_WEEKDAYS[m.group("wd")], m.group("rel"), base, tense)

    # -- "Monday of last week", "Tuesday next week" ------------------------------------------------
    m = re.fullmatch(rf"(?P<wd>{_WEEKDAY_RE})(?: of)? (?P<rel>last|this|next) week", s)
    if m:
        if base is None:
            return _Res(None, None, "no publication date")
        monday = base - dt.timedelta(days=base.weekday())
        shift = {"last": -7, "this": 0, "next": 7}[m.group("rel")]
        d = _add_days(monday, shift + _WEEKDAYS[m.group("wd")])
        return _day(d) if d else _Res(None, None, "out of range")

    # -- N units ago / from now / earlier ------------------------------------------------------
    m = re.fullmatch(rf"(?:about |some |nearly |almost |more than |over |roughly |around |just |"
                     rf"less than |exactly |only )?(?P<n>{_NUMBER_RE}|a few|few|several|some|many) "
                     rf"(?P<u>{_UNIT_RE}) (?:and a half |or so |or two |or more )?"
                     rf"(?P<dir>ago|earlier|before|later|after|from now|hence|from today|back|"
                     rf"before that|previously|prior|since)", s)
    if m:
        return _ago(m, base, tense)
    m = re.fullmatch(rf"(?P<n>{_NUMBER_RE}) (?P<u>{_UNIT_RE})", s)
    if m and lead and lead[-1] == "in" and tense == "future":  # "in two weeks" (future)
        if base is None:
            return _Res(None, None, "no publication date")
        return _shift(base, _to_number(m.group("n")) or 0, _UNITS[m.group("u")], 1)

    # -- this/last/next unit ----------------------------------------------------------------------
    m = re.fullmatch(r"(?P<rel>this|last|next|the past|past|the previous|previous|the coming|"
                     r"coming|the next|the current|current|the same|that|the|the last|the latest|"
                     r"the most recent|most recent|latest|the following|following|this past|"
                     r"the prior|prior|the new|a|an|one|the year-ago|the year-earlier|"
                     r"year-ago|year-earlier|the comparable|the year-before|"
                     r"the corresponding|the final|the same \w+)"
                     r"(?P<fiscal> fiscal| calendar| financial)? "
                     r"(?P<u>day|week|weekend|month|year|quarter|period|season|decade|century|"
                     r"half|fortnight|semester|term)", s)
    if m:
        return _this_unit(m.group("rel"), m.group("u"), base, tense)

    m = re.fullmatch(r"(?P<rel>this|last|next|the past|past|the coming|coming|the previous|"
                     r"previous|the next|the following|following|this past|the last|the same)"
                     r" (?P<n>" + _NUMBER_RE + r"|few|several|couple of) "
                     r"(?P<u>days|weeks|months|years|decades|quarters)", s)
    if m:
        return _Res(None, None, "duration")

    # -- quarters, halves ------------------------------------------------------------------------
    r = _quarter_expr(s, base, tense)
    if r is not None:
        return r

    # -- seasons -----------------------------------------------------------------------------------
    m = re.fullmatch(r"(?:(?P<rel>last|next|this|this past|this coming|past|coming|the|"
                     r"previous|the past|the coming) )?(?P<s>spring|summer|fall|autumn|winter)"
                     r"(?:(?: of)? (?P<y>\d{4}|this year|last year|next year))?", s)
    if m:
        return _season(m, base, tense)
    m = re.fullmatch(r"(?P<y>\d{4})(?:'s)? (?P<s>spring|summer|fall|autumn|winter)", s)
    if m:
        code = _SEASONS[m.group("s")]
        return _Res(f"{int(m.group('y')):04d}-{code}", "season", m.group("s"))

    # -- holidays ------------------------------------------------------------------------------
    m = re.fullmatch(r"(?:(?P<rel>last|next|this|this past|this coming|past|coming) )?(?P<h>" + _HOLIDAY_RE +
                     r")(?: (?P<y>\d{4}))?", s)
    if m:
        return _holiday(m, base, tense)

    # -- "year-end", "the turn of the year" -------------------------------------------------------
    if s in ("year-end", "year end", "yearend", "the year-end", "the end of the year", "year's end",
             "the year's end", "the full year", "the whole year", "the calendar year"):
        if base is None:
            return _Res(None, None, "no publication date")
        # early in a year, a past "year-end" is the one just gone
        return _year(base.year - 1 if tense == "past" and base.month <= 2 else base.year)
    if s in ("year-ago", "year-earlier", "the year-ago", "the year-earlier", "a year-earlier",
             "a year-ago", "the prior-year", "prior-year"):
        if base is None:
            return _Res(None, None, "no publication date")
        return _year(base.year - 1)

    # -- "the year 2000", "the year two thousand", "nineteen ninety-six" --------------------------
    y = _spelled_year(s)
    if y is not None:
        return _year(y)

    # -- durations and vague expressions -----------------------------------------------------------
    if re.fullmatch(rf"(?:the )?(?:past |last |next |coming |previous |first |final )?"
                    rf"(?:{_NUMBER_RE}|few|several|couple of|many)?[- ]?(?:{_UNIT_RE})(?: old| long)?", s):
        return _Res(None, None, "duration")
    if re.fullmatch(rf"(?:{_NUMBER_RE})[- ](?:day|week|month|year|hour)[- ]?(?:old|long)", s):
        return _Res(None, None, "duration")
    if re.fullmatch(r"(?:every|each|once a|twice a|per) (?:day|week|month|year|morning|night|"
                    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)|daily|weekly|monthly|"
                    r"yearly|annually|annual|nightly|quarterly|biweekly|fortnightly", s):
        return _Res(None, None, "recurring")
    for ref, words in _REFS.items():
        if s in words:
            return _Res(ref, "ref", ref.lower().replace("_", " "))
    if re.fullmatch(r"(?:the )?(?:same|next|following|previous|preceding|prior|day before|"
                    r"day after|week before|week after|month before|year before|"
                    r"subsequent) ?(?:day|week|month|year|weekend|morning|night|evening)?", s):
        return _Res(None, None, "relative to another date")
    if re.fullmatch(rf"(?:{_NUMBER_RE}|a few|several) (?:days|weeks|months|years) "
                    r"(?:later|earlier|before|after|afterwards|previously)", s):
        return _Res(None, None, "relative to another date")
    return None


def _weekday(wd: int, rel: str | None, base: dt.date, tense: str) -> _Res:
    """The weekday rule: the publication weekday is that day; otherwise past unless future."""
    delta_back = (base.weekday() - wd) % 7  # 0..6 days back to the most recent such weekday
    delta_fwd = (wd - base.weekday()) % 7
    if rel in ("last", "past", "this past", "previous"):
        n = -(delta_back or 7)
    elif rel in ("next", "coming", "this coming"):
        n = delta_fwd or 7
    elif delta_back == 0:
        n = 0
    elif rel == "this":
        n = delta_fwd if tense != "past" else -delta_back
    elif tense == "future":
        n = delta_fwd
    elif tense == "present":
        n = -delta_back if delta_back <= delta_fwd else delta_fwd
    else:
        n = -delta_back
    d = _add_days(base, n)
    return _day(d) if d else _Res(None, None, "out of range")


def _shift(base: dt.date, n: float, unit: str, sign: int) -> _Res:
    """``base`` moved by ``n`` units (sign -1 back, +1 forward), at the unit's precision."""
    try:
        if unit == "day":
            d = _add_days(base, sign * n)
            return _day(d) if d else _Res(None, None, "out of range")
        if unit in ("week", "fortnight"):
            k = n * (2 if unit == "fortnight" else 1)
            d = _add_days(base, sign * 7 * k)
            return _week(d) if d else _Res(None, None, "out of range")
        if unit == "weekend":
            d = _add_days(base, sign * 7 * n)
            return _weekend(d) if d else _Res(None, None, "out of range")
        if unit == "month":
            if n != int(n):
                d = _add_days(base, sign * 30 * n)
                return _month(d.year, d.month) if d else _Res(None, None, "out of range")
            return _month(base.year, base.month + sign * int(n))
        if unit == "quarter":
            q = (base.month - 1) // 3 + 1
            return _quarter(base.year, q + sign * int(n))
        if unit == "year":
            if n != int(n):
                d = _add_days(base, sign * 365 * n)
                return _month(d.year, d.month) if d else _Res(None, None, "out of range")
            return _year(base.year + sign * int(n))
        if unit == "decade":
            y = base.year + sign * 10 * int(n)
            return _year(y) if _ok_year(y) else _Res(None, None, "out of range")
        if unit == "century":
            y = base.year + sign * 100 * int(n)
            return _Res(f"{y // 100:02d}", "century") if _ok_year(y) else _Res(None, None, "out of range")
    except (ValueError, OverflowError):
        return _Res(None, None, "out of range")
    return _Res(None, None, "unknown unit")


def _weekend(d: dt.date) -> _Res:
    y, w, _ = d.isocalendar()
    return _Res(f"{y:04d}-W{w:02d}-WE", "weekend")


def _ago(m: re.Match, base: dt.date | None, tense: str) -> _Res:
    direction = m.group("dir")
    if direction in ("earlier", "before", "later", "after", "before that", "previously", "prior"):
        # "a year earlier" is usually relative to the publication date in news ("profit rose
        # from $3m a year earlier"); "two days later" is relative to another event.
        if direction in ("later", "after"):
            return _Res(None, None, "relative to another date")
    if base is None:
        return _Res(None, None, "no publication date")
    n = _to_number(m.group("n"))
    unit = _UNITS[m.group("u")]
    if n is None:  # "a few years ago"
        return _Res("PAST_REF" if direction not in ("from now", "hence") else "FUTURE_REF", "ref",
                    "vague")
    sign = 1 if direction in ("from now", "hence", "from today") else -1
    return _shift(base, n, unit, sign)


def _this_unit(rel: str, unit: str, base: dt.date | None, tense: str) -> _Res:
    """'this/last/next/the ... <unit>' relative to the base date."""
    if rel in ("a", "an", "one") and unit in ("day", "week", "month", "year", "decade", "weekend"):
        return _Res(None, None, "duration")
    if rel == "the next" and unit == "day":
        return _Res(None, None, "relative to another date")  # "the next day, he left"
    if rel in ("the past", "past", "the coming", "coming", "the next") and unit != "weekend":
        return _Res(None, None, "duration")  # "the past year", "the coming week"
    if rel == "the last" and unit in ("day", "week", "month", "year", "decade", "fortnight"):
        return _Res(None, None, "duration")  # "in the last week"
    if rel == "the" and unit == "day":
        return _Res(None, None, "relative to another date")  # "on the day"
    if rel == "the final" and unit not in ("quarter", "period"):
        return _Res(None, None, "relative to another date")  # "the final month of the campaign"
    if rel in ("the same", "that", "the following", "following", "the prior", "prior",
               "the previous", "previous", "the year-before", "the corresponding") or \
            rel.startswith("the same "):
        if unit in ("period", "quarter") and rel in ("the prior", "prior", "the previous", "previous"):
            pass  # "the previous quarter" in reports: the quarter before the reported one
        else:
            return _Res(None, None, "relative to another date")
    if base is None:
        return _Res(None, None, "no publication date")
    year_ago = rel in ("the year-ago", "the year-earlier", "year-ago", "year-earlier",
                       "the comparable", "the year-before", "the corresponding")
    if rel in ("last", "the past", "past", "this past", "the last", "the previous", "previous",
               "the prior", "prior"):
        k = -1
    elif rel in ("next", "the coming", "coming", "the next", "the following", "following", "the new"):
        k = 1
    else:
        k = 0
    if unit == "day":
        d = _add_days(base, k)
        return _day(d) if d else _Res(None, None, "out of range")
    if unit in ("week", "fortnight"):
        d = _add_days(base, 7 * k)
        return _week(d) if d else _Res(None, None, "out of range")
    if unit == "weekend":
        if rel in ("the", "this", "the latest", "the most recent", "most recent"):
            # "the weekend" read on a Monday is the one just past
            if base.weekday() <= 1 and rel != "this":
                k = -1
            elif rel == "the" and tense == "past" and base.weekday() < 5:
                k = -1
        d = _add_days(base, 7 * k)
        return _weekend(d) if d else _Res(None, None, "out of range")
    if unit == "month":
        return _month(base.year, base.month + k)
    if unit in ("quarter", "period"):
        q = (base.month - 1) // 3 + 1
        if rel in ("the", "the latest", "the most recent", "most recent", "latest", "the last",
                   "the final") or year_ago:
            # Reports speak of the quarter just ended.
            k = -1
        if unit == "period" and rel not in ("the latest", "the most recent", "most recent",
                                            "latest") and not year_ago:
            return _Res(None, None, "relative to another date")
        r = _quarter(base.year - (1 if year_ago else 0), q + k)
        return r
    if unit == "year":
        if rel in ("the", "the latest", "latest", "the current", "current"):
            k = 0
        return _year(base.year + k - (1 if year_ago else 0))
    if unit == "half":
        h = 1 if base.month <= 6 else 2
        h += k
        y = base.year
        if h < 1:
            h, y = 2, y - 1
        if h > 2:
            h, y = 1, y + 1
        return _Res(f"{y:04d}-H{h}", "half")
    if unit == "decade":
        if rel in ("last", "the last", "the past", "past", "the previous", "previous"):
            return _Res(f"{(base.year - 10) // 10:03d}", "decade")
        return _Res(f"{(base.year + 10 * k) // 10:03d}", "decade")
    if unit == "century":
        return _Res(f"{base.year // 100 + k:02d}", "century")
    if unit == "season":
        return _Res(None, None, "season unknown")
    return _Res(None, None, "unresolved")


_QUARTER = re.compile(
    r"(?:the )?(?:(?P<y1>\d{4})(?:'s)? )?(?:(?P<fy>fiscal|calendar) )?"
    r"(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th)[- ](?:(?:fiscal|calendar) )?"
    r"(?P<u>quarter|half|period)"
    r"(?: of (?:(?:the )?(?:fiscal |calendar )?(?:year )?(?P<y2>\d{4})|(?P<rel>this|last|next|the)"
    r"(?: fiscal)? year)| (?P<y3>\d{4}))?"
)


def _quarter_expr(s: str, base: dt.date | None, tense: str) -> _Res | None:
    m = re.fullmatch(r"q([1-4])(?: (\d{4}))?", s)
    if m:
        n, yt = int(m.group(1)), m.group(2)
        if yt:
            return _quarter(int(yt), n)
        if base is None:
            return _Res(None, None, "no publication date")
        return _quarter(_pick_quarter_year(n, base, tense), n)
    m = _QUARTER.fullmatch(s)
    if not m:
        m2 = re.fullmatch(r"(?P<rel>this|last|next)(?: year)?'s (?P<ord>first|second|third|fourth)"
                          r" (?P<u>quarter|half)", s)
        if not m2:
            return None
        if base is None:
            return _Res(None, None, "no publication date")
        y = base.year + {"this": 0, "last": -1, "next": 1}[m2.group("rel")]
        n = _ORDINALS[m2.group("ord")]
        if m2.group("u") == "half":
            return _Res(f"{y:04d}-H{min(n, 2)}", "half")
        return _quarter(y, n)
    n = _ORDINALS[m.group("ord")]
    yt = m.group("y1") or m.group("y2") or m.group("y3")
    if yt:
        y = int(yt)
    elif m.group("rel"):
        if base is None:
            return _Res(None, None, "no publication date")
        y = base.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m.group("rel")]
    else:
        if base is None:
            return _Res(None, None, "no publication date")
        y = _pick_quarter_year(n if m.group("u") != "half" else 2 * n, base, tense)
    if m.group("u") == "half":
        if n > 2:
            return None
        return _Res(f"{y:04d}-H{n}", "half")
    if m.group("u") == "period" and not yt:
        return None
    return _quarter(y, n)


def _pick_quarter_year(q: int, base: dt.date, tense: str) -> int:
    """A quarter named without its year is this year's if it has begun (results are reported
    after the quarter, even with a future verb: "will report third-quarter results"); a later
    quarter is last year's in the past tense and this year's otherwise."""
    cur = (base.month - 1) // 3 + 1
    if q <= cur:
        return base.year
    return base.year - 1 if tense == "past" else base.year


def _season(m: re.Match, base: dt.date | None, tense: str) -> _Res:
    """'last fall', 'this summer', 'winter 2012' -> TimeML season values (``2012-WI``...).

    A season named Y runs three months from its first month in year Y (winter: December Y to
    February Y+1). "last" is the most recent one already over, "next" the first not begun, "this"
    the current one or else the one named after the base year; a bare season is the current one,
    else the past or the coming one by tense."""
    code = _SEASONS[m.group("s")]
    yt = m.group("y")
    if yt and yt.isdigit():
        return _Res(f"{int(yt):04d}-{code}", "season", m.group("s"))
    if base is None:
        return _Res(None, None, "no publication date")
    if yt:
        y = base.year + {"this year": 0, "last year": -1, "next year": 1}[yt]
        return _Res(f"{y:04d}-{code}", "season", m.group("s"))
    start = _SEASON_START[code]
    months = base.year * 12 + base.month - 1  # months since year 0, for easy comparison
    current = past = future = None
    for y in range(base.year - 2, base.year + 2):
        first = y * 12 + start - 1
        if first <= months < first + 3:
            current = y
        elif first + 3 <= months:
            past = y
        elif future is None:
            future = y
    rel = m.group("rel")
    if rel in ("last", "past", "this past", "previous", "the past"):
        y = past
    elif rel in ("next", "coming", "this coming", "the coming"):
        y = future
    elif current is not None:
        y = current
    elif rel == "this":
        y = base.year
    else:
        y = future if tense == "future" else past
    if y is None or not _ok_year(y):
        return _Res(None, None, "out of range")
    return _Res(f"{y:04d}-{code}", "season", m.group("s"))


_HOLIDAYS_FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's day": (1, 1), "new year day": (1, 1), "new year": (1, 1),
    "new years day": (1, 1), "new year's eve": (12, 31), "new years eve": (12, 31),
    "halloween": (10, 31), "valentine's day": (2, 14), "valentine day": (2, 14),
    "may day": (5, 1), "labour day": (5, 1),
}  # fmt: skip
_HOLIDAYS_MOVING = ("easter", "easter sunday", "easter monday", "good friday", "easter week",
                    "thanksgiving", "thanksgiving day", "election day")
_HOLIDAY_RE = "|".join(re.escape(h) for h in sorted([*_HOLIDAYS_FIXED, *_HOLIDAYS_MOVING], key=len, reverse=True))


def _easter(y: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def _holiday_date(name: str, y: int) -> dt.date | None:
    if not (1583 <= y <= _MAX_YEAR):
        return None
    if name in _HOLIDAYS_FIXED:
        return dt.date(y, *_HOLIDAYS_FIXED[name])
    if name.startswith("easter") or name == "good friday":
        e = _easter(y)
        return e + dt.timedelta(days={"easter monday": 1, "good friday": -2}.get(name, 0))
    if name.startswith("thanksgiving"):  # US: fourth Thursday of November
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "election day":  # US: the Tuesday after the first Monday of November
        first = dt.date(y, 11, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    return None


def _holiday(m: re.Match, base: dt.date | None, tense: str) -> _Res:
    name, rel = m.group("h"), m.group("rel")
    if m.group("y"):
        years = [int(m.group("y"))]
    elif base is None:
        return _Res(None, None, "no publication date")
    else:
        years = []
        dates = [(y, _holiday_date(name, y)) for y in (base.year - 1, base.year, base.year + 1)]
        past = [y for y, d in dates if d and d <= base]
        future = [y for y, d in dates if d and d >= base]
        if rel in ("last", "past", "this past") or (rel is None and tense == "past"):
            years = past[-1:]
        elif rel in ("next", "coming", "this coming") or (rel is None and tense == "future"):
            years = future[:1]
        elif rel == "this":
            years = [base.year]
        else:  # nearest
            cands = [(abs((d - base).days), y) for y, d in dates if d]
            years = [min(cands)[1]] if cands else []
    d = _holiday_date(name, years[0]) if years else None
    if d is None:
        return _Res(None, None, "out of range")
    if name == "easter week":
        return _week(d, name)
    return _day(d, name)


_SPELLED_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_SPELLED_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_SPELLED_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


def _spelled_pair(words: list[str]) -> int | None:
    """'ninety six' -> 96, 'eleven' -> 11, 'oh five' -> 5."""
    if len(words) == 1:
        w = words[0]
        return _SPELLED_TEENS.get(w, _SPELLED_TENS.get(w))
    if len(words) == 2:
        a, b = words
        if a in _SPELLED_TENS and b in _SPELLED_UNITS and _SPELLED_UNITS[b] > 0:
            return _SPELLED_TENS[a] + _SPELLED_UNITS[b]
        if a == "oh" and b in _SPELLED_UNITS:
            return _SPELLED_UNITS[b]
    return None


def _spelled_year(s: str) -> int | None:
    s = re.sub(r"^(?:the )?(?:year )", "", s).replace("-", " ")
    words = s.split()
    if not words:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        if not rest:
            return 2000
        v = _SPELLED_UNITS.get(rest[0]) if len(rest) == 1 else None
        v = v if v is not None else _spelled_pair(rest)
        return 2000 + v if v is not None else None
    for cut in (1, 2):
        head, tail = words[:cut], words[cut:]
        hv = _spelled_pair(head)
        if hv is None or not (10 <= hv <= 20) or not tail:
            continue
        tv = _spelled_pair(tail)
        if tv is not None:
            return hv * 100 + tv
        if tail == ["hundred"]:
            return hv * 100
    return None


# ---------------------------------------------------------------------------------------------
# dateparser fallback


@functools.lru_cache(maxsize=64)
def _parser(base: dt.date | None, tense: str):  # pragma: no cover - thin wrapper
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


_LOOKS_CALENDAR = re.compile(rf"\b(?:{_MONTH_RE})\b|\d")


def _dateparser(s: str, base: dt.date | None, tense: str) -> _Res | None:
    """Last resort for calendar-looking strings (month names or digits) the rules do not know."""
    if not _LOOKS_CALENDAR.search(s) or len(s) > 60:
        return None
    if re.search(r"\d", s) and not re.search(rf"\b(?:{_MONTH_RE})\b|\d{{4}}|\d/\d|\d-\d", s):
        return None  # bare numbers ("12", "three 5s"): not dates on their own
    try:
        data = _parser(base, tense).get_date_data(s)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    d, period = data.date_obj, data.period
    if d is None or period not in ("day", "week", "month", "year"):
        return None
    years = re.findall(r"\b(\d{4})\b", s)
    if years and str(d.year) not in years:
        return None  # it ignored the year we saw: do not trust it
    if base is None and not years:
        return _Res(None, None, "no publication date")
    day = d.date()
    if period == "day":
        return _day(day, "dateparser")
    if period == "week":
        return _week(day, "dateparser")
    if period == "month":
        return _month(day.year, day.month, "dateparser")
    return _year(day.year, "dateparser")


# ---------------------------------------------------------------------------------------------
# Public API


def normalise_timeml(text: str, base: dt.date | None, *, tense: str = "past") -> tuple[str | None, str | None, str]:
    """Like :func:`normalise` but with TimeML's value set (what TempEval scores).

    Besides day/week/month/year values it may return quarters (``1989-Q3``, precision
    ``quarter``), halves (``1989-H2``), seasons (``1998-FA``), weekends (``1998-W32-WE``),
    decades (``199``), centuries (``19``) and the references ``PRESENT_REF``, ``PAST_REF`` and
    ``FUTURE_REF`` (precision ``ref``).
    """
    r = _resolve(text, base, tense)
    return r.value, r.precision, r.note


def normalise(text: str, base: dt.date | None, *, tense: str = "past") -> tuple[str | None, str | None, str]:
    """Resolve a date expression to ``(ISO value, precision, note)``.

    ``base`` is the publication date (None when unknown: then only absolute expressions such as
    "March 2011" resolve; relative ones give ``(None, None, "no publication date")``). ``tense`` is
    ``"past"`` (default), ``"present"`` or ``"future"``: the direction in which an underspecified
    expression ("Wednesday", "in May", "Feb. 4") is read.

    The precision is one of day, week, month, year; values are ``2013-06-17``, ``2013-W25`` (ISO
    week), ``2013-06`` and ``2013``. Quarters, halves and seasons are coarsened to their year
    (the note keeps the finer reading); weekends to their ISO week; decades, centuries and vague
    references ("recently", "soon") stay unresolved. The note says why something is unresolved
    ("duration", "no publication date", "relative to another date", ...) or qualifies the value
    ("since", "until", "early", "third quarter").
    """
    r = _resolve(text, base, tense)
    v, p, note = r.value, r.precision, r.note
    if v is None:
        return None, None, note or "unresolved"
    if p in ("quarter", "half", "season"):
        extra = {"quarter": "quarter " + v[-1], "half": "half " + v[-1], "season": v[5:].lower()}[p]
        return v[:4], "year", _join(note, extra) if extra not in note else note
    if p == "weekend":
        return v[:-3], "week", _join(note, "weekend")
    if p in ("decade", "century"):
        return None, None, _join(note, p)
    if p == "ref":
        return None, None, _join("not a calendar date", note)
    return v, p, note


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _resolve(text: str, base: dt.date | None, tense: str) -> _Res:
    r = _resolve_expr(text, base, tense)
    if r.value is None and r.note == "not understood":
        # a date in the possessive in front of its noun: "next week's summit", "Monday's vote"
        m = re.match(r"(.+?)['\u2019]s\s+\S", text)
        if m:
            r2 = _resolve_expr(m.group(1), base, tense)
            if r2.value is not None or r2.note != "not understood":
                return r2
    return r


def _resolve_expr(text: str, base: dt.date | None, tense: str) -> _Res:
    if tense not in ("past", "present", "future"):
        tense = "past"
    if isinstance(base, dt.datetime):
        base = base.date()
    s = _clean(text)
    if not s or len(s) > 200:
        return _Res(None, None, "not a date")
    notes: list[str] = []

    # Ranges and lists: read the first part ("June 17-18", "Monday and Tuesday", "2011 to 2013").
    first = _first_of_range(s)
    if first is not None:
        s = first
        notes.append("first of several")

    s = re.sub(r"\b(earlier|later) in the (year|month|week)\b", r"\1 this \2", s)
    s, lead = _strip_words(s, _LEADING, leading=True)
    for w in lead:
        if w in _NOTE_PREFIXES:
            notes.append(_NOTE_PREFIXES[w])
    s, trail = _strip_words(s, _TRAILING, leading=False)
    for w in trail:
        if w.startswith("at the"):
            notes.append(w)
    if {"until", "not before", "by", "after"} & set(notes) and tense == "past" and not trail:
        pass  # "until July" in a past-tense sentence stays past ("until July he ruled")
    if "at the earliest" in trail and tense == "past":
        tense = "future"  # "not until July at the earliest" always looks ahead
    if "since" in lead and tense != "past":
        tense = "past"  # "since Saturday" starts before the time of writing

    r = _resolve_core(s, base, tense, lead)
    if r is None:
        # modifiers: "early next year", "the end of June", "mid-November", "earlier this month"
        for word, tag in _MODIFIERS:
            if s.startswith(word + " ") or (word.endswith("-") and s.startswith(word)):
                rest = s[len(word) :].strip()
                rest, lead2 = _strip_words(rest, ["of"], leading=True)
                r2 = _resolve_core(rest, base, tense, lead + lead2)
                if r2 is not None and r2.value is not None:
                    if tag:
                        notes.append(tag)
                    r = r2
                    break
                if r2 is not None and r is None:
                    r = r2
    if r is None:
        r = _dateparser(s, base, tense)
    if r is None:
        return _Res(None, None, "not understood")
    return _Res(r.value, r.precision, _join(*notes, r.note))


def _first_of_range(s: str) -> str | None:
    """'june 17-18' -> 'june 17'; 'monday and tuesday' -> 'monday'; '2011 to 2013' -> '2011'."""
    m = re.fullmatch(rf"(?P<m>{_MONTH_RE}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|to|and|through)\s*"
                     rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?P<y>,? \d{{4}})?", s)
    if m:
        return f"{m.group('m')} {m.group('d1')}{m.group('y') or ''}"
    m = re.fullmatch(rf"(?P<d1>\d{{1,2}})\s*(?:-|to|and)\s*(?P<d2>\d{{1,2}}) (?P<m>{_MONTH_RE})"
                     rf"(?P<y>,? \d{{4}})?", s)
    if m:
        return f"{m.group('d1')} {m.group('m')}{m.group('y') or ''}"
    m = re.fullmatch(rf"(?P<a>(?:{_WEEKDAY_RE}|{_MONTH_RE}|\d{{4}})) (?:and|or|to|through|-) "
                     rf"(?P<b>(?:{_WEEKDAY_RE}|{_MONTH_RE}|\d{{4}}))(?P<rest>(?: \d{{4}})?)", s)
    if m:
        return m.group("a") + m.group("rest")
    m = re.fullmatch(r"(?:between |from )?(\d{4}) ?(?:-|to|and|through) ?(\d{4})", s)
    if m:
        return m.group(1)
    return None


# ---------------------------------------------------------------------------------------------
# Tense of the governing verb

_FUTURE_MODALS = {"will", "shall", "'ll", "wo", "ll"}
_OPEN_MODALS = {"would", "could", "might", "may", "must", "should", "can", "ca", "'d"}
_FUTURE_GOVERNORS = {
    "plan", "schedule", "due", "expect", "intend", "prepare", "hope", "aim", "slate", "want",
    "promise", "threaten", "vow", "pledge", "propose", "arrange", "invite",
}  # fmt: skip
# Verbs that move something to a later date: the date is ahead even in the past tense
# ("postponed the vote until Tuesday", "extended the offer to Nov. 20").
_FORWARD_VERBS = {"postpone", "delay", "defer", "adjourn", "reschedule", "extend", "push", "move"}
_FUTURE_ADJ = {"due", "set", "likely", "expected", "poised", "scheduled", "slated", "ready", "eager"}
# Words in front of a date that look ahead to a deadline or a start: read the date as the nearest
# one rather than the past one even in a past-tense sentence ("extended the offer to Nov. 20",
# "payable Dec. 15", "as early as Tuesday").
_DEADLINE_CUES = {"by", "until", "till", "through", "effective", "payable", "record", "deadline", "starting",
                  "beginning", "as soon as", "as early as", "no later than", "ahead of", "before"}
_PRESENT_AUX = {"is", "are", "'s", "'re", "am"}


def tense_of(span: Span) -> str:
    """``"future"``, ``"present"``, ``"past"`` or ``"none"`` for the verb governing a date span.

    * future: a modal will/shall/'ll on the verb or on the verb whose infinitive complement it is
      ("will travel to Berlin to meet Merkel on Wednesday"), "going to", "is to", "due/set to",
      a governing verb of planning in the present ("plans a rally on Saturday", "set for May"),
      a verb that moves a date ("postponed until July"), or a present progressive ("is meeting
      on Monday") unless the date only modifies a noun;
    * present (read as the nearest date): a simple present ("the rights expire Nov. 21",
      headlines), an open modal (would/could/may...: reported plans), a planning verb in the past
      ("planned a rally on Saturday": either side of publication);
    * past: a past-tense verb or participle without any of the above;
    * none: no verb governs the span (a caption, "the Jan. 14 deadline", "payable Dec. 15").
    """
    tok = span.root
    steps = 0
    via_noun = False  # the date modifies a noun ("the June agreement", "Thursday's price")
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 8:
        if tok.pos_ == "ADJ" and tok.lower_ in _FUTURE_ADJ:
            return "future"
        if steps > 0 and tok.pos_ in ("NOUN", "PROPN") and tok.i not in range(span.start, span.end):
            via_noun = True
        tok = tok.head
        steps += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return "none"
    t = _verb_tense(tok)
    if via_noun and t == "future:progressive":
        return "past"  # "is raising questions about Monday's debate": the noun's time, not the verb's
    return t.split(":")[0]


def _verb_tense(tok: Token) -> str:
    """Tense of a verb token, climbing from infinitives to their governor (see tense_of)."""
    for _ in range(5):
        kids = list(tok.children)
        auxes = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
        if set(auxes) & _FUTURE_MODALS:
            return "future"
        if tok.lemma_ in _FORWARD_VERBS and any(c.dep_ == "prep" and c.lower_ in ("to", "until", "till")
                                                 for c in kids):
            return "future"
        if tok.lemma_ in ("set", "slate", "schedule") and any(c.dep_ == "prep" and c.lower_ == "for" for c in kids):
            return "future"  # "a summit set for April"
        if tok.lemma_ in _FUTURE_GOVERNORS:
            # "plans/will schedule a vote on Monday" looks ahead; "planned a rally on Friday" or
            # "set Friday as the deadline" may be either side of publication: the nearest.
            if tok.tag_ in ("VBD", "VBN") and not set(auxes) & _PRESENT_AUX:
                return "present"
            return "future"
        if set(auxes) & _OPEN_MODALS:
            return "present"
        if tok.tag_ == "VBG" and tok.lemma_ == "go" and any(c.dep_ == "xcomp" for c in kids):
            return "future"  # "is going to meet"
        infinitive = "to" in auxes or tok.tag_ == "VB"
        if infinitive and tok.dep_ in ("xcomp", "advcl", "ccomp", "conj", "acl", "relcl") and tok.head.i != tok.i:
            head = tok.head
            if head.lemma_ in _FUTURE_GOVERNORS or head.lower_ in _FUTURE_ADJ:
                return "future"
            tok = head  # "agreed to meet on Monday": the tense is the governor's
            continue
        if tok.tag_ == "VBG":
            if {"was", "were", "been"} & set(auxes):
                return "past"
            if set(auxes) & _PRESENT_AUX:
                return "future:progressive"
            if tok.dep_ in ("xcomp", "advcl", "acl", "conj", "ccomp") and tok.head.i != tok.i:
                # "the meeting starting Monday will ...": the tense of the clause around it
                tok = tok.head
                steps = 0
                while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
                    tok = tok.head
                    steps += 1
                if tok.pos_ not in ("VERB", "AUX"):
                    return "none"
                continue
            return "none"
        if tok.tag_ in ("VBD", "VBN"):
            if tok.tag_ == "VBN" and set(auxes) & _PRESENT_AUX:
                return "present"  # "is expected", "is scheduled" handled above; passive present
            return "past"
        if tok.tag_ in ("VBZ", "VBP"):
            if tok.lemma_ == "be" and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in kids):
                return "future"  # "is to meet"
            return "present"
        if tok.tag_ == "VB":
            return "present"  # imperative or bare infinitive
        if tok.tag_ == "MD":
            return "future" if tok.lower_ in _FUTURE_MODALS else "present"
        break
    return "past"


def _deadline_cue(span: Span) -> bool:
    doc = span.doc
    before = doc[max(0, span.start - 3) : span.start]
    words = [t.lower_ for t in before]
    if words and words[-1] in _DEADLINE_CUES:
        return True
    if " ".join(words[-3:]) in _DEADLINE_CUES or " ".join(words[-2:]) in _DEADLINE_CUES:
        return True
    head = span.root.head
    return head.i != span.root.i and head.lower_ in _DEADLINE_CUES


def _span_tense(span: Span) -> str:
    """Tense used to resolve ``span``: explicit future words, then the governing verb, then
    deadline cues that turn a past reading into the nearest one."""
    low = span.text.lower()
    if re.search(r"\b(?:next|coming|upcoming|tomorrow|from now|hence)\b", low):
        return "future"
    t = tense_of(span)
    if t == "past" and _deadline_cue(span):
        return "present"
    if t == "none" and _deadline_cue(span):
        return "present"
    return t


# ---------------------------------------------------------------------------------------------
# Finding dates in a document

_AGE = re.compile(r"\b(?:years?|months?)[- ]old\b|\baged?\b|\bage of\b", re.I)
_DAY_WORDS = re.compile(rf"\b(?:{_WEEKDAY_RE}|today|tonight|yesterday|tomorrow|last night|"
                        r"this (?:morning|afternoon|evening))\b", re.I)


_MILITARY_TIME = re.compile(r"(?:at )?[0-2]\d[0-5]\d")
_ZONE_AFTER = re.compile(r"\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|PST|PDT|MSK|local time|hrs\b|hours\b|h\b)")


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
        if ent.label_ == "TIME" and not _DAY_WORDS.search(text):
            continue
        if _AGE.search(text) or _AGE.search(full[ent.end_char : ent.end_char + 8]):
            continue
        if _MILITARY_TIME.fullmatch(text.strip()) and _ZONE_AFTER.match(full, ent.end_char):
            continue  # "0227 GMT", "1430 hours": a clock time, not a year
        span = _adjust(ent)
        if span is None:
            continue
        value, precision, note = resolve_span(span, published)
        if (value is not None and span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN"
                and re.fullmatch(_HOLIDAY_RE, _clean(span.text))):
            value, precision, note = None, None, "modifier, not a date"  # "Christmas trees"
        start, end = _trim(full, span.start_char, span.end_char)
        out.append(RawDate(start, end, full[start:end], value, precision, note))
    return out


def _adjust(ent: Span) -> Span | None:
    """Take in a day number the model left out in front of a month ("10 May, 2013")."""
    doc = ent.doc
    start = ent.start
    if (start > 0 and doc[start - 1].like_num and doc[start - 1].text.isdigit()
            and 1 <= int(doc[start - 1].text) <= 31 and ent[0].lower_.rstrip(".") in _MONTHS):
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


def context_text(ent: Span) -> str:
    """The span's text with the preposition in front of it ("since", "until", "in"...) and a
    trailing "at the earliest/latest": they change the note or the direction, not the span."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    text = ent.text
    if prev is not None and prev.lower_ in _CONTEXT_PREPS:
        text = prev.text + " " + text
    nxt = doc[ent.end : ent.end + 3].text.lower()
    if nxt.startswith("at the earliest") or nxt.startswith("at the latest"):
        text += " " + doc[ent.end : ent.end + 3].text
    return text


_CONTEXT_PREPS = {"since", "until", "till", "by", "before", "after", "from", "in"}


def resolve_span(span: Span, published: dt.date | None, *, timeml: bool = False) -> tuple[str | None, str | None, str]:
    """Normalise a date span of a parsed document, using its sentence (tense, preposition).

    ``timeml=True`` returns TimeML values (:func:`normalise_timeml`); otherwise :func:`normalise`.
    This is the one path used both by :func:`find_dates` and by the TempEval evaluation.
    """
    tense = _policy(_span_tense(span))
    fn = normalise_timeml if timeml else normalise
    return fn(context_text(span), published, tense=tense)


_POLICY = {"past": "past", "future": "future", "present": "present", "none": "present"}


def _policy(tense: str) -> str:
    """How each verb tense reads an underspecified date (measured on TempEval-3, see tests/eval):
    a simple present or no verb at all reads the nearest date, past the most recent, future the
    next one."""
    return _POLICY.get(tense, "past")

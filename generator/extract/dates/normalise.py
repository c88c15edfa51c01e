"""A date expression and the publication date -> an ISO value with a precision and a note.

Our own rules come first (weekdays, "last/next/this", "N units ago", quarters, seasons, "earlier
this year", prefixes such as "since" or "until ... at the earliest"), because those are exactly the
cases where a generic parser guesses wrong or not at all; the rules relative to the publication date
are in ``relative.py``, their words and patterns in ``lexicon.py``. Whatever the rules do not know
but that looks like a calendar date (a month name or digits) goes to dateparser's
``DateDataParser`` with the publication date as base; it reports the precision.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from ...isodate import MONTHS, WEEKDAYS
from .lexicon import (
    CALENDAR_DIGITS, CENTURY, CLOCK, DAY_OF_MONTH, DECADE, DIGIT, EUROPEAN_DATE, FOUR_DIGITS, IN_THE_UNIT,
    LEADING, LOOKS_CALENDAR, MDY, MODIFIERS, MONTH_REL, NOTE_PREFIXES, NUMERIC_DAY, NUMERIC_MONTH,
    POSSESSIVE, POSSESSIVE_BEFORE_NOUN, RANGE_DAYS_MONTH, RANGE_MONTH_DAYS, RANGE_NAMES, RANGE_YEARS,
    SHORT_DECADE, TRAILING, TWO_DIGIT_YEAR, US_DATE, YEAR, YEAR_RANGE,
)  # fmt: skip
from .relative import relative
from .values import (
    NO_BASE, Res, day_res, join, month_res, pick_year_for, safe_day, week_res, year_of_two_digits, year_res,
)  # fmt: skip

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
        return v[:4], "year", join(note, extra) if extra not in note else note
    if p == "weekend":
        return v[:-3], "week", join(note, "weekend")
    if p in ("decade", "century"):
        return None, None, join(note, p)
    if p == "ref":
        return None, None, join("not a calendar date", note)
    return v, p, note


# ---------------------------------------------------------------------------------------------
# The expression around the date: possessive, range, prepositions, modifiers


def _resolve(text: str, base: dt.date | None, tense: str) -> Res:
    r = _resolve_expr(text, base, tense)
    if r.value is None and r.note == "not understood":
        # a date in the possessive in front of its noun: "next week's summit", "Monday's vote"
        m = POSSESSIVE_BEFORE_NOUN.match(text)
        if m:
            r2 = _resolve_expr(m.group(1), base, tense)
            if r2.value is not None or r2.note != "not understood":
                return r2
    return r


def _resolve_expr(text: str, base: dt.date | None, tense: str) -> Res:
    if tense not in ("past", "present", "future"):
        tense = "past"
    if isinstance(base, dt.datetime):
        base = base.date()
    s = clean(text)
    if not s or len(s) > 200:
        return Res(None, None, "not a date")
    notes: list[str] = []

    # Ranges and lists: read the first part ("June 17-18", "Monday and Tuesday", "2011 to 2013").
    first = _first_of_range(s)
    if first is not None:
        s = first
        notes.append("first of several")

    s = IN_THE_UNIT.sub(r"\1 this \2", s)
    s, lead = _strip_words(s, LEADING, leading=True)
    for w in lead:
        if w in NOTE_PREFIXES:
            notes.append(NOTE_PREFIXES[w])
    s, trail = _strip_words(s, TRAILING, leading=False)
    for w in trail:
        if w.startswith("at the"):
            notes.append(w)
    # "until July" in a past-tense sentence stays past ("until July he ruled"), but:
    if "at the earliest" in trail and tense == "past":
        tense = "future"  # "not until July at the earliest" always looks ahead
    if "since" in lead and tense != "past":
        tense = "past"  # "since Saturday" starts before the time of writing

    r = _resolve_core(s, base, tense, lead)
    if r is None:
        r = _resolve_modified(s, base, tense, lead, notes)
    if r is None:
        r = _dateparser(s, base, tense)
    if r is None:
        return Res(None, None, "not understood")
    return Res(r.value, r.precision, join(*notes, r.note))


def _resolve_modified(s: str, base: dt.date | None, tense: str, lead: list[str], notes: list[str]) -> Res | None:
    """Modifiers: "early next year", "the end of June", "mid-November", "earlier this month". The
    first reading with a value wins (its tag goes to ``notes``), else the first unresolved one."""
    r = None
    for word, tag in MODIFIERS:
        if s.startswith(word + " ") or (word.endswith("-") and s.startswith(word)):
            rest = s[len(word) :].strip()
            rest, lead2 = _strip_words(rest, ["of"], leading=True)
            r2 = _resolve_core(rest, base, tense, lead + lead2)
            if r2 is not None and r2.value is not None:
                if tag:
                    notes.append(tag)
                return r2
            if r2 is not None and r is None:
                r = r2
    return r


def _first_of_range(s: str) -> str | None:
    """'june 17-18' -> 'june 17'; 'monday and tuesday' -> 'monday'; '2011 to 2013' -> '2011'."""
    m = RANGE_MONTH_DAYS.fullmatch(s)
    if m:
        return f"{m.group('m')} {m.group('d1')}{m.group('y') or ''}"
    m = RANGE_DAYS_MONTH.fullmatch(s)
    if m:
        return f"{m.group('d1')} {m.group('m')}{m.group('y') or ''}"
    m = RANGE_NAMES.fullmatch(s)
    if m:
        return m.group("a") + m.group("rest")
    m = RANGE_YEARS.fullmatch(s)
    if m:
        return m.group(1)
    return None


# ---------------------------------------------------------------------------------------------
# Text clean-up

_WS = re.compile(r"\s+")
_ABBR_DOT = re.compile(r"(?<=[a-z])\.(?=\s|,|$)")


def clean(text: str) -> str:
    """Lower case, plain quotes and dashes, no abbreviation dots, clock times or possessive; trimmed."""
    s = text.lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = s.replace("\u2013", "-").replace("\u2014", " - ").replace("\u2212", "-")
    s = _ABBR_DOT.sub("", s)
    s = CLOCK.sub(" ", s)
    s = POSSESSIVE.sub("", s)
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
# Calendar expressions


def _resolve_core(s: str, base: dt.date | None, tense: str, lead: list[str]) -> Res | None:
    """Resolve a cleaned expression without leading prepositions/modifiers. None = no rule."""
    if s == "9/11":
        return Res("2001-09-11", "day", "the September 11 attacks")
    r = _years(s, base)
    if r is None:
        r = _month_day_year(s, base, tense)
    if r is None:
        r = _numeric(s, base)
    if r is None:
        r = relative(s, base, tense, lead)  # everything else is relative to the base date
    return r


def _years(s: str, base: dt.date | None) -> Res | None:
    """Years, year ranges, decades and centuries: "2013", "fiscal 1990/91", "'98", "the '90s"."""
    m = YEAR.fullmatch(s)
    if m:
        return year_res(int(m.group(1)))
    m = YEAR_RANGE.fullmatch(s)
    if m:  # 2011-2013, fiscal 1990/91: the start year
        return year_res(int(m.group(1)), "range start")
    m = TWO_DIGIT_YEAR.fullmatch(s)
    if m:
        return year_res(year_of_two_digits(int(m.group(1)), base))
    m = DECADE.fullmatch(s)
    if m:
        return Res(m.group(1), "decade")
    m = SHORT_DECADE.fullmatch(s)
    if m and base is None:
        return Res(f"19{m.group(1)}", "decade", "assumed 20th century")
    if m and base:
        dec = int(m.group(1))
        c = base.year // 100
        start = c * 100 + dec * 10
        if start > base.year:
            start -= 100
        return Res(f"{start // 10:03d}", "decade")
    m = CENTURY.fullmatch(s)
    if m:
        return Res(f"{int(m.group(1)) - 1:02d}", "century")
    return None


def _numeric(s: str, base: dt.date | None) -> Res | None:
    """2013-06-17, 2013-06, 6/17/2013 (US order unless the first number is over 12), 17.06.2013."""
    m = NUMERIC_DAY.fullmatch(s)
    if m:
        return safe_day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = NUMERIC_MONTH.fullmatch(s)
    if m and 1 <= int(m.group(2)) <= 12:
        return month_res(int(m.group(1)), int(m.group(2)))
    m = US_DATE.fullmatch(s)
    if m:  # US style, as in the news this tool reads; day/month when the first number > 12
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y = year_of_two_digits(y, base)
        mo, d = (a, b) if a <= 12 else (b, a)
        return safe_day(y, mo, d)
    m = EUROPEAN_DATE.fullmatch(s)
    if m:  # European style
        return safe_day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def _month_day_year(s: str, base: dt.date | None, tense: str) -> Res | None:
    """Month names with a day and/or a year ("June 17, 2013", "Feb. 4", "last May"), "the 17th"."""
    m = MDY.fullmatch(s)
    if m:
        return _mdy(m, base, tense)
    m = MONTH_REL.fullmatch(s)
    if m:
        return _month_rel(m, base)
    m = DAY_OF_MONTH.fullmatch(s)
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
        return safe_day(y, mo, d)
    return None


def _mdy(m: re.Match, base: dt.date | None, tense: str) -> Res:
    mon = MONTHS[m.group("m1") or m.group("m2") or m.group("m3")]
    dtext = m.group("d1") or m.group("d2")
    day = int(dtext) if dtext else None
    ytext = m.group("y")
    wd = m.group("wd1") or m.group("wd2")
    if ytext and ytext.endswith(" year"):
        if base is None:
            return NO_BASE
        year = base.year + {"this": 0, "last": -1, "next": 1}[ytext.split()[0]]
    elif ytext:
        year = int(ytext) if not ytext.startswith("'") else year_of_two_digits(int(ytext[1:]), base)
    elif base is None:
        return Res(None, None, "no year and no publication date")
    else:
        year = pick_year_for(mon, day, base, tense)
        if wd and day is not None:
            # "Monday, Oct. 26": the year in which that date is that weekday, nearest first
            for y in (year, base.year, base.year + 1, base.year - 1):
                try:
                    if dt.date(y, mon, day).weekday() == WEEKDAYS[wd]:
                        year = y
                        break
                except ValueError:
                    break
    if day is None:
        return month_res(year, mon)
    return safe_day(year, mon, day)


def _month_rel(m: re.Match, base: dt.date | None) -> Res:
    """'last May', 'next June 3', 'this March'."""
    if base is None:
        return NO_BASE
    mon = MONTHS[m.group("m")]
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
        return month_res(year, mon)
    return safe_day(year, mon, day)


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


def _dateparser(s: str, base: dt.date | None, tense: str) -> Res | None:
    """Last resort for calendar-looking strings (month names or digits) the rules do not know."""
    if not LOOKS_CALENDAR.search(s) or len(s) > 60:
        return None
    if DIGIT.search(s) and not CALENDAR_DIGITS.search(s):
        return None  # bare numbers ("12", "three 5s"): not dates on their own
    try:
        data = _parser(base, tense).get_date_data(s)
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    d, period = data.date_obj, data.period
    if d is None or period not in ("day", "week", "month", "year"):
        return None
    years = FOUR_DIGITS.findall(s)
    if years and str(d.year) not in years:
        return None  # it ignored the year we saw: do not trust it
    if base is None and not years:
        return NO_BASE
    day = d.date()
    if period == "day":
        return day_res(day, "dateparser")
    if period == "week":
        return week_res(day, "dateparser")
    if period == "month":
        return month_res(day.year, day.month, "dateparser")
    return year_res(day.year, "dateparser")

"""Expressions whose value depends on the publication date: "yesterday", "Wednesday", "two years ago",
"last month", "the third quarter", "next spring", "Christmas", and those that are no point in time.

``tense`` ("past", "present" or "future") decides the direction of an underspecified expression:
"Wednesday" written on Monday 17 June 2013 is the 12th in the past, the 19th in the future and the
nearest of the two in the present; the publication weekday itself is that very day.

Durations ("the past five days", "two years") come back unresolved with the note ``"duration"``.
Expressions anchored to another date in the text ("the next day", "a week later") are left
unresolved too (``"relative to another date"``): resolving them against the publication date would
be wrong more often than right.
"""

from __future__ import annotations

import datetime as dt
import re

from ...isodate import WEEKDAYS
from .lexicon import (
    AGO, DURATION, DURATION_ADJ, HOLIDAY, HOLIDAYS_FIXED, N_UNITS, ORDINALS, QUARTER, QUARTER_OF_YEAR, Q_N,
    RECURRING, REFS, RELATIVE_DAYS, RELATIVE_TO_OTHER, SEASON, SEASON_START, SEASONS, SPELLED_TEENS,
    SPELLED_TENS, SPELLED_UNITS, THE_YEAR, THIS_N_UNITS, THIS_UNIT, UNITS, UNITS_LATER, WEEKDAY,
    WEEKDAY_OF_WEEK, YEAR_AGO, YEAR_END, YEAR_SEASON,
)  # fmt: skip
from .values import (
    MAX_YEAR, NO_BASE, Res, add_days, day_res, month_res, ok_year, quarter_res, to_number, week_res,
    weekend_res, year_res,
)  # fmt: skip


def relative(s: str, base: dt.date | None, tense: str, lead: list[str]) -> Res | None:
    """Resolve a cleaned expression relative to ``base``; None when no rule knows it. ``lead`` are
    the words stripped from its front ("in" makes "in two weeks" a point ahead)."""
    if s in ("", "the"):
        return None
    if s in RELATIVE_DAYS:
        if base is None:
            return NO_BASE
        d = add_days(base, RELATIVE_DAYS[s])
        return day_res(d) if d else None
    m = WEEKDAY.fullmatch(s)
    if m:
        if base is None:
            return NO_BASE
        return _weekday(WEEKDAYS[m.group("wd")], m.group("rel"), base, tense)
    m = WEEKDAY_OF_WEEK.fullmatch(s)
    if m:  # "Monday of last week", "Tuesday next week"
        return _weekday_of_week(m, base)
    m = AGO.fullmatch(s)
    if m:  # N units ago / from now / earlier
        return _ago(m, base)
    m = N_UNITS.fullmatch(s)
    if m and lead and lead[-1] == "in" and tense == "future":  # "in two weeks" (future)
        if base is None:
            return NO_BASE
        return _shift(base, to_number(m.group("n")) or 0, UNITS[m.group("u")], 1)
    m = THIS_UNIT.fullmatch(s)
    if m:
        return _this_unit(m.group("rel"), m.group("u"), base, tense)
    if THIS_N_UNITS.fullmatch(s):
        return Res(None, None, "duration")
    r = _quarter_expr(s, base, tense)
    if r is not None:
        return r
    m = SEASON.fullmatch(s)
    if m:
        return _season(m, base, tense)
    m = YEAR_SEASON.fullmatch(s)
    if m:
        code = SEASONS[m.group("s")]
        return Res(f"{int(m.group('y')):04d}-{code}", "season", m.group("s"))
    m = HOLIDAY.fullmatch(s)
    if m:
        return _holiday(m, base, tense)
    if s in YEAR_END:  # "year-end", "the turn of the year"
        if base is None:
            return NO_BASE
        # early in a year, a past "year-end" is the one just gone
        return year_res(base.year - 1 if tense == "past" and base.month <= 2 else base.year)
    if s in YEAR_AGO:
        if base is None:
            return NO_BASE
        return year_res(base.year - 1)
    y = _spelled_year(s)  # "the year 2000", "the year two thousand", "nineteen ninety-six"
    if y is not None:
        return year_res(y)
    return _not_a_point(s)


def _not_a_point(s: str) -> Res | None:
    """Durations, recurring and vague expressions, and those relative to another date."""
    if DURATION.fullmatch(s) or DURATION_ADJ.fullmatch(s):
        return Res(None, None, "duration")
    if RECURRING.fullmatch(s):
        return Res(None, None, "recurring")
    for ref, words in REFS.items():
        if s in words:
            return Res(ref, "ref", ref.lower().replace("_", " "))
    if RELATIVE_TO_OTHER.fullmatch(s) or UNITS_LATER.fullmatch(s):
        return Res(None, None, "relative to another date")
    return None


# ---------------------------------------------------------------------------------------------
# Days and weeks


def _weekday(wd: int, rel: str | None, base: dt.date, tense: str) -> Res:
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
    d = add_days(base, n)
    return day_res(d) if d else Res(None, None, "out of range")


def _weekday_of_week(m: re.Match, base: dt.date | None) -> Res:
    """'Monday of last week', 'Tuesday next week': that day of the ISO week before, of or after base's."""
    if base is None:
        return NO_BASE
    monday = base - dt.timedelta(days=base.weekday())
    shift = {"last": -7, "this": 0, "next": 7}[m.group("rel")]
    d = add_days(monday, shift + WEEKDAYS[m.group("wd")])
    return day_res(d) if d else Res(None, None, "out of range")


def _ago(m: re.Match, base: dt.date | None) -> Res:
    """'two years ago', 'a week from now', 'a year earlier'."""
    direction = m.group("dir")
    # "a year earlier" is usually relative to the publication date in news ("profit rose from $3m a
    # year earlier"); "two days later" is relative to another event.
    if direction in ("later", "after"):
        return Res(None, None, "relative to another date")
    if base is None:
        return NO_BASE
    n = to_number(m.group("n"))
    unit = UNITS[m.group("u")]
    if n is None:  # "a few years ago"
        return Res("PAST_REF" if direction not in ("from now", "hence") else "FUTURE_REF", "ref",
                   "vague")
    sign = 1 if direction in ("from now", "hence", "from today") else -1
    return _shift(base, n, unit, sign)


def _shift(base: dt.date, n: float, unit: str, sign: int) -> Res:
    """``base`` moved by ``n`` units (sign -1 back, +1 forward), at the unit's precision."""
    try:
        if unit == "day":
            d = add_days(base, sign * n)
            return day_res(d) if d else Res(None, None, "out of range")
        if unit in ("week", "fortnight"):
            k = n * (2 if unit == "fortnight" else 1)
            d = add_days(base, sign * 7 * k)
            return week_res(d) if d else Res(None, None, "out of range")
        if unit == "weekend":
            d = add_days(base, sign * 7 * n)
            return weekend_res(d) if d else Res(None, None, "out of range")
        if unit == "month":
            if n != int(n):
                d = add_days(base, sign * 30 * n)
                return month_res(d.year, d.month) if d else Res(None, None, "out of range")
            return month_res(base.year, base.month + sign * int(n))
        if unit == "quarter":
            q = (base.month - 1) // 3 + 1
            return quarter_res(base.year, q + sign * int(n))
        if unit == "year":
            if n != int(n):
                d = add_days(base, sign * 365 * n)
                return month_res(d.year, d.month) if d else Res(None, None, "out of range")
            return year_res(base.year + sign * int(n))
        if unit == "decade":
            y = base.year + sign * 10 * int(n)
            return year_res(y) if ok_year(y) else Res(None, None, "out of range")
        if unit == "century":
            y = base.year + sign * 100 * int(n)
            return Res(f"{y // 100:02d}", "century") if ok_year(y) else Res(None, None, "out of range")
    except (ValueError, OverflowError):
        return Res(None, None, "out of range")
    return Res(None, None, "unknown unit")


# ---------------------------------------------------------------------------------------------
# "this/last/next/the ... <unit>"


def _this_unit(rel: str, unit: str, base: dt.date | None, tense: str) -> Res:
    """'this/last/next/the ... <unit>' relative to the base date."""
    r = _unit_not_a_point(rel, unit)
    if r is not None:
        return r
    if base is None:
        return NO_BASE
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
        d = add_days(base, k)
        return day_res(d) if d else Res(None, None, "out of range")
    if unit in ("week", "fortnight"):
        d = add_days(base, 7 * k)
        return week_res(d) if d else Res(None, None, "out of range")
    if unit == "weekend":
        return _this_weekend(rel, k, base, tense)
    if unit == "month":
        return month_res(base.year, base.month + k)
    if unit in ("quarter", "period"):
        return _this_quarter(rel, unit, k, year_ago, base)
    if unit == "year":
        if rel in ("the", "the latest", "latest", "the current", "current"):
            k = 0
        return year_res(base.year + k - (1 if year_ago else 0))
    if unit == "half":
        return _this_half(k, base)
    if unit == "decade":
        if rel in ("last", "the last", "the past", "past", "the previous", "previous"):
            return Res(f"{(base.year - 10) // 10:03d}", "decade")
        return Res(f"{(base.year + 10 * k) // 10:03d}", "decade")
    if unit == "century":
        return Res(f"{base.year // 100 + k:02d}", "century")
    if unit == "season":
        return Res(None, None, "season unknown")
    return Res(None, None, "unresolved")


def _unit_not_a_point(rel: str, unit: str) -> Res | None:
    """The readings of 'rel unit' that are a duration or relative to another date, else None."""
    if rel in ("a", "an", "one") and unit in ("day", "week", "month", "year", "decade", "weekend"):
        return Res(None, None, "duration")
    if rel == "the next" and unit == "day":
        return Res(None, None, "relative to another date")  # "the next day, he left"
    if rel in ("the past", "past", "the coming", "coming", "the next") and unit != "weekend":
        return Res(None, None, "duration")  # "the past year", "the coming week"
    if rel == "the last" and unit in ("day", "week", "month", "year", "decade", "fortnight"):
        return Res(None, None, "duration")  # "in the last week"
    if rel == "the" and unit == "day":
        return Res(None, None, "relative to another date")  # "on the day"
    if rel == "the final" and unit not in ("quarter", "period"):
        return Res(None, None, "relative to another date")  # "the final month of the campaign"
    anchored = rel in ("the same", "that", "the following", "following", "the prior", "prior",
                       "the previous", "previous", "the year-before", "the corresponding") or \
        rel.startswith("the same ")
    # "the previous quarter" in reports: the quarter before the reported one (resolved)
    reported = unit in ("period", "quarter") and rel in ("the prior", "prior", "the previous", "previous")
    if anchored and not reported:
        return Res(None, None, "relative to another date")
    return None


def _this_weekend(rel: str, k: int, base: dt.date, tense: str) -> Res:
    if rel in ("the", "this", "the latest", "the most recent", "most recent"):
        # "the weekend" read on a Monday is the one just past
        if base.weekday() <= 1 and rel != "this":
            k = -1
        elif rel == "the" and tense == "past" and base.weekday() < 5:
            k = -1
    d = add_days(base, 7 * k)
    return weekend_res(d) if d else Res(None, None, "out of range")


def _this_quarter(rel: str, unit: str, k: int, year_ago: bool, base: dt.date) -> Res:
    q = (base.month - 1) // 3 + 1
    if rel in ("the", "the latest", "the most recent", "most recent", "latest", "the last",
               "the final") or year_ago:
        # Reports speak of the quarter just ended.
        k = -1
    if unit == "period" and rel not in ("the latest", "the most recent", "most recent",
                                        "latest") and not year_ago:
        return Res(None, None, "relative to another date")
    return quarter_res(base.year - (1 if year_ago else 0), q + k)


def _this_half(k: int, base: dt.date) -> Res:
    h = 1 if base.month <= 6 else 2
    h += k
    y = base.year
    if h < 1:
        h, y = 2, y - 1
    if h > 2:
        h, y = 1, y + 1
    return Res(f"{y:04d}-H{h}", "half")


# ---------------------------------------------------------------------------------------------
# Quarters, halves, seasons


def _quarter_expr(s: str, base: dt.date | None, tense: str) -> Res | None:
    """'Q3 2013', 'the third quarter', 'the first half of 2012', 'next year's first quarter'."""
    m = Q_N.fullmatch(s)
    if m:
        n, yt = int(m.group(1)), m.group(2)
        if yt:
            return quarter_res(int(yt), n)
        if base is None:
            return NO_BASE
        return quarter_res(_pick_quarter_year(n, base, tense), n)
    m = QUARTER.fullmatch(s)
    if not m:
        m2 = QUARTER_OF_YEAR.fullmatch(s)
        if not m2:
            return None
        if base is None:
            return NO_BASE
        y = base.year + {"this": 0, "last": -1, "next": 1}[m2.group("rel")]
        n = ORDINALS[m2.group("ord")]
        if m2.group("u") == "half":
            return Res(f"{y:04d}-H{min(n, 2)}", "half")
        return quarter_res(y, n)
    n = ORDINALS[m.group("ord")]
    yt = m.group("y1") or m.group("y2") or m.group("y3")
    if yt:
        y = int(yt)
    elif m.group("rel"):
        if base is None:
            return NO_BASE
        y = base.year + {"this": 0, "the": 0, "last": -1, "next": 1}[m.group("rel")]
    else:
        if base is None:
            return NO_BASE
        y = _pick_quarter_year(n if m.group("u") != "half" else 2 * n, base, tense)
    if m.group("u") == "half":
        if n > 2:
            return None
        return Res(f"{y:04d}-H{n}", "half")
    if m.group("u") == "period" and not yt:
        return None
    return quarter_res(y, n)


def _pick_quarter_year(q: int, base: dt.date, tense: str) -> int:
    """A quarter named without its year is this year's if it has begun (results are reported
    after the quarter, even with a future verb: "will report third-quarter results"); a later
    quarter is last year's in the past tense and this year's otherwise."""
    cur = (base.month - 1) // 3 + 1
    if q <= cur:
        return base.year
    return base.year - 1 if tense == "past" else base.year


def _season(m: re.Match, base: dt.date | None, tense: str) -> Res:
    """'last fall', 'this summer', 'winter 2012' -> TimeML season values (``2012-WI``...).

    A season named Y runs three months from its first month in year Y (winter: December Y to
    February Y+1). "last" is the most recent one already over, "next" the first not begun, "this"
    the current one or else the one named after the base year; a bare season is the current one,
    else the past or the coming one by tense."""
    code = SEASONS[m.group("s")]
    yt = m.group("y")
    if yt and yt.isdigit():
        return Res(f"{int(yt):04d}-{code}", "season", m.group("s"))
    if base is None:
        return NO_BASE
    if yt:
        y = base.year + {"this year": 0, "last year": -1, "next year": 1}[yt]
        return Res(f"{y:04d}-{code}", "season", m.group("s"))
    start = SEASON_START[code]
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
    if y is None or not ok_year(y):
        return Res(None, None, "out of range")
    return Res(f"{y:04d}-{code}", "season", m.group("s"))


# ---------------------------------------------------------------------------------------------
# Holidays


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
    if not (1583 <= y <= MAX_YEAR):
        return None
    if name in HOLIDAYS_FIXED:
        return dt.date(y, *HOLIDAYS_FIXED[name])
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


def _holiday(m: re.Match, base: dt.date | None, tense: str) -> Res:
    """'Christmas', 'last Easter', 'Thanksgiving 2012': the one before or after base by tense."""
    name, rel = m.group("h"), m.group("rel")
    if m.group("y"):
        years = [int(m.group("y"))]
    elif base is None:
        return NO_BASE
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
        return Res(None, None, "out of range")
    if name == "easter week":
        return week_res(d, name)
    return day_res(d, name)


# ---------------------------------------------------------------------------------------------
# Spelled-out years


def _spelled_pair(words: list[str]) -> int | None:
    """'ninety six' -> 96, 'eleven' -> 11, 'oh five' -> 5."""
    if len(words) == 1:
        w = words[0]
        return SPELLED_TEENS.get(w, SPELLED_TENS.get(w))
    if len(words) == 2:
        a, b = words
        if a in SPELLED_TENS and b in SPELLED_UNITS and SPELLED_UNITS[b] > 0:
            return SPELLED_TENS[a] + SPELLED_UNITS[b]
        if a == "oh" and b in SPELLED_UNITS:
            return SPELLED_UNITS[b]
    return None


def _spelled_year(s: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and five' -> 2005, 'nineteen hundred' -> 1900."""
    s = THE_YEAR.sub("", s).replace("-", " ")
    words = s.split()
    if not words:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        if not rest:
            return 2000
        v = SPELLED_UNITS.get(rest[0]) if len(rest) == 1 else None
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

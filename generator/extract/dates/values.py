"""The rules' result type and the small calendar helpers they share (no text here: see lexicon.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ... import isodate
from .lexicon import NUMBERS


@dataclass(frozen=True)
class Res:
    """A TimeML-style value with a fine precision (quarter, season, ...); ``normalise`` coarsens it."""

    value: str | None
    precision: str | None  # day|week|weekend|month|quarter|half|season|year|decade|century|ref
    note: str = ""


NO_BASE = Res(None, None, "no publication date")  # a relative expression, and no date to resolve it against

MIN_YEAR, MAX_YEAR = 1, 9999


def ok_year(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def join(*notes: str) -> str:
    return "; ".join(p for p in notes if p)


def day_res(d: dt.date, note: str = "") -> Res:
    return Res(isodate.day_value(d), "day", note)


def safe_day(y: int, m: int, d: int) -> Res:
    try:
        return day_res(dt.date(y, m, d))
    except ValueError:
        return Res(None, None, "invalid date")


def week_res(d: dt.date, note: str = "") -> Res:
    return Res(isodate.week_value(d), "week", note)


def weekend_res(d: dt.date) -> Res:
    return Res(isodate.week_value(d) + "-WE", "weekend")


def month_res(y: int, m: int, note: str = "") -> Res:
    """Month ``m`` of year ``y``; ``m`` may run over (13 is January of the next year, 0 December before)."""
    while m < 1:
        m += 12
        y -= 1
    while m > 12:
        m -= 12
        y += 1
    if not ok_year(y):
        return Res(None, None, "year out of range")
    return Res(isodate.month_value(y, m), "month", note)


def year_res(y: int, note: str = "") -> Res:
    if not ok_year(y):
        return Res(None, None, "year out of range")
    return Res(isodate.year_value(y), "year", note)


def quarter_res(y: int, q: int) -> Res:
    """Quarter ``q`` of year ``y`` (``2013-Q3``); ``q`` may run over like a month in :func:`month_res`."""
    while q < 1:
        q += 4
        y -= 1
    while q > 4:
        q -= 4
        y += 1
    if not ok_year(y):
        return Res(None, None, "year out of range")
    return Res(f"{y:04d}-Q{q}", "quarter")


def add_days(d: dt.date, n: float) -> dt.date | None:
    try:
        return d + dt.timedelta(days=round(n))
    except OverflowError:
        return None


def to_number(word: str) -> float | None:
    """'3' -> 3, 'three' -> 3, 'twenty-one' -> 21, 'half a' -> 0.5; else None."""
    word = word.strip().replace("-", " ")
    if word.isdigit():
        return int(word)
    if word in NUMBERS:
        return NUMBERS[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def year_of_two_digits(yy: int, base: dt.date | None) -> int:
    """'98 -> 1998 or 2098, whichever is nearer the base (1900s with no base)."""
    ref = base.year if base else 1950
    candidates = [c * 100 + yy for c in (ref // 100 - 1, ref // 100, ref // 100 + 1)]
    return min(candidates, key=lambda y: (abs(y - ref), y))


def pick_year_for(month: int, day: int | None, base: dt.date, tense: str) -> int:
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

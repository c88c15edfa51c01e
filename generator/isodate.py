"""ISO 8601 dates with a precision, and the English month and weekday names: one place for every stage.

A date in the model is an ISO string whose shape is its precision:

==============  =========
``2013-06-17``  day
``2013-W25``    week (ISO week)
``2013-06``     month
``2013``        year
==============  =========

``parse`` reads what a person writes (a sidecar's or a ``--published`` date: day, month or year);
``calendar_error`` says why ``dossier.yml`` refuses one; ``precision_of`` reads the precision off a
value's shape; ``interval`` gives the days a value of any precision covers; ``day_value`` ...
``year_value`` write values. Pure Python, no spaCy.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

DAY, WEEK, MONTH, YEAR = "day", "week", "month", "year"

# ---------------------------------------------------------------------------------------------
# Names (spelled out here, not via strftime, so that nothing depends on the machine's locale)

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _words(names: tuple[str, ...], extra: dict[str, str]) -> dict[str, int]:
    """Lower-case name -> number: the full name, extra abbreviations, then the three-letter one."""
    out: dict[str, int] = {}
    for n, name in enumerate(names):
        low = name.lower()
        for word in (low, *extra.get(low, "").split(), low[:3]):
            out.setdefault(word, n)
    return out


# month word as written in English text -> 1..12: "june", "jun", "sept", "sep" (the dot of "Jun." is
# the reader's business)
MONTHS = {word: n + 1 for word, n in _words(MONTH_NAMES, {"september": "sept"}).items()}
# weekday word -> 0 (Monday) .. 6, as ``date.weekday()``: "tuesday", "tues", "tue"
WEEKDAYS = _words(WEEKDAY_NAMES, {"tuesday": "tues", "thursday": "thurs"})
# regex alternations of those words, longest first ("september" before "sep"), lower case
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_PATTERN = "|".join(sorted(WEEKDAYS, key=len, reverse=True))


def month_name(n: int) -> str:
    """``month_name(6) == "June"``."""
    return MONTH_NAMES[n - 1]


# ---------------------------------------------------------------------------------------------
# Reading values

SHAPE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")  # YYYY, YYYY-MM or YYYY-MM-DD
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # a prefix: a timestamp's date is its day
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
# The shapes, for code that reads a value's parts (formatting, axes): match, then take the groups.
DAY_SHAPE, WEEK_SHAPE, MONTH_SHAPE, YEAR_SHAPE = _DAY, _WEEK, _MONTH, _YEAR


def parse(value: object) -> tuple[str, str] | None:
    """``"2013-06-17"`` -> ``("2013-06-17", "day")``, ``"2013-06"`` -> month, ``"2013"`` -> year.

    Also a date object (its day; a datetime's date) and an int year 1000..9999. A string is
    stripped and must have one of the three shapes and name a real month or day; anything else
    (weeks included: people do not write them) is None.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat(), DAY
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return f"{value:04d}", YEAR
    if not isinstance(value, str):
        return None
    m = SHAPE.match(value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        if d:
            return dt.date(int(y), int(mo), int(d)).isoformat(), DAY
        if mo:
            if not 1 <= int(mo) <= 12:
                return None
            return f"{y}-{mo}", MONTH
    except ValueError:
        return None
    return y, YEAR


def calendar_error(value: str) -> str | None:
    """Why ``datetime`` refuses a ``YYYY-MM-DD`` or ``YYYY-MM`` value ("month must be in 1..12"), else
    None; a bare year is not checked. ``dossier.yml`` quotes the reason in its message. It is stricter
    than :func:`parse` in two corners, kept as they were: a month of year 0 ("0000-06") and digits
    that are not ASCII are refused here and accepted by ``parse``."""
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        elif len(value) == 7:
            dt.date.fromisoformat(value + "-01")
    except ValueError as exc:
        return str(exc)
    return None


def precision_of(value: str | None) -> str | None:
    """The precision a value's shape implies: day, week, month, year or None (not validated; a
    timestamp ``2013-06-17T15:39`` counts as its day)."""
    if not value:
        return None
    if _DAY.match(value):
        return DAY
    if _WEEK.match(value):
        return WEEK
    if _MONTH.match(value):
        return MONTH
    if _YEAR.match(value):
        return YEAR
    return None


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """'2013' / '2013-06' / '2013-W25' / '2013-06-17' -> first and last day covered (None if not a date)."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6)
        d = dt.date.fromisoformat(value[:10])
        return d, d
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Writing values


def day_value(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    """The ISO week of ``d``: ``2013-W25``."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def year_value(y: int) -> str:
    return f"{y:04d}"

"""Human-readable formatting of model values (dates with their precision, counts, kinds).

Dates are shown honestly: a month-precise date reads "June 2013 (month)", a missing one "date
unknown" -- the reader must never mistake an approximate date for an exact one. English month names
are spelled out here (not via ``strftime``) so that output does not depend on the machine's locale.
"""

from __future__ import annotations

from ..isodate import DAY_SHAPE as _DAY
from ..isodate import MONTH_NAMES, precision_of
from ..isodate import MONTH_SHAPE as _MONTH
from ..isodate import WEEK_SHAPE as _WEEK
from ..isodate import YEAR_SHAPE as _YEAR

MONTHS = MONTH_NAMES  # English, spelled out (no locale): generator.isodate


def _day(value: str) -> str | None:
    m = _DAY.match(value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def _month(value: str) -> str | None:
    m = _MONTH.match(value) or _DAY.match(value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def infer_precision(value: str | None) -> str | None:
    """The precision a bare ISO value implies (used when the model left ``precision`` empty)."""
    return precision_of(value)


def date_text(value: str | None, precision: str | None = None) -> str:
    """``"17 June 2013"``, ``"June 2013 (month)"``, ``"2013 (year)"``, ``"date unknown"``."""
    if not value:
        return "date unknown"
    if precision == "reported":
        # no date in the text: known only to have happened (or been announced) by the report's date
        return f"by {date_text(value, None).split(' (')[0]} (date of the report)"
    precision = precision or infer_precision(value)
    if precision == "day":
        return _day(value) or value
    if precision == "week":
        w = _WEEK.match(value)
        if w:
            import datetime as _dt

            monday = _dt.date.fromisocalendar(int(w.group(1)), int(w.group(2)), 1).isoformat()
            return f"week of {_day(monday) or monday} (week)"
        d = _day(value)
        return f"week of {d} (week)" if d else f"{value} (week)"
    if precision == "month":
        m = _month(value)
        return f"{m} (month)" if m else f"{value} (month)"
    if precision == "year":
        return f"{value[:4]} (year)" if _YEAR.match(value[:4]) else f"{value} (year)"
    return value if precision is None else f"{value} ({precision})"


STATUS_TEXT = {
    "happened": "happened",
    "planned": "planned (scheduled, expected or postponed)",
    "hypothetical": "not happened: called for, threatened, proposed or conditional",
    "negated": "did not happen (as reported)",
    "prevented": "prevented, cancelled or blocked",
}


def status_text(status: str | None) -> str:
    """What an event's factual status means to a reader: ``"planned (scheduled, expected or postponed)"``."""
    return STATUS_TEXT.get(status or "happened", status or "happened")


def event_date(value: str | None, precision: str | None, status: str | None) -> str:
    """An event's date in words; for an event that did not happen, a report's date is no date of
    it ("by 13 June 2013" would say it happened): "not given (first reported 13 June 2013)"."""
    if precision == "reported" and (status or "happened") != "happened":
        return f"not given (first reported {date_text(value, None).split(' (')[0]})"
    return date_text(value, precision)


def event_short_date(value: str | None, precision: str | None, status: str | None) -> str:
    """:func:`event_date` for tables: an en dash for a not-happened event dated only by its report."""
    if precision == "reported" and (status or "happened") != "happened":
        return "–"
    return short_date(value, precision)


def status_note(status: str | None) -> str:
    """A short mark after an event's name when it did not happen: ``" (planned)"``; empty otherwise."""
    return "" if (status or "happened") == "happened" else f" ({status})"


def short_date(value: str | None, precision: str | None = None) -> str:
    """Compact form for tables: ``2013-06-17``, ``2013-06``, ``2013``, or an en dash when unknown."""
    if not value:
        return "–"
    if precision == "reported":
        return f"by {value}"
    precision = precision or infer_precision(value)
    if precision == "month":
        return value[:7]
    if precision == "year":
        return value[:4]
    return value


def plural(n: int, one: str, many: str | None = None) -> str:
    """``plural(1, "source") == "1 source"``, ``plural(2, "source") == "2 sources"``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


KIND_LABELS = {
    "person": "person",
    "organisation": "organisation",
    "state": "state",
    "armed_group": "armed group",
    "group": "group",
    "place": "place",
}


def kind_label(kind: str | None, *, capital: bool = False) -> str:
    """``armed_group`` -> ``armed group`` (``Armed group`` with ``capital``)."""
    label = KIND_LABELS.get(kind or "", (kind or "unknown").replace("_", " "))
    return label[:1].upper() + label[1:] if capital else label

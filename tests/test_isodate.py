"""``generator.isodate``: the one reading and writing of ISO dates with a precision, and the month names."""

from __future__ import annotations

import datetime as dt

import pytest

from generator import isodate


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("2013-06-17", ("2013-06-17", "day")),
        (" 2013-06 ", ("2013-06", "month")),
        ("2013", ("2013", "year")),
        (2013, ("2013", "year")),
        (dt.datetime(2013, 6, 17, 15, 39), ("2013-06-17", "day")),
        ("2013-02-30", None),
        ("2013-13", None),
        ("2013-W25", None),
        (True, None),
    ],
)
def test_parse(value, want) -> None:
    assert isodate.parse(value) == want


def test_calendar_error_quotes_datetime() -> None:
    assert isodate.calendar_error("2013-13") == "month must be in 1..12"
    assert isodate.calendar_error("2013-02-30") == "day is out of range for month"
    assert isodate.calendar_error("2013-06-17") is None


@pytest.mark.parametrize(
    ("value", "want"),
    [("2013-06-17T15:39", "day"), ("2013-W25", "week"), ("2013-06", "month"), ("2013", "year"), ("2013-Q3", None), (None, None)],
)
def test_precision_of(value, want) -> None:
    assert isodate.precision_of(value) == want


def test_interval() -> None:
    assert isodate.interval("2013-02") == (dt.date(2013, 2, 1), dt.date(2013, 2, 28))
    assert isodate.interval("2013-W25") == (dt.date(2013, 6, 17), dt.date(2013, 6, 23))
    assert isodate.interval("2013-13") is None


def test_values_round_trip() -> None:
    d = dt.date(2013, 6, 17)
    assert isodate.week_value(d) == "2013-W25"
    assert isodate.precision_of(isodate.week_value(d)) == "week"
    assert isodate.parse(isodate.month_value(2013, 6)) == ("2013-06", "month")
    assert isodate.year_value(987) == "0987"


def test_month_words() -> None:
    assert isodate.month_name(6) == "June"
    assert all(isodate.MONTHS[name.lower()] == n and isodate.MONTHS[name[:3].lower()] == n
               for n, name in enumerate(isodate.MONTH_NAMES, 1))
    assert isodate.MONTHS["sept"] == 9 and isodate.WEEKDAYS["thurs"] == 3
    assert isodate.MONTH_PATTERN.startswith("september|")

"""What the site does with an event's date precision and factual status (generator.views.index):
week dates sort among the days they cover, only events that happened and are dated are on the
timeline (and in previous/next links), the rest are listed apart."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from generator.isodate import interval
from generator.model import Event
from generator.views import fmt
from generator.views.index import Index, on_timeline, timeline_order
from tests.fixtures_dossier import build


def _ev(eid: str, date: str | None, precision: str | None = None, status: str = "happened") -> Event:
    return Event(eid, eid, "attack", date, precision, None, (), (), (), status)


def test_a_week_sorts_by_the_days_it_covers() -> None:
    events = [_ev("c", "2016-08-20", "day"), _ev("w", "2016-W33", "week"), _ev("a", "2016-08-14", "day"),
              _ev("m", "2016-08", "month"), _ev("b", "2016-08-15", "day")]
    # W33 = 15-21 August: after the 14th, after the day it starts with (ends earlier), before the 20th
    assert [e.id for e in timeline_order(events)] == ["m", "a", "b", "w", "c"]


@given(st.lists(st.sampled_from(["2016", "2016-08", "2016-W33", "2016-W01", "2016-08-15", "2016-12-31",
                                 "2015-12-28", "2016-01-04"]), max_size=8))
def test_timeline_order_never_puts_a_later_first_day_before_an_earlier_one(dates) -> None:
    events = [_ev(f"e{i}", d) for i, d in enumerate(dates)]
    starts = [interval(e.date)[0] for e in timeline_order(events)]
    assert starts == sorted(starts)


def test_only_happened_and_dated_events_are_on_the_timeline() -> None:
    assert on_timeline(_ev("a", "2016-08-15", "day"))
    assert not on_timeline(_ev("b", "2016-08-15", "day", "planned"))
    assert not on_timeline(_ev("c", "2016-08-15", "reported"))  # only the report's date
    assert not on_timeline(_ev("d", None))


def test_index_lists_unhappened_events_apart_and_links_only_timeline_events() -> None:
    d = build()[0]
    first = d.events[0]
    planned = replace(d.events[1], status="planned")
    d = replace(d, events=(first, planned, *d.events[2:]))
    ix = Index.of(d)
    assert planned in ix.unhappened_events and planned not in ix.timeline
    assert planned.id not in ix.prev_event and all(
        v is None or v.status == "happened" for v in [*ix.prev_event.values(), *ix.next_event.values()])


def test_a_report_date_is_no_date_of_an_event_that_did_not_happen() -> None:
    assert fmt.event_date("2013-06-13", "reported", "happened") == "by 13 June 2013 (date of the report)"
    assert fmt.event_date("2013-06-13", "reported", "prevented") == "not given (first reported 13 June 2013)"
    assert fmt.event_short_date("2013-06-13", "reported", "planned") == "–"

"""Event detection (``generator.extract.events.find_events``) on small invented sentences: one
construction per test -- trigger kinds, date/place/participant attachment, and what is skipped.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.dates import find_dates
from generator.extract.events import RawEvent, find_events

WED = dt.date(2014, 3, 5)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    from generator.extract.nlp import load_nlp

    return load_nlp()


def events(nlp, text: str, published: dt.date | None = WED) -> list[dict]:
    doc = nlp(text)
    found = find_events(doc, find_dates(doc, published))
    out = []
    for e in found:
        assert isinstance(e, RawEvent)
        out.append({
            "trigger": text[e.trigger[0] : e.trigger[1]],
            "kind": e.kind,
            "date": e.date,
            "precision": e.precision,
            "date_text": text[e.date_span[0] : e.date_span[1]] if e.date_span else None,
            "place": e.place,
            "participants": [text[a:b] for a, b in e.participants],
            "sentence": e.sentence,
            "status": e.status,
            "label": e.label,
            "place_in": e.place_in,
        })
    return out


def only(nlp, text: str, published: dt.date | None = WED) -> dict:
    found = events(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


def test_verb_meeting_with_date_place_and_both_sides(nlp) -> None:
    e = only(nlp, "German Chancellor Angela Merkel met French President Francois Hollande in Berlin on Tuesday.")
    assert e["kind"] == "meeting" and e["trigger"] == "met"
    assert e["date"] == "2014-03-04" and e["precision"] == "day" and e["date_text"] == "Tuesday"
    assert e["place"] == "Berlin"
    assert set(e["participants"]) == {"Angela Merkel", "Francois Hollande"}


def test_noun_talks_between_x_and_y(nlp) -> None:
    e = only(nlp, "Talks between Iran and the European Union resumed in Geneva yesterday.")
    assert e["kind"] == "talks"
    assert e["date"] == "2014-03-04"
    assert e["place"] == "Geneva"
    assert set(e["participants"]) == {"Iran", "European Union"}


def test_future_visit_gets_the_coming_day(nlp) -> None:
    e = only(nlp, "Kerry will visit Cairo on Friday.")
    assert e["kind"] == "visit"
    assert e["date"] == "2014-03-07"
    assert e["place"] == "Cairo"
    assert e["participants"] == ["Kerry"]


def test_sanctions_take_the_imposer_and_the_target(nlp) -> None:
    e = only(nlp, "Japan imposed new sanctions on North Korea on Monday.")
    assert e["kind"] == "sanctions" and e["trigger"] == "sanctions"
    assert e["date"] == "2014-03-03"
    assert set(e["participants"]) == {"Japan", "North Korea"}


def test_veto_by_verb(nlp) -> None:
    e = only(nlp, "China vetoed a Security Council resolution on Libya last month.")
    assert e["kind"] == "veto"
    assert e["date"] == "2014-02" and e["precision"] == "month"
    assert "China" in e["participants"]


def test_blocking_a_resolution_is_a_veto_but_blocking_a_road_is_not(nlp) -> None:
    assert only(nlp, "Moscow blocked the draft resolution on Saturday.")["kind"] == "veto"
    assert events(nlp, "Protesters blocked the main road into Lagos on Saturday.") == []


def test_offensive_with_place(nlp) -> None:
    e = only(nlp, "Government troops launched an offensive in the Kivu region on Sunday.")
    assert e["kind"] == "offensive"
    assert e["date"] == "2014-03-02"


def test_next_weeks_summit(nlp) -> None:
    e = only(nlp, "Delegates are preparing for next week's summit in Brussels.")
    assert e["kind"] == "summit"
    assert e["date"] == "2014-W11" and e["precision"] == "week"
    assert e["place"] == "Brussels"


def test_shelling_with_possessive_date(nlp) -> None:
    e = only(nlp, "Dozens died in Tuesday's shelling of Aleppo.")
    assert e["kind"] == "shelling"
    assert e["date"] == "2014-03-04"


def test_the_date_of_saying_is_not_the_date_of_the_event(nlp) -> None:
    e = only(nlp, "The two presidents met in Vienna, officials said on Monday.")
    assert e["kind"] == "meeting"
    assert e["place"] == "Vienna"
    assert e["date"] is None


@pytest.mark.parametrize("text, status", [
    ("Obama did not meet Netanyahu in Washington.", "negated"),
    ("There were no talks in Geneva on Monday.", "negated"),
    ("The army has not carried out any strikes near Khan Shaykhun.", "negated"),
    ("Rebels failed to capture the town of Jarablus.", "negated"),
    ("Turkey could impose sanctions on Israel.", "hypothetical"),
    ("The opposition called for talks with the government in Cairo.", "hypothetical"),
    ("Brazil wants to host a summit in Rio.", "hypothetical"),
    ("Washington warned of new missile strikes on Syria.", "hypothetical"),
    ("If the army attacked Homs, the talks would collapse.", "hypothetical"),
    ("Any attack on Damascus would be a disaster.", "hypothetical"),
    ("Russia has shielded Assad from UN sanctions.", "prevented"),
    ("The summit in Oslo was cancelled.", "prevented"),
    ("The talks in Geneva were postponed until July.", "planned"),
    ("Kerry will visit Cairo on Friday.", "planned"),
    ("The two sides agreed to hold talks in Astana.", "planned"),
    ("Warplanes pounded the town of Douma on Tuesday.", "happened"),
    ("Syria and Russia denied carrying out the chemical attack in Khan Sheikhoun.", "happened"),
])  # fmt: skip
def test_every_mention_is_kept_with_its_status(nlp, text: str, status: str) -> None:
    found = events(nlp, text)
    assert found, text
    assert found[0]["status"] == status, found


def test_an_event_dated_after_publication_is_planned(nlp) -> None:
    e = only(nlp, "Delegates are preparing for next week's summit in Brussels.")
    assert e["status"] == "planned"


def test_labels_and_the_place_a_place_is_in(nlp) -> None:
    e = only(nlp, "A chemical attack on Douma in Damascus province killed 80 people on Tuesday.")
    assert e["label"] == "chemical attack" and e["place"] == "Douma" and e["place_in"] == "Damascus"
    assert only(nlp, "Russian air strikes hit the city of Aleppo on Friday.")["label"] == "air strikes"


def test_talk_of_attacks_in_politics_is_no_event(nlp) -> None:
    assert events(nlp, "The senator attacked the president over his budget on Monday.") == []


def test_reported_plan_with_would_is_kept(nlp) -> None:
    e = only(nlp, "The ministers agreed that the conference would take place in Oslo.")
    assert e["kind"] == "conference" and e["place"] == "Oslo"


def test_press_conference_and_unanchored_triggers_are_not_events(nlp) -> None:
    found = events(nlp, "Lavinia Okafor told a news conference in Accra that the count was fair.")
    assert all(e["kind"] != "conference" for e in found)
    assert events(nlp, "A meeting was held.") == []


def test_talk_in_the_singular_is_speech(nlp) -> None:
    assert events(nlp, "The minister gave a talk in Oslo on Monday.") == []


def test_without_publication_date_events_keep_place_and_participants(nlp) -> None:
    e = only(nlp, "Chancellor Angela Merkel met President Francois Hollande in Berlin on Tuesday.", published=None)
    assert e["date"] is None and e["place"] == "Berlin"
    assert set(e["participants"]) == {"Angela Merkel", "Francois Hollande"}


def test_sentence_index(nlp) -> None:
    found = events(nlp, "It rained.\n\nThe leaders met in Madrid on Tuesday.")
    assert [e["sentence"] for e in found] == [1]


def test_agreement_needs_something_to_happen(nlp) -> None:
    e = only(nlp, "Serbia and Kosovo signed an agreement in Brussels on Monday.")
    assert e["kind"] == "agreement"
    assert set(e["participants"]) >= {"Serbia", "Kosovo"}
    assert events(nlp, "There is broad agreement in Paris on the need for reform.") == []


def test_headline_style_infinitive_and_ahead_of_are_planned(nlp) -> None:
    assert events(nlp, "Kerry and Lavrov to meet in Switzerland on Saturday.")[0]["status"] == "planned"
    found = events(nlp, "France raised the stakes ahead of an emergency Security Council meeting in New York.")
    assert [e["status"] for e in found if e["kind"] == "meeting"] == ["planned"]


def test_indefinite_mentions_bring_in_events(nlp) -> None:
    assert events(nlp, "Rebels launched an attack on Aleppo on Monday.")[0]["label"] == "attack"
    from generator.extract.events.triggers import indefinite

    doc = nlp("An attack hit Homs. The attack killed five.")
    attacks = [t for t in doc if t.lower_ == "attack"]
    assert [indefinite(t) for t in attacks] == [True, False]


def test_a_name_the_town_of_introduces_is_a_place(nlp) -> None:
    e = only(nlp, "Warplanes struck the town of Jayrud on Saturday.")
    assert e["place"] == "Jayrud"


@pytest.mark.parametrize("text", [
    "Russia has not changed its stance following his meeting with Assad in Damascus.",
    "Trump declared that the chemical attack in Idlib cannot be tolerated but did not say what he would do.",
    "He said the shelling could derail the process of peace talks between Russia and Turkey.",
    "The ministry would not comment on the air strikes on Aleppo on Monday.",
])  # fmt: skip
def test_the_status_of_another_clause_is_not_the_events(nlp, text: str) -> None:
    found = events(nlp, text)
    assert found and all(e["status"] == "happened" for e in found), found


def test_where_the_casualties_were_is_where_the_attack_was(nlp) -> None:
    e = only(nlp, "Air strikes killed more than 20 people in the northwestern city of Idlib on Sunday.")
    assert e["place"] == "Idlib"


def test_capturing_equipment_is_no_capture_of_ground(nlp) -> None:
    assert events(nlp, "Kurdish fighters had captured gas masks from Islamic State in Hasaka in recent weeks.") == []
    assert only(nlp, "Rebels captured the town of Jarablus on Monday.")["kind"] == "offensive"


def test_a_number_far_from_the_publication_is_no_year(nlp) -> None:
    found = events(nlp, "Get short URL 3214 An airstrike killed eight civilians in Raqqa.")
    assert found and all(e["date"] is None for e in found)

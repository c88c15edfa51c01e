"""The change computation (generator/changes): exact changes between two hand-made models, the
history (kept, bounded, atomic), a missing or corrupt previous build (a first build with a warning),
the new/updated marks, and determinism. The pipeline-level test (two articles added, one edited,
one removed, through a real build) is in tests/test_whatsnew.py."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fixtures_dossier
from generator.changes import HISTORY_LIMIT, Change, Previous, compute_changes, load_previous, save_history
from generator.model import Divergence, Role
from generator.serialize import dossier_json


@pytest.fixture(scope="module")
def base():
    return fixtures_dossier.build()[0]


def replace_in(seq, id_, **kw):
    return tuple(dataclasses.replace(x, **kw) if x.id == id_ else x for x in seq)


def edited(d):
    """The fixture model after a 'build': one source edited, one removed, one actor with a new role,
    a claim newly corroborated and another newly diverging, an event moved, one claim new."""
    sources = replace_in(d.sources, "001_lavrov-talks", content_hash="f" * 64)
    sources = tuple(s for s in sources if s.id != "002_hostile")
    lavrov = next(a for a in d.actors if a.id == "sergei-lavrov")
    actors = replace_in(d.actors, "sergei-lavrov", roles=(*lavrov.roles, Role("Deputy Prime Minister", "2013-06-01", None, ("001_lavrov-talks",))))
    actors = tuple(a for a in actors if a.id != "evil-star")
    claims = replace_in(d.claims, "un-93000-killed", corroborating=("cameron-open-and-honest-format",))
    claims = replace_in(claims, "putin-not-protecting-assad", diverging=("lavrov-assad-vice-president",),
                        divergences=(Divergence("lavrov-assad-vice-president", "Does Russia protect Assad?"),))
    claims = tuple(c for c in claims if c.id != "evil-star-script")
    new_claim = dataclasses.replace(d.claims[0], id="lavrov-new-claim", text="Talks will resume in June.")
    events = replace_in(d.events, "syria-peace-talks", date="2013-06-20", date_precision="day")
    return dataclasses.replace(d, sources=sources, actors=actors, claims=(*claims, new_claim), events=events)


def as_set(changes):
    return {(c.kind, c.id, c.change, c.detail) for c in changes}


def test_changes_between_two_models_are_exact(base):
    first = compute_changes(Previous(None), base, "2026-01-01")
    assert first.first and first.recorded and first.latest.changes == () and not first.any_marks
    second = compute_changes(load_previous_from(first), edited(base), "2026-01-02")
    assert second.recorded and not second.first and second.since_last is second.latest
    assert second.latest.number == 2 and second.latest.built_at == "2026-01-02"
    assert as_set(second.latest.changes) == {
        ("sources", "001_lavrov-talks", "updated", "edited"),
        ("sources", "002_hostile", "removed", ""),
        ("actors", "sergei-lavrov", "updated", "new role: Deputy Prime Minister"),
        ("actors", "evil-star", "removed", ""),
        ("claims", "lavrov-new-claim", "new", ""),
        ("claims", "un-93000-killed", "updated", "newly corroborated (1 claim)"),
        ("claims", "putin-not-protecting-assad", "updated", "newly diverging (1 claim)"),
        ("claims", "evil-star-script", "removed", ""),
        ("events", "syria-peace-talks", "updated", "date none → 2013-06-20"),
    }
    # marks: the new claim is new, the updated ones updated, nothing else marked
    assert second.mark("claims", "lavrov-new-claim").change == "new"
    assert second.mark("actors", "sergei-lavrov").change == "updated"
    assert second.mark("actors", "sergei-lavrov").built_at == "2026-01-02"
    assert second.mark("actors", "vladimir-putin") is None
    assert second.mark("claims", "evil-star-script") is None


def load_previous_from(cs, tmp=None):
    """What the next build reads back of ``cs`` (through the JSON it saves)."""
    data = json.loads(json.dumps(cs.history))
    return Previous(data["state"], tuple(data["builds"]), data["marks"], "history")


def test_a_build_that_changes_nothing_adds_no_entry(base):
    first = compute_changes(Previous(None), base, "2026-01-01")
    again = compute_changes(load_previous_from(first), base, "2026-01-05")
    assert not again.recorded and again.since_last is None  # the latest build is the first one
    assert again.builds == first.builds and json.dumps(again.history, sort_keys=True) == json.dumps(first.history, sort_keys=True)


def test_history_keeps_the_last_builds_and_marks_expire(base):
    cs = compute_changes(Previous(None), base, "2026-01-01")
    model = base
    for i in range(HISTORY_LIMIT + 3):
        model = dataclasses.replace(model, claims=(*model.claims, dataclasses.replace(base.claims[0], id=f"c-{i}", text=f"claim {i}")))
        cs = compute_changes(load_previous_from(cs), model, f"2026-02-{i + 1:02d}")
    assert len(cs.builds) == HISTORY_LIMIT
    assert [b.number for b in cs.builds] == list(range(HISTORY_LIMIT + 4, 4, -1))  # latest first
    assert cs.mark("claims", f"c-{HISTORY_LIMIT + 2}").change == "new"
    assert cs.mark("claims", "c-0") is None  # its build dropped out of the history
    assert "c-0" not in cs.history["marks"].get("claims", {})


def test_edit_after_add_shows_the_update(base):
    cs = compute_changes(Previous(None), base, "2026-01-01")
    extra = dataclasses.replace(base.claims[0], id="x", text="x")
    cs = compute_changes(load_previous_from(cs), dataclasses.replace(base, claims=(*base.claims, extra)), "2026-01-02")
    assert cs.mark("claims", "x") == type(cs.mark("claims", "x"))("new", 2, "2026-01-02")
    corr = dataclasses.replace(extra, corroborating=("un-93000-killed",))
    cs = compute_changes(load_previous_from(cs), dataclasses.replace(base, claims=(*base.claims, corr)), "2026-01-03")
    assert (cs.mark("claims", "x").change, cs.mark("claims", "x").number) == ("updated", 3)


def test_missing_or_corrupt_history_is_a_first_build_with_a_warning(tmp_path, base):
    hist, last = tmp_path / "history.json", tmp_path / "dossier.json"
    p = load_previous(hist, last)
    assert p.state is None and p.origin == "none" and p.warning is None  # nothing at all: plain first build
    for junk in ("{", "[]", '{"format": 1, "builds": [], "state": {}, "marks": {}}', "\x00\xff"):
        hist.write_text(junk, encoding="utf-8", errors="surrogateescape")
        p = load_previous(hist, last)
        assert p.state is None and p.warning and "history" in p.warning, junk
        cs = compute_changes(p, base, "2026-01-01")
        assert cs.first and cs.warning == p.warning
    # a corrupt history with a sound dossier.json: compared with the dossier.json
    last.write_text(dossier_json(base), encoding="utf-8")
    p = load_previous(hist, last)
    assert p.origin == "dossier.json" and p.warning
    cs = compute_changes(p, edited(base), "2026-01-02")
    assert ("sources", "002_hostile", "removed", "") in as_set(cs.latest.changes)
    last.write_text('{"sources": 3}', encoding="utf-8")
    p = load_previous(None, last)
    assert p.state is None and "dossier.json" in p.warning


def test_saved_history_reads_back(tmp_path, base):
    cs = compute_changes(Previous(None), base, "2026-01-01")
    path = tmp_path / "cache" / "history.json"
    assert save_history(path, cs.history) is None
    p = load_previous(path, None)
    assert p.origin == "history" and p.warning is None
    cs2 = compute_changes(p, edited(base), "2026-01-02")
    assert cs2.latest.number == 2 and len(cs2.builds) == 2
    assert not list(path.parent.glob(".tmp-*"))
    assert save_history(tmp_path / "file" / "x.json", cs.history) is None
    (tmp_path / "ro").write_text("a file where a folder should be")
    assert "not written" in save_history(tmp_path / "ro" / "history.json", cs.history)


def test_changes_read_the_same_from_the_model_and_from_its_json(base):
    """The previous build read from dossier.json gives the same state as the model itself."""
    from generator.changes.state import state_of

    assert state_of(json.loads(dossier_json(base))) == state_of(base)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(0, 7)), st.sets(st.integers(0, 7)))
def test_new_and_removed_are_the_set_differences(base, keep_before, keep_after):
    """Property: whatever subset of claims two builds have, new = after - before, removed = before -
    after, and the order of the model does not change the result."""
    claims = base.claims
    before = dataclasses.replace(base, claims=tuple(claims[i] for i in sorted(keep_before)))
    after = dataclasses.replace(base, claims=tuple(claims[i] for i in sorted(keep_after, reverse=True)))
    cs = compute_changes(load_previous_from(compute_changes(Previous(None), before, "2026-01-01")), after, "2026-01-02")
    got = cs.latest.changes if cs.recorded and not cs.latest.first else ()
    ids = lambda s: {claims[i].id for i in s}  # noqa: E731
    assert {c.id for c in got if c.change == "new"} == ids(keep_after - keep_before)
    assert {c.id for c in got if c.change == "removed"} == ids(keep_before - keep_after)
    assert all(isinstance(c, Change) and c.kind == "claims" for c in got)


def test_changed_positions_and_event_status(base):
    from generator.model import Position, Question

    q = Question("assad-must-go", "Should Bashar al-Assad leave power?", "leave_power", "bashar-assad",
                 (Position("un-93000-killed", "david-cameron", "united-kingdom", "for", None, None),
                  Position("putin-not-protecting-assad", "vladimir-putin", "russia", "against", None, None)))
    before = dataclasses.replace(base, questions=(q,))
    moved = dataclasses.replace(q, positions=(dataclasses.replace(q.positions[0], stance="neutral"), q.positions[1]))
    planned = replace_in(base.events, "g8-summit-2013-06-17", status="planned")
    after = dataclasses.replace(base, questions=(moved,), events=planned)
    cs = compute_changes(load_previous_from(compute_changes(Previous(None), before, "2026-01-01")), after, "2026-01-02")
    assert as_set(cs.latest.changes) == {
        ("questions", "assad-must-go", "updated", "position changed: united-kingdom for → neutral"),
        ("events", "g8-summit-2013-06-17", "updated", "status happened → planned"),
    }

"""Floors on the seeds gold (tests/eval/seeds_gold.yml): quality never falls silently.

PolNeAR and TempEval floors live in test_claims.py and test_dates.py (they need ../shared)."""

from __future__ import annotations

import pytest

from tests.eval.seeds import evaluate

# Every section at 100 % when these floors were set; a section may not drop below its floor.
FLOORS = {
    "quotation speakers": 1.0,  # every named speaker of a quotation attributed to the right actor
    "anonymous speakers": 1.0,
    "stance claims": 1.0,
    "corroborated claims": 1.0,
    "series points": 1.0,
    "alias merges (no curation)": 1.0,
    "actor kinds (no curation)": 1.0,
    "non-actors kept out": 1.0,
    "roles from text (no curation)": 1.0,
    "publication dates": 1.0,
    "date values": 1.0,
    "events": 1.0,
}


@pytest.fixture(scope="module")
def scores():
    s = evaluate()
    s.pop("_misses")
    return s


@pytest.mark.parametrize("section", sorted(FLOORS))
def test_floor(scores, section):
    ok, n = scores[section]
    assert n > 0 and ok / n >= FLOORS[section], f"{section}: {ok}/{n}"

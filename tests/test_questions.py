"""Questions, stances, sides and camps (generator/resolve/questions.py), their curation, and the
seeds' "Should Bashar al-Assad leave power?" page."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.config import Curation, CuratedCamp, CuratedQuestion, load_curation
from generator.errors import CurationError
from generator.model import Actor, Claim, PubDate, Ref, Role, Source
from generator.resolve.questions import resolve_questions, sides, stance


def claim(cid: str, speaker: str | None, text: str, *, cue: str = "said", cue_kind: str = "say", negated: bool = False,
          about: tuple[str, ...] = (), topic: str | None = None, source: str = "s1", date: str = "2013-06-17") -> Claim:
    ref = Ref(source, 0, 0, 1)
    return Claim(cid, speaker, speaker or "an official", None, text, False, cue, cue_kind, date, "day", source, ref,
                 (source,), (ref,), about=about, topic=topic, negated=negated)


def actor(aid: str, name: str, kind: str, roles: tuple[Role, ...] = (), description: str | None = None,
          sources: tuple[str, ...] = ("s1",)) -> Actor:
    return Actor(aid, name, kind, (), roles, sources, 2, description=description)


ACTORS = (
    actor("russia", "Russia", "state"),
    actor("syria", "Syria", "state"),
    actor("united-kingdom", "United Kingdom", "state"),
    actor("france", "France", "state"),
    actor("assad", "Bashar al-Assad", "person", (Role("President of Syria", "2000-07-17", None, ()),)),
    actor("putin", "Vladimir Putin", "person", (Role("President of Russia", "2012-05-07", None, ()),)),
    actor("lukashevich", "Alexander Lukashevich", "person", description="Spokesman of Russia's foreign ministry."),
    actor("rt", "RT", "organisation"),
    actor("markov", "Sergei Markov", "person"),
)
SOURCES = (Source("s1", "s1.txt", "S1", None, None, PubDate("2013-06-17", "day", "sidecar"), "h"),)


@pytest.mark.parametrize(
    "text, cue, cue_kind, negated, expected",
    [
        ("Syrian President Bashar Assad to leave power", "has not urged", "stance", True, "against"),
        ("Assad should step down", "said", "say", False, "for"),
        ("Assad should not step down", "said", "say", False, "against"),
        ("it included the November plan — not a January plan that called for him to cede power", "made clear", "say", False, "against"),
        ("the plan works. But Western leaders still maintain that Assad should leave power", "says", "say", False, "neutral"),
        ("any demand that Assad step down", "rejected", "deny", False, "against"),
    ],
)
def test_stance_respects_negation_denial_and_reported_views(text, cue, cue_kind, negated, expected):
    c = claim("c", "putin", text, cue=cue, cue_kind=cue_kind, negated=negated, about=("assad",), topic="leader-leaves")
    assert stance(c, "leader-leaves") == expected


def test_chemical_weapons_stance_needs_blame():
    blame = claim("a", "uk", "Assad’s troops of using chemical weapons", cue="accuses", cue_kind="accuse")
    secure = claim("b", "obama", "we share an interest in securing chemical weapons")
    assert stance(blame, "chemical-weapons") == "for"
    assert stance(secure, "chemical-weapons") == "neutral"


def test_officials_and_state_media_count_for_their_state():
    s = sides(ACTORS)
    assert s["putin"] == "russia" and s["assad"] == "syria"
    assert s["lukashevich"] == "russia"  # from the description
    assert s["rt"] == "russia"  # state media
    assert "markov" not in s  # an analyst speaks for himself


def _claims():
    return [
        claim("putin-no", "putin", "Syrian President Bashar Assad to leave power", cue="has not urged", cue_kind="stance",
              negated=True, about=("assad",), topic="leader-leaves"),
        claim("assad-no", "assad", "he will not step down", about=(), topic="leader-leaves"),
        claim("uk-yes", "united-kingdom", "Bashar Assad to step down", cue="wants", cue_kind="stance", about=("assad",),
              topic="leader-leaves"),
        claim("fr-yes", "france", "Assad must go", about=("assad",), topic="leader-leaves"),
        claim("lonely", "putin", "sanctions on Syria are wrong", about=("syria",), topic="sanctions"),
    ]


def test_questions_are_discovered_and_camps_come_from_agreement():
    questions, camps, problems = resolve_questions(_claims(), ACTORS, SOURCES, Curation())
    assert [q.title for q in questions] == ["Should Bashar al-Assad leave power?"]  # sanctions: one side only
    q = questions[0]
    stances = {p.claim: (p.side, p.stance) for p in q.positions}
    assert stances == {"putin-no": ("russia", "against"), "assad-no": ("syria", "against"),
                       "uk-yes": ("united-kingdom", "for"), "fr-yes": ("france", "for")}
    assert {c.members for c in camps} == {("russia", "syria"), ("france", "united-kingdom")}
    assert problems == []


def test_curation_renames_adds_questions_and_sets_camps_with_warnings():
    cur = Curation(
        questions=(
            CuratedQuestion("Must Assad go?", replaces=("Should Bashar al-Assad leave power?",), line=3),
            CuratedQuestion("Sanctions on Syria?", topic="sanctions", target="Syria", line=5),
            CuratedQuestion("Nothing?", replaces=("No such question",), line=7),
        ),
        camps=(CuratedCamp("The West", ("United Kingdom", "France", "Atlantis"), line=9),),
        path="dossier.yml",
    )
    questions, camps, problems = resolve_questions(_claims(), ACTORS, SOURCES, cur)
    titles = {q.title: q for q in questions}
    assert set(titles) == {"Must Assad go?", "Sanctions on Syria?"}
    assert len(titles["Must Assad go?"].positions) == 4 and titles["Must Assad go?"].evidence == "curation"
    assert [p.claim for p in titles["Sanctions on Syria?"].positions] == ["lonely"]
    assert camps[0].name == "The West" and camps[0].members == ("france", "united-kingdom")
    assert ("russia", "syria") in {c.members for c in camps}  # still discovered among the others
    reasons = sorted(f"{p.path}: {p.reason}" for p in problems)
    assert reasons == ["dossier.yml:7: questions.from: no discovered question 'No such question' "
                       "(known: Sanctions on Syria?, Should Bashar al-Assad leave power?)",
                       "dossier.yml:7: questions: 'Nothing?' matches no claim; left out",
                       "dossier.yml:9: camps.members: no actor named 'Atlantis'"]


def test_curation_schema_errors_name_line_and_key(tmp_path):
    p = tmp_path / "dossier.yml"
    p.write_text(textwrap.dedent("""\
        questions:
          - title: Only a title
          - from: [x]
          - title: T
            topic: Not A Topic
        camps:
          - name: West
          - members: [France]
            colour: red
    """), encoding="utf-8")
    with pytest.raises(CurationError) as info:
        load_curation(p)
    got = {(line, key) for _f, line, key, _m in info.value.errors}
    assert (2, "questions[0]") in got  # neither from nor topic/words
    assert (3, "questions[1].title") in got
    assert (5, "questions[2].topic") in got
    assert (7, "camps[0].members") in got
    assert (8, "camps[1].name") in got
    assert (9, "camps[1].colour") in got


def test_seeds_question_who_says_assad_must_go(seeds_project):
    import json

    root, _ = seeds_project
    data = json.loads((root / "docs" / "dossier.json").read_text(encoding="utf-8"))
    q = next(q for q in data["questions"] if q["title"] == "Should Bashar al-Assad leave power?")
    by = {(p["holder"], p["stance"]) for p in q["positions"]}
    assert ("united-kingdom", "for") in by
    assert ("vladimir-putin", "against") in by  # "has not urged Assad to leave power"
    assert ("bashar-al-assad", "against") in by  # "not a January plan that called for him to cede power"
    assert ("sergei-markov", "neutral") in by  # he reports what Western leaders maintain
    page = (root / "docs" / "questions" / q["id"] / "index.md").read_text(encoding="utf-8")
    assert "## The answer" in page and "Western governments" in page
    claim_page = (root / "docs" / "claims" / "vladimir-putin-syrian-president-bashar-assad-to-leave" / "index.md").read_text(encoding="utf-8")
    assert f"../../questions/{q['id']}/index.md" in claim_page
    home = (root / "docs" / "index.md").read_text(encoding="utf-8")
    assert "## What the sides say" in home and f"questions/{q['id']}/index.md" in home


ROOT = Path(__file__).resolve().parents[1]

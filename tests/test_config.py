"""The curation file: every error listed with file, line, key and what was expected; nothing written."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.config import Curation, load_curation
from generator.errors import CurationError

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "dossier.yml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def errors_of(path: Path) -> list[tuple[str, int, str, str]]:
    with pytest.raises(CurationError) as info:
        load_curation(path)
    return info.value.errors


def test_missing_file_is_empty_curation(tmp_path):
    assert load_curation(tmp_path / "nope.yml") == Curation()


def test_shipped_curation_is_valid():
    cur = load_curation(ROOT / "dossier.yml")
    names = {a.name for a in cur.actors}
    assert {"Vladimir Putin", "Sergei Lavrov"} <= names
    putin = next(a for a in cur.actors if a.name == "Vladimir Putin")
    assert [r.title for r in putin.roles] == ["Prime Minister of Russia", "President-elect of Russia", "President of Russia"]


def test_every_error_is_listed_with_line_and_key(tmp_path):
    p = write(
        tmp_path,
        """\
        site:
          title: 42
        actors:
          - name: Vladimir Putin
            kind: wizard
            roles:
              - {title: President, start: 2012-13-01}
          - kind: person
            aliases: Putin
        ignore: [ok, {bad: 1}]
        colour: blue
        """,
    )
    errs = errors_of(p)
    got = {(line, key, msg) for _f, line, key, msg in errs}
    assert all(f == str(p) for f, *_ in errs)
    assert (2, "site.title", "expected a non-empty string") in got
    assert (5, "actors[0].kind", "expected one of person, organisation, state, armed_group, got 'wizard'") in got
    assert any(line == 7 and key == "actors[0].roles[0].start" and msg.startswith("expected a date YYYY[-MM[-DD]]") for line, key, msg in got)
    assert (8, "actors[1].name", "required key is missing") in got
    assert (9, "actors[1].aliases", "expected a list") in got
    assert (10, "ignore[1]", "expected a non-empty string") in got
    assert (11, "colour", "unknown key (expected one of: site, actors, ignore, articles, questions, camps)") in got
    assert len(errs) == 7


def test_role_ending_before_it_starts(tmp_path):
    p = write(tmp_path, "actors:\n  - name: X Y\n    roles:\n      - {title: President, start: 2012-05-07, end: 2008-01-01}\n")
    assert errors_of(p) == [(str(p), 4, "actors[0].roles[0].end", "ends (2008-01-01) before it starts (2012-05-07)")]


def test_alias_given_to_two_actors(tmp_path):
    p = write(tmp_path, "actors:\n  - {name: A B, aliases: [AB]}\n  - {name: C D, aliases: [ab]}\n")
    assert errors_of(p) == [(str(p), 0, "actors", "alias 'ab' given to both 'A B' and 'C D'")]


def test_not_yaml(tmp_path):
    p = write(tmp_path, "actors: [\n  - name: x\n")
    (f, line, key, msg), = errors_of(p)
    assert f == str(p) and line >= 2 and msg.startswith("not valid YAML")


def test_article_overrides(tmp_path):
    p = write(tmp_path, "articles:\n  a.txt: {published: 2013-06, outlet: RT}\n  b.txt: {published: yesterday}\n")
    errs = errors_of(p)
    assert [(e[1], e[2]) for e in errs] == [(3, "articles.b.txt.published")]


def test_fingerprint_changes_with_content(tmp_path):
    a = load_curation(write(tmp_path, "ignore: [X]\n"))
    b = load_curation(write(tmp_path, "ignore: [Y]\n"))
    assert a.fingerprint() != b.fingerprint()


def test_actor_kinds_are_one_list(tmp_path):
    """Curation accepts exactly the kinds resolve makes actors of (model.ACTOR_KINDS); 'group' (NER's
    nationalities) is a mention kind, never an actor, so a curated actor cannot be one."""
    from generator.model import ACTOR_KINDS, MENTION_KINDS
    from generator.views.fmt import KIND_LABELS

    for kind in ACTOR_KINDS:
        cur = load_curation(write(tmp_path, f"actors:\n  - name: X Y\n    kind: {kind}\n"))
        assert cur.actors[0].kind == kind
    errs = errors_of(write(tmp_path, "actors:\n  - name: X Y\n    kind: group\n"))
    assert len(errs) == 1 and "armed_group" in errs[0][3] and "'group'" in errs[0][3]
    assert set(MENTION_KINDS) <= set(KIND_LABELS)

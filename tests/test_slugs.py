"""Slugs (generator/urls.py): safe, bounded, deterministic, unique."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.urls import MAX_SLUG, short_hash, slugify, unique_slug

SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Vladimir Putin", "vladimir-putin"),
        ("Brief Russia-West détente (+video)", "brief-russia-west-detente-video"),
        ("003_941f6076fecd7817", "003-941f6076fecd7817"),
        ("../../etc/x", "etc-x"),
        ("a b;$(x)", "a-b-x"),
        ("Straße Ærø", "strasse-aero"),
        ("Путин", "putin"),
        ("Сергей Лавров", "sergei-lavrov"),
        ("  --Hello--  ", "hello"),
        ("ﬁnance", "finance"),  # ligature folded by NFKD
    ],
)
def test_slugify_examples(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", ".", "..", "---", "日本語", "   ", "\u200b"])
def test_slugify_never_empty_or_dots(text: str) -> None:
    slug = slugify(text)
    assert SAFE.match(slug)
    assert slug == f"x-{short_hash(text)}"
    assert slug not in (".", "..")


def test_slugify_is_bounded_and_cuts_at_a_word() -> None:
    slug = slugify("word " * 100)
    assert len(slug) <= MAX_SLUG
    assert slug.endswith("word")
    assert len(slugify("x" * 500)) == MAX_SLUG


def test_unique_slug_suffix_is_a_hash_of_the_key() -> None:
    taken = {"a-b"}
    first = unique_slug("A B", taken, key="A B.txt")
    assert first.startswith("a-b-") and first != "a-b"
    # deterministic: same key, same slug, whatever else was taken before
    assert unique_slug("A B", {"a-b", "zzz"}, key="A B.txt") == first
    assert unique_slug("a-b", set()) == "a-b"
    assert taken == {"a-b"}  # not modified


def test_unique_slug_survives_repeated_collisions() -> None:
    taken: set[str] = set()
    for _ in range(5):
        s = unique_slug("same", taken, key="same")
        assert s not in taken
        taken.add(s)
    assert len(taken) == 5


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_slugify_is_always_safe(text: str) -> None:
    slug = slugify(text)
    assert SAFE.match(slug), slug
    assert 1 <= len(slug) <= MAX_SLUG
    assert "/" not in slug and ".." not in slug
    assert slugify(text) == slug  # deterministic


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=30))
def test_unique_slugs_are_unique_and_safe(names: list[str]) -> None:
    taken: set[str] = set()
    for name in names:
        s = unique_slug(name, taken, key=name)
        assert SAFE.match(s) and len(s) <= MAX_SLUG
        assert s not in taken
        taken.add(s)

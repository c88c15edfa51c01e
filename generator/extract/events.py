"""Event mentions (placeholder while being written)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawEvent:
    trigger: tuple[int, int]
    kind: str
    date: str | None
    precision: str | None
    date_span: tuple[int, int] | None
    place: str | None
    participants: tuple[tuple[int, int], ...]
    sentence: int


def find_events(doc, dates):
    return []

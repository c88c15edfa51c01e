"""The change report as a reader reads it (site's What's new page, Atom feed, PDF's "Since the last
briefing"): one build's changes in named groups, in a fixed order, and a one-line summary."""

from __future__ import annotations

from dataclasses import dataclass

from ..changes import BuildChanges, Change

# (kind, change, heading): the order of the groups on the page, in the feed and in the PDF.
GROUPS = (
    ("sources", "new", "New sources"),
    ("sources", "updated", "Edited sources"),
    ("sources", "removed", "Removed sources"),
    ("actors", "new", "New actors"),
    ("actors", "updated", "Actors with new roles"),
    ("actors", "removed", "Actors no longer named"),
    ("claims", "new", "New claims"),
    ("claims", "updated", "Claims newly corroborated or diverging"),
    ("claims", "removed", "Claims no longer reported"),
    ("events", "new", "New events"),
    ("events", "updated", "Events with a new date or status"),
    ("events", "removed", "Events no longer reported"),
    ("questions", "new", "New questions"),
    ("questions", "updated", "Changed positions"),
    ("questions", "removed", "Questions no longer argued"),
)
NOUNS = {"sources": "source", "actors": "actor", "claims": "claim", "events": "event", "questions": "question"}
WORDS = {"new": "new", "updated": "updated", "removed": "removed"}


@dataclass(frozen=True)
class Group:
    kind: str
    change: str
    title: str
    items: tuple[Change, ...]  # at most the limit asked for
    total: int  # items in the build, shown or not

    @property
    def left_out(self) -> int:
        return self.total - len(self.items)


def groups(build: BuildChanges, limit: int | None = None) -> list[Group]:
    """The non-empty groups of one build, each cut at ``limit`` items."""
    out = []
    for kind, change, title in GROUPS:
        items = build.of(kind, change)
        if items:
            out.append(Group(kind, change, title, tuple(items[:limit] if limit else items), len(items)))
    return out


def held(build: BuildChanges) -> str:
    """What a build held: ``5 sources, 40 actors, 31 claims, 12 events``."""
    return ", ".join(f"{n:,} {NOUNS[k]}{'s' if n != 1 else ''}" for k, n in build.totals if n) or "nothing yet"


def summary(build: BuildChanges) -> str:
    """``2 new sources, 1 edited source; 5 new actors; ...`` (or what a first build holds)."""
    if build.first:
        return "first build: " + held(build)
    parts = []
    for kind in NOUNS:
        bits = []
        for change in ("new", "updated", "removed"):
            n = len(build.of(kind, change))
            if n:
                word = "edited" if (kind, change) == ("sources", "updated") else WORDS[change]
                bits.append(f"{n:,} {word} {NOUNS[kind]}{'s' if n != 1 else ''}")
        if bits:
            parts.append(", ".join(bits))
    return "; ".join(parts) or "no change"

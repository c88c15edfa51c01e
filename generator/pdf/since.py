"""The briefing's "Since the last briefing" section: what this build changed since the previous one
(``generator.changes``), grouped as on the site's What's new page, each group capped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..changes import ChangeSet
from ..views import changes as change_views
from ..views.fmt import date_text
from ..views.text import truncate
from . import caps as S

@dataclass(frozen=True)
class SinceItem:
    text: str
    anchor: str | None  # the entity's place in this PDF, when it is in it
    detail: str


@dataclass(frozen=True)
class SinceGroup:
    title: str
    items: tuple[SinceItem, ...]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class SinceView:
    previous: str  # date of the previous build ("1 December 2026")
    built: str  # date of this one
    summary: str
    groups: tuple[SinceGroup, ...]


def since_view(changes: ChangeSet | None, anchor_of: Callable[[str, str], str | None],
               label_of: Callable[[str, str], str | None] = lambda kind, id_: None) -> SinceView | None:
    """None on a first build or when nothing changed (then the briefing has no such section).

    ``anchor_of(kind, id)``: the entity's anchor in this PDF, None when it is not printed in it;
    ``label_of(kind, id)``: how the PDF names it (a claim with its speaker), None: the change's label."""
    build = changes.since_last if changes is not None else None
    if build is None:
        return None
    earlier = [b for b in changes.builds if b.number < build.number]
    previous = date_text(earlier[0].built_at, "day") if earlier else "the previous build"
    groups = []
    for g in change_views.groups(build, S.SINCE_ITEMS):
        items = tuple(
            SinceItem(truncate((label_of(g.kind, c.id) if c.change != "removed" else None) or c.label, 140),
                      anchor_of(g.kind, c.id) if c.change != "removed" else None, c.detail)
            for c in g.items
        )
        groups.append(SinceGroup(g.title, items, g.total))
    text = change_views.summary(build)
    return SinceView(previous, date_text(build.built_at, "day"), text[:1].upper() + text[1:], tuple(groups))

"""Stage 3b, changes: what this build changed since the previous one, by stable ids.

Takes the previous build (:func:`load_previous`: the history in the cache folder, else the last
``dossier.json``, else nothing) and the resolved model as shown (``views.dossier``), and returns a
frozen :class:`ChangeSet`: new and removed sources, edited sources; new actors and actors with new
roles; new claims, claims newly corroborated or newly diverging; new events, events whose date or
status changed; changed positions on a question (when the model has questions). What counts as a
change of each kind is in :mod:`.state`.

The last ``HISTORY_LIMIT`` builds that changed something are kept; a build that changes nothing adds
no entry, so rebuilding the same input gives the same pages and feed. A first build (no previous
build, or an unusable one -- with a warning) records a baseline and lists nothing as new; nor do the
new/updated marks ever point at the baseline. Pure: the history is written by the pipeline after a
successful build (:func:`save_history`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .history import HISTORY_FILE, Previous, load_previous, save_history
from .state import KINDS, differences, state_of

__all__ = ["Change", "BuildChanges", "Mark", "ChangeSet", "compute_changes", "load_previous", "save_history",
           "HISTORY_FILE", "HISTORY_LIMIT", "Previous"]

HISTORY_LIMIT = 10  # builds kept in the history, on the What's new page and in the feed
ORDER = {"new": 0, "updated": 1, "removed": 2}


@dataclass(frozen=True)
class Change:
    kind: str  # sources | actors | claims | events | questions
    id: str
    change: str  # new | updated | removed
    label: str  # title, name or words (a removed entity has no page left to link)
    detail: str = ""  # for an update: "edited", "new role: President", "newly corroborated (1 claim)"


@dataclass(frozen=True)
class BuildChanges:
    number: int  # 1, 2, 3... counted from the first build kept in the history
    built_at: str  # ISO date (pipeline.build_time)
    first: bool  # the baseline: nothing is listed as new
    changes: tuple[Change, ...]
    totals: tuple[tuple[str, int], ...] = ()  # (kind, how many) in that build

    def of(self, kind: str, change: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind and c.change == change]

    def count(self, change: str) -> int:
        return sum(c.change == change for c in self.changes)


@dataclass(frozen=True)
class Mark:
    change: str  # new | updated
    number: int  # the build
    built_at: str


@dataclass(frozen=True)
class ChangeSet:
    builds: tuple[BuildChanges, ...]  # latest first, at most HISTORY_LIMIT
    recorded: bool  # this build changed something: it is builds[0]
    origin: str  # where the previous build was read: history | dossier.json | none
    warning: str | None  # why the previous build could not be read (then it is a first build)
    marks: Mapping[str, Mapping[str, Mark]] = field(default_factory=dict)  # kind -> id -> mark
    history: Mapping[str, Any] = field(default_factory=dict, compare=False)  # to save after the build

    @property
    def latest(self) -> BuildChanges | None:
        return self.builds[0] if self.builds else None

    @property
    def since_last(self) -> BuildChanges | None:
        """The latest build that changed something, unless it is the first: what the briefing reports
        as "Since the last briefing" (a rebuild that changes nothing keeps showing it, as the site's
        What's new page does, so the PDF and the site agree)."""
        b = self.latest
        return b if b is not None and not b.first else None

    @property
    def first(self) -> bool:
        return self.latest is not None and self.latest.first and len(self.builds) == 1

    def mark(self, kind: str, id: str) -> Mark | None:
        return self.marks.get(kind, {}).get(id)

    @property
    def any_marks(self) -> bool:
        return any(self.marks.get(k) for k in KINDS)


def _diff(old: dict, new: dict) -> list[Change]:
    out: list[Change] = []
    for kind in KINDS:
        was, now = old.get(kind, {}), new.get(kind, {})
        for i in now.keys() - was.keys():
            out.append(Change(kind, i, "new", str(now[i].get("label") or i)))
        for i in was.keys() - now.keys():
            out.append(Change(kind, i, "removed", str(was[i].get("label") or i)))
        for i in now.keys() & was.keys():
            what = differences(kind, was[i], now[i])
            if what:
                out.append(Change(kind, i, "updated", str(now[i].get("label") or i), "; ".join(what)))
    return sorted(out, key=lambda c: (KINDS.index(c.kind), ORDER[c.change], c.label.casefold(), c.id))


def _entry_data(b: BuildChanges) -> dict:
    return {"number": b.number, "built_at": b.built_at, "first": b.first, "totals": dict(b.totals),
            "changes": [[c.kind, c.id, c.change, c.label, c.detail] for c in b.changes]}


def _entry(data: dict) -> BuildChanges:
    totals = data.get("totals") if isinstance(data.get("totals"), dict) else {}
    return BuildChanges(
        int(data["number"]), str(data["built_at"]), bool(data.get("first")),
        tuple(Change(*map(str, c)) for c in data["changes"]), tuple((k, int(totals[k])) for k in KINDS if k in totals),
    )


def _marks(raw: dict, builds: tuple[BuildChanges, ...]) -> tuple[dict, dict]:
    """The marks to show and to keep: an entity's latest change, if that build is still kept."""
    kept = {b.number: b for b in builds if not b.first}
    shown: dict[str, dict[str, Mark]] = {}
    keep: dict[str, dict[str, list[int]]] = {}
    for kind in KINDS:
        for i, (added, updated) in sorted(raw.get(kind, {}).items()):
            if updated in kept and updated >= added:
                shown.setdefault(kind, {})[i] = Mark("updated", updated, kept[updated].built_at)
            elif added in kept:
                shown.setdefault(kind, {})[i] = Mark("new", added, kept[added].built_at)
            else:
                continue
            keep.setdefault(kind, {})[i] = [added, updated]
    return shown, keep


def compute_changes(previous: Previous, model: Any, built_at: str, *, limit: int = HISTORY_LIMIT) -> ChangeSet:
    """The ChangeSet of this build (``model``: a Dossier, as shown) against ``previous``."""
    now = state_of(model)
    totals = tuple((k, len(now[k])) for k in KINDS)
    old_builds = tuple(_entry(b) for b in previous.builds)
    changes = _diff(previous.state, now) if previous.state is not None else []
    if previous.state is None or (not changes and not old_builds):
        # first build (or a dossier.json that is this very model): the baseline
        entry = BuildChanges(1, built_at, True, (), totals)
        builds, recorded, raw = (entry,), True, {}
    else:
        raw = {k: {i: list(v) for i, v in (previous.marks or {}).get(k, {}).items()} for k in KINDS}
        if changes:
            number = (max(b.number for b in old_builds) if old_builds else 1) + 1
            entry = BuildChanges(number, built_at, False, tuple(changes), totals)
            builds, recorded = ((entry, *old_builds)[:limit]), True
            for c in changes:
                if c.change == "removed":
                    raw[c.kind].pop(c.id, None)
                elif c.change == "new":
                    raw[c.kind][c.id] = [number, 0]
                else:
                    raw[c.kind][c.id] = [raw[c.kind].get(c.id, [0, 0])[0], number]
        else:
            builds, recorded = old_builds, False
    shown, keep = _marks(raw, builds)
    history = {"format": 1, "builds": [_entry_data(b) for b in builds], "state": now, "marks": keep}
    return ChangeSet(builds, recorded, previous.origin, previous.warning, shown, history)

"""Places of events and what contains what, learnt from the corpus itself.

Articles say where a place is ("Khan Sheikhoun in Idlib province", "the town of Douma, east of
Damascus"); extraction records that as an event mention's ``place_in``. Across the corpus these
pairs make a containment hierarchy (town in province in country), so that "an attack in Khan
Sheikhoun" and "an attack in Idlib" can be one event while "an attack in Aleppo" and "an attack in
Homs" never are. Names compare case-insensitively, without "the", and a name contained in another
("Aleppo" / "Aleppo city", "eastern Ghouta" / "Ghouta") is the same place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

_NOISE = ("the ", "city of ", "town of ", "province of ")
_SUFFIXES = (" province", " governorate", " city", " countryside", " region", " suburbs", " district")
_PREFIXES = ("eastern ", "western ", "northern ", "southern ", "east ", "west ", "north ", "south ", "rural ")


def place_key(name: str | None) -> str | None:
    """The comparable form of a place name ("Idlib province" -> "idlib", "the Old City" -> "old city")."""
    if not name:
        return None
    key = " ".join(name.casefold().replace("-", " ").split())
    for p in _NOISE:
        key = key.removeprefix(p)
    for s in _SUFFIXES:
        key = key.removesuffix(s)
    return key or None


def _direction(key: str) -> str | None:
    first = key.split()[0]
    for d in ("east", "west", "north", "south"):
        if first.startswith(d):
            return d
    return None


class Places:
    """Containment between place names: ``contains(a, b)`` when ``b`` is said to be in ``a``."""

    def __init__(self, pairs: Iterable[tuple[str | None, str | None]], states: Iterable[str] = ()):
        self._states = {k for k in (place_key(s) for s in states) if k}
        parents: dict[str, set[str]] = defaultdict(set)
        for inner, outer in pairs:
            a, b = place_key(inner), place_key(outer)
            if a and b and not self._same_name(a, b):
                parents[a].add(b)
        self._parents = dict(parents)

    @staticmethod
    def _same_name(a: str, b: str) -> bool:
        if a == b:
            return True
        da, db = _direction(a), _direction(b)
        if da and db and da != db:
            return False  # "East Aleppo" and "West Aleppo" are two places
        for p in _PREFIXES:
            a, b = a.removeprefix(p), b.removeprefix(p)
        return a == b or (len(a) >= 4 and len(b) >= 4 and (f" {a} " in f" {b} " or f" {b} " in f" {a} "))

    def is_state(self, name: str | None) -> bool:
        return place_key(name) in self._states

    def same(self, a: str | None, b: str | None) -> bool:
        """Two names of one place, more precise than a country ("Aleppo" / "eastern Aleppo city")."""
        ka, kb = place_key(a), place_key(b)
        return bool(ka and kb) and ka not in self._states and kb not in self._states and self._same_name(ka, kb)

    def identical(self, a: str | None, b: str | None) -> bool:
        """The same name below a country ("Idlib province" / "Idlib"; not "Aleppo" / "East Aleppo")."""
        ka, kb = place_key(a), place_key(b)
        return bool(ka) and ka == kb and ka not in self._states

    def ancestors(self, key: str) -> set[str]:
        out: set[str] = set()
        frontier = [key]
        while frontier:
            nxt = []
            for k in frontier:
                for p in self._parents.get(k, ()):
                    if p not in out and p != key:
                        out.add(p)
                        nxt.append(p)
            frontier = nxt
        return out

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Could two place names be where one event happened: the same place, or one within the other."""
        ka, kb = place_key(a), place_key(b)
        if not ka or not kb:
            return True
        if self._same_name(ka, kb):
            return True
        return any(self._same_name(x, kb) for x in self.ancestors(ka)) or any(
            self._same_name(x, ka) for x in self.ancestors(kb))

    def more_specific(self, a: str, b: str) -> bool:
        """``a`` lies within ``b``."""
        ka, kb = place_key(a), place_key(b)
        return bool(ka and kb) and any(self._same_name(x, kb) for x in self.ancestors(ka))

"""What of a model the change report compares: one small record per entity, by stable id.

``state_of`` reads either the model's dataclasses (this build) or the plain JSON of a previous
``dossier.json`` (same field names), so a previous build can be read from either the history in
the cache or the last ``dossier.json``. The state is plain JSON data: it is what the history file
keeps of the last build (a few fields per entity, not the model), so reading it back is cheap.

Per kind, what counts as a change of an entity that exists in both builds:

- source: its bytes (content hash) changed -- the article was edited;
- actor: it holds a role (title) it did not hold before;
- claim: another claim now corroborates it, or now diverges from it;
- event: its date or its status changed;
- question: a side's stance on it changed (when the model has questions).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KINDS = ("sources", "actors", "claims", "events", "questions")
LABEL_LIMIT = 160  # characters of a claim's words kept to name a removed claim


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _ids(values: Any) -> list[str]:
    return sorted({str(v) for v in values or ()})


def _source(s: Any) -> dict:
    return {"label": _get(s, "title") or _get(s, "id"), "hash": _get(s, "content_hash")}


def _actor(a: Any) -> dict:
    return {"label": _get(a, "name"), "roles": _ids(_get(r, "title") for r in _get(a, "roles", ()))}


def _claim(c: Any) -> dict:
    text = str(_get(c, "text") or "")
    return {
        "label": text[:LABEL_LIMIT],
        "corroborating": _ids(_get(c, "corroborating", ())),
        "diverging": _ids(_get(c, "diverging", ())),
    }


def _event(e: Any) -> dict:
    return {"label": _get(e, "title"), "date": _get(e, "date"), "status": _get(e, "status")}


def _question(q: Any) -> dict:
    stances: dict[str, set[str]] = {}
    for p in _get(q, "positions", ()) or ():
        side = _get(p, "side") or _get(p, "holder")
        if side:
            stances.setdefault(str(side), set()).add(str(_get(p, "stance")))
    return {"label": _get(q, "title"), "stances": {k: "/".join(sorted(v)) for k, v in sorted(stances.items())}}


_RECORD = {"sources": _source, "actors": _actor, "claims": _claim, "events": _event, "questions": _question}


def state_of(model: Any) -> dict[str, dict[str, dict]]:
    """``{kind: {id: record}}`` for a Dossier or the plain data of a ``dossier.json``."""
    out: dict[str, dict[str, dict]] = {}
    for kind in KINDS:
        items = _get(model, kind, ()) or ()
        out[kind] = {str(_get(x, "id")): _RECORD[kind](x) for x in items}
    return out


def valid_state(data: Any) -> bool:
    """A state read back from disk has the shape ``state_of`` gives (anything else is corrupt)."""
    if not isinstance(data, dict):
        return False
    for kind in KINDS:
        recs = data.get(kind, {})
        if not isinstance(recs, dict) or not all(isinstance(r, dict) for r in recs.values()):
            return False
    return True


def differences(kind: str, old: dict, new: dict) -> list[str]:
    """What changed in one entity present in both builds, as short phrases (empty: unchanged)."""
    out: list[str] = []
    if kind == "sources":
        if old.get("hash") != new.get("hash"):
            out.append("edited")
    elif kind == "actors":
        gained = sorted(set(new.get("roles", ())) - set(old.get("roles", ())))
        if gained:
            out.append(("new role: " if len(gained) == 1 else "new roles: ") + ", ".join(gained))
    elif kind == "claims":
        for key, word in (("corroborating", "newly corroborated"), ("diverging", "newly diverging")):
            gained = set(new.get(key, ())) - set(old.get(key, ()))
            if gained:
                out.append(f"{word} ({len(gained)} claim{'s' if len(gained) > 1 else ''})")
    elif kind == "events":
        for key in ("date", "status"):
            if old.get(key) != new.get(key):
                out.append(f"{key} {old.get(key) or 'none'} → {new.get(key) or 'none'}")
    elif kind == "questions":
        was, now = old.get("stances", {}), new.get("stances", {})
        moved = sorted(s for s in now if s in was and was[s] != now[s])
        if moved:
            out.append("position changed: " + ", ".join(f"{s} {was[s]} → {now[s]}" for s in moved))
    return out

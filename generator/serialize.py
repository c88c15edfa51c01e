"""Dataclasses <-> plain JSON values, for the cache and for ``dossier.json``.

One generic pair of functions driven by the dataclasses' type hints, so the model is declared once.
Output is deterministic: keys sorted by ``json.dumps(sort_keys=True)`` at the call sites.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from typing import Any

from . import model


def to_plain(obj: Any, *, skip: frozenset[str] = frozenset()) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: to_plain(getattr(obj, f.name), skip=skip) for f in dataclasses.fields(obj) if f.name not in skip}
    if isinstance(obj, (tuple, list)):
        return [to_plain(x, skip=skip) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_plain(v, skip=skip) for k, v in obj.items()}
    return obj


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def from_plain(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` (a model dataclass, tuple[...], Optional, scalar) from JSON data."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {tp.__name__}")
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = from_plain(hints[f.name], data[f.name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ValueError(f"{tp.__name__}.{f.name} missing")
        return tp(**kwargs)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if data is None and type(None) in args:
            return None
        for a in args:
            if a is type(None):
                continue
            return from_plain(a, data)
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise ValueError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], x) for x in data)
        return tuple(from_plain(a, x) for a, x in zip(args, data, strict=True))
    if tp in (str, int, float, bool):
        if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
            raise ValueError(f"expected {tp.__name__}, got {type(data).__name__}")
        return data
    return data


def dumps(obj: Any, *, skip: frozenset[str] = frozenset()) -> str:
    return json.dumps(to_plain(obj, skip=skip), sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def dossier_json(dossier: model.Dossier) -> str:
    """The public ``dossier.json`` (schema: generator/data/dossier.schema.json).

    Actors' mention-by-mention references are left out (they are on the source pages); everything else
    of the model is there.
    """
    return dumps(dossier, skip=frozenset({"mentions"}))

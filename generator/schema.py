"""JSON Schema of ``dossier.json``, derived from the model's dataclasses (one place per concern).

``python -m generator.schema > generator/data/dossier.schema.json`` refreshes the committed copy; a
test checks that the committed schema equals the derived one and that a built ``dossier.json``
validates against it.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

from . import model

SKIP = {"mentions"}  # left out of dossier.json (see serialize.dossier_json)


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp, vars(model))
            fields = [f for f in dataclasses.fields(tp) if f.name not in SKIP]
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or name).strip().splitlines()[0],
                "properties": {f.name: _schema(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema(a, defs) for a in typing.get_args(tp)]}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema(args[0], defs)}
        return {"type": "array", "prefixItems": [_schema(a, defs) for a in args], "minItems": len(args), "maxItems": len(args)}
    if tp is type(None):
        return {"type": "null"}
    return {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}}[tp]


def dossier_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _schema(model.Dossier, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "dossier.json",
        "description": "The resolved dossier: sources, actors, events, claims, series, problems. "
        "Offsets are character offsets into the source file's decoded text.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


if __name__ == "__main__":
    print(json.dumps(dossier_schema(), indent=1, sort_keys=True))

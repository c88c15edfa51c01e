"""The history of builds, kept in the cache folder (``<cache root>/history.json``), which CI keeps.

One JSON file: the last ``HISTORY_LIMIT`` builds that changed something (latest first, each with its
list of changes), the state of the last build (``state.state_of``) and, per entity, the build that
added it and the build that last updated it (for the new/updated marks). It is written only after
a successful build, atomically (temporary file renamed into place), so an interrupted build leaves
the previous history. Anything unreadable or of the wrong shape is reported and treated as no
history: the build then compares with the last ``dossier.json`` or, failing that, is a first build.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .state import KINDS, state_of, valid_state

FORMAT = 1
HISTORY_FILE = "history.json"


@dataclass(frozen=True)
class Previous:
    """What is known of earlier builds: nothing (first build), a ``dossier.json``, or the history."""

    state: dict | None  # the last build's state; None: first build
    builds: tuple[dict, ...] = ()  # the history's build entries, latest first (plain data)
    marks: dict | None = None  # {kind: {id: [added build number, updated build number]}}
    origin: str = "none"  # none | history | dossier.json
    warning: str | None = None  # why the history (or dossier.json) could not be used


def _valid_history(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("format") != FORMAT or not valid_state(data.get("state")):
        return False
    builds, marks = data.get("builds"), data.get("marks")
    if not isinstance(builds, list) or not builds or not isinstance(marks, dict):
        return False
    for b in builds:
        if not isinstance(b, dict) or not isinstance(b.get("number"), int) or not isinstance(b.get("built_at"), str):
            return False
        if not isinstance(b.get("changes"), list) or not all(isinstance(c, list) and len(c) == 5 for c in b["changes"]):
            return False
    return all(isinstance(marks.get(k, {}), dict) for k in KINDS)


def load_previous(history: Path | None, last_json: Path | None) -> Previous:
    """The previous build: from the history file when it is sound, else from ``last_json`` (the
    ``dossier.json`` the last build wrote), else none. Never raises."""
    warning = None
    if history is not None and history.exists():
        try:
            data = json.loads(history.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            data, warning = None, f"build history unreadable ({type(exc).__name__}: {exc})"
        if data is not None and _valid_history(data):
            return Previous(data["state"], tuple(data["builds"]), data["marks"], "history")
        warning = warning or "build history has an unexpected shape"
    if last_json is not None and last_json.exists():
        try:
            model = json.loads(last_json.read_text(encoding="utf-8"))
            if not isinstance(model, dict) or not isinstance(model.get("sources"), list):
                raise ValueError("not a dossier.json")
            state = state_of(model)
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            why = f"the last dossier.json is unreadable ({type(exc).__name__}: {exc})"
            return Previous(None, origin="none", warning=f"{warning}; {why}" if warning else why)
        return Previous(state, origin="dossier.json", warning=warning)
    return Previous(None, warning=warning)


def save_history(path: Path, data: dict) -> str | None:
    """Write the history atomically; the reason when it could not be written (not fatal)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-history-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError) as exc:
        return f"build history not written ({exc})"
    return None
